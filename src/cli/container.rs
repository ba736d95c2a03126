//! Container verbs: run, ps, rm (and `hutch container ...`).

use crate::cli::table;
use crate::engine::run::RunOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::NetworkMode;
use crate::state::containers::Status;
use crate::util::time;
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    Run(RunArgs),
    #[command(name = "ls", visible_aliases = ["list", "ps"])]
    Ls(PsArgs),
    Rm(RmArgs),
    Export(ExportArgs),
    Diff(crate::cli::system::DiffArgs),
    Commit(CommitArgs),
    Cp(CpArgs),
    Mount(MountArgs),
    Unmount(MountArgs),
}

pub fn dispatch(eng: &Engine, c: ContainerCommand) -> Result<i32> {
    match c {
        ContainerCommand::Run(a) => run(eng, a),
        ContainerCommand::Ls(a) => ps(eng, a),
        ContainerCommand::Rm(a) => rm(eng, a),
        ContainerCommand::Export(a) => export(eng, a),
        ContainerCommand::Diff(a) => crate::cli::system::diff(eng, a),
        ContainerCommand::Commit(a) => commit(eng, a),
        ContainerCommand::Cp(a) => cp(eng, a),
        ContainerCommand::Mount(a) => mount(eng, a),
        ContainerCommand::Unmount(a) => unmount(eng, a),
    }
}

/// Run a command in a new container
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch run [options] IMAGE [COMMAND [ARG...]]\n       hutch run [options] --rootfs DIR [COMMAND [ARG...]]",
    after_help = "Examples:\n  hutch run --rm demo echo hello\n  hutch run -it --name box demo sh\n  hutch run --rootfs /path/to/rootfs --rm sh -c 'id'",
    disable_help_flag = true
)]
pub struct RunArgs {
    /// Print help (-h is --hostname, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Remove container (and pod if created) after exit
    #[arg(long)]
    pub rm: bool,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY for container
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Set container hostname
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Set environment variables in container
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short = 'w', long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long, value_name = "USER")]
    pub user: Option<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Make containers root filesystem read-only
    #[arg(long = "read-only")]
    pub read_only: bool,
    /// Connect a container to a network (none or host)
    #[arg(long = "network", visible_alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// The first argument is not an image but the rootfs to the exploded container
    #[arg(long)]
    pub rootfs: bool,
    /// Run container in background and print container ID (not implemented yet)
    #[arg(short = 'd', long)]
    pub detach: bool,
    /// Publish a container's port, or a range of ports, to the host (not implemented yet)
    #[arg(short = 'p', long = "publish", value_name = "PORT")]
    pub publish: Vec<String>,
    /// Bind mount a volume into the container (HOST-DIR:CONTAINER-DIR[:OPTIONS], NAME:CONTAINER-DIR[:OPTIONS] or CONTAINER-DIR)
    #[arg(short = 'v', long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Attach a filesystem mount to the container (type=bind|volume|tmpfs,...)
    #[arg(long = "mount", value_name = "MOUNT")]
    pub mount: Vec<String>,
    /// Mount a temporary filesystem (tmpfs) into a container (PATH[:OPTIONS])
    #[arg(long = "tmpfs", value_name = "TMPFS")]
    pub tmpfs: Vec<String>,
    /// Pull image policy: always, missing, never, newer
    #[arg(long, value_name = "POLICY", default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    #[command(flatten)]
    pub registry: crate::cli::registry::RegistryFlags,
    #[command(flatten)]
    pub platform: crate::cli::registry::PlatformFlags,
    /// Suppress output information when pulling images
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// The image (or, with --rootfs, the directory) followed by the command and its arguments
    #[arg(value_name = "IMAGE", required = true, trailing_var_arg = true, num_args = 1..)]
    pub args: Vec<String>,
}

pub fn parse_network(s: Option<&str>) -> Result<Option<NetworkMode>> {
    match s {
        None => Ok(None),
        Some("none") => Ok(Some(NetworkMode::None)),
        Some("host") => Ok(Some(NetworkMode::Host)),
        Some(other @ ("slirp4netns" | "pasta" | "bridge" | "private")) => Err(exit_error(
            125,
            format!("network mode `{other}` is not available yet: use --network none (the default for now) or --network host"),
        )),
        Some(other) => Err(exit_error(125, format!("unknown network mode `{other}`: use none or host"))),
    }
}

