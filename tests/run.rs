//! `hutch run` end to end, as the unprivileged user running the tests.

mod common;
use common::*;

#[test]
fn runs_a_command_and_leaves_nothing_with_rm() {
    let e = Env::new("hello");
    e.demo();
    let o = e.hutch(&["run", "--rm", "demo", "echo", "hello"]);
    o.ok();
    assert_eq!(o.stdout, "hello\n");
    let ps = e.hutch(&["ps", "-a", "-q"]);
    assert_eq!(ps.ok().stdout, "");
    let containers = std::fs::read_dir(e.data().join("containers")).unwrap().count();
    assert_eq!(containers, 0, "--rm left a container directory");
}

#[test]
fn maps_the_caller_to_root_and_the_subuid_range_after_it() {
    let e = Env::new("uidmap");
    e.demo();
    let o = e.sh("cat /proc/self/uid_map; id -u");
    o.ok();
    let lines: Vec<Vec<String>> = o.stdout.lines().map(|l| l.split_whitespace().map(String::from).collect()).collect();
    assert_eq!(lines[0], ["0", &uid().to_string(), "1"]);
    if let Some((start, count)) = subuid_range() {
        assert_eq!(lines[1], ["1", &start.to_string(), &count.to_string()]);
    }
    assert_eq!(lines.last().unwrap(), &["0"]);
}

#[test]
fn exit_codes_follow_podman() {
    let e = Env::new("exit");
    e.demo();
    e.sh("exit 3").code(3);
    e.hutch(&["run", "--rm", "demo", "nosuchcommand"]).code(127).stderr_has("executable file `nosuchcommand` not found in $PATH");
    e.hutch(&["run", "--rm", "demo", "/no/such/file"]).code(127).stderr_has("/no/such/file");
    e.hutch(&["run", "--rm", "demo", "/etc/passwd"]).code(126).stderr_has("permission denied");
    // A signal that ends the command gives 128+N (the init forwards and reports it).
    e.hutch(&["run", "--rm", "--init", "demo", "sh", "-c", "kill -TERM $$; sleep 5"]).code(143);
    // After the image, everything is the command, flags included (as in Podman).
    e.hutch(&["run", "--rm", "demo", "--not-a-flag"]).code(127).stderr_has("`--not-a-flag` not found");
}

#[test]
fn podman_default_capabilities_for_root_and_none_for_users() {
    let e = Env::new("caps");
    e.demo();
    let o = e.sh("grep -E '^Cap(Eff|Bnd|Prm)' /proc/self/status");
    o.ok().stdout_has("CapEff:\t00000000800405fb").stdout_has("CapBnd:\t00000000800405fb");
    let grep = e.hutch(&["run", "--rm", "-u", "tester", "demo", "grep", "^Cap", "/proc/self/status"]);
    if subuid_range().is_some() {
        grep.ok().stdout_has("CapEff:\t0000000000000000").stdout_has("CapBnd:\t00000000800405fb");
    }
}

#[test]
fn namespaces_isolate_pid_hostname_and_network() {
    let e = Env::new("ns");
    e.demo();
    let o = e.hutch(&["run", "--name", "nsbox", "--network", "none", "demo", "sh", "-c", "echo pid=$$; hostname; cat /proc/net/dev | grep -c :"]);
    o.ok();
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines[0], "pid=1");
    let id = e.hutch(&["ps", "-a", "-q"]).stdout.trim().to_string();
    assert_eq!(lines[1], id, "hostname is the short id");
    assert_eq!(lines[2], "1", "--network none has only lo");
    e.hutch(&["run", "--rm", "--hostname", "box.example", "demo", "hostname"]).ok().stdout_has("box.example");
    e.hutch(&["run", "--rm", "--hostname", "bad name", "demo", "true"]).code(125).stderr_has("invalid hostname");
    let host_ifaces = std::fs::read_to_string("/proc/net/dev").unwrap().lines().filter(|l| l.contains(':')).count();
    let o = e.hutch(&["run", "--rm", "--network", "host", "demo", "sh", "-c", "grep -c : /proc/net/dev"]);
    assert_eq!(o.ok().stdout.trim(), host_ifaces.to_string());
    // The default is slirp4netns: lo and its tap0.
    let o = e.hutch(&["run", "--rm", "demo", "sh", "-c", "grep : /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '"]);
    assert_eq!(o.ok().stdout, "lo tap0 ");
    e.hutch(&["run", "--rm", "--network", "mars", "demo", "true"]).code(125).stderr_has("--network mars: no such network mode");
}

