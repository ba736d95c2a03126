//! The system calls a supervisor's loop makes, behind small safe functions: raw terminal
//! mode (always restored), window sizes, a signalfd, poll, reads and writes on raw fds,
//! reaping with Podman's exit codes, signals, pipes, and the attach socket.

use crate::runtime::launch::forwarded_set;
use anyhow::{anyhow, Context, Result};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

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

/// Writes all of `buf` (retrying on EINTR); false once the fd refuses (e.g. EPIPE).
pub fn write_all(fd: i32, mut buf: &[u8]) -> bool {
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

/// Writes what a non-blocking fd takes now: the count, 0 when it is full.
pub fn write_some(fd: RawFd, buf: &[u8]) -> std::io::Result<usize> {
    loop {
        // SAFETY: writes from a valid slice.
        let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = std::io::Error::last_os_error();
        match e.kind() {
            std::io::ErrorKind::Interrupted => continue,
            std::io::ErrorKind::WouldBlock => return Ok(0),
            _ => return Err(e),
        }
    }
}

/// Ends this process by `sig` as its default action would (an attach client that does
/// not proxy signals dies of them, as any program would); returns if that action is not
/// to end (SIGCONT, SIGWINCH).
pub fn die_of_signal(sig: i32) {
    // SAFETY: restores the default action, unblocks everything and raises the signal.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        unblock_all_signals();
        libc::raise(sig);
    }
}

/// Podman's exit code for a wait status: the code, or 128+N for a signal.
pub fn status_code(status: libc::c_int) -> i32 {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else if libc::WIFSIGNALED(status) {
        128 + libc::WTERMSIG(status)
    } else {
        125
    }
}


/// Sets a terminal's window size.
pub fn set_winsize(fd: RawFd, ws: &libc::winsize) {
    // SAFETY: TIOCSWINSZ from a valid winsize.
    unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, ws) };
}

/// A signalfd for the forwarded signals (which `launch::spawn` blocked before the clone).
pub fn forwarded_signalfd() -> Result<OwnedFd> {
    let set = forwarded_set();
    // SAFETY: blocks the set (again, harmlessly) and makes a signalfd over it.
    let sfd = unsafe {
        libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        libc::signalfd(-1, &set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK)
    };
    if sfd < 0 {
        return Err(anyhow!(std::io::Error::last_os_error())).context("creating a signalfd");
    }
    // SAFETY: we own the new fd.
    Ok(unsafe { OwnedFd::from_raw_fd(sfd) })
}

/// Unblocks the forwarded signals when dropped: a client that stops proxying them (its
/// session over) can be interrupted again, as any program.
pub struct ForwardedBlocked;

impl Drop for ForwardedBlocked {
    fn drop(&mut self) {
        let set = forwarded_set();
        // SAFETY: unblocks a set we blocked.
        unsafe { libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut()) };
    }
}

/// The signals waiting on a signalfd.
pub fn read_signals(sfd: RawFd) -> Vec<i32> {
    let mut out = Vec::new();
    loop {
        // SAFETY: reads one whole signalfd_siginfo record into a zeroed struct.
        let mut info: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
        let n = unsafe { libc::read(sfd, (&mut info as *mut libc::signalfd_siginfo).cast(), std::mem::size_of::<libc::signalfd_siginfo>()) };
        if n <= 0 {
            return out;
        }
        out.push(info.ssi_signo as i32);
    }
}

/// Reads what is there; Ok(0) at end of file; WouldBlock on an empty non-blocking fd.
pub fn read(fd: RawFd, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        // SAFETY: reads into a valid buffer.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// poll(2) over (fd, events); returns the revents in the same order. `timeout_ms` < 0 waits.
pub fn poll(fds: &[(RawFd, i16)], timeout_ms: i32) -> Result<Vec<i16>> {
    let mut p: Vec<libc::pollfd> = fds.iter().map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 }).collect();
    loop {
        // SAFETY: polls a valid array of pollfds.
        let n = unsafe { libc::poll(p.as_mut_ptr(), p.len() as libc::nfds_t, timeout_ms) };
        if n >= 0 {
            return Ok(p.iter().map(|x| x.revents).collect());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow!(e).context("poll"));
        }
    }
}

