//! The process an `exec` runs: the container's own process (its environment, user, working
//! directory and capabilities) with the exec's options on top, as Podman does.

use crate::plan::{env, user};
use crate::plan::security::capabilities_for;
use oci_spec::runtime::{Capability, Process, UserBuilder};
use std::collections::HashSet;
use std::str::FromStr;

pub struct ExecInput<'a> {
    pub command: &'a [String],
    pub tty: bool,
    /// `-u`: resolved against the container's current /etc/passwd and /etc/group.
    pub user: Option<&'a str>,
    pub passwd: &'a str,
    pub group: &'a str,
    pub workdir: Option<&'a str>,
    /// `-e` and `--env-file` entries in order, each with where it came from.
    pub env_entries: &'a [(String, String)],
    pub host_env: &'a dyn Fn(&str) -> Option<String>,
    pub privileged: bool,
    /// setgroups(2) is denied (single-id mapping).
    pub single_mapping: bool,
}

/// Every capability the kernel knows (for `--privileged`).
fn all_caps() -> HashSet<Capability> {
    crate::util::capnames::CAP_NAMES.iter().filter_map(|n| Capability::from_str(n.trim_start_matches("CAP_")).ok()).collect()
}

pub fn exec_process(base: &Process, i: &ExecInput) -> Result<Process, String> {
    if i.command.is_empty() {
        return Err("must provide a non-empty command to start an exec session".into());
    }
    let mut p = base.clone();
    p.set_args(Some(i.command.to_vec()));
    p.set_terminal(Some(i.tty));
    let mut envs = base.env().clone().unwrap_or_default();
    if i.tty && env::get(&envs, "TERM").is_none() {
        envs.push("TERM=xterm".into());
    }
    for (entry, origin) in i.env_entries {
        env::apply_entry(&mut envs, entry, origin, i.host_env)?;
    }
    if let Some(w) = i.workdir {
        if !w.starts_with('/') {
            return Err(format!("invalid workdir `{w}`: it must be an absolute path"));
        }
        p.set_cwd(w.into());
    }
    if let Some(u) = i.user {
        let who = user::resolve(u, i.passwd, i.group)?;
        let groups = if i.single_mapping { vec![] } else { who.additional_gids.clone() };
        let built = UserBuilder::default().uid(who.uid).gid(who.gid).additional_gids(groups).build().map_err(|e| e.to_string())?;
        p.set_user(built);
        env::set(&mut envs, "HOME", &who.home);
        // The container's bound, given as at create: all of it to root, none to others.
        if let Some(c) = p.capabilities().clone() {
            p.set_capabilities(Some(capabilities_for(c.bounding().clone().unwrap_or_default(), Default::default(), who.uid)?));
        }
    }
    if i.privileged {
        let uid = p.user().uid();
        p.set_capabilities(Some(capabilities_for(all_caps(), all_caps(), uid)?));
    }
    p.set_env(Some(envs));
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oci_spec::runtime::ProcessBuilder;

    fn base() -> Process {
        ProcessBuilder::default()
            .args(vec!["sleep".to_string(), "100".to_string()])
            .env(vec!["PATH=/bin".to_string(), "A=1".to_string()])
            .cwd("/srv")
            .build()
            .unwrap()
    }

    #[test]
    fn exec_keeps_the_containers_process_and_adds_its_options() {
        let host = |_: &str| None;
        let entries = vec![("B=2".to_string(), "-e".to_string()), ("A=3".to_string(), "-e".to_string())];
        let cmd = vec!["sh".to_string()];
        let i = ExecInput { command: &cmd, tty: true, user: Some("tester"), passwd: "tester:x:1000:1000::/home/t:/bin/sh\n", group: "", workdir: Some("/tmp"),
            env_entries: &entries, host_env: &host, privileged: false, single_mapping: false };
        let p = exec_process(&base(), &i).unwrap();
        assert_eq!(p.args().as_ref().unwrap(), &cmd);
        assert_eq!(p.user().uid(), 1000);
        assert_eq!(p.cwd().to_str(), Some("/tmp"));
        let env = p.env().as_ref().unwrap();
        assert!(env.contains(&"A=3".to_string()) && env.contains(&"B=2".to_string()) && env.contains(&"TERM=xterm".to_string()));
        assert!(env.contains(&"HOME=/home/t".to_string()));
        let i2 = ExecInput { command: &[], ..i };
        assert!(exec_process(&base(), &i2).is_err());
    }
}
