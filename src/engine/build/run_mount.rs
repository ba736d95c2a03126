//! `RUN --mount`: what each mount type binds into the step's container (from the context
//! with the ignore rules applied, another stage or image, a persistent cache directory, a
//! tmpfs, a secret, an SSH agent), and what the step's cache key holds of it.

use super::{ssh, step_error, Build};
use crate::engine::Engine;
use crate::plan::build as bplan;
use crate::plan::containerfile::Instruction;
use anyhow::{Context as _, Result};

impl Engine {
    /// The layers of a stage or image a `RUN --mount=...,from=` names.
    fn mount_source_layers(&self, b: &Build, stage: usize, from: &str) -> Result<Vec<String>> {
        Ok(match super::stage_ref(&b.file, from, stage) {
            Some(j) => b.results.get(&j).cloned().with_context(|| format!("stage {from} was not built"))?.diff_ids,
            None => {
                let rec = self.image_for(from, "missing", &b.o.pull_options)?;
                self.current_of(&rec)?.diff_ids
            }
        })
    }

    /// Those layers applied into a scratch tree (`root` in it) for one step, removed after it.
    pub(super) fn mount_source_tree(&self, diff_ids: &[String]) -> Result<std::path::PathBuf> {
        let scratch = self.scratch_dir("build-from", &["root"])?;
        let layers: Vec<std::path::PathBuf> = diff_ids.iter().map(|d| self.paths.layer_tree(d)).collect();
        let root = scratch.join("root");
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            for l in &layers {
                crate::storage::vfs::apply_layer(l, &root)?;
            }
            Ok(0)
        });
        if let Err(e) = r {
            let _ = crate::storage::remove::remove_tree_mapped(&scratch);
            return Err(e);
        }
        Ok(scratch)
    }

    /// A `RUN --mount=...` as a `--mount` for the step's container (None: an absent secret
    /// that is not required, which BuildKit leaves out).
    pub(super) fn run_mount(&self, b: &mut Build, stage: usize, ins: &Instruction, spec: &str, ssh_index: usize) -> Result<Option<RunMount>> {
        let mut typ = "bind".to_string();
        let mut kv = Vec::new();
        for part in spec.split(',').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').map(|(k, v)| (k.to_string(), Some(v.to_string()))).unwrap_or((part.to_string(), None));
            if k == "type" {
                typ = v.unwrap_or_default();
            } else {
                kv.push((k, v));
            }
        }
        let get = |names: &[&str]| kv.iter().find(|(k, _)| names.contains(&k.as_str())).and_then(|(_, v)| v.clone());
        let flag = |name: &str| kv.iter().any(|(k, v)| k == name && v.as_deref().is_none_or(|v| v == "true"));
        let bad = |m: &str| step_error(ins, &format!("RUN --mount={spec}: {m}"));
        let target = get(&["target", "dst", "destination"]);
        let mount_target = target.clone();
        for (k, _) in &kv {
            let known: &[&str] = match typ.as_str() {
                "bind" => &["target", "dst", "destination", "source", "src", "from", "ro", "readonly", "rw", "readwrite"],
                "cache" => &["target", "dst", "destination", "id", "sharing", "from", "source", "src", "mode", "uid", "gid", "ro", "readonly"],
                "tmpfs" => &["target", "dst", "destination", "size"],
                "secret" => &["id", "target", "dst", "destination", "required", "mode", "uid", "gid"],
                "ssh" => &["id", "target", "dst", "destination", "required", "mode", "uid", "gid"],
                t => return Err(bad(&format!("unknown type `{t}` (use bind, cache, tmpfs, secret or ssh)"))),
            };
            if !known.contains(&k.as_str()) {
                return Err(bad(&format!("unknown option `{k}`")));
            }
        }
        let mut scratch = None;
        let spec = match typ.as_str() {
            "bind" => {
                let target = target.ok_or_else(|| bad("target= is required"))?;
                // rw: the step may write there; what it writes is dropped with it (an overlay).
                let rw = flag("rw") || flag("readwrite");
                let src = get(&["source", "src"]).unwrap_or_default();
                if let Some(from) = get(&["from"]) {
                    let layers = self.mount_source_layers(b, stage, &from).map_err(|e| bad(&format!("from={from}: {e:#}")))?;
                    let key = format!("bind from {} {src} {target} {rw}", layers.join(","));
                    let from = FromTree { layers, name: from, source: src, target: target.clone(), rw };
                    return Ok(Some(RunMount { spec: String::new(), key, target: Some(target), from: Some(from), ctx_copy: None, scratch: None, env: None, ssh: false }));
                }
                // From the context, as COPY reads it: the ignore rules applied, and the key
                // holding what is there (not where the context happens to be unpacked).
                let missing = || bad(&format!("{src}: no such file or directory in the build context (or left out by the ignore file)"));
                let ctx = b.inputs.context(self)?;
                // Symbolic links on the way are followed inside the context, never out of it.
                let named = ctx.root.join(bplan::clean_path(&src).trim_start_matches('/'));
                let (real, root) = (std::fs::canonicalize(&named).map_err(|_| missing())?, std::fs::canonicalize(&ctx.root)?);
                let rel = real.strip_prefix(&root).map_err(|_| bad(&format!("{src}: a symbolic link out of the build context")))?.to_string_lossy().into_owned();
                if !ctx.has(&rel) {
                    return Err(missing());
                }
                let digest = crate::image::store::sha256_hex(ctx.digest_lines(&rel)?.join("\n").as_bytes());
                let key = format!("bind context {rel} {digest} {target} {rw}");
                if ctx.kind_of(&rel) == super::context::Kind::Dir && ctx.excludes_below(&rel) {
                    // Something below is left out: a copy without it is bound (made on a miss).
                    let copy = CtxCopy { rel, target: target.clone(), rw };
                    return Ok(Some(RunMount { spec: String::new(), key, target: Some(target), from: None, ctx_copy: Some(copy), scratch: None, env: None, ssh: false }));
                }
                let host = ctx.root.join(&rel);
                let spec = bind_spec(&host, &target, rw).map_err(|e| bad(&e))?;
                return Ok(Some(RunMount { spec, key, target: Some(target), from: None, ctx_copy: None, scratch: None, env: None, ssh: false }));
            }
            "cache" => {
                let target = target.ok_or_else(|| bad("target= is required"))?;
                let id = get(&["id"]).unwrap_or_else(|| target.clone());
                let dir = self.paths.root.join("build-cache").join(&crate::image::store::sha256_hex(id.as_bytes())[..32]);
                if !dir.is_dir() {
                    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                    let uid: u32 = get(&["uid"]).map(|v| v.parse()).transpose().map_err(|_| bad("uid= must be a number"))?.unwrap_or(0);
                    let gid: u32 = get(&["gid"]).map(|v| v.parse()).transpose().map_err(|_| bad("gid= must be a number"))?.unwrap_or(0);
                    let mode = get(&["mode"]).map(|m| bplan::parse_chmod(&m)).transpose().map_err(|e| bad(&e))?.unwrap_or(0o755);
                    // from=: a new cache starts as a copy of that stage's (or image's) source.
                    let seed = match get(&["from"]) {
                        Some(from) => {
                            let layers = self.mount_source_layers(b, stage, &from).map_err(|e| bad(&format!("from={from}: {e:#}")))?;
                            let tree = self.mount_source_tree(&layers)?;
                            let src = get(&["source", "src"]).unwrap_or_default();
                            scratch = Some(tree.clone());
                            Some(resolve_in_tree(&tree.join("root"), &src).map_err(|e| bad(&format!("from={from}: {e}")))?)
                        }
                        None => None,
                    };
                    let d2 = dir.clone();
                    crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
                        if let Some(s) = &seed {
                            crate::storage::vfs::apply_layer(s, &d2)?;
                        }
                        std::os::unix::fs::chown(&d2, Some(uid), Some(gid)).context("setting the cache's owner")?;
                        std::fs::set_permissions(&d2, std::os::unix::fs::PermissionsExt::from_mode(mode)).context("setting the cache's mode")?;
                        Ok(0)
                    })?;
                }
                let ro = if flag("ro") || flag("readonly") { ",ro" } else { "" };
                format!("type=bind,src={},dst={target}{ro}", dir.display())
            }
            "ssh" => {
                let id = get(&["id"]).unwrap_or_else(|| "default".to_string());
                let Some(src) = b.o.ssh.iter().find(|s| s.id == id).cloned() else {
                    if flag("required") {
                        return Err(bad(&format!("no SSH agent `{id}` was given: add --ssh {id}[=SOCKET|KEY]")));
                    }
                    return Ok(None);
                };
                let target = target.unwrap_or_else(|| format!("/run/buildkit/ssh_agent.{ssh_index}"));
                if !b.agents.contains_key(&id) {
                    let relay = ssh::start(&src, &self.paths.runroot).map_err(|e| bad(&format!("{e:#}")))?;
                    b.agents.insert(id.clone(), relay);
                }
                let sock = b.agents[&id].socket.clone();
                let num = |k: &str, dflt: u32| get(&[k]).map(|v| v.parse::<u32>()).transpose().map_err(|_| bad(&format!("{k}= must be a number"))).map(|v| v.unwrap_or(dflt));
                let (uid, gid) = (num("uid", 0)?, num("gid", 0)?);
                let mode = get(&["mode"]).map(|m| bplan::parse_chmod(&m)).transpose().map_err(|e| bad(&e))?.unwrap_or(0o600);
                let s2 = sock.clone();
                // The socket as the step's user sees it: owned as asked, with the mode asked.
                crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
                    std::os::unix::fs::chown(&s2, Some(uid), Some(gid)).context("setting the agent socket's owner")?;
                    std::fs::set_permissions(&s2, std::os::unix::fs::PermissionsExt::from_mode(mode)).context("setting the agent socket's mode")?;
                    Ok(0)
                })?;
                return Ok(Some(RunMount {
                    key: format!("ssh {id} {target}"),
                    spec: format!("type=bind,src={},dst={target}", sock.display()),
                    env: Some(format!("SSH_AUTH_SOCK={target}")),
                    target: Some(target),
                    from: None,
                    ctx_copy: None,
                    scratch: None,
                    ssh: true,
                }));
            }
            "tmpfs" => {
                let target = target.ok_or_else(|| bad("target= is required"))?;
                match get(&["size"]) {
                    Some(s) => format!("type=tmpfs,dst={target},tmpfs-size={s}"),
                    None => format!("type=tmpfs,dst={target}"),
                }
            }
            _ => {
                let id = get(&["id"]).or_else(|| target.as_ref().and_then(|t| t.rsplit('/').next().map(String::from)))
                    .ok_or_else(|| bad("id= is required"))?;
                let target = target.unwrap_or_else(|| format!("/run/secrets/{id}"));
                let from_env = b.o.run.secret_values.iter().find(|(i, _)| *i == id).map(|(_, v)| v.clone());
                match b.o.run.secrets.iter().find(|(i, _)| *i == id) {
                    Some((_, src)) => format!("type=bind,src={},dst={target},ro", src.display()),
                    None if from_env.is_some() => {
                        let dir = b.inputs.tmp.join("secrets");
                        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
                        let file = dir.join(crate::image::store::sha256_hex(id.as_bytes()));
                        // Written afresh for each step that mounts it (an earlier one left it 0400).
                        let _ = std::fs::remove_file(&file);
                        std::fs::write(&file, from_env.unwrap_or_default()).with_context(|| format!("writing {}", file.display()))?;
                        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o400))?;
                        // The key holds the secret's id, not its value or where it was written.
                        return Ok(Some(RunMount { key: format!("secret {id} {target}"), spec: format!("type=bind,src={},dst={target},ro", file.display()), target: Some(target), from: None, ctx_copy: None, scratch: None, env: None, ssh: false }));
                    }
                    None if flag("required") => return Err(bad(&format!("no secret `{id}` was given: add --secret id={id},src=FILE"))),
                    None => return Ok(None),
                }
            }
        };
        // A secret's default place is under /run/secrets.
        let target = mount_target.or_else(|| (typ == "secret").then(|| spec.rsplit("dst=").next().unwrap_or("").trim_end_matches(",ro").to_string()));
        Ok(Some(RunMount { key: spec.clone(), spec, target, from: None, ctx_copy: None, scratch, env: None, ssh: false }))
    }
}

