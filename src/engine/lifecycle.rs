//! Stopping, killing, waiting for and restarting containers. Signals go through a pidfd
//! opened on the recorded pid and checked against its start time, so a recycled pid is
//! never signalled; the supervisor records the exit, these verbs wait for it.

pub use crate::engine::report::{no_such, status_word, BatchReport, Targets};
use crate::engine::Engine;
use crate::runtime::io;
use crate::state::containers::{self as records, ContainerRecord, FindError, Status};
use anyhow::Result;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// A pidfd on a running container's first process, if it is still the recorded one.
pub(crate) fn open_process(rec: &ContainerRecord) -> Option<OwnedFd> {
    let (pid, start) = (rec.pid?, rec.pid_start?);
    let fd = io::pidfd_open(pid)?;
    // Opened first, checked after: the fd now pins this very process.
    (records::process_start_time(pid) == Some(start)).then_some(fd)
}

/// Waits until the process behind `pidfd` has ended, up to `timeout`.
fn wait_gone(pidfd: &OwnedFd, timeout: Duration) -> bool {
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    io::poll(&[(pidfd.as_raw_fd(), libc::POLLIN)], ms).map(|r| r[0] != 0).unwrap_or(false)
}

impl Engine {
    /// Resolves targets to records; missing ones go to the report (or are ignored).
    pub fn targets(&self, t: &Targets, report: &mut BatchReport) -> Result<Vec<(String, ContainerRecord)>> {
        if !t.filter.is_empty() {
            return Ok(self.filtered(&t.filter)?.into_iter().map(|r| (r.id.clone(), r)).collect());
        }
        let all = records::list(&self.paths)?;
        if t.all {
            return Ok(all
                .into_iter()
                .filter(|r| !t.running_only || r.live_status() == Status::Running)
                // Podman prints full ids for --all, --latest and --filter.
                .map(|r| (r.id.clone(), r))
                .collect());
        }
        if t.latest {
            // `list` is oldest first (by creation, to the nanosecond).
            return Ok(all.into_iter().last().map(|r| (r.id.clone(), r)).into_iter().collect());
        }
        let mut out = Vec::new();
        for k in &t.keys {
            match records::find(&all, k) {
                Ok(r) => out.push((k.clone(), r.clone())),
                Err(FindError::NotFound) if t.ignore => {}
                Err(FindError::NotFound) => report.fail(k, 125, no_such(k)),
                Err(FindError::Ambiguous) => report.fail(k, 125, format!("more than one result for container \"{k}\": give more of the ID")),
            }
        }
        // As Podman: every name is looked up before anything is done; one missing, none acted on.
        if !report.failures.is_empty() {
            out.clear();
        }
        Ok(out)
    }

