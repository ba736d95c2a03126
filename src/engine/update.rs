//! `hutch update`: new resource limits for a container, written into its cgroup at once
//! when it runs, and into its spec for its next start.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::resources::ResourceOptions;
use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::containers as records;
use anyhow::{Context, Result};
use oci_spec::runtime::{LinuxResources, Spec};

/// `new` over `old`: each limit given replaces the one before, the others stay.
fn merge(old: Option<&LinuxResources>, new: &LinuxResources) -> LinuxResources {
    let mut r = old.cloned().unwrap_or_default();
    if let Some(m) = new.memory() {
        let mut cur = r.memory().clone().unwrap_or_default();
        cur.set_limit(m.limit().or(cur.limit()));
        cur.set_reservation(m.reservation().or(cur.reservation()));
        cur.set_swap(m.swap().or(cur.swap()));
        cur.set_swappiness(m.swappiness().or(cur.swappiness()));
        r.set_memory(Some(cur));
    }
    if let Some(c) = new.cpu() {
        let mut cur = r.cpu().clone().unwrap_or_default();
        cur.set_shares(c.shares().or(cur.shares()));
        cur.set_quota(c.quota().or(cur.quota()));
        cur.set_period(c.period().or(cur.period()));
        cur.set_cpus(c.cpus().clone().or(cur.cpus().clone()));
        cur.set_mems(c.mems().clone().or(cur.mems().clone()));
        r.set_cpu(Some(cur));
    }
    if new.pids().is_some() {
        r.set_pids(new.pids().clone());
    }
    if new.block_io().is_some() {
        r.set_block_io(new.block_io().clone());
    }
    if let Some(u) = new.unified() {
        let mut cur = r.unified().clone().unwrap_or_default();
        cur.extend(u.clone());
        r.set_unified(Some(cur));
    }
    r
}

impl Engine {
    pub fn update(&self, key: &str, o: &ResourceOptions) -> Result<String> {
        let rec = self.find_container(key)?;
        if o.is_empty() {
            return Err(exit_error(125, "no limits to update: give at least one option (e.g. --memory 512m)"));
        }
        let new = self.limits(o, None, None)?.ok_or_else(|| {
            exit_error(125, format!("cannot update the resource limits of {}: this host cannot apply them (see the warning above)", rec.name))
        })?;
        // Settled first: healing a stale record takes the container's lock itself.
        let rec = self.settled(&rec.id)?;
        let _guard = records::lock_container(&self.paths, &rec.id)?;
        let path = self.paths.container_dir(&rec.id).join(records::SPEC_FILE);
        let mut spec: Spec = serde_json::from_slice(&std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?)
            .with_context(|| format!("decoding {}", path.display()))?;
        let mut linux = spec.linux().clone().unwrap_or_default();
        let merged = merge(linux.resources().as_ref(), &new);
        if rec.status == records::Status::Running {
            let cgroup = crate::supervisor::limits::recorded(&self.paths.container_run_dir(&rec.id)).ok_or_else(|| {
                exit_error(125, format!(
                    "container {} runs without a cgroup of its own (it was started without resource limits): stop it, then update and start it again",
                    rec.name
                ))
            })?;
            let plan = crate::plan::resources::v2_plan(&new);
            let dir = cgroup.as_path();
            // All or nothing: a file whose controller was not enabled at start is missing.
            if let Some((file, _)) = plan.writes.iter().find(|(f, _)| !dir.join(f).exists()) {
                return Err(exit_error(125, format!(
                    "container {} runs without {file} in its cgroup (that controller was not enabled when it started): stop it, update it, and start it again",
                    rec.name
                )));
            }
            for (file, value) in &plan.writes {
                crate::runtime::cgroup::write_limit(dir, file, value)?;
            }
        }
        if linux.cgroups_path().is_none() {
            linux.set_cgroups_path(Some(format!("hutch.slice/hutch-{}.scope", rec.id).into()));
        }
        linux.set_resources(Some(merged));
        spec.set_linux(Some(linux));
        write_json_atomic(&path, &spec, Durability::Atomic)?;
        Ok(rec.id)
    }
}
