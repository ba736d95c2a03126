//! Network planning (pure): the `--network` mode and its options, `-p/--publish` and
//! `--expose`, and pasta's arguments. The name service files are in `etcfiles`.

use std::net::{IpAddr, Ipv4Addr};

/// slirp4netns's defaults: the guest network, the MTU Podman uses.
pub const DEFAULT_CIDR: &str = "10.0.2.0/24";
pub const DEFAULT_MTU: u32 = 65520;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkMode {
    /// A network namespace with only `lo`.
    None,
    /// The host's network namespace.
    Host,
    /// A network namespace of its own, connected by slirp4netns (the rootless default).
    Slirp4netns(SlirpOptions),
    /// A network namespace of its own, connected by pasta (Debian's passt package), which
    /// copies the host's addresses; its options are pasta's own arguments.
    Pasta(Vec<String>),
    /// Another container's network namespace (and, to hold the capabilities over it, its user
    /// namespace): `container:NAME|ID`, recorded as `container:FULL-ID`.
    Container(String),
    /// A network namespace by path (`ns:PATH`), joined with the user namespace that owns it.
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlirpOptions {
    /// The guest network's address (a /N network; slirp4netns's --cidr).
    pub cidr: Option<(Ipv4Addr, u8)>,
    pub mtu: u32,
    /// Let the container reach the host's loopback as the gateway (10.0.2.2).
    pub allow_host_loopback: bool,
    pub enable_ipv6: bool,
    pub outbound_addr: Option<String>,
    pub outbound_addr6: Option<String>,
    /// Who forwards the published TCP ports.
    pub port_handler: PortHandler,
    /// `bind_interface=IFACE|default`: hutch's handler hands a published TCP port over on a
    /// socket bound to that interface (`default`: the default route's), even where the kernel
    /// would take the answer filter (runtime/handover.rs).
    pub bind_interface: Option<String>,
}

/// Who forwards a slirp4netns container's published ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortHandler {
    /// hutch's (`port_handler=hutch`): a published TCP port's host socket is handed to the
    /// container's server when it listens, so clients reach it directly; until then, and for
    /// UDP, the forwarder below.
    Hutch,
    /// hutch's forwarder alone (`rootlesskit`, whose role it plays): accepts on the host,
    /// connects inside the container's namespace from the client's own address, copies both
    /// ways.
    Forwarder,
    /// slirp4netns's `add_hostfwd`: through slirp's userspace TCP (slower).
    Slirp4netns,
}

impl Default for SlirpOptions {
    fn default() -> Self {
        SlirpOptions {
            cidr: None,
            mtu: DEFAULT_MTU,
            allow_host_loopback: false,
            enable_ipv6: false,
            outbound_addr: None,
            outbound_addr6: None,
            port_handler: PortHandler::Hutch,
            bind_interface: None,
        }
    }
}

impl SlirpOptions {
    fn base(&self) -> u32 {
        u32::from(self.cidr.map_or(Ipv4Addr::new(10, 0, 2, 0), |(a, _)| a))
    }
    /// The gateway: the host as the container sees it.
    pub fn gateway(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.base() + 2)
    }
    /// slirp4netns's DNS forwarder.
    pub fn dns(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.base() + 3)
    }
    /// The container's own address.
    pub fn guest(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.base() + 100)
    }
    /// The slirp4netns command line options (before the pid and the interface name).
    pub fn args(&self) -> Vec<String> {
        let mut a = vec!["--configure".to_string(), format!("--mtu={}", self.mtu)];
        if !self.allow_host_loopback {
            a.push("--disable-host-loopback".into());
        }
        if let Some((ip, len)) = self.cidr {
            a.push(format!("--cidr={ip}/{len}"));
        }
        if self.enable_ipv6 {
            a.push("--enable-ipv6".into());
        }
        if let Some(o) = &self.outbound_addr {
            a.push(format!("--outbound-addr={o}"));
        }
        if let Some(o) = &self.outbound_addr6 {
            a.push(format!("--outbound-addr6={o}"));
        }
        // slirp4netns confines itself: a mount namespace of its own and a seccomp filter.
        a.extend(["--enable-sandbox".to_string(), "--enable-seccomp".to_string()]);
        a
    }
}

