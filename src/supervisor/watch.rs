//! The supervisor's watch over one run of its container: it relays and logs the output,
//! feeds the input, forwards signals, serves attach clients, runs health checks, hands
//! published ports to the server that listens (handover.rs), and gives
//! its memory back when things are quiet, until the container's first process exits.

use super::{attach, health, notify, IoFds, Mode};
use super::handover::Handover;
use crate::runtime::io;
use crate::runtime::launch::Started;
use crate::state::containers::{self as records, ContainerRecord};
use crate::state::paths::Paths;
use super::log::{LogWriter, Stream};
use super::{journal, session};
use anyhow::Result;
use std::os::fd::{AsRawFd, RawFd};

/// Where the container's output is logged: the k8s-file log, or the journal.
pub enum Sink {
    File(LogWriter),
    Journal(crate::supervisor::journal::JournalWriter),
}

impl Sink {
    pub fn write(&mut self, stream: Stream, data: &[u8]) {
        match self {
            Sink::File(w) => w.write(stream, data),
            Sink::Journal(j) => j.write(stream, data),
        }
    }
}

/// How long a detached supervisor waits, after activity, before trimming its memory.
const IDLE_TRIM_MS: i32 = 2000;

/// One source of the container's output.
struct Output {
    fd: RawFd,
    stream: Stream,
    open: bool,
}

/// Relays and logs until the container's first process exits; returns its exit code and
/// the signal that ended it.
#[allow(clippy::too_many_arguments)]
pub(super) fn watch(paths: &Paths, rec: &ContainerRecord, mut started: Started, fds: IoFds, mode: Mode, attach: Option<&mut attach::Server>, relay: Option<&notify::Relay>, checker: Option<&mut health::Checker>, handover: Option<&mut Handover>) -> Result<(i32, Option<i32>)> {
    let fuse = started.fuse.take();
    let r = watch_inner(paths, rec, &started, fds, mode, attach, relay, checker, handover);
    drop(fuse);
    r
}

