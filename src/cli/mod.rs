//! The command line: clap definitions, one file per noun. Each verb parses its options,
//! makes one engine call and prints the report. Nothing here touches the kernel.

pub mod autoupdate;
pub mod build;
pub mod build_args;
pub mod completion;
pub mod container;
pub mod events;
pub mod exec;
pub mod format;
pub mod generate;
pub mod globals;
pub mod image;
pub mod inspect;
pub mod lazy;
pub mod lifecycle;
pub mod manage;
pub mod manifest;
pub mod output;
pub mod progress;
pub mod ps;
pub mod registry;
pub mod resources;
pub mod run;
pub mod search;
pub mod secret;
pub mod system;
pub mod table;
pub mod top;
pub mod volume;
pub mod yaml;

use crate::cli::lazy::{Lazy, LazyGroup};
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
    Run(Lazy<run::RunArgs>),
    Create(Lazy<run::CreateArgs>),
    Start(Lazy<lifecycle::StartArgs>),
    Stop(Lazy<lifecycle::StopArgs>),
    Kill(Lazy<lifecycle::KillArgs>),
    Restart(Lazy<lifecycle::RestartArgs>),
    Wait(Lazy<lifecycle::WaitArgs>),
    Logs(Lazy<lifecycle::LogsArgs>),
    Exec(Lazy<exec::ExecArgs>),
    Inspect(Lazy<inspect::InspectArgs>),
    Attach(Lazy<manage::AttachArgs>),
    Rename(Lazy<manage::RenameArgs>),
    Update(Lazy<resources::UpdateArgs>),
    Port(Lazy<manage::PortArgs>),
    Pause(Lazy<manage::PauseArgs>),
    /// Unpause the processes in one or more containers
    Unpause(Lazy<manage::PauseArgs>),
    Ps(Lazy<ps::PsArgs>),
    Top(Lazy<top::TopArgs>),
    Stats(Lazy<top::StatsArgs>),
    Rm(Lazy<container::RmArgs>),
    Export(Lazy<container::ExportArgs>),
    Commit(Lazy<container::CommitArgs>),
    Cp(Lazy<container::CpArgs>),
    Mount(Lazy<container::MountArgs>),
    #[command(visible_alias = "umount")]
    Unmount(Lazy<container::UnmountArgs>),
    Build(Lazy<Box<build::BuildArgs>>),
    /// Docker's buildx: `buildx build` is `build`
    #[command(subcommand)]
    Buildx(LazyGroup<BuildxCommand>),
    History(Lazy<image::HistoryArgs>),
    Images(Lazy<image::ImagesArgs>),
    Rmi(Lazy<image::RmiArgs>),
    Import(Lazy<image::ImportArgs>),
    Pull(Lazy<registry::PullArgs>),
    Push(Lazy<registry::PushArgs>),
    Login(Lazy<registry::LoginArgs>),
    Search(Lazy<search::SearchArgs>),
    Logout(Lazy<registry::LogoutArgs>),
    Tag(Lazy<registry::TagArgs>),
    Untag(Lazy<image::UntagArgs>),
    Save(Lazy<image::SaveArgs>),
    Load(Lazy<image::LoadArgs>),
    /// Manage containers
    #[command(subcommand)]
    Container(LazyGroup<container::ContainerCommand>),
    /// Manage images
    #[command(subcommand)]
    Image(LazyGroup<image::ImageCommand>),
    /// Manipulate manifest lists and image indexes
    #[command(subcommand)]
    Manifest(LazyGroup<manifest::ManifestCommand>),
    /// Manage volumes
    #[command(subcommand)]
    Volume(LazyGroup<volume::VolumeCommand>),
    /// Manage secrets
    #[command(subcommand)]
    Secret(LazyGroup<secret::SecretCommand>),
    /// Manage hutch itself: disk use, pruning, reset, info
    #[command(subcommand)]
    System(LazyGroup<system::SystemCommand>),
    Diff(Lazy<system::DiffArgs>),
    Info(Lazy<system::InfoArgs>),
    Events(Lazy<events::EventsArgs>),
    #[command(subcommand)]
    Healthcheck(LazyGroup<events::HealthcheckCommand>),
    #[command(subcommand)]
    Generate(LazyGroup<generate::GenerateCommand>),
    Version(Lazy<system::VersionArgs>),
    Unshare(Lazy<system::UnshareArgs>),
    Completion(Lazy<completion::CompletionArgs>),
    AutoUpdate(Lazy<autoupdate::AutoUpdateArgs>),
}

