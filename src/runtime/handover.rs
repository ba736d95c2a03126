//! Published ports handed to the container's server, the socket side (the policy is in
//! supervisor/handover.rs): what the container's listening socket is, and the host's socket
//! that takes its place, so that clients reach the server with no process in between.
//!
//! A socket of the host's network namespace in the container could be turned around to
//! connect to the host's loopback, which the container must not reach unless it is allowed
//! to (slirp4netns's `allow_host_loopback`): a connection accepted on a handed socket can be
//! disconnected (connect with AF_UNSPEC) and connected again anywhere. So where it is not
//! allowed, every handed socket, and every connection accepted on it, carries a socket filter,
//! locked (SO_LOCK_FILTER, which the container cannot undo), that drops incoming segments with
//! both SYN and ACK set: a connection the container opens never gets its handshake's answer;
//! those its clients open never receive one. Kernels from 6.17 or so refuse socket filters on
//! TCP sockets without CAP_NET_ADMIN in the host's namespace, which a rootless user lacks
//! (`guard_available` says whether this one takes it). Asked to (`bind_interface`; Linux 5.7
//! and later let a user), a handed socket is bound to one of the host's interfaces instead
//! (SO_BINDTODEVICE, which a user may set once but not change or clear): it and its
//! connections route through that interface alone, where the host's loopback addresses
//! (127.0.0.0/8, ::1) are not, so turned around they cannot reach them, as slirp4netns's own
//! connections for the container cannot (they reach what the host's addresses on that
//! interface serve, as those do). Its clients are those that arrive on that interface (the
//! host's own processes too, when they connect to its address); the others, on the loopback,
//! keep the forwarder's socket, which shares the port. The kernel's listener lookup scores a
//! socket bound to an interface 2 and an unbound one 1 (an IPv4 socket gets 1 more in an IPv4
//! lookup: the forwarder's is IPv6 and dual-stack where the host has IPv6, or, on one that has
//! not, IPv4 and beside an IPv4 socket), and a reuseport group found first is taken at once:
//! the forwarder's socket listened before it shared, so it has none, unless another program of
//! the same user joins the port with SO_REUSEPORT.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

const SO_NETNS_COOKIE: libc::c_int = 71;
const SO_LOCK_FILTER: libc::c_int = 44;
const SO_BINDTOIFINDEX: libc::c_int = 62;

/// What the container's socket is, as far as its replacement must match it.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    pub family: libc::c_int,
    /// Where the container bound it.
    pub local: SocketAddr,
    pub v6only: bool,
    pub reuseport: bool,
    pub nonblocking: bool,
    /// Its network namespace's cookie.
    pub netns: u64,
    /// Neither listening nor connected (TCP_CLOSE): what listen(2) turns into a listener.
    pub closed: bool,
}

fn check(r: libc::c_int) -> std::io::Result<()> {
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

fn get_int(fd: RawFd, level: libc::c_int, name: libc::c_int) -> std::io::Result<libc::c_int> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized option into our stack.
    check(unsafe { libc::getsockopt(fd, level, name, (&mut v as *mut libc::c_int).cast(), &mut len) })?;
    Ok(v)
}

fn set_int(fd: RawFd, level: libc::c_int, name: libc::c_int, v: libc::c_int) -> std::io::Result<()> {
    // SAFETY: an int-sized option from our stack.
    check(unsafe { libc::setsockopt(fd, level, name, (&v as *const libc::c_int).cast(), 4) })
}

/// The TCP state of `fd` (TCP_INFO's tcpi_state).
fn tcp_state(fd: RawFd) -> std::io::Result<u8> {
    // SAFETY: tcp_info is plain data, filled into our stack.
    let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: as above.
    check(unsafe { libc::getsockopt(fd, libc::IPPROTO_TCP, libc::TCP_INFO, (&mut info as *mut libc::tcp_info).cast(), &mut len) })?;
    Ok(info.tcpi_state)
}

/// The cookie of the network namespace `fd` (a socket) belongs to.
pub fn netns_cookie(fd: RawFd) -> std::io::Result<u64> {
    let mut v: u64 = 0;
    let mut len = 8 as libc::socklen_t;
    // SAFETY: a u64 option into our stack.
    check(unsafe { libc::getsockopt(fd, libc::SOL_SOCKET, SO_NETNS_COOKIE, (&mut v as *mut u64).cast(), &mut len) })?;
    Ok(v)
}

