//! `top` and `stats`: a running container's processes, as the host's /proc shows them.
//!
//! A container runs in PID and user namespaces of its own and, without delegated cgroup v2,
//! has no cgroup of its own. So its processes are found the way the kernel tells them apart:
//! every process whose PID namespace (`/proc/PID/ns/pid`) is its first process's. Its PID there
//! is the last field of `NSpid:`. The reading happens in a helper that joined the container's
//! user namespace: only there may it look at the namespace links, `io` and root of processes
//! that run as the container's other (subordinate) ids, and there /proc shows their ids as the
//! container sees them.
//!
//! `top` evaluates Podman's psgo descriptors over those processes with psgo's rules (user and
//! group names from the container's own /etc/passwd and /etc/group, terminals from its /dev,
//! times as Go durations); an unknown descriptor makes it Podman's `ps` fallback, which the CLI
//! runs through `exec`. `stats` sums CPU time, resident memory, block I/O and tasks over the
//! same processes and computes Podman's percentages from one sample to the next.

use crate::engine::exec::ExecOptions;
use crate::engine::lifecycle::{BatchReport, Targets};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{ContainerRecord, Status};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;

/// One process of a container, as read from /proc (ids as the container sees them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProcInfo {
    /// Its PID on the host.
    pub hpid: i32,
    /// Its PID in the container (the last field of `NSpid:`).
    pub pid: i32,
    /// Its parent's PID in the container; 0 when the parent is outside (as the container sees it).
    pub ppid: i32,
    /// Its process group in the container (the last field of `NSpgid:`).
    pub pgid: i32,
    /// Its parent's PID on the host.
    pub host_ppid: i32,
    /// `comm` from /proc/PID/stat.
    pub comm: String,
    /// `Name:` from /proc/PID/status.
    pub name: String,
    /// The state letter (`S`, `R`, `Z`...).
    pub state: String,
    /// /proc/PID/cmdline split at NUL bytes (a trailing NUL leaves a last empty field).
    pub cmdline: Vec<String>,
    /// Real, effective, saved and filesystem uid.
    pub uids: Vec<u32>,
    pub gids: Vec<u32>,
    /// Supplementary groups.
    pub groups: Vec<u32>,
    pub tty_nr: u64,
    pub nice: String,
    /// Clock ticks: user, system, and those of its waited-for children.
    pub utime: u64,
    pub stime: u64,
    pub cutime: u64,
    pub cstime: u64,
    /// Start time in clock ticks after boot.
    pub starttime: u64,
    /// Virtual size in bytes.
    pub vsize: u64,
    pub threads: u64,
    /// `VmRSS:` in KiB (none for a zombie).
    pub rss_kib: Option<u64>,
    pub cap_inh: u64,
    pub cap_prm: u64,
    pub cap_eff: u64,
    pub cap_bnd: u64,
    pub cap_amb: u64,
    /// `Seccomp:` (0, 1, 2), when the kernel shows it.
    pub seccomp: Option<String>,
    /// /proc/PID/attr/current, `?` where the kernel has no labels.
    pub label: String,
    /// Bytes read from and written to storage (/proc/PID/io).
    pub read_bytes: u64,
    pub write_bytes: u64,
}

/// What the helper reads in one go.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Snapshot {
    procs: Vec<ProcInfo>,
    /// The container's /etc/passwd and /etc/group, as they are now.
    passwd: String,
    group: String,
    /// Terminals in the container's /dev: major, minor, path below /dev.
    ttys: Vec<(u64, u64, String)>,
    /// Received and sent bytes of the container's network interfaces other than `lo`; none
    /// when it shares the host's network namespace (Podman reports nothing then).
    net: Option<(u64, u64)>,
}

/// A psgo format descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Descriptor {
    Pcpu,
    Group,
    Groups,
    Ppid,
    User,
    Args,
    Comm,
    Rgroup,
    Nice,
    Pid,
    Pgid,
    Etime,
    Ruser,
    Time,
    Tty,
    Vsz,
    Capamb,
    Capinh,
    Capprm,
    Capeff,
    Capbnd,
    Seccomp,
    Label,
    Hpid,
    Huser,
    Hgroup,
    Hgroups,
    Rss,
    State,
    Stime,
}

/// psgo's descriptors in its order: AIX code (or ""), normal name, header.
const DESCRIPTORS: &[(&str, &str, &str, Descriptor)] = &[
    ("%C", "pcpu", "%CPU", Descriptor::Pcpu),
    ("%G", "group", "GROUP", Descriptor::Group),
    ("", "groups", "GROUPS", Descriptor::Groups),
    ("%P", "ppid", "PPID", Descriptor::Ppid),
    ("%U", "user", "USER", Descriptor::User),
    ("%a", "args", "COMMAND", Descriptor::Args),
    ("%c", "comm", "COMMAND", Descriptor::Comm),
    ("%g", "rgroup", "RGROUP", Descriptor::Rgroup),
    ("%n", "nice", "NI", Descriptor::Nice),
    ("%p", "pid", "PID", Descriptor::Pid),
    ("%r", "pgid", "PGID", Descriptor::Pgid),
    ("%t", "etime", "ELAPSED", Descriptor::Etime),
    ("%u", "ruser", "RUSER", Descriptor::Ruser),
    ("%x", "time", "TIME", Descriptor::Time),
    ("%y", "tty", "TTY", Descriptor::Tty),
    ("%z", "vsz", "VSZ", Descriptor::Vsz),
    ("", "capamb", "AMBIENT CAPS", Descriptor::Capamb),
    ("", "capinh", "INHERITED CAPS", Descriptor::Capinh),
    ("", "capprm", "PERMITTED CAPS", Descriptor::Capprm),
    ("", "capeff", "EFFECTIVE CAPS", Descriptor::Capeff),
    ("", "capbnd", "BOUNDING CAPS", Descriptor::Capbnd),
    ("", "seccomp", "SECCOMP", Descriptor::Seccomp),
    ("", "label", "LABEL", Descriptor::Label),
    ("", "hpid", "HPID", Descriptor::Hpid),
    ("", "huser", "HUSER", Descriptor::Huser),
    ("", "hgroup", "HGROUP", Descriptor::Hgroup),
    ("", "hgroups", "HGROUPS", Descriptor::Hgroups),
    ("", "rss", "RSS", Descriptor::Rss),
    ("", "state", "STATE", Descriptor::State),
    ("", "stime", "STIME", Descriptor::Stime),
];

