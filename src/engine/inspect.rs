//! Image reports: rows for `images` (with filters), `image inspect`, `image history`,
//! `image prune`, `untag`.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::reference::Reference;
use crate::image::store::{self, ImageIndex, ImageRecord, LookupError};
use crate::state::containers::{self as records, RootSource};
use crate::state::lock;
use crate::util::{time, units};
use anyhow::{bail, Result};
use serde_json::{json, Value};

/// `*` and `?` glob matching.
pub fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

#[derive(Debug, Clone)]
pub enum ImageFilter {
    Dangling(bool),
    Reference(String),
    Before(i64),
    Since(i64),
    Label(String, Option<String>),
    Id(String),
}

fn reference_matches(pattern: &str, name: &str) -> bool {
    let Ok(r) = Reference::parse(name) else { return false };
    let repo = r.repository();
    let tag = r.tag.clone().unwrap_or_default();
    let short = repo.rsplit('/').next().unwrap_or(&repo).to_string();
    let (pat_repo, pat_tag) = match pattern.rsplit_once(':') {
        Some((a, b)) if !b.contains('/') => (a, Some(b)),
        _ => (pattern, None),
    };
    let repo_ok = glob(pat_repo, &repo) || glob(pat_repo, &short) || glob(pat_repo, repo.strip_prefix("docker.io/library/").unwrap_or("\u{0}"))
        || repo.ends_with(&format!("/{pat_repo}")) && !pat_repo.contains('*');
    repo_ok && pat_tag.map(|t| glob(t, &tag)).unwrap_or(true)
}

