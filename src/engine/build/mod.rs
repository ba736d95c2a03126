//! `hutch build`: an image from a Containerfile, step by step. Each step leaves an image in
//! the store (unnamed, "intermediate", shown by `images -a`), tagged with the step's cache
//! key: the key of the step before, the instruction after expansion, the build args it sees
//! and, for COPY/ADD, the content of what it copies. A later build that reaches the same key
//! reuses that image without running anything. RUN runs in a container made by the same
//! `create`/`start` as `hutch run`, and its writable layer becomes the step's layer through
//! the same tar writer as `commit`.

pub mod context;
mod copy;
mod images;
pub mod output;
mod inputs;
mod remote_cache;
mod run_mount;
mod stages;
mod run_step;
mod squash;
pub mod ssh;

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::build::{self as bplan, ArgScope};
use crate::plan::containerfile::{Args, Containerfile, Instruction};
use anyhow::{Context as _, Result};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use inputs::BuildInputs;

#[derive(Default)]
pub struct BuildOptions {
    /// The context: a directory, `-` (a tarball on stdin) or an http(s) URL of a tarball.
    pub context: String,
    /// `-f`: files (or `-` for stdin) whose instructions are joined, in order.
    pub containerfiles: Vec<PathBuf>,
    pub ignorefile: Option<PathBuf>,
    pub tags: Vec<String>,
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    /// `--layers` (the default): keep each step's image and use them as a cache.
    pub layers: bool,
    pub no_cache: bool,
    /// `--cache-ttl`: cached steps older than this many seconds are not used.
    pub cache_ttl: Option<i64>,
    /// `--ssh`: agents RUN steps may mount (`--mount=type=ssh,id=ID`).
    pub ssh: Vec<ssh::SshSource>,
    /// `--cache-from`, `--cache-to`: repositories holding steps under their cache keys.
    pub cache_from: Vec<String>,
    pub cache_to: Vec<String>,
    /// `--pull`: missing (the default), always, never, newer.
    pub pull: String,
    pub pull_options: crate::engine::pull::PullOptions,
    /// `--platform`/`--arch`/`--variant`: the platform built for (None: this host's). Its base
    /// images are pulled for it; RUN steps run its binaries (emulated where binfmt_misc has
    /// an interpreter for them).
    pub platform: Option<crate::image::manifest::Platform>,
    /// `--format docker`: Docker v2s2 media types.
    pub docker_format: bool,
    pub labels: Vec<(String, String)>,
    /// `--annotation`: the built image's manifest annotations (OCI format).
    pub annotations: Vec<(String, String)>,
    pub env: Vec<String>,
    /// `--unsetenv`: variables removed from the built image's config.
    pub unsetenv: Vec<String>,
    /// `--from`: the image in place of the first stage's FROM.
    pub from: Option<String>,
    /// `--build-context NAME=DIR|docker-image://IMAGE`: what `COPY --from=NAME` copies from.
    pub build_contexts: Vec<(String, String)>,
    /// `--skip-unused-stages=false`: every stage up to the target is built.
    pub all_stages: bool,
    /// `--stdin`: RUN steps read the caller's stdin.
    pub stdin: bool,
    /// `--timestamp`: the created time of the image and its history.
    pub timestamp: Option<i64>,
    pub omit_history: bool,
    /// What RUN steps get: `--network`, `-v`, `--secret`, `--cap-add`... as for `run`.
    pub run: run_step::RunSettings,
    /// `--squash`: the layers the build added become one; `--squash-all`: all of them.
    pub squash: bool,
    pub squash_all: bool,
    /// `--rm=false`: keep the step containers; `--force-rm=false`: keep a failed one.
    pub keep_containers: bool,
    pub keep_failed: bool,
    pub quiet: bool,
    /// Where step lines go (stdout, unless -q).
    pub log: Option<LogLine>,
    /// `--sign-by KEY`: the built image's manifest is signed (simple signing, GPG) as its
    /// first name, and the signature kept with the image for `push`.
    pub sign_by: Option<String>,
    /// `--cpp-flag`: flags for the C preprocessor a `NAME.in` Containerfile goes through.
    pub cpp_flags: Vec<String>,
    /// `--os-feature` (`F-` removes F) and `--os-version`: the image config's `os.features`
    /// and `os.version`.
    pub os_features: Vec<String>,
    pub os_version: Option<String>,
}

