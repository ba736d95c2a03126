//! The attach socket of a detached container (`attach` in its runtime directory), and the
//! frames both sides speak: a kind byte, a little-endian u32 length, the bytes.
//! Supervisor → client: container stdout and stderr. Client → supervisor: stdin, the end of
//! stdin, and terminal resizes. A client that cannot keep up is dropped, never waited for.

use crate::runtime::io;
use crate::supervisor::log::Stream;
use anyhow::Result;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

pub const SOCKET: &str = "attach";

pub const STDOUT: u8 = 1;
pub const STDERR: u8 = 2;
pub const STDIN: u8 = 0;
pub const STDIN_EOF: u8 = 3;
/// Payload: rows and columns, two little-endian u16.
pub const RESIZE: u8 = 4;

pub fn frame(kind: u8, data: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(data.len() + 5);
    v.push(kind);
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v.extend_from_slice(data);
    v
}

/// Splits whole frames off the front of `buf`.
pub fn take_frames(buf: &mut Vec<u8>) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while buf.len() - at >= 5 {
        let len = u32::from_le_bytes([buf[at + 1], buf[at + 2], buf[at + 3], buf[at + 4]]) as usize;
        if buf.len() - at - 5 < len {
            break;
        }
        out.push((buf[at], buf[at + 5..at + 5 + len].to_vec()));
        at += 5 + len;
    }
    buf.drain(..at);
    out
}

struct Client {
    sock: UnixStream,
    pending: Vec<u8>,
}

