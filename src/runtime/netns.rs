//! Joining a network namespace that is not the container's own (`--network container:NAME`,
//! `ns:PATH`): the namespace and the user namespace owning it, and the clone of the
//! container's first process into them.

use crate::runtime::exec::{fail, Stage};
use anyhow::{anyhow, Context, Result};
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};

/// A network namespace to join and the user namespace that owns it.
pub struct NetnsTarget {
    pub userns: OwnedFd,
    pub netns: OwnedFd,
}

impl NetnsTarget {
    /// Those of the process `pid` (another container's first process). The user namespace is
    /// the topmost one below ours on the way to the network namespace's owner: the owner
    /// itself for most containers, the outer one of a container with a nested mapping, whose
    /// owner does not map the caller (whose store the joining container needs).
    pub fn of_process(pid: i32) -> Result<NetnsTarget> {
        let netns = OwnedFd::from(std::fs::File::open(format!("/proc/{pid}/ns/net")).context("opening the other container's network namespace")?);
        let owner = owner(&netns).context("finding the owner of the other container's network namespace")?;
        Ok(NetnsTarget { userns: below_ours(owner)?, netns })
    }

    /// The network namespace at `path` (`--network ns:PATH`) and its owner.
    pub fn at_path(path: &std::path::Path) -> Result<NetnsTarget> {
        let netns = OwnedFd::from(std::fs::File::open(path).with_context(|| format!("opening the network namespace {}", path.display()))?);
        let userns = owner(&netns).with_context(|| format!("{} is not a network namespace (or its owner cannot be seen)", path.display()))?;
        Ok(NetnsTarget { userns, netns })
    }
}

/// For a helper that joins the network namespace of the container whose first process is
/// `pid` (slirp4netns, pasta): the user namespace to join when it is not the process's own,
/// i.e. when the container's mapping is nested. The process's own namespace does not map the
/// caller then, and the helper would lose sight of the caller's files (its runtime directory).
pub fn helper_userns(pid: i32) -> Result<Option<OwnedFd>> {
    use std::os::unix::fs::MetadataExt;
    let own = std::fs::File::open(format!("/proc/{pid}/ns/user")).context("opening the container's user namespace")?;
    let (own_ino, own_dev) = own.metadata().map(|m| (m.ino(), m.dev())).context("reading the container's user namespace")?;
    let top = std::fs::File::from(below_ours(OwnedFd::from(own))?);
    let m = top.metadata().context("reading a user namespace")?;
    Ok((m.ino() != own_ino || m.dev() != own_dev).then(|| OwnedFd::from(top)))
}

/// The ancestor of user namespace `ns` (or itself) whose parent is our own user namespace.
fn below_ours(mut ns: OwnedFd) -> Result<OwnedFd> {
    use std::os::unix::fs::MetadataExt;
    let ours = std::fs::metadata("/proc/self/ns/user").context("reading our user namespace")?;
    for _ in 0..32 {
        // SAFETY: an ioctl on our fd that returns a new fd or -1.
        let p = unsafe { libc::ioctl(ns.as_raw_fd(), libc::NS_GET_PARENT as _) };
        if p < 0 {
            return Err(anyhow!(std::io::Error::last_os_error()).context("finding the parent of a container's user namespace"));
        }
        // SAFETY: a new fd that we own.
        let parent = std::fs::File::from(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(p) });
        let m = parent.metadata().context("reading a user namespace")?;
        if m.ino() == ours.ino() && m.dev() == ours.dev() {
            return Ok(ns);
        }
        ns = OwnedFd::from(parent);
    }
    Err(anyhow!("the container's user namespace is not below ours"))
}

/// The user namespace that owns the namespace `ns` (NS_GET_USERNS).
pub fn owner(ns: &impl AsRawFd) -> Result<OwnedFd> {
    // SAFETY: an ioctl on the caller's fd that returns a new fd or -1.
    let u = unsafe { libc::ioctl(ns.as_raw_fd(), libc::NS_GET_USERNS as _) };
    if u < 0 {
        return Err(anyhow!(std::io::Error::last_os_error()));
    }
    // SAFETY: a new fd that we own.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(u) })
}

/// Clones a container's first process into a network namespace that is not its own and the
/// user namespace owning it (`--network container:NAME`, `ns:PATH`): a helper joins them, then clones the process with `flags` (its other new namespaces) and
/// CLONE_PARENT, so that it is our child. Its ids need no mapping: the namespace's are
/// already written. Returns its pid; a failure to join is reported on `report` as Join.
pub(crate) fn clone_joined(target: &NetnsTarget, flags: libc::c_int, run: &dyn Fn() -> isize, report: i32) -> Result<i32> {
    let (pid_r, pid_w) = crate::runtime::userns::cloexec_pipe()?;
    let (user_raw, net_raw, pid_w_raw) = (target.userns.as_raw_fd(), target.netns.as_raw_fd(), pid_w.as_raw_fd());
    let flags = (flags & !(libc::CLONE_NEWUSER | libc::CLONE_NEWNET)) | libc::CLONE_PARENT | libc::SIGCHLD;
    // The grandchild runs the container's setup on a copy of this stack: as large as the
    // one a container's first process gets.
    let mut stack = vec![0u8; 256 * 1024];
    let cb = Box::new(|| -> isize {
        // SAFETY: system calls on memory prepared before the clone; the grandchild runs
        // `run`, which execs or exits.
        unsafe {
            if libc::setns(user_raw, libc::CLONE_NEWUSER) < 0 || libc::setns(net_raw, libc::CLONE_NEWNET) < 0 {
                fail(report, Stage::Join, 0, crate::runtime::exec::errno());
            }
            let pid = libc::syscall(libc::SYS_clone, flags as libc::c_ulong, 0usize, 0usize, 0usize, 0usize);
            if pid < 0 {
                fail(report, Stage::Fork, 0, crate::runtime::exec::errno());
            }
            if pid == 0 {
                libc::_exit(run() as i32);
            }
            let bytes = (pid as i32).to_ne_bytes();
            libc::write(pid_w_raw, bytes.as_ptr().cast(), bytes.len());
            libc::_exit(0)
        }
    });
    // SAFETY: single-threaded (the caller checked); the helper only makes system calls.
    let helper = unsafe { nix::sched::clone(cb, &mut stack, nix::sched::CloneFlags::empty(), Some(libc::SIGCHLD)) }
        .map_err(|e| anyhow!(e).context("starting the helper that joins the other container's namespaces"))?
        .as_raw();
    drop(pid_w);
    // SAFETY: reaps our helper, which exits at once.
    unsafe { libc::waitpid(helper, std::ptr::null_mut(), 0) };
    let mut pidbuf = [0u8; 4];
    let got = std::fs::File::from(pid_r).read(&mut pidbuf).unwrap_or(0);
    if got != 4 {
        // The helper reported why on `report`; the caller reads it.
        return Ok(-1);
    }
    Ok(i32::from_ne_bytes(pidbuf))
}
