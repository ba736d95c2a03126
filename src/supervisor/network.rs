//! The container's network, set up by its supervisor at every start: slirp4netns for the
//! container's own namespace, and the published ports forwarded through slirp4netns's API
//! socket (tokio). It lives as long as the container; a port that cannot be had fails the
//! start with a reason a user can act on.

use crate::error::exit_error;
use crate::plan::network::{NetworkMode, PortHandler, PortRequest};
use crate::runtime::portfwd::{AnswerRule, Forwarder};
use crate::supervisor::forwarder::{self, TcpPort, UdpPort};
use crate::runtime::pasta::Pasta;
use crate::runtime::io;
use crate::runtime::netns::NetnsTarget;
use crate::runtime::slirp::{Slirp4netns, API_SOCKET};
use crate::state::containers::{self as records, ContainerRecord, PortMapping, Status};
use crate::state::paths::Paths;
use anyhow::{anyhow, Context, Result};
use serde_json::{json, Value};
use std::net::Ipv4Addr;
use std::path::Path;

/// How long slirp4netns may take to answer one API request.
const API_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// A running network helper; dropping it stops the helper and frees the ports.
pub enum Network {
    /// slirp4netns, and hutch's forwarder when it handles TCP ports, with what the supervisor
    /// needs to hand those to the container's server.
    Slirp(Slirp4netns, Option<Forwarder>, Option<HandoverPorts>),
    Pasta(Pasta),
}

/// The published TCP ports' listening sockets (our copies of the forwarder's) and the
/// socket on which the forwarder takes requests to let one go (supervisor/handover.rs).
pub struct HandoverPorts {
    pub listeners: Vec<std::os::fd::OwnedFd>,
    pub control: std::os::unix::net::UnixStream,
}

/// How a container's published TCP ports are handed to its server, so that a handed socket
/// gives the container no more than it has (runtime/handover.rs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handing {
    /// As they are: the container may reach the host's loopback anyway (allow_host_loopback).
    Open,
    /// With the answer filter locked on them.
    Filtered,
    /// Bound to one of the host's interfaces (the one `bind_interface` names, or the one that
    /// holds the published host address); the clients that arrive elsewhere keep the
    /// forwarder's socket.
    Bound(String),
}

/// Whether, and how, the container's published TCP ports are handed to its server when it
/// listens: hutch's own port handler on slirp4netns.
pub fn handing(rec: &ContainerRecord) -> Option<Handing> {
    // Most containers publish nothing: nothing else to look at.
    if !rec.settings.ports.iter().any(|m| m.protocol != "udp") {
        return None;
    }
    let opts = NetworkMode::parse(&rec.settings.network).ok().and_then(|m| m.slirp().cloned())?;
    if opts.port_handler != PortHandler::Hutch {
        return None;
    }
    if opts.allow_host_loopback {
        return Some(Handing::Open);
    }
    if let Some(name) = opts.bind_interface {
        return Some(Handing::Bound(name));
    }
    crate::runtime::handover::guard_available().then_some(Handing::Filtered)
}

/// For `bind_interface=NAME`: the interfaces the ports will be bound to, which must be up
/// with an address when the container starts (NAME's for a port published on all of the
/// host's addresses, the one that holds the address for one published on it), and which this
/// kernel lets a user bind a socket to.
fn check_bind_interface(rec: &ContainerRecord, name: &str) -> Result<()> {
    let mut indexes = Vec::new();
    for m in rec.settings.ports.iter().filter(|m| m.protocol != "udp") {
        let index = match m.specific_host_ip() {
            // Not an address of this host: the port's bind says so.
            Some(ip) => crate::runtime::hostif::holding(ip).map(|i| i.index),
            None => Some(crate::runtime::hostif::chosen(name).ok_or_else(|| exit_error(125, if name == "default" {
                "bind_interface=default: this host has no default route to take the interface of: name an interface (`ip -br addr` lists them)".to_string()
            } else {
                format!("bind_interface={name}: no interface of that name is up with an address on this host (`ip -br addr` lists them)")
            }))?.index),
        };
        indexes.extend(index.filter(|i| !indexes.contains(i)));
    }
    for index in indexes {
        crate::runtime::handover::can_bind_to(index).map_err(|e| {
            exit_error(125, format!("bind_interface={name}: this kernel does not let a user bind a socket to an interface ({e}; Linux 5.7 and later do): publish without bind_interface"))
        })?;
    }
    Ok(())
}

