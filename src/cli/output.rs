//! Where `save` and `export` write: `-o FILE` (written beside as FILE.part, renamed when
//! complete, so a failure leaves no truncated file), or standard output, never a terminal.

use crate::error::exit_error;
use anyhow::{Context, Result};
use std::os::fd::AsFd;
use std::path::Path;

/// Asks before a destructive command; anything but y/yes (or end of input) is no.
pub fn confirm(warning: &str) -> bool {
    eprint!("{warning}\nAre you sure you want to continue? [y/N] ");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    matches!(line.trim(), "y" | "Y" | "yes")
}

pub fn write_to(path: Option<&Path>, verb: &str, f: impl FnOnce(std::fs::File) -> Result<()>) -> Result<()> {
    match path {
        Some(p) => {
            let part = p.with_extension("part");
            let file = std::fs::File::create(&part).with_context(|| format!("creating {}", part.display()))?;
            if let Err(e) = f(file) {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
            std::fs::rename(&part, p).with_context(|| format!("writing {}", p.display()))
        }
        None => {
            // SAFETY: isatty on our own stdout.
            if unsafe { libc::isatty(1) } == 1 {
                return Err(exit_error(125, format!("refusing to {verb} to terminal. Use -o flag or redirect")));
            }
            let out = std::io::stdout().as_fd().try_clone_to_owned().context("duplicating stdout")?;
            f(std::fs::File::from(out))
        }
    }
}

/// A closed standard output (`hutch images | head -1`) ends the command quietly, as Podman (a
/// Go program) ends then: killed by SIGPIPE. Rust ignores SIGPIPE and makes the failed write
/// of `println!` a panic; this hook turns that panic back into the signal.
pub fn end_quietly_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied()).unwrap_or_default();
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            crate::runtime::io::die_of_signal(libc::SIGPIPE);
        }
        default(info);
    }));
}
