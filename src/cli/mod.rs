//! The command line: clap definitions, one file per noun. Each verb parses its options,
//! makes one engine call and prints the report. Nothing here touches the kernel.

pub mod build;
pub mod container;
pub mod events;
pub mod exec;
pub mod format;
pub mod generate;
pub mod globals;
pub mod image;
pub mod inspect;
pub mod lifecycle;
pub mod manage;
pub mod output;
pub mod progress;
pub mod ps;
pub mod registry;
pub mod resources;
pub mod run;
pub mod secret;
pub mod system;
pub mod table;
pub mod top;
pub mod volume;
pub mod yaml;

use crate::engine::Engine;
use crate::state::paths::PathOverrides;
use anyhow::Result;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hutch",
    version,
    about = "Manage containers and images, rootless and daemonless",
    long_about = "Manage containers and images, rootless and daemonless.\n\n\
                  hutch runs containers as the calling user, in a user namespace mapped from \
                  /etc/subuid and /etc/subgid, with no daemon: each command does its work and exits.",
    override_usage = "hutch [options] COMMAND",
    disable_help_subcommand = true,
    arg_required_else_help = true,
    // Podman's rule: an option given twice takes its last value (`--name a --name b`).
    args_override_self = true
)]
pub struct Cli {
    /// Path to the root directory in which data, including images, is stored
    #[arg(long, global = true, help_heading = "Global Options", value_name = "PATH")]
    pub root: Option<PathBuf>,
    /// Path to the 'run directory' where all state information is stored
    #[arg(long, global = true, help_heading = "Global Options", value_name = "PATH")]
    pub runroot: Option<PathBuf>,
    /// Select which storage driver is used to manage storage of images and containers (overlay or vfs)
    #[arg(long = "storage-driver", global = true, help_heading = "Global Options", value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    #[command(flatten)]
    pub globals: globals::GlobalFlags,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Run(run::RunArgs),
    Create(run::CreateArgs),
    Start(lifecycle::StartArgs),
    Stop(lifecycle::StopArgs),
    Kill(lifecycle::KillArgs),
    Restart(lifecycle::RestartArgs),
    Wait(lifecycle::WaitArgs),
    Logs(lifecycle::LogsArgs),
    Exec(exec::ExecArgs),
    Inspect(inspect::InspectArgs),
    Attach(manage::AttachArgs),
    Rename(manage::RenameArgs),
    Update(resources::UpdateArgs),
    Port(manage::PortArgs),
    Pause(manage::PauseArgs),
    /// Unpause the processes in one or more containers
    Unpause(manage::PauseArgs),
    Ps(ps::PsArgs),
    Top(top::TopArgs),
    Stats(top::StatsArgs),
    Rm(container::RmArgs),
    Export(container::ExportArgs),
    Commit(container::CommitArgs),
    Cp(container::CpArgs),
    Mount(container::MountArgs),
    #[command(visible_alias = "umount")]
    Unmount(container::UnmountArgs),
    Build(Box<build::BuildArgs>),
    /// Docker's buildx: `buildx build` is `build`
    #[command(subcommand)]
    Buildx(BuildxCommand),
    History(image::HistoryArgs),
    Images(image::ImagesArgs),
    Rmi(image::RmiArgs),
    Import(image::ImportArgs),
    Pull(registry::PullArgs),
    Push(registry::PushArgs),
    Login(registry::LoginArgs),
    Logout(registry::LogoutArgs),
    Tag(registry::TagArgs),
    Untag(image::UntagArgs),
    Save(image::SaveArgs),
    Load(image::LoadArgs),
    /// Manage containers
    #[command(subcommand)]
    Container(container::ContainerCommand),
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Manage secrets
    #[command(subcommand)]
    Secret(secret::SecretCommand),
    /// Manage hutch itself: disk use, pruning, reset, info
    #[command(subcommand)]
    System(system::SystemCommand),
    Diff(system::DiffArgs),
    Info(system::InfoArgs),
    Events(events::EventsArgs),
    #[command(subcommand)]
    Healthcheck(events::HealthcheckCommand),
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
    Version(system::VersionArgs),
    Unshare(system::UnshareArgs),
}

#[derive(Subcommand, Debug)]
pub enum BuildxCommand {
    Build(Box<build::BuildArgs>),
}

