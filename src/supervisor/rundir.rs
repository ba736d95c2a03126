//! The container's runtime directory (gone at reboot, so made again at every start): the
//! root filesystem's mount point, and /etc/hosts, /etc/hostname, /etc/resolv.conf and
//! /run/.containerenv for bind mounting.

use crate::state::containers::ContainerRecord;
use crate::state::paths::Paths;
use anyhow::{Context, Result};
use std::os::unix::fs::PermissionsExt;

/// `prepare`, unless `create` (or an earlier start in this boot) already did.
pub fn prepare_if_missing(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    // .containerenv is written last: with it there, all are.
    if paths.container_run_dir(&rec.id).join(".containerenv").exists() {
        return Ok(());
    }
    prepare(paths, rec)
}

pub fn prepare(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    let dir = paths.container_run_dir(&rec.id);
    let mountpoint = dir.join("rootfs");
    std::fs::create_dir_all(&mountpoint).with_context(|| format!("creating {}", mountpoint.display()))?;
    let s = &rec.settings;
    let hostname = if s.hostname.is_empty() { rec.short_id().to_string() } else { s.hostname.clone() };
    let mut hosts = if s.network == "host" {
        std::fs::read_to_string("/etc/hosts").unwrap_or_default()
    } else {
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
         ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n"
            .to_string()
    };
    if !hosts.is_empty() && !hosts.ends_with('\n') {
        hosts.push('\n');
    }
    hosts.push_str(&format!("127.0.1.1\t{hostname} {}\n", rec.name));
    let resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let env = format!(
        "engine=\"hutch-{}\"\nname=\"{}\"\nid=\"{}\"\nimage=\"{}\"\nrootless=1\n",
        env!("CARGO_PKG_VERSION"),
        rec.name,
        rec.id,
        rec.image
    );
    for (file, text) in [("hosts", hosts), ("hostname", format!("{hostname}\n")), ("resolv.conf", resolv), (".containerenv", env)] {
        let p = dir.join(file);
        // Replaced, not rewritten: a running exec or an old mount never sees a half file.
        crate::state::atomic::write_atomic(&p, text.as_bytes(), crate::state::atomic::Durability::Atomic)?;
        // Bind mounted into the container: readable by any of its users, whatever our umask.
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).with_context(|| format!("chmod {}", p.display()))?;
    }
    Ok(())
}
