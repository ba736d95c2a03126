//! The /proc reading `top` and `stats` share: a running container's processes, as the host's
//! /proc shows them.
//!
//! A container runs in PID and user namespaces of its own and, without delegated cgroup v2,
//! has no cgroup of its own. So its processes are found the way the kernel tells them apart:
//! every process whose PID namespace (`/proc/PID/ns/pid`) is its first process's. Its PID there
//! is the last field of `NSpid:`. The reading happens in a helper that joined the container's
//! user namespace: only there may it look at the namespace links, `io` and root of processes
//! that run as the container's other (subordinate) ids, and there /proc shows their ids as the
//! container sees them.

use crate::engine::Engine;
use crate::state::containers::ContainerRecord;
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
pub(super) struct Snapshot {
    pub(super) procs: Vec<ProcInfo>,
    /// The container's /etc/passwd and /etc/group, as they are now.
    pub(super) passwd: String,
    pub(super) group: String,
    /// Terminals in the container's /dev: major, minor, path below /dev.
    pub(super) ttys: Vec<(u64, u64, String)>,
    /// Received and sent bytes of the container's network interfaces other than `lo`; none
    /// when it shares the host's network namespace (Podman reports nothing then).
    pub(super) net: Option<(u64, u64)>,
}

impl Engine {
    /// Reads the processes of a running container (and, with `files`, its passwd, group and
    /// terminals) in a helper inside its user namespace.
    pub(super) fn snapshot(&self, rec: &ContainerRecord, files: bool) -> Result<Snapshot> {
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
}

/// A memory file (closed on exec).
pub(super) fn memfd(name: &std::ffi::CStr) -> Result<std::fs::File> {
    // SAFETY: memfd_create with a NUL-terminated name.
    let fd = unsafe { libc::memfd_create(name.as_ptr(), libc::MFD_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error()).context("creating a memory file");
    }
    // SAFETY: a new fd we own.
    Ok(unsafe { std::fs::File::from_raw_fd(fd) })
}

pub(super) fn clock_ticks() -> u64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as u64 } else { 100 }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
