//! The build context: walked once with the ignore rules applied, so nothing excluded is ever
//! hashed or copied; the sources a COPY/ADD names, matched against it; and the content hash of
//! each file, kept between builds by (size, mtime, ctime, inode) like git's index, so a warm
//! rebuild reads no file it has seen unchanged.

use crate::plan::ignore_rules::IgnoreRules;
use crate::state::atomic::{write_json_atomic, Durability};
use anyhow::{Context as _, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    /// Sockets, fifos, devices: skipped, as Docker's context skips them.
    Other,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: Kind,
    pub mode: u32,
    pub size: u64,
    stamp: Stamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

fn stamp(m: &std::fs::Metadata) -> Stamp {
    Stamp {
        size: m.len(),
        mtime_ns: m.mtime() as i128 * 1_000_000_000 + m.mtime_nsec() as i128,
        ctime_ns: m.ctime() as i128 * 1_000_000_000 + m.ctime_nsec() as i128,
        ino: m.ino(),
    }
}

pub struct BuildContext {
    pub root: PathBuf,
    /// Context-relative paths ("a/b.txt") of everything not excluded, sorted.
    pub entries: BTreeMap<String, Entry>,
    /// The paths the ignore rules left out (a directory left out whole is one path).
    excluded: Vec<String>,
    hashes: HashCache,
}

#[derive(Default, Serialize, Deserialize)]
struct HashCache {
    #[serde(default)]
    files: HashMap<String, (Stamp, String)>,
    #[serde(skip)]
    changed: bool,
}

impl BuildContext {
    /// Walks `root`, leaving out what `rules` exclude (a whole excluded directory is not
    /// entered unless an exception could re-include something below it).
    pub fn walk(root: &Path, rules: &IgnoreRules, cache_file: &Path) -> Result<BuildContext> {
        let mut entries = BTreeMap::new();
        let mut excluded_paths = Vec::new();
        let mut stack = vec![(root.to_path_buf(), String::new())];
        while let Some((dir, rel)) = stack.pop() {
            let rd = std::fs::read_dir(&dir).with_context(|| format!("reading the build context: {}", dir.display()))?;
            for e in rd {
                let e = e.with_context(|| format!("reading the build context: {}", dir.display()))?;
                let name = e.file_name().to_string_lossy().into_owned();
                let r = if rel.is_empty() { name } else { format!("{rel}/{name}") };
                let m = std::fs::symlink_metadata(e.path()).with_context(|| format!("reading {}", e.path().display()))?;
                let ft = m.file_type();
                let kind = if ft.is_file() { Kind::File } else if ft.is_dir() { Kind::Dir } else if ft.is_symlink() { Kind::Symlink } else { Kind::Other };
                let excluded = !rules.is_empty() && rules.excluded(&r);
                if kind == Kind::Dir && (!excluded || rules.may_reinclude_below(&r)) {
                    stack.push((e.path(), r.clone()));
                }
                if excluded {
                    excluded_paths.push(r);
                } else if kind != Kind::Other {
                    entries.insert(r, Entry { kind, mode: m.mode() & 0o7777, size: m.len(), stamp: stamp(&m) });
                }
            }
        }
        let hashes = std::fs::read(cache_file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        Ok(BuildContext { root: root.to_path_buf(), entries, excluded: excluded_paths, hashes })
    }

    /// Keeps the file hashes for the next build (best effort: a cache).
    pub fn save_hashes(&self, cache_file: &Path) {
        if self.hashes.changed {
            let _ = write_json_atomic(cache_file, &self.hashes, Durability::Atomic);
        }
    }

    /// The sha256 of a context file's content, from the cache when its stamp is unchanged.
    pub fn file_hash(&mut self, rel: &str) -> Result<String> {
        let path = self.root.join(rel);
        let key = path.to_string_lossy().into_owned();
        let Some(entry) = self.entries.get(rel) else { anyhow::bail!("{rel} is not in the build context") };
        if let Some((s, h)) = self.hashes.files.get(&key) {
            if *s == entry.stamp {
                return Ok(h.clone());
            }
        }
        let mut f = std::fs::File::open(&path).with_context(|| format!("reading {}", path.display()))?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut f, &mut hasher).with_context(|| format!("reading {}", path.display()))?;
        let h = crate::util::hex(&hasher.finalize());
        self.hashes.files.insert(key, (entry.stamp, h.clone()));
        self.hashes.changed = true;
        Ok(h)
    }

    /// What the cache key of a step that reads `rel` holds of it: one line per entry at or
    /// below it (path, type, mode, size, and the content's hash or the link's target), the
    /// ignore rules applied. COPY and `RUN --mount=type=bind` key their sources with it.
    pub fn digest_lines(&mut self, rel: &str) -> Result<Vec<String>> {
        let entries: Vec<(String, Entry)> = if self.kind_of(rel) == Kind::Dir {
            self.below(rel).map(|(k, e)| (k.clone(), e.clone())).collect()
        } else {
            self.entries.get(rel).map(|e| vec![(rel.to_string(), e.clone())]).unwrap_or_default()
        };
        let mut lines = Vec::with_capacity(entries.len());
        for (k, e) in entries {
            let content = match e.kind {
                Kind::File => self.file_hash(&k)?,
                Kind::Symlink => std::fs::read_link(self.root.join(&k)).map(|t| t.to_string_lossy().into_owned()).unwrap_or_default(),
                _ => String::new(),
            };
            // A directory's size is the filesystem's business (it changes with ignored files
            // on some): not part of the key.
            let size = if e.kind == Kind::Dir { 0 } else { e.size };
            lines.push(format!("{k}\t{:?}\t{:o}\t{size}\t{content}", e.kind, e.mode));
        }
        Ok(lines)
    }

    /// Whether the ignore rules left out anything at or below `rel` ("" is the whole context).
    pub fn excludes_below(&self, rel: &str) -> bool {
        if rel.is_empty() {
            return !self.excluded.is_empty();
        }
        // Left out itself, below it, or a directory above it (with exceptions inside).
        self.excluded.iter().any(|p| p == rel || p.starts_with(&format!("{rel}/")) || rel.starts_with(&format!("{p}/")))
    }

    /// A copy of the directory `rel` at `dest` with only what the ignore rules keep (files
    /// hard-linked where the filesystem allows, else copied), for a step to bind.
    pub fn copy_filtered(&self, rel: &str, dest: &Path) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))?;
        let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
        let mut dirs = vec![(dest.to_path_buf(), std::fs::metadata(self.root.join(rel)).map(|m| m.mode() & 0o7777).unwrap_or(0o755))];
        for (k, e) in self.below(rel) {
            let from = self.root.join(k);
            let to = dest.join(&k[prefix.len()..]);
            // What is kept below a left-out directory still needs that directory.
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            match e.kind {
                Kind::Dir => {
                    std::fs::create_dir_all(&to).with_context(|| format!("creating {}", to.display()))?;
                    dirs.push((to, e.mode));
                }
                Kind::File => {
                    if std::fs::hard_link(&from, &to).is_err() {
                        std::fs::copy(&from, &to).with_context(|| format!("copying {}", from.display()))?;
                    }
                }
                Kind::Symlink => {
                    let target = std::fs::read_link(&from).with_context(|| format!("reading {}", from.display()))?;
                    std::os::unix::fs::symlink(target, &to).with_context(|| format!("creating {}", to.display()))?;
                }
                Kind::Other => {}
            }
        }
        // Modes last: a directory without write permission is filled first.
        for (d, mode) in dirs.into_iter().rev() {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode)).with_context(|| format!("setting the mode of {}", d.display()))?;
        }
        Ok(())
    }

    /// The context paths a COPY source names: the path itself (a file, a directory or a
    /// symlink), or what its glob matches, component by component. Empty if none.
    pub fn matches(&self, src: &str) -> Vec<String> {
        let clean = crate::plan::build::clean_path(src);
        let rel = clean.trim_start_matches('/').to_string();
        if rel.is_empty() {
            return vec![String::new()];
        }
        if !has_glob(&rel) {
            return if self.has(&rel) { vec![rel] } else { vec![] };
        }
        let pat: Vec<Vec<char>> = rel.split('/').map(|c| c.chars().collect()).collect();
        let mut out: Vec<String> = self.entries.keys().filter(|k| {
            let parts: Vec<&str> = k.split('/').collect();
            parts.len() == pat.len() && parts.iter().zip(&pat).all(|(p, g)| crate::util::glob::glob(g, &p.chars().collect::<Vec<_>>()) == Some(true))
        }).cloned().collect();
        out.sort();
        out
    }

    /// Whether the context has `rel` (a path, never a pattern) once the ignore rules applied:
    /// itself, or things kept below it.
    pub fn has(&self, rel: &str) -> bool {
        rel.is_empty() || self.entries.contains_key(rel) || self.has_below(rel)
    }

    /// An excluded directory with included files below it still exists for a COPY.
    fn has_below(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        self.entries.range(prefix.clone()..).next().is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// What lies below `rel` (everything for ""), depth-first in path order.
    pub fn below<'a>(&'a self, rel: &str) -> impl Iterator<Item = (&'a String, &'a Entry)> + 'a {
        let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
        self.entries.range(prefix.clone()..).take_while(move |(k, _)| k.starts_with(&prefix))
    }

    pub fn kind_of(&self, rel: &str) -> Kind {
        if rel.is_empty() {
            return Kind::Dir;
        }
        self.entries.get(rel).map(|e| e.kind).unwrap_or(Kind::Dir)
    }
}

