//! Resource limits: Podman's flags → the OCI spec's `linux.resources`, checked as Podman
//! checks them, and → the cgroup v2 files a delegated subtree gets, in the order they are
//! written (what runc and crun write for the same spec).

use oci_spec::runtime::{
    LinuxBlockIo, LinuxCpu, LinuxMemory, LinuxPids, LinuxResources, LinuxThrottleDevice, LinuxThrottleDeviceBuilder,
    LinuxWeightDevice, LinuxWeightDeviceBuilder,
};
use std::collections::HashMap;

/// As given on the command line.
#[derive(Debug, Clone, Default)]
pub struct ResourceOptions {
    pub memory: Option<String>,
    pub memory_reservation: Option<String>,
    pub memory_swap: Option<String>,
    pub memory_swappiness: Option<i64>,
    pub oom_kill_disable: bool,
    pub cpus: Option<f64>,
    pub cpu_shares: Option<u64>,
    pub cpu_period: Option<u64>,
    pub cpu_quota: Option<i64>,
    pub cpu_rt_period: Option<u64>,
    pub cpu_rt_runtime: Option<i64>,
    pub cpuset_cpus: Option<String>,
    pub cpuset_mems: Option<String>,
    pub pids_limit: Option<i64>,
    pub blkio_weight: Option<u16>,
    pub blkio_weight_device: Vec<String>,
    pub device_read_bps: Vec<String>,
    pub device_write_bps: Vec<String>,
    pub device_read_iops: Vec<String>,
    pub device_write_iops: Vec<String>,
    /// `--cgroup-conf KEY=VALUE`: cgroup v2 files written as given.
    pub cgroup_conf: Vec<String>,
}

impl ResourceOptions {
    pub fn is_empty(&self) -> bool {
        self.memory.is_none()
            && self.memory_reservation.is_none()
            && self.memory_swap.is_none()
            && self.memory_swappiness.is_none()
            && !self.oom_kill_disable
            && self.cpus.is_none()
            && self.cpu_shares.is_none()
            && self.cpu_period.is_none()
            && self.cpu_quota.is_none()
            && self.cpu_rt_period.is_none()
            && self.cpu_rt_runtime.is_none()
            && self.cpuset_cpus.is_none()
            && self.cpuset_mems.is_none()
            && self.pids_limit.is_none()
            && self.blkio_weight.is_none()
            && self.blkio_weight_device.is_empty()
            && self.device_read_bps.is_empty()
            && self.device_write_bps.is_empty()
            && self.device_read_iops.is_empty()
            && self.device_write_iops.is_empty()
            && self.cgroup_conf.is_empty()
    }
}

/// The default CFS period, as Podman uses for `--cpus`.
const CPU_PERIOD: u64 = 100_000;

fn bytes(flag: &str, v: &str) -> Result<i64, String> {
    if v == "-1" {
        return Ok(-1);
    }
    crate::util::units::parse_ram(v).and_then(|b| i64::try_from(b).ok()).ok_or_else(|| format!("invalid value {v:?} for {flag}: use a size such as 512m or 2g"))
}

fn cpuset(flag: &str, v: &str) -> Result<String, String> {
    let ok = !v.is_empty() && v.split(',').all(|part| {
        let mut it = part.splitn(2, '-');
        let a = it.next().unwrap_or_default();
        let b = it.next();
        !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.is_none_or(|b| !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit()))
    });
    if ok { Ok(v.to_string()) } else { Err(format!("invalid value {v} for {flag}: use a list such as 0-3 or 0,2")) }
}

/// `PATH:VALUE` for the device flags; the path becomes MAJOR:MINOR through `dev_of`.
fn device_value<'a>(flag: &str, v: &'a str, dev_of: &dyn Fn(&str) -> Result<(i64, i64), String>) -> Result<((i64, i64), &'a str), String> {
    let (path, value) = v.rsplit_once(':').ok_or_else(|| format!("invalid value {v:?} for {flag}: use DEVICE:VALUE, e.g. /dev/sda:1mb"))?;
    if !path.starts_with("/dev/") {
        return Err(format!("invalid value {v:?} for {flag}: {path} is not a device under /dev"));
    }
    Ok((dev_of(path).map_err(|e| format!("{flag} {v}: {e}"))?, value))
}