/// psgo's DefaultDescriptors (`ps -ef` alike).
pub const DEFAULT_DESCRIPTORS: [&str; 8] = ["user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args"];

/// Every descriptor's normal name, sorted (`top --list-descriptors`).
pub fn list_descriptors() -> Vec<&'static str> {
    let mut l: Vec<&str> = DESCRIPTORS.iter().map(|d| d.1).collect();
    l.sort_unstable();
    l
}

/// psgo's translateDescriptors: each (trimmed) name matches by code or normal name (an empty
/// one matches every descriptor without a code, as in psgo); `None` if one is unknown.
/// No descriptors means the defaults.
pub fn translate(descriptors: &[String]) -> Option<Vec<(Descriptor, &'static str)>> {
    let defaults: Vec<String> = DEFAULT_DESCRIPTORS.iter().map(|s| s.to_string()).collect();
    let list = if descriptors.is_empty() { &defaults } else { descriptors };
    let mut out = Vec::new();
    for d in list {
        let d = d.trim();
        let found: Vec<_> = DESCRIPTORS.iter().filter(|x| d == x.0 || d == x.1).map(|x| (x.3, x.2)).collect();
        if found.is_empty() {
            return None;
        }
        out.extend(found);
    }
    Some(out)
}

/// What `top` shows: psgo's table, or the lines of Podman's fallback, `ps ARGS` run in the
/// container (without those that hold the arguments as given: the `ps` process itself).
#[derive(Debug)]
pub enum TopReport {
    Table { headers: Vec<String>, rows: Vec<Vec<String>> },
    Ps(Vec<String>),
}

#[derive(Debug, Clone, Default)]
pub struct TopOptions {
    pub container: Option<String>,
    pub latest: bool,
    /// As given after the container: descriptors (also comma-separated) or `ps` arguments.
    pub descriptors: Vec<String>,
}

/// One container's figures, as Podman's define.ContainerStats holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerStats {
    pub id: String,
    pub name: String,
    /// CPU use since the previous sample (since the start for the first), in percent of one CPU.
    pub cpu: f64,
    /// CPU use averaged over the container's life.
    pub avg_cpu: f64,
    /// CPU time, all of it and in the kernel, in nanoseconds.
    pub cpu_nano: u64,
    pub cpu_system_nano: u64,
    /// When the sample was taken, nanoseconds since the epoch.
    pub system_nano: u64,
    pub mem_usage: u64,
    pub mem_limit: u64,
    pub mem_perc: f64,
    pub net_input: u64,
    pub net_output: u64,
    pub block_input: u64,
    pub block_output: u64,
    pub pids: u64,
}

#[derive(Debug, Clone, Default)]
pub struct StatsOptions {
    pub containers: Vec<String>,
    pub latest: bool,
}

/// The samples between two `stats` reports, so CPU use is measured over the interval.
#[derive(Default)]
pub struct StatsSampler {
    /// Each container's last sample, with the start time (clock ticks) of the first process
    /// it was taken from: a restarted container is measured afresh.
    prev: HashMap<String, (ContainerStats, u64)>,
    /// A running container was measured (from /proc), and whether that was said yet.
    measured: bool,
    warned: bool,
}

impl StatsSampler {
    /// STATS_FROM_PROC, once, after the first sample that measured a running container (the
    /// CLI gives it after the report, so a screen reset does not wipe it at once).
    pub fn take_warning(&mut self) -> Option<&'static str> {
        if self.measured && !self.warned {
            self.warned = true;
            return Some(STATS_FROM_PROC);
        }
        None
    }
}

/// The warning `stats` gives once: where its figures come from.
pub const STATS_FROM_PROC: &str = "stats: containers have no cgroup of their own here (that needs cgroup v2 with delegated \
     controllers): CPU, MEM USAGE (resident set), BLOCK IO and PIDS are summed from /proc over each container's processes";