impl NetworkMode {
    /// The mode's name, as `inspect` shows it (HostConfig.NetworkMode).
    pub fn name(&self) -> &'static str {
        match self {
            NetworkMode::None => "none",
            NetworkMode::Host => "host",
            NetworkMode::Slirp4netns(_) => "slirp4netns",
            NetworkMode::Pasta(_) => "pasta",
            NetworkMode::Container(_) => "container",
            NetworkMode::Path(_) => "ns",
        }
    }
    /// The mode connects the container's namespace to the host, and so can publish ports.
    pub fn has_ports(&self) -> bool {
        matches!(self, NetworkMode::Slirp4netns(_) | NetworkMode::Pasta(_))
    }
    /// The container has a network namespace of its own.
    pub fn own_namespace(&self) -> bool {
        !matches!(self, NetworkMode::Host)
    }
    pub fn slirp(&self) -> Option<&SlirpOptions> {
        match self {
            NetworkMode::Slirp4netns(o) => Some(o),
            _ => None,
        }
    }

    /// Parses a `--network` value (as recorded: an empty one is an old record's `none`).
    pub fn parse(s: &str) -> Result<NetworkMode, String> {
        let (mode, opts) = match s.split_once(':') {
            Some((m, o)) => (m, Some(o)),
            None => (s, None),
        };
        match (mode, opts) {
            ("" | "none", None) => Ok(NetworkMode::None),
            ("host", None) => Ok(NetworkMode::Host),
            ("slirp4netns", o) => parse_slirp(o.unwrap_or("")).map(NetworkMode::Slirp4netns),
            ("none" | "host", Some(_)) => Err(format!("--network {s}: the {mode} mode takes no options")),
            ("pasta", o) => parse_pasta(o.unwrap_or("")).map(NetworkMode::Pasta),
            ("container", Some(c)) if !c.is_empty() => Ok(NetworkMode::Container(c.to_string())),
            ("container", _) => Err(format!("--network {s}: name the container, as container:NAME or container:ID")),
            ("ns", Some(p)) if p.starts_with('/') => Ok(NetworkMode::Path(p.to_string())),
            ("ns", _) => Err(format!("--network {s}: give the namespace's absolute path, as ns:/run/user/1000/netns/NAME")),
            ("bridge", _) => Err(format!("--network {s}: rootless containers have no bridge network in hutch: use slirp4netns (the default, also `private`), pasta, host or none")),
            _ => Err(format!("--network {s}: no such network mode; hutch has none, host and slirp4netns[:OPTIONS] (user-defined networks are not available)")),
        }
    }
}

fn parse_bool(key: &str, v: &str) -> Result<bool, String> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("invalid value of {key} for slirp4netns: {v:?} (true or false)")),
    }
}

