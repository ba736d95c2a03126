//! `images` and `rmi`.

use crate::engine::Engine;
use crate::image::store::{ImageIndex, ImageRecord, LookupError};
use crate::state::containers::{self as records, RootSource, Status};
use crate::state::lock;
use crate::storage::remove::remove_tree_mapped;
use anyhow::Result;

pub struct RmiFailure {
    pub key: String,
    pub code: i32,
    pub message: String,
}

#[derive(Default)]
pub struct RmiReport {
    pub untagged: Vec<String>,
    pub deleted: Vec<String>,
    pub failures: Vec<RmiFailure>,
    /// The images the deleted ones were built from.
    pub parents: Vec<String>,
}

impl Engine {
    pub fn images(&self) -> Result<Vec<ImageRecord>> {
        let mut imgs = ImageIndex::load(&self.paths)?.images;
        imgs.sort_by(|a, b| b.created.cmp(&a.created));
        Ok(imgs)
    }

    /// Removes images; with `prune_parents`, also the unnamed build-step images they were
    /// built from that nothing else uses (as Podman does unless `--no-prune`).
    pub fn rmi(&self, keys: &[String], all: bool, force: bool, prune_parents: bool) -> Result<RmiReport> {
        let mut report = self.rmi_locked(keys, all, force)?;
        let mut parents = std::mem::take(&mut report.parents);
        while prune_parents && !parents.is_empty() {
            let index = ImageIndex::load(&self.paths)?;
            let containers = records::list(&self.paths)?;
            let gone: Vec<String> = parents.iter().filter(|p| {
                index.images.iter().any(|i| &i.id == *p && i.intermediate && index.dangling(i))
                    && !containers.iter().any(|c| matches!(&c.root, RootSource::Image { image_id, .. } if image_id == *p))
            }).cloned().collect();
            if gone.is_empty() {
                break;
            }
            let more = self.rmi_locked(&gone, false, false)?;
            report.deleted.extend(more.deleted);
            parents = more.parents;
        }
        Ok(report)
    }

    fn rmi_locked(&self, keys: &[String], all: bool, force: bool) -> Result<RmiReport> {
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        let mut report = RmiReport::default();
        let targets: Vec<String> = if all { index.images.iter().map(|i| i.id.clone()).collect() } else { keys.to_vec() };
        for key in targets {
            let img = match index.lookup(&key) {
                Ok(i) => i.clone(),
                Err(LookupError::NotFound) => {
                    report.failures.push(RmiFailure { code: 1, message: format!("{key}: image not known"), key });
                    continue;
                }
                Err(LookupError::Ambiguous(n)) => {
                    report.failures.push(RmiFailure { code: 125, message: format!("{key} is ambiguous: it names {}", n.join(", ")), key });
                    continue;
                }
            };
            let by_id = img.id.starts_with(key.trim_start_matches("sha256:"));
            // A name of an image with several names: untag just that name.
            if !all && !by_id && img.names.len() > 1 {
                let want = crate::image::reference::Reference::parse(&key).ok();
                if let Some(rec) = index.images.iter_mut().find(|i| i.id == img.id) {
                    let (gone, kept): (Vec<String>, Vec<String>) = rec.names.iter().cloned().partition(|n| {
                        want.as_ref().zip(crate::image::reference::Reference::parse(n).ok()).map(|(w, s)| w.matches_stored(&s)).unwrap_or(false)
                    });
                    rec.names = kept;
                    report.untagged.extend(gone);
                }
                continue;
            }
            if !all && by_id && img.names.len() > 1 && !force {
                report.failures.push(RmiFailure {
                    code: 125,
                    message: format!("unable to delete image {} by ID with more than one tag ({}): please force removal", img.id, img.names.join(", ")),
                    key,
                });
                continue;
            }
            let users: Vec<records::ContainerRecord> = records::list(&self.paths)?
                .into_iter()
                .filter(|c| matches!(&c.root, RootSource::Image { image_id, .. } if *image_id == img.id))
                .collect();
            if !users.is_empty() {
                if !force {
                    report.failures.push(RmiFailure {
                        code: 2,
                        message: format!(
                            "image used by {}: image is in use by a container: consider listing external containers and force-removing image",
                            users[0].id
                        ),
                        key,
                    });
                    continue;
                }
                for c in &users {
                    if c.live_status() == Status::Running {
                        if let Some(pid) = c.pid {
                            // SAFETY: the pid's start time matched this container.
                            unsafe { libc::kill(pid, libc::SIGKILL) };
                        }
                    }
                    self.remove_container_files(&c.id)?;
                }
            }
            let blobs = crate::image::store::blobs_of(&self.paths, &img);
            index.images.retain(|i| i.id != img.id);
            // Save before deleting files: a kill from here on leaves only unreferenced files.
            index.save(&self.paths)?;
            for l in &img.layers {
                if !index.layer_in_use(l, &img.id) {
                    let hex = l.strip_prefix("sha256:").unwrap_or(l);
                    remove_tree_mapped(&self.paths.layer_dir(hex))?;
                    // Its short link for overlays with many layers, if it had one.
                    let _ = std::fs::remove_file(self.paths.root.join("l").join(&hex[..16.min(hex.len())]));
                }
            }
            let still_used: std::collections::HashSet<String> =
                index.images.iter().flat_map(|i| crate::image::store::blobs_of(&self.paths, i)).collect();
            for b in blobs.iter().filter(|b| !still_used.contains(*b)) {
                let _ = std::fs::remove_file(self.paths.blob(b));
            }
            report.untagged.extend(img.names.iter().cloned());
            report.deleted.push(img.id.clone());
            report.parents.extend(img.parent.clone());
        }
        index.save(&self.paths)?;
        for id in &report.deleted {
            self.image_event("remove", id, "");
        }
        Ok(report)
    }
}