impl Engine {
    /// `top`: the container's processes through psgo's descriptors.
    pub fn top(&self, o: &TopOptions) -> Result<TopReport> {
        let lookup = |e: anyhow::Error| exit_error(125, format!("unable to look up requested container: {e:#}"));
        let rec = if o.latest {
            self.latest_container()?.ok_or_else(|| exit_error(125, "unable to look up requested container: no such container"))?
        } else {
            self.find_container(o.container.as_deref().unwrap_or_default()).map_err(lookup)?
        };
        let rec = self.settled(&rec.id)?;
        let not_running = || exit_error(125, "top can only be used on running containers");
        if rec.status != Status::Running {
            return Err(not_running());
        }
        // Comma-separated descriptors are split (empty ones dropped) for psgo.
        let split: Vec<String> =
            o.descriptors.iter().flat_map(|d| d.split(',')).filter(|s| !s.is_empty()).map(String::from).collect();
        let Some(descs) = translate(&split) else {
            // ps(1) gets the arguments shell-split, as Podman does.
            let args = o.descriptors.iter().flat_map(|d| shell_split(d)).filter(|s| !s.is_empty()).collect();
            return self.ps_in(&rec.id, args, &o.descriptors.join(" ")).map(TopReport::Ps);
        };
        let snap = match self.snapshot(&rec, true) {
            Ok(s) => s,
            Err(_) if self.settled(&rec.id).map(|r| r.status != Status::Running).unwrap_or(true) => return Err(not_running()),
            Err(e) => return Err(e),
        };
        let needs_host = descs.iter().any(|(d, _)| matches!(d, Descriptor::Huser | Descriptor::Hgroup | Descriptor::Hgroups));
        let pid1 = rec.pid.unwrap_or(0);
        let cx = Eval {
            now_nanos: crate::util::time::now_nanos(),
            boot_time: boot_time(),
            ticks: clock_ticks(),
            uid_map: read_id_map(&format!("/proc/{pid1}/uid_map")),
            gid_map: read_id_map(&format!("/proc/{pid1}/gid_map")),
            host_passwd: if needs_host { std::fs::read_to_string("/etc/passwd").unwrap_or_default() } else { String::new() },
            host_group: if needs_host { std::fs::read_to_string("/etc/group").unwrap_or_default() } else { String::new() },
            snap: &snap,
        };
        let headers = descs.iter().map(|(_, h)| h.to_string()).collect();
        let rows = snap.procs.iter().map(|p| descs.iter().map(|(d, _)| cx.value(*d, p)).collect()).collect();
        Ok(TopReport::Table { headers, rows })
    }

    /// Podman's ps(1) fallback: `ps ARGS` through `exec`, its output captured; the lines that
    /// contain `filter` left out.
    fn ps_in(&self, id: &str, args: Vec<String>, filter: &str) -> Result<Vec<String>> {
        let o = ExecOptions { container: id.to_string(), command: std::iter::once("ps".to_string()).chain(args).collect(), ..Default::default() };
        let (r, out, err) = capture_stdio(|| self.exec(&o))?;
        let code = r.map_err(|e| exit_error(125, format!("executing ps(1) in the container: {e:#}")))?.exit_code;
        if code != 0 {
            let err: Vec<&str> = err.lines().collect();
            return Err(exit_error(125, format!(
                "executing ps(1) in the container: runtime failed with exit status: {code} and output: {}",
                err.join(" ")
            )));
        }
        Ok(out.lines().filter(|l| !l.contains(filter)).map(String::from).collect())
    }

    /// The newest container, by creation time.
    fn latest_container(&self) -> Result<Option<ContainerRecord>> {
        let mut report = BatchReport::default();
        let t = Targets { latest: true, ..Default::default() };
        Ok(self.targets(&t, &mut report)?.into_iter().next().map(|(_, r)| r))
    }

    /// Reads the processes of a running container (and, with `files`, its passwd, group and
    /// terminals) in a helper inside its user namespace.
    fn snapshot(&self, rec: &ContainerRecord, files: bool) -> Result<Snapshot> {
        let pid1 = rec.pid.context("the running container has no recorded process")?;
        // The helper writes its findings to a memory file this process reads afterwards.
        let mut mem = memfd(c"hutch-top")?;
        let out = mem.try_clone().context("duplicating a memory file")?;
        crate::runtime::userns::run_in_userns_of(pid1, move || {
            let snap = read_snapshot(pid1, files)?;
            let mut out = out;
            out.write_all(&serde_json::to_vec(&snap)?).context("writing the container's processes")?;
            Ok(0)
        })?;
        mem.seek(SeekFrom::Start(0))?;
        let mut buf = Vec::new();
        mem.read_to_end(&mut buf)?;
        serde_json::from_slice(&buf).context("reading the container's processes")
    }

    /// One `stats` sample of the containers chosen: named ones, the latest, or every one
    /// (Podman 4.3.1 lists all containers, those not running with zeros).
    pub fn stats(&self, o: &StatsOptions, sampler: &mut StatsSampler) -> Result<Vec<ContainerStats>> {
        let list_err = |m: String| exit_error(125, format!("unable to get list of containers: {m}"));
        let query_all = !o.latest && o.containers.is_empty();
        let records: Vec<ContainerRecord> = if o.latest {
            vec![self.latest_container()?.ok_or_else(|| list_err("no such container".into()))?]
        } else if !o.containers.is_empty() {
            let mut v = Vec::new();
            for k in &o.containers {
                v.push(self.find_container(k).map_err(|e| list_err(format!("unable to look up container {k}: {e:#}")))?);
            }
            v
        } else {
            // Podman's bolt state lists them by id.
            let mut all = crate::state::containers::list(&self.paths)?;
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all
        };
        let mut out = Vec::new();
        for r in records {
            let rec = match self.settled(&r.id) {
                Ok(rec) => rec,
                // Removed since it was listed.
                Err(_) if query_all => continue,
                Err(e) => return Err(e),
            };
            let mut s = ContainerStats { id: rec.id.clone(), name: rec.name.clone(), ..Default::default() };
            let mut start_ticks = 0;
            if rec.status == Status::Running {
                match self.snapshot(&rec, false) {
                    Ok(snap) => {
                        sampler.measured = true;
                        start_ticks = first_start_ticks(&snap, &rec);
                        let prev = sampler.prev.get(&rec.id).filter(|(_, t)| *t == start_ticks).map(|(p, _)| p);
                        s = compute_stats(&rec, &snap, prev);
                    }
                    // It stopped meanwhile: zeros, as for any container not running.
                    Err(_) if self.settled(&rec.id).map(|r| r.status != Status::Running).unwrap_or(true) => {}
                    Err(e) => return Err(e),
                }
            }
            sampler.prev.insert(rec.id.clone(), (s.clone(), start_ticks));
            out.push(s);
        }
        Ok(out)
    }
}

