//! `hutch build` (also `image build`, `buildx build`): Podman's options, each one working or
//! refused with a reason, never ignored.

use crate::cli::registry::{PlatformFlags, RegistryFlags};
use crate::engine::build::{BuildOptions, RunSettings};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::{Context, Result};
use clap::Args;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Build an image using instructions from Containerfiles
#[derive(Args, Debug, Clone)]
#[command(override_usage = "hutch build [options] [CONTEXT]")]
pub struct BuildArgs {
    /// Add a custom host-to-IP mapping (host:ip) for RUN steps
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Build for every platform the base images are all available for
    #[arg(long = "all-platforms")]
    pub all_platforms: bool,
    /// Add an annotation (KEY=VALUE) to the image's manifest (OCI format only)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// ARG=VALUE: a value for a build argument
    #[arg(long = "build-arg", value_name = "ARG=VALUE")]
    pub build_arg: Vec<String>,
    /// A file of ARG=VALUE lines for build arguments
    #[arg(long = "build-arg-file", value_name = "FILE")]
    pub build_arg_file: Vec<PathBuf>,
    /// Additional build contexts for COPY --from=NAME: NAME=DIR or NAME=docker-image://IMAGE
    #[arg(long = "build-context", value_name = "NAME=VALUE")]
    pub build_context: Vec<String>,
    /// Repository to look for cached steps in (REPO:KEY) before running them (with --layers)
    #[arg(long = "cache-from", value_name = "REPO")]
    pub cache_from: Vec<String>,
    /// Repository to push the steps this build runs to, as a cache for other builds (with --layers)
    #[arg(long = "cache-to", value_name = "REPO")]
    pub cache_to: Vec<String>,
    /// Only use cached steps created less than this duration ago (0: no cache)
    #[arg(long = "cache-ttl", value_name = "DURATION")]
    pub cache_ttl: Option<String>,
    /// Add the specified capability for RUN steps
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop the specified capability for RUN steps
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Optional parent cgroup for RUN step containers
    #[arg(long = "cgroup-parent", value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Cgroup namespace for RUN steps: private (the default) or host
    #[arg(long, value_name = "HOW")]
    pub cgroupns: Option<String>,
    /// Does nothing, as in Podman (layers are stored uncompressed)
    #[arg(long)]
    pub compress: bool,
    /// Set additional flags to pass to the C preprocessor (cpp) a NAME.in Containerfile goes through
    #[arg(long = "cpp-flag", value_name = "FLAGS", allow_hyphen_values = true)]
    pub cpp_flag: Vec<String>,
    /// Limit the CPU CFS period of RUN steps
    #[arg(long = "cpu-period", value_name = "US")]
    pub cpu_period: Option<u64>,
    /// Limit the CPU CFS quota of RUN steps
    #[arg(long = "cpu-quota", value_name = "US")]
    pub cpu_quota: Option<i64>,
    /// CPU shares (relative weight) of RUN steps
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// CPUs in which RUN steps may run
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes in which RUN steps may run
    #[arg(long = "cpuset-mems", value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Key needed to decrypt the image (not supported)
    #[arg(long = "decryption-key", value_name = "KEY")]
    pub decryption_key: Vec<String>,
    /// Add a host device to RUN steps
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Do not compress layers (the default: hutch stores them uncompressed)
    #[arg(short = 'D', long = "disable-compression", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub disable_compression: Option<bool>,
    /// Does nothing, as in Podman
    #[arg(long = "disable-content-trust")]
    pub disable_content_trust: bool,
    /// Set custom DNS servers for RUN steps
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS options for RUN steps
    #[arg(long = "dns-option", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Set custom DNS search domains for RUN steps
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Set an environment variable in the built image (NAME[=VALUE])
    #[arg(long, value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,
    /// Name of the Containerfile (- for stdin); several are read in order
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Vec<PathBuf>,
    /// Always remove step containers, even after a failed build (the default)
    #[arg(long = "force-rm", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub force_rm: Option<bool>,
    /// Format of the built image's manifest and metadata: oci (the default) or docker
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Image to use in place of the first stage's FROM
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// Set the OCI hooks directory path (not supported)
    #[arg(long = "hooks-dir", value_name = "PATH")]
    pub hooks_dir: Vec<String>,
    /// Pass the proxy environment variables to RUN steps (default true)
    #[arg(long = "http-proxy", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub http_proxy: Option<bool>,
    /// Add Buildah's identity label (hutch adds none either way)
    #[arg(long = "identity-label", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub identity_label: Option<bool>,
    /// Path to an alternate .containerignore/.dockerignore file
    #[arg(long, value_name = "FILE")]
    pub ignorefile: Option<PathBuf>,
    /// Write the image ID to the file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<PathBuf>,
    /// IPC namespace for RUN steps: private (the default) or host
    #[arg(long, value_name = "HOW")]
    pub ipc: Option<String>,
    /// Process isolation of RUN steps: oci (the default) or rootless
    #[arg(long, value_name = "TYPE")]
    pub isolation: Option<String>,
    /// How many stages to build at once (hutch builds them one after the other)
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// Set metadata for the image (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Keep each step's image and use them as a cache (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub layers: Option<bool>,
    /// Log to the file instead of stdout and stderr
    #[arg(long, value_name = "FILE")]
    pub logfile: Option<PathBuf>,
    /// Docker buildx's --load: the image is in the local store (as it always is)
    #[arg(long, hide = true)]
    pub load: bool,
    /// Docker buildx's --progress: auto, plain and tty print plain lines; quiet is -q
    #[arg(long, hide = true, value_name = "MODE")]
    pub progress: Option<String>,
    /// Docker buildx's --push: push every tag once built
    #[arg(long, hide = true)]
    pub push: bool,
    /// Split the log file per platform: LOGFILE_OS_ARCH (needs --logfile)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub logsplit: Option<bool>,
    /// Add the image to the manifest list, creating it if it does not exist
    #[arg(long, value_name = "MANIFEST")]
    pub manifest: Option<String>,
    /// Memory limit of RUN steps
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory plus swap limit of RUN steps
    #[arg(long = "memory-swap", value_name = "SIZE")]
    pub memory_swap: Option<String>,
    /// Network for RUN steps: containers.conf's default, none, host, slirp4netns, pasta
    #[arg(long, visible_alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Do not use existing cached images
    #[arg(long = "no-cache")]
    pub no_cache: bool,
    /// Do not create /etc/hosts for RUN steps
    #[arg(long = "no-hosts")]
    pub no_hosts: bool,
    /// Do not write history into the image
    #[arg(long = "omit-history", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub omit_history: Option<bool>,
    /// Operating system of the image (linux)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// OS feature the image requires (FEATURE- removes one the base requires)
    #[arg(long = "os-feature", value_name = "FEATURE")]
    pub os_feature: Vec<String>,
    /// OS version the image requires
    #[arg(long = "os-version", value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Write the built image's files: a directory, type=local,dest=DIR, type=tar,dest=FILE, or - (a tarball on stdout)
    #[arg(short = 'o', long, value_name = "OPTS")]
    pub output: Option<String>,
    /// PID namespace for RUN steps: private (the only one hutch gives)
    #[arg(long, value_name = "HOW")]
    pub pid: Option<String>,
    #[command(flatten)]
    pub platform: PlatformFlags,
    /// Pull policy for base images: always (alone or true), missing (the default), never (false), newer
    #[arg(long, value_name = "POLICY", num_args = 0..=1, require_equals = true, default_missing_value = "always")]
    pub pull: Option<String>,
    /// Suppress the step lines
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Number of times to retry a pull
    #[arg(long, value_name = "N")]
    pub retry: Option<u32>,
    /// Delay between pull retries
    #[arg(long = "retry-delay", value_name = "DURATION")]
    pub retry_delay: Option<String>,
    /// Remove step containers after a successful build (the default)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub rm: Option<bool>,
    /// OCI runtime for RUN steps (not supported: hutch is its own runtime)
    #[arg(long, value_name = "PATH")]
    pub runtime: Option<String>,
    /// Flags for the OCI runtime (not supported)
    #[arg(long = "runtime-flag", value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
    /// Secret file for RUN --mount=type=secret (id=ID,src=PATH)
    #[arg(long, value_name = "id=ID,src=PATH")]
    pub secret: Vec<String>,
    /// Security options for RUN steps
    #[arg(long = "security-opt", value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Size of /dev/shm for RUN steps
    #[arg(long = "shm-size", value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Sign the image using a GPG key with the specified FINGERPRINT (kept with the image; push takes it along)
    #[arg(long = "sign-by", value_name = "FINGERPRINT")]
    pub sign_by: Option<String>,
    /// Build only the stages the target needs (default true)
    #[arg(long = "skip-unused-stages", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub skip_unused_stages: Option<bool>,
    /// Squash the layers the build adds into one
    #[arg(long)]
    pub squash: bool,
    /// Squash all of the image's layers into one
    #[arg(long = "squash-all")]
    pub squash_all: bool,
    /// SSH agent socket or private keys RUN steps may use: default ($SSH_AUTH_SOCK), ID=SOCKET or ID=KEY[,KEY]
    #[arg(long, value_name = "ID")]
    pub ssh: Vec<String>,
    /// Pass stdin to RUN steps
    #[arg(long)]
    pub stdin: bool,
    /// Name (and tag) of the built image
    #[arg(short = 't', long = "tag", value_name = "NAME")]
    pub tag: Vec<String>,
    /// The stage to build (the last by default)
    #[arg(long, value_name = "STAGE")]
    pub target: Option<String>,
    /// Set the image's created time (seconds since the epoch)
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<i64>,
    /// Ulimit options for RUN steps
    #[arg(long, value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Unset an environment variable in the built image
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// User namespace of RUN steps ('' or keep-id, as for run)
    #[arg(long, value_name = "HOW")]
    pub userns: Option<String>,
    /// Uid map for RUN steps (not supported yet)
    #[arg(long = "userns-uid-map", value_name = "MAP")]
    pub userns_uid_map: Vec<String>,
    /// Gid map for RUN steps (not supported yet)
    #[arg(long = "userns-gid-map", value_name = "MAP")]
    pub userns_gid_map: Vec<String>,
    /// User for the uid map (not supported yet)
    #[arg(long = "userns-uid-map-user", value_name = "USER")]
    pub userns_uid_map_user: Option<String>,
    /// Group for the gid map (not supported yet)
    #[arg(long = "userns-gid-map-group", value_name = "GROUP")]
    pub userns_gid_map_group: Option<String>,
    /// UTS namespace for RUN steps: private (the default) or host
    #[arg(long, value_name = "HOW")]
    pub uts: Option<String>,
    /// Bind mount a volume into RUN steps
    #[arg(short = 'v', long, value_name = "SRC:DST[:OPTS]")]
    pub volume: Vec<String>,
    /// Context: a directory, - for a tarball on stdin, or an http(s) URL of one
    #[arg(value_name = "CONTEXT")]
    pub context: Option<String>,
}