#[derive(Subcommand, Debug)]
pub enum BuildxCommand {
    Build(Lazy<Box<build::BuildArgs>>),
}

/// `hutch __supervise --root R --runroot RR ID` (see `engine::start`), else None.
pub fn supervise_entry() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != crate::engine::start::SUPERVISE_VERB {
        return None;
    }
    use crate::engine::start::{ATTACH_FIRST_FLAG, WINSIZE_FLAG};
    let mut rest: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut start = crate::supervisor::DetachedStart::default();
    rest.retain(|a| {
        if a == ATTACH_FIRST_FLAG {
            start.attach_first = true;
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

/// `hutch __ssh-relay AGENT_SOCKET` (see `engine::build::ssh`), else None.
pub fn ssh_relay_entry() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != crate::engine::build::ssh::RELAY_VERB {
        return None;
    }
    let target = args.next()?;
    Some(crate::engine::build::ssh::relay_main(std::path::Path::new(&target)))
}

/// Run as `docker`: podman-docker's notice on stderr, unless /etc/containers/nodocker (or,
/// for those who cannot write /etc, ~/.config/containers/nodocker) exists.
pub fn docker_notice() {
    let quiet = std::path::Path::new("/etc/containers/nodocker").exists()
        || crate::config::config_home().is_some_and(|h| h.join("containers/nodocker").exists());
    if !quiet {
        eprintln!("Emulate Docker CLI using hutch. Create /etc/containers/nodocker or ~/.config/containers/nodocker to quiet msg.");
    }
}

/// The whole clap command tree, every verb's options built (for help, errors, man pages and
/// completions).
pub fn command() -> clap::Command {
    let mut c = Cli::command();
    c.build();
    c
}

/// The tree for man pages: every verb's options built, the global options left on the top
/// page (each verb's page lists its own, as Podman's pages do).
pub fn man_tree() -> clap::Command {
    fn expand(c: &mut clap::Command) {
        for sc in c.get_subcommands_mut() {
            sc.build();
            expand(sc);
        }
    }
    let mut c = Cli::command();
    expand(&mut c);
    c
}

/// Parses a command line, building the options of the verb it names only (`cli::lazy`);
/// help, version and errors come from the whole tree, as they always read.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let parsed = Cli::command().try_get_matches_from(args.clone()).and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    parsed.or_else(|_| command().try_get_matches_from(args).and_then(|mut m| Cli::from_arg_matches_mut(&mut m)))
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
        if verbosity.warnings {
            for k in &conf.unknown_keys {
                eprintln!("WARN[0000] {k}");
            }
        }
    }
    let eng = || engine(&cli.root, &cli.runroot, &cli.storage_driver, verbosity);
    match cli.command {
        Command::Run(Lazy(a)) => run::run(&eng()?, a),
        Command::Create(Lazy(a)) => run::create(&eng()?, a),
        Command::Start(Lazy(a)) => lifecycle::start(&eng()?, a),
        Command::Stop(Lazy(a)) => lifecycle::stop(&eng()?, a),
        Command::Kill(Lazy(a)) => lifecycle::kill(&eng()?, a),
        Command::Restart(Lazy(a)) => lifecycle::restart(&eng()?, a),
        Command::Wait(Lazy(a)) => lifecycle::wait(&eng()?, a),
        Command::Logs(Lazy(a)) => lifecycle::logs(&eng()?, a),
        Command::Exec(Lazy(a)) => exec::exec(&eng()?, a),
        Command::Inspect(Lazy(a)) => inspect::inspect(&eng()?, a),
        Command::Attach(Lazy(a)) => manage::attach(&eng()?, a),
        Command::Rename(Lazy(a)) => manage::rename(&eng()?, a),
        Command::Update(Lazy(a)) => resources::update(&eng()?, a),
        Command::Port(Lazy(a)) => manage::port(&eng()?, a),
        Command::Pause(Lazy(a)) => manage::pause(&eng()?, a, true),
        Command::Unpause(Lazy(a)) => manage::pause(&eng()?, a, false),
        Command::Ps(Lazy(a)) => ps::ps(&eng()?, a),
        Command::Top(Lazy(a)) => top::top(&eng()?, a),
        Command::Stats(Lazy(a)) => top::stats(&eng()?, a),
        Command::Rm(Lazy(a)) => container::rm(&eng()?, a),
        Command::Export(Lazy(a)) => container::export(&eng()?, a),
        Command::Commit(Lazy(a)) => container::commit(&eng()?, a),
        Command::Cp(Lazy(a)) => container::cp(&eng()?, a),
        Command::Mount(Lazy(a)) => container::mount(&eng()?, a),
        Command::Unmount(Lazy(a)) => container::unmount(&eng()?, a),
        Command::Build(Lazy(a)) | Command::Buildx(LazyGroup(BuildxCommand::Build(Lazy(a)))) => build::build(&eng()?, *a),
        Command::History(Lazy(a)) => image::history(&eng()?, a),
        Command::Images(Lazy(a)) => image::images(&eng()?, a),
        Command::Rmi(Lazy(a)) => image::rmi(&eng()?, a),
        Command::Import(Lazy(a)) => image::import(&eng()?, a),
        Command::Pull(Lazy(a)) => registry::pull(&eng()?, a),
        Command::Push(Lazy(a)) => registry::push(&eng()?, a),
        Command::Login(Lazy(a)) => registry::login(&eng()?, a),
        Command::Search(Lazy(a)) => search::search(&eng()?, a),
        Command::Logout(Lazy(a)) => registry::logout(&eng()?, a),
        Command::Tag(Lazy(a)) => registry::tag(&eng()?, a),
        Command::Untag(Lazy(a)) => image::untag(&eng()?, a),
        Command::Save(Lazy(a)) => image::save(&eng()?, a),
        Command::Load(Lazy(a)) => image::load(&eng()?, a),
        Command::Container(LazyGroup(c)) => container::dispatch(&eng()?, c),
        Command::Image(LazyGroup(c)) => image::dispatch(&eng()?, c),
        Command::Manifest(LazyGroup(c)) => manifest::dispatch(&eng()?, c),
        Command::Volume(LazyGroup(c)) => volume::dispatch(&eng()?, c),
        Command::Secret(LazyGroup(c)) => secret::dispatch(&eng()?, c),
        Command::System(LazyGroup(c)) => system::dispatch(&eng()?, c),
        Command::Diff(Lazy(a)) => system::diff(&eng()?, a),
        Command::Info(Lazy(a)) => system::info(&eng()?, a),
        Command::Events(Lazy(a)) => events::events(&eng()?, a),
        Command::Healthcheck(LazyGroup(c)) => events::healthcheck(&eng()?, c),
        Command::Generate(LazyGroup(c)) => generate::generate(&eng()?, c),
        Command::Version(Lazy(a)) => system::version(a),
        Command::Unshare(Lazy(a)) => system::unshare(&eng()?, a),
        Command::Completion(Lazy(a)) => completion::completion(a),
        Command::AutoUpdate(Lazy(a)) => autoupdate::auto_update(&eng()?, a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_consistent() {
        super::command().debug_assert();
    }
}
