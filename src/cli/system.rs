//! System verbs: info, version, unshare.

use crate::cli::lazy::Lazy;
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::Args;

/// Display hutch related system information
#[derive(Args, Debug)]
#[command(override_usage = "hutch info [options]")]
pub struct InfoArgs {
    /// Change the output format to JSON
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn info(eng: &Engine, a: InfoArgs) -> Result<i32> {
    let v = eng.info()?;
    match a.format.as_deref() {
        None => print!("{}", crate::cli::yaml::to_yaml(&v)),
        Some(f) if crate::cli::format::is_json(f) => println!("{}", serde_json::to_string_pretty(&v)?),
        Some(f) => print!("{}", crate::cli::format::Template::parse_named(f, INFO_NAMES)?.render(&v)?),
    }
    Ok(0)
}

/// Info's Go field names (`.Host.OCIRuntime.Path`, `.Store.GraphRoot`): each JSON key
/// capitalised, but for the acronyms Podman's structs spell out.
const INFO_NAMES: crate::cli::format::GoNames = crate::cli::format::GoNames {
    name: info_name,
    free_maps: &["graphOptions", "graphStatus", "registries", "configFiles"],
    // Every field of Podman's Info is there: a name that is not is an error, as in Podman.
    strict: true,
};

fn info_name(key: &str) -> Option<String> {
    const NAMES: &[(&str, &str)] = &[
        ("cgroupVersion", "CgroupsVersion"), ("cpus", "CPUs"), ("cpuUtilization", "CPUUtilization"),
        ("idMappings", "IDMappings"), ("ociRuntime", "OCIRuntime"), ("os", "OS"), ("slirp4netns", "Slirp4NetNS"),
        ("apparmorEnabled", "AppArmorEnabled"), ("capabilities", "DefaultCapabilities"), ("seccompEnabled", "SECCOMPEnabled"),
        ("seccompProfilePath", "SECCOMPProfilePath"), ("selinuxEnabled", "SELinuxEnabled"), ("gidmap", "GIDMap"),
        ("uidmap", "UIDMap"), ("container_id", "ContainerID"), ("host_id", "HostID"),
    ];
    if let Some((_, go)) = NAMES.iter().find(|(json, _)| *json == key) {
        return Some(go.to_string());
    }
    let mut c = key.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect())
}

/// Display the hutch version information
#[derive(Args, Debug)]
#[command(override_usage = "hutch version [options]")]
pub struct VersionArgs {
    /// Change the output format to JSON
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
}

pub fn version(a: VersionArgs) -> Result<i32> {
    let arch = crate::engine::import::go_arch();
    let v = env!("CARGO_PKG_VERSION");
    match a.format.as_deref() {
        None => {
            println!("Client:       hutch");
            println!("Version:      {v}");
            println!("API Version:  {v}");
            println!("OS/Arch:      linux/{arch}");
        }
        Some(f) if crate::cli::format::is_json(f) => println!("{}", serde_json::to_string_pretty(&version_json(v, arch))?),
        // Docker's `{{.Server.Version}}`: there is no server, and Podman then reads the
        // template against the client, as hutch does.
        Some(f) => {
            let f = f.replace(".Server.", ".Client.");
            print!("{}", crate::cli::format::Template::parse(&f)?.render(&version_json(v, arch))?)
        }
    }
    Ok(0)
}

/// Podman's version report (a client only: there is no server).
fn version_json(v: &str, arch: &str) -> serde_json::Value {
    serde_json::json!({"Client": {
        "APIVersion": v, "Version": v, "GoVersion": "", "GitCommit": "", "BuiltTime": "", "Built": 0,
        "OsArch": format!("linux/{arch}"), "Os": "linux",
    }})
}

/// Run a command in a modified user namespace
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch unshare [options] [COMMAND [ARG...]]",
    after_help = "Examples:\n  hutch unshare id\n  hutch unshare cat /proc/self/uid_map\n  hutch unshare rm -rf ~/.local/share/hutch"
)]
pub struct UnshareArgs {
    /// Join the rootless network namespace (refused: hutch has no shared one; each container has its own)
    #[arg(long = "rootless-netns")]
    pub rootless_netns: bool,
    #[arg(value_name = "COMMAND", trailing_var_arg = true)]
    pub command: Vec<String>,
}