/// The cookie of this process's network namespace (the host's).
pub fn host_cookie() -> std::io::Result<u64> {
    let s = std::net::UdpSocket::bind("127.0.0.1:0").or_else(|_| std::net::UdpSocket::bind("[::1]:0"))?;
    netns_cookie(s.as_raw_fd())
}

/// The facts of `fd`, which must be a bound TCP socket.
pub fn facts(fd: RawFd) -> std::io::Result<Facts> {
    let not_tcp = || std::io::Error::from_raw_os_error(libc::ENOTSOCK);
    if get_int(fd, libc::SOL_SOCKET, libc::SO_TYPE)? != libc::SOCK_STREAM || get_int(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL)? != libc::IPPROTO_TCP {
        return Err(not_tcp());
    }
    let family = get_int(fd, libc::SOL_SOCKET, libc::SO_DOMAIN)?;
    // SAFETY: sockaddr_storage is plain data, filled by getsockname.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: our buffer and its length.
    check(unsafe { libc::getsockname(fd, (&mut ss as *mut libc::sockaddr_storage).cast(), &mut len) })?;
    let local = match family {
        libc::AF_INET => {
            // SAFETY: the kernel filled a sockaddr_in for an AF_INET socket.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in>() };
            SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(u32::from_be(a.sin_addr.s_addr)), u16::from_be(a.sin_port)))
        }
        libc::AF_INET6 => {
            // SAFETY: the kernel filled a sockaddr_in6 for an AF_INET6 socket.
            let a = unsafe { *(&ss as *const libc::sockaddr_storage).cast::<libc::sockaddr_in6>() };
            SocketAddr::V6(SocketAddrV6::new(Ipv6Addr::from(a.sin6_addr.s6_addr), u16::from_be(a.sin6_port), 0, a.sin6_scope_id))
        }
        _ => return Err(not_tcp()),
    };
    // SAFETY: F_GETFL on a descriptor we hold.
    let fl = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    Ok(Facts {
        family,
        local,
        v6only: family == libc::AF_INET6 && get_int(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY)? != 0,
        reuseport: get_int(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT)? != 0,
        nonblocking: fl >= 0 && fl & libc::O_NONBLOCK != 0,
        netns: netns_cookie(fd)?,
        closed: tcp_state(fd)? == 7, /* TCP_CLOSE */
    })
}

/// The address a socket of `like`'s family binds for host address `ip` (None: all of the
/// host's) and `port`; None where the family cannot have it (an IPv6 address for IPv4).
pub fn host_address(ip: Option<IpAddr>, port: u16, like: &Facts) -> Option<SocketAddr> {
    match (like.family, ip) {
        (libc::AF_INET, None) => Some(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))),
        (libc::AF_INET, Some(IpAddr::V4(a))) => Some(SocketAddr::from((a, port))),
        (libc::AF_INET6, None) => Some(SocketAddr::from((Ipv6Addr::UNSPECIFIED, port))),
        (libc::AF_INET6, Some(IpAddr::V6(a))) => Some(SocketAddr::from((a, port))),
        // An IPv4 address on an IPv6 socket: its mapped form, which needs V6ONLY off.
        (libc::AF_INET6, Some(IpAddr::V4(a))) if !like.v6only => Some(SocketAddr::from((a.to_ipv6_mapped(), port))),
        _ => None,
    }
}

/// What keeps a handed socket from reaching the host's loopback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Nothing: the container may reach the host's loopback anyway.
    Open,
    /// The answer filter, locked.
    Filter,
    /// Bound to the interface of `index` (never the loopback); `beside` the forwarder's
    /// socket, which shares the port (published on all of the host's addresses), or alone
    /// (on the interface's own address, where the clients arrive on that interface; those that
    /// reach the address through another are refused).
    Interface { index: u32, beside: bool },
}

