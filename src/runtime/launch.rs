//! Starting a container: clone the child into its namespaces, map its ids with
//! newuidmap/newgidmap, let it run the prepared steps, and wait until it has exec'd the
//! command (the report pipe closes) or reported where it failed.

use crate::error::{exit_error, EXIT_CANNOT_INVOKE, EXIT_NOT_FOUND};
use crate::runtime::child::{self, ChildFds};
use crate::runtime::exec::{Stage, REPORT_LEN};
use crate::runtime::idmap::{self, IdMapping};
use crate::runtime::steps::Prepared;
use anyhow::{anyhow, bail, Context, Result};
use nix::errno::Errno;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

pub struct Started {
    pub pid: i32,
    pub pidfd: OwnedFd,
    /// The terminal's master side, with `-t`.
    pub master: Option<OwnedFd>,
    /// The FUSE daemon serving the container's root, stopped once the container is gone.
    pub fuse: Option<FuseDaemon>,
    /// The listener of the handover filter (steps' `handover_filter`), once it has exec'd.
    pub handover: Option<OwnedFd>,
}

/// fuse-overlayfs running in the container's user and mount namespaces (but outside its PID
/// namespace, so the container cannot see or signal it).
pub struct FuseDaemon(std::process::Child);

impl FuseDaemon {
    /// Starts `program -f -o OPTIONS MOUNTPOINT` inside the namespaces of `pid` and waits until
    /// the mount shows in that process's mountinfo.
    fn start(pid: i32, program: &std::path::Path, options: &str, mountpoint: &std::ffi::CStr) -> Result<FuseDaemon> {
        use std::os::unix::process::CommandExt;
        // The daemon must not live in the container's mount namespace: the container's
        // pivot_root would move its root too and it would lose sight of the layers. So the
        // helper mounts /dev/fuse (fd=N) on the container's root mount point from inside
        // the container's namespaces, then moves to a mount namespace of its own and serves
        // the mount as `/dev/fd/N`.
        const FUSE_FD: i32 = 100;
        let userns = std::fs::File::open(format!("/proc/{pid}/ns/user")).context("opening the container's user namespace")?;
        let mntns = std::fs::File::open(format!("/proc/{pid}/ns/mnt")).context("opening the container's mount namespace")?;
        let (u, m) = (userns.as_raw_fd(), mntns.as_raw_fd());
        let target = mountpoint.to_owned();
        let data = std::ffi::CString::new(format!("fd={FUSE_FD},rootmode=40000,user_id=0,group_id=0,allow_other")).expect("no NUL");
        let mut cmd = std::process::Command::new(program);
        cmd.args(["-f", "-o", options, &format!("/dev/fd/{FUSE_FD}")])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        // SAFETY: between fork and exec only system calls on memory prepared above.
        unsafe {
            cmd.pre_exec(move || {
                let err = || Err(std::io::Error::last_os_error());
                if libc::setns(u, libc::CLONE_NEWUSER) < 0 || libc::setns(m, libc::CLONE_NEWNS) < 0 {
                    return err();
                }
                // Root of the container's namespace, so the capabilities survive the exec
                // (with --userns=keep-id the caller is not root there).
                if libc::setresgid(0, 0, 0) < 0 || libc::setresuid(0, 0, 0) < 0 {
                    return err();
                }
                let fd = libc::open(c"/dev/fuse".as_ptr(), libc::O_RDWR);
                if fd < 0 || libc::dup2(fd, FUSE_FD) < 0 {
                    return err();
                }
                if libc::mount(c"fuse-overlayfs".as_ptr(), target.as_ptr(), c"fuse.fuse-overlayfs".as_ptr(),
                    libc::MS_NOSUID | libc::MS_NODEV, data.as_ptr().cast()) < 0 {
                    return err();
                }
                if libc::unshare(libc::CLONE_NEWNS) < 0 {
                    return err();
                }
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                // A group of its own: fuse-overlayfs forks helpers, stopped with it.
                libc::setpgid(0, 0);
                Ok(())
            });
        }
        let mut child = cmd.spawn().with_context(|| format!("starting {} for the container's root", program.display()))?;
        // Wait for the daemon to answer: a stat through the mount blocks until FUSE INIT.
        // mountinfo names the mount point with its symlinks resolved (a linked runtime dir).
        let given = mountpoint.to_string_lossy().into_owned();
        let mp = std::fs::canonicalize(&given).map(|p| p.to_string_lossy().into_owned()).unwrap_or(given);
        let needle = format!(" {mp} ");
        for _ in 0..2000 {
            if let Ok(info) = std::fs::read_to_string(format!("/proc/{pid}/mountinfo")) {
                if info.lines().any(|l| l.contains(&needle) && l.contains("fuse")) {
                    return Ok(FuseDaemon(child));
                }
            }
            if let Ok(Some(st)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                bail!("{} could not mount the container's root ({st}): {}", program.display(), err.trim());
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        bail!("{} did not mount the container's root within 4 s", program.display())
    }

    /// Stops the daemon (the container is gone, and its mount with it).
    pub fn stop(self) {
        drop(self)
    }
}

impl Drop for FuseDaemon {
    fn drop(&mut self) {
        // The container and its mount namespace are gone: nothing is left to unmount, and
        // libfuse restarts its read on SIGTERM, so SIGKILL.
        // SAFETY: signals our own child, then reaps it.
        unsafe { libc::kill(-(self.0.id() as i32), libc::SIGKILL) };
        let _ = self.0.wait();
    }
}

/// Signals hutch forwards to the container; blocked from before the clone so none is lost.
pub const FORWARDED: &[libc::c_int] = &[
    libc::SIGHUP, libc::SIGINT, libc::SIGQUIT, libc::SIGTERM, libc::SIGUSR1, libc::SIGUSR2,
    libc::SIGALRM, libc::SIGCONT, libc::SIGWINCH,
];

pub fn forwarded_set() -> libc::sigset_t {
    // SAFETY: initialises a local sigset.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &s in FORWARDED {
            libc::sigaddset(&mut set, s);
        }
        set
    }
}

