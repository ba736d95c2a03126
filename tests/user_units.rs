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
    // It keeps its data in a volume that a `.volume` file beside it makes, and is wanted by
    // default.target through [Install].
    std::fs::write(&file, format!("[Unit]\nDescription=quadlet test\n\n[Container]\nImage=localhost/demo:latest\nExec={}\nEnvironment=A=1\nLabel=app=quadlet\nVolume={name}d.volume:/data\n\n[Install]\nWantedBy=default.target\n", traps(0).map(|a| if a.contains(' ') { format!("\"{a}\"") } else { a }).join(" "))).unwrap();
    let volume_file = dir.join(format!("{name}d.volume"));
    std::fs::write(&volume_file, "[Volume]\nLabel=from=quadlet\n").unwrap();
    struct Gone(PathBuf);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let (_file, _volume_file) = (Gone(file), Gone(volume_file));
    let volume_unit = Unit::install(&mgr, &e, &format!("{name}d-volume.service"), None);
    let unit = Unit::install(&mgr, &e, &format!("{name}.service"), None);
    systemctl(&mgr, &["daemon-reload"]).ok();
    let source = show(&mgr, &unit.name, "SourcePath");
    assert!(source.ends_with(&format!("/{name}.container")), "the generator made no unit from the file: SourcePath={source:?}");
    let wants = show(&mgr, "default.target", "Wants");
    assert!(wants.split(' ').any(|w| w == unit.name), "[Install] WantedBy=default.target did not reach the manager: Wants={wants}");
    let requires = show(&mgr, &unit.name, "Requires");
    assert!(requires.split(' ').any(|r| r == volume_unit.name), "no Requires= on the volume's unit: {requires}");
    // Starting the container's unit starts the volume's first (Requires=, After=).
    systemctl(&mgr, &["start", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    assert_eq!(show(&mgr, &volume_unit.name, "ActiveState"), "active");
    let volume = format!("systemd-{name}d");
    assert_eq!(e.hutch(&["volume", "ls", "--format", "{{.Name}} {{.Labels}}"]).ok().stdout, format!("{volume} map[from:quadlet]\n"));
    let ctr = format!("systemd-{name}");
    let (pid, cgroup) = supervisor_and_cgroup(&e, &ctr);
    assert_eq!(show(&mgr, &unit.name, "MainPID"), pid);
    assert!(cgroup.contains(&format!("/{}\n", unit.name)), "the supervisor is not in the unit's cgroup: {cgroup}");
    // The unit's name is a label (from PODMAN_SYSTEMD_UNIT in its environment), as in Podman.
    assert_eq!(e.hutch(&["ps", "--format", "{{.Names}} {{.Labels}}"]).ok().stdout, format!("{ctr} map[PODMAN_SYSTEMD_UNIT:{name}.service app:quadlet]\n"));
    assert_eq!(e.hutch(&["exec", &ctr, "sh", "-c", "echo $A; echo kept > /data/f"]).ok().stdout, "1\n");
    systemctl(&mgr, &["stop", &unit.name]).ok();
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "inactive");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
    // What the container wrote to /data is in the volume.
    assert_eq!(e.hutch(&["run", "--rm", "-v", &format!("{volume}:/v"), "localhost/demo:latest", "cat", "/v/f"]).ok().stdout, "kept\n");
}

/// A `--new` unit for a container labelled with an auto-update POLICY, started.
fn started_new_unit<'a>(mgr: &'a Path, e: &Env, name: &str, policy: &str, image: &str) -> Unit<'a> {
    let label = format!("io.containers.autoupdate={policy}");
    let t = traps(0);
    let mut a = vec!["create", "--name", name, "--label", &label, image];
    a.extend(t.iter().map(String::as_str));
    e.hutch(&a).ok();
    let text = e.hutch(&["generate", "systemd", "--new", "--name", name]).ok().stdout.clone();
    e.hutch(&["rm", name]).ok();
    let unit = Unit::install(mgr, e, &format!("container-{name}.service"), Some(&text));
    systemctl(mgr, &["daemon-reload"]).ok();
    systemctl(mgr, &["start", &unit.name]).ok();
    unit
}