    /// Stops one container: its stop signal, `timeout` seconds (else its own), then SIGKILL;
    /// returns once the exit (and its `died` event) is recorded. A container that is not
    /// running is left as is. `stop_event`: the `stop` verb's event; `rm -f` and `restart`
    /// stop without one, as in Podman.
    pub fn stop_one(&self, rec: &ContainerRecord, timeout: Option<u64>, stop_event: bool) -> Result<()> {
        let rec = self.settled(&rec.id)?;
        if rec.status != Status::Running {
            // A restart policy waiting out its back-off must not start it again: tell its
            // supervisor, and wait until it has given up.
            if let Some(s) = rec.supervisor.filter(|s| s.alive()) {
                records::update(&self.paths, &rec.id, |r| {
                    r.stopped_by_user = true;
                    Ok(())
                })?;
                let end = Instant::now() + Duration::from_secs(10);
                while s.alive() && Instant::now() < end {
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
            return Ok(());
        }
        records::update(&self.paths, &rec.id, |r| {
            r.stopped_by_user = true;
            Ok(())
        })?;
        if stop_event {
            self.container_event("stop", &rec, None);
        }
        if let Some(fd) = open_process(&rec) {
            let timeout = timeout.unwrap_or(rec.settings.stop_timeout());
            let sig = rec.settings.stop_signal();
            let sent = timeout > 0 && io::pidfd_kill(fd.as_raw_fd(), sig);
            // A paused container runs again, to act on its stop signal (or die of SIGKILL).
            self.thaw_for_stop(&rec);
            let gone = sent && wait_gone(&fd, Duration::from_secs(timeout));
            if !gone {
                if timeout > 0 {
                    self.warn(&format!(
                        "StopSignal {} failed to stop container {} in {timeout} seconds, resorting to SIGKILL",
                        crate::util::signals::name(sig),
                        rec.name
                    ));
                }
                io::pidfd_kill(fd.as_raw_fd(), libc::SIGKILL);
                wait_gone(&fd, Duration::from_secs(10));
            }
        }
        self.wait_recorded(&rec.id, Duration::from_secs(10));
        Ok(())
    }

    /// Waits for the supervisor to record the exit (or to be gone, then settles the record).
    fn wait_recorded(&self, id: &str, limit: Duration) {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            match records::load(&self.paths, id) {
                Ok(r) if r.status == Status::Running && r.ghost().is_none() => {}
                Ok(r) if r.status == Status::Running => {
                    let _ = self.settled(&r.id);
                    return;
                }
                _ => return,
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn stop(&self, t: &Targets, timeout: Option<u64>) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let mut t = t.clone();
        t.running_only = true;
        for (key, rec) in self.targets(&t, &mut report)? {
            // Podman stops no paused container (`unpause` it first); --all passes over it.
            if rec.is_paused() {
                if !t.all {
                    report.fail(&key, 125, format!("can only stop created or running containers. {} is in state paused: container state improper", rec.id));
                }
                continue;
            }
            match self.stop_one(&rec, timeout, true) {
                Ok(()) => report.done.push(key),
                Err(e) => report.fail(&key, 125, format!("{e:#}")),
            }
        }
        Ok(report)
    }

    pub fn kill(&self, t: &Targets, sig: i32) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let mut t = t.clone();
        t.running_only = true;
        for (key, rec) in self.targets(&t, &mut report)? {
            let rec = self.settled(&rec.id)?;
            let fd = if rec.status == Status::Running { open_process(&rec) } else { None };
            let Some(fd) = fd else {
                let state = if rec.status == Status::Running { "exited" } else { status_word(rec.status) };
                report.fail(&key, 125, format!("can only kill running containers. {} is in state {state}: container state improper", rec.id));
                continue;
            };
            if sig == libc::SIGKILL || sig == libc::SIGTERM {
                let _ = records::update(&self.paths, &rec.id, |r| {
                    r.stopped_by_user = true;
                    Ok(())
                });
            }
            if io::pidfd_kill(fd.as_raw_fd(), sig) {
                self.container_event("kill", &rec, None);
                report.done.push(key);
            } else {
                report.fail(&key, 125, format!("sending signal {sig} to container {}: {}", rec.id, std::io::Error::last_os_error()));
            }
        }
        Ok(report)
    }

    /// Waits until each container meets one of `conditions` (default: stopped or exited);
    /// returns (key, exit code) for each (-1 where it has none).
    pub fn wait(&self, t: &Targets, conditions: &[String], interval: Duration, mut each: impl FnMut(&str, i32)) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let conds: Vec<String> = if conditions.is_empty() { vec!["stopped".into(), "exited".into()] } else { conditions.to_vec() };
        for c in &conds {
            if !matches!(c.as_str(), "unknown" | "created" | "initialized" | "running" | "stopped" | "paused" | "exited" | "removing" | "healthy" | "unhealthy") {
                return Err(crate::error::exit_error(125, format!("unknown container state: {c}: invalid argument")));
            }
        }
        for (key, rec) in self.targets(t, &mut report)? {
            loop {
                let Ok(r) = records::load(&self.paths, &rec.id) else {
                    // Removed (e.g. --rm) while we waited: its code is gone with it.
                    report.fail(&key, 125, no_such(&key));
                    break;
                };
                let status = r.live_status();
                let exit_wait = conds.iter().any(|c| c == "stopped" || c == "exited");
                let met = conds.iter().any(|c| match c.as_str() {
                    "running" => status == Status::Running && !r.paused,
                    "paused" => status == Status::Running && r.paused,
                    "created" | "initialized" => status == Status::Created,
                    // A container that never ran has nothing to wait for: Podman reports 0.
                    "exited" | "stopped" => status != Status::Running,
                    "healthy" | "unhealthy" => status == Status::Running && self.health_of(&rec.id).is_some_and(|h| h.status == *c),
                    _ => false,
                });
                if met {
                    let code = match status {
                        Status::Exited if exit_wait => r.exit_code.unwrap_or(records::EXIT_VANISHED),
                        Status::Created if exit_wait => 0,
                        _ => -1,
                    };
                    each(&key, code);
                    report.done.push(key);
                    break;
                }
                std::thread::sleep(interval);
            }
        }
        Ok(report)
    }

    pub fn restart(&self, t: &Targets, timeout: Option<u64>) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        for (key, rec) in self.targets(t, &mut report)? {
            if rec.is_paused() {
                report.fail(&key, 125, "unable to restart a container in a paused or unknown state: container state improper".to_string());
                continue;
            }
            // Podman's order: restart, then the stop's died and cleanup, then init and start.
            self.container_event("restart", &rec, None);
            let r = self.stop_one(&rec, timeout, false).and_then(|_| self.start_detached(&rec.id).map(|_| ()));
            match r {
                Ok(()) => report.done.push(key),
                Err(e) => report.fail(&key, crate::error::exit_code_of(&e), format!("{e:#}")),
            }
        }
        Ok(report)
    }
}
