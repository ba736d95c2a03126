//! `system df`, `system prune`, `system reset`, and `diff`.

use crate::engine::containers::RmOptions;
use crate::engine::Engine;
use crate::image::store::ImageIndex;
use crate::state::containers::{self as records, RootSource, Status};
use crate::storage::remove::remove_tree_mapped;
use anyhow::{bail, Result};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;

/// One line of `system df`.
pub struct DfRow {
    pub kind: &'static str,
    pub total: usize,
    pub active: usize,
    pub size: u64,
    pub reclaimable: u64,
}

/// Disk use of a tree, counting each inode once (hardlinks) in 512-byte blocks as du does.
pub fn disk_usage(p: &Path) -> u64 {
    fn walk(p: &Path, seen: &mut std::collections::HashSet<(u64, u64)>) -> u64 {
        let Ok(m) = std::fs::symlink_metadata(p) else { return 0 };
        if !seen.insert((m.dev(), m.ino())) {
            return 0;
        }
        let mut n = m.blocks() * 512;
        if m.is_dir() {
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    n += walk(&e.path(), seen);
                }
            }
        }
        n
    }
    walk(p, &mut std::collections::HashSet::new())
}

/// `system df --verbose`: each image, container and volume.
pub struct DfImage {
    pub names: Vec<String>,
    pub id: String,
    pub created: i64,
    pub size: u64,
    /// Of its layers, those another image has too.
    pub shared: u64,
    pub containers: usize,
}

pub struct DfContainer {
    pub id: String,
    pub image: String,
    pub command: String,
    pub volumes: usize,
    pub size: u64,
    pub created: i64,
    pub status: String,
    pub name: String,
}

pub struct DfVolume {
    pub name: String,
    pub links: usize,
    pub size: u64,
}

impl Engine {
    pub fn system_df_verbose(&self) -> Result<(Vec<DfImage>, Vec<DfContainer>, Vec<DfVolume>)> {
        let containers = records::list(&self.paths)?;
        let index = ImageIndex::load(&self.paths)?;
        let mut layer_users: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for img in &index.images {
            for l in &img.layers {
                *layer_users.entry(l.as_str()).or_default() += 1;
            }
        }
        let image_of = |c: &records::ContainerRecord| match &c.root {
            RootSource::Image { image_id, .. } => Some(image_id.clone()),
            _ => None,
        };
        let images = index.images.iter().map(|img| {
            let mut size = 0;
            let mut shared = 0;
            for l in &img.layers {
                let s = disk_usage(&self.paths.layer_dir(l.trim_start_matches("sha256:")));
                size += s;
                if layer_users.get(l.as_str()).copied().unwrap_or(0) > 1 {
                    shared += s;
                }
            }
            DfImage {
                names: img.names.clone(),
                id: img.id.clone(),
                created: img.created,
                size,
                shared,
                containers: containers.iter().filter(|c| image_of(c).as_deref() == Some(img.id.as_str())).count(),
            }
        }).collect();
        let ctrs = containers.iter().map(|c| DfContainer {
            id: c.id.clone(),
            image: image_of(c).unwrap_or_default(),
            command: c.command.join(" "),
            volumes: c.volumes.len(),
            size: disk_usage(&self.paths.container_dir(&c.id)),
            created: c.created,
            status: format!("{:?}", c.live_status()).to_lowercase(),
            name: c.name.clone(),
        }).collect();
        let vols = self.volume_list()?.into_iter().map(|v| DfVolume {
            links: containers.iter().filter(|c| c.volumes.contains(&v.name)).count(),
            size: disk_usage(&self.paths.volume_dir(&v.name)),
            name: v.name,
        }).collect();
        Ok((images, ctrs, vols))
    }

