//! The image index (`images.json`) and the content-addressed blob store.
//!
//! Layout under the store root (see `state::paths`):
//! - `blobs/sha256/<hex>`: manifests, image configs and layer tarballs, named by digest
//! - `layers/<diff-id hex>/diff`: each layer unpacked once, shared by every image using it
//! - `images.json`: the images (id = digest of the config blob), their names and layers
//!
//! Writers hold the store lock and replace `images.json` atomically (and durably).

use crate::image::reference::Reference;
use crate::state::atomic::{write_atomic, write_json_atomic, Durability};
use crate::state::paths::Paths;
use anyhow::{Context, Result};
use oci_spec::image::ImageConfiguration;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRecord {
    /// Hex sha256 of the image config blob.
    pub id: String,
    /// Fully qualified names, e.g. `localhost/demo:latest`.
    #[serde(default)]
    pub names: Vec<String>,
    /// Digest of what the image was pulled by or stored as: a manifest or an index.
    #[serde(default)]
    pub digest: Option<String>,
    /// Digest of the image's own (platform) manifest, kept in the blob store for `push`.
    #[serde(default)]
    pub manifest: Option<String>,
    /// Layer diff ids (`sha256:...`), bottom first.
    pub layers: Vec<String>,
    /// Creation time from the image config (seconds since the epoch).
    pub created: i64,
    /// Unpacked size of all layers in bytes.
    pub size: u64,
    /// Every name the image has had, newest first (`images --history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_history: Vec<String>,
    /// The cache key of the build step that made it (`hutch build` reuses it for that key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_key: Option<String>,
    /// The image a build step started from (`rmi` removes unnamed parents with it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// A build step's image with no name: shown by `images -a` only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub intermediate: bool,
    /// Simple signing signatures of `manifest` (`build --sign-by`), base64; `push` takes them
    /// to the registry's lookaside storage with the image.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<String>,
    /// A manifest list (`manifest create`; `digest` names its index blob): where the image
    /// of each entry is, by manifest digest (`containers-storage:ID` or `docker://REPOSITORY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<std::collections::BTreeMap<String, String>>,
}

