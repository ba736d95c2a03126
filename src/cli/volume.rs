//! `hutch volume ...`

use crate::cli::lazy::Lazy;
use crate::cli::table;
use crate::engine::volumes::{VolumeFilter, VolumeSpec};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::{Args, Subcommand};
use std::io::Write;

/// Manage volumes
#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    Create(Lazy<CreateArgs>),
    Exists(Lazy<ExistsArgs>),
    Export(Lazy<ExportArgs>),
    Import(Lazy<ImportArgs>),
    Inspect(Lazy<InspectArgs>),
    #[command(name = "ls", visible_alias = "list")]
    Ls(Lazy<LsArgs>),
    Mount(Lazy<MountArgs>),
    Prune(Lazy<PruneArgs>),
    Reload(Lazy<ReloadArgs>),
    Rm(Lazy<RmArgs>),
    Unmount(Lazy<UnmountArgs>),
}

/// Create a new volume
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume create [options] [NAME]")]
pub struct CreateArgs {
    /// Specify volume driver name (only local: hutch has no volume plugins)
    #[arg(short = 'd', long, value_name = "DRIVER", default_value = "local")]
    pub driver: String,
    /// Set metadata for a volume (e.g., --label mykey=value)
    #[arg(short = 'l', long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Set driver specific options: type=tmpfs|none, device=DIR, o=OPTIONS (uid=, gid=, size=, bind...)
    #[arg(short = 'o', long = "opt", value_name = "OPTION")]
    pub opt: Vec<String>,
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
    /// Filter volume output
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format volume output using JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print headers
    #[arg(long)]
    pub noheading: bool,
    /// Print volume output in quiet mode
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

/// Display detailed information on one or more volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume inspect [options] VOLUME [VOLUME...]")]
pub struct InspectArgs {
    /// Inspect all volumes
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Format volume output using JSON or a Go template
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(value_name = "VOLUME")]
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
    /// Seconds to wait for a running container using the volume to stop before killing it (with --force)
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    #[arg(value_name = "VOLUME")]
    pub names: Vec<String>,
}