#[allow(clippy::too_many_arguments)]
fn watch_inner(paths: &Paths, rec: &ContainerRecord, started: &Started, fds: IoFds, mode: Mode, mut attach: Option<&mut attach::Server>, relay: Option<&notify::Relay>, mut checker: Option<&mut health::Checker>, mut handover: Option<&mut Handover>) -> Result<(i32, Option<i32>)> {
    let sfd = io::forwarded_signalfd()?;
    let master = started.master.as_ref().map(|m| m.as_raw_fd());
    let foreground = matches!(mode, Mode::Foreground { .. });
    let interactive = matches!(mode, Mode::Foreground { interactive: true, .. });
    let _raw = match (master, interactive) {
        (Some(_), true) => io::RawMode::enable(0),
        _ => None,
    };
    let mut log = if rec.settings.journal_log() {
        let tag = Some(rec.settings.log_tag.as_str()).filter(|t| !t.is_empty());
        let who = journal::Identity { id: &rec.id, name: &rec.name, tag };
        // A journal gone since the container was made: its output still reaches its
        // clients, and the reason is in the supervisor's log.
        match journal::JournalWriter::open(&who) {
            Ok(j) => Some(Sink::Journal(j)),
            Err(e) => {
                eprintln!("journald ({}) does not take entries: {e}; the container's output is not logged", journal::SOCKET);
                None
            }
        }
    } else if rec.settings.file_log() {
        Some(Sink::File(LogWriter::open(&records::log_path(paths, rec), rec.settings.log_max_size)?))
    } else {
        None
    };
    let mut outputs: Vec<Output> = Vec::new();
    if let Some(m) = master {
        outputs.push(Output { fd: m, stream: Stream::Stdout, open: true });
    }
    if let Some(o) = &fds.out {
        outputs.push(Output { fd: o.as_raw_fd(), stream: Stream::Stdout, open: true });
    }
    if let Some(e) = &fds.err {
        outputs.push(Output { fd: e.as_raw_fd(), stream: Stream::Stderr, open: true });
    }
    // The caller's stdout and stderr, until they refuse (a closed pipe ends quietly).
    let mut caller_out = match mode {
        Mode::Foreground { outputs, .. } => outputs,
        Mode::Detached(_) => [false, false],
    };
    // Where the container reads its input from: our stdin (a foreground terminal), or
    // attach clients (a detached one with -i or -t).
    let mut stdin_open = master.is_some() && interactive;
    let mut stdin_w = fds.stdin;
    if !foreground {
        // Input from attach clients must never stall the loop (a container that does not
        // read its stdin): what does not fit is dropped.
        for fd in master.into_iter().chain(stdin_w.as_ref().map(|w| w.as_raw_fd())) {
            io::set_nonblocking(fd);
        }
    }
    let deadline = rec.settings.timeout.filter(|t| *t > 0).map(|t| std::time::Instant::now() + std::time::Duration::from_secs(t));
    let mut buf = vec![0u8; 64 * 1024];
    let pid = started.pid;
    let mut busy_since_trim = true;
    // Quiet since the last wake-up: the next poll gives memory back first.
    let mut trim_now = false;

    let ended = loop {
        let mut pfds: Vec<(RawFd, i16)> = vec![(sfd.as_raw_fd(), libc::POLLIN), (started.pidfd.as_raw_fd(), libc::POLLIN)];
        let out_base = pfds.len();
        // The attached client that started it is behind: its output waits in the pipe or
        // the terminal, as it would for a slow terminal.
        let held = attach.as_deref().is_some_and(|a| a.output_blocked());
        for o in &outputs {
            pfds.push((if o.open && !held { o.fd } else { -1 }, libc::POLLIN));
        }
        let stdin_idx = pfds.len();
        pfds.push((if stdin_open { 0 } else { -1 }, libc::POLLIN));
        let relay_idx = pfds.len();
        pfds.push((relay.map(|r| r.fd()).unwrap_or(-1), libc::POLLIN));
        pfds.push((checker.as_deref().map(|c| c.poll_fd()).unwrap_or(-1), libc::POLLIN));
        let handover_idx = pfds.len();
        pfds.push((handover.as_deref().map(|h| h.fd()).unwrap_or(-1), libc::POLLIN));
        // Input from attach clients that the container has not taken yet.
        let input = if master.is_some() { master } else { stdin_w.as_ref().map(|w| w.as_raw_fd()) };
        let input_idx = pfds.len();
        pfds.push((input.filter(|_| attach.as_deref().is_some_and(|a| a.input_waiting())).unwrap_or(-1), libc::POLLOUT));
        let attach_base = pfds.len();
        if let Some(a) = attach.as_deref() {
            pfds.extend(a.poll_fds());
        }
        let mut timeout = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()).as_millis().min(i32::MAX as u128) as i32).unwrap_or(-1);
        // A detached supervisor that was busy gives its start-up and output pages back once
        // things are quiet for a while (one wake-up, then it sleeps without a timeout again).
        if busy_since_trim && !foreground && (timeout < 0 || timeout > IDLE_TRIM_MS) {
            timeout = IDLE_TRIM_MS;
        }
        if let Some(c) = checker.as_deref() {
            let due = c.timeout_ms();
            if due >= 0 && (timeout < 0 || due < timeout) {
                timeout = due;
            }
        }
        let rev = if std::mem::take(&mut trim_now) { io::poll_trimmed(&pfds, timeout)? } else { io::poll(&pfds, timeout)? };
        if !foreground {
            if rev.iter().all(|&r| r == 0) {
                if busy_since_trim {
                    trim_now = true;
                    busy_since_trim = false;
                }
            } else {
                busy_since_trim = true;
            }
        }
        if rev[relay_idx] != 0 {
            if let Some(r) = relay {
                r.forward();
            }
        }
        if rev[handover_idx] & libc::POLLIN != 0 {
            if let Some(h) = handover.as_deref_mut() {
                h.on_wake();
            }
        }
        if let Some(c) = checker.as_deref_mut() {
            match c.on_wake() {
                Some(health::Action::Kill) => {
                    io::pidfd_kill(started.pidfd.as_raw_fd(), libc::SIGKILL);
                }
                Some(health::Action::Stop) => {
                    // `hutch stop` marks it stopped, signals, waits, kills: as a user would.
                    // Not waited for here (no threads in a process that clones): it ends
                    // with the container, and is reaped with us.
                    let _ = c.spawn(&["stop"]);
                }
                None => {}
            }
        }
        if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            io::pidfd_kill(started.pidfd.as_raw_fd(), libc::SIGKILL);
        }
        if rev[0] != 0 {
            // A detached supervisor has no terminal: no size to follow, none to hang up on.
            session::forward_signals(sfd.as_raw_fd(), started.pidfd.as_raw_fd(), master.filter(|_| foreground), !foreground);
        }
        for (i, o) in outputs.iter_mut().enumerate() {
            if rev[out_base + i] == 0 || !o.open {
                continue;
            }
            match io::read(o.fd, &mut buf) {
                Ok(n) if n > 0 => {
                    let data = &buf[..n];
                    emit(o.stream, data, &mut log, &mut caller_out, attach.as_deref_mut());
                }
                Ok(_) => o.open = false,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => o.open = false,
            }
        }
        if rev[stdin_idx] != 0 && stdin_open {
            stdin_open = session::stdin_to_terminal(master, &mut buf);
        }
        if let Some(a) = attach.as_deref_mut() {
            let ended = if rev[input_idx] != 0 { a.flush(input) } else { false };
            if (a.handle(&rev[attach_base..], input, master, &mut buf) || ended) && master.is_none() {
                // The attached client ended its input: so does the container's stdin.
                stdin_w = None;
            }
        }
        if rev[1] != 0 {
            if let Some(r) = io::try_reap(pid) {
                break r;
            }
        }
    };
    // Drain what the container wrote just before it exited (its whole PID namespace is gone,
    // so every writer has closed its end).
    for o in outputs.iter_mut().filter(|o| o.open) {
        io::set_nonblocking(o.fd);
        loop {
            match io::read(o.fd, &mut buf) {
                Ok(n) if n > 0 => {
                    let data = buf[..n].to_vec();
                    emit(o.stream, &data, &mut log, &mut caller_out, attach.as_deref_mut());
                }
                _ => break,
            }
        }
    }
    Ok(ended)
}

/// Sends container output to the log, the caller's stdout/stderr and attached clients.
fn emit(stream: Stream, data: &[u8], log: &mut Option<Sink>, caller: &mut [bool; 2], attach: Option<&mut attach::Server>) {
    if let Some(l) = log {
        l.write(stream, data);
    }
    let (fd, idx) = match stream {
        Stream::Stdout => (1, 0),
        Stream::Stderr => (2, 1),
    };
    if caller[idx] && !io::write_all(fd, data) {
        caller[idx] = false;
    }
    if let Some(a) = attach {
        a.broadcast(stream, data);
    }
}
