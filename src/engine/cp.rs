//! `hutch cp`: files into and out of containers, running or stopped.
//!
//! Every path inside the container is resolved with openat2(RESOLVE_IN_ROOT) against the
//! container's root, so a symlink in the container (even `/escape -> /`) can never lead the
//! copy to the host's files. The work happens in a helper in a user namespace with the
//! caller's mapping: files copied out belong to the caller on the host, files copied in to
//! the container's root.
//!
//! - out: the container's changes over its image layers, mounted read-only (works while it runs)
//! - in, stopped: its overlay mounted read-write in a private mount namespace
//! - in, running: through /proc/PID/root of its first process

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers as records;
use anyhow::{Context, Result};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};

/// One side of a `cp`: a host path, or `CONTAINER:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CpPath {
    Host(PathBuf),
    Container(String, String),
}

impl CpPath {
    pub fn parse(s: &str) -> CpPath {
        // `name:path`, unless it looks like a host path (starts with / or .).
        match s.split_once(':') {
            Some((c, p)) if !c.is_empty() && !c.starts_with('/') && !c.starts_with('.') => CpPath::Container(c.to_string(), p.to_string()),
            _ => CpPath::Host(PathBuf::from(s)),
        }
    }
}

/// Opens `rel` inside the root `rootfd` and returns its path as the kernel sees it (via
/// /proc/self/fd), which lies inside the root by construction.
/// With `follow`, a final symlink is followed too (inside the root).
pub(crate) fn resolve_in(rootfd: &std::fs::File, rel: &str, follow: bool) -> std::io::Result<PathBuf> {
    let rel = rel.trim_start_matches('/');
    let rel = if rel.is_empty() { "." } else { rel };
    let flags = if follow { libc::O_PATH } else { libc::O_PATH | libc::O_NOFOLLOW };
    let fd = crate::runtime::openat2::open_in_root(rootfd.as_raw_fd(), Path::new(rel), flags)?;
    std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
}

