//! The mounts hutch makes outside a container's own setup, in a user namespace of the
//! caller's (the overlay probe, `mount`, seeding a volume from an image): overlayfs with
//! `userxattr` (what an unprivileged overlay needs, plan::mounts::overlay_options), bind
//! mounts, and detaching them.

use nix::mount::{MntFlags, MsFlags};
use std::path::Path;

/// Mounts overlayfs at `at`: writable with `upper_work`, read-only without.
pub fn mount_overlay(at: &Path, lowerdir: &str, upper_work: Option<(&Path, &Path)>) -> nix::Result<()> {
    let flags = if upper_work.is_some() { MsFlags::empty() } else { MsFlags::MS_RDONLY };
    let data = crate::plan::mounts::overlay_options(lowerdir, upper_work);
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
