//! `hutch export`: a container's filesystem as a tar stream. Its changes (the upper layer)
//! and its image layers are mounted as a read-only overlay (no workdir, so this works while
//! the container runs) inside a private user and mount namespace, where owners read as the
//! container's own ids, and walked into a tar: hardlinks, symlinks, devices and FIFOs kept.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{self as records, FindError, RootSource};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

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
            write_tar(&root, out)?;
            Ok(0)
        });
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }
}

/// Writes the tree at `root` as a tar stream, not following symlinks.
fn write_tar(root: &Path, out: std::fs::File) -> Result<()> {
    let mut b = tar::Builder::new(std::io::BufWriter::with_capacity(1 << 20, out));
    let mut links: HashMap<(u64, u64), PathBuf> = HashMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let full = root.join(&rel);
        let meta = std::fs::symlink_metadata(&full).with_context(|| format!("reading /{}", rel.display()))?;
        let ft = meta.file_type();
        let mut h = tar::Header::new_gnu();
        h.set_mode(meta.mode() & 0o7777);
        h.set_uid(meta.uid() as u64);
        h.set_gid(meta.gid() as u64);
        h.set_mtime(meta.mtime().max(0) as u64);
        h.set_size(0);
        let name = if rel.as_os_str().is_empty() { PathBuf::from(".") } else { rel.clone() };
        if ft.is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            b.append_data(&mut h, format!("{}/", name.display()), std::io::empty())?;
            let mut kids: Vec<PathBuf> = std::fs::read_dir(&full).with_context(|| format!("listing /{}", rel.display()))?
                .flatten().map(|e| rel.join(e.file_name())).collect();
            kids.sort();
            stack.extend(kids.into_iter().rev());
        } else if ft.is_symlink() {
            h.set_entry_type(tar::EntryType::Symlink);
            let target = std::fs::read_link(&full)?;
            b.append_link(&mut h, &name, &target)?;
        } else if ft.is_file() {
            if meta.nlink() > 1 {
                if let Some(first) = links.get(&(meta.dev(), meta.ino())) {
                    h.set_entry_type(tar::EntryType::Link);
                    b.append_link(&mut h, &name, first)?;
                    continue;
                }
                links.insert((meta.dev(), meta.ino()), name.clone());
            }
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(meta.len());
            let f = std::fs::File::open(&full).with_context(|| format!("reading /{}", rel.display()))?;
            b.append_data(&mut h, &name, f)?;
        } else if ft.is_fifo() || ft.is_char_device() || ft.is_block_device() {
            h.set_entry_type(if ft.is_fifo() { tar::EntryType::Fifo } else if ft.is_char_device() { tar::EntryType::Char } else { tar::EntryType::Block });
            let rdev = meta.rdev();
            h.set_device_major(libc::major(rdev))?;
            h.set_device_minor(libc::minor(rdev))?;
            b.append_data(&mut h, &name, std::io::empty())?;
        }
        // sockets are not archived
    }
    b.into_inner().context("finishing the tar stream")?.flush().context("writing the tar stream")?;
    Ok(())
}
