//! `hutch export`: a container's filesystem as a tar stream. Its changes (the upper layer)
//! and its image layers are mounted as a read-only overlay (no workdir, so this works while
//! the container runs) inside a private user and mount namespace, where owners read as the
//! container's own ids, and walked into a tar: hardlinks, symlinks, devices and FIFOs kept.

use crate::engine::Engine;
use anyhow::{Context, Result};

impl Engine {
    pub fn export(&self, key: &str, out: std::fs::File) -> Result<()> {
        let rec = self.find_container(key)?;
        let fs = self.container_fs(&rec);
        let mnt = self.paths.container_run_dir(&rec.id).join("export");
        std::fs::create_dir_all(&mnt).with_context(|| format!("creating {}", mnt.display()))?;
        let m2 = mnt.clone();
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), true, move || {
            let root = fs.mount_at(&m2, false)?;
            crate::storage::tarwrite::write_tar(&root, out, false)?;
            Ok(0)
        });
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }
}
