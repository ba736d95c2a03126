//! Builds the OCI runtime spec of a container from the run options and the image config,
//! with Podman's defaults: namespaces, mounts, masked and read-only paths, capabilities.

use crate::plan::security::cap_set;
pub use crate::plan::command::{command_line, split_command};
use crate::plan::{env, user};
pub use crate::plan::security::PODMAN_DEFAULT_CAPS;
use crate::plan::network::NetworkMode;
use oci_spec::runtime::{
    LinuxBuilder, LinuxIdMapping, LinuxIdMappingBuilder, LinuxNamespaceBuilder,
    LinuxNamespaceType, Mount, MountBuilder, ProcessBuilder, RootBuilder,
    Spec, SpecBuilder, UserBuilder,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The proxy variables `--http-proxy` passes in (containers/common's ProxyEnv).
pub const PROXY_ENV: &[&str] = &["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ftp_proxy", "FTP_PROXY", "no_proxy", "NO_PROXY"];

/// Annotation naming the overlay mount data for the root filesystem.
pub const ANN_ROOT_OVERLAY: &str = "io.hutch.rootfs.overlay";
/// Annotation naming the directory the overlay's relative lower paths start from.
pub const ANN_ROOT_OVERLAY_CWD: &str = "io.hutch.rootfs.overlay.cwd";
/// The kernel reads mount options from one page, NUL included.
pub const MOUNT_DATA_MAX: usize = 4096;
/// Annotation naming a directory bind-mounted as the root filesystem.
pub const ANN_ROOT_BIND: &str = "io.hutch.rootfs.bind";
/// Annotation naming a FUSE program (fuse-overlayfs) that mounts the root instead.
pub const ANN_ROOT_PROGRAM: &str = "io.hutch.rootfs.mount_program";
/// Annotation with fuse-overlayfs's `uidmapping=…,gidmapping=…` for a container with its own
/// id mapping (`--userns`, `--uidmap`); its spec's uid/gid mappings are then the ones written.
pub const ANN_USERNS_FUSE: &str = "io.hutch.userns.fuse";
/// Annotations with the uid and gid maps (kernel text, `CONTAINER INTERMEDIATE SIZE` lines)
/// of a user namespace nested in one with the default mapping, for a container whose
/// mapping leaves the caller out (`nomap`, `auto`, such a `--uidmap`).
pub const ANN_USERNS_NESTED_UIDS: &str = "io.hutch.userns.nested.uids";
pub const ANN_USERNS_NESTED_GIDS: &str = "io.hutch.userns.nested.gids";
/// Annotation with the number of file descriptors (3..3+N) passed to the container.
pub const ANN_PRESERVE_FDS: &str = "io.hutch.preserve-fds";
/// Annotation asking to keep the caller's supplementary groups (`--group-add keep-groups`).
pub const ANN_KEEP_GROUPS: &str = "io.hutch.keep-groups";
/// Annotation asking for the built-in init as PID 1.
pub const ANN_INIT: &str = "io.hutch.init";

#[derive(Debug, Clone)]
pub enum RootPlan {
    /// Image layers (top first) under a private writable layer; mounted by the kernel, or
    /// by `program` (fuse-overlayfs) when given.
    /// With `lower_base`, `lower` are short paths relative to it (links to the layers, so that
    /// many layers fit the kernel's one-page limit on mount options).
    Overlay { lower: Vec<PathBuf>, upper: PathBuf, work: PathBuf, program: Option<PathBuf>, lower_base: Option<PathBuf> },
    /// A directory used in place.
    Bind { dir: PathBuf },
}

pub struct PlanInput<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub image_config: Option<&'a oci_spec::image::Config>,
    /// CMD... given after the image.
    pub command: &'a [String],
    pub entrypoint: Option<&'a str>,
    /// `-e`/`--env-file` entries in order, each with where it came from.
    pub env_entries: &'a [(String, String)],
    pub host_env: &'a dyn Fn(&str) -> Option<String>,
    /// Pass the caller's proxy variables in (`--http-proxy`, true by default).
    pub http_proxy: bool,
    pub workdir: Option<&'a str>,
    pub user: Option<&'a str>,
    /// The container's /etc/passwd and /etc/group (empty when it has none).
    pub passwd: &'a str,
    pub group: &'a str,
    pub hostname: Option<&'a str>,
    pub host_hostname: &'a str,
    pub tty: bool,
    pub init: bool,
    pub read_only: bool,
    pub network: &'a NetworkMode,
    /// `--no-hosts`: the image's own /etc/hosts stays.
    pub no_hosts: bool,
    pub root: RootPlan,
    /// Where the root filesystem is mounted (inside the container's mount namespace).
    pub rootfs_mountpoint: PathBuf,
    /// Holds hosts, hostname, resolv.conf and .containerenv for bind mounting.
    pub run_dir: &'a Path,
    /// (container id, host id, size)
    pub uid_map: &'a [(u32, u32, u32)],
    pub gid_map: &'a [(u32, u32, u32)],
    /// Only one id is mapped: devpts cannot use gid 5 and setgroups is denied.
    pub single_mapping: bool,
    /// The user's mounts, sources resolved to host paths (volumes to their data directory).
    pub user_mounts: &'a [UserMount],
    /// Capabilities, no_new_privs, masked paths, rlimits (plan::security).
    pub confinement: &'a crate::plan::security::Confinement,
    /// Where the container's compiled seccomp program is cached (`PREFIX.bpf`, with the
    /// resolved profile in `PREFIX.json`); None: unconfined.
    pub seccomp: Option<PathBuf>,
    /// Resource limits, and the container's cgroup under the delegated subtree.
    pub resources: Option<oci_spec::runtime::LinuxResources>,
    pub cgroups_path: Option<String>,
    /// `--cgroupns host`: no cgroup namespace of its own.
    pub cgroupns_host: bool,
    /// `--sysctl` and containers.conf `default_sysctls` (validated by plan::sysctl).
    pub sysctls: std::collections::BTreeMap<String, String>,
    /// `--shm-size` in bytes (64 MiB by default).
    pub shm_size: Option<u64>,
    /// `--oom-score-adj`.
    pub oom_score_adj: Option<i32>,
    /// `--group-add`: gids or group names (`keep-groups`: the caller's own groups stay).
    pub group_add: &'a [String],
    /// `--device`s: (host path, container path, writable).
    pub devices: &'a [(String, String, bool)],
    /// fuse-overlayfs's id mapping options for a container with its own mapping.
    pub fuse_idmap: Option<String>,
    /// The nested user namespace's uid and gid maps, in kernel text.
    pub nested_maps: Option<(String, String)>,
    /// `--sdnotify=container` under a service manager: the container's own notify socket.
    pub notify_socket: bool,
    /// File descriptors 3..3+N passed in, and socket activation's LISTEN_FDNAMES.
    pub preserve_fds: u32,
    pub listen_fds: Option<(u32, Option<String>)>,
    pub extras: &'a Extras,
}

/// Smaller process and namespace options (`--env-host`, `--unsetenv`, `--umask`, `--tz`,
/// `--personality`, `--read-only-tmpfs`, `--uts`, `--ipc`).
#[derive(Debug, Clone)]
pub struct Extras {
    pub env_host: bool,
    /// The caller's whole environment, for `--env-host`.
    pub host_environment: Vec<String>,
    pub unsetenv: Vec<String>,
    pub unsetenv_all: bool,
    /// `--env-merge K=V`: V with `${NAME}` replaced by the default and image value of NAME.
    pub env_merge: Vec<String>,
    pub umask: Option<u32>,
    /// The zone file bound on /etc/localtime, and its name (`--tz`).
    pub localtime: Option<(PathBuf, String)>,
    /// `LINUX32`: the 32-bit personality.
    pub linux32: bool,
    /// With --read-only: tmpfs on /run, /tmp, /var/tmp (Podman's default, true).
    pub read_only_tmpfs: bool,
    pub uts_host: bool,
    pub ipc_host: bool,
    /// The host has /dev/mqueue to bind in with `--ipc host`.
    pub host_mqueue: bool,
    /// `--systemd`, and whether the host's cgroups are unified (v2) for its cgroup mount.
    pub systemd: crate::plan::systemd::SystemdMode,
    pub cgroup_v2: bool,
    /// `--chrootdirs`: directories that get /etc/hosts, /etc/hostname, /etc/resolv.conf and
    /// /run/.containerenv too.
    pub chrootdirs: Vec<String>,
    /// `--init-path` (with --init): this init binary, bound in at /run/podman-init, runs the
    /// command instead of hutch's own init.
    pub init_path: Option<PathBuf>,
    /// containers.conf's `env`: under the image's environment and the user's.
    pub default_env: Vec<String>,
}

/// Where `--init-path`'s binary is bound in, as in Podman.
pub const INIT_PATH_DEST: &str = "/run/podman-init";

impl Default for Extras {
    fn default() -> Extras {
        Extras { env_host: false, host_environment: vec![], unsetenv: vec![], unsetenv_all: false, env_merge: vec![], umask: None, localtime: None, linux32: false, read_only_tmpfs: true, uts_host: false, ipc_host: false, host_mqueue: false,
            systemd: Default::default(), cgroup_v2: false, chrootdirs: vec![], init_path: None, default_env: vec![] }
    }
}

/// Annotation naming the container's cached seccomp program (`PREFIX.bpf`, `PREFIX.json`).
pub const ANN_SECCOMP: &str = "io.hutch.seccomp";
/// Annotation asking for the 32-bit personality (`--personality LINUX32`).
pub const ANN_LINUX32: &str = "io.hutch.personality.linux32";

/// A mount from -v/--mount/--tmpfs, ready for the spec.
#[derive(Debug, Clone)]
pub struct UserMount {
    /// `bind`, `tmpfs`, or `overlay` (`:O`; its lowerdir/upperdir/workdir in `options`).
    pub kind: &'static str,
    pub source: PathBuf,
    pub dest: String,
    pub read_only: bool,
    pub options: Vec<String>,
}

pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
    "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/fs/selinux",
    "/sys/dev/block",
];
pub const READONLY_PATHS: &[&str] = &[
    "/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
];
const DEVICES: &[&str] = &["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"];

