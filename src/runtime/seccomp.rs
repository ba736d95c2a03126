//! Seccomp: a resolved profile compiled to a BPF program by libseccomp, once (the program
//! and the profile are cached in the store under a key engine::confine chooses, which the
//! container's spec names), and installed between fork and exec with one seccomp(2) call
//! on memory prepared before the fork.

use anyhow::{anyhow, bail, Context, Result};
use libseccomp::{ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext, ScmpSyscall};
use oci_spec::runtime::{LinuxSeccomp, LinuxSeccompAction, LinuxSeccompFilterFlag, LinuxSeccompOperator};
use std::path::Path;
use std::str::FromStr;

/// A compiled filter, ready for the kernel.
#[derive(Debug, Clone)]
pub struct Program {
    pub filter: Vec<libc::sock_filter>,
    /// SECCOMP_FILTER_FLAG_* bits.
    pub flags: libc::c_ulong,
}


const EPERM: i32 = libc::EPERM;

fn action(a: LinuxSeccompAction, errno: Option<u32>, default_errno: i32) -> Result<ScmpAction> {
    Ok(match a {
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => ScmpAction::KillThread,
        LinuxSeccompAction::ScmpActKillProcess => ScmpAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => ScmpAction::Trap,
        LinuxSeccompAction::ScmpActErrno => ScmpAction::Errno(errno.map(|e| e as i32).unwrap_or(default_errno)),
        LinuxSeccompAction::ScmpActTrace => ScmpAction::Trace(errno.map(|e| e as u16).unwrap_or(EPERM as u16)),
        LinuxSeccompAction::ScmpActLog => ScmpAction::Log,
        LinuxSeccompAction::ScmpActAllow => ScmpAction::Allow,
        LinuxSeccompAction::ScmpActNotify => bail!("seccomp action SCMP_ACT_NOTIFY needs a listener, which hutch does not run: use another action"),
    })
}

fn compare(op: LinuxSeccompOperator, value: u64, value_two: u64) -> (ScmpCompareOp, u64) {
    match op {
        LinuxSeccompOperator::ScmpCmpNe => (ScmpCompareOp::NotEqual, value),
        LinuxSeccompOperator::ScmpCmpLt => (ScmpCompareOp::Less, value),
        LinuxSeccompOperator::ScmpCmpLe => (ScmpCompareOp::LessOrEqual, value),
        LinuxSeccompOperator::ScmpCmpEq => (ScmpCompareOp::Equal, value),
        LinuxSeccompOperator::ScmpCmpGe => (ScmpCompareOp::GreaterEqual, value),
        LinuxSeccompOperator::ScmpCmpGt => (ScmpCompareOp::Greater, value),
        // The OCI form: `value` is the mask, `valueTwo` what the masked argument must equal.
        LinuxSeccompOperator::ScmpCmpMaskedEq => (ScmpCompareOp::MaskedEqual(value), value_two),
    }
}

fn flags(s: &LinuxSeccomp) -> libc::c_ulong {
    s.flags().iter().flatten().fold(0, |f, flag| {
        f | match flag {
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => 2,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => 4,
            // Threads: there is one, so synchronising them has nothing to do.
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => 0,
            _ => 0,
        }
    })
}

