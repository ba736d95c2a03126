//! The attach socket of a detached container (`attach` in its runtime directory), and the
//! frames both sides speak: a kind byte, a little-endian u32 length, the bytes.
//! Supervisor → client: container stdout and stderr, and at the very end its exit code.
//! Client → supervisor: stdin, the end of stdin, and terminal resizes. Output waits for each
//! client in a buffer: the client that started the container attached (a foreground `run`,
//! `start -a`) holds the container's output back while it is behind, as a terminal would;
//! another client that falls far behind is dropped, never waited for. Input the container
//! does not read yet waits in the supervisor, which reads no more from clients meanwhile (so
//! a paste is never cut short, and the client stops reading its stdin in turn).

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
/// Payload: the container's exit code, a little-endian i32; sent last, once the container
/// is finished (and removed, with `--rm`).
pub const EXIT: u8 = 5;

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
    /// Frames read in part.
    pending: Vec<u8>,
    /// Output not taken yet.
    out: Vec<u8>,
    /// The client that started the container attached (`start -a`, a foreground `run`): it
    /// is never dropped; while it is behind, the container's output waits (as a terminal
    /// makes a writer wait).
    primary: bool,
    /// Gone: removed by the next `handle` (never between a poll and its `handle`).
    gone: bool,
}

/// How much output a primary client may have pending before the container's output waits.
const PRIMARY_BACKLOG: usize = 256 * 1024;
/// How much a secondary client may fall behind before it is dropped.
const SECONDARY_BACKLOG: usize = 4 * 1024 * 1024;

