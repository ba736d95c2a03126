//! hutch's own port handler, the loops: accept on the host's published TCP ports, connect
//! inside the container from the client's address (runtime/portfwd.rs), and copy both ways;
//! relay UDP datagrams per client the same way; let go of a port the supervisor hands to the
//! container's server (handover.rs). It runs in the forwarder process (in the container's
//! namespaces), on a tokio current-thread runtime: that process never forks. The same copy
//! loop serves a handed port's relay (`serve_local`, in a process of its own that stays in
//! the host's namespaces).

use crate::runtime::portfwd;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Bytes buffered per direction of a connection: large copies mean few system calls.
const BUFFER: usize = 256 * 1024;

/// A published TCP port: its listening socket (bound on the host) and the container's port.
pub struct TcpPort {
    pub listener: std::net::TcpListener,
    pub container_port: u16,
}

/// A published UDP port: its socket (bound on the host) and the container's port.
pub struct UdpPort {
    pub socket: std::net::UdpSocket,
    pub container_port: u16,
}

/// At most this many UDP clients at once per published port (new ones wait for a free slot).
const UDP_MAX_SESSIONS: usize = 4096;

/// How long a UDP client's session lasts without datagrams either way.
const UDP_IDLE: Duration = Duration::from_secs(60);

/// Serves `tcp` and `udp` until the process is killed.
/// `guest` is the container's address, which the forwarder connects to (as rootlessport does:
/// a server the container binds to its loopback only is not published). On `control`, the
/// supervisor names host ports (two bytes each) to stop accepting on, because it hands them to
/// the container's server (supervisor/handover.rs); each is answered with one byte once the
/// listener is closed here.
pub fn serve(tcp: Vec<TcpPort>, udp: Vec<UdpPort>, guest: Ipv4Addr, control: Option<std::os::unix::net::UnixStream>) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().context("starting the async runtime")?;
    rt.block_on(async move {
        let mut accepting = HashMap::new();
        for p in tcp {
            let port = p.listener.local_addr().map(|a| a.port()).unwrap_or(0);
            p.listener.set_nonblocking(true).context("setting a listener non-blocking")?;
            let l = tokio::net::TcpListener::from_std(p.listener).context("registering a listener")?;
            let target = SocketAddrV4::new(guest, p.container_port);
            accepting.insert(port, tokio::spawn(accept_loop(l, move |peer| async move {
                let inner = portfwd::transparent_socket(client_v4(peer)).ok()?;
                tokio::net::TcpSocket::from_std_stream(inner).connect(SocketAddr::V4(target)).await.ok()
            })));
        }
        for p in udp {
            p.socket.set_nonblocking(true).context("setting a UDP socket non-blocking")?;
            let s = tokio::net::UdpSocket::from_std(p.socket).context("registering a UDP socket")?;
            tokio::spawn(udp_loop(Arc::new(s), SocketAddrV4::new(guest, p.container_port)));
        }
        if let Some(c) = control {
            c.set_nonblocking(true).context("setting the control socket non-blocking")?;
            let c = tokio::net::UnixStream::from_std(c).context("registering the control socket")?;
            tokio::spawn(release_on_request(c, accepting));
        }
        // It lives as long as the container: once set up, give back the pages it inherited
        // from the supervisor or touched starting, which it does not use while it waits.
        tokio::task::yield_now().await;
        crate::runtime::io::trim_resident();
        std::future::pending::<()>().await;
        Ok(())
    })
}

/// Closes the listeners the supervisor names on `c`, answering each once it is closed.
async fn release_on_request(mut c: tokio::net::UnixStream, mut accepting: HashMap<u16, tokio::task::JoinHandle<()>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut port = [0u8; 2];
    while c.read_exact(&mut port).await.is_ok() {
        if let Some(task) = accepting.remove(&u16::from_be_bytes(port)) {
            task.abort();
            // Dropped (and its listener closed) once the aborted task is done.
            let _ = task.await;
        }
        if c.write_all(&[1]).await.is_err() {
            return;
        }
    }
}

