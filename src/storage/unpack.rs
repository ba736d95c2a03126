//! Unpacks a layer tarball into a directory without letting any entry write outside it.
//!
//! Every parent directory is opened with openat2(RESOLVE_IN_ROOT) relative to the layer's
//! root, so `..`, absolute symlinks and symlinked parents all resolve inside the layer; the
//! final component is created with *at calls that never follow it. Paths with `..` and
//! hardlinks whose target would leave the root are refused outright, with the entry named.
//!
//! OCI whiteouts become overlayfs ones: `.wh.NAME` → a 0:0 character device `NAME`,
//! `.wh..wh..opq` → the `user.overlay.opaque=y` xattr on the directory (rootless overlay).
//! Meant to run inside the user namespace, so the tar's uids land on the mapped ids.

use anyhow::{anyhow, bail, Context, Result};
use std::ffi::{CString, OsStr};
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct UnpackStats {
    pub entries: u64,
    pub bytes: u64,
    /// Device nodes that cannot be made in a user namespace, skipped.
    pub skipped_devices: Vec<String>,
    /// Entries whose owner could not be set (single-id mapping), kept as root.
    pub squashed_owners: u64,
}

pub struct Options {
    /// Only one id is mapped: owners other than 0 are squashed to 0 instead of failing.
    pub single_mapping: bool,
}

fn errno() -> std::io::Error {
    std::io::Error::last_os_error()
}

fn cpath(p: &Path) -> Result<CString> {
    CString::new(p.as_os_str().as_bytes()).map_err(|_| anyhow!("path {} contains a NUL byte", p.display()))
}

fn openat2_in(root: i32, path: &Path, flags: i32) -> std::io::Result<OwnedFd> {
    crate::runtime::openat2::open_in_root(root, path, flags)
}

/// Cleans an entry path: strips `/` and `./`, refuses `..`. Returns None for the root itself.
pub fn clean_entry_path(raw: &Path) -> Result<Option<PathBuf>> {
    let mut out = PathBuf::new();
    for c in raw.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::CurDir => {}
            Component::ParentDir => bail!("layer entry `{}` points outside the layer (it contains `..`)", raw.display()),
            Component::Prefix(_) => bail!("layer entry `{}` has an invalid prefix", raw.display()),
        }
    }
    Ok(if out.as_os_str().is_empty() { None } else { Some(out) })
}

struct Unpacker<'a> {
    root: OwnedFd,
    root_path: &'a Path,
    opts: &'a Options,
    stats: UnpackStats,
    /// Directories whose times are set at the end (children change them).
    dir_times: Vec<(PathBuf, libc::timespec)>,
}

