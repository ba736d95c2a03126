//! What a build reads before its first step: the context (a directory, a tarball on stdin or
//! at a URL, unpacked into the build's own temporary directory), the Containerfile, and the
//! ignore rules; the context itself is walked once, when a step first copies from it.

use super::context::{self, BuildContext};
use super::BuildOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::ignore_rules::IgnoreRules;
use anyhow::{Context as _, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct BuildInputs {
    pub text: String,
    pub file_name: String,
    pub dir: PathBuf,
    rules: IgnoreRules,
    walked: Option<BuildContext>,
    /// The build's own directory under the store's tmp (unpacked contexts, heredocs, downloads).
    pub tmp: PathBuf,
    /// What the build should say before it starts (the C preprocessor's complaints).
    pub warnings: Vec<String>,
}

/// A git repository as the context, as Buildah reads one: `git://…`, `git@…`, `github.com/…`,
/// or an http(s)/file URL ending in `.git`; `#REF[:SUBDIR]` picks a branch, tag or commit and
/// a directory in it. Returns (URL to clone, ref, subdirectory).
fn git_context(s: &str) -> Option<(String, Option<String>, Option<String>)> {
    let (url, fragment) = match s.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (s, None),
    };
    let git = url.starts_with("git://")
        || url.starts_with("git@")
        || url.starts_with("github.com/")
        || ((is_url(url) || url.starts_with("file://")) && url.trim_end_matches('/').ends_with(".git"));
    if !git {
        return None;
    }
    let url = if url.starts_with("github.com/") { format!("https://{url}") } else { url.to_string() };
    let (reference, subdir) = match fragment.map(|f| f.split_once(':').map(|(r, d)| (r, Some(d))).unwrap_or((f, None))) {
        Some((r, d)) => ((!r.is_empty()).then(|| r.to_string()), d.filter(|d| !d.is_empty()).map(String::from)),
        None => (None, None),
    };
    Some((url, reference, subdir))
}

/// `git clone` of the repository (shallow where the ref allows), checked out at `reference`.
fn clone(url: &str, reference: Option<&str>, into: &Path) -> Result<()> {
    let git = |args: &[&str], cwd: Option<&Path>| -> Result<std::process::Output> {
        let mut c = std::process::Command::new("git");
        c.args(args).env("GIT_TERMINAL_PROMPT", "0").stdin(std::process::Stdio::null());
        if let Some(d) = cwd {
            c.current_dir(d);
        }
        c.output().map_err(|e| exit_error(125, format!("running git to fetch the build context: {e} (install git: `sudo apt-get install git`)")))
    };
    let target = into.to_string_lossy().into_owned();
    let mut args = vec!["clone", "--quiet", "--depth", "1", "--recurse-submodules"];
    if let Some(r) = reference {
        args.extend(["--branch", r]);
    }
    args.extend([url, target.as_str()]);
    let o = git(&args, None)?;
    if o.status.success() {
        return Ok(());
    }
    // A commit id is not a branch: clone all of it and check that out.
    let Some(r) = reference else {
        return Err(exit_error(125, format!("git clone {url}: {}", String::from_utf8_lossy(&o.stderr).trim())));
    };
    let _ = std::fs::remove_dir_all(into);
    let o = git(&["clone", "--quiet", "--recurse-submodules", url, &target], None)?;
    if !o.status.success() {
        return Err(exit_error(125, format!("git clone {url}: {}", String::from_utf8_lossy(&o.stderr).trim())));
    }
    let o = git(&["checkout", "--quiet", r], Some(into))?;
    if !o.status.success() {
        return Err(exit_error(125, format!("{url}#{r}: {}", String::from_utf8_lossy(&o.stderr).trim())));
    }
    Ok(())
}

/// An http(s) URL.
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Fetches `url` to `dest`; returns its Last-Modified time, if any.
pub fn download(url: &str, dest: &Path) -> Result<Option<i64>> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(std::time::Duration::from_secs(30))
        .user_agent(concat!("hutch/", env!("CARGO_PKG_VERSION")))
        .try_proxy_from_env(true)
        .build();
    let resp = agent.get(url).call().map_err(|e| exit_error(125, format!("fetching {url}: {e}")))?;
    let modified = resp.header("Last-Modified").and_then(parse_http_date);
    let mut f = std::fs::File::create(dest).with_context(|| format!("creating {}", dest.display()))?;
    std::io::copy(&mut resp.into_reader(), &mut f).with_context(|| format!("fetching {url}"))?;
    Ok(modified)
}

