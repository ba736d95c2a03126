//! `run` and `create`: the flags that describe a container, shared by both.

use crate::engine::create::RunOptions;
use crate::engine::run_options::ForegroundAttach;
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

/// The options of `create`, which `run` takes too.
#[derive(Args, Debug)]
pub struct CreateFlags {
    /// Print help (-h is --hostname, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Remove container (and pod if created) after exit
    #[arg(long)]
    pub rm: bool,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY for container
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Set container hostname
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Set environment variables in container
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long, value_name = "USER")]
    pub user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Path to the container-init binary (with --init; hutch's own init otherwise)
    #[arg(long = "init-path", value_name = "PATH")]
    pub init_path: Option<PathBuf>,
    /// Attach to STDIN, STDOUT or STDERR (run: the others are not attached)
    #[arg(short = 'a', long = "attach", value_name = "STREAM", value_delimiter = ',')]
    pub attach: Vec<String>,
    /// Run container in systemd mode: true (when the command is systemd or an init), false, always
    #[arg(long, value_name = "MODE", num_args = 0..=1, default_missing_value = "true")]
    pub systemd: Option<String>,
    /// Directories inside the container that get /etc/hosts, /etc/hostname and /etc/resolv.conf too
    #[arg(long = "chrootdirs", value_name = "PATH")]
    pub chrootdirs: Vec<String>,
    /// How the image's VOLUMEs are handled: bind (anonymous volumes), tmpfs or ignore
    #[arg(long = "image-volume", value_name = "MODE", value_parser = ["bind", "tmpfs", "ignore"])]
    pub image_volume: Option<String>,
    /// Add a secret to the container: NAME[,type=mount|env][,target=T][,uid=N][,gid=N][,mode=OCTAL]
    #[arg(long = "secret", value_name = "SECRET")]
    pub secret: Vec<String>,
    /// Run container in an existing pod (hutch has no pods: refused)
    #[arg(long, value_name = "NAME")]
    pub pod: Option<String>,
    /// Read the pod ID from the file (hutch has no pods: refused)
    #[arg(long = "pod-id-file", value_name = "FILE")]
    pub pod_id_file: Option<PathBuf>,
    /// Make containers root filesystem read-only
    #[arg(long = "read-only")]
    pub read_only: bool,
    /// Connect a container to a network: slirp4netns[:OPTIONS] (the default), pasta[:OPTIONS], container:NAME, ns:PATH, none or host
    #[arg(long = "network", visible_alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Add a custom host-to-IP mapping (host:ip)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Set custom DNS servers (none: no resolv.conf entries)
    #[arg(long = "dns", value_name = "IP")]
    pub dns: Vec<String>,
    /// Set custom DNS options
    #[arg(long = "dns-option", visible_alias = "dns-opt", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Set custom DNS search domains (. for none)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Do not create /etc/hosts within the container, instead use the version from the image
    #[arg(long = "no-hosts")]
    pub no_hosts: bool,
    /// Expose a port or a range of ports (used by --publish-all)
    #[arg(long = "expose", value_name = "PORT[/PROTO]")]
    pub expose: Vec<String>,
    /// Publish all exposed ports to random ports on the host interface
    #[arg(short = 'P', long = "publish-all")]
    pub publish_all: bool,
    /// Container MAC address (e.g. 92:d0:c6:0a:29:33)
    #[arg(long = "mac-address", value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Set proxy environment in container based on the host proxy vars (default true)
    #[arg(long = "http-proxy", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, value_parser = clap::value_parser!(bool))]
    pub http_proxy: Option<bool>,
    /// Specify a static IPv4 address for container (bridge networks only: refused)
    #[arg(long = "ip", value_name = "IP")]
    pub ip: Option<String>,
    /// Specify a static IPv6 address for container (bridge networks only: refused)
    #[arg(long = "ip6", value_name = "IP")]
    pub ip6: Option<String>,
    /// Add network-scoped alias for the container (bridge networks only: refused)
    #[arg(long = "network-alias", value_name = "ALIAS")]
    pub network_alias: Vec<String>,
    /// Container IPv4/IPv6 link-local addresses (not implemented, as in Podman)
    #[arg(long = "link-local-ip", value_name = "IP")]
    pub link_local_ip: Vec<String>,
    /// Add capabilities to the container (e.g. NET_ADMIN, CAP_SYS_TIME, all)
    #[arg(long = "cap-add", value_name = "CAPABILITY")]
    pub cap_add: Vec<String>,
    /// Drop capabilities from the container (e.g. CHOWN, all)
    #[arg(long = "cap-drop", value_name = "CAPABILITY")]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to the container: every capability of the user namespace, no seccomp filter, no masked paths
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges, mask=PATHS, unmask=ALL|PATHS, proc-opts=OPTS, label=..., apparmor=unconfined|PROFILE (a loaded profile)
    #[arg(long = "security-opt", value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Ulimit options: TYPE=SOFT[:HARD] (e.g. nofile=1024:2048; -1 for unlimited), or host
    #[arg(long = "ulimit", value_name = "TYPE=SOFT[:HARD]")]
    pub ulimit: Vec<String>,
    /// Policy for selecting a seccomp profile: default, or image (the image's io.containers.seccomp.profile label)
    #[arg(long = "seccomp-policy", value_name = "POLICY", default_value = "default")]
    pub seccomp_policy: String,
    #[command(flatten)]
    pub limits: crate::cli::resources::ResourceFlags,
    /// Control container cgroup configuration ("enabled"|"disabled"|"no-conmon"|"split")
    #[arg(long, value_name = "MODE", value_parser = ["enabled", "disabled", "no-conmon", "split"])]
    pub cgroups: Option<String>,
    /// cgroup namespace to use (host, private)
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// Optional parent cgroup for the container (relative to your delegated cgroup)
    #[arg(long = "cgroup-parent", value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// User namespace to use: host (the default), keep-id[:uid=N,gid=N], nomap, auto[:size=N]
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// UID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE; HOST_ID 0 is you, then your subordinate ids)
    #[arg(long, value_name = "MAP")]
    pub uidmap: Vec<String>,
    /// GID map for the user namespace (CONTAINER_ID:HOST_ID:SIZE)
    #[arg(long, value_name = "MAP")]
    pub gidmap: Vec<String>,
    /// Name of range listed in /etc/subuid for use in user namespace (needs root: refused)
    #[arg(long, value_name = "NAME")]
    pub subuidname: Option<String>,
    /// Name of range listed in /etc/subgid for use in user namespace (needs root: refused)
    #[arg(long, value_name = "NAME")]
    pub subgidname: Option<String>,
    /// How to use the NOTIFY_SOCKET of a systemd unit: conmon (the supervisor says READY, its own pid as MAINPID, as conmon; hutch's default), container (the container says READY itself), ignore
    #[arg(long, value_name = "MODE")]
    pub sdnotify: Option<String>,
    /// Set a healthcheck command for the container ('none' disables the existing healthcheck)
    #[arg(long = "health-cmd", value_name = "COMMAND")]
    pub health_cmd: Option<String>,
    /// Set an interval for the healthcheck (a value of disable results in no automatic timer setup)
    #[arg(long = "health-interval", value_name = "INTERVAL")]
    pub health_interval: Option<String>,
    /// The number of retries allowed before a healthcheck is considered to be unhealthy
    #[arg(long = "health-retries", value_name = "N")]
    pub health_retries: Option<u32>,
    /// The initialization time needed for a container to bootstrap
    #[arg(long = "health-start-period", value_name = "PERIOD")]
    pub health_start_period: Option<String>,
    /// The maximum time allowed to complete the healthcheck before an interval is considered failed
    #[arg(long = "health-timeout", value_name = "TIMEOUT")]
    pub health_timeout: Option<String>,
    /// Action to take once the container turns unhealthy (none, kill, restart, stop)
    #[arg(long = "health-on-failure", value_name = "ACTION")]
    pub health_on_failure: Option<String>,
    /// Disable healthchecks on container
    #[arg(long = "no-healthcheck")]
    pub no_healthcheck: bool,
    /// Use all current host environment variables in container
    #[arg(long = "env-host")]
    pub env_host: bool,
    /// Unset environment default variables in container
    #[arg(long, value_name = "NAME")]
    pub unsetenv: Vec<String>,
    /// Unset all default environment variables in container
    #[arg(long = "unsetenv-all")]
    pub unsetenv_all: bool,
    /// Preprocess default environment variables for the containers (NAME=VALUE, ${NAME} for its current value)
    #[arg(long = "env-merge", value_name = "ENV")]
    pub env_merge: Vec<String>,
    /// Set umask in container (octal, e.g. 0022)
    #[arg(long, value_name = "MASK")]
    pub umask: Option<String>,
    /// Set timezone in container (an area/city name from /usr/share/zoneinfo, or local)
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Configure execution domain using personality (LINUX, LINUX32)
    #[arg(long, value_name = "DOMAIN")]
    pub personality: Option<String>,
    /// When running containers in read-only mode mount a read-write tmpfs on /run, /tmp and /var/tmp (default true)
    #[arg(long = "read-only-tmpfs", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, value_parser = clap::value_parser!(bool))]
    pub read_only_tmpfs: Option<bool>,
    /// UTS namespace to use (private, host)
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// IPC namespace to use (private, host)
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace to use (private; host is not supported yet)
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// Use OS instead of the running OS for choosing images (linux only)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long = "disable-content-trust")]
    pub disable_content_trust: bool,
    /// Add entries to /etc/passwd and /etc/group for a --user the image does not know (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, value_parser = clap::value_parser!(bool))]
    pub passwd: Option<bool>,
    /// Entry to write to /etc/passwd ($USERNAME, $UID, $GID, $NAME, $HOME are filled in)
    #[arg(long = "passwd-entry", value_name = "ENTRY")]
    pub passwd_entry: Option<String>,
    /// Host user account to add to /etc/passwd within container
    #[arg(long, value_name = "NAME")]
    pub hostuser: Vec<String>,
    /// Mount volumes from the specified container(s) (CONTAINER[:ro|rw])
    #[arg(long = "volumes-from", value_name = "CONTAINER")]
    pub volumes_from: Vec<String>,
    /// Add one or more requirement containers that must be started before this container will start
    #[arg(long, value_name = "CONTAINER")]
    pub requires: Vec<String>,
    /// Add a host device to the container (HOST[:CONTAINER][:PERMISSIONS], bind mounted)
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Add a rule to the cgroup allowed devices list (not applied rootless: warned)
    #[arg(long = "device-cgroup-rule", value_name = "RULE")]
    pub device_cgroup_rule: Vec<String>,
    /// Add additional groups to the primary container process. 'keep-groups' allows container processes to use supplementary groups
    #[arg(long = "group-add", value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Sysctl options of the container's own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)
    #[arg(long, value_name = "KEY=VALUE")]
    pub sysctl: Vec<String>,
    /// Size of /dev/shm (format: <number>[<unit>], where unit = b, k, m or g)
    #[arg(long = "shm-size", value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Tune the host's OOM preferences (-1000 to 1000)
    #[arg(long = "oom-score-adj", value_name = "N", allow_hyphen_values = true)]
    pub oom_score_adj: Option<i32>,
    /// The first argument is not an image but the rootfs to the exploded container
    #[arg(long)]
    pub rootfs: bool,
    /// Publish a container's port, or a range of ports, to the host ([IP:][HOSTPORT:]PORT[/PROTO])
    #[arg(short = 'p', long = "publish", value_name = "PORT")]
    pub publish: Vec<String>,
    /// Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])
    #[arg(long = "tmpfs", value_name = "TMPFS")]
    pub tmpfs: Vec<String>,
    /// Pull image policy: always, missing (the default, or containers.conf's pull_policy), never, newer
    #[arg(long, value_name = "POLICY", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: Option<String>,
    #[command(flatten)]
    pub registry: crate::cli::registry::RegistryFlags,
    #[command(flatten)]
    pub platform: crate::cli::registry::PlatformFlags,
    /// Suppress output information when pulling images
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Restart policy to apply when a container exits (no, on-failure[:max_retries], always, unless-stopped)
    #[arg(long, value_name = "POLICY")]
    pub restart: Option<String>,
    /// Signal to stop a container. Default is SIGTERM
    #[arg(long = "stop-signal", value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Timeout (in seconds) that containers stopped by user command have to exit. If exceeded, the container will be forcibly stopped via SIGKILL
    #[arg(long = "stop-timeout", value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Set metadata on container
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Read in a line delimited file of labels
    #[arg(long = "label-file", value_name = "FILE")]
    pub label_file: Vec<PathBuf>,
    /// Add annotations to container (key=value)
    #[arg(long = "annotation", value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Write the container ID to the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// Write the container process ID to the file
    #[arg(long, value_name = "FILE")]
    pub pidfile: Option<PathBuf>,
    /// Write the supervisor's process ID to the file (Podman's conmon pid file)
    #[arg(long = "conmon-pidfile", value_name = "FILE")]
    pub conmon_pidfile: Option<PathBuf>,
    /// If a container with the same name exists, replace it
    #[arg(long)]
    pub replace: bool,
    /// Logging driver for the container (k8s-file, journald, none, passthrough; json-file is k8s-file)
    #[arg(long = "log-driver", value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// Logging driver options: max-size=SIZE, path=FILE (k8s-file), tag=TAG
    #[arg(long = "log-opt", value_name = "OPTION")]
    pub log_opt: Vec<String>,
    /// Maximum length of time a container is allowed to run. The container will be killed automatically after the time expires
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
    /// The image (or, with --rootfs, the directory) followed by the command and its arguments
    #[arg(value_name = "IMAGE", required = true, trailing_var_arg = true, num_args = 1..)]
    pub args: Vec<String>,
}

