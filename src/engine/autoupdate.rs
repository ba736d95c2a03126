//! `auto-update`, as Podman's: running containers labelled `io.containers.autoupdate`
//! (`registry`, its old name `image`, or `local`) that a systemd unit runs (the
//! `PODMAN_SYSTEMD_UNIT` label `run` records from the unit's environment) get their image's
//! newer version: pulled from the registry when the image there (for this platform) is not
//! the one the container runs (Podman compares manifest digests, so an image pushed from here
//! would count as newer), or already in the store under the name the container was made from. Their unit is then restarted
//! (`systemctl --user restart`, which waits for the unit to be ready), and where that fails
//! the old image gets its name back and the unit is restarted once more. Units made with
//! `generate systemd --new` or Quadlet make a fresh container from the name each time.
//!
//! As in Podman, a misconfigured container does not stop the others: its error is reported
//! and the rest are updated.

use crate::engine::pull::{PullOptions, RegistryOptions};
use crate::engine::Engine;
use crate::state::containers::{self as records, RootSource, Status};
use anyhow::{bail, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The label that holds a container's policy.
pub const POLICY_LABEL: &str = "io.containers.autoupdate";
/// The label naming an auth file for the container's registry.
pub const AUTHFILE_LABEL: &str = "io.containers.autoupdate.authfile";
/// The label (and environment variable of generated units) naming the unit.
pub const UNIT_LABEL: &str = "PODMAN_SYSTEMD_UNIT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Registry,
    Local,
}

