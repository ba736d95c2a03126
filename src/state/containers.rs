//! Container records: one `container.json` per container directory, replaced atomically.
//! The set of names is guarded by the store lock; a record is read without locks and changed
//! only through `update`, under the container's own lock (`lock` in its directory).
//!
//! A record never claims a ghost: it holds the boot id and the start times of the container's
//! process and of its supervisor, so a reboot, a killed supervisor or a recycled pid shows as
//! "exited" (`live_status`) and is written back as such by the next command (`heal`).

use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::container_index;
use crate::state::paths::Paths;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;

/// The label of a build's step containers (its value: the builder's pid). They are the build's
/// own: swept when the builder is gone, and, as Buildah's are for Podman, not in the events.
pub const BUILD_LABEL: &str = "io.hutch.build";

pub const RECORD_FILE: &str = "container.json";
pub const SPEC_FILE: &str = "config.json";
pub const LOCK_FILE: &str = "lock";
/// The container's output in Podman's k8s-file format.
pub const LOG_FILE: &str = "ctr.log";
/// Exit code recorded for a container whose process vanished with its supervisor: the
/// kernel killed it with SIGKILL (the supervisor's death signal, or a reboot).
pub const EXIT_VANISHED: i32 = 137;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Running,
    Exited,
}

/// What the container's root filesystem is made of.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[serde(try_from = "RootSourceFields")]
pub enum RootSource {
    /// An image's layers under a private writable layer.
    Image { image_id: String, layers: Vec<String> },
    /// A directory given with `--rootfs`.
    Dir { path: String, overlay: bool },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    /// The image's name (its first, fully qualified; shown by `ps`).
    pub image: String,
    /// The name the user gave, where it differs (`auto-update` looks it up again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_image: Option<String>,
    pub root: RootSource,
    /// The process's whole command line (entry point and command).
    pub command: Vec<String>,
    /// Its command part alone (Podman's Config.Command, what `ps` shows); None in records
    /// made before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    pub created: i64,
    /// The creation time in nanoseconds, for ordering (several are created each second).
    #[serde(default)]
    pub created_ns: u64,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<i32>,
    /// The pid's start time (from /proc/PID/stat) so a recycled pid is not mistaken for ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_start: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auto_remove: bool,
    /// Named and anonymous volumes the container uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<String>,
    /// Those of `volumes` created for it alone (from the image's VOLUME list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anonymous_volumes: Vec<String>,
    /// `vfs` when its root is a copy of the image (`rootfs/`); none for overlay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
    /// The boot the container last started in (/proc/sys/kernel/random/boot_id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_id: Option<String>,
    /// The process watching the container: its pid and start time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<ProcRef>,
    /// The `create`/`run` that is still writing this container: until it finishes, the
    /// container is not listed, and once that process is gone it is debris to remove.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creating: Option<ProcRef>,
    /// How the container runs each time it starts.
    #[serde(default)]
    pub settings: Settings,
    /// Times the restart policy restarted it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restart_count: u32,
    /// A stop/kill asked for it: the restart policy does not restart it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stopped_by_user: bool,
    /// Why it ended when not by itself (Podman's State.Error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The process exited by a signal: its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_signal: Option<i32>,
    /// Its cgroup is frozen (`pause`); it counts only while it runs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paused: bool,
    /// `--userns=auto`: the intermediate ids it holds (start, size), which no other such
    /// container is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_ids: Option<(u32, u32)>,
}

/// `RootSource` as it is stored (`{"kind": "image", ...}`), read as one flat struct: serde's
/// internally tagged enums buffer every field first, and `ps` reads a record per container.
#[derive(Deserialize)]
struct RootSourceFields {
    kind: String,
    #[serde(default)]
    image_id: String,
    #[serde(default)]
    layers: Vec<String>,
    #[serde(default)]
    path: String,
    #[serde(default)]
    overlay: bool,
}

impl TryFrom<RootSourceFields> for RootSource {
    type Error = String;
    fn try_from(f: RootSourceFields) -> Result<RootSource, String> {
        match f.kind.as_str() {
            "image" => Ok(RootSource::Image { image_id: f.image_id, layers: f.layers }),
            "dir" => Ok(RootSource::Dir { path: f.path, overlay: f.overlay }),
            k => Err(format!("unknown root kind `{k}`")),
        }
    }
}

