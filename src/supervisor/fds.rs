//! File descriptors passed through to a container (`--preserve-fds`, socket activation):
//! which ones the calling command was given, noted before anything of hutch's takes their
//! numbers, and checked where a container is started.

use anyhow::Result;

/// Fds 3..=66 open when this process began (bit k: fd 3+k), once noted.
static INHERITED_FDS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Notes which fds the caller passed, first thing in `main`.
pub fn note_inherited_fds() {
    let mask = (0..64).fold(0u64, |m, k| {
        // SAFETY: F_GETFD only reads an fd's flags.
        if unsafe { libc::fcntl(3 + k, libc::F_GETFD) } >= 0 { m | (1 << k) } else { m }
    });
    let _ = INHERITED_FDS.set(mask);
}

fn inherited(fd: i32) -> bool {
    match INHERITED_FDS.get() {
        Some(mask) if (3..67).contains(&fd) => mask & (1 << (fd - 3)) != 0,
        // SAFETY: F_GETFD only reads the fd's flags.
        _ => (unsafe { libc::fcntl(fd, libc::F_GETFD) }) >= 0,
    }
}

/// The fds 3..3+N a container is to get were given to this command (a later `start` may
/// not have them; its own files then sit at those numbers).
pub fn check_passed_fds(n: u32) -> Result<()> {
    for fd in 3..3 + n as i32 {
        if !inherited(fd) {
            anyhow::bail!("the container is to get {n} file descriptors from the command that starts it (--preserve-fds, socket activation), but fd {fd} is not open here");
        }
    }
    Ok(())
}
