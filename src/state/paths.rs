//! Where hutch keeps things.
//!
//! - the store (images, layers, containers): `$XDG_DATA_HOME/hutch`, i.e. ~/.local/share/hutch
//! - runtime state (per-boot: mount points, /etc/hosts for containers): `$XDG_RUNTIME_DIR/hutch`,
//!   falling back to `/run/user/UID/hutch`, then to a private `$TMPDIR/hutch-run-UID` when the
//!   variable is unset or names a directory the caller does not own (as after `su`).
//!
//! The top directories are created 0700 so other users of a shared machine cannot look in.

use anyhow::{bail, Context, Result};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Paths {
    /// The store: blobs, layers, images index, containers.
    pub root: PathBuf,
    /// Runtime state, gone at reboot.
    pub runroot: PathBuf,
    /// Why the runtime directory is where it is (shown by `hutch info`).
    pub runroot_reason: String,
    /// Named volumes: where `volume_lookup` says (the engine's: `--volumepath`, containers.conf),
    /// else ROOT/volumes; looked up when first needed, so a container's supervisor that never
    /// touches a volume never reads a config file for it.
    volume_path: std::sync::OnceLock<PathBuf>,
    pub volume_lookup: Option<fn() -> Option<PathBuf>>,
}

/// Explicit locations (`--root`, `--runroot`), which win over the defaults.
#[derive(Debug, Clone, Default)]
pub struct PathOverrides {
    pub root: Option<PathBuf>,
    pub runroot: Option<PathBuf>,
    /// `--storage-driver`.
    pub storage_driver: Option<String>,
}

/// Where storage.conf places the store (`graphroot`, or `rootless_storage_path`, and
/// `runroot`), as written there (config/storage.rs reads it).
#[derive(Debug, Clone, Default)]
pub struct ConfiguredPlaces {
    pub graphroot: Option<String>,
    pub runroot: Option<String>,
}

impl Paths {
    pub fn resolve(over: &PathOverrides, places: &ConfiguredPlaces) -> Result<Paths> {
        let uid = nix::unistd::geteuid().as_raw();
        // storage.conf's graphroot/runroot place the store, as in Podman; hutch keeps to a
        // `hutch` directory inside, so a storage.conf shared with Podman never mixes the two
        // tools' files.
        let conf = |p: &Option<String>| -> Option<PathBuf> {
            let home = std::env::var("HOME").unwrap_or_default();
            p.as_ref().map(|p| PathBuf::from(p.replace("$HOME", &home).replace("$UID", &uid.to_string())).join("hutch"))
        };
        let root = match over.root.clone().or_else(|| conf(&places.graphroot)) {
            Some(r) => r,
            None => {
                let base = directories::BaseDirs::new().context(
                    "cannot find your home directory to keep images in: set HOME (or XDG_DATA_HOME)",
                )?;
                base.data_dir().join("hutch")
            }
        };
        let (runroot, runroot_reason) = match (&over.runroot, conf(&places.runroot)) {
            (Some(r), _) => (r.clone(), "set by --runroot".to_string()),
            (None, Some(r)) => (r, "runroot in storage.conf".to_string()),
            (None, None) => runtime_dir(uid)?,
        };
        let paths = Paths { root, runroot, runroot_reason, volume_path: std::sync::OnceLock::new(), volume_lookup: None };
        make_private_dir(&paths.root)?;
        make_private_dir(&paths.runroot)?;
        Ok(paths)
    }