/// A process named so a recycled pid is never taken for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcRef {
    pub pid: i32,
    pub start: u64,
}

impl ProcRef {
    pub fn of(pid: i32) -> Option<ProcRef> {
        process_start_time(pid).map(|start| ProcRef { pid, start })
    }
    pub fn me() -> Option<ProcRef> {
        ProcRef::of(std::process::id() as i32)
    }
    pub fn alive(&self) -> bool {
        process_start_time(self.pid) == Some(self.start)
    }
}

/// Per-container settings from `create`/`run` that matter after the spec is written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub tty: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interactive: bool,
    /// `no`, `on-failure`, `always`, `unless-stopped` (empty: no).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub restart_policy: String,
    /// For on-failure: at most this many restarts (0: no limit).
    #[serde(skip_serializing_if = "is_zero")]
    pub restart_max: u32,
    /// Signal number for `stop` (0: SIGTERM).
    pub stop_signal: i32,
    /// Seconds `stop` waits before SIGKILL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<u64>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// `k8s-file` (default), `none`, `passthrough`.
    pub log_driver: String,
    /// Rotate the log when it would pass this many bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_max_size: Option<u64>,
    /// `--log-opt path=`: where the log is written (the container's directory otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_path: Option<String>,
    /// `--log-opt tag=`: kept and shown, as Podman keeps it for k8s-file logs.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub log_tag: String,
    /// Written with the container's pid when it starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pidfile: Option<String>,
    /// Written with the supervisor's pid when it starts (Podman's conmon pid file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conmon_pidfile: Option<String>,
    pub hostname: String,
    /// The `--network` value: `none`, `host`, `slirp4netns[:OPTIONS]` (empty: an old record's none).
    pub network: String,
    /// Published ports, host ports chosen (`-p`, `-P`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<PortMapping>,
    /// `--expose`d ports (PORT[-PORT]/PROTO), shown by `inspect`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expose: Vec<String>,
    /// `--dns`, `--dns-search`, `--dns-option`, `--add-host`, `--no-hosts`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_search: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_option: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub add_hosts: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_hosts: bool,
    /// `--mac-address` of the container's interface (slirp4netns's tap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// The command's timeout in seconds (`--timeout`): then it is killed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u64>,
    /// `--sdnotify`: conmon (empty, the default), container or ignore.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sdnotify: String,
    /// File descriptors 3..3+N of the starting command passed to the container
    /// (`--preserve-fds`, socket activation).
    #[serde(skip_serializing_if = "is_zero")]
    pub preserve_fds: u32,
    /// `--rmi`: the image (as the user named it) goes when the container is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rmi: Option<String>,
    /// `--requires`: containers (ids) started before this one, and not removable before it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// The health check (`--health-*`, the image's HEALTHCHECK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<crate::plan::health::HealthConfig>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A published port range: `range` host ports from `host_port` forward to as many container
/// ports from `container_port` (Podman's PortMapping).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortMapping {
    /// Empty: every address of the host.
    #[serde(default)]
    pub host_ip: String,
    pub host_port: u16,
    pub container_port: u16,
    pub range: u16,
    /// `tcp` or `udp`.
    pub protocol: String,
}

impl PortMapping {
    /// The one host address the port is published on; None for all of them (no address,
    /// or `::`, as `0.0.0.0` is stored: none).
    pub fn specific_host_ip(&self) -> Option<std::net::IpAddr> {
        self.host_ip.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().ok().filter(|ip| !ip.is_unspecified())
    }

    /// Each (host port, container port) of the range.
    pub fn pairs(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        (0..self.range).map(move |i| (self.host_port + i, self.container_port + i))
    }
}

/// What `create` was asked for and `inspect` shows, written once (`create.json`): kept out of
/// the record, which `ps` reads for every container.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CreateInfo {
    pub annotations: BTreeMap<String, String>,
    /// Entry point and command (Podman's Config.Entrypoint and Config.Cmd).
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    /// The command line that created it (Config.CreateCommand).
    pub create_command: Vec<String>,
    pub env: Vec<String>,
    pub user: String,
    pub workdir: String,
    /// --cap-add/--cap-drop as normalised (CAP_ names), --privileged, --security-opt.
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    /// Its bind mounts and volumes, as mounted (what `--volumes-from` shares).
    pub mounts: Vec<SharedMount>,
}

