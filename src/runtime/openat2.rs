//! openat2(2) with RESOLVE_IN_ROOT: path resolution that cannot leave a directory, whatever
//! `..` or symlinks (absolute or relative) the path meets. The one way hutch opens paths
//! inside a container root or a layer it does not trust.

use std::ffi::CString;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::raw::c_char;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// The kernel's `struct open_how` (libc's is non-exhaustive).
#[repr(C)]
struct OpenHow {
    flags: u64,
    mode: u64,
    resolve: u64,
}

const RESOLVE_NO_MAGICLINKS: u64 = 0x02;
const RESOLVE_IN_ROOT: u64 = 0x10;

/// Raw form for the code between clone and exec: no allocation. Returns the fd or -1.
///
/// # Safety
/// `path` must point to a NUL-terminated string that lives for the call.
pub unsafe fn openat2_in_root_raw(root: i32, path: *const c_char, flags: i32) -> i32 {
    let how = OpenHow {
        flags: (flags | libc::O_CLOEXEC) as u64,
        mode: 0,
        resolve: RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
    };
    // SAFETY: `how` matches the kernel's open_how; `path` is NUL-terminated.
    unsafe {
        libc::syscall(libc::SYS_openat2, root, path, &how as *const OpenHow, std::mem::size_of::<OpenHow>()) as i32
    }
}

/// Opens `path` resolved inside the directory `root`.
pub fn open_in_root(root: i32, path: &Path, flags: i32) -> std::io::Result<OwnedFd> {
    let c = CString::new(path.as_os_str().as_bytes()).map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `c` is a NUL-terminated string alive for the call.
    let fd = unsafe { openat2_in_root_raw(root, c.as_ptr(), flags) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a new fd we own.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}
