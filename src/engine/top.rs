//! `top`: a running container's processes, read from /proc as [`super::procfs`] reads them.
//!
//! `top` evaluates Podman's psgo descriptors over those processes with psgo's rules (user and
//! group names from the container's own /etc/passwd and /etc/group, terminals from its /dev,
//! times as Go durations); an unknown descriptor makes it Podman's `ps` fallback, which the CLI
//! runs through `exec`.

use crate::util::capnames::CAP_NAMES;
use crate::engine::exec::ExecOptions;
use crate::engine::lifecycle::{BatchReport, Targets};
use crate::engine::procfs::{clock_ticks, memfd, ProcInfo, Snapshot};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{ContainerRecord, Status};
use anyhow::{Context, Result};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;

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
        let code = r.map_err(|e| exit_error(125, format!("executing ps(1) in the container: {e:#}")))?.exit_code.unwrap_or(0);
        if code != 0 {
            let err: Vec<&str> = err.lines().collect();
            return Err(exit_error(125, format!(
                "executing ps(1) in the container: runtime failed with exit status: {code} and output: {}",
                err.join(" ")
            )));
        }
        Ok(out.lines().filter(|l| !l.contains(filter)).map(String::from).collect())
    }

    /// The newest container, by creation time (for `stats` too).
    pub fn latest_container(&self) -> Result<Option<ContainerRecord>> {
        let mut report = BatchReport::default();
        let t = Targets { latest: true, ..Default::default() };
        Ok(self.targets(&t, &mut report)?.into_iter().next().map(|(_, r)| r))
    }
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

/// `btime` from /proc/stat: the boot time in seconds since the epoch (psgo's base for start
/// times).
fn boot_time() -> i64 {
    std::fs::read_to_string("/proc/stat")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("btime ").and_then(|v| v.trim().parse().ok())))
        .unwrap_or(0)
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

/// psgo's "full" capability set.
const FULL_CAPS: u64 = 0x1FF_FFFF_FFFF;

/// psgo's parseCAP: `full`, `none`, or the sorted names.
pub fn cap_text(mask: u64) -> String {
    if mask == FULL_CAPS {
        return "full".into();
    }
    let mut caps: Vec<&str> = (0..64).filter(|i| mask >> i & 1 == 1).map(|i| CAP_NAMES.get(i).map(|n| n.trim_start_matches("CAP_")).unwrap_or("unknown")).collect();
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
