//! hutch: parse, dispatch, and map the outcome to Podman's exit codes
//! (125 hutch's own error, 126 cannot invoke, 127 not found, else the container's code).

use hutch::cli::dispatch;
use hutch::error::exit_code_of;

fn main() {
    // Which fds past stderr the caller gave us, before anything of ours takes their numbers
    // (--preserve-fds, socket activation).
    hutch::supervisor::note_inherited_fds();
    // A detached container's supervisor: straight here, without building the whole CLI
    // (it lives as long as the container; the less it touches, the less memory it holds).
    if let Some(code) = hutch::cli::supervise_entry() {
        std::process::exit(code);
    }
    // A build's SSH agent relay, as small as the supervisor's entry.
    if let Some(code) = hutch::cli::ssh_relay_entry() {
        std::process::exit(code);
    }
    hutch::cli::output::end_quietly_on_closed_stdout();
    // Installed as a systemd generator (a symlink named hutch-user-generator or
    // hutch-generator): `generate quadlet [--user] OUTDIR EARLY LATE`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let prog = args.first().and_then(|a| std::path::Path::new(a).file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Installed as `docker` (a symlink, as podman-docker installs podman): say so once per
    // command, as podman-docker does, unless told not to.
    if prog == "docker" {
        hutch::cli::docker_notice();
    }
    if prog == "hutch-user-generator" || prog == "hutch-generator" {
        let mut new: Vec<std::ffi::OsString> = vec!["hutch".into(), "generate".into(), "quadlet".into()];
        if prog == "hutch-user-generator" {
            new.push("--user".into());
        }
        new.extend(args.drain(1..));
        args = new;
    }
    let cli = match hutch::cli::parse(args) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            let code = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 125,
                _ => 125,
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Error: {e:#}");
            exit_code_of(&e)
        }
    };
    std::process::exit(code);
}