#[test]
fn every_namespace_is_new() {
    let e = Env::new("nsids");
    e.demo();
    let kinds = ["user", "mnt", "pid", "uts", "ipc", "cgroup", "net"];
    let script: String = kinds.iter().map(|k| format!("readlink /proc/self/ns/{k}; ")).collect();
    let o = e.sh(&script);
    let inside: Vec<&str> = o.ok().stdout.lines().collect();
    for (k, got) in kinds.iter().zip(inside) {
        let host = std::fs::read_link(format!("/proc/self/ns/{k}")).unwrap();
        assert_ne!(host.to_string_lossy(), got, "{k} namespace is shared with the host");
    }
}

#[test]
fn proc_and_sys_are_confined() {
    let e = Env::new("confine");
    e.demo();
    let o = e.sh(
        "echo 1 > /proc/sys/kernel/domainname && echo sys-writable; \
         touch /sys/x 2>/dev/null && echo sysfs-writable; \
         cat /proc/keys | wc -c; ls /sys/firmware | wc -l; \
         mount | grep -c ' /proc/sys type proc (ro'; \
         mount | grep -E ' /etc/(hosts|hostname|resolv.conf) ' | wc -l; \
         test -f /run/.containerenv && echo containerenv $(wc -c < /run/.containerenv); \
         echo TERM=$TERM",
    );
    o.ok();
    assert!(!o.stdout.contains("writable"), "{}", o.stdout);
    let lines: Vec<&str> = o.stdout.lines().map(str::trim).collect();
    // /run/.containerenv is there and empty (Podman fills it for --privileged only); TERM is
    // Podman's default without a terminal too.
    assert_eq!(lines, ["0", "0", "1", "3", "containerenv 0", "TERM=xterm"], "{}", o.stdout);
    // The bind-mounted files were never written into the image's layer.
    let layers = e.data().join("layers");
    for l in std::fs::read_dir(layers).unwrap() {
        assert!(!l.unwrap().path().join("diff/etc/hosts").exists());
    }
}

#[test]
fn environment_workdir_user_and_entrypoint() {
    let e = Env::new("env");
    e.demo();
    let envfile = e.dir.join("env.list");
    std::fs::write(&envfile, "# a comment\nFROM_FILE=yes\nOVER=file\n").unwrap();
    let o = e.cmd(&["run", "--rm", "-e", "A=1", "-e", "OVER=flag", "-e", "FROM_HOST", "--env-file", envfile.to_str().unwrap(), "demo", "env"])
        .env("FROM_HOST", "hostvalue")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    for want in ["A=1", "OVER=flag", "FROM_FILE=yes", "FROM_HOST=hostvalue", "container=podman", "HOME=/root", "PATH=/usr/local/sbin"] {
        assert!(out.contains(want), "missing {want} in\n{out}");
    }
    e.hutch(&["run", "--rm", "-w", "/new/dir", "demo", "pwd"]).ok().stdout_has("/new/dir");
    e.hutch(&["run", "--rm", "-w", "relative", "demo", "pwd"]).code(125).stderr_has("absolute");
    e.hutch(&["run", "--rm", "--env-file", "/no/such/file", "demo", "true"]).code(125).stderr_has("/no/such/file");
    e.hutch(&["run", "--rm", "-e", "=x", "demo", "true"]).code(125).stderr_has("invalid environment variable");
    e.hutch(&["run", "--rm", "-u", "ghost", "demo", "true"]).code(125).stderr_has("unable to find user ghost");
    e.hutch(&["run", "--rm", "-u", "tester:nogroup-x", "demo", "true"]).code(125).stderr_has("unable to find group");
    if subuid_range().is_some() {
        let o = e.hutch(&["run", "--rm", "-u", "tester", "demo", "sh", "-c", "id; echo $HOME"]);
        o.ok().stdout_has("uid=1000(tester) gid=1000(tester) groups=10(wheel)").stdout_has("/home/tester");
        e.hutch(&["run", "--rm", "-u", "1000:10", "demo", "id"]).ok().stdout_has("uid=1000(tester) gid=10(wheel)");
    }
    e.hutch(&["run", "--rm", "--entrypoint", "echo", "demo", "via", "entrypoint"]).ok().stdout_has("via entrypoint");
    e.hutch(&["run", "--rm", "--entrypoint", "[\"sh\",\"-c\",\"echo json\"]", "demo"]).ok().stdout_has("json");
    // With no command, the image's CMD (sh) runs and reads stdin (/dev/null without -i).
    e.hutch(&["run", "--rm", "demo"]).ok();
}

