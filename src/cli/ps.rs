//! `ps` (and `container ls/list/ps`): Podman's columns, `--format` templates over Podman's
//! field names, `--format json` with Podman's keys.

use crate::engine::containers::PsRow;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::Status;
use crate::util::time;
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
    /// Print the numeric IDs of the containers only
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Display the extended information
    #[arg(long = "no-trunc")]
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
    /// Do not print headers
    #[arg(long = "noheading", visible_alias = "noheader")]
    pub noheading: bool,
}

/// Podman's STATUS text.
pub fn status_text(r: &PsRow) -> String {
    let rec = &r.record;
    match r.status {
        Status::Created => "Created".into(),
        Status::Running => format!("Up {} ago", time::human_duration(time::now_unix() - rec.started_at.unwrap_or(rec.created))),
        Status::Exited => format!(
            "Exited ({}) {}",
            rec.exit_code.unwrap_or(crate::state::containers::EXIT_VANISHED),
            time::ago(rec.finished_at.unwrap_or(rec.created))
        ),
    }
}

fn state_word(s: Status) -> &'static str {
    crate::engine::lifecycle::status_word(s)
}

/// `ps --format json`: Podman's keys, in its order.
fn json_row(r: &PsRow) -> Value {
    let rec = &r.record;
    let labels = if rec.settings.labels.is_empty() { Value::Null } else { json!(rec.settings.labels) };
    let image_id = match &rec.root {
        crate::state::containers::RootSource::Image { image_id, .. } => image_id.trim_start_matches("sha256:").to_string(),
        _ => String::new(),
    };
    json!({
        "AutoRemove": rec.auto_remove,
        "Command": rec.command,
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
        "Namespaces": {},
        "Networks": [],
        "Pid": if r.status == Status::Running { rec.pid.unwrap_or(0) } else { 0 },
        "Pod": "",
        "PodName": "",
        "Ports": Value::Null,
        "Size": Value::Null,
        "StartedAt": rec.started_at.unwrap_or(-62135596800),
        "State": state_word(r.status),
        "Status": status_text(r),
        "Created": rec.created,
    })
}

/// What a `--format` template sees: Podman's psReporter fields (`.State` and `.Status` are
/// both the human text there; `.ID` is short unless --no-trunc).
fn template_view(r: &PsRow, no_trunc: bool) -> Value {
    let rec = &r.record;
    let mut v = json_row(r);
    let status = status_text(r);
    let o = v.as_object_mut().expect("an object");
    o.insert("ID".into(), json!(if no_trunc { rec.id.clone() } else { rec.short_id().to_string() }));
    o.insert("Command".into(), json!(command_text(&rec.command, no_trunc)));
    o.insert("CreatedHuman".into(), json!(time::ago(rec.created)));
    o.insert("RunningFor".into(), json!(time::ago(rec.created)));
    o.insert("CreatedAt".into(), json!(crate::util::time::rfc3339(rec.created)));
    o.insert("State".into(), json!(status));
    o.insert("Names".into(), json!(rec.name));
    o.insert("Ports".into(), json!(""));
    o.insert("Labels".into(), json!(rec.settings.labels));
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

pub fn ps(eng: &Engine, a: PsArgs) -> Result<i32> {
    let all = a.all || a.last.is_some() || a.latest;
    let mut rows = eng.ps(all)?;
    if a.latest {
        let n = rows.len();
        rows.drain(..n.saturating_sub(1));
    }
    if let Some(n) = a.last {
        if n >= 0 {
            let len = rows.len();
            rows.drain(..len.saturating_sub(n as usize));
        }
    }
    if let Some(f) = a.format.as_deref() {
        if a.quiet && f.is_empty() {
            return Err(exit_error(125, "--quiet and an empty --format cannot be used together"));
        }
        let json: Vec<Value> = rows.iter().map(json_row).collect();
        let views: Vec<Value> = rows.iter().map(|r| template_view(r, a.no_trunc)).collect();
        crate::cli::format::print_rows_with(f, &json, &views, &[("ID", "CONTAINER ID"), ("Names", "NAMES"), ("CreatedHuman", "CREATED")], a.noheading)?;
        return Ok(0);
    }
    if a.quiet {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for r in rows {
            if writeln!(out, "{}", if a.no_trunc { &r.record.id } else { r.record.short_id() }).is_err() {
                break;
            }
        }
        return Ok(0);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let rec = &r.record;
            vec![
                if a.no_trunc { rec.id.clone() } else { rec.short_id().to_string() },
                rec.image.clone(),
                command_text(&rec.command, a.no_trunc),
                time::ago(rec.created),
                status_text(r),
                String::new(),
                rec.name.clone(),
            ]
        })
        .collect();
    let heads = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"];
    if a.noheading {
        crate::cli::table::print_rows_only(heads.len(), &cells);
    } else {
        crate::cli::table::print(&heads, &cells);
    }
    Ok(0)
}
