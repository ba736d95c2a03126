//! A foreground `run` as Podman's: `run -it` detaches with ctrl-p ctrl-q (or `--detach-keys`)
//! and the container runs on; `--sig-proxy=false` leaves signals to `hutch run` alone; the
//! exit code comes back, and `--rm` has removed the container by the time `run` returns.
//! End to end as the unprivileged user, on real terminals (script(1)).

mod common;
use common::*;
use std::time::Duration;

fn status(e: &Env, name: &str) -> String {
    e.hutch(&["ps", "-a", "--filter", &format!("name=^{name}$"), "--format", "{{.Status}}"]).stdout.trim().to_string()
}

#[test]
fn run_it_detaches_with_ctrl_p_ctrl_q_and_the_container_runs_on() {
    let e = Env::new("fgdetach");
    e.demo();
    // The terminal's size reaches the container before its command runs; ctrl-p ctrl-q
    // then ends `run` with 0, printing nothing more.
    let o = e.on_terminal(
        "sleep 1.5; printf 'echo typed-$((6*7))\\n'; sleep 0.7; printf '\\020\\021'",
        "stty rows 33 cols 101; $HUTCH run -it --rm --name dt demo sh -c 'stty size; exec sh'",
    );
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    o.stdout_has("33 101\n").stdout_has("typed-42\n");
    assert!(status(&e, "dt").starts_with("Up "), "{}", status(&e, "dt"));
    // It is an attachable container like any other, and `--rm` still removes it at its end.
    let a = e.hutch_stdin(&["attach", "dt"], b"exit 6\n");
    assert_eq!(a.code, 6, "{}", a.stderr);
    assert!(wait_for(10, || e.hutch(&["ps", "-a", "-q"]).stdout.is_empty()), "--rm removed it");

    // Other keys, given or from containers.conf; `""` turns detaching off (the keys reach
    // the container, whose exit code `run` returns).
    let o = e.on_terminal("sleep 1.5; printf 'a\\030y'", "$HUTCH run -it --name keys --detach-keys ctrl-x,y demo sh");
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(status(&e, "keys").starts_with("Up "));
    std::fs::write(e.home.join(".config/containers/containers.conf"), "[engine]\ndetach_keys = \"ctrl-a\"\n").unwrap();
    let o = e.on_terminal("sleep 1.5; printf '\\001'", "$HUTCH run -it --name conf demo sh");
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    assert!(status(&e, "conf").starts_with("Up "));
    let o = e.on_terminal("sleep 1.5; printf '\\001\\020\\021'; sleep 0.5; printf 'exit 3\\n'", "$HUTCH run -it --rm --detach-keys '' demo sh");
    assert_eq!(o.code, 3, "{}{}", o.stdout, o.stderr);
    e.hutch(&["run", "-it", "--detach-keys", "ctrl-1", "demo", "true"]).code(125).stderr_has("invalid detach keys");
    e.hutch(&["rm", "-f", "-t", "0", "keys", "conf"]).ok();
}

#[test]
fn run_it_returns_the_exit_code_after_rm_and_keeps_a_paste_whole() {
    let e = Env::new("fgexit");
    e.demo();
    // `--rm`: gone when `run` returns, so the name is free at once.
    for _ in 0..3 {
        let o = e.on_terminal("sleep 1", "$HUTCH run -it --rm --name again demo sh -c 'exit 3'");
        assert_eq!(o.code, 3, "{}{}", o.stdout, o.stderr);
        assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "", "removed before run returned");
    }
    // 300000 bytes typed faster than the container reads them all arrive (none dropped).
    let data = e.dir.join("paste");
    std::fs::write(&data, format!("{}\n", "x".repeat(99)).repeat(3000)).unwrap();
    let o = e.on_terminal(
        &format!("sleep 1.5; cat {}; sleep 1; printf '\\004'", data.display()),
        "$HUTCH run -it --rm demo sh -c 'stty -echo; cat > /tmp/x; echo; wc -c < /tmp/x'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout_has("\n300000\n");
    // Output faster than the terminal takes it: held back, never dropped (1.4 MB through a
    // pty whose reader only drains at the end).
    let o = e.on_terminal("sleep 1", "$HUTCH run -it --rm demo sh -c 'yes line | head -n 200000; echo END'");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!((o.stdout.matches("line\n").count(), o.stdout.ends_with("END\n")), (200000, true));
    // Input that ends (not a terminal): the container's terminal gets ^D, as typed.
    let o = e.hutch_stdin(&["run", "-it", "--rm", "demo", "sh"], b"echo from-the-pipe\n");
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout_has("from-the-pipe");
    o.stderr_has("The input device is not a TTY");
    // A command that cannot run: Podman's codes, nothing left.
    let o = e.on_terminal("sleep 1", "$HUTCH run -it --rm demo /nonexistent");
    assert_eq!(o.code, 127, "{}{}", o.stdout, o.stderr);
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "");
}

#[test]
fn sig_proxy_false_leaves_the_container_running_when_run_is_signalled() {
    let e = Env::new("sigproxy");
    e.demo();
    // Output, error and exit code as any foreground run.
    let o = e.hutch(&["run", "--rm", "--sig-proxy=false", "demo", "sh", "-c", "echo out; echo err >&2; exit 5"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (5, "out\n", "err\n"));
    // Without a terminal, the container reads the caller's stdin itself: all of it.
    let input = "line\n".repeat(100_000);
    let o = e.hutch_stdin(&["run", "-i", "--rm", "--sig-proxy=false", "demo", "sh", "-c", "wc -c; exit 4"], input.as_bytes());
    assert_eq!((o.code, o.stdout.trim()), (4, "500000"), "{}", o.stderr);
    // SIGTERM ends `hutch run` by that signal; the container runs on.
    let mut child = e.cmd(&["run", "--sig-proxy=false", "--name", "sp", "demo", "sleep", "117"]).spawn().unwrap();
    assert!(wait_for(10, || status(&e, "sp").starts_with("Up ")));
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let st = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(st.signal(), Some(libc::SIGTERM), "{st:?}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(status(&e, "sp").starts_with("Up "), "{}", status(&e, "sp"));
    // With signals proxied (the default), the same SIGTERM reaches the container's trap.
    let trap = "trap 'exit 9' TERM; while :; do sleep 0.1; done";
    let child = e.cmd(&["run", "--name", "px", "demo", "sh", "-c", trap]).spawn().unwrap();
    assert!(wait_for(10, || status(&e, "px").starts_with("Up ")));
    std::thread::sleep(Duration::from_millis(200));
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(9));
    assert!(status(&e, "px").starts_with("Exited (9)"), "{}", status(&e, "px"));
    e.hutch(&["run", "--sig-proxy=maybe", "demo", "true"]).code(125).stderr_has("invalid argument \"maybe\" for \"--sig-proxy\" flag");
    e.hutch(&["create", "--name", "c", "demo", "true"]).ok();
    e.hutch(&["start", "--sig-proxy", "c"]).code(125).stderr_has("you cannot use sig-proxy without --attach");
    e.hutch(&["rm", "-f", "-t", "0", "sp"]).ok();
}
