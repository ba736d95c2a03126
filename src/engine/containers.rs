//! Container listing (`ps`) and removal (`rm`).

use crate::engine::Engine;
pub use crate::engine::report::{Failure, PsRow};
use crate::engine::report::{BatchReport, Targets};
use crate::engine::ps_filter::Mounts;
use crate::state::containers::{self as records, ContainerRecord, Status};
use crate::state::lock;
use crate::storage::remove::{remove_tree, remove_tree_mapped};
use anyhow::{Context, Result};

/// `rm`'s options.
#[derive(Debug, Clone, Default)]
pub struct RmOptions {
    pub keys: Vec<String>,
    pub all: bool,
    /// Stop running containers first.
    pub force: bool,
    /// Missing containers are no error.
    pub ignore: bool,
    /// Their anonymous volumes go too.
    pub volumes: bool,
    /// Seconds to wait for a stop before SIGKILL (default: each container's stop timeout).
    pub timeout: Option<u64>,
    /// `--depend`: the containers that join a target's network go first (else they block it).
    pub depend: bool,
}

impl Engine {
    /// The containers; `external` adds the step containers of builds that run now (those of
    /// a build that is gone are removed here).
    pub fn ps(&self, all: bool, external: bool) -> Result<Vec<PsRow>> {
        self.sweep_tmp();
        let recs = records::list(&self.paths)?;
        // Sized once (a row is a kilobyte: a growing vector would copy them all again).
        let mut rows: Vec<PsRow> = Vec::with_capacity(recs.len());
        rows.extend(recs
            .into_iter()
            .filter(|r| match r.settings.labels.get(crate::engine::build::BUILD_LABEL) {
                None => true,
                Some(pid) if builder_alive(pid) => external,
                Some(_) => {
                    let _ = self.remove_container_and_volumes(&r.id);
                    false
                }
            })
            .map(|r| PsRow { status: r.live_status(), record: r, health: None })
            .filter(|r| all || (r.status == Status::Running && !r.record.paused))
            .map(|mut row| {
                // One more small read, only for running containers that have a check.
                if row.status == Status::Running && row.record.settings.health.is_some() {
                    row.health = self.health_of(&row.record.id).map(|h| h.status).filter(|s| !s.is_empty());
                }
                row
            }));
        // Oldest first, as Podman lists them.
        Ok(rows)
    }

    /// Removes the step containers of builds that are gone (killed midway).
    pub fn sweep_build_containers(&self) {
        for r in records::list(&self.paths).unwrap_or_default() {
            if r.settings.labels.get(crate::engine::build::BUILD_LABEL).is_some_and(|pid| !builder_alive(pid)) {
                let _ = self.remove_container_and_volumes(&r.id);
            }
        }
    }

