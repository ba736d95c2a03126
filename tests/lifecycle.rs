//! The container lifecycle end to end, as the unprivileged user: detached containers and
//! their supervisor, create/start/stop/kill/restart/wait, logs, restart policies, and state
//! that stays consistent when hutch or the supervisor is killed at any moment.

mod common;
use common::*;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The STATUS column of container `name` in `ps -a`.
fn status(e: &Env, name: &str) -> String {
    let o = e.hutch(&["ps", "-a", "--format", "{{.Names}}\t{{.Status}}"]);
    o.ok();
    o.stdout.lines().find_map(|l| l.strip_prefix(&format!("{name}\t")).map(String::from)).unwrap_or_default()
}

fn supervisor_pid(e: &Env, name: &str) -> i32 {
    let id = e.hutch(&["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}}"]).stdout.lines()
        .find_map(|l| l.strip_suffix(&format!(" {name}")).map(String::from)).expect("container listed");
    let rec = std::fs::read_to_string(e.data().join("containers").join(&id).join("container.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&rec).unwrap();
    v["supervisor"]["pid"].as_i64().expect("a supervisor pid") as i32
}

#[test]
fn a_detached_container_runs_logs_and_reports_its_exit() {
    let e = Env::new("detach");
    e.demo();
    let o = e.hutch(&["run", "-d", "--name", "d3", "demo", "sh", "-c", "echo out; echo err >&2; sleep 0.3; exit 3"]);
    o.ok();
    assert_eq!(o.stdout.trim().len(), 64, "run -d prints the full id: {:?}", o.stdout);
    assert!(status(&e, "d3").starts_with("Up "), "{}", status(&e, "d3"));
    e.hutch(&["wait", "d3"]).ok().stdout_has("3\n");
    let st = status(&e, "d3");
    assert!(st.starts_with("Exited (3) ") && st.ends_with(" ago"), "{st}");
    let logs = e.hutch(&["logs", "d3"]);
    assert_eq!(logs.ok().stdout, "out\n");
    assert_eq!(logs.stderr, "err\n");
    // -t: Go's RFC 3339 with nanoseconds, before each line.
    let t = e.hutch(&["logs", "-t", "d3"]);
    let first = t.ok().stdout.lines().next().unwrap().to_string();
    let (stamp, text) = first.split_once(' ').unwrap();
    assert_eq!(text, "out");
    assert_eq!(stamp.len(), "2026-12-02T01:34:01.116081357Z".len(), "{stamp}");
    // The log is Podman's k8s-file format.
    let id = o.stdout.trim();
    let raw = std::fs::read_to_string(e.data().join("containers").join(id).join("ctr.log")).unwrap();
    assert!(raw.lines().any(|l| l.ends_with(" stdout F out")), "{raw}");
    assert!(raw.lines().any(|l| l.ends_with(" stderr F err")), "{raw}");
    // Start again: the log grows, the exit is recorded again.
    e.hutch(&["start", "d3"]).ok().stdout_has("d3");
    e.hutch(&["wait", "d3"]).ok().stdout_has("3");
    assert_eq!(e.hutch(&["logs", "d3"]).stdout, "out\nout\n");
    // --tail counts lines of both streams, as Podman does.
    let t1 = e.hutch(&["logs", "--tail", "1", "d3"]);
    assert_eq!((t1.stdout.as_str(), t1.stderr.as_str()), ("", "err\n"));
    let t2 = e.hutch(&["logs", "--tail", "2", "d3"]);
    assert_eq!((t2.stdout.as_str(), t2.stderr.as_str()), ("out\n", "err\n"));
    assert_eq!(e.hutch(&["logs", "--tail", "0", "d3"]).stdout, "");
    assert_eq!(e.hutch(&["logs", "--since", "10m", "d3"]).stdout, "out\nout\n");
    assert_eq!(e.hutch(&["logs", "--until", "1h", "--since", "2000-01-01", "d3"]).stdout, "out\nout\n");
    assert_eq!(e.hutch(&["logs", "--until", "2000-01-01", "d3"]).stdout, "");
    e.hutch(&["logs", "--since", "whenever", "d3"]).code(125).stderr_has("parsing --since \"whenever\": unable to interpret time value");
}

#[test]
fn logs_follow_until_the_container_exits() {
    let e = Env::new("follow");
    e.demo();
    e.hutch(&["run", "-d", "--name", "f", "demo", "sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.3; done"]).ok();
    let start = Instant::now();
    let o = e.hutch(&["logs", "-f", "f"]);
    assert_eq!(o.ok().stdout, "line1\nline2\nline3\n");
    assert!(start.elapsed() >= Duration::from_millis(500), "logs -f returned before the container ended");
    assert!(status(&e, "f").starts_with("Exited (0)"));
    // Several containers: each line prefixed by the short id, or by the name with --names.
    e.hutch(&["run", "--name", "g", "demo", "echo", "gee"]).ok();
    let o = e.hutch(&["logs", "--names", "f", "g"]);
    assert!(o.ok().stdout.contains("f line1\n") && o.stdout.contains("g gee\n"), "{}", o.stdout);
    let o = e.hutch(&["logs", "--names", "g"]);
    assert_eq!(o.ok().stdout, "gee\n", "one container: no prefix, as in Podman");
    e.hutch(&["run", "--log-driver", "none", "--name", "quiet", "demo", "echo", "x"]).ok().stdout_has("x");
    e.hutch(&["logs", "quiet"]).code(125).stderr_has("this container is using the 'none' log driver, cannot read logs");
    e.hutch(&["logs", "nosuch"]).code(125).stderr_has("no container with name or ID \"nosuch\" found: no such container");
}

#[test]
fn create_start_stop_kill_restart_and_wait() {
    let e = Env::new("verbs");
    e.demo();
    let id = e.hutch(&["create", "--name", "c1", "demo", "sleep", "100"]).ok().stdout.trim().to_string();
    assert_eq!(id.len(), 64);
    assert_eq!(status(&e, "c1"), "Created");
    e.hutch(&["wait", "--condition", "created", "c1"]).ok().stdout_has("-1");
    e.hutch(&["start", "c1"]).ok().stdout_has("c1");
    assert!(status(&e, "c1").starts_with("Up "));
    assert_eq!(e.hutch(&["start", "c1"]).ok().stdout, "", "starting a running container prints nothing");
    e.hutch(&["wait", "--condition", "running", "c1"]).ok().stdout_has("-1");
    // sleep as PID 1 ignores SIGTERM: stop waits -t seconds, then kills.
    let t = Instant::now();
    let o = e.hutch(&["stop", "-t", "2", "c1"]);
    o.ok().stdout_has("c1").stderr_has("StopSignal SIGTERM failed to stop container c1 in 2 seconds, resorting to SIGKILL");
    let took = t.elapsed();
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(8), "stop took {took:?}");
    assert!(status(&e, "c1").starts_with("Exited (137) "), "{}", status(&e, "c1"));
    e.hutch(&["stop", "c1"]).ok().stdout_has("c1");
    e.hutch(&["kill", "c1"]).code(125).stderr_has(&format!("can only kill running containers. {id} is in state exited: container state improper"));
    e.hutch(&["restart", "c1"]).ok().stdout_has("c1");
    assert!(status(&e, "c1").starts_with("Up "));
    e.hutch(&["kill", "-s", "NOPE", "c1"]).code(125).stderr_has("valid signals are 1 through 64");
    // With --init, PID 1 passes the signal on to the command, which it ends.
    e.hutch(&["run", "-d", "--init", "--name", "k1", "demo", "sleep", "103"]).ok();
    e.hutch(&["kill", "-s", "USR1", "k1"]).ok().stdout_has("k1");
    assert_eq!(e.hutch(&["wait", "k1"]).ok().stdout, "138\n");
    // A --stop-signal the command handles stops it at once.
    e.hutch(&["run", "-d", "--name", "trap", "--stop-signal", "USR2", "demo", "sh", "-c", "trap 'exit 7' USR2; while :; do sleep 0.1; done"]).ok();
    let t = Instant::now();
    e.hutch(&["stop", "trap"]).ok();
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(status(&e, "trap").starts_with("Exited (7) "), "{}", status(&e, "trap"));
    // Missing containers: Podman's message and code; --ignore; one missing name, none acted on.
    e.hutch(&["stop", "nosuch"]).code(125).stderr_has("no container with name or ID \"nosuch\" found: no such container");
    e.hutch(&["run", "-d", "--name", "spared", "demo", "sleep", "113"]).ok();
    let o = e.hutch(&["stop", "-t", "0", "spared", "nosuch"]);
    assert_eq!((o.code, o.stdout.as_str()), (125, ""));
    assert!(status(&e, "spared").starts_with("Up "), "Podman looks every name up first");
    e.hutch(&["stop", "--ignore", "nosuch"]).ok();
    e.hutch(&["start", "nosuch"]).code(125);
    e.hutch(&["wait", "--condition", "stopping", "c1"]).code(125).stderr_has("unknown container state: stopping");
    e.hutch(&["rm", "-t", "0", "--all", "--force", "--ignore"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "");
}

#[test]
fn restart_on_failure_restarts_exactly_n_times_and_stop_ends_always() {
    let e = Env::new("restart");
    e.demo();
    e.hutch(&["run", "-d", "--name", "r2", "--restart", "on-failure:2", "demo", "sh", "-c", "echo run; exit 1"]).ok();
    assert!(wait_for(20, || e.hutch(&["logs", "r2"]).stdout.lines().count() >= 3 && status(&e, "r2").starts_with("Exited (1)")));
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(e.hutch(&["logs", "r2"]).stdout, "run\nrun\nrun\n", "one run and exactly two restarts");
    assert!(status(&e, "r2").starts_with("Exited (1)"));
    e.hutch(&["run", "-d", "--name", "ok", "--restart", "on-failure", "demo", "true"]).ok();
    assert_eq!(e.hutch(&["wait", "ok"]).ok().stdout, "0\n");
    e.hutch(&["run", "-d", "--name", "al", "--restart", "always", "demo", "sh", "-c", "echo up; sleep 0.2"]).ok();
    assert!(wait_for(20, || e.hutch(&["logs", "al"]).stdout.lines().count() >= 3), "always restarts");
    e.hutch(&["stop", "-t", "0", "al"]).ok();
    let n = e.hutch(&["logs", "al"]).stdout.lines().count();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(e.hutch(&["logs", "al"]).stdout.lines().count(), n, "restarted after stop");
    assert!(status(&e, "al").starts_with("Exited"), "{}", status(&e, "al"));
    e.hutch(&["run", "--rm", "--restart", "always", "demo", "true"]).code(125).stderr_has("conflicts with --restart");
    // on-failure goes with --rm (Podman allows it): restarted, then removed.
    e.hutch(&["run", "-d", "--rm", "--name", "rmf", "--restart", "on-failure:1", "demo", "sh", "-c", "exit 2"]).ok();
    assert!(wait_for(20, || !e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).stdout.lines().any(|l| l == "rmf")), "--rm after the restarts");
    e.hutch(&["run", "--restart", "sometimes", "demo", "true"]).code(125).stderr_has("invalid restart policy");
}

#[test]
fn rm_d_leaves_nothing_and_a_detached_container_outlives_its_shell() {
    let e = Env::new("rmd");
    e.demo();
    e.hutch(&["run", "--rm", "-d", "--name", "gone", "demo", "sh", "-c", "sleep 0.2"]).ok();
    assert!(wait_for(10, || e.hutch(&["ps", "-a", "-q"]).stdout.is_empty()), "--rm -d left the container");
    assert_eq!(std::fs::read_dir(e.data().join("containers")).unwrap().count(), 0);
    // A shell starts it and goes, with its whole process group; the container stays.
    let bin = bin().to_string_lossy().into_owned();
    let mut sh = std::process::Command::new("sh");
    let probe = e.cmd(&[]);
    for (k, v) in probe.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    use std::os::unix::process::CommandExt;
    let mut child = sh.args(["-c", &format!("{bin} run -d --name keep demo sleep 100 >/dev/null; sleep 100")])
        .process_group(0).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    assert!(wait_for(10, || status(&e, "keep").starts_with("Up ")));
    unsafe { libc::kill(-(child.id() as i32), libc::SIGHUP) };
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(status(&e, "keep").starts_with("Up "), "the container died with its shell: {}", status(&e, "keep"));
    e.hutch(&["rm", "-f", "-t", "0", "keep"]).ok();
}

#[test]
fn a_killed_supervisor_shows_as_exited_and_the_name_is_reusable() {
    let e = Env::new("svkill");
    e.demo();
    e.hutch(&["run", "-d", "--name", "sv", "demo", "sleep", "101"]).ok();
    let pid = supervisor_pid(&e, "sv");
    unsafe { libc::kill(pid, libc::SIGKILL) };
    assert!(wait_for(10, || status(&e, "sv").starts_with("Exited (137)")), "{}", status(&e, "sv"));
    assert!(e.hutch(&["ps", "-q"]).stdout.is_empty(), "a ghost is listed as running");
    // No `sleep 100` left behind: the container died with its supervisor.
    let left = std::process::Command::new("pgrep").args(["-u", &uid().to_string(), "-f", "^sleep 101$"]).output().unwrap();
    assert!(left.stdout.is_empty(), "container process outlived its supervisor");
    // start works again; then rm, and the name is free.
    e.hutch(&["start", "sv"]).ok();
    assert!(status(&e, "sv").starts_with("Up "));
    e.hutch(&["rm", "-f", "-t", "0", "sv"]).ok();
    e.hutch(&["run", "-d", "--name", "sv", "demo", "true"]).ok();
}

#[test]
fn a_stale_record_from_another_boot_heals_itself() {
    let e = Env::new("reboot");
    e.demo();
    let id = e.hutch(&["run", "-d", "--name", "rb", "demo", "sleep", "100"]).ok().stdout.trim().to_string();
    e.hutch(&["kill", "rb"]).ok();
    e.hutch(&["wait", "rb"]).ok();
    // Write the record as a reboot would leave it: "running", another boot, a pid now unused.
    let p = e.data().join("containers").join(&id).join("container.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    v["status"] = "running".into();
    v["boot_id"] = "00000000-0000-0000-0000-000000000000".into();
    v["pid"] = 1.into();
    v["pid_start"] = 1.into();
    v["supervisor"] = serde_json::json!({"pid": 1, "start": 1});
    std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
    // Edited behind hutch's back: drop the listing's index, as hutch's own writers do first.
    let _ = std::fs::remove_file(e.data().join("containers.index"));
    assert!(status(&e, "rb").starts_with("Exited (137)"), "{}", status(&e, "rb"));
    e.hutch(&["start", "rb"]).ok();
    assert!(status(&e, "rb").starts_with("Up "));
    e.hutch(&["rm", "-f", "-t", "0", "rb"]).ok();
}

#[test]
fn parallel_runs_one_winner_per_name_and_fifty_distinct_names() {
    let e = Env::new("parallel");
    e.demo();
    let spawn = |args: Vec<String>| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        e.cmd(&a).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    };
    let same: Vec<_> = (0..10).map(|_| spawn(vec!["run".into(), "-d".into(), "--name".into(), "one".into(), "demo".into(), "sleep".into(), "102".into()])).collect();
    let outs: Vec<_> = same.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let winners = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(winners, 1, "exactly one run --name one wins");
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_eq!(o.status.code(), Some(125));
        assert!(String::from_utf8_lossy(&o.stderr).contains("the container name \"one\" is already in use"), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let many: Vec<_> = (0..50).map(|i| spawn(vec!["run".into(), "-d".into(), "--name".into(), format!("p{i}"), "demo".into(), "sleep".into(), "102".into()])).collect();
    for c in many {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let names = e.hutch(&["ps", "--format", "{{.Names}}"]).stdout;
    let mut got: Vec<&str> = names.lines().collect();
    got.sort();
    let mut want: Vec<String> = (0..50).map(|i| format!("p{i}")).chain(["one".to_string()]).collect();
    want.sort();
    assert_eq!(got, want);
    e.hutch(&["rm", "-t", "0", "--all", "--force"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "");
    // No supervisor or container outlives its removal.
    let left = std::process::Command::new("pgrep").args(["-u", &uid().to_string(), "-f", "^sleep 102$"]).output().unwrap();
    assert!(left.stdout.is_empty(), "containers outlived rm -f");
}

#[test]
fn ps_lists_two_hundred_containers() {
    let e = Env::new("ps200");
    e.demo();
    for i in 0..200 {
        e.hutch(&["create", "--name", &format!("c{i}"), "demo", "true"]).ok();
    }
    let o = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    let lines: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 200);
    assert_eq!(lines[0], "c0 Created", "oldest first, as Podman");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout.lines().count(), 200);
    assert_eq!(e.hutch(&["ps", "-n", "3", "--format", "{{.Names}}"]).stdout, "c197\nc198\nc199\n");
    assert_eq!(e.hutch(&["ps", "-l", "--format", "{{.Names}}"]).stdout, "c199\n");
}

/// Kills `hutch ARGS` after `delay`, then checks that `ps -a` still works and lists `name`
/// consistently (or not at all), and that the name can be used again once removed.
fn kill_midway(e: &Env, args: &[&str], delay: Duration, name: &str) {
    let mut c = e.cmd(args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    let _ = c.kill();
    let _ = c.wait();
    let ps = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    ps.ok();
    for l in ps.stdout.lines().filter(|l| l.starts_with(&format!("{name} "))) {
        let st = &l[name.len() + 1..];
        assert!(st == "Created" || st.starts_with("Up ") || st.starts_with("Exited ("), "odd status after a kill: {l}");
    }
    e.hutch(&["rm", "-f", "-t", "0", "--ignore", name]).ok();
    assert!(!e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).stdout.lines().any(|l| l == name), "rm -f left {name}");
}

#[test]
fn sigkill_midway_through_each_verb_leaves_a_consistent_state() {
    let e = Env::new("midway");
    e.demo();
    for ms in [0u64, 3, 8, 15, 30, 60] {
        let d = Duration::from_millis(ms);
        kill_midway(&e, &["create", "--name", "k", "demo", "sleep", "104"], d, "k");
        kill_midway(&e, &["run", "-d", "--name", "k", "demo", "sleep", "104"], d, "k");
        e.hutch(&["create", "--name", "k", "demo", "sleep", "104"]).ok();
        kill_midway(&e, &["start", "k"], d, "k");
        e.hutch(&["run", "-d", "--name", "k", "demo", "sleep", "104"]).ok();
        kill_midway(&e, &["stop", "-t", "1", "k"], d, "k");
        e.hutch(&["run", "-d", "--name", "k", "demo", "sleep", "104"]).ok();
        kill_midway(&e, &["rm", "-f", "k"], d, "k");
        // The name is free again, and the store has no debris.
        e.hutch(&["run", "--rm", "--name", "k", "demo", "true"]).ok();
    }
    e.hutch(&["create", "--name", "last", "demo", "true"]).ok();
    let dirs = std::fs::read_dir(e.data().join("containers")).unwrap().count();
    assert_eq!(dirs, 1, "half-created containers left in the store");
    let left = std::process::Command::new("pgrep").args(["-u", &uid().to_string(), "-f", "^sleep 104$"]).output().unwrap();
    assert!(left.stdout.is_empty(), "container processes left behind");
}

#[test]
fn attach_rename_port_pause_exists_and_prune() {
    let e = Env::new("manage");
    e.demo();
    // attach: the container's stdin from ours; its output to us; its exit code at the end.
    e.hutch(&["run", "-d", "-i", "--name", "cat", "demo", "sh", "-c", "cat; exit 4"]).ok();
    // Podman ends every attach session with a newline of its own.
    let o = e.hutch_stdin(&["attach", "cat"], b"through attach\n");
    assert_eq!((o.code, o.stdout.as_str()), (4, "through attach\n\n"), "{}", o.stderr);
    assert!(status(&e, "cat").starts_with("Exited (4)"));
    e.hutch(&["attach", "cat"]).code(125).stderr_has("you can only attach to running containers");
    e.hutch(&["attach", "--detach-keys", "ctrl-1", "cat"]).code(125).stderr_has("invalid detach keys");
    // rename: any state; names stay unique and valid.
    e.hutch(&["rename", "cat", "dog"]).ok();
    assert!(status(&e, "dog").starts_with("Exited (4)"));
    e.hutch(&["create", "--name", "taken", "demo", "true"]).ok();
    e.hutch(&["rename", "dog", "taken"]).code(125).stderr_has("name taken already in use");
    e.hutch(&["rename", "dog", "bad/name"]).code(125).stderr_has("names must match");
    e.hutch(&["rename", "nosuch", "x"]).code(125).stderr_has("no such container");
    // exists: 0 or 1, nothing printed.
    let o = e.hutch(&["container", "exists", "dog"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    e.hutch(&["container", "exists", "cat"]).code(1);
    // port: no published ports yet.
    e.hutch(&["run", "-d", "--name", "up", "demo", "sleep", "110"]).ok();
    assert_eq!(e.hutch(&["port", "up"]).ok().stdout, "");
    e.hutch(&["port", "up", "80"]).code(125).stderr_has("failed to find published port \"80/tcp\"");
    // pause: refused with the reason on this host (no cgroup of its own).
    assert_eq!(e.hutch(&["pause", "up"]).code(125).stderr, "Error: can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup\n");
    e.hutch(&["unpause", "up"]).code(125).stderr_has("is not paused, can't unpause: container state improper");
    // prune: every container that is not running, after the prompt (or with -f).
    let o = e.hutch_stdin(&["container", "prune"], b"n\n");
    assert_eq!((o.code, o.stdout.as_str()), (0, "WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] "));
    // Without a terminal nothing waits for an answer that does not come: end of input is
    // Podman's EOF error, and a pipe nobody writes to is given up after two seconds.
    let o = e.hutch(&["container", "prune"]);
    assert_eq!((o.code, o.stderr.as_str()), (125, "Error: EOF\n"));
    let mut held = e.cmd(&["container", "prune"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let t = std::time::Instant::now();
    assert!(wait_for(10, || held.try_wait().unwrap().is_some()), "container prune waited on a silent pipe");
    assert!(t.elapsed() >= std::time::Duration::from_millis(1900), "gave up before the two seconds: {:?}", t.elapsed());
    let o = Out::from(held.wait_with_output().unwrap());
    assert_eq!((o.code, o.stderr.as_str()), (125, "Error: no answer on standard input, which is not a terminal: use --force to go ahead without asking\n"));
    let pruned = e.hutch(&["container", "prune", "-f"]);
    assert_eq!(pruned.ok().stdout.lines().count(), 2, "dog and taken: {}", pruned.stdout);
    assert!(pruned.stdout.lines().all(|l| l.len() == 64), "full ids: {}", pruned.stdout);
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).stdout, "up\n");
    e.hutch(&["rm", "-f", "-t", "0", "up"]).ok();
}

#[test]
fn verbs_take_ps_filters_and_cidfiles() {
    let e = Env::new("filters");
    e.demo();
    let cid = e.dir.join("cid");
    e.hutch(&["run", "-d", "--name", "f1", "-l", "grp=a", "--cidfile", cid.to_str().unwrap(), "demo", "sleep", "111"]).ok();
    e.hutch(&["run", "-d", "--name", "f2", "-l", "grp=b", "demo", "sleep", "111"]).ok();
    e.hutch(&["run", "-d", "--name", "f3", "-l", "grp=a", "demo", "sleep", "111"]).ok();
    let id = std::fs::read_to_string(&cid).unwrap();
    assert_eq!(id.len(), 64);
    e.hutch(&["run", "--cidfile", cid.to_str().unwrap(), "demo", "true"]).code(125).stderr_has("container id file exists");
    let o = e.hutch(&["stop", "-t", "0", "--filter", "label=grp=a"]);
    let mut stopped: Vec<&str> = o.ok().stdout.lines().collect();
    stopped.sort();
    assert_eq!(stopped.len(), 2);
    assert!(status(&e, "f2").starts_with("Up "), "f2 is not in group a");
    assert!(status(&e, "f1").starts_with("Exited (137)") && status(&e, "f3").starts_with("Exited (137)"));
    e.hutch(&["restart", "--cidfile", cid.to_str().unwrap()]).ok().stdout_has(&id);
    assert!(status(&e, "f1").starts_with("Up "));
    e.hutch(&["rm", "--filter", "status=exited"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).stdout, "f1\nf2\n");
    e.hutch(&["stop", "-t", "0", "--cidfile", cid.to_str().unwrap()]).ok();
    e.hutch(&["rm", "-f", "-t", "0", "--cidfile", cid.to_str().unwrap(), "f2"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "");
    e.hutch(&["stop", "--filter", "bogus=1"]).code(125).stderr_has("bogus is an invalid filter");
}

#[test]
fn run_flags_for_services() {
    let e = Env::new("runflags");
    e.demo();
    let pidfile = e.dir.join("pid");
    let monfile = e.dir.join("conmon.pid");
    let labels = e.dir.join("labels");
    std::fs::write(&labels, "# comment\nfrom=file\n").unwrap();
    e.hutch(&["run", "-d", "--name", "svc", "--pidfile", pidfile.to_str().unwrap(), "--conmon-pidfile", monfile.to_str().unwrap(),
        "--label-file", labels.to_str().unwrap(), "--annotation", "note=yes", "--stop-timeout", "1", "demo", "sleep", "112"]).ok();
    let pid: i32 = std::fs::read_to_string(&pidfile).unwrap().trim().parse().unwrap();
    assert_eq!(std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap(), "sleep\x00112\x00");
    let mon: i32 = std::fs::read_to_string(&monfile).unwrap().trim().parse().unwrap();
    assert!(std::fs::read_to_string(format!("/proc/{mon}/cmdline")).unwrap().contains("__supervise"));
    let f = e.hutch(&["inspect", "-f", "{{.Config.Labels.from}} {{.Config.Annotations.note}} {{.Config.StopTimeout}}", "svc"]);
    assert_eq!(f.ok().stdout, "file yes 1\n");
    // --stop-timeout is the container's own default for stop.
    let t = std::time::Instant::now();
    e.hutch(&["stop", "svc"]).ok().stderr_has("in 1 seconds, resorting to SIGKILL");
    assert!(t.elapsed() < Duration::from_secs(6));
    // --replace: the old container goes, the name is taken again.
    let old = e.hutch(&["ps", "-a", "-q", "--no-trunc"]).stdout.trim().to_string();
    let new = e.hutch(&["run", "-d", "--replace", "--name", "svc", "demo", "sleep", "112"]).ok().stdout.trim().to_string();
    assert_ne!(old, new);
    assert_eq!(e.hutch(&["ps", "-a", "-q", "--no-trunc"]).stdout.trim(), new);
    // --timeout: killed once the time is up.
    let t = std::time::Instant::now();
    e.hutch(&["run", "--timeout", "1", "demo", "sleep", "30"]).code(137);
    assert!(t.elapsed() < Duration::from_secs(10));
    // --log-opt max-size: the log is rotated once, never grows past the limit.
    e.hutch(&["run", "--name", "chatty", "--log-opt", "max-size=2k", "demo", "sh", "-c", "i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done"]).ok();
    let id = e.hutch(&["inspect", "-f", "{{.Id}}", "chatty"]).ok().stdout.trim().to_string();
    let log = e.data().join("containers").join(&id).join("ctr.log");
    assert!(std::fs::metadata(&log).unwrap().len() <= 2048);
    let tail = e.hutch(&["logs", "--tail", "1", "chatty"]);
    assert_eq!(tail.ok().stdout, "line-199\n");
    e.hutch(&["run", "--rm", "--log-opt", "labels=x", "demo", "true"]).code(125).stderr_has("--log-opt labels=x");
    e.hutch(&["run", "--log-driver", "syslog", "demo", "true"]).code(125).stderr_has("invalid log driver `syslog`");
    // passthrough: the container writes to our stdout itself; nothing is logged.
    let o = e.hutch(&["run", "--log-driver", "passthrough", "--name", "pt", "demo", "echo", "direct"]);
    assert_eq!(o.ok().stdout, "direct\n");
    e.hutch(&["logs", "pt"]).code(125).stderr_has("'passthrough' log driver");
    e.hutch(&["run", "-d", "--log-driver", "passthrough", "demo", "true"]).code(125);
    e.hutch(&["rm", "-f", "-t", "0", "--all"]).ok();
}

#[test]
fn start_attach_sees_all_output_and_returns_the_exit_code() {
    let e = Env::new("starta");
    e.demo();
    e.hutch(&["create", "--name", "sa", "demo", "sh", "-c", "echo first; echo second >&2; exit 5"]).ok();
    let o = e.hutch(&["start", "-a", "sa"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (5, "first\n", "second\n"));
    // Again: a container started attached runs under its own supervisor, like a detached one.
    let o = e.hutch(&["start", "--attach", "sa"]);
    assert_eq!((o.code, o.stdout.as_str()), (5, "first\n"));
    assert_eq!(e.hutch(&["logs", "sa"]).stdout, "first\nfirst\n");
    e.hutch(&["create", "-i", "--name", "sai", "demo", "sh", "-c", "read x; echo got-$x"]).ok();
    let o = e.hutch_stdin(&["start", "-ai", "sai"], b"input\n");
    assert_eq!((o.code, o.stdout.as_str()), (0, "got-input\n"), "{}", o.stderr);
    e.hutch(&["start", "-a", "sa", "sai"]).code(125).stderr_has("you cannot start and attach multiple containers at once");
}

/// The freezer of a container's own cgroup, on a directory laid out like one (this host's
/// cgroups cannot be delegated): `cgroup.freeze` as the kernel takes it, `cgroup.events` as
/// the test says the kernel reports. The container itself keeps running.
#[test]
fn pause_and_unpause_through_a_cgroup_freezer() {
    let e = Env::new("pause");
    e.demo();
    let id = e.hutch(&["run", "-d", "--name", "p", "demo", "sleep", "110"]).ok().stdout.trim().to_string();
    let cg = e.dir.join("cgroup/user.slice/user@1.service/hutch.slice/hutch-p.scope");
    std::fs::create_dir_all(&cg).unwrap();
    std::fs::write(cg.join("cgroup.freeze"), "0").unwrap();
    std::fs::write(e.run.join("hutch/containers").join(&id).join("cgroup"), cg.to_str().unwrap()).unwrap();
    let kernel_says = |frozen: u8| std::fs::write(cg.join("cgroup.events"), format!("populated 1\nfrozen {frozen}\n")).unwrap();
    let freeze_file = || std::fs::read_to_string(cg.join("cgroup.freeze")).unwrap();

    // A kernel that never reports the freeze: an error in bounded time, the cgroup put back,
    // nothing recorded.
    kernel_says(0);
    let o = e.hutch(&["pause", "p"]);
    assert!(o.code(125).stderr.contains("did not freeze") && o.stderr.contains("`frozen 1`"), "{}", o.stderr);
    assert_eq!(freeze_file(), "0");
    assert!(status(&e, "p").starts_with("Up "));

    kernel_says(1);
    assert_eq!(e.hutch(&["pause", "p"]).ok().stdout, "p\n");
    assert_eq!(freeze_file(), "1");
    assert_eq!(status(&e, "p"), "Paused");
    assert_eq!(e.hutch(&["inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.State.Paused}}", "p"]).ok().stdout, "paused false true\n");
    assert_eq!(e.hutch(&["ps", "--filter", "status=paused", "--format", "{{.Names}}"]).ok().stdout, "p\n");
    assert_eq!(e.hutch(&["ps", "--filter", "status=running", "--format", "{{.Names}}"]).ok().stdout, "");
    assert_eq!(e.hutch(&["ps", "--format", "{{.Names}}"]).ok().stdout, "", "ps without -a lists running containers only");
    assert_eq!(e.hutch(&["info", "--format", "{{.Store.ContainerStore.Paused}} {{.Store.ContainerStore.Running}}"]).ok().stdout, "1 0\n");
    e.hutch(&["wait", "--condition", "paused", "p"]).ok();
    assert_eq!(e.hutch(&["pause", "p"]).code(125).stderr, format!("Error: \"{id}\" is already paused: container state improper\n"));
    assert_eq!(e.hutch(&["exec", "p", "true"]).code(255).stderr, "Error: can only create exec sessions on running containers: container state improper\n");
    assert_eq!(e.hutch(&["start", "p"]).code(125).stderr, format!("Error: cannot start paused container {id}: container state improper\n"));
    assert_eq!(e.hutch(&["stop", "p"]).code(125).stderr, format!("Error: can only stop created or running containers. {id} is in state paused: container state improper\n"));
    assert_eq!(e.hutch(&["stop", "--all"]).ok().stdout, "", "stop --all passes over a paused container");
    assert_eq!(e.hutch(&["restart", "p"]).code(125).stderr, "Error: unable to restart a container in a paused or unknown state: container state improper\n");
    assert_eq!(e.hutch(&["rm", "p"]).code(2).stderr, format!("Error: cannot remove container {id} as it is paused - running or paused containers cannot be removed without force: container state improper\n"));

    kernel_says(0);
    assert_eq!(e.hutch(&["unpause", "--all"]).ok().stdout, format!("{id}\n"));
    assert_eq!(freeze_file(), "0");
    assert!(status(&e, "p").starts_with("Up "));
    e.hutch(&["exec", "p", "true"]).ok();
    assert_eq!(e.hutch(&["unpause", "p"]).code(125).stderr, format!("Error: \"{id}\" is not paused, can't unpause: container state improper\n"));

    // rm -f of a paused container thaws it after the signal; it is gone.
    kernel_says(1);
    e.hutch(&["pause", "p"]).ok();
    kernel_says(0);
    e.hutch(&["rm", "-f", "-t", "1", "p"]).ok();
    assert_eq!(freeze_file(), "0");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
    e.hutch(&["run", "--name", "x", "demo", "true"]).ok();
    assert_eq!(e.hutch(&["pause", "x"]).code(125).stderr, "Error: \"exited\" is not running, can't pause: container state improper\n");
}