impl Policy {
    /// `None` for no policy (`disabled`, or empty); an error names the valid ones.
    pub fn parse(s: &str) -> Result<Option<Policy>, String> {
        match s {
            "" | "disabled" => Ok(None),
            "registry" | "image" => Ok(Some(Policy::Registry)),
            "local" => Ok(Some(Policy::Local)),
            _ => Err(format!("invalid auto-update policy \"{s}\": valid policies are [\"disabled\" \"image\" \"local\" \"registry\"]")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Policy::Registry => "registry",
            Policy::Local => "local",
        }
    }
}

/// Checks at create what Podman checks: the registry policy needs a fully qualified name
/// of the docker transport, to know where to look for a newer image.
pub fn check_create(labels: &BTreeMap<String, String>, raw_image: &str) -> Result<(), String> {
    // Any other value, even one that is no policy, is for `auto-update` to report, as in Podman.
    if Policy::parse(labels.get(POLICY_LABEL).map_or("", String::as_str)) != Ok(Some(Policy::Registry)) {
        return Ok(());
    }
    let Some(name) = registry_name(raw_image) else {
        return Err(format!("auto updates require the docker image transport but image is of transport {:?}", raw_image.split(':').next().unwrap_or_default()));
    };
    match crate::image::reference::Reference::parse(&name) {
        Ok(r) if r.domain.is_none() => Err(format!("short name: auto updates require fully-qualified image reference: {raw_image:?}")),
        _ => Ok(()),
    }
}

/// The registry name a container's image name stands for (`docker://` taken off), or None
/// for another transport.
fn registry_name(raw_image: &str) -> Option<String> {
    match crate::plan::transport::parse(raw_image) {
        Ok(crate::plan::transport::Transport::Docker(r)) => Some(r),
        _ => None,
    }
}

#[derive(Debug, Clone, Default)]
pub struct AutoUpdateOptions {
    /// `--authfile`, for containers without their own label.
    pub authfile: Option<PathBuf>,
    pub dry_run: bool,
    pub rollback: bool,
}

/// One container's outcome; `updated` is Podman's word: true, false, pending, failed,
/// rolled back.
#[derive(Debug, Clone)]
pub struct AutoUpdateReport {
    pub unit: String,
    pub container_id: String,
    pub container_name: String,
    pub image: String,
    pub policy: &'static str,
    pub updated: &'static str,
}

struct Task {
    id: String,
    name: String,
    policy: Policy,
    /// The image the container runs, and the name it was made from.
    image_id: String,
    raw: String,
    authfile: Option<PathBuf>,
    status: &'static str,
}

impl Engine {
    /// Updates what needs it; the reports, and the errors of the containers that could not be.
    pub fn auto_update(&self, o: &AutoUpdateOptions) -> Result<(Vec<AutoUpdateReport>, Vec<String>)> {
        let mut errors = Vec::new();
        let mut units: BTreeMap<String, Vec<Task>> = BTreeMap::new();
        for rec in records::list(&self.paths)? {
            if rec.live_status() != Status::Running || rec.is_paused() {
                continue;
            }
            let labels = &rec.settings.labels;
            let policy = match Policy::parse(labels.get(POLICY_LABEL).map_or("", String::as_str)) {
                Ok(Some(p)) => p,
                Ok(None) => continue,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let Some(unit) = labels.get(UNIT_LABEL) else {
                errors.push(format!("auto-updating container \"{}\": no {UNIT_LABEL} label found", rec.id));
                continue;
            };
            let RootSource::Image { image_id, .. } = &rec.root else {
                errors.push(format!("auto-updating container \"{}\": it runs on a --rootfs directory, not an image", rec.id));
                continue;
            };
            let raw = rec.raw_image.as_deref().unwrap_or(&rec.image);
            let raw = registry_name(raw).unwrap_or_else(|| raw.to_string());
            let authfile = labels.get(AUTHFILE_LABEL).map(PathBuf::from).or_else(|| o.authfile.clone());
            units.entry(unit.clone()).or_default().push(Task {
                id: rec.id.clone(), name: rec.name.clone(), policy, image_id: image_id.clone(), raw, authfile, status: "failed",
            });
        }
        // A name pulled once is newer for every container made from it.
        let mut pulled = BTreeSet::new();
        let mut reports = Vec::new();
        for (unit, mut tasks) in units {
            self.update_unit(&unit, &mut tasks, o, &mut pulled, &mut errors);
            reports.extend(tasks.into_iter().map(|t| AutoUpdateReport {
                unit: unit.clone(), container_id: t.id, container_name: t.name, image: t.raw, policy: t.policy.name(), updated: t.status,
            }));
        }
        Ok((reports, errors))
    }

    fn update_unit(&self, unit: &str, tasks: &mut [Task], o: &AutoUpdateOptions, pulled: &mut BTreeSet<String>, errors: &mut Vec<String>) {
        let mut updated = false;
        for t in tasks.iter_mut() {
            match self.update_available(t, pulled) {
                Err(e) => {
                    t.status = "failed";
                    errors.push(format!("checking image updates for container {}: {e:#}", t.id));
                    continue;
                }
                Ok(false) => {
                    t.status = "false";
                    continue;
                }
                Ok(true) if o.dry_run => {
                    t.status = "pending";
                    continue;
                }
                Ok(true) => {}
            }
            if t.policy == Policy::Registry && !pulled.contains(&t.raw) {
                let po = PullOptions { reference: t.raw.clone(), registry: RegistryOptions { authfile: t.authfile.clone(), ..Default::default() }, ..Default::default() };
                if let Err(e) = self.pull(&po) {
                    t.status = "failed";
                    errors.push(format!("updating image for container {}: {e:#}", t.id));
                    continue;
                }
                pulled.insert(t.raw.clone());
            }
            updated = true;
        }
        if !updated {
            return;
        }
        let restarted = restart_unit(unit);
        for t in tasks.iter_mut() {
            t.status = if restarted.is_ok() { "true" } else { "failed" };
        }
        let Err(e) = restarted else { return };
        errors.push(format!("restarting unit {unit}: {e:#}"));
        if !o.rollback {
            return;
        }
        // The old image gets its name back, and the unit runs it again.
        for t in tasks.iter() {
            if let Err(e) = self.tag(&t.image_id, std::slice::from_ref(&t.raw)) {
                errors.push(format!("rolling back image for container {} in unit {unit}: {e:#}", t.id));
            }
            pulled.remove(&t.raw);
        }
        match restart_unit(unit) {
            Ok(()) => tasks.iter_mut().for_each(|t| t.status = "rolled back"),
            Err(e) => errors.push(format!("restarting unit {unit} during rollback: {e:#}")),
        }
    }

    fn update_available(&self, t: &Task, pulled: &BTreeSet<String>) -> Result<bool> {
        match t.policy {
            Policy::Local => Ok(self.find_image(&t.raw)?.id != t.image_id),
            Policy::Registry if pulled.contains(&t.raw) => Ok(true),
            Policy::Registry => {
                let o = RegistryOptions { authfile: t.authfile.clone(), ..Default::default() };
                // Newer where the registry's image (for this platform) is not the one the
                // container runs. As in Podman, a registry that cannot be asked now is no update
                // (a machine at the edge may be offline): a warning, not an error.
                match self.remote_image_id(&t.raw, &o) {
                    Ok(id) => Ok(id != t.image_id),
                    Err(e) => {
                        self.warn(&format!("checking {} for a newer image: {e:#} (no update)", t.raw));
                        Ok(false)
                    }
                }
            }
        }
    }
}

/// `systemctl --user restart UNIT`: waits for the job, and fails if the unit does not come up.
fn restart_unit(unit: &str) -> Result<()> {
    let out = std::process::Command::new("systemctl")
        .args(["--user", "restart", "--", unit])
        .stdin(std::process::Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => bail!("{}", String::from_utf8_lossy(&o.stderr).trim()),
        Err(e) => bail!("running systemctl (Debian's systemd package): {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_and_the_create_check() {
        assert_eq!(Policy::parse("image"), Ok(Some(Policy::Registry)));
        assert_eq!(Policy::parse("disabled"), Ok(None));
        assert_eq!(Policy::parse("nope").unwrap_err(), "invalid auto-update policy \"nope\": valid policies are [\"disabled\" \"image\" \"local\" \"registry\"]");
        let l = |p: &str| BTreeMap::from([(POLICY_LABEL.to_string(), p.to_string())]);
        assert_eq!(check_create(&l("registry"), "busybox").unwrap_err(), "short name: auto updates require fully-qualified image reference: \"busybox\"");
        assert!(check_create(&l("registry"), "quay.io/x/y:1").is_ok());
        assert!(check_create(&l("registry"), "docker://quay.io/x/y:1").is_ok());
        assert!(check_create(&l("registry"), "oci-archive:/x.tar").unwrap_err().contains("transport \"oci-archive\""));
        assert!(check_create(&l("local"), "busybox").is_ok());
        assert!(check_create(&BTreeMap::new(), "busybox").is_ok());
        assert!(check_create(&l("nope"), "busybox").is_ok());
    }
}
