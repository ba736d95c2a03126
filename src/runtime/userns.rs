//! Running hutch's own code, or a command, inside a user namespace with the caller's mapping.
//! Used to unpack layers (so ownership lands on the mapped ids), to remove trees that hold
//! files owned by subordinate ids, and for `hutch unshare`.
//!
//! The process is single-threaded when it forks, so the child may run ordinary Rust.

use crate::runtime::idmap::{self, IdMapping};
use anyhow::{anyhow, Context, Result};
use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Gid, Uid};
use std::io::{Read, Write};
use std::os::fd::OwnedFd;

/// Creates a pipe whose ends are closed on exec.
pub fn cloexec_pipe() -> Result<(OwnedFd, OwnedFd)> {
    nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).context("creating a pipe")
}

/// Waits for `pid` and turns its end into an exit code (128+N for a signal, as shells do).
pub fn wait_exit_code(pid: nix::unistd::Pid) -> Result<i32> {
    loop {
        match waitpid(pid, None) {
            Ok(WaitStatus::Exited(_, code)) => return Ok(code),
            Ok(WaitStatus::Signaled(_, sig, _)) => return Ok(128 + sig as i32),
            Ok(_) => continue,
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e).context("waiting for the helper process"),
        }
    }
}

/// A helper process in a user namespace, already mapped and running `f`.
pub struct UsernsChild {
    pub pid: nix::unistd::Pid,
    report: std::fs::File,
}

impl UsernsChild {
    /// Waits for the helper; its error (if `f` failed) comes back as an error here.
    pub fn wait(mut self) -> Result<i32> {
        let mut msg = String::new();
        let _ = self.report.read_to_string(&mut msg);
        let code = wait_exit_code(self.pid)?;
        if !msg.is_empty() {
            return Err(if code == crate::error::EXIT_TOOL { anyhow!(msg) } else { crate::error::exit_error(code, msg) });
        }
        Ok(code)
    }
}

/// Runs `f` in a child in a new user namespace (and mount namespace if asked) mapped with
/// `mapping`, as uid 0 there. `Ok(code)` from `f` becomes the child's exit code, which is
/// returned; an error from `f` comes back as an error here. `f` may exec: the report pipe
/// closes on exec and the exec'd program's exit code is returned.
pub fn run_in_userns<F>(mapping: &IdMapping, mount_ns: bool, f: F) -> Result<i32>
where
    F: FnOnce() -> Result<i32>,
{
    spawn_in_userns(mapping, mount_ns, f)?.wait()
}

/// Like `run_in_userns`, but returns as soon as the child is mapped and running `f`.
/// Must be called while hutch is single-threaded: the child runs ordinary Rust after fork.
pub fn spawn_in_userns<F>(mapping: &IdMapping, mount_ns: bool, f: F) -> Result<UsernsChild>
where
    F: FnOnce() -> Result<i32>,
{
    let (go_r, go_w) = cloexec_pipe()?;
    let (ready_r, ready_w) = cloexec_pipe()?;
    let (report_r, report_w) = cloexec_pipe()?;
    // SAFETY: hutch is single-threaded at this point (no threads have been started), so the
    // child may allocate and run ordinary code.
    match unsafe { fork() }.context("forking a helper process")? {
        ForkResult::Child => {
            drop((go_w, ready_r, report_r));
            let mut flags = CloneFlags::CLONE_NEWUSER;
            if mount_ns {
                flags |= CloneFlags::CLONE_NEWNS;
            }
            let mut report = std::fs::File::from(report_w);
            let result = (|| -> Result<i32> {
                unshare(flags).context("creating a user namespace (unshare)")
                    .map_err(crate::runtime::diagnose::userns_error)?;
                std::fs::File::from(ready_w).write_all(b"1").context("telling the parent")?;
                let mut b = [0u8; 1];
                let n = std::fs::File::from(go_r).read(&mut b).context("waiting for the id map")?;
                if n != 1 {
                    return Err(anyhow!("the parent gave up before mapping ids"));
                }
                nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0))
                    .context("becoming gid 0 in the user namespace")?;
                nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0))
                    .context("becoming uid 0 in the user namespace")?;
                if mount_ns {
                    nix::mount::mount(None::<&str>, "/", None::<&str>,
                        nix::mount::MsFlags::MS_REC | nix::mount::MsFlags::MS_SLAVE, None::<&str>)
                        .context("making mounts private to the new mount namespace")?;
                }
                f()
            })();
            let code = match result {
                Ok(code) => code,
                Err(e) => {
                    let _ = report.write_all(format!("{e:#}").as_bytes());
                    crate::error::exit_code_of(&e)
                }
            };
            let _ = std::io::stdout().flush();
            // SAFETY: leaves the child without running the parent's atexit handlers twice.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => {
            drop((go_r, ready_w, report_w));
            let mut b = [0u8; 1];
            let ready = std::fs::File::from(ready_r).read(&mut b).unwrap_or(0) == 1;
            let helper = UsernsChild { pid: child, report: std::fs::File::from(report_r) };
            if !ready {
                drop(go_w);
                // The child failed to unshare: its report says why.
                return helper.wait().and_then(|_| Err(anyhow!("the user namespace helper exited early")));
            }
            if let Err(e) = idmap::apply(child.as_raw(), mapping) {
                drop(go_w);
                let _ = helper.wait();
                return Err(e);
            }
            std::fs::File::from(go_w).write_all(b"1").context("releasing the helper process")?;
            Ok(helper)
        }
    }
}

/// Runs `f` in a forked child that has joined the user namespace of process `pid` (one the
/// caller created, so joining needs no privilege), as root there. Errors come back as with
/// `run_in_userns`. Must be called while hutch is single-threaded.
pub fn run_in_userns_of<F>(pid: i32, f: F) -> Result<i32>
where
    F: FnOnce() -> Result<i32>,
{
    let (report_r, report_w) = cloexec_pipe()?;
    // SAFETY: hutch is single-threaded here; the child runs ordinary code, then exits.
    match unsafe { fork() }.context("forking a helper process")? {
        ForkResult::Child => {
            drop(report_r);
            let mut report = std::fs::File::from(report_w);
            let result = (|| -> Result<i32> {
                let ns = std::fs::File::open(format!("/proc/{pid}/ns/user")).context("opening the container's user namespace")?;
                nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER).context("joining the container's user namespace")?;
                nix::unistd::setresgid(Gid::from_raw(0), Gid::from_raw(0), Gid::from_raw(0)).context("becoming gid 0 in the container's user namespace")?;
                nix::unistd::setresuid(Uid::from_raw(0), Uid::from_raw(0), Uid::from_raw(0)).context("becoming uid 0 in the container's user namespace")?;
                f()
            })();
            let code = match result {
                Ok(c) => c,
                Err(e) => {
                    let _ = report.write_all(format!("{e:#}").as_bytes());
                    crate::error::exit_code_of(&e)
                }
            };
            // SAFETY: leaves the child without running the parent's atexit handlers.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => {
            drop(report_w);
            UsernsChild { pid: child, report: std::fs::File::from(report_r) }.wait()
        }
    }
}
