//! `hutch import`: a root filesystem tarball becomes a one-layer image in the store.
//!
//! The tarball is unpacked inside the user namespace (so owners land on mapped ids) into a
//! staging directory under `tmp/`, hashed while it streams (the layer's diff_id), then moved
//! into `layers/` under the store lock. A killed import leaves only its staging directory,
//! which the next command sweeps.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::reference::Reference;
use crate::image::store::{self, ImageIndex, ImageRecord};
use crate::util::hex;
use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::lock;
use crate::storage::remove::remove_tree_mapped;
use crate::storage::unpack::{self, UnpackStats};
use crate::util::time;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

pub struct ImportOptions {
    /// A file path, or `-` for standard input.
    pub source: String,
    pub reference: Option<String>,
    pub changes: Vec<String>,
    pub message: Option<String>,
    /// `--arch`, `--os`, `--variant`: what the image says it is built for (default: this host).
    pub arch: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
}

pub struct ImportReport {
    pub id: String,
    pub name: Option<String>,
    pub stats: UnpackStats,
}

/// Reads through to a file while hashing what passes (the uncompressed layer).
struct Tee<R> {
    inner: R,
    hasher: Sha256,
    out: std::fs::File,
    size: u64,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.out.write_all(&buf[..n])?;
        self.size += n as u64;
        Ok(n)
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct StagedLayer {
    pub diff_id: String,
    pub size: u64,
    pub stats: UnpackStats,
}

pub use crate::util::go_arch;

/// Applies Dockerfile-style `--change` instructions to an image config's `config` object.
pub fn apply_changes(config: &mut serde_json::Map<String, Value>, changes: &[String]) -> Result<()> {
    for ch in changes {
        let (instr, arg) = ch.trim().split_once(|c: char| c == ' ' || c == '=').map(|(a, b)| (a, b.trim())).unwrap_or((ch.trim(), ""));
        let list = |s: &str| -> Value {
            match serde_json::from_str::<Vec<String>>(s) {
                Ok(v) if s.trim_start().starts_with('[') => json!(v),
                _ => json!(["/bin/sh", "-c", s]),
            }
        };
        match instr.to_ascii_uppercase().as_str() {
            "CMD" => { config.insert("Cmd".into(), list(arg)); }
            "ENTRYPOINT" => { config.insert("Entrypoint".into(), list(arg)); }
            "WORKDIR" => { config.insert("WorkingDir".into(), json!(arg)); }
            "USER" => { config.insert("User".into(), json!(arg)); }
            "STOPSIGNAL" => { config.insert("StopSignal".into(), json!(arg)); }
            "ENV" => {
                let (k, v) = arg.split_once(['=', ' ']).with_context(|| format!("--change `{ch}`: ENV needs NAME=VALUE"))?;
                let env = config.entry("Env").or_insert_with(|| json!([]));
                if let Some(a) = env.as_array_mut() {
                    a.retain(|e| !e.as_str().is_some_and(|s| s.starts_with(&format!("{k}="))));
                    a.push(json!(format!("{k}={}", v.trim())));
                }
            }
            "LABEL" => {
                let (k, v) = arg.split_once('=').with_context(|| format!("--change `{ch}`: LABEL needs KEY=VALUE"))?;
                let labels = config.entry("Labels").or_insert_with(|| json!({}));
                labels[k.trim()] = json!(v.trim().trim_matches('"'));
            }
            "EXPOSE" => {
                let ports = config.entry("ExposedPorts").or_insert_with(|| json!({}));
                for p in arg.split_whitespace() {
                    let key = if p.contains('/') { p.to_string() } else { format!("{p}/tcp") };
                    ports[key] = json!({});
                }
            }
            "VOLUME" => {
                let vols = config.entry("Volumes").or_insert_with(|| json!({}));
                let list: Vec<String> = serde_json::from_str(arg).unwrap_or_else(|_| arg.split_whitespace().map(String::from).collect());
                for v in list {
                    vols[v] = json!({});
                }
            }
            other => bail!(
                "--change `{ch}`: `{other}` is not supported (use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME or WORKDIR)"
            ),
        }
    }
    Ok(())
}

impl Engine {
    pub fn import(&self, opts: ImportOptions) -> Result<ImportReport> {
        let name = match &opts.reference {
            Some(r) => {
                let parsed = Reference::parse(r).map_err(|e| exit_error(125, e.to_string()))?;
                if parsed.digest.is_some() {
                    bail!("cannot import as `{r}`: a name to give may not hold a digest");
                }
                Some(parsed.qualified_with("localhost").to_string())
            }
            None => None,
        };
        let mut config = serde_json::Map::new();
        apply_changes(&mut config, &opts.changes)?;

        let mapping = self.mapping();
        self.paths.ensure_store()?;
        self.sweep_tmp();
        let input: Box<dyn Read> = if opts.source == "-" {
            Box::new(std::io::stdin())
        } else {
            if opts.source.starts_with("http://") || opts.source.starts_with("https://") {
                bail!("importing from a URL is not supported: download {} first", opts.source);
            }
            let f = std::fs::File::open(&opts.source).with_context(|| format!("opening {}", opts.source))?;
            Box::new(f)
        };

        let staging = self.scratch_dir("import", &[])?;
        let result = self.stage_layer(input, &staging, &mapping);
        let staged = match result {
            Ok(s) => s,
            Err(e) => {
                let _ = remove_tree_mapped(&staging);
                return Err(e);
            }
        };
        let out = self.commit_import(&staging, &staged, config, name.clone(), &opts);
        let _ = remove_tree_mapped(&staging);
        let id = out?;
        self.image_event("import", &id, name.as_deref().unwrap_or(""));
        Ok(ImportReport { id, name, stats: staged.stats })
    }

