//! The `volume` verbs beyond create/rm: inspect data (Podman's InspectVolumeData), filtered
//! listing and pruning, export and import of a volume's data as a tar stream (owners as
//! the container sees them: the work is done inside the user namespace), and mount/unmount.

use super::opts::{self, VolumeMount};
use super::VolumeFilter;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::runtime::volmount;
use crate::state::containers::{self as records, Status};
use crate::state::volumes::VolumeRecord;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// What `volume create` asks for.
#[derive(Debug, Default)]
pub struct VolumeSpec {
    pub name: Option<String>,
    pub driver: String,
    pub labels: BTreeMap<String, String>,
    /// `--opt KEY=VALUE`, in the order given.
    pub options: Vec<(String, String)>,
    /// Do not fail when the volume exists.
    pub ignore: bool,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Podman's InspectVolumeData for a local volume, with its omitempty rules.
#[derive(Debug, Serialize)]
pub struct VolumeInspect {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Driver")]
    pub driver: String,
    #[serde(rename = "Mountpoint")]
    pub mountpoint: PathBuf,
    #[serde(rename = "CreatedAt")]
    pub created_at: String,
    #[serde(rename = "Labels")]
    pub labels: BTreeMap<String, String>,
    #[serde(rename = "Scope")]
    pub scope: String,
    #[serde(rename = "Options")]
    pub options: BTreeMap<String, String>,
    #[serde(rename = "UID", skip_serializing_if = "is_zero")]
    pub uid: u32,
    #[serde(rename = "GID", skip_serializing_if = "is_zero")]
    pub gid: u32,
    #[serde(rename = "Anonymous", skip_serializing_if = "is_false")]
    pub anonymous: bool,
    #[serde(rename = "MountCount")]
    pub mount_count: u32,
    #[serde(rename = "NeedsCopyUp", skip_serializing_if = "is_false")]
    pub needs_copy_up: bool,
    #[serde(rename = "NeedsChown", skip_serializing_if = "is_false")]
    pub needs_chown: bool,
}

impl VolumeInspect {
    /// What a Go template sees: every field of Podman's struct, omitted ones at their zero
    /// value (`{{.UID}}` is 0, `{{.Anonymous}}` false), where JSON leaves them out.
    pub fn template_view(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            for (k, zero) in [("Status", serde_json::json!({})), ("UID", 0.into()), ("GID", 0.into()), ("Anonymous", false.into()),
                ("NeedsCopyUp", false.into()), ("NeedsChown", false.into()), ("Timeout", 0.into()), ("StorageID", "".into())] {
                m.entry(k).or_insert(zero);
            }
        }
        v
    }
}

/// Inside `hutch unshare` (root in the caller's user namespace, with its own mounts).
fn in_unshare() -> bool {
    std::env::var_os("HUTCH_UNSHARE").is_some() && nix::unistd::geteuid().is_root()
}

fn no_such_volume(name: &str) -> anyhow::Error {
    exit_error(125, format!("no such volume {name}"))
}

impl Engine {
    /// Containers using the volume that are running: Podman counts a mount per container
    /// for volumes that are mounts of their own (tmpfs, a bound directory).
    fn mount_count(&self, v: &VolumeRecord) -> Result<u32> {
        if !v.needs_mount() {
            return Ok(0);
        }
        Ok(self.volume_users(&v.name)?.iter().filter(|c| c.live_status() == Status::Running).count() as u32)
    }

    pub fn volume_inspect_data(&self, v: &VolumeRecord) -> Result<VolumeInspect> {
        Ok(VolumeInspect {
            name: v.name.clone(),
            driver: "local".into(),
            mountpoint: self.volume_data(&v.name),
            created_at: crate::util::time::go_json_time(v.created_nanos()),
            labels: v.labels.clone(),
            scope: "local".into(),
            options: v.options.clone(),
            uid: v.uid().unwrap_or(0),
            gid: v.gid().unwrap_or(0),
            anonymous: v.anonymous,
            mount_count: self.mount_count(v)?,
            needs_copy_up: !v.seeded,
            // Podman's WithVolumeNoChown: an owner given at create is kept.
            needs_chown: !v.seeded && v.uid().is_none() && v.gid().is_none(),
        })
    }

