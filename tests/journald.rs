//! `--log-driver journald`: the container's output as journal entries with conmon's fields,
//! read back by `logs` (with -f, --tail, -t, stderr apart), and containers.conf's
//! `log_driver = "journald"`. Needs a running journald whose entries the test user may read
//! (dev/test.sh starts one where the machine has none).

mod common;
use common::*;

fn journal_ready() -> bool {
    let ok = std::os::unix::net::UnixDatagram::unbound().and_then(|s| s.connect("/run/systemd/journal/socket")).is_ok();
    if !ok {
        skip("no journald takes entries here (/run/systemd/journal/socket)");
    }
    ok
}

#[test]
fn output_goes_to_the_journal_and_logs_reads_it_back() {
    if !journal_ready() {
        return;
    }
    let e = Env::new("journald");
    e.demo();
    e.hutch(&["run", "-d", "--name", "j", "--log-driver", "journald", "--log-opt", "tag=jtag", "demo", "sh", "-c",
        "echo one; echo two >&2; sleep 0.5; echo three; printf tail"]).ok();
    // -f follows until the container exits.
    let f = e.hutch(&["logs", "-f", "j"]);
    assert_eq!((f.code, f.stdout.as_str(), f.stderr.as_str()), (0, "one\nthree\ntail", "two\n"));
    // --tail counts lines where they end: the unfinished last one goes with the one before.
    assert_eq!(e.hutch(&["logs", "--tail", "1", "j"]).ok().stdout, "three\ntail");
    // -t: the journal's time of each entry, in RFC 3339 with nanoseconds.
    let t = e.hutch(&["logs", "-t", "j"]).ok().stdout.clone();
    let (stamp, text) = t.lines().next().and_then(|l| l.split_once(' ')).unwrap_or_default();
    assert_eq!(text, "one", "{t}");
    assert!(stamp.len() >= 30 && stamp.as_bytes()[10] == b'T' && stamp.as_bytes()[19] == b'.', "{t}");
    assert_eq!(e.hutch(&["inspect", "-f", "{{.HostConfig.LogConfig.Type}}", "j"]).ok().stdout, "journald\n");
    // The entries carry conmon's fields.
    let id = e.hutch(&["inspect", "-f", "{{.Id}}", "j"]).ok().stdout.trim().to_string();
    let o = std::process::Command::new("journalctl")
        .args(["--no-pager", "-o", "json", &format!("CONTAINER_ID_FULL={id}")])
        .output()
        .expect("journalctl");
    let entries: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert_eq!(entries.len(), 4, "{}", String::from_utf8_lossy(&o.stdout));
    let two = entries.iter().find(|v| v["MESSAGE"] == "two").unwrap();
    assert_eq!((two["PRIORITY"].as_str(), two["CONTAINER_NAME"].as_str(), two["CONTAINER_TAG"].as_str(), two["SYSLOG_IDENTIFIER"].as_str()),
        (Some("3"), Some("j"), Some("jtag"), Some("jtag")));
    assert_eq!(two["CONTAINER_ID"].as_str(), Some(&id[..12]));
    let last = entries.iter().find(|v| v["MESSAGE"] == "tail").unwrap();
    assert_eq!(last["CONTAINER_PARTIAL_MESSAGE"].as_str(), Some("true"));

    // containers.conf's default.
    let conf = e.dir.join("containers.conf");
    std::fs::write(&conf, "[containers]\nlog_driver = \"journald\"\n").unwrap();
    let o = Out::from(e.cmd(&["run", "--name", "c", "demo", "echo", "from-conf"]).env("CONTAINERS_CONF", &conf).output().unwrap());
    assert_eq!(o.ok().stdout, "from-conf\n");
    assert!(wait_for(5, || e.hutch(&["logs", "c"]).stdout == "from-conf\n"));
    assert_eq!(e.hutch(&["inspect", "-f", "{{.HostConfig.LogConfig.Type}}", "c"]).ok().stdout, "journald\n");
}

#[test]
fn events_go_to_the_journal_with_podmans_fields() {
    if !journal_ready() {
        return;
    }
    let e = Env::new("journald-events");
    e.demo();
    let id = e.hutch(&["--events-backend", "journald", "run", "-d", "--label", "team=blue", "demo", "sh", "-c", "exit 3"]).ok().stdout.trim().to_string();
    assert!(wait_for(10, || e.hutch(&["inspect", "-f", "{{.State.Status}}", &id]).stdout == "exited\n"));
    // The journal has them (journald may be a moment behind)...
    let events = || -> Vec<serde_json::Value> {
        let o = std::process::Command::new("journalctl").args(["--no-pager", "-o", "json", &format!("PODMAN_ID={id}")]).output().expect("journalctl");
        String::from_utf8_lossy(&o.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    };
    assert!(wait_for(5, || events().iter().any(|v| v["PODMAN_EVENT"] == "died")), "{:?}", events());
    let died = events().into_iter().find(|v| v["PODMAN_EVENT"] == "died").unwrap();
    assert_eq!((died["PODMAN_TYPE"].as_str(), died["PODMAN_EXIT_CODE"].as_str(), died["PODMAN_IMAGE"].as_str(), died["SYSLOG_IDENTIFIER"].as_str()),
        (Some("container"), Some("3"), Some("localhost/demo:latest"), Some("hutch")));
    assert_eq!(died["PODMAN_LABELS"].as_str(), Some(r#"{"team":"blue"}"#));
    assert!(died["MESSAGE"].as_str().unwrap().contains(&format!("container died {id} (image=localhost/demo:latest")));
    // ...and hutch's own log still has them, for `hutch events`.
    let mine = e.hutch(&["events", "--stream=false", "--filter", "event=died", "--format", "{{.ID}} {{.ContainerExitCode}}"]).ok().stdout.clone();
    assert_eq!(mine, format!("{id} 3\n"));
}
