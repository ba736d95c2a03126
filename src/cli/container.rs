//! Container verbs: run, ps, rm (and `hutch container ...`).

use crate::cli::lazy::Lazy;
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    Run(Lazy<crate::cli::run::RunArgs>),
    Create(Lazy<crate::cli::run::CreateArgs>),
    #[command(name = "ls", visible_aliases = ["list", "ps"])]
    Ls(Lazy<crate::cli::ps::PsArgs>),
    Rm(Lazy<RmArgs>),
    Start(Lazy<crate::cli::lifecycle::StartArgs>),
    Stop(Lazy<crate::cli::lifecycle::StopArgs>),
    Kill(Lazy<crate::cli::lifecycle::KillArgs>),
    Restart(Lazy<crate::cli::lifecycle::RestartArgs>),
    Wait(Lazy<crate::cli::lifecycle::WaitArgs>),
    Logs(Lazy<crate::cli::lifecycle::LogsArgs>),
    Exec(Lazy<crate::cli::exec::ExecArgs>),
    Inspect(Lazy<crate::cli::inspect::ContainerInspectArgs>),
    Attach(Lazy<crate::cli::manage::AttachArgs>),
    Rename(Lazy<crate::cli::manage::RenameArgs>),
    Update(Lazy<crate::cli::resources::UpdateArgs>),
    Port(Lazy<crate::cli::manage::PortArgs>),
    Pause(Lazy<crate::cli::manage::PauseArgs>),
    /// Unpause the processes in one or more containers
    Unpause(Lazy<crate::cli::manage::PauseArgs>),
    Exists(Lazy<crate::cli::manage::ExistsArgs>),
    Top(Lazy<crate::cli::top::TopArgs>),
    Stats(Lazy<crate::cli::top::StatsArgs>),
    Prune(Lazy<crate::cli::manage::PruneArgs>),
    Export(Lazy<ExportArgs>),
    Diff(Lazy<crate::cli::system::DiffArgs>),
    Commit(Lazy<CommitArgs>),
    Cp(Lazy<CpArgs>),
    Mount(Lazy<MountArgs>),
    #[command(visible_alias = "umount")]
    Unmount(Lazy<UnmountArgs>),
}

pub fn dispatch(eng: &Engine, c: ContainerCommand) -> Result<i32> {
    match c {
        ContainerCommand::Run(Lazy(a)) => crate::cli::run::run(eng, a),
        ContainerCommand::Create(Lazy(a)) => crate::cli::run::create(eng, a),
        ContainerCommand::Ls(Lazy(a)) => crate::cli::ps::ps(eng, a),
        ContainerCommand::Rm(Lazy(a)) => rm(eng, a),
        ContainerCommand::Start(Lazy(a)) => crate::cli::lifecycle::start(eng, a),
        ContainerCommand::Stop(Lazy(a)) => crate::cli::lifecycle::stop(eng, a),
        ContainerCommand::Kill(Lazy(a)) => crate::cli::lifecycle::kill(eng, a),
        ContainerCommand::Restart(Lazy(a)) => crate::cli::lifecycle::restart(eng, a),
        ContainerCommand::Wait(Lazy(a)) => crate::cli::lifecycle::wait(eng, a),
        ContainerCommand::Logs(Lazy(a)) => crate::cli::lifecycle::logs(eng, a),
        ContainerCommand::Exec(Lazy(a)) => crate::cli::exec::exec(eng, a),
        ContainerCommand::Inspect(Lazy(a)) => crate::cli::inspect::container_inspect(eng, a),
        ContainerCommand::Attach(Lazy(a)) => crate::cli::manage::attach(eng, a),
        ContainerCommand::Rename(Lazy(a)) => crate::cli::manage::rename(eng, a),
        ContainerCommand::Update(Lazy(a)) => crate::cli::resources::update(eng, a),
        ContainerCommand::Port(Lazy(a)) => crate::cli::manage::port(eng, a),
        ContainerCommand::Pause(Lazy(a)) => crate::cli::manage::pause(eng, a, true),
        ContainerCommand::Unpause(Lazy(a)) => crate::cli::manage::pause(eng, a, false),
        ContainerCommand::Exists(Lazy(a)) => crate::cli::manage::exists(eng, a),
        ContainerCommand::Top(Lazy(a)) => crate::cli::top::top(eng, a),
        ContainerCommand::Stats(Lazy(a)) => crate::cli::top::stats(eng, a),
        ContainerCommand::Prune(Lazy(a)) => crate::cli::manage::prune(eng, a),
        ContainerCommand::Export(Lazy(a)) => export(eng, a),
        ContainerCommand::Diff(Lazy(a)) => crate::cli::system::diff(eng, a),
        ContainerCommand::Commit(Lazy(a)) => commit(eng, a),
        ContainerCommand::Cp(Lazy(a)) => cp(eng, a),
        ContainerCommand::Mount(Lazy(a)) => mount(eng, a),
        ContainerCommand::Unmount(Lazy(a)) => unmount(eng, a),
    }
}