/// `hutch auto-update ARGS`, talking to the test's user manager, which `systemctl --user`
/// finds through XDG_RUNTIME_DIR; the store's runtime directory stays the test's own.
fn auto_update(mgr: &Path, e: &Env, args: &[&str]) -> Out {
    let runroot = e.run.join("hutch");
    let mut all = vec!["--runroot", runroot.to_str().unwrap(), "auto-update"];
    all.extend_from_slice(args);
    Out::from(e.cmd(&all).env("XDG_RUNTIME_DIR", mgr).stdin(Stdio::null()).output().unwrap())
}

#[test]
fn auto_update_restarts_units_with_the_newer_image_and_rolls_back_a_failed_one() {
    let Some(mgr) = manager() else { return };
    let e = Env::new("auto-update");
    e.demo();
    let name = format!("au{}", std::process::id());
    let unit = started_new_unit(&mgr, &e, &name, "local", "demo");
    let id_of = |what: &str| e.hutch(&["inspect", "--format", what, &name]).ok().stdout.trim().to_string();
    let (first, old_image) = (id_of("{{.Id}}"), id_of("{{.Image}}"));
    let au = |args: &[&str]| auto_update(&mgr, &e, args);
    let fmt = "{{.Unit}}|{{.Container}}|{{.ContainerName}}|{{.Image}}|{{.Policy}}|{{.Updated}}";
    let row = |id: &str, updated: &str| format!("{}|{} ({name})|{name}|demo|local|{updated}\n", unit.name, &id[..12]);
    au(&["--format", fmt]).ok().stdout_is(&row(&first, "false"));
    // The unit recorded itself as a label of the container it made.
    assert_eq!(id_of("{{index .Config.Labels \"PODMAN_SYSTEMD_UNIT\"}}"), unit.name);

    // A newer `demo` in the store: pending with --dry-run, which changes nothing...
    e.hutch(&["import", "-q", "--change", "CMD [\"/bin/sh\"]", "--change", "LABEL v=2", busybox_tar().to_str().unwrap(), "demo"]).ok();
    let new_image = e.hutch(&["image", "inspect", "--format", "{{.Id}}", "demo"]).ok().stdout.trim().to_string();
    assert_ne!(new_image, old_image);
    au(&["--dry-run", "--format", fmt]).ok().stdout_is(&row(&first, "pending"));
    assert_eq!(id_of("{{.Id}}"), first);
    // ...and the update restarts the unit, which makes a fresh container from it.
    au(&["--format", fmt]).ok().stdout_is(&row(&first, "true"));
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    let second = id_of("{{.Id}}");
    assert_ne!(second, first);
    assert_eq!(id_of("{{.Image}}"), new_image);
    let table = au(&[]);
    let lines: Vec<&str> = table.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["UNIT", "CONTAINER", "IMAGE", "POLICY", "UPDATED"]);
    assert_eq!(lines[1].split_whitespace().collect::<Vec<_>>(), [unit.name.as_str(), &second[..12], &format!("({name})"), "demo", "local", "false"]);
    let json: serde_json::Value = serde_json::from_str(&au(&["--format", "json"]).ok().stdout).unwrap();
    assert_eq!(json[0]["ContainerID"], second.as_str());
    assert_eq!(json[0]["Updated"], "false");

    // A newer image that cannot run (no /bin/sh): the restart fails, the old image gets its
    // name back and the unit runs it again.
    let broken = e.home.join("broken");
    std::fs::create_dir_all(broken.join("etc")).unwrap();
    std::fs::write(broken.join("etc/motd"), "no shell here\n").unwrap();
    let tar = e.home.join("broken.tar");
    assert!(Command::new("tar").arg("-C").arg(&broken).arg("-cf").arg(&tar).arg(".").status().unwrap().success());
    e.hutch(&["import", "-q", tar.to_str().unwrap(), "demo"]).ok();
    let out = au(&["--format", fmt]);
    out.code(125).stderr_has(&format!("Error: restarting unit {}: ", unit.name));
    out.stdout_is(&row(&second, "rolled back"));
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    assert_eq!(e.hutch(&["image", "inspect", "--format", "{{.Id}}", "demo"]).ok().stdout.trim(), new_image);
    assert_eq!(id_of("{{.Image}}"), new_image);
    // --rollback=false leaves the unit down.
    e.hutch(&["import", "-q", tar.to_str().unwrap(), "demo"]).ok();
    let third = id_of("{{.Id}}");
    au(&["--rollback=false", "--format", fmt]).code(125).stdout_is(&row(&third, "failed"));
    assert_ne!(show(&mgr, &unit.name, "ActiveState"), "active");
}

