//! Volumes: named ones (`volume create|ls|inspect|rm|prune|exists`, or created on first use by
//! `run -v NAME:/path`), anonymous ones from an image's VOLUME list, bind mounts and tmpfs.
//! A new volume is seeded with the image's content at its path, as Podman does: the image's
//! layers are mounted read-only in a private user+mount namespace and the tree copied with
//! its owners, modes and times.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::mounts::{MountRequest, Source};
use crate::plan::UserMount;
use crate::state::containers::{self as records, Status};
use crate::state::lock;
use crate::state::volumes::{self, VolumeRecord};
use crate::storage::remove::remove_tree_mapped;
use crate::util::{ids, time};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

mod filter;
mod opts;
mod verbs;

pub use filter::VolumeFilter;
use opts::VolumeMount;
pub use opts::go_errno_text;
pub use verbs::{VolumeInspect, VolumeSpec};

/// Mounts resolved for one container, and the volumes it uses.
pub struct ResolvedMounts {
    pub mounts: Vec<UserMount>,
    /// Host paths to chown to the container's user (`:U`).
    pub chown: Vec<PathBuf>,
    pub volumes: Vec<String>,
    pub anonymous: Vec<String>,
}

pub struct VolRmFailure {
    pub name: String,
    pub code: i32,
    pub message: String,
}

impl Engine {
    pub fn volume_data(&self, name: &str) -> PathBuf {
        self.paths.volume_dir(name).join("_data")
    }

    /// Creates a volume; `Ok(false)` when it already exists and `exist_ok`.
    pub fn volume_create(&self, name: &str, labels: BTreeMap<String, String>, anonymous: bool, exist_ok: bool) -> Result<bool> {
        self.create_volume_record(name, labels, anonymous, BTreeMap::new(), exist_ok)
    }

    /// `volume create`: the local driver, with its options checked (see `opts`). Returns the
    /// volume's name (a random one when none is given).
    pub fn volume_create_spec(&self, spec: &VolumeSpec) -> Result<String> {
        let name = spec.name.clone().unwrap_or_else(ids::random_id);
        // Another driver's options are its own: the driver is checked first.
        match spec.driver.as_str() {
            "" | "local" => {}
            "image" => return Err(exit_error(125, "the image volume driver is not supported by hutch: use --driver local (the default)")),
            d => return Err(exit_error(125, format!(
                "volume {name} uses volume plugin {d} but it could not be retrieved: no volume plugin with name {d} available: required plugin missing"))),
        }
        let options = opts::parse(&spec.options).map_err(|e| exit_error(125, format!("{e:#}")))?;
        // An owner (of the data, or of a tmpfs) must be an id the user namespace has.
        for (key, file) in [("UID", "/etc/subuid"), ("GID", "/etc/subgid")] {
            if let Some(id) = options.get(key).and_then(|v| v.parse::<u32>().ok()) {
                let mapping = self.mapping();
                let mapped = if key == "UID" { mapping.host_uid(id) } else { mapping.host_gid(id) };
                if mapped.is_none() {
                    return Err(exit_error(125, format!(
                        "cannot make the volume owned by {} {id}: that id is not mapped in your user namespace; your {file} range is too small (see `hutch info`)",
                        key.to_ascii_lowercase())));
                }
            }
        }
        self.create_volume_record(&name, spec.labels.clone(), false, options, spec.ignore)?;
        Ok(name)
    }

    fn create_volume_record(&self, name: &str, labels: BTreeMap<String, String>, anonymous: bool, options: BTreeMap<String, String>, exist_ok: bool) -> Result<bool> {
        volumes::check_name(name).map_err(|e| exit_error(125, format!("{e:#}")))?;
        self.paths.ensure_store()?;
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        if volumes::load(&self.paths, name)?.is_some() {
            if exist_ok {
                return Ok(false);
            }
            return Err(exit_error(125, format!("volume with name {name} already exists: volume already exists")));
        }
        let dir = self.paths.volume_dir(name);
        let made = (|| -> Result<()> {
            std::fs::create_dir_all(dir.join("_data")).with_context(|| format!("creating {}", dir.display()))?;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
            std::fs::set_permissions(dir.join("_data"), std::fs::Permissions::from_mode(0o755))?;
            let mut rec = VolumeRecord { name: name.into(), created: time::now_unix(), labels, anonymous, seeded: false, created_ns: time::now_nanos(), options };
            rec.created = (rec.created_ns / 1_000_000_000) as i64;
            // `o=uid=N,gid=N`: the data belongs to those (container) ids, as Podman's SafeChown.
            if rec.uid().is_some() || rec.gid().is_some() {
                self.chown_volume_data(&dir.join("_data"), rec.uid().unwrap_or(0), rec.gid().unwrap_or(0))?;
            }
            // `nocopy`: the image's content is never copied in.
            rec.seeded = rec.options.contains_key("nocopy");
            volumes::save(&self.paths, &rec)
        })();
        if let Err(e) = made {
            let _ = remove_tree_mapped(&dir);
            return Err(e);
        }
        Ok(true)
    }

