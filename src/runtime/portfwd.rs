//! The kernel side of hutch's own port handler: a process that holds the published ports'
//! sockets in the host's network namespace, then joins the container's user and network
//! namespaces, where it connects to the container's address *from the client's own address*
//! (IP_TRANSPARENT) and gets the answers back through policy routes on `lo`, one per
//! published container port range:
//!
//!     ip rule add from 10.0.2.100 ipproto tcp sport 80 iif lo lookup 210
//!     ip route add local 0.0.0.0/0 dev lo table 210
//!
//! (the container's server answers from its port to the client's address; the rule makes
//! that address local for those packets only, so they reach the forwarder's socket). The
//! container's other traffic, from other ports, routes as before. What runs the copy loop is
//! given as `serve` (it runs in the child, which never forks and never execs).

use anyhow::{anyhow, bail, Context, Result};
use std::io::{Read, Write};
use std::net::SocketAddrV4;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// The routing table hutch uses in the container's namespace for the answers.
const TABLE: u8 = 210;
/// Its rule's priority (before the main table's 32766).
const RULE_PRIORITY: u32 = 100;

/// The forwarding process; killed and reaped when dropped.
pub struct Forwarder {
    pid: i32,
}

impl Forwarder {
    /// Forks the forwarder for the container whose first process is `pid`: it closes every
    /// descriptor but stderr and `keep` (the listening sockets: a copy of the container's
    /// stdin or of a helper's exit pipe must not stay open here), enters the container's user
    /// and network namespaces, sets up the answer route, tells us it is ready, and runs
    /// `serve` until killed.
    pub fn start(pid: i32, keep: &[RawFd], answers: &[AnswerRule], serve: impl FnOnce() -> Result<()>) -> Result<Forwarder> {
        let netns = std::fs::File::open(format!("/proc/{pid}/ns/net")).context("opening the container's network namespace")?;
        // Its owner, which a container with a nested mapping does not run in.
        let userns = std::fs::File::from(crate::runtime::netns::owner(&netns).context("finding the owner of the container's network namespace")?);
        let mut keep = keep.to_vec();
        keep.extend([userns.as_raw_fd(), netns.as_raw_fd()]);
        Self::fork("the port forwarder", &keep, move || {
            enter(&userns, &netns, answers)?;
            drop((userns, netns));
            Ok(())
        }, serve)
    }

    /// A helper of the same kind that stays in our namespaces (the relay that serves the
    /// container's own clients of a handed port, or the host's loopback clients of one bound
    /// to an interface): `serve` with `keep` open, until killed.
    pub fn start_here(keep: &[RawFd], serve: impl FnOnce() -> Result<()>) -> Result<Forwarder> {
        Self::fork("the port relay", keep, || Ok(()), serve)
    }

    fn fork(what: &str, keep: &[RawFd], setup: impl FnOnce() -> Result<()>, serve: impl FnOnce() -> Result<()>) -> Result<Forwarder> {
        crate::runtime::launch::check_single_threaded()?;
        let (ready_r, ready_w) = crate::runtime::io::pipe()?;
        let parent = std::process::id() as i32;
        // SAFETY: this process is single-threaded (checked above): the child may run
        // ordinary code. It never returns from the match arm.
        let child = unsafe { libc::fork() };
        if child < 0 {
            return Err(anyhow!(std::io::Error::last_os_error()).context(format!("forking {what}")));
        }
        if child == 0 {
            drop(ready_r);
            // SAFETY: asks for SIGKILL when the supervisor dies, then makes sure it did not die
            // before that took effect; ignores SIGPIPE (a peer gone mid-splice is an error
            // return, not a death); lifts the soft descriptor limit to the hard one (each
            // connection holds two sockets and two pipes).
            unsafe {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
                libc::signal(libc::SIGPIPE, libc::SIG_IGN);
                let mut lim: libc::rlimit = std::mem::zeroed();
                if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
                    lim.rlim_cur = lim.rlim_max;
                    libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
                }
            }
            let mut keep = keep.to_vec();
            keep.extend([2, ready_w.as_raw_fd()]);
            close_all_but(&keep);
            let mut w = std::fs::File::from(ready_w);
            let code = match setup() {
                Ok(()) => {
                    let _ = w.write_all(b"1");
                    drop(w);
                    match serve() {
                        Ok(()) => 0,
                        Err(e) => {
                            eprintln!("hutch port forwarder: {e:#}");
                            1
                        }
                    }
                }
                Err(e) => {
                    let _ = w.write_all(format!("{e:#}").as_bytes());
                    1
                }
            };
            // SAFETY: ends the child without running the parent's exit handlers.
            unsafe { libc::_exit(code) };
        }
        drop(ready_w);
        let fwd = Forwarder { pid: child };
        let mut said = String::new();
        let _ = std::fs::File::from(ready_r).read_to_string(&mut said);
        match said.as_str() {
            "1" => Ok(fwd),
            "" => bail!("{what} ended before it was ready"),
            why => bail!("setting up {what} in the container's network namespace: {why}"),
        }
    }

    /// Stops it (the container has ended) and waits until it is gone, so that its ports are
    /// free when the exit is recorded (it is quick to go, unlike slirp4netns).
    pub fn kill(&mut self) {
        if self.pid > 0 {
            // SAFETY: signals, then reaps, our own child.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
                libc::waitpid(self.pid, std::ptr::null_mut(), 0);
            }
            self.pid = 0;
        }
    }
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Closes every open descriptor not in `keep` (in the forked child).
fn close_all_but(keep: &[RawFd]) {
    let open: Vec<RawFd> = match std::fs::read_dir("/proc/self/fd") {
        Ok(rd) => rd.flatten().filter_map(|e| e.file_name().to_str().and_then(|n| n.parse().ok())).collect(),
        Err(_) => return,
    };
    for fd in open.into_iter().filter(|fd| !keep.contains(fd)) {
        // SAFETY: closes a descriptor of this (child) process that nothing here uses; the
        // directory's own descriptor is already closed and is not in the list twice.
        unsafe { libc::close(fd) };
    }
}

