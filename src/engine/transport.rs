//! Images from and to containers/image transports other than a registry: docker-archive and
//! oci-archive files, OCI layout directories (`oci:`), the directory format (`dir:`), and the
//! local store (`containers-storage:`). Reading goes through the archive loader's verified path
//! (every blob against its digest, every layer against the config's diff_ids).

use crate::engine::archive::{ArchiveFormat, FileBlobs};
use crate::engine::pull::PullOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::{self, Parsed};
use crate::plan::transport::Transport;
use crate::storage::remove::remove_tree_mapped;
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;

/// How `dir:` (and `save --format docker-dir|oci-dir`) writes an image.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirOptions {
    /// Docker v2s2 media types (docker-dir) instead of the image's own.
    pub docker: bool,
    /// `--compress`: uncompressed layers gzipped.
    pub compress: bool,
}

const DIR_VERSION: &str = "Directory Transport Version: 1.1\n";

impl Engine {
    /// `pull` (and `run`/`create`) of a transport name: the ids of the images it brought in.
    pub fn pull_transport(&self, t: &Transport, opts: &PullOptions) -> Result<Vec<String>> {
        let ids = match t {
            Transport::Docker(r) => vec![self.pull(&PullOptions { reference: r.clone(), ..opts.clone() })?.id],
            Transport::ContainersStorage(r) => vec![self.find_image(r)?.id],
            Transport::DockerArchive { path, reference } | Transport::OciArchive { path, reference } => {
                let mut f = std::fs::File::open(path).map_err(|e| exit_error(125, format!("opening {path}: {e}")))?;
                let loaded = self.load(&mut f)?;
                self.pick_loaded(&loaded, reference.as_deref(), path)?
            }
            // Podman names an image from a layout by the layout's path (`oci:/srv/app:v1` is
            // localhost/srv/app:latest), whatever its ref.name.
            Transport::Oci { path, reference } => {
                crate::engine::verify::check_transport("oci", path)?;
                let loaded = self.load_layout(Path::new(path), reference.as_deref())?;
                let [one] = loaded.as_slice() else {
                    return Err(exit_error(125, format!("more than one image in oci, choose an image\n{path} holds {}: name one with oci:{path}:NAME", loaded.len())));
                };
                let id = self.find_image(one)?.id;
                self.tag(&id, &[format!("localhost/{}", path.trim_start_matches('/'))])?;
                vec![id]
            }
            Transport::Dir(path) => {
                crate::engine::verify::check_transport("dir", path)?;
                vec![self.load_dir(Path::new(path))?]
            }
        };
        Ok(ids)
    }

    /// The ids of what was loaded; with a reference, the image of that name (given that name
    /// when the archive holds a single image without it).
    fn pick_loaded(&self, loaded: &[String], reference: Option<&str>, path: &str) -> Result<Vec<String>> {
        let ids: Vec<String> = loaded.iter().map(|n| self.find_image(n).map(|i| i.id)).collect::<Result<_>>()?;
        let Some(r) = reference else { return Ok(ids) };
        if let Ok(img) = self.find_image(r) {
            if ids.contains(&img.id) {
                return Ok(vec![img.id]);
            }
        }
        match ids.as_slice() {
            [one] => {
                self.tag(one, &[r.to_string()])?;
                Ok(vec![one.clone()])
            }
            _ => Err(exit_error(125, format!("{path} holds no image named {r}"))),
        }
    }

