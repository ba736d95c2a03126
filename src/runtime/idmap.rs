//! User-namespace id maps: the caller's subordinate ranges from /etc/subuid and /etc/subgid,
//! written through the setuid helpers newuidmap/newgidmap, or a single-id map without them.
//!
//! Container id 0 is the caller; ids 1..N are the caller's ranges, in file order.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IdRange {
    #[serde(rename = "container_id")]
    pub container: u32,
    #[serde(rename = "host_id")]
    pub host: u32,
    pub size: u32,
}

#[derive(Debug, Clone)]
pub struct IdMapping {
    pub uids: Vec<IdRange>,
    pub gids: Vec<IdRange>,
    /// newuidmap and newgidmap, when the full mapping is used.
    pub helpers: Option<(PathBuf, PathBuf)>,
    /// Why the mapping is a single id, with the fix (shown once per command).
    pub warning: Option<String>,
}

impl IdMapping {
    pub fn is_single(&self) -> bool {
        self.helpers.is_none()
    }
    /// Number of container uids available.
    pub fn uid_count(&self) -> u64 {
        self.uids.iter().map(|r| r.size as u64).sum()
    }
    pub fn gid_count(&self) -> u64 {
        self.gids.iter().map(|r| r.size as u64).sum()
    }
    /// The host uid for container uid `id`, if mapped.
    pub fn host_uid(&self, id: u32) -> Option<u32> {
        map_one(&self.uids, id)
    }
    pub fn host_gid(&self, id: u32) -> Option<u32> {
        map_one(&self.gids, id)
    }
}

fn map_one(ranges: &[IdRange], id: u32) -> Option<u32> {
    ranges
        .iter()
        .find(|r| id >= r.container && (id - r.container) < r.size)
        .map(|r| r.host + (id - r.container))
}

/// The ranges for `user` (or its numeric `id`) in a subuid/subgid file's text.
pub fn parse_subid(text: &str, user: &str, id: u32) -> Vec<(u32, u32)> {
    let id_s = id.to_string();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split(':');
            let (who, start, count) = (f.next()?, f.next()?, f.next()?);
            if who != user && who != id_s {
                return None;
            }
            Some((start.trim().parse().ok()?, count.trim().parse().ok()?))
        })
        .filter(|&(_, count): &(u32, u32)| count > 0)
        .collect()
}

/// Builds `0 -> own id` followed by the subordinate ranges, skipping any range that holds
/// the caller's own id (Podman rejects those too).
pub fn build_ranges(own: u32, subs: &[(u32, u32)]) -> Vec<IdRange> {
    let mut out = vec![IdRange { container: 0, host: own, size: 1 }];
    let mut next = 1u32;
    for &(start, count) in subs {
        if own >= start && own - start < count {
            continue;
        }
        out.push(IdRange { container: next, host: start, size: count });
        next = next.saturating_add(count);
    }
    out
}

/// Finds an executable in $PATH.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0).unwrap_or(false)
}

/// The caller's login name, from the password database (not $USER, which `su` may keep).
pub fn user_name(uid: u32) -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)).ok().flatten().map(|u| u.name)
}

/// A container's own mapping (`--userns`, `--uidmap`), written in its spec; None for one
/// that uses the caller's (a nested mapping too: its outer namespace has the caller's, and
/// the container maps the inner one itself). The helpers are the caller's.
pub fn from_spec(spec: &oci_spec::runtime::Spec, caller: &IdMapping) -> Option<IdMapping> {
    let ann = spec.annotations().as_ref()?;
    ann.get(crate::plan::spec::ANN_USERNS_FUSE)?;
    if ann.contains_key(crate::plan::spec::ANN_USERNS_NESTED_UIDS) {
        return None;
    }
    let linux = spec.linux().as_ref()?;
    let ranges = |m: &Option<Vec<oci_spec::runtime::LinuxIdMapping>>| -> Vec<IdRange> {
        m.iter().flatten().map(|r| IdRange { container: r.container_id(), host: r.host_id(), size: r.size() }).collect()
    };
    Some(IdMapping { uids: ranges(linux.uid_mappings()), gids: ranges(linux.gid_mappings()), helpers: caller.helpers.clone(), warning: None })
}

/// Works out the mapping for the caller, with the warning and fix when it must be a single id.
pub fn for_caller() -> IdMapping {
    let uid = nix::unistd::geteuid().as_raw();
    let gid = nix::unistd::getegid().as_raw();
    let name = user_name(uid).unwrap_or_else(|| uid.to_string());
    let single = |warning: String| IdMapping {
        uids: vec![IdRange { container: 0, host: uid, size: 1 }],
        gids: vec![IdRange { container: 0, host: gid, size: 1 }],
        helpers: None,
        warning: Some(warning),
    };
    let subuid = std::fs::read_to_string("/etc/subuid").unwrap_or_default();
    let subgid = std::fs::read_to_string("/etc/subgid").unwrap_or_default();
    let su = parse_subid(&subuid, &name, uid);
    let sg = parse_subid(&subgid, &name, uid);
    if su.is_empty() || sg.is_empty() {
        let which = if su.is_empty() { "/etc/subuid" } else { "/etc/subgid" };
        return single(format!(
            "no subordinate id range for {name} in {which}: using a single-id mapping, so only \
             uid 0 exists in containers and images with other owners cannot be used. Fix: \
             `sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {name}` \
             (or add `{name}:100000:65536` to /etc/subuid and /etc/subgid)"
        ));
    }
    let (Some(nu), Some(ng)) = (find_in_path("newuidmap"), find_in_path("newgidmap")) else {
        return single(
            "newuidmap/newgidmap not found in $PATH: using a single-id mapping, so only uid 0 \
             exists in containers. Fix: `sudo apt-get install uidmap` (the shadow utilities)"
                .to_string(),
        );
    };
    IdMapping {
        uids: build_ranges(uid, &su),
        gids: build_ranges(gid, &sg),
        helpers: Some((nu, ng)),
        warning: None,
    }
}

