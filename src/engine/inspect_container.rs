//! `inspect` of a container: Podman's InspectContainerData, the keys scripts read, in its
//! order, from the record, its settings and its spec.

use crate::engine::Engine;
use crate::state::containers::{self as records, ContainerRecord, RootSource, Status};
use crate::util::time;
use serde_json::{json, Value};

/// The mounts hutch makes in every container (not the user's: left out of `Mounts`).
const OWN_MOUNTS: &[&str] = &[
    "/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup", "/etc/hosts",
    "/etc/hostname", "/etc/resolv.conf", "/run/.containerenv", "/dev/null", "/dev/zero", "/dev/full",
    "/dev/random", "/dev/urandom", "/dev/tty",
];

/// Go's RFC3339Nano in UTC (`Z`, fraction without trailing zeros); the zero time when unset.
fn go_time(secs: Option<i64>, nanos: Option<u64>) -> String {
    match (secs, nanos) {
        (_, Some(n)) if n > 0 => {
            let s = (n / 1_000_000_000) as i64;
            let frac = n % 1_000_000_000;
            let base = time::rfc3339(s);
            if frac == 0 {
                base
            } else {
                let f = format!("{frac:09}");
                format!("{}.{}Z", base.trim_end_matches('Z'), f.trim_end_matches('0'))
            }
        }
        (Some(s), _) => time::rfc3339(s),
        _ => "0001-01-01T00:00:00Z".into(),
    }
}

