//! `secret create|ls|inspect|rm` (Podman's file driver) and what `--secret` gives a container:
//! a copy of the data mounted read-only (type=mount) or an environment variable (type=env),
//! taken when the container is created.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::secrets::{SecretKind, SecretRequest};
use crate::state::secrets::{self as store, SecretRecord};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Podman's limit on a secret's size.
const MAX_SIZE: usize = 512_000;

pub struct SecretCreate {
    pub name: String,
    pub data: Vec<u8>,
    pub driver: Option<String>,
    pub driver_options: Vec<(String, String)>,
    pub labels: Vec<(String, String)>,
}

/// A secret as the verbs report it.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretReport {
    pub id: String,
    pub name: String,
    pub driver: String,
    pub driver_options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    /// Unix nanoseconds.
    pub created: i64,
    pub updated: i64,
}

impl From<SecretRecord> for SecretReport {
    fn from(r: SecretRecord) -> SecretReport {
        SecretReport { id: r.id, name: r.name, driver: r.driver, driver_options: r.driver_options, labels: r.labels, created: r.created, updated: r.updated }
    }
}

/// What `--secret` put in a container: mounts (file, destination) and environment entries.
#[derive(Debug, Default)]
pub struct ContainerSecrets {
    pub mounts: Vec<(PathBuf, String)>,
    pub env: Vec<String>,
}

impl Engine {
    pub fn secret_create(&self, o: &SecretCreate) -> Result<String> {
        store::check_name(&o.name).map_err(|e| exit_error(125, format!("{e:#}")))?;
        match o.driver.as_deref() {
            None | Some("") | Some("file") => {}
            Some(d) => return Err(exit_error(125, format!("secret driver {d:?} is not supported by hutch: use file (the default)"))),
        }
        if let Some((k, _)) = o.driver_options.first() {
            return Err(exit_error(125, format!("--driver-opts {k}: the file driver takes no options in hutch (its data is kept in the store)")));
        }
        if o.data.is_empty() || o.data.len() >= MAX_SIZE {
            return Err(exit_error(125, format!("secret data must be larger than 0 and less than {MAX_SIZE} bytes")));
        }
        let _lock = store::lock(&self.paths)?;
        store::sweep_incomplete(&self.paths);
        if store::list(&self.paths)?.iter().any(|s| s.name == o.name) {
            return Err(exit_error(125, format!("{}: secret name in use", o.name)));
        }
        let now = crate::util::time::now_nanos() as i64;
        let rec = SecretRecord {
            id: crate::util::ids::random_id()[..25].to_string(),
            name: o.name.clone(),
            driver: "file".into(),
            driver_options: BTreeMap::new(),
            labels: o.labels.iter().cloned().collect(),
            created: now,
            updated: now,
        };
        store::save(&self.paths, &rec, &o.data)?;
        Ok(rec.id)
    }

    pub fn secret_list(&self) -> Result<Vec<SecretReport>> {
        Ok(store::list(&self.paths)?.into_iter().map(SecretReport::from).collect())
    }

    /// A secret by name, full id or unique id prefix.
    pub fn secret_find(&self, key: &str) -> Result<SecretReport> {
        self.secret_record(key).map(SecretReport::from)
    }

    fn secret_record(&self, key: &str) -> Result<SecretRecord> {
        let all = store::list(&self.paths)?;
        if let Some(s) = all.iter().find(|s| s.name == key || s.id == key) {
            return Ok(s.clone());
        }
        let by_prefix: Vec<&SecretRecord> = all.iter().filter(|s| !key.is_empty() && s.id.starts_with(key)).collect();
        match by_prefix.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(exit_error(125, format!("no secret with name or id {key:?}: no such secret"))),
            _ => Err(exit_error(125, format!("more than one result secret with prefix {key}: secret is ambiguous"))),
        }
    }

    /// Removes each secret; per key, its id or the error.
    pub fn secret_rm(&self, keys: &[String], all: bool) -> Result<Vec<Result<String, anyhow::Error>>> {
        let _lock = store::lock(&self.paths)?;
        let keys: Vec<String> = if all { store::list(&self.paths)?.into_iter().map(|s| s.id).collect() } else { keys.to_vec() };
        Ok(keys.iter().map(|k| {
            let rec = self.secret_record(k)?;
            store::remove(&self.paths, &rec.id)?;
            Ok(rec.id)
        }).collect())
    }

    /// Copies each `--secret` into the container's directory (type=mount) or makes its
    /// environment entry (type=env).
    pub(crate) fn container_secrets(&self, reqs: &[SecretRequest], container_dir: &std::path::Path) -> Result<ContainerSecrets> {
        let mut out = ContainerSecrets::default();
        for (i, r) in reqs.iter().enumerate() {
            let rec = self.secret_record(&r.name)?;
            let data = std::fs::read(store::data_path(&self.paths, &rec.id)).with_context(|| format!("reading secret {}", rec.name))?;
            match &r.kind {
                SecretKind::Env { target } => {
                    let value = String::from_utf8(data).map_err(|_| exit_error(125, format!("secret {}: type=env needs text data", rec.name)))?;
                    out.env.push(format!("{target}={value}"));
                }
                SecretKind::Mount { target, uid, gid, mode } => {
                    let dir = container_dir.join("secrets");
                    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                    let file = dir.join(format!("{i}-{}", rec.id));
                    crate::state::atomic::write_atomic(&file, &data, crate::state::atomic::Durability::Synced)?;
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(*mode))?;
                    if (*uid, *gid) != (0, 0) {
                        self.chown_for_container(std::slice::from_ref(&file), *uid, *gid)?;
                    }
                    out.mounts.push((file, target.clone()));
                }
            }
        }
        Ok(out)
    }
}
