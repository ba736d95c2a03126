//! `hutch export`: a container's filesystem as a tar stream. Its changes (the upper layer)
//! and its image layers are mounted as a read-only overlay (no workdir, so this works while
//! the container runs) inside a private user and mount namespace, where owners read as the
//! container's own ids, and walked into a tar: hardlinks, symlinks, devices and FIFOs kept.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{self as records, FindError, RootSource};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

impl Engine {
    pub fn export(&self, key: &str, out: std::fs::File) -> Result<()> {
        let all = records::list(&self.paths)?;
        let rec = match records::find(&all, key) {
            Ok(r) => r.clone(),
            Err(FindError::NotFound) => return Err(exit_error(125, format!("no container with name or ID \"{key}\" found: no such container"))),
            Err(FindError::Ambiguous) => bail!("more than one container matches \"{key}\": give more of the ID"),
        };
        let cdir = self.paths.container_dir(&rec.id);
        let (lowers, plain_dir) = match &rec.root {
            _ if rec.driver.as_deref() == Some("vfs") => (vec![], Some(cdir.join("rootfs"))),
            RootSource::Image { layers, .. } => {
                let mut v = vec![cdir.join("upper")];
                v.extend(layers.iter().rev().map(|l| self.paths.layer_dir(l.trim_start_matches("sha256:")).join("diff")));
                (v, None)
            }
            RootSource::Dir { path, overlay: true } => (vec![cdir.join("upper"), PathBuf::from(path)], None),
            RootSource::Dir { path, overlay: false } => (vec![], Some(PathBuf::from(path))),
        };
        let mnt = self.paths.container_run_dir(&rec.id).join("export");
        std::fs::create_dir_all(&mnt).with_context(|| format!("creating {}", mnt.display()))?;
        let mapping = self.mapping();
        let m2 = mnt.clone();
        let r = crate::runtime::userns::run_in_userns(&mapping, true, move || {
            let root = match plain_dir {
                Some(d) => d,
                None => {
                    let data = format!("lowerdir={}", lowers.iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>().join(":"));
                    nix::mount::mount(Some("overlay"), &m2, Some("overlay"), nix::mount::MsFlags::MS_RDONLY, Some(format!("{data},userxattr").as_str()))
                        .context("mounting the container's filesystem (read-only overlay)")?;
                    m2.clone()
                }
            };
            crate::storage::tarwrite::write_tar(&root, out, false)?;
            Ok(0)
        });
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }
}