impl Network {
    /// What the supervisor needs to hand ports over, taken out.
    pub fn take_handover(&mut self) -> Option<HandoverPorts> {
        match self {
            Network::Slirp(_, _, h) => h.take(),
            Network::Pasta(_) => None,
        }
    }

    /// Stops the helper at once (the container has ended), leaving its reaping to the drop.
    pub fn kill(&mut self) {
        match self {
            Network::Slirp(s, f, _) => {
                if let Some(f) = f {
                    f.kill();
                }
                s.kill()
            }
            Network::Pasta(p) => p.kill(),
        }
    }
}

/// Sets up the network of the container whose first process is `pid` (cloned, not yet
/// running its command); `dir` is its run directory. Nothing for `none` and `host`.
/// `handing`: how the container can take its TCP ports' host sockets (its handover filter's
/// listener comes to the supervisor).
pub fn start(paths: &Paths, rec: &ContainerRecord, dir: &Path, pid: i32, handing: Option<Handing>) -> Result<Option<Network>> {
    let ctx = Ctx { paths, me: &rec.id };
    let mode = NetworkMode::parse(&rec.settings.network).map_err(|e| exit_error(125, e))?;
    if let NetworkMode::Pasta(user) = &mode {
        return start_pasta(&ctx, rec, user, dir, pid).map(Some);
    }
    let Some(opts) = mode.slirp() else { return Ok(None) };
    if let Some(Handing::Bound(name)) = &handing {
        check_bind_interface(rec, name)?;
    }
    let mut args = opts.args();
    if let Some(mac) = rec.settings.mac_address.as_deref() {
        args.push(format!("--macaddress={mac}"));
    }
    // hutch's forwarder takes the ports: bound first, so a clash fails before anything runs.
    let (mine, through_slirp): (Vec<&PortMapping>, Vec<&PortMapping>) = rec.settings.ports.iter().partition(|_| opts.port_handler != PortHandler::Slirp4netns);
    let (mut tcp, mut udp) = (Vec::new(), Vec::new());
    for m in mine {
        for (h, c) in m.pairs() {
            // No host address: all of the host's, IPv6 ones too.
            let bound = match (m.protocol == "udp", m.host_ip.is_empty()) {
                (true, true) => crate::runtime::portfwd::bind_all(h, true).map(|fd| udp.push(UdpPort { socket: fd.into(), container_port: c })),
                (false, true) => crate::runtime::portfwd::bind_all(h, false).map(|fd| tcp.push(TcpPort { listener: fd.into(), container_port: c })),
                (true, false) => std::net::UdpSocket::bind((host_addr(m), h)).map(|s| udp.push(UdpPort { socket: s, container_port: c })),
                (false, false) => std::net::TcpListener::bind((host_addr(m), h)).map(|l| tcp.push(TcpPort { listener: l, container_port: c })),
            };
            if let Err(e) = bound {
                return Err(port_error(&ctx, host_addr(m), h, c, &m.protocol, &e.to_string()));
            }
        }
    }
    let slirp = Slirp4netns::start(Path::new("slirp4netns"), &args, pid, dir, &rec.id).map_err(tun_hint)?;
    if !through_slirp.is_empty() {
        let owned: Vec<PortMapping> = through_slirp.into_iter().cloned().collect();
        forward(&ctx, dir, opts.guest(), &owned)?;
    }
    use std::os::fd::AsRawFd;
    let (handover, control) = if handing.is_some() && !tcp.is_empty() {
        // Guarded from the start where the container may not reach the host's loopback: a
        // connection queued on one before it is handed over goes to the container too.
        if handing == Some(Handing::Filtered) {
            for p in &tcp {
                crate::runtime::handover::guard(p.listener.as_raw_fd()).context("guarding a published port's socket")?;
            }
        }
        let listeners = tcp.iter().map(|p| p.listener.try_clone().map(std::os::fd::OwnedFd::from)).collect::<std::io::Result<Vec<_>>>().context("keeping the published ports' sockets")?;
        let (control, theirs) = std::os::unix::net::UnixStream::pair().context("creating the forwarder's control socket")?;
        (Some(HandoverPorts { listeners, control }), Some(theirs))
    } else {
        (None, None)
    };
    let forwarder = if tcp.is_empty() && udp.is_empty() {
        None
    } else {
        let keep: Vec<i32> = tcp.iter().map(|l| l.listener.as_raw_fd()).chain(udp.iter().map(|u| u.socket.as_raw_fd())).chain(control.as_ref().map(|c| c.as_raw_fd())).collect();
        let answers: Vec<AnswerRule> = rec.settings.ports.iter().map(|m| AnswerRule {
            source: opts.guest(),
            proto: if m.protocol == "udp" { libc::IPPROTO_UDP as u8 } else { libc::IPPROTO_TCP as u8 },
            ports: (m.container_port, m.container_port + (m.range - 1)),
        }).collect();
        let guest = opts.guest();
        Some(Forwarder::start(pid, &keep, &answers, move || forwarder::serve(tcp, udp, guest, control))?)
    };
    Ok(Some(Network::Slirp(slirp, forwarder, handover)))
}