/// Reaps our child `pid` if it has exited; its Podman exit code and the signal that ended it.
pub fn try_reap(pid: i32) -> Option<(i32, Option<i32>)> {
    let mut status = 0;
    // SAFETY: waitpid on our own child.
    let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
    if r == pid {
        let sig = libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status));
        Some((status_code(status), sig))
    } else {
        None
    }
}

/// Sends `sig` to `pid`; false when the process is gone.
pub fn kill(pid: i32, sig: i32) -> bool {
    // SAFETY: kill(2); callers check the pid is the one they mean (start time).
    unsafe { libc::kill(pid, sig) == 0 }
}

/// In a helper's child between fork and exec: none of the signals the supervisor blocks for
/// itself stays blocked (a stop must stop it). Only sigprocmask on a local set.
pub fn unblock_all_signals() {
    // SAFETY: initialises a local set and installs it as the mask.
    unsafe {
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
    }
}

/// The last three non-empty lines of a helper's log, joined, for an error message.
pub fn log_tail(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(3)..].join("; ")
}

/// Opens a pidfd for any process we can see.
pub fn pidfd_open(pid: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open returns a new fd or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    // SAFETY: the new fd is ours.
    (fd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Sends a signal through a pidfd (no pid reuse race).
pub fn pidfd_kill(pidfd: RawFd, sig: i32) -> bool {
    // SAFETY: pidfd_send_signal with no siginfo.
    unsafe { libc::syscall(libc::SYS_pidfd_send_signal, pidfd, sig, std::ptr::null::<libc::siginfo_t>(), 0) == 0 }
}

/// A pipe, both ends close-on-exec: (read, write).
pub fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    crate::runtime::userns::cloexec_pipe()
}

pub fn set_nonblocking(fd: RawFd) {
    // SAFETY: fcntl on our own fd.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, fl | libc::O_NONBLOCK);
    }
}

/// The socket path for `name` in `dir` as `/proc/self/fd/N/name`, which fits sun_path
/// whatever the length of `dir`; the returned fd must stay open while the path is used.
fn short_path(dir: &std::path::Path, name: &str) -> Result<(std::fs::File, String)> {
    use std::os::unix::fs::OpenOptionsExt;
    let d = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_PATH | libc::O_DIRECTORY).open(dir)
        .with_context(|| format!("opening {}", dir.display()))?;
    let p = format!("/proc/self/fd/{}/{name}", d.as_raw_fd());
    Ok((d, p))
}

/// Listens on the Unix socket `dir/name` (replacing a stale one).
pub fn listen_unix(dir: &std::path::Path, name: &str) -> Result<std::os::unix::net::UnixListener> {
    let (_d, p) = short_path(dir, name)?;
    let _ = std::fs::remove_file(dir.join(name));
    let l = std::os::unix::net::UnixListener::bind(&p).with_context(|| format!("listening on {}", dir.join(name).display()))?;
    Ok(l)
}

/// Connects to the Unix socket `dir/name`.
pub fn connect_unix(dir: &std::path::Path, name: &str) -> std::io::Result<std::os::unix::net::UnixStream> {
    let (_d, p) = short_path(dir, name).map_err(|e| std::io::Error::other(format!("{e:#}")))?;
    std::os::unix::net::UnixStream::connect(p)
}

/// Whether `fd` is a terminal.
/// `build --logfile`: standard output and error go to `file` from here on (the build's step
/// lines and its RUN steps' output alike).
pub fn stdio_to(file: &std::fs::File) {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let fd = std::os::fd::AsRawFd::as_raw_fd(file);
    // SAFETY: dup2 of a descriptor we own onto 1 and 2; Rust's stdout and stderr keep using them.
    unsafe {
        libc::dup2(fd, 1);
        libc::dup2(fd, 2);
    }
}