/// A memory file (closed on exec).
fn memfd(name: &std::ffi::CStr) -> Result<std::fs::File> {
    // SAFETY: memfd_create with a NUL-terminated name.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error()).context("creating a memory file");
    }
    // SAFETY: a new fd we own.
    Ok(unsafe { std::fs::File::from_raw_fd(fd) })
}

/// Runs `f` with this process's stdout and stderr (which the processes it starts inherit)
/// going to memory files; returns its result and what was written to each.
fn capture_stdio<T>(f: impl FnOnce() -> T) -> Result<(T, String, String)> {
    let _ = std::io::stdout().flush();
    let (mut out, mut err) = (memfd(c"hutch-ps-out")?, memfd(c"hutch-ps-err")?);
    // SAFETY: dup on fds this process holds (the copies are closed below).
    let saved = unsafe { [libc::dup(1), libc::dup(2)] };
    if saved.iter().any(|fd| *fd < 0) {
        let e = std::io::Error::last_os_error();
        // SAFETY: closes only the copies just made.
        for fd in saved.iter().filter(|fd| **fd >= 0) {
            unsafe { libc::close(*fd) };
        }
        return Err(e).context("saving stdout and stderr");
    }
    // SAFETY: dup2 of fds this process holds onto 1 and 2, put back right after `f`.
    unsafe {
        libc::dup2(out.as_raw_fd(), 1);
        libc::dup2(err.as_raw_fd(), 2);
    }
    let r = f();
    let _ = std::io::stdout().flush();
    // SAFETY: puts the saved stdout and stderr back and closes the copies.
    unsafe {
        libc::dup2(saved[0], 1);
        libc::dup2(saved[1], 2);
        libc::close(saved[0]);
        libc::close(saved[1]);
    }
    let read = |f: &mut std::fs::File| -> Result<String> {
        f.seek(SeekFrom::Start(0))?;
        let mut b = Vec::new();
        f.read_to_end(&mut b)?;
        Ok(String::from_utf8_lossy(&b).into_owned())
    };
    Ok((r, read(&mut out)?, read(&mut err)?))
}

/// When the container's first process started, in clock ticks after boot.
fn first_start_ticks(snap: &Snapshot, rec: &ContainerRecord) -> u64 {
    snap.procs.iter().find(|p| Some(p.hpid) == rec.pid).map(|p| p.starttime).or(rec.pid_start).unwrap_or(0)
}

fn ticks_to_nanos(t: u64, ticks: u64) -> u64 {
    (t as u128 * 1_000_000_000 / ticks.max(1) as u128) as u64
}

/// Podman's figures from one sample and the one before it (none for the first).
fn compute_stats(rec: &ContainerRecord, snap: &Snapshot, prev: Option<&ContainerStats>) -> ContainerStats {
    let tk = clock_ticks();
    let now = crate::util::time::now_nanos().max(0) as u64;
    // Its start on the wall clock, from the time since boot (precise to a clock tick).
    let started = now.saturating_sub(boottime_nanos().saturating_sub(ticks_to_nanos(first_start_ticks(snap, rec), tk)));
    let cpu_ticks: u64 = snap.procs.iter().map(|p| p.utime + p.stime + p.cutime + p.cstime).sum();
    let sys_ticks: u64 = snap.procs.iter().map(|p| p.stime + p.cstime).sum();
    let cpu_nano = ticks_to_nanos(cpu_ticks, tk);
    // A restarted container starts counting afresh: measure from its start then.
    let (prev_cpu, prev_time) = match prev {
        Some(p) if p.cpu_nano <= cpu_nano => (p.cpu_nano, p.system_nano),
        _ => (0, started),
    };
    let percent = |cpu_delta: u64, time_delta: u64| {
        if time_delta > 0 && cpu_delta > 0 { cpu_delta as f64 / time_delta as f64 * 100.0 } else { 0.0 }
    };
    let mem_usage: u64 = snap.procs.iter().map(|p| p.rss_kib.unwrap_or(0) * 1024).sum();
    let mem_limit = total_memory();
    let (rx, tx) = snap.net.unwrap_or((0, 0));
    ContainerStats {
        id: rec.id.clone(),
        name: rec.name.clone(),
        cpu: percent(cpu_nano - prev_cpu, now.saturating_sub(prev_time)),
        avg_cpu: percent(cpu_nano, now.saturating_sub(started)),
        cpu_nano,
        cpu_system_nano: ticks_to_nanos(sys_ticks, tk),
        system_nano: now,
        mem_usage,
        mem_limit,
        mem_perc: if mem_limit > 0 { mem_usage as f64 / mem_limit as f64 * 100.0 } else { 0.0 },
        net_input: rx,
        net_output: tx,
        block_input: snap.procs.iter().map(|p| p.read_bytes).sum(),
        block_output: snap.procs.iter().map(|p| p.write_bytes).sum(),
        pids: snap.procs.iter().map(|p| p.threads.max(1)).sum(),
    }
}

/// The machine's memory in bytes (Podman's limit for a container without one).
fn total_memory() -> u64 {
    // SAFETY: sysinfo fills a zeroed struct.
    unsafe {
        let mut si: libc::sysinfo = std::mem::zeroed();
        if libc::sysinfo(&mut si) == 0 {
            return si.totalram as u64 * si.mem_unit.max(1) as u64;
        }
    }
    0
}

fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as u64 } else { 100 }
}

/// Nanoseconds since boot (the clock /proc/PID/stat start times count on).
fn boottime_nanos() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// `btime` from /proc/stat: the boot time in seconds since the epoch (psgo's base for start
/// times).
fn boot_time() -> i64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("btime ").and_then(|v| v.trim().parse().ok())))
        .unwrap_or(0)
}

