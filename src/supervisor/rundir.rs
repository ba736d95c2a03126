//! The container's runtime directory (gone at reboot, so made again at every start): the
//! root filesystem's mount point, and /etc/hosts, /etc/hostname, /etc/resolv.conf and
//! /run/.containerenv for bind mounting.

use crate::plan::etcfiles;
use crate::plan::network::NetworkMode;
use crate::state::containers::ContainerRecord;
use crate::state::paths::Paths;
use anyhow::{Context, Result};
use std::os::unix::fs::PermissionsExt;

/// `prepare`, unless `create` (or an earlier start in this boot) already did.
pub fn prepare_if_missing(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    // .containerenv is written last: with it there, all are.
    let dir = paths.container_run_dir(&rec.id);
    if dir.join(".containerenv").exists() {
        // (Made by an older hutch, it may not be searchable yet: see `prepare`.)
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o711));
        return Ok(());
    }
    prepare(paths, rec)
}

pub fn prepare(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    let dir = paths.container_run_dir(&rec.id);
    let mountpoint = dir.join("rootfs");
    std::fs::create_dir_all(&mountpoint).with_context(|| format!("creating {}", mountpoint.display()))?;
    // A nested container's root finds its root filesystem again through this directory
    // (runtime::child), as one of "others": searchable whatever our umask (its own parents
    // stay private).
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o711)).with_context(|| format!("chmod {}", dir.display()))?;
    let s = &rec.settings;
    let hostname = if s.hostname.is_empty() { rec.short_id().to_string() } else { s.hostname.clone() };
    let mode = NetworkMode::parse(&s.network).unwrap_or(NetworkMode::None);
    // Another container's network: its name service files too, as Podman shares them.
    let shared = match &mode {
        NetworkMode::Container(id) => {
            let theirs = paths.container_run_dir(id);
            Some((std::fs::read_to_string(theirs.join("hosts")).unwrap_or_default(), std::fs::read_to_string(theirs.join("resolv.conf")).unwrap_or_default()))
        }
        _ => None,
    };
    let add_hosts: Vec<(String, String)> = s.add_hosts.iter().filter_map(|h| etcfiles::parse_add_host(h).ok()).collect();
    let hosts = etcfiles::hosts_file(&mode, &etcfiles::HostsInput {
        host_hosts: &std::fs::read_to_string("/etc/hosts").unwrap_or_default(),
        add_hosts: &add_hosts,
        hostname: &hostname,
        name: &rec.name,
        host_ip: host_ipv4().map(std::net::IpAddr::V4),
    });
    // `--dns none`: an empty resolv.conf (no servers at all).
    let resolv = if s.dns.iter().any(|d| d == "none") {
        String::new()
    } else {
        etcfiles::resolv_conf(&mode, &etcfiles::DnsInput {
            host_resolv: &std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default(),
            servers: &s.dns,
            search: &s.dns_search,
            options: &s.dns_option,
        })
    };
    // Podman leaves /run/.containerenv empty unless the container is --privileged (which
    // hutch has not yet): only its presence says "in a container".
    let env = String::new();
    let (hosts, resolv) = shared.unwrap_or((hosts, resolv));
    for (file, text) in [("hosts", hosts), ("hostname", format!("{hostname}\n")), ("resolv.conf", resolv), (".containerenv", env)] {
        let p = dir.join(file);
        // Replaced, not rewritten: a running exec or an old mount never sees a half file.
        crate::state::atomic::write_atomic(&p, text.as_bytes(), crate::state::atomic::Durability::Atomic)?;
        // Bind mounted into the container: readable by any of its users, whatever our umask.
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).with_context(|| format!("chmod {}", p.display()))?;
    }
    Ok(())
}

/// The host's first global IPv4 address (what host.containers.internal names): not
/// loopback, not link-local.
fn host_ipv4() -> Option<std::net::Ipv4Addr> {
    let addrs = nix::ifaddrs::getifaddrs().ok()?;
    for a in addrs {
        let Some(ip) = a.address.as_ref().and_then(|s| s.as_sockaddr_in()).map(|s| s.ip()) else { continue };
        if !ip.is_loopback() && !ip.is_link_local() && !ip.is_unspecified() {
            return Some(ip);
        }
    }
    None
}
