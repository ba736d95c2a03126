//! Units started and stopped for real by a systemd user manager, as the unprivileged user:
//! a unit from `generate systemd --new`, one from plain `generate systemd`, and one that
//! hutch, installed as the manager's Quadlet generator, makes from a `.container` file.
//! `dev/test.sh` starts the manager (dev/user-manager.sh) and names its runtime directory in
//! $HUTCH_TEST_USER_MANAGER.
//!
//! Each unit gets a drop-in that points hutch at the test's own store (HOME, XDG_*), as a
//! user's units would find theirs in their own environment.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The manager's runtime directory, or None with a visible skip (a failure under CI=true).
fn manager() -> Option<PathBuf> {
    match std::env::var_os("HUTCH_TEST_USER_MANAGER").map(PathBuf::from) {
        Some(p) if p.join("systemd/private").exists() => Some(p),
        _ => {
            skip("no systemd user manager to run units (dev/test.sh starts one with dev/user-manager.sh)");
            None
        }
    }
}

fn systemctl(mgr: &Path, args: &[&str]) -> Out {
    Out::from(
        Command::new("systemctl")
            .arg("--user")
            .args(args)
            .env("XDG_RUNTIME_DIR", mgr)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .stdin(Stdio::null())
            .output()
            .expect("systemctl (Debian's systemd package)"),
    )
}

fn show(mgr: &Path, unit: &str, prop: &str) -> String {
    systemctl(mgr, &["show", "--property", prop, "--value", unit]).ok().stdout.trim().to_string()
}

/// A unit put where the manager reads runtime units, with the test's environment as a
/// drop-in; stopped and taken away however the test ends.
struct Unit<'a> {
    mgr: &'a Path,
    name: String,
    files: Vec<PathBuf>,
}

impl<'a> Unit<'a> {
    fn install(mgr: &'a Path, e: &Env, name: &str, text: Option<&str>) -> Unit<'a> {
        let dir = mgr.join("systemd/user");
        let dropin = dir.join(format!("{name}.d"));
        std::fs::create_dir_all(&dropin).unwrap();
        let mut files = vec![dropin.clone()];
        if let Some(text) = text {
            std::fs::write(dir.join(name), text).unwrap();
            files.push(dir.join(name));
        }
        let env: Vec<String> = e.cmd(&[]).get_envs().filter_map(|(k, v)| Some(format!("\"{}={}\"", k.to_str()?, v?.to_str()?))).collect();
        std::fs::write(dropin.join("test-env.conf"), format!("[Service]\nEnvironment={}\n", env.join(" "))).unwrap();
        Unit { mgr, name: name.to_string(), files }
    }
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        let _ = systemctl(self.mgr, &["stop", &self.name]);
        let _ = systemctl(self.mgr, &["reset-failed", &self.name]);
        for f in &self.files {
            let _ = std::fs::remove_dir_all(f).or_else(|_| std::fs::remove_file(f));
        }
        let _ = systemctl(self.mgr, &["daemon-reload"]);
    }
}

/// The container's supervisor (the MAINPID it gives, as Podman gives conmon's), and its cgroup.
fn supervisor_and_cgroup(e: &Env, name: &str) -> (String, String) {
    let sup = e.hutch(&["inspect", "--format", "{{.State.ConmonPid}}", name]).ok().stdout.trim().to_string();
    let cgroup = std::fs::read_to_string(format!("/proc/{sup}/cgroup")).unwrap_or_default();
    (sup, cgroup)
}

/// A container that ends with CODE when told to stop, and says it started.
fn traps(code: u8) -> [String; 3] {
    ["sh".into(), "-c".into(), format!("trap 'exit {code}' TERM; echo up; while :; do sleep 1; done")]
}

