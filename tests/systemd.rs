//! Running under a service manager, as the unprivileged user: the notify protocol
//! (--sdnotify conmon, container, ignore) against a datagram socket the test listens on,
//! socket activation through Debian's systemd-socket-activate, --preserve-fds.

mod common;
use common::*;
use std::os::unix::net::UnixDatagram;
use std::process::{Command, Stdio};

/// Sends argv[1] to $NOTIFY_SOCKET (what an application in the container does).
const NOTIFY_C: &str = r#"
#include <sys/socket.h>
#include <sys/un.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
  const char *p = getenv("NOTIFY_SOCKET");
  if (!p || argc < 2) return 2;
  struct sockaddr_un a = {0}; a.sun_family = AF_UNIX; strncpy(a.sun_path, p, sizeof a.sun_path - 1);
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  return sendto(s, argv[1], strlen(argv[1]), 0, (struct sockaddr *)&a, sizeof a) < 0;
}
"#;

/// Accepts one connection on fd 3 and tells what socket activation gave it.
const ACCEPT_C: &str = r#"
#include <sys/socket.h>
#include <stdlib.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
  const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID"), *names = getenv("LISTEN_FDNAMES");
  int c = accept(3, 0, 0);
  if (c < 0) return 1;
  char msg[256];
  int n = snprintf(msg, sizeof msg, "LISTEN_FDS=%s LISTEN_PID=%s LISTEN_FDNAMES=%s\n", fds ? fds : "-", pid ? pid : "-", names ? names : "-");
  write(c, msg, n);
  return 0;
}
"#;

/// Static helpers for the container, in a directory bound at /h; None (with a visible skip)
/// where no C compiler is here.
fn helpers(e: &Env) -> Option<String> {
    let dir = e.dir.join("helpers");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, src) in [("notify", NOTIFY_C), ("accept", ACCEPT_C)] {
        let c = dir.join(format!("{name}.c"));
        std::fs::write(&c, src).unwrap();
        let ok = Command::new("cc").args(["-static", "-O2", "-o"]).arg(dir.join(name)).arg(&c).status().is_ok_and(|s| s.success());
        if !ok {
            skip("no C compiler with a static libc (gcc, libc6-dev) to build the helpers");
            return None;
        }
    }
    Some(format!("{}:/h:ro", dir.display()))
}

fn listener(e: &Env) -> (UnixDatagram, String) {
    let path = e.dir.join("notify.sock");
    let s = UnixDatagram::bind(&path).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    (s, path.to_string_lossy().into_owned())
}

fn recv(s: &UnixDatagram) -> String {
    let mut b = [0u8; 512];
    let n = s.recv(&mut b).expect("a notify message");
    String::from_utf8_lossy(&b[..n]).into_owned()
}

/// The supervisor's pid: the MAINPID hutch gives, as Podman gives conmon's.
fn supervisor_of(e: &Env, name: &str) -> String {
    e.hutch(&["inspect", "--format", "{{.State.ConmonPid}}", name]).ok().stdout.trim().to_string()
}

#[test]
fn sdnotify_modes() {
    let e = Env::new("sdnotify");
    e.demo();
    let (sock, path) = listener(&e);
    // conmon (the default): the supervisor says ready, with its own pid (as conmon's).
    let o = Out::from(e.cmd(&["run", "-d", "--name", "a", "demo", "sleep", "100"]).env("NOTIFY_SOCKET", &path).stdin(Stdio::null()).output().unwrap());
    o.ok();
    assert_eq!(recv(&sock), format!("MAINPID={}\nREADY=1\n", supervisor_of(&e, "a")));
    // A restart tells the new MAINPID.
    let o = Out::from(e.cmd(&["restart", "-t", "0", "a"]).env("NOTIFY_SOCKET", &path).stdin(Stdio::null()).output().unwrap());
    o.ok();
    assert_eq!(recv(&sock), format!("MAINPID={}\nREADY=1\n", supervisor_of(&e, "a")));
    // ignore: nothing.
    let o = Out::from(e.cmd(&["run", "--rm", "--sdnotify", "ignore", "demo", "true"]).env("NOTIFY_SOCKET", &path).stdin(Stdio::null()).output().unwrap());
    o.ok();
    sock.set_read_timeout(Some(std::time::Duration::from_millis(500))).unwrap();
    let mut b = [0u8; 64];
    assert!(sock.recv(&mut b).is_err(), "--sdnotify=ignore sent {:?}", String::from_utf8_lossy(&b));
    sock.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();

    // container: the application says when it is ready; hutch sets MAINPID.
    let Some(h) = helpers(&e) else { return };
    let o = Out::from(e.cmd(&["run", "-d", "--name", "c", "--sdnotify=container", "-u", "1000", "-v", &h, "demo", "sh", "-c",
        "echo $NOTIFY_SOCKET > /tmp/sock; sleep 1; /h/notify \"READY=1\nSTATUS=serving\nMAINPID=1\"; sleep 100"])
        .env("NOTIFY_SOCKET", &path).stdin(Stdio::null()).output().unwrap());
    o.ok();
    // The supervisor's pid at once (no READY: the application says that), then what the
    // application sent, as Podman does.
    assert_eq!(recv(&sock), format!("MAINPID={}\n", supervisor_of(&e, "c")));
    assert_eq!(recv(&sock), format!("READY=1\nSTATUS=serving\nMAINPID={}\n", supervisor_of(&e, "c")));
    assert_eq!(e.hutch(&["exec", "c", "cat", "/tmp/sock"]).ok().stdout, "/run/notify/notify.sock\n");

    let o = e.hutch(&["run", "--rm", "--sdnotify", "maybe", "demo", "true"]);
    assert_eq!(o.code(125).stderr, "Error: invalid --sdnotify \"maybe\": use container, conmon or ignore\n");
}

