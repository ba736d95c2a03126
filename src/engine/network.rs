//! The network part of `create`: the mode and DNS options checked, the published ports
//! settled (a free host port picked where none was given, `-P` with the image's EXPOSE).

use crate::config::containers::ContainersConf;
use crate::error::exit_error;
use crate::plan::network::{self, NetworkMode, PortRequest};
use crate::state::containers::{PortMapping, Settings};
use anyhow::Result;

/// The network options of `run`/`create`, as given.
#[derive(Debug, Clone, Default)]
pub struct NetworkOptions {
    /// `--network` (none: the rootless default, slirp4netns).
    pub mode: Option<String>,
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub expose: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_option: Vec<String>,
    pub add_hosts: Vec<String>,
    pub no_hosts: bool,
    pub mac_address: Option<String>,
    /// `--http-proxy`: pass the caller's proxy variables (containers.conf's http_proxy, else true).
    pub http_proxy: Option<bool>,
    /// `--ip`, `--ip6`, `--network-alias`, `--link-local-ip`: bridge networks' options.
    pub ip: Option<String>,
    pub ip6: Option<String>,
    pub network_alias: Vec<String>,
    pub link_local_ip: Vec<String>,
}

/// What the options ask for, with containers.conf's defaults filled in, checked before
/// anything is made.
pub struct Checked {
    pub mode: NetworkMode,
    /// The mode as recorded (`slirp4netns:OPTIONS`...).
    pub value: String,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_option: Vec<String>,
    pub no_hosts: bool,
    /// Pass the caller's proxy variables in.
    pub http_proxy: bool,
    pub publish: Vec<PortRequest>,
    pub expose: Vec<PortRequest>,
    /// `-p`/`-P` given where the mode has no ports (Podman's warning).
    pub discarded_ports: bool,
}

pub fn check(o: &NetworkOptions, conf: &ContainersConf) -> Result<Checked> {
    let bad = |e: String| exit_error(125, e);
    let value = match o.mode.as_deref() {
        // `private`: a namespace of its own, which for a rootless container is the default.
        None | Some("private") => conf.default_network(),
        // The helper's options from containers.conf where --network names it bare.
        Some(m @ "slirp4netns") => match &conf.engine.network_cmd_options {
            Some(opts) if !opts.is_empty() => format!("{m}:{}", opts.join(",")),
            _ => m.to_string(),
        },
        Some(m) => m.to_string(),
    };
    let mode = NetworkMode::parse(&value).map_err(bad)?;
    let from_conf = |flag: &[String], conf: &Option<Vec<String>>| if flag.is_empty() { conf.clone().unwrap_or_default() } else { flag.to_vec() };
    let dns = from_conf(&o.dns, &conf.containers.dns_servers);
    let dns_search = from_conf(&o.dns_search, &conf.containers.dns_searches);
    let dns_option = from_conf(&o.dns_option, &conf.containers.dns_options);
    let no_hosts = o.no_hosts || (conf.containers.no_hosts == Some(true) && o.add_hosts.is_empty());
    let mut publish = Vec::new();
    for p in &o.publish {
        publish.extend(network::parse_publish(p).map_err(bad)?);
    }
    let mut expose = Vec::new();
    for e in &o.expose {
        expose.extend(network::parse_expose(e).map_err(bad)?);
    }
    for d in &dns {
        if d != "none" && d.parse::<std::net::IpAddr>().is_err() {
            return Err(bad(format!("{d} is not an ip address")));
        }
    }
    if dns.len() > 1 && dns.iter().any(|d| d == "none") {
        return Err(bad("--dns none cannot be combined with other servers".into()));
    }
    if o.no_hosts && !o.add_hosts.is_empty() {
        return Err(bad("--no-hosts and --add-host cannot be set together".into()));
    }
    for h in &o.add_hosts {
        crate::plan::etcfiles::parse_add_host(h).map_err(bad)?;
    }
    if let Some(mac) = &o.mac_address {
        let ok = mac.split(':').count() == 6 && mac.split(':').all(|b| b.len() == 2 && u8::from_str_radix(b, 16).is_ok());
        if !ok {
            return Err(bad(format!("invalid MAC address {mac:?} (e.g. 92:d0:c6:0a:29:33)")));
        }
        if mode.slirp().is_none() {
            return Err(bad(format!("--mac-address is available with slirp4netns only (hutch sets it on slirp4netns's tap): not with {}", mode.name())));
        }
    }
    // Podman's errors: rootless containers have no bridge network to give these to.
    for (flag, v) in [("ip", &o.ip), ("ip6", &o.ip6)] {
        if let Some(ip) = v {
            if ip.parse::<std::net::IpAddr>().is_err() {
                return Err(bad(format!("{ip:?} is not an ip address")));
            }
            return Err(bad(format!("--{flag}: networks and static ip/mac address can only be used with Bridge mode networking (hutch's containers use slirp4netns or pasta, which have no static addresses)")));
        }
    }
    if !o.network_alias.is_empty() {
        return Err(bad("--network-alias can only be set when the network mode is bridge: hutch has no bridge networks".into()));
    }
    if !o.link_local_ip.is_empty() {
        return Err(bad("--link-local-ip is not implemented (nor is it in Podman)".into()));
    }
    let discarded_ports = !mode.has_ports() && (!publish.is_empty() || o.publish_all);
    if discarded_ports {
        publish.clear();
    }
    let http_proxy = o.http_proxy.or(conf.containers.http_proxy).unwrap_or(true);
    Ok(Checked { mode, value, dns, dns_search, dns_option, no_hosts, http_proxy, publish, expose, discarded_ports })
}

