//! `volume mount` / `volume unmount` inside `hutch unshare`: a volume with `type=tmpfs` or a
//! bound host directory mounted on (and taken off) its `_data` directory, in the caller's
//! user and mount namespace.

use anyhow::{Context, Result};
use nix::mount::{mount, umount2, MntFlags, MsFlags};
use std::path::Path;

/// Mounts a tmpfs with `options` (flags and data, as in a spec) on `target`.
pub fn mount_tmpfs(target: &Path, options: &[String]) -> Result<()> {
    let o = crate::runtime::mountopts::parse(options);
    let data = (!o.data.is_empty()).then_some(o.data.as_str());
    mount(Some("tmpfs"), target, Some("tmpfs"), o.flags, data).with_context(|| format!("mounting a tmpfs on {}", target.display()))
}

/// Binds the directory `src` on `target`, read-only if `options` say `ro`.
pub fn bind(src: &Path, target: &Path, options: &[String]) -> Result<()> {
    let o = crate::runtime::mountopts::parse(options);
    mount(Some(src), target, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REC, None::<&str>)
        .with_context(|| format!("binding {} on {}", src.display(), target.display()))?;
    if !o.flags.is_empty() {
        mount(None::<&str>, target, None::<&str>, MsFlags::MS_BIND | MsFlags::MS_REMOUNT | o.flags, None::<&str>)
            .with_context(|| format!("applying {options:?} to {}", target.display()))?;
    }
    Ok(())
}

/// Detaches whatever is mounted on `target`; false when nothing was.
pub fn unmount(target: &Path) -> Result<bool> {
    match umount2(target, MntFlags::MNT_DETACH) {
        Ok(()) => Ok(true),
        Err(nix::errno::Errno::EINVAL) => Ok(false),
        Err(e) => Err(e).with_context(|| format!("unmounting {}", target.display())),
    }
}

/// Whether something is mounted on `path` in this mount namespace.
pub fn is_mountpoint(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string("/proc/self/mountinfo") else { return false };
    let want = path.to_string_lossy();
    // Field 5 is the mount point, with spaces and the like octal-escaped.
    text.lines().any(|l| l.split(' ').nth(4).is_some_and(|m| unescape(m) == want))
}

fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn mountinfo_escapes() {
        assert_eq!(super::unescape("/a\\040b"), "/a b");
        assert_eq!(super::unescape("/plain"), "/plain");
        assert!(super::is_mountpoint(std::path::Path::new("/")));
    }
}