pub fn run(eng: &Engine, a: RunArgs) -> Result<i32> {
    if a.detach {
        return Err(exit_error(125, "-d/--detach is not implemented yet: containers run in the foreground (detached containers arrive with the container supervisor)"));
    }
    if !a.publish.is_empty() {
        return Err(exit_error(125, "-p/--publish is not implemented yet: it needs the slirp4netns network, which is not available yet"));
    }
    let network = parse_network(a.network.as_deref())?;
    let mut args = a.args.into_iter();
    let first = args.next().unwrap_or_default();
    let (image, rootfs) = if a.rootfs { (None, Some(PathBuf::from(&first))) } else { (Some(first), None) };
    let opts = RunOptions {
        image,
        rootfs,
        command: args.collect(),
        name: a.name,
        hostname: a.hostname,
        env: a.env,
        env_files: a.env_file,
        workdir: a.workdir,
        user: a.user,
        entrypoint: a.entrypoint,
        init: a.init,
        read_only: a.read_only,
        network,
        rm: a.rm,
        interactive: a.interactive,
        tty: a.tty,
        volumes: a.volume,
        mounts: a.mount,
        tmpfs: a.tmpfs,
        pull: a.pull,
        pull_options: crate::engine::pull::PullOptions {
            reference: String::new(),
            registry: a.registry.options(),
            platform: a.platform.platform()?,
            quiet: a.quiet,
            progress: Some(std::sync::Arc::from(crate::cli::progress::sink(a.quiet))),
        },
    };
    let report = eng.run(opts)?;
    Ok(report.exit_code)
}

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
}

fn status_text(status: Status, rec: &crate::state::containers::ContainerRecord) -> String {
    match status {
        Status::Created => "Created".into(),
        Status::Running => format!("Up {}", time::human_duration(time::now_unix() - rec.started_at.unwrap_or(rec.created))),
        Status::Exited => match (rec.exit_code, rec.finished_at) {
            (Some(c), Some(t)) => format!("Exited ({c}) {}", time::ago(t)),
            _ => "Exited (unknown)".into(),
        },
    }
}

pub fn ps(eng: &Engine, a: PsArgs) -> Result<i32> {
    let rows = eng.ps(a.all)?;
    if a.quiet {
        for r in rows {
            println!("{}", if a.no_trunc { &r.record.id } else { r.record.short_id() });
        }
        return Ok(0);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let rec = &r.record;
            let mut cmd = rec.command.join(" ");
            if !a.no_trunc && cmd.chars().count() > 17 {
                cmd = format!("{}...", cmd.chars().take(17).collect::<String>());
            }
            vec![
                if a.no_trunc { rec.id.clone() } else { rec.short_id().to_string() },
                rec.image.clone(),
                cmd,
                time::ago(rec.created),
                status_text(r.status, rec),
                String::new(),
                rec.name.clone(),
            ]
        })
        .collect();
    table::print(&["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], &cells);
    Ok(0)
}

/// Remove one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch rm [options] CONTAINER [CONTAINER...]")]
pub struct RmArgs {
    /// Remove all containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Force removal of a running or unusable container
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Remove anonymous volumes associated with the container
    #[arg(short = 'v', long)]
    pub volumes: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn rm(eng: &Engine, a: RmArgs) -> Result<i32> {
    if !a.all && a.containers.is_empty() {
        return Err(exit_error(125, "must specify at least one container to remove, or --all"));
    }
    if a.all && !a.containers.is_empty() {
        return Err(exit_error(125, "--all and container names or IDs cannot be used together"));
    }
    let report = eng.rm(&a.containers, a.all, a.force, a.ignore, a.volumes)?;
    for (key, _id) in &report.removed {
        println!("{key}");
    }
    let mut code = 0;
    for f in &report.failures {
        eprintln!("Error: {}", f.message);
        code = if code == 0 { f.code } else { code.max(f.code) };
    }
    Ok(code)
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
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

pub fn commit(eng: &Engine, a: CommitArgs) -> Result<i32> {
    let id = eng.commit(&crate::engine::commit::CommitOptions {
        container: a.container, image: a.image, changes: a.change, message: a.message, author: a.author,
    })?;
    println!("{id}");
    Ok(0)
}

/// Copy files/folders between a container and the local filesystem
#[derive(Args, Debug)]
#[command(override_usage = "hutch cp [options] [CONTAINER:]SRC_PATH [CONTAINER:]DEST_PATH")]
pub struct CpArgs {
    #[arg(value_name = "SRC")]
    pub src: String,
    #[arg(value_name = "DEST")]
    pub dest: String,
}

pub fn cp(eng: &Engine, a: CpArgs) -> Result<i32> {
    use crate::engine::cp::CpPath;
    eng.cp(&CpPath::parse(&a.src), &CpPath::parse(&a.dest))?;
    Ok(0)
}

/// Mount a working container's root filesystem (inside `hutch unshare`)
#[derive(Args, Debug)]
#[command(override_usage = "hutch mount CONTAINER [CONTAINER...]")]
pub struct MountArgs {
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

pub fn mount(eng: &Engine, a: MountArgs) -> Result<i32> {
    for c in &a.containers {
        println!("{}", eng.mount(c)?.display());
    }
    Ok(0)
}

pub fn unmount(eng: &Engine, a: MountArgs) -> Result<i32> {
    for c in &a.containers {
        eng.unmount(c)?;
        println!("{c}");
    }
    Ok(0)
}
