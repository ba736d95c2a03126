//! Quadlet: `.container` and `.volume` files in Podman's format turned into systemd units,
//! as Podman's quadlet generator does. [Unit], [Service] and [Install] pass through; the
//! [Container]/[Volume] keys become `hutch run`/`hutch volume create` arguments; anything
//! else is an error naming the file, the line and the key.

use std::collections::BTreeMap;

/// One `KEY=VALUE` line of a section, with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A unit file: sections in order, each with its entries in order.
#[derive(Debug, Default)]
pub struct UnitFile {
    pub sections: Vec<(String, Vec<Entry>)>,
}

impl UnitFile {
    fn section<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.sections.iter().filter(move |(n, _)| n == name).flat_map(|(_, e)| e.iter())
    }
}

/// systemd's unit syntax: `[Section]`, `Key=Value`, `#`/`;` comments, `\` continuations.
pub fn parse(text: &str, file: &str) -> Result<UnitFile, String> {
    let mut u = UnitFile::default();
    let mut pending: Option<(String, usize)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let (line, start) = match pending.take() {
            Some((mut acc, start)) => {
                acc.push(' ');
                acc.push_str(raw.trim());
                (acc, start)
            }
            None => (raw.trim().to_string(), n),
        };
        if let Some(body) = line.strip_suffix('\\') {
            pending = Some((body.trim_end().to_string(), start));
            continue;
        }
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            u.sections.push((name.to_string(), vec![]));
            continue;
        }
        let (k, v) = line.split_once('=').ok_or_else(|| format!("{file}:{start}: `{line}` is neither a [Section] nor a Key=Value line"))?;
        let Some((_, entries)) = u.sections.last_mut() else {
            return Err(format!("{file}:{start}: key {} before any [Section]", k.trim()));
        };
        entries.push(Entry { key: k.trim().to_string(), value: v.trim().to_string(), line: start });
    }
    Ok(u)
}

/// Words as systemd splits them: whitespace, with "double" and 'single' quotes.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn bool_value(e: &Entry, file: &str) -> Result<bool, String> {
    match e.value.to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "on" => Ok(true),
        "0" | "no" | "false" | "off" => Ok(false),
        _ => Err(format!("{file}:{}: {}={} is not a boolean (use true or false)", e.line, e.key, e.value)),
    }
}

/// systemd's escaping of one argument on an Exec line.
fn quote(a: &str) -> String {
    crate::plan::unit::escape(a)
}

fn passthrough(u: &UnitFile, section: &str) -> String {
    u.section(section).map(|e| format!("{}={}\n", e.key, e.value)).collect()
}

