//! registries.d, as Podman (containers/image) reads it: where the signatures of a registry's
//! images are kept ("lookaside" storage), per scope. The files are every `*.yaml` in
//! `~/.config/containers/registries.d` when that directory exists, else in
//! `/etc/containers/registries.d`:
//!
//!     default-docker:
//!       lookaside-staging: file:///home/me/sigs
//!     docker:
//!       registry.example.com/team:
//!         lookaside: https://sigs.example.com
//!
//! A scope is a repository with its tag, a repository, or a namespace or host above it; the
//! most specific one that names a place wins, then `default-docker`. Writing takes
//! `lookaside-staging`, else `lookaside` (and their old names `sigstore-staging`, `sigstore`);
//! with none, a rootless user's signatures go under `~/.local/share/containers/sigstore`.
//! `use-sigstore-attachments: true` lets sigstore signatures be written to and read from the
//! registry itself (the most specific scope that says yes or no decides; off by default).

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

/// The places one scope names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Places {
    lookaside: Option<String>,
    staging: Option<String>,
    attachments: Option<bool>,
}

impl Places {
    fn for_writing(&self) -> Option<&str> {
        self.staging.as_deref().or(self.lookaside.as_deref())
    }
}

#[derive(Debug, Default)]
pub struct RegistriesD {
    default: Places,
    scopes: BTreeMap<String, Places>,
}

/// The directory Podman reads.
pub fn dir() -> PathBuf {
    super::user_or_system("containers/registries.d")
}

/// Where to put a setting: the directory read, or the user's own when the system's is read
/// (the user's, once made, is read instead).
pub fn where_to_add() -> String {
    let read = dir();
    match super::home_config().map(|c| c.join("containers/registries.d")) {
        Some(user) if user != read => format!("{} (made, it is read instead of {})", user.display(), read.display()),
        _ => read.display().to_string(),
    }
}

impl RegistriesD {
    pub fn load() -> Result<RegistriesD> {
        Self::load_dir(&dir())
    }

    pub fn load_dir(dir: &Path) -> Result<RegistriesD> {
        let mut out = RegistriesD::default();
        let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            out.merge(&text).with_context(|| format!("in {}", f.display()))?;
        }
        Ok(out)
    }

    /// Adds one file's scopes (a scope defined twice is an error, as in Podman).
    pub fn merge(&mut self, text: &str) -> Result<()> {
        let docs = YamlLoader::load_from_str(text).map_err(|e| anyhow::anyhow!("not YAML: {e}"))?;
        let Some(doc) = docs.into_iter().next() else { return Ok(()) };
        if doc.is_null() {
            return Ok(());
        }
        let Yaml::Hash(top) = doc else { bail!("expected a mapping at the top") };
        for (k, v) in top {
            match k.as_str() {
                Some("default-docker") => {
                    if self.default != Places::default() {
                        bail!("default-docker is defined in more than one file");
                    }
                    self.default = places(&v)?;
                }
                Some("docker") => {
                    let Yaml::Hash(scopes) = v else { bail!("docker: expected a mapping of scopes") };
                    for (scope, p) in scopes {
                        let scope = scope.as_str().context("docker: a scope must be a string")?.to_string();
                        if self.scopes.insert(scope.clone(), places(&p)?).is_some() {
                            bail!("docker: scope {scope} is defined twice");
                        }
                    }
                }
                // Other top-level keys say nothing hutch uses.
                _ => {}
            }
        }
        Ok(())
    }

    /// Where signatures of `repo` (`host/path`, no tag) with `tag` are written: the place the
    /// most specific scope names, as a directory.
    pub fn staging_dir(&self, repo: &str, tag: &str) -> Result<PathBuf> {
        let url = self.scope_chain(repo, tag).find_map(|p| p.for_writing().map(String::from)).or_else(|| self.default.for_writing().map(String::from));
        let Some(url) = url else { return default_dir() };
        match file_path(&url) {
            Some(path) => Ok(path),
            None => bail!("signature storage {url} (registries.d, {}): writing signatures is supported only to file:// locations", dir().display()),
        }
    }

    /// Where signatures of `repo` with `tag` are read from: a file:// directory or an
    /// http(s):// URL (`lookaside`, else the default directory).
    pub fn reading_base(&self, repo: &str, tag: &str) -> Result<String> {
        let url = self.scope_chain(repo, tag).find_map(|p| p.lookaside.clone()).or_else(|| self.default.lookaside.clone());
        match url {
            Some(u) => Ok(u.trim_end_matches('/').to_string()),
            None => Ok(format!("file://{}", default_dir()?.display())),
        }
    }

    /// Whether sigstore signatures of `repo:tag` live in the registry as attachments.
    pub fn sigstore_attachments(&self, repo: &str, tag: &str) -> bool {
        self.scope_chain(repo, tag).find_map(|p| p.attachments).or(self.default.attachments).unwrap_or(false)
    }

    /// The scopes that apply to `repo:tag`, most specific first.
    fn scope_chain<'a>(&'a self, repo: &str, tag: &str) -> impl Iterator<Item = &'a Places> + 'a {
        super::scope_names(repo, &format!(":{tag}")).into_iter().filter_map(move |n| self.scopes.get(&n))
    }
}

