//! A container's filesystem as the commands that work on it from outside (export, cp, diff,
//! mount, commit) see it: a plain directory, or its writable layer over its image's layers.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{self as records, ContainerRecord, FindError, RootSource};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

pub enum ContainerFs {
    /// A directory used as it is: the copying driver's `rootfs/`, or a `--rootfs` in place.
    Plain(PathBuf),
    /// Overlay: `lowers` top first, and the container's own `upper` and `work`.
    Overlay { lowers: Vec<PathBuf>, upper: PathBuf, work: PathBuf },
}

fn joined(dirs: &[PathBuf]) -> String {
    dirs.iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>().join(":")
}

impl ContainerFs {
    /// Makes the filesystem reachable at a path, mounting an overlay at `at` if need be:
    /// writable (with its work dir) only when `writable`; read-only it needs no work dir, so
    /// it works while the container runs. Call inside the user and mount namespace.
    pub fn mount_at(&self, at: &Path, writable: bool) -> Result<PathBuf> {
        match self {
            ContainerFs::Plain(d) => Ok(d.clone()),
            ContainerFs::Overlay { lowers, upper, work } => {
                let (flags, data) = if writable {
                    (nix::mount::MsFlags::empty(),
                     format!("lowerdir={},upperdir={},workdir={},userxattr", joined(lowers), upper.display(), work.display()))
                } else {
                    let mut all = vec![upper.clone()];
                    all.extend(lowers.iter().cloned());
                    (nix::mount::MsFlags::MS_RDONLY, format!("lowerdir={},userxattr", joined(&all)))
                };
                nix::mount::mount(Some("overlay"), at, Some("overlay"), flags, Some(data.as_str()))
                    .context("mounting the container's filesystem")?;
                Ok(at.to_path_buf())
            }
        }
    }
}

impl Engine {
    /// A container by name, full id or unique id prefix.
    pub fn find_container(&self, key: &str) -> Result<ContainerRecord> {
        let all = records::list(&self.paths)?;
        match records::find(&all, key) {
            Ok(r) => Ok(r.clone()),
            Err(FindError::NotFound) => Err(exit_error(125, format!("no container with name or ID \"{key}\" found: no such container"))),
            Err(FindError::Ambiguous) => bail!("more than one container matches \"{key}\": give more of the ID"),
        }
    }

    pub fn container_fs(&self, rec: &ContainerRecord) -> ContainerFs {
        let cdir = self.paths.container_dir(&rec.id);
        let overlay = |lowers| ContainerFs::Overlay { lowers, upper: cdir.join("upper"), work: cdir.join("work") };
        match &rec.root {
            _ if rec.driver.as_deref() == Some("vfs") => ContainerFs::Plain(cdir.join("rootfs")),
            RootSource::Dir { path, overlay: false } => ContainerFs::Plain(PathBuf::from(path)),
            RootSource::Dir { path, overlay: true } => overlay(vec![PathBuf::from(path)]),
            RootSource::Image { layers, .. } => {
                overlay(layers.iter().rev().map(|l| self.paths.layer_dir(l.trim_start_matches("sha256:")).join("diff")).collect())
            }
        }
    }
}