/// The relay for a port handed to the container's server: the container's own clients of
/// that port (on `listener`, in its namespace) reach the server at `target`, on the host,
/// while the socket the server was handed (`handed`, its inode) listens: once it has closed,
/// whatever else takes the port on the host is none of the container's business.
pub fn serve_local(listener: std::net::TcpListener, target: Target, handed: u64) -> Result<()> {
    let target = Arc::new(Resolver::new(target));
    relay_all(listener, move |_| {
        let target = target.clone();
        async move {
            if !crate::runtime::handover::listener_alive(handed) {
                return None;
            }
            tokio::net::TcpStream::connect(target.now()?).await.ok()
        }
    })
}

/// Where a relay of a handed port connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Fixed(SocketAddr),
    /// `port` at the address the interface of `index` has now (IPv4 first where `v4`, IPv6
    /// where `v6`): a changed address is followed.
    Interface { index: u32, v4: bool, v6: bool, port: u16 },
}

/// A target's address, looked up again at most once a second.
struct Resolver {
    target: Target,
    last: Mutex<Option<(Instant, Option<SocketAddr>)>>,
}

impl Resolver {
    fn new(target: Target) -> Resolver {
        Resolver { target, last: Mutex::new(None) }
    }

    fn now(&self) -> Option<SocketAddr> {
        let (index, v4, v6, port) = match self.target {
            Target::Fixed(a) => return Some(a),
            Target::Interface { index, v4, v6, port } => (index, v4, v6, port),
        };
        let mut last = self.last.lock().ok()?;
        if let Some((at, addr)) = *last {
            if at.elapsed() < Duration::from_secs(1) {
                return addr;
            }
        }
        let addr = crate::runtime::hostif::by_index(index).and_then(|i| i.reach(None, v4, v6)).map(|ip| SocketAddr::new(ip, port));
        *last = Some((Instant::now(), addr));
        addr
    }
}

/// For a port handed to a server on a socket bound to one of the host's interfaces
/// (runtime/handover.rs): the clients that arrive elsewhere (the host's loopback, its other
/// interfaces) come to the forwarder's socket, which shares the port, and reach the server at
/// `target`, the interface's address (so the server sees them come from there). A client at
/// `target` itself is one of these connections come back, because the server's socket has
/// closed: it is dropped, as is the client it was for.
pub fn serve_beside(listener: std::net::TcpListener, target: Target) -> Result<()> {
    let target = Arc::new(Resolver::new(target));
    relay_all(listener, move |peer| {
        let target = target.clone();
        async move {
            let to = target.now()?;
            if peer.ip().to_canonical() == to.ip().to_canonical() {
                return None;
            }
            tokio::net::TcpStream::connect(to).await.ok()
        }
    })
}

/// Relays every client of `listener` to the stream `connect` opens for it, until killed,
/// on a runtime of its own (a helper process that stays in the host's namespaces).
fn relay_all<C, F>(listener: std::net::TcpListener, connect: C) -> Result<()>
where
    C: Fn(SocketAddr) -> F + Clone + Send + 'static,
    F: std::future::Future<Output = Option<tokio::net::TcpStream>> + Send + 'static,
{
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().context("starting the async runtime")?;
    rt.block_on(async move {
        listener.set_nonblocking(true).context("setting a listener non-blocking")?;
        let l = tokio::net::TcpListener::from_std(listener).context("registering a listener")?;
        tokio::task::yield_now().await;
        crate::runtime::io::trim_resident();
        accept_loop(l, connect).await;
        Ok(())
    })
}

/// One UDP client: its socket in the container, and when it was last used.
struct Session {
    inner: tokio::net::UdpSocket,
    last: Mutex<Instant>,
}

/// Datagrams from each client go to the container from the client's address, on a socket
/// of the client's own (a session), whose answers go back to the client from the host port.
async fn udp_loop(host: Arc<tokio::net::UdpSocket>, target: SocketAddrV4) {
    let sessions: Arc<Mutex<HashMap<SocketAddr, Arc<Session>>>> = Arc::default();
    let mut buf = vec![0u8; 65536];
    loop {
        let Ok((n, client)) = host.recv_from(&mut buf).await else { continue };
        let existing = sessions.lock().ok().and_then(|m| m.get(&client).cloned());
        let session = match existing {
            Some(s) => s,
            None => {
                // A flood of new sources must not take every descriptor (and TCP with them).
                if sessions.lock().map(|m| m.len() >= UDP_MAX_SESSIONS).unwrap_or(true) {
                    continue;
                }
                let Some(s) = udp_session(client) else { continue };
                let s = Arc::new(s);
                if let Ok(mut m) = sessions.lock() {
                    m.insert(client, s.clone());
                }
                tokio::spawn(udp_answers(host.clone(), s.clone(), client, sessions.clone()));
                s
            }
        };
        if let Ok(mut l) = session.last.lock() {
            *l = Instant::now();
        }
        let _ = session.inner.send_to(&buf[..n], target).await;
    }
}