    pub fn system_df(&self) -> Result<Vec<DfRow>> {
        let containers = records::list(&self.paths)?;
        let index = ImageIndex::load(&self.paths)?;
        let used_images: std::collections::HashSet<&str> = containers.iter().filter_map(|c| match &c.root {
            RootSource::Image { image_id, .. } => Some(image_id.as_str()),
            _ => None,
        }).collect();
        let layer_size = |l: &str| disk_usage(&self.paths.layer_dir(l.trim_start_matches("sha256:")));
        let mut counted = std::collections::HashSet::new();
        let (mut isize, mut ireclaim) = (0, 0);
        for img in &index.images {
            let mut own = 0;
            for l in &img.layers {
                if counted.insert(l.clone()) {
                    own += layer_size(l);
                }
            }
            for b in crate::image::store::blobs_of(&self.paths, img) {
                if counted.insert(b.clone()) {
                    own += std::fs::metadata(self.paths.blob(&b)).map(|m| m.blocks() * 512).unwrap_or(0);
                }
            }
            isize += own;
            if !used_images.contains(img.id.as_str()) {
                ireclaim += own;
            }
        }
        let (mut csize, mut creclaim, mut cactive) = (0, 0, 0);
        for c in &containers {
            let s = disk_usage(&self.paths.container_dir(&c.id));
            csize += s;
            if c.live_status() == Status::Running {
                cactive += 1;
            } else {
                creclaim += s;
            }
        }
        let vols = self.volume_list()?;
        let used_vols: std::collections::HashSet<String> = containers.iter().flat_map(|c| c.volumes.iter().cloned()).collect();
        let (mut vsize, mut vreclaim) = (0, 0);
        for v in &vols {
            let s = disk_usage(&self.paths.volume_dir(&v.name));
            vsize += s;
            if !used_vols.contains(&v.name) {
                vreclaim += s;
            }
        }
        Ok(vec![
            DfRow { kind: "Images", total: index.images.len(), active: used_images.len(), size: isize, reclaimable: ireclaim },
            DfRow { kind: "Containers", total: containers.len(), active: cactive, size: csize, reclaimable: creclaim },
            DfRow { kind: "Local Volumes", total: vols.len(), active: vols.iter().filter(|v| used_vols.contains(&v.name)).count(), size: vsize, reclaimable: vreclaim },
        ])
    }

