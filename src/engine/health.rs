//! `healthcheck run`: a container's health check, run once through `hutch exec` (a child
//! of ours, so a check that outlives its timeout is killed with everything it started), its
//! result recorded as Podman records it, a `health_status` event written.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::Status;
use crate::state::health::{self, HealthLog, HealthState, MAX_OUTPUT};
use anyhow::{Context, Result};
use std::io::Read;
use std::os::fd::AsRawFd;

pub struct HealthRun {
    /// healthy, unhealthy or starting, after this check.
    pub status: String,
    /// This check passed.
    pub passed: bool,
    /// It ran past its timeout (this many nanoseconds) and was ended.
    pub timed_out: Option<u64>,
}

impl Engine {
    pub fn healthcheck_run(&self, key: &str) -> Result<HealthRun> {
        let rec = self.find_container(key)?;
        let rec = self.settled(&rec.id)?;
        let Some(cfg) = rec.settings.health.clone() else {
            return Err(exit_error(125, format!("container {} has no defined healthcheck", rec.id)));
        };
        if rec.status != Status::Running {
            return Err(exit_error(125, format!("container {} is not running", rec.id)));
        }
        // Paused: no check runs (none would answer), and nothing is counted, as in Podman.
        if rec.paused {
            return Err(exit_error(125, format!("container {} is paused", rec.id)));
        }
        let (r, w) = crate::runtime::io::pipe()?;
        let w2 = w.try_clone()?;
        let mut child = self
            .paths
            .hutch_command()
            .arg("exec")
            .arg(&rec.id)
            .args(cfg.argv())
            .stdin(std::process::Stdio::null())
            .stdout(std::fs::File::from(w))
            .stderr(std::fs::File::from(w2))
            .spawn()
            .context("starting the health check")?;
        // Our copies of the write end go now, and the output is read while the check runs: a
        // check that prints more than a pipe holds would otherwise block, and look timed out.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let reader = std::thread::spawn(move || {
            let mut output = Vec::new();
            let mut r = std::fs::File::from(r);
            let _ = (&mut r).take(64 * 1024).read_to_end(&mut output);
            // The rest is drained, not kept.
            let _ = std::io::copy(&mut r, &mut std::io::sink());
            output
        });
        let start_ns = crate::util::time::now_nanos();
        let pidfd = crate::runtime::io::pidfd_open(child.id() as i32).context("pidfd_open on the health check")?;
        let timeout_ms = (cfg.timeout / 1_000_000).clamp(1, i32::MAX as u64) as i32;
        let ended = crate::runtime::io::poll(&[(pidfd.as_raw_fd(), libc::POLLIN)], timeout_ms)?.first().is_some_and(|r| *r != 0);
        if !ended {
            let _ = child.kill();
        }
        let status = child.wait().context("waiting for the health check")?;
        let end_ns = crate::util::time::now_nanos();
        // Past its timeout, what the check printed is not waited for (a process it left in the
        // container may still hold the pipe).
        let output = if ended { reader.join().unwrap_or_default() } else { Vec::new() };
        let mut text = String::from_utf8_lossy(&output).trim_end_matches('\n').to_string();
        if text.len() > MAX_OUTPUT {
            let mut cut = MAX_OUTPUT;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        // Podman: 0 passes, a timeout is -1, anything else is 1.
        let exit_code = match (ended, status.code()) {
            (false, _) => -1,
            (true, Some(0)) => 0,
            _ => 1,
        };
        if !ended {
            text = format!("healthcheck command exceeded timeout of {}", crate::util::time::go_duration_string(cfg.timeout));
        }
        let started_ns = rec.started_at.unwrap_or(0) as i128 * 1_000_000_000;
        let in_start_period = cfg.start_period > 0 && start_ns < started_ns + cfg.start_period as i128;
        let entry = HealthLog {
            start: crate::util::time::rfc3339_nanos_local(start_ns),
            end: crate::util::time::rfc3339_nanos_local(end_ns),
            exit_code,
            output: text,
        };
        let _guard = crate::state::containers::lock_container(&self.paths, &rec.id)?;
        let mut state = health::load(&self.paths, &rec.id).unwrap_or_default();
        state.record(entry, in_start_period, cfg.retries);
        health::save(&self.paths, &rec.id, &state)?;
        let mut ev = crate::state::events::container_event("health_status", &rec, None);
        ev.health_status = state.status.clone();
        crate::state::events::record(&self.paths, &ev, &crate::config::containers::events_backend());
        Ok(HealthRun { status: state.status, passed: exit_code == 0, timed_out: (!ended).then_some(cfg.timeout) })
    }

    /// A container's health as `ps` and `inspect` show it, if it has a check.
    pub fn health_of(&self, id: &str) -> Option<HealthState> {
        health::load(&self.paths, id)
    }
}
