//! The built-in init (`--init`): PID 1 forks the command, forwards every signal it gets to
//! it, reaps all zombies, and exits with the command's status. Like catatonit, in-process.

use crate::runtime::exec::{exec_command, fail, Stage};
use crate::runtime::steps::ProcessSteps;

pub fn run_as_init(p: &ProcessSteps, report: i32) -> ! {
    // SAFETY: signal, fork and wait system calls only; the child execs at once.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::sigprocmask(libc::SIG_SETMASK, &all, std::ptr::null_mut());
        let child = libc::fork();
        if child < 0 {
            fail(report, Stage::Fork, 0, std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO));
        }
        if child == 0 {
            exec_command(p, report);
        }
        // PID 1 never execs: close every fd the supervisor passed down (pipes, locks,
        // sockets), so none is held open for the container's lifetime.
        libc::close(report);
        libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
        libc::prctl(libc::PR_SET_NAME, c"init".as_ptr());
        loop {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let sig = libc::sigwaitinfo(&all, &mut info);
            if sig < 0 {
                continue;
            }
            if sig != libc::SIGCHLD {
                libc::kill(child, sig);
                continue;
            }
            loop {
                let mut status = 0;
                let pid = libc::waitpid(-1, &mut status, libc::WNOHANG);
                if pid <= 0 {
                    break;
                }
                if pid == child {
                    let code = if libc::WIFEXITED(status) {
                        libc::WEXITSTATUS(status)
                    } else if libc::WIFSIGNALED(status) {
                        128 + libc::WTERMSIG(status)
                    } else {
                        continue;
                    };
                    libc::_exit(code);
                }
            }
        }
    }
}
