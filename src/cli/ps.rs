//! `ps` (and `container ls/list/ps`): Podman's columns, `--format` templates over Podman's
//! field names, `--format json` with Podman's keys.

use crate::cli::format::is_json;
use crate::engine::containers::PsRow;
use crate::engine::ps_filter::{created_nanos, split_flag_values, Mounts, PsFilter};
use crate::engine::system::disk_usage;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::{ContainerRecord, RootSource, Status};
use crate::util::time;
use crate::util::units::human_size;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

/// List containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch ps [options]")]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Show containers in storage not controlled by hutch (there are none: hutch lists only its own)
    #[arg(long, alias = "storage")]
    pub external: bool,
    /// Filter output based on conditions given (KEY=VALUE: id, name, label, exited, status, ancestor, before, since, volume, health, pod, network, restart-policy, until)
    #[arg(short = 'f', long = "filter", value_name = "KEY=VALUE")]
    pub filter: Vec<String>,
    /// Print the numeric IDs of the containers only
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Display the extended information
    #[arg(long = "no-trunc", alias = "notruncate")]
    pub no_trunc: bool,
    /// Pretty-print containers to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print the n last created containers (all states)
    #[arg(short = 'n', long = "last", value_name = "N", allow_hyphen_values = true)]
    pub last: Option<i64>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Display namespace information
    #[arg(long = "namespace", visible_alias = "ns")]
    pub ns: bool,
    /// Do not print headers
    #[arg(long = "noheading", visible_alias = "noheader")]
    pub noheading: bool,
    /// Print the ID and name of the pod the containers are associated with (hutch has no pods: empty)
    #[arg(short = 'p', long)]
    pub pod: bool,
    /// Display the total file sizes
    #[arg(short = 's', long)]
    pub size: bool,
    /// Sort output by: command, created, id, image, names, runningfor, size, status
    #[arg(long, value_name = "CHOICE")]
    pub sort: Option<String>,
    /// Sync container state with OCI runtime (a no-op: hutch checks every container's process each time it lists)
    #[arg(long)]
    pub sync: bool,
    /// Watch the ps output on an interval in seconds
    #[arg(short = 'w', long, value_name = "SECONDS")]
    pub watch: Option<u64>,
}

/// Podman's STATUS text.
pub fn status_text(r: &PsRow) -> String {
    let rec = &r.record;
    match r.status {
        Status::Created => "Created".into(),
        Status::Running if rec.paused => "Paused".into(),
        Status::Running => {
            let up = format!("Up {} ago", time::human_duration(time::now_unix() - rec.started_at.unwrap_or(rec.created)));
            match &r.health {
                Some(h) => format!("{up} ({h})"),
                None => up,
            }
        }
        Status::Exited => format!(
            "Exited ({}) {}",
            rec.exit_code.unwrap_or(crate::state::containers::EXIT_VANISHED),
            time::ago(rec.finished_at.unwrap_or(rec.created))
        ),
    }
}

fn state_word(r: &PsRow) -> &'static str {
    crate::engine::report::state_word(&r.record, r.status)
}

/// A listed container with what `--size` and `--ns` add.
pub struct Listed {
    pub row: PsRow,
    /// `--size`: (rw, rootfs) bytes.
    pub size: Option<(u64, u64)>,
    /// `--ns`: the namespace inode numbers (cgroup, ipc, mnt, net, pid, user, uts).
    pub ns: Option<[String; 7]>,
}

const NS_KINDS: [&str; 7] = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"];