fn parse_slirp(opts: &str) -> Result<SlirpOptions, String> {
    let mut o = SlirpOptions::default();
    for opt in opts.split(',').filter(|x| !x.is_empty()) {
        let (k, v) = opt.split_once('=').unwrap_or((opt, ""));
        match k {
            "allow_host_loopback" => o.allow_host_loopback = parse_bool(k, v)?,
            "enable_ipv6" => o.enable_ipv6 = parse_bool(k, v)?,
            "mtu" => {
                o.mtu = v.parse().ok().filter(|m| (68..=65521).contains(m)).ok_or_else(|| format!("invalid value of mtu for slirp4netns: {v:?} (68 to 65521)"))?;
            }
            "cidr" => o.cidr = Some(parse_cidr(v)?),
            "outbound_addr" if !v.is_empty() => o.outbound_addr = Some(v.to_string()),
            "outbound_addr6" if !v.is_empty() => o.outbound_addr6 = Some(v.to_string()),
            "port_handler" => match v {
                "slirp4netns" => o.port_handler = PortHandler::Slirp4netns,
                // rootlesskit's role (a forwarder outside slirp's TCP) is played by hutch's own.
                "hutch" => o.port_handler = PortHandler::Hutch,
                "rootlesskit" => o.port_handler = PortHandler::Forwarder,
                _ => return Err(format!("unknown port_handler for slirp4netns: {v:?} (hutch, rootlesskit or slirp4netns)")),
            },
            "bind_interface" => {
                // An interface name as the kernel takes them (IFNAMSIZ, no slash or space).
                if v.is_empty() || v.len() > 15 || v.contains(['/', ' ', ':']) || v == "." || v == ".." {
                    return Err(format!("invalid value of bind_interface for slirp4netns: {v:?} (an interface name, or default)"));
                }
                if v == "lo" {
                    return Err("bind_interface=lo: a handed socket bound to the loopback could reach it, which is what the binding keeps it from; name another interface".into());
                }
                o.bind_interface = Some(v.to_string());
            }
            _ => return Err(format!("unknown option for slirp4netns: {opt:?}")),
        }
    }
    if let Some(name) = &o.bind_interface {
        if o.port_handler != PortHandler::Hutch {
            return Err(format!("bind_interface={name} hands published ports to the server: it needs port_handler=hutch (the default)"));
        }
        if o.allow_host_loopback {
            return Err(format!("bind_interface={name} keeps a handed port from the host's loopback, which allow_host_loopback=true opens anyway: give one or the other"));
        }
    }
    Ok(o)
}

/// Options hutch gives pasta itself (the namespace, its pid file, running in the background).
const PASTA_OWN: &[&str] = &["--netns", "--userns", "--netns-only", "-P", "--pid", "-f", "--foreground", "--runas", "-F", "--fd"];

fn parse_pasta(opts: &str) -> Result<Vec<String>, String> {
    let args: Vec<String> = opts.split(',').filter(|x| !x.is_empty()).map(String::from).collect();
    for a in &args {
        let name = a.split('=').next().unwrap_or(a);
        if PASTA_OWN.contains(&name) {
            return Err(format!("--network pasta:{opts}: {name} is set by hutch (the container's namespaces and pasta's lifetime are its own)"));
        }
    }
    Ok(args)
}

/// pasta's arguments for `ports` (before the user's options and the pid): its interface
/// configured, the published ports forwarded (`-t`/`-u`), nothing forwarded from the
/// container to the host's ports, the host's loopback not reachable through the gateway.
pub fn pasta_args(ports: &[PortRequest]) -> Vec<String> {
    let mut a = vec!["--config-net".to_string(), "--quiet".to_string()];
    // One -t/-u per mapping: pasta reads an address before `/` as the one for its whole list.
    for (flag, proto) in [("-t", "tcp"), ("-u", "udp")] {
        let mut any = false;
        for p in ports.iter().filter(|p| p.protocol == proto) {
            let (host, ctr, range) = (p.host_port.unwrap_or(p.container_port), p.container_port, p.range);
            let addr = if p.host_ip.is_empty() { String::new() } else { format!("{}/", p.host_ip) };
            let spec = if range > 1 {
                format!("{addr}{host}-{}:{ctr}-{}", host + range - 1, ctr + range - 1)
            } else {
                format!("{addr}{host}:{ctr}")
            };
            a.extend([flag.to_string(), spec]);
            any = true;
        }
        if !any {
            a.extend([flag.to_string(), "none".to_string()]);
        }
    }
    a.extend(["-T", "none", "-U", "none", "--no-map-gw"].map(String::from));
    a
}

