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
use crate::runtime::copyat::{copy_to_at, CopyIn};
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
