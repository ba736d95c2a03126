//! `hutch mount` / `hutch unmount`: a container's root filesystem mounted for the caller's
//! tools. As with rootless Podman, only inside `hutch unshare`, whose user and mount namespace
//! the mount then lives in; a running container's root is mounted read-only.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{self as records, ContainerRecord, FindError, RootSource, Status};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

fn inside_unshare() -> bool {
    std::env::var_os("HUTCH_UNSHARE").is_some() && nix::unistd::geteuid().is_root()
}

impl Engine {
    fn mount_target(&self, key: &str) -> Result<ContainerRecord> {
        if !inside_unshare() {
            return Err(exit_error(125, "hutch mount works inside `hutch unshare` (a rootless mount lives in a user namespace): run `hutch unshare` first"));
        }
        let all = records::list(&self.paths)?;
        match records::find(&all, key) {
            Ok(r) => Ok(r.clone()),
            Err(FindError::NotFound) => Err(exit_error(125, format!("no container with name or ID \"{key}\" found: no such container"))),
            Err(FindError::Ambiguous) => bail!("more than one container matches \"{key}\""),
        }
    }

    pub fn mountpoint(&self, id: &str) -> PathBuf {
        self.paths.container_run_dir(id).join("merged")
    }

    pub fn mount(&self, key: &str) -> Result<PathBuf> {
        let rec = self.mount_target(key)?;
        let mp = self.mountpoint(&rec.id);
        std::fs::create_dir_all(&mp).with_context(|| format!("creating {}", mp.display()))?;
        let cdir = self.paths.container_dir(&rec.id);
        let running = rec.live_status() == Status::Running;
        let (src, fstype, flags, data): (String, Option<&str>, nix::mount::MsFlags, Option<String>) = match &rec.root {
            _ if rec.driver.as_deref() == Some("vfs") => (cdir.join("rootfs").to_string_lossy().into_owned(), None, nix::mount::MsFlags::MS_BIND, None),
            RootSource::Dir { path, overlay: false } => (path.clone(), None, nix::mount::MsFlags::MS_BIND, None),
            root => {
                let lowers: Vec<String> = match root {
                    RootSource::Image { layers, .. } => layers.iter().rev().map(|l| self.paths.layer_dir(l.trim_start_matches("sha256:")).join("diff").to_string_lossy().into_owned()).collect(),
                    RootSource::Dir { path, .. } => vec![path.clone()],
                };
                let upper = cdir.join("upper").to_string_lossy().into_owned();
                if running {
                    (String::from("overlay"), Some("overlay"), nix::mount::MsFlags::MS_RDONLY, Some(format!("lowerdir={upper}:{},userxattr", lowers.join(":"))))
                } else {
                    (String::from("overlay"), Some("overlay"), nix::mount::MsFlags::empty(),
                        Some(format!("lowerdir={},upperdir={upper},workdir={},userxattr", lowers.join(":"), cdir.join("work").display())))
                }
            }
        };
        nix::mount::mount(Some(src.as_str()), &mp, fstype, flags, data.as_deref())
            .with_context(|| format!("mounting the root of {key} at {}", mp.display()))?;
        Ok(mp)
    }

    pub fn unmount(&self, key: &str) -> Result<()> {
        let rec = self.mount_target(key)?;
        let mp = self.mountpoint(&rec.id);
        nix::mount::umount2(&mp, nix::mount::MntFlags::MNT_DETACH)
            .map_err(|e| exit_error(125, format!("{key} is not mounted here ({}): {e}", mp.display())))?;
        let _ = std::fs::remove_dir(&mp);
        Ok(())
    }
}
