//! `stats`: CPU time, resident memory, block I/O and tasks summed over a running container's
//! processes (read from /proc as [`super::procfs`] does for `top` too), Podman's percentages
//! computed from one sample to the next, and the Go formatting of its figures.

use crate::engine::procfs::{clock_ticks, Snapshot};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{ContainerRecord, Status};
use anyhow::Result;
use std::collections::HashMap;

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
                        start_ticks = first_start_ticks(&snap, &rec);
                        let prev = sampler.prev.get(&rec.id).filter(|(_, t)| *t == start_ticks).map(|(p, _)| p);
                        s = compute_stats(&rec, &snap, prev);
                        // A container with a cgroup of its own: the kernel's own accounting.
                        match crate::supervisor::limits::recorded(&self.paths.container_run_dir(&rec.id)).filter(|p| p.is_dir()) {
                            Some(dir) => from_cgroup(&mut s, &|f| std::fs::read_to_string(dir.join(f)).ok(), prev),
                            None => sampler.measured = true,
                        }
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

/// The figures a cgroup v2 directory holds, over those summed from /proc: memory.current and
/// memory.max, cpu.stat, pids.current, io.stat.
fn from_cgroup(s: &mut ContainerStats, read: &dyn Fn(&str) -> Option<String>, prev: Option<&ContainerStats>) {
    let num = |f: &str| read(f).and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(m) = num("memory.current") {
        s.mem_usage = m;
    }
    if let Some(l) = num("memory.max") {
        s.mem_limit = l;
    }
    s.mem_perc = if s.mem_limit > 0 { s.mem_usage as f64 / s.mem_limit as f64 * 100.0 } else { 0.0 };
    if let Some(p) = num("pids.current") {
        s.pids = p;
    }
    let keyed = |f: &str, key: &str| -> Option<u64> {
        read(f)?.lines().find_map(|l| l.strip_prefix(key)?.strip_prefix(' ')?.trim().parse().ok())
    };
    if let Some(usec) = keyed("cpu.stat", "usage_usec") {
        let nano = usec * 1000;
        // Over the interval since the previous sample; the first keeps /proc's figure.
        if let Some(p) = prev.filter(|p| p.cpu_nano <= nano && p.system_nano > 0 && s.system_nano > p.system_nano) {
            s.cpu = (nano - p.cpu_nano) as f64 / (s.system_nano - p.system_nano) as f64 * 100.0;
        }
        s.cpu_nano = nano;
        s.cpu_system_nano = keyed("cpu.stat", "system_usec").map(|u| u * 1000).unwrap_or(0);
    }
    if let Some(io) = read("io.stat") {
        let sum = |key: &str| -> u64 {
            io.lines().flat_map(|l| l.split_whitespace()).filter_map(|kv| kv.strip_prefix(key)?.parse::<u64>().ok()).sum()
        };
        s.block_input = sum("rbytes=");
        s.block_output = sum("wbytes=");
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

/// Nanoseconds since boot (the clock /proc/PID/stat start times count on).
fn boottime_nanos() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills the timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
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

#[cfg(test)]
mod tests {

    #[test]
    fn cgroup_figures_win_over_procs() {
        let files: std::collections::HashMap<&str, &str> = [
            ("memory.current", "1048576\n"),
            ("memory.max", "4194304\n"),
            ("pids.current", "3\n"),
            ("cpu.stat", "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\n"),
            ("io.stat", "8:0 rbytes=100 wbytes=200 rios=1 wios=2\n8:16 rbytes=1 wbytes=2 rios=0 wios=0\n"),
        ].into_iter().collect();
        let mut s = super::ContainerStats { system_nano: 10_000_000, mem_limit: 99, ..Default::default() };
        super::from_cgroup(&mut s, &|f| files.get(f).map(|v| v.to_string()), None);
        assert_eq!((s.mem_usage, s.mem_limit, s.pids, s.cpu_nano, s.cpu_system_nano, s.block_input, s.block_output), (1048576, 4194304, 3, 2_000_000, 500_000, 101, 202));
        assert_eq!(s.mem_perc, 25.0);
        let mut limitless = super::ContainerStats { mem_limit: 99, ..Default::default() };
        super::from_cgroup(&mut limitless, &|f| if f == "memory.max" { Some("max\n".into()) } else { None }, None);
        assert_eq!(limitless.mem_limit, 99, "no limit: the machine's memory stays the limit");
    }

    use super::*;

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
}