/// Refuses an option that is given but that hutch does not do.
fn refuse(given: bool, what: &str, why: &str) -> Result<()> {
    if given {
        return Err(exit_error(125, format!("{what} is not supported by hutch: {why}")));
    }
    Ok(())
}

fn bool_flag(v: Option<bool>, default: bool) -> bool {
    v.unwrap_or(default)
}

/// `--build-arg`s and `--build-arg-file`s: files first, then the flags (last wins); an arg
/// given without a value takes the caller's environment variable.
fn build_args(a: &BuildArgs) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut add = |s: &str| match s.split_once('=') {
        Some((k, v)) => {
            out.insert(k.to_string(), v.to_string());
        }
        None => {
            if let Ok(v) = std::env::var(s) {
                out.insert(s.to_string(), v);
            }
        }
    };
    for f in &a.build_arg_file {
        let text = std::fs::read_to_string(f).map_err(|e| exit_error(125, format!("--build-arg-file {}: {e}", f.display())))?;
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            add(l);
        }
    }
    for s in &a.build_arg {
        add(s);
    }
    Ok(out)
}

/// `--annotation KEY=VALUE` (a bare KEY has an empty value); Docker's format has no
/// manifest annotations, so there they are dropped with Podman's warning.
fn annotations(given: &[String], docker_format: bool) -> Result<Vec<(String, String)>> {
    if docker_format && !given.is_empty() {
        eprintln!("WARN[0000] annotations are not supported by the docker image format: ignoring --annotation");
        return Ok(Vec::new());
    }
    given
        .iter()
        .map(|a| match a.split_once('=') {
            Some(("", _)) => Err(exit_error(125, format!("--annotation {a}: the key is empty"))),
            Some((k, v)) => Ok((k.to_string(), v.to_string())),
            None => Ok((a.clone(), String::new())),
        })
        .collect()
}

