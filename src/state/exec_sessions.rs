//! Exec sessions of a running container, as Podman names them: `exec -d` prints a session's
//! id, and `inspect` lists the live ones in `ExecIDs`. Each is a small file in the
//! container's runtime directory, `exec/ID`, holding the process's pid and start time, so a
//! session whose process has ended (or whose pid was reused) is recognised and swept.

use crate::state::containers::process_start_time;
use std::path::{Path, PathBuf};

fn dir(run_dir: &Path) -> PathBuf {
    run_dir.join("exec")
}

/// Records a session's process under a new id; returns the id.
pub fn record(run_dir: &Path, pid: i32) -> std::io::Result<String> {
    let id = crate::util::ids::random_id();
    let d = dir(run_dir);
    std::fs::create_dir_all(&d)?;
    let start = process_start_time(pid).unwrap_or(0);
    crate::state::atomic::write_atomic(&d.join(&id), format!("{pid} {start}\n").as_bytes(), crate::state::atomic::Durability::Atomic)
        .map_err(|e| std::io::Error::other(format!("{e:#}")))?;
    Ok(id)
}

/// Forgets a session (its process has ended).
pub fn forget(run_dir: &Path, id: &str) {
    let _ = std::fs::remove_file(dir(run_dir).join(id));
}

/// The ids of the sessions whose processes still run, oldest first; ended ones are swept.
pub fn live(run_dir: &Path) -> Vec<String> {
    let Ok(rd) = std::fs::read_dir(dir(run_dir)) else { return Vec::new() };
    let mut out: Vec<(std::time::SystemTime, String)> = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let mut f = text.split_whitespace().map(|v| v.parse::<u64>().ok());
        let alive = match (f.next().flatten(), f.next().flatten()) {
            (Some(pid), Some(start)) => process_start_time(pid as i32) == Some(start),
            _ => false,
        };
        if alive {
            out.push((e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH), name));
        } else if name.len() == 64 {
            forget(run_dir, &name);
        }
    }
    out.sort();
    out.into_iter().map(|(_, id)| id).collect()
}