pub use run_step::{RunSettings, BUILD_LABEL};

/// Receives the build's step lines.
pub type LogLine = Box<dyn Fn(&str)>;

pub struct BuildReport {
    pub id: String,
    pub names: Vec<String>,
}

/// The image a stage has built so far.
#[derive(Clone)]
struct Current {
    config: Value,
    layers: Vec<Value>,
    diff_ids: Vec<String>,
    /// The stored image of this state (None once the config changed since).
    id: Option<String>,
    /// A stored image with these layers (what a RUN step's container is made from).
    layers_image: Option<String>,
    key: String,
    /// The image name the stage started from, until its first step is committed: that step's
    /// history comment is `FROM NAME`, the next ones' `FROM PARENT-ID` (Buildah's comments).
    from: Option<String>,
}

impl Current {
    /// An empty image for `platform`.
    fn scratch(platform: &crate::image::manifest::Platform) -> Current {
        let mut config = json!({
            "architecture": platform.architecture, "os": platform.os, "config": {},
            "rootfs": {"type": "layers", "diff_ids": []}, "history": [],
        });
        if let Some(v) = &platform.variant {
            config["variant"] = json!(v);
        }
        Current { config, layers: vec![], diff_ids: vec![], id: None, layers_image: None, key: "scratch".into(), from: None }
    }

    fn cfg(&self) -> Map<String, Value> {
        self.config["config"].as_object().cloned().unwrap_or_default()
    }
}

/// The state of a build: what is parsed and read once, and the stages' results.
struct Build<'a> {
    o: &'a BuildOptions,
    file: Containerfile,
    inputs: BuildInputs,
    global: BTreeMap<String, Option<String>>,
    results: BTreeMap<usize, Current>,
    step: usize,
    steps: usize,
    made: Vec<String>,
    /// How many layers the target stage's base image has (what `--squash` keeps).
    base_layers: usize,
    /// The `--ssh` agents steps have mounted so far, by id (stopped with the build).
    agents: BTreeMap<String, ssh::AgentRelay>,
    /// The image being committed is the build's result: `--format` applies to it (the
    /// steps' images are OCI whatever the format, so the cache serves both).
    final_format: bool,
}

impl Build<'_> {
    /// The platform the build makes images for (`--platform`, else this host's).
    fn target_platform(&self) -> crate::image::manifest::Platform {
        self.o.platform.clone().unwrap_or_else(crate::image::manifest::host_platform)
    }

    /// TARGETPLATFORM and the other platform args.
    fn platform_args(&self) -> Vec<(String, String)> {
        let t = self.target_platform();
        bplan::platform_args([&t.os, &t.architecture, t.variant.as_deref().unwrap_or("")], crate::util::go_arch())
    }
}

impl Engine {
    pub fn build(&self, o: &BuildOptions) -> Result<BuildReport> {
        if let Some(key) = &o.sign_by {
            // A key that cannot sign, or a nameless image, fails before anything is built.
            if o.tags.is_empty() {
                return Err(exit_error(125, "--sign-by: a signature names the image: give it a name with -t"));
            }
            crate::engine::sign::probe(key, None)?;
        }
        self.paths.ensure_store()?;
        self.sweep_tmp();
        self.sweep_build_containers();
        let inputs = BuildInputs::gather(self, o)?;
        for w in &inputs.warnings {
            self.warn(w);
        }
        self.build_in(o, inputs)
    }

