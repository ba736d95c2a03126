//! `hutch volume ...`

use crate::cli::table;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::util::time;
use anyhow::Result;
use clap::{Args, Subcommand};
use serde_json::json;

/// Manage volumes
#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    Create(CreateArgs),
    #[command(name = "ls", visible_alias = "list")]
    Ls(LsArgs),
    Inspect(InspectArgs),
    Rm(RmArgs),
    Prune(PruneArgs),
    Exists(ExistsArgs),
}

/// Create a new volume
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume create [options] [NAME]")]
pub struct CreateArgs {
    /// Set metadata for a volume (e.g., --label mykey=value)
    #[arg(short = 'l', long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Do not fail if the volume already exists
    #[arg(long = "ignore")]
    pub ignore: bool,
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

/// List volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume ls [options]")]
pub struct LsArgs {
    /// Print volume output in quiet mode
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Format volume output using JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

/// Display detailed information on one or more volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume inspect [options] VOLUME [VOLUME...]")]
pub struct InspectArgs {
    /// Format volume output using JSON or a Go template
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(value_name = "VOLUME", required = true)]
    pub names: Vec<String>,
}

/// Remove one or more volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume rm [options] VOLUME [VOLUME...]")]
pub struct RmArgs {
    /// Remove all volumes
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Remove a volume by force, even if it is being used by a container (which is removed too)
    #[arg(short = 'f', long)]
    pub force: bool,
    #[arg(value_name = "VOLUME")]
    pub names: Vec<String>,
}

/// Remove all unused volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume prune [options]")]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

/// Check if a volume exists
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume exists VOLUME")]
pub struct ExistsArgs {
    #[arg(value_name = "VOLUME")]
    pub name: String,
}

pub fn inspect_json(eng: &Engine, v: &crate::state::volumes::VolumeRecord) -> serde_json::Value {
    json!({
        "Name": v.name,
        "Driver": "local",
        "Mountpoint": eng.volume_data(&v.name),
        "CreatedAt": time::rfc3339(v.created),
        "Labels": v.labels,
        "Scope": "local",
        "Options": {},
        "Anonymous": v.anonymous,
    })
}

pub fn dispatch(eng: &Engine, c: VolumeCommand) -> Result<i32> {
    match c {
        VolumeCommand::Create(a) => {
            let mut labels = std::collections::BTreeMap::new();
            for l in &a.label {
                let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
                labels.insert(k.to_string(), v.to_string());
            }
            let name = a.name.unwrap_or_else(crate::util::ids::random_id);
            eng.volume_create(&name, labels, false, a.ignore)?;
            println!("{name}");
            Ok(0)
        }
        VolumeCommand::Ls(a) => {
            let vols = eng.volume_list()?;
            if a.quiet {
                vols.iter().for_each(|v| println!("{}", v.name));
                return Ok(0);
            }
            if let Some(f) = &a.format {
                let rows: Vec<serde_json::Value> = vols.iter().map(|v| inspect_json(eng, v)).collect();
                return crate::cli::format::print_rows(f, &rows).map(|_| 0);
            }
            let rows: Vec<Vec<String>> = vols.iter().map(|v| vec!["local".to_string(), v.name.clone()]).collect();
            table::print(&["DRIVER", "VOLUME NAME"], &rows);
            Ok(0)
        }
        VolumeCommand::Inspect(a) => {
            let mut rows = Vec::new();
            for n in &a.names {
                rows.push(inspect_json(eng, &eng.volume_get(n)?));
            }
            crate::cli::format::print_rows(a.format.as_deref().unwrap_or("json"), &rows)?;
            Ok(0)
        }
        VolumeCommand::Rm(a) => {
            if a.all == !a.names.is_empty() {
                return Err(exit_error(125, "give volume names, or --all (not both)"));
            }
            let (removed, failed) = eng.volume_rm(&a.names, a.all, a.force)?;
            removed.iter().for_each(|n| println!("{n}"));
            let mut code = 0;
            for f in &failed {
                eprintln!("Error: {}", f.message);
                code = code.max(f.code);
            }
            Ok(code)
        }
        VolumeCommand::Prune(a) => {
            if !a.force && !crate::cli::output::confirm("WARNING! This will remove all volumes not used by at least one container.") {
                return Ok(0);
            }
            eng.volume_prune()?.iter().for_each(|n| println!("{n}"));
            Ok(0)
        }
        VolumeCommand::Exists(a) => Ok(if eng.volume_list()?.iter().any(|v| v.name == a.name) { 0 } else { 1 }),
    }
}