fn parse_cidr(v: &str) -> Result<(Ipv4Addr, u8), String> {
    let bad = || format!("invalid value of cidr for slirp4netns: {v:?} (an IPv4 network such as 10.0.2.0/24)");
    let (ip, len) = v.split_once('/').ok_or_else(bad)?;
    let ip: Ipv4Addr = ip.parse().map_err(|_| bad())?;
    let len: u8 = len.parse().map_err(|_| bad())?;
    // The guest is network+100: the network must hold it.
    if !(1..=25).contains(&len) {
        return Err(format!("invalid value of cidr for slirp4netns: {v:?} (the prefix must be /25 or shorter)"));
    }
    let mask = u32::MAX << (32 - len);
    Ok((Ipv4Addr::from(u32::from(ip) & mask), len))
}

/// One `-p` request: ports of the container, and where on the host (a `None` host port is
/// picked when the container is created).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortRequest {
    /// Empty: every address of the host.
    pub host_ip: String,
    pub host_port: Option<u16>,
    pub container_port: u16,
    /// How many consecutive ports (1 for a single port).
    pub range: u16,
    /// `tcp` or `udp`.
    pub protocol: &'static str,
}

/// A port or range `A-B` of `flag`'s value `spec`: (first port, how many).
fn parse_range(s: &str, what: &str, flag: &str, spec: &str) -> Result<(u16, u16), String> {
    let port = |p: &str| -> Result<u16, String> {
        match p.parse::<u32>() {
            Ok(n) if (1..=65535).contains(&n) => Ok(n as u16),
            _ => Err(format!("{flag} {spec}: invalid {what} port {p:?} (1 to 65535)")),
        }
    };
    match s.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            if b < a {
                return Err(format!("{flag} {spec}: the {what} port range {s} ends before it starts"));
            }
            Ok((a, b - a + 1))
        }
        None => Ok((port(s)?, 1)),
    }
}

/// Parses one `-p` value: `[[IP:][HOSTPORT]:]CTRPORT[/PROTO]`, ports or ranges (`8000-8010`),
/// an IPv6 address in brackets, PROTO `tcp`, `udp` or `tcp,udp` (one request each).
pub fn parse_publish(spec: &str) -> Result<Vec<PortRequest>, String> {
    let (addr, protos) = match spec.rsplit_once('/') {
        Some((a, p)) => (a, p),
        None => (spec, "tcp"),
    };
    let mut protocols: Vec<&'static str> = Vec::new();
    for p in protos.split(',') {
        let p = match p.to_ascii_lowercase().as_str() {
            "tcp" => "tcp",
            "udp" => "udp",
            "sctp" => return Err(format!("-p {spec}: SCTP ports cannot be published by a rootless container (slirp4netns forwards TCP and UDP)")),
            _ => return Err(format!("-p {spec}: unknown protocol {p:?} (tcp, udp or tcp,udp)")),
        };
        if !protocols.contains(&p) {
            protocols.push(p);
        }
    }
    // The host address: bracketed IPv6, or everything before the second-last colon.
    let (host_ip, rest) = if let Some(r) = addr.strip_prefix('[') {
        let (ip, rest) = r.split_once(']').ok_or_else(|| format!("-p {spec}: an IPv6 address must end with `]`"))?;
        let rest = rest.strip_prefix(':').ok_or_else(|| format!("-p {spec}: expected `:` after the address"))?;
        (Some(ip.to_string()), rest.to_string())
    } else {
        let parts: Vec<&str> = addr.split(':').collect();
        match parts.len() {
            1 | 2 => (None, addr.to_string()),
            3 => (Some(parts[0].to_string()), format!("{}:{}", parts[1], parts[2])),
            _ => return Err(format!("-p {spec}: use [IP:][HOSTPORT:]CONTAINERPORT[/PROTOCOL] (an IPv6 address goes in brackets)")),
        }
    };
    let host_ip = match host_ip {
        None => String::new(),
        Some(ip) if ip.is_empty() => String::new(),
        Some(ip) => {
            let parsed: IpAddr = ip.parse().map_err(|_| format!("-p {spec}: {ip:?} is not an IP address"))?;
            if parsed.is_unspecified() && parsed.is_ipv4() { String::new() } else { parsed.to_string() }
        }
    };
    let (host, ctr) = match rest.split_once(':') {
        Some((h, c)) => (h, c),
        None => ("", rest.as_str()),
    };
    if ctr.is_empty() {
        return Err(format!("-p {spec}: the container port is missing"));
    }
    let (container_port, range) = parse_range(ctr, "container", "-p", spec)?;
    let host_port = if host.is_empty() {
        None
    } else {
        let (h, hlen) = parse_range(host, "host", "-p", spec)?;
        if hlen != range {
            return Err(format!("-p {spec}: the host port range and the container port range must have the same length"));
        }
        Some(h)
    };
    if container_port as u32 + range as u32 - 1 > 65535 || host_port.is_some_and(|h| h as u32 + range as u32 - 1 > 65535) {
        return Err(format!("-p {spec}: the range passes port 65535"));
    }
    Ok(protocols.into_iter().map(|protocol| PortRequest { host_ip: host_ip.clone(), host_port, container_port, range, protocol }).collect())
}

