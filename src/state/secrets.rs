//! Secret records (Podman's file driver): `secrets/<id>/secret.json` beside `secrets/<id>/data`
//! (mode 0600). A record is written after its data, so a killed `secret create` leaves at most
//! a directory without a record, which listing ignores and `secret create` sweeps.

use crate::state::atomic::{write_atomic, write_json_atomic, Durability};
use crate::state::paths::Paths;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SecretRecord {
    /// 25 hex characters, as Podman's.
    pub id: String,
    pub name: String,
    pub driver: String,
    #[serde(default)]
    pub driver_options: BTreeMap<String, String>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Unix nanoseconds.
    pub created: i64,
    pub updated: i64,
}

/// Secret names: 1 to 253 characters of [a-zA-Z0-9_.-], starting with a letter or digit.
pub fn check_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    if b.is_empty() || b.len() > 253 || !b[0].is_ascii_alphanumeric() || !b.iter().all(|&c| c.is_ascii_alphanumeric() || b"_.-".contains(&c)) {
        bail!("invalid secret name `{name}`: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]* (at most 253 characters)");
    }
    Ok(())
}

fn dir(paths: &Paths, id: &str) -> PathBuf {
    paths.secrets().join(id)
}

pub fn data_path(paths: &Paths, id: &str) -> PathBuf {
    dir(paths, id).join("data")
}

/// Every complete secret, oldest first.
pub fn list(paths: &Paths) -> Result<Vec<SecretRecord>> {
    let mut out = Vec::new();
    let rd = match std::fs::read_dir(paths.secrets()) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).context("listing secrets"),
    };
    for e in rd.flatten().filter(|e| e.path().is_dir()) {
        let p = e.path().join("secret.json");
        match std::fs::read(&p) {
            Ok(b) => out.push(serde_json::from_slice(&b).with_context(|| format!("decoding {}", p.display()))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("reading {}", p.display())),
        }
    }
    out.sort_by_key(|s: &SecretRecord| (s.created, s.id.clone()));
    Ok(out)
}

/// Writes the data, then the record. The caller holds the secrets lock.
pub fn save(paths: &Paths, rec: &SecretRecord, data: &[u8]) -> Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    let d = dir(paths, &rec.id);
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&d).with_context(|| format!("creating {}", d.display()))?;
    write_atomic(&d.join("data"), data, Durability::Synced)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.join("data"), std::fs::Permissions::from_mode(0o600))?;
    write_json_atomic(&d.join("secret.json"), rec, Durability::Synced)
}

/// Removes a secret: its record first, so a half-removed one is simply gone.
pub fn remove(paths: &Paths, id: &str) -> Result<()> {
    let d = dir(paths, id);
    std::fs::remove_file(d.join("secret.json")).with_context(|| format!("removing {}", d.display()))?;
    std::fs::remove_dir_all(&d).with_context(|| format!("removing {}", d.display()))
}

/// Directories a killed `secret create` left without a record.
pub fn sweep_incomplete(paths: &Paths) {
    if let Ok(rd) = std::fs::read_dir(paths.secrets()) {
        for e in rd.flatten() {
            if e.path().is_dir() && !e.path().join("secret.json").exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

pub fn lock(paths: &Paths) -> Result<crate::state::lock::Lock> {
    std::fs::create_dir_all(paths.secrets()).with_context(|| format!("creating {}", paths.secrets().display()))?;
    crate::state::lock::exclusive(&paths.secrets().join(".lock"))
}
