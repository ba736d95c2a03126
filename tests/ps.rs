//! `ps` end to end, as the unprivileged user: every filter Podman 4.3.1 has, --sort, --size,
//! --ns, --pod, --watch, and Podman's errors for bad filters and clashing flags.

mod common;
use common::*;
use std::process::Stdio;
use std::time::Duration;

/// The names `ps ARGS` lists, one per line, in its order.
fn names(e: &Env, args: &[&str]) -> Vec<String> {
    let mut a = vec!["ps", "--format", "{{.Names}}"];
    a.extend_from_slice(args);
    let o = e.hutch(&a);
    o.ok();
    o.stdout.lines().map(String::from).collect()
}

/// Three containers, oldest first: `a` created (label k=v), `b` exited 3 (labels k=w, tier=db),
/// `c` exited 0 with a named volume and a bind mount. Returns the bind mount's host path.
fn three(e: &Env) -> String {
    e.demo();
    e.hutch(&["create", "--name", "a", "-l", "k=v", "demo", "true"]).ok();
    e.hutch(&["run", "--name", "b", "-l", "k=w", "-l", "tier=db", "demo", "sh", "-c", "exit 3"]).code(3);
    let src = e.dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let src = std::fs::canonicalize(&src).unwrap().to_string_lossy().into_owned();
    e.hutch(&["run", "--name", "c", "--restart", "on-failure:1", "-v", "cache:/root/.cache", "-v", &format!("{src}:/src"), "demo", "true"]).ok();
    src
}