    /// The Containerfile parsed, with its global args.
    fn begin<'a>(&self, o: &'a BuildOptions, inputs: BuildInputs) -> Result<Build<'a>> {
        let mut file = crate::plan::containerfile::parse(&inputs.text)
            .map_err(|e| exit_error(125, format!("parsing file \"{}\": dockerfile parse error {e}", inputs.file_name)))?;
        // Errors at a step name the file, as parse errors do.
        for ins in file.meta_args.iter_mut().chain(file.stages.iter_mut().flat_map(|s| std::iter::once(&mut s.from).chain(s.instructions.iter_mut()))) {
            ins.file = inputs.file_name.clone();
        }
        let mut b = Build { o, file, inputs, global: BTreeMap::new(), results: BTreeMap::new(), step: 0, steps: 0, made: vec![], base_layers: 0, agents: BTreeMap::new(), final_format: false };
        for a in b.file.meta_args.clone() {
            for (k, v) in arg_decl(&a, b.file.escape)? {
                let value = o.build_args.get(&k).cloned().or(v);
                b.global.insert(k, value);
            }
        }
        Ok(b)
    }

    fn build_in(&self, o: &BuildOptions, inputs: BuildInputs) -> Result<BuildReport> {
        let mut b = self.begin(o, inputs)?;
        let target = match &o.target {
            Some(t) => b.file.stages.iter().position(|s| s.name.as_deref() == Some(t.to_ascii_lowercase().as_str()))
                .ok_or_else(|| exit_error(125, format!("the target \"{t}\" was not found in the provided Dockerfile")))?,
            None => b.file.stages.len() - 1,
        };
        let needed = if o.all_stages { (0..=target).collect() } else { self.needed_stages(&b, target)? };
        b.steps = needed.iter().map(|i| b.file.stages[*i].instructions.len() + 1).sum();
        let result = (|| -> Result<BuildReport> {
            for i in needed.iter().copied() {
                let cur = self.run_stage(&mut b, i, i == target)?;
                b.results.insert(i, cur);
            }
            let fin = b.results.get(&target).cloned().context("the target stage built nothing")?;
            self.finish(&mut b, fin)
        })();
        b.inputs.cleanup(self);
        if !o.layers || result.is_err() && o.no_cache {
            // No cache wanted: the steps' images go (a failed --no-cache build keeps none).
            self.drop_intermediates(&b.made, result.as_ref().ok().map(|r| r.id.as_str()));
        }
        result
    }

    fn base_name(&self, b: &Build, from: &Instruction) -> Result<String> {
        if let Some(f) = &b.o.from {
            if b.file.stages.first().is_some_and(|s| s.from.line == from.line) {
                return Ok(f.clone());
            }
        }
        let vars = |n: &str| b.global.get(n).cloned().flatten();
        let words = bplan::arg_words(&from.args, &vars, b.file.escape).map_err(|e| step_error(from, &e))?;
        words.first().cloned().filter(|w| !w.is_empty()).ok_or_else(|| step_error(from, "FROM needs an image"))
    }

    fn log(&self, b: &Build, line: &str) {
        if !b.o.quiet {
            if let Some(l) = &b.o.log {
                l(line);
            }
        }
    }

    fn run_stage(&self, b: &mut Build, index: usize, last: bool) -> Result<Current> {
        let stage = b.file.stages[index].clone();
        b.step += 1;
        self.log(b, &format!("{}STEP {}/{}: {}", stage_prefix(&b.file, index), b.step, b.steps, stage.from.original));
        let base = self.base_name(b, &stage.from)?;
        // The stage's platform: FROM's --platform (with the platform args expanded), else the
        // build's.
        let mut platform = b.target_platform();
        for (k, v) in &stage.from.flags {
            if k == "platform" {
                let vars = |n: &str| b.platform_args().into_iter().find(|(a, _)| a == n).map(|(_, v)| v).or_else(|| b.global.get(n).cloned().flatten());
                let v = crate::plan::containerfile_expand::expand_word(v, &vars, b.file.escape).map_err(|e| step_error(&stage.from, &e))?;
                if !v.is_empty() {
                    platform = crate::image::manifest::parse_platform(&v).map_err(|e| step_error(&stage.from, &format!("--platform={v}: {e}")))?;
                }
            } else {
                return Err(step_error(&stage.from, &format!("unknown option --{k}")));
            }
        }
        let mut cur = if base.eq_ignore_ascii_case("scratch") {
            Current::scratch(&platform)
        } else if let Some(j) = stage_ref(&b.file, &base, index) {
            b.results.get(&j).cloned().with_context(|| format!("stage {base} was not built"))?
        } else {
            let host = crate::image::manifest::host_platform();
            let pull_options = crate::engine::pull::PullOptions { platform: (platform != host || b.o.platform.is_some()).then(|| platform.clone()), ..b.o.pull_options.clone() };
            let img = self.image_for(&base, &b.o.pull, &pull_options).map_err(|e| exit_error(crate::error::exit_code_of(&e), format!("{}: {e:#}", at_step(&stage.from))))?;
            let mut cur = self.current_of(&img)?;
            cur.from = from_name(&base, &img.names);
            cur
        };
        // Steps for another platform are cached apart (a scratch stage starts from the same key).
        let host = crate::image::manifest::host_platform();
        if (platform.os.as_str(), platform.architecture.as_str()) != (host.os.as_str(), host.architecture.as_str()) {
            cur.key = bplan::cache_key(&cur.key, &["platform", &crate::image::manifest::platform_name(&platform)]);
        }
        if last {
            b.base_layers = cur.diff_ids.len();
        }
        // A base without PATH gets the default one, as Buildah gives it.
        if bplan::env_value(&cur.cfg(), "PATH").is_none() {
            let mut c = cur.cfg();
            let env = c.entry("Env").or_insert_with(|| json!([]));
            if let Some(a) = env.as_array_mut() {
                a.insert(0, json!(format!("PATH={}", bplan::DEFAULT_PATH)));
            }
            cur.config["config"] = Value::Object(c);
            cur.key = bplan::cache_key(&cur.key, &["default PATH"]);
            cur.id = None;
        }
        // --label and --env change every stage's config, and so its cache keys.
        let extra: Vec<String> = b.o.labels.iter().map(|(k, v)| format!("LABEL {k}={v}"))
            .chain(b.o.env.iter().map(|e| format!("ENV {e}"))).collect();
        if !extra.is_empty() {
            let mut c = cur.cfg();
            for (k, v) in &b.o.labels {
                c.entry("Labels").or_insert_with(|| json!({}))[k.as_str()] = json!(v);
            }
            for e in &b.o.env {
                let (k, v) = e.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))
                    .unwrap_or_else(|| (e.clone(), std::env::var(e).unwrap_or_default()));
                let env = c.entry("Env").or_insert_with(|| json!([]));
                if let Some(a) = env.as_array_mut() {
                    a.retain(|x| x.as_str().is_none_or(|s| s.split('=').next() != Some(k.as_str())));
                    a.push(json!(format!("{k}={v}")));
                }
            }
            cur.config["config"] = Value::Object(c);
            cur.key = bplan::cache_key(&cur.key, &extra.iter().map(String::as_str).collect::<Vec<_>>());
            cur.id = None;
        }
        if let Some(t) = b.o.timestamp {
            // --timestamp changes every layer's bytes (its files' times), and so the keys.
            cur.key = bplan::cache_key(&cur.key, &[&format!("timestamp {t}")]);
        }
        if !b.o.layers || b.o.no_cache {
            // A key of this build alone: no earlier build's step matches it.
            cur.key = bplan::cache_key(&cur.key, &[&crate::util::ids::random_id()]);
        }
        let mut scope = ArgScope::default();
        let mut cmd_set = false;
        // ONBUILD triggers of the base image run first, then are cleared.
        let mut instructions = Vec::new();
        if let Some(triggers) = cur.config["config"]["OnBuild"].as_array().cloned() {
            for t in triggers.iter().filter_map(|t| t.as_str()) {
                let parsed = crate::plan::containerfile::parse(&format!("FROM scratch\n{t}\n"))
                    .map_err(|e| exit_error(125, format!("ONBUILD trigger `{t}` of {base}: {e}")))?;
                instructions.extend(parsed.stages.into_iter().flat_map(|s| s.instructions));
            }
            if let Some(c) = cur.config["config"].as_object_mut() {
                c.remove("OnBuild");
            }
        }
        b.steps += instructions.len();
        instructions.extend(stage.instructions.iter().cloned());
        let n = instructions.len();
        if n == 0 {
            // `FROM image` alone: the image itself, unless --label/--env changed it.
            return if cur.id.is_some() { Ok(cur) } else { self.commit_step(b, cur, "", None, last) };
        }
        for (k, ins) in instructions.iter().enumerate() {
            b.step += 1;
            self.log(b, &format!("{}STEP {}/{}: {}", stage_prefix(&b.file, index), b.step, b.steps, ins.original));
            let is_last = last && k == n - 1;
            cur = self.step(b, index, cur, ins, &mut scope, cmd_set, is_last)?;
            cmd_set |= ins.keyword == "CMD";
        }
        Ok(cur)
    }

    /// One instruction: a cache hit, or its work and a new image.
    #[allow(clippy::too_many_arguments)]
    fn step(&self, b: &mut Build, stage: usize, cur: Current, ins: &Instruction, scope: &mut ArgScope, cmd_set: bool, last: bool) -> Result<Current> {
        let escape = b.file.escape;
        match ins.keyword.as_str() {
            "ARG" => {
                let mut parts = Vec::new();
                for (k, v) in arg_decl(ins, escape)? {
                    // A global arg named again takes the global value as its default.
                    let default = v.or_else(|| b.global.get(&k).cloned().flatten())
                        .or_else(|| b.platform_args().into_iter().find(|(n, _)| *n == k).map(|(_, v)| v));
                    scope.declare(&k, default, &b.o.build_args);
                    parts.push(format!("{k}={}", scope.get(&k).unwrap_or("")));
                }
                let key = bplan::cache_key(&cur.key, &[&ins.original, &parts.join(" ")]);
                let with_values = scope.run_env(&b.o.build_args);
                self.config_step_by(b, cur, ins, key, last, &with_values, |_| Ok(()))
            }
            "RUN" => self.run_instruction(b, stage, cur, ins, scope, last),
            "COPY" | "ADD" => self.copy_instruction(b, stage, cur, ins, scope, last),
            "FROM" => Err(step_error(ins, "FROM cannot be an ONBUILD trigger")),
            _ => {
                let cfg = cur.cfg();
                let vars = bplan::lookup(&cfg, scope);
                // The key holds the instruction as expanded (so a changed arg misses).
                let mut c = cfg.clone();
                let mut img = Map::new();
                bplan::apply(&mut c, &mut img, ins, &vars, escape, cmd_set).map_err(|e| step_error(ins, &e))?;
                let effect = serde_json::to_string(&c).unwrap_or_default();
                let key = bplan::cache_key(&cur.key, &[&ins.original, &effect]);
                self.config_step(b, cur, ins, key, last, move |config| {
                    config["config"] = Value::Object(c);
                    if let Some(a) = img.get("author") {
                        config["author"] = a.clone();
                    }
                    Ok(())
                })
            }
        }
    }

    /// A step that changes only the config.
    fn config_step(&self, b: &mut Build, cur: Current, ins: &Instruction, key: String, last: bool, edit: impl FnOnce(&mut Value) -> Result<()>) -> Result<Current> {
        self.config_step_by(b, cur, ins, key, last, &[], edit)
    }

    /// A config step whose history names `args` (ARG's: the build args with a value).
    #[allow(clippy::too_many_arguments)]
    fn config_step_by(&self, b: &mut Build, cur: Current, ins: &Instruction, key: String, last: bool, args: &[(String, String)], edit: impl FnOnce(&mut Value) -> Result<()>) -> Result<Current> {
        if let Some(hit) = self.cached(b, &key, cur.id.as_deref())? {
            return Ok(hit);
        }
        let mut next = cur;
        edit(&mut next.config)?;
        next.key = key;
        let by = bplan::created_by(ins, args);
        self.commit_step(b, next, &by, None, last)
    }
}