impl Unpacker<'_> {
    /// Opens (creating as needed, 0755 root) the parent directory of `rel`, inside the root.
    fn parent_dir(&self, rel: &Path) -> Result<OwnedFd> {
        let parent = rel.parent().unwrap_or(Path::new(""));
        if parent.as_os_str().is_empty() {
            return openat2_in(self.root.as_raw_fd(), Path::new("."), libc::O_PATH | libc::O_DIRECTORY)
                .context("opening the layer root");
        }
        match openat2_in(self.root.as_raw_fd(), parent, libc::O_PATH | libc::O_DIRECTORY) {
            Ok(fd) => return Ok(fd),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
            Err(e) => return Err(e).with_context(|| format!("opening directory {} in the layer", parent.display())),
        }
        // Create the missing ancestors one by one, each inside the root.
        let mut sofar = PathBuf::new();
        for comp in parent.components() {
            let dirfd = if sofar.as_os_str().is_empty() {
                openat2_in(self.root.as_raw_fd(), Path::new("."), libc::O_PATH | libc::O_DIRECTORY)?
            } else {
                openat2_in(self.root.as_raw_fd(), &sofar, libc::O_PATH | libc::O_DIRECTORY)
                    .with_context(|| format!("opening directory {} in the layer", sofar.display()))?
            };
            sofar.push(comp);
            let name = cpath(Path::new(comp.as_os_str()))?;
            // SAFETY: mkdirat on a directory fd and a NUL-terminated name.
            if unsafe { libc::mkdirat(dirfd.as_raw_fd(), name.as_ptr(), 0o755) } < 0 {
                let e = errno();
                if e.raw_os_error() != Some(libc::EEXIST) {
                    return Err(e).with_context(|| format!("creating directory {} in the layer", sofar.display()));
                }
            }
        }
        openat2_in(self.root.as_raw_fd(), parent, libc::O_PATH | libc::O_DIRECTORY).with_context(|| {
            format!(
                "layer entry `{}`: its directory `{}` leads through a symlink to a place that does not exist in the layer",
                rel.display(),
                parent.display()
            )
        })
    }

    fn chown(&mut self, dir: i32, name: &CString, uid: u64, gid: u64, rel: &Path) -> Result<()> {
        // SAFETY: fchownat on a name in a directory fd, not following symlinks.
        let rc = unsafe { libc::fchownat(dir, name.as_ptr(), uid as u32, gid as u32, libc::AT_SYMLINK_NOFOLLOW) };
        if rc < 0 {
            let e = errno();
            if e.raw_os_error() == Some(libc::EINVAL) {
                if self.opts.single_mapping {
                    self.stats.squashed_owners += 1;
                    return Ok(());
                }
                bail!(
                    "cannot give {} the owner {uid}:{gid}: that id is not mapped in your user namespace; \
                     your /etc/subuid or /etc/subgid range is too small for this image (see `hutch info`)",
                    rel.display()
                );
            }
            return Err(e).with_context(|| format!("setting the owner of {}", rel.display()));
        }
        Ok(())
    }

    /// Removes whatever is at `name` (not following it), unless it is a directory and
    /// `keep_dir` is set.
    fn clear(&self, dir: i32, name: &CString, keep_dir: bool) -> Result<bool> {
        // SAFETY: fstatat with AT_SYMLINK_NOFOLLOW into a zeroed stat.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } < 0 {
            return Ok(false);
        }
        let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
        if is_dir && keep_dir {
            return Ok(true);
        }
        if is_dir {
            let proc_path = format!("/proc/self/fd/{}", dir.as_raw_fd());
            let p = std::fs::read_link(&proc_path).context("resolving a layer directory")?;
            crate::storage::remove::remove_tree(&p.join(OsStr::from_bytes(name.as_bytes())))?;
        } else {
            // SAFETY: unlinkat of a non-directory name.
            unsafe { libc::unlinkat(dir, name.as_ptr(), 0) };
        }
        Ok(false)
    }

    fn entry<R: Read>(&mut self, mut e: tar::Entry<'_, R>) -> Result<()> {
        let raw = e.path().context("reading an entry's path")?.into_owned();
        let Some(rel) = clean_entry_path(&raw)? else { return Ok(()) };
        let header = e.header().clone();
        let kind = header.entry_type();
        let file_name = rel.file_name().context("entry without a name")?.to_owned();
        let fname = file_name.as_bytes();
        let parent = self.parent_dir(&rel)?;
        let pfd = parent.as_raw_fd();
        let uid = header.uid().unwrap_or(0);
        let gid = header.gid().unwrap_or(0);
        let mode = header.mode().unwrap_or(0o644) & 0o7777;
        let mtime = libc::timespec { tv_sec: header.mtime().unwrap_or(0) as i64, tv_nsec: 0 };
        self.stats.entries += 1;

        // Whiteouts.
        if fname == b".wh..wh..opq" {
            let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
            let fd = openat2_in(self.root.as_raw_fd(), if dir.as_os_str().is_empty() { Path::new(".") } else { &dir }, libc::O_RDONLY | libc::O_DIRECTORY)
                .with_context(|| format!("opening {} for an opaque whiteout", dir.display()))?;
            // SAFETY: sets an xattr on an open directory.
            let rc = unsafe { libc::fsetxattr(fd.as_raw_fd(), c"user.overlay.opaque".as_ptr(), b"y".as_ptr().cast(), 1, 0) };
            if rc < 0 {
                return Err(errno()).with_context(|| format!("marking {} opaque (user.overlay.opaque)", dir.display()));
            }
            return Ok(());
        }
        if let Some(target) = fname.strip_prefix(b".wh.") {
            let name = CString::new(target).map_err(|_| anyhow!("bad whiteout name"))?;
            self.clear(pfd, &name, false)?;
            // SAFETY: mknodat of a 0:0 character device, overlayfs' whiteout.
            if unsafe { libc::mknodat(pfd, name.as_ptr(), libc::S_IFCHR, 0) } < 0 {
                return Err(errno()).with_context(|| format!("creating the whiteout for {}", rel.display()));
            }
            self.chown(pfd, &name, uid, gid, &rel)?;
            return Ok(());
        }

        let name = CString::new(fname).map_err(|_| anyhow!("bad entry name"))?;
        match kind {
            tar::EntryType::Directory => {
                let exists = self.clear(pfd, &name, true)?;
                // SAFETY: mkdirat on a directory fd.
                if !exists && unsafe { libc::mkdirat(pfd, name.as_ptr(), 0o700) } < 0 {
                    return Err(errno()).with_context(|| format!("creating directory {}", rel.display()));
                }
                self.chown(pfd, &name, uid, gid, &rel)?;
                // SAFETY: fchmodat does not follow symlinks for a name that is a directory.
                unsafe { libc::fchmodat(pfd, name.as_ptr(), mode as libc::mode_t, 0) };
                self.dir_times.push((rel.clone(), mtime));
                self.xattrs(&mut e, pfd, &name, &rel)?;
                return Ok(());
            }
            tar::EntryType::Regular | tar::EntryType::Continuous => {
                self.clear(pfd, &name, false)?;
                // SAFETY: creates a new file, never following a symlink.
                let fd = unsafe {
                    libc::openat(pfd, name.as_ptr(), libc::O_CREAT | libc::O_EXCL | libc::O_WRONLY | libc::O_NOFOLLOW | libc::O_CLOEXEC, 0o600)
                };
                if fd < 0 {
                    return Err(errno()).with_context(|| format!("creating {}", rel.display()));
                }
                // SAFETY: a new fd we own.
                let mut f = unsafe { std::fs::File::from_raw_fd(fd) };
                let n = std::io::copy(&mut e, &mut f).with_context(|| format!("writing {}", rel.display()))?;
                self.stats.bytes += n;
                self.chown(pfd, &name, uid, gid, &rel)?;
                // After chown, which clears setuid/setgid bits.
                // SAFETY: fchmod/futimens on our open file.
                unsafe {
                    libc::fchmod(f.as_raw_fd(), mode as libc::mode_t);
                }
                self.xattrs(&mut e, pfd, &name, &rel)?;
                let times = [mtime, mtime];
                unsafe { libc::futimens(f.as_raw_fd(), times.as_ptr()) };
                return Ok(());
            }
            tar::EntryType::Symlink => {
                let target = e.link_name().context("reading a symlink target")?.context("symlink without a target")?;
                let t = cpath(&target)?;
                self.clear(pfd, &name, false)?;
                // SAFETY: symlinkat stores the target as text; nothing follows it here.
                if unsafe { libc::symlinkat(t.as_ptr(), pfd, name.as_ptr()) } < 0 {
                    return Err(errno()).with_context(|| format!("creating symlink {}", rel.display()));
                }
                self.chown(pfd, &name, uid, gid, &rel)?;
            }
            tar::EntryType::Link => {
                let target = e.link_name().context("reading a hardlink target")?.context("hardlink without a target")?;
                let Some(trel) = clean_entry_path(&target).map_err(|_| {
                    anyhow!("layer entry `{}` is a hardlink to `{}`, outside the layer", rel.display(), target.display())
                })?
                else {
                    bail!("layer entry `{}` is a hardlink to the layer root", rel.display());
                };
                let tparent = self.parent_dir(&trel)?;
                let tname = cpath(Path::new(trel.file_name().context("hardlink target without a name")?))?;
                self.clear(pfd, &name, false)?;
                // SAFETY: linkat without AT_SYMLINK_FOLLOW links the entry itself, both
                // parents having been resolved inside the root.
                if unsafe { libc::linkat(tparent.as_raw_fd(), tname.as_ptr(), pfd, name.as_ptr(), 0) } < 0 {
                    return Err(errno()).with_context(|| format!("linking {} to {}", rel.display(), trel.display()));
                }
                return Ok(());
            }
            tar::EntryType::Fifo => {
                self.clear(pfd, &name, false)?;
                // SAFETY: mknodat of a FIFO.
                if unsafe { libc::mknodat(pfd, name.as_ptr(), libc::S_IFIFO | mode as libc::mode_t, 0) } < 0 {
                    return Err(errno()).with_context(|| format!("creating fifo {}", rel.display()));
                }
                self.chown(pfd, &name, uid, gid, &rel)?;
            }
            tar::EntryType::Char | tar::EntryType::Block => {
                let major = header.device_major().ok().flatten().unwrap_or(0);
                let minor = header.device_minor().ok().flatten().unwrap_or(0);
                let ftype = if kind == tar::EntryType::Char { libc::S_IFCHR } else { libc::S_IFBLK };
                self.clear(pfd, &name, false)?;
                // SAFETY: mknodat; refused in a user namespace for real devices.
                let rc = unsafe { libc::mknodat(pfd, name.as_ptr(), ftype | mode as libc::mode_t, libc::makedev(major, minor)) };
                if rc < 0 {
                    self.stats.skipped_devices.push(format!("/{}", rel.display()));
                    return Ok(());
                }
                self.chown(pfd, &name, uid, gid, &rel)?;
            }
            tar::EntryType::XGlobalHeader | tar::EntryType::XHeader | tar::EntryType::GNULongName | tar::EntryType::GNULongLink => return Ok(()),
            other => bail!("layer entry `{}` has an unsupported type {:?}", rel.display(), other),
        }
        let times = [mtime, mtime];
        // SAFETY: utimensat without following the final symlink.
        unsafe { libc::utimensat(pfd, name.as_ptr(), times.as_ptr(), libc::AT_SYMLINK_NOFOLLOW) };
        Ok(())
    }

    fn xattrs<R: Read>(&mut self, e: &mut tar::Entry<'_, R>, dir: i32, name: &CString, rel: &Path) -> Result<()> {
        let Some(exts) = e.pax_extensions().ok().flatten() else { return Ok(()) };
        let mut pairs = Vec::new();
        for ext in exts.flatten() {
            if let Ok(key) = ext.key() {
                if let Some(attr) = key.strip_prefix("SCHILY.xattr.") {
                    pairs.push((attr.to_string(), ext.value_bytes().to_vec()));
                }
            }
        }
        if pairs.is_empty() {
            return Ok(());
        }
        let path = std::fs::read_link(format!("/proc/self/fd/{dir}"))
            .context("resolving a layer directory")?
            .join(OsStr::from_bytes(name.as_bytes()));
        let cp = cpath(&path)?;
        for (k, v) in pairs {
            let Ok(ck) = CString::new(k.clone()) else { continue };
            // SAFETY: lsetxattr on a path we just created.
            let rc = unsafe { libc::lsetxattr(cp.as_ptr(), ck.as_ptr(), v.as_ptr().cast(), v.len(), 0) };
            if rc < 0 {
                let err = errno();
                // Security and trusted xattrs cannot be set in a user namespace: skipped, as Podman does.
                if !matches!(err.raw_os_error(), Some(libc::EPERM) | Some(libc::ENOTSUP) | Some(libc::EACCES)) {
                    return Err(err).with_context(|| format!("setting xattr {k} on {}", rel.display()));
                }
            }
        }
        Ok(())
    }
}

