//! COPY and ADD: the sources (context files with the ignore rules applied, here-documents,
//! ADD's URLs, or paths in another stage or image with `--from`) copied into the step's image
//! mounted as an overlay in the caller's user namespace; the overlay's upper directory is the
//! step's layer. The cache key holds the content and metadata of every file copied.

use super::context::Kind;
use super::{at_step, step_error, Build, Current};
use crate::engine::rootfs::ContainerFs;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::build::{self as bplan, ArgScope};
use crate::plan::containerfile::Instruction;
use crate::storage::copyin::{self, Attrs};
use anyhow::{Context as _, Result};
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

/// One source of a COPY/ADD.
enum Source {
    /// A host path: from the context (`rel` filters what is below it by the ignore rules), a
    /// here-document or a download.
    Host { path: PathBuf, rel: Option<String>, unpack: bool },
    /// A path (maybe a glob in its last part) in the `--from` root.
    Other(String),
}

impl Engine {
    pub(super) fn copy_instruction(&self, b: &mut Build, stage: usize, cur: Current, ins: &Instruction, scope: &ArgScope, last: bool) -> Result<Current> {
        let add = ins.keyword == "ADD";
        let cfg = cur.cfg();
        let (mut from, mut chown, mut chmod, mut checksum) = (None, None, None, None);
        for (k, v) in &ins.flags {
            match k.as_str() {
                "from" => from = Some(v.clone()),
                "chown" => chown = Some(v.clone()),
                "chmod" => chmod = Some(bplan::parse_chmod(v).map_err(|e| step_error(ins, &e))?),
                // The layer is the same either way: hutch's layers never depend on the one below.
                "link" => {}
                "checksum" if add => checksum = Some(v.clone()),
                other => return Err(step_error(ins, &format!("{}: unknown option --{other}", ins.keyword))),
            }
        }
        let vars = bplan::lookup(&cfg, scope);
        let escape = b.file.escape;
        let mut words = bplan::arg_words(&ins.args, &vars, escape).map_err(|e| step_error(ins, &e))?;
        if words.len() < 2 {
            return Err(step_error(ins, &format!("{} requires at least two arguments, but only {} provided", ins.keyword, words.len())));
        }
        let chown = chown.map(|c| crate::plan::containerfile_expand::expand_word(&c, &vars, escape)).transpose().map_err(|e| step_error(ins, &e))?;
        let dest_word = words.pop().unwrap_or_default();
        let workdir = cfg.get("WorkingDir").and_then(|w| w.as_str()).filter(|w| !w.is_empty()).unwrap_or("/").to_string();
        let dest_is_dir = dest_word.ends_with('/') || dest_word == "." || dest_word.ends_with("/.");
        let dest = if dest_word.starts_with('/') { bplan::clean_path(&dest_word) } else { bplan::clean_path(&format!("{workdir}/{dest_word}")) };

        // The sources, and what the key must hold about them.
        let mut key_parts: Vec<String> = vec![ins.keyword.clone(), dest.clone(), dest_is_dir.to_string(), format!("{chown:?}"), format!("{chmod:?}")];
        let mut sources = Vec::new();
        // `--from`: a stage, a --build-context (a directory, or an image), or an image.
        let mut from_dir: Option<PathBuf> = None;
        let from_root = match &from {
            Some(f) => {
                let f = crate::plan::containerfile_expand::expand_word(f, &vars, escape).map_err(|e| step_error(ins, &e))?;
                let named = b.o.build_contexts.iter().find(|(n, _)| *n == f).map(|(_, v)| v.clone());
                let img = match (super::stage_ref(&b.file, &f, stage), named) {
                    (Some(j), _) => Some(b.results.get(&j).cloned().with_context(|| format!("stage {f} was not built"))?),
                    (None, Some(v)) if !v.starts_with("docker-image://") => {
                        let dir = std::fs::canonicalize(&v).map_err(|e| step_error(ins, &format!("--build-context {f}={v}: {e}")))?;
                        key_parts.push(format!("from-dir:{}", dir_digest(&dir)));
                        from_dir = Some(dir);
                        None
                    }
                    (None, named) => {
                        let name = named.as_deref().and_then(|v| v.strip_prefix("docker-image://")).unwrap_or(&f).to_string();
                        let rec = self.image_for(&name, "missing", &b.o.pull_options).map_err(|e| step_error(ins, &format!("--from={f}: {e:#}")))?;
                        Some(self.current_of(&rec)?)
                    }
                };
                if let Some(img) = &img {
                    key_parts.push(format!("from:{}", img.id.clone().unwrap_or_default()));
                }
                key_parts.extend(words.iter().cloned());
                sources.extend(words.iter().map(|w| Source::Other(w.clone())));
                Some(img.map(|i| i.diff_ids).unwrap_or_default())
            }
            None => None,
        };
        if from_root.is_none() {
            let mut n = 0;
            for w in &words {
                n += 1;
                if let Some(h) = ins.heredocs.iter().find(|h| w.trim_start_matches("<<").trim_start_matches('-') == h.name) {
                    let dir = b.inputs.tmp.join(format!("heredoc-{}-{n}", ins.line));
                    std::fs::create_dir_all(&dir)?;
                    let content = if h.expand {
                        crate::plan::containerfile_expand::expand(&h.content, &vars, escape).map_err(|e| step_error(ins, &e))?
                    } else {
                        h.content.clone()
                    };
                    let p = dir.join(&h.name);
                    std::fs::write(&p, &content)?;
                    key_parts.push(format!("heredoc:{}:{}", h.name, crate::image::store::sha256_hex(content.as_bytes())));
                    sources.push(Source::Host { path: p, rel: None, unpack: false });
                } else if add && crate::engine::build::inputs::is_url(w) {
                    let dir = b.inputs.tmp.join(format!("url-{}-{n}", ins.line));
                    std::fs::create_dir_all(&dir)?;
                    let base = w.split(['?', '#']).next().unwrap_or(w).trim_end_matches('/').rsplit('/').next().filter(|s| !s.is_empty() && !s.contains(':')).unwrap_or("download").to_string();
                    let p = dir.join(&base);
                    let modified = crate::engine::build::inputs::download(w, &p)?;
                    let bytes = std::fs::read(&p)?;
                    let sum = crate::image::store::sha256_hex(&bytes);
                    if let Some(c) = &checksum {
                        if c.trim_start_matches("sha256:") != sum {
                            return Err(step_error(ins, &format!("{w}: the content's digest is sha256:{sum}, not {c}")));
                        }
                    }
                    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
                    if let Some(t) = modified {
                        let ft = std::fs::FileTimes::new().set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(t.max(0) as u64));
                        let _ = std::fs::File::options().write(true).open(&p).and_then(|f| f.set_times(ft));
                    }
                    key_parts.push(format!("url:{w}:{sum}"));
                    sources.push(Source::Host { path: p, rel: None, unpack: false });
                } else {
                    if w.contains("://") || w.starts_with("git@") {
                        return Err(step_error(ins, &format!("{w}: {} takes http(s) URLs only (ADD), not git or other sources", ins.keyword)));
                    }
                    if checksum.is_some() {
                        return Err(step_error(ins, &format!("checksum flag is not supported for local sources ({w}): --checksum checks what ADD fetches from an http(s) URL; drop it or use a URL")));
                    }
                    let ctx = b.inputs.context(self)?;
                    let matched = ctx.matches(w);
                    if matched.is_empty() {
                        return Err(step_error(ins, &format!("checking on sources under \"{}\": {w}: no such file or directory (or left out by the ignore file)", ctx.root.display())));
                    }
                    for rel in matched {
                        key_parts.push(format!("src:{rel}"));
                        key_parts.extend(ctx.digest_lines(&rel)?);
                        let unpack = add && ctx.kind_of(&rel) == Kind::File && is_archive(&ctx.root.join(&rel));
                        sources.push(Source::Host { path: ctx.root.join(&rel), rel: Some(rel), unpack });
                    }
                }
            }
        }
        if sources.len() > 1 && !dest_is_dir {
            return Err(step_error(ins, &format!("when using {} with more than one source file, the destination must be a directory and end with a /", ins.keyword)));
        }
        let part_refs: Vec<&str> = key_parts.iter().map(String::as_str).collect();
        let key = bplan::cache_key(&cur.key, &part_refs);
        // The history line names the content as Buildah does: file:, dir: or multi:HASH.
        let content = crate::image::store::sha256_hex(key_parts[5..].join("\n").as_bytes());
        let summary = match sources.as_slice() {
            _ if from_root.is_some() => None,
            [Source::Host { rel: Some(r), .. }] => match b.inputs.context(self)?.kind_of(r) {
                Kind::Dir => Some(format!("dir:{content}")),
                _ => Some(format!("file:{}", b.inputs.context(self)?.file_hash(r).unwrap_or(content))),
            },
            [Source::Host { rel: None, .. }] => Some(format!("file:{}", key_parts.last().and_then(|k| k.rsplit(':').next()).unwrap_or(&content))),
            _ => Some(format!("multi:{content}")),
        };
        if let Some(hit) = self.cached(b, &key, cur.id.as_deref())? {
            return Ok(hit);
        }

