//! Credentials in Podman's auth.json: `$REGISTRY_AUTH_FILE`, else
//! `$XDG_RUNTIME_DIR/containers/auth.json` (where `login` writes), then
//! `~/.config/containers/auth.json`, then `~/.docker/config.json` (read only).
//! Format: `{"auths": {"registry.example:5000": {"auth": base64("user:password")}}}`.

use anyhow::{bail, Context, Result};
use base64::Engine as _;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// The file `login` writes to (and `logout` removes from).
pub fn default_auth_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("REGISTRY_AUTH_FILE") {
        return Some(PathBuf::from(p));
    }
    let uid = nix::unistd::geteuid().as_raw();
    crate::state::paths::runtime_dir(uid).ok().map(|(hutch_dir, _)| {
        // runtime_dir gives <runtime>/hutch (or a private fallback): auth.json sits beside, as Podman's.
        let base = if hutch_dir.file_name().is_some_and(|n| n == "hutch") { hutch_dir.parent().map(Path::to_path_buf).unwrap_or(hutch_dir) } else { hutch_dir };
        base.join("containers").join("auth.json")
    })
}

/// Every file credentials are read from, in order.
pub fn search_files(explicit: Option<&Path>) -> Vec<PathBuf> {
    if let Some(p) = explicit {
        return vec![p.to_path_buf()];
    }
    let mut v = Vec::new();
    if let Some(p) = default_auth_file() {
        v.push(p);
    }
    if std::env::var_os("REGISTRY_AUTH_FILE").is_none() {
        if let Some(c) = crate::config::config_home() {
            v.push(c.join("containers/auth.json"));
        }
        if let Some(b) = directories::BaseDirs::new() {
            v.push(b.home_dir().join(".docker/config.json"));
        }
    }
    v
}

fn decode(auth: &str) -> Option<Credentials> {
    let raw = base64::engine::general_purpose::STANDARD.decode(auth.trim()).ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (u, p) = s.split_once(':')?;
    Some(Credentials { username: u.to_string(), password: p.to_string() })
}

fn lookup_in(v: &Value, key: &str) -> Option<Credentials> {
    let auths = v.get("auths")?.as_object()?;
    // Exact key first, then keys with a scheme (`https://host/v1/`) as Docker writes them.
    let entry = auths.get(key).or_else(|| {
        auths.iter().find_map(|(k, e)| {
            let bare = k.trim_start_matches("https://").trim_start_matches("http://");
            let bare = bare.split('/').next().unwrap_or(bare);
            (bare == key || (key == "docker.io" && bare == "index.docker.io")).then_some(e)
        })
    })?;
    entry.get("auth").and_then(Value::as_str).and_then(decode)
}

/// Credentials for `registry` (host[:port]), or for a repository under it (`host/ns/repo`,
/// most specific key first), from the first file that has them.
pub fn lookup(explicit: Option<&Path>, repo: &str) -> Result<Option<Credentials>> {
    let mut keys = Vec::new();
    let mut k = repo.to_string();
    loop {
        keys.push(k.clone());
        match k.rfind('/') {
            Some(i) => k.truncate(i),
            None => break,
        }
    }
    for f in search_files(explicit) {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("reading {}", f.display())),
        };
        let v: Value = serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", f.display()))?;
        for k in &keys {
            if let Some(c) = lookup_in(&v, k) {
                return Ok(Some(c));
            }
        }
    }
    Ok(None)
}

/// Stores credentials for `key` in `file` (created 0600, replaced atomically).
pub fn store(file: &Path, key: &str, c: &Credentials) -> Result<()> {
    let mut v = read_or_empty(file)?;
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password));
    v["auths"][key] = json!({ "auth": auth });
    write(file, &v)
}

/// Removes `key` (or every key with `all`); returns whether anything was removed.
pub fn remove(file: &Path, key: Option<&str>) -> Result<bool> {
    let mut v = read_or_empty(file)?;
    let Some(auths) = v.get_mut("auths").and_then(Value::as_object_mut) else { return Ok(false) };
    let removed = match key {
        Some(k) => auths.remove(k).is_some(),
        None => {
            let any = !auths.is_empty();
            auths.clear();
            any
        }
    };
    if removed {
        write(file, &v)?;
    }
    Ok(removed)
}

fn read_or_empty(file: &Path) -> Result<Value> {
    match std::fs::read_to_string(file) {
        Ok(t) if t.trim().is_empty() => Ok(json!({"auths": {}})),
        Ok(t) => {
            let v: Value = serde_json::from_str(&t).with_context(|| format!("{} is not valid JSON", file.display()))?;
            if !v.is_object() {
                bail!("{} does not hold a JSON object", file.display());
            }
            Ok(v)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(json!({"auths": {}})),
        Err(e) => Err(e).with_context(|| format!("reading {}", file.display())),
    }
}

fn write(file: &Path, v: &Value) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    crate::state::atomic::write_json_atomic(file, v, crate::state::atomic::Durability::Synced)?;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).with_context(|| format!("chmod 600 {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_docker_style_keys() {
        let dir = std::env::temp_dir().join(format!("hutch-auth-{}", std::process::id()));
        let f = dir.join("auth.json");
        let c = Credentials { username: "alice".into(), password: "p:w".into() };
        store(&f, "localhost:5000", &c).unwrap();
        assert_eq!(lookup(Some(&f), "localhost:5000/ns/repo").unwrap(), Some(c.clone()));
        assert_eq!(lookup(Some(&f), "other:5000").unwrap(), None);
        assert!(remove(&f, Some("localhost:5000")).unwrap());
        assert!(!remove(&f, Some("localhost:5000")).unwrap());
        let docker = serde_json::json!({"auths": {"https://index.docker.io/v1/": {"auth": "Ym9iOnNlY3JldA=="}}});
        assert_eq!(lookup_in(&docker, "docker.io").unwrap().username, "bob");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