/// Answers from `source`'s ports `ports` (a range) in protocol `proto` (libc::IPPROTO_*)
/// go back to the forwarder.
#[derive(Debug, Clone, Copy)]
pub struct AnswerRule {
    pub source: std::net::Ipv4Addr,
    pub proto: u8,
    pub ports: (u16, u16),
}

/// In the child: join the container's namespaces, add the answer routes.
fn enter(userns: &std::fs::File, netns: &std::fs::File, answers: &[AnswerRule]) -> Result<()> {
    // SAFETY: setns on fds we opened.
    if unsafe { libc::setns(userns.as_raw_fd(), libc::CLONE_NEWUSER) } < 0 {
        return Err(anyhow!(std::io::Error::last_os_error()).context("joining the container's user namespace"));
    }
    // SAFETY: as above.
    if unsafe { libc::setns(netns.as_raw_fd(), libc::CLONE_NEWNET) } < 0 {
        return Err(anyhow!(std::io::Error::last_os_error()).context("joining the container's network namespace"));
    }
    answer_route(answers)
}

/// For each answer rule `ip rule add from SOURCE ipproto PROTO sport A-B iif lo lookup 210
/// priority 100`, then `ip route add local 0.0.0.0/0 dev lo table 210`, over rtnetlink.
fn answer_route(answers: &[AnswerRule]) -> Result<()> {
    // SAFETY: a new netlink socket, which we own.
    let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, libc::NETLINK_ROUTE) };
    if fd < 0 {
        return Err(anyhow!(std::io::Error::last_os_error()).context("opening a netlink socket"));
    }
    // SAFETY: fd is new and ours.
    let sock = unsafe { OwnedFd::from_raw_fd(fd) };
    let lo = c"lo";
    // SAFETY: a NUL-terminated name.
    let lo_index = unsafe { libc::if_nametoindex(lo.as_ptr()) };
    if lo_index == 0 {
        bail!("the container has no `lo` interface");
    }
    let mut seq = 0;
    for a in answers {
        seq += 1;
        // struct fib_rule_hdr: family, dst_len, src_len, tos, table, res1, res2, action, flags.
        let mut rule = vec![libc::AF_INET as u8, 0, 32, 0, TABLE, 0, 0, 1 /* FR_ACT_TO_TBL */, 0, 0, 0, 0];
        attr(&mut rule, 2 /* FRA_SRC */, &a.source.octets());
        attr(&mut rule, 3 /* FRA_IIFNAME */, b"lo\0");
        attr(&mut rule, 6 /* FRA_PRIORITY */, &RULE_PRIORITY.to_ne_bytes());
        attr(&mut rule, 15 /* FRA_TABLE */, &(TABLE as u32).to_ne_bytes());
        attr(&mut rule, 22 /* FRA_IP_PROTO */, &[a.proto]);
        // struct fib_rule_port_range: start, end.
        let mut range = a.ports.0.to_ne_bytes().to_vec();
        range.extend_from_slice(&a.ports.1.to_ne_bytes());
        attr(&mut rule, 23 /* FRA_SPORT_RANGE */, &range);
        request(sock.as_raw_fd(), 32 /* RTM_NEWRULE */, &rule, seq).context("adding an answer rule (ip rule)")?;
    }
    // struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags.
    let mut route = vec![libc::AF_INET as u8, 0, 0, 0, TABLE, 3 /* RTPROT_BOOT */, 254 /* RT_SCOPE_HOST */, 2 /* RTN_LOCAL */, 0, 0, 0, 0];
    attr(&mut route, 4 /* RTA_OIF */, &lo_index.to_ne_bytes());
    attr(&mut route, 15 /* RTA_TABLE */, &(TABLE as u32).to_ne_bytes());
    request(sock.as_raw_fd(), 24 /* RTM_NEWROUTE */, &route, seq + 1).context("adding the answer route (ip route)")
}

