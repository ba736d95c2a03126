//! Which cgroup hierarchy the machine runs and whether rootless limits can be applied.
//! Rootless limits need cgroup v2 with the controllers delegated to the user's systemd
//! instance (`user@UID.service`). Pure functions over a cgroup root so tests can point them
//! at a directory laid out like a delegated tree.

use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CgroupReport {
    /// `v2`, `v1 (hybrid)` or `v1`.
    pub version: String,
    /// Controllers delegated to the caller (v2 only).
    pub delegated: Vec<String>,
    /// Limits that can be enforced, e.g. memory, pids, cpu.
    pub can_limit: Vec<String>,
    /// Why limits cannot be applied, with the fix; empty when they can.
    pub problem: Option<String>,
}

/// Looks at `root` (normally /sys/fs/cgroup) for user `uid`.
pub fn detect(root: &Path, uid: u32) -> CgroupReport {
    let unified = root.join("cgroup.controllers").exists();
    if !unified {
        let hybrid = root.join("unified").join("cgroup.procs").exists() || root.join("unified").is_dir();
        let version = if hybrid { "v1 (hybrid)" } else { "v1" }.to_string();
        return CgroupReport {
            version,
            delegated: vec![],
            can_limit: vec![],
            problem: Some(
                "cgroup v1 holds the resource controllers here, so rootless containers cannot get \
                 memory, cpu or pids limits; boot with `systemd.unified_cgroup_hierarchy=1` on the \
                 kernel command line to switch to cgroup v2"
                    .into(),
            ),
        };
    }
    let user_slice = root.join(format!("user.slice/user-{uid}.slice/user@{uid}.service"));
    let delegated: Vec<String> = std::fs::read_to_string(user_slice.join("cgroup.controllers"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let wanted = ["memory", "pids", "cpu", "io"];
    let can_limit: Vec<String> = wanted.iter().filter(|c| delegated.iter().any(|d| d == *c)).map(|s| s.to_string()).collect();
    let missing: Vec<&str> = wanted.iter().copied().filter(|c| !can_limit.iter().any(|d| d == c)).collect();
    let problem = (!missing.is_empty()).then(|| {
        format!(
            "cgroup v2 controllers not delegated to you: {}; add a drop-in \
             /etc/systemd/system/user@.service.d/delegate.conf with `[Service]` and \
             `Delegate=memory pids cpu io`, then `sudo systemctl daemon-reload` and log in again",
            missing.join(", ")
        )
    });
    CgroupReport { version: "v2".into(), delegated, can_limit, problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("hutch-cg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn delegated_v2_tree() {
        let d = tree("v2");
        std::fs::write(d.join("cgroup.controllers"), "cpuset cpu io memory hugetlb pids\n").unwrap();
        let u = d.join("user.slice/user-1000.slice/user@1000.service");
        std::fs::create_dir_all(&u).unwrap();
        std::fs::write(u.join("cgroup.controllers"), "memory pids\n").unwrap();
        let r = detect(&d, 1000);
        assert_eq!(r.version, "v2");
        assert_eq!(r.can_limit, ["memory", "pids"]);
        assert!(r.problem.unwrap().contains("cpu, io"));
        std::fs::write(u.join("cgroup.controllers"), "cpu io memory pids\n").unwrap();
        assert_eq!(detect(&d, 1000).problem, None);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn hybrid_tree_cannot_limit() {
        let d = tree("hybrid");
        std::fs::create_dir_all(d.join("unified")).unwrap();
        std::fs::create_dir_all(d.join("memory")).unwrap();
        let r = detect(&d, 1000);
        assert_eq!(r.version, "v1 (hybrid)");
        assert!(r.can_limit.is_empty());
        assert!(r.problem.unwrap().contains("unified_cgroup_hierarchy"));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
