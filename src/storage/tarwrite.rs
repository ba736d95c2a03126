//! Writing trees as tar streams: a container's filesystem for `export`, and an overlay
//! upper directory as an OCI layer for `commit`.

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

/// The files hutch creates as mount points for its bind mounts (see plan::spec).
const MOUNT_POINTS: &[&str] = &["etc/hosts", "etc/hostname", "etc/resolv.conf", "run/.containerenv"];

fn is_opaque(dir: &Path) -> bool {
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_encoded_bytes()) else { return false };
    let mut v = [0u8; 4];
    // SAFETY: lgetxattr into a small stack buffer.
    let n = unsafe { libc::lgetxattr(c.as_ptr(), c"user.overlay.opaque".as_ptr(), v.as_mut_ptr().cast(), v.len()) };
    n == 1 && v[0] == b'y'
}

/// Writes the tree at `root` as a tar stream, not following symlinks. With `layer`, the
/// tree is an overlay upper directory: whiteouts (0:0 character devices) become `.wh.NAME`
/// entries and opaque directories get `.wh..wh..opq`, the OCI layer form; hutch's own empty
/// mount-point files are left out.
pub fn write_tar(root: &Path, out: std::fs::File, layer: bool) -> Result<()> {
    write_tar_at(root, out, layer, None, &[])
}

/// `write_tar`, every entry's modification time `mtime` when given (`build --timestamp`: a
/// layer's bytes, and so its digest, do not depend on when the build ran), and the empty files
/// and directories at `mount_points` (a RUN step's mounts) left out of a layer.
/// A mount point a step's mount left behind: an empty file, or a directory made for mount
/// points that holds nothing else (`/run/buildkit` around `ssh_agent.0`).
fn is_bare_mount_point(root: &Path, rel: &Path, mount_points: &[PathBuf]) -> bool {
    if !mount_points.iter().any(|p| p == rel) {
        return false;
    }
    let full = root.join(rel);
    let Ok(meta) = std::fs::symlink_metadata(&full) else { return false };
    if meta.file_type().is_file() {
        return meta.len() == 0;
    }
    // An opaque directory (the step replaced it) is the step's, whatever it holds.
    meta.file_type().is_dir()
        && !is_opaque(&full)
        && std::fs::read_dir(&full).is_ok_and(|d| d.flatten().all(|e| is_bare_mount_point(root, &rel.join(e.file_name()), mount_points)))
}

pub fn write_tar_at(root: &Path, out: std::fs::File, layer: bool, mtime: Option<i64>, mount_points: &[PathBuf]) -> Result<()> {
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
        h.set_mtime(mtime.unwrap_or(meta.mtime()).max(0) as u64);
        h.set_size(0);
        let name = if rel.as_os_str().is_empty() { PathBuf::from(".") } else { rel.clone() };
        if layer {
            // fuse-overlayfs' own markers: its `.wh.` files are already OCI form (written as
            // they are below); its whiteout devices named `.wh.*` are bookkeeping.
            if ft.is_char_device() && meta.rdev() == 0 && rel.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".wh.")) {
                continue;
            }
            if ft.is_char_device() && meta.rdev() == 0 {
                let wh = rel.with_file_name(format!(".wh.{}", rel.file_name().unwrap_or_default().to_string_lossy()));
                h.set_entry_type(tar::EntryType::Regular);
                h.set_mode(0o600);
                b.append_data(&mut h, &wh, std::io::empty())?;
                continue;
            }
            if ft.is_file() && meta.len() == 0 && MOUNT_POINTS.iter().any(|p| Path::new(p) == rel) {
                continue;
            }
            if is_bare_mount_point(root, &rel, mount_points) {
                continue;
            }
        }
        if ft.is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            b.append_data(&mut h, format!("{}/", name.display()), std::io::empty())?;
            if layer && is_opaque(&full) {
                let mut oh = tar::Header::new_gnu();
                oh.set_entry_type(tar::EntryType::Regular);
                oh.set_mode(0o600);
                oh.set_size(0);
                b.append_data(&mut oh, name.join(".wh..wh..opq"), std::io::empty())?;
            }
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