        let layer_dirs = |diff_ids: &[String]| -> Vec<PathBuf> {
            diff_ids.iter().rev().map(|d| self.paths.layer_tree(d)).collect()
        };
        let lowers = layer_dirs(&cur.diff_ids);
        let owner = match &chown {
            Some(c) => Some(resolve_chown(c, &lowers).map_err(|e| step_error(ins, &e))?),
            None if from_root.is_some() => None,
            None => Some((0, 0)),
        };
        let attrs = Attrs { owner, mode: chmod };
        let staging = super::staging_dir(self, &["upper", "work", "mnt", "src"])?;
        let target = if lowers.is_empty() {
            ContainerFs::Plain(staging.join("upper"))
        } else {
            ContainerFs::Overlay { lowers, upper: staging.join("upper"), work: staging.join("work") }
        };
        let src_fs = from_root.as_ref().map(|ids| {
            if let Some(d) = &from_dir {
                return ContainerFs::Plain(d.clone());
            }
            let dirs = layer_dirs(ids);
            match dirs.len() {
                0 => ContainerFs::Plain(staging.join("src")),
                1 => ContainerFs::Plain(dirs[0].clone()),
                _ => ContainerFs::Overlay { lowers: dirs[1..].to_vec(), upper: dirs[0].clone(), work: staging.join("work") },
            }
        });
        let keep: BTreeSet<String> = match &from_root {
            None if sources.iter().any(|s| matches!(s, Source::Host { rel: Some(_), .. })) => b.inputs.context(self)?.entries.keys().cloned().collect(),
            _ => BTreeSet::new(),
        };
        let (mnt, srcmnt) = (staging.join("mnt"), staging.join("src"));
        let what = at_step(ins);
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), true, move || {
            let root_path = target.mount_at(&mnt, true)?;
            let root: std::os::fd::OwnedFd = std::fs::File::open(&root_path).context("opening the step's root")?.into();
            let src_root = match &src_fs {
                Some(fs) => Some(std::fs::File::open(fs.mount_at(&srcmnt, false)?).context("opening the --from root")?),
                None => None,
            };
            let keep_rel = |r: &str| match r.strip_suffix('/') {
                Some(dir) => keep.range(format!("{dir}/")..).next().is_some_and(|k| k.starts_with(&format!("{dir}/"))),
                None => keep.contains(r),
            };
            for s in &sources {
                let (path, rel, unpack) = match s {
                    Source::Host { path, rel, unpack } => (path.clone(), rel.clone(), *unpack),
                    Source::Other(p) => {
                        let sr = src_root.as_ref().context("no --from root")?;
                        for found in resolve_other(sr, p)? {
                            place(&root, &found, false, &dest, dest_is_dir, attrs, &|_| true)?;
                        }
                        continue;
                    }
                };
                let filter = |r: &str| rel.is_none() || keep_rel(&format!("{}{r}", rel.as_deref().filter(|x| !x.is_empty()).map(|x| format!("{x}/")).unwrap_or_default()));
                place(&root, &path, unpack, &dest, dest_is_dir, attrs, &filter)?;
            }
            Ok(0)
        });
        if let Err(e) = r {
            let _ = crate::storage::remove::remove_tree_mapped(&staging);
            return Err(exit_error(crate::error::exit_code_of(&e), format!("{what}: {e:#}")));
        }
        let staged = match self.stage_upper_in_place(&staging.join("upper"), &staging, b.o.timestamp) {
            Ok(s) => s,
            Err(e) => {
                let _ = crate::storage::remove::remove_tree_mapped(&staging);
                return Err(e);
            }
        };
        let mut next = cur;
        next.key = key;
        let by = match &summary {
            Some(what) => format!("/bin/sh -c #(nop) {} {what} in {dest_word} ", ins.keyword),
            None => bplan::created_by(ins, &[]),
        };
        self.commit_step(b, next, &by, Some((staging, staged)), last)
    }
}