/// `hutch __supervise --root R --runroot RR ID` (see `engine::start`), else None.
pub fn supervise_entry() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != crate::engine::start::SUPERVISE_VERB {
        return None;
    }
    use crate::engine::start::{ATTACH_FIRST_FLAG, OWN_STDIN_FLAG, WINSIZE_FLAG};
    let mut rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut start = crate::supervisor::DetachedStart::default();
    rest.retain(|a| {
        if a == ATTACH_FIRST_FLAG {
            start.attach_first = true;
        } else if a == OWN_STDIN_FLAG {
            start.own_stdin = true;
        } else if let Some((r, c)) = a.strip_prefix(WINSIZE_FLAG).and_then(|v| v.split_once(',')) {
            start.winsize = r.parse().ok().zip(c.parse().ok()).map(|(r, c)| [r, c]);
        } else {
            return true;
        }
        false
    });
    let [r, root, rr, runroot, id] = rest.as_slice() else { return Some(125) };
    if r != "--root" || rr != "--runroot" {
        return Some(125);
    }
    let over = PathOverrides { root: Some(PathBuf::from(root)), runroot: Some(PathBuf::from(runroot)), storage_driver: None };
    let eng = match Engine::new(&over, Box::new(|msg: &str| eprintln!("WARN {msg}"))) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e:#}");
            return Some(125);
        }
    };
    Some(eng.supervise_detached(id, start))
}

/// The clap command tree (for man pages and completions).
pub fn command() -> clap::Command {
    Cli::command()
}

fn engine(cli_root: &Option<PathBuf>, cli_runroot: &Option<PathBuf>, driver: &Option<String>, v: globals::Verbosity) -> Result<Engine> {
    let over = PathOverrides { root: cli_root.clone(), runroot: cli_runroot.clone(), storage_driver: driver.clone() };
    Engine::new(&over, Box::new(move |msg: &str| if v.warnings { eprintln!("WARN[0000] {msg}") }))
}

/// Runs a parsed command line; returns the process exit code.
pub fn dispatch(cli: Cli) -> Result<i32> {
    let verbosity = cli.globals.apply()?;
    if let Ok(conf) = crate::config::containers::ContainersConf::load() {
        conf.apply_to_process();
    }
    let eng = || engine(&cli.root, &cli.runroot, &cli.storage_driver, verbosity);
    match cli.command {
        Command::Run(a) => run::run(&eng()?, a),
        Command::Create(a) => run::create(&eng()?, a),
        Command::Start(a) => lifecycle::start(&eng()?, a),
        Command::Stop(a) => lifecycle::stop(&eng()?, a),
        Command::Kill(a) => lifecycle::kill(&eng()?, a),
        Command::Restart(a) => lifecycle::restart(&eng()?, a),
        Command::Wait(a) => lifecycle::wait(&eng()?, a),
        Command::Logs(a) => lifecycle::logs(&eng()?, a),
        Command::Exec(a) => exec::exec(&eng()?, a),
        Command::Inspect(a) => inspect::inspect(&eng()?, a),
        Command::Attach(a) => manage::attach(&eng()?, a),
        Command::Rename(a) => manage::rename(&eng()?, a),
        Command::Update(a) => resources::update(&eng()?, a),
        Command::Port(a) => manage::port(&eng()?, a),
        Command::Pause(a) | Command::Unpause(a) => manage::pause(&eng()?, a),
        Command::Ps(a) => ps::ps(&eng()?, a),
        Command::Top(a) => top::top(&eng()?, a),
        Command::Stats(a) => top::stats(&eng()?, a),
        Command::Rm(a) => container::rm(&eng()?, a),
        Command::Export(a) => container::export(&eng()?, a),
        Command::Commit(a) => container::commit(&eng()?, a),
        Command::Cp(a) => container::cp(&eng()?, a),
        Command::Mount(a) => container::mount(&eng()?, a),
        Command::Unmount(a) => container::unmount(&eng()?, a),
        Command::Build(a) | Command::Buildx(BuildxCommand::Build(a)) => build::build(&eng()?, *a),
        Command::History(a) => image::history(&eng()?, a),
        Command::Images(a) => image::images(&eng()?, a),
        Command::Rmi(a) => image::rmi(&eng()?, a),
        Command::Import(a) => image::import(&eng()?, a),
        Command::Pull(a) => registry::pull(&eng()?, a),
        Command::Push(a) => registry::push(&eng()?, a),
        Command::Login(a) => registry::login(&eng()?, a),
        Command::Logout(a) => registry::logout(&eng()?, a),
        Command::Tag(a) => registry::tag(&eng()?, a),
        Command::Untag(a) => image::untag(&eng()?, a),
        Command::Save(a) => image::save(&eng()?, a),
        Command::Load(a) => image::load(&eng()?, a),
        Command::Container(c) => container::dispatch(&eng()?, c),
        Command::Image(c) => image::dispatch(&eng()?, c),
        Command::Volume(c) => volume::dispatch(&eng()?, c),
        Command::Secret(c) => secret::dispatch(&eng()?, c),
        Command::System(c) => system::dispatch(&eng()?, c),
        Command::Diff(a) => system::diff(&eng()?, a),
        Command::Info(a) => system::info(&eng()?, a),
        Command::Events(a) => events::events(&eng()?, a),
        Command::Healthcheck(c) => events::healthcheck(&eng()?, c),
        Command::Generate(c) => generate::generate(&eng()?, c),
        Command::Version(a) => system::version(a),
        Command::Unshare(a) => system::unshare(&eng()?, a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        super::command().debug_assert();
    }
}
