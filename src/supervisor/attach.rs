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
}

impl Server {
    pub fn listen(run_dir: &Path) -> Result<Server> {
        let listener = io::listen_unix(run_dir, SOCKET)?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, clients: Vec::new() })
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

#[cfg(test)]
mod tests {
    use super::*;

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
