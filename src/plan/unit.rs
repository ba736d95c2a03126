//! `generate systemd`: a container's systemd user unit, as Podman 4.3.1 writes it
//! (pkg/systemd/generate): `hutch start` under Type=forking, or with `--new` a unit that
//! runs a fresh container each time (`run --cidfile=%t/%n.ctr-id --rm --sdnotify=conmon -d
//! --replace ...` under Type=notify), deterministic but for the header's time stamp.

/// What the unit is made from.
#[derive(Debug, Clone, Default)]
pub struct UnitInput {
    /// hutch's own path.
    pub executable: String,
    /// Name or id the unit refers to, and the unit's name (without `.service`).
    pub name_or_id: String,
    pub service_name: String,
    /// Where hutch keeps runtime state (RequiresMountsFor).
    pub run_root: String,
    /// The supervisor's pid file (Type=forking).
    pub pid_file: String,
    /// The command line that created the container, and how many of its last words are
    /// the image and its command (not flags).
    pub create_command: Vec<String>,
    pub positional: usize,
    /// The container's environment (for `-e NAME` without a value).
    pub container_env: Vec<String>,
    pub stop_timeout: u64,
}

#[derive(Debug, Clone, Default)]
pub struct UnitOptions {
    pub new: bool,
    pub no_header: bool,
    pub restart_policy: Option<String>,
    pub restart_sec: Option<u64>,
    pub start_timeout: Option<u64>,
    pub stop_timeout: Option<u64>,
    pub wants: Vec<String>,
    pub after: Vec<String>,
    pub requires: Vec<String>,
    pub env: Vec<String>,
    /// `--template`: a template unit (`NAME@.service`), the container named `NAME-%i`.
    pub template: bool,
    /// `# Mon Jan  2 15:04:05 UTC 2006` line (empty: none).
    pub timestamp: String,
    pub version: String,
}

/// systemd's restart policies.
pub const RESTART_POLICIES: &[&str] = &["no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort", "always"];
/// Podman's minimum TimeoutStopSec, to which the stop timeout is added.
const MIN_TIMEOUT_STOP_SEC: u64 = 60;

/// Quoted and escaped for a systemd command line, as Podman's escapeSystemdArg.
pub fn escape(arg: &str) -> String {
    let a = arg.replace('$', "$$").replace('%', "%%");
    if a.contains([' ', '\t', '"']) {
        let mut q = String::from("\"");
        for c in a.chars() {
            match c {
                '"' => q.push_str("\\\""),
                '\\' => q.push_str("\\\\"),
                '\t' => q.push_str("\\t"),
                c => q.push(c),
            }
        }
        q.push('"');
        q
    } else {
        a.replace('\\', "\\\\")
    }
}