pub fn unshare(eng: &Engine, a: UnshareArgs) -> Result<i32> {
    if a.rootless_netns {
        return Err(exit_error(125, "--rootless-netns: hutch has no shared rootless network namespace (each container gets its own slirp4netns or pasta); use `hutch exec CONTAINER` to work in a container's network"));
    }
    eng.unshare(&a.command)
}

/// Manage hutch itself
#[derive(clap::Subcommand, Debug)]
pub enum SystemCommand {
    Df(Lazy<DfArgs>),
    Prune(Lazy<SystemPruneArgs>),
    Reset(Lazy<ResetArgs>),
    Info(Lazy<InfoArgs>),
    Migrate(Lazy<MigrateArgs>),
}

/// Migrate containers: stop the running ones, so their next start maps the user namespace from /etc/subuid and /etc/subgid as they are now
#[derive(Args, Debug)]
#[command(override_usage = "hutch system migrate [options]")]
pub struct MigrateArgs {
    /// Specify a new runtime for all containers (hutch has one, its own: `hutch`)
    #[arg(long = "new-runtime", value_name = "RUNTIME")]
    pub new_runtime: Option<String>,
}

/// Show hutch disk usage
#[derive(Args, Debug)]
#[command(override_usage = "hutch system df [options]")]
pub struct DfArgs {
    /// Pretty-print images using a Go template or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Show detailed information on disk usage
    #[arg(short = 'v', long)]
    pub verbose: bool,
}

/// Remove unused data
#[derive(Args, Debug)]
#[command(override_usage = "hutch system prune [options]")]
pub struct SystemPruneArgs {
    /// Remove all unused images, not just dangling ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Prune volumes
    #[arg(long)]
    pub volumes: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
}

/// Reset hutch storage: remove every container, image and volume
#[derive(Args, Debug)]
#[command(override_usage = "hutch system reset [options]")]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
}

use crate::cli::output::confirm;

/// `system df -v`: Podman's three tables.
fn df_verbose(eng: &Engine) -> Result<i32> {
    use crate::util::units::human_size;
    use crate::util::time::ago;
    let (images, containers, volumes) = eng.system_df_verbose()?;
    println!("Images space usage:\n");
    let mut rows = Vec::new();
    for i in &images {
        let names: Vec<(String, String)> = if i.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            i.names.iter().map(|n| crate::image::store::split_name(n)).collect()
        };
        for (repo, tag) in names {
            rows.push(vec![repo, tag, i.id[..12].to_string(), ago(i.created), human_size(i.size), human_size(i.shared), human_size(i.size - i.shared), i.containers.to_string()]);
        }
    }
    crate::cli::table::print(&["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"], &rows);
    println!("\nContainers space usage:\n");
    let rows: Vec<Vec<String>> = containers.iter().map(|c| vec![
        c.id[..12].to_string(), c.image.get(..12).unwrap_or(&c.image).to_string(), c.command.clone(), c.volumes.to_string(),
        human_size(c.size), ago(c.created), c.status.clone(), c.name.clone(),
    ]).collect();
    crate::cli::table::print(&["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"], &rows);
    println!("\nLocal Volumes space usage:\n");
    let rows: Vec<Vec<String>> = volumes.iter().map(|v| vec![v.name.clone(), v.links.to_string(), human_size(v.size)]).collect();
    crate::cli::table::print(&["VOLUME NAME", "LINKS", "SIZE"], &rows);
    Ok(0)
}