#[test]
fn generated_units_start_and_stop_under_the_user_manager() {
    let Some(mgr) = manager() else { return };
    let e = Env::new("units");
    e.demo();
    let tag = std::process::id();

    // --new: the unit makes the container, is ready once it runs, and removes it on stop.
    let name = format!("new{tag}");
    let t = traps(0);
    let mut a = vec!["create", "--name", &name, "demo"];
    a.extend(t.iter().map(String::as_str));
    e.hutch(&a).ok();
    let text = e.hutch(&["generate", "systemd", "--new", "--name", &name]).ok().stdout.clone();
    e.hutch(&["rm", &name]).ok();
    let unit = Unit::install(&mgr, &e, &format!("container-{name}.service"), Some(&text));
    systemctl(&mgr, &["daemon-reload"]).ok();
    systemctl(&mgr, &["start", &unit.name]).ok();
    // Type=notify: start returns once the supervisor said READY=1, with its pid.
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    let (pid, cgroup) = supervisor_and_cgroup(&e, &name);
    assert_eq!(show(&mgr, &unit.name, "MainPID"), pid);
    assert!(cgroup.contains(&format!("/{}\n", unit.name)), "the supervisor is not in the unit's cgroup: {cgroup}");
    assert_eq!(e.hutch(&["ps", "--filter", "status=running", "--format", "{{.Names}}"]).ok().stdout, format!("{name}\n"));
    assert_eq!(e.hutch(&["logs", &name]).ok().stdout, "up\n");
    systemctl(&mgr, &["stop", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "inactive", "a clean stop, not a failed unit: {}", systemctl(&mgr, &["status", &unit.name]).stdout);
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "", "--rm: the container went with the unit");
    // Started again, it is a fresh container (--replace), and the unit is ready again.
    systemctl(&mgr, &["restart", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).ok().stdout, format!("{name}\n"));
    drop(unit);
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");

    // Without --new: the unit starts and stops an existing container, and the container's
    // exit is recorded before systemd is done with the unit's processes.
    let name = format!("old{tag}");
    let t = traps(3);
    let mut a = vec!["create", "--name", &name, "demo"];
    a.extend(t.iter().map(String::as_str));
    e.hutch(&a).ok();
    let text = e.hutch(&["generate", "systemd", "--name", &name]).ok().stdout.clone();
    let unit = Unit::install(&mgr, &e, &format!("container-{name}.service"), Some(&text));
    systemctl(&mgr, &["daemon-reload"]).ok();
    systemctl(&mgr, &["start", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    let sup = e.hutch(&["inspect", "--format", "{{.State.ConmonPid}}", &name]).ok().stdout.trim().to_string();
    assert_eq!(show(&mgr, &unit.name, "MainPID"), sup, "Type=forking follows the supervisor's pid file");
    assert_eq!(e.hutch(&["ps", "--filter", "status=running", "--format", "{{.Names}}"]).ok().stdout, format!("{name}\n"));
    systemctl(&mgr, &["stop", &unit.name]).ok();
    // The supervisor ends with the container's code, as conmon does: systemd sees the 3.
    assert_eq!(show(&mgr, &unit.name, "ExecMainStatus"), "3", "{}", systemctl(&mgr, &["status", &unit.name]).stdout);
    let status = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.clone();
    assert!(status.starts_with(&format!("{name} Exited (3) ")), "{status}");
}

#[test]
fn quadlet_files_become_units_the_user_manager_runs() {
    let Some(mgr) = manager() else { return };
    let e = Env::new("quadlet-units");
    e.demo();
    // The generator reads the manager's ~/.config/containers/systemd, which is this user's.
    let home = PathBuf::from(std::env::var_os("HOME").expect("HOME"));
    let dir = home.join(".config/containers/systemd");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("q{}", std::process::id());
    let file = dir.join(format!("{name}.container"));
    std::fs::write(&file, format!("[Unit]\nDescription=quadlet test\n\n[Container]\nImage=localhost/demo:latest\nExec={}\nEnvironment=A=1\nLabel=app=quadlet\n", traps(0).map(|a| if a.contains(' ') { format!("\"{a}\"") } else { a }).join(" "))).unwrap();
    struct Gone(PathBuf);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let _file = Gone(file);
    let unit = Unit::install(&mgr, &e, &format!("{name}.service"), None);
    systemctl(&mgr, &["daemon-reload"]).ok();
    let source = show(&mgr, &unit.name, "SourcePath");
    assert!(source.ends_with(&format!("/{name}.container")), "the generator made no unit from the file: SourcePath={source:?}");
    systemctl(&mgr, &["start", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    let ctr = format!("systemd-{name}");
    let (pid, cgroup) = supervisor_and_cgroup(&e, &ctr);
    assert_eq!(show(&mgr, &unit.name, "MainPID"), pid);
    assert!(cgroup.contains(&format!("/{}\n", unit.name)), "the supervisor is not in the unit's cgroup: {cgroup}");
    assert_eq!(e.hutch(&["ps", "--format", "{{.Names}} {{.Labels}}"]).ok().stdout, format!("{ctr} map[app:quadlet]\n"));
    assert_eq!(e.hutch(&["exec", &ctr, "sh", "-c", "echo $A"]).ok().stdout, "1\n");
    systemctl(&mgr, &["stop", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "inactive");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
}
