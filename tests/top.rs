//! `top` and `stats` end to end, as the unprivileged user: psgo's descriptors over the
//! container's processes, the ps(1) fallback, Podman's errors; stats rows, templates, JSON,
//! streaming.

mod common;
use common::*;

/// Columns of Podman's tables: cells are separated by two spaces or more.
fn cells(line: &str) -> Vec<String> {
    line.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect()
}

/// The host's name for a uid, from /etc/passwd (as `huser` shows it), else the number.
fn host_user(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.len() > 2 && f[2] == uid.to_string()).then(|| f[0].to_string())
        })
        .unwrap_or_else(|| uid.to_string())
}

#[test]
fn top_shows_the_container_processes() {
    let e = Env::new("top");
    e.demo();
    e.hutch(&["run", "-d", "--name", "t", "demo", "sleep", "107"]).ok();

    // The default descriptors: `ps -ef` alike, in Podman's 12-wide columns.
    let o = e.hutch(&["top", "t"]);
    let lines: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.stdout);
    assert_eq!(cells(lines[0]), ["USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"]);
    assert!(lines[0].starts_with("USER        PID         PPID        %CPU        ELAPSED"), "{}", lines[0]);
    let row = cells(lines[1]);
    assert_eq!(row.len(), 8, "{}", lines[1]);
    assert_eq!(row[..4], ["root", "1", "0", "0.000"]);
    assert!(row[4].ends_with('s'), "ELAPSED is a Go duration: {}", row[4]);
    assert_eq!(row[5..], ["?", "0s", "sleep 107"]);
    // psgo joins /proc/PID/cmdline at its NULs: the trailing one leaves a space.
    assert!(lines[1].ends_with("sleep 107 "), "{:?}", lines[1]);

    // Chosen descriptors (also comma-separated, also AIX codes): exact lines.
    let o = e.hutch(&["top", "t", "pid,ppid", "user", "%a"]);
    assert_eq!(o.ok().stdout, "PID         PPID        USER        COMMAND\n1           0           root        sleep 107 \n");
    assert_eq!(e.hutch(&["container", "top", "t", "pid", "comm", "state", "nice", "pgid", "tty"]).ok().stdout,
        "PID         COMMAND     STATE       NI          PGID        TTY\n1           sleep       S           0           1           ?\n");
    // Container descriptors: the seccomp filter, the container's capabilities.
    let caps = "CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,NET_BIND_SERVICE,SETFCAP,SETGID,SETPCAP,SETUID,SYS_CHROOT";
    let w = caps.len() + 2;
    assert_eq!(e.hutch(&["top", "t", "seccomp", "capeff", "capamb"]).ok().stdout,
        format!("SECCOMP     {:<w$}AMBIENT CAPS\nfilter      {caps:<w$}none\n", "EFFECTIVE CAPS"));
    // Host descriptors: the host's pid of the process, and who it runs as there.
    let o = e.hutch(&["top", "t", "hpid", "huser"]);
    let row = cells(o.ok().stdout.lines().nth(1).unwrap());
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", row[0])).unwrap();
    assert_eq!(cmdline, b"sleep\0107\0", "HPID {} is the container's sleep", row[0]);
    assert_eq!(row[1], host_user(uid()));

    // An unknown descriptor: ps(1) runs in the container; its own line is left out.
    let o = e.hutch(&["top", "t", "-o", "pid,args"]);
    assert_eq!(o.ok().stdout, "PID   COMMAND\n    1 sleep 107\n");
    e.hutch(&["top", "t", "-x"]).code(125).stderr_has("Error: executing ps(1) in the container: runtime failed with exit status: 1 and output: ps: invalid option");

    // A second process (exec'd), listed by its PID in the container.
    e.hutch(&["exec", "-d", "t", "sleep", "108"]).ok();
    let o = e.hutch(&["top", "-l", "pid", "args"]);
    let lines: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", o.stdout);
    assert_eq!(lines[1], "1           sleep 107 ");
    let second = cells(lines[2]);
    assert_eq!(second[1], "sleep 108");
    assert!(second[0].parse::<u32>().unwrap() > 1);

    // A process running as another user: names from the container's /etc/passwd and
    // /etc/group, the host's id for it from the mapping.
    if let Some((start, _)) = subuid_range() {
        e.hutch(&["run", "-d", "-u", "tester", "--name", "u", "demo", "sleep", "110"]).ok();
        let o = e.hutch(&["top", "u", "user", "group", "pid", "huser", "capeff"]);
        let row = cells(o.ok().stdout.lines().nth(1).unwrap());
        assert_eq!(row, ["tester", "tester", "1", &host_user(start + 999), "none"]);
    }

    // Podman's errors.
    e.hutch(&["top"]).code(125).stderr_has("Error: you must provide the name or id of a running container");
    e.hutch(&["top", "nosuch"]).code(125)
        .stderr_has("Error: unable to look up requested container: no container with name or ID \"nosuch\" found: no such container");
    e.hutch(&["stop", "-t", "0", "t"]).ok();
    e.hutch(&["top", "t"]).code(125).stderr_has("Error: top can only be used on running containers");
    e.hutch(&["rm", "-f", "-t", "0", "u"]).ok();
}

#[test]
fn top_lists_its_descriptors() {
    let e = Env::new("topdesc");
    let o = e.hutch(&["top", "--list-descriptors"]);
    let list: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(list.len(), 30);
    assert_eq!(list[..4], ["args", "capamb", "capbnd", "capeff"]);
    assert!(list.contains(&"hpid") && list.contains(&"stime"));
}