pub fn dispatch(eng: &Engine, c: SystemCommand) -> Result<i32> {
    use crate::util::units::human_size;
    match c {
        SystemCommand::Info(Lazy(a)) => info(eng, a),
        // As in Podman, --verbose wins over --format.
        SystemCommand::Df(Lazy(a)) if a.verbose => df_verbose(eng),
        SystemCommand::Df(Lazy(a)) => {
            let rows = eng.system_df()?;
            let pct = |r: u64, t: u64| if t == 0 { 0 } else { r * 100 / t };
            if let Some(f) = &a.format {
                let v: Vec<serde_json::Value> = rows.iter().map(|r| serde_json::json!({
                    "Type": r.kind, "Total": r.total, "Active": r.active, "Size": human_size(r.size), "RawSize": r.size,
                    "Reclaimable": format!("{} ({}%)", human_size(r.reclaimable), pct(r.reclaimable, r.size)), "RawReclaimable": r.reclaimable,
                })).collect();
                return crate::cli::format::print_rows(f, &v).map(|_| 0);
            }
            let cells: Vec<Vec<String>> = rows.iter().map(|r| vec![
                r.kind.to_string(), r.total.to_string(), r.active.to_string(), human_size(r.size),
                format!("{} ({}%)", human_size(r.reclaimable), pct(r.reclaimable, r.size)),
            ]).collect();
            crate::cli::table::print(&["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"], &cells);
            Ok(0)
        }
        SystemCommand::Prune(Lazy(a)) => {
            let filters = crate::plan::prune_filter::PruneFilters::parse(&a.filter).map_err(|e| exit_error(125, e))?;
            let what = if a.volumes { "all stopped containers, unused volumes and dangling images" } else { "all stopped containers and dangling images" };
            if !a.force && !confirm(&format!("WARNING! This command removes {what}."))? {
                return Ok(0);
            }
            for (kind, items) in eng.system_prune(a.all || filters.dangling == Some(false), a.volumes, &filters, &a.filter)? {
                println!("{kind}");
                for i in items {
                    println!("{i}");
                }
            }
            Ok(0)
        }
        SystemCommand::Migrate(Lazy(a)) => {
            if let Some(r) = a.new_runtime.as_deref().filter(|r| *r != "hutch") {
                return Err(exit_error(125, format!("change to runtime \"{r}\" requested but no such runtime is defined: hutch runs containers with its own built-in runtime (`--new-runtime hutch`): invalid argument")));
            }
            let report = eng.system_migrate()?;
            for id in &report.done {
                println!("stopped {id}");
            }
            for f in &report.failures {
                eprintln!("Error: cannot stop container {}: {}", f.key, f.message);
            }
            Ok(if report.failures.is_empty() { 0 } else { 125 })
        }
        SystemCommand::Reset(Lazy(a)) => {
            if !a.force && !confirm(&format!("WARNING! This will remove all containers, images and volumes under {} and {}.", eng.paths.root.display(), eng.paths.runroot.display()))? {
                return Ok(0);
            }
            let (c, i, v) = eng.system_reset()?;
            println!("Removed {c} container(s), {i} image(s) and {v} volume(s), and {} and {}", eng.paths.root.display(), eng.paths.runroot.display());
            Ok(0)
        }
    }
}

/// Inspect changes to the container's file systems
#[derive(Args, Debug)]
#[command(override_usage = "hutch diff [options] CONTAINER")]
pub struct DiffArgs {
    /// Change the output format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", required_unless_present = "latest", conflicts_with = "latest")]
    pub container: Option<String>,
}

pub fn diff(eng: &Engine, a: DiffArgs) -> Result<i32> {
    let key = match a.container {
        Some(c) => c,
        None => eng.latest_container()?.map(|r| r.id).ok_or_else(|| exit_error(125, "no containers to diff"))?,
    };
    let changes = eng.diff(&key)?;
    match a.format.as_deref() {
        Some("json") => {
            let mut m = serde_json::Map::new();
            for (k, name) in [('A', "added"), ('C', "changed"), ('D', "deleted")] {
                let v: Vec<&String> = changes.iter().filter(|(c, _)| *c == k).map(|(_, p)| p).collect();
                if !v.is_empty() {
                    m.insert(name.into(), serde_json::json!(v));
                }
            }
            println!("{}", serde_json::to_string_pretty(&m)?);
        }
        Some(f) => return Err(exit_error(125, format!("--format `{f}` is not supported: use json"))),
        None => changes.iter().for_each(|(k, p)| println!("{k} {p}")),
    }
    Ok(0)
}