/// Runs in the helper, inside the container's user namespace.
fn read_snapshot(pid1: i32, files: bool) -> Result<Snapshot> {
    let ns = std::fs::read_link(format!("/proc/{pid1}/ns/pid")).context("reading the container's PID namespace")?;
    let mut procs = Vec::new();
    for e in std::fs::read_dir("/proc").context("listing /proc")?.flatten() {
        let Some(hpid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        // Processes that are gone, or not ours to look at, are not the container's.
        if std::fs::read_link(format!("/proc/{hpid}/ns/pid")).ok().as_deref() != Some(ns.as_path()) {
            continue;
        }
        if let Some(p) = read_process(hpid) {
            procs.push(p);
        }
    }
    // Parents by their PID in the container; one outside it shows as 0 there.
    let inside: HashMap<i32, i32> = procs.iter().map(|p| (p.hpid, p.pid)).collect();
    for p in procs.iter_mut() {
        p.ppid = inside.get(&p.host_ppid).copied().unwrap_or(0);
    }
    procs.sort_by_key(|p| p.pid);
    let mut snap = Snapshot { procs, ..Default::default() };
    let own_net = std::fs::read_link("/proc/self/ns/net").ok();
    if std::fs::read_link(format!("/proc/{pid1}/ns/net")).ok() != own_net {
        snap.net = Some(parse_net_dev(&std::fs::read_to_string(format!("/proc/{pid1}/net/dev")).unwrap_or_default()));
    }
    if files {
        if let Ok(root) = std::fs::File::open(format!("/proc/{pid1}/root")) {
            snap.passwd = read_in_root(&root, "etc/passwd");
            snap.group = read_in_root(&root, "etc/group");
            snap.ttys = ttys_in_root(&root);
        }
    }
    Ok(snap)
}

/// A file inside the container's root, resolved there (its symlinks cannot lead out).
fn read_in_root(root: &std::fs::File, rel: &str) -> String {
    let Ok(fd) = crate::runtime::openat2::open_in_root(root.as_raw_fd(), Path::new(rel), libc::O_RDONLY) else {
        return String::new();
    };
    let mut s = String::new();
    let _ = std::fs::File::from(fd).read_to_string(&mut s);
    s
}

/// psgo's TTYs: /dev/tty* and /dev/pts/* with their device numbers (as psgo decodes them).
fn ttys_in_root(root: &std::fs::File) -> Vec<(u64, u64, String)> {
    let mut out = Vec::new();
    for (dir, all) in [("dev", false), ("dev/pts", true)] {
        let Ok(fd) = crate::runtime::openat2::open_in_root(root.as_raw_fd(), Path::new(dir), libc::O_RDONLY | libc::O_DIRECTORY) else {
            continue;
        };
        let Ok(entries) = std::fs::read_dir(format!("/proc/self/fd/{}", fd.as_raw_fd())) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !all && !name.starts_with("tty") {
                continue;
            }
            let Ok(c) = std::ffi::CString::new(name.as_bytes()) else { continue };
            // SAFETY: fstatat on a directory fd we hold, a NUL-terminated name and a zeroed stat.
            let rdev = unsafe {
                let mut st: libc::stat = std::mem::zeroed();
                if libc::fstatat(fd.as_raw_fd(), c.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) != 0 {
                    continue;
                }
                st.st_rdev
            };
            let (maj, min) = ((rdev >> 8) & 0xfff, (rdev & 0xff) | ((rdev >> 12) & 0xfff00));
            let path = if all { format!("pts/{name}") } else { name };
            out.push((maj, min, path));
        }
    }
    out
}

/// Bytes received and sent over the interfaces in /proc/net/dev, loopback left out.
fn parse_net_dev(text: &str) -> (u64, u64) {
    let (mut rx, mut tx) = (0, 0);
    for line in text.lines().skip(2) {
        let Some((name, rest)) = line.split_once(':') else { continue };
        if name.trim() == "lo" {
            continue;
        }
        let f: Vec<u64> = rest.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect();
        if f.len() >= 9 {
            rx += f[0];
            tx += f[8];
        }
    }
    (rx, tx)
}

/// Reads one process; `None` when it is gone (or unreadable).
fn read_process(hpid: i32) -> Option<ProcInfo> {
    let stat = std::fs::read_to_string(format!("/proc/{hpid}/stat")).ok()?;
    let status = std::fs::read_to_string(format!("/proc/{hpid}/status")).ok()?;
    let cmdline = std::fs::read(format!("/proc/{hpid}/cmdline")).ok()?;
    let mut p = parse_stat(&stat)?;
    p.hpid = hpid;
    parse_status(&status, &mut p)?;
    p.cmdline = cmdline.split(|b| *b == 0).map(|s| String::from_utf8_lossy(s).into_owned()).collect();
    p.label = match std::fs::read_to_string(format!("/proc/{hpid}/attr/current")) {
        Ok(s) => s.trim_matches('\n').to_string(),
        Err(_) => "?".into(),
    };
    if let Ok(io) = std::fs::read_to_string(format!("/proc/{hpid}/io")) {
        for l in io.lines() {
            if let Some(v) = l.strip_prefix("read_bytes:") {
                p.read_bytes = v.trim().parse().unwrap_or(0);
            } else if let Some(v) = l.strip_prefix("write_bytes:") {
                p.write_bytes = v.trim().parse().unwrap_or(0);
            }
        }
    }
    Some(p)
}

