//! `hutch mount` / `hutch unmount`: a container's root filesystem mounted for the caller's
//! tools. As with rootless Podman, only inside `hutch unshare`, whose user and mount namespace
//! the mount then lives in; a running container's root is mounted read-only.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::engine::rootfs::ContainerFs;
use crate::state::containers::{ContainerRecord, Status};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// Podman's refusal outside `unshare`: a rootless mount lives in a user namespace.
fn require_unshare() -> Result<()> {
    if std::env::var_os("HUTCH_UNSHARE").is_some() && nix::unistd::geteuid().is_root() {
        return Ok(());
    }
    Err(exit_error(125, "cannot run command \"hutch mount\" in rootless mode, must execute `hutch unshare` first (a rootless mount lives in a user namespace)"))
}

impl Engine {
    fn mount_target(&self, key: &str) -> Result<ContainerRecord> {
        require_unshare()?;
        self.find_container(key)
    }

    pub fn mountpoint(&self, id: &str) -> PathBuf {
        self.paths.container_run_dir(id).join("merged")
    }

    pub fn mount(&self, key: &str) -> Result<PathBuf> {
        let rec = self.mount_target(key)?;
        let mp = self.mountpoint(&rec.id);
        std::fs::create_dir_all(&mp).with_context(|| format!("creating {}", mp.display()))?;
        let running = rec.live_status() == Status::Running;
        match self.container_fs(&rec) {
            // A plain directory is bind mounted, so the path printed is always the mount point.
            ContainerFs::Plain(d) => crate::runtime::hostmounts::bind(&d, &mp)
                .with_context(|| format!("mounting the root of {key} at {}", mp.display()))?,
            fs => {
                fs.mount_at(&mp, !running).with_context(|| format!("mounting the root of {key} at {}", mp.display()))?;
            }
        }
        Ok(mp)
    }

    /// The containers whose root is mounted in this mount namespace, with the mount point.
    pub fn mounted(&self) -> Result<Vec<(ContainerRecord, PathBuf)>> {
        require_unshare()?;
        let info = std::fs::read_to_string("/proc/self/mountinfo").context("reading /proc/self/mountinfo")?;
        // The fifth field is the mount point (octal escapes for spaces and the like).
        let points: std::collections::HashSet<String> = info.lines().filter_map(|l| l.split(' ').nth(4).map(|p| p.replace("\\040", " "))).collect();
        Ok(crate::state::containers::list(&self.paths)?
            .into_iter()
            .filter_map(|r| {
                let mp = self.mountpoint(&r.id);
                points.contains(mp.to_string_lossy().as_ref()).then_some((r, mp))
            })
            .collect())
    }

    pub fn unmount(&self, key: &str) -> Result<()> {
        let rec = self.mount_target(key)?;
        let mp = self.mountpoint(&rec.id);
        crate::runtime::hostmounts::detach(&mp)
            .map_err(|e| exit_error(125, format!("{key} is not mounted here ({}): {e}", mp.display())))?;
        let _ = std::fs::remove_dir(&mp);
        Ok(())
    }
}