/// Parses an `--expose` value or an image's ExposedPorts key: `PORT[-PORT][/PROTO]`.
pub fn parse_expose(spec: &str) -> Result<Vec<PortRequest>, String> {
    let (ports, proto) = spec.split_once('/').unwrap_or((spec, "tcp"));
    let (container_port, range) = parse_range(ports, "exposed", "--expose", spec)?;
    let protocol = match proto.to_ascii_lowercase().as_str() {
        "tcp" => "tcp",
        "udp" => "udp",
        _ => return Err(format!("--expose {spec}: unknown protocol {proto:?} (tcp or udp)")),
    };
    Ok(vec![PortRequest { host_ip: String::new(), host_port: None, container_port, range, protocol }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(NetworkMode::parse("").unwrap(), NetworkMode::None);
        assert_eq!(NetworkMode::parse("host").unwrap(), NetworkMode::Host);
        assert_eq!(NetworkMode::parse("slirp4netns").unwrap(), NetworkMode::Slirp4netns(SlirpOptions::default()));
        let m = NetworkMode::parse("slirp4netns:allow_host_loopback=true,mtu=1500,cidr=10.5.0.9/16,enable_ipv6=true,port_handler=slirp4netns,outbound_addr=eth0").unwrap();
        let o = m.slirp().unwrap();
        assert!(o.allow_host_loopback && o.enable_ipv6);
        assert_eq!(o.port_handler, PortHandler::Slirp4netns);
        assert_eq!(NetworkMode::parse("slirp4netns:port_handler=rootlesskit").unwrap().slirp().unwrap().port_handler, PortHandler::Forwarder);
        assert_eq!(NetworkMode::parse("slirp4netns:port_handler=hutch").unwrap().slirp().unwrap().port_handler, PortHandler::Hutch);
        assert_eq!(o.mtu, 1500);
        assert_eq!(o.guest(), Ipv4Addr::new(10, 5, 0, 100));
        assert_eq!(o.dns(), Ipv4Addr::new(10, 5, 0, 3));
        assert_eq!(o.args(), ["--configure", "--mtu=1500", "--cidr=10.5.0.0/16", "--enable-ipv6", "--outbound-addr=eth0", "--enable-sandbox", "--enable-seccomp"]);
        assert_eq!(SlirpOptions::default().args(), ["--configure", "--mtu=65520", "--disable-host-loopback", "--enable-sandbox", "--enable-seccomp"]);
        let b = NetworkMode::parse("slirp4netns:bind_interface=eth0").unwrap();
        assert_eq!(b.slirp().unwrap().bind_interface.as_deref(), Some("eth0"));
        assert_eq!(NetworkMode::parse("slirp4netns:bind_interface=default").unwrap().slirp().unwrap().bind_interface.as_deref(), Some("default"));
        for bad in ["slirp4netns:bind_interface=lo", "slirp4netns:bind_interface=", "slirp4netns:bind_interface=a/b", "slirp4netns:bind_interface=abcdefghijklmnop",
            "slirp4netns:bind_interface=eth0,port_handler=rootlesskit", "slirp4netns:bind_interface=eth0,allow_host_loopback=true"] {
            assert!(NetworkMode::parse(bad).is_err(), "{bad}");
        }
        for bad in ["slirp4netns:mtu=0", "slirp4netns:foo=1", "slirp4netns:allow_host_loopback=yes", "slirp4netns:cidr=10.0.0.0/30",
            "slirp4netns:port_handler=x", "bridge", "pasta:--netns,/x", "pasta:-f", "container:", "container", "ns:rel/path", "ns:", "mynet", "host:x"] {
            assert!(NetworkMode::parse(bad).is_err(), "{bad}");
        }
        assert!(NetworkMode::parse("foo").unwrap_err().contains("no such network mode"));
        assert_eq!(NetworkMode::parse("pasta").unwrap(), NetworkMode::Pasta(vec![]));
        assert_eq!(NetworkMode::parse("container:web").unwrap(), NetworkMode::Container("web".into()));
        assert_eq!(NetworkMode::parse("ns:/run/netns/x").unwrap(), NetworkMode::Path("/run/netns/x".into()));
        assert_eq!(NetworkMode::parse("pasta:--mtu,1500").unwrap(), NetworkMode::Pasta(vec!["--mtu".into(), "1500".into()]));
        let ports = [
            PortRequest { host_ip: String::new(), host_port: Some(8080), container_port: 80, range: 1, protocol: "tcp" },
            PortRequest { host_ip: "127.0.0.1".into(), host_port: Some(9000), container_port: 90, range: 2, protocol: "tcp" },
        ];
        assert_eq!(pasta_args(&ports), ["--config-net", "--quiet", "-t", "8080:80", "-t", "127.0.0.1/9000-9001:90-91", "-u", "none", "-T", "none", "-U", "none", "--no-map-gw"]);
    }

    fn one(spec: &str) -> PortRequest {
        let mut v = parse_publish(spec).unwrap();
        assert_eq!(v.len(), 1, "{spec}");
        v.remove(0)
    }

    #[test]
    fn publish() {
        let p = one("8080:80");
        assert_eq!((p.host_ip.as_str(), p.host_port, p.container_port, p.range, p.protocol), ("", Some(8080), 80, 1, "tcp"));
        let p = one("80");
        assert_eq!((p.host_port, p.container_port), (None, 80));
        let p = one("127.0.0.1::53/udp");
        assert_eq!((p.host_ip.as_str(), p.host_port, p.container_port, p.protocol), ("127.0.0.1", None, 53, "udp"));
        let p = one("0.0.0.0:8080:80");
        assert_eq!(p.host_ip, "");
        let p = one("[::1]:8080:80");
        assert_eq!((p.host_ip.as_str(), p.host_port), ("::1", Some(8080)));
        let p = one("8000-8010:80-90");
        assert_eq!((p.host_port, p.container_port, p.range), (Some(8000), 80, 11));
        let p = one("80-82");
        assert_eq!((p.host_port, p.range), (None, 3));
        let v = parse_publish("5000:5000/tcp,udp").unwrap();
        assert_eq!(v.iter().map(|p| p.protocol).collect::<Vec<_>>(), ["tcp", "udp"]);
        for bad in ["", "8080:", "0:80", "80:70000", "8000-8001:80-90", "90-80", "1.2.3:80:80", "a:b:c:d", "80/sctp", "80/foo", "x:80", "[::1:80:80", "65535-65535:65534-65535"] {
            assert!(parse_publish(bad).is_err(), "{bad}");
        }
        assert!(parse_publish("8000-8001:80-90").unwrap_err().contains("same length"));
        let e = parse_expose("8000-8002/udp").unwrap();
        assert_eq!((e[0].container_port, e[0].range, e[0].protocol), (8000, 3, "udp"));
        assert!(parse_expose("80/x").is_err());
    }
}