/// A mount another container can take over with `--volumes-from`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedMount {
    pub source: String,
    pub dest: String,
    pub read_only: bool,
    pub options: Vec<String>,
}

pub const CREATE_FILE: &str = "create.json";

pub fn save_create_info(paths: &Paths, id: &str, info: &CreateInfo) -> Result<()> {
    write_json_atomic(&paths.container_dir(id).join(CREATE_FILE), info, Durability::Atomic)
}

/// The create-time facts of a container (empty for one made before they were kept).
pub fn load_create_info(paths: &Paths, id: &str) -> CreateInfo {
    fs::read(paths.container_dir(id).join(CREATE_FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

impl Settings {
    pub fn stop_signal(&self) -> i32 {
        if self.stop_signal > 0 { self.stop_signal } else { libc::SIGTERM }
    }
    pub fn stop_timeout(&self) -> u64 {
        self.stop_timeout.unwrap_or(10)
    }
    /// The output is written to the container's k8s-file log (json-file is that too).
    pub fn file_log(&self) -> bool {
        matches!(self.log_driver.as_str(), "" | "k8s-file" | "json-file")
    }
    /// The output goes to the journal.
    pub fn journal_log(&self) -> bool {
        self.log_driver == "journald"
    }
}

/// Where a container's k8s-file log is: `--log-opt path=`, else its own directory.
pub fn log_path(paths: &Paths, rec: &ContainerRecord) -> std::path::PathBuf {
    match &rec.settings.log_path {
        Some(p) => std::path::PathBuf::from(p),
        None => paths.container_dir(&rec.id).join(LOG_FILE),
    }
}

/// This boot's id, or empty where the kernel does not say.
pub fn boot_id() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| fs::read_to_string("/proc/sys/kernel/random/boot_id").map(|s| s.trim().to_string()).unwrap_or_default()).clone()
}

impl ContainerRecord {
    /// What `ps` shows as COMMAND: the command without the entry point, as Podman.
    pub fn ps_command(&self) -> &[String] {
        self.cmd.as_deref().unwrap_or(&self.command)
    }

    pub fn short_id(&self) -> &str {
        &self.id[..12.min(self.id.len())]
    }

    /// The status as things really are: a "running" record whose process is gone is exited.
    /// Running, with its cgroup frozen (`pause`).
    pub fn is_paused(&self) -> bool {
        self.paused && self.live_status() == Status::Running
    }

    pub fn live_status(&self) -> Status {
        if self.status == Status::Running && self.ghost().is_some() {
            return Status::Exited;
        }
        self.status
    }

    /// Running, or about to run again: its supervisor is alive (a restart policy waiting out
    /// its back-off). Such a container is not started twice nor removed without force.
    pub fn busy(&self) -> bool {
        self.live_status() == Status::Running || self.supervisor.is_some_and(|s| s.alive())
    }

    /// Why a record that says "running" is not: the machine rebooted, the supervisor is gone,
    /// or the process is. `None` when it is what it says.
    pub fn ghost(&self) -> Option<&'static str> {
        if self.status != Status::Running {
            return None;
        }
        if let Some(b) = &self.boot_id {
            if *b != boot_id() {
                return Some("the machine restarted while the container was running");
            }
        }
        if let Some(s) = &self.supervisor {
            if !s.alive() {
                return Some("the container's supervisor was killed, and the container with it");
            }
            // The supervisor records the exit itself; until then the container is running.
            return None;
        }
        if !self.process_alive() {
            return Some("the container's process is gone");
        }
        None
    }

    /// Writes down what `ghost` found (the caller holds the container's lock).
    pub fn settle_ghost(&mut self) -> bool {
        let Some(why) = self.ghost() else { return false };
        self.status = Status::Exited;
        self.exit_code = Some(EXIT_VANISHED);
        self.exit_signal = Some(libc::SIGKILL);
        self.finished_at = Some(crate::util::time::now_unix());
        self.error = Some(why.to_string());
        self.pid = None;
        self.pid_start = None;
        self.supervisor = None;
        true
    }

    pub fn process_alive(&self) -> bool {
        match (self.pid, self.pid_start) {
            (Some(pid), Some(start)) => process_start_time(pid) == Some(start),
            _ => false,
        }
    }
}

