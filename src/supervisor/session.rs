//! An `exec` session in the foreground: forwards signals to the exec'd process, relays its
//! terminal (raw mode, always restored; window size changes), and returns its exit code.
//! Without a terminal the process uses the caller's stdio directly: nothing to relay.

use crate::runtime::io;
use crate::runtime::join::Joined;
use anyhow::Result;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

/// Passes the signals waiting on `sfd` to the process behind `pidfd`; a window change resizes
/// `terminal` to the caller's size instead. `keep_hangups` drops SIGHUP (a detached process
/// has no terminal to hang up on).
pub(super) fn forward_signals(sfd: RawFd, pidfd: RawFd, terminal: Option<RawFd>, keep_hangups: bool) {
    for sig in io::read_signals(sfd) {
        match sig {
            libc::SIGWINCH => {
                if let (Some(m), Some(ws)) = (terminal, io::winsize()) {
                    io::set_winsize(m, &ws);
                }
            }
            libc::SIGHUP if keep_hangups => {}
            _ => {
                io::pidfd_kill(pidfd, sig);
            }
        }
    }
}

/// Copies what our stdin has to the terminal; at its end sends ^D. False once stdin ended.
pub(super) fn stdin_to_terminal(terminal: Option<RawFd>, buf: &mut [u8]) -> bool {
    match io::read(0, buf) {
        Ok(n) if n > 0 => {
            if let Some(m) = terminal {
                io::write_all(m, &buf[..n]);
            }
            true
        }
        _ => {
            if let Some(m) = terminal {
                io::write_all(m, &[4]); // end of input, as ^D would
            }
            false
        }
    }
}

/// How an exec session ended.
pub enum SessionEnd {
    Exited(i32),
    /// The detach keys were typed: the process runs on, its terminal held by a small
    /// process of ours that drains it until the process is done.
    Detached,
}

/// Watches `j` until it exits (or the detach keys are typed on its terminal); `sfd` is the
/// signalfd made before it was started.
pub fn relay(j: &Joined, sfd: &OwnedFd, interactive: bool, keys: &[u8]) -> Result<SessionEnd> {
    let mut detach = crate::supervisor::attach::DetachKeys::new(keys);
    let mut typed = Vec::new();
    let master = j.master.as_ref().map(|m| m.as_raw_fd());
    let _raw = match (master, interactive) {
        (Some(_), true) => io::RawMode::enable(0),
        _ => None,
    };
    if let (Some(m), Some(ws)) = (master, io::winsize()) {
        io::set_winsize(m, &ws);
    }
    let mut stdin_open = master.is_some() && interactive;
    let mut master_open = master.is_some();
    let mut out_open = true;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let fds = [
            (sfd.as_raw_fd(), libc::POLLIN),
            (j.pidfd.as_raw_fd(), libc::POLLIN),
            (if master_open { master.unwrap_or(-1) } else { -1 }, libc::POLLIN),
            (if stdin_open { 0 } else { -1 }, libc::POLLIN),
        ];
        let rev = io::poll(&fds, -1)?;
        if rev[0] != 0 {
            forward_signals(sfd.as_raw_fd(), j.pidfd.as_raw_fd(), master, false);
        }
        if rev[2] != 0 {
            if let Some(m) = master {
                match io::read(m, &mut buf) {
                    Ok(n) if n > 0 => {
                        if out_open && !io::write_all(1, &buf[..n]) {
                            out_open = false;
                        }
                    }
                    _ => master_open = false,
                }
            }
        }
        if rev[3] != 0 {
            match (master, io::read(0, &mut buf)) {
                (Some(m), Ok(n)) if n > 0 => {
                    typed.clear();
                    if detach.filter(&buf[..n], &mut typed) {
                        io::write_all(m, &typed);
                        hold_terminal(m);
                        return Ok(SessionEnd::Detached);
                    }
                    io::write_all(m, &typed);
                }
                (m, _) => {
                    stdin_open = false;
                    if let Some(m) = m {
                        io::write_all(m, &[4]); // end of input, as ^D would
                    }
                }
            }
        }
        if rev[1] != 0 {
            if let Some((code, _)) = io::try_reap(j.pid) {
                if let (Some(m), true) = (master, master_open) {
                    io::set_nonblocking(m);
                    while let Ok(n) = io::read(m, &mut buf) {
                        if n == 0 || (out_open && !io::write_all(1, &buf[..n])) {
                            break;
                        }
                    }
                }
                return Ok(SessionEnd::Exited(code));
            }
        }
    }
}

/// Keeps a detached exec session's terminal open (closing it would hang the process up):
/// a child of ours, in a session of its own, reads and drops its output until the process
/// is done with it.
pub fn hold_terminal(master: RawFd) {
    // SAFETY: fork of this single-threaded process; the child makes only system calls.
    unsafe {
        match libc::fork() {
            0 => {
                libc::setsid();
                for fd in 0..3 {
                    libc::close(fd);
                }
                let flags = libc::fcntl(master, libc::F_GETFL);
                libc::fcntl(master, libc::F_SETFL, flags & !libc::O_NONBLOCK);
                let mut buf = [0u8; 4096];
                while libc::read(master, buf.as_mut_ptr().cast(), buf.len()) > 0 {}
                libc::_exit(0);
            }
            _ => {}
        }
    }
}