fn mount(dst: &str, typ: &str, src: &str, opts: &[&str]) -> Mount {
    MountBuilder::default()
        .destination(dst)
        .typ(typ)
        .source(src)
        .options(opts.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .build()
        .expect("mount fields are all set")
}

fn id_maps(m: &[(u32, u32, u32)]) -> Vec<LinuxIdMapping> {
    m.iter()
        .map(|&(c, h, s)| {
            LinuxIdMappingBuilder::default().container_id(c).host_id(h).size(s).build().expect("id map fields set")
        })
        .collect()
}

pub fn build_spec(p: &PlanInput) -> Result<Spec, String> {
    let cfg = p.image_config;
    let mut args = command_line(cfg, p.entrypoint, p.command)?;
    let systemd = crate::plan::systemd::active(p.extras.systemd, &args);
    let init_path = p.extras.init_path.as_ref().filter(|_| p.init);
    if init_path.is_some() {
        args.splice(0..0, [INIT_PATH_DEST.to_string(), "--".to_string()]);
    }

    let user_spec = p.user.map(str::to_string).or_else(|| cfg.and_then(|c| c.user().clone())).unwrap_or_default();
    let who = user::resolve(&user_spec, p.passwd, p.group)?;

    let cwd = match p.workdir {
        Some(w) if !w.starts_with('/') => return Err(format!("invalid workdir `{w}`: it must be an absolute path")),
        Some(w) => w.to_string(),
        None => cfg.and_then(|c| c.working_dir().clone()).filter(|w| !w.is_empty()).unwrap_or_else(|| "/".into()),
    };

    let hostname = match (p.hostname, p.network) {
        (Some(h), _) => {
            if h.is_empty() || h.len() > 64 || !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
                return Err(format!("invalid hostname `{h}`: use letters, digits, `-` and `.`, at most 64"));
            }
            h.to_string()
        }
        (None, NetworkMode::Host) => p.host_hostname.to_string(),
        (None, _) if p.extras.uts_host => p.host_hostname.to_string(),
        (None, _) => p.id[..12].to_string(),
    };

    // Environment: defaults (Podman's, TERM=xterm with or without a terminal), the image's,
    // then the user's.
    let mut envs: Vec<String> = vec![format!("PATH={}", env::DEFAULT_PATH), "TERM=xterm".into()];
    envs.push("container=podman".into());
    let ex = p.extras;
    for e in &ex.default_env {
        if let Some((k, v)) = e.split_once('=') {
            env::set(&mut envs, k, v);
        }
    }
    // --env-host: the caller's environment over the defaults, under the image's.
    if ex.env_host {
        for e in &ex.host_environment {
            if let Some((k, v)) = e.split_once('=') {
                env::set(&mut envs, k, v);
            }
        }
    }
    for e in cfg.and_then(|c| c.env().clone()).unwrap_or_default() {
        if let Some((k, v)) = e.split_once('=') {
            env::set(&mut envs, k, v);
        }
    }
    // --unsetenv / --unsetenv-all: defaults and the image's, not what -e gives below.
    if ex.unsetenv_all {
        envs.clear();
    }
    envs.retain(|e| !ex.unsetenv.iter().any(|u| e.split('=').next() == Some(u.as_str())));
    for m in &ex.env_merge {
        let (k, v) = m.split_once('=').ok_or_else(|| format!("invalid --env-merge {m:?}: use NAME=VALUE (with ${{NAME}} for the current value)"))?;
        let expanded = env::expand(v, &envs);
        env::set(&mut envs, k, &expanded);
    }

    // --http-proxy (the default): the caller's proxy settings, over the image's, under -e.
    if p.http_proxy {
        for name in PROXY_ENV {
            if let Some(v) = (p.host_env)(name) {
                env::set(&mut envs, name, &v);
            }
        }
    }
    for (entry, origin) in p.env_entries {
        env::apply_entry(&mut envs, entry, origin, p.host_env)?;
    }
    env::set(&mut envs, "HOSTNAME", &hostname);
    // Socket activation: the fds are the container's, and so is being PID 1.
    if let Some((n, names)) = &p.listen_fds {
        env::set(&mut envs, "LISTEN_FDS", &n.to_string());
        env::set(&mut envs, "LISTEN_PID", "1");
        if let Some(names) = names {
            env::set(&mut envs, "LISTEN_FDNAMES", names);
        }
    }
    if p.notify_socket {
        env::set(&mut envs, "NOTIFY_SOCKET", "/run/notify/notify.sock");
    }
    if systemd {
        env::set(&mut envs, "container_uuid", &p.id[..32.min(p.id.len())]);
    }
    if env::get(&envs, "HOME").is_none() && !ex.unsetenv.iter().any(|u| u == "HOME") && !ex.unsetenv_all {
        envs.push(format!("HOME={}", who.home));
    }

    let sec = p.confinement;
    let capabilities = crate::plan::security::capabilities_for(cap_set(&sec.bounding), cap_set(&sec.user_caps), who.uid)?;
    let rlimits = sec
        .rlimits
        .iter()
        .map(|r| {
            let typ = <oci_spec::runtime::PosixRlimitType as std::str::FromStr>::from_str(&r.kind).map_err(|_| format!("unknown resource {}", r.kind))?;
            oci_spec::runtime::PosixRlimitBuilder::default().typ(typ).soft(r.soft).hard(r.hard).build().map_err(|e| e.to_string())
        })
        .collect::<Result<Vec<_>, String>>()?;

    let mut groups = who.additional_gids.clone();
    let keep_groups = p.group_add.iter().any(|g| g == "keep-groups");
    if keep_groups && p.group_add.len() > 1 {
        return Err("the '--group-add keep-groups' option is not allowed with any other --group-add option".into());
    }
    if !keep_groups {
        for g in p.group_add {
            let id = user::group_id(g, p.group)?;
            if id != who.gid && !groups.contains(&id) {
                groups.push(id);
            }
        }
    }
    if p.single_mapping || keep_groups {
        groups.clear();
    }
    let mut process = ProcessBuilder::default()
        .terminal(p.tty)
        .args(args)
        .env(envs)
        .cwd(cwd)
        .user(UserBuilder::default().uid(who.uid).gid(who.gid).additional_gids(groups).build().map_err(|e| e.to_string())?)
        .capabilities(capabilities)
        .no_new_privileges(sec.no_new_privileges)
        .rlimits(rlimits)
        .build()
        .map_err(|e| e.to_string())?;

    process.set_oom_score_adj(p.oom_score_adj);
    process.set_apparmor_profile(sec.apparmor_profile.clone());
    if let Some(m) = ex.umask {
        let mut u = process.user().clone();
        u.set_umask(Some(m));
        process.set_user(u);
    }

    // Mounts, in order.
    let devpts_opts: &[&str] = if p.single_mapping {
        &["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]
    } else {
        &["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]
    };
    let shm_size = match p.shm_size {
        Some(b) => format!("size={}k", b.div_ceil(1024)),
        None => "size=65536k".to_string(),
    };
    let mut proc_opts = vec!["nosuid", "noexec", "nodev"];
    proc_opts.extend(sec.proc_opts.iter().map(String::as_str));
    let mut mounts = vec![
        mount("/proc", "proc", "proc", &proc_opts),
        mount("/dev", "tmpfs", "tmpfs", &["nosuid", "strictatime", "mode=755", "size=65536k"]),
        mount("/dev/pts", "devpts", "devpts", devpts_opts),
        mount("/dev/mqueue", "mqueue", "mqueue", &["nosuid", "noexec", "nodev"]),
        mount("/dev/shm", "tmpfs", "shm", &["nosuid", "noexec", "nodev", "mode=1777", &shm_size]),
        if p.network.own_namespace() {
            mount("/sys", "sysfs", "sysfs", &["nosuid", "noexec", "nodev", "ro"])
        } else {
            mount("/sys", "bind", "/sys", &["rbind", "nosuid", "noexec", "nodev", "ro"])
        },
    ];
    for d in DEVICES {
        mounts.push(mount(d, "bind", d, &["bind", "nosuid", "noexec"]));
    }
    // `--device` (and, with --privileged, the host's devices the user can open): bind mounts,
    // as a rootless container cannot mknod.
    for (host, ctr, writable) in p.devices {
        mounts.retain(|m| m.destination() != Path::new(ctr));
        let mut o = vec!["rbind", "nosuid", "noexec"];
        if !writable {
            o.push("ro");
        }
        mounts.push(mount(ctr, "bind", host, &o));
    }
    if ex.ipc_host {
        // The host's IPC namespace is not ours to mount an mqueue for: its own, bound in.
        mounts.retain(|m| m.destination() != Path::new("/dev/mqueue"));
        if ex.host_mqueue {
            mounts.push(mount("/dev/mqueue", "bind", "/dev/mqueue", &["rbind", "nosuid", "noexec", "nodev"]));
        }
    }
    if let Some((zone, _)) = &ex.localtime {
        mounts.push(mount("/etc/localtime", "bind", &zone.to_string_lossy(), &["bind", "ro"]));
    }
    if p.read_only && ex.read_only_tmpfs {
        for d in ["/run", "/tmp", "/var/tmp"] {
            mounts.push(mount(d, "tmpfs", "tmpfs", &["rw", "nosuid", "nodev", "mode=1777"]));
        }
    }
    if systemd {
        // Under the user's own mounts: one of theirs on the same place wins.
        for (dest, typ, src, opts) in crate::plan::systemd::mounts(ex.cgroup_v2) {
            if !p.user_mounts.iter().any(|u| Path::new(&u.dest) == Path::new(dest)) {
                mounts.retain(|m| m.destination() != Path::new(dest));
                mounts.push(mount(dest, typ, src, &opts));
            }
        }
    }
    if let Some(init) = init_path {
        mounts.push(mount(INIT_PATH_DEST, "bind", &init.to_string_lossy(), &["bind", "ro"]));
    }
    // The user's mounts, then /etc/hosts & co. on top (so a volume on /etc keeps them).
    for um in p.user_mounts {
        // A user mount replaces a default one at the same place (e.g. /dev/shm, /tmp).
        mounts.retain(|m| m.destination() != Path::new(&um.dest));
        let mut opts: Vec<String> = match um.kind {
            "bind" => vec!["rbind".into()],
            _ => vec![],
        };
        // (an `overlay` user mount carries its lowerdir/upperdir/workdir in `options`)
        opts.extend(um.options.iter().cloned());
        if um.read_only {
            opts.push("ro".into());
        }
        let o: Vec<&str> = opts.iter().map(String::as_str).collect();
        let src = match um.kind {
            "tmpfs" => "tmpfs".to_string(),
            "overlay" => "overlay".to_string(),
            _ => um.source.to_string_lossy().into_owned(),
        };
        mounts.push(mount(&um.dest, um.kind, &src, &o));
    }

    let run = |f: &str| p.run_dir.join(f).to_string_lossy().into_owned();
    if !p.no_hosts {
        mounts.push(mount("/etc/hosts", "bind", &run("hosts"), &["bind", "rprivate"]));
    }
    mounts.push(mount("/etc/hostname", "bind", &run("hostname"), &["bind", "rprivate"]));
    mounts.push(mount("/etc/resolv.conf", "bind", &run("resolv.conf"), &["bind", "rprivate"]));
    mounts.push(mount("/run/.containerenv", "bind", &run(".containerenv"), &["bind", "rprivate"]));
    for dir in &ex.chrootdirs {
        let root = dir.trim_end_matches('/');
        let files = [("/etc/hosts", "hosts"), ("/etc/hostname", "hostname"), ("/etc/resolv.conf", "resolv.conf"), ("/run/.containerenv", ".containerenv")];
        for (dest, file) in files.into_iter().filter(|(d, _)| !(p.no_hosts && *d == "/etc/hosts")) {
            mounts.push(mount(&format!("{root}{dest}"), "bind", &run(file), &["bind", "rprivate"]));
        }
    }
    if p.notify_socket {
        mounts.push(mount("/run/notify", "bind", &run("notify"), &["bind", "rprivate"]));
    }
    let mut namespaces = vec![LinuxNamespaceType::User, LinuxNamespaceType::Mount, LinuxNamespaceType::Pid];
    if !ex.uts_host {
        namespaces.push(LinuxNamespaceType::Uts);
    }
    if !ex.ipc_host {
        namespaces.push(LinuxNamespaceType::Ipc);
    }
    if !p.cgroupns_host {
        namespaces.push(LinuxNamespaceType::Cgroup);
    }
    if p.network.own_namespace() {
        namespaces.push(LinuxNamespaceType::Network);
    }
    let (masked, readonly) = crate::plan::security::paths(sec, MASKED_PATHS, READONLY_PATHS);
    let mut linux = LinuxBuilder::default()
        .namespaces(
            namespaces
                .into_iter()
                .map(|t| LinuxNamespaceBuilder::default().typ(t).build().expect("namespace type set"))
                .collect::<Vec<_>>(),
        )
        .uid_mappings(id_maps(p.uid_map))
        .gid_mappings(id_maps(p.gid_map))
        .masked_paths(masked)
        .readonly_paths(readonly)
        .build()
        .map_err(|e| e.to_string())?;
    // The profile itself stays in the cache (`.json`): the spec names it, so a start reads
    // the compiled program and nothing else.
    linux.set_seccomp(None);
    if !p.sysctls.is_empty() {
        linux.set_sysctl(Some(p.sysctls.iter().map(|(k, v)| (k.clone(), v.clone())).collect()));
    }
    if p.resources.is_some() {
        linux.set_resources(p.resources.clone());
        linux.set_cgroups_path(p.cgroups_path.as_ref().map(PathBuf::from));
    }

    let mut annotations = HashMap::new();
    match &p.root {
        RootPlan::Overlay { lower, upper, work, program, lower_base } => {
            if let Some(prog) = program {
                annotations.insert(ANN_ROOT_PROGRAM.to_string(), prog.to_string_lossy().into_owned());
            }
            let lowers: Vec<String> = lower.iter().map(|l| l.to_string_lossy().into_owned()).collect();
            for part in lowers.iter().chain([&upper.to_string_lossy().into_owned(), &work.to_string_lossy().into_owned()]) {
                if part.contains(',') || part.contains(':') {
                    return Err(format!("the store path `{part}` contains `,` or `:`, which overlayfs cannot take: use another --root"));
                }
            }
            let data = super::mounts::overlay_options(&lowers.join(":"), Some((upper, work)));
            if data.len() >= MOUNT_DATA_MAX {
                return Err(format!("the image has too many layers ({}) for one overlay mount here (its options pass the kernel's 4 KiB limit)", lower.len()));
            }
            annotations.insert(ANN_ROOT_OVERLAY.to_string(), data);
            if let Some(base) = lower_base {
                annotations.insert(ANN_ROOT_OVERLAY_CWD.to_string(), base.to_string_lossy().into_owned());
            }
        }
        RootPlan::Bind { dir } => {
            annotations.insert(ANN_ROOT_BIND.to_string(), dir.to_string_lossy().into_owned());
        }
    }
    if systemd {
        annotations.insert(crate::plan::systemd::ANNOTATION.to_string(), "true".into());
    }
    if p.init && init_path.is_none() {
        annotations.insert(ANN_INIT.to_string(), "true".into());
    }
    if let Some(prefix) = &p.seccomp {
        annotations.insert(ANN_SECCOMP.to_string(), prefix.to_string_lossy().into_owned());
    }
    if keep_groups {
        annotations.insert(ANN_KEEP_GROUPS.to_string(), "true".into());
    }
    if ex.linux32 {
        annotations.insert(ANN_LINUX32.to_string(), "true".into());
    }
    if p.preserve_fds > 0 {
        annotations.insert(ANN_PRESERVE_FDS.to_string(), p.preserve_fds.to_string());
    }
    if let Some(m) = &p.fuse_idmap {
        annotations.insert(ANN_USERNS_FUSE.to_string(), m.clone());
    }
    if let Some((u, g)) = &p.nested_maps {
        annotations.insert(ANN_USERNS_NESTED_UIDS.to_string(), u.clone());
        annotations.insert(ANN_USERNS_NESTED_GIDS.to_string(), g.clone());
    }
    annotations.insert("io.container.manager".into(), "hutch".into());
    annotations.insert("org.opencontainers.image.stopSignal".into(), "15".into());
    annotations.insert("io.hutch.name".into(), p.name.to_string());

    SpecBuilder::default()
        .version("1.0.2")
        .root(RootBuilder::default().path(p.rootfs_mountpoint.clone()).readonly(p.read_only).build().map_err(|e| e.to_string())?)
        .hostname(hostname)
        .process(process)
        .mounts(mounts)
        .linux(linux)
        .annotations(annotations)
        .build()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(cmd: &'a [String], cfg: Option<&'a oci_spec::image::Config>, host: &'a dyn Fn(&str) -> Option<String>) -> PlanInput<'a> {
        PlanInput {
            id: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            name: "t",
            image_config: cfg,
            command: cmd,
            entrypoint: None,
            env_entries: &[],
            host_env: host,
            http_proxy: true,
            workdir: None,
            user: None,
            passwd: "root:x:0:0:root:/root:/bin/sh\n",
            group: "",
            hostname: None,
            host_hostname: "hosty",
            tty: false,
            init: false,
            read_only: false,
            network: &NetworkMode::None,
            no_hosts: false,
            root: RootPlan::Bind { dir: "/r".into() },
            rootfs_mountpoint: "/m".into(),
            run_dir: Path::new("/run/x"),
            uid_map: &[(0, 1000, 1), (1, 100000, 65536)],
            gid_map: &[(0, 1000, 1), (1, 100000, 65536)],
            single_mapping: false,
            user_mounts: &[],
            confinement: crate::plan::security::for_tests(),
            seccomp: None,
            resources: None,
            cgroups_path: None,
            cgroupns_host: false,
            sysctls: Default::default(),
            shm_size: None,
            oom_score_adj: None,
            group_add: &[],
            devices: &[],
            fuse_idmap: None,
            nested_maps: None,
            notify_socket: false,
            preserve_fds: 0,
            listen_fds: None,
            extras: Box::leak(Box::default()),
        }
    }

    #[test]
    fn podman_defaults() {
        let host = |_: &str| None;
        let cmd = vec!["true".to_string()];
        let spec = build_spec(&input(&cmd, None, &host)).unwrap();
        let proc_ = spec.process().as_ref().unwrap();
        assert_eq!(proc_.args().as_ref().unwrap(), &["true"]);
        let env = proc_.env().as_ref().unwrap();
        assert!(env.contains(&"HOSTNAME=0123456789ab".to_string()));
        assert!(env.contains(&"HOME=/root".to_string()));
        assert_eq!(spec.hostname().as_deref(), Some("0123456789ab"));
        let bnd = proc_.capabilities().as_ref().unwrap().bounding().as_ref().unwrap();
        let mut names: Vec<String> = bnd.iter().map(|c| format!("CAP_{c}")).collect();
        names.sort();
        let mut want: Vec<&str> = PODMAN_DEFAULT_CAPS.to_vec();
        want.sort();
        assert_eq!(names, want);
        let ns = spec.linux().as_ref().unwrap().namespaces().as_ref().unwrap();
        assert!(ns.iter().any(|n| n.typ() == LinuxNamespaceType::Network));
        let dests: Vec<_> = spec.mounts().as_ref().unwrap().iter().map(|m| m.destination().clone()).collect();
        assert!(dests.contains(&PathBuf::from("/etc/hosts")));
        assert_eq!(spec.annotations().as_ref().unwrap()[ANN_ROOT_BIND], "/r");
    }

    #[test]
    fn entrypoint_and_cmd_rules() {
        let cfg: oci_spec::image::Config = serde_json::from_str(r#"{"Entrypoint":["/ep"],"Cmd":["a","b"]}"#).unwrap();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(command_line(Some(&cfg), None, &[]).unwrap(), s(&["/ep", "a", "b"]));
        assert_eq!(command_line(Some(&cfg), None, &s(&["c"])).unwrap(), s(&["/ep", "c"]));
        assert_eq!(command_line(Some(&cfg), Some("/x"), &[]).unwrap(), s(&["/x"]));
        assert_eq!(command_line(Some(&cfg), Some(r#"["/x","-y"]"#), &s(&["z"])).unwrap(), s(&["/x", "-y", "z"]));
        assert_eq!(command_line(Some(&cfg), Some(""), &s(&["sh"])).unwrap(), s(&["sh"]));
        assert!(command_line(None, None, &[]).unwrap_err().contains("no command"));
    }

    #[test]
    fn host_network_and_bad_input() {
        let host = |_: &str| None;
        let cmd = vec!["true".to_string()];
        let mut i = input(&cmd, None, &host);
        i.network = &NetworkMode::Host;
        let spec = build_spec(&i).unwrap();
        assert_eq!(spec.hostname().as_deref(), Some("hosty"));
        let ns = spec.linux().as_ref().unwrap().namespaces().as_ref().unwrap();
        assert!(!ns.iter().any(|n| n.typ() == LinuxNamespaceType::Network));
        i.workdir = Some("rel");
        assert!(build_spec(&i).unwrap_err().contains("absolute"));
        i.workdir = None;
        i.user = Some("ghost");
        assert!(build_spec(&i).unwrap_err().contains("unable to find user ghost"));
    }
}
