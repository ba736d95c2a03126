//! What `info` reports of the machine, read as Podman reads it: /proc/meminfo, /proc/uptime,
//! /proc/stat, /etc/os-release and statvfs of the store. Parsers are pure, over the files' text.

use std::path::Path;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Memory {
    pub mem_total: u64,
    pub mem_free: u64,
    pub swap_total: u64,
    pub swap_free: u64,
}

/// /proc/meminfo's kB lines, in bytes (Podman's memFree is MemAvailable when the kernel has it).
pub fn memory(meminfo: &str) -> Memory {
    let field = |name: &str| {
        meminfo.lines().find_map(|l| {
            let rest = l.strip_prefix(name)?.strip_prefix(':')?;
            rest.split_whitespace().next()?.parse::<u64>().ok().map(|kb| kb * 1024)
        })
    };
    Memory {
        mem_total: field("MemTotal").unwrap_or(0),
        mem_free: field("MemAvailable").or_else(|| field("MemFree")).unwrap_or(0),
        swap_total: field("SwapTotal").unwrap_or(0),
        swap_free: field("SwapFree").unwrap_or(0),
    }
}

/// Podman's uptime text: `1h 2m 3.45s (Approximately 0.04 days)`.
pub fn uptime(proc_uptime: &str) -> String {
    let secs: f64 = proc_uptime.split_whitespace().next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let whole = secs as u64;
    let (h, m) = (whole / 3600, whole % 3600 / 60);
    let s = secs - (h * 3600 + m * 60) as f64;
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h "));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m "));
    }
    out.push_str(&format!("{s:.2}s (Approximately {:.2} days)", secs / 86400.0));
    out
}

/// User, system and idle shares of CPU time since boot, from /proc/stat's `cpu` line.
pub fn cpu_utilization(proc_stat: &str) -> (f64, f64, f64) {
    let Some(line) = proc_stat.lines().find(|l| l.starts_with("cpu ")) else { return (0.0, 0.0, 0.0) };
    let v: Vec<f64> = line.split_whitespace().skip(1).filter_map(|x| x.parse().ok()).collect();
    let total: f64 = v.iter().sum();
    if total == 0.0 || v.len() < 4 {
        return (0.0, 0.0, 0.0);
    }
    let pct = |x: f64| (x / total * 10000.0).round() / 100.0;
    (pct(v[0] + v[1]), pct(v[2]), pct(v[3]))
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Distribution {
    pub distribution: String,
    pub version: String,
    pub codename: String,
    pub variant: String,
}

/// /etc/os-release's ID, VERSION_ID, VERSION_CODENAME and VARIANT_ID.
pub fn distribution(os_release: &str) -> Distribution {
    let field = |k: &str| {
        os_release
            .lines()
            .find_map(|l| l.strip_prefix(k)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    Distribution { distribution: field("ID"), version: field("VERSION_ID"), codename: field("VERSION_CODENAME"), variant: field("VARIANT_ID") }
}

/// The size of the filesystem holding `dir` and what is used of it, in bytes.
pub fn filesystem_usage(dir: &Path) -> (u64, u64) {
    match nix::sys::statvfs::statvfs(dir) {
        Ok(s) => {
            let frag = s.fragment_size();
            let total = s.blocks() * frag;
            (total, total.saturating_sub(s.blocks_free() * frag))
        }
        Err(_) => (0, 0),
    }
}

/// The filesystem type under `dir`, named as containers/storage names it.
pub fn backing_filesystem(dir: &Path) -> String {
    use nix::sys::statfs::*;
    let Ok(s) = statfs(dir) else { return "unknown".into() };
    let t = s.filesystem_type();
    let named = [
        (EXT4_SUPER_MAGIC, "extfs"),
        (BTRFS_SUPER_MAGIC, "btrfs"),
        (XFS_SUPER_MAGIC, "xfs"),
        (TMPFS_MAGIC, "tmpfs"),
        (OVERLAYFS_SUPER_MAGIC, "overlayfs"),
        (NFS_SUPER_MAGIC, "nfs"),
    ];
    named.iter().find(|(m, _)| *m == t).map(|(_, n)| n.to_string()).unwrap_or_else(|| format!("{:#x}", t.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_files() {
        let m = memory("MemTotal:       16384 kB\nMemFree:  100 kB\nMemAvailable:   2048 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
        assert_eq!(m, Memory { mem_total: 16384 * 1024, mem_free: 2048 * 1024, swap_total: 0, swap_free: 0 });
        assert_eq!(uptime("3725.5 100.0\n"), "1h 2m 5.50s (Approximately 0.04 days)");
        assert_eq!(uptime("12.25 1\n"), "12.25s (Approximately 0.00 days)");
        assert_eq!(cpu_utilization("cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 1\n"), (10.0, 10.0, 80.0));
        let d = distribution("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        assert_eq!((d.distribution.as_str(), d.version.as_str(), d.codename.as_str()), ("debian", "12", "bookworm"));
    }
}