/// Whether a local file is a tar archive ADD unpacks (plain, gzip, bzip2, xz or zstd); any
/// other file, compressed or not, is copied as it is (as Docker and Buildah do).
fn is_archive(p: &Path) -> bool {
    std::fs::File::open(p).is_ok_and(crate::storage::compress::is_tar_archive)
}

/// `--chown=USER[:GROUP]`: ids as given, names looked up in the image's /etc/passwd and
/// /etc/group; a user without a group gets the same number as its gid (as Docker does).
fn resolve_chown(spec: &str, layers: &[PathBuf]) -> Result<(u32, u32), String> {
    let (u, g) = spec.split_once(':').map(|(u, g)| (u, Some(g))).unwrap_or((spec, None));
    let passwd = || crate::engine::rootview::read_file(layers, "etc/passwd");
    let group = || crate::engine::rootview::read_file(layers, "etc/group");
    let uid = match u.parse::<u32>() {
        Ok(n) => n,
        Err(_) => crate::plan::user::resolve(u, &passwd(), "").map_err(|e| format!("--chown={spec}: {e}"))?.uid,
    };
    let gid = match g {
        None => uid,
        Some(g) => crate::plan::user::group_id(g, &group()).map_err(|e| format!("--chown={spec}: {e}"))?,
    };
    Ok((uid, gid))
}

