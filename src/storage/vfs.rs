//! The copying driver: a container's root made by copying its image's layers, bottom up,
//! into a directory of its own, applying whiteouts (a 0:0 character device deletes, an opaque
//! directory hides what lies below). Slower and bigger than overlay, but works wherever
//! files can be written. Runs inside the user namespace so owners are kept.

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{lchown, symlink, FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;

fn is_whiteout(m: &std::fs::Metadata) -> bool {
    m.file_type().is_char_device() && m.rdev() == 0
}

fn is_opaque(dir: &Path) -> bool {
    let Ok(c) = CString::new(dir.as_os_str().as_bytes()) else { return false };
    let mut v = [0u8; 4];
    // SAFETY: lgetxattr into a small stack buffer.
    let n = unsafe { libc::lgetxattr(c.as_ptr(), c"user.overlay.opaque".as_ptr(), v.as_mut_ptr().cast(), v.len()) };
    n == 1 && v[0] == b'y'
}

fn remove_any(p: &Path) -> Result<()> {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p).with_context(|| format!("removing {}", p.display())),
        Ok(_) => std::fs::remove_file(p).with_context(|| format!("removing {}", p.display())),
        Err(_) => Ok(()),
    }
}

fn set_times(p: &Path, m: &std::fs::Metadata) {
    let t = libc::timespec { tv_sec: m.mtime(), tv_nsec: m.mtime_nsec() };
    if let Ok(c) = CString::new(p.as_os_str().as_bytes()) {
        // SAFETY: utimensat on a NUL-terminated path, not following a final symlink.
        unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), [t, t].as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
    }
}

/// Applies one unpacked layer (`src`) onto `dst`.
pub fn apply_layer(src: &Path, dst: &Path) -> Result<()> {
    let mut links: HashMap<(u64, u64), std::path::PathBuf> = HashMap::new();
    apply_dir(src, dst, &mut links)
}

fn apply_dir(src: &Path, dst: &Path, links: &mut HashMap<(u64, u64), std::path::PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(src).with_context(|| format!("reading {}", src.display()))? {
        let e = e?;
        let (s, d) = (e.path(), dst.join(e.file_name()));
        let m = std::fs::symlink_metadata(&s)?;
        if is_whiteout(&m) {
            remove_any(&d)?;
            continue;
        }
        let ft = m.file_type();
        if ft.is_dir() {
            let existing = std::fs::symlink_metadata(&d).ok();
            if existing.as_ref().is_some_and(|x| !x.is_dir()) {
                remove_any(&d)?;
            }
            if existing.as_ref().is_some_and(|x| x.is_dir()) && is_opaque(&s) {
                remove_any(&d)?;
            }
            if !d.exists() {
                std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))?;
            }
            apply_dir(&s, &d, links)?;
            lchown(&d, Some(m.uid()), Some(m.gid()))?;
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
            set_times(&d, &m);
            continue;
        }
        remove_any(&d)?;
        if ft.is_symlink() {
            symlink(std::fs::read_link(&s)?, &d)?;
        } else if ft.is_file() {
            if m.nlink() > 1 {
                if let Some(first) = links.get(&(m.dev(), m.ino())) {
                    std::fs::hard_link(first, &d).with_context(|| format!("linking {}", d.display()))?;
                    continue;
                }
                links.insert((m.dev(), m.ino()), d.clone());
            }
            std::fs::copy(&s, &d).with_context(|| format!("copying {}", s.display()))?;
        } else if ft.is_fifo() {
            let c = CString::new(d.as_os_str().as_bytes())?;
            // SAFETY: mkfifo on a NUL-terminated path.
            if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } < 0 {
                return Err(std::io::Error::last_os_error()).with_context(|| format!("creating fifo {}", d.display()));
            }
        } else {
            continue; // devices cannot be made in a user namespace; sockets are not copied
        }
        lchown(&d, Some(m.uid()), Some(m.gid()))?;
        if !ft.is_symlink() {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
        }
        set_times(&d, &m);
    }
    Ok(())
}