#[test]
fn filters_match_as_podman_does() {
    let e = Env::new("ps-filter");
    let src = three(&e);
    let n = |f: &[&str]| {
        let mut a = vec!["-a"];
        for x in f {
            a.push("-f");
            a.push(x);
        }
        names(&e, &a)
    };
    // name and id are unanchored regular expressions.
    assert_eq!(n(&["name=a"]), ["a"]);
    assert_eq!(n(&["name=^[ab]$"]), ["a", "b"]);
    assert_eq!(n(&["name=.*"]), ["a", "b", "c"]);
    assert_eq!(n(&["name=^b|c$"]), ["b", "c"]);
    assert_eq!(n(&["name=x", "name=c"]), ["c"], "values of one key are OR'ed");
    let id_b = e.hutch(&["ps", "-a", "-q", "-f", "name=b"]).stdout.trim().to_string();
    assert_eq!(id_b.len(), 12);
    assert_eq!(n(&[&format!("id=^{}", &id_b[..6])]), ["b"]);
    // label: key or key=value, every one must match.
    assert_eq!(n(&["label=k"]), ["a", "b"]);
    assert_eq!(n(&["label=k=v"]), ["a"]);
    assert_eq!(n(&["label=k=w", "label=tier=db"]), ["b"]);
    assert_eq!(n(&["label=k=v", "label=tier"]), Vec::<String>::new(), "labels are AND'ed");
    assert_eq!(n(&["label=ti*"]), ["b"], "a key with * is a glob");
    // status (stopped is exited), exited codes.
    assert_eq!(n(&["status=created"]), ["a"]);
    assert_eq!(n(&["status=exited"]), ["b", "c"]);
    assert_eq!(n(&["status=stopped"]), ["b", "c"]);
    assert_eq!(n(&["status=created", "status=exited"]), ["a", "b", "c"]);
    assert_eq!(n(&["status=paused"]), Vec::<String>::new());
    assert_eq!(n(&["status=running"]), Vec::<String>::new());
    assert_eq!(n(&["exited=3"]), ["b"]);
    assert_eq!(n(&["exited=0", "exited=3"]), ["b", "c"]);
    assert_eq!(n(&["exited=0", "status=created"]), Vec::<String>::new(), "different keys are AND'ed");
    // ancestor: the full name, the name when tagged latest, or the image ID.
    assert_eq!(n(&["ancestor=localhost/demo:latest"]), ["a", "b", "c"]);
    assert_eq!(n(&["ancestor=localhost/demo"]), ["a", "b", "c"]);
    let image_id = e.hutch(&["images", "--no-trunc", "--format", "{{.ID}}"]).stdout.trim().trim_start_matches("sha256:").to_string();
    assert_eq!(image_id.len(), 64, "{image_id}");
    assert_eq!(n(&[&format!("ancestor={image_id}")]), ["a", "b", "c"]);
    assert_eq!(n(&["ancestor=other"]), Vec::<String>::new());
    // before / since a container, until a time.
    assert_eq!(n(&["before=b"]), ["a"]);
    assert_eq!(n(&["since=b"]), ["c"]);
    assert_eq!(n(&["since=a", "before=c"]), ["b"]);
    assert_eq!(n(&[&format!("since={id_b}")]), ["c"]);
    assert_eq!(n(&["until=1h"]), Vec::<String>::new(), "none was created an hour ago");
    assert_eq!(n(&["until=2999-01-01T00:00:00Z"]), ["a", "b", "c"]);
    // volume: a named volume or a bind mount's source, optionally with its destination.
    assert_eq!(n(&["volume=cache"]), ["c"]);
    assert_eq!(n(&["volume=cache:/root/.cache"]), ["c"]);
    assert_eq!(n(&["volume=cache:/elsewhere"]), Vec::<String>::new());
    assert_eq!(n(&[&format!("volume={src}")]), ["c"]);
    assert_eq!(n(&[&format!("volume={src}:/src")]), ["c"]);
    assert_eq!(n(&["volume=nosuch"]), Vec::<String>::new());
    // restart-policy (none is no policy).
    assert_eq!(n(&["restart-policy=on-failure"]), ["c"]);
    assert_eq!(n(&["restart-policy=none"]), ["a", "b"]);
    assert_eq!(n(&["restart-policy=always"]), Vec::<String>::new());
    // hutch has no health checks, pods or container networks: valid keys, nothing matches.
    assert_eq!(n(&["health=healthy"]), Vec::<String>::new());
    assert_eq!(n(&["pod=p"]), Vec::<String>::new());
    assert_eq!(n(&["network=podman"]), Vec::<String>::new());
    // One --filter may hold several, comma-separated (pflag's string slice).
    assert_eq!(n(&["label=k,status=exited"]), ["b"]);
    // Filters come before --last: the newest of those that match.
    assert_eq!(names(&e, &["-f", "label=k", "-n", "1"]), ["b"]);
    assert_eq!(names(&e, &["-f", "label=k", "-l"]), ["b"]);
    // -q and --format json list the same containers.
    assert_eq!(e.hutch(&["ps", "-a", "-q", "-f", "exited=3"]).stdout, format!("{id_b}\n"));
    let json: serde_json::Value = serde_json::from_str(&e.hutch(&["ps", "-a", "--format", "json", "-f", "name=^c$"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["Names"][0], "c");
    // A table template: every space a column break (Podman's tableReplacer), Podman's headings,
    // functions applied to the heading too.
    let t = e.hutch(&["ps", "-a", "--format", "table {{.ID}} {{.Names|upper}}\\t{{truncate .Status 6}}", "-f", "exited=3"]);
    assert_eq!(t.ok().stdout, format!("CONTAINER ID  NAMES       STATUS\n{}  B           Exited\n", &id_b[..12]));
}

#[test]
fn a_status_filter_lists_every_state() {
    let e = Env::new("ps-status");
    e.demo();
    e.hutch(&["create", "--name", "idle", "demo", "true"]).ok();
    e.hutch(&["run", "-d", "--name", "up", "demo", "sleep", "60"]).ok();
    assert_eq!(names(&e, &[]), ["up"], "without -a only running containers");
    assert_eq!(names(&e, &["-f", "status=created"]), ["idle"], "status= implies -a");
    assert_eq!(names(&e, &["-f", "status=running"]), ["up"]);
    assert_eq!(names(&e, &["-f", "name=idle"]), Vec::<String>::new(), "other filters do not");
    assert_eq!(names(&e, &["--external"]), ["up"], "--external adds no containers of other tools");
    assert_eq!(names(&e, &["--sync", "-a"]), ["idle", "up"]);
    e.hutch(&["rm", "-f", "-t", "0", "up"]).ok();
}

#[test]
fn bad_filters_and_flags_are_podmans_errors() {
    let e = Env::new("ps-errors");
    e.demo();
    e.hutch(&["create", "--name", "a", "demo", "true"]).ok();
    let bad = |args: &[&str], msg: &str| {
        let mut a = vec!["ps"];
        a.extend_from_slice(args);
        let o = e.hutch(&a);
        o.code(125);
        assert_eq!(o.stderr, format!("Error: {msg}\n"), "ps {args:?}");
        assert_eq!(o.stdout, "");
    };
    bad(&["-f", "bogus=1"], "bogus is an invalid filter");
    bad(&["-f", "x"], "invalid filter \"x\"");
    bad(&["-f", "status=sleeping"], "unknown container state: sleeping: invalid argument");
    bad(&["-f", "exited=abc"], r#"exited code out of range '\x00': strconv.ParseInt: parsing "abc": invalid syntax"#);
    bad(&["-f", "restart-policy=fakepolicy"], "fakepolicy invalid restart policy");
    bad(&["-f", "before=nosuch"], "no container with name or ID \"nosuch\" found: no such container");
    bad(&["-f", "until=1h", "-f", "until=2h"], "specify exactly one timestamp for until");
    bad(&["--sort", "bogus"], "invalid argument \"bogus\" for \"--sort\" flag: \"bogus\" is not a valid value.  Choose from: \"command, created, id, image, names, runningfor, size, status\"");
    bad(&["-n", "1", "-l"], "last and latest are mutually exclusive");
    bad(&["-q", "-s"], "quiet conflicts with size and namespace");
    bad(&["-q", "--ns"], "quiet conflicts with size and namespace");
    bad(&["-s", "--ns"], "size and namespace options conflict");
    bad(&["-w", "1", "-l"], "the watch and latest flags cannot be used together");
    // Go's RE2 syntax, flags included.
    assert_eq!(names(&e, &["-a", "-f", "name=(?i)^A"]), names(&e, &["-a", "-f", "name=^a"]));
    // One Go refuses matches nothing, as in Podman.
    assert_eq!(names(&e, &["-a", "-f", "name=a("]), Vec::<String>::new());
}

#[test]
fn sort_orders_as_podman() {
    let e = Env::new("ps-sort");
    e.demo();
    e.hutch(&["create", "--name", "zz", "demo", "echo", "b"]).ok();
    e.hutch(&["run", "--name", "mm", "demo", "echo", "c"]).ok();
    e.hutch(&["create", "--name", "aa", "demo", "echo", "a"]).ok();
    assert_eq!(names(&e, &["-a"]), ["zz", "mm", "aa"], "oldest first by default");
    assert_eq!(names(&e, &["-a", "--sort", "created"]), ["zz", "mm", "aa"]);
    assert_eq!(names(&e, &["-a", "--sort", "names"]), ["aa", "mm", "zz"]);
    assert_eq!(names(&e, &["-a", "--sort", "command"]), ["aa", "zz", "mm"]);
    assert_eq!(names(&e, &["-a", "--sort", "status"]), ["zz", "aa", "mm"], "created before exited");
    assert_eq!(names(&e, &["-a", "--sort", "runningfor"]), ["zz", "aa", "mm"], "never started first");
    assert_eq!(names(&e, &["-a", "--sort", "image"]), ["zz", "mm", "aa"], "ties keep their order");
    let mut ids: Vec<String> = e.hutch(&["ps", "-a", "-q"]).stdout.lines().map(String::from).collect();
    ids.sort();
    assert_eq!(e.hutch(&["ps", "-a", "-q", "--sort", "id"]).stdout, ids.iter().map(|i| format!("{i}\n")).collect::<String>());
    // -n takes the newest before sorting.
    assert_eq!(names(&e, &["-n", "2", "--sort", "names"]), ["aa", "mm"]);
    // Without --size there are no sizes to compare: the order stays.
    assert_eq!(names(&e, &["-a", "--sort", "size"]), ["zz", "mm", "aa"]);
}

#[test]
fn size_shows_the_writable_layer_and_the_image() {
    let e = Env::new("ps-size");
    e.demo();
    e.hutch(&["create", "--name", "small", "demo", "true"]).ok();
    e.hutch(&["run", "--name", "big", "demo", "dd", "if=/dev/zero", "of=/big", "bs=1024", "count=3000"]).ok();
    let o = e.hutch(&["ps", "-a", "--size"]);
    o.ok();
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert!(lines[0].starts_with("CONTAINER ID") && lines[0].ends_with("  NAMES       SIZE"), "{}", lines[0]);
    let size_of = |name: &str| {
        let l = lines.iter().find(|l| l.contains(&format!("  {name}  "))).unwrap_or_else(|| panic!("{name} not in {lines:?}"));
        l.split_once(&format!("  {name}  ")).unwrap().1.trim().to_string()
    };
    let (small, big) = (size_of("small"), size_of("big"));
    let virt = |s: &str| s.split_once(" (virtual ").map(|(_, v)| v.trim_end_matches(')').to_string()).unwrap_or_else(|| panic!("{s}"));
    assert!(big.starts_with("3.") && big.contains(" MB (virtual "), "3 MB written: {big}");
    assert!(small.contains(" kB (virtual ") || small.starts_with("0 B (virtual "), "{small}");
    assert_eq!(virt(&small), virt(&big), "the same image under both");
    assert!(virt(&small).ends_with(" MB"), "busybox is some MB: {small}");
    // JSON: Size {rootFsSize, rwSize} in bytes; null without --size.
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["ps", "-a", "-s", "--format", "json", "-f", "name=big"]).stdout).unwrap();
    let rw = j[0]["Size"]["rwSize"].as_u64().unwrap();
    let rootfs = j[0]["Size"]["rootFsSize"].as_u64().unwrap();
    assert!((3_072_000..4_000_000).contains(&rw), "{rw}");
    assert!(rootfs > 1_000_000, "{rootfs}");
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["ps", "-a", "--format", "json"]).stdout).unwrap();
    assert!(j[0]["Size"].is_null());
    // The template field, and the sort by image size (equal here: creation order stays).
    assert_eq!(e.hutch(&["ps", "-a", "-s", "--format", "{{.Names}} {{.Size}}", "-f", "name=big"]).stdout, format!("big {big}\n"));
    assert_eq!(names(&e, &["-a", "-s", "--sort", "size"]), ["small", "big"]);
    // {{.Size}} without --size: empty, and Podman's complaint.
    let o = e.hutch(&["ps", "-a", "--format", "{{.Names}}:{{.Size}}", "-f", "name=small"]);
    assert_eq!(o.ok().stdout, "small:\n");
    o.stderr_has("Size format requires --size option");
}

