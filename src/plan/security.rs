//! Confinement options → what the spec gets: capabilities, no_new_privs, which seccomp
//! profile, masked and read-only paths, resource limits (rlimits). Podman 4.3.1's rules
//! (`--cap-add/--cap-drop/--privileged/--security-opt/--ulimit/--seccomp-policy` and
//! containers.conf's `default_capabilities`, `default_ulimits`, `seccomp_profile`).

use crate::util::capnames::CAP_NAMES;
use oci_spec::runtime::{Capability, LinuxCapabilitiesBuilder};
use std::collections::HashSet;
use std::str::FromStr;

/// Podman's default capabilities (CapEff 00000000800405fb for root in the container).
pub const PODMAN_DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
    "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
    "CAP_SYS_CHROOT",
];

/// Capability names (`CAP_X`) as the spec's type.
pub fn cap_set(names: &[String]) -> HashSet<Capability> {
    names.iter().filter_map(|n| Capability::from_str(n.trim_start_matches("CAP_")).ok()).collect()
}

/// A process's capability sets, as Podman gives them: all of the bounding set to root; to
/// other users only what `--cap-add` named (effective, permitted, inheritable and ambient,
/// so they survive the exec), and within the bound whatever files grant.
pub fn capabilities_for(bounding: HashSet<Capability>, user_caps: HashSet<Capability>, uid: u32) -> Result<oci_spec::runtime::LinuxCapabilities, String> {
    let b = LinuxCapabilitiesBuilder::default().bounding(bounding.clone());
    let b = if uid == 0 {
        b.effective(bounding.clone()).permitted(bounding).inheritable(HashSet::new()).ambient(HashSet::new())
    } else {
        let user_caps: HashSet<Capability> = user_caps.intersection(&bounding).cloned().collect();
        b.effective(user_caps.clone()).permitted(user_caps.clone()).inheritable(user_caps.clone()).ambient(user_caps)
    };
    b.build().map_err(|e| e.to_string())
}


/// As given on the command line.
#[derive(Debug, Clone, Default)]
pub struct SecurityOptions {
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub security_opt: Vec<String>,
    pub ulimits: Vec<String>,
    /// `--seccomp-policy`: default, or image (the image's `io.containers.seccomp.profile` label).
    pub seccomp_policy: Option<String>,
}

