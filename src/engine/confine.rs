//! The engine's half of confinement: what `plan::security` needs from the host and the
//! config files, and the seccomp profile read, resolved for the container's capabilities,
//! and compiled once (programs are cached by profile in the store).

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::security::{self, Confinement, Defaults, SeccompSource, SecurityOptions};
use anyhow::Result;

/// Where Podman looks for the host's default profile, the override first.
const HOST_PROFILES: &[&str] = &["/etc/containers/seccomp.json", "/usr/share/containers/seccomp.json"];
/// The image label that carries a profile (`--seccomp-policy image`).
pub const IMAGE_PROFILE_LABEL: &str = "io.containers.seccomp.profile";

/// The caller's own (soft, hard) limit of `RLIMIT_X`.
fn own_limit(kind: &str) -> Option<(u64, u64)> {
    let res = crate::runtime::steps::resource_named(kind)?;
    let mut l = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit fills the struct it is given.
    (unsafe { libc::getrlimit(res, &mut l) } == 0).then_some((l.rlim_cur, l.rlim_max))
}

/// Whether the kernel runs AppArmor.
pub fn apparmor_enabled() -> bool {
    std::fs::read_to_string("/sys/module/apparmor/parameters/enabled").is_ok_and(|s| s.trim() == "Y")
}

/// The host's default seccomp profile, if it ships one.
pub fn host_profile() -> Option<&'static str> {
    HOST_PROFILES.iter().find(|p| std::path::Path::new(p).is_file()).copied()
}

/// Every capability the running kernel knows.
pub fn kernel_caps() -> Vec<String> {
    let last = crate::runtime::caps::last_cap() as usize;
    crate::util::capnames::CAP_NAMES.iter().take(last + 1).map(|s| s.to_string()).collect()
}

impl Engine {
    /// Resolves the options against containers.conf and the host; the seccomp profile comes
    /// back resolved for the container's capabilities and already compiled (so a bad
    /// profile fails `create`, and `start` finds the program cached).
    pub(crate) fn confine(
        &self,
        o: &SecurityOptions,
        conf: &crate::config::containers::ContainersConf,
        image_labels: Option<&std::collections::HashMap<String, String>>,
    ) -> Result<(Confinement, Option<std::path::PathBuf>)> {
        let all = kernel_caps();
        let apparmor = apparmor_enabled();
        let defaults = Defaults {
            capabilities: conf.containers.default_capabilities.as_deref(),
            ulimits: conf.containers.default_ulimits.as_deref().unwrap_or(&[]),
            seccomp_profile: conf.containers.seccomp_profile.as_deref(),
            host_profile: host_profile(),
            image_profile: image_labels.and_then(|l| l.get(IMAGE_PROFILE_LABEL)).map(String::as_str),
            all_caps: &all,
            own_limit: &own_limit,
            apparmor,
        };
        let c = security::resolve(o, &defaults).map_err(|e| exit_error(125, e))?;
        if let Some(p) = &c.apparmor_profile {
            // Loaded profiles are listed as `NAME (MODE)`; an unreadable list is left to the
            // kernel, which refuses an unknown profile at the container's start.
            if let Ok(list) = std::fs::read_to_string("/sys/kernel/security/apparmor/profiles") {
                if !list.lines().any(|l| l.rsplit_once(" (").is_some_and(|(n, _)| n == p)) {
                    return Err(exit_error(125, format!("AppArmor profile {p:?} specified but not loaded: load it with `sudo apparmor_parser -r FILE`")));
                }
            }
        }
        if c.seccomp == SeccompSource::Unconfined {
            return Ok((c, None));
        }
        let release = nix::sys::utsname::uname().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default();
        let kernel = crate::plan::seccomp::parse_release(&release);
        // The program for this profile, these capabilities, this kernel: found in the cache
        // without reading the profile again when it was made before.
        let prefix = self.seccomp_key(&c, kernel);
        if prefix.with_extension("bpf").is_file() && prefix.with_extension("json").is_file() {
            return Ok((c, Some(prefix)));
        }
        let (text, origin, warn_unknown) = match &c.seccomp {
            SeccompSource::Unconfined => return Ok((c, None)),
            SeccompSource::Builtin => (None, "built-in".to_string(), false),
            SeccompSource::File { path, explicit } => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    let hint = if *explicit { "" } else { " (the host's default profile; set seccomp_profile in containers.conf to use another)" };
                    exit_error(125, format!("opening seccomp profile {path:?} failed: {e}{hint}"))
                })?;
                (Some(text), path.clone(), *explicit)
            }
            SeccompSource::Inline(text) => (Some(text.clone()), format!("from the image label {IMAGE_PROFILE_LABEL}"), true),
        };
        let profile = match text {
            Some(t) => crate::plan::seccomp::parse(&t, &origin).map_err(|e| exit_error(125, e))?,
            None => crate::plan::seccomp_default::profile(),
        };
        let host = crate::plan::seccomp::Host { caps: &c.bounding, goarch: crate::plan::seccomp::native_goarch(), kernel };
        let resolved = crate::plan::seccomp::resolve(&profile, &host).map_err(|e| exit_error(125, format!("seccomp profile {origin}: {e}")))?;
        crate::runtime::seccomp::store(&resolved, &prefix).map_err(|e| exit_error(125, format!("seccomp profile {origin}: {e:#}")))?;
        if warn_unknown {
            for name in crate::runtime::seccomp::unknown_names(&resolved) {
                self.warn(&format!("seccomp profile {origin}: syscall {name:?} is unknown here (libseccomp): skipped"));
            }
        }
        Ok((c, Some(prefix)))
    }

    /// Where the compiled program for a confinement lives: keyed by what the profile is (the
    /// file's identity and time, the label's text, or hutch's own), the capabilities rules
    /// depend on, the architecture, the kernel and libseccomp.
    fn seccomp_key(&self, c: &Confinement, kernel: (u32, u32)) -> std::path::PathBuf {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(b"hutch-seccomp-key-1\0");
        h.update(env!("CARGO_PKG_VERSION"));
        match &c.seccomp {
            SeccompSource::File { path, .. } => {
                use std::os::unix::fs::MetadataExt;
                let m = std::fs::metadata(path).ok();
                h.update(format!("file\0{path}\0{:?}\0", m.map(|m| (m.dev(), m.ino(), m.size(), m.mtime(), m.mtime_nsec()))));
            }
            SeccompSource::Inline(text) => h.update(format!("inline\0{text}\0")),
            SeccompSource::Builtin => h.update(b"builtin\0"),
            SeccompSource::Unconfined => {}
        }
        h.update(c.bounding.join(","));
        h.update(format!("\0{}\0{kernel:?}\0", crate::plan::seccomp::native_goarch()));
        if let Ok(v) = libseccomp::ScmpVersion::current() {
            h.update(format!("{}.{}.{}", v.major, v.minor, v.micro));
        }
        let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        self.paths.seccomp_cache().join(hex)
    }
}

