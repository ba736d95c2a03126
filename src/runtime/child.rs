//! The container's first process, between clone and exec. It runs the prepared steps with
//! plain system calls on strings allocated before the clone: no allocation, no locks.
//! On failure it writes (stage, index, errno) to the report pipe and exits; the parent turns
//! that into a message. On success the report pipe closes at exec (it is O_CLOEXEC).

use crate::runtime::exec::{errno, exec_command, fail, numbered_path, Stage};
use crate::runtime::steps::{Prepared, ProcessSteps};
use std::ffi::CStr;
use std::os::raw::c_char;

/// File descriptors the child works with.
pub struct ChildFds {
    pub go: i32,
    pub report: i32,
    /// Unix socket to send the terminal's master to the parent, or -1.
    pub console: i32,
    /// Without a terminal: fds to dup onto 0, 1 and 2, or -1 to keep the parent's.
    pub stdin: i32,
    pub stdout: i32,
    pub stderr: i32,
    /// Killed when the parent dies (the container's first process; a foreground exec).
    pub die_with_parent: bool,
    /// The parent's ends of our pipes (-1: none), closed first: while we hold them, a dead
    /// parent would not show (the go pipe would never end, the report pipe keep a reader).
    pub parent_ends: [i32; 6],
    /// A nested container: written once its namespaces exist, and read for the go-ahead
    /// once the parent has set up its network (-1: none).
    pub nest_ready: i32,
    pub nest_go: i32,
    /// Unix socket to send the handover filter's listener to the parent, or -1.
    pub handover: i32,
}

/// Closes the parent's pipe ends that the clone copied into this process.
pub fn close_parent_ends(fds: &ChildFds) {
    for fd in fds.parent_ends {
        if fd >= 0 {
            // SAFETY: closing a copy of a descriptor this process does not use.
            unsafe { libc::close(fd) };
        }
    }
}

macro_rules! check {
    ($fds:expr, $stage:expr, $idx:expr, $call:expr) => {
        if $call < 0 {
            fail($fds.report, $stage, $idx, errno());
        }
    };
}

/// The host's /sys, bound read-only on the container's (`m`'s mount point under `root`).
///
/// # Safety
/// Between clone and exec, single-threaded, as `run`.
unsafe fn bind_host_sys(root: i32, m: &crate::runtime::steps::MountStep, fds: &ChildFds, i: usize) {
    let mut pathbuf = [0u8; 48];
    let fd = openat2_in_root(root, m.dst.as_ptr(), libc::O_PATH as u64);
    check!(fds, Stage::Mountpoint, i, fd);
    let target = fd_path(fd, &mut pathbuf);
    check!(fds, Stage::Mount, i, libc::mount(c"/sys".as_ptr(), target, std::ptr::null(), libc::MS_BIND | libc::MS_REC, std::ptr::null()));
    libc::close(fd);
    let fd = openat2_in_root(root, m.dst.as_ptr(), libc::O_PATH as u64);
    check!(fds, Stage::Mountpoint, i, fd);
    let target = fd_path(fd, &mut pathbuf);
    let flags = libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | locked_flags(target);
    check!(fds, Stage::Remount, i, libc::mount(std::ptr::null(), target, std::ptr::null(), flags, std::ptr::null()));
    libc::close(fd);
}

/// `/proc/self/fd/N` in a stack buffer.
fn fd_path(fd: i32, buf: &mut [u8; 48]) -> *const c_char {
    numbered_path(b"/proc/self/fd/", fd as u32, b"", buf)
}