/// What the host and the config files give.
pub struct Defaults<'a> {
    /// containers.conf `default_capabilities` (Podman's list when unset).
    pub capabilities: Option<&'a [String]>,
    /// containers.conf `default_ulimits`.
    pub ulimits: &'a [String],
    /// containers.conf `seccomp_profile`.
    pub seccomp_profile: Option<&'a str>,
    /// The host's default profile file, if it ships one (/etc/containers/seccomp.json, then
    /// /usr/share/containers/seccomp.json).
    pub host_profile: Option<&'a str>,
    /// The image's `io.containers.seccomp.profile` label.
    pub image_profile: Option<&'a str>,
    /// Every capability the running kernel has (`--privileged`, `--cap-add all`).
    pub all_caps: &'a [String],
    /// The caller's own (soft, hard) limit of a resource (`RLIMIT_NOFILE`...).
    pub own_limit: &'a dyn Fn(&str) -> Option<(u64, u64)>,
    /// AppArmor is enabled on this host.
    pub apparmor: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SeccompSource {
    Unconfined,
    /// hutch's own profile (the host ships none).
    Builtin,
    /// A profile file: the host's default (`explicit: false`) or the user's.
    File { path: String, explicit: bool },
    /// The profile itself, from the image's label.
    Inline(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rlimit {
    /// `RLIMIT_NOFILE`.
    pub kind: String,
    pub soft: u64,
    pub hard: u64,
}

#[derive(Debug, Clone)]
pub struct Confinement {
    /// The bounding set (`CAP_` names, in bit order).
    pub bounding: Vec<String>,
    /// What a non-root user gets (the `--cap-add` ones within the bound).
    pub user_caps: Vec<String>,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub no_new_privileges: bool,
    pub seccomp: SeccompSource,
    /// Extra masked paths (`mask=`), and what `unmask=` lifts (`ALL` for everything).
    pub mask: Vec<String>,
    pub unmask: Vec<String>,
    /// `proc-opts=`: options of the container's /proc mount.
    pub proc_opts: Vec<String>,
    pub rlimits: Vec<Rlimit>,
    /// The options as given, for inspect's HostConfig.SecurityOpt.
    pub security_opt: Vec<String>,
    /// `apparmor=PROFILE`: the loaded AppArmor profile the command runs under.
    pub apparmor_profile: Option<String>,
}

/// Podman's resource names for `--ulimit` and their RLIMIT_ constants.
pub const ULIMITS: &[(&str, &str)] = &[
    ("as", "RLIMIT_AS"), ("core", "RLIMIT_CORE"), ("cpu", "RLIMIT_CPU"), ("data", "RLIMIT_DATA"),
    ("fsize", "RLIMIT_FSIZE"), ("locks", "RLIMIT_LOCKS"), ("memlock", "RLIMIT_MEMLOCK"),
    ("msgqueue", "RLIMIT_MSGQUEUE"), ("nice", "RLIMIT_NICE"), ("nofile", "RLIMIT_NOFILE"),
    ("nproc", "RLIMIT_NPROC"), ("rss", "RLIMIT_RSS"), ("rtprio", "RLIMIT_RTPRIO"),
    ("rttime", "RLIMIT_RTTIME"), ("sigpending", "RLIMIT_SIGPENDING"), ("stack", "RLIMIT_STACK"),
];
/// Podman's ceiling for the default nofile/nproc (define.RLimitDefaultValue).
const RLIMIT_DEFAULT: u64 = 1_048_576;
pub const UNLIMITED: u64 = u64::MAX;

/// `net_admin`, `CAP_NET_ADMIN` → `CAP_NET_ADMIN`; `all` → `ALL`.
fn normalize(names: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for n in names {
        // Podman takes comma-separated lists too (`--cap-add net_admin,sys_time`).
        for part in n.split(',').filter(|p| !p.is_empty()) {
            let up = part.trim().to_ascii_uppercase();
            let full = if up == "ALL" || up.starts_with("CAP_") { up } else { format!("CAP_{up}") };
            if full != "ALL" && !CAP_NAMES.contains(&full.as_str()) {
                return Err(format!("{full:?}: unknown capability: use names like NET_ADMIN or CAP_NET_ADMIN (see capabilities(7))"));
            }
            if !out.contains(&full) {
                out.push(full);
            }
        }
    }
    Ok(out)
}

fn bit_order(mut caps: Vec<String>) -> Vec<String> {
    caps.sort_by_key(|c| CAP_NAMES.iter().position(|n| n == c));
    caps.dedup();
    caps
}

/// containers/common's MergeCapabilities: the base set with the drops taken out and the adds
/// put in; `ALL` in either.
fn merge(base: &[String], add: &[String], drop: &[String], all: &[String]) -> Result<Vec<String>, String> {
    if add.is_empty() && drop.is_empty() {
        return Ok(base.to_vec());
    }
    if drop.iter().any(|d| d == "ALL") {
        if add.iter().any(|a| a == "ALL") {
            return Err("adding all caps and removing all caps not allowed".into());
        }
        return Ok(add.to_vec());
    }
    let (base, add): (Vec<String>, Vec<String>) = if add.iter().any(|a| a == "ALL") { (all.to_vec(), vec![]) } else { (base.to_vec(), add.to_vec()) };
    if let Some(c) = add.iter().find(|c| drop.contains(c)) {
        return Err(format!("capability {c:?} cannot be dropped and added"));
    }
    Ok(base.into_iter().filter(|c| !drop.contains(c)).chain(add).collect())
}

/// One `--ulimit` value: `nofile=1024[:2048]`, -1 for unlimited.
pub fn parse_ulimit(s: &str) -> Result<Rlimit, String> {
    let (name, value) = s.split_once('=').ok_or_else(|| format!("invalid ulimit argument: {s}"))?;
    let kind = ULIMITS.iter().find(|(n, _)| *n == name).map(|(_, k)| k.to_string()).ok_or_else(|| format!("invalid ulimit type: {name}"))?;
    let num = |v: &str| -> Result<i64, String> { v.parse::<i64>().map_err(|_| format!("invalid ulimit argument: {s}: `{v}` is not a number")) };
    let (soft, hard) = match value.split_once(':') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(value)?, num(value)?),
    };
    let limit = |v: i64| -> Result<u64, String> {
        match v {
            -1 => Ok(UNLIMITED),
            v if v < 0 => Err(format!("invalid ulimit argument: {s}: use -1 for unlimited")),
            v => Ok(v as u64),
        }
    };
    let (soft, hard) = (limit(soft)?, limit(hard)?);
    if soft > hard {
        return Err(format!("ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}"));
    }
    Ok(Rlimit { kind, soft, hard })
}