/// The paths in the `--from` root that `p` names (a glob allowed in its last part), as
/// paths this process can open (resolved inside that root).
fn resolve_other(root: &std::fs::File, p: &str) -> Result<Vec<PathBuf>> {
    let clean = bplan::clean_path(p);
    let open = |rel: &str| -> Result<PathBuf> {
        crate::engine::cp::resolve_in(root, rel, true).map_err(|e| exit_error(125, format!("{p} in the --from root: {e}")))
    };
    let (parent, leaf) = clean.rsplit_once('/').unwrap_or(("", &clean));
    if !super::context::has_glob(leaf) {
        return Ok(vec![open(&clean)?]);
    }
    let dir = open(parent)?;
    let pat: Vec<char> = leaf.chars().collect();
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)?.flatten()
        .filter(|e| crate::util::glob::glob(&pat, &e.file_name().to_string_lossy().chars().collect::<Vec<_>>()) == Some(true))
        .map(|e| e.path()).collect();
    out.sort();
    if out.is_empty() {
        return Err(exit_error(125, format!("{p}: no such file or directory in the --from root")));
    }
    Ok(out)
}

/// Puts one source at the destination: a directory's contents into `dest`; a file into
/// `dest` if that is a directory (or ends with /), else as `dest`; an ADD archive unpacked
/// into `dest`.
#[allow(clippy::too_many_arguments)]
fn place(root: &std::os::fd::OwnedFd, src: &Path, unpack: bool, dest: &str, dest_is_dir: bool, attrs: Attrs, keep: &dyn Fn(&str) -> bool) -> Result<()> {
    let meta = std::fs::metadata(src).with_context(|| format!("reading {}", src.display()))?;
    if unpack {
        let dir = copyin::mkdir_all(root, dest, attrs.owner)?;
        let at = PathBuf::from(format!("/proc/self/fd/{}", dir.as_raw_fd()));
        let f = std::fs::File::open(src).with_context(|| format!("reading {}", src.display()))?;
        let (reader, _) = crate::storage::compress::decompressed(f, true).with_context(|| format!("reading {}", src.display()))?;
        crate::storage::unpack::unpack(reader, &at, &crate::storage::unpack::Options { single_mapping: false })
            .with_context(|| format!("unpacking {}", src.display()))?;
        return Ok(());
    }
    if meta.is_dir() && std::fs::symlink_metadata(src).map(|m| m.is_dir()).unwrap_or(false) {
        let dir = copyin::mkdir_all(root, dest, attrs.owner)?;
        let mut children: Vec<_> = std::fs::read_dir(src)?.collect::<std::io::Result<Vec<_>>>()?;
        children.sort_by_key(|e| e.file_name());
        for e in children {
            let name = e.file_name();
            let r = name.to_string_lossy().into_owned();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if keep(&r) || (is_dir && keep(&format!("{r}/"))) {
                copyin::copy_at(&e.path(), &dir, &name, attrs, keep, &r)?;
            }
        }
        return Ok(());
    }
    let name: OsString = src.file_name().map(|n| n.to_owned()).unwrap_or_else(|| "file".into());
    let trimmed = dest.trim_end_matches('/');
    let into_dir = dest_is_dir || trimmed.is_empty() || {
        let (p, l) = trimmed.rsplit_once('/').unwrap_or(("", trimmed));
        copyin::mkdir_all(root, p, attrs.owner).map(|d| copyin::is_dir_at(&d, std::ffi::OsStr::new(l))).unwrap_or(false)
    };
    if into_dir {
        let dir = copyin::mkdir_all(root, dest, attrs.owner)?;
        copyin::copy_at(src, &dir, &name, attrs, keep, "")
    } else {
        let (p, l) = trimmed.rsplit_once('/').unwrap_or(("", trimmed));
        let dir = copyin::mkdir_all(root, p, attrs.owner)?;
        copyin::copy_at(src, &dir, std::ffi::OsStr::new(l), attrs, keep, "")
    }
}

/// What a `--build-context` directory holds, for the cache key: every entry's path, type,
/// size and modification time.
fn dir_digest(dir: &std::path::Path) -> String {
    use std::os::unix::fs::MetadataExt;
    let mut lines = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(m) = std::fs::symlink_metadata(&p) else { continue };
            lines.push(format!("{}\t{:o}\t{}\t{}.{}", p.strip_prefix(dir).unwrap_or(&p).display(), m.mode(), m.size(), m.mtime(), m.mtime_nsec()));
            if m.is_dir() {
                stack.push(p);
            }
        }
    }
    lines.sort();
    crate::image::store::sha256_hex(lines.join("\n").as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn chown_specs() {
        assert_eq!(super::resolve_chown("1000", &[]).unwrap(), (1000, 1000));
        assert_eq!(super::resolve_chown("1000:5", &[]).unwrap(), (1000, 5));
        assert!(super::resolve_chown("nobody-here", &[]).is_err());
    }
}
