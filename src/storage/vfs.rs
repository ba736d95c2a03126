//! The copying driver: a container's root made by copying its image's layers, bottom up,
//! into a directory of its own, applying whiteouts (a 0:0 character device deletes, an opaque
//! directory hides what lies below). Slower and bigger than overlay, but works wherever
//! files can be written. Runs inside the user namespace so owners are kept. `changes` finds
//! what a container changed, for `commit` and `build`, by comparing its copy with the layers.

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
        // Devices cannot be made in a user namespace; sockets are not copied.
        if ft.is_symlink() || ft.is_file() || ft.is_fifo() {
            copy_entry(&s, &d, &m, links)?;
        }
    }
    Ok(())
}

/// What the copying driver keeps of an entry, to tell a changed one from the image's.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    kind: char,
    mode: u32,
    uid: u32,
    gid: u32,
    size: u64,
    mtime: (i64, i64),
    link: Option<std::path::PathBuf>,
}

/// The entry `apply_layer` would copy for `m` at `p` (None for what it passes over: devices
/// and sockets, and whiteouts).
fn entry_of(p: &Path, m: &std::fs::Metadata) -> Option<Entry> {
    let ft = m.file_type();
    let kind = if ft.is_dir() {
        'd'
    } else if ft.is_symlink() {
        'l'
    } else if ft.is_file() {
        'f'
    } else if ft.is_fifo() {
        'p'
    } else {
        return None;
    };
    let link = if kind == 'l' { std::fs::read_link(p).ok() } else { None };
    // A directory's size is the filesystem's business, and a symlink's mode always 0777.
    let size = if kind == 'f' { m.len() } else { 0 };
    let mode = if kind == 'l' { 0 } else { m.mode() & 0o7777 };
    Some(Entry { kind, mode, uid: m.uid(), gid: m.gid(), size, mtime: (m.mtime(), m.mtime_nsec()), link })
}

type View = std::collections::BTreeMap<std::path::PathBuf, Entry>;

/// The image's tree: its entries, and the files hard-linked in it (whose inode times change
/// when another name of them goes, so they say nothing of the file itself).
struct ImageTree {
    view: View,
    linked: std::collections::HashSet<std::path::PathBuf>,
}

/// Removes `p`'s descendants from the view (`p` itself stays).
fn drop_below(view: &mut View, p: &Path) {
    let below: Vec<std::path::PathBuf> = view
        .range::<std::path::PathBuf, _>((std::ops::Bound::Excluded(p.to_path_buf()), std::ops::Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(p))
        .map(|(k, _)| k.clone())
        .collect();
    for k in below {
        view.remove(&k);
    }
}

/// The image's tree as `apply_layer` makes it from `layers` (bottom first), without copying:
/// every entry by its path relative to the root.
fn image_view(layers: &[std::path::PathBuf]) -> Result<ImageTree> {
    let mut view = View::new();
    let mut linked = std::collections::HashSet::new();
    for layer in layers {
        let mut stack = vec![std::path::PathBuf::new()];
        while let Some(rel) = stack.pop() {
            let dir = layer.join(&rel);
            for e in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
                let e = e?;
                let (s, p) = (e.path(), rel.join(e.file_name()));
                let m = std::fs::symlink_metadata(&s)?;
                if is_whiteout(&m) {
                    view.remove(&p);
                    drop_below(&mut view, &p);
                    continue;
                }
                let was_dir = view.get(&p).is_some_and(|x| x.kind == 'd');
                if !m.is_dir() || !was_dir || is_opaque(&s) {
                    drop_below(&mut view, &p);
                }
                match entry_of(&s, &m) {
                    Some(en) => {
                        view.insert(p.clone(), en);
                    }
                    None => {
                        view.remove(&p);
                    }
                }
                if m.is_file() && m.nlink() > 1 {
                    linked.insert(p.clone());
                } else {
                    linked.remove(&p);
                }
                if m.is_dir() {
                    stack.push(p);
                }
            }
        }
    }
    Ok(ImageTree { view, linked })
}

/// The file written in a container's directory once its copy is made: anything in the copy
/// whose inode changed after it (its ctime) was changed by the container.
pub const COPIED_MARK: &str = "vfs-copied";

/// What `changes` writes for a changed file: its content (for a layer), or an empty file
/// (for `diff`, which lists names only).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    Copied,
    NamesOnly,
}