impl Engine {
    fn labels(&self, img: &ImageRecord) -> serde_json::Map<String, Value> {
        store::read_config(&self.paths, &img.id).ok()
            .and_then(|c| c.config().clone())
            .and_then(|c| c.labels().clone())
            .map(|l| l.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
            .unwrap_or_default()
    }

    pub fn parse_image_filters(&self, specs: &[String]) -> Result<Vec<ImageFilter>> {
        let index = ImageIndex::load(&self.paths)?;
        let time_of = |key: &str| -> Result<i64> {
            index.lookup(key).map(|i| i.created).map_err(|_| exit_error(125, format!("--filter: {key}: image not known")))
        };
        specs.iter().map(|s| {
            let (k, v) = s.split_once('=').ok_or_else(|| exit_error(125, format!("invalid filter `{s}`: use KEY=VALUE")))?;
            Ok(match k {
                "dangling" => match v {
                    "true" => ImageFilter::Dangling(true),
                    "false" => ImageFilter::Dangling(false),
                    _ => return Err(exit_error(125, format!("invalid filter `{s}`: dangling takes true or false"))),
                },
                "reference" => ImageFilter::Reference(v.to_string()),
                "before" => ImageFilter::Before(time_of(v)?),
                "since" => ImageFilter::Since(time_of(v)?),
                "label" => match v.split_once('=') {
                    Some((a, b)) => ImageFilter::Label(a.into(), Some(b.into())),
                    None => ImageFilter::Label(v.into(), None),
                },
                "id" => ImageFilter::Id(v.trim_start_matches("sha256:").to_string()),
                other => return Err(exit_error(125, format!("invalid filter `{other}`: use dangling, reference, before, since, label or id"))),
            })
        }).collect()
    }

    fn keep(&self, img: &ImageRecord, filters: &[ImageFilter]) -> bool {
        filters.iter().all(|f| match f {
            ImageFilter::Dangling(d) => img.names.is_empty() == *d,
            ImageFilter::Reference(p) => img.names.iter().any(|n| reference_matches(p, n)),
            ImageFilter::Before(t) => img.created < *t,
            ImageFilter::Since(t) => img.created > *t,
            ImageFilter::Label(k, v) => {
                let l = self.labels(img);
                match (l.get(k), v) {
                    (Some(have), Some(want)) => have.as_str() == Some(want.as_str()),
                    (Some(_), None) => true,
                    _ => false,
                }
            }
            ImageFilter::Id(p) => img.id.starts_with(p.as_str()),
        })
    }

    /// One JSON row per image (Podman's `images --format json` fields).
    /// The images as `images` lists them; a build's step images only with `all`.
    pub fn image_rows(&self, filters: &[ImageFilter], all: bool) -> Result<Vec<Value>> {
        let containers = records::list(&self.paths).unwrap_or_default();
        let mut imgs = self.images()?;
        imgs.retain(|i| (all || !i.intermediate) && self.keep(i, filters));
        Ok(imgs.iter().map(|i| {
            let used = containers.iter().filter(|c| matches!(&c.root, RootSource::Image { image_id, .. } if *image_id == i.id)).count();
            let digests: Vec<String> = i.names.iter().filter_map(|n| Reference::parse(n).ok())
                .filter_map(|r| i.digest.as_ref().map(|d| format!("{}@{d}", r.repository()))).collect();
            // Podman's ImageSummary, in its order (Dangling only when true: omitempty).
            let mut row = json!({
                "Id": i.id,
                "ParentId": i.parent.clone().unwrap_or_default().trim_start_matches("sha256:"),
                "RepoTags": i.names,
                "RepoDigests": digests,
                "Size": i.size,
                "SharedSize": 0,
                "VirtualSize": i.size,
                "Labels": self.labels(i),
                "Containers": used,
                "Names": i.names,
                "Digest": i.digest.clone().unwrap_or_default(),
                "History": i.names_history,
                "Created": i.created,
                "CreatedAt": time::rfc3339(i.created),
            });
            if i.names.is_empty() {
                row["Dangling"] = json!(true);
            }
            row
        }).collect())
    }

    pub fn find_image(&self, key: &str) -> Result<ImageRecord> {
        let index = ImageIndex::load(&self.paths)?;
        match index.lookup(key) {
            Ok(i) => Ok(i.clone()),
            Err(LookupError::NotFound) => Err(exit_error(125, format!("{key}: image not known"))),
            Err(LookupError::Ambiguous(n)) => bail!("{key} is ambiguous: it names {}", n.join(", ")),
        }
    }

    pub fn image_exists(&self, key: &str) -> Result<bool> {
        Ok(ImageIndex::load(&self.paths)?.lookup(key).is_ok())
    }

    /// `image inspect`: Podman's shape, from the record and the image config.
    pub fn inspect_image(&self, key: &str) -> Result<Value> {
        let img = self.find_image(key)?;
        let cfg: Value = std::fs::read(self.paths.blob(&img.id)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(Value::Null);
        let digests: Vec<String> = img.names.iter().filter_map(|n| Reference::parse(n).ok())
            .filter_map(|r| img.digest.as_ref().map(|d| format!("{}@{d}", r.repository()))).collect();
        let manifest: Value = img.manifest.as_ref()
            .and_then(|m| std::fs::read(self.paths.blob(m.trim_start_matches("sha256:"))).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        let text = |v: Option<&Value>| v.and_then(|v| v.as_str()).unwrap_or("").to_string();
        let history = cfg.get("history").cloned().unwrap_or(json!([]));
        let comment = history.as_array().and_then(|h| h.last()).map(|h| text(h.get("comment"))).unwrap_or_default();
        let mut out = json!({
            "Id": img.id,
            "Digest": img.digest,
            "RepoTags": img.names,
            "RepoDigests": digests,
            "Parent": img.parent.clone().unwrap_or_default(),
            "Comment": comment,
            "Created": cfg.get("created").cloned().unwrap_or(Value::Null),
            "Config": oci_image_config(cfg.get("config")),
            "Version": "",
            "Author": text(cfg.get("author")),
            "Architecture": cfg.get("architecture").cloned().unwrap_or(Value::Null),
            "Os": cfg.get("os").cloned().unwrap_or(Value::Null),
            "Size": img.size,
            "VirtualSize": img.size,
            "GraphDriver": {"Name": self.driver().map_or("overlay", |d| d.driver.name()), "Data": {}},
            "RootFS": {"Type": "layers", "Layers": img.layers},
            "Labels": cfg["config"].get("Labels").cloned().unwrap_or(Value::Null),
            "Annotations": manifest.get("annotations").cloned().unwrap_or(json!({})),
            "ManifestType": manifest.get("mediaType").cloned().unwrap_or(json!(crate::image::registry::MT_OCI_MANIFEST)),
            "User": text(cfg["config"].get("User")),
            "History": history,
            "NamesHistory": img.names_history,
            "ManifestDigest": img.manifest,
        });
        if let Some(h) = cfg["config"].get("Healthcheck") {
            out["Healthcheck"] = h.clone();
        }
        if let Some(v) = cfg.get("variant") {
            out["Variant"] = v.clone();
        }
        Ok(out)
    }

    /// `image history`: one row per history entry, newest first, with layer sizes.
    pub fn image_history(&self, key: &str) -> Result<Vec<Value>> {
        let img = self.find_image(key)?;
        let cfg: Value = std::fs::read(self.paths.blob(&img.id)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(Value::Null);
        let mut layer_sizes = img.layers.iter().map(|l| {
            std::fs::read(self.paths.layer_dir(l.trim_start_matches("sha256:")).join("layer.json")).ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok()).and_then(|v| v["size"].as_u64()).unwrap_or(0)
        });
        let hist = cfg["history"].as_array().cloned().unwrap_or_default();
        let mut rows = Vec::new();
        for (n, h) in hist.iter().enumerate() {
            let empty = h["empty_layer"].as_bool().unwrap_or(false);
            let size = if empty { 0 } else { layer_sizes.next().unwrap_or(0) };
            let created = h["created"].as_str().and_then(time::parse_rfc3339).unwrap_or(img.created);
            rows.push(json!({
                "ID": if n + 1 == hist.len() { img.id[..12].to_string() } else { "<missing>".to_string() },
                "Id": if n + 1 == hist.len() { img.id.clone() } else { "<missing>".to_string() },
                "Created": created,
                "CreatedSince": time::ago(created),
                "CreatedBy": h["created_by"].as_str().unwrap_or(""),
                "Size": size,
                "SizeHuman": units::human_size(size),
                "Comment": h["comment"].as_str().unwrap_or(""),
            }));
        }
        rows.reverse();
        Ok(rows)
    }

    /// Removes names from an image (all of them when `names` is empty).
    pub fn untag(&self, key: &str, names: &[String]) -> Result<Vec<String>> {
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        let id = match index.lookup(key) {
            Ok(i) => i.id.clone(),
            Err(_) => return Err(exit_error(125, format!("{key}: image not known"))),
        };
        let rec = index.images.iter_mut().find(|i| i.id == id).expect("looked up");
        let mut removed = Vec::new();
        if names.is_empty() {
            removed = std::mem::take(&mut rec.names);
        } else {
            for n in names {
                let want = Reference::parse(n).map_err(|e| exit_error(125, e.to_string()))?;
                let before = rec.names.len();
                rec.names.retain(|s| {
                    let hit = Reference::parse(s).map(|r| want.matches_stored(&r)).unwrap_or(false);
                    if hit {
                        removed.push(s.clone());
                    }
                    !hit
                });
                if rec.names.len() == before {
                    return Err(exit_error(125, format!("{n}: not a name of image {}", &id[..12])));
                }
            }
        }
        index.save(&self.paths)?;
        for n in &removed {
            self.image_event("untag", &id, n);
        }
        Ok(removed)
    }

    /// Removes dangling images (every unused one with `all`) that no container uses and the
    /// filters select, again and again while that leaves build-step parents dangling. With
    /// `external`, the step containers of running builds do not keep an image.
    pub fn prune_images(&self, all: bool, filters: &crate::plan::prune_filter::PruneFilters, external: bool) -> Result<Vec<String>> {
        let containers: Vec<_> = records::list(&self.paths)?
            .into_iter()
            .filter(|c| !(external && c.settings.labels.contains_key(crate::engine::build::BUILD_LABEL)))
            .collect();
        let labels_of = |id: &str| -> std::collections::HashMap<String, String> {
            std::fs::read(self.paths.blob(id)).ok()
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                .and_then(|v| serde_json::from_value(v["config"]["Labels"].clone()).ok())
                .unwrap_or_default()
        };
        let mut deleted = Vec::new();
        loop {
            let index = ImageIndex::load(&self.paths)?;
            let targets: Vec<String> = index.images.iter()
                .filter(|i| all || index.dangling(i))
                .filter(|i| !containers.iter().any(|c| matches!(&c.root, RootSource::Image { image_id, .. } if *image_id == i.id)))
                .filter(|i| filters.is_empty() || filters.matches(i.created, &labels_of(&i.id)))
                .map(|i| i.id.clone())
                .collect();
            if targets.is_empty() {
                return Ok(deleted);
            }
            let report = self.rmi(&targets, false, true, false)?;
            if let Some(f) = report.failures.first() {
                bail!("{}", f.message);
            }
            if report.deleted.is_empty() {
                return Ok(deleted);
            }
            for id in &report.deleted {
                self.image_event("prune", id, "");
            }
            deleted.extend(report.deleted);
        }
    }
}

/// An image config's `config` as Podman's `image inspect` shows it: the OCI config's fields
/// only (a Docker config's Shell, OnBuild, Hostname... are not; its Healthcheck is shown
/// beside Config).
fn oci_image_config(config: Option<&Value>) -> Value {
    Value::Object(config.and_then(|c| c.as_object()).map(crate::image::config::oci_only).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_references() {
        assert!(glob("a*c", "abbbc"));
        assert!(glob("?b", "ab"));
        assert!(!glob("a*d", "abc"));
        assert!(reference_matches("demo", "localhost/demo:latest"));
        assert!(reference_matches("localhost/*", "localhost/demo:latest"));
        assert!(reference_matches("demo:lat*", "localhost/demo:latest"));
        assert!(!reference_matches("demo:1", "localhost/demo:latest"));
        assert!(reference_matches("alpine", "docker.io/library/alpine:3"));
        assert!(!reference_matches("pine", "docker.io/library/alpine:3"));
    }
}