/// /proc/PID/stat: the command between the first `(` and the last `)`, then the fields.
fn parse_stat(s: &str) -> Option<ProcInfo> {
    let (open, close) = (s.find('(')?, s.rfind(')')?);
    let comm = s.get(open + 1..close)?.to_string();
    let f: Vec<&str> = s[close + 1..].split_whitespace().collect();
    // f[0] is field 3 (state).
    let num = |i: usize| f.get(i - 3).and_then(|v| v.parse::<u64>().ok());
    Some(ProcInfo {
        comm,
        host_ppid: f.get(1)?.parse().ok()?,
        tty_nr: num(7)?,
        utime: num(14)?,
        stime: num(15)?,
        cutime: num(16).unwrap_or(0),
        cstime: num(17).unwrap_or(0),
        nice: f.get(19 - 3)?.to_string(),
        threads: num(20).unwrap_or(1),
        starttime: num(22)?,
        vsize: num(23)?,
        ..Default::default()
    })
}

/// The /proc/PID/status lines psgo reads.
fn parse_status(s: &str, p: &mut ProcInfo) -> Option<()> {
    let hex = |v: &str| u64::from_str_radix(v, 16).unwrap_or(0);
    let ids = |v: &[&str]| v.iter().filter_map(|x| x.parse::<u32>().ok()).collect::<Vec<u32>>();
    for line in s.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 2 {
            continue;
        }
        match f[0] {
            "Name:" => p.name = f[1].to_string(),
            "State:" => p.state = f[1].to_string(),
            "Uid:" => p.uids = ids(&f[1..]),
            "Gid:" => p.gids = ids(&f[1..]),
            "Groups:" => p.groups = ids(&f[1..]),
            "NSpid:" => p.pid = f.last()?.parse().ok()?,
            "NSpgid:" => p.pgid = f.last()?.parse().ok()?,
            "VmRSS:" => p.rss_kib = f[1].parse().ok(),
            "CapInh:" => p.cap_inh = hex(f[1]),
            "CapPrm:" => p.cap_prm = hex(f[1]),
            "CapEff:" => p.cap_eff = hex(f[1]),
            "CapBnd:" => p.cap_bnd = hex(f[1]),
            "CapAmb:" => p.cap_amb = hex(f[1]),
            "Seccomp:" => p.seccomp = Some(f[1].to_string()),
            _ => {}
        }
    }
    // `Groups:` may be empty (a line of one field).
    (p.uids.len() == 4 && p.gids.len() == 4).then_some(())
}

/// A uid_map or gid_map: (inside, outside, count) lines.
fn read_id_map(path: &str) -> Vec<(u64, u64, u64)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<u64> = l.split_whitespace().filter_map(|v| v.parse().ok()).collect();
            (f.len() == 3).then(|| (f[0], f[1], f[2]))
        })
        .collect()
}

/// An id in the container as the host knows it (the kernel's overflow id if unmapped).
fn to_host(id: u32, map: &[(u64, u64, u64)], overflow: &str) -> String {
    let id = id as u64;
    match map.iter().find(|(inside, _, n)| id >= *inside && id < inside + n) {
        Some((inside, outside, _)) => (outside + id - inside).to_string(),
        None => std::fs::read_to_string(overflow).map(|s| s.trim().to_string()).unwrap_or_else(|_| "65534".into()),
    }
}

/// The name of `id` in a passwd or group file (the first entry with it), else the number
/// (runc's LookupUid/LookupGid, as psgo uses them).
fn name_of(id: &str, file: &str) -> String {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() >= 3 && f[2] == id).then(|| f[0].to_string())
        })
        .unwrap_or_else(|| id.to_string())
}

/// psgo's capability list (bit order) and its "full" set.
const CAP_NAMES: [&str; 41] = [
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
    "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
    "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
    "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
    "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
    "CHECKPOINT_RESTORE",
];
const FULL_CAPS: u64 = 0x1FF_FFFF_FFFF;

/// psgo's parseCAP: `full`, `none`, or the sorted names.
pub fn cap_text(mask: u64) -> String {
    if mask == FULL_CAPS {
        return "full".into();
    }
    let mut caps: Vec<&str> = (0..64).filter(|i| mask >> i & 1 == 1).map(|i| CAP_NAMES.get(i).copied().unwrap_or("unknown")).collect();
    if caps.is_empty() {
        return "none".into();
    }
    caps.sort_unstable();
    caps.join(",")
}

/// What the descriptors need besides the processes.
struct Eval<'a> {
    now_nanos: i128,
    boot_time: i64,
    ticks: u64,
    uid_map: Vec<(u64, u64, u64)>,
    gid_map: Vec<(u64, u64, u64)>,
    host_passwd: String,
    host_group: String,
    snap: &'a Snapshot,
}

