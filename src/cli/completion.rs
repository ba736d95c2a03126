//! `hutch completion`: shell completion scripts, as Podman's `completion` writes them, from
//! the clap definitions (clap_complete, the same generator as the files in completions/).

use crate::error::exit_error;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Generate shell completion scripts
#[derive(Args, Debug)]
#[command(override_usage = "hutch completion [options] {bash|zsh|fish|powershell}")]
pub struct CompletionArgs {
    /// Output the completion to file rather than stdout
    #[arg(short = 'f', long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Don't include descriptions in the completion output
    #[arg(long = "no-desc")]
    pub no_desc: bool,
    /// The shell: bash, zsh, fish or powershell
    #[arg(value_name = "SHELL")]
    pub shell: String,
}

/// The shells Podman's `completion` knows, in its order.
const SHELLS: [(&str, clap_complete::Shell); 4] = [
    ("bash", clap_complete::Shell::Bash),
    ("zsh", clap_complete::Shell::Zsh),
    ("fish", clap_complete::Shell::Fish),
    ("powershell", clap_complete::Shell::PowerShell),
];

/// The completion script for `shell`, with the descriptions of verbs and options or without,
/// ending with the line that says where it came from.
pub fn script(shell: clap_complete::Shell, descriptions: bool) -> Vec<u8> {
    let mut cmd = crate::cli::command();
    if !descriptions {
        cmd = without_descriptions(cmd);
    }
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "hutch", &mut buf);
    buf.extend_from_slice(b"\n# This file is generated with \"hutch completion\"; see: hutch-completion(1)\n");
    buf
}

fn without_descriptions(cmd: clap::Command) -> clap::Command {
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let mut cmd = cmd.about(None::<&str>).long_about(None::<&str>).mut_args(|a| a.help(None::<&str>).long_help(None::<&str>));
    for s in subs {
        cmd = cmd.mut_subcommand(s, without_descriptions);
    }
    cmd
}

pub fn completion(a: CompletionArgs) -> Result<i32> {
    let Some(&(_, shell)) = SHELLS.iter().find(|(n, _)| *n == a.shell) else {
        return Err(exit_error(125, format!("invalid argument \"{}\" for \"hutch completion\"", a.shell)));
    };
    let text = script(shell, !a.no_desc);
    match &a.file {
        Some(f) => std::fs::write(f, &text).map_err(|e| exit_error(125, format!("open {}: {e}", f.display())))?,
        // print! (not write_all): a closed pipe then ends quietly (cli::output's hook).
        None => print!("{}", String::from_utf8_lossy(&text)),
    }
    Ok(0)
}
