//! Small container verbs: attach, rename, port, exists, prune, pause/unpause.

use crate::engine::lifecycle::BatchReport;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{self as records, Status};
use crate::state::lock;
use crate::engine::report::{AttachRequest, Attached};
use crate::supervisor::attach;
use anyhow::Result;

impl Engine {
    /// Attaches to a detached container.
    pub fn attach(&self, key: &str, req: &AttachRequest) -> Result<Attached> {
        let rec = self.find_container(key)?;
        let rec = self.settled(&rec.id)?;
        if rec.status != Status::Running {
            return Err(exit_error(125, "you can only attach to running containers"));
        }
        let run_dir = self.paths.container_run_dir(&rec.id);
        if !run_dir.join(attach::SOCKET).exists() {
            return Err(exit_error(125, format!(
                "container {} runs in the foreground of another hutch command, which owns its terminal: it cannot be attached to",
                rec.name
            )));
        }
        self.attach_session(&rec, attach::connect(&run_dir)?, req)
    }

    /// Renames a container (any state), under the store lock so names stay unique.
    pub fn rename(&self, key: &str, new: &str) -> Result<()> {
        crate::engine::create::check_name(new).map_err(|_| exit_error(125, "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument"))?;
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let rec = self.find_container(key)?;
        if let Some(other) = records::list_all(&self.paths)?.iter().find(|c| c.name == new) {
            if other.id != rec.id {
                return Err(exit_error(125, format!(
                    "renaming container {}: name {new} already in use, cannot rename container {}: container already exists",
                    rec.id, rec.id
                )));
            }
        }
        records::update(&self.paths, &rec.id, |r| {
            r.name = new.to_string();
            Ok(())
        })
    }

    /// Whether a container exists.
    pub fn container_exists(&self, key: &str) -> Result<bool> {
        Ok(records::find(&records::list(&self.paths)?, key).is_ok())
    }

    /// Removes every container that is not running (with `until` only those created before).
    pub fn container_prune(&self, labels: &[(String, Option<String>, bool)], until: Option<i64>) -> Result<BatchReport> {
        let ids: Vec<String> = records::list(&self.paths)?
            .into_iter()
            .filter(|c| c.live_status() != Status::Running)
            .filter(|c| until.is_none_or(|u| c.created < u))
            .filter(|c| {
                labels.iter().all(|(k, v, negate)| {
                    let has = match v {
                        Some(v) => c.settings.labels.get(k) == Some(v),
                        None => c.settings.labels.contains_key(k),
                    };
                    has != *negate
                })
            })
            .map(|c| c.id)
            .collect();
        self.rm(&crate::engine::containers::RmOptions { keys: ids, ignore: true, ..Default::default() })
    }
}