/// `build -o -`: what the build prints (its RUN steps' output too) goes to stderr, and the
/// returned descriptor is the original stdout, for the tarball.
pub fn stdout_to_stderr() -> Option<i32> {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    // SAFETY: dup and dup2 of the process's own standard descriptors.
    unsafe {
        let saved = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
        if saved < 0 || libc::dup2(2, 1) < 0 {
            return None;
        }
        Some(saved)
    }
}

/// `--noout`: standard output goes to /dev/null from here on (for this process and its children).
pub fn stdout_to_null() {
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        // SAFETY: dup2 onto fd 1 of a descriptor we own; Rust's stdout keeps using fd 1.
        unsafe { libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&null), 1) };
    }
}

pub fn isatty(fd: RawFd) -> bool {
    // SAFETY: isatty on any fd.
    unsafe { libc::isatty(fd) == 1 }
}

/// Starts a new session (the detached supervisor leaves the caller's terminal).
pub fn setsid() {
    // SAFETY: setsid has no memory effects.
    unsafe { libc::setsid() };
}

/// The read-only, never-written file mappings of this process (its program and libraries):
/// pages that can be dropped and read again from the page cache.
fn droppable_ranges() -> Vec<(usize, usize)> {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else { return Vec::new() };
    let mut current: Option<(usize, usize, bool)> = None;
    let mut ranges = Vec::new();
    for line in smaps.lines() {
        let mut f = line.split_whitespace();
        let first = f.next().unwrap_or("");
        if let Some((a, b)) = first.split_once('-').filter(|_| first.contains('-') && !first.ends_with(':')) {
            // A mapping's header: "start-end perms offset dev inode path".
            let perms = f.next().unwrap_or("");
            let path = f.nth(3).unwrap_or("");
            let (Ok(start), Ok(end)) = (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16)) else {
                current = None;
                continue;
            };
            let candidate = path.starts_with('/') && perms.starts_with('r') && !perms.contains('w');
            current = Some((start, end, candidate));
        } else if first == "Anonymous:" {
            if let Some((start, end, true)) = current {
                if f.next() == Some("0") {
                    ranges.push((start, end));
                }
            }
        }
    }
    ranges
}

/// Gives back malloc's free memory and the pages of this process's program and libraries
/// (read again from the page cache when next used).
pub fn trim_resident() {
    let ranges = droppable_ranges();
    // SAFETY: read-only, never-written file mappings: dropping their pages loses nothing;
    // glibc's malloc_trim only releases free memory.
    unsafe {
        for &(start, end) in &ranges {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
        libc::malloc_trim(0);
    }
}

/// `poll` for a supervisor gone quiet: first gives back the memory its start-up and output
/// touched (malloc's free memory, and the pages of its program and libraries), then sleeps.
/// The pages go right before the poll system call, so the little code between them is all
/// that comes back (the kernel maps 16 pages around each page touched again).
pub fn poll_trimmed(fds: &[(RawFd, i16)], timeout_ms: i32) -> Result<Vec<i16>> {
    let ranges = droppable_ranges();
    // SAFETY: glibc's malloc_trim only releases free memory.
    unsafe { libc::malloc_trim(0) };
    let mut p: Vec<libc::pollfd> = fds.iter().map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 }).collect();
    // SAFETY: read-only, never-written file mappings: dropping their pages loses nothing; then
    // a poll on a valid array of pollfds.
    let n = unsafe {
        for &(start, end) in &ranges {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
        libc::poll(p.as_mut_ptr(), p.len() as libc::nfds_t, timeout_ms)
    };
    if n < 0 {
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(anyhow!(e).context("poll"));
        }
        return poll(fds, timeout_ms);
    }
    Ok(p.iter().map(|x| x.revents).collect())
}