/// Appends a netlink attribute (4-byte aligned).
fn attr(buf: &mut Vec<u8>, kind: u16, data: &[u8]) {
    let len = (4 + data.len()) as u16;
    buf.extend_from_slice(&len.to_ne_bytes());
    buf.extend_from_slice(&kind.to_ne_bytes());
    buf.extend_from_slice(data);
    while !buf.len().is_multiple_of(4) {
        buf.push(0);
    }
}

/// Sends one rtnetlink request and reads its acknowledgement.
fn request(fd: RawFd, kind: u16, body: &[u8], seq: u32) -> Result<()> {
    let flags: u16 = (libc::NLM_F_REQUEST | libc::NLM_F_ACK | libc::NLM_F_CREATE | libc::NLM_F_EXCL) as u16;
    let mut msg = Vec::with_capacity(16 + body.len());
    msg.extend_from_slice(&((16 + body.len()) as u32).to_ne_bytes());
    msg.extend_from_slice(&kind.to_ne_bytes());
    msg.extend_from_slice(&flags.to_ne_bytes());
    msg.extend_from_slice(&seq.to_ne_bytes());
    msg.extend_from_slice(&0u32.to_ne_bytes());
    msg.extend_from_slice(body);
    // SAFETY: sends our buffer on our socket (to the kernel: no address needed).
    if unsafe { libc::send(fd, msg.as_ptr().cast(), msg.len(), 0) } < 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    let mut reply = [0u8; 1024];
    // SAFETY: receives into our buffer.
    let n = unsafe { libc::recv(fd, reply.as_mut_ptr().cast(), reply.len(), 0) };
    if n < 20 {
        bail!("no answer from the kernel");
    }
    let kind = u16::from_ne_bytes([reply[4], reply[5]]);
    let error = i32::from_ne_bytes([reply[16], reply[17], reply[18], reply[19]]);
    if kind != libc::NLMSG_ERROR as u16 {
        bail!("unexpected netlink answer {kind}");
    }
    // EEXIST: set up already (a restart in the same namespace cannot happen, but harmless).
    if error != 0 && error != -libc::EEXIST {
        return Err(std::io::Error::from_raw_os_error(-error).into());
    }
    Ok(())
}

/// A TCP socket in this (the container's) namespace that connects from `client` (when it
/// can: else from the container's loopback), non-blocking.
pub fn transparent_socket(client: Option<SocketAddrV4>) -> Result<std::net::TcpStream> {
    transparent(libc::SOCK_STREAM, client).map(std::net::TcpStream::from)
}

/// The same for UDP: datagrams to the container's port go from `client`, and its answers,
/// routed back to this socket, come in here.
pub fn transparent_udp_socket(client: Option<SocketAddrV4>) -> Result<std::net::UdpSocket> {
    transparent(libc::SOCK_DGRAM, client).map(std::net::UdpSocket::from)
}

fn transparent(kind: libc::c_int, client: Option<SocketAddrV4>) -> Result<OwnedFd> {
    // SAFETY: a new socket, which we own.
    let fd = unsafe { libc::socket(libc::AF_INET, kind | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK, 0) };
    if fd < 0 {
        return Err(anyhow!(std::io::Error::last_os_error()).context("creating a socket in the container"));
    }
    // SAFETY: fd is new and ours.
    let sock = unsafe { OwnedFd::from_raw_fd(fd) };
    if let Some(c) = client {
        let one: libc::c_int = 1;
        let sa = libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: c.port().to_be(),
            sin_addr: libc::in_addr { s_addr: u32::from(*c.ip()).to_be() },
            sin_zero: [0; 8],
        };
        // SAFETY: setsockopt and bind with values on our stack. A failure (the client's
        // port already taken in the container) leaves the socket unbound: the container
        // then sees its loopback, which is still a connection.
        unsafe {
            if libc::setsockopt(sock.as_raw_fd(), libc::SOL_IP, libc::IP_TRANSPARENT, (&one as *const libc::c_int).cast(), 4) == 0 {
                libc::bind(sock.as_raw_fd(), (&sa as *const libc::sockaddr_in).cast(), std::mem::size_of::<libc::sockaddr_in>() as u32);
            }
        }
    }
    Ok(sock)
}

/// A pipe for splice(2) between two sockets, sized for large moves.
pub struct Pipe {
    r: OwnedFd,
    w: OwnedFd,
    size: usize,
}