#[test]
fn read_only_root_keeps_tmp_writable() {
    let e = Env::new("ro");
    e.demo();
    let o = e.hutch(&["run", "--rm", "--read-only", "demo", "sh", "-c", "touch /x 2>&1; touch /tmp/y && echo tmp-ok"]);
    o.ok().stdout_has("Read-only file system").stdout_has("tmp-ok");
}

#[test]
fn init_is_pid_one_and_reaps_zombies() {
    let e = Env::new("init");
    e.demo();
    let o = e.hutch(&["run", "--rm", "--init", "demo", "sh", "-c", "cat /proc/1/comm; (sleep 0.1 &) ; sleep 0.5; cat /proc/[0-9]*/stat 2>/dev/null | grep -c ') Z '"]);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines[0], "init");
    assert_eq!(lines.last().map(|s| s.trim()), Some("0"), "a zombie was left: {}", o.stdout);
}

#[test]
fn interactive_stdin_and_closed_stdin() {
    let e = Env::new("stdin");
    e.demo();
    let o = e.hutch_stdin(&["run", "--rm", "-i", "demo", "cat"], b"piped data\n");
    assert_eq!(o.ok().stdout, "piped data\n");
    let o = e.hutch_stdin(&["run", "--rm", "demo", "cat"], b"should not arrive\n");
    assert_eq!(o.ok().stdout, "");
}

fn script_available() -> bool {
    std::path::Path::new("/usr/bin/script").exists()
}

#[test]
fn tty_gives_a_terminal_and_restores_the_callers() {
    if !script_available() {
        return skip("/usr/bin/script (bsdutils) is missing");
    }
    let e = Env::new("tty");
    e.demo();
    let bin = bin();
    // `script` gives hutch a terminal; stty -g before and after must match.
    let inner = format!(
        "stty -g > {d}/before; {b} run --rm -it demo sh -c 'tty; stty size; echo rows'; stty -g > {d}/after",
        d = e.dir.display(),
        b = bin.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &inner, "/dev/null"])
        .env("HOME", &e.home)
        .env("XDG_DATA_HOME", e.home.join(".local/share"))
        .env("XDG_RUNTIME_DIR", &e.run)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/dev/pts/0"), "no terminal in the container:\n{text}");
    assert!(text.contains("rows"), "{text}");
    let before = std::fs::read_to_string(e.dir.join("before")).unwrap();
    let after = std::fs::read_to_string(e.dir.join("after")).unwrap();
    assert_eq!(before, after, "the caller's terminal was not restored");
}

#[test]
fn signals_reach_the_container() {
    let e = Env::new("signal");
    e.demo();
    let mut child = e.cmd(&["run", "--rm", "--init", "--name", "sig", "demo", "sleep", "60"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.trim().len() == 12), "container never showed as running");
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
}

#[test]
fn names_are_unique_and_ps_rm_manage_stopped_containers() {
    let e = Env::new("names");
    e.demo();
    e.hutch(&["run", "--name", "web", "demo", "true"]).ok();
    e.hutch(&["run", "--name", "web", "demo", "true"]).code(125).stderr_has("the container name \"web\" is already in use");
    e.hutch(&["run", "--name", "bad/name", "demo", "true"]).code(125).stderr_has("invalid container name");
    let ps = e.hutch(&["ps", "-a"]);
    let lines: Vec<&str> = ps.ok().stdout.lines().collect();
    assert!(lines[0].starts_with("CONTAINER ID  IMAGE"), "{}", lines[0]);
    assert!(lines[0].contains("COMMAND") && lines[0].contains("STATUS") && lines[0].ends_with("NAMES"));
    assert!(lines[1].contains("localhost/demo:latest") && lines[1].contains("Exited (0)") && lines[1].ends_with("web"), "{}", lines[1]);
    assert_eq!(e.hutch(&["ps"]).stdout.lines().count(), 1, "ps without -a lists only running ones");
    e.hutch(&["rm", "web"]).ok().stdout_has("web");
    e.hutch(&["rm", "web"]).code(1).stderr_has("no container with name or ID \"web\" found");
    e.hutch(&["rm", "--ignore", "web"]).ok();
    e.hutch(&["rm"]).code(125).stderr_has("at least one container");
}