    /// Gives a volume's data directory to a container uid:gid (inside the user namespace).
    fn chown_volume_data(&self, data: &Path, uid: u32, gid: u32) -> Result<()> {
        let d = data.to_path_buf();
        crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            std::os::unix::fs::lchown(&d, Some(uid), Some(gid)).with_context(|| format!("giving {} to {uid}:{gid}", d.display()))?;
            Ok(0)
        })
        .map(|_| ())
    }

    pub fn volume_list(&self) -> Result<Vec<VolumeRecord>> {
        volumes::list(&self.paths)
    }

    pub fn volume_get(&self, name: &str) -> Result<VolumeRecord> {
        volumes::load(&self.paths, name)?.ok_or_else(|| exit_error(125, format!("no volume with name \"{name}\" found: no such volume")))
    }

    /// Containers that use a volume.
    fn volume_users(&self, name: &str) -> Result<Vec<records::ContainerRecord>> {
        Ok(records::list(&self.paths)?.into_iter().filter(|c| c.volumes.iter().any(|v| v == name)).collect())
    }

    /// With `force`, the containers using a volume go first (stopped within `timeout` seconds,
    /// else their own stop timeout).
    pub fn volume_rm(&self, names: &[String], all: bool, force: bool, timeout: Option<u64>) -> Result<(Vec<String>, Vec<VolRmFailure>)> {
        let targets: Vec<String> = if all { self.volume_list()?.into_iter().map(|v| v.name).collect() } else { names.to_vec() };
        let mut removed = Vec::new();
        let mut failed = Vec::new();
        for name in targets {
            if volumes::load(&self.paths, &name)?.is_none() {
                failed.push(VolRmFailure { code: 1, message: format!("no volume with name \"{name}\" found: no such volume"), name });
                continue;
            }
            let users = self.volume_users(&name)?;
            if !users.is_empty() {
                if !force {
                    let ids: Vec<&str> = users.iter().map(|c| c.short_id()).collect();
                    failed.push(VolRmFailure { code: 2, message: format!("volume {name} is being used by the following container(s): {}: volume is being used", ids.join(", ")), name });
                    continue;
                }
                let keys: Vec<String> = users.iter().map(|c| c.id.clone()).collect();
                self.rm(&crate::engine::containers::RmOptions { keys, force: true, ignore: true, timeout, ..Default::default() })?;
            }
            remove_tree_mapped(&self.paths.volume_dir(&name))?;
            removed.push(name);
        }
        Ok((removed, failed))
    }

    /// Removes every volume no container uses.
    pub fn volume_prune(&self) -> Result<Vec<String>> {
        self.volume_prune_filtered(&VolumeFilter::default())
    }

    /// Resolves -v/--mount/--tmpfs and the image's VOLUME list (anonymous volumes, or tmpfs
    /// with `image_tmpfs`) into mounts for the spec, creating (and seeding) volumes as needed.
    /// `layers` are the image's layer directories, top first (empty for --rootfs).
    pub fn resolve_mounts(&self, reqs: &[MountRequest], image_volumes: &[String], image_tmpfs: bool, layers: &[PathBuf], container_dir: &Path) -> Result<ResolvedMounts> {
        let mut out = ResolvedMounts { mounts: vec![], chown: vec![], volumes: vec![], anonymous: vec![] };
        // The same mount given twice is one mount (Podman dedups them); a different one on the
        // same destination stays an error below.
        let mut reqs: Vec<MountRequest> = reqs.iter().enumerate().filter(|(i, r)| !reqs[..*i].contains(r)).map(|(_, r)| r.clone()).collect();
        for v in image_volumes {
            if !reqs.iter().any(|r| r.dest.trim_end_matches('/') == v.trim_end_matches('/')) {
                let source = if image_tmpfs { Source::Tmpfs } else { Source::Volume(String::new()) };
                reqs.push(MountRequest { source, dest: v.clone(), read_only: false, options: vec![], chown: false, overlay: false });
            }
        }
        for r in &reqs {
            if out.mounts.iter().any(|m| m.dest == r.dest) {
                return Err(exit_error(125, format!("{}: duplicate mount destination", r.dest)));
            }
            match &r.source {
                Source::Bind(p) => {
                    let src = std::fs::canonicalize(p).map_err(|e| exit_error(125, format!("statfs {}: {e}", p.display())))?;
                    if r.chown {
                        out.chown.push(src.clone());
                    }
                    if r.overlay {
                        // Changes go to a layer of the container's own, dropped with it.
                        let n = out.mounts.len();
                        let base = container_dir.join(format!("overlay-{n}"));
                        for d in ["upper", "work"] {
                            std::fs::create_dir_all(base.join(d)).with_context(|| format!("creating {}", base.display()))?;
                        }
                        let data = crate::plan::mounts::overlay_options(&src.to_string_lossy(), Some((&base.join("upper"), &base.join("work"))));
                        out.mounts.push(UserMount { kind: "overlay", source: PathBuf::from("overlay"), dest: r.dest.clone(), read_only: r.read_only, options: vec![data] });
                    } else {
                        out.mounts.push(UserMount { kind: "bind", source: src, dest: r.dest.clone(), read_only: r.read_only, options: r.options.clone() });
                    }
                }
                Source::Tmpfs => {
                    out.mounts.push(UserMount { kind: "tmpfs", source: PathBuf::new(), dest: r.dest.clone(), read_only: r.read_only, options: r.options.clone() });
                }
                Source::Volume(name) => {
                    let (name, anonymous) = if name.is_empty() { (ids::random_id(), true) } else { (name.clone(), false) };
                    self.volume_create(&name, BTreeMap::new(), anonymous, true)?;
                    let mut rec = self.volume_get(&name)?;
                    let how = opts::mount_of(&rec.options);
                    if !rec.seeded {
                        // A tmpfs or a bound host directory is never seeded from the image.
                        if !layers.is_empty() && how == VolumeMount::Data {
                            self.seed_volume(layers, &r.dest, &self.volume_data(&name))?;
                            // The copy takes the image directory's owner; one given at create stays.
                            if rec.uid().is_some() || rec.gid().is_some() {
                                self.chown_volume_data(&self.volume_data(&name), rec.uid().unwrap_or(0), rec.gid().unwrap_or(0))?;
                            }
                        }
                        rec.seeded = true;
                        volumes::save(&self.paths, &rec)?;
                    }
                    let (kind, source, mut options) = match how {
                        VolumeMount::Data => ("bind", self.volume_data(&name), vec![]),
                        VolumeMount::Tmpfs(o) => ("tmpfs", PathBuf::new(), o),
                        VolumeMount::Bind(dev, o) => {
                            let src = std::fs::canonicalize(&dev).map_err(|e| exit_error(125, format!(
                                "volume {name} binds {}, which is gone: {}: recreate the directory or the volume", dev.display(), opts::go_errno_text(&e))))?;
                            ("bind", src, o)
                        }
                    };
                    if r.chown && kind == "bind" {
                        out.chown.push(source.clone());
                    }
                    options.extend(r.options.iter().cloned());
                    out.mounts.push(UserMount { kind, source, dest: r.dest.clone(), read_only: r.read_only, options });
                    if anonymous {
                        out.anonymous.push(name.clone());
                    }
                    out.volumes.push(name);
                }
            }
        }
        Ok(out)
    }

    /// Copies the image's content at `dest` into an empty volume.
    fn seed_volume(&self, layers: &[PathBuf], dest: &str, data: &Path) -> Result<()> {
        let rel = dest.trim_start_matches('/');
        // Nothing to copy unless some layer has the path.
        if !layers.iter().any(|l| std::fs::symlink_metadata(l.join(rel)).map(|m| m.is_dir()).unwrap_or(false)) {
            return Ok(());
        }
        if std::fs::read_dir(data).map(|mut d| d.next().is_some()).unwrap_or(true) {
            return Ok(()); // not empty: never overwrite a volume's data
        }
        let mnt = self.paths.tmp().join(format!("seed-{}-{}", std::process::id(), &ids::random_id()[..8]));
        std::fs::create_dir_all(&mnt)?;
        let mapping = self.mapping();
        let lowers = layers.iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>().join(":");
        let (m2, d2, rel2) = (mnt.clone(), data.to_path_buf(), rel.to_string());
        let r = crate::runtime::userns::run_in_userns(&mapping, true, move || {
            let one = lowers.split(':').count() == 1;
            // overlayfs wants two lowers without an upper; a single layer is bind mounted.
            if one {
                crate::runtime::hostmounts::bind(std::path::Path::new(&lowers), &m2).context("mounting the image layer to seed a volume")?;
            } else {
                crate::runtime::hostmounts::mount_overlay(&m2, &lowers, None).context("mounting the image to seed a volume")?;
            }
            let src = m2.join(&rel2);
            copy_tree(&src, &d2).with_context(|| format!("copying the image's {} into the volume", src.display()))?;
            Ok(0)
        });
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }

    /// `:U`: gives the trees to the container's user (in the user namespace, so the ids are
    /// the container's).
    pub fn chown_for_container(&self, paths: &[PathBuf], uid: u32, gid: u32) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        let paths = paths.to_vec();
        crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            fn walk(p: &Path, uid: u32, gid: u32) -> Result<()> {
                std::os::unix::fs::lchown(p, Some(uid), Some(gid)).with_context(|| format!("chown {}", p.display()))?;
                if std::fs::symlink_metadata(p)?.is_dir() {
                    for e in std::fs::read_dir(p)? {
                        walk(&e?.path(), uid, gid)?;
                    }
                }
                Ok(())
            }
            for p in &paths {
                walk(p, uid, gid)?;
            }
            Ok(0)
        })
        .map(|_| ())
    }

    /// Removes a container's anonymous volumes (rm -v, --rm).
    pub fn remove_anonymous_volumes(&self, rec: &records::ContainerRecord) -> Result<()> {
        for v in &rec.anonymous_volumes {
            remove_tree_mapped(&self.paths.volume_dir(v))?;
        }
        Ok(())
    }

    pub fn volume_in_use_running(&self, name: &str) -> Result<bool> {
        Ok(self.volume_users(name)?.iter().any(|c| c.live_status() == Status::Running))
    }
}

