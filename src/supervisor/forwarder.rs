//! hutch's own port handler, the loop: accept on the host's published ports, connect inside
//! the container from the client's address (runtime/portfwd.rs), and copy both ways. It runs
//! in the forwarder process (in the container's namespaces), on a tokio current-thread
//! runtime: that process never forks.

use crate::runtime::portfwd;
use anyhow::{Context, Result};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

/// Bytes buffered per direction of a connection: large copies mean few system calls.
const BUFFER: usize = 256 * 1024;

/// A published TCP port: its listening socket (bound on the host) and the container's port.
pub struct TcpPort {
    pub listener: std::net::TcpListener,
    pub container_port: u16,
}

/// Serves `ports` until the process is killed.
pub fn serve(ports: Vec<TcpPort>) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build().context("starting the async runtime")?;
    rt.block_on(async move {
        for p in ports {
            p.listener.set_nonblocking(true).context("setting a listener non-blocking")?;
            let l = tokio::net::TcpListener::from_std(p.listener).context("registering a listener")?;
            tokio::spawn(accept_loop(l, p.container_port));
        }
        std::future::pending::<()>().await;
        Ok(())
    })
}

async fn accept_loop(l: tokio::net::TcpListener, port: u16) {
    loop {
        match l.accept().await {
            Ok((client, peer)) => {
                tokio::spawn(relay(client, peer, port));
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

async fn relay(mut client: tokio::net::TcpStream, peer: SocketAddr, port: u16) {
    let Ok(inner) = portfwd::transparent_socket(client_v4(peer)) else { return };
    let sock = tokio::net::TcpSocket::from_std_stream(inner);
    let target = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
    // Nobody listens in the container: the client's connection closes at once, as it would.
    let Ok(mut inner) = sock.connect(target).await else { return };
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
