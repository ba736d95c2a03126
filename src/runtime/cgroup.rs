//! A container's own cgroup inside the caller's delegated cgroup v2 subtree (what systemd
//! gives `user@UID.service`): the controllers enabled top down in each parent's
//! `cgroup.subtree_control`, the cgroup made, its limit files written in order, the process
//! placed in it before it runs, and the cgroup removed once it is empty. Every access goes
//! through `CgroupFs`, so tests can run it on a directory laid out like such a tree.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// File operations on a cgroup tree.
pub trait CgroupFs {
    fn read(&self, path: &Path) -> std::io::Result<String>;
    fn write(&self, path: &Path, value: &str) -> std::io::Result<()>;
    fn mkdir(&self, path: &Path) -> std::io::Result<()>;
    fn rmdir(&self, path: &Path) -> std::io::Result<()>;
}

/// The real cgroup filesystem: one write(2) per value, as the kernel wants.
pub struct Kernel;

impl CgroupFs for Kernel {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
    fn write(&self, path: &Path, value: &str) -> std::io::Result<()> {
        use std::io::Write;
        std::fs::OpenOptions::new().write(true).open(path)?.write_all(value.as_bytes())
    }
    fn mkdir(&self, path: &Path) -> std::io::Result<()> {
        match std::fs::create_dir(path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }
    fn rmdir(&self, path: &Path) -> std::io::Result<()> {
        std::fs::remove_dir(path)
    }
}

/// The caller's cgroup v2 path (`/user.slice/.../app.slice/x.scope`), from /proc/self/cgroup.
pub fn own_cgroup(proc_self_cgroup: &str) -> Option<String> {
    proc_self_cgroup.lines().find_map(|l| l.strip_prefix("0::")).map(|p| p.trim().to_string())
}

/// The delegated subtree the caller may make cgroups in: `user@UID.service` above its own
/// cgroup. None when the caller does not run inside it (an ssh session's scope, say): the
/// kernel then refuses to move a process from there into a cgroup the user owns.
pub fn delegated_root(own: &str, uid: u32) -> Option<String> {
    let marker = format!("/user@{uid}.service");
    let at = own.find(&marker)?;
    Some(own[..at + marker.len()].to_string())
}

/// Makes `root/delegated/rel` (rel: the intermediate directories and the container's own),
/// enabling `controllers` on the way down, and writes `writes` in order into it.
pub fn create(fs: &dyn CgroupFs, root: &Path, delegated: &str, rel: &[&str], controllers: &[&str], writes: &[(String, String)]) -> Result<PathBuf> {
    let mut dir = root.join(delegated.trim_start_matches('/'));
    let (leaf, parents) = rel.split_last().context("no cgroup name")?;
    // The delegated cgroup first, then each intermediate: their children get the controllers.
    let mut chain = vec![dir.clone()];
    for p in parents {
        dir = dir.join(p);
        chain.push(dir.clone());
    }
    for (i, d) in chain.iter().enumerate() {
        if i > 0 {
            fs.mkdir(d).with_context(|| format!("creating the cgroup {}", d.display()))?;
        }
        let available = fs.read(&d.join("cgroup.controllers")).with_context(|| format!("reading {}/cgroup.controllers", d.display()))?;
        let missing: Vec<&str> = controllers.iter().copied().filter(|c| !available.split_whitespace().any(|a| a == *c)).collect();
        if !missing.is_empty() {
            bail!(
                "the cgroup controllers {} are not delegated to you in {}: add a drop-in \
                 /etc/systemd/system/user@.service.d/delegate.conf with `[Service]` and `Delegate=cpu cpuset io memory pids`, \
                 then `sudo systemctl daemon-reload` and log in again",
                missing.join(", "),
                d.display()
            );
        }
        let enabled = fs.read(&d.join("cgroup.subtree_control")).unwrap_or_default();
        let add: Vec<String> = controllers.iter().filter(|c| !enabled.split_whitespace().any(|e| e == **c)).map(|c| format!("+{c}")).collect();
        if !add.is_empty() {
            let line = add.join(" ");
            fs.write(&d.join("cgroup.subtree_control"), &line).with_context(|| format!("enabling {line} in {}/cgroup.subtree_control", d.display()))?;
        }
    }
    let leaf = dir.join(leaf);
    let reused = fs.read(&leaf.join("cgroup.freeze")).is_ok_and(|v| v.trim() == "1");
    fs.mkdir(&leaf).with_context(|| format!("creating the cgroup {}", leaf.display()))?;
    if reused {
        // Left frozen by a supervisor killed while its container was paused.
        fs.write(&leaf.join("cgroup.freeze"), "0").with_context(|| format!("thawing {}", leaf.display()))?;
    }
    for (file, value) in writes {
        if let Err(e) = fs.write(&leaf.join(file), value) {
            let _ = fs.rmdir(&leaf);
            return Err(e).with_context(|| format!("setting {file} to {value:?} in {}", leaf.display()));
        }
    }
    Ok(leaf)
}

/// Writes one limit file of a container's cgroup (`update`).
pub fn write_limit(cgroup: &Path, file: &str, value: &str) -> Result<()> {
    Kernel.write(&cgroup.join(file), value).with_context(|| format!("setting {file} to {value:?} in {}", cgroup.display()))
}

/// Moves `pid` into the cgroup.
pub fn place(fs: &dyn CgroupFs, cgroup: &Path, pid: i32) -> Result<()> {
    fs.write(&cgroup.join("cgroup.procs"), &pid.to_string()).with_context(|| {
        format!(
            "moving the container into {} (the kernel allows it only from inside your delegated subtree: \
             run hutch from a systemd user unit, or under `systemd-run --user --scope hutch ...`)",
            cgroup.display()
        )
    })
}

/// Freezes the cgroup (every process in it stops where it is, `pause`) or thaws it
/// (`unpause`), and waits until the kernel says it is done: `frozen 1` (or 0) in
/// cgroup.events, within `wait`.
pub fn freeze(fs: &dyn CgroupFs, cgroup: &Path, frozen: bool, wait: std::time::Duration) -> Result<()> {
    let (value, verb) = if frozen { ("1", "freeze") } else { ("0", "thaw") };
    fs.write(&cgroup.join("cgroup.freeze"), value).with_context(|| format!("{verb} {}: writing cgroup.freeze", cgroup.display()))?;
    let want = format!("frozen {value}");
    let end = std::time::Instant::now() + wait;
    loop {
        let events = fs.read(&cgroup.join("cgroup.events")).with_context(|| format!("reading {}/cgroup.events", cgroup.display()))?;
        if events.lines().any(|l| l.trim() == want) {
            return Ok(());
        }
        if std::time::Instant::now() >= end {
            // Not left half done: the cgroup goes back to what it was (as runc does).
            let _ = fs.write(&cgroup.join("cgroup.freeze"), if frozen { "0" } else { "1" });
            anyhow::bail!("the kernel did not {verb} {} within {} ms (cgroup.events does not say `{want}`)", cgroup.display(), wait.as_millis());
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// Removes the container's cgroup once its processes are gone (a few tries: the kernel
/// frees an exited cgroup a moment after its last process is reaped).
pub fn remove(fs: &dyn CgroupFs, cgroup: &Path) {
    for _ in 0..20 {
        match fs.rmdir(cgroup) {
            Err(e) if e.raw_os_error() == Some(libc::EBUSY) => std::thread::sleep(std::time::Duration::from_millis(5)),
            _ => return,
        }
    }
}

/// A container's cgroup, removed when dropped (after its processes are gone).
pub struct Owned(pub PathBuf);

impl Drop for Owned {
    fn drop(&mut self) {
        // Whatever is left in it (a failed start, a daemon the command left behind) goes
        // with it (cgroup.kill, Linux 5.14).
        let _ = Kernel.write(&self.0.join("cgroup.kill"), "1");
        remove(&Kernel, &self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A directory laid out like a delegated tree, and a log of every write, in order.
    struct Recorded {
        log: RefCell<Vec<String>>,
        base: PathBuf,
    }

    impl CgroupFs for Recorded {
        fn read(&self, path: &Path) -> std::io::Result<String> {
            Kernel.read(path)
        }
        fn write(&self, path: &Path, value: &str) -> std::io::Result<()> {
            let rel = path.strip_prefix(&self.base).unwrap().display().to_string();
            self.log.borrow_mut().push(format!("{rel} < {value}"));
            if path.ends_with("cgroup.freeze") && !path.parent().unwrap().join("stuck").exists() {
                // The kernel reports the new state in cgroup.events (unless told to hang).
                std::fs::write(path.parent().unwrap().join("cgroup.events"), format!("populated 1\nfrozen {value}\n"))?;
            }
            if path.ends_with("cgroup.subtree_control") {
                // The kernel adds `+x` to what is enabled.
                let mut on: Vec<String> = std::fs::read_to_string(path).unwrap_or_default().split_whitespace().map(String::from).collect();
                on.extend(value.split_whitespace().map(|v| v.trim_start_matches('+').to_string()));
                return std::fs::write(path, on.join(" "));
            }
            std::fs::write(path, value)
        }
        fn mkdir(&self, path: &Path) -> std::io::Result<()> {
            let rel = path.strip_prefix(&self.base).unwrap().display().to_string();
            self.log.borrow_mut().push(format!("mkdir {rel}"));
            Kernel.mkdir(path)?;
            // The kernel fills a new cgroup's files; the parent's subtree_control decides
            // its controllers.
            let parent = std::fs::read_to_string(path.parent().unwrap().join("cgroup.subtree_control")).unwrap_or_default();
            std::fs::write(path.join("cgroup.controllers"), parent)?;
            std::fs::write(path.join("cgroup.subtree_control"), "")
        }
        fn rmdir(&self, path: &Path) -> std::io::Result<()> {
            std::fs::remove_dir_all(path)
        }
    }

    #[test]
    fn freezing_writes_cgroup_freeze_and_waits_for_the_kernel() {
        let base = std::env::temp_dir().join(format!("hutch-freeze-{}", std::process::id()));
        let cg = base.join("user.slice/user-1000.slice/user@1000.service/hutch.slice/hutch-x.scope");
        std::fs::create_dir_all(&cg).unwrap();
        std::fs::write(cg.join("cgroup.events"), "populated 1\nfrozen 0\n").unwrap();
        let fs = Recorded { log: RefCell::new(vec![]), base: base.clone() };
        let wait = std::time::Duration::from_millis(50);
        freeze(&fs, &cg, true, wait).unwrap();
        freeze(&fs, &cg, false, wait).unwrap();
        assert_eq!(*fs.log.borrow(), [
            "user.slice/user-1000.slice/user@1000.service/hutch.slice/hutch-x.scope/cgroup.freeze < 1",
            "user.slice/user-1000.slice/user@1000.service/hutch.slice/hutch-x.scope/cgroup.freeze < 0",
        ]);
        // A kernel that never reports the change: an error naming the cgroup, in bounded time.
        std::fs::write(cg.join("stuck"), "").unwrap();
        let e = freeze(&fs, &cg, true, wait).unwrap_err().to_string();
        assert!(e.contains("did not freeze") && e.contains("hutch-x.scope") && e.contains("`frozen 1`"), "{e}");
        assert_eq!(std::fs::read_to_string(cg.join("cgroup.freeze")).unwrap(), "0", "put back as it was");
        // No cgroup at all.
        assert!(freeze(&fs, &base.join("gone"), true, wait).is_err());
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn delegated_tree_gets_controllers_then_limits_then_the_process() {
        let base = std::env::temp_dir().join(format!("hutch-cgroup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let user = base.join("user.slice/user-1000.slice/user@1000.service");
        std::fs::create_dir_all(&user).unwrap();
        std::fs::write(user.join("cgroup.controllers"), "cpuset cpu io memory pids\n").unwrap();
        std::fs::write(user.join("cgroup.subtree_control"), "memory pids\n").unwrap();
        let fs = Recorded { log: RefCell::new(vec![]), base: base.clone() };

        let own = own_cgroup("0::/user.slice/user-1000.slice/user@1000.service/app.slice/run-1.scope\n").unwrap();
        let delegated = delegated_root(&own, 1000).unwrap();
        assert_eq!(delegated, "/user.slice/user-1000.slice/user@1000.service");
        let writes = vec![("cpu.max".to_string(), "50000 100000".to_string()), ("memory.max".to_string(), "536870912".to_string()), ("pids.max".to_string(), "100".to_string())];
        let cg = create(&fs, &base, &delegated, &["hutch.slice", "hutch-abc.scope"], &["cpu", "memory", "pids"], &writes).unwrap();
        place(&fs, &cg, 4242).unwrap();
        let u = "user.slice/user-1000.slice/user@1000.service";
        assert_eq!(*fs.log.borrow(), [
            format!("{u}/cgroup.subtree_control < +cpu"),
            format!("mkdir {u}/hutch.slice"),
            format!("{u}/hutch.slice/cgroup.subtree_control < +cpu +memory +pids"),
            format!("mkdir {u}/hutch.slice/hutch-abc.scope"),
            format!("{u}/hutch.slice/hutch-abc.scope/cpu.max < 50000 100000"),
            format!("{u}/hutch.slice/hutch-abc.scope/memory.max < 536870912"),
            format!("{u}/hutch.slice/hutch-abc.scope/pids.max < 100"),
            format!("{u}/hutch.slice/hutch-abc.scope/cgroup.procs < 4242"),
        ]);
        assert_eq!(std::fs::read_to_string(cg.join("memory.max")).unwrap(), "536870912");

        // A controller that is not delegated: refused with the fix, nothing written.
        fs.log.borrow_mut().clear();
        let e = create(&fs, &base, &delegated, &["hutch.slice", "hutch-def.scope"], &["hugetlb"], &[]).unwrap_err();
        assert!(format!("{e:#}").contains("the cgroup controllers hugetlb are not delegated to you"), "{e:#}");
        assert!(format!("{e:#}").contains("Delegate="), "{e:#}");
        assert!(fs.log.borrow().is_empty(), "{:?}", fs.log.borrow());

        remove(&fs, &cg);
        assert!(!cg.exists());
        // Outside user@UID.service (an ssh session's scope): no subtree to use.
        assert_eq!(delegated_root("/user.slice/user-1000.slice/session-3.scope", 1000), None);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
