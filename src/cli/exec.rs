//! `exec`: run a process in a running container.

use crate::engine::exec::ExecOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Run a process in a running container
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch exec [options] CONTAINER COMMAND [ARG...]",
    after_help = "Examples:\n  hutch exec -it web sh\n  hutch exec -u tester -w /tmp web id\n  hutch exec -d web touch /tmp/x"
)]
pub struct ExecArgs {
    /// Run the exec session in detached mode (backgrounded)
    #[arg(short = 'd', long)]
    pub detach: bool,
    /// Select the key sequence for detaching from an -it session (default ctrl-p,ctrl-q; "" for none)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Set environment variables
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long = "env-file", value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Pass N additional file descriptors to the process
    #[arg(long = "preserve-fds", value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Give extended privileges to the process (every capability)
    #[arg(long)]
    pub privileged: bool,
    /// Allocate a pseudo-TTY
    #[arg(short = 't', long)]
    pub tty: bool,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short = 'u', long, value_name = "USER")]
    pub user: Option<String>,
    /// Working directory inside the container
    #[arg(short = 'w', long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// The container (unless --latest), then the command and its arguments
    #[arg(value_name = "CONTAINER", trailing_var_arg = true, num_args = 1.., required = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

pub fn exec(eng: &Engine, a: ExecArgs) -> Result<i32> {
    let detach_keys = crate::cli::lifecycle::detach_keys(a.detach_keys.as_deref())?;
    let mut args = a.args.into_iter();
    let container = if a.latest {
        eng.ps(true, false)?.into_iter().last().map(|r| r.record.id).ok_or_else(|| exit_error(125, "no containers to run exec in"))?
    } else {
        args.next().unwrap_or_default()
    };
    let command: Vec<String> = args.collect();
    if command.is_empty() {
        return Err(exit_error(125, "must provide a non-empty command to start an exec session"));
    }
    let r = eng.exec(&ExecOptions {
        container,
        command,
        interactive: a.interactive,
        tty: a.tty,
        user: a.user,
        workdir: a.workdir,
        env: a.env,
        env_files: a.env_file,
        detach: a.detach,
        privileged: a.privileged,
        preserve_fds: a.preserve_fds,
        detach_keys,
    })?;
    if a.detach {
        println!("{}", r.session);
    }
    Ok(r.exit_code.unwrap_or(0))
}
