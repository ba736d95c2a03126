//! `hutch info`: what hutch sees of this machine and of the caller, and every problem it
//! finds with its fix.

use crate::engine::{cgroups, host_facts, Engine};
use crate::image::store::ImageIndex;
use crate::runtime::{diagnose, idmap};
use crate::state::containers::{self as records, Status};
use anyhow::Result;
use serde_json::{json, Value};

impl Engine {
    pub fn info(&self) -> Result<Value> {
        let m = idmap::for_caller();
        let uid = nix::unistd::geteuid().as_raw();
        let mut problems: Vec<String> = Vec::new();
        if let Some(w) = &m.warning {
            problems.push(w.clone());
        }
        problems.extend(diagnose::userns_blockers());
        let cg = cgroups::detect(std::path::Path::new("/sys/fs/cgroup"), uid);
        if let Some(p) = &cg.problem {
            problems.push(p.clone());
        }
        let helper = |n: &str| idmap::find_in_path(n).map(|p| p.to_string_lossy().into_owned());
        let mut helpers = serde_json::Map::new();
        for (n, pkg) in [("newuidmap", "uidmap"), ("newgidmap", "uidmap"), ("slirp4netns", "slirp4netns"), ("fuse-overlayfs", "fuse-overlayfs")] {
            match helper(n) {
                Some(p) => {
                    helpers.insert(n.into(), json!(p));
                }
                None => {
                    helpers.insert(n.into(), json!("not found"));
                    if n.starts_with("new") {
                        continue; // reported with the mapping above
                    }
                    problems.push(format!("{n} not found in $PATH: `sudo apt-get install {pkg}`"));
                }
            }
        }
        if !std::path::Path::new("/dev/fuse").exists() {
            problems.push("/dev/fuse is missing: fuse-overlayfs cannot be used (`sudo modprobe fuse`)".into());
        }
        let uname = nix::sys::utsname::uname().ok();
        let ids = |r: &[idmap::IdRange]| json!(r);
        let containers = records::list(&self.paths).unwrap_or_default();
        let up = containers.iter().filter(|c| c.live_status() == Status::Running).count();
        let paused = containers.iter().filter(|c| c.is_paused()).count();
        let running = up - paused;
        let images = ImageIndex::load(&self.paths).map(|i| i.images.len()).unwrap_or(0);
        let user = idmap::user_name(uid).unwrap_or_else(|| uid.to_string());
        let driver = self.driver();
        let version = env!("CARGO_PKG_VERSION");
        let arch = crate::engine::import::go_arch();
        let exe = std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let mem = host_facts::memory(&read("/proc/meminfo"));
        let (user_pct, system_pct, idle_pct) = host_facts::cpu_utilization(&read("/proc/stat"));
        let dist = host_facts::distribution(&read("/etc/os-release"));
        let conf = crate::config::containers::ContainersConf::load().unwrap_or_default();
        let (allocated, used) = host_facts::filesystem_usage(&self.paths.root);
        let storage_conf = crate::config::storage::StorageConf::get().ok().flatten().map(|c| c.file.clone())
            .or_else(|| crate::config::config_home().map(|h| h.join("containers/storage.conf")))
            .unwrap_or_default();
        let search = crate::config::registries::Registries::load().map(|r| r.search).unwrap_or_default();
        let kind = driver.as_ref().ok().map(|d| d.driver);
        let driver_name = kind.map_or("unknown", |d| d.name());
        // Every field Podman's struct has, so templates (strict, as Podman's) find them all.
        let distribution = json!({"distribution": dist.distribution, "variant": dist.variant, "version": dist.version, "codename": dist.codename});
        Ok(json!({
            "host": {
                "arch": arch,
                "buildahVersion": version,
                "cgroupManager": "cgroupfs",
                "cgroupVersion": if cg.version == "v2" { "v2" } else { "v1" },
                "cgroupHierarchy": cg.version,
                "cgroupControllers": cg.delegated,
                "cgroupLimits": if cg.can_limit.is_empty() { json!("none can be applied") } else { json!(cg.can_limit) },
                // The per-container supervisor plays conmon's part, and is hutch itself.
                "conmon": {"package": "hutch", "path": exe, "version": format!("hutch supervisor version {version}")},
                "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
                "cpuUtilization": {"userPercent": user_pct, "systemPercent": system_pct, "idlePercent": idle_pct},
                "distribution": distribution,
                "eventLogger": conf.engine.events_logger.as_deref().unwrap_or("file"),
                "hostname": nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default(),
                "idMappings": {
                    "gidmap": ids(&m.gids),
                    "uidmap": ids(&m.uids),
                    "mode": if m.is_single() { "single id" } else { "subordinate ranges (newuidmap/newgidmap)" },
                },
                "kernel": uname.as_ref().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default(),
                "logDriver": "k8s-file",
                "memFree": mem.mem_free,
                "memTotal": mem.mem_total,
                "networkBackend": "slirp4netns",
                // The OCI runtime is built in: hutch sets up and starts containers itself.
                "ociRuntime": {"name": "hutch", "package": "hutch", "path": exe, "version": format!("hutch version {version}\nspec: 1.0.2")},
                "os": "linux",
                // hutch has no API service: no socket to name.
                "remoteSocket": {"path": "", "exists": false},
                "serviceIsRemote": false,
                "security": {
                    "apparmorEnabled": crate::engine::confine::apparmor_enabled(),
                    "capabilities": crate::plan::spec::PODMAN_DEFAULT_CAPS.join(","),
                    "rootless": uid != 0,
                    "seccompEnabled": true,
                    // Empty: hutch's built-in profile (the host ships none).
                    "seccompProfilePath": crate::engine::confine::host_profile().unwrap_or_default(),
                    "selinuxEnabled": false,
                },
                "slirp4netns": {
                    "executable": helper("slirp4netns").unwrap_or_default(),
                    "package": "slirp4netns",
                    "version": helper("slirp4netns").and_then(|p| std::process::Command::new(p).arg("--version").output().ok())
                        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default(),
                },
                "swapFree": mem.swap_free,
                "swapTotal": mem.swap_total,
                "uptime": host_facts::uptime(&read("/proc/uptime")),
                "linkmode": "dynamic",
                "user": user,
                "helpers": helpers,
            },
            "store": {
                "configFile": storage_conf,
                "containerStore": {"number": containers.len(), "paused": paused, "running": running, "stopped": containers.len() - up},
                "graphDriverName": driver_name,
                "graphDriverReason": driver.as_ref().map(|d| d.reason.clone()).unwrap_or_else(|e| format!("{e:#}")),
                "graphOptions": {},
                "graphRoot": self.paths.root,
                "graphRootAllocated": allocated,
                "graphRootUsed": used,
                "graphStatus": {
                    "Backing Filesystem": host_facts::backing_filesystem(&self.paths.root),
                    "Native Overlay Diff": (kind == Some(crate::engine::driver::Driver::Overlay)).to_string(),
                    "Supports d_type": "true",
                    "Using metacopy": "false",
                },
                "imageCopyTmpDir": std::env::var("TMPDIR").unwrap_or_else(|_| "/var/tmp".into()),
                "imageStore": {"number": images},
                "runRoot": self.paths.runroot,
                "runRootSource": self.paths.runroot_reason,
                "volumePath": self.paths.volumes(),
            },
            "registries": {"search": search},
            "plugins": {
                "volume": ["local"],
                "network": ["slirp4netns", "host", "none"],
                "log": if crate::supervisor::journal::available() { json!(["k8s-file", "json-file", "journald", "none", "passthrough"]) } else { json!(["k8s-file", "json-file", "none", "passthrough"]) },
                "authorization": null,
            },
            "version": {
                "APIVersion": version,
                "Version": version,
                "GoVersion": "",
                "GitCommit": "",
                "BuiltTime": "",
                "Built": 0,
                "OsArch": format!("linux/{arch}"),
                "Os": "linux",
            },
            "configFiles": {"containers.conf": conf.sources},
            "problems": problems,
        }))
    }
}