    /// A container's mounts as `volume=` compares them: bind mounts from its spec, and its named
    /// volumes with where they are mounted.
    pub fn filter_mounts(&self, rec: &ContainerRecord) -> Mounts {
        let spec: serde_json::Value = std::fs::read(self.paths.container_dir(&rec.id).join(records::SPEC_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(serde_json::Value::Null);
        let all: Vec<(String, String)> = spec["mounts"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| (m["source"].as_str().unwrap_or("").to_string(), m["destination"].as_str().unwrap_or("").to_string()))
            .collect();
        let data: Vec<(String, String)> = rec.volumes.iter().map(|n| (n.clone(), self.volume_data(n).to_string_lossy().into_owned())).collect();
        let named = data
            .iter()
            .map(|(n, d)| (n.clone(), all.iter().find(|(s, _)| s == d).map(|(_, dest)| dest.clone()).unwrap_or_default()))
            .collect();
        let binds = all.into_iter().filter(|(s, _)| !data.iter().any(|(_, d)| d == s)).collect();
        Mounts { binds, named }
    }

    /// The containers `--filter` values select (Podman's ps filters), oldest first.
    pub fn filtered(&self, filters: &[String]) -> Result<Vec<ContainerRecord>> {
        let specs = crate::engine::ps_filter::split_flag_values(filters);
        let f = crate::engine::ps_filter::PsFilter::parse(&specs, &|k| self.find_container(k))?;
        Ok(self
            .ps(true, false)?
            .into_iter()
            .filter(|r| {
                let m = if f.needs_mounts() { self.filter_mounts(&r.record) } else { Mounts::default() };
                f.matches(r, &m)
            })
            .map(|r| r.record)
            .collect())
    }

    /// Removes containers; running ones only with `force` (stopped first, as Podman does).
    /// Containers joining a target's network (`--network container:`) are removed before it:
    /// with `depend`, added to the targets; otherwise the target fails with Podman's error.
    fn order_dependents(&self, targets: &mut Vec<(String, ContainerRecord)>, depend: bool, report: &mut BatchReport) -> Result<()> {
        let all = records::list(&self.paths)?;
        let dependents_of = |id: &str| -> Vec<ContainerRecord> {
            let tag = format!("container:{id}");
            all.iter().filter(|r| r.settings.network == tag || r.settings.requires.iter().any(|q| q == id)).cloned().collect()
        };
        let mut i = 0;
        while i < targets.len() {
            let id = targets[i].1.id.clone();
            let missing: Vec<ContainerRecord> = dependents_of(&id).into_iter().filter(|d| !targets.iter().any(|(_, t)| t.id == d.id)).collect();
            if missing.is_empty() {
                i += 1;
                continue;
            }
            if depend {
                // Dependents first (and theirs, as the loop reaches them).
                for d in missing {
                    targets.insert(i, (d.id.clone(), d));
                }
                continue;
            }
            let ids: Vec<&str> = missing.iter().map(|d| d.id.as_str()).collect();
            let (key, _) = targets.remove(i);
            report.fail(&key, 125, format!("container {id} has dependent containers which must be removed before it: {}: container already exists", ids.join(",")));
        }
        // Targets that depend on other targets go first.
        targets.sort_by_key(|(_, r)| !(r.settings.network.starts_with("container:") || !r.settings.requires.is_empty()));
        Ok(())
    }

    pub fn rm(&self, o: &RmOptions) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let t = Targets { keys: o.keys.clone(), all: o.all, ignore: o.ignore, ..Default::default() };
        let mut targets = self.targets(&t, &mut report)?;
        self.order_dependents(&mut targets, o.depend, &mut report)?;
        // Missing containers are exit 1 for rm (Podman), not 125.
        for f in report.failures.iter_mut() {
            if f.message.ends_with("no such container") {
                f.code = 1;
            }
        }
        let mut todo = Vec::new();
        for (key, rec) in targets {
            // A start under way (even one whose command was killed: its supervisor holds the
            // start lock until the start is recorded) finishes first, so nothing it launches
            // outlives the record removed here; and the lock stays taken until the record is
            // gone, so no start comes in between (a `run` between its create and its start).
            let lock = self.start_lock(&rec.id).ok();
            let rec = if lock.is_some() { records::load(&self.paths, &rec.id).unwrap_or(rec) } else { rec };
            if rec.busy() {
                if !o.force {
                    report.fail(&key, 2, format!(
                        "cannot remove container {} as it is {} - running or paused containers cannot be removed without force: container state improper",
                        rec.id,
                        if rec.paused { "paused" } else { "running" }
                    ));
                    continue;
                }
                if let Err(e) = self.stop_one(&rec, o.timeout, false) {
                    report.fail(&key, 125, format!("{e:#}"));
                    continue;
                }
            }
            todo.push((key, rec, lock));
        }
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        for (key, rec, _start_lock) in todo {
            // Started again meanwhile by its own supervisor (a restart policy): leave it be.
            if records::load(&self.paths, &rec.id).is_ok_and(|r| r.busy()) {
                report.fail(&key, 2, format!("cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper", rec.id));
                continue;
            }
            let removed = self.remove_container_files(&rec.id).and_then(|_| if o.volumes { self.remove_anonymous_volumes(&rec) } else { Ok(()) });
            match removed {
                Ok(()) => {
                    self.container_event("remove", &rec, None);
                    report.done.push(key)
                }
                Err(e) => report.fail(&key, 125, format!("{e:#}")),
            }
        }
        Ok(report)
    }

    /// Takes a container out of the store: first an atomic rename out of `containers/` (so it
    /// is never listed half-removed), then the deletion, which a later command finishes if
    /// this one is killed.
    pub fn remove_container_files(&self, id: &str) -> Result<()> {
        let dir = self.paths.container_dir(id);
        let grave = self.paths.tmp().join(format!("rm-{id}"));
        std::fs::create_dir_all(self.paths.tmp())?;
        {
            let _changing = crate::state::container_index::changing(&self.paths)?;
            match std::fs::rename(&dir, &grave) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("removing {}", dir.display())),
            }
        }
        let _ = remove_tree(&self.paths.container_run_dir(id));
        remove_tree_mapped(&grave)
    }

    /// Every container's record, after removing what creates that were killed left (a
    /// directory with no record, or one whose creating process is gone). Only under the store
    /// lock: a live create holds it from its mkdir to its record.
    pub fn scan_sweeping_debris(&self) -> Result<Vec<ContainerRecord>> {
        let (all, debris) = records::scan(&self.paths)?;
        for d in debris {
            let _ = self.remove_container_files(&d);
        }
        Ok(all)
    }

    /// Finishes removals and imports that a killed command left in `tmp/`.
    pub fn sweep_tmp(&self) {
        let Ok(rd) = std::fs::read_dir(self.paths.tmp()) else { return };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = if name.starts_with("rm-") {
                true
            } else if let Some(rest) = ["import-", "pull-", "seed-", "save-", "build-"].iter().find_map(|p| name.strip_prefix(p)) {
                // KIND-PID-RANDOM: stale once its process is gone.
                rest.split('-').next().and_then(|p| p.parse::<i32>().ok())
                    .map(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
                    .unwrap_or(true)
            } else {
                false
            };
            if stale {
                let _ = remove_tree_mapped(&e.path());
            }
        }
    }
}


/// Whether the build process that made a step container still runs.
fn builder_alive(pid: &str) -> bool {
    pid.parse::<i32>().is_ok_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists())
}