/// The session's socket is bound to the client's address and not connected: the container
/// answers a client on the host's loopback from its own loopback, not from the address the
/// datagram went to.
fn udp_session(client: SocketAddr) -> Option<Session> {
    let inner = portfwd::transparent_udp_socket(client_v4(client)).ok()?;
    let inner = tokio::net::UdpSocket::from_std(inner).ok()?;
    Some(Session { inner, last: Mutex::new(Instant::now()) })
}

/// Relays the container's answers to `client` until the session is idle for UDP_IDLE.
async fn udp_answers(host: Arc<tokio::net::UdpSocket>, s: Arc<Session>, client: SocketAddr, sessions: Arc<Mutex<HashMap<SocketAddr, Arc<Session>>>>) {
    let mut buf = vec![0u8; 65536];
    loop {
        match tokio::time::timeout(UDP_IDLE, s.inner.recv_from(&mut buf)).await {
            Ok(Ok((n, _))) => {
                if let Ok(mut l) = s.last.lock() {
                    *l = Instant::now();
                }
                let _ = host.send_to(&buf[..n], client).await;
            }
            // Nothing answered the client's last datagram (refused): keep waiting.
            Ok(Err(_)) => {}
            Err(_) => {
                let idle = s.last.lock().map(|l| l.elapsed() >= UDP_IDLE).unwrap_or(true);
                if idle {
                    if let Ok(mut m) = sessions.lock() {
                        m.remove(&client);
                    }
                    return;
                }
            }
        }
    }
}

/// Accepts on `l` for ever, relaying each client to the stream `connect` opens for it.
async fn accept_loop<C, F>(l: tokio::net::TcpListener, connect: C)
where
    C: Fn(SocketAddr) -> F + Clone + Send + 'static,
    F: std::future::Future<Output = Option<tokio::net::TcpStream>> + Send + 'static,
{
    loop {
        match l.accept().await {
            Ok((client, peer)) => {
                let connect = connect.clone();
                tokio::spawn(async move {
                    // Nobody listens there: the client's connection closes at once, as it would.
                    if let Some(inner) = connect(peer).await {
                        relay(client, inner).await;
                    }
                });
            }
            // Out of descriptors or memory for a moment: wait rather than spin.
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
}

/// The client's IPv4 address, as the container should see it.
fn client_v4(peer: SocketAddr) -> Option<SocketAddrV4> {
    match peer {
        SocketAddr::V4(a) => Some(a),
        SocketAddr::V6(a) => a.ip().to_ipv4_mapped().map(|ip| SocketAddrV4::new(ip, a.port())),
    }
}

async fn relay(mut client: tokio::net::TcpStream, mut inner: tokio::net::TcpStream) {
    let _ = client.set_nodelay(true);
    let _ = inner.set_nodelay(true);
    // In the kernel where it can (splice through a pipe), else through a buffer of ours.
    match (portfwd::Pipe::new(BUFFER), portfwd::Pipe::new(BUFFER)) {
        (Ok(up), Ok(down)) => {
            let _ = tokio::try_join!(pump(&client, &inner, &up), pump(&inner, &client, &down));
        }
        _ => {
            let _ = tokio::io::copy_bidirectional_with_sizes(&mut client, &mut inner, BUFFER, BUFFER).await;
        }
    }
}

/// Moves `src`'s bytes to `dst` through `pipe` with splice(2) until `src` ends, then ends
/// `dst`'s writing half (the other direction goes on until it ends too).
async fn pump(src: &tokio::net::TcpStream, dst: &tokio::net::TcpStream, pipe: &portfwd::Pipe) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    use tokio::io::Interest;
    loop {
        let n = src.async_io(Interest::READABLE, || pipe.fill_from(src.as_raw_fd())).await?;
        if n == 0 {
            portfwd::shutdown_write(dst.as_raw_fd());
            return Ok(());
        }
        let mut left = n;
        while left > 0 {
            left -= dst.async_io(Interest::WRITABLE, || pipe.drain_to(dst.as_raw_fd(), left)).await?;
        }
    }
}
