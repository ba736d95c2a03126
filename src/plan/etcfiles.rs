//! The container's /etc/resolv.conf and /etc/hosts, as Podman writes them (pure).

use crate::plan::network::NetworkMode;
use std::net::IpAddr;

/// What the container's DNS configuration is made from.
pub struct DnsInput<'a> {
    /// The host's /etc/resolv.conf.
    pub host_resolv: &'a str,
    /// `--dns` (containers.conf's dns_servers first).
    pub servers: &'a [String],
    /// `--dns-search` (`.` alone: none).
    pub search: &'a [String],
    /// `--dns-option`.
    pub options: &'a [String],
}

/// The container's /etc/resolv.conf, by Podman's rules: the servers given, else (slirp4netns's
/// forwarder, then) the host's servers that the container can reach (not loopback ones, nor
/// IPv6 ones without IPv6) or Google's where none is left; the search domains given (`.`:
/// none), else the host's; the options given, else the host's.
pub fn resolv_conf(mode: &NetworkMode, d: &DnsInput) -> String {
    let mut host_servers = Vec::new();
    let mut host_search: Vec<String> = Vec::new();
    let mut host_options: Vec<String> = Vec::new();
    for line in d.host_resolv.lines() {
        let mut f = line.split_whitespace();
        match f.next() {
            Some("nameserver") => host_servers.extend(f.next().map(String::from)),
            Some("search" | "domain") => host_search = f.map(String::from).collect(),
            Some("options") => host_options.extend(f.map(String::from)),
            _ => {}
        }
    }
    let servers: Vec<String> = if !d.servers.is_empty() {
        d.servers.to_vec()
    } else if matches!(mode, NetworkMode::Host) {
        host_servers
    } else {
        let ipv6 = mode.slirp().is_some_and(|o| o.enable_ipv6);
        let mut reachable: Vec<String> = host_servers.into_iter().filter(|s| !is_loopback(s) && (ipv6 || !s.contains(':'))).collect();
        if reachable.is_empty() {
            reachable = vec!["8.8.8.8".into(), "8.8.4.4".into()];
        }
        match mode.slirp() {
            Some(o) => std::iter::once(o.dns().to_string()).chain(reachable).collect(),
            None => reachable,
        }
    };
    let search: Vec<String> = if d.search.is_empty() {
        host_search
    } else if d.search.iter().any(|s| s == ".") {
        Vec::new()
    } else {
        d.search.to_vec()
    };
    let options: Vec<String> = if d.options.is_empty() { host_options } else { d.options.to_vec() };
    let mut out = String::new();
    if !search.is_empty() {
        out.push_str(&format!("search {}\n", search.join(" ")));
    }
    for s in servers {
        out.push_str(&format!("nameserver {s}\n"));
    }
    if !options.is_empty() {
        out.push_str(&format!("options {}\n", options.join(" ")));
    }
    out
}

fn is_loopback(s: &str) -> bool {
    s.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Docker's `--add-host NAME:host-gateway` (newer Podmans take it too): the address the
/// container reaches the host by, the one host.containers.internal names.
pub const HOST_GATEWAY: &str = "host-gateway";

/// Parses an `--add-host HOST:IP` entry (the IP may be IPv6, colons and all, or `host-gateway`).
pub fn parse_add_host(entry: &str) -> Result<(String, String), String> {
    let (name, ip) = entry.split_once(':').ok_or_else(|| format!("unable to parse host entry {entry:?}: incorrect format"))?;
    if name.is_empty() {
        return Err(format!("hostname in host entry {entry:?} is empty"));
    }
    if ip.is_empty() {
        return Err(format!("IP address in host entry {entry:?} is empty"));
    }
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    if ip != HOST_GATEWAY && ip.parse::<IpAddr>().is_err() {
        return Err(format!("invalid IP address in add-host: {ip:?}"));
    }
    Ok((name.to_string(), ip.to_string()))
}

/// What the container's /etc/hosts is made from.
pub struct HostsInput<'a> {
    /// The host's /etc/hosts (used as the base, as Podman's default base_hosts_file).
    pub host_hosts: &'a str,
    /// `--add-host` entries, parsed: (name, ip).
    pub add_hosts: &'a [(String, String)],
    pub hostname: &'a str,
    pub name: &'a str,
    /// The host's own address as the container reaches it (host.containers.internal).
    pub host_ip: Option<IpAddr>,
}