fn throttle(flag: &str, list: &[String], iops: bool, dev_of: &dyn Fn(&str) -> Result<(i64, i64), String>) -> Result<Option<Vec<LinuxThrottleDevice>>, String> {
    if list.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for v in list {
        let ((major, minor), value) = device_value(flag, v, dev_of)?;
        let rate = if iops {
            value.parse::<u64>().map_err(|_| format!("invalid rate {value:?} for {flag}: a number of operations per second"))?
        } else {
            crate::util::units::parse_ram(value).ok_or_else(|| format!("invalid rate {value:?} for {flag}: a size per second, such as 1mb"))?
        };
        out.push(LinuxThrottleDeviceBuilder::default().major(major).minor(minor).rate(rate).build().map_err(|e| e.to_string())?);
    }
    Ok(Some(out))
}

/// The limits, as Podman validates them; `None` when no limit was asked for.
pub fn resources(o: &ResourceOptions, dev_of: &dyn Fn(&str) -> Result<(i64, i64), String>) -> Result<Option<LinuxResources>, String> {
    if o.is_empty() {
        return Ok(None);
    }
    let mut r = LinuxResources::default();

    let limit = o.memory.as_deref().map(|v| bytes("--memory", v)).transpose()?;
    let reservation = o.memory_reservation.as_deref().map(|v| bytes("--memory-reservation", v)).transpose()?;
    let swap = o.memory_swap.as_deref().map(|v| bytes("--memory-swap", v)).transpose()?;
    if let (Some(l), Some(s)) = (limit, swap) {
        if s != -1 && s < l {
            return Err("minimum memoryswap limit should be larger than memory limit, see usage".into());
        }
    }
    if limit.is_none() && swap.is_some() {
        return Err("you should always set a memory limit when using a memoryswap limit, see usage".into());
    }
    if let (Some(l), Some(res)) = (limit, reservation) {
        if l > 0 && l < res {
            return Err("minimum memory limit cannot be less than memory reservation limit, see usage".into());
        }
    }
    if let Some(l) = limit {
        if l != -1 && l < 6 * 1024 * 1024 {
            return Err("minimum memory limit allowed is 6MB".into());
        }
    }
    if let Some(s) = o.memory_swappiness {
        if !(-1..=100).contains(&s) {
            return Err(format!("invalid value: {s}, valid memory swappiness range is 0-100"));
        }
    }
    if limit.is_some() || reservation.is_some() || swap.is_some() || o.memory_swappiness.is_some() || o.oom_kill_disable {
        let mut m = LinuxMemory::default();
        m.set_limit(limit);
        m.set_reservation(reservation);
        // Podman's default swap with a memory limit: twice the limit (memory + as much swap).
        m.set_swap(swap.or(limit.filter(|l| *l > 0).map(|l| l.saturating_mul(2))));
        m.set_swappiness(o.memory_swappiness.filter(|s| *s >= 0).map(|s| s as u64));
        m.set_disable_oom_killer(o.oom_kill_disable.then_some(true));
        r.set_memory(Some(m));
    }

    if o.cpus.is_some() && (o.cpu_period.is_some() || o.cpu_quota.is_some()) {
        return Err("--cpu-period and --cpu-quota cannot be set with --cpus".into());
    }
    if let Some(p) = o.cpu_period {
        if !(1000..=1_000_000).contains(&p) {
            return Err("CPU cfs period cannot be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)".into());
        }
    }
    if let Some(q) = o.cpu_quota {
        if q != -1 && q < 1000 {
            return Err("CPU cfs quota cannot be less than 1ms (i.e. 1000)".into());
        }
    }
    let (mut period, mut quota) = (o.cpu_period, o.cpu_quota);
    if let Some(c) = o.cpus {
        if !c.is_finite() || c <= 0.0 {
            return Err(format!("invalid value {c} for --cpus: give a positive number of CPUs, e.g. 1.5"));
        }
        period = Some(CPU_PERIOD);
        quota = Some((c * CPU_PERIOD as f64).round() as i64);
    }
    let cpus = o.cpuset_cpus.as_deref().map(|v| cpuset("--cpuset-cpus", v)).transpose()?;
    let mems = o.cpuset_mems.as_deref().map(|v| cpuset("--cpuset-mems", v)).transpose()?;
    if period.is_some() || quota.is_some() || o.cpu_shares.is_some() || cpus.is_some() || mems.is_some() || o.cpu_rt_period.is_some() || o.cpu_rt_runtime.is_some() {
        let mut c = LinuxCpu::default();
        c.set_shares(o.cpu_shares);
        c.set_period(period);
        c.set_quota(quota);
        c.set_cpus(cpus);
        c.set_mems(mems);
        c.set_realtime_period(o.cpu_rt_period);
        c.set_realtime_runtime(o.cpu_rt_runtime);
        r.set_cpu(Some(c));
    }

    if let Some(p) = o.pids_limit {
        let mut pids = LinuxPids::default();
        // 0 and -1 both mean no limit, as in Podman.
        pids.set_limit(if p <= 0 { -1 } else { p });
        r.set_pids(Some(pids));
    }

    if let Some(w) = o.blkio_weight {
        if !(10..=1000).contains(&w) {
            return Err("range of blkio weight is from 10 to 1000".into());
        }
    }
    let mut weight_devices: Vec<LinuxWeightDevice> = Vec::new();
    for v in &o.blkio_weight_device {
        let ((major, minor), w) = device_value("--blkio-weight-device", v, dev_of)?;
        let w: u16 = w.parse().ok().filter(|w| (10..=1000).contains(w)).ok_or_else(|| format!("invalid weight {w:?} for --blkio-weight-device: from 10 to 1000"))?;
        weight_devices.push(LinuxWeightDeviceBuilder::default().major(major).minor(minor).weight(w).build().map_err(|e| e.to_string())?);
    }
    let rbps = throttle("--device-read-bps", &o.device_read_bps, false, dev_of)?;
    let wbps = throttle("--device-write-bps", &o.device_write_bps, false, dev_of)?;
    let riops = throttle("--device-read-iops", &o.device_read_iops, true, dev_of)?;
    let wiops = throttle("--device-write-iops", &o.device_write_iops, true, dev_of)?;
    if o.blkio_weight.is_some() || !weight_devices.is_empty() || rbps.is_some() || wbps.is_some() || riops.is_some() || wiops.is_some() {
        let mut b = LinuxBlockIo::default();
        b.set_weight(o.blkio_weight);
        b.set_weight_device((!weight_devices.is_empty()).then_some(weight_devices));
        b.set_throttle_read_bps_device(rbps);
        b.set_throttle_write_bps_device(wbps);
        b.set_throttle_read_iops_device(riops);
        b.set_throttle_write_iops_device(wiops);
        r.set_block_io(Some(b));
    }

    if !o.cgroup_conf.is_empty() {
        let mut unified = HashMap::new();
        for kv in &o.cgroup_conf {
            let (k, v) = kv.split_once('=').ok_or_else(|| format!("--cgroup-conf must be formatted KEY=VALUE: {kv:?}"))?;
            if k.contains('/') || k.starts_with('.') || !k.contains('.') {
                return Err(format!("--cgroup-conf {kv}: {k:?} is not a cgroup file name (e.g. memory.high)"));
            }
            unified.insert(k.to_string(), v.to_string());
        }
        r.set_unified(Some(unified));
    }
    Ok(Some(r))
}