/// A new directory of this build under the store's tmp (swept once the build is gone),
/// with these subdirectories.
fn staging_dir(eng: &Engine, subdirs: &[&str]) -> Result<PathBuf> {
    eng.scratch_dir("build", subdirs)
}

/// `[2/3] ` before a multi-stage build's step lines, as Buildah prints them.
fn stage_prefix(file: &Containerfile, index: usize) -> String {
    if file.stages.len() > 1 { format!("[{}/{}] ", index + 1, file.stages.len()) } else { String::new() }
}

/// A stage named by `--from`/FROM: its name or index, if it comes before stage `before`.
fn stage_ref(file: &Containerfile, r: &str, before: usize) -> Option<usize> {
    let lower = r.to_ascii_lowercase();
    let by_name = file.stages.iter().position(|s| s.name.as_deref() == Some(lower.as_str()));
    let by_index = r.parse::<usize>().ok().filter(|i| *i < file.stages.len());
    by_name.or(by_index).filter(|i| *i < before)
}

/// The `NAME[=DEFAULT]` pairs of an ARG line.
fn arg_decl(ins: &Instruction, escape: char) -> Result<Vec<(String, Option<String>)>> {
    let raw = match &ins.args {
        Args::Shell(s) => s.clone(),
        Args::Exec(v) => v.join(" "),
    };
    let kv = crate::plan::containerfile::key_values_raw("ARG", &raw, escape).map_err(|e| step_error(ins, &e))?;
    let mut out = Vec::new();
    for (k, v) in kv {
        let v = match v {
            Some(v) => Some(crate::plan::containerfile_expand::expand_word(&v, &|_| None, escape).map_err(|e| step_error(ins, &e))?),
            None => None,
        };
        out.push((k, v));
    }
    Ok(out)
}