#[test]
fn a_running_container_needs_force_to_remove() {
    let e = Env::new("rmf");
    e.demo();
    let mut child = e.cmd(&["run", "--name", "busy", "demo", "sleep", "60"])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null())
        .spawn().unwrap();
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.trim().len() == 12));
    e.hutch(&["rm", "busy"]).code(2).stderr_has("cannot remove container");
    e.hutch(&["rm", "-f", "-t", "1", "busy"]).ok();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(137), "the foreground run reports the SIGKILL");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "");
}

#[test]
fn a_killed_hutch_takes_its_container_along_and_loses_no_state() {
    let e = Env::new("killed");
    e.demo();
    let mut child = e.cmd(&["run", "--name", "victim", "demo", "sleep", "60"])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null())
        .spawn().unwrap();
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.trim().len() == 12));
    child.kill().unwrap();
    child.wait().unwrap();
    // The container dies with its parent, and the record is still readable.
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.is_empty()), "container outlived hutch");
    e.hutch(&["ps", "-a"]).ok().stdout_has("victim").stdout_has("Exited");
    e.hutch(&["rm", "victim"]).ok();
}

#[test]
fn rootfs_directory_read_only_to_the_caller_is_left_untouched() {
    let e = Env::new("rootfs");
    let dir = e.dir.join("rootfs");
    std::fs::create_dir(&dir).unwrap();
    let status = std::process::Command::new("tar").args(["-xf", busybox_tar().to_str().unwrap(), "-C", dir.to_str().unwrap(), "--no-same-owner"]).status().unwrap();
    assert!(status.success());
    let before: Vec<_> = list_tree(&dir);
    make_read_only(&dir, true);
    let o = e.hutch(&["run", "--rm", "--rootfs", dir.to_str().unwrap(), "sh", "-c", "echo hi > /written && cat /written && cat /etc/hostname"]);
    make_read_only(&dir, false);
    o.ok().stdout_has("hi");
    assert_eq!(before, list_tree(&dir), "the --rootfs directory was written to");
    // A writable --rootfs is used in place, as in Podman.
    let o = e.hutch(&["run", "--rm", "--rootfs", dir.to_str().unwrap(), "sh", "-c", "echo kept > /kept"]);
    o.ok();
    assert_eq!(std::fs::read_to_string(dir.join("kept")).unwrap(), "kept\n");
    e.hutch(&["run", "--rm", "--rootfs", "/no/such/dir", "true"]).code(125).stderr_has("--rootfs /no/such/dir");
}

fn list_tree(d: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("find").arg(d).output().unwrap();
    let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(String::from).collect();
    v.sort();
    v
}

fn make_read_only(d: &std::path::Path, ro: bool) {
    let mode = if ro { "a-w" } else { "u+w" };
    std::process::Command::new("chmod").args(["-R", mode, d.to_str().unwrap()]).status().unwrap();
}

#[test]
fn unknown_images_and_malformed_references_are_refused() {
    let e = Env::new("badref");
    e.hutch(&["run", "--rm", "--pull=never", "nothere", "true"]).code(125).stderr_has("nothere: image not known");
    e.hutch(&["run", "--rm", "nothere", "true"]).code(125).stderr_has("short-name \"nothere\" did not resolve");
    e.hutch(&["run", "--rm", "Bad:Ref", "true"]).code(125).stderr_has("must be lowercase");
    e.hutch(&["run", "--rm", "demo@sha256:12", "true"]).code(125).stderr_has("64 lowercase hex");
    e.hutch(&["run", "--rm", "-p", "a:b:c:d", "demo"]).code(125).stderr_has("-p a:b:c:d: use [IP:][HOSTPORT:]CONTAINERPORT[/PROTOCOL]");
}

