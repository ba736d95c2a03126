//! Copying trees into a root filesystem the way COPY and ADD do: every path inside the root
//! resolved with openat2(RESOLVE_IN_ROOT), files made with *at calls on fds that never follow
//! a symlink, with an owner and mode given or kept, and modification times kept. Runs in a
//! helper inside the user namespace, where the ids are the container's.

use crate::runtime::openat2::open_in_root;
use anyhow::{Context, Result};
use std::ffi::{CString, OsStr};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// How copied files are owned and moded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attrs {
    /// `--chown`: (uid, gid); None keeps the source's.
    pub owner: Option<(u32, u32)>,
    /// `--chmod`: replaces the permission bits of files and directories.
    pub mode: Option<u32>,
}

fn cstr(name: &OsStr) -> Result<CString> {
    CString::new(name.as_bytes()).context("a file name with a NUL byte")
}

fn last_err(what: &str, name: &OsStr) -> anyhow::Error {
    anyhow::Error::new(std::io::Error::last_os_error()).context(format!("{what} {}", name.to_string_lossy()))
}

/// Opens directory `rel` inside `root`, creating what is missing (mode 0755, owned by
/// `owner` or root), each component resolved inside the root.
pub fn mkdir_all(root: &OwnedFd, rel: &str, owner: Option<(u32, u32)>) -> Result<OwnedFd> {
    let rel = rel.trim_matches('/');
    if rel.is_empty() {
        return Ok(open_in_root(root.as_raw_fd(), Path::new("."), libc::O_RDONLY | libc::O_DIRECTORY)?);
    }
    match open_in_root(root.as_raw_fd(), Path::new(rel), libc::O_RDONLY | libc::O_DIRECTORY) {
        Ok(fd) => return Ok(fd),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
        Err(e) => return Err(anyhow::Error::new(e).context(format!("/{rel} in the image"))),
    }
    let (parent, leaf) = rel.rsplit_once('/').unwrap_or(("", rel));
    let pfd = mkdir_all(root, parent, owner)?;
    let c = cstr(OsStr::new(leaf))?;
    let (uid, gid) = owner.unwrap_or((0, 0));
    // SAFETY: *at calls on an fd we own and a NUL-terminated name.
    unsafe {
        if libc::mkdirat(pfd.as_raw_fd(), c.as_ptr(), 0o755) < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EEXIST) {
            return Err(last_err("creating directory", OsStr::new(rel)));
        }
        libc::fchownat(pfd.as_raw_fd(), c.as_ptr(), uid, gid, libc::AT_SYMLINK_NOFOLLOW);
        let fd = libc::openat(pfd.as_raw_fd(), c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC);
        if fd < 0 {
            return Err(last_err("opening directory", OsStr::new(rel)));
        }
        Ok(OwnedFd::from_raw_fd(fd))
    }
}

/// Whether `name` in `dir` is a directory (not following a symlink).
pub fn is_dir_at(dir: &OwnedFd, name: &OsStr) -> bool {
    let Ok(c) = cstr(name) else { return false };
    // SAFETY: fstatat on an fd we own into a zeroed stat.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        libc::fstatat(dir.as_raw_fd(), c.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFDIR
    }
}

