//! Container listing (`ps`) and removal (`rm`).

use crate::engine::Engine;
use crate::state::containers::{self as records, ContainerRecord, FindError, Status};
use crate::state::lock;
use crate::storage::remove::{remove_tree, remove_tree_mapped};
use anyhow::{Context, Result};

/// One row of `ps`, status already checked against the live process.
pub struct PsRow {
    pub record: ContainerRecord,
    pub status: Status,
}

/// Why one container could not be removed, with Podman's exit code for it.
pub struct RmFailure {
    pub key: String,
    pub code: i32,
    pub message: String,
}

#[derive(Default)]
pub struct RmReport {
    /// (the name or id as given, the full id)
    pub removed: Vec<(String, String)>,
    pub failures: Vec<RmFailure>,
}

impl Engine {
    pub fn ps(&self, all: bool) -> Result<Vec<PsRow>> {
        self.sweep_tmp();
        let mut rows: Vec<PsRow> = records::list(&self.paths)?
            .into_iter()
            .map(|r| PsRow { status: r.live_status(), record: r })
            .filter(|r| all || r.status == Status::Running)
            .collect();
        rows.reverse(); // newest first, as Podman lists them
        Ok(rows)
    }

    /// Removes containers by name or id (`all` for every one); running ones need `force`.
    /// With `volumes`, the containers' anonymous volumes go too (`rm -v`).
    pub fn rm(&self, keys: &[String], all: bool, force: bool, ignore: bool, volumes: bool) -> Result<RmReport> {
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let records_all = records::list(&self.paths)?;
        let mut report = RmReport::default();
        let targets: Vec<(String, Result<ContainerRecord, FindError>)> = if all {
            records_all.iter().map(|r| (r.id.clone(), Ok(r.clone()))).collect()
        } else {
            keys.iter().map(|k| (k.clone(), records::find(&records_all, k).cloned())).collect()
        };
        for (key, found) in targets {
            let rec = match found {
                Ok(r) => r,
                Err(FindError::NotFound) if ignore => continue,
                Err(FindError::NotFound) => {
                    report.failures.push(RmFailure { key: key.clone(), code: 1, message: format!("no container with name or ID \"{key}\" found: no such container") });
                    continue;
                }
                Err(FindError::Ambiguous) => {
                    report.failures.push(RmFailure { key: key.clone(), code: 125, message: format!("more than one container matches \"{key}\": give more of the ID") });
                    continue;
                }
            };
            if rec.live_status() == Status::Running {
                if !force {
                    report.failures.push(RmFailure {
                        key: key.clone(),
                        code: 2,
                        message: format!(
                            "cannot remove container {} as it is running - running or paused containers cannot be removed without force: container state improper",
                            rec.id
                        ),
                    });
                    continue;
                }
                stop_now(&rec);
            }
            let removed = self.remove_container_files(&rec.id).and_then(|_| if volumes { self.remove_anonymous_volumes(&rec) } else { Ok(()) });
            match removed {
                Ok(()) => report.removed.push((key, rec.id.clone())),
                Err(e) => report.failures.push(RmFailure { key, code: 125, message: format!("{e:#}") }),
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
        match std::fs::rename(&dir, &grave) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", dir.display())),
        }
        let _ = remove_tree(&self.paths.container_run_dir(id));
        remove_tree_mapped(&grave)
    }

    /// Finishes removals and imports that a killed command left in `tmp/`.
    pub fn sweep_tmp(&self) {
        let Ok(rd) = std::fs::read_dir(self.paths.tmp()) else { return };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = if name.starts_with("rm-") {
                true
            } else if let Some(rest) = ["import-", "pull-", "seed-", "save-"].iter().find_map(|p| name.strip_prefix(p)) {
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

/// Kills a running container's init and waits (briefly) for it to go.
fn stop_now(rec: &ContainerRecord) {
    if let Some(pid) = rec.pid {
        // SAFETY: signals a pid we checked is still this container's (start time matched).
        unsafe { libc::kill(pid, libc::SIGKILL) };
        for _ in 0..200 {
            if !rec.process_alive() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}