pub struct Server {
    listener: UnixListener,
    clients: Vec<Client>,
    path: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        // Gone with its supervisor: nobody attaches to a container that is not running.
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Server {
    pub fn listen(run_dir: &Path) -> Result<Server> {
        let listener = io::listen_unix(run_dir, SOCKET)?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, clients: Vec::new(), path: run_dir.join(SOCKET) })
    }

    /// Waits up to `timeout_ms` for a first client.
    pub fn accept_one(&mut self, timeout_ms: i32) {
        if let Ok(rev) = io::poll(&[(self.listener.as_raw_fd(), libc::POLLIN)], timeout_ms) {
            if rev[0] != 0 {
                self.handle(&[libc::POLLIN], None, None, &mut [0u8; 16]);
            }
        }
    }

    /// The fds to poll, listener first, then each client.
    pub fn poll_fds(&self) -> Vec<(RawFd, i16)> {
        std::iter::once((self.listener.as_raw_fd(), libc::POLLIN))
            .chain(self.clients.iter().map(|c| (c.sock.as_raw_fd(), libc::POLLIN)))
            .collect()
    }

    /// Handles the events for `poll_fds` (in that order): new clients, their input and
    /// resizes. Returns true when a client ended stdin.
    pub fn handle(&mut self, revents: &[i16], input: Option<RawFd>, master: Option<RawFd>, buf: &mut [u8]) -> bool {
        let mut eof = false;
        let mut gone = Vec::new();
        for (i, c) in self.clients.iter_mut().enumerate() {
            let Some(&ev) = revents.get(i + 1) else { continue };
            if ev == 0 {
                continue;
            }
            match c.sock.read(buf) {
                Ok(n) if n > 0 => {
                    c.pending.extend_from_slice(&buf[..n]);
                    for (kind, data) in take_frames(&mut c.pending) {
                        match kind {
                            STDIN => {
                                if let Some(fd) = input {
                                    io::write_all(fd, &data);
                                }
                            }
                            STDIN_EOF => eof = true,
                            RESIZE if data.len() == 4 => {
                                if let Some(m) = master {
                                    let ws = libc::winsize {
                                        ws_row: u16::from_le_bytes([data[0], data[1]]),
                                        ws_col: u16::from_le_bytes([data[2], data[3]]),
                                        ws_xpixel: 0,
                                        ws_ypixel: 0,
                                    };
                                    io::set_winsize(m, &ws);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                _ => gone.push(i),
            }
        }
        for i in gone.into_iter().rev() {
            self.clients.remove(i);
        }
        if revents.first().is_some_and(|&e| e != 0) {
            while let Ok((sock, _)) = self.listener.accept() {
                if sock.set_nonblocking(true).is_ok() {
                    self.clients.push(Client { sock, pending: Vec::new() });
                }
            }
        }
        eof
    }

    /// Sends output to every client; drops those whose socket is full or closed.
    pub fn broadcast(&mut self, stream: Stream, data: &[u8]) {
        if self.clients.is_empty() {
            return;
        }
        let f = frame(if stream == Stream::Stderr { STDERR } else { STDOUT }, data);
        self.clients.retain_mut(|c| c.sock.write_all(&f).is_ok());
    }
}


/// `--detach-keys`: `ctrl-p,ctrl-q` (the default), single letters, or empty for none.
pub fn parse_detach_keys(s: &str) -> Result<Vec<u8>, String> {
    if s.is_empty() {
        return Ok(vec![]);
    }
    s.split(',')
        .map(|k| {
            if let Some(c) = k.strip_prefix("ctrl-") {
                let b = c.as_bytes();
                if b.len() == 1 && (b[0].is_ascii_lowercase() || b"@[\\]^_".contains(&b[0])) {
                    return Ok(b[0].to_ascii_uppercase() & 0x1f);
                }
            } else if k.len() == 1 && k.as_bytes()[0].is_ascii_alphabetic() {
                return Ok(k.as_bytes()[0]);
            }
            Err(format!("invalid detach keys `{s}`: use a comma-separated list of ctrl-<a-z@^[\\]_> or single letters"))
        })
        .collect()
}

/// Watches typed input for the detach keys: typed in a row they end the session; a partial
/// match is passed on as soon as it stops matching.
pub struct DetachKeys<'a> {
    keys: &'a [u8],
    matched: usize,
}

impl<'a> DetachKeys<'a> {
    pub fn new(keys: &'a [u8]) -> Self {
        DetachKeys { keys, matched: 0 }
    }

    /// Appends to `out` what of `input` goes on to the container; true when the keys were
    /// completed (what followed them is dropped).
    pub fn filter(&mut self, input: &[u8], out: &mut Vec<u8>) -> bool {
        for &b in input {
            if !self.keys.is_empty() && b == self.keys[self.matched] {
                self.matched += 1;
                if self.matched == self.keys.len() {
                    return true;
                }
                continue;
            }
            out.extend_from_slice(&self.keys[..self.matched]);
            self.matched = 0;
            out.push(b);
        }
        false
    }
}

/// How an attach session ended.
pub enum AttachEnd {
    /// The detach keys were typed; the container runs on.
    Detached,
    /// The container's output ended (it exited).
    Ended,
}

/// Connects to a detached container's attach socket.
pub fn connect(run_dir: &Path) -> Result<UnixStream> {
    io::connect_unix(run_dir, SOCKET).map_err(|e| anyhow::anyhow!("connecting to the container's attach socket: {e}"))
}

/// Attaches the caller's terminal or stdio to a detached container through `sock`.
pub fn client(sock: UnixStream, tty: bool, stdin: bool, keys: &[u8], signals_to: Option<std::os::fd::OwnedFd>) -> Result<AttachEnd> {
    let sfd = io::forwarded_signalfd()?;
    let _raw = if tty && stdin { io::RawMode::enable(0) } else { None };
    let mut sock_w = sock.try_clone()?;
    if tty {
        if let Some(ws) = io::winsize() {
            let mut p = ws.ws_row.to_le_bytes().to_vec();
            p.extend_from_slice(&ws.ws_col.to_le_bytes());
            let _ = sock_w.write_all(&frame(RESIZE, &p));
        }
    }
    let mut stdin_open = stdin;
    let mut pending = Vec::new();
    let mut detach = DetachKeys::new(keys);
    let mut buf = vec![0u8; 64 * 1024];
    let sock_fd = sock.as_raw_fd();
    let mut sock_r = sock;
    loop {
        let rev = io::poll(&[(sock_fd, libc::POLLIN), (if stdin_open { 0 } else { -1 }, libc::POLLIN), (sfd.as_raw_fd(), libc::POLLIN)], -1)?;
        if rev[2] != 0 {
            for sig in io::read_signals(sfd.as_raw_fd()) {
                match sig {
                    libc::SIGWINCH if tty => {
                        if let Some(ws) = io::winsize() {
                            let mut p = ws.ws_row.to_le_bytes().to_vec();
                            p.extend_from_slice(&ws.ws_col.to_le_bytes());
                            let _ = sock_w.write_all(&frame(RESIZE, &p));
                        }
                    }
                    libc::SIGWINCH => {}
                    s => {
                        if let Some(fd) = &signals_to {
                            io::pidfd_kill(fd.as_raw_fd(), s);
                        }
                    }
                }
            }
        }
        if rev[0] != 0 {
            match sock_r.read(&mut buf) {
                Ok(0) | Err(_) => return Ok(AttachEnd::Ended),
                Ok(n) => {
                    pending.extend_from_slice(&buf[..n]);
                    for (kind, data) in take_frames(&mut pending) {
                        let fd = if kind == STDERR { 2 } else { 1 };
                        io::write_all(fd, &data);
                    }
                }
            }
        }
        if rev[1] != 0 && stdin_open {
            match io::read(0, &mut buf) {
                Ok(n) if n > 0 => {
                    let mut out = Vec::with_capacity(n);
                    if detach.filter(&buf[..n], &mut out) {
                        if !out.is_empty() {
                            let _ = sock_w.write_all(&frame(STDIN, &out));
                        }
                        return Ok(AttachEnd::Detached);
                    }
                    if !out.is_empty() && sock_w.write_all(&frame(STDIN, &out)).is_err() {
                        return Ok(AttachEnd::Ended);
                    }
                }
                _ => {
                    stdin_open = false;
                    let _ = sock_w.write_all(&frame(STDIN_EOF, &[]));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_end_a_session_and_pass_partial_matches_on() {
        let keys = [0x10, 0x11];
        let mut d = DetachKeys::new(&keys);
        let mut out = Vec::new();
        assert!(!d.filter(b"ab\x10c", &mut out));
        assert_eq!(out, b"ab\x10c");
        out.clear();
        assert!(!d.filter(b"x\x10", &mut out));
        assert!(d.filter(b"\x11rest", &mut out));
        assert_eq!(out, b"x");
    }

    #[test]
    fn detach_keys_parse_like_podman() {
        assert_eq!(parse_detach_keys("ctrl-p,ctrl-q"), Ok(vec![0x10, 0x11]));
        assert_eq!(parse_detach_keys("ctrl-@,a"), Ok(vec![0, b'a']));
        assert_eq!(parse_detach_keys(""), Ok(vec![]));
        assert!(parse_detach_keys("ctrl-1").is_err());
    }

    #[test]
    fn frames_round_trip_across_partial_reads() {
        let mut wire = frame(STDIN, b"abc");
        wire.extend(frame(RESIZE, &[24, 0, 80, 0]));
        let mut buf = wire[..6].to_vec();
        assert_eq!(take_frames(&mut buf), vec![]);
        buf.extend_from_slice(&wire[6..]);
        assert_eq!(take_frames(&mut buf), vec![(STDIN, b"abc".to_vec()), (RESIZE, vec![24, 0, 80, 0])]);
        assert!(buf.is_empty());
    }
}
