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

/// Whether overlay options with these lower layers (and ~400 bytes more) fit in the one page
/// the kernel reads them from.
pub fn lowers_fit(lowers: &[PathBuf]) -> bool {
    lowers.iter().map(|l| l.as_os_str().len() + 1).sum::<usize>() + 400 < crate::plan::spec::MOUNT_DATA_MAX
}

/// Short links `l/ID` in the store to image layers (`STORE/layers/HEX/diff`), made where
/// missing: the store, and the links relative to it, for overlay options that fit a page.
pub fn short_links(lowers: &[PathBuf]) -> Result<(PathBuf, Vec<PathBuf>)> {
    let store = lowers.first().and_then(|l| l.ancestors().nth(3)).context("no layers")?.to_path_buf();
    let links = store.join("l");
    std::fs::create_dir_all(&links).with_context(|| format!("creating {}", links.display()))?;
    let mut short = Vec::new();
    for l in lowers {
        let hex = l.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if l.ancestors().nth(3) != Some(store.as_path()) || hex.len() < 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            bail!("{} is not a layer of the store {}", l.display(), store.display());
        }
        let name = PathBuf::from("l").join(&hex[..16]);
        let link = store.join(&name);
        if std::fs::read_link(&link).ok().as_deref() != Some(l.as_path()) {
            let tmp = links.join(format!(".{}-{}", std::process::id(), &hex[..16]));
            let _ = std::fs::remove_file(&tmp);
            std::os::unix::fs::symlink(l, &tmp).with_context(|| format!("linking {}", tmp.display()))?;
            // Replaced whole: a concurrent create sees the old link or the new one.
            std::fs::rename(&tmp, &link).with_context(|| format!("linking {}", link.display()))?;
        }
        short.push(name);
    }
    Ok((store, short))
}

impl ContainerFs {
    /// Makes the filesystem reachable at a path, mounting an overlay at `at` if need be:
    /// writable (with its work dir) only when `writable`; read-only it needs no work dir, so
    /// it works while the container runs. Call inside the user and mount namespace.
    pub fn mount_at(&self, at: &Path, writable: bool) -> Result<PathBuf> {
        match self {
            ContainerFs::Plain(d) => Ok(d.clone()),
            ContainerFs::Overlay { lowers, upper, work } => {
                // Many layers: short links, relative to the store, which the mount is made from.
                let (lowers, base) = if lowers_fit(lowers) || lowers.len() < 2 {
                    (lowers.clone(), None)
                } else {
                    let (store, short) = short_links(lowers)?;
                    (short, Some(store))
                };
                // Read-only, the upper directory is the topmost lower one.
                let lowerdir = if writable {
                    joined(&lowers)
                } else {
                    let mut all = vec![upper.clone()];
                    all.extend(lowers.iter().cloned());
                    joined(&all)
                };
                let back = match &base {
                    Some(b) => {
                        let here = std::fs::File::open(".").context("opening the working directory")?;
                        nix::unistd::chdir(b).with_context(|| format!("changing to {}", b.display()))?;
                        Some(here)
                    }
                    None => None,
                };
                let r = crate::runtime::hostmounts::mount_overlay(at, &lowerdir, writable.then_some((upper.as_path(), work.as_path())));
                if let Some(here) = back {
                    let _ = nix::unistd::fchdir(&here);
                }
                r.context("mounting the container's filesystem")?;
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
                overlay(layers.iter().rev().map(|l| self.paths.layer_tree(l)).collect())
            }
        }
    }
}
