//! Seccomp profiles in Docker's JSON format (the one Podman reads from
//! `/usr/share/containers/seccomp.json`) and their resolution into the OCI spec's
//! `linux.seccomp` for one container: rules are kept or dropped by the container's
//! capabilities, the host's architecture and kernel, as containers/common does.

use oci_spec::runtime::{Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompArgBuilder, LinuxSeccompOperator, LinuxSyscall};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    pub default_action: LinuxSeccompAction,
    #[serde(default)]
    pub default_errno_ret: Option<u32>,
    /// The errno's name beside its number (containers/common writes both); informational.
    #[serde(default)]
    pub default_errno: Option<String>,
    #[serde(default)]
    pub architectures: Vec<Arch>,
    #[serde(default)]
    pub arch_map: Vec<ArchMap>,
    #[serde(default)]
    pub syscalls: Vec<Rule>,
    #[serde(default)]
    pub flags: Vec<oci_spec::runtime::LinuxSeccompFilterFlag>,
    #[serde(default)]
    pub listener_path: Option<String>,
    #[serde(default)]
    pub listener_metadata: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ArchMap {
    pub architecture: Arch,
    #[serde(default)]
    pub sub_architectures: Vec<Arch>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rule {
    /// The old single-name form.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    pub action: LinuxSeccompAction,
    #[serde(default)]
    pub errno_ret: Option<u32>,
    #[serde(default)]
    pub errno: Option<String>,
    #[serde(default)]
    pub args: Option<Vec<Arg>>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub includes: Filter,
    #[serde(default)]
    pub excludes: Filter,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Arg {
    pub index: usize,
    pub value: u64,
    #[serde(default)]
    pub value_two: u64,
    pub op: LinuxSeccompOperator,
}

/// When a rule applies: `includes` needs all of it, `excludes` any of it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filter {
    #[serde(default)]
    pub caps: Vec<String>,
    /// Go's names: amd64, x32, 386, arm64, arm, s390x, ppc64le...
    #[serde(default)]
    pub arches: Vec<String>,
    #[serde(default)]
    pub min_kernel: Option<String>,
}

/// Parses a profile; a malformed one is refused with the line and column serde stopped at.
pub fn parse(text: &str, origin: &str) -> Result<Profile, String> {
    serde_json::from_str(text).map_err(|e| format!("seccomp profile {origin} is not valid: {e}"))
}

/// What a rule is resolved against.
pub struct Host<'a> {
    /// The container's capabilities (`CAP_` names).
    pub caps: &'a [String],
    /// Go's name for the host's architecture (`amd64`).
    pub goarch: &'a str,
    /// The running kernel as (major, minor).
    pub kernel: (u32, u32),
}

/// Go's architecture name for the one Rust was built for.
pub fn native_goarch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

fn native_arch() -> Option<Arch> {
    Some(match std::env::consts::ARCH {
        "x86_64" => Arch::ScmpArchX86_64,
        "x86" => Arch::ScmpArchX86,
        "aarch64" => Arch::ScmpArchAarch64,
        "arm" => Arch::ScmpArchArm,
        "riscv64" => Arch::ScmpArchRiscv64,
        "s390x" => Arch::ScmpArchS390x,
        "powerpc64" => Arch::ScmpArchPpc64le,
        _ => return None,
    })
}

/// `5.10` or `5.10.3` as (5, 10); anything else is an error.
fn kernel_version(s: &str) -> Option<(u32, u32)> {
    let mut it = s.split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next().map(|m| m.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("0").parse().ok()).unwrap_or(Some(0))?;
    Some((major, minor))
}

/// The running kernel's version from a `uname -r` string (`6.1.0-18-amd64`).
pub fn parse_release(release: &str) -> (u32, u32) {
    kernel_version(release).unwrap_or((0, 0))
}