/// `--cache-from/--cache-to` repositories: comma-separated or repeated, without a tag (the
/// cache keys are the tags).
fn cache_repos(given: &[String], flag: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for repo in given.iter().flat_map(|g| g.split(',')).map(str::trim).filter(|r| !r.is_empty()) {
        let r = crate::image::reference::Reference::parse(repo).map_err(|e| exit_error(125, format!("{flag} {repo}: {e}")))?;
        if r.tag.is_some() || r.digest.is_some() {
            return Err(exit_error(125, format!("{flag} {repo}: name a repository without a tag or digest (the steps' cache keys are the tags)")));
        }
        out.push(repo.to_string());
    }
    Ok(out)
}

fn check_unsupported(a: &BuildArgs) -> Result<()> {
    refuse(!a.decryption_key.is_empty(), "--decryption-key", "encrypted images are not supported")?;
    refuse(!a.hooks_dir.is_empty(), "--hooks-dir", "OCI hooks are not run")?;
    refuse(a.runtime.is_some() || !a.runtime_flag.is_empty(), "--runtime/--runtime-flag", "hutch runs RUN steps itself")?;
    refuse(!a.userns_uid_map.is_empty() || !a.userns_gid_map.is_empty() || a.userns_uid_map_user.is_some() || a.userns_gid_map_group.is_some(),
        "--userns-uid-map/--userns-gid-map", "RUN steps use the caller's subordinate ids")?;
    if let Some(os) = &a.os {
        refuse(os != "linux", &format!("--os {os}"), "only linux images are built")?;
    }
    if let Some(i) = &a.isolation {
        match i.as_str() {
            "oci" | "rootless" | "default" => {}
            "chroot" => refuse(true, "--isolation chroot", "RUN steps always run in namespaces (oci)")?,
            other => return Err(exit_error(125, format!("unrecognized isolation type {other:?}"))),
        }
    }
    for (flag, v) in [("--ipc", &a.ipc), ("--pid", &a.pid), ("--uts", &a.uts), ("--cgroupns", &a.cgroupns)] {
        if let Some(v) = v {
            step_namespace(flag, v)?;
        }
    }
    if a.logsplit == Some(true) && a.logfile.is_none() {
        return Err(exit_error(125, "cannot use --logsplit without --logfile"));
    }
    Ok(())
}

