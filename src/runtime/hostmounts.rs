//! The mounts hutch makes outside a container's own setup, in a user namespace of the
//! caller's (the overlay probe, `mount`, seeding a volume from an image): overlayfs with
//! `userxattr` (what an unprivileged overlay needs), bind mounts, and detaching them. The
//! overlay options are built here for the container's own root too (plan/spec.rs).

use nix::mount::{MntFlags, MsFlags};
use std::path::Path;

/// overlayfs's options: `lowerdir` (`:`-joined, topmost first), then, for a writable mount,
/// its upper and work directories; `userxattr` always.
pub fn overlay_options(lowerdir: &str, upper_work: Option<(&Path, &Path)>) -> String {
    match upper_work {
        Some((upper, work)) => format!("lowerdir={lowerdir},upperdir={},workdir={},userxattr", upper.display(), work.display()),
        None => format!("lowerdir={lowerdir},userxattr"),
    }
}

/// Mounts overlayfs at `at`: writable with `upper_work`, read-only without.
pub fn mount_overlay(at: &Path, lowerdir: &str, upper_work: Option<(&Path, &Path)>) -> nix::Result<()> {
    let flags = if upper_work.is_some() { MsFlags::empty() } else { MsFlags::MS_RDONLY };
    let data = overlay_options(lowerdir, upper_work);
    nix::mount::mount(Some("overlay"), at, Some("overlay"), flags, Some(data.as_str()))
}

/// Bind mounts `src` at `at`.
pub fn bind(src: &Path, at: &Path) -> nix::Result<()> {
    nix::mount::mount(Some(src), at, None::<&str>, MsFlags::MS_BIND, None::<&str>)
}

/// Detaches the mount at `at` (lazily: it goes once nothing uses it).
pub fn detach(at: &Path) -> nix::Result<()> {
    nix::mount::umount2(at, MntFlags::MNT_DETACH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_for_writable_and_read_only_mounts() {
        assert_eq!(overlay_options("/l1:/l2", Some((Path::new("/u"), Path::new("/w")))), "lowerdir=/l1:/l2,upperdir=/u,workdir=/w,userxattr");
        assert_eq!(overlay_options("/u:/l1", None), "lowerdir=/u:/l1,userxattr");
    }
}