fn show(v: u64) -> String {
    if v == UNLIMITED { "unlimited".into() } else { v.to_string() }
}

fn rlimits(o: &SecurityOptions, d: &Defaults) -> Result<Vec<Rlimit>, String> {
    let mut out: Vec<Rlimit> = Vec::new();
    let mut put = |r: Rlimit| {
        out.retain(|x| x.kind != r.kind);
        out.push(r);
    };
    if o.ulimits.iter().any(|u| u == "host") {
        // The caller's own limits, every one of them.
        for (_, kind) in ULIMITS {
            if let Some((soft, hard)) = (d.own_limit)(kind) {
                put(Rlimit { kind: kind.to_string(), soft, hard });
            }
        }
        if o.ulimits.len() > 1 {
            return Err("--ulimit host cannot be combined with other --ulimit values".into());
        }
        return Ok(out);
    }
    // Podman's defaults: nofile and nproc as high as the caller may set them (capped).
    for kind in ["RLIMIT_NOFILE", "RLIMIT_NPROC"] {
        if let Some((soft, hard)) = (d.own_limit)(kind) {
            let hard = hard.min(RLIMIT_DEFAULT);
            let soft = if kind == "RLIMIT_NOFILE" { hard } else { soft.min(hard) };
            put(Rlimit { kind: kind.to_string(), soft, hard });
        }
    }
    for (u, from) in d.ulimits.iter().map(|u| (u, "containers.conf default_ulimits")).chain(o.ulimits.iter().map(|u| (u, "--ulimit"))) {
        let r = parse_ulimit(u).map_err(|e| format!("{from} {u}: {e}"))?;
        if let Some((_, own_hard)) = (d.own_limit)(&r.kind) {
            if r.hard > own_hard {
                return Err(format!(
                    "{from} {u}: the hard limit {} is above your own ({}), which an unprivileged user cannot raise: ask for {} or less, or raise yours (e.g. in /etc/security/limits.conf)",
                    show(r.hard), show(own_hard), show(own_hard)
                ));
            }
        }
        put(r);
    }
    Ok(out)
}

pub fn resolve(o: &SecurityOptions, d: &Defaults) -> Result<Confinement, String> {
    let mut no_new_privileges = false;
    let mut seccomp_opt: Option<String> = None;
    let mut mask = Vec::new();
    let mut unmask = Vec::new();
    let mut proc_opts = Vec::new();
    let mut apparmor_profile = None;
    for opt in &o.security_opt {
        if opt == "no-new-privileges" {
            no_new_privileges = true;
            continue;
        }
        let (key, value) = opt.split_once('=').or_else(|| opt.split_once(':')).ok_or_else(|| format!("invalid --security-opt 1: {opt:?}"))?;
        match key {
            "no-new-privileges" => {
                no_new_privileges = value.parse::<bool>().map_err(|_| format!("invalid --security-opt 2: {opt:?}: use no-new-privileges=true or false"))?;
            }
            "seccomp" => {
                if value.is_empty() {
                    return Err(format!("invalid --security-opt {opt:?}: give seccomp=unconfined or seccomp=PROFILE.json"));
                }
                seccomp_opt = Some(value.to_string());
            }
            "apparmor" => {
                if value != "unconfined" && !d.apparmor {
                    return Err(format!("apparmor profile {value:?} specified, but Apparmor is not enabled on this system"));
                }
                apparmor_profile = (value != "unconfined" && !value.is_empty()).then(|| value.to_string());
            }
            "label" => {
                // SELinux labels: this host has no SELinux (hutch does not label), so the
                // values are checked and have nothing to apply to, as with Podman there.
                let ok = value == "disable" || value == "nested" || ["user:", "role:", "type:", "level:", "filetype:"].iter().any(|p| value.starts_with(p));
                if !ok {
                    return Err(format!("invalid --security-opt 2: {opt:?}"));
                }
            }
            "mask" => {
                for p in value.split(':').filter(|p| !p.is_empty()) {
                    if !p.starts_with('/') {
                        return Err(format!("--security-opt mask={value}: {p} must be an absolute path"));
                    }
                    mask.push(p.to_string());
                }
            }
            "unmask" => unmask.extend(value.split(':').filter(|p| !p.is_empty()).map(String::from)),
            "proc-opts" => proc_opts.extend(value.split(',').filter(|p| !p.is_empty()).map(String::from)),
            _ => return Err(format!("invalid --security-opt 2: {opt:?}")),
        }
    }

    let add = normalize(&o.cap_add)?;
    let drop = normalize(&o.cap_drop)?;
    let base = match d.capabilities {
        Some(list) if !list.is_empty() => normalize(list).map_err(|e| format!("containers.conf default_capabilities: {e}"))?,
        _ => PODMAN_DEFAULT_CAPS.iter().map(|s| s.to_string()).collect(),
    };
    let within = |caps: Vec<String>| bit_order(caps.into_iter().filter(|c| d.all_caps.contains(c)).collect());
    let bounding = if o.privileged { d.all_caps.to_vec() } else { within(merge(&base, &add, &drop, d.all_caps)?) };
    let user_caps = if add.iter().any(|a| a == "ALL") { d.all_caps.to_vec() } else { within(add.clone()) };

    let seccomp = match seccomp_opt.as_deref() {
        Some("unconfined") => SeccompSource::Unconfined,
        Some(path) => SeccompSource::File { path: path.to_string(), explicit: true },
        None if o.privileged => SeccompSource::Unconfined,
        None => match (o.seccomp_policy.as_deref().unwrap_or("default"), d.image_profile) {
            ("image", Some(text)) => SeccompSource::Inline(text.to_string()),
            ("default" | "image", _) => match d.seccomp_profile {
                Some("unconfined") => SeccompSource::Unconfined,
                Some(p) if !p.is_empty() => SeccompSource::File { path: p.to_string(), explicit: true },
                _ => match d.host_profile {
                    Some(p) => SeccompSource::File { path: p.to_string(), explicit: false },
                    None => SeccompSource::Builtin,
                },
            },
            (other, _) => return Err(format!("invalid --seccomp-policy {other:?}: use default or image")),
        },
    };

    Ok(Confinement {
        bounding,
        user_caps,
        cap_add: add,
        cap_drop: drop,
        privileged: o.privileged,
        no_new_privileges,
        seccomp,
        mask,
        unmask,
        proc_opts,
        rlimits: rlimits(o, d)?,
        security_opt: o.security_opt.clone(),
        apparmor_profile,
    })
}