pub struct Server {
    listener: UnixListener,
    clients: Vec<Client>,
    path: std::path::PathBuf,
    /// Input from clients that the container has not taken yet.
    input: Vec<u8>,
    /// A client ended stdin (effective once `input` is written).
    input_eof: bool,
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
        Ok(Server { listener, clients: Vec::new(), path: run_dir.join(SOCKET), input: Vec::new(), input_eof: false })
    }

    /// Waits up to `timeout_ms` for a first client, the primary one.
    pub fn accept_one(&mut self, timeout_ms: i32) {
        if let Ok(rev) = io::poll(&[(self.listener.as_raw_fd(), libc::POLLIN)], timeout_ms) {
            if rev[0] != 0 {
                self.accept();
                if let Some(c) = self.clients.first_mut() {
                    c.primary = true;
                }
            }
        }
    }

    fn accept(&mut self) {
        while let Ok((sock, _)) = self.listener.accept() {
            if sock.set_nonblocking(true).is_ok() {
                self.clients.push(Client { sock, pending: Vec::new(), out: Vec::new(), primary: false, gone: false });
            }
        }
    }

    /// A new run of the container (a restart): its input starts afresh.
    pub fn new_run(&mut self) {
        self.input.clear();
        self.input_eof = false;
    }

    /// The fds to poll, listener first, then each client: read while no input waits, and
    /// written while it has output pending.
    pub fn poll_fds(&self) -> Vec<(RawFd, i16)> {
        let read = if self.input.is_empty() { libc::POLLIN } else { 0 };
        std::iter::once((self.listener.as_raw_fd(), libc::POLLIN))
            .chain(self.clients.iter().map(|c| (c.sock.as_raw_fd(), read | if c.out.is_empty() { 0 } else { libc::POLLOUT })))
            .collect()
    }

    /// The primary client is behind: the container's output waits until it catches up.
    pub fn output_blocked(&self) -> bool {
        self.clients.iter().any(|c| c.primary && !c.gone && c.out.len() > PRIMARY_BACKLOG)
    }

    /// Whether input waits for the container: poll its input fd for POLLOUT and call `flush`.
    pub fn input_waiting(&self) -> bool {
        !self.input.is_empty()
    }

    /// Writes what waits to the container's input (non-blocking); true when a client ended
    /// stdin and everything before that end is written.
    pub fn flush(&mut self, input: Option<RawFd>) -> bool {
        match input {
            Some(fd) => {
                while !self.input.is_empty() {
                    match io::write_some(fd, &self.input) {
                        Ok(0) => break,
                        Ok(n) => {
                            self.input.drain(..n);
                        }
                        // Nobody reads it any more: what waits is for nobody.
                        Err(_) => self.input.clear(),
                    }
                }
            }
            None => self.input.clear(),
        }
        self.input_eof && self.input.is_empty()
    }

    /// Handles the events for `poll_fds` (in that order): new clients, their input and
    /// resizes, output they can take. Returns true when a client ended stdin (and all input
    /// before it is written). `master`: the container's terminal, where the end of stdin is
    /// a ^D typed, as at a terminal.
    pub fn handle(&mut self, revents: &[i16], input: Option<RawFd>, master: Option<RawFd>, buf: &mut [u8]) -> bool {
        let reading = self.input.is_empty();
        let mut typed = Vec::new();
        for (i, c) in self.clients.iter_mut().enumerate() {
            let Some(&ev) = revents.get(i + 1) else { continue };
            if ev & libc::POLLOUT != 0 {
                c.send_pending();
            }
            // While input waits, a client is read only once it hung up (its last words).
            if ev & !libc::POLLOUT == 0 || (!reading && ev & (libc::POLLHUP | libc::POLLERR) == 0) {
                continue;
            }
            match c.sock.read(buf) {
                Ok(n) if n > 0 => {
                    c.pending.extend_from_slice(&buf[..n]);
                    for (kind, data) in take_frames(&mut c.pending) {
                        match kind {
                            STDIN => typed.extend_from_slice(&data),
                            STDIN_EOF if master.is_some() => typed.push(4),
                            STDIN_EOF => self.input_eof = true,
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
                _ => c.gone = true,
            }
        }
        self.input.extend_from_slice(&typed);
        self.clients.retain(|c| !c.gone);
        if revents.first().is_some_and(|&e| e != 0) {
            self.accept();
        }
        self.flush(input)
    }

    /// Queues output for every client and sends what each takes now; a secondary client
    /// that falls far behind is dropped (at the next `handle`), the primary never.
    pub fn broadcast(&mut self, stream: Stream, data: &[u8]) {
        if self.clients.is_empty() {
            return;
        }
        let f = frame(if stream == Stream::Stderr { STDERR } else { STDOUT }, data);
        for c in self.clients.iter_mut().filter(|c| !c.gone) {
            c.out.extend_from_slice(&f);
            c.send_pending();
            if !c.primary && c.out.len() > SECONDARY_BACKLOG {
                c.gone = true;
            }
        }
    }

    /// Tells every client how the container ended (after what output they still have),
    /// then closes the socket.
    pub fn finish(mut self, code: i32) {
        let f = frame(EXIT, &code.to_le_bytes());
        for c in self.clients.iter_mut().filter(|c| !c.gone) {
            c.out.extend_from_slice(&f);
            // The last things it is sent: a few seconds to take them.
            write_last(&mut c.sock, &c.out, 5);
        }
    }
}

impl Client {
    /// Sends what the socket takes now.
    fn send_pending(&mut self) {
        while !self.out.is_empty() {
            match io::write_some(self.sock.as_raw_fd(), &self.out) {
                Ok(0) => return,
                Ok(n) => {
                    self.out.drain(..n);
                }
                Err(_) => {
                    self.gone = true;
                    self.out.clear();
                    return;
                }
            }
        }
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachEnd {
    /// The detach keys were typed; the container runs on.
    Detached,
    /// The container is finished: its exit code, when the supervisor could say it.
    Ended(Option<i32>),
    /// A signal this client does not proxy came (the caller dies of it, as Podman does).
    Signalled(i32),
}

/// How a client attaches.
pub struct ClientOptions<'a> {
    /// The container has a terminal: ours goes raw and its size follows.
    pub tty: bool,
    /// Our stdin goes to the container.
    pub stdin: bool,
    /// The detach keys (none: the session lasts as long as the container).
    pub keys: &'a [u8],
    /// Where signals sent to us go (a pidfd on the container's process); None: a signal
    /// ends this client as it would end any program.
    pub signals_to: Option<std::os::fd::OwnedFd>,
    /// Whether the container's stdout and stderr reach ours (`run --attach`).
    pub outputs: [bool; 2],
}

/// How much typed input waits for the supervisor before we stop reading our stdin.
const MAX_UNSENT: usize = 256 * 1024;

fn resize_frame() -> Option<Vec<u8>> {
    io::winsize().map(|ws| {
        let mut p = ws.ws_row.to_le_bytes().to_vec();
        p.extend_from_slice(&ws.ws_col.to_le_bytes());
        frame(RESIZE, &p)
    })
}

/// Connects to a detached container's attach socket.
pub fn connect(run_dir: &Path) -> Result<UnixStream> {
    io::connect_unix(run_dir, SOCKET).map_err(|e| anyhow::anyhow!("connecting to the container's attach socket: {e}"))
}

/// Attaches the caller's terminal or stdio to a detached container through `sock`.
pub fn client(sock: UnixStream, o: ClientOptions) -> Result<AttachEnd> {
    // Declared first, dropped last: the signals are ours again once the session is over.
    let _unblock = io::ForwardedBlocked;
    let sfd = io::forwarded_signalfd()?;
    let _raw = if o.tty && o.stdin { io::RawMode::enable(0) } else { None };
    sock.set_nonblocking(true)?;
    let sock_fd = sock.as_raw_fd();
    // What we send (input, resizes) waits here while the socket is full: we never block
    // on it, so the container's output keeps coming whatever the input does.
    let mut unsent: Vec<u8> = Vec::new();
    if o.tty {
        unsent.extend(resize_frame().unwrap_or_default());
    }
    let mut stdin_open = o.stdin;
    let mut pending = Vec::new();
    let mut exit_code = None;
    let mut detach = DetachKeys::new(o.keys);
    let mut buf = vec![0u8; 64 * 1024];
    let mut sock = sock;
    loop {
        let read_stdin = stdin_open && unsent.len() < MAX_UNSENT;
        let out_ev = if unsent.is_empty() { 0 } else { libc::POLLOUT };
        let rev = io::poll(&[(sock_fd, libc::POLLIN | out_ev), (if read_stdin { 0 } else { -1 }, libc::POLLIN), (sfd.as_raw_fd(), libc::POLLIN)], -1)?;
        if rev[2] != 0 {
            for sig in io::read_signals(sfd.as_raw_fd()) {
                match (sig, &o.signals_to) {
                    (libc::SIGWINCH, _) => {
                        if o.tty {
                            unsent.extend(resize_frame().unwrap_or_default());
                        }
                    }
                    (s, Some(fd)) => {
                        io::pidfd_kill(fd.as_raw_fd(), s);
                    }
                    (libc::SIGCONT, None) => {}
                    (s, None) => return Ok(AttachEnd::Signalled(s)),
                }
            }
        }
        if rev[0] & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
            match sock.read(&mut buf) {
                Ok(0) => return Ok(AttachEnd::Ended(exit_code)),
                Ok(n) => {
                    pending.extend_from_slice(&buf[..n]);
                    for (kind, data) in take_frames(&mut pending) {
                        match kind {
                            STDOUT if o.outputs[0] => {
                                io::write_all(1, &data);
                            }
                            STDERR if o.outputs[1] => {
                                io::write_all(2, &data);
                            }
                            EXIT if data.len() == 4 => exit_code = Some(i32::from_le_bytes([data[0], data[1], data[2], data[3]])),
                            _ => {}
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Ok(AttachEnd::Ended(exit_code)),
            }
        }
        if !unsent.is_empty() {
            match io::write_some(sock_fd, &unsent) {
                Ok(n) => {
                    unsent.drain(..n);
                }
                // The supervisor is gone: its end of the socket says how it ended.
                Err(_) => unsent.clear(),
            }
        }
        if rev[1] != 0 && read_stdin {
            match io::read(0, &mut buf) {
                Ok(n) if n > 0 => {
                    let mut out = Vec::with_capacity(n);
                    let done = detach.filter(&buf[..n], &mut out);
                    if !out.is_empty() {
                        unsent.extend(frame(STDIN, &out));
                    }
                    if done {
                        send_before_leaving(&mut sock, &unsent);
                        return Ok(AttachEnd::Detached);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                _ => {
                    stdin_open = false;
                    unsent.extend(frame(STDIN_EOF, &[]));
                }
            }
        }
    }
}

/// What was typed before the detach keys still reaches the container (a moment at most).
fn send_before_leaving(sock: &mut UnixStream, unsent: &[u8]) {
    if unsent.is_empty() {
        return;
    }
    write_last(sock, unsent, 1);
}

/// A last write on a socket about to close: blocking, for `secs` at most.
fn write_last(sock: &mut UnixStream, bytes: &[u8], secs: u64) {
    let _ = sock.set_nonblocking(false);
    let _ = sock.set_write_timeout(Some(std::time::Duration::from_secs(secs)));
    let _ = sock.write_all(bytes);
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