#[test]
fn export_writes_the_containers_filesystem_with_its_changes() {
    let e = Env::new("export");
    e.demo();
    e.hutch(&["run", "--name", "ex", "demo", "sh", "-c", "echo new > /newfile; rm /bin/ls; mkdir /d && touch /d/x && ln /d/x /d/y"]).ok();
    let out = e.dir.join("ex.tar");
    e.hutch(&["export", "-o", out.to_str().unwrap(), "ex"]).ok();
    let mut a = tar::Archive::new(std::fs::File::open(&out).unwrap());
    let mut names = std::collections::HashMap::new();
    for entry in a.entries().unwrap() {
        let entry = entry.unwrap();
        let h = entry.header();
        names.insert(entry.path().unwrap().to_string_lossy().trim_end_matches('/').to_string(), (h.entry_type(), h.uid().unwrap()));
    }
    assert!(names.contains_key("newfile"));
    assert!(names.contains_key("bin/busybox"));
    assert!(!names.contains_key("bin/ls"), "a deleted file came back");
    assert_eq!(names["d/y"].0, tar::EntryType::Link);
    if subuid_range().is_some() {
        assert_eq!(names["home/tester"].1, 1000, "owners are the container's ids");
    }
    e.hutch(&["export", "nothere"]).code(125).stderr_has("no container with name");
    // The export can be imported again as an image.
    e.hutch(&["import", "-q", out.to_str().unwrap(), "exported"]).ok();
    e.hutch(&["run", "--rm", "exported", "cat", "/newfile"]).ok().stdout_has("new");
}

#[test]
fn an_option_given_twice_takes_its_last_value() {
    let e = Env::new("override");
    e.demo();
    e.hutch(&["create", "--name", "first", "--name", "second", "--hostname", "a", "-h", "b", "demo"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).ok().stdout, "second\n");
    assert_eq!(e.hutch(&["inspect", "--format", "{{.Config.Hostname}}", "second"]).ok().stdout, "b\n");
}

#[test]
fn smaller_run_options_do_what_podman_says() {
    let e = Env::new("extras");
    e.demo();
    let run = |args: &[&str], script: &str| -> String {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["demo", "sh", "-c", script]);
        e.hutch(&a).ok().stdout.clone()
    };
    assert_eq!(run(&["--umask", "0077"], "umask; touch /tmp/f; stat -c %a /tmp/f"), "0077\n600\n");
    assert_eq!(run(&["--personality", "LINUX32"], "uname -m"), "i686\n");
    if std::path::Path::new("/usr/share/zoneinfo/Europe/Paris").exists() {
        assert_eq!(run(&["--tz", "Europe/Paris"], "date -d @0 +%H%Z"), "01CET\n");
    } else {
        skip("tzdata is not installed (/usr/share/zoneinfo)");
    }
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    assert_eq!(run(&["--uts", "host"], "hostname"), host);
    let ipc = std::fs::read_link("/proc/self/ns/ipc").unwrap().display().to_string();
    assert_eq!(run(&["--ipc", "host"], "readlink /proc/self/ns/ipc"), format!("{ipc}\n"));
    assert_ne!(run(&[], "readlink /proc/self/ns/ipc"), format!("{ipc}\n"));
    let o = Out::from(e.cmd(&["run", "--rm", "--env-host", "demo", "sh", "-c", "echo $HUTCH_FROM_HOST"]).env("HUTCH_FROM_HOST", "yes").stdin(std::process::Stdio::null()).output().unwrap());
    assert_eq!(o.ok().stdout, "yes\n");
    assert_eq!(run(&["--unsetenv", "TERM", "--unsetenv", "container", "-e", "A=1"], "env | sort | cut -d= -f1 | tr '\\n' ' '"), "A HOME HOSTNAME PATH PWD SHLVL ");
    assert_eq!(e.hutch(&["run", "--rm", "--unsetenv-all", "demo", "/bin/env"]).ok().stdout.lines().map(|l| l.split('=').next().unwrap().to_string()).collect::<Vec<_>>(), ["HOSTNAME"]);
    assert_eq!(run(&["--read-only", "--read-only-tmpfs=false"], "touch /tmp/x 2>/dev/null; echo rc=$?"), "rc=1\n");
    assert_eq!(run(&["--read-only"], "touch /tmp/x; echo rc=$?"), "rc=0\n");
    assert_eq!(run(&["--disable-content-trust"], "echo ok"), "ok\n");
    assert_eq!(run(&["--env-merge", "PATH=${PATH}:/extra"], "echo $PATH"), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/extra\n");
    for (args, want) in [
        (vec!["--umask", "999"], "Error: invalid umask string 999: use an octal value such as 0022\n"),
        (vec!["--personality", "PDP11"], "Error: invalid personality \"PDP11\": use LINUX or LINUX32\n"),
        (vec!["--tz", "Mars/Base"], "Error: finding timezone \"Mars/Base\": no such zone in /usr/share/zoneinfo (Debian's tzdata package)\n"),
        (vec!["--os", "windows"], "Error: --os windows: this host runs linux images only\n"),
        (vec!["--pid", "host"], "Error: --pid host: not supported by hutch yet (a container always has its own PID namespace)\n"),
        (vec!["--uts", "container:x"], "Error: --uts container:x: not supported by hutch (use private or host)\n"),
    ] {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(&args);
        a.extend_from_slice(&["demo", "true"]);
        assert_eq!(e.hutch(&a).code(125).stderr, want, "{args:?}");
    }
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
}