/// `Wed, 21 Oct 2015 07:28:00 GMT` as seconds since the epoch.
fn parse_http_date(s: &str) -> Option<i64> {
    let p: Vec<&str> = s.split_whitespace().collect();
    if p.len() < 5 {
        return None;
    }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mo = months.iter().position(|m| *m == p[2])? + 1;
    crate::util::time::parse_rfc3339(&format!("{}-{mo:02}-{:0>2}T{}Z", p[3], p[1], p[4]))
}

/// Unpacks a context tarball (plain, gzip or zstd) into `dir`, as the caller owns files.
fn unpack_context(input: impl Read + 'static, dir: &Path) -> Result<()> {
    let (reader, _) = crate::storage::compress::decompressed(input, true).context("reading the context tarball")?;
    let mut ar = tar::Archive::new(reader);
    ar.set_preserve_permissions(true);
    ar.set_overwrite(true);
    for e in ar.entries().context("reading the context tarball")? {
        let mut e = e.context("reading the context tarball")?;
        // unpack_in refuses paths that leave `dir`.
        e.unpack_in(dir).context("unpacking the context tarball")?;
    }
    Ok(())
}

impl BuildInputs {
    pub fn gather(eng: &Engine, o: &BuildOptions) -> Result<BuildInputs> {
        let tmp = super::staging_dir(eng, &[])?;
        let r = Self::gather_in(o, tmp.clone());
        if r.is_err() {
            let _ = crate::storage::remove::remove_tree_mapped(&tmp);
        }
        r
    }

    fn gather_in(o: &BuildOptions, tmp: PathBuf) -> Result<BuildInputs> {
        let stdin_used = o.context == "-";
        let dir = if o.context == "-" {
            let d = tmp.join("context");
            std::fs::create_dir(&d)?;
            unpack_context(std::io::stdin().lock(), &d)?;
            d
        } else if let Some((url, reference, subdir)) = git_context(&o.context) {
            let d = tmp.join("git");
            clone(&url, reference.as_deref(), &d)?;
            let sub = d.join(subdir.as_deref().unwrap_or("").trim_start_matches('/'));
            if !sub.is_dir() || subdir.as_deref().is_some_and(|s| s.split('/').any(|c| c == "..")) {
                return Err(exit_error(125, format!("{}: no directory {} in the repository", o.context, subdir.unwrap_or_default())));
            }
            sub
        } else if is_url(&o.context) {
            let t = tmp.join("context.tar");
            download(&o.context, &t)?;
            let d = tmp.join("context");
            std::fs::create_dir(&d)?;
            unpack_context(std::fs::File::open(&t)?, &d)?;
            d
        } else {
            let c = if o.context.is_empty() { "." } else { o.context.as_str() };
            let d = std::fs::canonicalize(c).map_err(|e| exit_error(125, format!("the build context {c}: {e}")))?;
            if !d.is_dir() {
                return Err(exit_error(125, format!("the build context {c} is not a directory")));
            }
            d
        };
        let mut warnings = Vec::new();
        let (text, file_name, file_path) = read_containerfiles(&o.containerfiles, &dir, stdin_used, &o.cpp_flags, &mut warnings)?;
        let rules = match context::ignore_file(&dir, file_path.as_deref(), o.ignorefile.as_deref())? {
            Some((p, t)) => IgnoreRules::parse(&t).map_err(|e| exit_error(125, format!("{}: {e}", p.display())))?,
            None => IgnoreRules::parse("").map_err(|e| exit_error(125, e))?,
        };
        Ok(BuildInputs { text, file_name, dir, rules, walked: None, tmp, warnings })
    }

    /// The context, walked on first use.
    pub fn context(&mut self, eng: &Engine) -> Result<&mut BuildContext> {
        if self.walked.is_none() {
            self.walked = Some(BuildContext::walk(&self.dir, &self.rules, &hash_cache(eng))?);
        }
        self.walked.as_mut().context("the context was not read")
    }

    pub fn save_hashes(&self, eng: &Engine) {
        if let Some(w) = &self.walked {
            w.save_hashes(&hash_cache(eng));
        }
    }

    pub fn cleanup(&self, _eng: &Engine) {
        let _ = crate::storage::remove::remove_tree_mapped(&self.tmp);
    }
}

fn hash_cache(eng: &Engine) -> PathBuf {
    eng.paths.root.join("build-hashes.json")
}