/// The `.container` file `file` (named `name.container`) as `name.service`.
pub fn container_unit(u: &UnitFile, file: &str, hutch: &str) -> Result<String, String> {
    for (s, entries) in &u.sections {
        if !["Unit", "Container", "Service", "Install"].contains(&s.as_str()) {
            let line = entries.first().map(|e| e.line).unwrap_or(0);
            return Err(format!("{file}:{line}: unsupported section [{s}] (use [Unit], [Container], [Service], [Install])"));
        }
    }
    let mut image = None;
    let mut exec: Vec<String> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut container_name = "systemd-%N".to_string();
    let mut notify = false;
    let mut user: Option<String> = None;
    let mut group: Option<String> = None;
    for e in u.section("Container") {
        let v = e.value.clone();
        let flag = |f: &str| format!("--{f}={v}");
        match e.key.as_str() {
            "Image" => image = Some(v),
            "Exec" => exec = words(&v),
            "ContainerName" => container_name = v,
            "PublishPort" => args.push(flag("publish")),
            "ExposeHostPort" => args.push(flag("expose")),
            "Volume" => args.push(flag("volume")),
            "Tmpfs" => args.push(flag("tmpfs")),
            "Environment" => args.extend(words(&v).into_iter().map(|w| format!("--env={w}"))),
            "EnvironmentFile" => args.push(flag("env-file")),
            "EnvironmentHost" => {
                if bool_value(e, file)? {
                    args.push("--env-host".into());
                }
            }
            "User" => user = Some(v),
            "Group" => group = Some(v),
            "WorkingDir" => args.push(flag("workdir")),
            "Network" => args.push(flag("network")),
            "Label" => args.extend(words(&v).into_iter().map(|w| format!("--label={w}"))),
            "Annotation" => args.extend(words(&v).into_iter().map(|w| format!("--annotation={w}"))),
            "Notify" => notify = bool_value(e, file)?,
            "HealthCmd" => args.push(flag("health-cmd")),
            "HealthInterval" => args.push(flag("health-interval")),
            "HealthRetries" => args.push(flag("health-retries")),
            "HealthStartPeriod" => args.push(flag("health-start-period")),
            "HealthTimeout" => args.push(flag("health-timeout")),
            "HealthOnFailure" => args.push(flag("health-on-failure")),
            "AddCapability" => args.extend(words(&v).into_iter().map(|w| format!("--cap-add={w}"))),
            "DropCapability" => args.extend(words(&v).into_iter().map(|w| format!("--cap-drop={w}"))),
            "NoNewPrivileges" => {
                if bool_value(e, file)? {
                    args.push("--security-opt=no-new-privileges".into());
                }
            }
            "SeccompProfile" => args.push(format!("--security-opt=seccomp={v}")),
            "ReadOnly" => {
                if bool_value(e, file)? {
                    args.push("--read-only".into());
                }
            }
            "RunInit" => {
                if bool_value(e, file)? {
                    args.push("--init".into());
                }
            }
            "Timezone" => args.push(flag("tz")),
            "UserNS" => args.push(flag("userns")),
            "Ulimit" => args.push(flag("ulimit")),
            "PodmanArgs" => args.extend(words(&v)),
            other => return Err(format!("{file}:{}: unsupported key {other} in section [Container]", e.line)),
        }
    }
    let image = image.ok_or_else(|| format!("{file}: no Image= key in section [Container]"))?;
    if let Some(u) = user {
        args.push(match group {
            Some(g) => format!("--user={u}:{g}"),
            None => format!("--user={u}"),
        });
    } else if group.is_some() {
        return Err(format!("{file}: Group= needs User= in section [Container]"));
    }

    let mut start = vec![
        hutch.to_string(),
        "run".into(),
        format!("--name={container_name}"),
        "--cidfile=%t/%N.cid".into(),
        "--replace".into(),
        "--rm".into(),
        "--log-driver=passthrough".into(),
        format!("--sdnotify={}", if notify { "container" } else { "conmon" }),
    ];
    start.extend(args.iter().map(|a| quote(a)));
    start.push(quote(&image));
    start.extend(exec.iter().map(|a| quote(a)));

    let mut out = format!("# Automatically generated by hutch from {file}\n#\n[Unit]\n");
    out.push_str("Wants=network-online.target\nAfter=network-online.target\n");
    out.push_str(&passthrough(u, "Unit"));
    out.push_str(&format!("SourcePath={file}\nRequiresMountsFor=%t/hutch\n\n[Service]\n"));
    out.push_str("Environment=PODMAN_SYSTEMD_UNIT=%n\nKillMode=mixed\n");
    out.push_str(&format!("ExecStop={hutch} stop --ignore --cidfile=%t/%N.cid\n"));
    out.push_str(&format!("ExecStopPost=-{hutch} rm -f --ignore --cidfile=%t/%N.cid\n"));
    out.push_str("ExecStopPost=-rm -f %t/%N.cid\nDelegate=yes\nType=notify\nNotifyAccess=all\nSyslogIdentifier=%N\n");
    out.push_str(&format!("ExecStart={}\n", start.join(" ")));
    out.push_str(&passthrough(u, "Service"));
    let install = passthrough(u, "Install");
    if !install.is_empty() {
        out.push_str("\n[Install]\n");
        out.push_str(&install);
    }
    Ok(out)
}

/// The `.volume` file as `name-volume.service`: a oneshot that creates the volume.
pub fn volume_unit(u: &UnitFile, file: &str, name: &str, hutch: &str) -> Result<String, String> {
    let mut args: Vec<String> = Vec::new();
    for (s, entries) in &u.sections {
        if !["Unit", "Volume", "Service", "Install"].contains(&s.as_str()) {
            let line = entries.first().map(|e| e.line).unwrap_or(0);
            return Err(format!("{file}:{line}: unsupported section [{s}] (use [Unit], [Volume], [Service], [Install])"));
        }
    }
    let mut volume_name = format!("systemd-{name}");
    for e in u.section("Volume") {
        match e.key.as_str() {
            "Label" => args.extend(words(&e.value).into_iter().map(|w| format!("--label={w}"))),
            "VolumeName" => volume_name = e.value.clone(),
            other => return Err(format!("{file}:{}: unsupported key {other} in section [Volume]", e.line)),
        }
    }
    let mut out = format!("# Automatically generated by hutch from {file}\n#\n[Unit]\n");
    out.push_str(&passthrough(u, "Unit"));
    out.push_str(&format!("SourcePath={file}\nRequiresMountsFor=%t/hutch\n\n[Service]\n"));
    let mut cmd = vec![hutch.to_string(), "volume".into(), "create".into(), "--ignore".into()];
    cmd.extend(args.iter().map(|a| quote(a)));
    cmd.push(quote(&volume_name));
    out.push_str(&format!("ExecStart={}\nType=oneshot\nRemainAfterExit=yes\nSyslogIdentifier=%N\n", cmd.join(" ")));
    out.push_str(&passthrough(u, "Service"));
    let install = passthrough(u, "Install");
    if !install.is_empty() {
        out.push_str("\n[Install]\n");
        out.push_str(&install);
    }
    Ok(out)
}