impl Eval<'_> {
    /// psgo's StartTime: boot time plus whole seconds after it.
    fn start(&self, p: &ProcInfo) -> i64 {
        self.boot_time + (p.starttime / self.ticks) as i64
    }

    fn elapsed_nanos(&self, p: &ProcInfo) -> i128 {
        self.now_nanos - self.start(p) as i128 * 1_000_000_000
    }

    /// psgo's CPUTime: whole seconds of user and system time.
    fn cpu_secs(&self, p: &ProcInfo) -> u64 {
        (p.utime + p.stime) / self.ticks
    }

    fn tty(&self, p: &ProcInfo) -> String {
        let (maj, min) = ((p.tty_nr >> 8) & 0xff, (p.tty_nr & 0xff) | ((p.tty_nr >> 20) & 0xfff));
        self.snap.ttys.iter().find(|t| t.0 == maj && t.1 == min).map(|t| t.2.clone()).unwrap_or_else(|| "?".into())
    }

    fn value(&self, d: Descriptor, p: &ProcInfo) -> String {
        let user = |uid: u32| name_of(&uid.to_string(), &self.snap.passwd);
        let group = |gid: u32| name_of(&gid.to_string(), &self.snap.group);
        let host_group = |gid: u32| name_of(&to_host(gid, &self.gid_map, "/proc/sys/kernel/overflowgid"), &self.host_group);
        match d {
            Descriptor::Pcpu => {
                let elapsed = self.elapsed_nanos(p) as f64 / 1e9;
                format!("{:.3}", 100.0 * self.cpu_secs(p) as f64 / elapsed)
            }
            Descriptor::Group => group(p.gids[1]),
            Descriptor::Groups => p.groups.iter().map(|g| group(*g)).collect::<Vec<_>>().join(","),
            Descriptor::Ppid => p.ppid.to_string(),
            Descriptor::User => user(p.uids[1]),
            Descriptor::Args => {
                if p.cmdline.first().is_none_or(|c| c.is_empty()) {
                    format!("[{}]", p.name)
                } else {
                    p.cmdline.join(" ")
                }
            }
            Descriptor::Comm => p.comm.clone(),
            Descriptor::Rgroup => group(p.gids[0]),
            Descriptor::Nice => p.nice.clone(),
            Descriptor::Pid => p.pid.to_string(),
            Descriptor::Pgid => p.pgid.to_string(),
            Descriptor::Etime => go_duration(self.elapsed_nanos(p)),
            Descriptor::Ruser => user(p.uids[0]),
            Descriptor::Time => go_duration(self.cpu_secs(p) as i128 * 1_000_000_000),
            Descriptor::Tty => self.tty(p),
            Descriptor::Vsz => (p.vsize / 1024).to_string(),
            Descriptor::Capamb => cap_text(p.cap_amb),
            Descriptor::Capinh => cap_text(p.cap_inh),
            Descriptor::Capprm => cap_text(p.cap_prm),
            Descriptor::Capeff => cap_text(p.cap_eff),
            Descriptor::Capbnd => cap_text(p.cap_bnd),
            Descriptor::Seccomp => match p.seccomp.as_deref() {
                Some("0") => "disabled".into(),
                Some("1") => "strict".into(),
                Some("2") => "filter".into(),
                _ => "?".into(),
            },
            Descriptor::Label => p.label.clone(),
            Descriptor::Hpid => p.hpid.to_string(),
            Descriptor::Huser => name_of(&to_host(p.uids[1], &self.uid_map, "/proc/sys/kernel/overflowuid"), &self.host_passwd),
            Descriptor::Hgroup => host_group(p.gids[1]),
            Descriptor::Hgroups => p.groups.iter().map(|g| host_group(*g)).collect::<Vec<_>>().join(","),
            Descriptor::Rss => p.rss_kib.map(|v| v.to_string()).unwrap_or_else(|| "0".into()),
            Descriptor::State => p.state.clone(),
            Descriptor::Stime => go_time(self.start(p)),
        }
    }
}

/// Go's time.Duration String: `0s`, `850ns`, `1.5µs`, `24.061489ms`, `2.631885401s`, `1h2m3.5s`.
pub fn go_duration(nanos: i128) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let sign = if nanos < 0 { "-" } else { "" };
    let u = nanos.unsigned_abs();
    // The fraction of `v` below 10^prec, trailing zeros dropped, and what is above it.
    let frac = |v: u128, prec: u32| -> (String, u128) {
        let p = 10u128.pow(prec);
        let f = v % p;
        let s = if f == 0 { String::new() } else { format!(".{:0w$}", f, w = prec as usize).trim_end_matches('0').to_string() };
        (s, v / p)
    };
    if u < 1_000_000_000 {
        let (prec, unit) = if u < 1_000 { (0, "ns") } else if u < 1_000_000 { (3, "µs") } else { (6, "ms") };
        let (f, whole) = frac(u, prec);
        return format!("{sign}{whole}{f}{unit}");
    }
    let (f, secs) = frac(u, 9);
    let mut s = format!("{}{f}s", secs % 60);
    let mins = secs / 60;
    if mins > 0 {
        s = format!("{}m{s}", mins % 60);
        if mins >= 60 {
            s = format!("{}h{s}", mins / 60);
        }
    }
    format!("{sign}{s}")
}

/// Go's time.Time String in local time, for whole seconds: `2026-12-02 01:50:12 +0000 UTC`.
pub fn go_time(secs: i64) -> String {
    // SAFETY: localtime_r fills a zeroed tm from a valid time_t; tm_zone then points at a
    // static NUL-terminated abbreviation (or is null).
    unsafe {
        let t = secs as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return secs.to_string();
        }
        let off = tm.tm_gmtoff;
        let zone = if tm.tm_zone.is_null() { String::new() } else { std::ffi::CStr::from_ptr(tm.tm_zone).to_string_lossy().into_owned() };
        let sign = if off < 0 { '-' } else { '+' };
        let a = off.abs();
        let zone = if zone.is_empty() { format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60) } else { zone };
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {sign}{:02}{:02} {zone}",
            tm.tm_year + 1900,
            tm.tm_mon + 1,
            tm.tm_mday,
            tm.tm_hour,
            tm.tm_min,
            tm.tm_sec,
            a / 3600,
            a / 60 % 60
        )
    }
}

/// Go's `%v` of a float64: shortest form, exponent below 1e-4 and from 1e21 (`1e-05`).
pub fn go_float(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..21).contains(&exp) {
        format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        format!("{f}")
    }
}

