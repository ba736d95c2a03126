//! `hutch build`'s options: Podman's, as clap reads them, and what turns them into values
//! (build args, annotations, cache repositories) or refuses them with a reason.

use crate::cli::registry::{PlatformFlags, RegistryFlags};
use crate::error::exit_error;
use anyhow::Result;
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
    /// Secret for RUN --mount=type=secret: from a file or an environment variable
    /// (id=ID,src=PATH; id=ID,env=VAR; id=ID,src=VAR,type=env)
    #[arg(long, value_name = "id=ID[,src=FILE_OR_VAR][,env=VAR][,type=file|env]")]
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
    /// Uid map for RUN steps (CONTAINER:HOST:SIZE, as run --uidmap; layers keep the container's owners)
    #[arg(long = "userns-uid-map", value_name = "MAP")]
    pub userns_uid_map: Vec<String>,
    /// Gid map for RUN steps (CONTAINER:HOST:SIZE, as run --gidmap)
    #[arg(long = "userns-gid-map", value_name = "MAP")]
    pub userns_gid_map: Vec<String>,
    /// Another user's subordinate uids for RUN steps (refused, as run --subuidname: it needs root)
    #[arg(long = "userns-uid-map-user", value_name = "USER")]
    pub userns_uid_map_user: Option<String>,
    /// Another group's subordinate gids for RUN steps (refused, as run --subgidname: it needs root)
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

pub(super) fn bool_flag(v: Option<bool>, default: bool) -> bool {
    v.unwrap_or(default)
}

/// `--build-arg`s and `--build-arg-file`s: files first, then the flags (last wins); an arg
/// given without a value takes the caller's environment variable.
pub(super) fn build_args(a: &BuildArgs) -> Result<BTreeMap<String, String>> {
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
pub(super) fn annotations(given: &[String], docker_format: bool) -> Result<Vec<(String, String)>> {
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
pub(super) fn cache_repos(given: &[String], flag: &str) -> Result<Vec<String>> {
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

pub(super) fn check_unsupported(a: &BuildArgs) -> Result<()> {
    refuse(!a.decryption_key.is_empty(), "--decryption-key", "encrypted images are not supported")?;
    refuse(!a.hooks_dir.is_empty(), "--hooks-dir", "OCI hooks are not run")?;
    refuse(a.runtime.is_some() || !a.runtime_flag.is_empty(), "--runtime/--runtime-flag", "hutch runs RUN steps itself")?;
    if let Some(n) = a.userns_uid_map_user.as_deref().or(a.userns_gid_map_group.as_deref()) {
        return Err(exit_error(125, format!("--userns-uid-map-user/--userns-gid-map-group {n}: using another user's subordinate ranges needs root; use --userns-uid-map/--userns-gid-map with your own")));
    }
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
pub(super) fn step_namespace(flag: &str, v: &str) -> Result<Option<String>> {
    match v {
        "" | "private" | "container" => Ok(None),
        "host" if flag == "--pid" => Err(exit_error(125, "--pid host: not supported by hutch yet (a container always has its own PID namespace)")),
        "host" => Ok(Some("host".into())),
        p if p.starts_with('/') => Err(exit_error(125, format!("{flag} {p}: joining a namespace by its path is not supported by hutch yet (use private or host)"))),
        other => Err(exit_error(125, format!("{flag} {other:?}: use private (the default) or host"))),
    }
}

