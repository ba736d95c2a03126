//! Volume records: `volumes/<name>/volume.json` beside the data in `volumes/<name>/_data`.

use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::paths::Paths;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeRecord {
    pub name: String,
    pub created: i64,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Made for one container from its image's VOLUME list.
    #[serde(default)]
    pub anonymous: bool,
    /// The image's content has been copied in (done once, on first use).
    #[serde(default)]
    pub seeded: bool,
    /// Creation time in nanoseconds (0 in records made before it was kept: `created` then).
    #[serde(default)]
    pub created_ns: i128,
    /// The local driver's options as Podman keeps them (`type`, `device`, `o`, and the
    /// `UID`/`GID`/`SIZE` it takes out of `o`), shown by inspect.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
}

impl VolumeRecord {
    pub fn created_nanos(&self) -> i128 {
        if self.created_ns > 0 { self.created_ns } else { self.created as i128 * 1_000_000_000 }
    }

    /// The owner given with `o=uid=N` / `o=gid=N`.
    pub fn uid(&self) -> Option<u32> {
        self.options.get("UID").and_then(|v| v.parse().ok())
    }

    pub fn gid(&self) -> Option<u32> {
        self.options.get("GID").and_then(|v| v.parse().ok())
    }

    /// Podman's needsMount: a `type` (tmpfs, or a bind of `device`) makes the volume a mount
    /// of its own rather than its `_data` directory.
    pub fn needs_mount(&self) -> bool {
        self.options.contains_key("type")
    }
}

/// Podman's rule for volume names.
pub fn check_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphanumeric() || !b.iter().all(|&c| c.is_ascii_alphanumeric() || b"_.-".contains(&c)) {
        bail!("invalid volume name `{name}`: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    Ok(())
}

pub fn load(paths: &Paths, name: &str) -> Result<Option<VolumeRecord>> {
    let p = paths.volume_dir(name).join("volume.json");
    match std::fs::read(&p) {
        Ok(b) => Ok(Some(serde_json::from_slice(&b).with_context(|| format!("decoding {}", p.display()))?)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", p.display())),
    }
}

pub fn save(paths: &Paths, v: &VolumeRecord) -> Result<()> {
    write_json_atomic(&paths.volume_dir(&v.name).join("volume.json"), v, Durability::Synced)
}

pub fn list(paths: &Paths) -> Result<Vec<VolumeRecord>> {
    let mut out = Vec::new();
    let rd = match std::fs::read_dir(paths.volumes()) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).context("listing volumes"),
    };
    for e in rd.flatten() {
        if let Some(v) = load(paths, &e.file_name().to_string_lossy())? {
            out.push(v);
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