/// A `RUN --mount`: the container's `--mount`, what the step's cache key holds of it (not the
/// scratch path a `from=` tree has), and that scratch tree, removed after the step.
pub(super) struct RunMount {
    pub(super) spec: String,
    pub(super) key: String,
    /// Where it is mounted in the step's container.
    pub(super) target: Option<String>,
    /// A `bind,from=` tree still to make (on a cache miss).
    pub(super) from: Option<FromTree>,
    /// A copy of part of the context without what the ignore rules leave out, still to make.
    pub(super) ctx_copy: Option<CtxCopy>,
    pub(super) scratch: Option<std::path::PathBuf>,
    /// A variable the step gets with it (`SSH_AUTH_SOCK` for an agent).
    pub(super) env: Option<String>,
    /// An SSH agent's socket (they are numbered for their default targets).
    pub(super) ssh: bool,
}

pub(super) struct FromTree {
    pub(super) layers: Vec<String>,
    pub(super) name: String,
    pub(super) source: String,
    pub(super) target: String,
    pub(super) rw: bool,
}

pub(super) struct CtxCopy {
    pub(super) rel: String,
    pub(super) target: String,
    pub(super) rw: bool,
}

/// Marks a RunMount spec that is a `-v` overlay volume, not a `--mount`.
pub(super) const OVERLAY: &str = "overlay-volume:";