/// Remove one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch rm [options] CONTAINER [CONTAINER...]")]
pub struct RmArgs {
    /// Remove all containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Remove container and all containers that depend on it (those joining its network)
    #[arg(long)]
    pub depend: bool,
    /// Filter what containers are removed
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Force removal of a running or unusable container
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    pub volumes: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn rm(eng: &Engine, a: RmArgs) -> Result<i32> {
    let mut keys = a.containers.clone();
    for f in &a.cidfile {
        match std::fs::read_to_string(f) {
            Ok(s) => keys.push(s.trim().to_string()),
            Err(e) if a.ignore && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(exit_error(125, format!("reading CIDFile {}: {e}", f.display()))),
        }
    }
    if a.time.is_some() && !a.force {
        return Err(exit_error(125, "--force option must be specified to use the --time option"));
    }
    if a.latest {
        let newest = eng.ps(true, false)?.into_iter().last().map(|r| r.record.id);
        keys.extend(newest);
    }
    if !a.filter.is_empty() {
        if !keys.is_empty() || a.all {
            return Err(exit_error(125, "--filter takes no container names or ids, nor --all"));
        }
        keys = eng.filtered(&a.filter)?.into_iter().map(|r| r.id).collect();
        if keys.is_empty() {
            return Ok(0);
        }
    }
    if !a.all && keys.is_empty() {
        if !a.cidfile.is_empty() && a.ignore {
            return Ok(0);
        }
        return Err(exit_error(125, "must specify at least one container to remove, or --all"));
    }
    if a.all && !keys.is_empty() {
        return Err(exit_error(125, "--all and container names or IDs cannot be used together"));
    }
    let report = eng.rm(&crate::engine::containers::RmOptions {
        keys,
        all: a.all,
        force: a.force,
        // `rm -f` on a missing container is no error, as in Podman.
        ignore: a.ignore || a.force,
        volumes: a.volumes,
        timeout: a.time,
        depend: a.depend,
    })?;
    // Podman prints the full id for --all and the name or id as given otherwise.
    Ok(crate::cli::lifecycle::finish(&report, true))
}

/// Export a container's filesystem contents as a tar archive
#[derive(Args, Debug)]
#[command(override_usage = "hutch export [options] CONTAINER")]
pub struct ExportArgs {
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn export(eng: &Engine, a: ExportArgs) -> Result<i32> {
    crate::cli::output::write_to(a.output.as_deref(), "export", |f| eng.export(&a.container, f))?;
    Ok(0)
}

/// Create new image based on the changed container
#[derive(Args, Debug)]
#[command(override_usage = "hutch commit [options] CONTAINER [IMAGE]")]
pub struct CommitArgs {
    /// Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR
    #[arg(short = 'c', long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short = 'm', long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Set the author for the image committed
    #[arg(short = 'a', long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Suppress output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Format of the image manifest and metadata: oci (the default) or docker
    #[arg(short = 'f', long, value_name = "FORMAT", default_value = "oci", value_parser = ["oci", "docker"])]
    pub format: String,
    /// Write the image ID to the file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<std::path::PathBuf>,
    /// Include container volumes as image volumes
    #[arg(long = "include-volumes")]
    pub include_volumes: bool,
    /// Pause the container while committing (its cgroup's freezer)
    #[arg(short = 'p', long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub pause: Option<bool>,
    /// Squash all of the image's layers into one
    #[arg(short = 's', long)]
    pub squash: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

pub fn commit(eng: &Engine, a: CommitArgs) -> Result<i32> {
    let id = eng.commit(&crate::engine::commit::CommitOptions {
        container: a.container,
        image: a.image,
        changes: a.change,
        message: a.message,
        author: a.author,
        docker_format: a.format == "docker",
        include_volumes: a.include_volumes,
        squash: a.squash,
        pause: a.pause.unwrap_or(false),
    })?;
    if let Some(f) = &a.iidfile {
        std::fs::write(f, format!("sha256:{id}")).with_context(|| format!("writing the image id to {}", f.display()))?;
    }
    println!("{id}");
    Ok(0)
}

/// Copy files/folders between a container and the local filesystem
#[derive(Args, Debug)]
#[command(override_usage = "hutch cp [options] [CONTAINER:]SRC_PATH [CONTAINER:]DEST_PATH")]
pub struct CpArgs {
    /// Chown copied files to the primary uid/gid of the destination container (true), or keep their own ids
    #[arg(short = 'a', long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, default_value = "true")]
    pub archive: bool,
    /// Allow directories to be overwritten with non-directories and vice versa
    #[arg(long)]
    pub overwrite: bool,
    #[arg(value_name = "SRC")]
    pub src: String,
    #[arg(value_name = "DEST")]
    pub dest: String,
}

pub fn cp(eng: &Engine, a: CpArgs) -> Result<i32> {
    use crate::engine::cp::CpPath;
    eng.cp(&CpPath::parse(&a.src), &CpPath::parse(&a.dest), a.archive, a.overwrite)?;
    Ok(0)
}

/// Mount a working container's root filesystem (inside `hutch unshare`); with no container, list the mounted ones
#[derive(Args, Debug)]
#[command(override_usage = "hutch mount [options] [CONTAINER...]")]
pub struct MountArgs {
    /// Mount all containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Print the mounted containers in the specified format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// The containers named, or all of them, or the newest.
fn chosen(eng: &Engine, names: &[String], all: bool, latest: bool) -> Result<Vec<String>> {
    if !names.is_empty() && (all || latest) {
        return Err(exit_error(125, "--all, --latest and containers cannot be used together"));
    }
    Ok(if all {
        eng.ps(true, false)?.into_iter().map(|r| r.record.id).collect()
    } else if latest {
        eng.latest_container()?.map(|r| r.id).into_iter().collect()
    } else {
        names.to_vec()
    })
}

pub fn mount(eng: &Engine, a: MountArgs) -> Result<i32> {
    if let Some(f) = a.format.as_deref().filter(|f| *f != "json") {
        return Err(exit_error(125, format!("unknown --format {f:?}: mount prints json only")));
    }
    if a.containers.is_empty() && !a.all && !a.latest {
        let mounted = eng.mounted()?;
        if a.format.is_some() {
            let rows: Vec<serde_json::Value> = mounted.iter().map(|(r, mp)| serde_json::json!({"id": r.id, "names": [r.name], "mountpoint": mp})).collect();
            println!("{}", serde_json::to_string_pretty(&rows)?);
        } else {
            for (r, mp) in mounted {
                println!("{}\t{}", if a.no_trunc { r.id.as_str() } else { r.short_id() }, mp.display());
            }
        }
        return Ok(0);
    }
    for c in chosen(eng, &a.containers, a.all, a.latest)? {
        let mp = eng.mount(&c)?;
        if a.all {
            println!("{}\t{}", if a.no_trunc { c.as_str() } else { &c[..12.min(c.len())] }, mp.display());
        } else {
            println!("{}", mp.display());
        }
    }
    Ok(0)
}

/// Unmount a working container's root filesystem (inside `hutch unshare`)
#[derive(Args, Debug)]
#[command(override_usage = "hutch unmount [options] CONTAINER [CONTAINER...]")]
pub struct UnmountArgs {
    /// Unmount all of the currently mounted containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Force the unmount even if the root is in use (a lazy unmount: it always is)
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn unmount(eng: &Engine, a: UnmountArgs) -> Result<i32> {
    let targets = if a.all {
        if !a.containers.is_empty() || a.latest {
            return Err(exit_error(125, "--all, --latest and containers cannot be used together"));
        }
        eng.mounted()?.into_iter().map(|(r, _)| r.id).collect()
    } else {
        chosen(eng, &a.containers, false, a.latest)?
    };
    if targets.is_empty() && !a.all {
        return Err(exit_error(125, "you must provide at least one name or id"));
    }
    for c in &targets {
        eng.unmount(c)?;
        println!("{c}");
    }
    Ok(0)
}