/// A container process cloned into its namespaces, whose ids are being mapped, waiting
/// for the go-ahead. The caller may do other work (write state files) before `release`.
pub struct Pending<'a> {
    p: &'a Prepared,
    pub pid: i32,
    pidfd: OwnedFd,
    go: OwnedFd,
    report: OwnedFd,
    console: Option<OwnedFd>,
    mapping: Option<idmap::Applying>,
    /// A nested container's pipes: its word that its namespaces exist, our go-ahead.
    nest: Option<(OwnedFd, OwnedFd)>,
    /// Our end of the socket the handover filter's listener comes on.
    handover: Option<OwnedFd>,
}

impl Pending<'_> {
    fn kill_and_reap(&self) {
        // SAFETY: the child is ours and not yet reaped.
        unsafe {
            libc::kill(self.pid, libc::SIGKILL);
            libc::waitpid(self.pid, std::ptr::null_mut(), 0);
        }
    }

    /// `r`, killing the child first when it is an error.
    fn or_kill<T>(&self, r: Result<T>) -> Result<T> {
        if r.is_err() {
            self.kill_and_reap();
        }
        r
    }

    /// Gives up on the container (e.g. when writing state failed).
    pub fn abort(mut self) {
        if let Some(m) = self.mapping.take() {
            let _ = m.finish();
        }
        self.kill_and_reap();
    }

    /// Waits for the id map, lets the child run its steps, and waits until it has exec'd
    /// the command (or reported where it failed).
    pub fn release(self) -> Result<Started> {
        self.release_with(|_| Ok(()), |_| Ok(())).map(|(s, (), ())| s)
    }

    /// `release`, running `place` with the child's pid once its ids are mapped and its
    /// root is served, before it runs its steps (the cgroup is set up there), and `connect`
    /// once its network namespace exists (the network is set up there): right after `place`,
    /// or, for a nested container, which makes that namespace itself, once it says so. What
    /// they return lives as long as the caller keeps it; if one fails, the child is killed.
    pub fn release_with<A, B>(mut self, place: impl FnOnce(i32) -> Result<A>, connect: impl FnOnce(i32) -> Result<B>) -> Result<(Started, A, B)> {
        if let Some(m) = self.mapping.take() {
            self.or_kill(m.finish().context("mapping the container's user ids"))?;
        }
        let fuse = match &self.p.root_program {
            Some((prog, opts)) => Some(self.or_kill(FuseDaemon::start(self.pid, prog, opts, &self.p.rootfs))?),
            None => None,
        };
        let placed = self.or_kill(place(self.pid))?;
        // The network: now, or once a nested container says its namespaces exist (no word
        // means it failed first: its report below says where).
        let nest = self.nest.take();
        let mut connect = Some(connect);
        let mut connected = None;
        if nest.is_none() {
            connected = self.or_kill(connect.take().map(|f| f(self.pid)).transpose())?;
        }
        self.or_kill(go_ahead(&self.go))?;
        if let Some((ready, go)) = nest {
            if read_full(std::fs::File::from(ready), &mut [0u8; 1]) == 1 {
                connected = self.or_kill(connect.take().map(|f| f(self.pid)).transpose())?;
                self.or_kill(go_ahead(&go))?;
            }
        }
        let mut report = [0u8; REPORT_LEN];
        let n = read_full(std::fs::File::from(self.report), &mut report);
        if n == REPORT_LEN {
            // SAFETY: reaping our failed child.
            unsafe { libc::waitpid(self.pid, std::ptr::null_mut(), 0) };
            return Err(describe_failure(self.p, &report));
        }
        let pid = self.pid;
        let kill = || unsafe {
            // SAFETY: the child is ours and not yet reaped.
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        };
        let Some(connected) = connected.filter(|_| n == 0) else {
            kill();
            return Err(anyhow!("the container's setup process ended unexpectedly"));
        };
        let master = match self.console {
            Some(sock) => match recv_fd(sock.as_raw_fd()) {
                Some(fd) => Some(fd),
                None => {
                    kill();
                    return Err(anyhow!("the container did not hand over its terminal"));
                }
            },
            None => None,
        };
        // Sent before the exec (its end closed with it): queued, or never coming.
        let handover = self.handover.and_then(|s| crate::runtime::fdpass::recv_fds(s.as_raw_fd(), &mut [0u8; 1]).ok()).and_then(|(_, fds)| fds.into_iter().next());
        if self.p.process.handover_filter.is_some() && handover.is_none() {
            kill();
            return Err(anyhow!("the container did not hand over its seccomp listener"));
        }
        Ok((Started { pid, pidfd: self.pidfd, master, fuse, handover }, placed, connected))
    }
}

