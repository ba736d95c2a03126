//! slirp4netns, the container's userspace network stack: started for the container's network
//! namespace, waited for on its ready pipe (never a sleep), and stopped with the container.
//! It lives outside the container (its own sandbox), as a child of whoever supervises it.

use crate::runtime::io;
use anyhow::{anyhow, Context, Result};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

/// The API socket's name, in the directory slirp4netns runs in (the container's run
/// directory): relative, so that its path fits a socket address whatever that directory's.
pub const API_SOCKET: &str = "slirp4netns.sock";
/// Where its messages go, in the same directory.
pub const LOG_FILE: &str = "slirp4netns.log";
/// The variable naming the container in slirp4netns's environment.
pub const CONTAINER_ENV: &str = "HUTCH_CONTAINER_ID";

/// How long slirp4netns may take to configure the namespace.
const READY_TIMEOUT_MS: i32 = 10_000;

pub struct Slirp4netns {
    child: std::process::Child,
    /// Closing it tells slirp4netns to exit (and it does when we die too).
    exit_w: Option<OwnedFd>,
    dir: PathBuf,
}

impl Slirp4netns {
    /// Starts `program OPTIONS --api-socket ... PID tap0` in `dir` and waits until it has
    /// configured the namespace of `pid`. `container` (the container's id) goes into its
    /// environment as HUTCH_CONTAINER_ID, so that a port clash can name the container.
    pub fn start(program: &Path, options: &[String], pid: i32, dir: &Path, container: &str) -> Result<Slirp4netns> {
        let (ready_r, ready_w) = io::pipe()?;
        let (exit_r, exit_w) = io::pipe()?;
        let _ = std::fs::remove_file(dir.join(API_SOCKET));
        let log_path = dir.join(LOG_FILE);
        let log = std::fs::File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
        let (rfd, efd) = (ready_w.as_raw_fd(), exit_r.as_raw_fd());
        // A nested container's own user namespace cannot reach `dir` (the API socket's):
        // slirp4netns then runs as root of the outer one, as Podman runs it in its own.
        let userns = crate::runtime::netns::helper_userns(pid)?;
        let ufd = userns.as_ref().map_or(-1, |fd| fd.as_raw_fd());
        let mut cmd = std::process::Command::new(program);
        cmd.args(options)
            .arg(format!("--api-socket={API_SOCKET}"))
            .arg(format!("--ready-fd={rfd}"))
            .arg(format!("--exit-fd={efd}"))
            .arg(pid.to_string())
            .arg("tap0")
            .current_dir(dir)
            .env(CONTAINER_ENV, container)
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone().context("duplicating the log file")?)
            .stderr(log);
        // SAFETY: between fork and exec only fcntl, sigprocmask and prctl on fds and values
        // prepared above.
        unsafe {
            cmd.pre_exec(move || {
                io::unblock_all_signals();
                if ufd >= 0 && (libc::setns(ufd, libc::CLONE_NEWUSER) < 0 || libc::setresgid(0, 0, 0) < 0 || libc::setresuid(0, 0, 0) < 0) {
                    return Err(std::io::Error::last_os_error());
                }
                for fd in [rfd, efd] {
                    if libc::fcntl(fd, libc::F_SETFD, 0) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                crate::error::exit_error(125, format!("could not find {}, the network namespace can't be configured: install Debian's slirp4netns package (`apt install slirp4netns`), or use --network none or host", program.display()))
            } else {
                anyhow!(e).context(format!("starting {}", program.display()))
            }
        })?;
        drop((ready_w, exit_r));
        let mut s = Slirp4netns { child, exit_w: Some(exit_w), dir: dir.to_path_buf() };
        let rev = io::poll(&[(ready_r.as_raw_fd(), libc::POLLIN)], READY_TIMEOUT_MS)?;
        let mut byte = [0u8; 1];
        let got = rev[0] != 0 && matches!(io::read(ready_r.as_raw_fd(), &mut byte), Ok(1));
        if !got {
            let why = if rev[0] == 0 { "did not get ready within 10 s".to_string() } else { s.end_status() };
            let said = io::log_tail(&s.dir.join(LOG_FILE));
            return Err(anyhow!("slirp4netns {why}{}", if said.is_empty() { String::new() } else { format!(": {said}") }));
        }
        Ok(s)
    }

    /// How the process ended (it has, or is about to).
    fn end_status(&mut self) -> String {
        match self.child.wait() {
            Ok(st) => format!("failed ({st})"),
            Err(e) => format!("failed ({e})"),
        }
    }

}

impl Slirp4netns {
    /// Stops it now, without waiting for it to be gone: its sockets (the published ports)
    /// close as it exits, while the rest of its teardown (the tap device) can take tens of
    /// milliseconds, which nobody needs to wait for. Dropping it reaps it.
    pub fn kill(&mut self) {
        // The container is gone (or never ran): nothing to hand over, so no grace period.
        drop(self.exit_w.take());
        if let Ok(None) = self.child.try_wait() {
            // SAFETY: signals our own child, not yet reaped.
            unsafe { libc::kill(self.child.id() as i32, libc::SIGKILL) };
        }
    }
}

impl Drop for Slirp4netns {
    fn drop(&mut self) {
        self.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(self.dir.join(API_SOCKET));
    }
}
