//! Compiles an OCI runtime spec into `Prepared`: every path, flag and string the child needs,
//! allocated up front, so the code between clone and exec only makes system calls.

use crate::plan::spec::{ANN_INIT, ANN_KEEP_GROUPS, ANN_LINUX32, ANN_PRESERVE_FDS, ANN_USERNS_FUSE, ANN_USERNS_NESTED_GIDS, ANN_USERNS_NESTED_UIDS, ANN_ROOT_BIND, ANN_ROOT_OVERLAY, ANN_ROOT_OVERLAY_CWD, ANN_ROOT_PROGRAM};
use crate::runtime::{caps, mountopts};
use anyhow::{anyhow, bail, Context, Result};
use nix::mount::MsFlags;
use oci_spec::runtime::{LinuxNamespaceType, Spec};
use std::ffi::CString;
use std::os::raw::c_char;

pub struct MountStep {
    pub src: Option<CString>,
    /// Relative to the root filesystem, without a leading `/`.
    pub dst: CString,
    pub fstype: Option<CString>,
    pub flags: libc::c_ulong,
    pub data: Option<CString>,
    /// For bind mounts with extra flags: a second, remounting call.
    pub remount_flags: Option<libc::c_ulong>,
    pub propagation: libc::c_ulong,
    /// Whether the mount point is a directory (else a file).
    pub is_dir: bool,
    /// For messages: `proc`, `tmpfs`, `/dev/null (bind)`...
    pub what: String,
    /// Made once in the nested user namespace, whose network, IPC and cgroup namespaces it
    /// belongs to (sysfs and what is under /sys, mqueue).
    pub deferred: bool,
}

/// The root half: what makes the container's filesystem and namespaces (first process only).
pub struct Prepared {
    pub clone_flags: libc::c_int,
    /// The cgroup namespace is made after the parent placed the child in its own cgroup
    /// (so the namespace is rooted there), not at the clone.
    pub cgroupns_after_go: bool,
    pub hostname: Option<CString>,
    pub rootfs: CString,
    /// The last component of `rootfs` (a nested container finds its root again by it).
    pub rootfs_name: CString,
    pub root_overlay: Option<CString>,
    /// Where the overlay's relative lower paths start (the child changes there to mount it).
    pub root_overlay_cwd: Option<CString>,
    pub root_bind: Option<CString>,
    /// The root is mounted from outside by this FUSE program (with `fuse_options`), before
    /// the child is released; the child then mounts no root itself.
    pub root_program: Option<(std::path::PathBuf, String)>,
    pub mounts: Vec<MountStep>,
    /// (target, name in /dev)
    pub dev_symlinks: Vec<(CString, CString)>,
    /// Written after pivot_root, before /proc/sys turns read-only: (path, value).
    pub sysctls: Vec<(CString, CString)>,
    pub masked: Vec<CString>,
    pub readonly: Vec<CString>,
    pub root_readonly: bool,
    /// The user namespace the process moves into once the root is made, nested in the one
    /// it was cloned into (a mapping that leaves the caller out).
    pub nested: Option<Nested>,
    /// The working directory, relative to the root (created if missing).
    pub cwd_rel: CString,
    /// The process half, shared with `exec`.
    pub process: ProcessSteps,
}

/// A nested user namespace: its maps (kernel text, in the outer namespace's ids), written by a
/// helper left in the outer one (runtime::nested).
pub struct Nested {
    pub uid_map: CString,
    pub gid_map: CString,
    /// The network, UTS, IPC and cgroup namespaces the container has of its own, made inside
    /// it (so its root owns them, as when Podman's runtime makes them in the container's user
    /// namespace); the PID namespace is the outer one's.
    pub unshare: libc::c_int,
}