/// Copies `src` (not following a final symlink, nor any inside) to `dst`.
fn copy_any(src: &Path, dst: &Path) -> Result<()> {
    let m = std::fs::symlink_metadata(src).with_context(|| format!("reading {}", src.display()))?;
    let ft = m.file_type();
    if ft.is_symlink() {
        let _ = std::fs::remove_file(dst);
        symlink(std::fs::read_link(src)?, dst).with_context(|| format!("creating {}", dst.display()))?;
    } else if ft.is_dir() {
        match std::fs::create_dir(dst) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dst.is_dir() => {}
            Err(e) => return Err(e).with_context(|| format!("creating {}", dst.display())),
        }
        std::fs::set_permissions(dst, std::fs::Permissions::from_mode(m.permissions().mode() & 0o7777))?;
        for e in std::fs::read_dir(src)? {
            let e = e?;
            copy_any(&e.path(), &dst.join(e.file_name()))?;
        }
    } else if ft.is_file() {
        std::fs::copy(src, dst).with_context(|| format!("copying {} to {}", src.display(), dst.display()))?;
    }
    Ok(())
}

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
fn copy_to_at(src: &Path, dir: &std::os::fd::OwnedFd, name: &std::ffi::OsStr, how: CopyIn) -> Result<()> {
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

/// Where a copy lands: into `dst` if it is a directory, else as `dst` itself.
fn target_for(dst: &Path, src_name: &std::ffi::OsStr) -> PathBuf {
    if dst.is_dir() { dst.join(src_name) } else { dst.to_path_buf() }
}

impl Engine {
    /// `archive`: files copied in belong to the container's user (else keep their own ids).
    pub fn cp(&self, src: &CpPath, dst: &CpPath, archive: bool, overwrite: bool) -> Result<()> {
        match (src, dst) {
            (CpPath::Container(c, p), CpPath::Host(h)) => self.cp_out(c, p, h),
            (CpPath::Host(h), CpPath::Container(c, p)) => {
                let owner = if archive { Some(self.container_user(c)?) } else { None };
                let caller = (nix::unistd::geteuid().as_raw(), nix::unistd::getegid().as_raw());
                self.cp_in(h, c, p, CopyIn { owner, caller, overwrite })
            }
            (CpPath::Host(_), CpPath::Host(_)) => Err(exit_error(125, "one side of cp must be CONTAINER:PATH")),
            (CpPath::Container(..), CpPath::Container(..)) => Err(exit_error(125, "copying between two containers is not supported: copy out to the host first")),
        }
    }

    fn cp_out(&self, key: &str, path: &str, host: &Path) -> Result<()> {
        let rec = self.find_container(key)?;
        let fs = self.container_fs(&rec);
        let mnt = self.paths.container_run_dir(&rec.id).join("cp");
        std::fs::create_dir_all(&mnt)?;
        let host = std::path::absolute(host).context("resolving the destination")?;
        if !host.exists() && !host.parent().is_some_and(|p| p.is_dir()) {
            return Err(exit_error(125, format!("{}: no such directory to copy into", host.display())));
        }
        let (m2, p2) = (mnt.clone(), path.to_string());
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), true, move || {
            let root = fs.mount_at(&m2, false)?;
            let rootfd = std::fs::File::open(&root)?;
            let src = resolve_in(&rootfd, &p2, false).map_err(|e| exit_error(125, format!("{p2} in the container: {e}")))?;
            let name = src.file_name().map(|n| n.to_owned()).unwrap_or_else(|| "root".into());
            copy_any(&src, &target_for(&host, &name))?;
            Ok(0)
        });
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }

    /// The uid and gid the container's process runs as.
    fn container_user(&self, key: &str) -> Result<(u32, u32)> {
        let rec = self.find_container(key)?;
        let spec: oci_spec::runtime::Spec = serde_json::from_slice(&std::fs::read(self.paths.container_dir(&rec.id).join(records::SPEC_FILE))?)
            .context("reading the container's configuration")?;
        Ok(spec.process().as_ref().map(|p| (p.user().uid(), p.user().gid())).unwrap_or((0, 0)))
    }

    fn cp_in(&self, host: &Path, key: &str, path: &str, how: CopyIn) -> Result<()> {
        let rec = self.find_container(key)?;
        let host = std::fs::canonicalize(host).map_err(|e| exit_error(125, format!("{}: {e}", host.display())))?;
        let name = host.file_name().map(|n| n.to_owned()).unwrap_or_else(|| "root".into());
        let running = rec.live_status() == records::Status::Running;
        let fs = self.container_fs(&rec);
        let mnt = self.paths.container_run_dir(&rec.id).join("cp");
        std::fs::create_dir_all(&mnt)?;
        let p2 = path.to_string();
        // Copies `host` to `p2` inside the root at `root`, resolved within it, by fds only.
        let copy_into = move |root: PathBuf| -> Result<i32> {
            use crate::runtime::openat2::open_in_root;
            let rootfd = std::fs::File::open(&root).with_context(|| format!("opening the container's root {}", root.display()))?;
            let rel = p2.trim_start_matches('/').trim_end_matches('/');
            let as_dir = if rel.is_empty() { Ok(open_in_root(rootfd.as_raw_fd(), Path::new("."), libc::O_RDONLY | libc::O_DIRECTORY)) } else {
                Ok::<_, anyhow::Error>(open_in_root(rootfd.as_raw_fd(), Path::new(rel), libc::O_RDONLY | libc::O_DIRECTORY))
            }?;
            let (dir, leaf) = match as_dir {
                Ok(d) => (d, name.clone()),
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) => {
                    // A new (or replaced) file in an existing directory.
                    let relp = Path::new(rel);
                    let parent = relp.parent().map(|p| p.to_string_lossy().into_owned()).filter(|p| !p.is_empty()).unwrap_or_else(|| ".".into());
                    let leaf = relp.file_name().context("a destination path is required")?.to_owned();
                    let d = open_in_root(rootfd.as_raw_fd(), Path::new(&parent), libc::O_RDONLY | libc::O_DIRECTORY)
                        .map_err(|e| exit_error(125, format!("{parent} in the container: {e}")))?;
                    (d, leaf)
                }
                Err(e) => return Err(exit_error(125, format!("{p2} in the container: {e}"))),
            };
            copy_to_at(&host, &dir, &leaf, how)?;
            Ok(0)
        };
        let r = if running {
            // Through its first process's root, from inside its own user namespace (a sibling
            // namespace has no right to look there).
            let pid = rec.pid.context("the running container has no recorded process")?;
            crate::runtime::userns::run_in_userns_of(pid, move || copy_into(PathBuf::from(format!("/proc/{pid}/root"))))
        } else {
            let m2 = mnt.clone();
            crate::runtime::userns::run_in_userns(&self.mapping(), true, move || copy_into(fs.mount_at(&m2, true)?))
        };
        let _ = std::fs::remove_dir(&mnt);
        r.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sides() {
        assert_eq!(CpPath::parse("web:/etc/x"), CpPath::Container("web".into(), "/etc/x".into()));
        assert_eq!(CpPath::parse("/tmp/a:b"), CpPath::Host("/tmp/a:b".into()));
        assert_eq!(CpPath::parse("./f"), CpPath::Host("./f".into()));
    }
}
