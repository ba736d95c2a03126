//! `hutch info`: what hutch sees of this machine and of the caller, and every problem it
//! finds with its fix.

use crate::engine::{cgroups, Engine};
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
        let running = containers.iter().filter(|c| c.live_status() == Status::Running).count();
        let images = ImageIndex::load(&self.paths).map(|i| i.images.len()).unwrap_or(0);
        let user = idmap::user_name(uid).unwrap_or_else(|| uid.to_string());
        let driver = self.driver();
        Ok(json!({
            "host": {
                "arch": crate::engine::import::go_arch(),
                "os": "linux",
                "kernel": uname.as_ref().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default(),
                "hostname": nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default(),
                "user": user,
                "rootless": uid != 0,
                "idMappings": {
                    "mode": if m.is_single() { "single id" } else { "subordinate ranges (newuidmap/newgidmap)" },
                    "uidmap": ids(&m.uids),
                    "gidmap": ids(&m.gids),
                },
                "cgroupVersion": cg.version,
                "cgroupControllers": cg.delegated,
                "cgroupLimits": if cg.can_limit.is_empty() { json!("none can be applied") } else { json!(cg.can_limit) },
                "helpers": helpers,
                "networkBackends": ["slirp4netns", "none", "host"],
                "slirp4netns": {
                    "executable": helper("slirp4netns").unwrap_or_default(),
                    "package": "slirp4netns",
                    "version": helper("slirp4netns").and_then(|p| std::process::Command::new(p).arg("--version").output().ok())
                        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default(),
                },
                "security": {
                    "apparmorEnabled": false,
                    "capabilities": crate::plan::spec::PODMAN_DEFAULT_CAPS.join(","),
                    "rootless": true,
                    "seccompEnabled": true,
                    // Empty: hutch's built-in profile (the host ships none).
                    "seccompProfilePath": crate::engine::confine::host_profile().unwrap_or_default(),
                    "selinuxEnabled": false,
                },
            },
            "store": {
                "graphRoot": self.paths.root,
                "runRoot": self.paths.runroot,
                "runRootSource": self.paths.runroot_reason,
                "graphDriverName": driver.as_ref().map(|d| d.name).unwrap_or("unknown"),
                "graphDriverReason": driver.as_ref().map(|d| d.reason.clone()).unwrap_or_else(|e| format!("{e:#}")),
                "containerStore": {"number": containers.len(), "running": running, "stopped": containers.len() - running},
                "imageStore": {"number": images},
            },
            "version": {
                "Version": env!("CARGO_PKG_VERSION"),
                "OsArch": format!("linux/{}", crate::engine::import::go_arch()),
            },
            "problems": problems,
        }))
    }
}