/// The Containerfile's text, its name for messages and its path (for `NAME.dockerignore`):
/// `-f` files joined in order (`-` is stdin), else Containerfile, else Dockerfile in the
/// context.
fn read_containerfiles(files: &[PathBuf], dir: &Path, stdin_used: bool, cpp_flags: &[String], warnings: &mut Vec<String>) -> Result<(String, String, Option<PathBuf>)> {
    if files.is_empty() {
        for n in ["Containerfile", "Dockerfile"] {
            let p = dir.join(n);
            if p.is_file() {
                let t = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                return Ok((t, p.display().to_string(), Some(p)));
            }
        }
        return Err(exit_error(125, format!("no Containerfile or Dockerfile specified or found in context directory, {}: no such file or directory", dir.display())));
    }
    let mut text = String::new();
    let mut path = None;
    for f in files {
        if f.as_os_str() == "-" {
            if stdin_used {
                return Err(exit_error(125, "the context and the Containerfile cannot both come from stdin"));
            }
            std::io::stdin().read_to_string(&mut text).context("reading the Containerfile from stdin")?;
        } else {
            // Relative to the working directory, else to the context (as Podman looks).
            let p = if f.is_absolute() || f.exists() { f.clone() } else { dir.join(f) };
            let t = std::fs::read_to_string(&p).map_err(|e| exit_error(125, format!("the Containerfile {}: {e}", f.display())))?;
            let t = if p.extension().is_some_and(|e| e == "in") { preprocess(&t, &p, dir, cpp_flags, warnings)? } else { t };
            text.push_str(&t);
            if !text.ends_with('\n') {
                text.push('\n');
            }
            path.get_or_insert(p);
        }
    }
    let name = path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "stdin".into());
    Ok((text, name, path))
}

/// A `NAME.in` Containerfile through the C preprocessor, as Buildah runs it: `cpp -E -iquote
/// CONTEXT -traditional -undef -`, then $BUILDAH_CPPFLAGS and `--cpp-flag`s. A failing cpp's
/// output is used when there is some, its complaints said as warnings (as Buildah does).
fn preprocess(text: &str, file: &Path, dir: &Path, cpp_flags: &[String], warnings: &mut Vec<String>) -> Result<String> {
    let mut args: Vec<String> = vec!["-E".into(), "-iquote".into(), dir.display().to_string(), "-traditional".into(), "-undef".into(), "-".into()];
    if let Ok(flags) = std::env::var("BUILDAH_CPPFLAGS") {
        args.extend(crate::plan::containerfile_expand::split_words(&flags, '\\').map_err(|e| exit_error(125, format!("parsing BUILDAH_CPPFLAGS {flags:?}: {e}")))?);
    }
    args.extend(cpp_flags.iter().cloned());
    let mut child = match std::process::Command::new("cpp").args(&args).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(exit_error(125, format!("{}: .in support requires cpp to be installed (Debian's cpp package)", file.display())));
        }
        Err(e) => return Err(exit_error(125, format!("preprocessing {}: {e}", file.display()))),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // cpp reads all of it before it writes much; a cpp that ends early says why below.
        let _ = std::io::Write::write_all(&mut stdin, text.as_bytes());
    }
    let out = child.wait_with_output().map_err(|e| exit_error(125, format!("preprocessing {}: {e}", file.display())))?;
    let complaints = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if !out.status.success() && out.stdout.is_empty() {
        return Err(exit_error(125, format!("preprocessing {}: preprocessor produced no output: {complaints}", file.display())));
    }
    if !out.status.success() && !complaints.is_empty() {
        warnings.push(format!("Ignoring {complaints}"));
    }
    String::from_utf8(out.stdout).map_err(|_| exit_error(125, format!("preprocessing {}: the output is not UTF-8", file.display())))
}

#[cfg(test)]
mod tests {
    #[test]
    fn git_contexts() {
        assert_eq!(super::git_context("https://example.com/a/b.git#v1:sub"), Some(("https://example.com/a/b.git".into(), Some("v1".into()), Some("sub".into()))));
        assert_eq!(super::git_context("github.com/a/b"), Some(("https://github.com/a/b".into(), None, None)));
        assert_eq!(super::git_context("git@host:a/b#main"), Some(("git@host:a/b".into(), Some("main".into()), None)));
        assert_eq!(super::git_context("file:///tmp/r.git#:dir"), Some(("file:///tmp/r.git".into(), None, Some("dir".into()))));
        assert_eq!(super::git_context("https://example.com/ctx.tar.gz"), None);
        assert_eq!(super::git_context("./dir"), None);
    }

    #[test]
    fn http_dates() {
        assert_eq!(super::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1445412480));
        assert_eq!(super::parse_http_date("nonsense"), None);
    }
}
