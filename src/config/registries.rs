//! registries.conf (v2, TOML), as Podman reads it: `$XDG_CONFIG_HOME/containers/registries.conf`
//! if present, else `/etc/containers/registries.conf`, plus `registries.conf.d/*.conf` drop-ins
//! beside it. `$CONTAINERS_REGISTRIES_CONF` names a single file instead.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Deserialize)]
pub struct RegistryEntry {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub insecure: bool,
    #[serde(default)]
    pub blocked: bool,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct FileV2 {
    #[serde(default, rename = "unqualified-search-registries")]
    unqualified_search_registries: Option<Vec<String>>,
    #[serde(default, rename = "short-name-mode")]
    short_name_mode: Option<String>,
    #[serde(default)]
    registry: Vec<RegistryEntry>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

#[derive(Debug, Default, Clone)]
pub struct Registries {
    pub search: Vec<String>,
    pub short_name_mode: String,
    pub entries: Vec<RegistryEntry>,
    pub aliases: BTreeMap<String, String>,
    /// The files read, for messages.
    pub sources: Vec<PathBuf>,
}

impl Registries {
    pub fn load() -> Result<Registries> {
        let mut files = Vec::new();
        if let Some(p) = std::env::var_os("CONTAINERS_REGISTRIES_CONF") {
            files.push(PathBuf::from(p));
        } else {
            let user = crate::config::config_home().map(|c| c.join("containers/registries.conf"));
            let main = match user {
                Some(u) if u.exists() => u,
                _ => PathBuf::from("/etc/containers/registries.conf"),
            };
            if main.exists() {
                files.push(main.clone());
            }
            let dropins = main.with_extension("conf.d");
            let dropins = if dropins.is_dir() { dropins } else { main.parent().map(|p| p.join("registries.conf.d")).unwrap_or_default() };
            if let Ok(rd) = std::fs::read_dir(&dropins) {
                let mut extra: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "conf")).collect();
                extra.sort();
                files.extend(extra);
            }
        }
        let mut out = Registries { short_name_mode: "enforcing".into(), ..Default::default() };
        for f in &files {
            out.merge_file(f)?;
        }
        out.sources = files;
        Ok(out)
    }

    fn merge_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        self.merge_text(&text).with_context(|| format!("{} is not a valid registries.conf (version 2, TOML)", path.display()))
    }

    pub fn merge_text(&mut self, text: &str) -> Result<()> {
        let f: FileV2 = toml::from_str(text)?;
        if let Some(s) = f.unqualified_search_registries {
            self.search = s;
        }
        if let Some(m) = f.short_name_mode {
            self.short_name_mode = m;
        }
        for r in f.registry {
            let key = r.prefix.clone().or_else(|| r.location.clone());
            self.entries.retain(|e| e.prefix.clone().or_else(|| e.location.clone()) != key);
            self.entries.push(r);
        }
        self.aliases.extend(f.aliases);
        Ok(())
    }

    /// The entry whose prefix (or location) is the longest match for `repo` (`host/path`).
    pub fn entry_for(&self, repo: &str) -> Option<&RegistryEntry> {
        self.entries
            .iter()
            .filter_map(|e| {
                let p = e.prefix.as_deref().or(e.location.as_deref())?;
                let p = p.trim_end_matches('/');
                (repo == p || repo.starts_with(&format!("{p}/")) || repo.starts_with(&format!("{p}:")) || (p.starts_with("*.") && repo.split('/').next().is_some_and(|h| h.ends_with(&p[1..])))).then_some((p.len(), e))
            })
            .max_by_key(|(l, _)| *l)
            .map(|(_, e)| e)
    }

    pub fn is_insecure(&self, host: &str) -> bool {
        self.entry_for(host).is_some_and(|e| e.insecure)
    }

    pub fn is_blocked(&self, repo: &str) -> bool {
        self.entry_for(repo).is_some_and(|e| e.blocked)
    }

    /// Rewrites `repo` through a `location` mirror of the matching prefix.
    pub fn rewrite(&self, repo: &str) -> String {
        if let Some(e) = self.entry_for(repo) {
            if let (Some(p), Some(loc)) = (&e.prefix, &e.location) {
                if let Some(rest) = repo.strip_prefix(p.trim_end_matches('/')) {
                    return format!("{}{rest}", loc.trim_end_matches('/'));
                }
            }
        }
        repo.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_podman_keys() {
        let mut r = Registries::default();
        r.merge_text(r#"
unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
short-name-mode = "permissive"
[[registry]]
location = "localhost:5000"
insecure = true
[[registry]]
prefix = "example.com/blocked"
location = "example.com/blocked"
blocked = true
[[registry]]
prefix = "quay.io/mirror"
location = "mirror.local/quay"
[aliases]
"demo" = "localhost:5000/demo"
"#).unwrap();
        assert_eq!(r.search, ["registry.fedoraproject.org", "docker.io"]);
        assert_eq!(r.short_name_mode, "permissive");
        assert!(r.is_insecure("localhost:5000"));
        assert!(!r.is_insecure("localhost:5001"));
        assert!(r.is_blocked("example.com/blocked/x"));
        assert!(!r.is_blocked("example.com/other"));
        assert_eq!(r.rewrite("quay.io/mirror/app"), "mirror.local/quay/app");
        assert_eq!(r.aliases["demo"], "localhost:5000/demo");
        assert!(r.merge_text("unqualified-search-registries = 3").is_err());
    }
}
