//! Copying a host path into a directory of a container's root (`hutch cp` in), by *at calls
//! relative to fds that never follow a symlink, so the container's symlinks cannot redirect
//! the copy; what is in the way is replaced only when asked. Runs in a helper inside the
//! container's user namespace.

use crate::error::exit_error;
use anyhow::{Context, Result};
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// How `cp` into a container sets owners and meets a file of another type in the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyIn {
    /// `--archive` (the default): the container user's ids; else the source files' own host
    /// ids, as a tar made on the host carries them (the caller's files, which show as root's
    /// in the user namespace, take the caller's uid and gid: `caller`).
    pub owner: Option<(u32, u32)>,
    pub caller: (u32, u32),
    /// `--overwrite`: a directory may replace a non-directory and the other way round.
    pub overwrite: bool,
}

/// Removes `name` in `dir` (a whole tree for a directory), by fds that never follow a symlink.
fn remove_at(dir: std::os::fd::RawFd, name: &std::ffi::CStr) -> std::io::Result<()> {
    use std::os::fd::{FromRawFd, OwnedFd};
    // SAFETY: *at system calls on fds we own and NUL-terminated names.
    unsafe {
        if libc::unlinkat(dir, name.as_ptr(), 0) == 0 {
            return Ok(());
        }
        let sub = libc::openat(dir, name.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC);
        if sub < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let sub = OwnedFd::from_raw_fd(sub);
        let entries: Vec<std::ffi::CString> = std::fs::read_dir(format!("/proc/self/fd/{}", sub.as_raw_fd()))?
            .flatten()
            .filter_map(|e| std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(e.file_name().as_os_str())).ok())
            .collect();
        for e in entries {
            remove_at(sub.as_raw_fd(), &e)?;
        }
        if libc::unlinkat(dir, name.as_ptr(), libc::AT_REMOVEDIR) < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Copies the host path `src` to `name` in the directory `dir` (an fd inside the container),
/// creating everything with *at calls relative to fds that never follow a symlink, so the
/// container's symlinks cannot redirect the copy.
pub fn copy_to_at(src: &Path, dir: &std::os::fd::OwnedFd, name: &std::ffi::OsStr, how: CopyIn) -> Result<()> {
    use std::ffi::CString;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    let c = CString::new(name.as_bytes()).context("a file name with a NUL byte")?;
    let m = std::fs::symlink_metadata(src).with_context(|| format!("reading {}", src.display()))?;
    let ft = m.file_type();
    let mode = m.permissions().mode() & 0o7777;
    let d = dir.as_raw_fd();
    let err = |what: &str| {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::ELOOP) {
            return exit_error(125, format!("{} is a symlink in the container: copy to the path it points to instead", name.to_string_lossy()));
        }
        anyhow::Error::new(e).context(format!("{what} {} in the container", name.to_string_lossy()))
    };
    // What is there already: a directory where a non-directory goes, or the other way round,
    // is replaced only with --overwrite.
    // SAFETY: fstatat on an fd we own, a NUL-terminated name and a zeroed stat buffer.
    let existing = unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        (libc::fstatat(d, c.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) == 0).then_some(st.st_mode & libc::S_IFMT == libc::S_IFDIR)
    };
    if let Some(is_dir) = existing.filter(|is_dir| *is_dir != ft.is_dir()) {
        if !how.overwrite {
            let (there, given) = if is_dir { ("directory", "non-directory") } else { ("non-directory", "directory") };
            return Err(exit_error(125, format!("cannot overwrite {there} {:?} with {given} {:?}: use --overwrite", name.to_string_lossy(), src.display().to_string())));
        }
        remove_at(d, &c).with_context(|| format!("removing {} in the container", name.to_string_lossy()))?;
    }
    let (uid, gid) = how.owner.unwrap_or_else(|| {
        let own = |id: u32, caller: u32| if id == 0 { caller } else { id };
        (own(m.uid(), how.caller.0), own(m.gid(), how.caller.1))
    });
    // Owners as asked; an id this mapping lacks (a source file of another host user) stays root's.
    // SAFETY: fchownat on an fd we own and a NUL-terminated name.
    let chown = || unsafe {
        if libc::fchownat(d, c.as_ptr(), uid, gid, libc::AT_SYMLINK_NOFOLLOW) < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EINVAL) {
            return Err(err("changing the owner of"));
        }
        Ok(())
    };
    // SAFETY: *at system calls on fds we own and NUL-terminated names.
    unsafe {
        if ft.is_symlink() {
            let t = CString::new(std::fs::read_link(src)?.as_os_str().as_bytes()).context("a symlink target with a NUL byte")?;
            libc::unlinkat(d, c.as_ptr(), 0);
            if libc::symlinkat(t.as_ptr(), d, c.as_ptr()) < 0 {
                return Err(err("creating symlink"));
            }
        } else if ft.is_dir() {
            if libc::mkdirat(d, c.as_ptr(), mode) < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EEXIST) {
                return Err(err("creating directory"));
            }
            let sub = libc::openat(d, c.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC);
            if sub < 0 {
                return Err(err("opening directory"));
            }
            let sub = OwnedFd::from_raw_fd(sub);
            for e in std::fs::read_dir(src)? {
                let e = e?;
                copy_to_at(&e.path(), &sub, &e.file_name(), how)?;
            }
        } else if ft.is_file() {
            let fd = libc::openat(d, c.as_ptr(), libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC | libc::O_NOFOLLOW | libc::O_CLOEXEC, mode);
            if fd < 0 {
                return Err(err("creating"));
            }
            let mut out = std::fs::File::from_raw_fd(fd);
            let mut input = std::fs::File::open(src).with_context(|| format!("reading {}", src.display()))?;
            std::io::copy(&mut input, &mut out).with_context(|| format!("copying {}", src.display()))?;
        }
    }
    chown()
}