pub fn has_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// The ignore file of a build, in Buildah's order (pkg/parse ContainerIgnoreFile): the
/// Containerfile's own `<Containerfile>.dockerignore`, else its `.containerignore` (Buildah
/// takes the first when both are there), else the context's `.containerignore`, else its
/// `.dockerignore` (`.containerignore` wins when both are there), else none.
pub fn ignore_file(context: &Path, containerfile: Option<&Path>, explicit: Option<&Path>) -> Result<Option<(PathBuf, String)>> {
    let mut candidates = Vec::new();
    if let Some(e) = explicit {
        let text = std::fs::read_to_string(e).with_context(|| format!("reading the ignore file {}", e.display()))?;
        return Ok(Some((e.to_path_buf(), text)));
    }
    if let Some(cf) = containerfile {
        candidates.push(PathBuf::from(format!("{}.dockerignore", cf.display())));
        candidates.push(PathBuf::from(format!("{}.containerignore", cf.display())));
    }
    candidates.push(context.join(".containerignore"));
    candidates.push(context.join(".dockerignore"));
    for c in candidates {
        if let Ok(text) = std::fs::read_to_string(&c) {
            return Ok(Some((c, text)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_with_rules_and_matches_globs() {
        let d = std::env::temp_dir().join(format!("hutch-ctx-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("src/sub")).unwrap();
        std::fs::create_dir_all(d.join("build")).unwrap();
        for f in ["a.txt", "b.md", "README.md", "src/x.rs", "src/sub/y.rs", "build/out", "build/keep.txt"] {
            std::fs::write(d.join(f), f).unwrap();
        }
        let rules = IgnoreRules::parse("*.md\n!README.md\nbuild\n!build/keep.txt\n").unwrap();
        let mut ctx = BuildContext::walk(&d, &rules, &d.join("nohash.json")).unwrap();
        let keys: Vec<&String> = ctx.entries.keys().collect();
        assert_eq!(keys, ["README.md", "a.txt", "build/keep.txt", "src", "src/sub", "src/sub/y.rs", "src/x.rs"]);
        assert_eq!(ctx.matches("*.txt"), ["a.txt"]);
        assert_eq!(ctx.matches("src/*.rs"), ["src/x.rs"]);
        assert_eq!(ctx.matches("./build"), ["build"]);
        assert!(ctx.matches("b.md").is_empty());
        let below: Vec<&String> = ctx.below("src").map(|(k, _)| k).collect();
        assert_eq!(below, ["src/sub", "src/sub/y.rs", "src/x.rs"]);
        let h = ctx.file_hash("a.txt").unwrap();
        assert_eq!(h, crate::image::store::sha256_hex(b"a.txt"));
        // What a RUN bind of a directory sees and is keyed by.
        assert!(ctx.excludes_below("") && ctx.excludes_below("build") && ctx.excludes_below("build/keep.txt"));
        assert!(!ctx.excludes_below("src") && !ctx.excludes_below("src/sub"));
        let lines = ctx.digest_lines("src").unwrap();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].starts_with("src/sub/y.rs\tFile\t") && lines[1].ends_with(&crate::image::store::sha256_hex(b"src/sub/y.rs")), "{lines:?}");
        let copy = d.with_extension("copy");
        let _ = std::fs::remove_dir_all(&copy);
        ctx.copy_filtered("build", &copy).unwrap();
        let names: Vec<String> = std::fs::read_dir(&copy).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["keep.txt"]);
        std::fs::remove_dir_all(&copy).unwrap();
        std::fs::remove_dir_all(&d).unwrap();
    }
}