/// Run a command in a new container
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch run [options] IMAGE [COMMAND [ARG...]]\n       hutch run [options] --rootfs DIR [COMMAND [ARG...]]",
    after_help = "Examples:\n  hutch run --rm demo echo hello\n  hutch run -d --name web demo httpd -f\n  hutch run -it --name box demo sh\n  hutch run --rootfs /path/to/rootfs --rm sh -c 'id'",
    disable_help_flag = true
)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short = 'd', long)]
    pub detach: bool,
    /// Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Pass a number of additional file descriptors (3..3+N) into the container
    #[arg(long = "preserve-fds", value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Remove the image after the container exits, unless another container uses it (implies --rm)
    #[arg(long)]
    pub rmi: bool,
    /// Proxy received signals to the process (default true)
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub sig_proxy: Option<String>,
    #[command(flatten)]
    pub c: CreateFlags,
}

/// Create but do not start a container
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch create [options] IMAGE [COMMAND [ARG...]]",
    after_help = "Examples:\n  hutch create --name web demo httpd -f\n  hutch start web",
    disable_help_flag = true
)]
pub struct CreateArgs {
    /// Make this an init container of its pod: always or once (hutch has no pods: refused)
    #[arg(long = "init-ctr", value_name = "TYPE")]
    pub init_ctr: Option<String>,
    #[command(flatten)]
    pub c: CreateFlags,
}

