//! The seccomp profile hutch uses when the host ships none (Podman reads
//! `/usr/share/containers/seccomp.json`, from Debian's golang-github-containers-common).
//! Its effect is that of Podman's default: an allow-list; EPERM for the syscalls it knows
//! and refuses; ENOSYS for everything else, so a libc that tries a syscall newer than the
//! list falls back as it would on an older kernel. Privileged operations that the user
//! namespace already confines (mount, unshare, setns, keyctl...) stay allowed, as in Podman:
//! capabilities decide those.

use crate::plan::seccomp::{Arg, ArchMap, Filter, Profile, Rule};
use oci_spec::runtime::{Arch, LinuxSeccompAction as Act, LinuxSeccompOperator};

const EPERM: u32 = 1;
const EINVAL: u32 = 22;
const ENOSYS: u32 = 38;

/// Allowed for every container, on every architecture that has them.
const ALLOWED: &[&str] = &[
    // files and descriptors
    "access", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range",
    "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64",
    "fallocate", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat",
    "fcntl", "fcntl64", "fdatasync", "fgetxattr", "flistxattr", "flock", "fremovexattr",
    "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate",
    "ftruncate64", "getcwd", "getdents", "getdents64", "getxattr", "lchown", "lchown32",
    "lgetxattr", "link", "linkat", "listxattr", "llistxattr", "_llseek", "lremovexattr",
    "lseek", "lsetxattr", "lstat", "lstat64", "mkdir", "mkdirat", "mknod", "mknodat",
    "newfstatat", "open", "openat", "openat2", "open_tree", "pipe", "pipe2", "pread64",
    "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink",
    "readlinkat", "readv", "removexattr", "rename", "renameat", "renameat2", "rmdir",
    "sendfile", "sendfile64", "setxattr", "splice", "stat", "stat64", "statfs", "statfs64",
    "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "tee", "truncate",
    "truncate64", "umask", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64",
    "utimes", "write", "writev", "readdir", "name_to_handle_at", "memfd_create", "memfd_secret",
    "cachestat", "futimesat",
    // waiting on descriptors
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
    "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "inotify_add_watch",
    "inotify_init", "inotify_init1", "inotify_rm_watch", "ioctl", "_newselect", "poll",
    "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select", "signalfd", "signalfd4",
    "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
    "timerfd_settime64", "timerfd", "fanotify_mark",
    // asynchronous I/O (io_uring stays unknown, as in Podman's profile)
    "io_cancel", "io_destroy", "io_getevents", "io_setup", "io_submit",
    // memory
    "brk", "madvise", "membarrier", "mincore", "mlock", "mlock2", "mlockall", "mmap", "mmap2",
    "mprotect", "mremap", "msync", "munlock", "munlockall", "munmap", "pkey_alloc",
    "pkey_free", "pkey_mprotect", "remap_file_pages", "get_mempolicy", "set_mempolicy",
    "mbind", "set_mempolicy_home_node", "map_shadow_stack", "mseal",
    // processes, threads and scheduling
    "capget", "capset", "clone", "clone3", "execve", "execveat",
    "exit", "exit_group", "fork", "vfork", "futex", "futex_time64", "futex_waitv",
    "futex_requeue", "futex_wait", "futex_wake", "get_robust_list", "set_robust_list",
    "get_thread_area", "set_thread_area", "set_tid_address", "getcpu", "getpgid", "getpgrp",
    "getpid", "getppid", "getpriority", "getrandom", "getresgid", "getresgid32", "getresuid",
    "getresuid32", "getrlimit", "getrusage", "getsid", "gettid", "getuid", "getuid32",
    "geteuid", "geteuid32", "getgid", "getgid32", "getegid", "getegid32", "getgroups",
    "getgroups32", "ioprio_get", "ioprio_set", "kill", "pidfd_getfd", "pidfd_open",
    "pidfd_send_signal", "prctl", "prlimit64", "process_mrelease", "process_vm_readv",
    "process_vm_writev", "ptrace", "restart_syscall", "rseq", "syscall", "sched_getaffinity",
    "sched_getattr", "sched_getparam", "sched_get_priority_max", "sched_get_priority_min",
    "sched_getscheduler", "sched_rr_get_interval", "sched_rr_get_interval_time64",
    "sched_setaffinity", "sched_setattr", "sched_setparam", "sched_setscheduler",
    "sched_yield", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32",
    "setgroups", "setgroups32", "setpgid", "setpriority", "setregid", "setregid32",
    "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32",
    "setrlimit", "setsid", "setuid", "setuid32", "tgkill", "tkill", "ugetrlimit", "uname",
    "wait4", "waitid", "waitpid", "times", "sysinfo", "alarm",
    "pause", "nanosleep", "clock_nanosleep", "clock_nanosleep_time64", "landlock_add_rule",
    "landlock_create_ruleset", "landlock_restrict_self", "seccomp",
    // signals
    "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
    "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
    "sigaction", "sigaltstack", "signal", "sigpending", "sigprocmask", "sigreturn",
    "sigsuspend",
    // time
    "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64",
    "clock_gettime", "clock_gettime64", "getitimer", "gettimeofday", "setitimer", "time",
    "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64",
    "timer_settime", "timer_settime64", "adjtimex",
    // sockets
    "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt",
    "listen", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send",
    "sendmmsg", "sendmsg", "sendto", "setsockopt", "shutdown", "socketcall", "socketpair",
    // System V and POSIX IPC
    "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
    "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl",
    "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop",
    "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget",
    // keys (keyctl only: add_key and request_key stay unknown, as in Podman's profile)
    "keyctl",
    // namespaces and mounts, confined by the user namespace and the capabilities
    "mount", "mount_setattr", "move_mount", "fsconfig", "fsmount", "fsopen", "fspick",
    "umount", "umount2", "pivot_root", "unshare", "syslog", "reboot",
    // security modules and misc
    "lsm_get_self_attr", "lsm_list_modules", "lsm_set_self_attr", "set_tls", "get_tls",
    "riscv_flush_icache", "riscv_hwprobe",
];