    pub fn blobs(&self) -> PathBuf {
        self.root.join("blobs").join("sha256")
    }
    pub fn blob(&self, hex: &str) -> PathBuf {
        self.blobs().join(hex)
    }
    pub fn layers(&self) -> PathBuf {
        self.root.join("layers")
    }
    pub fn layer_dir(&self, diff_hex: &str) -> PathBuf {
        self.layers().join(diff_hex)
    }
    /// The unpacked tree of the layer with diff id `diff_id` (`sha256:HEX` or `HEX`).
    pub fn layer_tree(&self, diff_id: &str) -> PathBuf {
        self.layer_dir(diff_id.trim_start_matches("sha256:")).join("diff")
    }
    /// Facts about the store learnt once (e.g. whether native overlay works here).
    pub fn store_facts(&self) -> PathBuf {
        self.root.join("store.json")
    }
    pub fn images_index(&self) -> PathBuf {
        self.root.join("images.json")
    }
    pub fn containers(&self) -> PathBuf {
        self.root.join("containers")
    }
    pub fn volumes(&self) -> PathBuf {
        self.volume_path.get_or_init(|| self.volume_lookup.and_then(|f| f()).unwrap_or_else(|| self.root.join("volumes"))).clone()
    }
    pub fn volume_dir(&self, name: &str) -> PathBuf {
        self.volumes().join(name)
    }
    /// Secrets: `secrets/<id>/secret.json` and its data (the file driver).
    pub fn secrets(&self) -> PathBuf {
        self.root.join("secrets")
    }
    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.containers().join(id)
    }
    pub fn container_run_dir(&self, id: &str) -> PathBuf {
        self.runroot.join("containers").join(id)
    }
    /// Scratch space on the store's filesystem, so finished work can be renamed into place.
    pub fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }
    /// `hutch --root R --runroot RR`: hutch running itself on this store (a health check's
    /// `exec`, the supervisor's `healthcheck run` and `stop`).
    pub fn hutch_command(&self) -> std::process::Command {
        let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("/proc/self/exe"));
        let mut c = std::process::Command::new(exe);
        c.arg("--root").arg(&self.root).arg("--runroot").arg(&self.runroot);
        c
    }

    /// Compiled seccomp programs, by the hash of their profile.
    pub fn seccomp_cache(&self) -> PathBuf {
        self.root.join("seccomp")
    }

    /// Taken for every change to the images index or to the set of containers.
    pub fn store_lock(&self) -> PathBuf {
        self.root.join("store.lock")
    }

    /// Creates the store's subdirectories (cheap when they exist).
    pub fn ensure_store(&self) -> Result<()> {
        for d in [self.blobs(), self.layers(), self.containers(), self.volumes(), self.tmp()] {
            fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
        }
        Ok(())
    }
}

/// Creates `dir` (and parents) and makes it 0700; refuses one that belongs to someone else.
pub fn make_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let meta = fs::symlink_metadata(dir).with_context(|| format!("reading {}", dir.display()))?;
    let uid = nix::unistd::geteuid().as_raw();
    if meta.uid() != uid {
        bail!(
            "{} belongs to uid {}, not to you (uid {uid}): choose another location or remove it",
            dir.display(),
            meta.uid()
        );
    }
    if meta.mode() & 0o777 != 0o700 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .with_context(|| format!("making {} private (0700)", dir.display()))?;
    }
    Ok(())
}

fn owned_dir(p: &Path, uid: u32) -> bool {
    fs::metadata(p).map(|m| m.is_dir() && m.uid() == uid).unwrap_or(false)
}

/// Picks the runtime directory, in Podman's order but never one the caller does not own.
pub fn runtime_dir(uid: u32) -> Result<(PathBuf, String)> {
    let mut why_not = String::new();
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|v| !v.is_empty()) {
        Some(v) => {
            let p = PathBuf::from(v);
            if owned_dir(&p, uid) {
                return Ok((p.join("hutch"), "XDG_RUNTIME_DIR".into()));
            }
            why_not = format!(
                "XDG_RUNTIME_DIR={} is not a directory you own (as after `su`; log in with \
                 `machinectl shell USER@` or `ssh` for a proper session), ",
                p.display()
            );
        }
        None => why_not.push_str("XDG_RUNTIME_DIR is unset, "),
    }
    let user_run = PathBuf::from(format!("/run/user/{uid}"));
    if let Ok(m) = fs::metadata(&user_run) {
        if m.is_dir() && m.uid() == uid && m.mode() & 0o777 == 0o700 {
            return Ok((user_run.join("hutch"), format!("{why_not}using /run/user/{uid}")));
        }
    }
    let tmp = std::env::var_os("TMPDIR").filter(|v| !v.is_empty()).map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    let p = tmp.join(format!("hutch-run-{uid}"));
    match fs::create_dir(&p) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("creating runtime directory {}", p.display())),
    }
    let m = fs::symlink_metadata(&p).with_context(|| format!("reading {}", p.display()))?;
    if !m.is_dir() || m.uid() != uid {
        bail!(
            "refusing runtime directory {}: it is not a directory owned by you (uid {uid}); \
             someone may be squatting it: remove it or set XDG_RUNTIME_DIR",
            p.display()
        );
    }
    Ok((p, format!("{why_not}using private fallback")))
}