fn applies(rule: &Rule, host: &Host) -> Result<bool, String> {
    let inc = &rule.includes;
    let exc = &rule.excludes;
    if !inc.arches.is_empty() && !inc.arches.iter().any(|a| a == host.goarch) {
        return Ok(false);
    }
    if exc.arches.iter().any(|a| a == host.goarch) {
        return Ok(false);
    }
    if !inc.caps.iter().all(|c| host.caps.iter().any(|h| h == c)) {
        return Ok(false);
    }
    if exc.caps.iter().any(|c| host.caps.iter().any(|h| h == c)) {
        return Ok(false);
    }
    let version = |k: &String| kernel_version(k).ok_or_else(|| format!("invalid minKernel `{k}` in the seccomp profile: use MAJOR.MINOR"));
    if let Some(k) = &inc.min_kernel {
        if host.kernel < version(k)? {
            return Ok(false);
        }
    }
    if let Some(k) = &exc.min_kernel {
        if host.kernel >= version(k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The profile for one container, in the OCI spec's form.
pub fn resolve(p: &Profile, host: &Host) -> Result<LinuxSeccomp, String> {
    if !p.architectures.is_empty() && !p.arch_map.is_empty() {
        return Err("the seccomp profile gives both `architectures` and `archMap`: use one".into());
    }
    let mut arches = p.architectures.clone();
    let native = native_arch();
    for m in &p.arch_map {
        if Some(m.architecture) == native {
            arches.push(m.architecture);
            arches.extend(m.sub_architectures.iter().copied());
        }
    }
    let mut syscalls = Vec::new();
    for rule in &p.syscalls {
        if rule.name.is_some() && !rule.names.is_empty() {
            return Err(format!("a seccomp rule gives both `name` ({}) and `names`: use one", rule.name.as_deref().unwrap_or_default()));
        }
        if !applies(rule, host)? {
            continue;
        }
        let names: Vec<String> = rule.name.iter().cloned().chain(rule.names.iter().cloned()).collect();
        if names.is_empty() {
            continue;
        }
        let args: Option<Vec<LinuxSeccompArg>> = rule.args.as_ref().filter(|a| !a.is_empty()).map(|args| {
            args.iter()
                .map(|a| {
                    LinuxSeccompArgBuilder::default().index(a.index).value(a.value).value_two(a.value_two).op(a.op).build().map_err(|e| e.to_string())
                })
                .collect::<Result<Vec<_>, String>>()
        }).transpose()?;
        let mut s = LinuxSyscall::default();
        s.set_names(names);
        s.set_action(rule.action);
        s.set_errno_ret(rule.errno_ret);
        s.set_args(args);
        syscalls.push(s);
    }
    let mut out = LinuxSeccomp::default();
    out.set_default_action(p.default_action);
    out.set_default_errno_ret(p.default_errno_ret);
    out.set_architectures((!arches.is_empty()).then_some(arches));
    out.set_flags((!p.flags.is_empty()).then(|| p.flags.clone()));
    out.set_listener_path(p.listener_path.as_ref().map(Into::into));
    out.set_listener_metadata(p.listener_metadata.clone());
    out.set_syscalls(Some(syscalls));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &str = r#"{
        "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38,
        "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
                    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}],
        "syscalls": [
            {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
            {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_CHROOT"]}},
            {"names": ["chroot"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_CHROOT"]}},
            {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64"]}},
            {"names": ["newer"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "9.1"}}
        ]}"#;

    fn names(s: &LinuxSeccomp) -> Vec<String> {
        s.syscalls().iter().flatten().map(|r| format!("{}:{:?}", r.names().join(","), r.action())).collect()
    }

    #[test]
    fn rules_follow_caps_arch_and_kernel() {
        let p = parse(PROFILE, "test").unwrap();
        let caps = vec!["CAP_SYS_CHROOT".to_string()];
        let with = resolve(&p, &Host { caps: &caps, goarch: "amd64", kernel: (6, 1) }).unwrap();
        assert_eq!(names(&with), ["read,write:ScmpActAllow", "personality:ScmpActAllow", "chroot:ScmpActAllow", "arch_prctl:ScmpActAllow"]);
        let without = resolve(&p, &Host { caps: &[], goarch: "arm64", kernel: (9, 2) }).unwrap();
        assert_eq!(names(&without), ["read,write:ScmpActAllow", "personality:ScmpActAllow", "chroot:ScmpActErrno", "newer:ScmpActAllow"]);
        assert_eq!(with.default_errno_ret(), Some(38));
        if std::env::consts::ARCH == "x86_64" {
            assert_eq!(with.architectures().as_ref().unwrap(), &[Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32]);
        }
    }

    #[test]
    fn malformed_profiles_name_the_place() {
        let e = parse("{\n  \"defaultAction\": \"SCMP_ACT_NOPE\"\n}", "p.json").unwrap_err();
        assert!(e.contains("p.json") && e.contains("line 2"), "{e}");
        let e = parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscals\": []}", "p.json").unwrap_err();
        assert!(e.contains("unknown field `syscals`"), "{e}");
        assert_eq!(parse_release("6.1.0-18-amd64"), (6, 1));
        assert_eq!(parse_release("6.18.44-fc-v1098"), (6, 18));
    }
}