fn helper_args(pid: i32, ranges: &[IdRange]) -> Vec<String> {
    let mut a = vec![pid.to_string()];
    for r in ranges {
        a.extend([r.container.to_string(), r.host.to_string(), r.size.to_string()]);
    }
    a
}

fn spawn_helper(helper: &Path, pid: i32, ranges: &[IdRange]) -> Result<std::process::Child> {
    Command::new(helper)
        .args(helper_args(pid, ranges))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .with_context(|| format!("running {}", helper.display()))
}

fn check_helper(helper: &Path, child: std::process::Child) -> Result<()> {
    let out = child.wait_with_output().with_context(|| format!("waiting for {}", helper.display()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut hint = String::new();
        if let Ok(m) = std::fs::metadata(helper) {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            if m.permissions().mode() & 0o4000 == 0 || m.uid() != 0 {
                hint = format!(
                    " ({} is not setuid root: reinstall it with `sudo apt-get install --reinstall uidmap`)",
                    helper.display()
                );
            }
        }
        bail!("{} failed ({}): {}{hint}", helper.display(), out.status, stderr.trim());
    }
    Ok(())
}

/// A mapping being written: the helpers run while the caller does other work.
pub struct Applying {
    helpers: Option<[(PathBuf, std::process::Child); 2]>,
}

impl Applying {
    /// Waits for the helpers and checks what they said.
    pub fn finish(self) -> Result<()> {
        if let Some([(nu, uid_helper), (ng, gid_helper)]) = self.helpers {
            let uid_result = check_helper(&nu, uid_helper);
            check_helper(&ng, gid_helper)?;
            uid_result?;
        }
        Ok(())
    }
}

/// Starts writing the mapping of process `pid`, which must be in a fresh user namespace:
/// newuidmap and newgidmap run at the same time; a single-id map is written at once.
pub fn start_apply(pid: i32, m: &IdMapping) -> Result<Applying> {
    match &m.helpers {
        Some((nu, ng)) => {
            let uid_helper = spawn_helper(nu, pid, &m.uids)?;
            let gid_helper = match spawn_helper(ng, pid, &m.gids) {
                Ok(c) => c,
                Err(e) => {
                    let _ = uid_helper.wait_with_output();
                    return Err(e);
                }
            };
            Ok(Applying { helpers: Some([(nu.clone(), uid_helper), (ng.clone(), gid_helper)]) })
        }
        None => {
            let write = |file: &str, text: String| {
                let p = format!("/proc/{pid}/{file}");
                std::fs::write(&p, text).with_context(|| format!("writing {p}"))
            };
            write("setgroups", "deny".into())?;
            let line = |r: &IdRange| format!("{} {} {}\n", r.container, r.host, r.size);
            write("uid_map", m.uids.iter().map(line).collect())?;
            write("gid_map", m.gids.iter().map(line).collect())?;
            Ok(Applying { helpers: None })
        }
    }
}

/// Writes the mapping of process `pid` and waits until it is in place.
pub fn apply(pid: i32, m: &IdMapping) -> Result<()> {
    start_apply(pid, m)?.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subid_by_name_and_uid() {
        let text = "# comment\nalice:100000:65536\nbob:165536:65536\n1001:300000:1000\nalice:400000:0\n";
        assert_eq!(parse_subid(text, "alice", 1000), vec![(100000, 65536)]);
        assert_eq!(parse_subid(text, "carol", 1001), vec![(300000, 1000)]);
        assert!(parse_subid(text, "dave", 1002).is_empty());
    }

    #[test]
    fn ranges_start_with_self_and_skip_own_id() {
        let r = build_ranges(1000, &[(100000, 65536), (500, 1000), (300000, 10)]);
        assert_eq!(r[0], IdRange { container: 0, host: 1000, size: 1 });
        assert_eq!(r[1], IdRange { container: 1, host: 100000, size: 65536 });
        assert_eq!(r[2], IdRange { container: 65537, host: 300000, size: 10 });
        assert_eq!(r.len(), 3);
        assert_eq!(helper_args(7, &r[..2]), ["7", "0", "1000", "1", "1", "100000", "65536"]);
    }

    #[test]
    fn maps_single_ids() {
        let m = IdMapping { uids: build_ranges(1000, &[(100000, 65536)]), gids: vec![], helpers: None, warning: None };
        assert_eq!(m.host_uid(0), Some(1000));
        assert_eq!(m.host_uid(1), Some(100000));
        assert_eq!(m.host_uid(65536), Some(165535));
        assert_eq!(m.host_uid(65537), None);
        assert_eq!(m.uid_count(), 65537);
    }
}