/// The process half: who the process is and what it runs. The container's first process and
/// every `exec` go through the same steps (`child::become_process`).
pub struct ProcessSteps {
    /// File descriptors 3..3+N stay open across exec (`--preserve-fds`); the rest close.
    pub preserve_fds: u32,
    pub cwd: CString,
    pub uid: u32,
    pub gid: u32,
    pub groups: Vec<libc::gid_t>,
    /// setgroups(2) is allowed (not with a single-id mapping, where it is denied).
    pub set_groups: bool,
    pub cap_bounding: u64,
    pub cap_effective: u64,
    pub cap_permitted: u64,
    pub cap_inheritable: u64,
    pub cap_ambient: u64,
    pub last_cap: u32,
    /// umask(2) before exec (`--umask`).
    pub umask: Option<libc::mode_t>,
    /// personality(PER_LINUX32) before exec (`--personality LINUX32`).
    pub linux32: bool,
    /// Written to /proc/self/oom_score_adj.
    pub oom_score_adj: Option<CString>,
    /// `exec PROFILE`, written to the task's AppArmor exec attribute (the profile the command
    /// runs under).
    pub apparmor_exec: Option<CString>,
    /// setrlimit(2) calls: (resource, limits).
    pub rlimits: Vec<(libc::__rlimit_resource_t, libc::rlimit)>,
    /// The seccomp filter, installed last (or before the identity changes without
    /// no_new_privs, while the process still has CAP_SYS_ADMIN in its namespace).
    pub seccomp: Option<crate::runtime::seccomp::Program>,
    /// The filter whose listener goes to the supervisor, which hands published ports' host
    /// sockets to the container's server (seccomp::handover_program); installed with `seccomp`.
    pub handover_filter: Option<crate::runtime::seccomp::Program>,
    pub no_new_privs: bool,
    pub argv: Vec<CString>,
    pub envp: Vec<CString>,
    /// Null-terminated pointer arrays into `argv` and `envp`.
    pub argv_ptrs: Vec<*const c_char>,
    pub envp_ptrs: Vec<*const c_char>,
    /// Full paths to try for the command, in $PATH order.
    pub exec_candidates: Vec<CString>,
    pub init: bool,
    pub terminal: bool,
    pub winsize: Option<libc::winsize>,
}

fn cstr(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| anyhow!("`{}` contains a NUL byte", s.replace('\0', "\\0")))
}

fn rel(path: &str) -> Result<CString> {
    if !path.starts_with('/') {
        bail!("mount destination `{path}` must be absolute");
    }
    let r = path.trim_start_matches('/').trim_end_matches('/');
    if r.split('/').any(|c| c == "..") {
        bail!("mount destination `{path}` must not contain `..`");
    }
    cstr(if r.is_empty() { "." } else { r })
}

fn caps_mask(set: &Option<oci_spec::runtime::Capabilities>) -> Result<u64> {
    let names: Vec<String> = set.iter().flatten().map(|c| c.to_string()).collect();
    caps::mask(&names).map_err(|bad| anyhow!("unknown capability `{bad}`"))
}

/// The full paths to try for `cmd`: itself if it holds a `/`, else each $PATH entry.
pub fn exec_candidates(cmd: &str, env: &[String]) -> Vec<String> {
    if cmd.contains('/') {
        return vec![cmd.to_string()];
    }
    let path = crate::plan::env::get(env, "PATH").unwrap_or(crate::plan::env::DEFAULT_PATH);
    path.split(':')
        .map(|d| if d.is_empty() { "." } else { d })
        .map(|d| format!("{}/{cmd}", d.trim_end_matches('/')))
        .collect()
}

pub fn resource(kind: oci_spec::runtime::PosixRlimitType) -> Result<libc::__rlimit_resource_t> {
    use oci_spec::runtime::PosixRlimitType as T;
    Ok(match kind {
        T::RlimitCpu => libc::RLIMIT_CPU,
        T::RlimitFsize => libc::RLIMIT_FSIZE,
        T::RlimitData => libc::RLIMIT_DATA,
        T::RlimitStack => libc::RLIMIT_STACK,
        T::RlimitCore => libc::RLIMIT_CORE,
        T::RlimitRss => libc::RLIMIT_RSS,
        T::RlimitNproc => libc::RLIMIT_NPROC,
        T::RlimitNofile => libc::RLIMIT_NOFILE,
        T::RlimitMemlock => libc::RLIMIT_MEMLOCK,
        T::RlimitAs => libc::RLIMIT_AS,
        T::RlimitLocks => libc::RLIMIT_LOCKS,
        T::RlimitSigpending => libc::RLIMIT_SIGPENDING,
        T::RlimitMsgqueue => libc::RLIMIT_MSGQUEUE,
        T::RlimitNice => libc::RLIMIT_NICE,
        T::RlimitRtprio => libc::RLIMIT_RTPRIO,
        T::RlimitRttime => libc::RLIMIT_RTTIME,
        #[allow(unreachable_patterns)]
        other => bail!("resource limit {other} is not supported"),
    })
}