/// The masked and read-only paths after `--privileged`, `mask=` and `unmask=`.
pub fn paths(c: &Confinement, masked: &[&str], readonly: &[&str]) -> (Vec<String>, Vec<String>) {
    if c.privileged {
        return (vec![], vec![]);
    }
    let all = c.unmask.iter().any(|u| u == "ALL");
    let lifted = |p: &str| all || c.unmask.iter().any(|u| crate::util::glob::glob(&u.chars().collect::<Vec<_>>(), &p.chars().collect::<Vec<_>>()) == Some(true));
    let mut m: Vec<String> = masked.iter().filter(|p| !lifted(p)).map(|p| p.to_string()).collect();
    for p in &c.mask {
        if !m.contains(p) {
            m.push(p.clone());
        }
    }
    let r = readonly.iter().filter(|p| !lifted(p)).map(|p| p.to_string()).collect();
    (m, r)
}

/// Podman's defaults with no options, for other modules' tests.
#[cfg(test)]
pub(crate) fn for_tests() -> &'static Confinement {
    let all: Vec<String> = CAP_NAMES.iter().map(|s| s.to_string()).collect();
    let c = resolve(&SecurityOptions::default(), &Defaults { capabilities: None, ulimits: &[], seccomp_profile: None, host_profile: None, image_profile: None, all_caps: &all, own_limit: &|_| None, apparmor: false }).expect("defaults resolve");
    Box::leak(Box::new(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<String> {
        CAP_NAMES.iter().map(|s| s.to_string()).collect()
    }

    fn with(o: &SecurityOptions) -> Result<Confinement, String> {
        let all = all();
        let limits = |k: &str| match k {
            "RLIMIT_NOFILE" => Some((1024, 524288)),
            "RLIMIT_NPROC" => Some((3000, 4000)),
            _ => Some((UNLIMITED, UNLIMITED)),
        };
        resolve(o, &Defaults { capabilities: None, ulimits: &[], seccomp_profile: None, host_profile: None, image_profile: None, all_caps: &all, own_limit: &limits, apparmor: false })
    }

    fn opts(f: impl FnOnce(&mut SecurityOptions)) -> SecurityOptions {
        let mut o = SecurityOptions::default();
        f(&mut o);
        o
    }

    #[test]
    fn capabilities_merge_as_podman_does() {
        let c = with(&SecurityOptions::default()).unwrap();
        assert_eq!(crate::runtime::caps::mask(&c.bounding).unwrap(), 0x8004_05fb);
        assert!(c.user_caps.is_empty());
        let c = with(&opts(|o| { o.cap_add = vec!["net_admin".into()]; o.cap_drop = vec!["CAP_CHOWN,kill".into()]; })).unwrap();
        assert!(c.bounding.contains(&"CAP_NET_ADMIN".into()) && !c.bounding.contains(&"CAP_CHOWN".into()) && !c.bounding.contains(&"CAP_KILL".into()));
        assert_eq!(c.user_caps, ["CAP_NET_ADMIN"]);
        let c = with(&opts(|o| { o.cap_drop = vec!["all".into()]; o.cap_add = vec!["NET_RAW".into()]; })).unwrap();
        assert_eq!(c.bounding, ["CAP_NET_RAW"]);
        assert_eq!(with(&opts(|o| o.cap_add = vec!["all".into()])).unwrap().bounding, all());
        assert_eq!(with(&opts(|o| o.privileged = true)).unwrap().bounding, all());
        assert_eq!(with(&opts(|o| o.cap_add = vec!["nope".into()])).unwrap_err(), "\"CAP_NOPE\": unknown capability: use names like NET_ADMIN or CAP_NET_ADMIN (see capabilities(7))");
        assert!(with(&opts(|o| { o.cap_add = vec!["chown".into()]; o.cap_drop = vec!["chown".into()]; })).unwrap_err().contains("cannot be dropped and added"));
    }

    #[test]
    fn security_opts() {
        let c = with(&opts(|o| o.security_opt = vec!["no-new-privileges".into(), "seccomp=/p.json".into(), "mask=/proc/a:/sys/b".into(), "unmask=/proc/kcore".into(), "label=disable".into()])).unwrap();
        assert!(c.no_new_privileges);
        assert_eq!(c.seccomp, SeccompSource::File { path: "/p.json".into(), explicit: true });
        let (m, r) = paths(&c, &["/proc/kcore", "/proc/keys"], &["/proc/sys"]);
        assert_eq!(m, ["/proc/keys", "/proc/a", "/sys/b"]);
        assert_eq!(r, ["/proc/sys"]);
        let c = with(&opts(|o| o.security_opt = vec!["unmask=ALL".into()])).unwrap();
        assert_eq!(paths(&c, &["/proc/kcore"], &["/proc/sys"]), (vec![], vec![]));
        assert_eq!(with(&opts(|o| o.security_opt = vec!["seccomp=unconfined".into()])).unwrap().seccomp, SeccompSource::Unconfined);
        assert_eq!(with(&opts(|o| o.privileged = true)).unwrap().seccomp, SeccompSource::Unconfined);
        assert_eq!(with(&SecurityOptions::default()).unwrap().seccomp, SeccompSource::Builtin);
        assert_eq!(with(&opts(|o| o.security_opt = vec!["bogus=1".into()])).unwrap_err(), "invalid --security-opt 2: \"bogus=1\"");
        assert_eq!(with(&opts(|o| o.security_opt = vec!["apparmor=x".into()])).unwrap_err(), "apparmor profile \"x\" specified, but Apparmor is not enabled on this system");
        assert_eq!(with(&opts(|o| o.security_opt = vec!["apparmor=unconfined".into()])).unwrap().apparmor_profile, None);
    }

    #[test]
    fn ulimits() {
        let c = with(&SecurityOptions::default()).unwrap();
        assert_eq!(c.rlimits, [Rlimit { kind: "RLIMIT_NOFILE".into(), soft: 524288, hard: 524288 }, Rlimit { kind: "RLIMIT_NPROC".into(), soft: 3000, hard: 4000 }]);
        let c = with(&opts(|o| o.ulimits = vec!["nofile=100:200".into(), "core=-1".into()])).unwrap();
        assert!(c.rlimits.contains(&Rlimit { kind: "RLIMIT_NOFILE".into(), soft: 100, hard: 200 }));
        assert!(c.rlimits.contains(&Rlimit { kind: "RLIMIT_CORE".into(), soft: UNLIMITED, hard: UNLIMITED }));
        assert_eq!(with(&opts(|o| o.ulimits = vec!["nofile=3:2".into()])).unwrap_err(), "--ulimit nofile=3:2: ulimit soft limit must be less than or equal to hard limit: 3 > 2");
        assert_eq!(with(&opts(|o| o.ulimits = vec!["files=3".into()])).unwrap_err(), "--ulimit files=3: invalid ulimit type: files");
        assert!(with(&opts(|o| o.ulimits = vec!["nofile=10:9999999".into()])).unwrap_err().contains("above your own (524288)"));
    }
}