    pub(crate) fn stage_layer(&self, input: Box<dyn Read>, staging: &Path, mapping: &crate::runtime::idmap::IdMapping) -> Result<StagedLayer> {
        let diff = staging.join("diff");
        let tar_path = staging.join("layer.tar");
        let result_path = staging.join("result.json");
        let single = mapping.is_single();
        let mut input = Some(input);
        let (d, t, r) = (diff.clone(), tar_path.clone(), result_path.clone());
        crate::runtime::userns::run_in_userns(mapping, false, move || {
            let input = input.take().context("input already used")?;
            std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))?;
            let (reader, _) = crate::storage::compress::decompressed(input, false)?;
            let out = std::fs::File::create(&t).with_context(|| format!("creating {}", t.display()))?;
            let mut tee = Tee { inner: reader, hasher: Sha256::new(), out, size: 0 };
            let stats = unpack::unpack(&mut tee, &d, &unpack::Options { single_mapping: single })?;
            // Hash what follows the end-of-archive marker too: the blob is the whole stream.
            std::io::copy(&mut tee, &mut std::io::sink()).context("reading the rest of the tarball")?;
            let staged = StagedLayer { diff_id: format!("sha256:{}", hex(&tee.hasher.finalize())), size: tee.size, stats };
            write_json_atomic(&r, &staged, Durability::Atomic)?;
            Ok(0)
        })?;
        let bytes = std::fs::read(&result_path).context("reading the unpack result")?;
        Ok(serde_json::from_slice(&bytes).context("decoding the unpack result")?)
    }

    fn commit_import(
        &self,
        staging: &Path,
        staged: &StagedLayer,
        config: serde_json::Map<String, Value>,
        name: Option<String>,
        opts: &ImportOptions,
    ) -> Result<String> {
        let created = time::rfc3339(time::now_unix());
        // As containers/image's tarball source writes it for Podman: the layer's digest, and
        // the message, else "imported from tarball".
        let history = json!({
            "created": created,
            "created_by": format!("/bin/sh -c #(nop) ADD file:{} in /", staged.diff_id.trim_start_matches("sha256:")),
            "comment": opts.message.as_deref().filter(|m| !m.is_empty()).unwrap_or("imported from tarball"),
        });
        let mut image_config = json!({
            "created": created,
            "architecture": opts.arch.as_deref().unwrap_or(go_arch()),
            "os": opts.os.as_deref().unwrap_or("linux"),
            "config": config,
            "rootfs": {"type": "layers", "diff_ids": []},
            "history": [],
        });
        if let Some(v) = &opts.variant {
            image_config["variant"] = json!(v);
        }
        self.store_layered_image(staging, staged, image_config, history, &[], &[], name, false)
    }

    /// Stores a staged layer on top of `base_layers` (their descriptors and diff_ids), with
    /// `config` (whose diff_ids and history get the new layer appended), under the lock.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn store_layered_image(
        &self,
        staging: &Path,
        staged: &StagedLayer,
        mut config: Value,
        history: Value,
        base_layers: &[Value],
        base_diff_ids: &[String],
        name: Option<String>,
        docker_format: bool,
    ) -> Result<String> {
        let mut staged = StagedLayer { diff_id: staged.diff_id.clone(), size: staged.size, stats: staged.stats.clone() };
        Self::make_distinct(staging, &mut staged, base_diff_ids)?;
        let staged = &staged;
        let mut diff_ids: Vec<String> = base_diff_ids.to_vec();
        diff_ids.push(staged.diff_id.clone());
        match config["history"].as_array_mut() {
            Some(h) => h.push(history),
            None => config["history"] = json!([history]),
        }
        let mut layers: Vec<Value> = base_layers.to_vec();
        layers.push(layer_descriptor(staged));
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        self.install_layer(staging, staged)?;
        self.put_image(NewImage { config, layers, diff_ids, names: name.into_iter().collect(), cache_key: None, parent: None, intermediate: false, docker_format })
    }

    /// Moves a staged layer into the store (unless it is there already). Hold the store lock.
    /// Makes a staged layer whose content equals a layer already `below` it in the image a
    /// layer of its own: zero blocks after the end of its tarball (which every tar reader stops
    /// at) give it another digest, so it is unpacked to a directory of its own. The same
    /// directory twice in an overlay's lower layers is refused by the kernel (ELOOP), and two
    /// RUN steps or commits that change the same nothing make such layers.
    pub(crate) fn make_distinct(staging: &Path, staged: &mut StagedLayer, below: &[String]) -> Result<()> {
        use sha2::Digest;
        use std::io::Write;
        let tarball = staging.join("layer.tar");
        while below.contains(&staged.diff_id) {
            let mut f = std::fs::OpenOptions::new().append(true).open(&tarball).with_context(|| format!("opening {}", tarball.display()))?;
            f.write_all(&[0u8; 512]).with_context(|| format!("writing {}", tarball.display()))?;
            let mut hasher = sha2::Sha256::new();
            let mut f = std::fs::File::open(&tarball).with_context(|| format!("reading {}", tarball.display()))?;
            staged.size = std::io::copy(&mut f, &mut hasher).with_context(|| format!("reading {}", tarball.display()))?;
            staged.diff_id = format!("sha256:{}", hex(&hasher.finalize()));
        }
        Ok(())
    }

    pub(crate) fn install_layer(&self, staging: &Path, staged: &StagedLayer) -> Result<()> {
        let diff_hex = staged.diff_id.trim_start_matches("sha256:").to_string();
        let layer_dir = self.paths.layer_dir(&diff_hex);
        if !layer_dir.join("layer.json").exists() {
            if layer_dir.exists() {
                remove_tree_mapped(&layer_dir)?; // left half-made by a killed command
            }
            std::fs::create_dir_all(&layer_dir)?;
            std::fs::rename(staging.join("diff"), layer_dir.join("diff")).context("moving the layer into the store")?;
            let blob = self.paths.blob(&diff_hex);
            if !blob.exists() {
                std::fs::rename(staging.join("layer.tar"), &blob).context("moving the layer blob into the store")?;
            }
            write_json_atomic(
                &layer_dir.join("layer.json"),
                &json!({"diff_id": staged.diff_id, "size": staged.stats.bytes, "blob_size": staged.size}),
                Durability::Synced,
            )?;
        }
        Ok(())
    }

    /// Writes an image's config and manifest blobs and adds it to the index (its names taken
    /// from any image that had them). Hold the store lock; the layers are in the store.
    pub(crate) fn put_image(&self, img: NewImage) -> Result<String> {
        let NewImage { mut config, layers, diff_ids, names, cache_key, parent, intermediate, docker_format } = img;
        config["rootfs"] = json!({"type": "layers", "diff_ids": diff_ids});
        let config_bytes = serde_json::to_vec(&config)?;
        let id = store::put_blob(&self.paths, &config_bytes)?;
        let (manifest_type, config_type) = if docker_format {
            ("application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.container.image.v1+json")
        } else {
            ("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.config.v1+json")
        };
        let layers: Vec<Value> = if docker_format {
            layers.into_iter().map(|mut l| {
                l["mediaType"] = json!("application/vnd.docker.image.rootfs.diff.tar");
                l
            }).collect()
        } else {
            layers
        };
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": manifest_type,
            "config": {"mediaType": config_type, "digest": format!("sha256:{id}"), "size": config_bytes.len()},
            "layers": layers,
        });
        let manifest_hex = store::put_blob(&self.paths, &serde_json::to_vec(&manifest)?)?;
        let size = diff_ids.iter().map(|d| {
            std::fs::read(self.paths.layer_dir(d.trim_start_matches("sha256:")).join("layer.json")).ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok()).and_then(|v| v["size"].as_u64()).unwrap_or(0)
        }).sum();
        let created = config["created"].as_str().and_then(time::parse_rfc3339).unwrap_or_else(time::now_unix);
        let mut index = ImageIndex::load(&self.paths)?;
        let named = !names.is_empty();
        index.add(ImageRecord {
            id: id.clone(),
            names,
            digest: Some(format!("sha256:{manifest_hex}")),
            manifest: Some(format!("sha256:{manifest_hex}")),
            layers: diff_ids,
            created,
            size,
            names_history: vec![],
            cache_key,
            parent,
            intermediate: intermediate && !named,
            signatures: Vec::new(),
            list: None,
        });
        index.save(&self.paths)?;
        Ok(id)
    }
}