fn places(v: &Yaml) -> Result<Places> {
    let s = |k: &str| v[k].as_str().map(String::from);
    if !v.is_null() && !matches!(v, Yaml::Hash(_)) {
        bail!("expected a mapping of lookaside locations");
    }
    let attachments = match &v["use-sigstore-attachments"] {
        Yaml::BadValue | Yaml::Null => None,
        Yaml::Boolean(b) => Some(*b),
        other => bail!("use-sigstore-attachments: expected true or false, not {other:?}"),
    };
    Ok(Places { lookaside: s("lookaside").or_else(|| s("sigstore")), staging: s("lookaside-staging").or_else(|| s("sigstore-staging")), attachments })
}

/// A rootless user's signatures with no place configured, as containers/image keeps them.
fn default_dir() -> Result<PathBuf> {
    let home = directories::BaseDirs::new().context("no home directory for the default signature storage")?;
    Ok(home.home_dir().join(".local/share/containers/sigstore"))
}

/// The path of a file:// URL (`file:///p`, `file://localhost/p`, `file:/p`).
pub fn file_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file:")?;
    let rest = rest.strip_prefix("//localhost").or_else(|| rest.strip_prefix("//")).unwrap_or(rest);
    rest.starts_with('/').then(|| PathBuf::from(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_scope_wins() {
        let mut r = RegistriesD::default();
        r.merge("default-docker:\n  lookaside-staging: file:///d\n").unwrap();
        r.merge("docker:\n  reg.example:5000:\n    lookaside: file:///host\n  reg.example:5000/team/app:\n    sigstore-staging: file:///app\n    lookaside: https://x\n").unwrap();
        assert_eq!(r.staging_dir("reg.example:5000/team/app", "1").unwrap(), PathBuf::from("/app"));
        assert_eq!(r.staging_dir("reg.example:5000/team/other", "1").unwrap(), PathBuf::from("/host"));
        assert_eq!(r.staging_dir("elsewhere.example/x", "1").unwrap(), PathBuf::from("/d"));
        assert!(r.merge("docker:\n  reg.example:5000:\n    lookaside: file:///again\n").is_err());
        let mut web = RegistriesD::default();
        web.merge("default-docker:\n  lookaside: https://sigs.example\n").unwrap();
        assert!(format!("{:#}", web.staging_dir("a/b", "c").unwrap_err()).contains("only to file:// locations"));
        assert!(RegistriesD::default().staging_dir("a/b", "c").unwrap().ends_with(".local/share/containers/sigstore"));
        // use-sigstore-attachments: the most specific scope that says, then the default.
        let mut a = RegistriesD::default();
        a.merge("default-docker:\n  use-sigstore-attachments: true\ndocker:\n  reg.example/no:\n    use-sigstore-attachments: false\n  reg.example/no/but:\n    lookaside: file:///x\n").unwrap();
        assert!(a.sigstore_attachments("reg.example/yes", "1"));
        assert!(!a.sigstore_attachments("reg.example/no/but", "1"));
        assert!(!RegistriesD::default().sigstore_attachments("reg.example/yes", "1"));
        assert!(RegistriesD::default().merge("default-docker:\n  use-sigstore-attachments: maybe\n").is_err());
    }
}