/// The kernel's number for `RLIMIT_NOFILE` & co.
pub fn resource_named(kind: &str) -> Option<libc::__rlimit_resource_t> {
    use std::str::FromStr;
    resource(oci_spec::runtime::PosixRlimitType::from_str(kind).ok()?).ok()
}

/// The spec's seccomp filter: the cached program its annotation names, else a profile it carries.
pub fn seccomp_of(spec: &Spec) -> Result<Option<crate::runtime::seccomp::Program>> {
    if let Some(prefix) = spec.annotations().as_ref().and_then(|a| a.get(crate::plan::spec::ANN_SECCOMP)) {
        return Ok(Some(crate::runtime::seccomp::cached(std::path::Path::new(prefix))?));
    }
    match spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()) {
        None => Ok(None),
        Some(s) => Ok(Some(crate::runtime::seccomp::program(s)?)),
    }
}

/// Compiles a process (the spec's, or an exec's) into its steps.
pub fn prepare_process(
    process: &oci_spec::runtime::Process,
    set_groups: bool,
    winsize: Option<libc::winsize>,
    init: bool,
    seccomp: Option<crate::runtime::seccomp::Program>,
) -> Result<ProcessSteps> {
    let args = process.args().clone().unwrap_or_default();
    if args.is_empty() {
        bail!("the spec has no command to run");
    }
    let env = process.env().clone().unwrap_or_default();
    let argv = args.iter().map(|a| cstr(a)).collect::<Result<Vec<_>>>()?;
    let envp = env.iter().map(|e| cstr(e)).collect::<Result<Vec<_>>>()?;
    let ptrs = |v: &Vec<CString>| v.iter().map(|c| c.as_ptr()).chain(std::iter::once(std::ptr::null())).collect();
    let argv_ptrs = ptrs(&argv);
    let envp_ptrs = ptrs(&envp);
    let exec_candidates = exec_candidates(&args[0], &env).iter().map(|c| cstr(c)).collect::<Result<Vec<_>>>()?;

    let cwd = process.cwd().to_string_lossy().into_owned();
    let user = process.user();
    let caps_ = process.capabilities().as_ref();
    let winsize = if process.terminal().unwrap_or(false) { winsize } else { None };

    Ok(ProcessSteps {
        preserve_fds: 0,
        cwd: cstr(&cwd)?,
        uid: user.uid(),
        gid: user.gid(),
        groups: user.additional_gids().clone().unwrap_or_default(),
        set_groups,
        cap_bounding: caps_mask(caps_.map(|c| c.bounding()).unwrap_or(&None))?,
        cap_effective: caps_mask(caps_.map(|c| c.effective()).unwrap_or(&None))?,
        cap_permitted: caps_mask(caps_.map(|c| c.permitted()).unwrap_or(&None))?,
        cap_inheritable: caps_mask(caps_.map(|c| c.inheritable()).unwrap_or(&None))?,
        cap_ambient: caps_mask(caps_.map(|c| c.ambient()).unwrap_or(&None))?,
        oom_score_adj: process.oom_score_adj().map(|v| cstr(&v.to_string())).transpose()?,
        apparmor_exec: process.apparmor_profile().as_ref().map(|p| cstr(&format!("exec {p}"))).transpose()?,
        umask: user.umask().map(|m| m as libc::mode_t),
        linux32: false,
        last_cap: caps::last_cap(),
        rlimits: process
            .rlimits()
            .iter()
            .flatten()
            .map(|r| Ok((resource(r.typ())?, libc::rlimit { rlim_cur: r.soft(), rlim_max: r.hard() })))
            .collect::<Result<_>>()?,
        seccomp,
        handover_filter: None,
        no_new_privs: process.no_new_privileges().unwrap_or(false),
        argv,
        envp,
        argv_ptrs,
        envp_ptrs,
        exec_candidates,
        init,
        terminal: process.terminal().unwrap_or(false),
        winsize,
    })
}

