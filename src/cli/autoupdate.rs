//! `hutch auto-update`: Podman's verb, its table, its `--format` fields and its JSON.

use crate::engine::autoupdate::{AutoUpdateOptions, AutoUpdateReport};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::{ArgAction, Args};
use std::path::PathBuf;

/// Auto update containers according to their auto-update policy
#[derive(Args, Debug)]
#[command(override_usage = "hutch auto-update [options]")]
pub struct AutoUpdateArgs {
    /// Path to the authentication file. Use REGISTRY_AUTH_FILE environment variable to override
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Check for pending updates
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Rollback to previous image if update fails
    #[arg(long, value_name = "BOOL", action = ArgAction::Set, num_args = 0..=1, default_value = "true", default_missing_value = "true")]
    pub rollback: bool,
}

/// A report as Podman's templates and JSON name its fields.
fn view(r: &AutoUpdateReport) -> serde_json::Value {
    serde_json::json!({
        "Unit": r.unit,
        "Container": format!("{} ({})", &r.container_id[..12.min(r.container_id.len())], r.container_name),
        "ContainerName": r.container_name,
        "ContainerID": r.container_id,
        "Image": r.image,
        "Policy": r.policy,
        "Updated": r.updated,
    })
}

pub fn auto_update(eng: &Engine, a: AutoUpdateArgs) -> Result<i32> {
    let (reports, errors) = eng.auto_update(&AutoUpdateOptions { authfile: a.authfile, dry_run: a.dry_run, rollback: a.rollback })?;
    let rows: Vec<serde_json::Value> = reports.iter().map(view).collect();
    // Podman prints nothing at all when no container has a policy.
    if !reports.is_empty() {
        match a.format.as_deref() {
            None | Some("") => {
                let cells: Vec<Vec<String>> = rows.iter().map(|v| ["Unit", "Container", "Image", "Policy", "Updated"].iter().map(|k| v[*k].as_str().unwrap_or("").to_string()).collect()).collect();
                crate::cli::table::print(&["UNIT", "CONTAINER", "IMAGE", "POLICY", "UPDATED"], &cells);
            }
            // Go's MarshalIndent with four spaces, as Podman prints this list.
            Some(f) if crate::cli::format::is_json(f) => crate::cli::format::print_json_indented(&serde_json::Value::Array(rows), b"    ")?,
            Some(f) => crate::cli::format::print_rows(f, &rows)?,
        }
    }
    let Some((last, rest)) = errors.split_last() else { return Ok(0) };
    for e in rest {
        eprintln!("Error: {e}");
    }
    Err(exit_error(125, last.clone()))
}