/// Lets the child go on: one byte on its pipe.
fn go_ahead(pipe: &OwnedFd) -> Result<()> {
    std::fs::File::from(pipe.try_clone()?).write_all(b"1").context("releasing the container process")
}

/// What the container's stdin, stdout and stderr are (without a terminal): an fd of the
/// caller's to dup onto each, or -1 to inherit the caller's own. A `None` stdin is /dev/null.
#[derive(Debug, Clone, Copy)]
pub struct ChildStdio {
    pub stdin: Option<i32>,
    pub stdout: i32,
    pub stderr: i32,
}

/// Fails unless this process has a single thread: clone(2) without exec, setns(2) into a
/// user namespace and the child's allocation-free steps all rely on it.
pub fn check_single_threaded() -> Result<()> {
    let status = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let threads = status.lines().find_map(|l| l.strip_prefix("Threads:")).map(|v| v.trim().to_string());
    match threads.as_deref() {
        Some("1") => Ok(()),
        Some(n) => bail!("internal error: {n} threads where the container is started (must be 1)"),
        None => Ok(()),
    }
}

/// What a child's stdio needs from us: the socket its terminal's master comes back on, and
/// /dev/null for stdin when it has neither a terminal nor ours.
pub(crate) struct ChildIo {
    console: Option<(OwnedFd, OwnedFd)>,
    stdin_null: Option<std::fs::File>,
}