/// pasta binds the published ports itself: a port it could not have is found by trying them.
fn start_pasta(ctx: &Ctx, rec: &ContainerRecord, user: &[String], dir: &Path, pid: i32) -> Result<Network> {
    let requests: Vec<PortRequest> = rec.settings.ports.iter().map(|m| PortRequest {
        host_ip: m.host_ip.clone(),
        host_port: Some(m.host_port),
        container_port: m.container_port,
        range: m.range,
        protocol: if m.protocol == "udp" { "udp" } else { "tcp" },
    }).collect();
    let mut args = crate::plan::network::pasta_args(&requests);
    args.extend(user.iter().cloned());
    match Pasta::start(Path::new("pasta"), &args, pid, dir, &rec.id) {
        Ok(p) => Ok(Network::Pasta(p)),
        Err(e) => {
            for m in &rec.settings.ports {
                for (h, c) in m.pairs() {
                    if let Err(err) = try_bind(host_addr(m), h, &m.protocol) {
                        return Err(port_error(ctx, host_addr(m), h, c, &m.protocol, &err.to_string()));
                    }
                }
            }
            Err(e)
        }
    }
}

/// Binds `addr:port/proto` for a moment: whether it can be had now.
fn try_bind(addr: &str, port: u16, proto: &str) -> std::io::Result<()> {
    match proto {
        "udp" => std::net::UdpSocket::bind((addr, port)).map(drop),
        _ => std::net::TcpListener::bind((addr, port)).map(drop),
    }
}