/// A new listening socket of the host, bound at `addr`, made like the container's `from`
/// (family, IPv6-only, SO_REUSEPORT, blocking or not, the options a server sets before it
/// listens), with its `guard`.
pub fn host_listener(addr: SocketAddr, like: &Facts, from: RawFd, backlog: i32, guard: Guard) -> std::io::Result<OwnedFd> {
    // SAFETY: a new socket, which we own.
    let fd = unsafe { libc::socket(like.family, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) };
    check(fd)?;
    // SAFETY: fd is new and ours.
    let s = unsafe { OwnedFd::from_raw_fd(fd) };
    set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEADDR, 1)?;
    // Beside the forwarder's socket, it shares the port with it (`share_port`).
    let shares = matches!(guard, Guard::Interface { beside: true, .. });
    if like.reuseport || shares {
        set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT, 1)?;
    }
    if like.family == libc::AF_INET6 {
        set_int(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY, like.v6only as libc::c_int)?;
    }
    if let Guard::Interface { index, .. } = guard {
        set_int(fd, libc::SOL_SOCKET, SO_BINDTOIFINDEX, index as libc::c_int)?;
    }
    let (sa, len) = sockaddr(addr);
    // SAFETY: an address on our stack, of its length.
    check(unsafe { libc::bind(fd, (&sa as *const libc::sockaddr_storage).cast(), len) })?;
    if guard == Guard::Filter {
        lock_answer_filter(fd)?;
    }
    adopt(&s, like, from, backlog)?;
    if shares && !like.reuseport {
        // As the server made it (the port stays shared: the kernel keeps that with the port).
        set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT, 0)?;
    }
    Ok(s)
}

/// Lets a socket bound to an interface take `fd`'s port too (the forwarder's listener, bound
/// to no interface, which keeps the clients that arrive elsewhere).
pub fn share_port(fd: RawFd) -> std::io::Result<()> {
    set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT, 1)
}

/// Whether this kernel lets us bind a TCP socket to the interface of `index` (a user may
/// from Linux 5.7).
pub fn can_bind_to(index: u32) -> std::io::Result<()> {
    // SAFETY: a new socket (IPv4, else IPv6), which we own.
    let fd = unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        if fd >= 0 { fd } else { libc::socket(libc::AF_INET6, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0) }
    };
    check(fd)?;
    // SAFETY: fd is new and ours.
    let s = unsafe { OwnedFd::from_raw_fd(fd) };
    set_int(s.as_raw_fd(), libc::SOL_SOCKET, SO_BINDTOIFINDEX, index as libc::c_int)
}

/// Undoes `share_port` where no socket took the port beside `fd` after all.
pub fn unshare_port(fd: RawFd) -> std::io::Result<()> {
    set_int(fd, libc::SOL_SOCKET, libc::SO_REUSEPORT, 0)
}

/// Whether this kernel lets us lock the answer filter on a TCP socket of the host's.
pub fn guard_available() -> bool {
    std::net::TcpListener::bind("127.0.0.1:0").or_else(|_| std::net::TcpListener::bind("[::1]:0")).is_ok_and(|l| lock_answer_filter(l.as_raw_fd()).is_ok())
}

/// Makes the host's socket `s` (bound, and guarded already if it must be) ready to hand over
/// in place of `from`: its options and blocking mode, then listening.
pub fn adopt(s: &OwnedFd, like: &Facts, from: RawFd, backlog: i32) -> std::io::Result<()> {
    let fd = s.as_raw_fd();
    copy_options(from, fd);
    // SAFETY: F_GETFL/F_SETFL on our socket.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        let fl = if like.nonblocking { fl | libc::O_NONBLOCK } else { fl & !libc::O_NONBLOCK };
        check(libc::fcntl(fd, libc::F_SETFL, fl))?;
    }
    listen(fd, backlog)
}

/// Locks the answer filter on `fd` before it listens, so that no connection it accepts, ever,
/// lacks it (the forwarder's listeners get it when they are made: connections queued on one
/// before it is handed over go to the container too).
pub fn guard(fd: RawFd) -> std::io::Result<()> {
    lock_answer_filter(fd)
}

pub fn listen(fd: RawFd, backlog: i32) -> std::io::Result<()> {
    // SAFETY: listen on a socket we hold.
    check(unsafe { libc::listen(fd, backlog) })
}