#[test]
fn auto_update_pulls_a_newer_image_from_the_registry() {
    let Some(mgr) = manager() else { return };
    let e = Env::new("auto-update-registry");
    e.demo();
    let reg = common::registry::Registry::start(&e, None);
    std::fs::write(e.home.join(".config/containers/registries.conf"), format!("[[registry]]\nlocation = \"{}\"\ninsecure = true\n", reg.host())).unwrap();
    let image = format!("{}/app:latest", reg.host());
    e.hutch(&["push", "-q", "demo", &image]).ok();
    let name = format!("aur{}", std::process::id());
    let unit = started_new_unit(&mgr, &e, &name, "registry", &image);
    let id_of = |what: &str| e.hutch(&["inspect", "--format", what, &name]).ok().stdout.trim().to_string();
    let first = id_of("{{.Id}}");
    let au = |args: &[&str]| {
        let mut all = vec!["--format", "{{.Image}} {{.Policy}} {{.Updated}}"];
        all.extend_from_slice(args);
        auto_update(&mgr, &e, &all)
    };
    au(&[]).ok().stdout_is(&format!("{image} registry false\n"));
    // A newer image under the same tag in the registry.
    e.hutch(&["import", "-q", "--change", "CMD [\"/bin/sh\"]", "--change", "LABEL v=2", busybox_tar().to_str().unwrap(), "v2"]).ok();
    let v2 = e.hutch(&["image", "inspect", "--format", "{{.Id}}", "v2"]).ok().stdout.trim().to_string();
    e.hutch(&["push", "-q", "v2", &image]).ok();
    au(&["--dry-run"]).ok().stdout_is(&format!("{image} registry pending\n"));
    assert_eq!(id_of("{{.Id}}"), first);
    au(&[]).ok().stdout_is(&format!("{image} registry true\n"));
    assert_eq!(show(&mgr, &unit.name, "ActiveState"), "active");
    assert_ne!(id_of("{{.Id}}"), first);
    assert_eq!(id_of("{{.Image}}"), v2);
    au(&[]).ok().stdout_is(&format!("{image} registry false\n"));
    // A registry that cannot be asked is no update, with a warning.
    drop(reg);
    let out = au(&[]);
    out.ok().stdout_is(&format!("{image} registry false\n")).stderr_has(&format!("checking {image} for a newer image: "));
}