/// KEY=VALUE pairs (a bare KEY has an empty value), as Podman reads labels.
pub(crate) fn pairs(items: &[String]) -> Vec<(String, String)> {
    items.iter().map(|l| match l.split_once('=') {
        Some((k, v)) => (k.to_string(), v.to_string()),
        None => (l.clone(), String::new()),
    }).collect()
}

fn options(c: CreateFlags, detach: bool) -> Result<RunOptions> {
    if let Some(p) = c.pod.as_deref().map(|p| format!("--pod {p}")).or(c.pod_id_file.as_ref().map(|f| format!("--pod-id-file {}", f.display()))) {
        return Err(exit_error(125, format!("{p}: hutch has no pods; run the containers on their own (`--network container:NAME` shares one's network)")));
    }
    for s in &c.attach {
        if !matches!(s.to_ascii_lowercase().as_str(), "stdin" | "stdout" | "stderr") {
            return Err(exit_error(125, format!("invalid stream {s:?} for --attach - must be one of stdin, stdout, or stderr: invalid argument")));
        }
    }
    if !c.attach.is_empty() && c.log_driver.as_deref() == Some("passthrough") {
        return Err(exit_error(125, "cannot specify --attach with --log-driver=passthrough: invalid argument"));
    }
    if let Some(n) = c.subuidname.as_deref().or(c.subgidname.as_deref()) {
        return Err(exit_error(125, format!("--subuidname/--subgidname {n}: using another user's subordinate ranges needs root; use --uidmap/--gidmap with your own")));
    }
    c.limits.check()?;
    let network = crate::engine::network::NetworkOptions {
        mode: c.network,
        publish: c.publish,
        publish_all: c.publish_all,
        expose: c.expose,
        dns: c.dns,
        dns_search: c.dns_search,
        dns_option: c.dns_option,
        add_hosts: c.add_host,
        no_hosts: c.no_hosts,
        mac_address: c.mac_address,
        http_proxy: c.http_proxy,
        ip: c.ip,
        ip6: c.ip6,
        network_alias: c.network_alias,
        link_local_ip: c.link_local_ip,
    };
    let stop_signal = c.stop_signal.as_deref().map(crate::util::signals::parse).transpose().map_err(|e| exit_error(125, e))?;
    let mut labels = Vec::new();
    for f in &c.label_file {
        let text = std::fs::read_to_string(f).with_context(|| format!("--label-file {}", f.display()))?;
        let lines: Vec<String> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect();
        labels.extend(pairs(&lines));
    }
    labels.extend(pairs(&c.label));
    // A unit generated by `generate systemd` or Quadlet names itself in the environment; the
    // label tells `auto-update` which unit to restart (as Podman records it, over --label).
    if let Some(unit) = std::env::var(crate::engine::autoupdate::UNIT_LABEL).ok().filter(|u| !u.is_empty()) {
        labels.push((crate::engine::autoupdate::UNIT_LABEL.to_string(), unit));
    }
    let (mut log_max_size, mut log_path, mut log_tag) = (None, None, None);
    for o in &c.log_opt {
        match o.split_once('=') {
            Some(("max-size", v)) => {
                log_max_size = Some(crate::util::units::parse_ram(v).ok_or_else(|| exit_error(125, format!("--log-opt max-size={v}: not a size (e.g. 10m)")))?);
            }
            Some(("path", v)) if !v.is_empty() => log_path = Some(absolute(std::path::Path::new(v))),
            Some(("tag", v)) => log_tag = Some(v.to_string()),
            _ => return Err(exit_error(125, format!("--log-opt {o}: not supported by hutch (use max-size=SIZE, path=FILE or tag=TAG)"))),
        }
    }
    let mut args = c.args.into_iter();
    let first = args.next().unwrap_or_default();
    let (image, rootfs) = if c.rootfs { (None, Some(PathBuf::from(&first))) } else { (Some(first), None) };
    Ok(RunOptions {
        image,
        rootfs,
        command: args.collect(),
        foreground: Default::default(),
        name: c.name,
        hostname: c.hostname,
        env: c.env,
        env_files: c.env_file,
        workdir: c.workdir,
        user: c.user,
        entrypoint: c.entrypoint,
        init: c.init,
        read_only: c.read_only,
        network,
        rm: c.rm,
        detach,
        interactive: c.interactive,
        tty: c.tty,
        volumes: c.volume,
        mounts: c.mount,
        tmpfs: c.tmpfs,
        pull: c.pull.unwrap_or_default(),
        pull_options: crate::engine::pull::PullOptions {
            reference: String::new(),
            registry: c.registry.options(),
            platform: c.platform.platform()?,
            quiet: c.quiet,
            progress: Some(std::sync::Arc::from(crate::cli::progress::sink(c.quiet))),
        },
        restart: c.restart,
        stop_signal,
        stop_timeout: c.stop_timeout,
        labels,
        annotations: pairs(&c.annotation),
        log_driver: c.log_driver,
        log_max_size,
        log_path,
        log_tag,
        cidfile: c.cidfile,
        pidfile: c.pidfile.map(|p| absolute(&p)),
        conmon_pidfile: c.conmon_pidfile.map(|p| absolute(&p)),
        replace: c.replace,
        timeout: c.timeout,
        verify_spec: false,
        security: crate::plan::security::SecurityOptions {
            cap_add: c.cap_add,
            cap_drop: c.cap_drop,
            privileged: c.privileged,
            security_opt: c.security_opt,
            ulimits: c.ulimit,
            seccomp_policy: Some(c.seccomp_policy),
        },
        resources: c.limits.options(),
        userns: c.userns,
        uidmap: c.uidmap,
        gidmap: c.gidmap,
        sdnotify: c.sdnotify,
        health: crate::plan::health::HealthOptions {
            cmd: c.health_cmd,
            interval: c.health_interval,
            retries: c.health_retries,
            start_period: c.health_start_period,
            timeout: c.health_timeout,
            on_failure: c.health_on_failure,
            no_healthcheck: c.no_healthcheck,
        },
        preserve_fds: 0,
        extras: crate::engine::run_options::ExtraOptions {
            env_host: c.env_host,
            unsetenv: c.unsetenv,
            unsetenv_all: c.unsetenv_all,
            env_merge: c.env_merge,
            umask: c.umask,
            tz: c.tz,
            personality: c.personality,
            read_only_tmpfs: c.read_only_tmpfs,
            uts: c.uts,
            ipc: c.ipc,
            pid: c.pid,
            os: c.os,
            systemd: c.systemd,
            chrootdirs: c.chrootdirs,
            init_path: c.init_path,
        },
        image_volume: c.image_volume,
        secrets: c.secret,
        attach: (!c.attach.is_empty()).then(|| {
            let has = |n: &str| c.attach.iter().any(|s| s.eq_ignore_ascii_case(n));
            [has("stdin"), has("stdout"), has("stderr")]
        }),
        requires: c.requires,
        volumes_from: c.volumes_from,
        passwd: c.passwd,
        passwd_entry: c.passwd_entry,
        hostuser: c.hostuser,
        rmi: false,
        devices: c.device,
        device_cgroup_rules: c.device_cgroup_rule,
        group_add: c.group_add,
        sysctls: c.sysctl,
        shm_size: c.shm_size,
        oom_score_adj: c.oom_score_adj,
        cgroups: c.cgroups,
        cgroupns: c.cgroupns,
        cgroup_parent: c.cgroup_parent,
    })
}