fn set_times(dir: i32, c: &CString, m: &std::fs::Metadata) {
    let ts = [
        libc::timespec { tv_sec: m.atime(), tv_nsec: m.atime_nsec() },
        libc::timespec { tv_sec: m.mtime(), tv_nsec: m.mtime_nsec() },
    ];
    // SAFETY: utimensat on an fd we own, a NUL-terminated name and two timespecs.
    unsafe { libc::utimensat(dir, c.as_ptr(), ts.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
}

/// Copies the host path `src` to `name` in `dir`. `keep(rel)` says whether a path below a
/// copied directory (relative to `src`) is copied (the context's ignore rules).
pub fn copy_at(src: &Path, dir: &OwnedFd, name: &OsStr, attrs: Attrs, keep: &dyn Fn(&str) -> bool, rel: &str) -> Result<()> {
    let c = cstr(name)?;
    let m = std::fs::symlink_metadata(src).with_context(|| format!("reading {}", src.display()))?;
    let ft = m.file_type();
    let d = dir.as_raw_fd();
    let (uid, gid) = attrs.owner.unwrap_or((m.uid(), m.gid()));
    let mode = attrs.mode.unwrap_or(m.mode() & 0o7777);
    // SAFETY: *at system calls on fds we own and NUL-terminated names.
    unsafe {
        if ft.is_symlink() {
            let t = CString::new(std::fs::read_link(src)?.as_os_str().as_bytes()).context("a symlink target with a NUL byte")?;
            if !is_dir_at(dir, name) {
                libc::unlinkat(d, c.as_ptr(), 0);
            }
            if libc::symlinkat(t.as_ptr(), d, c.as_ptr()) < 0 {
                return Err(last_err("creating symlink", name));
            }
            libc::fchownat(d, c.as_ptr(), uid, gid, libc::AT_SYMLINK_NOFOLLOW);
            set_times(d, &c, &m);
        } else if ft.is_dir() {
            if !is_dir_at(dir, name) {
                libc::unlinkat(d, c.as_ptr(), 0);
                if libc::mkdirat(d, c.as_ptr(), 0o700) < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EEXIST) {
                    return Err(last_err("creating directory", name));
                }
            }
            let sub = libc::openat(d, c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC);
            if sub < 0 {
                return Err(last_err("opening directory", name));
            }
            let sub = OwnedFd::from_raw_fd(sub);
            let mut children: Vec<_> = std::fs::read_dir(src)?.collect::<std::io::Result<Vec<_>>>()?;
            children.sort_by_key(|e| e.file_name());
            for e in children {
                let fname = e.file_name();
                let r = if rel.is_empty() { fname.to_string_lossy().into_owned() } else { format!("{rel}/{}", fname.to_string_lossy()) };
                if keep(&r) || is_dir_with_kept(&e.path(), &r, keep) {
                    copy_at(&e.path(), &sub, &fname, attrs, keep, &r)?;
                }
            }
            libc::fchown(sub.as_raw_fd(), uid, gid);
            libc::fchmod(sub.as_raw_fd(), mode);
            set_times(d, &c, &m);
        } else if ft.is_file() {
            let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_NOFOLLOW | libc::O_CLOEXEC;
            let mut fd = libc::openat(d, c.as_ptr(), flags, 0o600);
            if fd < 0 && matches!(std::io::Error::last_os_error().raw_os_error(), Some(libc::ELOOP) | Some(libc::EISDIR) | Some(libc::ETXTBSY)) {
                // A symlink (or something else) by that name: replaced, as Docker does.
                libc::unlinkat(d, c.as_ptr(), 0);
                fd = libc::openat(d, c.as_ptr(), flags, 0o600);
            }
            if fd < 0 {
                return Err(last_err("creating", name));
            }
            let mut out = std::fs::File::from_raw_fd(fd);
            let mut input = std::fs::File::open(src).with_context(|| format!("reading {}", src.display()))?;
            std::io::copy(&mut input, &mut out).with_context(|| format!("copying {}", src.display()))?;
            libc::fchown(out.as_raw_fd(), uid, gid);
            libc::fchmod(out.as_raw_fd(), mode);
            drop(out);
            set_times(d, &c, &m);
        }
    }
    Ok(())
}

/// An excluded directory is still walked for the files an exception re-includes.
fn is_dir_with_kept(path: &Path, rel: &str, keep: &dyn Fn(&str) -> bool) -> bool {
    std::fs::symlink_metadata(path).map(|m| m.is_dir()).unwrap_or(false) && keep(&format!("{rel}/"))
}
