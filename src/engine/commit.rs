//! `hutch commit`: a container's changes (its upper layer, whiteouts turned back into OCI
//! form) become a new layer on top of its image, with the image's config and `--change`s.

use crate::engine::import::apply_changes;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::reference::Reference;
use crate::state::containers::RootSource;
use crate::storage::remove::remove_tree_mapped;
use crate::util::time;
use anyhow::{Context, Result};
use serde_json::{json, Value};

pub struct CommitOptions {
    pub container: String,
    pub image: Option<String>,
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
}

impl Engine {
    pub fn commit(&self, o: &CommitOptions) -> Result<String> {
        let name = match &o.image {
            Some(i) => {
                let r = Reference::parse(i).map_err(|e| exit_error(125, e.to_string()))?;
                if r.digest.is_some() {
                    return Err(exit_error(125, format!("{i}: an image name to give may not hold a digest")));
                }
                Some(r.qualified_with("localhost").to_string())
            }
            None => None,
        };
        let rec = self.find_container(&o.container)?;
        if rec.driver.as_deref() == Some("vfs") {
            return Err(exit_error(125, format!("{} uses the vfs storage driver, which keeps no separate layer of changes: commit needs overlay", o.container)));
        }
        let RootSource::Image { image_id, .. } = &rec.root else {
            return Err(exit_error(125, format!("{} runs on a --rootfs directory: there is no image to commit on top of", o.container)));
        };
        let base = self.find_image(image_id)?;
        let mut config: Value = serde_json::from_slice(&std::fs::read(self.paths.blob(&base.id)).context("reading the base image config")?)?;
        let base_manifest: Value = base.manifest.as_ref()
            .and_then(|m| std::fs::read(self.paths.blob(m.trim_start_matches("sha256:"))).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .context("the base image has no manifest in the store")?;
        let base_layers: Vec<Value> = base_manifest["layers"].as_array().cloned().unwrap_or_default();
        let mut cfg_map = config["config"].as_object().cloned().unwrap_or_default();
        apply_changes(&mut cfg_map, &o.changes)?;
        config["config"] = Value::Object(cfg_map);
        let created = time::rfc3339(time::now_unix());
        config["created"] = json!(created);
        if let Some(a) = &o.author {
            config["author"] = json!(a);
        }
        let mut history = json!({"created": created, "created_by": format!("hutch commit {}", rec.name)});
        if let Some(m) = &o.message {
            history["comment"] = json!(m);
        }
        if let Some(a) = &o.author {
            history["author"] = json!(a);
        }

        self.paths.ensure_store()?;
        self.sweep_tmp();
        let staging = self.paths.tmp().join(format!("import-{}-{}", std::process::id(), &crate::util::ids::random_id()[..8]));
        std::fs::create_dir(&staging).with_context(|| format!("creating {}", staging.display()))?;
        let result = (|| -> Result<String> {
            let staged = self.stage_upper(&self.paths.container_dir(&rec.id).join("upper"), &staging)?;
            self.store_layered_image(&staging, &staged, config, history, &base_layers, &base.layers, name)
        })();
        let _ = remove_tree_mapped(&staging);
        result
    }

    /// A writable layer (`upper`, as the overlay left it) as a layer tarball in `staging`,
    /// unpacked and hashed there, ready for the store.
    pub(crate) fn stage_upper(&self, upper: &std::path::Path, staging: &std::path::Path) -> Result<crate::engine::import::StagedLayer> {
        let mapping = self.mapping();
        let tarball = staging.join("upper.tar");
        let (t2, u2) = (tarball.clone(), upper.to_path_buf());
        crate::runtime::userns::run_in_userns(&mapping, false, move || {
            let f = std::fs::File::create(&t2).with_context(|| format!("creating {}", t2.display()))?;
            crate::storage::tarwrite::write_tar(&u2, f, true)?;
            Ok(0)
        })?;
        let input = std::fs::File::open(&tarball).context("reading the layer's changes")?;
        let staged = self.stage_layer(Box::new(input), staging, &mapping);
        let _ = std::fs::remove_file(&tarball);
        staged
    }

    /// Like `stage_upper`, for an upper directory of a native overlay that holds exactly the
    /// layer (a COPY's: no mount-point files): the tarball is written once and the directory
    /// itself becomes the layer's unpacked tree, with no second unpack.
    pub(crate) fn stage_upper_in_place(&self, upper: &std::path::Path, staging: &std::path::Path) -> Result<crate::engine::import::StagedLayer> {
        use sha2::Digest;
        let tarball = staging.join("layer.tar");
        let stats_file = staging.join("stats.json");
        let (t2, u2, s2) = (tarball.clone(), upper.to_path_buf(), stats_file.clone());
        crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            let f = std::fs::File::create(&t2).with_context(|| format!("creating {}", t2.display()))?;
            crate::storage::tarwrite::write_tar(&u2, f, true)?;
            let mut stats = crate::storage::unpack::UnpackStats::default();
            let mut stack = vec![u2.clone()];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
                    let e = e?;
                    let m = e.metadata()?;
                    stats.entries += 1;
                    if m.is_dir() {
                        stack.push(e.path());
                    } else if m.is_file() {
                        stats.bytes += m.len();
                    }
                }
            }
            crate::state::atomic::write_json_atomic(&s2, &stats, crate::state::atomic::Durability::Atomic)?;
            Ok(0)
        })?;
        let mut hasher = sha2::Sha256::new();
        let mut f = std::fs::File::open(&tarball).context("reading the layer tarball")?;
        let size = std::io::copy(&mut f, &mut hasher).context("hashing the layer tarball")?;
        let stats = serde_json::from_slice(&std::fs::read(&stats_file).context("reading the layer's size")?)?;
        std::fs::rename(upper, staging.join("diff")).context("moving the layer into place")?;
        Ok(crate::engine::import::StagedLayer { diff_id: format!("sha256:{}", crate::image::store::hex(&hasher.finalize())), size, stats })
    }
}