#[test]
fn stats_reports_running_and_stopped_containers() {
    let e = Env::new("stats");
    e.demo();
    let id = e.hutch(&["run", "-d", "--network", "none", "--name", "s", "demo", "sleep", "109"]).ok().stdout.trim().to_string();
    let created = e.hutch(&["create", "--name", "c", "demo", "true"]).ok().stdout.trim().to_string();

    // One sample; every container (those not running with zeros), by id, as Podman 4.3.1.
    let o = e.hutch(&["stats", "--no-stream"]);
    o.ok().stderr_has("from /proc");
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", o.stdout);
    assert_eq!(cells(lines[0]), ["ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET IO", "BLOCK IO", "PIDS", "CPU TIME", "AVG CPU %"]);
    let rows: Vec<Vec<String>> = lines[1..].iter().map(|l| cells(l)).collect();
    let row = rows.iter().find(|r| r[1] == "s").expect("a row for s");
    assert_eq!(row[0], id[..12]);
    assert!(row[2].ends_with('%'), "{row:?}");
    let mem: Vec<&str> = row[3].split(" / ").collect();
    assert!(mem[0].ends_with("kB") || mem[0].ends_with("MB"), "resident memory: {row:?}");
    assert!(mem[1].ends_with("GB") || mem[1].ends_with("MB"), "the machine's memory: {row:?}");
    assert_eq!(row[5], "0B / 0B", "--network none: only lo, which is not counted");
    assert_eq!(row[7], "1");
    let stopped = rows.iter().find(|r| r[1] == "c").expect("a row for the created container");
    assert_eq!(stopped[..], [&created[..12], "c", "0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0", "0s", "0.00%"]);
    assert!(rows[0][0] < rows[1][0], "sorted by id: {rows:?}");

    // Templates: `table` gives Podman's headings; the limit is the machine's memory.
    let o = e.hutch(&["stats", "--no-stream", "--format", "table {{.Name}} {{.PIDS}} {{.PIDs}}", "s"]);
    assert_eq!(o.ok().stdout, "NAME        PIDS        PI DS\ns           1           1\n");
    let total_kib: u64 = std::fs::read_to_string("/proc/meminfo").unwrap().lines()
        .find_map(|l| l.strip_prefix("MemTotal:")).unwrap().trim().trim_end_matches("kB").trim().parse().unwrap();
    let o = e.hutch(&["container", "stats", "--no-stream", "--no-trunc", "--format", "{{.ID}} {{.MemLimit}}", "s"]);
    assert_eq!(o.ok().stdout, format!("{id} {}\n", total_kib * 1024));
    e.hutch(&["stats", "--no-stream", "--format", "{{.Name}}", "-l"]).ok().stdout_has("c\n");

    // JSON with Podman's keys.
    let o = e.hutch(&["stats", "--no-stream", "--format", "json", "s"]);
    let v: serde_json::Value = serde_json::from_str(&o.ok().stdout).unwrap();
    let r = &v.as_array().unwrap()[0];
    assert_eq!(r["id"], id[..12]);
    assert_eq!(r["name"], "s");
    assert_eq!(r["pids"], "1");
    assert_eq!(r["net_io"], "0B / 0B");
    for k in ["cpu_time", "cpu_percent", "avg_cpu", "mem_usage", "mem_percent", "block_io"] {
        assert!(r[k].is_string(), "{k} in {r}");
    }

    // Streaming: a report every --interval seconds until stopped.
    let mut child = e.cmd(&["stats", "-i", "1", "--format", "{{.Name}} {{.PIDS}}", "s"])
        .stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    child.kill().unwrap();
    let out = String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned();
    assert!(out.lines().filter(|l| *l == "s 1").count() >= 2, "{out}");

    // Podman's errors.
    e.hutch(&["stats", "--no-stream", "s", "nosuch"]).code(125).stderr_has(
        "Error: unable to get list of containers: unable to look up container nosuch: no container with name or ID \"nosuch\" found: no such container",
    );
    e.hutch(&["stats", "-a", "s"]).code(125).stderr_has("Error: --all, --latest and containers cannot be used together");
    e.hutch(&["stats", "-i", "0"]).code(125).stderr_has("Error: invalid interval, must be a positive number greater zero");
    e.hutch(&["rm", "-f", "-t", "0", "s"]).ok();
}

#[test]
fn stats_measures_cpu_time() {
    let e = Env::new("statscpu");
    e.demo();
    e.hutch(&["run", "-d", "--name", "busy", "demo", "sh", "-c", "while :; do :; done"]).ok();
    let used = |e: &Env| -> u64 {
        let o = e.hutch(&["stats", "--no-stream", "--format", "{{.CPUNano}}", "busy"]);
        o.ok().stdout.trim().parse().unwrap()
    };
    assert!(wait_for(20, || used(&e) > 0), "a busy loop uses CPU time");
    let o = e.hutch(&["stats", "--no-stream", "--format", "{{.CPUPerc}} {{.AVGCPU}} {{.UpTime}}", "busy"]);
    let f: Vec<&str> = o.ok().stdout.split_whitespace().collect();
    let pct: f64 = f[0].trim_end_matches('%').parse().unwrap();
    assert!(pct > 0.0 && f[1].ends_with('%') && f[2].ends_with('s'), "{f:?}");
    e.hutch(&["rm", "-f", "-t", "0", "busy"]).ok();
}