#[test]
fn ns_shows_the_namespaces_of_running_containers() {
    let e = Env::new("ps-ns");
    e.demo();
    e.hutch(&["create", "--name", "idle", "demo", "true"]).ok();
    e.hutch(&["run", "-d", "--name", "up", "demo", "sleep", "60"]).ok();
    let o = e.hutch(&["ps", "-a", "--ns"]);
    o.ok();
    let lines: Vec<&str> = o.stdout.lines().collect();
    let head: Vec<&str> = lines[0].split("  ").map(str::trim).filter(|s| !s.is_empty()).collect();
    assert_eq!(head, ["CONTAINER ID", "NAMES", "PID", "CGROUPNS", "IPC", "MNT", "NET", "PIDNS", "USERNS", "UTS"]);
    let idle: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(&idle[1..], ["idle", "0"], "not running: pid 0, no namespaces");
    let up: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(up[1], "up");
    let pid: i32 = up[2].parse().unwrap();
    assert!(pid > 0);
    let want: Vec<String> = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"]
        .iter()
        .map(|k| {
            let l = std::fs::read_link(format!("/proc/{pid}/ns/{k}")).unwrap().to_string_lossy().into_owned();
            l.trim_start_matches(&format!("{k}:[")).trim_end_matches(']').to_string()
        })
        .collect();
    assert_eq!(&up[3..], want.as_slice());
    let mine = std::fs::read_link("/proc/self/ns/user").unwrap().to_string_lossy().into_owned();
    assert_ne!(format!("user:[{}]", up[8]), mine, "the container's own user namespace");
    // --namespace is the same; the template fields and JSON's keys.
    assert_eq!(e.hutch(&["ps", "--namespace"]).stdout, e.hutch(&["ps", "--ns"]).stdout);
    let t = e.hutch(&["ps", "--ns", "--format", "{{.Pid}} {{.Namespaces.IPC}} {{.UTS}}"]);
    assert_eq!(t.ok().stdout, format!("{pid} {} {}\n", want[1], want[6]));
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["ps", "--ns", "--format", "json"]).stdout).unwrap();
    assert_eq!(j[0]["Namespaces"]["Ipc"], want[1].as_str());
    assert_eq!(j[0]["Namespaces"]["User"], want[5].as_str());
    e.hutch(&["rm", "-f", "-t", "0", "up"]).ok();
}

