//! Says which knob blocked a user namespace, and how to change it.

use anyhow::anyhow;

fn read_trim(p: &str) -> Option<String> {
    std::fs::read_to_string(p).ok().map(|s| s.trim().to_string())
}

/// Problems that stop unprivileged user namespaces on this machine, each with its fix.
pub fn userns_blockers() -> Vec<String> {
    let mut out = Vec::new();
    if read_trim("/proc/sys/kernel/unprivileged_userns_clone").as_deref() == Some("0") {
        out.push("kernel.unprivileged_userns_clone is 0: `sudo sysctl -w kernel.unprivileged_userns_clone=1`".into());
    }
    if read_trim("/proc/sys/user/max_user_namespaces").as_deref() == Some("0") {
        out.push("user.max_user_namespaces is 0: `sudo sysctl -w user.max_user_namespaces=28633`".into());
    }
    if read_trim("/proc/sys/kernel/apparmor_restrict_unprivileged_userns").as_deref() == Some("1") {
        out.push("AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1): \
                  add an AppArmor profile for hutch with `userns,` or set the sysctl to 0".into());
    }
    out
}

/// Wraps a failed unshare/clone of a user namespace with the reason, when one can be found.
pub fn userns_error(e: anyhow::Error) -> anyhow::Error {
    let blockers = userns_blockers();
    if blockers.is_empty() {
        e
    } else {
        anyhow!("{e:#}: {}", blockers.join("; "))
    }
}