/// `ps --format json`: Podman's keys.
fn json_row(l: &Listed) -> Value {
    let r = &l.row;
    let rec = &r.record;
    let labels = if rec.settings.labels.is_empty() { Value::Null } else { json!(rec.settings.labels) };
    let image_id = match &rec.root {
        crate::state::containers::RootSource::Image { image_id, .. } => image_id.trim_start_matches("sha256:").to_string(),
        _ => String::new(),
    };
    let namespaces = match &l.ns {
        // Podman's ListContainerNamespaces keys, each left out when empty.
        Some(ns) => {
            let keys = ["Cgroup", "Ipc", "Mnt", "Net", "Pidns", "User", "Uts"];
            let o: serde_json::Map<String, Value> =
                keys.iter().zip(ns.iter()).filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.to_string(), json!(v))).collect();
            Value::Object(o)
        }
        None => json!({}),
    };
    let size = match l.size {
        Some((rw, rootfs)) => json!({"rootFsSize": rootfs, "rwSize": rw}),
        None => Value::Null,
    };
    json!({
        "AutoRemove": rec.auto_remove,
        "Command": rec.ps_command(),
        "CreatedAt": time::ago(rec.created),
        "Exited": r.status == Status::Exited,
        "ExitedAt": rec.finished_at.unwrap_or(-62135596800),
        "ExitCode": rec.exit_code.unwrap_or(0),
        "Id": rec.id,
        "Image": rec.image,
        "ImageID": image_id,
        "IsInfra": false,
        "Labels": labels,
        "Mounts": [],
        "Names": [rec.name],
        "Namespaces": namespaces,
        "Networks": [],
        "Pid": pid_of(r),
        "Pod": "",
        "PodName": "",
        "Ports": if rec.settings.ports.is_empty() { Value::Null } else { json!(rec.settings.ports) },
        "Size": size,
        "StartedAt": rec.started_at.unwrap_or(-62135596800),
        "State": state_word(r),
        "Status": status_text(r),
        "Created": rec.created,
    })
}

fn pid_of(r: &PsRow) -> i32 {
    if r.status == Status::Running { r.record.pid.unwrap_or(0) } else { 0 }
}