/// The mounts of `p` (those `deferred` to the nested user namespace, or the others), in
/// order, each on a mount point resolved inside `root`.
///
/// # Safety
/// Between clone and exec, single-threaded, as `run`.
unsafe fn mount_steps(p: &Prepared, root: i32, deferred: bool, fds: &ChildFds) {
    let mut pathbuf = [0u8; 48];
    for (i, m) in p.mounts.iter().enumerate().filter(|(_, m)| m.deferred == deferred) {
        let fd = match open_mountpoint(root, &m.dst, m.is_dir) {
            Ok(fd) => fd,
            Err(e) => fail(fds.report, Stage::Mountpoint, i, e),
        };
        let target = fd_path(fd, &mut pathbuf);
        if libc::mount(opt_ptr(&m.src), target, opt_ptr(&m.fstype), m.flags, opt_ptr(&m.data).cast()) < 0 {
            let e = errno();
            libc::close(fd);
            // A sysfs the kernel refuses (another container's network namespace, which ours
            // does not own): the host's, bound read-only, as crun does.
            if deferred && e == libc::EPERM && m.fstype.as_deref() == Some(c"sysfs") {
                bind_host_sys(root, m, fds, i);
                continue;
            }
            fail(fds.report, Stage::Mount, i, e);
        }
        libc::close(fd);
        // Re-open: the fd pointed at the covered mount point, not the new mount.
        let fd = openat2_in_root(root, m.dst.as_ptr(), libc::O_PATH as u64);
        check!(fds, Stage::Mountpoint, i, fd);
        let target = fd_path(fd, &mut pathbuf);
        if let Some(flags) = m.remount_flags {
            let locked = locked_flags(target);
            check!(fds, Stage::Remount, i, libc::mount(std::ptr::null(), target, std::ptr::null(), flags | locked, std::ptr::null()));
        }
        if m.propagation != 0 {
            check!(fds, Stage::Propagate, i, libc::mount(std::ptr::null(), target, std::ptr::null(), m.propagation, std::ptr::null()));
        }
        libc::close(fd);
    }
}

fn openat2_in_root(root: i32, path: *const c_char, flags: u64) -> i32 {
    // SAFETY: every caller passes a NUL-terminated path from the prepared steps or a stack buffer.
    unsafe { crate::runtime::openat2::openat2_in_root_raw(root, path, flags as i32) }
}

/// Opens `rel` under `root` as an O_PATH fd, creating missing directories (and, when
/// `is_dir` is false, the final file) on the way, never leaving the root: each level is
/// resolved with RESOLVE_IN_ROOT, so a symlink in the image cannot point a mount outside.
fn open_mountpoint(root: i32, rel: &CStr, is_dir: bool) -> Result<i32, i32> {
    let fd = openat2_in_root(root, rel.as_ptr(), libc::O_PATH as u64);
    if fd >= 0 {
        return Ok(fd);
    }
    if errno() != libc::ENOENT {
        return Err(errno());
    }
    let bytes = rel.to_bytes();
    let mut buf = [0u8; 4096];
    if bytes.len() >= buf.len() {
        return Err(libc::ENAMETOOLONG);
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..].iter().position(|&b| b == b'/').map(|p| start + p).unwrap_or(bytes.len());
        let last = end == bytes.len();
        buf[end] = 0;
        let fd = openat2_in_root(root, buf.as_ptr().cast(), libc::O_PATH as u64);
        if fd >= 0 {
            // SAFETY: closing an fd we own.
            unsafe { libc::close(fd) };
        } else if errno() == libc::ENOENT {
            // Create this component inside its (already resolved) parent.
            let parent = if start == 0 {
                // SAFETY: dup of an fd we own.
                unsafe { libc::fcntl(root, libc::F_DUPFD_CLOEXEC, 0) }
            } else {
                buf[start - 1] = 0;
                let p = openat2_in_root(root, buf.as_ptr().cast(), (libc::O_PATH | libc::O_DIRECTORY) as u64);
                buf[start - 1] = b'/';
                p
            };
            if parent < 0 {
                return Err(errno());
            }
            let name = buf[start..].as_ptr().cast::<c_char>();
            // SAFETY: `name` is NUL-terminated at `end`; `parent` is a directory fd.
            let rc = unsafe {
                if last && !is_dir {
                    let f = libc::openat(parent, name, libc::O_CREAT | libc::O_EXCL | libc::O_WRONLY | libc::O_CLOEXEC | libc::O_NOFOLLOW, 0o644);
                    if f >= 0 { libc::close(f); 0 } else { -1 }
                } else {
                    libc::mkdirat(parent, name, 0o755)
                }
            };
            let e = errno();
            // SAFETY: closing an fd we own.
            unsafe { libc::close(parent) };
            if rc < 0 && e != libc::EEXIST {
                return Err(e);
            }
        } else {
            return Err(errno());
        }
        if !last {
            buf[end] = b'/';
        }
        start = end + 1;
    }
    let fd = openat2_in_root(root, rel.as_ptr(), libc::O_PATH as u64);
    if fd < 0 { Err(errno()) } else { Ok(fd) }
}

