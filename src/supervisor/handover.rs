//! Published TCP ports handed to the container's server (`port_handler=hutch`, the default):
//! when a process of the container calls listen(2) on a socket bound to a published port (on
//! all of its addresses, or the container's own), the supervisor puts a listening socket of
//! the host's in its place, bound to the published host port. Clients then connect to the
//! server with nothing in between: the data goes through one TCP stack, as a direct
//! connection's would, and the server sees each client's own address. Until a server listens,
//! and for UDP, the forwarder serves the port as before; it lets go of a port as it is handed
//! over. Where the handed socket is bound to the host's interface (`bind_interface`), the forwarder's
//! socket stays beside it, for the clients that arrive elsewhere (the host's loopback), served
//! by a helper of the supervisor's that passes them to the server through the interface's
//! address.
//!
//! What the container's own processes see: the server's socket names the host's address and
//! port (getsockname); its clients inside the container (localhost, the container's address,
//! and containers that share its network) reach it through a relay that listens in the
//! container's namespace on the socket the server bound, and connects to the host port: they
//! show to the server as the host's loopback. Processes started by `exec` keep their own
//! sockets (the filter is the first process's), served by the forwarder.
//!
//! Why this is safe: see runtime/handover.rs (a handed socket cannot connect out, or only
//! through an interface that does not lead to the host's loopback, or the container may reach
//! the host's loopback anyway) and seccomp::handover_program (no data before a handshake).

use crate::runtime::handover::{self as sockets, Facts, Guard};
use crate::runtime::hostif;
use crate::runtime::portfwd::Forwarder;
use crate::runtime::usernotif::{self, Listener, Request};
use crate::state::containers::ContainerRecord;
use crate::supervisor::forwarder::Target;
use crate::supervisor::network::{Handing, HandoverPorts};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::fs::MetadataExt;

/// A published TCP port: the container's port, and the host's address (None: all) and port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Route {
    container_port: u16,
    host_ip: Option<IpAddr>,
    host_port: u16,
}

/// A relay serving the container's own clients of a handed port.
struct Relay {
    container_port: u16,
    /// The inode of the host socket the server got: the relay has served its turn once that
    /// no longer listens.
    handed: u64,
    _helper: Forwarder,
}

pub struct Handover {
    listener: Listener,
    routes: Vec<Route>,
    /// Our copies of the forwarder's listening sockets, by host port, until handed or closed.
    reserved: Vec<(u16, OwnedFd)>,
    control: Option<std::os::unix::net::UnixStream>,
    /// Host ports the forwarder has let go of.
    released: Vec<u16>,
    host_netns: u64,
    /// How handed sockets are kept from the host's loopback.
    handing: Handing,
    relays: Vec<Relay>,
    /// Where handed sockets are bound to an interface: by host port, what serves the clients
    /// that arrive elsewhere on the forwarder's socket (let go of by the forwarder; our copy
    /// stays in `reserved`), and where it sends them.
    beside: Vec<(u16, Target, Forwarder)>,
}

/// The container ports published once over TCP, on a host port published once (a port
/// published on two host ports stays with the forwarder: one socket cannot be in two places;
/// nor does one of two host addresses with the same port go).
fn routes(rec: &ContainerRecord) -> Vec<Route> {
    let all: Vec<Route> = rec
        .settings
        .ports
        .iter()
        .filter(|m| m.protocol != "udp")
        .flat_map(|m| {
            let ip = m.specific_host_ip();
            m.pairs().map(move |(h, c)| Route { container_port: c, host_ip: ip, host_port: h })
        })
        .collect();
    let once = |r: &Route| all.iter().filter(|o| o.container_port == r.container_port || o.host_port == r.host_port).count() == 1;
    all.iter().filter(|r| once(r)).copied().collect()
}