impl ImageRecord {
    pub fn short_id(&self) -> &str {
        &self.id[..12.min(self.id.len())]
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ImageIndex {
    pub version: u32,
    pub images: Vec<ImageRecord>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum LookupError {
    NotFound,
    Ambiguous(Vec<String>),
}

impl ImageIndex {
    pub fn load(paths: &Paths) -> Result<ImageIndex> {
        let p = paths.images_index();
        match fs::read(&p) {
            Ok(b) => serde_json::from_slice(&b).with_context(|| {
                format!("the image index {} is damaged; move it away to start afresh", p.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ImageIndex { version: 1, images: vec![] }),
            Err(e) => Err(e).with_context(|| format!("reading {}", p.display())),
        }
    }

    pub fn save(&self, paths: &Paths) -> Result<()> {
        write_json_atomic(&paths.images_index(), self, Durability::Synced)
    }

    /// Finds an image by id (full, `sha256:`-prefixed or a unique prefix) or by name.
    pub fn lookup(&self, key: &str) -> Result<&ImageRecord, LookupError> {
        let bare = key.strip_prefix("sha256:").unwrap_or(key);
        if let Some(i) = self.images.iter().find(|i| i.id == bare) {
            return Ok(i);
        }
        if let Ok(want) = Reference::parse(key) {
            let hits: Vec<&ImageRecord> = self
                .images
                .iter()
                .filter(|img| {
                    img.names.iter().any(|n| Reference::parse(n).map(|s| want.matches_stored(&s)).unwrap_or(false))
                })
                .collect();
            match hits.len() {
                1 => return Ok(hits[0]),
                0 => {}
                _ => {
                    return Err(LookupError::Ambiguous(
                        hits.iter().flat_map(|i| i.names.iter().cloned()).collect(),
                    ))
                }
            }
        }
        if bare.len() >= 3 && bare.bytes().all(|b| b.is_ascii_hexdigit()) {
            let hits: Vec<&ImageRecord> = self.images.iter().filter(|i| i.id.starts_with(bare)).collect();
            match hits.len() {
                1 => return Ok(hits[0]),
                0 => {}
                _ => return Err(LookupError::Ambiguous(hits.iter().map(|i| i.id.clone()).collect())),
            }
        }
        Err(LookupError::NotFound)
    }

    /// Adds (or merges) an image; its names are taken away from any other image, which
    /// then becomes dangling (`<none>`), as in Podman.
    pub fn add(&mut self, rec: ImageRecord) {
        for other in self.images.iter_mut().filter(|o| o.id != rec.id) {
            other.names.retain(|n| !rec.names.contains(n));
        }
        let mut history = rec.names.clone();
        match self.images.iter_mut().find(|o| o.id == rec.id) {
            Some(existing) => {
                history.extend(existing.names_history.iter().filter(|n| !rec.names.contains(n)).cloned());
                existing.names_history = history;
                existing.intermediate = existing.intermediate && rec.intermediate && rec.names.is_empty();
                if existing.cache_key.is_none() {
                    existing.cache_key = rec.cache_key;
                }
                if existing.parent.is_none() {
                    existing.parent = rec.parent;
                }
                for n in rec.names {
                    if !existing.names.contains(&n) {
                        existing.names.push(n);
                    }
                }
            }
            None => self.images.push(ImageRecord { names_history: history, ..rec }),
        }
    }

    /// An unnamed image no other image was built from: `image prune` removes it.
    pub fn dangling(&self, img: &ImageRecord) -> bool {
        img.names.is_empty() && !self.images.iter().any(|i| i.parent.as_deref() == Some(img.id.as_str()))
    }

    /// Whether any image other than `except` uses the layer.
    pub fn layer_in_use(&self, diff_id: &str, except: &str) -> bool {
        self.images.iter().any(|i| i.id != except && i.layers.iter().any(|l| l == diff_id))
    }
}

/// Hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

use crate::util::hex;

/// Stores `bytes` as a blob and returns its hex digest.
pub fn put_blob(paths: &Paths, bytes: &[u8]) -> Result<String> {
    let digest = sha256_hex(bytes);
    let p = paths.blob(&digest);
    if !p.exists() {
        write_atomic(&p, bytes, Durability::Synced)?;
    }
    Ok(digest)
}

/// Reads an image's config blob.
pub fn read_config(paths: &Paths, image_id: &str) -> Result<ImageConfiguration> {
    let p = paths.blob(image_id);
    let bytes = fs::read(&p).with_context(|| format!("reading image config {}", p.display()))?;
    let got = sha256_hex(&bytes);
    if got != image_id {
        anyhow::bail!(
            "image config blob {} is corrupt (its content hashes to sha256:{got}); remove the image and pull or import it again",
            p.display()
        );
    }
    serde_json::from_slice(&bytes).with_context(|| format!("decoding image config {}", p.display()))
}

/// Every blob an image holds in the store (hex digests): its config, manifest, the index it
/// was pulled by, and its layer blobs as its manifest lists them.
pub fn blobs_of(paths: &Paths, img: &ImageRecord) -> Vec<String> {
    let hex = |d: &str| d.trim_start_matches("sha256:").to_string();
    let mut v = vec![img.id.clone()];
    v.extend(img.digest.iter().map(|d| hex(d)));
    if let Some(m) = &img.manifest {
        v.push(hex(m));
        if let Ok(bytes) = fs::read(paths.blob(&hex(m))) {
            if let Ok(j) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                for l in j["layers"].as_array().into_iter().flatten() {
                    if let Some(d) = l["digest"].as_str() {
                        v.push(hex(d));
                    }
                }
            }
        }
    }
    v.sort();
    v.dedup();
    v
}

/// `repo` and `tag` columns for a stored name.
pub fn split_name(name: &str) -> (String, String) {
    match Reference::parse(name) {
        Ok(r) => (r.repository(), r.tag.unwrap_or_else(|| "<none>".into())),
        Err(_) => (name.to_string(), "<none>".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
            digest: None,
            manifest: None,
            layers: vec![format!("sha256:{id}")],
            created: 0,
            size: 0,
            names_history: vec![],
            cache_key: None,
            parent: None,
            intermediate: false,
            signatures: vec![],
            list: None,
        }
    }

    #[test]
    fn lookup_by_name_id_and_prefix() {
        let mut idx = ImageIndex::default();
        idx.add(rec(&"a".repeat(64), &["localhost/demo:latest"]));
        idx.add(rec(&format!("ab{}", "c".repeat(62)), &["docker.io/library/alpine:latest"]));
        assert_eq!(idx.lookup("demo").unwrap().id, "a".repeat(64));
        assert_eq!(idx.lookup("alpine").unwrap().names[0], "docker.io/library/alpine:latest");
        assert_eq!(idx.lookup("abc").unwrap().names[0], "docker.io/library/alpine:latest");
        assert!(matches!(idx.lookup("a"), Err(LookupError::NotFound)));
        assert!(matches!(idx.lookup("aa"), Err(LookupError::NotFound)));
        assert!(matches!(idx.lookup("nothere"), Err(LookupError::NotFound)));
    }

    #[test]
    fn re_adding_a_name_moves_it() {
        let mut idx = ImageIndex::default();
        idx.add(rec(&"a".repeat(64), &["localhost/demo:latest"]));
        idx.add(rec(&"b".repeat(64), &["localhost/demo:latest"]));
        assert!(idx.images[0].names.is_empty());
        assert_eq!(idx.lookup("demo").unwrap().id, "b".repeat(64));
    }
}