/// The flags a bind remount must keep: those the kernel locks in a user namespace.
fn locked_flags(path: *const c_char) -> libc::c_ulong {
    // SAFETY: statvfs fills a zeroed struct for a NUL-terminated path.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(path, &mut st) } < 0 {
        return 0;
    }
    let mut f = 0;
    for (st_flag, ms_flag) in [
        (libc::ST_NOSUID, libc::MS_NOSUID),
        (libc::ST_NODEV, libc::MS_NODEV),
        (libc::ST_NOEXEC, libc::MS_NOEXEC),
        (libc::ST_NOATIME, libc::MS_NOATIME),
        (libc::ST_NODIRATIME, libc::MS_NODIRATIME),
        (libc::ST_RELATIME, libc::MS_RELATIME),
    ] {
        if st.f_flag & st_flag != 0 {
            f |= ms_flag;
        }
    }
    f
}

fn opt_ptr(c: &Option<std::ffi::CString>) -> *const c_char {
    c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())
}

/// Waits for the parent's go-ahead (one byte) on `fd`, then closes it; exits without one.
///
/// # Safety
/// Between clone and exec, as `run`.
unsafe fn await_go(fd: i32) {
    let mut b = [0u8; 1];
    while libc::read(fd, b.as_mut_ptr().cast(), 1) < 0 && errno() == libc::EINTR {}
    if b[0] != b'1' {
        libc::_exit(1);
    }
    libc::close(fd);
}

/// Exits if the parent is gone (its end of the report pipe closed): a death signal set
/// after it died would never come.
///
/// # Safety
/// Between clone and exec, as `run`.
unsafe fn exit_if_orphaned(fds: &ChildFds) {
    let mut alive = libc::pollfd { fd: fds.report, events: 0, revents: 0 };
    libc::poll(&mut alive, 1, 0);
    if alive.revents & (libc::POLLERR | libc::POLLHUP) != 0 {
        libc::_exit(1);
    }
}