impl Handover {
    /// Serves the container's calls on `listener`, handing ports over as `handing` says;
    /// without `ports` (or where this host cannot tell its own network namespace), it lets
    /// every call go on as it would.
    pub fn new(listener: OwnedFd, rec: &ContainerRecord, handing: Option<Handing>, ports: Option<HandoverPorts>) -> Handover {
        let host_netns = sockets::host_cookie().ok();
        let (ports, control) = match ports.filter(|_| host_netns.is_some() && handing.is_some()) {
            Some(p) => {
                let _ = p.control.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                let reserved = p.listeners.into_iter().filter_map(|l| sockets::facts(l.as_raw_fd()).ok().map(|f| (f.local.port(), l))).collect();
                ((routes(rec), reserved), Some(p.control))
            }
            None => ((Vec::new(), Vec::new()), None),
        };
        Handover {
            listener: Listener::new(listener),
            routes: ports.0,
            reserved: ports.1,
            control,
            released: Vec::new(),
            host_netns: host_netns.unwrap_or(0),
            // Without it there are no routes: nothing is handed over.
            handing: handing.unwrap_or(Handing::Filtered),
            relays: Vec::new(),
            beside: Vec::new(),
        }
    }

    /// What to poll for the container's calls.
    pub fn fd(&self) -> RawFd {
        self.listener.fd()
    }

    /// Answers one waiting call.
    pub fn on_wake(&mut self) {
        let Ok(req) = self.listener.recv() else { return };
        match req.syscall {
            libc::SYS_listen if self.hand_over(&req) => {}
            libc::SYS_bind => {
                self.retire_relay(&req);
                self.listener.proceed(req.id);
            }
            _ => self.listener.proceed(req.id),
        }
    }

    /// Hands the host's socket over for a listen(2) on a published port; false where the call
    /// is the kernel's to carry out.
    fn hand_over(&mut self, req: &Request) -> bool {
        // The backlog as given: the kernel caps it (a negative one means its maximum).
        let (fd, backlog) = (req.args[0] as i32, req.args[1] as i32);
        let Ok(theirs) = usernotif::copy_fd(req.pid, fd) else { return false };
        let Ok(f) = sockets::facts(theirs.as_raw_fd()) else { return false };
        // Already the host's (a second listen), passed in from outside, listening already or
        // connected (the kernel answers those), or not published.
        if f.netns == self.host_netns || !f.closed || !published_address(f.local.ip()) {
            return false;
        }
        let Some(route) = self.routes.iter().find(|r| r.container_port == f.local.port()).copied() else { return false };
        let Some(addr) = sockets::host_address(route.host_ip, route.host_port, &f) else { return false };
        let Some((guard, reach)) = self.guard_for(&route, addr, &f) else { return false };
        // Gone or interrupted meanwhile: nothing is taken from the forwarder for it.
        if !self.listener.waiting(req.id) {
            return false;
        }
        // Beside the forwarder's socket, the bound one is made first: where it cannot be, the
        // forwarder keeps serving the port as before.
        let beside = matches!(guard, Guard::Interface { beside: true, .. });
        let early = if beside {
            match self.bound_beside(route.host_port, addr, &f, theirs.as_raw_fd(), backlog, guard) {
                Ok(s) => Some(s),
                Err(e) => {
                    eprintln!("hutch: cannot listen on {addr} for the container's port {}: {e}; the port forwarder keeps serving it", route.container_port);
                    return false;
                }
            }
        } else {
            None
        };
        if !self.released.contains(&route.host_port) {
            if let Err(e) = self.release(route.host_port) {
                // Out of step with the forwarder: no more handovers for this run.
                self.control = None;
                eprintln!("hutch: the port forwarder did not let go of port {}: {e}; it keeps serving the container's ports", route.host_port);
                if early.is_some() && self.beside.iter().all(|(p, _, _)| *p != route.host_port) {
                    if let Some((_, s)) = self.reserved.iter().find(|(p, _)| *p == route.host_port) {
                        let _ = sockets::unshare_port(s.as_raw_fd());
                    }
                }
                return false;
            }
            self.released.push(route.host_port);
        }
        let host = match early {
            Some(s) => Ok(s),
            None => self.host_socket(&route, addr, &f, theirs.as_raw_fd(), backlog, guard),
        };
        if beside {
            self.serve_beside(route.host_port, reach);
        }
        let host = match host {
            Ok(s) => s,
            Err(e) => {
                eprintln!("hutch: cannot listen on {addr} for the container's port {}: {e}; it is not published until its server listens again", route.container_port);
                return false;
            }
        };
        let cloexec = usernotif::fd_cloexec(req.pid, fd);
        if self.listener.place_fd(req.id, host.as_raw_fd(), fd, cloexec).is_err() {
            // The caller is gone (or was interrupted and will call again).
            return false;
        }
        let _ = self.listener.answer(req.id, 0, 0);
        let handed = std::fs::File::from(host).metadata().map(|m| m.ino()).unwrap_or(0);
        // One relay per port (a server of SO_REUSEPORT sockets gets one for the first that is
        // still listening): the others' sockets just close here.
        self.relays.retain(|r| r.container_port != route.container_port || sockets::listener_alive(r.handed));
        if self.relays.iter().all(|r| r.container_port != route.container_port) && sockets::listen(theirs.as_raw_fd(), backlog).is_ok() {
            let target = reach;
            let keep = [theirs.as_raw_fd()];
            let listener = std::net::TcpListener::from(theirs);
            match Forwarder::start_here(&keep, move || crate::supervisor::forwarder::serve_local(listener, target, handed)) {
                Ok(helper) => self.relays.push(Relay { container_port: route.container_port, handed, _helper: helper }),
                Err(e) => eprintln!("hutch: the container's own clients cannot reach its port {}: {e:#}", route.container_port),
            }
        }
        true
    }