/// The options a server sets on its listening socket that its connections inherit.
fn copy_options(from: RawFd, to: RawFd) {
    const INT_OPTIONS: [(libc::c_int, libc::c_int); 8] = [
        (libc::SOL_SOCKET, libc::SO_KEEPALIVE),
        (libc::SOL_SOCKET, libc::SO_OOBINLINE),
        (libc::IPPROTO_TCP, libc::TCP_NODELAY),
        (libc::IPPROTO_TCP, libc::TCP_KEEPIDLE),
        (libc::IPPROTO_TCP, libc::TCP_KEEPINTVL),
        (libc::IPPROTO_TCP, libc::TCP_KEEPCNT),
        (libc::IPPROTO_TCP, libc::TCP_USER_TIMEOUT),
        (libc::IPPROTO_TCP, libc::TCP_DEFER_ACCEPT),
    ];
    for (level, name) in INT_OPTIONS {
        if let Ok(v) = get_int(from, level, name) {
            let _ = set_int(to, level, name, v);
        }
    }
    let mut linger = libc::linger { l_onoff: 0, l_linger: 0 };
    let mut len = std::mem::size_of::<libc::linger>() as libc::socklen_t;
    // SAFETY: struct linger options on our stack.
    unsafe {
        if libc::getsockopt(from, libc::SOL_SOCKET, libc::SO_LINGER, (&mut linger as *mut libc::linger).cast(), &mut len) == 0 && linger.l_onoff != 0 {
            libc::setsockopt(to, libc::SOL_SOCKET, libc::SO_LINGER, (&linger as *const libc::linger).cast(), len);
        }
    }
}

/// Drops incoming TCP segments with SYN and ACK set (a classic BPF socket filter: the TCP
/// header's flags byte), locked so that neither the socket nor its connections can lose it.
fn lock_answer_filter(fd: RawFd) -> std::io::Result<()> {
    let prog = [
        libc::sock_filter { code: (libc::BPF_LD | libc::BPF_B | libc::BPF_ABS) as u16, jt: 0, jf: 0, k: 13 },
        libc::sock_filter { code: (libc::BPF_ALU | libc::BPF_AND | libc::BPF_K) as u16, jt: 0, jf: 0, k: 0x12 },
        libc::sock_filter { code: (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16, jt: 0, jf: 1, k: 0x12 },
        libc::sock_filter { code: (libc::BPF_RET | libc::BPF_K) as u16, jt: 0, jf: 0, k: 0 },
        libc::sock_filter { code: (libc::BPF_RET | libc::BPF_K) as u16, jt: 0, jf: 0, k: u32::MAX },
    ];
    let fprog = libc::sock_fprog { len: prog.len() as u16, filter: prog.as_ptr() as *mut libc::sock_filter };
    // SAFETY: the program outlives the call (the kernel copies it).
    check(unsafe { libc::setsockopt(fd, libc::SOL_SOCKET, libc::SO_ATTACH_FILTER, (&fprog as *const libc::sock_fprog).cast(), std::mem::size_of::<libc::sock_fprog>() as u32) })?;
    set_int(fd, libc::SOL_SOCKET, SO_LOCK_FILTER, 1)
}

fn sockaddr(addr: SocketAddr) -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: sockaddr_storage is plain data; the right variant is written below.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match addr {
        SocketAddr::V4(a) => {
            let sa = libc::sockaddr_in {
                sin_family: libc::AF_INET as libc::sa_family_t,
                sin_port: a.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from(*a.ip()).to_be() },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage is large enough for a sockaddr_in.
            unsafe { std::ptr::write((&mut ss as *mut libc::sockaddr_storage).cast(), sa) };
            std::mem::size_of::<libc::sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            let sa = libc::sockaddr_in6 {
                sin6_family: libc::AF_INET6 as libc::sa_family_t,
                sin6_port: a.port().to_be(),
                sin6_flowinfo: 0,
                sin6_addr: libc::in6_addr { s6_addr: a.ip().octets() },
                sin6_scope_id: a.scope_id(),
            };
            // SAFETY: sockaddr_storage is large enough for a sockaddr_in6.
            unsafe { std::ptr::write((&mut ss as *mut libc::sockaddr_storage).cast(), sa) };
            std::mem::size_of::<libc::sockaddr_in6>()
        }
    };
    (ss, len as libc::socklen_t)
}

/// Whether the TCP socket with `inode` still listens in this network namespace: a
/// sock_diag dump of the listening sockets alone (the kernel walks its listening table only,
/// where /proc/net/tcp lists every connection and can take milliseconds).
pub fn listener_alive(inode: u64) -> bool {
    // SAFETY: a new netlink socket, which we own.
    let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, libc::NETLINK_SOCK_DIAG) };
    if fd < 0 {
        // Cannot tell: say it listens (the caller then keeps what serves it).
        return true;
    }
    // SAFETY: fd is new and ours.
    let sock = unsafe { OwnedFd::from_raw_fd(fd) };
    [libc::AF_INET, libc::AF_INET6].iter().any(|&family| dump_has(&sock, family as u8, inode).unwrap_or(true))
}