/// MAJOR:MINOR of a block device, for the per-device limits.
fn block_device(path: &str) -> std::result::Result<(i64, i64), String> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let m = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    if !m.file_type().is_block_device() {
        return Err(format!("{path} is not a block device"));
    }
    let rdev = m.rdev();
    Ok((libc::major(rdev) as i64, libc::minor(rdev) as i64))
}

/// The warning Podman gives for limits on a cgroup v1 host, rootless.
pub const V1_LIMITS_WARNING: &str = "Resource limits are not supported and ignored on cgroups V1 rootless systems";

impl Engine {
    /// The container's resource limits, where this host can apply them. On cgroup v1 (or
    /// hybrid) they are dropped with Podman's warning and the fix; on v2 without the
    /// controllers delegated they are refused with the fix: never dropped silently.
    /// `conf_pids`: containers.conf's `pids_limit`, a default applied where it can be (as
    /// Podman's default is: never a warning for it).
    pub(crate) fn limits(&self, o: &crate::plan::resources::ResourceOptions, cgroups: Option<&str>, conf_pids: Option<i64>) -> Result<Option<oci_spec::runtime::LinuxResources>> {
        let uid = nix::unistd::geteuid().as_raw();
        let cg = crate::engine::cgroups::detect(std::path::Path::new("/sys/fs/cgroup"), uid);
        let mut o = o.clone();
        if o.pids_limit.is_none() {
            o.pids_limit = default_pids_limit(conf_pids, cgroups, &cg);
        }
        let r = crate::plan::resources::resources(&o, &block_device).map_err(|e| exit_error(125, e))?;
        let Some(r) = r else {
            // No limits: on cgroup v2 the container still gets a cgroup of its own where it
            // can (as Podman gives one), for `pause`, `stats` and a stop that reaches every
            // process; made on a best-effort basis at start (see supervisor::limits).
            let own = cgroups != Some("disabled") && cg.version == "v2";
            return Ok(own.then(oci_spec::runtime::LinuxResources::default));
        };
        if cgroups == Some("disabled") {
            return Err(exit_error(125, "resource limits need a cgroup: they cannot be set with --cgroups=disabled"));
        }
        if cg.version != "v2" {
            self.warn(V1_LIMITS_WARNING);
            if let Some(p) = &cg.problem {
                self.warn(p);
            }
            return Ok(None);
        }
        let plan = crate::plan::resources::v2_plan(&r);
        for u in &plan.unsupported {
            self.warn(u);
        }
        let missing: Vec<&str> = plan.controllers.iter().copied().filter(|c| !cg.delegated.iter().any(|d| d == c)).collect();
        if !missing.is_empty() {
            return Err(exit_error(125, format!(
                "the limits need the cgroup controllers {}, which are not delegated to you: add a drop-in \
                 /etc/systemd/system/user@.service.d/delegate.conf with `[Service]` and `Delegate=cpu cpuset io memory pids`, \
                 then `sudo systemctl daemon-reload` and log in again",
                missing.join(", ")
            )));
        }
        Ok(Some(r))
    }
}

