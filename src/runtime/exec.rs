//! The last steps before the command runs, shared by the container's first process and the
//! built-in init: reporting a failed step to the parent, and exec'ing the command. Only
//! system calls on memory prepared before the clone.

use crate::runtime::steps::ProcessSteps;

/// Where the child failed, for the parent's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Stage {
    SetId = 1,
    Hostname,
    Propagation,
    RootMount,
    OpenRoot,
    Mountpoint,
    Mount,
    Remount,
    Propagate,
    DevSymlink,
    Workdir,
    Pivot,
    Mask,
    ReadOnly,
    RootReadOnly,
    Chdir,
    Terminal,
    Caps,
    Groups,
    Setgid,
    Setuid,
    NoNewPrivs,
    Fork,
    Exec,
    Join,
    Rlimit,
    Seccomp,
    Sysctl,
    OomScoreAdj,
    AppArmor,
    Nest,
}

impl Stage {
    pub fn from_u32(v: u32) -> Option<Stage> {
        use Stage::*;
        const ALL: [Stage; 31] = [
            SetId, Hostname, Propagation, RootMount, OpenRoot, Mountpoint, Mount, Remount,
            Propagate, DevSymlink, Workdir, Pivot, Mask, ReadOnly, RootReadOnly, Chdir, Terminal,
            Caps, Groups, Setgid, Setuid, NoNewPrivs, Fork, Exec, Join, Rlimit, Seccomp, Sysctl,
            OomScoreAdj, AppArmor, Nest,
        ];
        ALL.iter().copied().find(|s| *s as u32 == v)
    }
}

/// The size of a report on the pipe: stage, index, errno.
pub const REPORT_LEN: usize = 12;

/// `PREFIX` `N` `SUFFIX` in a stack buffer, NUL-terminated (no allocation).
pub fn numbered_path<'a>(prefix: &[u8], n: u32, suffix: &[u8], buf: &'a mut [u8; 48]) -> *const std::os::raw::c_char {
    let mut digits = [0u8; 12];
    let (mut n, mut len) = (n, 0);
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut at = 0;
    for &b in prefix.iter().chain(digits[..len].iter().rev()).chain(suffix.iter()) {
        if at + 1 >= buf.len() {
            break;
        }
        buf[at] = b;
        at += 1;
    }
    buf[at] = 0;
    buf.as_ptr().cast()
}

pub fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO)
}

pub(crate) fn fail(report: i32, stage: Stage, index: usize, err: i32) -> ! {
    let mut buf = [0u8; REPORT_LEN];
    buf[0..4].copy_from_slice(&(stage as u32).to_ne_bytes());
    buf[4..8].copy_from_slice(&(index as u32).to_ne_bytes());
    buf[8..12].copy_from_slice(&err.to_ne_bytes());
    // SAFETY: writes a stack buffer to a pipe and leaves; nothing here allocates.
    unsafe {
        libc::write(report, buf.as_ptr().cast(), buf.len());
        libc::_exit(1)
    }
}

/// Restores default signal handling and execs the command, trying each $PATH candidate.
pub fn exec_command(p: &ProcessSteps, report: i32) -> ! {
    // SAFETY: signal and exec system calls on prepared memory.
    unsafe {
        for sig in 1..=libc::SIGRTMAX() {
            if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        // Only stdio and the fds asked for reach the command (the rest close at exec).
        libc::syscall(libc::SYS_close_range, 3 + p.preserve_fds, u32::MAX, libc::CLOSE_RANGE_CLOEXEC);
        // The passed fds are kept close-on-exec by the supervisor (so its helpers do not hold
        // them): open for the command alone.
        for fd in 3..3 + p.preserve_fds as i32 {
            libc::fcntl(fd, libc::F_SETFD, 0);
        }
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());

        let mut best = libc::ENOENT;
        for cand in &p.exec_candidates {
            libc::execve(cand.as_ptr(), p.argv_ptrs.as_ptr(), p.envp_ptrs.as_ptr());
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR {
                best = e;
                if e != libc::EACCES {
                    break;
                }
            }
        }
        fail(report, Stage::Exec, 0, best)
    }
}


#[cfg(test)]
mod tests {
    #[test]
    fn stages_round_trip() {
        assert_eq!(super::Stage::from_u32(super::Stage::Exec as u32), Some(super::Stage::Exec));
        assert_eq!(super::Stage::from_u32(999), None);
    }
}