#[test]
fn pod_columns_and_the_default_table() {
    let e = Env::new("ps-pod");
    e.demo();
    e.hutch(&["create", "--name", "a", "demo", "echo", "hello"]).ok();
    let plain = e.hutch(&["ps", "-a"]);
    let lines: Vec<&str> = plain.ok().stdout.lines().collect();
    let head: Vec<&str> = lines[0].split("  ").map(str::trim).filter(|s| !s.is_empty()).collect();
    assert_eq!(head, ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]);
    // Podman's tabwriter: each column at least 12 wide, two spaces after its widest cell.
    let cells: Vec<&str> = lines[1].split("  ").map(str::trim).filter(|s| !s.is_empty()).collect();
    // CREATED is Podman's human duration; a loaded machine may cross a second between create and ps.
    assert!(["Less than a second ago", "1 second ago", "2 seconds ago"].contains(&cells[3]), "{}", lines[1]);
    assert_eq!([cells[1], cells[2], cells[4], cells[5]], ["localhost/demo:latest", "echo hello", "Created", "a"], "{}", lines[1]);
    assert_eq!(lines[0].find("STATUS"), lines[1].find("Created"), "{lines:?}");
    for flag in ["--pod", "-p"] {
        let o = e.hutch(&["ps", "-a", flag]);
        let lines: Vec<&str> = o.ok().stdout.lines().collect();
        assert!(lines[0].ends_with("  NAMES       POD ID      PODNAME"), "{}", lines[0]);
        assert!(lines[1].ends_with("  a"), "empty pod columns: {:?}", lines[1]);
    }
    assert_eq!(e.hutch(&["ps", "-a", "--noheading", "--pod"]).stdout.lines().count(), 1);
    assert_eq!(e.hutch(&["ps", "-a", "--format", "[{{.Pod}}][{{.PodName}}]"]).stdout, "[][]\n");
    assert_eq!(
        e.hutch(&["ps", "-a", "--format", "table {{.Names}}\t{{.PodName}}\t{{.Cgroup}}"]).stdout.lines().next().unwrap(),
        "NAMES       PODNAME     CGROUPNS"
    );
}

