//! The supervisor's health check timer: `hutch healthcheck run ID` every interval while the
//! container runs, as a child process watched through its pidfd (the supervisor never
//! blocks on a check, and sleeps between them), and the on-failure action once the
//! container turns unhealthy: kill, restart (kill, then started again by the supervisor),
//! or stop (`hutch stop`, with the container's stop signal and timeout).

use crate::plan::health::HealthConfig;
use crate::state::health;
use crate::state::paths::Paths;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

pub enum Action {
    Kill,
    Stop,
}

pub struct Checker {
    paths: Paths,
    id: String,
    cfg: HealthConfig,
    next: Instant,
    running: Option<(std::process::Child, OwnedFd)>,
}

impl Checker {
    /// The container's health starts over at each start; checks run on a timer when it has
    /// an interval.
    pub fn start(paths: &Paths, id: &str, cfg: Option<&HealthConfig>) -> Option<Checker> {
        let cfg = cfg?.clone();
        let _ = health::save(paths, id, &health::starting());
        if cfg.interval == 0 {
            return None;
        }
        Some(Checker { paths: paths.clone(), id: id.to_string(), next: Instant::now() + Duration::from_nanos(cfg.interval), cfg, running: None })
    }

    /// The fd to wait on while a check runs (-1 otherwise).
    pub fn poll_fd(&self) -> RawFd {
        self.running.as_ref().map(|(_, fd)| fd.as_raw_fd()).unwrap_or(-1)
    }

    /// Milliseconds until the next check is due (-1 while one runs: its fd wakes us).
    pub fn timeout_ms(&self) -> i32 {
        if self.running.is_some() {
            return -1;
        }
        self.next.saturating_duration_since(Instant::now()).as_millis().min(i32::MAX as u128) as i32
    }

    /// After any wake-up: finishes a check that ended, starts one that is due; returns the
    /// action to take when the container just turned unhealthy.
    pub fn on_wake(&mut self) -> Option<Action> {
        let mut action = None;
        if let Some((child, _)) = self.running.as_mut() {
            if let Ok(Some(_)) = child.try_wait() {
                self.running = None;
                self.next = Instant::now() + Duration::from_nanos(self.cfg.interval);
                if health::load(&self.paths, &self.id).is_some_and(|h| h.status == "unhealthy") {
                    action = match self.cfg.on_failure.as_str() {
                        "kill" | "restart" => Some(Action::Kill),
                        "stop" => Some(Action::Stop),
                        _ => None,
                    };
                }
            }
        }
        if self.running.is_none() && Instant::now() >= self.next {
            self.running = self.spawn(&["healthcheck", "run"]).and_then(|c| crate::runtime::io::pidfd_open(c.id() as i32).map(|fd| (c, fd)));
            if self.running.is_none() {
                self.next = Instant::now() + Duration::from_nanos(self.cfg.interval);
            }
        }
        action
    }

    /// Runs `hutch VERB... ID` for this container's store.
    pub fn spawn(&self, verb: &[&str]) -> Option<std::process::Child> {
        self.paths
            .hutch_command()
            .args(verb)
            .arg(&self.id)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        if let Some((mut c, _)) = self.running.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `--health-on-failure=restart`: the container ended unhealthy and is to start again.
pub fn restart_wanted(paths: &Paths, id: &str, cfg: Option<&HealthConfig>) -> bool {
    cfg.is_some_and(|c| c.on_failure == "restart") && health::load(paths, id).is_some_and(|h| h.status == "unhealthy")
}
