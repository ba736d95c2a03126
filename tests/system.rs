//! info, version, unshare, help, and the environments hutch must cope with.

mod common;
use common::*;

#[test]
fn info_reports_mapping_store_and_problems() {
    let e = Env::new("info");
    let o = e.hutch(&["info"]);
    o.ok().stdout_has("idMappings:").stdout_has("graphRoot:").stdout_has("cgroupVersion:").stdout_has("problems:");
    let j = e.hutch(&["info", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&j.ok().stdout).unwrap();
    assert_eq!(v["host"]["idMappings"]["uidmap"][0]["host_id"], uid());
    assert_eq!(v["store"]["graphRoot"], e.data().to_str().unwrap());
    assert_eq!(v["store"]["runRoot"], e.run.join("hutch").to_str().unwrap());
    // This VM runs cgroup v1 (hybrid): limits cannot be applied, and info says how to fix it.
    let cg = v["host"]["cgroupVersion"].as_str().unwrap();
    if cg.starts_with("v1") {
        assert!(v["problems"].as_array().unwrap().iter().any(|p| p.as_str().unwrap().contains("unified_cgroup_hierarchy")));
    }
    // Podman's keys, which tools read from its JSON.
    for (section, key) in [("host", "ociRuntime"), ("host", "conmon"), ("host", "slirp4netns"), ("host", "cgroupManager"),
        ("host", "buildahVersion"), ("host", "memTotal"), ("host", "distribution"), ("store", "configFile"), ("store", "volumePath")] {
        assert!(!v[section][key].is_null(), "info lacks {section}.{key}: {v}");
    }
    assert_eq!(v["host"]["cgroupVersion"], if cg == "v2" { "v2" } else { "v1" });
    // Templates see Podman's Go field names.
    let o = e.hutch(&["info", "--format", "{{.Store.GraphRoot}}|{{.Host.OCIRuntime.Name}}|{{range .Host.IDMappings.UIDMap}}{{.HostID}} {{end}}|{{.Version.Version|upper}}"]);
    let want = format!("{}|hutch|{}|{}\n", e.data().to_str().unwrap(),
        v["host"]["idMappings"]["uidmap"].as_array().unwrap().iter().map(|m| format!("{} ", m["host_id"])).collect::<String>(),
        v["version"]["Version"].as_str().unwrap().to_uppercase());
    assert_eq!(o.ok().stdout, want);
    e.hutch(&["info", "--format", "{{json .Store.ImageStore}}"]).ok().stdout_is("{\"number\":0}\n");
    e.hutch(&["info", "--format", "{{.Host.Hostname.X}}"]).code(125).stderr_has("template:");
    // Info has every field of Podman's: a name it lacks is an error, as in Podman.
    e.hutch(&["info", "--format", "{{.Host.Nope}}"]).code(125).stderr_has("template:").stderr_has("Nope");
    assert_eq!(e.hutch(&["info", "--format", "[{{.Host.RemoteSocket.Path}}][{{.Host.Distribution.Variant}}]"]).ok().stdout, "[][]\n");
    e.hutch(&["info", "--format", "{{.Host"]).code(125).stderr_has("template:");
}

#[test]
fn version_prints_client_lines() {
    let e = Env::new("version");
    e.hutch(&["version"]).ok().stdout_has("Version:").stdout_has("OS/Arch:      linux/");
    let v = env!("CARGO_PKG_VERSION");
    e.hutch(&["version", "--format", "{{.Client.Version}} {{.Client.Os}}"]).ok().stdout_is(&format!("{v} linux\n"));
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["version", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(j["Client"]["APIVersion"], v);
    e.hutch(&["--version"]).ok().stdout_has("hutch ");
}

#[test]
fn unshare_runs_in_the_user_namespace() {
    let e = Env::new("unshare");
    assert_eq!(e.hutch(&["unshare", "id", "-u"]).ok().stdout, "0\n");
    let o = e.hutch(&["unshare", "cat", "/proc/self/uid_map"]);
    o.ok().stdout_has(&uid().to_string());
    e.hutch(&["unshare", "sh", "-c", "exit 7"]).code(7);
    e.hutch(&["unshare", "sh", "-c", "echo $CONTAINERS_GRAPHROOT"]).ok().stdout_has(e.data().to_str().unwrap());
}

#[test]
fn works_without_xdg_runtime_dir_and_ignores_one_not_owned() {
    let e = Env::new("noxdg");
    e.demo();
    let tmpdir = e.dir.join("tmpdir");
    std::fs::create_dir(&tmpdir).unwrap();
    let o = e.cmd(&["run", "--rm", "demo", "echo", "ok"]).env_remove("XDG_RUNTIME_DIR").env("TMPDIR", &tmpdir)
        .stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ok\n", "{}", String::from_utf8_lossy(&o.stderr));
    // The fallback chain: /run/user/UID when it is ours and private, else $TMPDIR/hutch-run-UID.
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let user_run = std::path::PathBuf::from(format!("/run/user/{}", uid()));
    let has_user_run = std::fs::metadata(&user_run).map(|m| m.uid() == uid() && m.mode() & 0o777 == 0o700).unwrap_or(false);
    let private = if has_user_run { user_run.join("hutch") } else { tmpdir.join(format!("hutch-run-{}", uid())) };
    assert_eq!(std::fs::metadata(&private).unwrap().permissions().mode() & 0o777, 0o700);
    // A runtime dir we do not own (as after `su`) is not used.
    let o = e.cmd(&["info", "--format", "json"]).env("XDG_RUNTIME_DIR", "/").env("TMPDIR", &tmpdir)
        .stdin(std::process::Stdio::null()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["store"]["runRootSource"].as_str().unwrap().contains("not a directory you own"), "{v}");
}

#[test]
fn without_newuidmap_a_single_id_mapping_with_the_fix() {
    let e = Env::new("nohelpers");
    e.demo();
    // (--network none: slirp4netns is not in that PATH either.)
    let o = e.cmd(&["run", "--rm", "--network", "none", "demo", "cat", "/proc/self/uid_map"]).env("PATH", "/nonexistent")
        .stdin(std::process::Stdio::null()).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(err.contains("newuidmap/newgidmap not found") && err.contains("apt-get install uidmap"), "{err}");
}

#[test]
fn unknown_flags_and_commands_exit_125() {
    let e = Env::new("flags");
    e.hutch(&["run", "--bogus", "demo"]).code(125).stderr_has("unexpected argument '--bogus'");
    e.hutch(&["frobnicate"]).code(125);
    e.hutch(&["ps", "--nope"]).code(125);
}

#[test]
fn help_reads_like_podman() {
    let e = Env::new("help");
    let o = e.hutch(&["run", "--help"]);
    o.ok().stdout_has("Run a command in a new container").stdout_has("hutch run [options] IMAGE [COMMAND [ARG...]]")
        .stdout_has("Remove container (and pod if created) after exit").stdout_has("Keep STDIN open even if not attached");
    e.hutch(&["--help"]).ok().stdout_has("Manage containers and images");
    e.hutch(&["container", "ls", "-a"]).ok().stdout_has("CONTAINER ID");
    e.hutch(&["image", "ls"]).ok().stdout_has("REPOSITORY");
}

#[test]
fn global_options_are_honoured_or_refused_by_name() {
    let e = Env::new("globals");
    e.demo();
    // --noout: nothing on stdout; errors still on stderr.
    let o = e.hutch(&["--noout", "images"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    e.hutch(&["--noout", "inspect", "nosuch"]).code(125).stderr_has("no such object");
    // --events-backend none: this command and its container's supervisor log nothing.
    e.hutch(&["--events-backend", "none", "run", "--rm", "demo", "true"]).ok();
    e.hutch(&["run", "--rm", "--events-backend=file", "demo", "true"]).ok();
    let events = e.hutch(&["events", "--stream=false", "--format", "{{.Status}}", "--filter", "event=start"]).ok().stdout.clone();
    assert_eq!(events, "start\n", "only the second run's start is logged");
    e.hutch(&["--events-backend", "syslog", "ps"]).code(125).stderr_has("invalid events backend \"syslog\"");
    // --log-level error silences warnings (here: a port mapping discarded with --network none).
    let o = e.hutch(&["run", "--rm", "--network", "none", "-p", "8080:80", "demo", "true"]);
    o.ok().stderr_has("Port mappings have been discarded");
    let o = e.hutch(&["--log-level", "error", "run", "--rm", "--network", "none", "-p", "8080:80", "demo", "true"]);
    assert_eq!(o.ok().stderr, "");
    e.hutch(&["--log-level", "loud", "ps"]).code(125).stderr_has("log level \"loud\" is not supported");
    // --volumepath: named volumes live there.
    let vp = e.dir.join("vols");
    std::fs::create_dir(&vp).unwrap();
    e.hutch(&["--volumepath", vp.to_str().unwrap(), "run", "--rm", "-v", "data:/d", "demo", "sh", "-c", "echo x > /d/f"]).ok();
    assert!(vp.join("data/_data/f").is_file());
    assert_eq!(e.hutch(&["volume", "ls", "-q", "--volumepath", vp.to_str().unwrap()]).ok().stdout, "data\n");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).ok().stdout, "");
    // What hutch has no use for is refused by name.
    e.hutch(&["--runtime", "hutch", "ps"]).ok();
    e.hutch(&["--cgroup-manager", "cgroupfs", "ps"]).ok();
    for (args, msg) in [
        (&["--remote", "ps"][..], "--remote: hutch has no remote service"),
        (&["--url", "unix:///x", "ps"], "--url: hutch has no remote service"),
        (&["--connection", "c", "ps"], "--connection: hutch has no remote service"),
        (&["--runtime", "crun", "ps"], "--runtime crun: hutch runs containers with its own built-in runtime"),
        (&["--runtime-flag", "debug", "ps"], "--runtime-flag is not supported"),
        (&["--cgroup-manager", "systemd", "ps"], "--cgroup-manager systemd: hutch manages its cgroups itself"),
        (&["--conmon", "/usr/bin/conmon", "ps"], "--conmon is not supported"),
        (&["--hooks-dir", "/usr/share/containers/oci/hooks.d", "ps"], "--hooks-dir is not supported"),
        (&["--storage-opt", "overlay.mount_program=/usr/bin/fuse-overlayfs", "ps"], "--storage-opt overlay.mount_program"),
        (&["--syslog", "ps"], "--syslog is not supported"),
        (&["--tmpdir", "/tmp/x", "ps"], "--tmpdir is not supported"),
    ] {
        e.hutch(args).code(125).stderr_has(msg);
    }
    e.hutch(&["--storage-opt", "", "ps"]).ok();
}

#[test]
fn system_migrate_stops_the_running_containers_and_puts_away_debris() {
    let e = Env::new("migrate");
    e.demo();
    let up = e.hutch(&["run", "-d", "--name", "up", "demo", "sh", "-c", "trap 'exit 3' TERM; while :; do sleep 0.1; done"]);
    let up = up.ok().stdout.trim().to_string();
    e.hutch(&["create", "--name", "made", "demo", "true"]).ok();
    // What a create killed midway leaves: a container directory without a record.
    let debris = e.data().join("containers").join("d".repeat(64));
    std::fs::create_dir_all(debris.join("upper")).unwrap();
    // A runtime that is not there is refused before anything stops, as in Podman.
    e.hutch(&["system", "migrate", "--new-runtime", "crun"]).code(125).stdout_is("")
        .stderr_has("Error: change to runtime \"crun\" requested but no such runtime is defined");
    e.hutch(&["inspect", "--format", "{{.State.Status}}", "up"]).ok().stdout_is("running\n");
    e.hutch(&["system", "migrate", "--new-runtime", "hutch"]).ok().stdout_is(&format!("stopped {up}\n"));
    let ps = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    let mut rows: Vec<&str> = ps.ok().stdout.lines().collect();
    rows.sort();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0], "made Created");
    assert!(rows[1].starts_with("up Exited (3) "), "{rows:?}");
    assert!(!debris.exists(), "migrate left a half-created container's directory");
    // Nothing running: nothing to say.
    e.hutch(&["system", "migrate"]).ok().stdout_is("");
    // The container starts again, with the mapping as /etc/subuid has it now.
    e.hutch(&["start", "up"]).ok();
    e.hutch(&["inspect", "--format", "{{.State.Status}}", "up"]).ok().stdout_is("running\n");
    e.hutch(&["rm", "-f", "-t", "0", "up"]).ok();
}