#[test]
fn watch_redraws_until_interrupted() {
    let e = Env::new("ps-watch");
    e.demo();
    e.hutch(&["create", "--name", "a", "demo", "true"]).ok();
    let child = e.cmd(&["ps", "-a", "-w", "1", "--format", "{{.Names}}"]).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGINT).unwrap();
    let out = child.wait_with_output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    let frames: Vec<&str> = s.split("\x1b[H\x1b[2J").collect();
    assert_eq!(frames[0], "", "each frame starts by clearing the screen: {s:?}");
    assert!(frames.len() >= 3, "redrawn every second: {s:?}");
    assert!(frames[1..].iter().all(|f| *f == "a\n"), "{s:?}");
}

/// `ps -a` with each container's name and state read from the listing's index, and the same
/// listing made again after the index is deleted (a scan of every record): the two must agree.
fn listing_with_and_without_index(e: &Env) -> (String, String) {
    let args = ["ps", "-a", "--format", "{{.Names}} {{.Exited}} {{.ExitCode}} {{.StartedAt}}"];
    let index = e.data().join("containers.index");
    // A listing writes the index unless a change is under way at that moment (a supervisor
    // recording an exit): then the next one does.
    assert!(common::wait_for(5, || {
        e.hutch(&args).ok();
        index.exists()
    }), "a listing leaves its index");
    let cached = e.hutch(&args).ok().stdout.clone();
    std::fs::remove_file(&index).unwrap();
    (cached, e.hutch(&args).ok().stdout.clone())
}