impl Pipe {
    pub fn new(size: usize) -> Result<Pipe> {
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills two fds, which we then own.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } < 0 {
            return Err(anyhow!(std::io::Error::last_os_error()).context("creating a pipe"));
        }
        // SAFETY: new fds.
        let (r, w) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        // A bigger pipe where the limit allows (else the default 64 KiB).
        // SAFETY: fcntl on our fd.
        let got = unsafe { libc::fcntl(w.as_raw_fd(), libc::F_SETPIPE_SZ, size as libc::c_int) };
        let size = if got > 0 { got as usize } else { 65536 };
        Ok(Pipe { r, w, size })
    }

    /// Moves what `socket` has (up to the pipe's size) into the pipe: 0 at its end,
    /// WouldBlock when it has nothing now.
    pub fn fill_from(&self, socket: RawFd) -> std::io::Result<usize> {
        splice(socket, self.w.as_raw_fd(), self.size)
    }

    /// Moves up to `len` bytes from the pipe to `socket`; WouldBlock when it takes none now.
    pub fn drain_to(&self, socket: RawFd, len: usize) -> std::io::Result<usize> {
        splice(self.r.as_raw_fd(), socket, len)
    }
}

fn splice(from: RawFd, to: RawFd, len: usize) -> std::io::Result<usize> {
    // SAFETY: splice between fds we hold, no offsets.
    let n = unsafe { libc::splice(from, std::ptr::null_mut(), to, std::ptr::null_mut(), len, libc::SPLICE_F_MOVE | libc::SPLICE_F_NONBLOCK) };
    if n < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

/// Ends the writing half of a socket (the peer sees the end of the data).
pub fn shutdown_write(socket: RawFd) {
    // SAFETY: shutdown on a socket we hold.
    unsafe { libc::shutdown(socket, libc::SHUT_WR) };
}

/// A socket on `port` of every address of the host, IPv4 and IPv6 alike (`[::]` with
/// IPV6_V6ONLY off, as rootlessport listens); plain `0.0.0.0` where the host has no IPv6.
/// TCP sockets listen; UDP ones are bound.
pub fn bind_all(port: u16, udp: bool) -> std::io::Result<OwnedFd> {
    let kind = if udp { libc::SOCK_DGRAM } else { libc::SOCK_STREAM };
    let open = |family: libc::c_int| -> std::io::Result<OwnedFd> {
        // SAFETY: a new socket, which we own.
        let fd = unsafe { libc::socket(family, kind | libc::SOCK_CLOEXEC, 0) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: fd is new and ours.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    };
    let check = |r: libc::c_int| if r < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) };
    // As std's listeners: a port whose last connections linger in TIME_WAIT can be had again.
    let reuse = |s: &OwnedFd| -> std::io::Result<()> {
        let one: libc::c_int = 1;
        // SAFETY: an option on our stack, for our socket.
        check(unsafe { libc::setsockopt(s.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR, (&one as *const libc::c_int).cast(), 4) })
    };
    let six = open(libc::AF_INET6).and_then(|s| {
        if !udp {
            reuse(&s)?;
        }
        let zero: libc::c_int = 0;
        // SAFETY: sockaddr_in6 is plain data; all zeroes is the unspecified address.
        let mut sa: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
        sa.sin6_family = libc::AF_INET6 as libc::sa_family_t;
        sa.sin6_port = port.to_be();
        // SAFETY: option and address on our stack, for our socket.
        unsafe {
            check(libc::setsockopt(s.as_raw_fd(), libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, (&zero as *const libc::c_int).cast(), 4))?;
            check(libc::bind(s.as_raw_fd(), (&sa as *const libc::sockaddr_in6).cast(), std::mem::size_of::<libc::sockaddr_in6>() as u32))?;
        }
        Ok(s)
    });
    let s = match six {
        Ok(s) => s,
        // No IPv6 here: IPv4 alone.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EAFNOSUPPORT) | Some(libc::EADDRNOTAVAIL)) => {
            let s = open(libc::AF_INET)?;
            if !udp {
                reuse(&s)?;
            }
            let sa = libc::sockaddr_in { sin_family: libc::AF_INET as libc::sa_family_t, sin_port: port.to_be(), sin_addr: libc::in_addr { s_addr: 0 }, sin_zero: [0; 8] };
            // SAFETY: an address on our stack, for our socket.
            check(unsafe { libc::bind(s.as_raw_fd(), (&sa as *const libc::sockaddr_in).cast(), std::mem::size_of::<libc::sockaddr_in>() as u32) })?;
            s
        }
        Err(e) => return Err(e),
    };
    if !udp {
        // SAFETY: listen on our socket.
        check(unsafe { libc::listen(s.as_raw_fd(), 1024) })?;
    }
    Ok(s)
}