/// Every unit for a directory's files: (unit file name, text).
pub fn generate(files: &BTreeMap<String, String>, hutch: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (path, text) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if let Some(name) = base.strip_suffix(".container") {
            out.push((format!("{name}.service"), container_unit(&parse(text, path)?, path, hutch)?));
        } else if let Some(name) = base.strip_suffix(".volume") {
            out.push((format!("{name}-volume.service"), volume_unit(&parse(text, path)?, path, name, hutch)?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEB: &str = "# a web server\n[Unit]\nDescription=The web server\n\n[Container]\nImage=localhost/demo:latest\nExec=httpd -f -p 80 \\\n  -h /srv\nPublishPort=8080:80\nVolume=web-data:/srv\nEnvironment=A=1 \"B=two words\"\nLabel=app=web\nUser=1000\nGroup=1000\nHealthCmd=wget -q -O /dev/null localhost\nPodmanArgs=--memory 64m\n\n[Service]\nRestart=always\n\n[Install]\nWantedBy=default.target\n";

    #[test]
    fn container_files_become_units() {
        let u = parse(WEB, "/q/web.container").unwrap();
        let text = container_unit(&u, "/q/web.container", "/usr/bin/hutch").unwrap();
        assert_eq!(text, "# Automatically generated by hutch from /q/web.container
#
[Unit]
Wants=network-online.target
After=network-online.target
Description=The web server
SourcePath=/q/web.container
RequiresMountsFor=%t/hutch

[Service]
Environment=PODMAN_SYSTEMD_UNIT=%n
KillMode=mixed
ExecStop=/usr/bin/hutch stop --ignore --cidfile=%t/%N.cid
ExecStopPost=-/usr/bin/hutch rm -f --ignore --cidfile=%t/%N.cid
ExecStopPost=-rm -f %t/%N.cid
Delegate=yes
Type=notify
NotifyAccess=all
SyslogIdentifier=%N
ExecStart=/usr/bin/hutch run --name=systemd-%N --cidfile=%t/%N.cid --replace --rm --log-driver=passthrough --sdnotify=conmon --publish=8080:80 --volume=web-data:/srv --env=A=1 \"--env=B=two words\" --label=app=web \"--health-cmd=wget -q -O /dev/null localhost\" --memory 64m --user=1000:1000 localhost/demo:latest httpd -f -p 80 -h /srv
Restart=always

[Install]
WantedBy=default.target
");
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let bad = "[Container]\nImage=x\nFrobnicate=yes\n";
        assert_eq!(container_unit(&parse(bad, "/q/a.container").unwrap(), "/q/a.container", "h").unwrap_err(), "/q/a.container:3: unsupported key Frobnicate in section [Container]");
        assert_eq!(parse("[Container]\nthis is not a key\n", "/q/b.container").unwrap_err(), "/q/b.container:2: `this is not a key` is neither a [Section] nor a Key=Value line");
        assert_eq!(container_unit(&parse("[Container]\nExec=true\n", "f").unwrap(), "f", "h").unwrap_err(), "f: no Image= key in section [Container]");
        assert_eq!(container_unit(&parse("[Container]\nImage=x\nNotify=maybe\n", "f").unwrap(), "f", "h").unwrap_err(), "f:3: Notify=maybe is not a boolean (use true or false)");
        assert!(container_unit(&parse("[Pod]\nX=1\n", "f").unwrap(), "f", "h").unwrap_err().contains("f:2: unsupported section [Pod]"));
        assert_eq!(words("a \"b c\" 'd e' f\\g"), ["a", "b c", "d e", "f\\g"]);
    }

    #[test]
    fn volume_files_become_oneshot_units() {
        let text = volume_unit(&parse("[Volume]\nLabel=keep=yes\n", "/q/data.volume").unwrap(), "/q/data.volume", "data", "/usr/bin/hutch").unwrap();
        assert!(text.contains("ExecStart=/usr/bin/hutch volume create --ignore --label=keep=yes systemd-data\nType=oneshot\nRemainAfterExit=yes\n"), "{text}");
    }
}