/// Fills the record's network settings; `image_exposed` are the image's ExposedPorts keys.
pub fn settle(o: &NetworkOptions, c: &Checked, image_exposed: &[String], s: &mut Settings) -> Result<()> {
    s.network = c.value.clone();
    let mut requests = c.publish.clone();
    if o.publish_all && c.mode.has_ports() {
        let mut all = c.expose.clone();
        for e in image_exposed {
            // An image's odd key is the image's problem: skipped, as Podman does.
            all.extend(network::parse_expose(e).unwrap_or_default());
        }
        for e in all {
            for i in 0..e.range {
                let port = e.container_port + i;
                let taken = requests.iter().any(|r| r.protocol == e.protocol && (r.container_port..r.container_port + r.range).contains(&port));
                if !taken {
                    requests.push(PortRequest { container_port: port, range: 1, ..e.clone() });
                }
            }
        }
    }
    let mut ports: Vec<PortMapping> = Vec::new();
    for r in &requests {
        let host_port = match r.host_port {
            Some(p) => p,
            None => free_ports(&r.host_ip, r.protocol, r.range)?,
        };
        let m = PortMapping { host_ip: r.host_ip.clone(), host_port, container_port: r.container_port, range: r.range, protocol: r.protocol.to_string() };
        for other in &ports {
            let overlap = other.protocol == m.protocol
                && (other.host_ip == m.host_ip || other.host_ip.is_empty() || m.host_ip.is_empty())
                && (other.host_port as u32) < m.host_port as u32 + m.range as u32
                && (m.host_port as u32) < other.host_port as u32 + other.range as u32;
            if overlap {
                return Err(exit_error(125, format!("host port {}/{} is published twice: give each mapping its own host port", m.host_port.max(other.host_port), m.protocol)));
            }
        }
        ports.push(m);
    }
    s.ports = ports;
    s.expose = o.expose.clone();
    s.dns = c.dns.clone();
    s.dns_search = c.dns_search.clone();
    s.dns_option = c.dns_option.clone();
    s.add_hosts = o.add_hosts.clone();
    s.no_hosts = c.no_hosts;
    s.mac_address = o.mac_address.clone();
    Ok(())
}

