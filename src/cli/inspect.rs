//! `inspect` (containers, images and volumes) and `container inspect`: Podman's JSON arrays,
//! indented by five spaces, or a Go template per object.

use crate::engine::Engine;
use crate::state::containers::{self as records, FindError};
use anyhow::Result;
use clap::Args;
use serde_json::Value;

/// The options both inspect verbs take.
#[derive(Args, Debug)]
pub struct InspectFlags {
    /// Format the output to a Go template or json
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Display total file size (containers)
    #[arg(short = 's', long)]
    pub size: bool,
}

/// Display the configuration of object denoted by ID
#[derive(Args, Debug)]
#[command(override_usage = "hutch inspect [options] {CONTAINER|IMAGE|VOLUME} [...]")]
pub struct InspectArgs {
    #[command(flatten)]
    pub f: InspectFlags,
    /// Specify inspect-object type: container, image, volume or all
    #[arg(short = 't', long = "type", value_name = "TYPE", default_value = "all", value_parser = ["all", "container", "image", "volume", "network", "pod"])]
    pub kind: String,
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

/// Display the configuration of a container
#[derive(Args, Debug)]
#[command(override_usage = "hutch container inspect [options] CONTAINER [CONTAINER...]")]
pub struct ContainerInspectArgs {
    #[command(flatten)]
    pub f: InspectFlags,
    #[arg(value_name = "CONTAINER")]
    pub names: Vec<String>,
}

/// Podman's JSON: five spaces of indent, no HTML escaping.
fn print_json(v: &Value) -> Result<()> {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"     ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser)?;
    buf.push(b'\n');
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(&buf);
    Ok(())
}

pub(crate) fn output(format: Option<&str>, found: Vec<Value>, kind: &str) -> Result<()> {
    match format {
        None => print_json(&Value::Array(found)),
        Some(f) if crate::cli::format::is_json(f) => print_json(&Value::Array(found)),
        Some(f) => crate::cli::format::print_rows_with(&normalize(f, kind == "image"), &found, &found, &[], true),
    }
}

/// Podman's inspectNormalize: the spellings its templates also take (`{{.Id}}`, `.Src`, `.Dst`,
/// `.ImageID`, and an image's `.Config.Healthcheck`).
pub fn normalize(format: &str, image: bool) -> String {
    let id = regex::Regex::new(r"\{\{\s*\.Id\s*\}\}").map(|r| r.replace_all(format, "{{.ID}}").into_owned()).unwrap_or_else(|_| format.to_string());
    let mut out = id.replace(".Src", ".Source").replace(".Dst", ".Destination").replace(".ImageID", ".Image");
    if image {
        out = out.replace(".Config.Healthcheck", ".HealthCheck");
    }
    out
}

/// Looks each name up as the allowed kinds, in Podman's order: container, image, volume.
fn lookup(eng: &Engine, name: &str, kind: &str, size: bool) -> Result<Option<Value>> {
    if kind == "all" || kind == "container" {
        let all = records::list(&eng.paths)?;
        match records::find(&all, name) {
            Ok(r) => return Ok(Some(eng.inspect_container(r, size))),
            Err(FindError::Ambiguous) if kind == "container" => return Ok(None),
            _ => {}
        }
    }
    if kind == "all" || kind == "image" {
        if let Ok(v) = eng.inspect_image(name) {
            return Ok(Some(v));
        }
    }
    if kind == "all" || kind == "volume" {
        if let Ok(v) = eng.volume_get(name) {
            return Ok(Some(crate::cli::volume::inspect_json(eng, &v)));
        }
    }
    Ok(None)
}

fn run(eng: &Engine, names: &[String], latest: bool, kind: &str, size: bool, format: Option<&str>) -> Result<i32> {
    if matches!(kind, "network" | "pod") {
        return Err(crate::error::exit_error(125, format!("--type {kind}: hutch has no {kind}s")));
    }
    let mut names = names.to_vec();
    if latest {
        names.extend(eng.ps(true, false)?.into_iter().last().map(|r| r.record.id));
    }
    if names.is_empty() {
        return Err(crate::error::exit_error(125, "no names or ids specified"));
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for n in &names {
        match lookup(eng, n, kind, size)? {
            Some(v) => found.push(v),
            None if kind == "container" => errors.push(format!("no such container {n}")),
            None => errors.push(format!("no such object: \"{n}\"")),
        }
    }
    output(format, found, kind)?;
    let Some(last) = errors.pop() else { return Ok(0) };
    for e in &errors {
        eprintln!("Error: inspecting object: {e}");
    }
    Err(crate::error::exit_error(125, format!("inspecting object: {last}")))
}

pub fn inspect(eng: &Engine, a: InspectArgs) -> Result<i32> {
    run(eng, &a.names, a.f.latest, &a.kind, a.f.size, a.f.format.as_deref())
}

pub fn container_inspect(eng: &Engine, a: ContainerInspectArgs) -> Result<i32> {
    run(eng, &a.names, a.f.latest, "container", a.f.size, a.f.format.as_deref())
}