    /// The guard of the host's socket for `route` (at `addr`, made like `f`), and where the
    /// host's own processes reach it (the relays); None where it cannot be bound to an
    /// interface that has an address of its family.
    fn guard_for(&self, route: &Route, addr: SocketAddr, f: &Facts) -> Option<(Guard, Target)> {
        match &self.handing {
            Handing::Open => Some((Guard::Open, Target::Fixed(local_target(addr)))),
            Handing::Filtered => Some((Guard::Filter, Target::Fixed(local_target(addr)))),
            Handing::Bound(name) => {
                let interface = match route.host_ip {
                    Some(ip) => hostif::holding(ip),
                    None => hostif::chosen(name),
                }?;
                let takes_v4 = f.family == libc::AF_INET || !f.v6only;
                let takes_v6 = f.family == libc::AF_INET6;
                let ip = interface.reach(route.host_ip, takes_v4, takes_v6)?;
                let reach = match route.host_ip {
                    Some(_) => Target::Fixed(SocketAddr::new(ip, route.host_port)),
                    None => Target::Interface { index: interface.index, v4: takes_v4, v6: takes_v6, port: route.host_port },
                };
                Some((Guard::Interface { index: interface.index, beside: route.host_ip.is_none() }, reach))
            }
        }
    }

    /// A socket bound to an interface, sharing `port` with the forwarder's socket (which then
    /// serves the other clients, `serve_beside`); where it cannot be made, the forwarder's
    /// socket is left as it was.
    fn bound_beside(&mut self, port: u16, addr: SocketAddr, f: &Facts, theirs: RawFd, backlog: i32, guard: Guard) -> std::io::Result<OwnedFd> {
        let Some(shared) = self.reserved.iter().find(|(p, _)| *p == port).map(|(_, s)| s.as_raw_fd()) else {
            return Err(std::io::ErrorKind::NotFound.into());
        };
        let first = self.beside.iter().all(|(p, _, _)| *p != port);
        if first {
            sockets::share_port(shared)?;
        }
        sockets::host_listener(addr, f, theirs, backlog, guard).inspect_err(|_| {
            if first {
                let _ = sockets::unshare_port(shared);
            }
        })
    }

    /// The host's socket for `route`: the forwarder's own when it is already the right kind,
    /// else a new one (the forwarder's is closed first, which frees the port).
    fn host_socket(&mut self, route: &Route, addr: SocketAddr, f: &Facts, theirs: RawFd, backlog: i32, guard: Guard) -> std::io::Result<OwnedFd> {
        if let Some(i) = self.reserved.iter().position(|(p, _)| *p == route.host_port) {
            let (_, s) = self.reserved.swap_remove(i);
            let same = sockets::facts(s.as_raw_fd()).is_ok_and(|r| r.family == f.family && r.v6only == f.v6only && r.local == addr);
            if same && !f.reuseport && !matches!(guard, Guard::Interface { .. }) {
                sockets::adopt(&s, f, theirs, backlog)?;
                return Ok(s);
            }
        }
        sockets::host_listener(addr, f, theirs, backlog, guard)
    }