/// For `--network container:ID`: the namespaces of that container's first process, checked
/// to be the very process its record names; for `ns:PATH`, that namespace and its owner.
/// `nested`: the joining container nests its user namespace in the one it joins, whose
/// mapping must then be the default one (the other container's own, or its outer one).
pub fn join_target(paths: &Paths, rec: &ContainerRecord, nested: bool) -> Result<Option<NetnsTarget>> {
    if let Some(path) = rec.settings.network.strip_prefix("ns:") {
        return NetnsTarget::at_path(Path::new(path)).map(Some).map_err(|e| {
            let hint = if format!("{e:#}").contains("Permission denied") { " (one of another user, or the host's own: that is --network host)" } else { "" };
            exit_error(125, format!("--network ns:{path}: {e:#}{hint}"))
        });
    }
    let Some(id) = rec.settings.network.strip_prefix("container:") else { return Ok(None) };
    let other = records::load(paths, id).map_err(|_| exit_error(125, format!(
        "the container whose network {} joins ({}) no longer exists: create {} again with another --network", rec.name, &id[..12.min(id.len())], rec.name)))?;
    let not_running = || exit_error(125, format!("container {} is not running: start it first ({} joins its network namespace)", other.name, rec.name));
    if other.live_status() != Status::Running {
        return Err(not_running());
    }
    if nested && own_mapping_with_caller(paths, &other.id) {
        return Err(exit_error(125, format!(
            "{} (--userns=nomap/auto, or a --uidmap without your id) cannot join the network of {}, whose user namespace has an id mapping of its own (keep-id or --uidmap): give {} the default mapping or a nested one too",
            rec.name, other.name, other.name
        )));
    }
    let (Some(pid), Some(start)) = (other.pid, other.pid_start) else { return Err(not_running()) };
    let target = NetnsTarget::of_process(pid).map_err(|_| not_running())?;
    // Opened, then checked: the namespaces are those of the container's own process.
    if records::process_start_time(pid) != Some(start) {
        return Err(not_running());
    }
    Ok(Some(target))
}

/// Whether the container's spec gives it a mapping of its own that maps the caller (not the
/// default one, not a nested one).
fn own_mapping_with_caller(paths: &Paths, id: &str) -> bool {
    let spec = std::fs::read(paths.container_dir(id).join(records::SPEC_FILE)).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    let ann = spec.as_ref().and_then(|s| s.get("annotations"));
    let has = |k: &str| ann.and_then(|a| a.get(k)).is_some();
    has(crate::plan::spec::ANN_USERNS_FUSE) && !has(crate::plan::spec::ANN_USERNS_NESTED_UIDS)
}

/// slirp4netns needs /dev/net/tun: say how to get it.
fn tun_hint(e: anyhow::Error) -> anyhow::Error {
    let text = format!("{e:#}");
    if text.contains("/dev/net/tun") {
        return exit_error(125, format!("{text}\nslirp4netns needs /dev/net/tun to be usable: as root, `modprobe tun` and make it mode 0666 (`chmod 0666 /dev/net/tun`), or use --network none or host"));
    }
    e
}

/// Forwards every published port to the container, then checks slirp4netns lists them all.
/// A current-thread runtime, made and dropped here: this process forks again later (a
/// restart), which needs it single-threaded.
fn forward(ctx: &Ctx, dir: &Path, guest: Ipv4Addr, ports: &[PortMapping]) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().context("starting the async runtime")?;
    rt.block_on(forward_all(ctx, dir, guest, ports))
}

fn host_addr(m: &PortMapping) -> &str {
    if m.host_ip.is_empty() { "0.0.0.0" } else { &m.host_ip }
}

async fn forward_all(ctx: &Ctx<'_>, dir: &Path, guest: Ipv4Addr, ports: &[PortMapping]) -> Result<()> {
    let mut wanted = Vec::new();
    for m in ports {
        for (h, c) in m.pairs() {
            let req = json!({"execute": "add_hostfwd", "arguments": {
                "proto": m.protocol, "host_addr": host_addr(m), "host_port": h,
                "guest_addr": guest.to_string(), "guest_port": c,
            }});
            if let Err(desc) = request(dir, &req).await? {
                return Err(port_error(ctx, host_addr(m), h, c, &m.protocol, &desc));
            }
            wanted.push((m.protocol.as_str(), host_addr(m), h, c));
        }
    }
    let list = request(dir, &json!({"execute": "list_hostfwd"})).await?.map_err(|d| anyhow!("slirp4netns list_hostfwd: {d}"))?;
    let entries = list.get("entries").and_then(Value::as_array).cloned().unwrap_or_default();
    for (proto, addr, h, c) in wanted {
        let listed = entries.iter().any(|e| {
            e.get("proto").and_then(Value::as_str) == Some(proto)
                && e.get("host_port").and_then(Value::as_u64) == Some(h as u64)
                && e.get("guest_port").and_then(Value::as_u64) == Some(c as u64)
        });
        if !listed {
            return Err(exit_error(125, format!("slirp4netns accepted {addr}:{h}/{proto} but does not list it: the port is not forwarded (it lists {})", Value::Array(entries.clone()))));
        }
    }
    Ok(())
}

