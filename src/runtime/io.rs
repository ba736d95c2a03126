//! The parent's side of a foreground container: forwards signals, relays the terminal
//! (raw mode, always restored; window size changes), and returns the exit code.

use crate::runtime::launch::{forwarded_set, Started};
use anyhow::{anyhow, Context, Result};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// Puts a terminal in raw mode and restores it when dropped (also on error paths).
pub struct RawMode {
    fd: i32,
    saved: libc::termios,
}

impl RawMode {
    pub fn enable(fd: i32) -> Option<RawMode> {
        // SAFETY: termios calls on a terminal fd with a zeroed struct.
        unsafe {
            if libc::isatty(fd) != 1 {
                return None;
            }
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(fd, &mut saved) < 0 {
                return None;
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            if libc::tcsetattr(fd, libc::TCSANOW, &raw) < 0 {
                return None;
            }
            Some(RawMode { fd, saved })
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // SAFETY: restores the attributes saved in `enable`.
        unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved) };
    }
}

/// The caller's terminal size, from stdin or stdout.
pub fn winsize() -> Option<libc::winsize> {
    for fd in [0, 1] {
        // SAFETY: TIOCGWINSZ fills a zeroed winsize.
        let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
        if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0 {
            return Some(ws);
        }
    }
    None
}

fn write_all(fd: i32, mut buf: &[u8]) -> bool {
    while !buf.is_empty() {
        // SAFETY: writes from a valid slice.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        buf = &buf[n as usize..];
    }
    true
}

fn status_code(status: libc::c_int) -> i32 {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        125
    }
}

/// Waits for the container, forwarding signals and relaying the terminal; returns its
/// exit code (128+N when a signal ended it).
pub fn wait(mut started: Started, interactive: bool) -> Result<i32> {
    let fuse = started.fuse.take();
    let r = wait_inner(started, interactive);
    if let Some(f) = fuse {
        f.stop();
    }
    r
}

fn wait_inner(started: Started, interactive: bool) -> Result<i32> {
    let set = forwarded_set();
    // SAFETY: signalfd over signals this process has blocked.
    let sfd = unsafe { libc::signalfd(-1, &set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK) };
    if sfd < 0 {
        return Err(anyhow!(std::io::Error::last_os_error())).context("creating a signalfd");
    }
    // SAFETY: we own the new fd.
    let sfd = unsafe { OwnedFd::from_raw_fd(sfd) };
    let master = started.master.as_ref().map(|m| m.as_raw_fd());
    let _raw = match (master, interactive) {
        (Some(_), true) => RawMode::enable(0),
        _ => None,
    };
    let mut stdin_open = master.is_some() && interactive;
    let mut master_open = master.is_some();
    let mut buf = vec![0u8; 64 * 1024];
    let pid = started.pid;

    let code = loop {
        let mut fds = vec![
            libc::pollfd { fd: sfd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: started.pidfd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        if let (Some(m), true) = (master, master_open) {
            fds.push(libc::pollfd { fd: m, events: libc::POLLIN, revents: 0 });
        }
        if stdin_open {
            fds.push(libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 });
        }
        // SAFETY: polls a valid array of pollfds.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(anyhow!(std::io::Error::last_os_error())).context("waiting for the container");
        }
        for pfd in &fds {
            if pfd.revents == 0 {
                continue;
            }
            if pfd.fd == sfd.as_raw_fd() {
                // SAFETY: reads whole signalfd_siginfo records.
                let mut info: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
                while unsafe { libc::read(sfd.as_raw_fd(), (&mut info as *mut libc::signalfd_siginfo).cast(), std::mem::size_of::<libc::signalfd_siginfo>()) } > 0 {
                    let sig = info.ssi_signo as i32;
                    match (sig, master) {
                        (libc::SIGWINCH, Some(m)) => {
                            if let Some(ws) = winsize() {
                                // SAFETY: sets the pty size from a valid winsize.
                                unsafe { libc::ioctl(m, libc::TIOCSWINSZ, &ws) };
                            }
                        }
                        (libc::SIGWINCH, None) => {}
                        // SAFETY: signals our own child.
                        _ => unsafe {
                            libc::kill(pid, sig);
                        },
                    }
                }
            } else if Some(pfd.fd) == master {
                // SAFETY: reads into a valid buffer.
                let r = unsafe { libc::read(pfd.fd, buf.as_mut_ptr().cast(), buf.len()) };
                if r > 0 {
                    write_all(1, &buf[..r as usize]);
                } else if r == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                    master_open = false;
                }
            } else if pfd.fd == 0 {
                // SAFETY: reads into a valid buffer.
                let r = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
                if r > 0 {
                    if let Some(m) = master {
                        write_all(m, &buf[..r as usize]);
                    }
                } else {
                    stdin_open = false;
                    if let Some(m) = master {
                        write_all(m, &[4]); // end of input, as ^D would
                    }
                }
            }
        }
        if fds[1].revents != 0 {
            let mut status = 0;
            // SAFETY: reaps our own child, which has exited.
            let r = unsafe { libc::waitpid(pid, &mut status, 0) };
            if r == pid {
                break status_code(status);
            }
        }
    };
    // Drain what the container wrote just before it exited.
    if let (Some(m), true) = (master, master_open) {
        // SAFETY: fcntl and read on our own fd.
        unsafe { libc::fcntl(m, libc::F_SETFL, libc::O_NONBLOCK) };
        loop {
            let r = unsafe { libc::read(m, buf.as_mut_ptr().cast(), buf.len()) };
            if r <= 0 {
                break;
            }
            write_all(1, &buf[..r as usize]);
        }
    }
    Ok(code)
}