    /// `push IMAGE TRANSPORT:...` (and `save` to a directory): the image written there.
    pub fn push_transport(&self, image: &str, t: &Transport, dir: DirOptions) -> Result<()> {
        match t {
            Transport::DockerArchive { path, reference } | Transport::OciArchive { path, reference } => {
                let format = if matches!(t, Transport::OciArchive { .. }) { ArchiveFormat::OciArchive } else { ArchiveFormat::DockerArchive };
                let tmp = format!("{path}.hutch-tmp");
                let r = (|| -> Result<()> {
                    let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(|e| exit_error(125, format!("creating {path}: {e}")))?);
                    self.save_named(&[(image.to_string(), reference.clone())], format, &mut f)?;
                    std::io::Write::flush(&mut f)?;
                    std::fs::rename(&tmp, path).with_context(|| format!("writing {path}"))
                })();
                if r.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                r
            }
            Transport::Oci { path, reference } => self.save_layout(image, Path::new(path), reference.as_deref()),
            Transport::Dir(path) => self.save_dir(image, Path::new(path), dir),
            Transport::ContainersStorage(r) => self.tag(image, std::slice::from_ref(r)),
            // Registry pushes go through `Engine::push`.
            Transport::Docker(r) => Err(exit_error(125, format!("docker://{r}: push it with `hutch push IMAGE {r}`"))),
        }
    }

    /// The images of an OCI layout directory.
    fn load_layout(&self, dir: &Path, only: Option<&str>) -> Result<Vec<String>> {
        if !dir.join("index.json").is_file() {
            return Err(exit_error(125, format!("{}: not an OCI layout (no index.json)", dir.display())));
        }
        self.paths.ensure_store()?;
        let staging = self.scratch_dir("import", &[])?;
        let r = self.load_oci(dir, &staging, only, false);
        let _ = remove_tree_mapped(&staging);
        let loaded = r?;
        if loaded.is_empty() {
            return Err(exit_error(125, format!("{}: no image named {} in its index.json", dir.display(), only.unwrap_or("?"))));
        }
        Ok(loaded)
    }

    /// The image of a `dir:` directory: `manifest.json` and its blobs, each named by its digest.
    fn load_dir(&self, dir: &Path) -> Result<String> {
        let mbytes = std::fs::read(dir.join("manifest.json")).map_err(|e| exit_error(125, format!("{}: not a dir: image ({e} reading manifest.json)", dir.display())))?;
        let media = serde_json::from_slice::<Value>(&mbytes).ok().and_then(|v| v["mediaType"].as_str().map(String::from)).unwrap_or_else(|| crate::image::registry::MT_OCI_MANIFEST.into());
        let Parsed::Manifest(m) = manifest::parse(&media, &mbytes)? else { bail!("{}: the manifest is an index", dir.display()) };
        let mut blobs = std::collections::HashMap::new();
        for d in m.layers.iter().chain([&m.config]) {
            let hex = d.digest.strip_prefix("sha256:").filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
                .with_context(|| format!("a bad digest {} in manifest.json", d.digest))?;
            blobs.insert(d.digest.clone(), dir.join(hex));
        }
        self.paths.ensure_store()?;
        let staging = self.scratch_dir("import", &[])?;
        let top = format!("sha256:{}", crate::image::store::sha256_hex(&mbytes));
        let r = self.commit_loaded(&FileBlobs(blobs), &m.layers, &m.config, &mbytes, &top, vec![], &staging);
        let _ = remove_tree_mapped(&staging);
        r
    }

    /// Writes the image into an OCI layout directory (made if missing; an existing layout keeps
    /// its other images, and one of the same name is replaced).
    fn save_layout(&self, key: &str, dir: &Path, name: Option<&str>) -> Result<()> {
        let tmp = self.scratch_dir("save", &[])?;
        let r = (|| -> Result<()> {
            let tar_path = tmp.join("layout.tar");
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tar_path)?);
            self.save_named(&[(key.to_string(), name.map(String::from))], ArchiveFormat::OciArchive, &mut f)?;
            std::io::Write::flush(&mut f)?;
            drop(f);
            let old_index: Option<Value> = std::fs::read(dir.join("index.json")).ok().and_then(|b| serde_json::from_slice(&b).ok());
            std::fs::create_dir_all(dir.join("blobs/sha256")).with_context(|| format!("creating {}", dir.display()))?;
            // The archive is ours: regular files under blobs/, oci-layout and index.json.
            let mut a = tar::Archive::new(std::fs::File::open(&tar_path)?);
            let mut new_index = Value::Null;
            for e in a.entries()? {
                let mut e = e?;
                let rel = e.path()?.into_owned();
                if e.header().entry_type() != tar::EntryType::Regular {
                    continue;
                }
                if rel == Path::new("index.json") {
                    let mut b = Vec::new();
                    std::io::Read::read_to_end(&mut e, &mut b)?;
                    new_index = serde_json::from_slice(&b)?;
                    continue;
                }
                let dest = dir.join(&rel);
                if !dest.exists() {
                    std::io::copy(&mut e, &mut std::fs::File::create(&dest).with_context(|| format!("writing {}", dest.display()))?)?;
                }
            }
            let ref_of = |m: &Value| m["annotations"]["org.opencontainers.image.ref.name"].as_str().map(String::from);
            let mut manifests: Vec<Value> = new_index["manifests"].as_array().cloned().unwrap_or_default();
            let names: Vec<Option<String>> = manifests.iter().map(ref_of).collect();
            if let Some(old) = old_index.as_ref().and_then(|o| o["manifests"].as_array()) {
                let kept: Vec<Value> = old.iter().filter(|m| ref_of(m).is_none_or(|r| !names.contains(&Some(r)))).cloned().collect();
                manifests.splice(0..0, kept);
            }
            let index = serde_json::json!({"schemaVersion": 2, "manifests": manifests});
            crate::state::atomic::write_atomic(&dir.join("index.json"), &serde_json::to_vec(&index)?, crate::state::atomic::Durability::Synced)
        })();
        let _ = std::fs::remove_dir_all(&tmp);
        r
    }

    /// Writes the image in the `dir:` format.
    fn save_dir(&self, key: &str, dir: &Path, o: DirOptions) -> Result<()> {
        let img = self.find_image(key)?;
        let (mut mbytes, m, _) = self.image_manifest(&img)?;
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut v: Value = serde_json::from_slice(&mbytes)?;
        for (i, l) in m.layers.iter().enumerate() {
            let hex = l.digest.trim_start_matches("sha256:");
            let src = self.paths.blob(hex);
            if o.compress && !l.media_type.ends_with("gzip") && !l.media_type.ends_with("zstd") {
                let tmp = dir.join(format!(".{hex}.gz"));
                let (digest, size) = crate::engine::push::gzip_blob(&src, &tmp)?;
                std::fs::rename(&tmp, dir.join(digest.trim_start_matches("sha256:")))?;
                v["layers"][i]["digest"] = serde_json::json!(digest);
                v["layers"][i]["size"] = serde_json::json!(size);
                v["layers"][i]["mediaType"] = serde_json::json!("application/vnd.oci.image.layer.v1.tar+gzip");
            } else {
                std::fs::copy(&src, dir.join(hex)).with_context(|| format!("writing {}", dir.display()))?;
            }
        }
        std::fs::copy(self.paths.blob(&img.id), dir.join(&img.id)).with_context(|| format!("writing {}", dir.display()))?;
        if o.compress {
            mbytes = serde_json::to_vec(&v)?;
        }
        if o.docker {
            mbytes = manifest::convert(&mbytes, true)?.1;
        }
        std::fs::write(dir.join("manifest.json"), &mbytes).with_context(|| format!("writing {}", dir.display()))?;
        std::fs::write(dir.join("version"), DIR_VERSION).with_context(|| format!("writing {}", dir.display()))?;
        Ok(())
    }
}
