//! `run`/`create` options that change how a container is set up: --attach, --systemd,
//! --chrootdirs, --init-path, --image-volume, and the pod options hutch refuses.

mod common;
use common::*;

#[test]
fn attach_names_the_streams_a_foreground_run_shows() {
    let e = Env::new("attach");
    e.demo();
    let both = ["run", "--rm", "demo", "sh", "-c", "echo out; echo err >&2"];
    let o = e.hutch(&[&["run", "-a", "stdout"], &both[1..]].concat());
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "out\n", ""));
    let o = e.hutch(&[&["run", "--attach=STDERR"], &both[1..]].concat());
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "", "err\n"));
    let o = e.hutch(&[&["run", "-a", "stdout,stderr"], &both[1..]].concat());
    assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("out\n", "err\n"));
    // What is not attached still goes to the log.
    e.hutch(&["run", "--name", "quiet", "-a", "stderr", "demo", "echo", "logged"]).ok();
    assert_eq!(e.hutch(&["logs", "quiet"]).ok().stdout, "logged\n");
    // stdin is attached only with -i too.
    let o = e.cmd(&["run", "--rm", "-i", "-a", "stdout", "demo", "cat"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let out = write_stdin_and_wait(o, b"typed\n");
    assert_eq!(out, "");
    let o = e.cmd(&["run", "--rm", "-i", "-a", "stdin", "-a", "stdout", "demo", "cat"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    assert_eq!(write_stdin_and_wait(o, b"typed\n"), "typed\n");
    e.hutch(&["run", "--rm", "-a", "stdnet", "demo", "true"]).code(125)
        .stderr_has("invalid stream \"stdnet\" for --attach - must be one of stdin, stdout, or stderr");
    e.hutch(&["run", "--rm", "-a", "stdout", "--log-driver", "passthrough", "demo", "true"]).code(125)
        .stderr_has("cannot specify --attach with --log-driver=passthrough");
    assert_eq!(e.hutch(&["ps", "-aq"]).stdout.lines().count(), 1, "only `quiet` is left");
}

fn write_stdin_and_wait(mut child: std::process::Child, input: &[u8]) -> String {
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn systemd_mode_mounts_tmpfs_sets_the_uuid_and_the_stop_signal() {
    let e = Env::new("systemd-mode");
    e.demo();
    let script = "for d in /run /run/lock /tmp /var/lib/journal; do grep -q \" $d tmpfs \" /proc/mounts && echo $d; done; \
        grep -c ' /sys/fs/cgroup' /proc/mounts >/dev/null && echo cgroup; echo $container_uuid";
    let id = e.hutch(&["create", "--systemd=always", "demo", "sh", "-c", script]).ok().stdout.trim().to_string();
    let o = e.hutch(&["start", "-a", &id]);
    assert_eq!(o.ok().stdout, format!("/run\n/run/lock\n/tmp\n/var/lib/journal\ncgroup\n{}\n", &id[..32]));
    // SIGRTMIN+3 (37) is the stop signal, unless one is given.
    assert_eq!(e.hutch(&["inspect", "-f", "{{.Config.StopSignal}}", &id]).ok().stdout, "37\n");
    let given = e.hutch(&["create", "--systemd=always", "--stop-signal", "TERM", "demo", "true"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["inspect", "-f", "{{.Config.StopSignal}}", &given]).ok().stdout, "15\n");
    // true (the default): only when the command is an init or systemd.
    let init = e.hutch(&["create", "demo", "/sbin/init"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["inspect", "-f", "{{.Config.StopSignal}}", &init]).ok().stdout, "37\n");
    let off = e.hutch(&["create", "--systemd=false", "demo", "/sbin/init"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["inspect", "-f", "{{.Config.StopSignal}}", &off]).ok().stdout, "15\n");
    let o = e.hutch(&["run", "--rm", "demo", "sh", "-c", "grep -c ' /run tmpfs ' /proc/mounts; echo ${container_uuid:-none}"]);
    assert_eq!(o.stdout, "0\nnone\n");
    // A user's own mount on one of those places wins.
    let o = e.hutch(&["run", "--rm", "--systemd=always", "--tmpfs", "/tmp:size=1m", "demo", "sh", "-c", "grep ' /tmp ' /proc/mounts | grep -c size=1024k"]);
    assert_eq!(o.ok().stdout, "1\n");
    e.hutch(&["run", "--rm", "--systemd=maybe", "demo", "true"]).code(125).stderr_has("invalid --systemd value \"maybe\"");
}

#[test]
fn chrootdirs_get_the_managed_files_too() {
    let e = Env::new("chrootdirs");
    e.demo();
    let o = e.hutch(&["run", "--rm", "--hostname", "jailed", "--chrootdirs", "/srv/a,/srv/b", "--add-host", "db:10.1.2.3", "demo", "sh", "-c",
        "cat /srv/a/etc/hostname /srv/b/etc/hostname; grep -c db /srv/b/etc/hosts; test -e /srv/a/etc/resolv.conf && test -e /srv/b/run/.containerenv && echo ok"]);
    assert_eq!(o.ok().stdout, "jailed\njailed\n1\nok\n");
    e.hutch(&["run", "--rm", "--chrootdirs", "relative", "demo", "true"]).code(125).stderr_has("--chrootdirs relative: use an absolute path");
}

#[test]
fn init_path_runs_the_given_init_as_pid_1() {
    let e = Env::new("init-path");
    e.demo();
    let init = e.dir.join("my-init");
    std::fs::write(&init, "#!/bin/sh\necho \"init $$: $*\"\nshift\nexec \"$@\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&init, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = e.hutch(&["run", "--rm", "--init", "--init-path", init.to_str().unwrap(), "demo", "echo", "hi"]);
    assert_eq!(o.ok().stdout, "init 1: -- echo hi\nhi\n");
    // Without --init it is not used (as in Podman).
    let o = e.hutch(&["run", "--rm", "--init-path", init.to_str().unwrap(), "demo", "echo", "hi"]);
    assert_eq!(o.ok().stdout, "hi\n");
    // containers.conf's init_path is the default.
    let conf = e.dir.join("containers.conf");
    std::fs::write(&conf, format!("[containers]\ninit_path = \"{}\"\n", init.display())).unwrap();
    let o = e.cmd(&["run", "--rm", "--init", "demo", "echo", "hi"]).env("CONTAINERS_CONF", &conf).stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "init 1: -- echo hi\nhi\n", "{}", String::from_utf8_lossy(&o.stderr));
    e.hutch(&["run", "--rm", "--init", "--init-path", "/nonexistent/init", "demo", "true"]).code(125).stderr_has("--init-path /nonexistent/init: no such file");
    assert_eq!(e.hutch(&["ps", "-aq"]).stdout, "");
}

#[test]
fn image_volume_modes() {
    let e = Env::new("image-volume");
    e.demo();
    let ctx = e.dir.join("ctx");
    std::fs::create_dir(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nRUN mkdir /data && echo seeded > /data/f\nVOLUME /data\n").unwrap();
    e.hutch(&["build", "-q", "-t", "withvol", ctx.to_str().unwrap()]).ok();
    let where_data = "grep ' /data ' /proc/mounts | cut -d' ' -f3; cat /data/f";
    // bind (the default): an anonymous volume, seeded from the image.
    let o = e.hutch(&["run", "--name", "b", "withvol", "sh", "-c", where_data]);
    let lines: Vec<&str> = o.ok().stdout.lines().collect();
    assert!(lines.len() == 2 && lines[0] != "tmpfs" && lines[1] == "seeded", "{lines:?}");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.lines().count(), 1);
    // tmpfs: an empty tmpfs, no volume.
    let o = e.hutch(&["run", "--rm", "--image-volume", "tmpfs", "withvol", "sh", "-c", where_data]);
    assert_eq!((o.code, o.stdout.as_str()), (1, "tmpfs\n"));
    // ignore: the image's directory as it is.
    let o = e.hutch(&["run", "--rm", "--image-volume=ignore", "withvol", "sh", "-c", where_data]);
    assert_eq!(o.ok().stdout, "seeded\n");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.lines().count(), 1);
    e.hutch(&["run", "--rm", "--image-volume", "copy", "withvol", "true"]).code(125);
}

#[test]
fn pod_options_are_refused_clearly() {
    let e = Env::new("pods");
    e.demo();
    e.hutch(&["run", "--rm", "--pod", "p1", "demo", "true"]).code(125).stderr_has("--pod p1: hutch has no pods");
    e.hutch(&["create", "--pod-id-file", "/tmp/x", "demo", "true"]).code(125).stderr_has("--pod-id-file /tmp/x: hutch has no pods");
    e.hutch(&["create", "--init-ctr", "always", "demo", "true"]).code(125).stderr_has("--init-ctr always: init containers belong to a pod");
    assert_eq!(e.hutch(&["ps", "-aq"]).stdout, "");
}

#[test]
fn containers_conf_defaults_apply_under_the_command_line() {
    let e = Env::new("conf-defaults");
    e.demo();
    let host_dir = e.dir.join("shared");
    std::fs::create_dir(&host_dir).unwrap();
    std::fs::write(host_dir.join("f"), "from conf").unwrap();
    let helpers = e.dir.join("helpers");
    std::fs::create_dir(&helpers).unwrap();
    let conf = e.dir.join("containers.conf");
    std::fs::write(&conf, format!(r#"
[containers]
env = ["FROM_CONF=1", "OVERRIDDEN=conf"]
tz = "Europe/Paris"
umask = "0077"
init = true
volumes = ["{}:/shared:ro"]
annotations = ["org.example.team=blue"]
log_size_max = 4096
pids_limit = 100
unknown_to_hutch = "read past"
[engine]
stop_timeout = 3
pull_policy = "never"
env = ["HUTCH_CONF_ENGINE=yes"]
helper_binaries_dir = ["{}"]
"#, host_dir.display(), helpers.display())).unwrap();
    let run = |args: &[&str]| {
        let o = e.cmd(args).env("CONTAINERS_CONF", &conf).stdin(std::process::Stdio::null()).output().unwrap();
        Out::from(o)
    };
    let o = run(&["run", "--name", "c", "-e", "OVERRIDDEN=cli", "demo", "sh", "-c",
        "echo $FROM_CONF $OVERRIDDEN; cat /etc/localtime | head -c 4; echo; umask; cat /shared/f; echo; cat /proc/1/comm; echo $$"]);
    o.ok();
    // A key neither Podman nor hutch knows is named; Podman's own keys pass quietly.
    o.stderr_has(&format!("WARN[0000] {}: unknown key [containers] unknown_to_hutch: ignored (neither Podman nor hutch has it)", conf.display()));
    assert!(!o.stderr.contains("unknown key [containers] tz") && !o.stderr.contains("[engine]"), "{}", o.stderr);
    // pids_limit is a default for where a delegated cgroup takes it: never a warning (this
    // host has none; the rule is unit-tested against a delegated v2 tree).
    let delegated = std::fs::read_to_string(format!("/sys/fs/cgroup/user.slice/user-{}.slice/user@{}.service/cgroup.controllers", uid(), uid())).unwrap_or_default();
    if !delegated.split_whitespace().any(|c| c == "pids") {
        assert!(!o.stderr.contains("Resource limits"), "{}", o.stderr);
    }
    assert_eq!(o.stdout, "1 cli\nTZif\n0077\nfrom conf\ninit\n2\n", "PID 1 is the init, the command PID 2");
    let i = run(&["inspect", "-f", "{{.Config.StopTimeout}} {{index .Config.Annotations \"org.example.team\"}} {{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}}", "c"]);
    assert_eq!(i.ok().stdout, "3 blue k8s-file 4.1 kB\n");
    // The command line wins: --tz, --umask, a mount on the same path.
    let o = run(&["run", "--rm", "--tz", "UTC", "--umask", "0022", "-v", &format!("{}:/shared", e.dir.display()), "demo", "sh", "-c", "umask; test -d /shared/shared && echo mine"]);
    assert_eq!(o.ok().stdout, "0022\nmine\n");
    // pull_policy = never: a missing image is not pulled.
    run(&["run", "--rm", "localhost:1/nothere", "true"]).code(125);
    // [engine] env and helper_binaries_dir reach hutch's own processes.
    let o = run(&["unshare", "sh", "-c", "echo $HUTCH_CONF_ENGINE; echo $PATH | cut -d: -f1"]);
    assert_eq!(o.ok().stdout, format!("yes\n{}\n", helpers.display()));
    // A malformed file is an error naming the file and the line.
    std::fs::write(&conf, "[containers]\nenv = [\"A=1\"\ntz = 3\n").unwrap();
    let o = run(&["run", "--rm", "demo", "true"]);
    o.code(125).stderr_has(&format!("{} is not a valid containers.conf (TOML)", conf.display())).stderr_has("TOML parse error at line 3");
}

#[test]
fn log_opt_path_and_tag() {
    let e = Env::new("log-opts");
    e.demo();
    let log = e.dir.join("logs/web.log");
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    e.hutch(&["run", "--name", "w", "--log-opt", &format!("path={}", log.display()), "--log-opt", "tag=web", "demo", "echo", "to the file"]).ok();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.ends_with(" stdout F to the file\n"), "{text}");
    assert_eq!(e.hutch(&["logs", "w"]).ok().stdout, "to the file\n");
    assert_eq!(e.hutch(&["inspect", "-f", "{{.HostConfig.LogConfig.Path}} {{.HostConfig.LogConfig.Tag}}", "w"]).ok().stdout, format!("{} web\n", log.display()));
    e.hutch(&["run", "--rm", "--log-opt", "labels=x", "demo", "true"]).code(125).stderr_has("--log-opt labels=x: not supported by hutch");
}