/// Where the container starts from, for messages about the others.
struct Ctx<'a> {
    paths: &'a Paths,
    me: &'a str,
}

/// "container NAME (ID)" for another running container that publishes `port`/`proto`.
fn container_holding(ctx: &Ctx, port: u16, proto: &str) -> Option<String> {
    let all = records::list(ctx.paths).ok()?;
    all.iter()
        .filter(|r| r.id != ctx.me && r.live_status() == Status::Running)
        .find(|r| r.settings.ports.iter().any(|m| m.protocol == proto && m.pairs().any(|(h, _)| h == port)))
        .map(|r| format!("container {} ({})", r.name, r.short_id()))
}

/// One request on the API socket (one per connection): its `return`, or the `error` desc.
async fn request(dir: &Path, req: &Value) -> Result<std::result::Result<Value, String>> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let what = req.get("execute").and_then(Value::as_str).unwrap_or("request").to_string();
    let sock = io::connect_unix(dir, API_SOCKET).with_context(|| format!("connecting to slirp4netns's API socket in {}", dir.display()))?;
    sock.set_nonblocking(true).context("setting the API socket non-blocking")?;
    let mut s = tokio::net::UnixStream::from_std(sock).context("registering the API socket")?;
    let body = serde_json::to_vec(req).context("encoding the API request")?;
    let reply = tokio::time::timeout(API_TIMEOUT, async {
        s.write_all(&body).await?;
        s.shutdown().await?;
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).await?;
        Ok::<_, std::io::Error>(buf)
    })
    .await
    .map_err(|_| anyhow!("slirp4netns did not answer {what} within 5 s"))?
    .with_context(|| format!("slirp4netns {what}"))?;
    let v: Value = serde_json::from_slice(&reply).with_context(|| format!("slirp4netns's answer to {what}: {}", String::from_utf8_lossy(&reply)))?;
    if let Some(e) = v.get("error") {
        return Ok(Err(e.get("desc").and_then(Value::as_str).unwrap_or("refused").to_string()));
    }
    // add_hostfwd answers {"return": ...}; list_hostfwd answers {"entries": [...]} bare.
    Ok(Ok(v.get("return").cloned().unwrap_or(v)))
}

/// Why `addr:port/proto` could not be published, found by trying to bind it ourselves.
fn port_error(ctx: &Ctx, addr: &str, port: u16, ctr: u16, proto: &str, desc: &str) -> anyhow::Error {
    use std::io::ErrorKind as K;
    let why = match try_bind(addr, port, proto) {
        Err(e) if e.kind() == K::AddrInUse => {
            let who = container_holding(ctx, port, proto).or_else(|| crate::supervisor::ports::holder(port, proto)).map(|h| format!(" by {h}")).unwrap_or_default();
            format!("the port is already in use{who}: publish another host port (`-p OTHER:{ctr}`), or leave the host port out to get a free one")
        }
        Err(e) if e.kind() == K::PermissionDenied => {
            let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start").map(|s| s.trim().to_string()).unwrap_or_else(|_| "1024".into());
            format!("ports below {start} are privileged (net.ipv4.ip_unprivileged_port_start = {start}): publish port {start} or higher, or let users bind it, as root: `sysctl -w net.ipv4.ip_unprivileged_port_start={port}`")
        }
        Err(e) if e.kind() == K::AddrNotAvailable => format!("{addr} is not an address of this host"),
        Err(e) => e.to_string(),
        Ok(()) => format!("slirp4netns refused it: {desc}"),
    };
    exit_error(125, format!("cannot publish {addr}:{port}/{proto}: {why}"))
}