#[test]
fn requires_starts_the_others_first_and_keeps_them() {
    let e = Env::new("requires");
    e.demo();
    e.hutch(&["create", "--name", "db", "demo", "sleep", "100"]).ok();
    e.hutch(&["run", "-d", "--name", "app", "--requires", "db", "demo", "sleep", "100"]).ok();
    assert_eq!(e.hutch(&["ps", "--format", "{{.Names}}"]).ok().stdout, "db\napp\n");
    let db = e.hutch(&["inspect", "--format", "{{.Id}}", "db"]).ok().stdout.trim().to_string();
    let app = e.hutch(&["inspect", "--format", "{{.Id}}", "app"]).ok().stdout.trim().to_string();
    let o = e.hutch(&["rm", "-f", "db"]);
    assert_eq!(o.code(125).stderr, format!("Error: container {db} has dependent containers which must be removed before it: {app}: container already exists\n"));
    e.hutch(&["rm", "-f", "-t", "0", "--depend", "db"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
    let o = e.hutch(&["create", "--requires", "nosuch", "demo"]);
    assert_eq!(o.code(125).stderr, "Error: no container with name or ID \"nosuch\" found: no such container\n");
}

#[test]
fn rmi_removes_the_image_after_the_container() {
    let e = Env::new("rmi");
    e.demo();
    e.hutch(&["tag", "demo", "throwaway:1"]).ok();
    e.hutch(&["run", "--rmi", "throwaway:1", "true"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "", "--rmi implies --rm");
    assert_eq!(e.hutch(&["images", "--format", "{{.Repository}}:{{.Tag}}"]).ok().stdout, "localhost/demo:latest\n");
    // An image another container uses stays.
    e.hutch(&["create", "--name", "keeper", "demo", "true"]).ok();
    e.hutch(&["run", "--rmi", "demo", "true"]).ok();
    assert_eq!(e.hutch(&["images", "--format", "{{.Repository}}"]).ok().stdout, "localhost/demo\n");
}

#[test]
fn volumes_from_shares_another_containers_mounts() {
    let e = Env::new("volumes-from");
    e.demo();
    let dir = e.dir.join("shared");
    std::fs::create_dir(&dir).unwrap();
    let bind = format!("{}:/host", dir.display());
    e.hutch(&["run", "--name", "data", "-v", "data-vol:/data", "-v", &bind, "demo", "sh", "-c", "echo in-volume > /data/f"]).ok();
    std::fs::write(dir.join("g"), "in-bind\n").unwrap();
    assert_eq!(e.hutch(&["run", "--rm", "--volumes-from", "data", "demo", "sh", "-c", "cat /data/f /host/g"]).ok().stdout, "in-volume\nin-bind\n");
    // :ro makes them read-only here; our own -v wins on the same destination.
    let o = e.hutch(&["run", "--rm", "--volumes-from", "data:ro", "demo", "sh", "-c", "touch /data/x 2>/dev/null || echo read-only"]);
    assert_eq!(o.ok().stdout, "read-only\n");
    assert_eq!(e.hutch(&["run", "--rm", "--volumes-from", "data", "-v", "other-vol:/data", "demo", "ls", "/data"]).ok().stdout, "");
    // While a container uses the volume through --volumes-from, it cannot be removed.
    e.hutch(&["create", "--name", "user", "--volumes-from", "data", "demo"]).ok();
    e.hutch(&["rm", "data"]).ok();
    assert!(e.hutch(&["volume", "rm", "data-vol"]).code(2).stderr.contains("volume is being used"), "volume rm while used");
    let o = e.hutch(&["run", "--rm", "--volumes-from", "data:sideways", "demo", "true"]);
    assert_eq!(o.code(125).stderr, "Error: invalid options \"sideways\" for --volumes-from data: use ro, rw or z\n");
}

#[test]
fn passwd_entries_for_users_the_image_lacks() {
    let e = Env::new("passwd");
    e.demo();
    let run = |args: &[&str], script: &str| -> Out {
        let mut a = vec!["run", "--rm"];
        a.extend_from_slice(args);
        a.extend_from_slice(&["demo", "sh", "-c", script]);
        e.hutch(&a)
    };
    assert_eq!(run(&["-u", "1234", "-w", "/tmp"], "grep ^1234: /etc/passwd; whoami").ok().stdout, "1234:*:1234:0:container user:/tmp:/bin/sh\n1234\n");
    assert_eq!(run(&["-u", "1234", "--passwd=false"], "grep -c ^1234: /etc/passwd").stdout, "0\n");
    assert_eq!(run(&["-u", "1234:5", "--passwd-entry", "$USERNAME:x:$UID:$GID:$NAME:$HOME:/bin/false"], "grep ^1234: /etc/passwd").ok().stdout, "1234:x:1234:5:container user:/:/bin/false\n");
    // An image user keeps its own entry.
    assert_eq!(run(&["-u", "1000"], "grep -c :1000: /etc/passwd").ok().stdout, "1\n");
    let me = std::fs::read_to_string("/etc/passwd").unwrap().lines().find(|l| l.split(':').nth(2) == Some(&uid().to_string())).unwrap().to_string();
    let name = me.split(':').next().unwrap().to_string();
    let got = run(&["--hostuser", &name], &format!("grep ^{name}: /etc/passwd")).ok().stdout.clone();
    assert_eq!(got.split(':').nth(2), me.split(':').nth(2));
    let o = e.hutch(&["run", "--rm", "--hostuser", "no-such-user-here", "demo", "true"]);
    assert_eq!(o.code(125).stderr, "Error: --hostuser no-such-user-here: no such user on the host\n");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout, "");
}

#[test]
fn signals_the_caller_ignored_are_the_commands_own_again() {
    use std::os::unix::process::CommandExt;
    let e = Env::new("sigdfl");
    e.demo();
    // The caller ignores SIGTERM, SIGRTMIN and SIGRTMAX (as nohup or a careless parent would):
    // the container's command starts with every signal at its default, as under Podman.
    let mut c = e.cmd(&["run", "--rm", "demo", "sh", "-c", "grep SigIgn /proc/self/status"]);
    // SAFETY: only signal(2) between fork and exec.
    unsafe {
        c.pre_exec(|| {
            for sig in [libc::SIGTERM, libc::SIGRTMIN(), libc::SIGRTMAX()] {
                libc::signal(sig, libc::SIG_IGN);
            }
            Ok(())
        });
    }
    let o = Out::from(c.output().unwrap());
    o.ok();
    let mask = u64::from_str_radix(o.stdout.trim().trim_start_matches("SigIgn:").trim(), 16).unwrap();
    for sig in [libc::SIGTERM, libc::SIGRTMIN(), libc::SIGRTMAX()] {
        assert_eq!(mask & (1u64 << (sig - 1)), 0, "signal {sig} is still ignored: {}", o.stdout);
    }
}