#[test]
fn socket_activation_reaches_the_container() {
    let e = Env::new("activation");
    e.demo();
    if Command::new("systemd-socket-activate").arg("--help").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
        return skip("systemd-socket-activate (Debian's systemd package) is not installed");
    }
    let Some(h) = helpers(&e) else { return };
    for detach in [false, true] {
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let mut args = vec!["-l", &listen, "--fdname=web"];
        let bin = bin();
        let bin = bin.to_str().unwrap();
        args.push(bin);
        args.extend_from_slice(&["run", "--rm", "--network", "none", "-v", &h]);
        if detach {
            args.push("-d");
        }
        args.extend_from_slice(&["demo", "/h/accept"]);
        let mut activator = Command::new("systemd-socket-activate");
        activator.args(&args);
        for (k, v) in e.cmd(&[]).get_envs() {
            match v {
                Some(v) => activator.env(k, v),
                None => activator.env_remove(k),
            };
        }
        let mut child = activator.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        assert!(wait_for(10, || std::net::TcpStream::connect(&listen).is_ok_and(|mut c| {
            use std::io::Read;
            let mut s = String::new();
            let _ = c.read_to_string(&mut s);
            // The first connection starts the container; it answers that one.
            assert_eq!(s, "LISTEN_FDS=1 LISTEN_PID=1 LISTEN_FDNAMES=web\n", "detach={detach}");
            true
        })), "no answer on {listen} (detach={detach})");
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[test]
fn preserve_fds_pass_files_in() {
    let e = Env::new("preserve-fds");
    e.demo();
    let file = e.dir.join("given.txt");
    std::fs::write(&file, "from fd 3\n").unwrap();
    let run = |args: &[&str]| -> Out {
        let f = std::fs::File::open(&file).unwrap();
        let mut c = e.cmd(args);
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let raw = f.as_raw_fd();
        // SAFETY: dup2 between fork and exec, on an fd this process owns.
        unsafe {
            c.pre_exec(move || {
                // dup2 onto itself keeps close-on-exec: clear it then.
                if raw == 3 {
                    libc::fcntl(3, libc::F_SETFD, 0);
                } else if libc::dup2(raw, 3) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        Out::from(c.stdin(Stdio::null()).output().unwrap())
    };
    assert_eq!(run(&["run", "--rm", "--preserve-fds", "1", "demo", "sh", "-c", "cat <&3"]).ok().stdout, "from fd 3\n");
    // Detached: the supervisor holds it for the container (and for its restarts).
    run(&["run", "-d", "--name", "d", "--preserve-fds", "1", "demo", "sh", "-c", "cat <&3 > /tmp/got; sleep 100"]).ok();
    assert!(wait_for(5, || e.hutch(&["exec", "d", "cat", "/tmp/got"]).stdout == "from fd 3\n"));
    // Without --preserve-fds nothing past stderr reaches the container.
    assert_eq!(run(&["run", "--rm", "demo", "sh", "-c", "cat <&3 2>/dev/null; echo rc=$?"]).ok().stdout, "rc=1\n");
    // A later start from a command without that fd: said plainly.
    e.hutch(&["stop", "-t", "0", "d"]).ok();
    let mut start = e.cmd(&["start", "d"]);
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: close(2) between fork and exec.
        unsafe {
            start.pre_exec(|| {
                libc::close(3);
                Ok(())
            });
        }
    }
    let o = Out::from(start.stdin(Stdio::null()).output().unwrap());
    assert!(o.code(125).stderr.contains("the container is to get 1 file descriptors from the command that starts it (--preserve-fds, socket activation), but fd 3 is not open here"), "{}", o.stderr);
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).ok().stdout, "d\n");
}

#[test]
fn events_are_logged_in_order_and_followed() {
    let e = Env::new("events");
    e.demo();
    e.hutch(&["run", "--rm", "--name", "ev", "-l", "app=web", "demo", "sh", "-c", "exit 3"]).code(3);
    let o = e.hutch(&["events", "--stream=false", "--filter", "container=ev", "--format", "{{.Status}} {{.Name}} {{.ContainerExitCode}}"]);
    // Podman 4.3.1's sequence for `run --rm` (compared side by side): attach after start, and
    // no cleanup for a container removed with its exit.
    assert_eq!(o.ok().stdout, "create ev 0\ninit ev 0\nstart ev 0\nattach ev 0\ndied ev 3\nremove ev 0\n");
    // A detached container through exec, stop, restart and rm -f, in Podman's order: exec_died
    // with the command's code; restart before the stop's died; rm -f with no stop event, and
    // its died and cleanup before remove.
    // --since (Unix seconds) a second after the first container's events, before the second's.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string();
    e.hutch(&["run", "-d", "--name", "ev2", "demo", "sleep", "100"]).ok();
    e.hutch(&["exec", "ev2", "sh", "-c", "exit 4"]).code(4);
    e.hutch(&["stop", "-t", "0", "ev2"]).ok();
    e.hutch(&["restart", "-t", "0", "ev2"]).ok();
    e.hutch(&["restart", "-t", "0", "ev2"]).ok();
    e.hutch(&["rm", "-f", "-t", "0", "ev2"]).ok();
    let o = e.hutch(&["events", "--stream=false", "--filter", "container=ev2", "--format", "{{.Status}} {{.ContainerExitCode}}"]);
    assert_eq!(
        o.ok().stdout,
        "create 0\ninit 0\nstart 0\nexec 0\nexec_died 4\nstop 0\ndied 137\ncleanup 0\nrestart 0\ninit 0\nstart 0\nrestart 0\ndied 137\ncleanup 0\ninit 0\nstart 0\ndied 137\ncleanup 0\nremove 0\n"
    );
    // --since: only what came after the given time (the first container's events are older).
    e.hutch(&["create", "--name", "ev3", "demo", "true"]).ok();
    let o = e.hutch(&["events", "--stream=false", "--since", &since, "--filter", "type=container", "--format", "{{.Name}}"]);
    let names: std::collections::BTreeSet<String> = o.ok().stdout.lines().map(String::from).collect();
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["ev2", "ev3"], "--since {since}");
    // Podman's human form: Go's time, type, status, full id, image, name, labels.
    let o = e.hutch(&["events", "--stream=false", "--filter", "event=died", "--filter", "container=ev"]);
    let line = o.ok().stdout.lines().last().unwrap().to_string();
    let fields: Vec<&str> = line.splitn(6, ' ').collect();
    assert_eq!(fields[2..5], ["+0000", "UTC", "container"], "{line}");
    assert!(line.ends_with("(image=localhost/demo:latest, name=ev, app=web)"), "{line}");
    // JSON lines with Podman's keys.
    let o = e.hutch(&["events", "--stream=false", "--filter", "event=died", "--filter", "container=ev", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(o.ok().stdout.lines().last().unwrap()).unwrap();
    assert_eq!((v["ContainerExitCode"].as_i64(), v["Status"].as_str(), v["Type"].as_str(), v["Name"].as_str()), (Some(3), Some("died"), Some("container"), Some("ev")));
    assert!(v["Time"].as_str().unwrap().ends_with('Z'));
    // Images too; filters of one key are alternatives, of several keys all apply.
    e.hutch(&["tag", "demo", "other:1"]).ok();
    e.hutch(&["untag", "demo", "other:1"]).ok();
    let o = e.hutch(&["events", "--stream=false", "--filter", "type=image", "--filter", "event=tag", "--filter", "event=untag", "--format", "{{.Status}} {{.Name}}"]);
    assert_eq!(o.ok().stdout, "tag localhost/other:1\nuntag localhost/other:1\n");
    // Followed as it grows: an event written after the reader started reaches it.
    let mut follow = e.cmd(&["events", "--filter", "event=create", "--format", "{{.Name}}"]).stdout(Stdio::piped()).stdin(Stdio::null()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    e.hutch(&["create", "--name", "later", "demo", "true"]).ok();
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(follow.stdout.take().unwrap());
        // The log's earlier creates come first; the new one ends the wait.
        while !first.starts_with("later") {
            first.clear();
            assert!(r.read_line(&mut first).unwrap() > 0, "events ended early");
        }
    }
    let _ = follow.kill();
    let _ = follow.wait();
    // --until ends a stream by itself.
    let t = std::time::Instant::now();
    e.hutch(&["events", "--until", "1s", "--filter", "event=nothing"]).ok();
    assert!(t.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(e.hutch(&["events", "--stream=false", "--filter", "bogus=1"]).code(125).stderr, "Error: bogus is an invalid filter\n");
    // containers.conf events_logger = "none": nothing is written.
    std::fs::write(e.home.join(".config/containers/containers.conf"), "[engine]\nevents_logger = \"none\"\n").unwrap();
    e.hutch(&["create", "--name", "silent", "demo", "true"]).ok();
    assert_eq!(e.hutch(&["events", "--stream=false", "--filter", "container=silent"]).ok().stdout, "");
}

#[test]
fn generated_units_verify_and_replace_keeps_one() {
    let e = Env::new("generate");
    e.demo();
    e.hutch(&["create", "--name", "web", "-p", "8080:80", "--restart", "on-failure:3", "demo", "httpd", "-f", "-h", "/srv/a b"]).ok();
    let hutch = bin().display().to_string();
    let o = e.hutch(&["generate", "systemd", "--new", "--name", "--no-header", "web"]);
    let want = format!("# container-web.service

[Unit]
Description=hutch container-web.service
Documentation=man:hutch-generate-systemd(1)
Wants=network-online.target
After=network-online.target
RequiresMountsFor=%t/hutch

[Service]
Environment=PODMAN_SYSTEMD_UNIT=%n
Restart=on-failure
StartLimitBurst=3
TimeoutStopSec=70
ExecStartPre=/bin/rm \\
\t-f %t/%n.ctr-id
ExecStart={hutch} run \\
\t--cidfile=%t/%n.ctr-id \\
\t--cgroups=no-conmon \\
\t--rm \\
\t--sdnotify=conmon \\
\t-d \\
\t--replace \\
\t--name web \\
\t-p 8080:80 demo httpd \\
\t-f \\
\t-h \"/srv/a b\"
ExecStop={hutch} stop \\
\t--ignore -t 10 \\
\t--cidfile=%t/%n.ctr-id
ExecStopPost={hutch} rm \\
\t-f \\
\t--ignore -t 10 \\
\t--cidfile=%t/%n.ctr-id
Type=notify
NotifyAccess=all

[Install]
WantedBy=default.target
");
    assert_eq!(o.ok().stdout, want);
    assert_eq!(e.hutch(&["generate", "systemd", "--new", "--name", "--no-header", "web"]).ok().stdout, want, "the same twice");
    // --restart-policy and --time change exactly their lines, as in Podman 4.3.1 (compared
    // side by side): Restart=, and -t on the stop and the removal.
    let timed = e.hutch(&["generate", "systemd", "--new", "--name", "--no-header", "--restart-policy", "always", "--time", "5", "web"]).ok().stdout.clone();
    let expected = want
        .replace("Restart=on-failure\nStartLimitBurst=3\n", "Restart=always\n")
        .replace("\t--ignore -t 10 \\\n", "\t--ignore -t 5 \\\n")
        .replace("TimeoutStopSec=70\n", "TimeoutStopSec=65\n");
    assert_ne!(expected, want, "the replacements must apply: {want}");
    assert_eq!(timed, expected);

    // --files, and both kinds of unit pass systemd-analyze verify (Debian's systemd).
    let dir = e.dir.join("units");
    std::fs::create_dir(&dir).unwrap();
    for args in [vec!["--new", "--name"], vec!["--name", "--container-prefix", "old"]] {
        let mut a = vec!["generate", "systemd", "--files"];
        a.extend_from_slice(&args);
        a.push("web");
        let o = Out::from(e.cmd(&a).current_dir(&dir).stdin(Stdio::null()).output().unwrap());
        let path = o.ok().stdout.trim().to_string();
        assert!(path.starts_with(dir.to_str().unwrap()) && path.ends_with(".service"), "{path}");
        match Command::new("systemd-analyze").args(["--user", "--man=no", "verify", &path]).env("XDG_RUNTIME_DIR", &e.run).output() {
            Ok(v) => assert!(v.status.success(), "systemd-analyze verify {path}: {}", String::from_utf8_lossy(&v.stderr)),
            Err(_) => skip("systemd-analyze (Debian's systemd package) is not installed"),
        }
    }
    assert!(std::fs::read_to_string(dir.join("old-web.service")).unwrap().contains("\nExecStart="));
    let o = e.hutch(&["generate", "systemd", "--restart-policy", "sometimes", "web"]);
    assert_eq!(o.code(125).stderr, "Error: sometimes is not a valid restart policy\n");
    // --template: NAME@.service, the container NAME-%i (a --new unit); an instance verifies.
    let o = Out::from(e.cmd(&["generate", "systemd", "--files", "--template", "--name", "web"]).current_dir(&dir).stdin(Stdio::null()).output().unwrap());
    let path = o.ok().stdout.trim().to_string();
    assert!(path.ends_with("/container-web@.service"), "{path}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\nEnvironment=PODMAN_SYSTEMD_UNIT=%n-%i\n") && text.contains("web-%i") && text.contains("Description=hutch container-web.service for %I\n"), "{text}");
    let instance = dir.join("container-web@one.service");
    std::fs::write(&instance, &text).unwrap();
    match Command::new("systemd-analyze").args(["--user", "--man=no", "verify", instance.to_str().unwrap()]).env("XDG_RUNTIME_DIR", &e.run).output() {
        Ok(v) => assert!(v.status.success(), "systemd-analyze verify {}: {}", instance.display(), String::from_utf8_lossy(&v.stderr)),
        Err(_) => skip("systemd-analyze (Debian's systemd package) is not installed"),
    }
    // (tests/user_units.rs starts and stops such units under a real user manager.)

    // What a unit restarted by systemd does: --replace twice in a row leaves one container.
    for _ in 0..2 {
        e.hutch(&["run", "-d", "--replace", "--name", "svc", "demo", "sleep", "100"]).ok();
    }
    assert_eq!(e.hutch(&["ps", "-a", "--filter", "name=svc", "--format", "{{.Names}}"]).ok().stdout, "svc\n");
}

#[test]
fn health_checks_run_on_schedule_and_act() {
    let e = Env::new("health");
    e.demo();
    let check = ["--health-cmd", "test -e /tmp/ok", "--health-interval", "1s", "--health-retries", "1"];
    let mut a = vec!["run", "-d", "--name", "h"];
    a.extend_from_slice(&check);
    a.extend_from_slice(&["--health-on-failure", "restart", "demo", "sh", "-c", "touch /tmp/ok; sleep 100"]);
    e.hutch(&a).ok();
    assert_eq!(e.hutch(&["inspect", "--format", "{{.State.Health.Status}}", "h"]).ok().stdout, "starting\n");
    e.hutch(&["wait", "--condition", "healthy", "h"]).ok();
    assert!(e.hutch(&["ps", "--format", "{{.Status}}"]).ok().stdout.ends_with(" ago (healthy)\n"));
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "h"]).ok().stdout).unwrap();
    assert_eq!(v[0]["Config"]["Healthcheck"]["Test"], serde_json::json!(["CMD-SHELL", "test -e /tmp/ok"]));
    assert_eq!(v[0]["State"]["Health"]["Log"][0]["ExitCode"], serde_json::json!(0));
    // Unhealthy: --health-on-failure=restart starts it again (and it is healthy again).
    e.hutch(&["exec", "h", "rm", "/tmp/ok"]).ok();
    assert!(wait_for(15, || e.hutch(&["inspect", "--format", "{{.RestartCount}}", "h"]).stdout == "1\n"), "not restarted");
    e.hutch(&["wait", "--condition", "healthy", "h"]).ok();
    let o = e.hutch(&["events", "--stream=false", "--filter", "event=health_status", "--filter", "container=h"]);
    assert!(o.ok().stdout.lines().any(|l| l.ends_with("health_status=unhealthy)")), "{}", o.stdout);

    // healthcheck run: silent while healthy; `unhealthy` and 1 once it is.
    let mut a = vec!["run", "-d", "--name", "k"];
    a.extend_from_slice(&check);
    a.extend_from_slice(&["--health-interval", "disable", "demo", "sleep", "100"]);
    e.hutch(&a).ok();
    assert_eq!(e.hutch(&["healthcheck", "run", "k"]).code(1).stdout, "unhealthy\n");
    e.hutch(&["exec", "k", "touch", "/tmp/ok"]).ok();
    assert_eq!(e.hutch(&["healthcheck", "run", "k"]).ok().stdout, "");
    assert_eq!(e.hutch(&["inspect", "--format", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", "k"]).ok().stdout, "healthy 0\n");
    // --health-on-failure=kill.
    e.hutch(&["run", "-d", "--name", "x", "--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1", "--health-on-failure", "kill", "demo", "sleep", "100"]).ok();
    assert!(wait_for(15, || e.hutch(&["ps", "-a", "--filter", "name=x", "--format", "{{.Status}}"]).stdout.starts_with("Exited (137)")));

    e.hutch(&["run", "-d", "--name", "none", "demo", "sleep", "100"]).ok();
    let id = e.hutch(&["inspect", "--format", "{{.Id}}", "none"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["healthcheck", "run", "none"]).code(125).stderr, format!("Error: container {id} has no defined healthcheck\n"));
    for (args, want) in [
        (vec!["--health-cmd", "true", "--health-interval", "10ms"], "Error: healthcheck-interval must be at least 1 second\n"),
        (vec!["--health-cmd", "true", "--health-on-failure", "explode"], "Error: invalid on-failure action \"explode\" for health check: supported actions are none,kill,restart,stop\n"),
        (vec!["--health-retries", "2"], "Error: --health-* options need a health check command: give --health-cmd (the image has no HEALTHCHECK)\n"),
        (vec!["--no-healthcheck", "--health-cmd", "true"], "Error: cannot specify both --no-healthcheck and other HealthCheck flags\n"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(&args);
        a.extend_from_slice(&["demo", "true"]);
        assert_eq!(e.hutch(&a).code(125).stderr, want, "{args:?}");
    }
}

#[test]
fn health_timeouts_start_periods_stop_and_the_images_check() {
    let e = Env::new("health2");
    e.demo();
    // --health-timeout: the check is ended at its timeout (Podman lets it run on, then says
    // the same), its log entry is -1, and `healthcheck run` gives Podman's error.
    e.hutch(&["run", "-d", "--name", "slow", "--health-cmd", "sleep 30", "--health-timeout", "1s", "--health-interval", "disable", "demo", "sleep", "100"]).ok();
    let t = std::time::Instant::now();
    assert_eq!(e.hutch(&["healthcheck", "run", "slow"]).code(125).stderr, "Error: healthcheck command exceeded timeout of 1s\n");
    assert!(t.elapsed() < std::time::Duration::from_secs(10), "the check was not ended at its timeout: {:?}", t.elapsed());
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "--format", "{{json .State.Health}}", "slow"]).ok().stdout).unwrap();
    assert_eq!((v["Status"].as_str(), v["FailingStreak"].as_i64(), v["Log"][0]["ExitCode"].as_i64()), (Some("starting"), Some(1), Some(-1)), "{v}");
    // A check that prints more than a pipe holds passes (its output was read only after it
    // ended, so it blocked and looked timed out); the log keeps 500 characters of it.
    e.hutch(&["run", "-d", "--name", "chatty", "--health-cmd", "head -c 200000 /dev/zero | tr '\\0' a", "--health-interval", "disable", "demo", "sleep", "100"]).ok();
    assert_eq!(e.hutch(&["healthcheck", "run", "chatty"]).ok().stdout, "");
    assert_eq!(e.hutch(&["inspect", "--format", "{{len (index .State.Health.Log 0).Output}}", "chatty"]).ok().stdout, "500\n");
    // A failed check is `unhealthy` and 1 from `healthcheck run`, even within the retries.
    e.hutch(&["run", "-d", "--name", "fails", "--health-cmd", "false", "--health-interval", "disable", "demo", "sleep", "100"]).ok();
    assert_eq!(e.hutch(&["healthcheck", "run", "fails"]).code(1).stdout, "unhealthy\n");
    assert_eq!(e.hutch(&["inspect", "--format", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}", "fails"]).ok().stdout, "starting 1\n");
    // --health-start-period: failures within it do not count; without one the same check
    // turns the container unhealthy. `ps` shows both.
    let failing = ["--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1"];
    let mut a = vec!["run", "-d", "--name", "young", "--health-start-period", "60s"];
    a.extend_from_slice(&failing);
    a.extend_from_slice(&["demo", "sleep", "100"]);
    e.hutch(&a).ok();
    let mut a = vec!["run", "-d", "--name", "sick"];
    a.extend_from_slice(&failing);
    a.extend_from_slice(&["demo", "sleep", "100"]);
    e.hutch(&a).ok();
    let status = |n: &str| e.hutch(&["ps", "--filter", &format!("name=^{n}$"), "--format", "{{.Status}}"]).stdout.clone();
    assert!(wait_for(15, || status("sick").ends_with(" (unhealthy)\n")), "sick: {}", status("sick"));
    let young: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "--format", "{{json .State.Health}}", "young"]).ok().stdout).unwrap();
    assert!(young["Log"].as_array().is_some_and(|l| !l.is_empty()), "no check ran in the start period: {young}");
    assert!(status("young").ends_with(" (starting)\n"), "young: {}", status("young"));
    // --health-on-failure=stop: stopped with its stop signal (its trap's code), not restarted.
    e.hutch(&["run", "-d", "--name", "stopme", "--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1", "--health-on-failure", "stop", "demo", "sh", "-c", "trap 'exit 5' TERM; while :; do sleep 1; done"]).ok();
    assert!(wait_for(20, || e.hutch(&["ps", "-a", "--filter", "name=stopme", "--format", "{{.Status}}"]).stdout.starts_with("Exited (5) ")), "not stopped");
    assert_eq!(e.hutch(&["inspect", "--format", "{{.RestartCount}}", "stopme"]).ok().stdout, "0\n");
    // The image's HEALTHCHECK runs unless --no-healthcheck turns it off.
    let ctx = e.dir.join("hc");
    std::fs::create_dir(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nHEALTHCHECK --interval=1s --retries=1 CMD false\n").unwrap();
    e.hutch(&["build", "-q", "--format", "docker", "-t", "hc", ctx.to_str().unwrap()]).ok();
    e.hutch(&["run", "-d", "--name", "imagecheck", "hc", "sleep", "100"]).ok();
    assert!(wait_for(15, || status("imagecheck").ends_with(" (unhealthy)\n")), "the image's check: {}", status("imagecheck"));
    e.hutch(&["run", "-d", "--name", "nocheck", "--no-healthcheck", "hc", "sleep", "100"]).ok();
    let id = e.hutch(&["inspect", "--format", "{{.Id}}", "nocheck"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["healthcheck", "run", "nocheck"]).code(125).stderr, format!("Error: container {id} has no defined healthcheck\n"));
    assert!(status("nocheck").ends_with(" ago\n"), "nocheck: {}", status("nocheck"));
    // An OCI image has no HEALTHCHECK (Buildah leaves it out, and says so): no check runs.
    e.hutch(&["build", "-q", "-t", "hc-oci", ctx.to_str().unwrap()]).ok().stderr_has("HEALTHCHECK is not supported for OCI image format and will be ignored. Must use `docker` format");
    e.hutch(&["run", "-d", "--name", "ocicheck", "hc-oci", "sleep", "100"]).ok();
    let id = e.hutch(&["inspect", "--format", "{{.Id}}", "ocicheck"]).ok().stdout.trim().to_string();
    assert_eq!(e.hutch(&["healthcheck", "run", "ocicheck"]).code(125).stderr, format!("Error: container {id} has no defined healthcheck\n"));
}

/// A unit's `KEY=` line with systemd's specifiers for this test (%t, %N, %n) filled in.
fn unit_command(unit: &str, key: &str, e: &Env, name: &str) -> Vec<String> {
    let line = unit.lines().find(|l| l.starts_with(&format!("{key}="))).unwrap_or_else(|| panic!("no {key} in {unit}"));
    let cmd = line[key.len() + 1..].trim_start_matches('-');
    cmd.replace("%t", &e.run.display().to_string()).replace("%N", name).replace("%n", &format!("{name}.service")).split_whitespace().map(String::from).collect()
}

/// Every `[Container]` key hutch takes, a `.volume` file it refers to, and [Install].
const FULL_CONTAINER: &str = "# every key hutch takes\n[Unit]\nDescription=Everything\n\n[Container]\nImage=localhost/demo:latest\nContainerName=full\nExec=sh -c \"echo up; sleep 100\"\nEnvironment=A=1 \"B=two words\"\nEnvironmentFile=/etc/full.env\nWorkingDir=/srv\nNetwork=none\nLabel=app=full tier=web\nAnnotation=note=yes\nNotify=true\nUser=1000\nGroup=1000\nVolume=store.volume:/srv:ro\nVolume=/var/lib/full:/lib/full\nHealthCmd=test -e /srv\nHealthInterval=5s\nHealthRetries=2\nHealthStartPeriod=1s\nHealthTimeout=3s\nHealthOnFailure=kill\nPublishPort=127.0.0.1:8080:80\nReadOnly=true\nTimezone=UTC\n\n[Service]\nRestart=always\nTimeoutStartSec=60\n\n[Install]\nWantedBy=default.target\nRequiredBy=other.target\nAlias=everything.service\n";

#[test]
fn quadlet_output_is_exactly_the_expected_units_with_their_install_links() {
    let e = Env::new("quadlet-text");
    let q = e.dir.join("quadlet");
    std::fs::create_dir(&q).unwrap();
    std::fs::write(q.join("full.container"), FULL_CONTAINER).unwrap();
    std::fs::write(q.join("store.volume"), "[Unit]\nDescription=The store\n\n[Volume]\nVolumeName=full-store\nLabel=keep=yes\n\n[Install]\nWantedBy=default.target\n").unwrap();
    let (h, full, store) = (bin().display().to_string(), q.join("full.container").display().to_string(), q.join("store.volume").display().to_string());
    let expected = format!(
        "---full.service---
# Automatically generated by hutch from {full}
#
[Unit]
Wants=network-online.target
After=network-online.target
Description=Everything
Requires=store-volume.service
After=store-volume.service
RequiresMountsFor=/var/lib/full
SourcePath={full}
RequiresMountsFor=%t/hutch

[Service]
Environment=PODMAN_SYSTEMD_UNIT=%n
KillMode=mixed
ExecStop={h} stop --ignore --cidfile=%t/%N.cid
ExecStopPost=-{h} rm -f --ignore --cidfile=%t/%N.cid
ExecStopPost=-rm -f %t/%N.cid
Delegate=yes
Type=notify
NotifyAccess=all
SyslogIdentifier=%N
ExecStart={h} run --name=full --cidfile=%t/%N.cid --replace --rm --log-driver=passthrough --sdnotify=container --env=A=1 \"--env=B=two words\" --env-file=/etc/full.env --workdir=/srv --network=none --label=app=full --label=tier=web --annotation=note=yes --volume=full-store:/srv:ro --volume=/var/lib/full:/lib/full \"--health-cmd=test -e /srv\" --health-interval=5s --health-retries=2 --health-start-period=1s --health-timeout=3s --health-on-failure=kill --publish=127.0.0.1:8080:80 --read-only --tz=UTC --user=1000:1000 localhost/demo:latest sh -c \"echo up; sleep 100\"
Restart=always
TimeoutStartSec=60

[Install]
WantedBy=default.target
RequiredBy=other.target
Alias=everything.service

---store-volume.service---
# Automatically generated by hutch from {store}
#
[Unit]
Description=The store
SourcePath={store}
RequiresMountsFor=%t/hutch

[Service]
ExecStart={h} volume create --ignore --label=keep=yes full-store
Type=oneshot
RemainAfterExit=yes
SyslogIdentifier=%N

[Install]
WantedBy=default.target

"
    );
    let dry = |args: &[&str]| Out::from(e.cmd(args).env("QUADLET_UNIT_DIRS", &q).stdin(Stdio::null()).output().unwrap());
    assert_eq!(dry(&["generate", "quadlet", "--dryrun"]).ok().stdout, expected);
    // The same twice: the output is deterministic.
    assert_eq!(dry(&["generate", "quadlet", "--dryrun"]).ok().stdout, expected);
    // Written out, [Install] becomes the links systemd reads in a generator's output (it does
    // not read [Install] there itself), each pointing at its unit.
    let out = e.dir.join("generated");
    dry(&["generate", "quadlet", "--user", out.to_str().unwrap()]).ok();
    let mut entries = Vec::new();
    for rel in ["full.service", "store-volume.service", "everything.service", "default.target.wants/full.service", "default.target.wants/store-volume.service", "other.target.requires/full.service"] {
        let p = out.join(rel);
        entries.push(match std::fs::read_link(&p) {
            Ok(t) => format!("{rel} -> {}", t.display()),
            Err(_) => format!("{rel} {}", if p.is_file() { "file" } else { "missing" }),
        });
    }
    assert_eq!(entries, ["full.service file", "store-volume.service file", "everything.service -> full.service", "default.target.wants/full.service -> ../full.service", "default.target.wants/store-volume.service -> ../store-volume.service", "other.target.requires/full.service -> ../full.service"]);
    assert_eq!(std::fs::read_to_string(out.join("default.target.wants/full.service")).unwrap(), std::fs::read_to_string(out.join("full.service")).unwrap());
    let units = [out.join("store-volume.service"), out.join("full.service")];
    match Command::new("systemd-analyze").args(["--user", "--man=no", "verify"]).args(&units).env("XDG_RUNTIME_DIR", &e.run).output() {
        Ok(v) => assert!(v.status.success(), "systemd-analyze verify: {}", String::from_utf8_lossy(&v.stderr)),
        Err(_) => skip("systemd-analyze (Debian's systemd package) is not installed"),
    }
}

#[test]
fn quadlet_files_become_units_that_run() {
    let e = Env::new("quadlet");
    e.demo();
    let q = e.dir.join("quadlet");
    std::fs::create_dir(&q).unwrap();
    std::fs::write(q.join("web.container"), "[Unit]\nDescription=web\n\n[Container]\nImage=localhost/demo:latest\nExec=sleep 100\nEnvironment=A=1\nLabel=app=quadlet\nRunInit=true\n\n[Install]\nWantedBy=default.target\n").unwrap();
    std::fs::write(q.join("data.volume"), "[Volume]\nLabel=keep=yes\n").unwrap();
    std::fs::write(q.join("bad.container"), "[Container]\nImage=localhost/demo:latest\nFrobnicate=yes\n").unwrap();
    std::fs::write(q.join("lan.network"), "[Network]\nSubnet=10.9.0.0/24\n").unwrap();
    let out = e.dir.join("generated");
    let o = Out::from(e.cmd(&["generate", "quadlet", "--user", out.to_str().unwrap()]).env("QUADLET_UNIT_DIRS", &q).stdin(Stdio::null()).output().unwrap());
    // The bad file is named with its line and key, a kind hutch cannot make is named too; the
    // others still become units.
    assert_eq!(o.code(1).stderr, format!("Error: {}: .network files are not supported: hutch has no user-defined networks (`podman network`)\nError: {}:3: unsupported key Frobnicate in section [Container]\n", q.join("lan.network").display(), q.join("bad.container").display()));
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["data-volume.service", "default.target.wants", "web.service"]);
    for n in names.iter().filter(|n| n.ends_with(".service")) {
        let p = out.join(n);
        match Command::new("systemd-analyze").args(["--user", "--man=no", "verify", p.to_str().unwrap()]).env("XDG_RUNTIME_DIR", &e.run).output() {
            Ok(v) => assert!(v.status.success(), "systemd-analyze verify {n}: {}", String::from_utf8_lossy(&v.stderr)),
            Err(_) => skip("systemd-analyze (Debian's systemd package) is not installed"),
        }
    }
    // What systemd would run, run here: the service starts, says READY, stops cleanly.
    let web = std::fs::read_to_string(out.join("web.service")).unwrap();
    let (sock, path) = listener(&e);
    let start = unit_command(&web, "ExecStart", &e, "web");
    assert_eq!(start[0], bin().display().to_string());
    let mut service = Command::new(&start[0]);
    service.args(&start[1..]);
    for (k, v) in e.cmd(&[]).get_envs() {
        match v {
            Some(v) => service.env(k, v),
            None => service.env_remove(k),
        };
    }
    let mut service = service.env("NOTIFY_SOCKET", &path).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    assert!(recv(&sock).ends_with("READY=1\n"));
    assert_eq!(e.hutch(&["ps", "--format", "{{.Names}} {{.Labels}}"]).ok().stdout, "systemd-web map[app:quadlet]\n");
    assert_eq!(e.hutch(&["exec", "systemd-web", "sh", "-c", "echo $A"]).ok().stdout, "1\n");
    for key in ["ExecStop", "ExecStopPost"] {
        let c = unit_command(&web, key, &e, "web");
        Out::from(Command::new(&c[0]).args(&c[1..]).envs(e.cmd(&[]).get_envs().filter_map(|(k, v)| Some((k, v?)))).output().unwrap()).ok();
    }
    assert!(wait_for(10, || service.try_wait().unwrap().is_some()), "the service's main process did not end");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
    // The volume unit makes its volume.
    let vol = std::fs::read_to_string(out.join("data-volume.service")).unwrap();
    let c = unit_command(&vol, "ExecStart", &e, "data-volume");
    Out::from(Command::new(&c[0]).args(&c[1..]).envs(e.cmd(&[]).get_envs().filter_map(|(k, v)| Some((k, v?)))).output().unwrap()).ok();
    assert_eq!(e.hutch(&["volume", "ls", "--format", "{{.Name}}"]).ok().stdout, "systemd-data\n");
}
