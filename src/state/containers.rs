//! Container records: one `container.json` per container directory, replaced atomically.
//! The set of names is guarded by the store lock; a record alone is read without locks.

use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::paths::Paths;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fs;

pub const RECORD_FILE: &str = "container.json";
pub const SPEC_FILE: &str = "config.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Running,
    Exited,
}

/// What the container's root filesystem is made of.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RootSource {
    /// An image's layers under a private writable layer.
    Image { image_id: String, layers: Vec<String> },
    /// A directory given with `--rootfs`.
    Dir { path: String, overlay: bool },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    /// The image as the user named it (shown by `ps`).
    pub image: String,
    pub root: RootSource,
    pub command: Vec<String>,
    pub created: i64,
    pub status: Status,
    #[serde(default)]
    pub pid: Option<i32>,
    /// The pid's start time (from /proc/PID/stat) so a recycled pid is not mistaken for ours.
    #[serde(default)]
    pub pid_start: Option<u64>,
    #[serde(default)]
    pub started_at: Option<i64>,
    #[serde(default)]
    pub finished_at: Option<i64>,
    #[serde(default)]
    pub exit_code: Option<i32>,
    #[serde(default)]
    pub auto_remove: bool,
    /// Named and anonymous volumes the container uses.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Those of `volumes` created for it alone (from the image's VOLUME list).
    #[serde(default)]
    pub anonymous_volumes: Vec<String>,
    /// `vfs` when its root is a copy of the image (`rootfs/`); none for overlay.
    #[serde(default)]
    pub driver: Option<String>,
}

impl ContainerRecord {
    pub fn short_id(&self) -> &str {
        &self.id[..12.min(self.id.len())]
    }

    /// The status as things really are: a "running" record whose process is gone is exited.
    pub fn live_status(&self) -> Status {
        if self.status == Status::Running && !self.process_alive() {
            return Status::Exited;
        }
        self.status
    }

    pub fn process_alive(&self) -> bool {
        match (self.pid, self.pid_start) {
            (Some(pid), Some(start)) => process_start_time(pid) == Some(start),
            _ => false,
        }
    }
}

/// Field 22 of /proc/PID/stat: the process start time in clock ticks since boot.
pub fn process_start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ');
    if fields.next()? == "Z" {
        return None; // a zombie has ended; only its parent has not reaped it yet
    }
    fields.nth(18)?.parse().ok()
}

pub fn save(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    let path = paths.container_dir(&rec.id).join(RECORD_FILE);
    write_json_atomic(&path, rec, Durability::Atomic)
}

pub fn load(paths: &Paths, id: &str) -> Result<ContainerRecord> {
    let path = paths.container_dir(id).join(RECORD_FILE);
    let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("decoding {}", path.display()))
}

/// Every container with a readable record, oldest first. Directories without a record are
/// half-created or half-removed ones, which the next locked command finishes off.
pub fn list(paths: &Paths) -> Result<Vec<ContainerRecord>> {
    let dir = paths.containers();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = name.to_str() else { continue };
        if id.len() != 64 {
            continue;
        }
        if let Ok(rec) = load(paths, id) {
            out.push(rec);
        }
    }
    out.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Finds a container by full name, full id or unique id prefix (as Podman does).
pub fn find<'a>(all: &'a [ContainerRecord], key: &str) -> Result<&'a ContainerRecord, FindError> {
    if let Some(c) = all.iter().find(|c| c.name == key || c.id == key) {
        return Ok(c);
    }
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(FindError::NotFound);
    }
    let mut hits = all.iter().filter(|c| c.id.starts_with(key));
    match (hits.next(), hits.next()) {
        (Some(c), None) => Ok(c),
        (Some(_), Some(_)) => Err(FindError::Ambiguous),
        _ => Err(FindError::NotFound),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum FindError {
    NotFound,
    Ambiguous,
}