/// A path as given, made absolute (the supervisor runs elsewhere, and later).
fn absolute(p: &std::path::Path) -> String {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).to_string_lossy().into_owned()
}

pub fn run(eng: &Engine, a: RunArgs) -> Result<i32> {
    let sig_proxy = match a.sig_proxy.as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(v) => return Err(exit_error(125, format!("invalid argument \"{v}\" for \"--sig-proxy\" flag: use true or false"))),
    };
    if a.c.tty && a.c.interactive && !crate::runtime::io::isatty(0) {
        eng.warn("The input device is not a TTY. The --tty and --interactive flags might not work properly");
    }
    let detach = a.detach;
    let foreground = ForegroundAttach { detach_keys: crate::cli::lifecycle::detach_keys(a.detach_keys.as_deref())?, sig_proxy };
    let mut opts = options(a.c, detach)?;
    opts.foreground = foreground;
    opts.preserve_fds = a.preserve_fds;
    if a.rmi {
        opts.rmi = true;
        opts.rm = true;
    }
    let report = eng.run(opts)?;
    if detach {
        println!("{}", report.id);
        return Ok(0);
    }
    crate::cli::lifecycle::attached_exit(report.end)
}

pub fn create(eng: &Engine, a: CreateArgs) -> Result<i32> {
    if let Some(t) = a.init_ctr {
        return Err(exit_error(125, format!("--init-ctr {t}: init containers belong to a pod, and hutch has no pods")));
    }
    let opts = RunOptions { verify_spec: true, ..options(a.c, false)? };
    let id = eng.create(&opts)?;
    println!("{id}");
    Ok(0)
}
