//! System verbs: info, version, unshare.

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
        Some("json") => println!("{}", serde_json::to_string_pretty(&v)?),
        Some(f) => return Err(exit_error(125, format!("--format `{f}` is not supported: use --format json"))),
    }
    Ok(0)
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
        Some("json") => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"Client": {"Version": v, "APIVersion": v, "OsArch": format!("linux/{arch}")}}))?
        ),
        Some(f) => return Err(exit_error(125, format!("--format `{f}` is not supported: use --format json"))),
    }
    Ok(0)
}

/// Run a command in a modified user namespace
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch unshare [options] [COMMAND [ARG...]]",
    after_help = "Examples:\n  hutch unshare id\n  hutch unshare cat /proc/self/uid_map\n  hutch unshare rm -rf ~/.local/share/hutch"
)]
pub struct UnshareArgs {
    #[arg(value_name = "COMMAND", trailing_var_arg = true)]
    pub command: Vec<String>,
}

pub fn unshare(eng: &Engine, a: UnshareArgs) -> Result<i32> {
    eng.unshare(&a.command)
}