impl ChildIo {
    pub(crate) fn new(terminal: bool, stdio: ChildStdio) -> Result<ChildIo> {
        let console = if terminal {
            let mut sv = [0i32; 2];
            // SAFETY: socketpair fills two fds, which we then own.
            if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0, sv.as_mut_ptr()) } < 0 {
                return Err(anyhow!(std::io::Error::last_os_error()).context("creating the terminal socket"));
            }
            Some(unsafe { (OwnedFd::from_raw_fd(sv[0]), OwnedFd::from_raw_fd(sv[1])) })
        } else {
            None
        };
        let stdin_null = if stdio.stdin.is_none() && !terminal {
            Some(std::fs::File::open("/dev/null").context("opening /dev/null")?)
        } else {
            None
        };
        Ok(ChildIo { console, stdin_null })
    }

    /// The fds the child works with; `parent_ends` are ours, which it closes.
    pub(crate) fn fds(&self, go: i32, report: i32, stdio: ChildStdio, die_with_parent: bool, parent_ends: [i32; 2]) -> ChildFds {
        ChildFds {
            parent_ends: [parent_ends[0], parent_ends[1], self.console.as_ref().map_or(-1, |(a, _)| a.as_raw_fd()), -1, -1, -1],
            nest_ready: -1,
            nest_go: -1,
            handover: -1,
            go,
            report,
            console: self.console.as_ref().map_or(-1, |(_, b)| b.as_raw_fd()),
            stdin: self.stdin_null.as_ref().map_or(stdio.stdin.unwrap_or(-1), |f| f.as_raw_fd()),
            stdout: stdio.stdout,
            stderr: stdio.stderr,
            die_with_parent,
        }
    }

    /// After the clone: our end of the terminal socket (the child's copies close).
    pub(crate) fn parent_side(self) -> Option<OwnedFd> {
        self.console.map(|(a, _)| a)
    }
}

/// Clones the container's first process into its namespaces and starts mapping its ids; with
/// `join`, into that network namespace and its user namespace instead of new ones
/// (`--network container:NAME`, `ns:PATH`), with nothing to map.
pub fn spawn<'a>(p: &'a Prepared, mapping: &IdMapping, stdio: ChildStdio, join: Option<&crate::runtime::netns::NetnsTarget>) -> Result<Pending<'a>> {
    check_single_threaded()?;
    let (go_r, go_w) = crate::runtime::userns::cloexec_pipe()?;
    let (report_r, report_w) = crate::runtime::userns::cloexec_pipe()?;
    let io = ChildIo::new(p.process.terminal, stdio)?;
    let mut fds = io.fds(go_r.as_raw_fd(), report_w.as_raw_fd(), stdio, true, [go_w.as_raw_fd(), report_r.as_raw_fd()]);
    // A nested container says when its namespaces exist, and waits for its network.
    let nest = match &p.nested {
        Some(_) => {
            let (ready_r, ready_w) = crate::runtime::userns::cloexec_pipe()?;
            let (ngo_r, ngo_w) = crate::runtime::userns::cloexec_pipe()?;
            fds.nest_ready = ready_w.as_raw_fd();
            fds.nest_go = ngo_r.as_raw_fd();
            fds.parent_ends[3] = ready_r.as_raw_fd();
            fds.parent_ends[4] = ngo_w.as_raw_fd();
            Some(((ready_r, ngo_w), (ready_w, ngo_r)))
        }
        None => None,
    };
    // The handover filter's listener comes back on a socket of its own.
    let handover = match &p.process.handover_filter {
        Some(_) => {
            let (ours, theirs) = std::os::unix::net::UnixStream::pair().context("creating the seccomp listener's socket")?;
            fds.handover = theirs.as_raw_fd();
            fds.parent_ends[5] = ours.as_raw_fd();
            Some((OwnedFd::from(ours), OwnedFd::from(theirs)))
        }
        None => None,
    };

    let set = forwarded_set();
    // SAFETY: blocks signals in this (single-threaded) process; io::wait reads them.
    unsafe { libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };

    let pid = match join {
        Some(target) => {
            let run = || -> isize { child::run(p, &fds) };
            let pid = crate::runtime::netns::clone_joined(target, p.clone_flags, &run, report_w.as_raw_fd())?;
            if pid < 0 {
                drop((go_r, report_w));
                let mut report = [0u8; REPORT_LEN];
                let n = read_full(std::fs::File::from(report_r), &mut report);
                return Err(if n == REPORT_LEN { describe_failure(p, &report) } else { anyhow!("joining the other container's namespaces failed") });
            }
            pid
        }
        None => {
            let mut stack = vec![0u8; 256 * 1024];
            let cb = Box::new(|| -> isize { child::run(p, &fds) });
            // SAFETY: the process is single-threaded; the child only runs `child::run`, which
            // makes system calls on memory prepared before this call, then execs or exits.
            let pid = unsafe {
                nix::sched::clone(cb, &mut stack, nix::sched::CloneFlags::from_bits_retain(p.clone_flags), Some(libc::SIGCHLD))
            };
            match pid {
                Ok(pid) => pid.as_raw(),
                Err(e) => {
                    return Err(crate::runtime::diagnose::userns_error(
                        anyhow!(e).context("creating the container's namespaces (clone)"),
                    ))
                }
            }
        }
    };
    drop((go_r, report_w));
    // The child's ends, which it has copies of.
    let nest = nest.map(|(ours, _theirs)| ours);
    let handover = handover.map(|(ours, _theirs)| ours);
    let console = io.parent_side();
    // SAFETY: pidfd_open on our own child.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) } as i32;
    if pidfd < 0 {
        let e = std::io::Error::last_os_error();
        // SAFETY: the child is ours and not yet reaped.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        }
        return Err(anyhow!(e).context("pidfd_open on the container"));
    }
    // SAFETY: pidfd_open returned a new fd that we now own.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
    let mut pending = Pending { p, pid, pidfd, go: go_w, report: report_r, console, mapping: None, nest, handover };
    if join.is_some() {
        return Ok(pending);
    }
    match idmap::start_apply(pid, mapping) {
        Ok(a) => pending.mapping = Some(a),
        Err(e) => {
            pending.kill_and_reap();
            return Err(e.context("mapping the container's user ids"));
        }
    }
    Ok(pending)
}