#[test]
fn completion_scripts_for_each_shell() {
    let e = Env::new("completion");
    for (name, shell) in [("bash", clap_complete::Shell::Bash), ("zsh", clap_complete::Shell::Zsh), ("fish", clap_complete::Shell::Fish), ("powershell", clap_complete::Shell::PowerShell)] {
        let want = String::from_utf8(hutch::cli::completion::script(shell, true)).unwrap();
        e.hutch(&["completion", name]).ok().stdout_is(&want);
        assert!(want.ends_with("\n# This file is generated with \"hutch completion\"; see: hutch-completion(1)\n"));
        let file = e.home.join(format!("hutch.{name}"));
        e.hutch(&["completion", "-f", file.to_str().unwrap(), name]).ok().stdout_is("");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), want);
    }
    // The files in completions/ are the same scripts (tests/docs.rs keeps them current).
    let zsh = e.hutch(&["completion", "zsh"]).ok().stdout.clone();
    assert!(zsh.contains("Stop one or more containers"), "zsh completion without the verbs' descriptions");
    let bare = e.hutch(&["completion", "--no-desc", "zsh"]).ok().stdout.clone();
    assert!(!bare.contains("Stop one or more containers") && bare.contains("'stop"), "--no-desc kept descriptions or lost verbs");
    // The bash script sources cleanly and completes a verb.
    let bashfile = e.home.join("hutch.bash");
    let o = std::process::Command::new("bash").args(["-c", &format!("source {}; COMP_WORDS=(hutch sto); COMP_CWORD=1; COMP_LINE='hutch sto'; COMP_POINT=9; _hutch hutch sto hutch; printf '%s\\n' \"${{COMPREPLY[@]}}\"", bashfile.display())]).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).lines().any(|l| l == "stop"), "{o:?}");
    e.hutch(&["completion", "ksh"]).code(125).stderr_has("Error: invalid argument \"ksh\" for \"hutch completion\"\n");
    e.hutch(&["completion", "-f", "/nonexistent/dir/x", "bash"]).code(125).stderr_has("Error: open /nonexistent/dir/x: ");
}