/// Runs in the cloned child. Never returns.
pub fn run(p: &Prepared, fds: &ChildFds) -> ! {
    // SAFETY: every call below is a plain system call on memory prepared before the clone.
    unsafe {
        close_parent_ends(fds);
        // Die with hutch. Set first, then make sure hutch did not die before it took effect:
        // it holds the report pipe's read end, which shows as an error on our end once gone.
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        // Wait until the parent has written our id maps.
        await_go(fds.go);
        exit_if_orphaned(fds);

        // Placed in its own cgroup by now: the cgroup namespace is rooted there.
        if p.cgroupns_after_go {
            check!(fds, Stage::SetId, 1, libc::unshare(libc::CLONE_NEWCGROUP));
        }
        check!(fds, Stage::SetId, 0, libc::setresgid(0, 0, 0));
        check!(fds, Stage::SetId, 0, libc::setresuid(0, 0, 0));
        if p.process.set_groups {
            check!(fds, Stage::SetId, 0, libc::setgroups(0, std::ptr::null()));
        }
        if let (Some(h), None) = (&p.hostname, &p.nested) {
            check!(fds, Stage::Hostname, 0, libc::sethostname(h.as_ptr(), h.as_bytes().len()));
        }
        check!(fds, Stage::Propagation, 0,
            libc::mount(std::ptr::null(), c"/".as_ptr(), std::ptr::null(), libc::MS_REC | libc::MS_PRIVATE, std::ptr::null()));

        // The root filesystem.
        if let Some(data) = &p.root_overlay {
            if let Some(cwd) = &p.root_overlay_cwd {
                check!(fds, Stage::RootMount, 0, libc::chdir(cwd.as_ptr()));
            }
            check!(fds, Stage::RootMount, 0,
                libc::mount(c"overlay".as_ptr(), p.rootfs.as_ptr(), c"overlay".as_ptr(), 0, data.as_ptr().cast()));
        } else if let Some(src) = &p.root_bind {
            check!(fds, Stage::RootMount, 0,
                libc::mount(src.as_ptr(), p.rootfs.as_ptr(), std::ptr::null(), libc::MS_BIND | libc::MS_REC, std::ptr::null()));
        }
        let root = libc::open(p.rootfs.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC);
        check!(fds, Stage::OpenRoot, 0, root);

        mount_steps(p, root, false, fds);

        // /dev's symlinks.
        let dev = openat2_in_root(root, c"dev".as_ptr(), (libc::O_PATH | libc::O_DIRECTORY) as u64);
        if dev >= 0 {
            for (i, (target, name)) in p.dev_symlinks.iter().enumerate() {
                if libc::symlinkat(target.as_ptr(), dev, name.as_ptr()) < 0 && errno() != libc::EEXIST {
                    fail(fds.report, Stage::DevSymlink, i, errno());
                }
            }
            libc::close(dev);
        }

        // The working directory exists before we switch to it, as Podman makes sure.
        if p.cwd_rel.as_bytes() != b"." {
            match open_mountpoint(root, &p.cwd_rel, true) {
                Ok(fd) => { libc::close(fd); }
                Err(e) => fail(fds.report, Stage::Workdir, 0, e),
            }
        }

        check!(fds, Stage::Pivot, 0, libc::fchdir(root));
        libc::close(root);

        // A nested container: into its user namespace and those made in it, where what
        // belongs to them is mounted (the host's /sys still visible, as the kernel wants for a
        // new sysfs), then the root bound onto itself (a mount copied from the outer namespace
        // is locked, and pivot_root refuses a locked new root); the parent sets up the
        // network once its namespace exists.
        if let Some(n) = &p.nested {
            if let Err((step, e)) = crate::runtime::nested::enter(n, p.process.set_groups) {
                fail(fds.report, Stage::Nest, step, e);
            }
            // The death signal went with the change of ids: set it again.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            exit_if_orphaned(fds);
            if let Some(h) = &p.hostname {
                check!(fds, Stage::Hostname, 0, libc::sethostname(h.as_ptr(), h.as_bytes().len()));
            }
            // Our working directory moved into the new mount namespace with us.
            let root = libc::open(c".".as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC);
            check!(fds, Stage::OpenRoot, 0, root);
            mount_steps(p, root, true, fds);
            libc::close(root);
            check!(fds, Stage::Pivot, 1, libc::mount(c".".as_ptr(), c".".as_ptr(), std::ptr::null(), libc::MS_BIND | libc::MS_REC, std::ptr::null()));
            // Onto the new mount: up to the mount point, and down again through the top mount.
            check!(fds, Stage::Pivot, 2, libc::chdir(c"..".as_ptr()));
            check!(fds, Stage::Pivot, 2, libc::chdir(p.rootfs_name.as_ptr()));
            if fds.nest_ready >= 0 {
                libc::write(fds.nest_ready, c"1".as_ptr().cast(), 1);
                libc::close(fds.nest_ready);
                await_go(fds.nest_go);
            }
        }

        // pivot_root(".", ".") then detach the old root, which is stacked on the new one.
        check!(fds, Stage::Pivot, 0, libc::syscall(libc::SYS_pivot_root, c".".as_ptr(), c".".as_ptr()) as i32);
        check!(fds, Stage::Pivot, 0, libc::umount2(c".".as_ptr(), libc::MNT_DETACH));
        check!(fds, Stage::Pivot, 0, libc::chdir(c"/".as_ptr()));

        // Sysctls of the container's own namespaces, while /proc/sys is still writable.
        for (i, (path, value)) in p.sysctls.iter().enumerate() {
            let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            check!(fds, Stage::Sysctl, i, fd);
            let rc = libc::write(fd, value.as_ptr().cast(), value.as_bytes().len()) as i32;
            libc::close(fd);
            check!(fds, Stage::Sysctl, i, rc);
        }

        // Masked paths: empty read-only tmpfs on directories, /dev/null on files.
        for (i, path) in p.masked.iter().enumerate() {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::stat(path.as_ptr(), &mut st) < 0 {
                continue;
            }
            let rc = if st.st_mode & libc::S_IFMT == libc::S_IFDIR {
                libc::mount(c"tmpfs".as_ptr(), path.as_ptr(), c"tmpfs".as_ptr(), libc::MS_RDONLY, c"size=0k".as_ptr().cast())
            } else {
                libc::mount(c"/dev/null".as_ptr(), path.as_ptr(), std::ptr::null(), libc::MS_BIND, std::ptr::null())
            };
            check!(fds, Stage::Mask, i, rc);
        }
        for (i, path) in p.readonly.iter().enumerate() {
            if libc::access(path.as_ptr(), libc::F_OK) < 0 {
                continue;
            }
            check!(fds, Stage::ReadOnly, i,
                libc::mount(path.as_ptr(), path.as_ptr(), std::ptr::null(), libc::MS_BIND | libc::MS_REC, std::ptr::null()));
            let flags = libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | locked_flags(path.as_ptr());
            check!(fds, Stage::ReadOnly, i, libc::mount(std::ptr::null(), path.as_ptr(), std::ptr::null(), flags, std::ptr::null()));
        }
        if p.root_readonly {
            let flags = libc::MS_BIND | libc::MS_REMOUNT | libc::MS_RDONLY | locked_flags(c"/".as_ptr());
            check!(fds, Stage::RootReadOnly, 0, libc::mount(std::ptr::null(), c"/".as_ptr(), std::ptr::null(), flags, std::ptr::null()));
        }

    }
    become_process(&p.process, fds)
}

