//! pasta (Debian's passt package), the other userspace network: started for the container's
//! namespaces; it returns once the namespace is configured and its ports are bound, leaving
//! its daemon behind, which quits when the container's network namespace goes away.

use anyhow::{anyhow, Context, Result};
use std::os::fd::OwnedFd;
use std::os::unix::process::CommandExt;
use std::path::Path;

pub const LOG_FILE: &str = "pasta.log";
const PID_FILE: &str = "pasta.pid";

pub struct Pasta {
    /// A pidfd on the daemon, to stop it with the container (it quits by itself once the
    /// namespace is gone; this is for a supervisor that stops first).
    daemon: Option<OwnedFd>,
}

impl Pasta {
    /// Runs `program ARGS PID` in `dir` and waits for it to configure the namespace of
    /// `pid` (its foreground part exits 0 then); the error carries pasta's own words.
    pub fn start(program: &Path, args: &[String], pid: i32, dir: &Path, container: &str) -> Result<Pasta> {
        let log = dir.join(LOG_FILE);
        let pid_file = dir.join(PID_FILE);
        let _ = std::fs::remove_file(&pid_file);
        let out = std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        // A nested container's own user namespace cannot reach `dir` (the pid file's).
        let userns = crate::runtime::netns::helper_userns(pid)?;
        // Named as the child sees it: inherited (not closed on exec, below).
        let (userns_arg, ufd) = match &userns {
            Some(fd) => {
                use std::os::fd::AsRawFd;
                (vec!["--userns".to_string(), format!("/proc/self/fd/{}", fd.as_raw_fd())], fd.as_raw_fd())
            }
            None => (vec![], -1),
        };
        let mut cmd = std::process::Command::new(program);
        cmd.args(args)
            .args(userns_arg)
            .arg("--pid")
            .arg(&pid_file)
            .arg(pid.to_string())
            .current_dir(dir)
            .env(crate::runtime::slirp::CONTAINER_ENV, container)
            .stdin(std::process::Stdio::null())
            .stdout(out.try_clone().context("duplicating the log file")?)
            .stderr(out);
        // SAFETY: between fork and exec only sigprocmask on a local set.
        unsafe {
            cmd.pre_exec(move || {
                crate::runtime::io::unblock_all_signals();
                if ufd >= 0 && libc::fcntl(ufd, libc::F_SETFD, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let status = cmd.status().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                crate::error::exit_error(125, format!("could not find {}, the network namespace can't be configured: install Debian's passt package (`apt install passt`), or use --network slirp4netns", program.display()))
            } else {
                anyhow!(e).context(format!("starting {}", program.display()))
            }
        })?;
        if !status.success() {
            return Err(anyhow!("pasta failed ({status}): {}", crate::runtime::io::log_tail(&log)));
        }
        let daemon = std::fs::read_to_string(&pid_file).ok().and_then(|p| p.trim().parse::<i32>().ok()).and_then(crate::runtime::io::pidfd_open);
        Ok(Pasta { daemon })
    }
}

impl Pasta {
    /// Stops the daemon (it is not our child: nothing to reap).
    pub fn kill(&mut self) {
        if let Some(fd) = self.daemon.take() {
            crate::runtime::io::pidfd_kill(std::os::fd::AsRawFd::as_raw_fd(&fd), libc::SIGKILL);
        }
    }
}

impl Drop for Pasta {
    fn drop(&mut self) {
        self.kill();
    }
}
