//! The container's resource limits: its own cgroup in the caller's delegated cgroup v2
//! subtree, made and the process placed in it before the process runs (create only stores
//! limits where this can work; see engine::confine).

use crate::runtime::cgroup::{self, Kernel, Owned};
use anyhow::{Context, Result};
use oci_spec::runtime::Spec;
use std::path::Path;

/// In the container's run directory: the path of its cgroup while it runs (for `update`).
pub const CGROUP_FILE: &str = "cgroup";

/// The cgroup the container runs in, as its supervisor wrote it in `run_dir` (None: none).
pub fn recorded(run_dir: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_to_string(run_dir.join(CGROUP_FILE)).ok().map(|p| std::path::PathBuf::from(p.trim()))
}

/// Makes the container's cgroup and moves `pid` into it; None when it has none. One without
/// limits (empty resources) is made where it can be, and quietly not elsewhere (hutch run
/// from a login shell is outside the caller's delegated subtree).
pub fn attach(spec: &Spec, pid: i32, run_dir: &Path) -> Result<Option<Owned>> {
    let _ = std::fs::remove_file(run_dir.join(CGROUP_FILE));
    let Some(linux) = spec.linux().as_ref() else { return Ok(None) };
    let (Some(resources), Some(rel)) = (linux.resources().as_ref(), linux.cgroups_path().as_ref()) else { return Ok(None) };
    let plan = crate::plan::resources::v2_plan(resources);
    let optional = plan.controllers.is_empty() && plan.writes.is_empty();
    match attach_planned(&plan, rel, pid, run_dir) {
        Err(_) if optional => {
            // No cgroup this run: an earlier run's path must not be taken for this one's.
            let _ = std::fs::remove_file(run_dir.join(CGROUP_FILE));
            Ok(None)
        }
        r => r,
    }
}

fn attach_planned(plan: &crate::plan::resources::V2Plan, rel: &Path, pid: i32, run_dir: &Path) -> Result<Option<Owned>> {
    let uid = nix::unistd::geteuid().as_raw();
    let own = std::fs::read_to_string("/proc/self/cgroup").ok().and_then(|s| cgroup::own_cgroup(&s)).unwrap_or_default();
    let delegated = cgroup::delegated_root(&own, uid).with_context(|| {
        format!(
            "applying the container's resource limits: hutch runs in the cgroup {own}, outside your delegated subtree \
             (user@{uid}.service); run it from a systemd user unit, or as `systemd-run --user --scope hutch ...`"
        )
    })?;
    let rel = rel.to_string_lossy();
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    let dir = cgroup::create(&Kernel, Path::new("/sys/fs/cgroup"), &delegated, &parts, &plan.controllers, &plan.writes)?;
    let owned = Owned(dir);
    cgroup::place(&Kernel, &owned.0, pid)?;
    let _ = std::fs::write(run_dir.join(CGROUP_FILE), owned.0.to_string_lossy().as_bytes());
    Ok(Some(owned))
}