/// Podman's PORTS text: `0.0.0.0:8080->80/tcp, 127.0.0.1:9000-9001->90-91/udp`.
pub fn ports_text(ports: &[crate::state::containers::PortMapping]) -> String {
    ports
        .iter()
        .map(|p| {
            let ip = if p.host_ip.is_empty() { "0.0.0.0" } else { p.host_ip.as_str() };
            if p.range > 1 {
                format!("{ip}:{}-{}->{}-{}/{}", p.host_port, p.host_port + p.range - 1, p.container_port, p.container_port + p.range - 1, p.protocol)
            } else {
                format!("{ip}:{}->{}/{}", p.host_port, p.container_port, p.protocol)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Podman's SIZE text: `<rw> (virtual <rootfs>)`.
fn size_text(rw: u64, rootfs: u64) -> String {
    format!("{} (virtual {})", human_size(rw), human_size(rootfs))
}

/// What a `--format` template sees: Podman's psReporter fields (`.State` and `.Status` are
/// both the human text there; `.ID` is short unless --no-trunc).
fn template_view(l: &Listed, no_trunc: bool) -> Value {
    let rec = &l.row.record;
    let mut v = json_row(l);
    let status = status_text(&l.row);
    let o = v.as_object_mut().expect("an object");
    o.insert("ID".into(), json!(if no_trunc { rec.id.clone() } else { rec.short_id().to_string() }));
    o.insert("Command".into(), json!(command_text(rec.ps_command(), no_trunc)));
    o.insert("CreatedHuman".into(), json!(time::ago(rec.created)));
    o.insert("RunningFor".into(), json!(time::ago(rec.created)));
    o.insert("CreatedAt".into(), json!(crate::util::time::rfc3339(rec.created)));
    o.insert("State".into(), json!(status));
    o.insert("Names".into(), json!(rec.name));
    o.insert("Ports".into(), json!(ports_text(&rec.settings.ports)));
    o.insert("Labels".into(), json!(rec.settings.labels));
    o.insert("Size".into(), json!(l.size.map(|(rw, rootfs)| size_text(rw, rootfs)).unwrap_or_default()));
    // `.Namespaces.X` and its shortcuts `.X` (Podman rewrites the first to the second).
    let ns = l.ns.clone().unwrap_or_default();
    let fields = ["Cgroup", "IPC", "MNT", "NET", "PIDNS", "User", "UTS"];
    let mut nso = serde_json::Map::new();
    for (k, val) in fields.iter().zip(ns.iter()) {
        nso.insert(k.to_string(), json!(val));
        o.insert(k.to_string(), json!(val));
    }
    o.insert("Namespaces".into(), Value::Object(nso));
    v
}

fn command_text(cmd: &[String], no_trunc: bool) -> String {
    let c = cmd.join(" ");
    if !no_trunc && c.chars().count() > 17 {
        format!("{}...", c.chars().take(17).collect::<String>())
    } else {
        c
    }
}

const SORT_KEYS: [&str; 8] = ["command", "created", "id", "image", "names", "runningfor", "size", "status"];

/// Podman's checks of the flags, in its order.
fn check_flags(a: &PsArgs) -> Result<()> {
    if let Some(s) = a.sort.as_deref() {
        if !SORT_KEYS.contains(&s) {
            return Err(exit_error(125, format!(
                "invalid argument {s:?} for \"--sort\" flag: {s:?} is not a valid value.  Choose from: \"{}\"",
                SORT_KEYS.join(", ")
            )));
        }
    }
    if a.last.is_some_and(|n| n >= 0) && a.latest {
        return Err(exit_error(125, "last and latest are mutually exclusive"));
    }
    if a.quiet && (a.size || a.ns) {
        return Err(exit_error(125, "quiet conflicts with size and namespace"));
    }
    if a.size && a.ns {
        return Err(exit_error(125, "size and namespace options conflict"));
    }
    if a.watch.unwrap_or(0) > 0 && a.latest {
        return Err(exit_error(125, "the watch and latest flags cannot be used together"));
    }
    Ok(())
}

/// `--size`: the container's writable layer (the whole copy with vfs, the directory itself for
/// a plain `--rootfs`) and its image's layers, as `du` counts them.
fn sizes_of(eng: &Engine, rec: &ContainerRecord) -> (u64, u64) {
    let cdir = eng.paths.container_dir(&rec.id);
    let rw = match &rec.root {
        _ if rec.driver.as_deref() == Some("vfs") => disk_usage(&cdir.join("rootfs")),
        RootSource::Dir { path, overlay: false } => disk_usage(std::path::Path::new(path)),
        _ => disk_usage(&cdir.join("upper")),
    };
    let rootfs = match &rec.root {
        RootSource::Image { layers, .. } => {
            layers.iter().map(|l| disk_usage(&eng.paths.layer_tree(l))).sum()
        }
        RootSource::Dir { .. } => 0,
    };
    (rw, rootfs)
}

/// `--ns`: the number inside `ipc:[4026532...]` for each namespace of a running container.
fn namespaces_of(pid: i32) -> [String; 7] {
    NS_KINDS.map(|k| {
        if pid <= 0 {
            return String::new();
        }
        std::fs::read_link(format!("/proc/{pid}/ns/{k}"))
            .map(|l| {
                let l = l.to_string_lossy();
                let inner = l.rsplit_once('[').map(|(_, r)| r).unwrap_or(&l);
                inner.split_once(']').map(|(i, _)| i).unwrap_or(inner).to_string()
            })
            .unwrap_or_default()
    })
}

/// The containers to list: filtered, `--last`, sorted, with sizes and namespaces if asked.
fn list(eng: &Engine, a: &PsArgs, filter: &PsFilter) -> Result<Vec<Listed>> {
    let last = if a.latest { 1 } else { a.last.unwrap_or(-1) };
    // --external adds the step containers of builds running now.
    let all = a.all || last > 0 || filter.implies_all();
    let mut rows = eng.ps(all, a.external)?;
    rows.retain(|r| {
        let mounts = if filter.needs_mounts() { eng.filter_mounts(&r.record) } else { Mounts::default() };
        filter.matches(r, &mounts)
    });
    if last > 0 {
        // Oldest first: the newest N are at the end.
        let n = rows.len();
        rows.drain(..n.saturating_sub(last as usize));
    }
    let mut out: Vec<Listed> = rows
        .into_iter()
        .map(|row| {
            let size = a.size.then(|| sizes_of(eng, &row.record));
            let ns = a.ns.then(|| namespaces_of(pid_of(&row)));
            Listed { row, size, ns }
        })
        .collect();
    if let Some(key) = a.sort.as_deref() {
        sort(&mut out, key);
    }
    Ok(out)
}

/// Podman's SortPsOutput (ascending; stable here, so ties keep the creation order).
fn sort(rows: &mut [Listed], key: &str) {
    match key {
        "command" => rows.sort_by_key(|l| l.row.record.ps_command().join(" ")),
        "id" => rows.sort_by(|a, b| a.row.record.id.cmp(&b.row.record.id)),
        "image" => rows.sort_by(|a, b| a.row.record.image.cmp(&b.row.record.image)),
        "names" => rows.sort_by(|a, b| a.row.record.name.cmp(&b.row.record.name)),
        "runningfor" => rows.sort_by_key(|l| l.row.record.started_at.unwrap_or(-62135596800)),
        "status" => rows.sort_by_key(|l| state_word(&l.row)),
        // Without --size Podman has no sizes to compare and leaves the order.
        "size" => rows.sort_by_key(|l| l.size.map(|(_, rootfs)| rootfs).unwrap_or(0)),
        _ => rows.sort_by_key(|l| created_nanos(&l.row.record)),
    }
}

pub fn ps(eng: &Engine, a: PsArgs) -> Result<i32> {
    check_flags(&a)?;
    let specs = split_flag_values(&a.filter);
    let filter = PsFilter::parse(&specs, &|k| eng.find_container(k))?;
    let rows = list(eng, &a, &filter)?;
    if let Some(f) = a.format.as_deref() {
        if a.quiet && f.is_empty() {
            return Err(exit_error(125, "--quiet and an empty --format cannot be used together"));
        }
        if is_json(f) {
            let json: Vec<Value> = rows.iter().map(json_row).collect();
            crate::cli::format::print_rows_with("json", &json, &[], &[], true)?;
            return Ok(0);
        }
    } else if a.quiet {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for l in rows {
            let r = &l.row.record;
            if writeln!(out, "{}", if a.no_trunc { &r.id } else { r.short_id() }).is_err() {
                break;
            }
        }
        return Ok(0);
    }
    let watch = a.watch.unwrap_or(0);
    if watch == 0 {
        let r = print_table(&a, &rows);
        // Not freed row by row: the process ends right after printing them (freeing 200
        // records took a tenth of `ps`).
        std::mem::forget(rows);
        return r;
    }
    let mut rows = rows;
    loop {
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if write!(out, "\x1b[H\x1b[2J").and_then(|_| out.flush()).is_err() {
                return Ok(0);
            }
        }
        print_table(&a, &rows)?;
        std::thread::sleep(std::time::Duration::from_secs(watch));
        rows = list(eng, &a, &filter)?;
    }
}

/// The table (default columns, `--ns`, `--pod`, `--size`) or a `--format` template.
fn print_table(a: &PsArgs, rows: &[Listed]) -> Result<i32> {
    if let Some(f) = a.format.as_deref() {
        if !a.size && f.contains(".Size") {
            for _ in rows {
                eprintln!("ERRO[0000] Size format requires --size option");
            }
        }
        let views: Vec<Value> = rows.iter().map(|l| template_view(l, a.no_trunc)).collect();
        let headings = [
            ("ID", "CONTAINER ID"),
            ("Names", "NAMES"),
            ("CreatedHuman", "CREATED"),
            ("CreatedAt", "CREATED AT"),
            ("Pod", "POD ID"),
            ("PodName", "PODNAME"),
            ("Cgroup", "CGROUPNS"),
            ("User", "USERNS"),
            ("Pid", "PID"),
        ];
        crate::cli::format::print_rows_with(f, &[], &views, &headings, a.noheading)?;
        return Ok(0);
    }
    let id = |l: &Listed| if a.no_trunc { l.row.record.id.clone() } else { l.row.record.short_id().to_string() };
    let (heads, cells): (Vec<&str>, Vec<Vec<String>>) = if a.ns {
        let heads = vec!["CONTAINER ID", "NAMES", "PID", "CGROUPNS", "IPC", "MNT", "NET", "PIDNS", "USERNS", "UTS"];
        let cells = rows
            .iter()
            .map(|l| {
                let mut c = vec![id(l), l.row.record.name.clone(), pid_of(&l.row).to_string()];
                c.extend(l.ns.clone().unwrap_or_default());
                c
            })
            .collect();
        (heads, cells)
    } else {
        let mut heads = vec!["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];
        if a.pod {
            heads.extend(["POD ID", "PODNAME"]);
        }
        if a.size {
            heads.push("SIZE");
        }
        let cells = rows
            .iter()
            .map(|l| {
                let rec = &l.row.record;
                let mut c = vec![
                    id(l),
                    rec.image.clone(),
                    command_text(rec.ps_command(), a.no_trunc),
                    time::ago(rec.created),
                    status_text(&l.row),
                    ports_text(&rec.settings.ports),
                    rec.name.clone(),
                ];
                if a.pod {
                    c.extend([String::new(), String::new()]);
                }
                if let Some((rw, rootfs)) = l.size {
                    c.push(size_text(rw, rootfs));
                }
                c
            })
            .collect();
        (heads, cells)
    };
    if a.noheading {
        crate::cli::table::print_rows_only(heads.len(), &cells);
    } else {
        crate::cli::table::print(&heads, &cells);
    }
    Ok(0)
}