/// A RUN step's namespace as Buildah takes it (`container` or `private`: its own; `host`),
/// as `run` takes it (None: its own). A namespace's path, which Buildah also takes, is refused
/// as `run` refuses it.
fn step_namespace(flag: &str, v: &str) -> Result<Option<String>> {
    match v {
        "" | "private" | "container" => Ok(None),
        "host" if flag == "--pid" => Err(exit_error(125, "--pid host: not supported by hutch yet (a container always has its own PID namespace)")),
        "host" => Ok(Some("host".into())),
        p if p.starts_with('/') => Err(exit_error(125, format!("{flag} {p}: joining a namespace by its path is not supported by hutch yet (use private or host)"))),
        other => Err(exit_error(125, format!("{flag} {other:?}: use private (the default) or host"))),
    }
}

pub fn build(eng: &Engine, a: BuildArgs) -> Result<i32> {
    check_unsupported(&a)?;
    let mut build_contexts = Vec::new();
    for c in &a.build_context {
        let (name, value) = c.split_once('=').filter(|(n, v)| !n.is_empty() && !v.is_empty())
            .ok_or_else(|| exit_error(125, format!("--build-context {c}: use NAME=DIR or NAME=docker-image://IMAGE")))?;
        if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("container-image://") || value.starts_with("oci-layout://") {
            return Err(exit_error(125, format!("--build-context {c}: use a directory or docker-image://IMAGE (URLs and other kinds are not supported by hutch)")));
        }
        build_contexts.push((name.to_string(), value.to_string()));
    }
    let docker_format = match a.format.as_deref() {
        None | Some("oci") => false,
        Some("docker") => true,
        Some(f) => return Err(exit_error(125, format!("unrecognized image type {f:?}: use oci or docker"))),
    };
    let pull = match a.pull.as_deref() {
        None => "missing",
        Some("true") | Some("always") => "always",
        Some("false") | Some("never") => "never",
        Some("missing") => "missing",
        Some("newer") => "newer",
        Some(p) => return Err(exit_error(125, format!("invalid pull policy {p:?}: use always, missing, never or newer"))),
    };
    let mut secrets = Vec::new();
    let mut secret_values = Vec::new();
    for s in &a.secret {
        let mut id = None;
        let mut src = None;
        let mut env = None;
        for part in s.split(',') {
            match part.split_once('=') {
                Some(("id", v)) => id = Some(v.to_string()),
                Some(("src" | "source", v)) => src = Some(PathBuf::from(v)),
                Some(("type", "file")) => {}
                Some(("env", v)) => env = Some(v.to_string()),
                _ => return Err(exit_error(125, format!("--secret {s}: use id=ID,src=PATH"))),
            }
        }
        let id = id.ok_or_else(|| exit_error(125, format!("--secret {s}: id= is required")))?;
        if let Some(var) = env {
            let value = std::env::var(&var).map_err(|_| exit_error(125, format!("--secret {s}: the environment variable {var} is not set")))?;
            secret_values.push((id, value));
            continue;
        }
        let src = src.ok_or_else(|| exit_error(125, format!("--secret {s}: src= or env= is required")))?;
        let src = std::fs::canonicalize(&src).map_err(|e| exit_error(125, format!("--secret {s}: {}: {e}", src.display())))?;
        secrets.push((id, src));
    }
    let labels = a.label.iter().map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).unwrap_or((l.clone(), String::new()))).collect();
    let layers = a.layers.unwrap_or_else(|| std::env::var("BUILDAH_LAYERS").map(|v| v != "false" && v != "0").unwrap_or(true));
    let logfile = match &a.logfile {
        Some(p) => Some(std::fs::OpenOptions::new().create(true).append(true).open(p).with_context(|| format!("opening --logfile {}", p.display()))?),
        None => None,
    };
    let cache_ttl = match &a.cache_ttl {
        Some(d) => {
            let ns = crate::util::time::parse_go_duration(d).filter(|n| *n >= 0);
            Some((ns.ok_or_else(|| exit_error(125, format!("--cache-ttl {d}: not a duration (use e.g. 90m, 1h30m or 0)")))? / 1_000_000_000) as i64)
        }
        None => None,
    };
    let quiet = match a.progress.as_deref() {
        None | Some("auto" | "plain" | "tty") => a.quiet,
        Some("quiet") => true,
        Some(p) => return Err(exit_error(125, format!("--progress {p}: use auto, plain, tty or quiet (hutch prints plain lines)"))),
    };
    if a.push && a.tag.is_empty() {
        return Err(exit_error(125, "--push needs a name to push to: add -t REGISTRY/NAME[:TAG]"));
    }
    // Everything that would go to stdout and stderr, RUN steps' output included, goes there.
    if let Some(f) = &logfile {
        crate::runtime::io::stdio_to(f);
    }
    // A tarball on stdout (`-o -`) leaves stdout to it: the build's lines go to stderr.
    let tar_on_stdout = a.output.as_deref().is_some_and(|o| o == "-" || o.contains("dest=-"));
    let log: Box<dyn Fn(&str)> = Box::new(|l: &str| println!("{l}"));
    let mut opts = BuildOptions {
        context: a.context.clone().unwrap_or_else(|| ".".into()),
        containerfiles: a.file.clone(),
        ignorefile: a.ignorefile.clone(),
        tags: a.tag.clone(),
        build_args: build_args(&a)?,
        target: a.target.clone(),
        layers,
        no_cache: a.no_cache || cache_ttl == Some(0),
        cache_ttl,
        ssh: crate::engine::build::ssh::parse(&a.ssh, std::env::var("SSH_AUTH_SOCK").ok().as_deref()).map_err(|e| exit_error(125, e))?,
        cache_from: cache_repos(&a.cache_from, "--cache-from")?,
        cache_to: cache_repos(&a.cache_to, "--cache-to")?,
        pull: pull.to_string(),
        platform: None,
        pull_options: crate::engine::pull::PullOptions {
            reference: String::new(),
            registry: a.registry.options(),
            platform: None,
            quiet,
            progress: Some(std::sync::Arc::from(crate::cli::progress::sink(quiet))),
        },
        docker_format,
        labels,
        annotations: annotations(&a.annotation, docker_format)?,
        env: a.env.clone(),
        unsetenv: a.unsetenv.clone(),
        from: a.from.clone(),
        build_contexts,
        timestamp: a.timestamp,
        omit_history: bool_flag(a.omit_history, false),
        all_stages: !bool_flag(a.skip_unused_stages, true),
        stdin: a.stdin,
        run: RunSettings {
            network: a.network.clone(),
            volumes: a.volume.clone(),
            secrets,
            secret_values,
            security: crate::plan::security::SecurityOptions {
                cap_add: a.cap_add.clone(),
                cap_drop: a.cap_drop.clone(),
                security_opt: a.security_opt.clone(),
                ulimits: a.ulimit.clone(),
                ..Default::default()
            },
            devices: a.device.clone(),
            add_hosts: a.add_host.clone(),
            dns: a.dns.clone(),
            dns_search: a.dns_search.clone(),
            dns_option: a.dns_option.clone(),
            no_hosts: a.no_hosts,
            http_proxy: a.http_proxy,
            shm_size: a.shm_size.clone(),
            resources: crate::plan::resources::ResourceOptions {
                memory: a.memory.clone(),
                memory_swap: a.memory_swap.clone(),
                cpu_shares: a.cpu_shares,
                cpu_period: a.cpu_period,
                cpu_quota: a.cpu_quota,
                cpuset_cpus: a.cpuset_cpus.clone(),
                cpuset_mems: a.cpuset_mems.clone(),
                ..Default::default()
            },
            cgroup_parent: a.cgroup_parent.clone(),
            userns: a.userns.clone().filter(|u| !u.is_empty()),
            ipc: a.ipc.as_deref().map(|v| step_namespace("--ipc", v)).transpose()?.flatten(),
            pid: a.pid.as_deref().map(|v| step_namespace("--pid", v)).transpose()?.flatten(),
            uts: a.uts.as_deref().map(|v| step_namespace("--uts", v)).transpose()?.flatten(),
            cgroupns: a.cgroupns.as_deref().map(|v| step_namespace("--cgroupns", v)).transpose()?.flatten(),
        },
        squash: a.squash,
        squash_all: a.squash_all,
        keep_containers: !bool_flag(a.rm, true),
        keep_failed: !bool_flag(a.rm, true) || !bool_flag(a.force_rm, true),
        quiet,
        log: Some(log),
        sign_by: a.sign_by.clone(),
        cpp_flags: a.cpp_flag.clone(),
        os_features: a.os_feature.clone(),
        os_version: a.os_version.clone(),
    };
    let mut output = a.output.as_deref().map(crate::engine::build::output::parse_output).transpose().map_err(|e| exit_error(125, e))?;
    if let Some(crate::engine::build::output::BuildOutput::Tar(dest)) = output.as_mut().filter(|_| tar_on_stdout) {
        // The original stdout carries the tarball; everything else goes to stderr.
        let fd = crate::runtime::io::stdout_to_stderr().ok_or_else(|| exit_error(125, "-o -: cannot set standard output aside"))?;
        *dest = format!("/proc/self/fd/{fd}");
    }
    if let Some(list) = &a.manifest {
        eng.check_list_target(list)?;
    }
    let platforms: Vec<_> = if a.all_platforms { eng.base_platforms(&opts)?.into_iter().map(Some).collect() } else { a.platform.platforms()? };
    if platforms.len() > 1 {
        if let Some(f) = &a.iidfile {
            return Err(exit_error(125, format!("building multiple images, but iidfile {:?} can only be used to store one image ID", f.display().to_string())));
        }
        // Standard input is read once; each platform's build reads its inputs again.
        if opts.context == "-" || opts.containerfiles.iter().any(|f| f.as_os_str() == "-") {
            return Err(exit_error(125, "building for several platforms reads the context and Containerfile once per platform: give them as files, not on standard input"));
        }
    }
    if platforms.len() > 1 && a.manifest.is_none() && !opts.tags.is_empty() {
        eprintln!("WARN[0000] building for {} platforms without --manifest: {} names the last one built; use --manifest LIST to keep them all", platforms.len(), opts.tags.join(", "));
    }
    let mut last = None;
    for platform in platforms {
        // --logsplit: this platform's lines (and id) in a file of their own.
        if let (Some(true), Some(path), Some(p)) = (a.logsplit, &a.logfile, &platform) {
            let name = format!("{}_{}_{}", path.display(), p.os, p.architecture);
            let f = std::fs::OpenOptions::new().create(true).write(true).truncate(true).open(&name).with_context(|| format!("opening --logfile {name}"))?;
            crate::runtime::io::stdio_to(&f);
        }
        opts.platform = platform.clone();
        opts.pull_options.platform = platform;
        let report = eng.build(&opts)?;
        if let Some(list) = &a.manifest {
            eng.add_built_image(list, &report.id)?;
        }
        if let Some(o) = &output {
            eng.export_built(&report.id, o)?;
        }
        if a.push {
            for name in &report.names {
                let progress = std::sync::Arc::from(crate::cli::progress::sink(quiet));
                eng.push(&crate::engine::push::PushOptions {
                    image: name.clone(),
                    destination: None,
                    registry: a.registry.options(),
                    progress,
                    format: None,
                    require_gzip: false,
                    sign: Default::default(),
                    remove_signatures: false,
                })?;
            }
        }
        if a.iidfile.is_none() {
            println!("{}", report.id);
        }
        last = Some(report.id);
    }
    if let (Some(f), Some(id)) = (&a.iidfile, last) {
        std::fs::write(f, format!("sha256:{id}")).with_context(|| format!("writing --iidfile {}", f.display()))?;
    }
    Ok(0)
}