/// Whether a dump of `family`'s listening TCP sockets has `inode`.
fn dump_has(sock: &OwnedFd, family: u8, inode: u64) -> std::io::Result<bool> {
    const SOCK_DIAG_BY_FAMILY: u16 = 20;
    const TCP_LISTEN: u32 = 10;
    // nlmsghdr (16) + inet_diag_req_v2 (family, protocol, ext, pad, states, inet_diag_sockid 48).
    let mut req = Vec::with_capacity(72);
    req.extend_from_slice(&72u32.to_ne_bytes());
    req.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    req.extend_from_slice(&((libc::NLM_F_REQUEST | libc::NLM_F_DUMP) as u16).to_ne_bytes());
    req.extend_from_slice(&[0u8; 8]);
    req.extend_from_slice(&[family, libc::IPPROTO_TCP as u8, 0, 0]);
    req.extend_from_slice(&(1u32 << TCP_LISTEN).to_ne_bytes());
    req.extend_from_slice(&[0u8; 48]);
    // SAFETY: sends our buffer to the kernel.
    if unsafe { libc::send(sock.as_raw_fd(), req.as_ptr().cast(), req.len(), 0) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut buf = vec![0u8; 32 * 1024];
    let mut found = false;
    loop {
        // SAFETY: receives into our buffer.
        let n = unsafe { libc::recv(sock.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut at = 0usize;
        let n = n as usize;
        while at + 16 <= n {
            let len = u32::from_ne_bytes(buf[at..at + 4].try_into().unwrap_or_default()) as usize;
            let kind = u16::from_ne_bytes([buf[at + 4], buf[at + 5]]);
            if kind == libc::NLMSG_DONE as u16 {
                return Ok(found);
            }
            if kind == libc::NLMSG_ERROR as u16 || len < 16 || at + len > n {
                return Err(std::io::Error::from_raw_os_error(libc::EIO));
            }
            // inet_diag_msg: family, state, timer, retrans (4), sockid (48), expires, rqueue,
            // wqueue, uid (16), inode (4).
            let msg = &buf[at + 16..at + len];
            if msg.len() >= 72 && u32::from_ne_bytes([msg[68], msg[69], msg[70], msg[71]]) as u64 == inode {
                found = true;
            }
            at += (len + 3) & !3;
        }
    }
}

/// The port in a sockaddr the container passed to bind (`bytes` as read from its memory).
pub fn port_of(bytes: &[u8]) -> Option<u16> {
    let family = u16::from_ne_bytes([*bytes.first()?, *bytes.get(1)?]) as libc::c_int;
    if family != libc::AF_INET && family != libc::AF_INET6 {
        return None;
    }
    Some(u16::from_be_bytes([*bytes.get(2)?, *bytes.get(3)?]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// Serves a client through a socket made as the supervisor makes it (with the guard, or
    /// without), then turns an accepted connection around to the host's loopback.
    fn hand_and_turn_around(guard: bool) {
        let theirs = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let f = facts(theirs.as_raw_fd()).unwrap();
        // std's listener listens already: not what listen(2) is called on.
        assert!(!f.closed);
        let f = Facts { closed: true, ..f };
        assert_eq!(f.family, libc::AF_INET);
        assert!(!f.nonblocking && !f.reuseport);
        assert_eq!(f.netns, host_cookie().unwrap());
        let addr = host_address(Some(IpAddr::V4(Ipv4Addr::LOCALHOST)), 0, &f).unwrap();
        let l = std::net::TcpListener::from(host_listener(addr, &f, theirs.as_raw_fd(), 16, if guard { Guard::Filter } else { Guard::Open }).unwrap());
        let port = l.local_addr().unwrap().port();
        let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let (mut a, _) = l.accept().unwrap();
        c.write_all(b"ping").unwrap();
        let mut buf = [0u8; 4];
        a.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"ping");
        // Turned around (disconnected, then connected elsewhere)...
        let victim = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        victim.set_nonblocking(true).unwrap();
        let unspec = libc::sockaddr { sa_family: libc::AF_UNSPEC as u16, sa_data: [0; 14] };
        // SAFETY: a disconnect, as the container could ask.
        assert_eq!(unsafe { libc::connect(a.as_raw_fd(), &unspec, std::mem::size_of::<libc::sockaddr>() as u32) }, 0);
        a.set_nonblocking(true).unwrap();
        let (v, len) = sockaddr(victim.local_addr().unwrap());
        // SAFETY: a connect attempt from the turned-around socket.
        unsafe { libc::connect(a.as_raw_fd(), (&v as *const libc::sockaddr_storage).cast(), len) };
        std::thread::sleep(std::time::Duration::from_millis(300));
        let reached = victim.accept().is_ok();
        if !guard {
            // ...it reaches the host's loopback: why ports are handed over without the guard
            // only to containers allowed to reach it.
            assert!(reached, "a turned-around connection should reach the loopback without the filter");
            return;
        }
        // ...it never completes, and the filter cannot come off.
        assert!(!reached, "the handshake completed");
        // SAFETY: tcp_info is plain data, filled into our stack.
        let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
        let mut len = std::mem::size_of::<libc::tcp_info>() as u32;
        // SAFETY: as above.
        unsafe { libc::getsockopt(a.as_raw_fd(), libc::IPPROTO_TCP, libc::TCP_INFO, (&mut info as *mut libc::tcp_info).cast(), &mut len) };
        assert_eq!(info.tcpi_state, 2 /* SYN_SENT */);
        // SAFETY: an option the kernel refuses.
        assert!(unsafe { libc::setsockopt(a.as_raw_fd(), libc::SOL_SOCKET, libc::SO_DETACH_FILTER, std::ptr::null(), 0) } < 0);
    }

    #[test]
    fn a_handed_socket_serves_clients_and_the_guard_stops_it_connecting_out() {
        hand_and_turn_around(false);
        if guard_available() {
            hand_and_turn_around(true);
            return;
        }
        // This kernel refuses the filter to this user (as on the host it must, then): the
        // guard is checked in a user and network namespace of our own, where we may set it.
        let me = std::env::current_exe().unwrap();
        let script = format!("ip link set lo up && exec {} --ignored --exact runtime::handover::tests::guard_in_a_namespace_of_our_own", me.display());
        let out = std::process::Command::new("unshare").args(["-Urn", "sh", "-c", &script]).output().expect("running unshare (util-linux)");
        assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"), "{}", String::from_utf8_lossy(&out.stdout));
    }

    #[test]
    #[ignore = "run by the test above, in a namespace of its own"]
    fn guard_in_a_namespace_of_our_own() {
        assert!(guard_available());
        hand_and_turn_around(true);
    }

    #[test]
    fn listeners_are_found_by_inode() {
        use std::os::unix::fs::MetadataExt;
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let inode = std::fs::File::from(OwnedFd::from(l.try_clone().unwrap())).metadata().unwrap().ino();
        let six = std::net::TcpListener::bind("[::1]:0").unwrap();
        let inode6 = std::fs::File::from(OwnedFd::from(six.try_clone().unwrap())).metadata().unwrap().ino();
        assert!(listener_alive(inode));
        assert!(listener_alive(inode6));
        drop((l, six));
        assert!(!listener_alive(inode));
        assert!(!listener_alive(inode6));
    }

    #[test]
    fn host_addresses_by_family() {
        let mut f = Facts { family: libc::AF_INET6, local: "[::]:80".parse().unwrap(), v6only: false, reuseport: false, nonblocking: false, netns: 0, closed: true };
        assert_eq!(host_address(None, 8080, &f), Some("[::]:8080".parse().unwrap()));
        assert_eq!(host_address(Some("127.0.0.1".parse().unwrap()), 8080, &f), Some("[::ffff:127.0.0.1]:8080".parse().unwrap()));
        f.v6only = true;
        assert_eq!(host_address(Some("127.0.0.1".parse().unwrap()), 8080, &f), None);
        f.family = libc::AF_INET;
        assert_eq!(host_address(Some("::1".parse().unwrap()), 8080, &f), None);
        assert_eq!(host_address(None, 8080, &f), Some("0.0.0.0:8080".parse().unwrap()));
    }

    #[test]
    fn ports_of_bind_addresses() {
        let (sa, len) = sockaddr("10.0.2.100:8080".parse().unwrap());
        // SAFETY: viewing our own storage as bytes.
        let bytes = unsafe { std::slice::from_raw_parts((&sa as *const libc::sockaddr_storage).cast::<u8>(), len as usize) };
        assert_eq!(port_of(bytes), Some(8080));
        assert_eq!(port_of(&[1, 0, 0, 0]), None);
    }
}