    /// The forwarder's socket of `port`, let go of by the forwarder, serves the clients that
    /// do not arrive on the handed socket's interface: they reach the server at `target`.
    /// Started once per port and target (the socket stays as it is while servers come and go;
    /// a server handed a socket on another interface gets a new helper).
    fn serve_beside(&mut self, port: u16, target: Target) {
        if self.beside.iter().any(|(p, t, _)| *p == port && *t == target) {
            return;
        }
        // Dropped, the old helper is killed.
        self.beside.retain(|(p, _, _)| *p != port);
        let Some(s) = self.reserved.iter().find(|(p, _)| *p == port).and_then(|(_, s)| s.try_clone().ok()) else { return };
        let keep = [s.as_raw_fd()];
        let listener = std::net::TcpListener::from(s);
        match Forwarder::start_here(&keep, move || crate::supervisor::forwarder::serve_beside(listener, target)) {
            Ok(helper) => self.beside.push((port, target, helper)),
            Err(e) => eprintln!("hutch: port {port} no longer serves the host's loopback: {e:#}"),
        }
    }

    /// Asks the forwarder to close its listener on `port`, and waits until it has.
    fn release(&mut self, port: u16) -> std::io::Result<()> {
        let Some(c) = self.control.as_mut() else { return Err(std::io::ErrorKind::NotConnected.into()) };
        c.write_all(&port.to_be_bytes())?;
        let mut ack = [0u8; 1];
        c.read_exact(&mut ack)
    }

    /// A bind(2) to a port whose server has closed the socket it was handed: the relay that
    /// holds the port in the container goes, so that the port can be bound again.
    fn retire_relay(&mut self, req: &Request) {
        if self.relays.is_empty() {
            return;
        }
        let len = (req.args[2] as usize).min(std::mem::size_of::<libc::sockaddr_in6>());
        let Some(port) = usernotif::read_memory(req.pid, req.args[1], len).ok().and_then(|b| sockets::port_of(&b)) else { return };
        self.relays.retain(|r| r.container_port != port || sockets::listener_alive(r.handed));
    }
}

/// Whether a server bound at `ip` in the container is published: all addresses, or the
/// container's own; not its loopback (as with the forwarder).
fn published_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => !a.is_loopback(),
        IpAddr::V6(a) => !a.is_loopback() && a.to_ipv4_mapped().is_none_or(|m| !m.is_loopback()),
    }
}

/// Where the relay reaches a host socket bound at `addr`.
fn local_target(addr: SocketAddr) -> SocketAddr {
    match addr {
        SocketAddr::V4(a) if a.ip().is_unspecified() => SocketAddr::from((Ipv4Addr::LOCALHOST, a.port())),
        SocketAddr::V6(a) if a.ip().is_unspecified() => SocketAddr::from((Ipv6Addr::LOCALHOST, a.port())),
        SocketAddr::V6(a) => match a.ip().to_ipv4_mapped() {
            Some(v4) => SocketAddr::from((v4, a.port())),
            None => addr,
        },
        a => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relays_reach_the_host_socket() {
        assert_eq!(local_target("0.0.0.0:8080".parse().unwrap()), "127.0.0.1:8080".parse().unwrap());
        assert_eq!(local_target("[::]:8080".parse().unwrap()), "[::1]:8080".parse().unwrap());
        assert_eq!(local_target("[::ffff:192.0.2.1]:8080".parse().unwrap()), "192.0.2.1:8080".parse().unwrap());
        assert_eq!(local_target("192.0.2.1:8080".parse().unwrap()), "192.0.2.1:8080".parse().unwrap());
    }

    #[test]
    fn loopback_servers_are_not_published() {
        assert!(published_address("0.0.0.0".parse().unwrap()));
        assert!(published_address("::".parse().unwrap()));
        assert!(published_address("10.0.2.100".parse().unwrap()));
        assert!(!published_address("127.0.0.1".parse().unwrap()));
        assert!(!published_address("::1".parse().unwrap()));
        assert!(!published_address("::ffff:127.0.0.1".parse().unwrap()));
    }
}
