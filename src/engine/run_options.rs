//! What `run` and `create` are asked for (`RunOptions`), and the checks that turn it into the
//! record's settings before anything is made.

use crate::error::exit_error;
use crate::state::containers::Settings;
use anyhow::{bail, Result};
use std::path::PathBuf;

/// A foreground `run`'s `--detach-keys` and `--sig-proxy`.
#[derive(Debug, Clone)]
pub struct ForegroundAttach {
    /// The detach keys (empty: it cannot detach). A `run -it` that can detach runs under a
    /// supervisor of its own, as `start -a` does; one that cannot, in this process.
    pub detach_keys: Vec<u8>,
    /// Signals to `hutch run` go to the container; false: they end `hutch run` alone, and
    /// the container runs on under its own supervisor.
    pub sig_proxy: bool,
}

impl Default for ForegroundAttach {
    /// What a caller that says nothing gets (`build`'s RUN steps): no detaching, signals proxied.
    fn default() -> Self {
        ForegroundAttach { detach_keys: Vec::new(), sig_proxy: true }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub image: Option<String>,
    pub rootfs: Option<PathBuf>,
    pub command: Vec<String>,
    pub name: Option<String>,
    pub hostname: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub entrypoint: Option<String>,
    pub init: bool,
    pub read_only: bool,
    /// `--network`, `-p`, `--dns` & co.
    pub network: crate::engine::network::NetworkOptions,
    pub rm: bool,
    /// `-d`: started by a supervisor of its own.
    pub detach: bool,
    /// A foreground run: how its terminal detaches and whether signals reach the container.
    pub foreground: ForegroundAttach,
    pub interactive: bool,
    pub tty: bool,
    /// -v/--volume, --mount and --tmpfs, as given.
    pub volumes: Vec<String>,
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    /// --pull: always, missing, never, newer; empty: containers.conf's pull_policy, else missing.
    pub pull: String,
    /// How to pull when the policy says so (the reference is filled in here).
    pub pull_options: crate::engine::pull::PullOptions,
    /// `--restart`: no, on-failure[:N], always, unless-stopped.
    pub restart: Option<String>,
    pub stop_signal: Option<i32>,
    pub stop_timeout: Option<u64>,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
    /// k8s-file (default), none, passthrough.
    pub log_driver: Option<String>,
    pub log_max_size: Option<u64>,
    /// `--log-opt path=` and `tag=`.
    pub log_path: Option<String>,
    pub log_tag: Option<String>,
    pub cidfile: Option<PathBuf>,
    pub pidfile: Option<String>,
    pub conmon_pidfile: Option<String>,
    /// `--replace`: a container with the same name is removed first.
    pub replace: bool,
    /// `--timeout`: seconds the command may run.
    pub timeout: Option<u64>,
    /// Check at once that the container can start (`create`; `run` starts it anyway).
    pub verify_spec: bool,
    /// --cap-add, --cap-drop, --privileged, --security-opt, --ulimit, --seccomp-policy.
    pub security: crate::plan::security::SecurityOptions,
    /// `--env-host`, `--unsetenv`, `--umask`, `--tz`, `--personality`, `--uts`, `--ipc`... as given.
    pub extras: ExtraOptions,
    /// `--image-volume`: bind (anonymous volumes, the default), tmpfs or ignore.
    pub image_volume: Option<String>,
    /// `--secret NAME[,type=,target=,uid=,gid=,mode=]`, as given.
    pub secrets: Vec<String>,
    /// `run --attach`: which of stdin, stdout and stderr a foreground run attaches; all when None.
    pub attach: Option<[bool; 3]>,
    /// `--passwd` (default true), `--passwd-entry`, `--hostuser`.
    pub passwd: Option<bool>,
    pub passwd_entry: Option<String>,
    pub hostuser: Vec<String>,
    /// `--volumes-from CONTAINER[:ro|rw]`.
    pub volumes_from: Vec<String>,
    /// `--rmi` (implies `--rm`).
    pub rmi: bool,
    /// `--requires`: names or ids, comma-separated or repeated.
    pub requires: Vec<String>,
    /// `--sdnotify`: conmon, container, ignore.
    pub sdnotify: Option<String>,
    /// `--health-*`, `--no-healthcheck`.
    pub health: crate::plan::health::HealthOptions,
    /// `--preserve-fds N` (socket activation adds its LISTEN_FDS).
    pub preserve_fds: u32,
    /// --memory, --cpus, --pids-limit & co.
    pub resources: crate::plan::resources::ResourceOptions,
    /// --userns, --uidmap, --gidmap.
    pub userns: Option<String>,
    pub uidmap: Vec<String>,
    pub gidmap: Vec<String>,
    /// --device, --device-cgroup-rule, --group-add.
    pub devices: Vec<String>,
    pub device_cgroup_rules: Vec<String>,
    pub group_add: Vec<String>,
    /// --sysctl, --shm-size, --oom-score-adj.
    pub sysctls: Vec<String>,
    pub shm_size: Option<String>,
    pub oom_score_adj: Option<i32>,
    /// --cgroups, --cgroupns, --cgroup-parent.
    pub cgroups: Option<String>,
    pub cgroupns: Option<String>,
    pub cgroup_parent: Option<String>,
}

/// Podman's rule for container names.
pub fn check_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-');
    if !ok {
        bail!("invalid container name `{name}`: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    Ok(())
}

/// The record's settings from the options, checked.
pub(crate) fn settings_of(o: &RunOptions) -> Result<Settings> {
    let (policy, max) = match o.restart.as_deref() {
        None | Some("") | Some("no") => (String::new(), 0),
        Some("always") => ("always".into(), 0),
        Some("unless-stopped") => ("unless-stopped".into(), 0),
        Some("on-failure") => ("on-failure".into(), 0),
        Some(r) => match r.strip_prefix("on-failure:") {
            Some(n) => match n.parse::<u32>() {
                Ok(n) => ("on-failure".into(), n),
                Err(_) => return Err(exit_error(125, format!("invalid restart policy `{r}`: the retry count must be a non-negative number"))),
            },
            None => {
                let base = r.split(':').next().unwrap_or(r);
                if matches!(base, "always" | "unless-stopped" | "no") {
                    return Err(exit_error(125, format!("invalid restart policy `{r}`: restart retries can only be used with on-failure")));
                }
                return Err(exit_error(125, format!("invalid restart policy `{r}`: use no, on-failure[:max_retries], always or unless-stopped")));
            }
        },
    };
    if o.rm && !matches!(policy.as_str(), "" | "on-failure") {
        return Err(exit_error(125, "the --rm option conflicts with --restart, when the restartPolicy is not \"\" and \"no\""));
    }
    let log_driver = match o.log_driver.as_deref() {
        None | Some("") | Some("k8s-file") => "k8s-file".to_string(),
        // Docker's default, which Podman takes and writes as k8s-file (and names as given).
        Some(d @ ("json-file" | "none" | "passthrough")) => d.to_string(),
        Some("journald") if crate::supervisor::journal::available() => "journald".to_string(),
        Some("journald") => return Err(exit_error(125, format!(
            "--log-driver journald: the journal does not take entries here ({} cannot be reached: is systemd-journald running?); use k8s-file (the default), none or passthrough",
            crate::supervisor::journal::SOCKET
        ))),
        Some(d) => return Err(exit_error(125, format!("invalid log driver `{d}`: use k8s-file, none or passthrough"))),
    };
    if log_driver == "passthrough" && o.detach {
        return Err(exit_error(125, "passthrough logging driver is not supported with --detach: the container's stdio would have nowhere to go"));
    }
    Ok(Settings {
        tty: o.tty,
        interactive: o.interactive,
        restart_policy: policy,
        restart_max: max,
        stop_signal: o.stop_signal.unwrap_or(0),
        stop_timeout: o.stop_timeout,
        labels: o.labels.iter().cloned().collect(),
        log_driver,
        log_max_size: o.log_max_size,
        log_path: o.log_path.clone(),
        log_tag: o.log_tag.clone().unwrap_or_default(),
        pidfile: o.pidfile.clone(),
        conmon_pidfile: o.conmon_pidfile.clone(),
        timeout: o.timeout,
        rmi: o.rmi.then(|| o.image.clone()).flatten(),
        sdnotify: match o.sdnotify.as_deref() {
            None | Some("conmon") => String::new(),
            Some(m @ ("container" | "ignore")) => m.to_string(),
            Some(m) => return Err(exit_error(125, format!("invalid --sdnotify {m:?}: use container, conmon or ignore"))),
        },
        preserve_fds: o.preserve_fds + crate::engine::run_options::listen_fds().map(|(n, _)| n).unwrap_or(0),
        ..Default::default()
    })
}

/// Socket activation: LISTEN_FDS and LISTEN_FDNAMES when systemd passed them to this very
/// process (LISTEN_PID is ours), as Podman checks.
pub fn listen_fds() -> Option<(u32, Option<String>)> {
    let pid: u32 = std::env::var("LISTEN_PID").ok()?.parse().ok()?;
    if pid != std::process::id() {
        return None;
    }
    let n: u32 = std::env::var("LISTEN_FDS").ok()?.parse().ok()?;
    (n > 0).then(|| (n, std::env::var("LISTEN_FDNAMES").ok()))
}

/// Smaller `run` options, as given (checked into plan::spec::Extras by `extras`).
#[derive(Debug, Clone, Default)]
pub struct ExtraOptions {
    pub env_host: bool,
    pub unsetenv: Vec<String>,
    pub unsetenv_all: bool,
    pub env_merge: Vec<String>,
    pub umask: Option<String>,
    pub tz: Option<String>,
    pub personality: Option<String>,
    pub read_only_tmpfs: Option<bool>,
    pub uts: Option<String>,
    pub ipc: Option<String>,
    pub pid: Option<String>,
    pub os: Option<String>,
    /// `--systemd`: true (the default), false, always.
    pub systemd: Option<String>,
    /// `--chrootdirs`, comma-separated lists.
    pub chrootdirs: Vec<String>,
    /// `--init-path` (else containers.conf's init_path).
    pub init_path: Option<PathBuf>,
}

/// Checks the smaller options as Podman does, and looks up `--tz`'s zone file.
pub fn extras(o: &ExtraOptions) -> Result<crate::plan::spec::Extras> {
    let host = |flag: &str, v: &Option<String>| -> Result<bool> {
        match v.as_deref() {
            None | Some("private") | Some("") => Ok(false),
            Some("host") => Ok(true),
            Some(other) => Err(exit_error(125, format!("{flag} {other}: not supported by hutch (use private or host)"))),
        }
    };
    if let Some(p) = o.pid.as_deref().filter(|p| *p != "private") {
        return Err(exit_error(125, format!("--pid {p}: not supported by hutch yet (a container always has its own PID namespace)")));
    }
    if let Some(os) = o.os.as_deref().filter(|os| *os != "linux") {
        return Err(exit_error(125, format!("--os {os}: this host runs linux images only")));
    }
    let umask = match o.umask.as_deref() {
        None => None,
        Some(m) => Some(u32::from_str_radix(m, 8).ok().filter(|v| *v <= 0o777).ok_or_else(|| exit_error(125, format!("invalid umask string {m}: use an octal value such as 0022")))?),
    };
    let linux32 = match o.personality.as_deref() {
        None => false,
        Some(p) if p.eq_ignore_ascii_case("LINUX") => false,
        Some(p) if p.eq_ignore_ascii_case("LINUX32") => true,
        Some(p) => return Err(exit_error(125, format!("invalid personality {p:?}: use LINUX or LINUX32"))),
    };
    let localtime = match o.tz.as_deref() {
        None => None,
        Some("local") => Some((PathBuf::from("/etc/localtime"), std::fs::read_link("/etc/localtime").ok().and_then(|l| {
            l.to_string_lossy().split("zoneinfo/").nth(1).map(String::from)
        }).unwrap_or_else(|| "localtime".into()))),
        Some(z) => {
            let path = PathBuf::from("/usr/share/zoneinfo").join(z);
            if z.contains("..") || z.starts_with('/') || !path.is_file() {
                return Err(exit_error(125, format!("finding timezone {z:?}: no such zone in /usr/share/zoneinfo (Debian's tzdata package)")));
            }
            Some((path, z.to_string()))
        }
    };
    let mut chrootdirs = Vec::new();
    for d in o.chrootdirs.iter().flat_map(|d| d.split(',')).filter(|d| !d.is_empty()) {
        if !d.starts_with('/') || d.split('/').any(|c| c == "..") {
            return Err(exit_error(125, format!("--chrootdirs {d}: use an absolute path inside the container")));
        }
        chrootdirs.push(d.to_string());
    }
    let init_path = match &o.init_path {
        Some(p) if !p.is_file() => return Err(exit_error(125, format!("--init-path {}: no such file: give the path of an init binary such as catatonit or tini", p.display()))),
        Some(p) => Some(std::path::absolute(p).unwrap_or_else(|_| p.clone())),
        None => None,
    };
    Ok(crate::plan::spec::Extras {
        env_host: o.env_host,
        host_environment: if o.env_host { std::env::vars().map(|(k, v)| format!("{k}={v}")).collect() } else { vec![] },
        unsetenv: o.unsetenv.clone(),
        unsetenv_all: o.unsetenv_all,
        env_merge: o.env_merge.clone(),
        umask,
        localtime,
        linux32,
        read_only_tmpfs: o.read_only_tmpfs.unwrap_or(true),
        uts_host: host("--uts", &o.uts)?,
        ipc_host: host("--ipc", &o.ipc)?,
        host_mqueue: std::path::Path::new("/dev/mqueue").is_dir(),
        systemd: crate::plan::systemd::parse(o.systemd.as_deref()).map_err(|e| exit_error(125, e))?,
        cgroup_v2: std::path::Path::new("/sys/fs/cgroup/cgroup.controllers").exists(),
        chrootdirs,
        init_path,
        default_env: vec![],
    })
}

/// The options with containers.conf's defaults filled in where the command line gave none:
/// `[containers]` env_host, tz, umask, init, init_path, log_driver, log_size_max, volumes,
/// devices, annotations; `[engine]` stop_timeout and pull_policy. (`env` goes under the image's
/// environment: see plan::spec::Extras::default_env.)
/// Also returns warnings for defaults hutch cannot follow.
pub fn with_conf_defaults(o: &RunOptions, conf: &crate::config::containers::ContainersConf) -> Result<(RunOptions, Vec<String>)> {
    let c = &conf.containers;
    let mut o = o.clone();
    let mut warnings = Vec::new();
    o.extras.env_host |= c.env_host.unwrap_or(false);
    if o.extras.tz.is_none() {
        o.extras.tz = c.tz.clone().filter(|t| !t.is_empty());
    }
    if o.extras.umask.is_none() {
        o.extras.umask = c.umask.clone();
    }
    o.init |= c.init.unwrap_or(false);
    if o.extras.init_path.is_none() {
        o.extras.init_path = c.init_path.as_ref().map(PathBuf::from);
    }
    if o.log_driver.is_none() {
        match c.log_driver.as_deref() {
            Some("journald") if !crate::supervisor::journal::available() => {
                warnings.push(format!("containers.conf sets log_driver = \"journald\", but the journal does not take entries here ({} cannot be reached): using k8s-file", crate::supervisor::journal::SOCKET))
            }
            other => o.log_driver = other.map(String::from),
        }
    }
    if o.log_max_size.is_none() {
        o.log_max_size = c.log_size_max.filter(|n| *n > 0).map(|n| n as u64);
    }
    // Defaults first: what the user gives on the same path wins over them.
    let user_dest = |spec: &String| spec.split(':').nth(1).map(String::from);
    let given: Vec<String> = o.volumes.iter().filter_map(user_dest).collect();
    let mut volumes: Vec<String> = c.volumes.iter().flatten().filter(|v| user_dest(v).is_none_or(|d| !given.contains(&d))).cloned().collect();
    volumes.append(&mut o.volumes);
    o.volumes = volumes;
    let mut devices: Vec<String> = c.devices.clone().unwrap_or_default();
    devices.append(&mut o.devices);
    o.devices = devices;
    let mut annotations: Vec<(String, String)> = c.annotations.iter().flatten().map(|a| match a.split_once('=') {
        Some((k, v)) => (k.to_string(), v.to_string()),
        None => (a.clone(), String::new()),
    }).filter(|(k, _)| !o.annotations.iter().any(|(u, _)| u == k)).collect();
    annotations.append(&mut o.annotations);
    o.annotations = annotations;
    if o.stop_timeout.is_none() {
        o.stop_timeout = conf.engine.stop_timeout;
    }
    if o.pull.is_empty() {
        o.pull = match conf.engine.pull_policy.as_deref() {
            None | Some("") => "missing".into(),
            Some(p @ ("always" | "missing" | "never" | "newer")) => p.into(),
            Some(p) => return Err(exit_error(125, format!("invalid pull_policy {p:?} in containers.conf: use always, missing, never or newer"))),
        };
    }
    Ok((o, warnings))
}