/// The changes of a container made by this driver: `root` (its copy of `layers`, since
/// changed) against the image, written to `upper` as an overlay would have left them: what
/// is new or changed copied (with its parent directories), and a whiteout (a 0:0 character
/// device, which a user namespace may make) for what is gone. An entry is changed when its
/// type, owner, mode, size, time or link target differs from the image's, or (a file linked
/// once, here and in the image) its inode changed after `copied` (the ctime of COPIED_MARK),
/// which catches a rewrite that kept size and time. Only real directories are walked: a symlink the container made
/// is never followed. Run in the user namespace.
pub fn changes(layers: &[std::path::PathBuf], root: &Path, upper: &Path, copied: Option<(i64, i64)>, contents: Contents) -> Result<()> {
    let ImageTree { view, linked } = image_view(layers)?;
    let mut links: HashMap<(u64, u64), std::path::PathBuf> = HashMap::new();
    let mut stack = vec![std::path::PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let mut present = std::collections::HashSet::new();
        for e in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let e = e?;
            present.insert(e.file_name());
            let p = rel.join(e.file_name());
            let m = std::fs::symlink_metadata(e.path())?;
            let Some(now) = entry_of(&e.path(), &m) else { continue };
            let touched = !m.is_dir() && m.nlink() == 1 && !linked.contains(&p) && copied.is_some_and(|c| (m.ctime(), m.ctime_nsec()) > c);
            let changed = touched || view.get(&p) != Some(&now);
            if m.is_dir() {
                if changed {
                    make_parents(root, upper, &p)?;
                }
                stack.push(p);
            } else if changed {
                make_parents(root, upper, &rel)?;
                if contents == Contents::NamesOnly && m.is_file() {
                    std::fs::File::create(upper.join(&p)).with_context(|| format!("creating {}", p.display()))?;
                } else {
                    copy_entry(&e.path(), &upper.join(&p), &m, &mut links)?;
                }
            }
        }
        // What the image had in this directory and the container no longer has.
        let gone: Vec<&std::path::PathBuf> = view
            .range::<std::path::PathBuf, _>((std::ops::Bound::Excluded(rel.clone()), std::ops::Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(&rel))
            .map(|(k, _)| k)
            .filter(|k| k.parent() == Some(rel.as_path()) && k.file_name().is_some_and(|n| !present.contains(n)))
            .collect();
        for p in gone {
            make_parents(root, upper, &rel)?;
            let c = CString::new(upper.join(p).as_os_str().as_bytes())?;
            // SAFETY: mknod of a whiteout (0:0 character device) on a NUL-terminated path.
            if unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR, 0) } < 0 {
                return Err(std::io::Error::last_os_error()).with_context(|| format!("marking {} deleted", p.display()));
            }
        }
    }
    // Directories last: their times as the container has them, now that nothing is added.
    let mut dirs = vec![std::path::PathBuf::new()];
    while let Some(rel) = dirs.pop() {
        for e in std::fs::read_dir(upper.join(&rel))? {
            let e = e?;
            if e.file_type()?.is_dir() {
                let p = rel.join(e.file_name());
                if let Ok(m) = std::fs::symlink_metadata(root.join(&p)) {
                    set_times(&upper.join(&p), &m);
                }
                dirs.push(p);
            }
        }
    }
    Ok(())
}

/// `rel` and its parents as directories in `upper`, with the container's owners and modes.
fn make_parents(root: &Path, upper: &Path, rel: &Path) -> Result<()> {
    let mut p = std::path::PathBuf::new();
    for c in rel.components() {
        p.push(c);
        let d = upper.join(&p);
        if std::fs::symlink_metadata(&d).is_ok() {
            continue;
        }
        let m = std::fs::symlink_metadata(root.join(&p)).with_context(|| format!("reading {}", p.display()))?;
        std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))?;
        lchown(&d, Some(m.uid()), Some(m.gid()))?;
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
    }
    Ok(())
}

/// Copies one symlink, file or fifo `s` to `d` with its owner, mode and times (a file linked
/// twice among those copied stays linked).
fn copy_entry(s: &Path, d: &Path, m: &std::fs::Metadata, links: &mut HashMap<(u64, u64), std::path::PathBuf>) -> Result<()> {
    let ft = m.file_type();
    if ft.is_symlink() {
        symlink(std::fs::read_link(s)?, d)?;
    } else if ft.is_file() {
        if m.nlink() > 1 {
            if let Some(first) = links.get(&(m.dev(), m.ino())) {
                std::fs::hard_link(first, d).with_context(|| format!("linking {}", d.display()))?;
                return Ok(());
            }
            links.insert((m.dev(), m.ino()), d.to_path_buf());
        }
        std::fs::copy(s, d).with_context(|| format!("copying {}", s.display()))?;
    } else {
        let c = CString::new(d.as_os_str().as_bytes())?;
        // SAFETY: mkfifo on a NUL-terminated path.
        if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } < 0 {
            return Err(std::io::Error::last_os_error()).with_context(|| format!("creating fifo {}", d.display()));
        }
    }
    lchown(d, Some(m.uid()), Some(m.gid()))?;
    if !ft.is_symlink() {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
    }
    set_times(d, m);
    Ok(())
}
