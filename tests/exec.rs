//! `exec` end to end, as the unprivileged user: the container's namespaces, user, environment
//! and confinement; exit codes; a terminal; refusals.

mod common;
use common::*;

#[test]
fn exec_runs_inside_the_container_with_its_confinement() {
    let e = Env::new("exec");
    e.demo();
    e.hutch(&["run", "-d", "--name", "box", "-e", "FROMRUN=1", "demo", "sleep", "105"]).ok();
    // Same PID namespace (sleep is PID 1), same hostname, same user namespace.
    let o = e.hutch(&["exec", "box", "sh", "-c", "cat /proc/1/cmdline | tr '\\0' ' '; echo; hostname; cat /proc/self/uid_map | head -1; echo $FROMRUN; id -u"]);
    let lines: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(lines[0], "sleep 105 ");
    let id = e.hutch(&["ps", "-q"]).stdout.trim().to_string();
    // -w must name a directory of the container: Podman's messages.
    let full = e.hutch(&["ps", "-q", "--no-trunc"]).stdout.trim().to_string();
    e.hutch(&["exec", "-w", "/nonexistent", "box", "pwd"]).code(125).stderr_has(&format!("Error: workdir \"/nonexistent\" does not exist on container {full}"));
    e.hutch(&["exec", "-w", "/etc/passwd", "box", "pwd"]).code(125).stderr_has(&format!("Error: workdir \"/etc/passwd\" exists on container {full}, but is not a directory"));
    assert_eq!(lines[1], id);
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["0", &uid().to_string(), "1"]);
    assert_eq!(lines[3], "1", "the container's environment");
    assert_eq!(lines[4], "0");
    // The same capabilities as the container's process.
    e.hutch(&["exec", "box", "grep", "^CapEff", "/proc/self/status"]).ok().stdout_has("CapEff:\t00000000800405fb");
    if subuid_range().is_none() {
        // Without a subordinate range there is no uid 1000 in the container to become.
        skip("exec -u tester and --privileged (no subuid range for this user)");
    } else {
        let o = e.hutch(&["exec", "-u", "tester", "-w", "/tmp", "box", "sh", "-c", "id -u; pwd; grep ^CapEff /proc/self/status; echo $HOME"]);
        assert_eq!(o.ok().stdout, "1000\n/tmp\nCapEff:\t0000000000000000\n/home/tester\n");
        e.hutch(&["exec", "--privileged", "box", "grep", "^CapEff", "/proc/self/status"]).ok().stdout_has("CapEff:\t000001ffffffffff");
    }
    // -e, --env-file, -i.
    let envf = e.dir.join("env");
    std::fs::write(&envf, "FROMFILE=2\n").unwrap();
    assert_eq!(e.hutch(&["exec", "-e", "A=b", "--env-file", envf.to_str().unwrap(), "box", "sh", "-c", "echo $A$FROMFILE"]).ok().stdout, "b2\n");
    assert_eq!(e.hutch_stdin(&["exec", "-i", "box", "cat"], b"piped\n").ok().stdout, "piped\n");
    assert_eq!(e.hutch_stdin(&["exec", "box", "cat"], b"ignored\n").ok().stdout, "", "without -i stdin is empty");
    // Exit codes: the command's own, 126, 127.
    e.hutch(&["exec", "box", "sh", "-c", "exit 7"]).code(7);
    e.hutch(&["exec", "box", "nosuch"]).code(127).stderr_has("executable file `nosuch` not found in $PATH");
    e.hutch(&["exec", "box", "/etc/passwd"]).code(126);
    e.hutch(&["exec", "box"]).code(125).stderr_has("must provide a non-empty command");
    e.hutch(&["exec", "-w", "rel", "box", "true"]).code(125).stderr_has("must be an absolute path");
    // -d: the process runs on after exec returns, which prints its session's id; inspect
    // lists the live sessions (ExecIDs), and forgets those that ended.
    let session = e.hutch(&["exec", "-d", "box", "sh", "-c", "sleep 1; touch /tmp/done"]).ok().stdout.trim().to_string();
    assert!(session.len() == 64 && session.bytes().all(|b| b.is_ascii_hexdigit()), "{session}");
    e.hutch(&["inspect", "--format", "{{.ExecIDs}}", "box"]).stdout_is(&format!("[{session}]\n"));
    assert!(wait_for(10, || e.hutch(&["exec", "box", "test", "-e", "/tmp/done"]).code == 0));
    assert!(wait_for(5, || e.hutch(&["inspect", "--format", "{{.ExecIDs}}", "box"]).stdout == "[]\n"));
    // -dt: the session has a terminal of its own, held for it while it runs.
    let session = e.hutch(&["exec", "-dt", "box", "sh", "-c", "tty > /tmp/tty; sleep 1"]).ok().stdout.trim().to_string();
    assert_eq!(session.len(), 64, "{session}");
    assert!(wait_for(10, || e.hutch(&["exec", "box", "cat", "/tmp/tty"]).stdout.starts_with("/dev/pts/")));
    // A stopped container: Podman's message and its 255.
    e.hutch(&["stop", "-t", "0", "box"]).ok();
    e.hutch(&["exec", "box", "true"]).code(255).stderr_has("can only create exec sessions on running containers: container state improper");
    e.hutch(&["exec", "nosuch", "true"]).code(125).stderr_has("no such container");
}

#[test]
fn exec_it_gets_a_terminal() {
    let e = Env::new("exectty");
    e.demo();
    e.hutch(&["run", "-d", "--name", "tty", "demo", "sleep", "106"]).ok();
    let bin = bin().to_string_lossy().into_owned();
    let mut script = std::process::Command::new("script");
    for (k, v) in e.cmd(&[]).get_envs() {
        if let Some(v) = v {
            script.env(k, v);
        }
    }
    let o = script
        .args(["-qec", &format!("{bin} exec -it tty sh -c 'tty; echo TERM=$TERM; test -t 0 && echo stdin-is-a-tty'"), "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) from bsdutils");
    let out = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(o.status.success(), "{out}");
    assert!(out.contains("/dev/pts/"), "{out}");
    assert!(out.contains("TERM=xterm\n"), "{out}");
    assert!(out.contains("stdin-is-a-tty\n"), "{out}");
    // ctrl-p ctrl-q detaches: the command returns 0, the shell runs on in the container.
    let mut script = std::process::Command::new("sh");
    for (k, v) in e.cmd(&[]).get_envs() {
        if let Some(v) = v {
            script.env(k, v);
        }
    }
    let o = script
        .args(["-c", &format!("(sleep 1; printf '\\020\\021') | script -qec '{bin} exec -it tty sh -c \"echo started; sleep 114\"' /dev/null")])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("started"));
    let procs = e.hutch(&["exec", "tty", "ps"]).stdout;
    assert!(procs.contains("sleep 114"), "the detached session's command runs on:\n{procs}");
    e.hutch(&["exec", "--detach-keys", "ctrl-1", "tty", "true"]).code(125).stderr_has("invalid detach keys");
    e.hutch(&["rm", "-f", "-t", "0", "tty"]).ok();
}
