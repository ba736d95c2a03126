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