/// Field 22 of /proc/PID/stat: the process start time in clock ticks since boot.
pub fn process_start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ');
    if fields.next()? == "Z" {
        return None; // a zombie has ended; only its parent has not reaped it yet
    }
    fields.nth(18)?.parse().ok()
}

pub fn save(paths: &Paths, rec: &ContainerRecord) -> Result<()> {
    let path = paths.container_dir(&rec.id).join(RECORD_FILE);
    // Compact: `ps` parses every record, so every byte counts.
    let bytes = serde_json::to_vec(rec).context("encoding the container record")?;
    let _changing = container_index::changing(paths)?;
    crate::state::atomic::write_atomic(&path, &bytes, Durability::Atomic)
}

/// Changes a record under the container's lock: load, `f`, save. Fails when the container is
/// gone (removed meanwhile).
pub fn update<T>(paths: &Paths, id: &str, f: impl FnOnce(&mut ContainerRecord) -> Result<T>) -> Result<T> {
    let _guard = lock_container(paths, id)?;
    let mut rec = load(paths, id)?;
    let out = f(&mut rec)?;
    save(paths, &rec)?;
    Ok(out)
}

/// The container's own lock; taken for every change of its record.
pub fn lock_container(paths: &Paths, id: &str) -> Result<crate::state::lock::Lock> {
    let dir = paths.container_dir(id);
    if !dir.is_dir() {
        anyhow::bail!("no container with ID {id} found: no such container");
    }
    crate::state::lock::exclusive(&dir.join(LOCK_FILE))
}

pub fn load(paths: &Paths, id: &str) -> Result<ContainerRecord> {
    let path = paths.container_dir(id).join(RECORD_FILE);
    let mut buf = Vec::new();
    let len = read_small(fs::File::open(&path), &mut buf).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&buf[..len]).with_context(|| format!("decoding {}", path.display()))
}

/// `load` for `list`: the record opened relative to the containers directory, read through a
/// buffer reused for every record (`ps` reads one per container).
fn load_at(dir: &std::os::fd::OwnedFd, id: &str, buf: &mut Vec<u8>, index: Option<&mut container_index::Writer>) -> Option<ContainerRecord> {
    use nix::fcntl::{openat, OFlag};
    let rel = format!("{id}/{RECORD_FILE}");
    let fd = openat(dir, rel.as_str(), OFlag::O_RDONLY | OFlag::O_CLOEXEC | OFlag::O_NOFOLLOW, nix::sys::stat::Mode::empty())
        .map(fs::File::from)
        .map_err(std::io::Error::from);
    let len = read_small(fd, buf).ok()?;
    // Validated as UTF-8 once, whole (serde_json would check each string on its own).
    let rec: ContainerRecord = serde_json::from_str(std::str::from_utf8(&buf[..len]).ok()?).ok()?;
    if let Some(w) = index {
        w.add((rec.created, rec.created_ns, &rec.id), &buf[..len]);
    }
    Some(rec)
}

/// Reads a small file into `buf` in as few system calls as it takes (one read, then close);
/// returns its length.
fn read_small(f: std::io::Result<fs::File>, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    use std::io::Read;
    let mut f = f?;
    if buf.len() < 4096 {
        buf.resize(4096, 0);
    }
    let mut len = 0;
    loop {
        let n = f.read(&mut buf[len..])?;
        len += n;
        // A regular file reads short only at its end.
        if n == 0 || len < buf.len() {
            return Ok(len);
        }
        let grown = buf.len() * 2;
        buf.resize(grown, 0);
    }
}

/// Every container with a readable, finished record, oldest first. Directories without one are
/// half-created ones, which the next `create` (under the store lock) removes: `debris`.
pub fn list(paths: &Paths) -> Result<Vec<ContainerRecord>> {
    Ok(list_all(paths)?.into_iter().filter(|r| r.creating.is_none()).collect())
}