/// Reads until `buf` is full or the writers are gone; how much was read.
pub(crate) fn read_full(mut f: std::fs::File, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    n
}

/// The fd sent with one byte over `sock` (a child's terminal master).
pub(crate) fn recv_fd(sock: i32) -> Option<OwnedFd> {
    let mut byte = [0u8; 1];
    crate::runtime::fdpass::recv_fds(sock, &mut byte).ok().and_then(|(_, mut fds)| fds.pop())
}

fn describe_failure(p: &Prepared, r: &[u8; REPORT_LEN]) -> anyhow::Error {
    describe_report(Some(p), &p.process, r)
}

/// Turns a child's (stage, index, errno) into a message a user can act on; `p` is the root
/// half for the container's first process, None for an exec.
pub fn describe_report(p: Option<&Prepared>, ps: &crate::runtime::steps::ProcessSteps, r: &[u8; REPORT_LEN]) -> anyhow::Error {
    let stage = u32::from_ne_bytes([r[0], r[1], r[2], r[3]]);
    let index = u32::from_ne_bytes([r[4], r[5], r[6], r[7]]) as usize;
    let errno = Errno::from_raw(i32::from_ne_bytes([r[8], r[9], r[10], r[11]]));
    let Some(stage) = Stage::from_u32(stage) else {
        return anyhow!("the container failed to start ({errno})");
    };
    let mount = |i: usize| p.and_then(|p| p.mounts.get(i)).map(|m| (format!("/{}", m.dst.to_string_lossy()), m.what.clone()))
        .unwrap_or_default();
    let cmd = ps.argv.first().map(|c| c.to_string_lossy().into_owned()).unwrap_or_default();
    let cwd = ps.cwd.to_string_lossy();
    let msg = match stage {
        Stage::Exec => {
            let code = if errno == Errno::ENOENT { EXIT_NOT_FOUND } else { EXIT_CANNOT_INVOKE };
            let text = match errno {
                Errno::ENOENT if !cmd.contains('/') => format!("executable file `{cmd}` not found in $PATH: No such file or directory"),
                Errno::ENOENT => format!("{cmd}: no such file or directory (or its interpreter is missing)"),
                Errno::EACCES => format!("{cmd}: permission denied (is it executable, and not a directory?)"),
                Errno::ENOEXEC => format!("{cmd}: exec format error (not a binary for this machine, or a script without #!)"),
                e => format!("{cmd}: cannot execute: {}", e.desc()),
            };
            return exit_error(code, text);
        }
        Stage::SetId if index == 1 => "making the cgroup namespace".to_string(),
        Stage::SetId => "becoming root in the user namespace".to_string(),
        Stage::Hostname => "setting the hostname".to_string(),
        Stage::Propagation => "making the container's mounts private".to_string(),
        Stage::Join if index == 1 => "joining the container's cgroup (exec must run inside your delegated cgroup subtree, as the container's start did)".to_string(),
        Stage::Join => "joining the container's namespaces (is it still running?)".to_string(),
        Stage::RootMount if p.is_some_and(|p| p.root_overlay.is_some()) => {
            "mounting the root filesystem with native overlayfs (the kernel refused it; Linux 5.11 or later allows it in a user namespace)".to_string()
        }
        Stage::RootMount => format!("bind mounting --rootfs {}", p.and_then(|p| p.root_bind.as_deref()).map(|c| c.to_string_lossy()).unwrap_or_default()),
        Stage::OpenRoot => "opening the root filesystem".to_string(),
        Stage::Mountpoint => format!("creating the mount point {}", mount(index).0),
        Stage::Mount => {
            let (dst, what) = mount(index);
            format!("mounting {what} on {dst}")
        }
        Stage::Remount => format!("applying mount options to {}", mount(index).0),
        Stage::Propagate => format!("setting mount propagation of {}", mount(index).0),
        Stage::DevSymlink => "creating the symlinks in /dev".to_string(),
        Stage::Workdir => format!("creating the working directory {cwd}"),
        Stage::Pivot if index == 1 => "binding the container's root onto itself in its nested mount namespace".to_string(),
        Stage::Pivot if index == 2 => "reaching the container's root again through its directory (which must be searchable by others)".to_string(),
        Stage::Pivot => "switching to the container's root (pivot_root)".to_string(),
        Stage::Mask => format!("masking {}", p.and_then(|p| p.masked.get(index)).map(|c| c.to_string_lossy()).unwrap_or_default()),
        Stage::ReadOnly => format!("making {} read-only", p.and_then(|p| p.readonly.get(index)).map(|c| c.to_string_lossy()).unwrap_or_default()),
        Stage::RootReadOnly => "making the root filesystem read-only".to_string(),
        Stage::Chdir => {
            return exit_error(EXIT_CANNOT_INVOKE, format!("changing to the working directory {cwd}: {}", errno.desc()))
        }
        Stage::Terminal => "setting up the container's terminal".to_string(),
        Stage::Caps if index == 300 => "setting the LINUX32 personality".to_string(),
        Stage::Caps => "setting capabilities".to_string(),
        Stage::Groups => "setting supplementary groups".to_string(),
        Stage::Setgid => format!("switching to gid {} (is it mapped? see `hutch info`)", ps.gid),
        Stage::Setuid => format!("switching to uid {} (is it mapped? see `hutch info`)", ps.uid),
        Stage::NoNewPrivs => "setting no_new_privs".to_string(),
        Stage::Rlimit => {
            let r = ps.rlimits.iter().find(|(res, _)| *res as usize == index).map(|(_, l)| l);
            let name = crate::plan::security::ULIMITS.iter().map(|(_, k)| *k).find(|k| rlimit_number(k) == Some(index)).unwrap_or("a resource limit");
            format!("setting {name} to {}:{} (an unprivileged user can only lower a hard limit)", r.map(|l| l.rlim_cur).unwrap_or(0), r.map(|l| l.rlim_max).unwrap_or(0))
        }
        Stage::Seccomp => "installing the seccomp filter".to_string(),
        Stage::Sysctl => {
            let (k, v) = p.and_then(|p| p.sysctls.get(index)).map(|(k, v)| (k.to_string_lossy().into_owned(), v.to_string_lossy().into_owned())).unwrap_or_default();
            format!("setting the sysctl {k} to {v:?}")
        }
        Stage::OomScoreAdj => format!(
            "setting oom_score_adj to {} (an unprivileged user can only raise it above its own)",
            ps.oom_score_adj.as_ref().map(|v| v.to_string_lossy().into_owned()).unwrap_or_default()
        ),
        Stage::Fork => "starting the init process".to_string(),
        Stage::Nest => match index {
            1 => "starting the helper that maps the nested user namespace".to_string(),
            2 => "creating the container's nested user namespace".to_string(),
            3 => "writing the nested user namespace's id maps".to_string(),
            6 | 8 => format!("opening the nested user namespace's {} map", if index == 6 { "gid" } else { "uid" }),
            7 | 9 => format!("writing the nested user namespace's {} map", if index == 7 { "gid" } else { "uid" }),
            _ => "entering the container's nested user and mount namespaces".to_string(),
        },
        Stage::AppArmor => format!(
            "changing to the AppArmor profile {} (is it loaded? `sudo apparmor_parser -r FILE`)",
            ps.apparmor_exec.as_ref().map(|v| v.to_string_lossy().trim_start_matches("exec ").to_string()).unwrap_or_default()
        ),
    };
    anyhow!("{msg}: {}", errno.desc())
}

fn rlimit_number(kind: &str) -> Option<usize> {
    crate::runtime::steps::resource_named(kind).map(|r| r as usize)
}
