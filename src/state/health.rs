//! A container's health check results (`health.json` beside its record, Podman's
//! HealthCheckResults): the status, the failing streak, the last five checks.

use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::paths::Paths;
use serde::{Deserialize, Serialize};

pub const HEALTH_FILE: &str = "health.json";
/// Podman's limits: checks kept, and characters of output kept per check.
pub const MAX_LOGS: usize = 5;
pub const MAX_OUTPUT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthLog {
    #[serde(rename = "Start")]
    pub start: String,
    #[serde(rename = "End")]
    pub end: String,
    #[serde(rename = "ExitCode")]
    pub exit_code: i32,
    #[serde(rename = "Output")]
    pub output: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthState {
    /// starting, healthy, unhealthy.
    #[serde(rename = "Status")]
    pub status: String,
    #[serde(rename = "FailingStreak")]
    pub failing_streak: u32,
    #[serde(rename = "Log")]
    pub log: Vec<HealthLog>,
}

impl HealthState {
    /// Podman's updateHealthCheckLog: a pass makes it healthy; failures outside the start
    /// period count, and `retries` of them in a row make it unhealthy.
    pub fn record(&mut self, entry: HealthLog, in_start_period: bool, retries: u32) {
        if entry.exit_code == 0 {
            self.status = "healthy".into();
            self.failing_streak = 0;
        } else {
            if self.status.is_empty() {
                self.status = "healthy".into();
            }
            if !in_start_period {
                self.failing_streak += 1;
                if self.failing_streak >= retries {
                    self.status = "unhealthy".into();
                }
            }
        }
        self.log.push(entry);
        if self.log.len() > MAX_LOGS {
            self.log.remove(0);
        }
    }
}

/// What a container starts with, each time.
pub fn starting() -> HealthState {
    HealthState { status: "starting".into(), ..Default::default() }
}

pub fn load(paths: &Paths, id: &str) -> Option<HealthState> {
    serde_json::from_slice(&std::fs::read(paths.container_dir(id).join(HEALTH_FILE)).ok()?).ok()
}

pub fn save(paths: &Paths, id: &str, s: &HealthState) -> anyhow::Result<()> {
    write_json_atomic(&paths.container_dir(id).join(HEALTH_FILE), s, Durability::Atomic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaks_and_start_period() {
        let mut s = HealthState { status: "starting".into(), ..Default::default() };
        let fail = HealthLog { exit_code: 1, ..Default::default() };
        s.record(fail.clone(), true, 2);
        assert_eq!((s.status.as_str(), s.failing_streak), ("starting", 0));
        s.record(fail.clone(), false, 2);
        assert_eq!((s.status.as_str(), s.failing_streak), ("starting", 1));
        s.record(fail.clone(), false, 2);
        assert_eq!((s.status.as_str(), s.failing_streak), ("unhealthy", 2));
        for _ in 0..5 {
            s.record(HealthLog::default(), false, 2);
        }
        assert_eq!((s.status.as_str(), s.failing_streak, s.log.len()), ("healthy", 0, 5));
    }
}
