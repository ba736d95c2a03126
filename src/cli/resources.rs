//! The resource limit flags, shared by `run`/`create` and `update`.

use crate::error::exit_error;
use crate::plan::resources::ResourceOptions;
use clap::Args;

#[derive(Args, Debug, Default)]
pub struct ResourceFlags {
    /// Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))
    #[arg(short = 'm', long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// Memory soft limit (format: <number>[<unit>])
    #[arg(long = "memory-reservation", value_name = "SIZE")]
    pub memory_reservation: Option<String>,
    /// Swap limit equal to memory plus swap: '-1' to enable unlimited swap
    #[arg(long = "memory-swap", value_name = "SIZE", allow_hyphen_values = true)]
    pub memory_swap: Option<String>,
    /// Tune container memory swappiness (0 to 100, or -1 for system default)
    #[arg(long = "memory-swappiness", value_name = "N", allow_hyphen_values = true)]
    pub memory_swappiness: Option<i64>,
    /// Kernel memory limit (deprecated by the kernel: refused, as on cgroup v2)
    #[arg(long = "kernel-memory", value_name = "SIZE", hide = true)]
    pub kernel_memory: Option<String>,
    /// Disable OOM Killer
    #[arg(long = "oom-kill-disable")]
    pub oom_kill_disable: bool,
    /// Number of CPUs. The default is 0.000 which means no limit
    #[arg(long, value_name = "N")]
    pub cpus: Option<f64>,
    /// CPU shares (relative weight)
    #[arg(short = 'c', long = "cpu-shares", value_name = "SHARES")]
    pub cpu_shares: Option<u64>,
    /// Limit the CPU CFS (Completely Fair Scheduler) period
    #[arg(long = "cpu-period", value_name = "MICROSECONDS")]
    pub cpu_period: Option<u64>,
    /// Limit the CPU CFS (Completely Fair Scheduler) quota
    #[arg(long = "cpu-quota", value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_quota: Option<i64>,
    /// Limit the CPU real-time period in microseconds (not on cgroup v2, as in Podman)
    #[arg(long = "cpu-rt-period", value_name = "MICROSECONDS")]
    pub cpu_rt_period: Option<u64>,
    /// Limit the CPU real-time runtime in microseconds (not on cgroup v2, as in Podman)
    #[arg(long = "cpu-rt-runtime", value_name = "MICROSECONDS", allow_hyphen_values = true)]
    pub cpu_rt_runtime: Option<i64>,
    /// CPUs in which to allow execution (0-3, 0,1)
    #[arg(long = "cpuset-cpus", value_name = "CPUS")]
    pub cpuset_cpus: Option<String>,
    /// Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems
    #[arg(long = "cpuset-mems", value_name = "NODES")]
    pub cpuset_mems: Option<String>,
    /// Tune container pids limit (set -1 for unlimited)
    #[arg(long = "pids-limit", value_name = "N", allow_hyphen_values = true)]
    pub pids_limit: Option<i64>,
    /// Block IO weight (relative weight) accepts a weight value between 10 and 1000
    #[arg(long = "blkio-weight", value_name = "WEIGHT")]
    pub blkio_weight: Option<u16>,
    /// Block IO weight (relative device weight, format: DEVICE_NAME:WEIGHT)
    #[arg(long = "blkio-weight-device", value_name = "DEVICE:WEIGHT")]
    pub blkio_weight_device: Vec<String>,
    /// Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)
    #[arg(long = "device-read-bps", value_name = "DEVICE:RATE")]
    pub device_read_bps: Vec<String>,
    /// Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)
    #[arg(long = "device-write-bps", value_name = "DEVICE:RATE")]
    pub device_write_bps: Vec<String>,
    /// Limit read rate (IO per second) from a device (e.g. --device-read-iops=/dev/sda:1000)
    #[arg(long = "device-read-iops", value_name = "DEVICE:RATE")]
    pub device_read_iops: Vec<String>,
    /// Limit write rate (IO per second) to a device (e.g. --device-write-iops=/dev/sda:1000)
    #[arg(long = "device-write-iops", value_name = "DEVICE:RATE")]
    pub device_write_iops: Vec<String>,
    /// Configure cgroup v2 (key=value)
    #[arg(long = "cgroup-conf", value_name = "KEY=VALUE")]
    pub cgroup_conf: Vec<String>,
}

impl ResourceFlags {
    /// Options Podman documents that no kernel hutch runs on has.
    pub fn check(&self) -> anyhow::Result<()> {
        if self.kernel_memory.is_some() {
            return Err(exit_error(125, "--kernel-memory is not supported: the kernel deprecated kernel memory limits (use --memory)"));
        }
        Ok(())
    }

    pub fn options(self) -> ResourceOptions {
        ResourceOptions {
            memory: self.memory,
            memory_reservation: self.memory_reservation,
            memory_swap: self.memory_swap,
            memory_swappiness: self.memory_swappiness,
            oom_kill_disable: self.oom_kill_disable,
            cpus: self.cpus.filter(|c| *c != 0.0),
            cpu_shares: self.cpu_shares,
            cpu_period: self.cpu_period,
            cpu_quota: self.cpu_quota,
            cpu_rt_period: self.cpu_rt_period,
            cpu_rt_runtime: self.cpu_rt_runtime,
            cpuset_cpus: self.cpuset_cpus,
            cpuset_mems: self.cpuset_mems,
            pids_limit: self.pids_limit,
            blkio_weight: self.blkio_weight,
            blkio_weight_device: self.blkio_weight_device,
            device_read_bps: self.device_read_bps,
            device_write_bps: self.device_write_bps,
            device_read_iops: self.device_read_iops,
            device_write_iops: self.device_write_iops,
            cgroup_conf: self.cgroup_conf,
        }
    }
}

/// Update the resource limits of a container
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch update [options] CONTAINER",
    after_help = "Examples:\n  hutch update --memory 512m --cpus 1.5 web"
)]
pub struct UpdateArgs {
    #[command(flatten)]
    pub limits: ResourceFlags,
    /// The container (name or id)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn update(eng: &crate::engine::Engine, a: UpdateArgs) -> anyhow::Result<i32> {
    a.limits.check()?;
    let id = eng.update(&a.container, &a.limits.options())?;
    println!("{id}");
    Ok(0)
}