/// The outer namespace's id for `id` of a nested namespace's map (kernel text).
fn outer_id(map: &str, id: u32) -> Option<u32> {
    map.lines().find_map(|l| {
        let f: Vec<u32> = l.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        (f.len() == 3 && id >= f[0] && id - f[0] < f[2]).then(|| f[1] + (id - f[0]))
    })
}

/// A nested container's tmpfs and devpts are mounted in the outer namespace, where ids mean
/// other things: `uid=`/`gid=` options are turned into its ids, and a tmpfs without them is
/// given the container's root as owner (else it would show as nobody's).
fn owner_in_outer(fstype: &str, data: &str, uids: &str, gids: &str) -> String {
    if fstype != "tmpfs" && fstype != "devpts" {
        return data.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    let (mut uid_seen, mut gid_seen) = (false, false);
    for o in data.split(',').filter(|o| !o.is_empty()) {
        let moved = |map: &str, v: &str| v.parse::<u32>().ok().and_then(|n| outer_id(map, n));
        match o.split_once('=') {
            Some(("uid", v)) => {
                uid_seen = true;
                out.push(moved(uids, v).map_or(o.to_string(), |n| format!("uid={n}")));
            }
            Some(("gid", v)) => {
                gid_seen = true;
                out.push(moved(gids, v).map_or(o.to_string(), |n| format!("gid={n}")));
            }
            _ => out.push(o.to_string()),
        }
    }
    if fstype == "tmpfs" {
        if let (false, Some(n)) = (uid_seen, outer_id(uids, 0)) {
            out.push(format!("uid={n}"));
        }
        if let (false, Some(n)) = (gid_seen, outer_id(gids, 0)) {
            out.push(format!("gid={n}"));
        }
    }
    out.join(",")
}

pub fn prepare(spec: &Spec, set_groups: bool, winsize: Option<libc::winsize>) -> Result<Prepared> {
    let process = spec.process().as_ref().context("the spec has no process")?;
    let linux = spec.linux().as_ref().context("the spec has no linux section")?;
    let root = spec.root().as_ref().context("the spec has no root")?;
    let ann = spec.annotations().clone().unwrap_or_default();

    let mut clone_flags = 0;
    for ns in linux.namespaces().iter().flatten() {
        clone_flags |= match ns.typ() {
            LinuxNamespaceType::User => libc::CLONE_NEWUSER,
            LinuxNamespaceType::Mount => libc::CLONE_NEWNS,
            LinuxNamespaceType::Pid => libc::CLONE_NEWPID,
            LinuxNamespaceType::Uts => libc::CLONE_NEWUTS,
            LinuxNamespaceType::Ipc => libc::CLONE_NEWIPC,
            LinuxNamespaceType::Cgroup => libc::CLONE_NEWCGROUP,
            LinuxNamespaceType::Network => libc::CLONE_NEWNET,
            other => bail!("namespace type {other:?} is not supported"),
        };
        if ns.path().is_some() {
            bail!("joining an existing namespace is not supported yet");
        }
    }
    let placed = linux.resources().is_some() && linux.cgroups_path().is_some();
    let mut cgroupns_after_go = placed && clone_flags & libc::CLONE_NEWCGROUP != 0;
    if cgroupns_after_go {
        clone_flags &= !libc::CLONE_NEWCGROUP;
    }
    let nested = match (ann.get(ANN_USERNS_NESTED_UIDS), ann.get(ANN_USERNS_NESTED_GIDS)) {
        (Some(u), Some(g)) => Some((u.as_str(), g.as_str())),
        _ => None,
    };
    // A nested container's own namespaces (but PID) are made in its nested user namespace.
    let mut nested_unshare = 0;
    if nested.is_some() {
        let inner = libc::CLONE_NEWNET | libc::CLONE_NEWUTS | libc::CLONE_NEWIPC | libc::CLONE_NEWCGROUP;
        nested_unshare = (clone_flags & inner) | if cgroupns_after_go { libc::CLONE_NEWCGROUP } else { 0 };
        clone_flags &= !inner;
        cgroupns_after_go = false;
    }
    if clone_flags & libc::CLONE_NEWUSER == 0 || clone_flags & libc::CLONE_NEWNS == 0 {
        bail!("a rootless container needs its own user and mount namespaces");
    }

    let mut mounts: Vec<MountStep> = Vec::new();
    for m in spec.mounts().iter().flatten() {
        let dst = m.destination().to_string_lossy().into_owned();
        let typ = m.typ().clone().unwrap_or_default();
        let opts = mountopts::parse(m.options().as_deref().unwrap_or(&[]));
        let src = m.source().as_ref().map(|s| s.to_string_lossy().into_owned());
        let is_bind = opts.bind || typ == "bind";
        let rel_dst = rel(&dst)?;
        let under = |d: &CString, top: &[u8]| d.as_bytes() == top || d.as_bytes().starts_with(&[top, b"/"].concat());
        // (A bind under such a mount comes after it, from the host's paths as the nested
        // user namespace may reach them: root's, like the cgroup hierarchy `--systemd` binds.)
        let deferred = nested.is_some()
            && ((!is_bind && (under(&rel_dst, b"sys") || typ == "mqueue")) || mounts.iter().any(|m| m.deferred && under(&rel_dst, m.dst.as_bytes())));
        let (flags, fstype, data, remount, what, is_dir);
        if is_bind {
            let src_path = src.clone().with_context(|| format!("bind mount on {dst} has no source"))?;
            let meta = std::fs::metadata(&src_path)
                .with_context(|| format!("bind mount source {src_path} (for {dst})"))?;
            is_dir = meta.is_dir();
            let mut f = MsFlags::MS_BIND;
            if opts.recursive {
                f |= MsFlags::MS_REC;
            }
            flags = f.bits();
            fstype = None;
            data = None;
            remount = (!opts.flags.is_empty()).then(|| (MsFlags::MS_BIND | MsFlags::MS_REMOUNT | opts.flags).bits());
            what = format!("{src_path} (bind)");
        } else {
            is_dir = true;
            flags = opts.flags.bits();
            fstype = Some(cstr(&typ)?);
            let owned = match nested {
                Some((u, g)) if !deferred => owner_in_outer(&typ, &opts.data, u, g),
                _ => opts.data.clone(),
            };
            data = (!owned.is_empty()).then(|| cstr(&owned)).transpose()?;
            remount = None;
            what = typ.clone();
        }
        mounts.push(MountStep {
            src: src.as_deref().map(cstr).transpose()?,
            dst: rel_dst,
            fstype,
            flags,
            data,
            remount_flags: remount,
            propagation: opts.propagation.bits(),
            is_dir,
            what,
            deferred,
        });
    }

    let dev_symlinks = [
        ("/proc/self/fd", "fd"),
        ("/proc/self/fd/0", "stdin"),
        ("/proc/self/fd/1", "stdout"),
        ("/proc/self/fd/2", "stderr"),
        ("/proc/kcore", "core"),
        ("pts/ptmx", "ptmx"),
    ]
    .iter()
    .map(|(t, l)| Ok((cstr(t)?, cstr(l)?)))
    .collect::<Result<Vec<_>>>()?;

    let cwd = process.cwd().to_string_lossy().into_owned();
    let init = ann.get(ANN_INIT).map(|v| v == "true").unwrap_or(false);
    // `--group-add keep-groups`: setgroups is never called, so the caller's groups stay.
    let set_groups = set_groups && !ann.get(ANN_KEEP_GROUPS).is_some_and(|v| v == "true");
    let mut process_steps = prepare_process(process, set_groups, winsize, init, seccomp_of(spec)?)?;
    process_steps.preserve_fds = ann.get(ANN_PRESERVE_FDS).and_then(|n| n.parse().ok()).unwrap_or(0);
    process_steps.linux32 = ann.get(ANN_LINUX32).is_some_and(|v| v == "true");

    Ok(Prepared {
        clone_flags,
        cgroupns_after_go,
        // The host's UTS namespace (`--uts host`) keeps the host's name.
        hostname: spec.hostname().as_deref().filter(|_| (clone_flags | nested_unshare) & libc::CLONE_NEWUTS != 0).map(cstr).transpose()?,
        rootfs: cstr(&root.path().to_string_lossy())?,
        rootfs_name: cstr(&root.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| ".".into()))?,
        root_overlay: if ann.contains_key(ANN_ROOT_PROGRAM) { None } else { ann.get(ANN_ROOT_OVERLAY).map(|s| cstr(s)).transpose()? },
        root_overlay_cwd: ann.get(ANN_ROOT_OVERLAY_CWD).map(|s| cstr(s)).transpose()?,
        root_program: ann.get(ANN_ROOT_PROGRAM).map(|prog| {
            // fuse-overlayfs takes the same options; `userxattr` is the kernel's alone.
            let opts = ann.get(ANN_ROOT_OVERLAY).cloned().unwrap_or_default().replace(",userxattr", "");
            let idmap = ann.get(ANN_USERNS_FUSE).map(|m| format!(",{m}")).unwrap_or_default();
            (std::path::PathBuf::from(prog), format!("{opts},allow_other{idmap}"))
        }),
        root_bind: ann.get(ANN_ROOT_BIND).map(|s| cstr(s)).transpose()?,
        mounts,
        dev_symlinks,
        sysctls: linux
            .sysctl()
            .iter()
            .flatten()
            .map(|(k, v)| Ok((cstr(&crate::plan::sysctl::proc_path(k))?, cstr(v)?)))
            .collect::<Result<_>>()?,
        masked: linux.masked_paths().iter().flatten().map(|p| cstr(p)).collect::<Result<_>>()?,
        readonly: linux.readonly_paths().iter().flatten().map(|p| cstr(p)).collect::<Result<_>>()?,
        root_readonly: root.readonly().unwrap_or(false),
        nested: nested.map(|(u, g)| Ok::<_, anyhow::Error>(Nested { uid_map: cstr(u)?, gid_map: cstr(g)?, unshare: nested_unshare })).transpose()?,
        cwd_rel: rel(&cwd).context("the working directory")?,
        process: process_steps,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_apparmor_profile_becomes_the_exec_attribute() {
        let mut p = oci_spec::runtime::ProcessBuilder::default().args(vec!["true".to_string()]).cwd("/").build().unwrap();
        assert!(super::prepare_process(&p, false, None, false, None).unwrap().apparmor_exec.is_none());
        p.set_apparmor_profile(Some("hutch-test".into()));
        let s = super::prepare_process(&p, false, None, false, None).unwrap();
        assert_eq!(s.apparmor_exec.as_deref(), Some(c"exec hutch-test"));
    }

    #[test]
    fn nested_mounts_are_owned_by_the_containers_root() {
        let (u, g) = ("0 1 65536\n", "0 1 1000\n1000 2000 5\n");
        assert_eq!(super::outer_id(g, 1002), Some(2002));
        assert_eq!(super::outer_id(g, 1005), None);
        assert_eq!(super::owner_in_outer("tmpfs", "mode=755,size=65536k", u, g), "mode=755,size=65536k,uid=1,gid=1");
        assert_eq!(super::owner_in_outer("tmpfs", "uid=1000,gid=1001", u, g), "uid=1001,gid=2001");
        assert_eq!(super::owner_in_outer("devpts", "newinstance,ptmxmode=0666,mode=0620,gid=5", u, g), "newinstance,ptmxmode=0666,mode=0620,gid=6");
        assert_eq!(super::owner_in_outer("proc", "x", u, g), "x");
    }

    #[test]
    fn candidates_follow_path() {
        let env = vec!["PATH=/a:/b/".to_string()];
        assert_eq!(super::exec_candidates("sh", &env), ["/a/sh", "/b/sh"]);
        assert_eq!(super::exec_candidates("./x", &env), ["./x"]);
        assert!(super::rel("/a/../b").is_err());
        assert_eq!(super::rel("/").unwrap().to_str().unwrap(), ".");
    }
}