impl Engine {
    pub fn inspect_container(&self, rec: &ContainerRecord, size: bool) -> Value {
        let status = rec.live_status();
        let cdir = self.paths.container_dir(&rec.id);
        let rdir = self.paths.container_run_dir(&rec.id);
        let spec: Option<oci_spec::runtime::Spec> = std::fs::read(cdir.join(records::SPEC_FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok());
        let process = spec.as_ref().and_then(|s| s.process().clone());
        let caps = |f: fn(&oci_spec::runtime::LinuxCapabilities) -> &Option<oci_spec::runtime::Capabilities>| -> Value {
            let mut v: Vec<String> = process
                .as_ref()
                .and_then(|p| p.capabilities().as_ref())
                .and_then(|c| f(c).clone())
                .map(|s| s.iter().map(|c| format!("CAP_{c}")).collect())
                .unwrap_or_default();
            v.sort();
            json!(v)
        };
        let s = &rec.settings;
        let info = records::load_create_info(&self.paths, &rec.id);
        let (image_id, layers) = match &rec.root {
            RootSource::Image { image_id, layers } => (image_id.trim_start_matches("sha256:").to_string(), layers.clone()),
            RootSource::Dir { .. } => (String::new(), vec![]),
        };
        let rootfs = match &rec.root {
            RootSource::Dir { path, .. } => path.clone(),
            RootSource::Image { .. } => String::new(),
        };
        let lower: Vec<String> = layers.iter().rev().map(|l| self.paths.layer_tree(l).to_string_lossy().into_owned()).collect();
        let driver = rec.driver.clone().unwrap_or_else(|| "overlay".into());
        let mounts: Vec<Value> = spec
            .as_ref()
            .and_then(|s| s.mounts().clone())
            .unwrap_or_default()
            .iter()
            .filter(|m| !OWN_MOUNTS.contains(&m.destination().to_string_lossy().as_ref()))
            .map(|m| {
                let opts = m.options().clone().unwrap_or_default();
                let src = m.source().as_ref().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
                let vol = src.strip_prefix(&format!("{}/", self.paths.volumes().display())).and_then(|r| r.strip_suffix("/_data")).map(String::from);
                let typ = match (&vol, m.typ().as_deref()) {
                    (Some(_), _) => "volume",
                    (None, Some("tmpfs")) => "tmpfs",
                    _ => "bind",
                };
                let mut o = json!({
                    "Type": typ,
                    "Source": src,
                    "Destination": m.destination().to_string_lossy(),
                    "Driver": if vol.is_some() { "local" } else { "" },
                    "Mode": "",
                    "Options": opts.iter().filter(|o| !matches!(o.as_str(), "rw" | "ro" | "rbind" | "bind" | "rprivate" | "private")).collect::<Vec<_>>(),
                    "RW": !opts.iter().any(|o| o == "ro"),
                    "Propagation": opts.iter().find(|o| o.ends_with("private") || o.ends_with("shared") || o.ends_with("slave")).cloned().unwrap_or_default(),
                });
                if let Some(v) = vol {
                    o.as_object_mut().expect("object").insert("Name".into(), json!(v));
                }
                o
            })
            .collect();
        let running = status == Status::Running;
        let paused = running && rec.paused;
        let res = spec.as_ref().and_then(|s| s.linux().as_ref()).and_then(|l| l.resources().as_ref());
        let cpu = res.and_then(|r| r.cpu().as_ref());
        let mut out = json!({
            "Id": rec.id,
            "Created": go_time(Some(rec.created), Some(rec.created_ns)),
            "Path": rec.command.first().cloned().unwrap_or_default(),
            // Podman's rule: the arguments after the first, but a lone command is its own Args.
            "Args": if rec.command.len() > 1 { rec.command[1..].to_vec() } else { rec.command.clone() },
            "State": {
                "OciVersion": "1.0.2",
                "Status": crate::engine::report::state_word(&rec, status),
                "Running": running && !paused,
                "Paused": paused,
                "Restarting": false,
                "OOMKilled": false,
                "Dead": false,
                "Pid": if running { rec.pid.unwrap_or(0) } else { 0 },
                "ConmonPid": if running { rec.supervisor.map(|s| s.pid).unwrap_or(0) } else { 0 },
                "ExitCode": rec.exit_code.unwrap_or(0),
                "Error": rec.error.clone().unwrap_or_default(),
                "StartedAt": go_time(rec.started_at, None),
                "FinishedAt": go_time(rec.finished_at, None),
                "Health": match self.health_of(&rec.id).filter(|_| s.health.is_some()) {
                    Some(h) => json!({"Status": h.status, "FailingStreak": h.failing_streak, "Log": h.log}),
                    None => json!({"Status": "", "FailingStreak": 0, "Log": null}),
                },
                "CheckpointedAt": "0001-01-01T00:00:00Z",
                "RestoredAt": "0001-01-01T00:00:00Z",
            },
            "Image": image_id,
            "ImageDigest": "",
            "ImageName": rec.image,
            "Rootfs": rootfs,
            "Pod": "",
            "ResolvConfPath": rdir.join("resolv.conf"),
            "HostnamePath": rdir.join("hostname"),
            "HostsPath": rdir.join("hosts"),
            "StaticDir": cdir,
            "OCIConfigPath": cdir.join(records::SPEC_FILE),
            "OCIRuntime": "hutch",
            "ConmonPidFile": "",
            "PidFile": s.pidfile.clone().unwrap_or_default(),
            "Name": rec.name,
            "RestartCount": rec.restart_count,
            "Driver": driver,
            "MountLabel": "",
            "ProcessLabel": "",
            "AppArmorProfile": process.as_ref().and_then(|p| p.apparmor_profile().clone()).unwrap_or_default(),
            "EffectiveCaps": caps(|c| c.effective()),
            "BoundingCaps": caps(|c| c.bounding()),
            "ExecIDs": if rec.status == Status::Running { crate::state::exec_sessions::live(&self.paths.container_run_dir(&rec.id)) } else { Vec::new() },
            "GraphDriver": {
                "Name": driver,
                "Data": {
                    "LowerDir": lower.join(":"),
                    "UpperDir": cdir.join("upper"),
                    "WorkDir": cdir.join("work"),
                    "MergedDir": rdir.join("rootfs"),
                },
            },
            "Mounts": mounts,
            "Dependencies": [],
            "NetworkSettings": {
                "EndpointID": "", "Gateway": "", "IPAddress": "", "IPPrefixLen": 0, "IPv6Gateway": "",
                "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "MacAddress": "", "Bridge": "",
                "SandboxID": "", "HairpinMode": false, "LinkLocalIPv6Address": "", "LinkLocalIPv6PrefixLen": 0,
                "Ports": port_bindings(s, true), "SandboxKey": if running { rec.pid.map(|p| format!("/proc/{p}/ns/net")).unwrap_or_default() } else { String::new() },
            },
            "Namespace": "",
            "IsInfra": false,
            "IsService": false,
            "Config": {
                "Healthcheck": s.health.as_ref().map(|h| json!({"Test": h.test, "Interval": h.interval, "Timeout": h.timeout, "StartPeriod": h.start_period, "Retries": h.retries})),
                "HealthcheckOnFailureAction": s.health.as_ref().map(|h| if h.on_failure.is_empty() { "none".to_string() } else { h.on_failure.clone() }).unwrap_or_else(|| "none".into()),
                "Hostname": s.hostname,
                "Domainname": "",
                "User": info.user,
                "AttachStdin": s.interactive,
                "AttachStdout": false,
                "AttachStderr": false,
                "Tty": s.tty,
                "OpenStdin": s.interactive,
                "StdinOnce": false,
                "Env": info.env,
                "Cmd": if info.cmd.is_empty() { Value::Null } else { json!(info.cmd) },
                "Image": rec.image,
                "Volume": null,
                "WorkingDir": info.workdir,
                "Entrypoint": info.entrypoint.join(" "),
                "OnBuild": null,
                "Labels": if s.labels.is_empty() { Value::Null } else { json!(s.labels) },
                "Annotations": info.annotations,
                "StopSignal": s.stop_signal(),
                "HealthcheckOnFailureAction": "none",
                "CreateCommand": info.create_command,
                "Umask": "0022",
                "Timeout": s.timeout.unwrap_or(0),
                "StopTimeout": s.stop_timeout(),
                "Passwd": true,
                "sdNotifyMode": crate::supervisor::notify::mode(&s.sdnotify),
            },
            "HostConfig": {
                "Binds": [],
                "AutoRemove": rec.auto_remove,
                "NetworkMode": match crate::plan::network::NetworkMode::parse(&s.network) {
                    Ok(crate::plan::network::NetworkMode::Container(id)) => format!("container:{id}"),
                    Ok(crate::plan::network::NetworkMode::Path(p)) => format!("ns:{p}"),
                    Ok(m) => m.name().to_string(),
                    Err(_) => "none".to_string(),
                },
                "PortBindings": port_bindings(s, false),
                "RestartPolicy": {"Name": s.restart_policy, "MaximumRetryCount": s.restart_max},
                "LogConfig": {
                    "Type": if s.log_driver.is_empty() { "k8s-file" } else { s.log_driver.as_str() },
                    "Config": null,
                    "Path": if s.file_log() { records::log_path(&self.paths, rec).to_string_lossy().into_owned() } else { String::new() },
                    "Tag": s.log_tag,
                    "Size": s.log_max_size.map(crate::util::units::human_size).unwrap_or_else(|| "0B".into()),
                },
                "ReadonlyRootfs": spec.as_ref().and_then(|s| s.root().as_ref()).and_then(|r| r.readonly()).unwrap_or(false),
                "Privileged": info.privileged,
                "CapAdd": info.cap_add,
                "CapDrop": info.cap_drop,
                "SecurityOpt": info.security_opt,
                "Cgroups": "default",
                "Memory": res.and_then(|r| r.memory().as_ref()).and_then(|m| m.limit()).unwrap_or(0),
                "MemoryReservation": res.and_then(|r| r.memory().as_ref()).and_then(|m| m.reservation()).unwrap_or(0),
                "MemorySwap": res.and_then(|r| r.memory().as_ref()).and_then(|m| m.swap()).unwrap_or(0),
                "MemorySwappiness": res.and_then(|r| r.memory().as_ref()).and_then(|m| m.swappiness()).map(|s| s as i64).unwrap_or(-1),
                "OomKillDisable": res.and_then(|r| r.memory().as_ref()).and_then(|m| m.disable_oom_killer()).unwrap_or(false),
                "NanoCpus": cpu.and_then(|c| Some(c.quota()? as i128 * 1_000_000_000 / c.period()? as i128)).unwrap_or(0),
                "CpuShares": cpu.and_then(|c| c.shares()).unwrap_or(0),
                "CpuPeriod": cpu.and_then(|c| c.period()).unwrap_or(0),
                "CpuQuota": cpu.and_then(|c| c.quota()).unwrap_or(0),
                "CpusetCpus": cpu.and_then(|c| c.cpus().clone()).unwrap_or_default(),
                "CpusetMems": cpu.and_then(|c| c.mems().clone()).unwrap_or_default(),
                "BlkioWeight": res.and_then(|r| r.block_io().as_ref()).and_then(|b| b.weight()).unwrap_or(0),
                "CgroupParent": spec.as_ref().and_then(|s| s.linux().as_ref()).and_then(|l| l.cgroups_path().as_ref())
                    .and_then(|p| p.parent()).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
                "PidsLimit": res.and_then(|r| r.pids().as_ref()).map(|p| p.limit().max(0)).unwrap_or(0),
                "Ulimits": spec.as_ref().and_then(|s| s.process().as_ref()).and_then(|p| p.rlimits().clone()).unwrap_or_default().iter()
                    .map(|r| json!({"Name": r.typ().to_string(), "Soft": r.soft(), "Hard": r.hard()})).collect::<Vec<_>>(),
                // Rootless, every container has a user namespace of its own, as in Podman.
                "UsernsMode": "private",
            },
        });
        if let Some(m) = spec.as_ref().and_then(|s| s.annotations().as_ref()).and_then(|a| a.get(crate::plan::spec::ANN_USERNS_FUSE)) {
            // A mapping of its own (`--userns`, `--uidmap`): Podman's CONTAINER:HOST:SIZE lists,
            // HOST counting from the caller's id (0), then its subordinate ids.
            if let Some(host) = out.get_mut("HostConfig").and_then(Value::as_object_mut) {
                host.insert("IDMappings".into(), json!({"UidMap": inspect_map(m, "uidmapping="), "GidMap": inspect_map(m, "gidmapping=")}));
            }
        }
        if size {
            let o = out.as_object_mut().expect("object");
            let upper = if rec.driver.as_deref() == Some("vfs") { cdir.join("rootfs") } else { cdir.join("upper") };
            let rw = crate::engine::system::disk_usage(&upper);
            let root: u64 = lower.iter().map(|l| crate::engine::system::disk_usage(std::path::Path::new(l))).sum();
            o.insert("SizeRw".into(), json!(rw));
            o.insert("SizeRootFs".into(), json!(root + rw));
        }
        out
    }
}

/// `uidmapping=0:1:1000:...` (fuse-overlayfs's option, in the spec) as Podman's `0:1:1000` list.
fn inspect_map(options: &str, key: &str) -> Vec<String> {
    let list = options.split(',').find_map(|o| o.strip_prefix(key)).unwrap_or_default();
    let nums: Vec<&str> = list.split(':').collect();
    nums.chunks(3).filter(|c| c.len() == 3).map(|c| c.join(":")).collect()
}

/// Podman's port map: `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`, one key per
/// container port; with `exposed`, ports exposed but not published too (as null).
fn port_bindings(s: &records::Settings, exposed: bool) -> Value {
    let mut map = serde_json::Map::new();
    for m in &s.ports {
        for (h, c) in m.pairs() {
            let key = format!("{c}/{}", m.protocol);
            let entry = json!({"HostIp": m.host_ip, "HostPort": h.to_string()});
            match map.get_mut(&key).and_then(Value::as_array_mut) {
                Some(list) => list.push(entry),
                None => {
                    map.insert(key, json!([entry]));
                }
            }
        }
    }
    if exposed {
        for e in &s.expose {
            for r in crate::plan::network::parse_expose(e).unwrap_or_default() {
                for i in 0..r.range {
                    map.entry(format!("{}/{}", r.container_port + i, r.protocol)).or_insert(Value::Null);
                }
            }
        }
    }
    Value::Object(map)
}
