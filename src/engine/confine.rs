//! The engine's half of confinement: what `plan::security` needs from the host and the
//! config files, and the seccomp profile read, resolved for the container's capabilities,
//! and compiled once (programs are cached by profile in the store).

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::security::{self, Confinement, Defaults, SeccompSource, SecurityOptions};
use anyhow::Result;
use oci_spec::runtime::LinuxSeccomp;

/// Where Podman looks for the host's default profile, the override first.
const HOST_PROFILES: &[&str] = &["/etc/containers/seccomp.json", "/usr/share/containers/seccomp.json"];
/// The image label that carries a profile (`--seccomp-policy image`).
pub const IMAGE_PROFILE_LABEL: &str = "io.containers.seccomp.profile";

/// The caller's own (soft, hard) limit of `RLIMIT_X`.
fn own_limit(kind: &str) -> Option<(u64, u64)> {
    let t: oci_spec::runtime::PosixRlimitType = serde_json::from_value(serde_json::Value::String(kind.into())).ok()?;
    let res = crate::runtime::steps::resource(t).ok()?;
    let mut l = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit fills the struct it is given.
    (unsafe { libc::getrlimit(res, &mut l) } == 0).then_some((l.rlim_cur, l.rlim_max))
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
    ) -> Result<(Confinement, Option<LinuxSeccomp>)> {
        let all = kernel_caps();
        let apparmor = std::fs::read_to_string("/sys/module/apparmor/parameters/enabled").is_ok_and(|s| s.trim() == "Y");
        let defaults = Defaults {
            capabilities: conf.default_capabilities.as_deref(),
            ulimits: conf.default_ulimits.as_deref().unwrap_or(&[]),
            seccomp_profile: conf.seccomp_profile.as_deref(),
            host_profile: host_profile(),
            image_profile: image_labels.and_then(|l| l.get(IMAGE_PROFILE_LABEL)).map(String::as_str),
            all_caps: &all,
            own_limit: &own_limit,
            apparmor,
        };
        let c = security::resolve(o, &defaults).map_err(|e| exit_error(125, e))?;
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
        let release = nix::sys::utsname::uname().map(|u| u.release().to_string_lossy().into_owned()).unwrap_or_default();
        let host = crate::plan::seccomp::Host { caps: &c.bounding, goarch: crate::plan::seccomp::native_goarch(), kernel: crate::plan::seccomp::parse_release(&release) };
        let resolved = crate::plan::seccomp::resolve(&profile, &host).map_err(|e| exit_error(125, format!("seccomp profile {origin}: {e}")))?;
        crate::runtime::seccomp::program(&resolved, &self.paths.seccomp_cache())
            .map_err(|e| exit_error(125, format!("seccomp profile {origin}: {e:#}")))?;
        if warn_unknown {
            for name in crate::runtime::seccomp::unknown_names(&resolved) {
                self.warn(&format!("seccomp profile {origin}: syscall {name:?} is unknown here (libseccomp): skipped"));
            }
        }
        Ok((c, Some(resolved)))
    }
}
