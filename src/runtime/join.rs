//! `exec`: a new process in a running container. A helper child joins the container's
//! namespaces with one setns(2) on a pidfd (user first, as the kernel orders them: mount, PID,
//! network, UTS, IPC, cgroup — those that differ from ours), then forks the process itself
//! with CLONE_PARENT, so it is our child, inside the container's PID namespace, and runs
//! `child::become_process`: the same process half as the container's first process.

use crate::runtime::child;
use crate::runtime::exec::{fail, Stage, REPORT_LEN};
use crate::runtime::launch::{check_single_threaded, read_full, recv_fd, ChildIo, ChildStdio};
use crate::runtime::steps::ProcessSteps;
use anyhow::{anyhow, Context, Result};
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;

/// A process started in a container.
pub struct Joined {
    pub pid: i32,
    pub pidfd: OwnedFd,
    /// The terminal's master side, with `-t`.
    pub master: Option<OwnedFd>,
}

/// The namespaces of `pid` that differ from ours, as CLONE_* flags.
fn differing_namespaces(pid: i32) -> Result<libc::c_int> {
    let mut flags = 0;
    for (name, flag) in [
        ("user", libc::CLONE_NEWUSER),
        ("mnt", libc::CLONE_NEWNS),
        ("pid", libc::CLONE_NEWPID),
        ("net", libc::CLONE_NEWNET),
        ("uts", libc::CLONE_NEWUTS),
        ("ipc", libc::CLONE_NEWIPC),
        ("cgroup", libc::CLONE_NEWCGROUP),
    ] {
        let theirs = std::fs::metadata(format!("/proc/{pid}/ns/{name}")).with_context(|| format!("reading the container's {name} namespace"))?;
        let ours = std::fs::metadata(format!("/proc/self/ns/{name}")).with_context(|| format!("reading our {name} namespace"))?;
        if theirs.ino() != ours.ino() || theirs.dev() != ours.dev() {
            flags |= flag;
        }
    }
    Ok(flags)
}

/// Starts `ps` inside the namespaces of the container whose first process is `target`
/// (`target_fd`, a pidfd on it, pins that very process). Returns once the command runs.
/// `cgroup_procs`: the container's own cgroup's `cgroup.procs`, opened for writing, when it
/// has one: the process joins it first, so its limits hold for what exec runs too.
pub fn exec_in(target: i32, target_fd: &OwnedFd, ps: &ProcessSteps, stdio: ChildStdio, die_with_parent: bool, cgroup_procs: Option<&std::fs::File>) -> Result<Joined> {
    check_single_threaded()?;
    let ns = differing_namespaces(target)?;
    let (report_r, report_w) = crate::runtime::userns::cloexec_pipe()?;
    let (pid_r, pid_w) = crate::runtime::userns::cloexec_pipe()?;
    let io = ChildIo::new(ps.terminal, stdio)?;
    let fds = io.fds(-1, report_w.as_raw_fd(), stdio, die_with_parent, [report_r.as_raw_fd(), pid_r.as_raw_fd()]);
    let (target_raw, pid_w_raw) = (target_fd.as_raw_fd(), pid_w.as_raw_fd());
    let procs_raw = cgroup_procs.map(|f| f.as_raw_fd()).unwrap_or(-1);
    let mut stack = vec![0u8; 64 * 1024];
    let cb = Box::new(|| -> isize {
        // SAFETY: system calls on memory prepared before the clone; the grandchild execs.
        unsafe {
            child::close_parent_ends(&fds);
            // "0" moves the writer itself; the process forked below inherits the cgroup.
            if procs_raw >= 0 && libc::write(procs_raw, c"0".as_ptr().cast(), 1) < 0 {
                fail(fds.report, Stage::Join, 1, crate::runtime::exec::errno());
            }
            if libc::setns(target_raw, ns) < 0 {
                fail(fds.report, Stage::Join, 0, crate::runtime::exec::errno());
            }
            // The process itself: our parent's child, in the container's PID namespace.
            let pid = libc::syscall(libc::SYS_clone, (libc::CLONE_PARENT | libc::SIGCHLD) as libc::c_ulong, 0usize, 0usize, 0usize, 0usize);
            if pid < 0 {
                fail(fds.report, Stage::Fork, 0, crate::runtime::exec::errno());
            }
            if pid == 0 {
                child::become_process(ps, &fds);
            }
            let bytes = (pid as i32).to_ne_bytes();
            libc::write(pid_w_raw, bytes.as_ptr().cast(), bytes.len());
            libc::_exit(0)
        }
    });
    // SAFETY: single-threaded (checked); the helper only makes system calls, then exits.
    let helper = unsafe { nix::sched::clone(cb, &mut stack, nix::sched::CloneFlags::empty(), Some(libc::SIGCHLD)) }
        .map_err(|e| anyhow!(e).context("starting the exec helper"))?
        .as_raw();
    drop((report_w, pid_w));
    let console = io.parent_side();
    // SAFETY: reaps our helper, which exits at once.
    unsafe { libc::waitpid(helper, std::ptr::null_mut(), 0) };
    let mut pidbuf = [0u8; 4];
    let got = std::fs::File::from(pid_r).read(&mut pidbuf).unwrap_or(0);
    let mut report = [0u8; REPORT_LEN];
    let n = read_full(std::fs::File::from(report_r), &mut report);
    let pid = (got == 4).then(|| i32::from_ne_bytes(pidbuf));
    if n == REPORT_LEN {
        if let Some(pid) = pid {
            // SAFETY: reaping our failed child.
            unsafe { libc::waitpid(pid, std::ptr::null_mut(), 0) };
        }
        return Err(crate::runtime::launch::describe_report(None, ps, &report));
    }
    let pid = pid.context("the exec helper ended before starting the process")?;
    let pidfd = crate::runtime::io::pidfd_open(pid).context("pidfd_open on the exec'd process")?;
    let master = match console {
        Some(sock) => Some(recv_fd(sock.as_raw_fd()).context("the exec'd process did not hand over its terminal")?),
        None => None,
    };
    Ok(Joined { pid, pidfd, master })
}