/// `source` inside the tree at `root` (a stage's or image's files), its symbolic links
/// followed inside that tree as the container would see them, never out to the host's files:
/// the path to bind.
pub(super) fn resolve_in_tree(root: &std::path::Path, source: &str) -> std::result::Result<std::path::PathBuf, String> {
    use std::os::fd::AsRawFd;
    let missing = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{source}: no such file or directory"),
        _ => format!("{source}: {e}"),
    };
    let dir = std::fs::File::open(root).map_err(missing)?;
    let rel = bplan::clean_path(source).trim_start_matches('/').to_string();
    if rel.is_empty() {
        return Ok(root.to_path_buf());
    }
    let fd = crate::runtime::openat2::open_in_root(dir.as_raw_fd(), std::path::Path::new(&rel), libc::O_PATH | libc::O_CLOEXEC).map_err(missing)?;
    let real = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).map_err(missing)?;
    let top = std::fs::canonicalize(root).map_err(missing)?;
    if !real.starts_with(&top) {
        return Err(format!("{source}: resolves outside its tree"));
    }
    Ok(real)
}

/// A read-only bind, or with `rw` an overlay whose writes go with the step's container. A
/// host path with a `,` (or `:` for an overlay) could end the option it is written into and
/// name another source, so it is refused.
pub(super) fn bind_spec(host: &std::path::Path, target: &str, rw: bool) -> std::result::Result<String, String> {
    let text = host.display().to_string();
    if text.contains(',') || (rw && (text.contains(':') || target.contains(':'))) {
        return Err(format!("{text}: a path with `,` or `:` cannot be bound into a step: rename it"));
    }
    if !rw {
        return Ok(format!("type=bind,src={},dst={target},ro", host.display()));
    }
    if !host.is_dir() {
        return Err("rw needs a directory source (its writes go to an overlay)".into());
    }
    Ok(format!("{OVERLAY}{}:{target}:O", host.display()))
}

pub(super) fn remove_scratch(mounts: &[RunMount]) {
    for m in mounts {
        if let Some(s) = &m.scratch {
            let _ = crate::storage::remove::remove_tree_mapped(s);
        }
    }
}