/// Go's `%.4g` for the sizes go-units prints.
fn go_g4(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let sci = format!("{v:.3e}");
    let exp: i32 = sci.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    if !(-4..4).contains(&exp) {
        let (mant, _) = sci.split_once('e').unwrap_or((&sci, ""));
        let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
        return format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let decimals = (3 - exp).max(0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s }
}

/// go-units HumanSize: decimal units, four significant digits, no space (`548.9kB`, `25.28GB`).
pub fn human_size(bytes: u64) -> String {
    scaled(bytes, 1000.0, &["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"])
}

/// go-units BytesSize: binary units (`1.5MiB`).
pub fn bytes_size(bytes: u64) -> String {
    scaled(bytes, 1024.0, &["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"])
}

fn scaled(bytes: u64, base: f64, units: &[&str]) -> String {
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= base && i < units.len() - 1 {
        v /= base;
        i += 1;
    }
    format!("{}{}", go_g4(v), units[i])
}

/// google/shlex Split as Podman applies it to `ps` arguments: words split at blanks, quotes
/// and backslashes as a POSIX shell reads them, `#` at the start of a word ends the line.
pub fn shell_split(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '\'' => {
                in_word = true;
                for n in chars.by_ref() {
                    if n == '\'' {
                        break;
                    }
                    cur.push(n);
                }
            }
            '"' => {
                in_word = true;
                while let Some(n) = chars.next() {
                    match n {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => cur.push(chars.next().unwrap_or('\\')),
                        _ => cur.push(n),
                    }
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(850), "850ns");
        assert_eq!(go_duration(1_500), "1.5µs");
        assert_eq!(go_duration(24_061_489), "24.061489ms");
        assert_eq!(go_duration(2_631_885_401), "2.631885401s");
        assert_eq!(go_duration(1_000_000_000), "1s");
        assert_eq!(go_duration(123_500_000_000), "2m3.5s");
        assert_eq!(go_duration(3_600_000_000_000), "1h0m0s");
        assert_eq!(go_duration(3_732_497_061_672), "1h2m12.497061672s");
        assert_eq!(go_duration(-1_500_000_000), "-1.5s");
    }

    #[test]
    fn go_numbers_and_sizes() {
        assert_eq!(go_float(0.779485028748666), "0.779485028748666");
        assert_eq!(go_float(25275990016.0), "25275990016");
        assert_eq!(go_float(0.0), "0");
        assert_eq!(go_float(1.5e-5), "1.5e-05");
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(472), "472B");
        assert_eq!(human_size(1096), "1.096kB");
        assert_eq!(human_size(548_864), "548.9kB");
        assert_eq!(human_size(25_275_990_016), "25.28GB");
        assert_eq!(human_size(2_000_000), "2MB");
        assert_eq!(human_size(999_960), "1000kB");
        assert_eq!(bytes_size(1_572_864), "1.5MiB");
    }

    #[test]
    fn descriptors() {
        let d = |v: &[&str]| translate(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let headers = |v: &[&str]| d(v).map(|x| x.into_iter().map(|(_, h)| h).collect::<Vec<_>>());
        assert_eq!(headers(&[]).unwrap(), ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]);
        assert_eq!(headers(&["%p", " args", "hpid"]).unwrap(), ["PID", "COMMAND", "HPID"]);
        assert_eq!(headers(&["capeff", "seccomp"]).unwrap(), ["EFFECTIVE CAPS", "SECCOMP"]);
        assert!(d(&["-ef"]).is_none());
        assert!(d(&["pid", "aux"]).is_none());
        assert_eq!(list_descriptors()[..3], ["args", "capamb", "capbnd"]);
        assert_eq!(list_descriptors().len(), 30);
    }

    #[test]
    fn caps() {
        assert_eq!(cap_text(0), "none");
        assert_eq!(cap_text(0x1ff_ffff_ffff), "full");
        assert_eq!(cap_text(0x800405fb), "CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,NET_BIND_SERVICE,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT");
    }

    #[test]
    fn parses_proc_files() {
        let stat = "4242 (my (odd) cmd) S 4000 4242 4242 34816 4242 4194560 100 0 0 0 7 3 1 2 20 0 1 0 123456 2322432 360 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        let mut p = parse_stat(stat).unwrap();
        assert_eq!(p.comm, "my (odd) cmd");
        assert_eq!((p.host_ppid, p.tty_nr, p.utime, p.stime, p.cutime, p.cstime), (4000, 34816, 7, 3, 1, 2));
        assert_eq!((p.nice.as_str(), p.threads, p.starttime, p.vsize), ("0", 1, 123456, 2322432));
        let status = "Name:\tsleep\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t10 \nNSpid:\t4242\t1\nNSpgid:\t4242\t1\nVmRSS:\t    1440 kB\nCapEff:\t00000000800405fb\nSeccomp:\t0\n";
        parse_status(status, &mut p).unwrap();
        assert_eq!((p.pid, p.pgid, p.state.as_str(), p.rss_kib), (1, 1, "S", Some(1440)));
        assert_eq!((p.groups.clone(), p.cap_eff, p.seccomp.as_deref()), (vec![10], 0x800405fb, Some("0")));
        let net = "Inter-|   Receive\n face |bytes packets\n    lo: 100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n  eth0: 472 5 0 0 0 0 0 0 1096 9 0 0 0 0 0 0\n";
        assert_eq!(parse_net_dev(net), (472, 1096));
    }

    #[test]
    fn names_and_ids() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000::/home/tester:/bin/sh\n";
        assert_eq!(name_of("1000", passwd), "tester");
        assert_eq!(name_of("7", passwd), "7");
        let map = [(0, 1000, 1), (1, 100000, 65536)];
        assert_eq!(to_host(0, &map, "/nonexistent"), "1000");
        assert_eq!(to_host(1000, &map, "/nonexistent"), "100999");
        assert_eq!(to_host(70000, &map, "/nonexistent"), "65534");
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_split("-eo pid,args"), ["-eo", "pid,args"]);
        assert_eq!(shell_split("-o 'pid user' \"a\\\"b\" c\\ d"), ["-o", "pid user", "a\"b", "c d"]);
        assert_eq!(shell_split("aux # note"), ["aux"]);
    }
}