#[test]
fn auto_update_reports_containers_it_cannot_update_and_updates_the_others() {
    let e = Env::new("auto-update-errors");
    e.demo();
    // No policy, or "disabled": not auto-update's business, and nothing is printed.
    e.hutch(&["run", "-d", "--name", "plain", "demo", "sleep", "1000"]).ok();
    e.hutch(&["run", "-d", "--name", "off", "--label", "io.containers.autoupdate=disabled", "demo", "sleep", "1000"]).ok();
    e.hutch(&["auto-update"]).ok().stdout_is("");
    // The registry policy needs a fully qualified name, checked at create, as in Podman.
    e.hutch(&["create", "--label", "io.containers.autoupdate=registry", "demo"]).code(125)
        .stderr_has("Error: short name: auto updates require fully-qualified image reference: \"demo\"\n");
    let bogus = e.hutch(&["run", "-d", "--label", "io.containers.autoupdate=bogus", "demo", "sleep", "1000"]).ok().stdout.trim().to_string();
    let unitless = e.hutch(&["run", "-d", "--label", "io.containers.autoupdate=local", "demo", "sleep", "1000"]).ok().stdout.trim().to_string();
    let out = e.hutch(&["auto-update"]);
    out.code(125).stdout_is("");
    let mut errs: Vec<&str> = out.stderr.lines().collect();
    errs.sort();
    assert_eq!(errs, [
        "Error: auto-updating container \"".to_string() + &unitless + "\": no PODMAN_SYSTEMD_UNIT label found",
        "Error: invalid auto-update policy \"bogus\": valid policies are [\"disabled\" \"image\" \"local\" \"registry\"]".to_string(),
    ], "{}", out.stderr);
    e.hutch(&["auto-update", "extra"]).code(125);
    e.hutch(&["rm", "-f", "-t", "0", "plain", "off", &bogus, &unitless]).ok();
}

#[test]
fn auto_update_asks_the_registry_with_the_authfile_given() {
    let e = Env::new("auto-update-auth");
    e.demo();
    let reg = common::registry::Registry::start(&e, Some(("alice", "s3cret")));
    std::fs::write(e.home.join(".config/containers/registries.conf"), format!("[[registry]]\nlocation = \"{}\"\ninsecure = true\n", reg.host())).unwrap();
    let auth = e.home.join("auth.json");
    let auth = auth.to_str().unwrap();
    e.hutch(&["login", "--authfile", auth, "-u", "alice", "-p", "s3cret", &reg.host()]).ok();
    let image = format!("{}/app:latest", reg.host());
    e.hutch(&["tag", "demo", &image]).ok();
    e.hutch(&["push", "-q", "--authfile", auth, &image]).ok();
    // The unit label is all a dry run needs: nothing is restarted.
    let unit = "--label=PODMAN_SYSTEMD_UNIT=never-started.service";
    let plain = e.hutch(&["run", "-d", "--label", "io.containers.autoupdate=registry", unit, &image, "sleep", "1000"]).ok().stdout.trim().to_string();
    e.hutch(&["import", "-q", "--change", "LABEL v=2", busybox_tar().to_str().unwrap(), "v2"]).ok();
    e.hutch(&["push", "-q", "--authfile", auth, "v2", &image]).ok();
    let fmt = "{{.ContainerID}} {{.Updated}}";
    // Without credentials the registry refuses: no update, and a warning that says why.
    e.hutch(&["auto-update", "--dry-run", "--format", fmt]).ok().stdout_is(&format!("{plain} false\n"))
        .stderr_has(&format!("checking {image} for a newer image: "));
    // With them, from --authfile, the newer image is seen.
    e.hutch(&["auto-update", "--dry-run", "--authfile", auth, "--format", fmt]).ok().stdout_is(&format!("{plain} pending\n"));
    // A container's own authfile label wins over the option.
    e.hutch(&["rm", "-f", "-t", "0", &plain]).ok();
    let label = format!("io.containers.autoupdate.authfile={auth}");
    let own = e.hutch(&["run", "-d", "--label", "io.containers.autoupdate=registry", "--label", &label, unit, &image, "sleep", "1000"]).ok().stdout.trim().to_string();
    e.hutch(&["auto-update", "--dry-run", "--authfile", "/nonexistent/auth.json", "--format", fmt]).ok().stdout_is(&format!("{own} pending\n"));
    e.hutch(&["rm", "-f", "-t", "0", &own]).ok();
}
