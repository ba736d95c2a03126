//! `--systemd`: when a container runs systemd as its init, and what that changes (Podman's
//! rules): tmpfs on /run, /run/lock, /tmp and /var/lib/journal, a cgroup tree systemd can
//! see, `container_uuid` in the environment, and SIGRTMIN+3 as the stop signal.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SystemdMode {
    /// When the command is systemd or an init (the default).
    #[default]
    Auto,
    Never,
    Always,
}

/// `--systemd true|false|always`.
pub fn parse(v: Option<&str>) -> Result<SystemdMode, String> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        None | Some("true") => Ok(SystemdMode::Auto),
        Some("false") => Ok(SystemdMode::Never),
        Some("always") => Ok(SystemdMode::Always),
        Some(_) => Err(format!("invalid --systemd value {:?}: use true, false or always", v.unwrap_or_default())),
    }
}

/// Set on a spec in systemd mode (so `create` gives it systemd's stop signal).
pub const ANNOTATION: &str = "io.hutch.systemd";

/// SIGRTMIN+3: what systemd takes as "halt".
pub const STOP_SIGNAL: i32 = 37;

/// Whether a container running `args` gets systemd mode.
pub fn active(mode: SystemdMode, args: &[String]) -> bool {
    match mode {
        SystemdMode::Never => false,
        SystemdMode::Always => true,
        SystemdMode::Auto => args.first().is_some_and(|c| {
            matches!(c.as_str(), "/usr/sbin/init" | "/sbin/init" | "/usr/local/sbin/init") || c.rsplit('/').next() == Some("systemd")
        }),
    }
}

/// The mounts systemd mode adds, as (destination, type, source, options). On a unified
/// (v2) host the container's own cgroup namespace is mounted; on v1, a tmpfs on
/// /sys/fs/cgroup with the host's name=systemd hierarchy bound in read-only, as rootless
/// Podman does.
pub fn mounts(cgroup_v2: bool) -> Vec<(&'static str, &'static str, &'static str, Vec<&'static str>)> {
    let tmpfs = |dest| (dest, "tmpfs", "tmpfs", vec!["rw", "rprivate", "nosuid", "nodev", "mode=1777"]);
    let mut out = vec![tmpfs("/run"), tmpfs("/run/lock"), tmpfs("/tmp"), tmpfs("/var/lib/journal")];
    if cgroup_v2 {
        out.push(("/sys/fs/cgroup", "cgroup2", "cgroup2", vec!["rw", "nosuid", "noexec", "nodev"]));
    } else {
        out.push(("/sys/fs/cgroup", "tmpfs", "tmpfs", vec!["rw", "nosuid", "noexec", "nodev", "mode=755"]));
        out.push(("/sys/fs/cgroup/systemd", "bind", "/sys/fs/cgroup/systemd", vec!["rbind", "nosuid", "noexec", "nodev", "ro"]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_rules() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse(None), Ok(SystemdMode::Auto));
        assert_eq!(parse(Some("ALWAYS")), Ok(SystemdMode::Always));
        assert!(parse(Some("yes")).is_err());
        for init in ["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init", "/lib/systemd/systemd", "systemd"] {
            assert!(active(SystemdMode::Auto, &a(&[init])), "{init}");
        }
        assert!(!active(SystemdMode::Auto, &a(&["/bin/init"])));
        assert!(!active(SystemdMode::Never, &a(&["/sbin/init"])));
        assert!(active(SystemdMode::Always, &a(&["sh"])));
        assert!(mounts(true).iter().any(|m| m.1 == "cgroup2"));
        assert!(mounts(false).iter().any(|m| m.0 == "/sys/fs/cgroup/systemd" && m.3.contains(&"ro")));
    }
}