/// Refused with EPERM for everyone: obsolete, or host-wide operations no container owns.
const REFUSED: &[&str] = &[
    "bdflush", "io_pgetevents", "kexec_file_load", "kexec_load", "migrate_pages", "move_pages",
    "nfsservctl", "nice", "oldfstat", "oldlstat", "oldolduname", "oldstat", "olduname",
    "pciconfig_iobase", "pciconfig_read", "pciconfig_write", "sgetmask", "ssetmask",
    "swapcontext", "swapoff", "swapon", "sysfs", "uselib", "userfaultfd", "ustat", "vm86",
    "vm86old", "vmsplice",
];

/// Allowed with a capability, EPERM without it.
const BY_CAPABILITY: &[(&str, &[&str])] = &[
    ("CAP_DAC_READ_SEARCH", &["open_by_handle_at"]),
    ("CAP_SYS_ADMIN", &["bpf", "fanotify_init", "lookup_dcookie", "perf_event_open", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns"]),
    ("CAP_SYS_CHROOT", &["chroot"]),
    ("CAP_SYS_MODULE", &["delete_module", "finit_module", "init_module", "query_module"]),
    ("CAP_SYS_PACCT", &["acct"]),
    ("CAP_SYS_PTRACE", &["kcmp", "process_madvise"]),
    ("CAP_SYS_RAWIO", &["ioperm", "iopl"]),
    ("CAP_SYS_TIME", &["clock_settime", "clock_settime64", "settimeofday", "stime"]),
    ("CAP_SYS_TTY_CONFIG", &["vhangup"]),
];

/// Allowed on some architectures only (Go's names).
const BY_ARCH: &[(&[&str], &[&str])] = &[
    (&["amd64", "x32"], &["arch_prctl"]),
    (&["amd64", "x32", "386"], &["modify_ldt"]),
    (&["arm", "arm64"], &["arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "set_tls", "sync_file_range2"]),
    (&["ppc64le"], &["sync_file_range2"]),
    (&["s390", "s390x"], &["s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"]),
];

/// personality(2) with the personas a program may ask for: Linux, Linux32, with
/// UNAME26 or not, and the query (0xffffffff).
const PERSONAS: &[u64] = &[0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff];

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| n.to_string()).collect()
}

fn rule(names_: Vec<String>, action: Act, errno: Option<u32>) -> Rule {
    Rule { names: names_, action, errno_ret: errno, ..Rule::default() }
}

pub fn profile() -> Profile {
    let mut syscalls = vec![rule(names(REFUSED), Act::ScmpActErrno, Some(EPERM)), rule(names(ALLOWED), Act::ScmpActAllow, None)];
    for p in PERSONAS {
        syscalls.push(Rule {
            args: Some(vec![Arg { index: 0, value: *p, value_two: 0, op: LinuxSeccompOperator::ScmpCmpEq }]),
            ..rule(vec!["personality".into()], Act::ScmpActAllow, None)
        });
    }
    for (arches, list) in BY_ARCH {
        syscalls.push(Rule {
            includes: Filter { arches: arches.iter().map(|a| a.to_string()).collect(), ..Filter::default() },
            ..rule(names(list), Act::ScmpActAllow, None)
        });
    }
    for (cap, list) in BY_CAPABILITY {
        let f = Filter { caps: vec![cap.to_string()], ..Filter::default() };
        syscalls.push(Rule { includes: f.clone(), ..rule(names(list), Act::ScmpActAllow, None) });
        syscalls.push(Rule { excludes: f, ..rule(names(list), Act::ScmpActErrno, Some(EPERM)) });
    }
    // Audit sockets (AF_NETLINK, NETLINK_AUDIT) need CAP_AUDIT_WRITE; EINVAL without it, as
    // a kernel without audit answers, so programs carry on without logging to audit.
    let audit_write = Filter { caps: vec!["CAP_AUDIT_WRITE".into()], ..Filter::default() };
    let arg = |index, value, op| Arg { index, value, value_two: 0, op };
    syscalls.push(Rule {
        args: Some(vec![arg(0, 16, LinuxSeccompOperator::ScmpCmpEq), arg(2, 9, LinuxSeccompOperator::ScmpCmpEq)]),
        excludes: audit_write.clone(),
        ..rule(vec!["socket".into()], Act::ScmpActErrno, Some(EINVAL))
    });
    for a in [arg(2, 9, LinuxSeccompOperator::ScmpCmpNe), arg(0, 16, LinuxSeccompOperator::ScmpCmpNe)] {
        syscalls.push(Rule { args: Some(vec![a]), excludes: audit_write.clone(), ..rule(vec!["socket".into()], Act::ScmpActAllow, None) });
    }
    syscalls.push(Rule { includes: audit_write, ..rule(vec!["socket".into()], Act::ScmpActAllow, None) });

    Profile {
        default_action: Act::ScmpActErrno,
        default_errno_ret: Some(ENOSYS),
        arch_map: vec![
            ArchMap { architecture: Arch::ScmpArchX86_64, sub_architectures: vec![Arch::ScmpArchX86, Arch::ScmpArchX32] },
            ArchMap { architecture: Arch::ScmpArchAarch64, sub_architectures: vec![Arch::ScmpArchArm] },
            ArchMap { architecture: Arch::ScmpArchRiscv64, sub_architectures: vec![] },
            ArchMap { architecture: Arch::ScmpArchS390x, sub_architectures: vec![Arch::ScmpArchS390] },
            ArchMap { architecture: Arch::ScmpArchPpc64le, sub_architectures: vec![] },
        ],
        syscalls,
        ..Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::seccomp::{resolve, Host};
    use std::collections::BTreeSet;

    /// (name, action, errno) for every rule without argument filters.
    fn plain(p: &crate::plan::seccomp::Profile, caps: &[String]) -> BTreeSet<String> {
        let s = resolve(p, &Host { caps, goarch: "amd64", kernel: (6, 1) }).unwrap();
        s.syscalls().iter().flatten().filter(|r| r.args().is_none()).flat_map(|r| r.names().iter().map(move |n| format!("{n} {:?} {:?}", r.action(), r.errno_ret()))).collect()
    }

    #[test]
    fn builtin_has_the_effect_of_podmans_profile() {
        let host = match std::fs::read_to_string("/usr/share/containers/seccomp.json") {
            Ok(t) => crate::plan::seccomp::parse(&t, "host").unwrap(),
            Err(_) => return eprintln!("SKIP: /usr/share/containers/seccomp.json is not installed"),
        };
        let caps: Vec<String> = crate::plan::spec::PODMAN_DEFAULT_CAPS.iter().map(|s| s.to_string()).collect();
        let ours = plain(&super::profile(), &caps);
        let theirs = plain(&host, &caps);
        let only_ours: Vec<_> = ours.difference(&theirs).collect();
        // A name Podman's profile both allows and refuses (setns: allowed, and refused
        // without CAP_SYS_ADMIN) is decided here the way its grouping means: refused.
        let name = |r: &String| r.split(' ').next().unwrap_or_default().to_string();
        let conflicting: BTreeSet<String> = theirs.iter().filter(|r| theirs.iter().any(|o| o != *r && name(o) == name(r))).map(name).collect();
        assert_eq!(conflicting.iter().collect::<Vec<_>>(), ["setns"]);
        let only_theirs: Vec<_> = theirs.difference(&ours).filter(|r| !conflicting.contains(&name(r))).collect();
        assert!(only_theirs.is_empty(), "in Podman's profile only: {only_theirs:?}\nin hutch's only: {only_ours:?}");
    }
}