/// An error at a step: Podman's wording with the file and line, exit 125.
fn step_error(ins: &Instruction, msg: &str) -> anyhow::Error {
    exit_error(125, format!("{}: {msg}", at_step(ins)))
}

/// `building at STEP "INSTRUCTION" (FILE:LINE)` (an ONBUILD trigger has no file to name).
fn at_step(ins: &Instruction) -> String {
    if ins.file.is_empty() {
        format!("building at STEP \"{}\"", ins.original)
    } else {
        format!("building at STEP \"{}\" ({}:{})", ins.original, ins.file, ins.line)
    }
}

/// The name among an image's `names` that FROM's `base` stood for (a short name resolved, the
/// tag `latest` if it named none), for the first step's history comment, as Buildah writes it.
fn from_name(base: &str, names: &[String]) -> Option<String> {
    use crate::image::reference::Reference;
    let want = Reference::parse(base).ok()?;
    let tag = want.tag.clone().unwrap_or_else(|| "latest".into());
    names.iter().find(|n| {
        Reference::parse(n).is_ok_and(|r| {
            let path_ok = match &want.domain {
                Some(_) => r.repository() == want.repository(),
                None => r.path == want.path || r.path == format!("library/{}", want.path) || r.path.ends_with(&format!("/{}", want.path)),
            };
            path_ok && r.tag.as_deref() == Some(tag.as_str())
        })
    }).cloned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn from_names_as_buildah_writes_them() {
        let names = ["docker.io/library/alpine:3".to_string(), "docker.io/library/alpine:latest".to_string(), "localhost/demo:latest".to_string()];
        assert_eq!(super::from_name("alpine", &names).as_deref(), Some("docker.io/library/alpine:latest"));
        assert_eq!(super::from_name("alpine:3", &names).as_deref(), Some("docker.io/library/alpine:3"));
        assert_eq!(super::from_name("localhost/demo", &names).as_deref(), Some("localhost/demo:latest"));
        assert_eq!(super::from_name("demo", &names).as_deref(), Some("localhost/demo:latest"));
        assert_eq!(super::from_name("other", &names), None);
    }
}