/// One option a line: ` \` then a tab before every word that starts with `-`.
fn format_options(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else if w.starts_with('-') {
            out.push_str(" \\\n\t");
            out.push_str(w);
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out
}

fn fmt_str(s: &str) -> String {
    format_options(&s.split(' ').map(String::from).collect::<Vec<_>>())
}

/// The flags of the create command without those the unit sets itself.
fn filter_flags(flags: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for f in flags {
        if skip_next {
            skip_next = false;
            continue;
        }
        match f.as_str() {
            "--rm" | "-d" | "--detach" | "--replace" => continue,
            "--cgroups" | "--cidfile" | "--restart" | "--sdnotify" => {
                skip_next = true;
                continue;
            }
            s if ["--rm=", "--cgroups=", "--cidfile=", "--restart=", "--sdnotify=", "--detach=", "-d=", "--replace="].iter().any(|p| s.starts_with(p)) => continue,
            _ => out.push(f.clone()),
        }
    }
    out
}

/// A flag's value in the create command (`--name x` or `--name=x`), the last one given.
fn flag_value(flags: &[String], names: &[&str]) -> Option<String> {
    let mut found = None;
    let mut it = flags.iter().peekable();
    while let Some(f) = it.next() {
        for n in names {
            if f == n {
                found = it.peek().map(|v| v.to_string());
            } else if let Some(v) = f.strip_prefix(&format!("{n}=")) {
                found = Some(v.to_string());
            }
        }
    }
    found
}

pub fn container_unit(i: &UnitInput, o: &UnitOptions) -> Result<String, String> {
    if let Some(p) = &o.restart_policy {
        if !RESTART_POLICIES.contains(&p.as_str()) {
            return Err(format!("{p} is not a valid restart policy"));
        }
    }
    let stop_timeout = o.stop_timeout.unwrap_or(i.stop_timeout);
    let exe = &i.executable;
    let mut restart = o.restart_policy.clone().unwrap_or_else(|| "on-failure".into());
    let mut start_limit_burst = None;
    let mut extra_envs: Vec<String> = Vec::new();
    let (typ, notify_access, pid_file, exec_start_pre, exec_start, exec_stop, exec_stop_post);
    let run_root;
    if o.new {
        let cidfile = "%t/%n.ctr-id";
        let index = i.create_command.iter().position(|a| a == "run" || a == "create").map(|p| p + 1).ok_or_else(|| {
            format!("container's create command is too short or invalid: {:?}", i.create_command)
        })?;
        let positional = i.positional.min(i.create_command.len() - index);
        let flags = &i.create_command[index..i.create_command.len() - positional];
        let rest = &i.create_command[i.create_command.len() - positional..];
        // hutch's own words as they are; the user's escaped for systemd.
        let mut start: Vec<String> = vec![exe.clone()];
        start.extend(i.create_command[1..index - 1].iter().map(|a| escape(a)));
        start.extend(["run".into(), format!("--cidfile={cidfile}"), "--cgroups=no-conmon".into(), "--rm".into()]);
        match flag_value(flags, &["--sdnotify"]).as_deref() {
            None | Some("ignore") => start.push("--sdnotify=conmon".into()),
            Some(_) => {}
        }
        let kept = filter_flags(flags);
        start.push("-d".into());
        if flag_value(flags, &["--name"]).is_some() {
            start.push("--replace".into());
        }
        if o.restart_policy.is_none() {
            if let Some(r) = flag_value(flags, &["--restart"]) {
                restart = match r.split_once(':') {
                    Some(("on-failure", n)) => {
                        start_limit_burst = Some(n.to_string());
                        "on-failure".into()
                    }
                    _ if r == "unless-stopped" => "always".into(),
                    _ => r,
                };
            }
        }
        // `-e NAME` took its value from the caller's environment: the unit sets it.
        let mut it = flags.iter();
        while let Some(f) = it.next() {
            let v = if f == "-e" || f == "--env" { it.next().cloned() } else { f.strip_prefix("--env=").map(String::from) };
            if let Some(v) = v.filter(|v| !v.contains('=')) {
                if let Some(e) = i.container_env.iter().find(|e| e.split('=').next() == Some(v.as_str())) {
                    extra_envs.push(escape(e));
                }
            }
        }
        start.extend(kept.iter().chain(rest).map(|a| escape(a)));
        if o.template {
            // Podman's setContainerNameForTemplate: `-%i` after the name, or a name made.
            match start.iter().position(|a| a == "--name" || a.starts_with("--name=")) {
                Some(ix) if start[ix] == "--name" && ix + 1 < start.len() => start[ix + 1].push_str("-%i"),
                Some(ix) => start[ix].push_str("-%i"),
                None => {
                    let run = start.iter().position(|a| a == "run").unwrap_or(0);
                    start.insert(run + 1, format!("--name={}-%i", i.service_name));
                }
            }
        }
        typ = "notify";
        notify_access = Some("all");
        pid_file = None;
        exec_start_pre = Some(fmt_str(&format!("/bin/rm -f {cidfile}")));
        exec_start = format_options(&start);
        // Podman splits its template text, where `-t N` follows `--ignore` on one line.
        let t = format!("--ignore -t {stop_timeout}");
        exec_stop = format_options(&[exe.clone(), "stop".into(), t.clone(), format!("--cidfile={cidfile}")]);
        exec_stop_post = format_options(&[exe.clone(), "rm".into(), "-f".into(), t, format!("--cidfile={cidfile}")]);
        run_root = i.run_root.clone();
    } else {
        typ = "forking";
        notify_access = None;
        pid_file = Some(i.pid_file.clone());
        exec_start_pre = None;
        exec_start = format!("{exe} start {}", i.name_or_id);
        exec_stop = fmt_str(&format!("{exe} stop -t {stop_timeout} {}", i.name_or_id));
        exec_stop_post = fmt_str(&format!("{exe} stop -t {stop_timeout} {}", i.name_or_id));
        run_root = i.run_root.clone();
    }

    let at = if o.template { "@" } else { "" };
    let mut u = format!("# {}{at}.service\n", i.service_name);
    if !o.no_header {
        u.push_str(&format!("# autogenerated by hutch {}\n", o.version));
        if !o.timestamp.is_empty() {
            u.push_str(&format!("# {}\n", o.timestamp));
        }
    }
    let for_instance = if o.template { " for %I" } else { "" };
    u.push_str(&format!(
        "\n[Unit]\nDescription=hutch {}.service{for_instance}\nDocumentation=man:hutch-generate-systemd(1)\nWants=network-online.target\nAfter=network-online.target\nRequiresMountsFor={run_root}\n",
        i.service_name
    ));
    if !o.wants.is_empty() || !o.after.is_empty() || !o.requires.is_empty() {
        u.push_str("\n# User-defined dependencies\n");
    }
    for (key, list) in [("Wants", &o.wants), ("After", &o.after), ("Requires", &o.requires)] {
        if !list.is_empty() {
            u.push_str(&format!("{key}={}\n", list.join(" ")));
        }
    }
    u.push_str(if o.template { "\n[Service]\nEnvironment=PODMAN_SYSTEMD_UNIT=%n-%i\n" } else { "\n[Service]\nEnvironment=PODMAN_SYSTEMD_UNIT=%n\n" });
    if !extra_envs.is_empty() {
        u.push_str(&format!("Environment={}\n", extra_envs.join(" ")));
    }
    for e in &o.env {
        u.push_str(&format!("Environment={}\n", escape(e)));
    }
    u.push_str(&format!("Restart={restart}\n"));
    if let Some(s) = o.restart_sec {
        u.push_str(&format!("RestartSec={s}\n"));
    }
    if let Some(b) = start_limit_burst {
        u.push_str(&format!("StartLimitBurst={b}\n"));
    }
    if let Some(t) = o.start_timeout.filter(|t| *t > 0) {
        u.push_str(&format!("TimeoutStartSec={t}\n"));
    }
    u.push_str(&format!("TimeoutStopSec={}\n", MIN_TIMEOUT_STOP_SEC + stop_timeout));
    if let Some(p) = exec_start_pre {
        u.push_str(&format!("ExecStartPre={p}\n"));
    }
    u.push_str(&format!("ExecStart={exec_start}\nExecStop={exec_stop}\nExecStopPost={exec_stop_post}\n"));
    if let Some(p) = pid_file {
        u.push_str(&format!("PIDFile={p}\n"));
    }
    u.push_str(&format!("Type={typ}\n"));
    if let Some(n) = notify_access {
        u.push_str(&format!("NotifyAccess={n}\n"));
    }
    u.push_str("\n[Install]\nWantedBy=default.target\n");
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> UnitInput {
        UnitInput {
            executable: "/usr/local/bin/hutch".into(),
            name_or_id: "web".into(),
            service_name: "container-web".into(),
            run_root: "/run/user/1000/hutch".into(),
            pid_file: "/run/user/1000/hutch/containers/abc/supervisor.pid".into(),
            create_command: ["hutch", "run", "-d", "--name", "web", "--restart", "on-failure:3", "-e", "TOKEN", "-p", "8080:80", "demo", "httpd", "-f", "-h", "/srv/a b"].iter().map(|s| s.to_string()).collect(),
            positional: 5,
            container_env: vec!["TOKEN=s3cr%t".into()],
            stop_timeout: 10,
        }
    }

    #[test]
    fn new_unit_as_podman_writes_it() {
        let u = container_unit(&input(), &UnitOptions { new: true, no_header: true, ..Default::default() }).unwrap();
        assert_eq!(u, "# container-web.service

[Unit]
Description=hutch container-web.service
Documentation=man:hutch-generate-systemd(1)
Wants=network-online.target
After=network-online.target
RequiresMountsFor=/run/user/1000/hutch

[Service]
Environment=PODMAN_SYSTEMD_UNIT=%n
Environment=TOKEN=s3cr%%t
Restart=on-failure
StartLimitBurst=3
TimeoutStopSec=70
ExecStartPre=/bin/rm \\
\t-f %t/%n.ctr-id
ExecStart=/usr/local/bin/hutch run \\
\t--cidfile=%t/%n.ctr-id \\
\t--cgroups=no-conmon \\
\t--rm \\
\t--sdnotify=conmon \\
\t-d \\
\t--replace \\
\t--name web \\
\t-e TOKEN \\
\t-p 8080:80 demo httpd \\
\t-f \\
\t-h \"/srv/a b\"
ExecStop=/usr/local/bin/hutch stop \\
\t--ignore -t 10 \\
\t--cidfile=%t/%n.ctr-id
ExecStopPost=/usr/local/bin/hutch rm \\
\t-f \\
\t--ignore -t 10 \\
\t--cidfile=%t/%n.ctr-id
Type=notify
NotifyAccess=all

[Install]
WantedBy=default.target
");
    }

    #[test]
    fn start_unit_and_checks() {
        let u = container_unit(&input(), &UnitOptions { no_header: false, version: "0.1.0".into(), timestamp: "Wed Dec  2 14:00:00 UTC 2026".into(), restart_policy: Some("always".into()), wants: vec!["a.service".into()], ..Default::default() }).unwrap();
        assert!(u.starts_with("# container-web.service\n# autogenerated by hutch 0.1.0\n# Wed Dec  2 14:00:00 UTC 2026\n"), "{u}");
        assert!(u.contains("\n# User-defined dependencies\nWants=a.service\n"), "{u}");
        assert!(u.contains("Restart=always\nTimeoutStopSec=70\nExecStart=/usr/local/bin/hutch start web\nExecStop=/usr/local/bin/hutch stop \\\n\t-t 10 web\n"), "{u}");
        assert!(u.contains("PIDFile=/run/user/1000/hutch/containers/abc/supervisor.pid\nType=forking\n\n[Install]"), "{u}");
        assert_eq!(container_unit(&input(), &UnitOptions { restart_policy: Some("sometimes".into()), ..Default::default() }).unwrap_err(), "sometimes is not a valid restart policy");
    }

    #[test]
    fn template_units_as_podman_writes_them() {
        let t = UnitOptions { new: true, template: true, no_header: true, ..Default::default() };
        let u = container_unit(&input(), &t).unwrap();
        assert!(u.starts_with("# container-web@.service\n\n[Unit]\nDescription=hutch container-web.service for %I\n"), "{u}");
        assert!(u.contains("\nEnvironment=PODMAN_SYSTEMD_UNIT=%n-%i\n"), "{u}");
        assert!(u.contains("\t--name web-%i \\\n"), "the given name gets -%i: {u}");
        let mut unnamed = input();
        unnamed.create_command = ["hutch", "run", "-d", "demo"].iter().map(|s| s.to_string()).collect();
        unnamed.positional = 1;
        let u = container_unit(&unnamed, &t).unwrap();
        assert!(u.contains("/usr/local/bin/hutch run \\\n\t--name=container-web-%i \\\n\t--cidfile=%t/%n.ctr-id"), "{u}");
        assert_eq!(escape("a b"), "\"a b\"");
        assert_eq!(escape("$HOME%"), "$$HOME%%");
    }
}