#[test]
fn the_listing_index_follows_every_change() {
    let e = Env::new("psindex");
    e.demo();
    e.hutch(&["create", "--name", "a", "demo", "true"]).ok();
    e.hutch(&["run", "-d", "--name", "b", "demo", "sleep", "100"]).ok();
    let (with, without) = listing_with_and_without_index(&e);
    assert_eq!(with, without);
    let brief = |l: &str| l.split(' ').take(3).collect::<Vec<_>>().join(" ");
    assert_eq!(with.lines().map(brief).collect::<Vec<_>>(), ["a false 0", "b false 0"]);
    // Each kind of change: a start, an exit, a rename, a removal.
    // (`start -a`, and `kill` then `wait`: an exit is recorded by the container's supervisor,
    // a change of its own that must not race the comparison.)
    let steps: [&[&[&str]]; 4] = [&[&["start", "-a", "a"]], &[&["kill", "b"], &["wait", "b"]], &[&["rename", "a", "a2"]], &[&["rm", "-f", "a2"]]];
    for step in steps {
        e.hutch(&["ps", "-a"]).ok();
        for command in step {
            e.hutch(command).ok();
        }
        let (with, without) = listing_with_and_without_index(&e);
        assert_eq!(with, without, "after {step:?}");
    }
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.split(" (").next(), Some("b Exited"));
    assert_eq!(listing_with_and_without_index(&e).0.lines().map(brief).collect::<Vec<_>>(), ["b true 137"]);

    // Listings racing with changes, then both views agree.
    let mut racing = e.shell("while :; do \"$0\" ps -a >/dev/null; done").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    for i in 0..8 {
        let n = format!("r{i}");
        e.hutch(&["create", "--name", &n, "demo", "true"]).ok();
        e.hutch(&["start", &n]).ok();
        if i % 2 == 0 {
            e.hutch(&["rm", "-f", &n]).ok();
        }
    }
    // The others end by themselves: their supervisors record the exits.
    assert!(common::wait_for(10, || !e.hutch(&["ps", "-a", "--format", "{{.State}}"]).stdout.contains("running")));
    let _ = racing.kill();
    let _ = racing.wait();
    let (with, without) = listing_with_and_without_index(&e);
    assert_eq!(with, without);
    assert_eq!(with.lines().count(), 5, "{with}");
}

#[test]
fn a_record_changed_by_a_supervisor_that_knows_no_index_is_read_again() {
    // An older hutch's supervisor (still running after an upgrade) records the exit without
    // deleting the index: the index says "running" while the container is gone.
    let e = Env::new("psstale");
    e.demo();
    let id = e.hutch(&["run", "-d", "--name", "old", "demo", "sleep", "100"]).ok().stdout.trim().to_string();
    assert!(e.hutch(&["ps", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.starts_with("old Up "));
    let index = e.data().join("containers.index");
    let stale = std::fs::read(&index).unwrap();
    let p = e.data().join("containers").join(&id).join("container.json");
    let rec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    let sup = rec["supervisor"]["pid"].as_i64().unwrap() as i32;
    // The supervisor goes (its container with it), and the record says what it would have.
    e.hutch(&["kill", "old"]).ok();
    e.hutch(&["wait", "old"]).ok();
    assert!(common::wait_for(5, || !std::path::Path::new(&format!("/proc/{sup}")).exists()));
    let mut rec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    rec["exit_code"] = 5.into();
    std::fs::write(&p, serde_json::to_vec(&rec).unwrap()).unwrap();
    std::fs::write(&index, stale).unwrap();
    let out = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.clone();
    assert!(out.starts_with("old Exited (5) "), "{out}");
}

#[test]
fn a_running_record_in_the_index_heals_when_its_supervisor_is_killed() {
    // The index kept in the store outlives what it describes (a killed supervisor here, a
    // reboot elsewhere): a record it says is running is checked, then read again from disk.
    let e = Env::new("psghost");
    e.demo();
    let id = e.hutch(&["run", "-d", "--name", "g", "demo", "sleep", "100"]).ok().stdout.trim().to_string();
    assert!(e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.starts_with("g Up "));
    let index = e.data().join("containers.index");
    assert!(std::fs::read_to_string(&index).unwrap().contains("\"status\":\"running\""), "the index holds the running record");
    let rec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(e.data().join("containers").join(&id).join("container.json")).unwrap()).unwrap();
    let (sup, pid) = (rec["supervisor"]["pid"].as_i64().unwrap() as i32, rec["pid"].as_i64().unwrap() as i32);
    // SIGKILL: the supervisor records nothing, and its container dies with it.
    unsafe { libc::kill(sup, libc::SIGKILL) };
    assert!(common::wait_for(5, || !std::path::Path::new(&format!("/proc/{pid}")).exists()));
    assert!(index.exists(), "nothing changed the index meanwhile");
    let out = e.hutch(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.clone();
    assert!(out.starts_with("g Exited (137) "), "{out}");
    e.hutch(&["start", "g"]).ok();
    assert!(e.hutch(&["ps", "--format", "{{.Names}} {{.Status}}"]).ok().stdout.starts_with("g Up "));
    e.hutch(&["rm", "-f", "-t", "0", "g"]).ok();
}
