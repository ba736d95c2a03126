//! Which storage driver makes new containers' roots: `overlay` (native overlayfs in the
//! container's user namespace) or `vfs` (a copy). Chosen by `--storage-driver`, else
//! storage.conf's `[storage] driver` (Podman's file), else overlay; overlay is probed once
//! per store and, where the kernel refuses it, hutch falls back to vfs and says so.
//! Layers are the same for both, so a store never has to be converted.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::atomic::{write_json_atomic, Durability};
use anyhow::{Context, Result};
use serde_json::{json, Value};

/// A storage driver for containers' roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    /// Native overlayfs in the container's user namespace.
    Overlay,
    /// Overlay through FUSE (storage.conf's mount_program, or for a container's own id mapping).
    FuseOverlayfs,
    /// A copy of the image's layers.
    Vfs,
}

impl Driver {
    /// Its name as Podman's `info` and `inspect` show it.
    pub fn name(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::FuseOverlayfs => "fuse-overlayfs",
            Driver::Vfs => "vfs",
        }
    }
}

pub struct DriverChoice {
    pub driver: Driver,
    pub reason: String,
    /// Whether it is a slower driver chosen because native overlay is refused (said once, as
    /// a warning, when a container is created).
    pub fallback: bool,
    /// The FUSE program, for `fuse-overlayfs`.
    pub program: Option<std::path::PathBuf>,
}

/// fuse-overlayfs, if installed and /dev/fuse can be opened.
pub fn fuse_available() -> Option<std::path::PathBuf> {
    let p = crate::runtime::idmap::find_in_path("fuse-overlayfs")?;
    std::fs::OpenOptions::new().read(true).write(true).open("/dev/fuse").ok()?;
    Some(p)
}

use crate::config::storage::StorageConf;

impl Engine {
    fn facts(&self) -> Value {
        std::fs::read(self.paths.store_facts()).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(json!({}))
    }

    /// Whether native overlay can be mounted in a user namespace here (probed once).
    fn overlay_works(&self) -> Result<(bool, String)> {
        let facts = self.facts();
        if let Some(ok) = facts["native_overlay"].as_bool() {
            return Ok((ok, facts["native_overlay_error"].as_str().unwrap_or("").to_string()));
        }
        self.paths.ensure_store()?;
        let dir = self.paths.tmp().join(format!("seed-{}-probe", std::process::id()));
        for d in ["l1", "l2", "u", "w", "m"] {
            std::fs::create_dir_all(dir.join(d))?;
        }
        let d2 = dir.clone();
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), true, move || {
            let lowers = format!("{}:{}", d2.join("l1").display(), d2.join("l2").display());
            crate::runtime::hostmounts::mount_overlay(&d2.join("m"), &lowers, Some((&d2.join("u"), &d2.join("w"))))
                .context("mounting overlay in a user namespace")?;
            std::fs::write(d2.join("m/probe"), b"x").context("writing through overlay")?;
            Ok(0)
        });
        let _ = crate::storage::remove::remove_tree_mapped(&dir);
        let (ok, err) = match r {
            Ok(_) => (true, String::new()),
            Err(e) => (false, format!("{e:#}")),
        };
        let mut facts = facts;
        facts["native_overlay"] = json!(ok);
        facts["native_overlay_error"] = json!(err);
        write_json_atomic(&self.paths.store_facts(), &facts, Durability::Synced)?;
        Ok((ok, err))
    }

    /// The driver for new containers, and why.
    pub fn driver(&self) -> Result<DriverChoice> {
        let conf = StorageConf::get()?;
        let (wanted, why) = match &self.driver_flag {
            Some(d) => (d.clone(), "--storage-driver".to_string()),
            None => match conf.and_then(|c| c.driver.as_ref().map(|d| (d.clone(), &c.file))) {
                Some((d, f)) => (d, format!("driver in {}", f.display())),
                None => ("overlay".to_string(), "default".to_string()),
            },
        };
        match wanted.as_str() {
            "vfs" => Ok(DriverChoice { driver: Driver::Vfs, reason: why, fallback: false, program: None }),
            "overlay" | "overlay2" => {
                if let Some((f, p)) = conf.and_then(|c| c.mount_program.clone().map(|p| (&c.file, p))) {
                    if !p.exists() {
                        return Err(exit_error(125, format!("{}: mount_program {} does not exist: `sudo apt-get install fuse-overlayfs`", f.display(), p.display())));
                    }
                    return Ok(DriverChoice { driver: Driver::FuseOverlayfs, reason: format!("overlay with mount_program {} from {}", p.display(), f.display()), fallback: false, program: Some(p) });
                }
                let (ok, err) = self.overlay_works()?;
                if ok {
                    return Ok(DriverChoice { driver: Driver::Overlay, reason: format!("{why}; native overlay works in a user namespace here"), fallback: false, program: None });
                }
                match fuse_available() {
                    Some(p) => Ok(DriverChoice { driver: Driver::FuseOverlayfs, reason: format!("native overlay is refused here ({err}); falling back to fuse-overlayfs, which is slower"), fallback: true, program: Some(p) }),
                    None => Ok(DriverChoice { driver: Driver::Vfs, reason: format!("native overlay is refused here ({err}) and fuse-overlayfs is not usable; falling back to the copying driver vfs, which is slower and uses more disk"), fallback: true, program: None }),
                }
            }
            other => Err(exit_error(125, format!("storage driver `{other}` is not supported: use overlay or vfs"))),
        }
    }
}