/// `range` consecutive host ports free now on `ip` (all addresses when empty), for `proto`.
fn free_ports(ip: &str, proto: &str, range: u16) -> Result<u16> {
    let addr = if ip.is_empty() { "0.0.0.0" } else { ip };
    let bindable = |p: u16| match proto {
        "udp" => std::net::UdpSocket::bind((addr, p)).map(|s| s.local_addr().map(|a| a.port()).unwrap_or(0)),
        _ => std::net::TcpListener::bind((addr, p)).map(|s| s.local_addr().map(|a| a.port()).unwrap_or(0)),
    };
    for _ in 0..32 {
        let start = bindable(0).map_err(|e| exit_error(125, format!("finding a free host port on {addr}/{proto}: {e}")))?;
        if start == 0 || start as u32 + range as u32 - 1 > 65535 {
            continue;
        }
        if (1..range).all(|i| bindable(start + i).is_ok()) {
            return Ok(start);
        }
    }
    Err(exit_error(125, format!("no {range} consecutive free host ports found on {addr}/{proto}: give the host ports (-p HOSTPORT-HOSTPORT:PORT-PORT)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(publish: &[&str]) -> NetworkOptions {
        NetworkOptions { publish: publish.iter().map(|s| s.to_string()).collect(), ..Default::default() }
    }

    #[test]
    fn settles_ports() {
        let o = NetworkOptions { publish_all: true, expose: vec!["9000/udp".into()], ..opts(&["8080:80", "53/udp"]) };
        let c = check(&o, &ContainersConf::default()).unwrap();
        let mut s = Settings::default();
        settle(&o, &c, &["80/tcp".into(), "443/tcp".into()], &mut s).unwrap();
        assert_eq!(s.network, "slirp4netns");
        let got: Vec<(u16, &str)> = s.ports.iter().map(|p| (p.container_port, p.protocol.as_str())).collect();
        assert_eq!(got, [(80, "tcp"), (53, "udp"), (9000, "udp"), (443, "tcp")]);
        assert_eq!(s.ports[0].host_port, 8080);
        assert!(s.ports[1..].iter().all(|p| p.host_port > 0));
        let clash = opts(&["8080:80", "8080:81"]);
        assert!(settle(&clash, &check(&clash, &ContainersConf::default()).unwrap(), &[], &mut s).unwrap_err().to_string().contains("published twice"));
        let range = opts(&["7000-7003"]);
        settle(&range, &check(&range, &ContainersConf::default()).unwrap(), &[], &mut s).unwrap();
        assert_eq!(s.ports[0].range, 4);
    }

    #[test]
    fn checks() {
        let host = NetworkOptions { mode: Some("host".into()), ..opts(&["80"]) };
        let c = check(&host, &ContainersConf::default()).unwrap();
        assert!(c.discarded_ports && c.publish.is_empty());
        for bad in [
            NetworkOptions { dns: vec!["nope".into()], ..Default::default() },
            NetworkOptions { no_hosts: true, add_hosts: vec!["a:1.2.3.4".into()], ..Default::default() },
            NetworkOptions { add_hosts: vec!["a".into()], ..Default::default() },
            NetworkOptions { mac_address: Some("zz".into()), ..Default::default() },
            NetworkOptions { mode: Some("none".into()), mac_address: Some("92:d0:c6:0a:29:33".into()), ..Default::default() },
            opts(&["x"]),
        ] {
            assert!(check(&bad, &ContainersConf::default()).is_err(), "{bad:?}");
        }
        // containers.conf's defaults, and the flags over them.
        let mut conf = ContainersConf::default();
        conf.containers.dns_servers = Some(vec!["1.1.1.1".into()]);
        conf.engine.network_cmd_options = Some(vec!["mtu=1500".into()]);
        let c = check(&NetworkOptions::default(), &conf).unwrap();
        assert_eq!((c.value.as_str(), c.dns.as_slice()), ("slirp4netns:mtu=1500", &["1.1.1.1".to_string()][..]));
        let c = check(&NetworkOptions { mode: Some("slirp4netns:mtu=9000".into()), dns: vec!["9.9.9.9".into()], ..Default::default() }, &conf).unwrap();
        assert_eq!((c.value.as_str(), c.dns.as_slice()), ("slirp4netns:mtu=9000", &["9.9.9.9".to_string()][..]));
        let c = check(&NetworkOptions { mode: Some("private".into()), ..Default::default() }, &conf).unwrap();
        assert_eq!(c.value, "slirp4netns:mtu=1500", "private is the rootless default");
        let mut bad = ContainersConf::default();
        bad.containers.dns_servers = Some(vec!["x".into()]);
        assert!(check(&NetworkOptions::default(), &bad).is_err());
    }
}