/// Remove all unused volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume prune [options]")]
pub struct PruneArgs {
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
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

/// Export volumes
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume export [options] VOLUME")]
pub struct ExportArgs {
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    #[arg(value_name = "VOLUME")]
    pub name: String,
}

/// Import a tarball contents into a volume
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume import VOLUME [SOURCE]")]
pub struct ImportArgs {
    #[arg(value_name = "VOLUME")]
    pub name: String,
    /// A tarball (plain, gzip or zstd), or - for standard input
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

/// Mount volume (inside `hutch unshare`)
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume mount NAME")]
pub struct MountArgs {
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// Unmount volume
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume unmount NAME")]
pub struct UnmountArgs {
    #[arg(value_name = "NAME")]
    pub name: String,
}

/// reload all volumes from volume plugins (hutch has none: nothing to do)
#[derive(Args, Debug)]
#[command(override_usage = "hutch volume reload")]
pub struct ReloadArgs {}

/// One volume as `volume inspect`, `volume ls --format json` and `inspect` show it.
pub fn inspect_json(eng: &Engine, v: &crate::state::volumes::VolumeRecord) -> serde_json::Value {
    eng.volume_inspect_data(v).ok().and_then(|d| serde_json::to_value(d).ok()).unwrap_or(serde_json::Value::Null)
}

/// Podman's parse.GetAllLabels: `KEY=VALUE`, or `KEY` with an empty value.
fn pairs(items: &[String]) -> Vec<(String, String)> {
    items.iter().map(|l| {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        (k.to_string(), v.to_string())
    }).collect()
}

fn create(eng: &Engine, a: CreateArgs) -> Result<i32> {
    let spec = VolumeSpec {
        name: a.name,
        driver: a.driver,
        // --label is a string slice in Podman (split at commas), --opt a string array.
        labels: pairs(&crate::engine::ps_filter::split_flag_values(&a.label)).into_iter().collect(),
        options: pairs(&a.opt),
        ignore: a.ignore,
    };
    println!("{}", eng.volume_create_spec(&spec)?);
    Ok(0)
}

fn ls(eng: &Engine, a: LsArgs) -> Result<i32> {
    if a.quiet && a.format.is_some() {
        return Err(exit_error(125, "quiet and format flags cannot be used together"));
    }
    let filter = VolumeFilter::parse(&crate::engine::ps_filter::split_flag_values(&a.filter))?;
    let vols = eng.volume_list_filtered(&filter)?;
    let (mut rows, mut views) = (Vec::new(), Vec::new());
    for v in &vols {
        let d = eng.volume_inspect_data(v)?;
        rows.push(serde_json::to_value(&d)?);
        views.push(d.template_view());
    }
    match a.format.as_deref() {
        Some(f) if crate::cli::format::is_json(f) => {
            println!("{}", serde_json::to_string_pretty(&rows)?);
        }
        _ if vols.is_empty() => {}
        Some(f) => crate::cli::format::print_rows_with(f, &rows, &views, &[("Name", "VOLUME NAME")], a.noheading)?,
        None if a.quiet => vols.iter().for_each(|v| println!("{}", v.name)),
        None => {
            let cells: Vec<Vec<String>> = vols.iter().map(|v| vec!["local".to_string(), v.name.clone()]).collect();
            if a.noheading {
                table::print_rows_only(2, &cells);
            } else {
                table::print(&["DRIVER", "VOLUME NAME"], &cells);
            }
        }
    }
    Ok(0)
}

fn inspect(eng: &Engine, a: InspectArgs) -> Result<i32> {
    if a.all == !a.names.is_empty() {
        return Err(exit_error(125, "provide one or more volume names or use --all"));
    }
    let mut vols = Vec::new();
    let mut missing = Vec::new();
    if a.all {
        vols = eng.volume_list()?;
    }
    for n in &a.names {
        match eng.volume_lookup(n) {
            Ok(v) => vols.push(v),
            Err(e) if crate::error::exit_code_of(&e) == 125 && e.to_string().starts_with("no such volume") => missing.push(e.to_string()),
            Err(e) => return Err(e),
        }
    }
    // JSON leaves Podman's omitempty fields out; a template sees them all.
    let template = a.format.as_deref().is_some_and(|f| !crate::cli::format::is_json(f));
    let mut found = Vec::new();
    for v in &vols {
        let d = eng.volume_inspect_data(v)?;
        found.push(if template { d.template_view() } else { serde_json::to_value(&d)? });
    }
    crate::cli::format::print_inspect(a.format.as_deref(), found, "volume")?;
    // Podman: the first error is the command's, the others are printed before it.
    if let Some((first, rest)) = missing.split_first() {
        for m in rest {
            eprintln!("error inspecting object: {m}");
        }
        return Err(exit_error(125, format!("inspecting object: {first}")));
    }
    Ok(0)
}

fn prune(eng: &Engine, a: PruneArgs) -> Result<i32> {
    // `--filter` is a string array here: no splitting at commas.
    let filter = VolumeFilter::parse(&a.filter)?;
    if !a.force {
        let mut out = std::io::stdout().lock();
        writeln!(out, "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:")?;
        let names = eng.volume_prune_candidates(&filter)?;
        if names.is_empty() {
            writeln!(out, "No dangling volumes found")?;
            return Ok(0);
        }
        for n in &names {
            writeln!(out, "{n}")?;
        }
        write!(out, "Are you sure you want to continue? [y/N] ")?;
        out.flush()?;
        drop(out);
        if !crate::cli::output::answer()?.to_lowercase().starts_with('y') {
            return Ok(0);
        }
    }
    eng.volume_prune_filtered(&filter)?.iter().for_each(|n| println!("{n}"));
    Ok(0)
}

fn export(eng: &Engine, a: ExportArgs) -> Result<i32> {
    let Some(p) = a.output else {
        return eng.volume_export(&a.name, || {
            use std::io::IsTerminal;
            use std::os::fd::AsFd;
            if std::io::stdout().is_terminal() {
                return Err(exit_error(125, "refusing to export to terminal. Use -o flag or redirect"));
            }
            Ok(std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?))
        }).map(|_| 0);
    };
    let existed = p.exists();
    let r = eng.volume_export(&a.name, || {
        // Podman's os.Create of the path.
        std::fs::File::create(&p).map_err(|e| {
            exit_error(125, format!("could not create tarball file '{}': open {}: {}", p.display(), p.display(), crate::engine::volumes::go_errno_text(&e)))
        })
    });
    if r.is_err() && !existed {
        let _ = std::fs::remove_file(&p);
    }
    r.map(|_| 0)
}

fn import(eng: &Engine, a: ImportArgs) -> Result<i32> {
    let input: Box<dyn std::io::Read> = if a.source == "-" {
        Box::new(std::io::stdin())
    } else {
        // Podman's parse.ValidateFileName, then os.Open.
        if a.source.contains(':') {
            return Err(exit_error(125, format!("invalid filename (should not contain ':') {:?}", a.source)));
        }
        let f = std::fs::File::open(&a.source).map_err(|e| exit_error(125, format!("open {}: {}", a.source, crate::engine::volumes::go_errno_text(&e))))?;
        Box::new(f)
    };
    eng.volume_import(&a.name, input)?;
    Ok(0)
}

pub fn dispatch(eng: &Engine, c: VolumeCommand) -> Result<i32> {
    match c {
        VolumeCommand::Create(Lazy(a)) => create(eng, a),
        VolumeCommand::Ls(Lazy(a)) => ls(eng, a),
        VolumeCommand::Inspect(Lazy(a)) => inspect(eng, a),
        VolumeCommand::Rm(Lazy(a)) => {
            if a.all == !a.names.is_empty() {
                return Err(exit_error(125, "give volume names, or --all (not both)"));
            }
            let (removed, failed) = eng.volume_rm(&a.names, a.all, a.force, a.time)?;
            removed.iter().for_each(|n| println!("{n}"));
            let mut code = 0;
            for f in &failed {
                eprintln!("Error: {}", f.message);
                code = code.max(f.code);
            }
            Ok(code)
        }
        VolumeCommand::Prune(Lazy(a)) => prune(eng, a),
        VolumeCommand::Exists(Lazy(a)) => Ok(if eng.volume_list()?.iter().any(|v| v.name == a.name) { 0 } else { 1 }),
        VolumeCommand::Export(Lazy(a)) => export(eng, a),
        VolumeCommand::Import(Lazy(a)) => import(eng, a),
        VolumeCommand::Mount(Lazy(a)) => {
            println!("{}", eng.volume_mount(&a.name)?.display());
            Ok(0)
        }
        VolumeCommand::Unmount(Lazy(a)) => {
            eng.volume_unmount(&a.name)?;
            println!("{}", a.name);
            Ok(0)
        }
        // Podman prints what the volume plugins added and removed: with none, nothing.
        VolumeCommand::Reload(Lazy(_)) => Ok(0),
    }
}
