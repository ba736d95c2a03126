//! A container whose mapping leaves the caller out (`--userns=nomap`, `auto`, such a
//! `--uidmap`) cannot reach the caller's files, its store among them. Its root and mounts are
//! made in an outer user namespace with the default mapping; then its process moves into one
//! nested in it, with the network, UTS, IPC, cgroup and mount namespaces it has of its own.
//! Between clone and exec: plain system calls, no allocation.

use crate::runtime::exec::{errno, numbered_path};
use crate::runtime::steps::Nested;

/// The step (`Stage::Nest`'s index) and errno where it failed.
type Failed = (usize, i32);

/// `Err` with the step unless the call succeeded.
fn ok(step: usize, rc: libc::c_int) -> Result<(), Failed> {
    if rc < 0 { Err((step, errno())) } else { Ok(()) }
}

/// Moves into a user namespace nested in this one and becomes its root, then takes the
/// namespaces `n` names, owned by it (a mount namespace among them: the container may mount,
/// and cannot undo ours). A process may not map ids other than its own into a namespace it is
/// in, so a helper forked here, left in the outer namespace where it is root, writes the maps.
/// Plain system calls only.
///
/// # Safety
/// Between clone and exec, single-threaded, as `run`; the working directory is the
/// container's root, with the container's /proc mounted in it.
pub unsafe fn enter(n: &Nested, set_groups: bool) -> Result<(), Failed> {
    let (mut go, mut done) = ([-1i32; 2], [-1i32; 2]);
    ok(1, libc::pipe2(go.as_mut_ptr(), libc::O_CLOEXEC))?;
    ok(1, libc::pipe2(done.as_mut_ptr(), libc::O_CLOEXEC))?;
    // Our pid as the container's /proc, mounted under our working directory (its root), knows
    // it: read now, before the helper could outlive us and be given another parent.
    let me = libc::getpid() as u32;
    // The raw system call, as for exec's helper: no library fork handlers between clone and exec.
    let helper = libc::syscall(libc::SYS_clone, libc::SIGCHLD as libc::c_ulong, 0usize, 0usize, 0usize, 0usize) as i32;
    ok(1, helper)?;
    if helper == 0 {
        libc::close(go[1]);
        libc::close(done[0]);
        let mut b = [0u8; 1];
        while libc::read(go[0], b.as_mut_ptr().cast(), 1) < 0 && errno() == libc::EINTR {}
        // (step, errno): 0 when both maps are written.
        let mut err: [i32; 2] = if b[0] == b'1' { [0, 0] } else { [3, libc::EIO] };
        for (k, (file, map)) in [(&b"/gid_map"[..], &n.gid_map), (&b"/uid_map"[..], &n.uid_map)].into_iter().enumerate() {
            if err[1] != 0 {
                break;
            }
            let mut buf = [0u8; 48];
            let fd = libc::open(numbered_path(b"proc/", me, file, &mut buf), libc::O_WRONLY | libc::O_CLOEXEC);
            if fd < 0 {
                err = [6 + k as i32 * 2, errno()];
            } else if libc::write(fd, map.as_ptr().cast(), map.as_bytes().len()) < 0 {
                err = [7 + k as i32 * 2, errno()];
            }
            if fd >= 0 {
                libc::close(fd);
            }
        }
        let bytes: [u8; 8] = std::mem::transmute(err);
        libc::write(done[1], bytes.as_ptr().cast(), bytes.len());
        libc::_exit(0);
    }
    libc::close(go[0]);
    libc::close(done[1]);
    let unshared = libc::unshare(libc::CLONE_NEWUSER);
    let e = errno();
    // Told either way, so it never waits for nothing.
    libc::write(go[1], if unshared == 0 { c"1".as_ptr() } else { c"0".as_ptr() }.cast(), 1);
    libc::close(go[1]);
    if unshared < 0 {
        libc::waitpid(helper, std::ptr::null_mut(), 0);
        return Err((2, e));
    }
    let mut bytes = [0u8; 8];
    let mut got = 0;
    while got < 8 {
        let r = libc::read(done[0], bytes[got..].as_mut_ptr().cast(), 8 - got);
        if r < 0 && errno() == libc::EINTR {
            continue;
        }
        if r <= 0 {
            break;
        }
        got += r as usize;
    }
    libc::close(done[0]);
    libc::waitpid(helper, std::ptr::null_mut(), 0);
    let err: [i32; 2] = std::mem::transmute(bytes);
    if got != 8 {
        return Err((3, libc::EIO));
    }
    if err[1] != 0 {
        return Err((err[0] as usize, err[1]));
    }
    ok(4, libc::setresgid(0, 0, 0))?;
    ok(4, libc::setresuid(0, 0, 0))?;
    // The change of ids made us undumpable, which would keep the parent (slirp4netns, pasta,
    // the port forwarder) out of our namespaces until exec.
    libc::prctl(libc::PR_SET_DUMPABLE, 1);
    if set_groups {
        ok(4, libc::setgroups(0, std::ptr::null()))?;
    }
    ok(4, libc::unshare(libc::CLONE_NEWNS | n.unshare))?;
    Ok(())
}
