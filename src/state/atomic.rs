//! Atomic replacement of small state files: write a temporary file beside the target, then
//! rename over it. A reader sees the old or the new content, never a mix; a command killed
//! midway leaves at most a stray `.tmp-*` file, which is ignored.

use anyhow::{Context, Result};
use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

/// How hard to try to survive a power cut, on top of atomicity.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Rename only: safe against killed commands (the usual case for runtime state).
    Atomic,
    /// Also fsync the file and its directory (image index: costly to lose).
    Synced,
}

pub fn write_atomic(path: &Path, bytes: &[u8], durability: Durability) -> Result<()> {
    let dir = path.parent().context("state file has no parent directory")?;
    let name = path.file_name().context("state file has no name")?.to_string_lossy();
    let tmp = dir.join(format!(".tmp-{}-{}", name, std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        if durability == Durability::Synced {
            f.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        if durability == Durability::Synced {
            File::open(dir)?.sync_all()?;
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        anyhow::Error::new(e).context(format!("writing {}", path.display()))
    })
}

pub fn write_json_atomic<T: serde::Serialize>(path: &Path, value: &T, durability: Durability) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(value).context("encoding state as JSON")?;
    write_atomic(path, &bytes, durability)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = std::env::temp_dir().join(format!("hutch-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let p = dir.join("state.json");
        write_atomic(&p, b"first", Durability::Atomic).unwrap();
        write_atomic(&p, b"second", Durability::Synced).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"second");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
