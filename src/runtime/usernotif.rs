//! Seccomp user notifications, the supervisor's side: the container's `listen` and `bind`
//! calls wait in the kernel until the supervisor answers them through the filter's listener
//! (seccomp::handover_program), which may first put a descriptor of its own in the caller's
//! table. Also the two ways to look at the caller: a copy of one of its descriptors
//! (pidfd_getfd) and a read of its memory (process_vm_readv). The caller is blocked in its
//! call meanwhile, but other threads of its process are not: what is read is only trusted as
//! far as the container could have asked for it anyway.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// A call the container waits on.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub id: u64,
    /// The calling thread, as this process sees it.
    pub pid: i32,
    pub syscall: i64,
    pub args: [u64; 6],
}

/// The listener of the container's handover filter.
pub struct Listener(OwnedFd);

fn ioctl(fd: RawFd, request: libc::Ioctl, arg: *mut libc::c_void) -> std::io::Result<()> {
    // SAFETY: one of the seccomp listener's ioctls, with the structure it expects.
    if unsafe { libc::ioctl(fd, request, arg) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

impl Listener {
    pub fn new(fd: OwnedFd) -> Listener {
        Listener(fd)
    }

    pub fn fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }

    /// The next waiting call (poll for POLLIN first: this blocks). ENOENT: the caller went
    /// away before it could be read.
    pub fn recv(&self) -> std::io::Result<Request> {
        // SAFETY: seccomp_notif is plain data; the kernel wants it zeroed.
        let mut n: libc::seccomp_notif = unsafe { std::mem::zeroed() };
        ioctl(self.fd(), libc::SECCOMP_IOCTL_NOTIF_RECV, (&mut n as *mut libc::seccomp_notif).cast())?;
        let mut args = [0u64; 6];
        args.copy_from_slice(&n.data.args);
        Ok(Request { id: n.id, pid: n.pid as i32, syscall: n.data.nr as i64, args })
    }

    fn send(&self, id: u64, val: i64, error: i32, flags: u32) -> std::io::Result<()> {
        let mut r = libc::seccomp_notif_resp { id, val, error, flags };
        ioctl(self.fd(), libc::SECCOMP_IOCTL_NOTIF_SEND, (&mut r as *mut libc::seccomp_notif_resp).cast())
    }

    /// Lets the call go on in the kernel as if nothing had stopped it.
    pub fn proceed(&self, id: u64) {
        let _ = self.send(id, 0, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
    }

    /// Ends the call: it returns `val`, or fails with `errno` when that is not 0.
    pub fn answer(&self, id: u64, val: i64, errno: i32) -> std::io::Result<()> {
        self.send(id, val, -errno, 0)
    }

    /// Whether the call is still waiting (its caller has not died or been interrupted).
    pub fn waiting(&self, id: u64) -> bool {
        let mut id = id;
        ioctl(self.fd(), libc::SECCOMP_IOCTL_NOTIF_ID_VALID, (&mut id as *mut u64).cast()).is_ok()
    }

    /// Puts `src` at descriptor number `target` of the caller (closing what was there), as
    /// dup3 would; close-on-exec when `cloexec`.
    pub fn place_fd(&self, id: u64, src: RawFd, target: i32, cloexec: bool) -> std::io::Result<()> {
        let mut a = libc::seccomp_notif_addfd {
            id,
            flags: libc::SECCOMP_ADDFD_FLAG_SETFD as u32,
            srcfd: src as u32,
            newfd: target as u32,
            newfd_flags: if cloexec { libc::O_CLOEXEC as u32 } else { 0 },
        };
        ioctl(self.fd(), libc::SECCOMP_IOCTL_NOTIF_ADDFD, (&mut a as *mut libc::seccomp_notif_addfd).cast())
    }
}

/// The process (thread group) thread `tid` belongs to.
fn thread_group(tid: i32) -> Option<i32> {
    let status = std::fs::read_to_string(format!("/proc/{tid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("Tgid:")).and_then(|v| v.trim().parse().ok())
}

/// A copy of descriptor `fd` of thread `tid`'s process (the same open file).
pub fn copy_fd(tid: i32, fd: i32) -> std::io::Result<OwnedFd> {
    // Its process (a pidfd names a process; its threads share its descriptors).
    let pid = thread_group(tid).unwrap_or(tid);
    // SAFETY: pidfd_open and pidfd_getfd return new descriptors, which we then own.
    unsafe {
        let pidfd = libc::syscall(libc::SYS_pidfd_open, pid, 0);
        if pidfd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let pidfd = OwnedFd::from_raw_fd(pidfd as i32);
        let got = libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0);
        if got < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(OwnedFd::from_raw_fd(got as i32))
    }
}

/// Whether descriptor `fd` of `pid` is close-on-exec (its fdinfo's octal flags).
pub fn fd_cloexec(pid: i32, fd: i32) -> bool {
    let info = std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}")).unwrap_or_default();
    let flags = info.lines().find_map(|l| l.strip_prefix("flags:")).and_then(|v| u64::from_str_radix(v.trim(), 8).ok()).unwrap_or(0);
    flags & libc::O_CLOEXEC as u64 != 0
}

/// `len` bytes (at most 128) of `pid`'s memory at `addr`.
pub fn read_memory(pid: i32, addr: u64, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; len.min(128)];
    let local = libc::iovec { iov_base: buf.as_mut_ptr().cast(), iov_len: buf.len() };
    let remote = libc::iovec { iov_base: addr as *mut libc::c_void, iov_len: buf.len() };
    // SAFETY: reads into our buffer, of the length given.
    let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    buf.truncate(n as usize);
    Ok(buf)
}
