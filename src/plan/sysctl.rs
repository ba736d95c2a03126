//! `--sysctl` and containers.conf `default_sysctls`: only the sysctls a container's own
//! namespaces hold (IPC, POSIX message queues, and its network when it has one), as Podman.

use std::collections::BTreeMap;

/// IPC sysctls that are namespaced although `kernel.` holds host-wide ones too.
const IPC: &[&str] = &["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

/// `KEY=VALUE` entries → the spec's `linux.sysctl`. Defaults (from containers.conf) that the
/// container's namespaces do not hold are left out, as Podman does; the user's are refused.
/// `shared_network`: the network namespace is another container's (`--network container:`,
/// `ns:`), where the defaults' `net.` ones are left out too (the user's still apply).
pub fn sysctls(defaults: &[String], given: &[String], own_network: bool, own_ipc: bool, shared_network: bool) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (entry, user) in defaults.iter().map(|d| (d, false)).chain(given.iter().map(|g| (g, true))) {
        let (k, v) = entry.split_once('=').ok_or_else(|| format!("{entry} is invalid, sysctl values must be in the form of KEY=VALUE"))?;
        if k.trim() != k || k.is_empty() {
            return Err(format!("'{entry}' is invalid, extra spaces found"));
        }
        if k.contains('/') || k.split('.').any(|c| c.is_empty()) {
            return Err(format!("sysctl '{k}' is not allowed"));
        }
        let net = k.starts_with("net.");
        let ipc = IPC.contains(&k) || k.starts_with("fs.mqueue.");
        if !net && !ipc {
            return Err(format!("sysctl '{k}' is not allowed"));
        }
        if net && shared_network && !user {
            continue;
        }
        if (net && !own_network) || (ipc && !own_ipc) {
            if !user {
                continue;
            }
            let ns = if net { "Network" } else { "IPC" };
            return Err(format!("sysctl {k} can't be set since {ns} Namespace set to host"));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// The file under /proc/sys that holds `key` (`net.ipv4.ping_group_range`).
pub fn proc_path(key: &str) -> String {
    format!("/proc/sys/{}", key.replace('.', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaced_only() {
        let d = vec!["net.ipv4.ping_group_range=0 0".to_string()];
        let s = sysctls(&d, &["kernel.shmmax=1000".into(), "fs.mqueue.msg_max=20".into()], true, true, false).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s["net.ipv4.ping_group_range"], "0 0");
        // The network's defaults are left out with the host's network; the user's are refused.
        assert!(sysctls(&d, &[], false, true, false).unwrap().is_empty());
        assert_eq!(sysctls(&[], &["net.ipv4.ip_forward=1".into()], false, true, false).unwrap_err(), "sysctl net.ipv4.ip_forward can't be set since Network Namespace set to host");
        assert_eq!(sysctls(&[], &["kernel.hostname=x".into()], true, true, false).unwrap_err(), "sysctl 'kernel.hostname' is not allowed");
        assert_eq!(sysctls(&[], &["vm.swappiness".into()], true, true, false).unwrap_err(), "vm.swappiness is invalid, sysctl values must be in the form of KEY=VALUE");
        assert_eq!(proc_path("net.ipv4.ping_group_range"), "/proc/sys/net/ipv4/ping_group_range");
        let d = vec!["net.ipv4.ping_group_range=0 0".to_string()];
        assert!(sysctls(&d, &[], true, true, true).unwrap().is_empty());
        assert_eq!(sysctls(&d, &["net.core.somaxconn=100".into()], true, true, true).unwrap().len(), 1);
    }
}