/// Every readable record, those still being created included (for the name check): from
/// the index where there is one, else from a scan that writes it (`container_index`).
pub fn list_all(paths: &Paths) -> Result<Vec<ContainerRecord>> {
    if let Some(text) = container_index::read(paths) {
        if let Some(recs) = from_index(paths, &text) {
            return Ok(recs);
        }
    }
    let mut writer = container_index::Writer::try_new(paths);
    let (out, _) = scan_with(paths, writer.as_mut())?;
    if let Some(w) = writer {
        w.finish(paths);
    }
    Ok(out)
}

/// The index's records as `scan` would give them (the index is oldest first): a record of
/// a create that was killed is debris, and one that says "running" while its container is
/// not is read again from disk (an older supervisor may have recorded the exit without
/// knowing of the index). `None` if a line does not parse.
fn from_index(paths: &Paths, text: &str) -> Option<Vec<ContainerRecord>> {
    let mut out = Vec::with_capacity(text.len() / 512 + 1);
    for line in text.lines() {
        let rec: ContainerRecord = serde_json::from_str(line).ok()?;
        if rec.creating.is_some_and(|c| !c.alive()) {
            continue;
        }
        if rec.ghost().is_some() {
            if let Ok(fresh) = load(paths, &rec.id) {
                out.push(fresh);
            }
            continue;
        }
        out.push(rec);
    }
    Some(out)
}

/// Every readable record (oldest first), and the container directories a `create` killed
/// midway left: no record, or a record whose creating process is gone. The debris is only
/// meaningful under the store lock (a live create holds it from its mkdir to its record).
pub fn scan(paths: &Paths) -> Result<(Vec<ContainerRecord>, Vec<String>)> {
    scan_with(paths, None)
}

/// `scan`, handing each record's bytes to an index being written.
fn scan_with(paths: &Paths, mut index: Option<&mut container_index::Writer>) -> Result<(Vec<ContainerRecord>, Vec<String>)> {
    let dir = paths.containers();
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((vec![], vec![])),
        Err(e) => return Err(e).with_context(|| format!("listing {}", dir.display())),
    };
    let mut debris = Vec::new();
    let mut buf = Vec::new();
    let dirfd = nix::fcntl::open(&dir, nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC, nix::sys::stat::Mode::empty())
        .with_context(|| format!("opening {}", dir.display()))?;
    let ids: Vec<std::ffi::OsString> = entries.flatten().map(|e| e.file_name()).filter(|n| n.len() == 64).collect();
    // Sized once: a record is a kilobyte, and a growing vector would copy them all again.
    let mut out = Vec::with_capacity(ids.len());
    for name in &ids {
        let Some(id) = name.to_str() else { continue };
        match load_at(&dirfd, id, &mut buf, index.as_deref_mut()) {
            Some(rec) if rec.creating.is_some_and(|c| !c.alive()) => debris.push(id.to_string()),
            Some(rec) => out.push(rec),
            None if !dir.join(id).join(RECORD_FILE).exists() => debris.push(id.to_string()),
            None => {}
        }
    }
    Ok((oldest_first(out), debris))
}

/// Records sorted by creation (then id), each moved once: sorting the records themselves
/// moves kilobytes per comparison, most of what listing 200 containers cost.
fn oldest_first(recs: Vec<ContainerRecord>) -> Vec<ContainerRecord> {
    let mut order: Vec<usize> = (0..recs.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&recs[a], &recs[b]);
        (a.created, a.created_ns).cmp(&(b.created, b.created_ns)).then_with(|| a.id.cmp(&b.id))
    });
    let mut slots: Vec<Option<ContainerRecord>> = recs.into_iter().map(Some).collect();
    let mut sorted = Vec::with_capacity(slots.len());
    sorted.extend(order.into_iter().filter_map(|i| slots[i].take()));
    sorted
}

/// Finds a container by full name, full id or unique id prefix (as Podman does).
pub fn find<'a>(all: &'a [ContainerRecord], key: &str) -> Result<&'a ContainerRecord, FindError> {
    if let Some(c) = all.iter().find(|c| c.name == key || c.id == key) {
        return Ok(c);
    }
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(FindError::NotFound);
    }
    let mut hits = all.iter().filter(|c| c.id.starts_with(key));
    match (hits.next(), hits.next()) {
        (Some(c), None) => Ok(c),
        (Some(_), Some(_)) => Err(FindError::Ambiguous),
        _ => Err(FindError::NotFound),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum FindError {
    NotFound,
    Ambiguous,
}