/// The syscall names in `s` this libseccomp does not know (compiling skips them).
pub fn unknown_names(s: &LinuxSeccomp) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in s.syscalls().iter().flatten().flat_map(|r| r.names()) {
        if ScmpSyscall::from_name(name).is_err() && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// Compiles a profile; syscall names libseccomp does not know are skipped.
pub fn compile(s: &LinuxSeccomp) -> Result<Vec<u8>> {
    let default = action(s.default_action(), s.default_errno_ret(), EPERM)?;
    let mut ctx = ScmpFilterContext::new(default).context("libseccomp: creating a filter")?;
    // hutch sets no_new_privs itself, only when asked.
    ctx.set_ctl_nnp(false)?;
    // A binary tree of syscall numbers instead of a linear list: fewer instructions per call.
    ctx.set_ctl_optimize(2)?;
    for arch in s.architectures().iter().flatten() {
        let name = arch.to_string();
        let a = ScmpArch::from_str(&name).map_err(|_| anyhow!("seccomp architecture {name} is unknown to libseccomp"))?;
        ctx.add_arch(a).with_context(|| format!("libseccomp: adding architecture {name}"))?;
    }
    for rule in s.syscalls().iter().flatten() {
        // A rule's SCMP_ACT_ERRNO without errnoRet is EPERM, as runc and crun read it.
        let act = action(rule.action(), rule.errno_ret(), EPERM)?;
        if act == default {
            // libseccomp refuses rules that do what the default does; they change nothing.
            continue;
        }
        let args = rule.args().clone().unwrap_or_default();
        let conds: Vec<ScmpArgCompare> = args
            .iter()
            .map(|a| {
                let (op, datum) = compare(a.op(), a.value(), a.value_two().unwrap_or(0));
                ScmpArgCompare::new(a.index() as u32, op, datum)
            })
            .collect();
        // Conditions on one argument index each make a rule of their own (any may match);
        // on distinct indexes they make one rule (all must match). runc and crun do the same.
        let mut seen = std::collections::HashSet::new();
        let distinct = args.iter().all(|a| seen.insert(a.index()));
        let groups: Vec<Vec<ScmpArgCompare>> = if distinct { vec![conds] } else { conds.into_iter().map(|c| vec![c]).collect() };
        for name in rule.names() {
            let Ok(sc) = ScmpSyscall::from_name(name) else { continue };
            for g in &groups {
                ctx.add_rule_conditional(act, sc, g).with_context(|| format!("seccomp rule for {name}"))?;
            }
        }
    }
    export(&ctx)
}

/// The BPF program libseccomp made of `ctx`.
fn export(ctx: &ScmpFilterContext) -> Result<Vec<u8>> {
    let mut tmp = tempfile_in_memory()?;
    ctx.export_bpf(&tmp).context("libseccomp: exporting the filter")?;
    use std::io::{Read, Seek};
    tmp.rewind()?;
    let mut bpf = Vec::new();
    tmp.read_to_end(&mut bpf)?;
    Ok(bpf)
}

fn tempfile_in_memory() -> Result<std::fs::File> {
    let fd = nix::sys::memfd::memfd_create(c"hutch-seccomp", nix::sys::memfd::MFdFlags::MFD_CLOEXEC).context("memfd_create")?;
    Ok(std::fs::File::from(fd))
}

fn decode(bpf: &[u8], flags: libc::c_ulong) -> Result<Program> {
    if bpf.is_empty() || bpf.len() % 8 != 0 || bpf.len() / 8 > u16::MAX as usize {
        bail!("a compiled seccomp program of {} bytes is not a BPF program", bpf.len());
    }
    let filter = bpf
        .chunks_exact(8)
        .map(|c| libc::sock_filter {
            code: u16::from_ne_bytes([c[0], c[1]]),
            jt: c[2],
            jf: c[3],
            k: u32::from_ne_bytes([c[4], c[5], c[6], c[7]]),
        })
        .collect();
    Ok(Program { filter, flags })
}

/// The filter that lets the supervisor hand published ports' host sockets to the container
/// (supervisor/handover.rs): `listen` and `bind` go to the supervisor, which answers them
/// through the listener this filter makes; TCP Fast Open on a client socket is refused as a
/// kernel without it refuses it (a handed socket must not send data before a handshake it
/// cannot finish). Every other call is left to the container's own profile.
pub fn handover_program() -> Result<Program> {
    let mut ctx = ScmpFilterContext::new(ScmpAction::Allow).context("libseccomp: creating a filter")?;
    ctx.set_ctl_nnp(false)?;
    // Calls of another architecture (a 32-bit program) are the container's profile's to judge:
    // this filter only watches native ones (such a program's ports stay with the forwarder).
    ctx.set_act_badarch(ScmpAction::Allow)?;
    for name in ["listen", "bind"] {
        ctx.add_rule(ScmpAction::Notify, ScmpSyscall::from_name(name)?).with_context(|| format!("seccomp rule for {name}"))?;
    }
    let fastopen = libc::MSG_FASTOPEN as u64;
    for (name, flags_arg) in [("sendto", 3), ("sendmsg", 2), ("sendmmsg", 3)] {
        let cond = ScmpArgCompare::new(flags_arg, ScmpCompareOp::MaskedEqual(fastopen), fastopen);
        ctx.add_rule_conditional(ScmpAction::Errno(libc::EOPNOTSUPP), ScmpSyscall::from_name(name)?, &[cond])?;
    }
    let tcp = ScmpArgCompare::new(1, ScmpCompareOp::Equal, libc::IPPROTO_TCP as u64);
    let connect_opt = ScmpArgCompare::new(2, ScmpCompareOp::Equal, libc::TCP_FASTOPEN_CONNECT as u64);
    ctx.add_rule_conditional(ScmpAction::Errno(libc::ENOPROTOOPT), ScmpSyscall::from_name("setsockopt")?, &[tcp, connect_opt])?;
    decode(&export(&ctx)?, libc::SECCOMP_FILTER_FLAG_NEW_LISTENER)
}

/// The program for a profile carried in a spec itself (hutch's own specs name a cached one).
pub fn program(s: &LinuxSeccomp) -> Result<Program> {
    decode(&compile(s)?, flags(s))
}

/// The program cached at `PREFIX.bpf`, made again from `PREFIX.json` (the resolved
/// profile) when the program is missing. What a container's spec names.
pub fn cached(prefix: &Path) -> Result<Program> {
    let bpf_path = prefix.with_extension("bpf");
    // The usual case: one small read (the filter flags beside it, when the profile has any).
    if let Ok(bpf) = std::fs::read(&bpf_path) {
        let flags = std::fs::read_to_string(prefix.with_extension("flags")).ok().and_then(|f| f.trim().parse().ok()).unwrap_or(0);
        if let Ok(p) = decode(&bpf, flags) {
            return Ok(p);
        }
    }
    let json = prefix.with_extension("json");
    let s: LinuxSeccomp = serde_json::from_slice(&std::fs::read(&json).with_context(|| {
        format!("reading the container's seccomp profile {} (the store's seccomp cache was removed: create the container again)", json.display())
    })?)
    .with_context(|| format!("decoding {}", json.display()))?;
    let bpf = compile(&s)?;
    let _ = std::fs::write(&bpf_path, &bpf);
    decode(&bpf, flags(&s))
}

/// Compiles `s` and caches both it and its program under `prefix` (`.json`, `.bpf`).
pub fn store(s: &LinuxSeccomp, prefix: &Path) -> Result<()> {
    let bpf = compile(s)?;
    decode(&bpf, flags(s))?;
    if let Some(dir) = prefix.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    if flags(s) != 0 {
        std::fs::write(prefix.with_extension("flags"), flags(s).to_string()).with_context(|| format!("writing {}", prefix.with_extension("flags").display()))?;
    }
    for (ext, bytes) in [("bpf", bpf), ("json", serde_json::to_vec(s)?)] {
        let path = prefix.with_extension(ext);
        let tmp = prefix.with_extension(format!("{ext}.tmp{}", std::process::id()));
        if std::fs::write(&tmp, &bytes).is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    Ok(())
}

/// Installs the filter on the calling thread. Between fork and exec: no allocation.
///
/// # Safety
/// A plain system call on `p`'s memory.
pub unsafe fn install(p: &Program) -> i32 {
    let prog = libc::sock_fprog { len: p.filter.len() as u16, filter: p.filter.as_ptr() as *mut libc::sock_filter };
    const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
    unsafe { libc::syscall(libc::SYS_seccomp, SECCOMP_SET_MODE_FILTER, p.flags, &prog as *const libc::sock_fprog) as i32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_caches_and_skips_unknown_names() {
        let text = r#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "architectures": ["SCMP_ARCH_X86_64"],
            "syscalls": [{"names": ["read", "no_such_call"], "action": "SCMP_ACT_ALLOW"},
                         {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
                         {"names": ["ioctl"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38},
                         {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "op": "SCMP_CMP_MASKED_EQ"}]}]}"#;
        let s = crate::plan::seccomp::resolve(&crate::plan::seccomp::parse(text, "t").unwrap(), &crate::plan::seccomp::Host { caps: &[], goarch: "amd64", kernel: (6, 1) }).unwrap();
        let dir = std::env::temp_dir().join(format!("hutch-seccomp-test-{}", std::process::id()));
        assert_eq!(unknown_names(&s), ["no_such_call"]);
        let prefix = dir.join("key");
        store(&s, &prefix).unwrap();
        let p = cached(&prefix).unwrap();
        assert!(p.filter.len() > 4);
        assert!(prefix.with_extension("bpf").is_file());
        std::fs::remove_file(prefix.with_extension("bpf")).unwrap();
        let again = cached(&prefix).unwrap();
        assert_eq!(again.filter.len(), p.filter.len());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The built-in profile, installed for real in a forked child: what it refuses gets
    /// EPERM, what it does not know ENOSYS, and ordinary calls pass.
    #[test]
    fn builtin_profile_refuses_and_allows() {
        let caps: Vec<String> = crate::plan::spec::PODMAN_DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
        let host = crate::plan::seccomp::Host { caps: &caps, goarch: crate::plan::seccomp::native_goarch(), kernel: (6, 1) };
        let s = crate::plan::seccomp::resolve(&crate::plan::seccomp_default::profile(), &host).unwrap();
        let p = decode(&compile(&s).unwrap(), 0).unwrap();
        // Each probe: (syscall, args, the errno expected, 0 for success).
        let probes: [(libc::c_long, [libc::c_ulong; 2], i32); 6] = [
            (libc::SYS_perf_event_open, [0, 0], libc::EPERM),
            (libc::SYS_userfaultfd, [0, 0], libc::EPERM),
            (libc::SYS_io_uring_setup, [0, 0], libc::ENOSYS),
            (libc::SYS_personality, [0xffff_ffff, 0], 0),
            (libc::SYS_personality, [0x0040_0000, 0], libc::ENOSYS),
            (libc::SYS_getpid, [0, 0], 0),
        ];
        // SAFETY: the child makes system calls only, then leaves with _exit.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0);
        if pid == 0 {
            unsafe {
                libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                if install(&p) != 0 {
                    libc::_exit(100);
                }
                for (i, (nr, args, want)) in probes.iter().enumerate() {
                    let r = libc::syscall(*nr, args[0], args[1], 0, 0, 0);
                    let got = if r < 0 { *libc::__errno_location() } else { 0 };
                    if got != *want {
                        libc::_exit(1 + i as i32);
                    }
                }
                libc::_exit(0);
            }
        }
        let mut status = 0;
        unsafe { libc::waitpid(pid, &mut status, 0) };
        assert!(libc::WIFEXITED(status), "status {status}");
        assert_eq!(libc::WEXITSTATUS(status), 0, "probe {} (1-based) gave another answer; 100: install failed", libc::WEXITSTATUS(status));
    }
}