/// The container's /etc/hosts, by Podman's rules: the `--add-host` entries, the base file's
/// entries, then what is still missing of localhost, host.containers.internal and the
/// container's own names.
pub fn hosts_file(mode: &NetworkMode, h: &HostsInput) -> String {
    let internal = match mode {
        NetworkMode::Slirp4netns(o) if o.allow_host_loopback => Some(IpAddr::V4(o.gateway())),
        NetworkMode::Slirp4netns(_) | NetworkMode::Host => h.host_ip,
        // pasta gives the container the host's own address: no other one names the host.
        NetworkMode::None | NetworkMode::Pasta(_) | NetworkMode::Container(_) | NetworkMode::Path(_) => None,
    };
    let mut entries: Vec<(String, Vec<String>)> = Vec::new();
    for (name, ip) in h.add_hosts {
        if ip == HOST_GATEWAY {
            // With pasta the host is reached by its own address; with no network, not at all.
            if let Some(gw) = internal.or(h.host_ip.filter(|_| matches!(mode, NetworkMode::Pasta(_)))) {
                entries.push((gw.to_string(), vec![name.clone()]));
            }
            continue;
        }
        entries.push((ip.clone(), vec![name.clone()]));
    }
    for line in h.host_hosts.lines() {
        let line = line.split('#').next().unwrap_or("");
        let mut f = line.split_whitespace();
        if let Some(ip) = f.next() {
            let names: Vec<String> = f.map(String::from).collect();
            if !names.is_empty() {
                entries.push((ip.to_string(), names));
            }
        }
    }
    let has = |entries: &[(String, Vec<String>)], n: &str| entries.iter().any(|(_, names)| names.iter().any(|x| x == n));
    let has_ip_name = |entries: &[(String, Vec<String>)], ip: &str, n: &str| entries.iter().any(|(i, names)| i == ip && names.iter().any(|x| x == n));
    for ip in ["127.0.0.1", "::1"] {
        if !has_ip_name(&entries, ip, "localhost") {
            entries.push((ip.to_string(), vec!["localhost".into()]));
        }
    }
    if let Some(ip) = internal {
        if !has(&entries, "host.containers.internal") {
            entries.push((ip.to_string(), vec!["host.containers.internal".into()]));
        }
    }
    let own = match mode {
        NetworkMode::Slirp4netns(o) => o.guest().to_string(),
        NetworkMode::Host => "127.0.1.1".to_string(),
        NetworkMode::Pasta(_) => h.host_ip.map_or_else(|| "127.0.0.1".to_string(), |ip| ip.to_string()),
        NetworkMode::None | NetworkMode::Container(_) | NetworkMode::Path(_) => "127.0.0.1".to_string(),
    };
    let mut names: Vec<String> = Vec::new();
    for n in [h.hostname, h.name] {
        if !n.is_empty() && !has(&entries, n) && !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    }
    if !names.is_empty() {
        entries.push((own, names));
    }
    entries.iter().map(|(ip, names)| format!("{ip}\t{}\n", names.join(" "))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::network::SlirpOptions;

    const HOST_RESOLV: &str = "# generated\nnameserver 127.0.0.53\nnameserver 192.168.1.1\nnameserver fe80::1\nsearch example.com lan\noptions edns0 trust-ad\n";

    fn resolv(mode: &NetworkMode, servers: &[&str], search: &[&str], options: &[&str]) -> String {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (servers, search, options) = (s(servers), s(search), s(options));
        resolv_conf(mode, &DnsInput { host_resolv: HOST_RESOLV, servers: &servers, search: &search, options: &options })
    }

    #[test]
    fn resolv_rules() {
        let slirp = NetworkMode::Slirp4netns(SlirpOptions::default());
        assert_eq!(resolv(&slirp, &[], &[], &[]), "search example.com lan\nnameserver 10.0.2.3\nnameserver 192.168.1.1\noptions edns0 trust-ad\n");
        assert_eq!(resolv(&slirp, &["1.1.1.1"], &["corp"], &["ndots:2"]), "search corp\nnameserver 1.1.1.1\noptions ndots:2\n");
        assert_eq!(resolv(&slirp, &[], &["."], &[]), "nameserver 10.0.2.3\nnameserver 192.168.1.1\noptions edns0 trust-ad\n");
        assert_eq!(resolv(&NetworkMode::Host, &[], &[], &[]), "search example.com lan\nnameserver 127.0.0.53\nnameserver 192.168.1.1\nnameserver fe80::1\noptions edns0 trust-ad\n");
        let only_local = resolv_conf(&NetworkMode::None, &DnsInput { host_resolv: "nameserver 127.0.0.53\n", servers: &[], search: &[], options: &[] });
        assert_eq!(only_local, "nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
        let six = NetworkMode::parse("slirp4netns:enable_ipv6=true").unwrap();
        assert!(resolv(&six, &[], &[], &[]).contains("nameserver fe80::1\n"));
    }

    #[test]
    fn hosts_rules() {
        let slirp = NetworkMode::Slirp4netns(SlirpOptions::default());
        let add = vec![("db".to_string(), "10.1.1.1".to_string())];
        let h = HostsInput {
            host_hosts: "127.0.0.1 localhost\n::1 localhost ip6-localhost # c\n192.168.1.5  build.lan\n",
            add_hosts: &add,
            hostname: "abc",
            name: "web",
            host_ip: Some("192.168.1.5".parse().unwrap()),
        };
        assert_eq!(hosts_file(&slirp, &h),
            "10.1.1.1\tdb\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n192.168.1.5\tbuild.lan\n192.168.1.5\thost.containers.internal\n10.0.2.100\tabc web\n");
        let lo = NetworkMode::parse("slirp4netns:allow_host_loopback=true").unwrap();
        assert!(hosts_file(&lo, &h).contains("10.0.2.2\thost.containers.internal\n"));
        let none = hosts_file(&NetworkMode::None, &HostsInput { host_hosts: "", add_hosts: &[], hostname: "abc", name: "abc", host_ip: None });
        assert_eq!(none, "127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.0.1\tabc\n");
        assert_eq!(parse_add_host("db:10.1.1.1").unwrap(), ("db".into(), "10.1.1.1".into()));
        assert_eq!(parse_add_host("v6:fe80::1").unwrap(), ("v6".into(), "fe80::1".into()));
        assert_eq!(parse_add_host("db").unwrap_err(), "unable to parse host entry \"db\": incorrect format");
        assert_eq!(parse_add_host(":1.2.3.4").unwrap_err(), "hostname in host entry \":1.2.3.4\" is empty");
        assert_eq!(parse_add_host("db:").unwrap_err(), "IP address in host entry \"db:\" is empty");
        // Docker's host-gateway: the address host.containers.internal has, where there is one.
        let gw = vec![("host.docker.internal".to_string(), HOST_GATEWAY.to_string())];
        assert!(hosts_file(&slirp, &HostsInput { add_hosts: &gw, ..h }).starts_with("192.168.1.5\thost.docker.internal\n"));
        assert!(hosts_file(&lo, &HostsInput { add_hosts: &gw, ..h }).starts_with("10.0.2.2\thost.docker.internal\n"));
        assert!(!hosts_file(&NetworkMode::None, &HostsInput { add_hosts: &gw, ..h }).contains("host.docker.internal"));
        assert_eq!(parse_add_host("h:host-gateway").unwrap(), ("h".into(), "host-gateway".into()));
        assert!(parse_add_host("db:nope").is_err());
    }
}