/// containers.conf's `pids_limit` for a container whose command line sets none: applied
/// only where a delegated cgroup v2 `pids` controller takes it (0 or less: no limit).
fn default_pids_limit(conf: Option<i64>, cgroups: Option<&str>, cg: &crate::engine::cgroups::CgroupReport) -> Option<i64> {
    let n = conf.filter(|n| *n > 0)?;
    let usable = cgroups != Some("disabled") && cg.version == "v2" && cg.delegated.iter().any(|c| c == "pids");
    usable.then_some(n)
}

/// `--device HOST[:CONTAINER][:PERMISSIONS]` as Podman parses it → (host, container, writable).
pub fn parse_device(v: &str) -> std::result::Result<(String, String, bool), String> {
    let perms_like = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| "rwm".contains(c));
    let parts: Vec<&str> = v.split(':').collect();
    let (src, dst, perms) = match parts.as_slice() {
        [s] => (*s, *s, "rwm"),
        [s, p] if perms_like(p) => (*s, *s, *p),
        [s, d] => (*s, *d, "rwm"),
        [s, d, p] if perms_like(p) => (*s, *d, *p),
        _ => return Err(format!("invalid device specification: {v}")),
    };
    if !src.starts_with('/') || !dst.starts_with('/') {
        return Err(format!("invalid device specification {v}: paths must be absolute"));
    }
    Ok((src.to_string(), dst.to_string(), perms.contains('w')))
}

impl Engine {
    /// The devices to bind into the container: `--device`s, each checked for the caller's
    /// access, and with `--privileged` every host device in /dev the caller can open.
    pub(crate) fn devices(&self, given: &[String], privileged: bool, rules: &[String]) -> Result<Vec<(String, String, bool)>> {
        use std::os::unix::fs::FileTypeExt;
        if !rules.is_empty() {
            self.warn("--device-cgroup-rule needs control of the devices cgroup, which a rootless container does not have: the rules are not applied (devices given with --device are usable as the file permissions allow)");
        }
        let mut out = Vec::new();
        for d in given {
            let (src, dst, writable) = parse_device(d).map_err(|e| exit_error(125, e))?;
            let meta = std::fs::metadata(&src).map_err(|e| exit_error(125, format!("stat {src}: {e}")))?;
            let ft = meta.file_type();
            if !(ft.is_char_device() || ft.is_block_device() || ft.is_dir()) {
                return Err(exit_error(125, format!("{src} is not a device node or a directory of devices")));
            }
            let mode = if writable { nix::unistd::AccessFlags::R_OK | nix::unistd::AccessFlags::W_OK } else { nix::unistd::AccessFlags::R_OK };
            if nix::unistd::access(src.as_str(), mode).is_err() {
                return Err(exit_error(125, format!(
                    "--device {d}: you cannot open {src}{}, so a rootless container cannot either: add yourself to its group or give it an ACL",
                    if writable { " for reading and writing" } else { " for reading" }
                )));
            }
            out.push((src, dst, writable));
        }
        if privileged {
            let skip = ["/dev/console", "/dev/ptmx", "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"];
            let mut found: Vec<String> = std::fs::read_dir("/dev")
                .map(|rd| {
                    rd.flatten()
                        .filter(|e| e.file_type().is_ok_and(|t| t.is_char_device() || t.is_block_device()))
                        .map(|e| e.path().to_string_lossy().into_owned())
                        .filter(|p| !skip.contains(&p.as_str()) && !p.starts_with("/dev/tty"))
                        .filter(|p| nix::unistd::access(p.as_str(), nix::unistd::AccessFlags::R_OK).is_ok())
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            for p in found {
                if !out.iter().any(|(_, d, _)| *d == p) {
                    let w = nix::unistd::access(p.as_str(), nix::unistd::AccessFlags::W_OK).is_ok();
                    out.push((p.clone(), p, w));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::cgroups::CgroupReport;

    fn report(version: &str, delegated: &[&str]) -> CgroupReport {
        let delegated: Vec<String> = delegated.iter().map(|s| s.to_string()).collect();
        CgroupReport { version: version.into(), can_limit: delegated.clone(), delegated, problem: None }
    }

    #[test]
    fn the_conf_pids_limit_applies_only_where_a_delegated_pids_controller_takes_it() {
        let v2 = report("v2", &["memory", "pids"]);
        assert_eq!(super::default_pids_limit(Some(2048), None, &v2), Some(2048));
        assert_eq!(super::default_pids_limit(Some(0), None, &v2), None, "0: no limit");
        assert_eq!(super::default_pids_limit(None, None, &v2), None);
        assert_eq!(super::default_pids_limit(Some(2048), Some("disabled"), &v2), None);
        assert_eq!(super::default_pids_limit(Some(2048), None, &report("v2", &["memory"])), None);
        assert_eq!(super::default_pids_limit(Some(2048), None, &report("v1 (hybrid)", &[])), None, "silently, as Podman's default");
    }
}