/// The process half, shared by the container's first process and `exec`: working
/// directory, session and terminal, stdio, capabilities, groups and ids, the death signal,
/// no_new_privs, then the built-in init or the command. Never returns.
pub fn become_process(p: &ProcessSteps, fds: &ChildFds) -> ! {
    // SAFETY: every call below is a plain system call on memory prepared before the clone.
    unsafe {
        check!(fds, Stage::Chdir, 0, libc::chdir(p.cwd.as_ptr()));

        // A session of its own; the terminal, made in the container's devpts.
        check!(fds, Stage::Terminal, 0, libc::setsid());
        if p.terminal {
            let master = libc::open(c"/dev/ptmx".as_ptr(), libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
            check!(fds, Stage::Terminal, 1, master);
            let unlock: libc::c_int = 0;
            check!(fds, Stage::Terminal, 2, libc::ioctl(master, libc::TIOCSPTLCK, &unlock));
            let slave = libc::ioctl(master, libc::TIOCGPTPEER, libc::O_RDWR | libc::O_NOCTTY);
            check!(fds, Stage::Terminal, 3, slave);
            check!(fds, Stage::Terminal, 4, libc::ioctl(slave, libc::TIOCSCTTY, 0));
            if let Some(ws) = &p.winsize {
                libc::ioctl(slave, libc::TIOCSWINSZ, ws);
            }
            for target in 0..3 {
                check!(fds, Stage::Terminal, 5, libc::dup2(slave, target));
            }
            if slave > 2 {
                libc::close(slave);
            }
            // One byte with the master attached (fdpass uses only stack buffers).
            if crate::runtime::fdpass::send_fds(fds.console, &[1], &[master]).is_err() {
                fail(fds.report, Stage::Terminal, 6, errno());
            }
            libc::close(master);
            libc::close(fds.console);
        } else {
            for (fd, target) in [(fds.stdin, 0), (fds.stdout, 1), (fds.stderr, 2)] {
                if fd >= 0 && fd != target {
                    check!(fds, Stage::Terminal, 7, libc::dup2(fd, target));
                }
            }
        }

        if let Some(m) = p.umask {
            libc::umask(m);
        }
        if p.linux32 {
            // PER_LINUX32: `uname -m` says i686, as `setarch linux32` does.
            check!(fds, Stage::Caps, 300, libc::personality(0x0008));
        }
        if let Some(v) = &p.oom_score_adj {
            let fd = libc::open(c"/proc/self/oom_score_adj".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            check!(fds, Stage::OomScoreAdj, 0, fd);
            let rc = libc::write(fd, v.as_ptr().cast(), v.as_bytes().len()) as i32;
            libc::close(fd);
            check!(fds, Stage::OomScoreAdj, 0, rc);
        }
        // The AppArmor profile for the command, from its exec on (before seccomp, which may
        // not allow the write; the kernel's newer per-thread file first).
        if let Some(v) = &p.apparmor_exec {
            let mut fd = libc::open(c"/proc/thread-self/attr/apparmor/exec".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            if fd < 0 {
                fd = libc::open(c"/proc/self/attr/exec".as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
            }
            check!(fds, Stage::AppArmor, 0, fd);
            let rc = libc::write(fd, v.as_ptr().cast(), v.as_bytes().len()) as i32;
            libc::close(fd);
            check!(fds, Stage::AppArmor, 0, rc);
        }
        // Resource limits, while still root in the namespace (a lower hard limit is final).
        for (res, lim) in &p.rlimits {
            check!(fds, Stage::Rlimit, *res as usize, libc::setrlimit(*res, lim));
        }
        // Without no_new_privs, installing a filter needs CAP_SYS_ADMIN, which the identity
        // change below takes away: install it now (the steps after it are allowed by any
        // usable profile). With no_new_privs it goes last, right before exec.
        if !p.no_new_privs {
            // The handover filter first: the profile may not allow what installing it takes.
            install_handover(p, fds);
            if let Some(prog) = &p.seccomp {
                check!(fds, Stage::Seccomp, 0, crate::runtime::seccomp::install(prog));
            }
        }

        // Capabilities and identity: shrink the bounding set while still root, keep the
        // permitted set across the uid change, then set the final sets.
        for cap in 0..=p.last_cap.min(63) {
            if p.cap_bounding & (1u64 << cap) == 0 && libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong) < 0 && errno() != libc::EINVAL {
                fail(fds.report, Stage::Caps, cap as usize, errno());
            }
        }
        check!(fds, Stage::Caps, 100, libc::prctl(libc::PR_SET_KEEPCAPS, 1));
        if p.set_groups {
            check!(fds, Stage::Groups, 0, libc::setgroups(p.groups.len(), p.groups.as_ptr()));
        }
        check!(fds, Stage::Setgid, 0, libc::setresgid(p.gid, p.gid, p.gid));
        check!(fds, Stage::Setuid, 0, libc::setresuid(p.uid, p.uid, p.uid));
        // A change of uid clears the death signal: set it again, and make sure the parent
        // did not die in between (its end of the report pipe would be gone).
        if fds.die_with_parent {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            exit_if_orphaned(fds);
        }
        check!(fds, Stage::Caps, 101, libc::prctl(libc::PR_SET_KEEPCAPS, 0));
        check!(fds, Stage::Caps, 102, capset(p.cap_effective, p.cap_permitted, p.cap_inheritable));
        libc::prctl(libc::PR_CAP_AMBIENT, libc::PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        // Ambient capabilities (a non-root user's --cap-add) survive its exec.
        for cap in 0..=p.last_cap.min(63) {
            if p.cap_ambient & (1u64 << cap) != 0 {
                check!(fds, Stage::Caps, 200 + cap as usize, libc::prctl(libc::PR_CAP_AMBIENT, libc::PR_CAP_AMBIENT_RAISE, cap as libc::c_ulong, 0, 0));
            }
        }
        if p.no_new_privs {
            check!(fds, Stage::NoNewPrivs, 0, libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
            install_handover(p, fds);
            if let Some(prog) = &p.seccomp {
                check!(fds, Stage::Seccomp, 1, crate::runtime::seccomp::install(prog));
            }
        }

        if p.init {
            crate::runtime::init::run_as_init(p, fds.report);
        }
        exec_command(p, fds.report)
    }
}

/// Installs the handover filter and sends its listener to the parent (which the command
/// must not hold: it could answer its own calls).
fn install_handover(p: &crate::runtime::steps::ProcessSteps, fds: &ChildFds) {
    let Some(prog) = &p.handover_filter else { return };
    // SAFETY: the program was prepared before the clone; the listener is ours to send, then
    // close, with the socket.
    unsafe {
        let listener = crate::runtime::seccomp::install(prog);
        check!(fds, Stage::Seccomp, 2, listener);
        if crate::runtime::fdpass::send_fds(fds.handover, &[1], &[listener]).is_err() {
            fail(fds.report, Stage::Seccomp, 3, errno());
        }
        libc::close(listener);
        libc::close(fds.handover);
    }
}

fn capset(effective: u64, permitted: u64, inheritable: u64) -> i32 {
    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    const V3: u32 = 0x2008_0522;
    let hdr = Header { version: V3, pid: 0 };
    let data = [
        Data { effective: effective as u32, permitted: permitted as u32, inheritable: inheritable as u32 },
        Data { effective: (effective >> 32) as u32, permitted: (permitted >> 32) as u32, inheritable: (inheritable >> 32) as u32 },
    ];
    // SAFETY: capset with a v3 header and two data words, as the kernel expects.
    unsafe { libc::syscall(libc::SYS_capset, &hdr as *const Header, data.as_ptr()) as i32 }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fd_paths() {
        let mut b = [0u8; 48];
        let p = super::fd_path(105, &mut b);
        let s = unsafe { std::ffi::CStr::from_ptr(p) };
        assert_eq!(s.to_str().unwrap(), "/proc/self/fd/105");
        let p = crate::runtime::exec::numbered_path(b"/proc/", 0, b"/uid_map", &mut b);
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap(), "/proc/0/uid_map");
    }
}
