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
    crate::cli::format::print_inspect(format, found, kind)?;
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