    fn used_volumes(&self) -> Result<HashSet<String>> {
        Ok(records::list(&self.paths)?.into_iter().flat_map(|c| c.volumes).collect())
    }

    /// The volumes the filter lists.
    pub fn volume_list_filtered(&self, f: &VolumeFilter) -> Result<Vec<VolumeRecord>> {
        let used = if f.is_empty() { HashSet::new() } else { self.used_volumes()? };
        Ok(self.volume_list()?.into_iter().filter(|v| f.matches(v, &|n| used.contains(n))).collect())
    }

    /// What `volume prune` with this filter would remove: the listed volumes no container uses.
    pub fn volume_prune_candidates(&self, f: &VolumeFilter) -> Result<Vec<String>> {
        let used = self.used_volumes()?;
        Ok(self.volume_list()?.into_iter().filter(|v| f.matches(v, &|n| used.contains(n)) && !used.contains(&v.name)).map(|v| v.name).collect())
    }

    /// Removes the listed volumes that no container uses.
    pub fn volume_prune_filtered(&self, f: &VolumeFilter) -> Result<Vec<String>> {
        let (removed, failed) = self.volume_rm(&self.volume_prune_candidates(f)?, false, false, None)?;
        if let Some(f) = failed.first() {
            bail!("{}", f.message);
        }
        Ok(removed)
    }

    /// Podman's VolumeInspect lookup error (export, import, inspect).
    pub fn volume_lookup(&self, name: &str) -> Result<VolumeRecord> {
        crate::state::volumes::load(&self.paths, name)?.ok_or_else(|| no_such_volume(name))
    }

    /// The directory holding a volume's data now, or Podman's refusal for a bound directory
    /// that is not mounted anywhere.
    fn volume_source(&self, v: &VolumeRecord) -> Result<PathBuf> {
        let data = self.volume_data(&v.name);
        if volmount::is_mountpoint(&data) {
            return Ok(data);
        }
        match opts::mount_of(&v.options) {
            VolumeMount::Data | VolumeMount::Tmpfs(_) => Ok(data),
            VolumeMount::Bind(dev, _) if self.mount_count(v)? > 0 => Ok(dev),
            VolumeMount::Bind(..) => Err(exit_error(125, format!("volume is using a driver local and volume is not mounted on {}", data.display()))),
        }
    }

    /// Runs `f` as root in the caller's user namespace: in a helper, or here inside `unshare`.
    fn as_container_root(&self, f: impl FnOnce() -> Result<i32>) -> Result<()> {
        if in_unshare() {
            f().map(|_| ())
        } else {
            crate::runtime::userns::run_in_userns(&self.mapping(), false, f).map(|_| ())
        }
    }

    /// `volume export`: the volume's data as a tar stream, owners as the container sees them,
    /// written to what `open` gives once the volume is found exportable.
    pub fn volume_export(&self, name: &str, open: impl FnOnce() -> Result<std::fs::File>) -> Result<()> {
        let v = self.volume_lookup(name)?;
        let src = self.volume_source(&v)?;
        let out = open()?;
        self.as_container_root(move || {
            crate::storage::tarwrite::write_tar(&src, out, false)?;
            Ok(0)
        })
    }

    /// `volume import`: a tar stream (plain, gzip or zstd) unpacked into the volume, over
    /// what is there. The whole stream is read and checked first, so a tarball with an entry
    /// that leaves the volume (`..`, a hardlink out) changes nothing; absolute paths and
    /// symlinks are resolved inside the volume by the unpacker.
    pub fn volume_import(&self, name: &str, input: Box<dyn Read>) -> Result<()> {
        let v = self.volume_lookup(name)?;
        let dest = self.volume_source(&v)?;
        std::fs::create_dir_all(self.paths.tmp()).with_context(|| format!("creating {}", self.paths.tmp().display()))?;
        // `import-PID-RANDOM`: what a killed import leaves is swept by the next command.
        let staging = self.paths.tmp().join(format!("import-{}-{}", std::process::id(), &crate::util::ids::random_id()[..8]));
        let spool = staging.join("volume.tar");
        let r = (|| {
            std::fs::create_dir(&staging).with_context(|| format!("creating {}", staging.display()))?;
            spool_and_check(input, &spool, name)?;
            let single = self.mapping().is_single();
            let sp = spool.clone();
            self.as_container_root(move || {
                let f = std::fs::File::open(&sp).with_context(|| format!("opening {}", sp.display()))?;
                let (reader, _) = crate::storage::compress::decompressed(f, true)?;
                crate::storage::unpack::unpack(reader, &dest, &crate::storage::unpack::Options { single_mapping: single })?;
                Ok(0)
            })
        })();
        let _ = std::fs::remove_dir_all(&staging);
        r
    }