/// Copies `src` (a directory) into the existing directory `dst` with owners, modes and
/// times; symlinks are copied as links, never followed.
fn copy_tree(src: &Path, dst: &Path) -> Result<()> {
    use std::os::unix::fs::{lchown, symlink};
    let top = std::fs::symlink_metadata(src)?;
    lchown(dst, Some(top.uid()), Some(top.gid()))?;
    std::fs::set_permissions(dst, std::fs::Permissions::from_mode(top.mode() & 0o7777))?;
    for e in std::fs::read_dir(src)? {
        let e = e?;
        let (s, d) = (e.path(), dst.join(e.file_name()));
        let m = std::fs::symlink_metadata(&s)?;
        let ft = m.file_type();
        if ft.is_dir() {
            std::fs::create_dir(&d)?;
            copy_tree(&s, &d)?;
        } else if ft.is_symlink() {
            symlink(std::fs::read_link(&s)?, &d)?;
            lchown(&d, Some(m.uid()), Some(m.gid()))?;
        } else if ft.is_file() {
            std::fs::copy(&s, &d)?;
            lchown(&d, Some(m.uid()), Some(m.gid()))?;
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
        }
    }
    Ok(())
}

impl Engine {
    /// `--volumes-from CONTAINER[:ro|rw]`: the mounts that container was given, read-only or
    /// read-write as asked (else as it had them).
    pub(crate) fn volumes_from(&self, list: &[String]) -> Result<Vec<crate::state::containers::SharedMount>> {
        let mut out = Vec::new();
        for v in list {
            let (key, opts) = v.split_once(':').unwrap_or((v.as_str(), ""));
            let mut ro = None;
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                match o {
                    "ro" => ro = Some(true),
                    "rw" => ro = Some(false),
                    "z" => {}
                    _ => return Err(crate::error::exit_error(125, format!("invalid options {opts:?} for --volumes-from {key}: use ro, rw or z"))),
                }
            }
            let other = self.find_container(key)?;
            for mut m in crate::state::containers::load_create_info(&self.paths, &other.id).mounts {
                if let Some(r) = ro {
                    m.read_only = r;
                }
                out.push(m);
            }
        }
        Ok(out)
    }
}