/// Unpacks `reader` (an uncompressed tar stream) into the existing directory `root`.
pub fn unpack<R: Read>(reader: R, root: &Path, opts: &Options) -> Result<UnpackStats> {
    let rootfd = std::fs::File::open(root).with_context(|| format!("opening {}", root.display()))?;
    let mut u = Unpacker {
        root: OwnedFd::from(rootfd),
        root_path: root,
        opts,
        stats: UnpackStats::default(),
        dir_times: Vec::new(),
    };
    let mut archive = tar::Archive::new(reader);
    let entries = archive.entries().context("reading the layer as a tar archive")?;
    for entry in entries {
        let entry = entry.context("the layer is not a valid tar archive (or ends early)")?;
        u.entry(entry)?;
    }
    for (rel, t) in u.dir_times.iter().rev() {
        if let Ok(fd) = openat2_in(u.root.as_raw_fd(), rel, libc::O_PATH | libc::O_DIRECTORY) {
            let times = [*t, *t];
            let p = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())).unwrap_or_default();
            // SAFETY: utimensat through the fd's proc path.
            unsafe { libc::utimensat(libc::AT_FDCWD, p.as_ptr(), times.as_ptr(), 0) };
        }
    }
    let _ = u.root_path;
    Ok(u.stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_paths_are_cleaned_or_refused() {
        assert_eq!(clean_entry_path(Path::new("./a/b")).unwrap(), Some(PathBuf::from("a/b")));
        assert_eq!(clean_entry_path(Path::new("/etc/x")).unwrap(), Some(PathBuf::from("etc/x")));
        assert_eq!(clean_entry_path(Path::new("./")).unwrap(), None);
        assert!(clean_entry_path(Path::new("../../etc/x")).unwrap_err().to_string().contains("outside"));
        assert!(clean_entry_path(Path::new("a/../../b")).is_err());
    }
}