    /// `volume mount`: the volume's mountpoint, with its tmpfs or bound directory mounted
    /// there first (inside `hutch unshare` only, as rootless Podman).
    pub fn volume_mount(&self, name: &str) -> Result<PathBuf> {
        if !nix::unistd::geteuid().is_root() {
            return Err(exit_error(125, "cannot run command \"hutch volume mount\" in rootless mode, must execute `hutch unshare` first"));
        }
        let v = self.volume_get(name)?;
        let data = self.volume_data(name);
        if !volmount::is_mountpoint(&data) {
            match opts::mount_of(&v.options) {
                VolumeMount::Data => {}
                VolumeMount::Tmpfs(o) => volmount::mount_tmpfs(&data, &o)?,
                VolumeMount::Bind(dev, o) => volmount::bind(&dev, &data, &o)?,
            }
        }
        Ok(data)
    }

    /// `volume unmount`: takes a volume's own mount off its mountpoint; a volume that is
    /// not mounted (or is a plain directory) is left as it is, as in Podman.
    pub fn volume_unmount(&self, name: &str) -> Result<()> {
        let v = self.volume_get(name)?;
        let data = self.volume_data(name);
        if v.needs_mount() && nix::unistd::geteuid().is_root() && volmount::is_mountpoint(&data) {
            volmount::unmount(&data)?;
        }
        Ok(())
    }
}


/// A tar entry path that stays inside the volume (`/` and `.` dropped), or why not.
fn contained(raw: &Path, what: &str, volume: &str) -> Result<()> {
    if raw.components().any(|c| c == Component::ParentDir) {
        return Err(exit_error(125, format!(
            "refusing to import into volume {volume}: {what} `{}` points outside the volume (it contains `..`); nothing was imported",
            raw.display()
        )));
    }
    Ok(())
}

/// Copies the input to `spool` and reads it through as a tar stream, refusing what could
/// leave the volume; a stream that is not a whole tar archive is refused here too.
fn spool_and_check(mut input: Box<dyn Read>, spool: &Path, volume: &str) -> Result<()> {
    let mut f = std::fs::File::create(spool).with_context(|| format!("creating {}", spool.display()))?;
    std::io::copy(&mut input, &mut f).context("reading the tarball")?;
    drop(f);
    let f = std::fs::File::open(spool).with_context(|| format!("opening {}", spool.display()))?;
    let (reader, _) = crate::storage::compress::decompressed(f, true)?;
    let mut archive = tar::Archive::new(reader);
    let bad = |e: std::io::Error| exit_error(125, format!("the input is not a valid tar archive ({e}); nothing was imported"));
    let mut count = 0;
    for entry in archive.entries().map_err(bad)? {
        let entry = entry.map_err(bad)?;
        let path = entry.path().map_err(bad)?.into_owned();
        contained(&path, "entry", volume)?;
        if entry.header().entry_type() == tar::EntryType::Link {
            if let Some(t) = entry.link_name().map_err(bad)? {
                contained(&t, &format!("hardlink {} ->", path.display()), volume)?;
            }
        }
        count += 1;
    }
    if count == 0 && std::fs::metadata(spool).map(|m| m.len()).unwrap_or(0) > 0 && !looks_like_tar(spool) {
        return Err(exit_error(125, "the input is not a tar archive; nothing was imported"));
    }
    Ok(())
}

/// An empty archive is two zero blocks; anything else without entries is not a tarball.
fn looks_like_tar(p: &Path) -> bool {
    let mut head = vec![0u8; 512];
    let n = std::fs::File::open(p).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    n == 512 && (head.iter().all(|b| *b == 0) || crate::storage::compress::is_tarball(&head))
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_as_go_json_writes_them() {
    }
}