/// What a cgroup v2 subtree gets for `r`: the controllers to enable in the parents'
/// `cgroup.subtree_control`, the files to write in the container's cgroup (in order), and
/// what v2 cannot do (said as warnings, never dropped silently).
#[derive(Debug, Default, PartialEq)]
pub struct V2Plan {
    pub controllers: Vec<&'static str>,
    pub writes: Vec<(String, String)>,
    pub unsupported: Vec<String>,
}

fn max_or(v: i64) -> String {
    if v < 0 { "max".into() } else { v.to_string() }
}

pub fn v2_plan(r: &LinuxResources) -> V2Plan {
    let mut p = V2Plan::default();
    fn want(c: &'static str, p: &mut V2Plan) {
        if !p.controllers.contains(&c) {
            p.controllers.push(c);
        }
    }
    if let Some(c) = r.cpu() {
        if c.cpus().is_some() || c.mems().is_some() {
            want("cpuset", &mut p);
        }
        if let Some(cpus) = c.cpus() {
            p.writes.push(("cpuset.cpus".into(), cpus.clone()));
        }
        if let Some(mems) = c.mems() {
            p.writes.push(("cpuset.mems".into(), mems.clone()));
        }
        if c.shares().is_some_and(|s| s > 0) || c.quota().is_some() || c.period().is_some() {
            want("cpu", &mut p);
        }
        if let Some(s) = c.shares().filter(|s| *s > 0) {
            // The OCI shares range (2..262144) onto cpu.weight's (1..10000), as runc and crun.
            let s = s.clamp(2, 262_144);
            p.writes.push(("cpu.weight".into(), (1 + ((s - 2) * 9999) / 262_142).to_string()));
        }
        if c.quota().is_some() || c.period().is_some() {
            let quota = c.quota().map(max_or).unwrap_or_else(|| "max".into());
            p.writes.push(("cpu.max".into(), format!("{quota} {}", c.period().unwrap_or(CPU_PERIOD))));
        }
        if c.realtime_period().is_some() || c.realtime_runtime().is_some() {
            p.unsupported.push("Realtime period and runtime are not supported on cgroups V2 systems".into());
        }
    }
    if let Some(m) = r.memory() {
        if m.limit().is_some() || m.reservation().is_some() || m.swap().is_some() {
            want("memory", &mut p);
        }
        if let Some(res) = m.reservation() {
            p.writes.push(("memory.low".into(), max_or(res)));
        }
        if let Some(l) = m.limit() {
            p.writes.push(("memory.max".into(), max_or(l)));
        }
        if let Some(s) = m.swap() {
            // OCI's swap is memory + swap; v2's memory.swap.max is the swap alone.
            let v = match (s, m.limit()) {
                (s, _) if s < 0 => "max".to_string(),
                (s, Some(l)) if l > 0 => (s - l).max(0).to_string(),
                (s, _) => s.to_string(),
            };
            p.writes.push(("memory.swap.max".into(), v));
        }
        if m.swappiness().is_some() {
            p.unsupported.push("memory swappiness is not supported on cgroups V2 systems (the kernel has no per-cgroup swappiness there)".into());
        }
        if m.disable_oom_killer() == Some(true) {
            p.unsupported.push("--oom-kill-disable is not supported on cgroups V2 systems".into());
        }
    }
    if let Some(pids) = r.pids() {
        want("pids", &mut p);
        p.writes.push(("pids.max".into(), max_or(pids.limit())));
    }
    if let Some(b) = r.block_io() {
        want("io", &mut p);
        if let Some(w) = b.weight() {
            p.writes.push(("io.weight".into(), format!("default {}", 1 + (u64::from(w.clamp(10, 1000)) - 10) * 9999 / 990)));
        }
        for d in b.weight_device().iter().flatten() {
            if let Some(w) = d.weight() {
                p.writes.push(("io.weight".into(), format!("{}:{} {}", d.major(), d.minor(), 1 + (u64::from(w.clamp(10, 1000)) - 10) * 9999 / 990)));
            }
        }
        for (key, list) in [
            ("rbps", b.throttle_read_bps_device()),
            ("wbps", b.throttle_write_bps_device()),
            ("riops", b.throttle_read_iops_device()),
            ("wiops", b.throttle_write_iops_device()),
        ] {
            for d in list.iter().flatten() {
                p.writes.push(("io.max".into(), format!("{}:{} {key}={}", d.major(), d.minor(), d.rate())));
            }
        }
    }
    if let Some(u) = r.unified() {
        let mut keys: Vec<&String> = u.keys().collect();
        keys.sort();
        for k in keys {
            if let Some(ctl) = ["memory", "cpu", "cpuset", "pids", "io", "hugetlb"].iter().find(|c| k.starts_with(&format!("{c}."))) {
                want(ctl, &mut p);
            }
            p.writes.push((k.clone(), u[k].clone()));
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_limits_plan_nothing_to_enable_or_write() {
        // A container without limits gets an empty plan: its cgroup is made best-effort only.
        let p = v2_plan(&LinuxResources::default());
        assert!(p.controllers.is_empty() && p.writes.is_empty());
    }

    fn dev(path: &str) -> Result<(i64, i64), String> {
        match path {
            "/dev/sda" => Ok((8, 0)),
            _ => Err(format!("{path}: no such device")),
        }
    }

    fn plan(f: impl FnOnce(&mut ResourceOptions)) -> Result<V2Plan, String> {
        let mut o = ResourceOptions::default();
        f(&mut o);
        Ok(v2_plan(&resources(&o, &dev)?.expect("some limit")))
    }

    fn w(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn v2_files_as_runc_and_crun_write_them() {
        let p = plan(|o| {
            o.memory = Some("512m".into());
            o.memory_reservation = Some("256m".into());
            o.cpus = Some(1.5);
            o.cpu_shares = Some(512);
            o.cpuset_cpus = Some("0-1".into());
            o.pids_limit = Some(100);
            o.blkio_weight = Some(500);
            o.device_read_bps = vec!["/dev/sda:1mb".into()];
            o.device_write_iops = vec!["/dev/sda:100".into()];
            o.cgroup_conf = vec!["memory.high=400m".into()];
        })
        .unwrap();
        assert_eq!(p.controllers, ["cpuset", "cpu", "memory", "pids", "io"]);
        assert_eq!(p.writes, w(&[
            ("cpuset.cpus", "0-1"),
            ("cpu.weight", "20"),
            ("cpu.max", "150000 100000"),
            ("memory.low", "268435456"),
            ("memory.max", "536870912"),
            ("memory.swap.max", "536870912"),
            ("pids.max", "100"),
            ("io.weight", "default 4950"),
            ("io.max", "8:0 rbps=1048576"),
            ("io.max", "8:0 wiops=100"),
            ("memory.high", "400m"),
        ]));
        assert!(p.unsupported.is_empty());
        assert_eq!(plan(|o| { o.memory = Some("1g".into()); o.memory_swap = Some("-1".into()); }).unwrap().writes, w(&[("memory.max", "1073741824"), ("memory.swap.max", "max")]));
        assert_eq!(plan(|o| o.pids_limit = Some(0)).unwrap().writes, w(&[("pids.max", "max")]));
        assert_eq!(plan(|o| o.memory_swappiness = Some(10)).unwrap().unsupported.len(), 1);
    }

    #[test]
    fn podmans_checks() {
        let e = |f: fn(&mut ResourceOptions)| plan(f).unwrap_err();
        assert_eq!(e(|o| { o.memory = Some("1g".into()); o.memory_swap = Some("512m".into()); }), "minimum memoryswap limit should be larger than memory limit, see usage");
        assert_eq!(e(|o| o.memory_swap = Some("1g".into())), "you should always set a memory limit when using a memoryswap limit, see usage");
        assert_eq!(e(|o| o.memory = Some("1k".into())), "minimum memory limit allowed is 6MB");
        assert_eq!(e(|o| { o.cpus = Some(1.0); o.cpu_quota = Some(5000); }), "--cpu-period and --cpu-quota cannot be set with --cpus");
        assert_eq!(e(|o| o.cpu_period = Some(10)), "CPU cfs period cannot be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        assert_eq!(e(|o| o.blkio_weight = Some(5)), "range of blkio weight is from 10 to 1000");
        assert_eq!(e(|o| o.device_read_bps = vec!["/dev/nope:1mb".into()]), "--device-read-bps /dev/nope:1mb: /dev/nope: no such device");
        assert_eq!(e(|o| o.cpuset_cpus = Some("a-b".into())), "invalid value a-b for --cpuset-cpus: use a list such as 0-3 or 0,2");
        assert!(resources(&ResourceOptions::default(), &dev).unwrap().is_none());
    }
}