    /// Removes stopped containers, dangling images (every unused one with `all`) and, with
    /// `volumes`, unused volumes; only those the filters (`specs`, parsed) select.
    /// Returns what went, by kind.
    pub fn system_prune(&self, all: bool, volumes: bool, filters: &crate::plan::prune_filter::PruneFilters, specs: &[String]) -> Result<Vec<(&'static str, Vec<String>)>> {
        let stopped: Vec<String> = records::list(&self.paths)?
            .into_iter()
            .filter(|c| c.live_status() != Status::Running)
            .filter(|c| filters.matches(c.created, &c.settings.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
            .map(|c| c.id)
            .collect();
        let rm = self.rm(&RmOptions { keys: stopped, ignore: true, volumes: true, ..Default::default() })?;
        if let Some(f) = rm.failures.first() {
            bail!("{}", f.message);
        }
        let mut out = vec![("Deleted Containers", rm.done)];
        if volumes {
            // The same filters, as `volume prune` reads them.
            let vf = crate::engine::volumes::VolumeFilter::parse(specs)?;
            out.push(("Deleted Volumes", self.volume_prune_filtered(&vf)?));
        }
        out.push(("Deleted Images", self.prune_images(all, filters, false)?));
        Ok(out)
    }

    /// Removes everything hutch stores for the caller: containers (killed first), images,
    /// volumes, and the runtime directory.
    /// Returns how many containers, images and volumes went.
    pub fn system_reset(&self) -> Result<(usize, usize, usize)> {
        let all: Vec<String> = records::list(&self.paths)?.into_iter().map(|c| c.id).collect();
        let images = ImageIndex::load(&self.paths).map(|i| i.images.len()).unwrap_or(0);
        let volumes = self.volume_list().map(|v| v.len()).unwrap_or(0);
        let _ = self.rm(&RmOptions { keys: all.clone(), force: true, ignore: true, volumes: true, timeout: Some(0), ..Default::default() });
        remove_tree_mapped(&self.paths.root)?;
        remove_tree_mapped(&self.paths.runroot)?;
        Ok((all.len(), images, volumes))
    }

    /// `system migrate`. Podman's stops every running container and its pause process, so that
    /// their next start takes /etc/subuid and /etc/subgid as they are now. hutch keeps no
    /// pause process (each start maps the user namespace afresh), so it stops the running
    /// containers (their ids, in `done`), then puts away what killed commands left, which the
    /// commands that meet it would otherwise put away one by one: containers whose create was
    /// killed, the containers index (read again from the records), temporary files, and the
    /// step containers of builds that are gone.
    pub fn system_migrate(&self) -> Result<crate::engine::report::BatchReport> {
        let report = self.stop(&crate::engine::report::Targets { all: true, ..Default::default() }, None)?;
        {
            let _store = crate::state::lock::exclusive(&self.paths.store_lock())?;
            let _index = crate::state::container_index::changing(&self.paths)?;
            self.scan_sweeping_debris()?;
        }
        self.sweep_tmp();
        self.sweep_build_containers();
        Ok(report)
    }

    /// `diff`: what the container changed, as (kind, path): A added, C changed, D deleted.
    pub fn diff(&self, key: &str) -> Result<Vec<(char, String)>> {
        let rec = self.find_container(key)?;
        // The copying driver's changes are found by comparing its copy with the layers, in a
        // scratch directory that goes when this returns.
        let mut scratch = None;
        let (lowers, upper) = match self.container_fs(&rec) {
            crate::engine::rootfs::ContainerFs::Overlay { lowers, .. } => (lowers, self.paths.container_dir(&rec.id).join("upper")),
            crate::engine::rootfs::ContainerFs::Plain(_) if rec.driver.as_deref() == Some("vfs") => {
                let dir = self.scratch_dir("diff", &[])?;
                let s = scratch.insert(crate::storage::remove::MappedTree(dir.clone()));
                let upper = self.changes_dir(&rec, &s.0, crate::storage::vfs::Contents::NamesOnly)?;
                let mut lowers = self.vfs_layers(&rec)?;
                lowers.reverse();
                (lowers, upper)
            }
            crate::engine::rootfs::ContainerFs::Plain(_) => bail!("{key} runs on its --rootfs directory in place: it has no separate layer of changes"),
        };
        let in_lower = |rel: &Path| lowers.iter().any(|l| std::fs::symlink_metadata(l.join(rel)).is_ok());
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(upper.join(&rel)) else { continue };
            let mut kids: Vec<_> = rd.flatten().collect();
            kids.sort_by_key(|e| e.file_name());
            for e in kids.into_iter().rev() {
                let r = rel.join(e.file_name());
                let Ok(m) = std::fs::symlink_metadata(e.path()) else { continue };
                let shown = format!("/{}", r.display());
                let fname = e.file_name().to_string_lossy().into_owned();
                // fuse-overlayfs keeps OCI-style markers in the upper layer.
                if fname == ".wh..wh..opq" || (fname.starts_with(".wh.") && m.file_type().is_char_device()) {
                    continue;
                }
                if let Some(gone) = fname.strip_prefix(".wh.") {
                    out.push(('D', format!("/{}", rel.join(gone).display())));
                    continue;
                }
                if m.file_type().is_char_device() && m.rdev() == 0 {
                    out.push(('D', shown));
                    continue;
                }
                out.push((if in_lower(&r) { 'C' } else { 'A' }, shown));
                if m.is_dir() {
                    stack.push(r);
                }
            }
        }
        // Mount points hutch made for its own bind mounts are not the container's changes.
        const PLACEHOLDERS: &[&str] = &["/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/run/.containerenv"];
        out.retain(|(k, p)| !(*k == 'A' && PLACEHOLDERS.contains(&p.as_str())));
        let snapshot = out.clone();
        out.retain(|(k, p)| {
            let parent_of_placeholder = PLACEHOLDERS.iter().any(|ph| ph.starts_with(&format!("{p}/")));
            let _ = k;
            !(parent_of_placeholder && !snapshot.iter().any(|(_, q)| q.starts_with(&format!("{p}/"))))
        });
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }
}