/// An image to add to the store: its config, its layers' descriptors and diff ids.
pub(crate) struct NewImage {
    pub config: Value,
    pub layers: Vec<Value>,
    pub diff_ids: Vec<String>,
    pub names: Vec<String>,
    /// A build step's cache key, and whether it is a step's intermediate image.
    pub cache_key: Option<String>,
    pub parent: Option<String>,
    pub intermediate: bool,
    /// Docker v2s2 media types instead of OCI ones.
    pub docker_format: bool,
}

pub(crate) fn layer_descriptor(staged: &StagedLayer) -> Value {
    json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": staged.diff_id, "size": staged.size})
}

#[cfg(test)]
mod tests {
    #[test]
    fn changes_build_a_config() {
        let mut c = serde_json::Map::new();
        super::apply_changes(&mut c, &[
            "CMD [\"/bin/sh\"]".into(), "ENV A=1".into(), "ENV A=2".into(), "WORKDIR /w".into(),
            "ENTRYPOINT echo hi".into(), "LABEL k=v".into(), "EXPOSE 80".into(),
        ]).unwrap();
        let v = serde_json::Value::Object(c);
        assert_eq!(v["Cmd"], serde_json::json!(["/bin/sh"]));
        assert_eq!(v["Env"], serde_json::json!(["A=2"]));
        assert_eq!(v["Entrypoint"], serde_json::json!(["/bin/sh", "-c", "echo hi"]));
        assert_eq!(v["Labels"]["k"], "v");
        assert!(v["ExposedPorts"]["80/tcp"].is_object());
        let mut c = serde_json::Map::new();
        assert!(super::apply_changes(&mut c, &["RUN x".into()]).unwrap_err().to_string().contains("not supported"));
    }
}
