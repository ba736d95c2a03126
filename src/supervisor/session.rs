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

/// Watches `j` until it exits; `sfd` is the signalfd made before it was started.
pub fn relay(j: &Joined, sfd: &OwnedFd, interactive: bool) -> Result<i32> {
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
            stdin_open = stdin_to_terminal(master, &mut buf);
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
                return Ok(code);
            }
        }
    }
}
