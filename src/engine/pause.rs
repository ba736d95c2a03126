//! `pause` and `unpause`: the cgroup v2 freezer (`cgroup.freeze`) of the container's own
//! cgroup. A container has one where the caller's cgroup v2 subtree is delegated (as systemd
//! delegates it to a user's manager); elsewhere pausing is refused as Podman refuses it.
//! A paused container stays `running` in its record, with `paused` set: it is listed, waited
//! for and removed as a running one, shown as Paused, and refused by exec and start.

use crate::engine::report::{state_word, BatchReport, Targets};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::runtime::cgroup::{self, Kernel};
use crate::state::containers::{self as records, ContainerRecord, Status};
use anyhow::Result;
use std::path::PathBuf;
use std::time::Duration;

/// How long the kernel may take to stop (or restart) every process of a cgroup.
const FREEZE_WAIT: Duration = Duration::from_secs(5);

impl Engine {
    /// Freezes (`pause`) or thaws (`unpause`) each target; `--all` takes the running ones
    /// (or the paused ones).
    pub fn pause(&self, t: &Targets, freeze: bool) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let mut t = t.clone();
        t.running_only = true;
        for (key, rec) in self.targets(&t, &mut report)? {
            if t.all && rec.paused == freeze {
                continue;
            }
            match self.pause_one(&rec.id, freeze) {
                Ok(()) => report.done.push(key),
                Err(e) => report.fail(&key, crate::error::exit_code_of(&e), format!("{e:#}")),
            }
        }
        Ok(report)
    }

    pub(crate) fn pause_one(&self, id: &str, freeze: bool) -> Result<()> {
        let rec = self.settled(id)?;
        let mut state = state_word(&rec, rec.live_status());
        // A cgroup left frozen (by a freeze that failed midway) is paused for unpause.
        if !freeze && state == "running" && self.container_cgroup(&rec).is_some_and(|cg| std::fs::read_to_string(cg.join("cgroup.freeze")).is_ok_and(|v| v.trim() == "1")) {
            state = "paused";
        }
        match (freeze, state) {
            (true, "paused") => return Err(exit_error(125, format!("{:?} is already paused: container state improper", rec.id))),
            (true, "running") | (false, "paused") => {}
            (true, _) => return Err(exit_error(125, format!("{state:?} is not running, can't pause: container state improper"))),
            (false, _) => return Err(exit_error(125, format!("{:?} is not paused, can't unpause: container state improper", rec.id))),
        }
        let Some(cg) = self.container_cgroup(&rec) else {
            return Err(no_freezer());
        };
        cgroup::freeze(&Kernel, &cg, freeze, FREEZE_WAIT)?;
        records::update(&self.paths, id, |r| {
            // Still the run we froze (not one its restart policy began meanwhile).
            if r.status == Status::Running && r.pid == rec.pid {
                r.paused = freeze;
            }
            Ok(())
        })?;
        self.container_event(if freeze { "pause" } else { "unpause" }, &rec, None);
        Ok(())
    }

    /// Thaws a paused container (its stop signal is on its way: it must run to act on it).
    pub(crate) fn thaw_for_stop(&self, rec: &ContainerRecord) {
        if !rec.is_paused() {
            return;
        }
        if let Some(cg) = self.container_cgroup(rec) {
            let _ = cgroup::freeze(&Kernel, &cg, false, FREEZE_WAIT);
        }
        let _ = records::update(&self.paths, &rec.id, |r| {
            r.paused = false;
            Ok(())
        });
    }

    /// The container's own cgroup while it runs (recorded by its supervisor).
    fn container_cgroup(&self, rec: &ContainerRecord) -> Option<PathBuf> {
        crate::supervisor::limits::recorded(&self.paths.container_run_dir(&rec.id)).filter(|d| d.join("cgroup.freeze").exists())
    }
}

/// Why a container without a cgroup of its own cannot be paused: Podman's words on cgroup v1.
fn no_freezer() -> anyhow::Error {
    let cg = crate::engine::cgroups::detect(std::path::Path::new("/sys/fs/cgroup"), nix::unistd::geteuid().as_raw());
    if cg.version != "v2" {
        exit_error(125, "can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup")
    } else {
        exit_error(125, "this container does not have a cgroup of its own to freeze: hutch gives containers one where your cgroup v2 subtree is delegated (run hutch from a systemd user unit or under `systemd-run --user --scope`, with Delegate=yes for your user manager)")
    }
}
