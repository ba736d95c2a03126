//! Where `save` and `export` write: `-o FILE` (written beside as FILE.part, renamed when
//! complete, so a failure leaves no truncated file), or standard output, never a terminal.

use crate::error::exit_error;
use anyhow::{Context, Result};
use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::path::Path;

/// Asks before a destructive command, on standard output as Podman does; an answer that
/// starts with y is yes. No answer (see [`answer`]) is an error, as in Podman.
pub fn confirm(warning: &str) -> Result<bool> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    write!(out, "{warning}\nAre you sure you want to continue? [y/N] ").and_then(|()| out.flush()).context("writing the question")?;
    drop(out);
    Ok(answer()?.to_lowercase().starts_with('y'))
}

/// How long an answer may take to arrive on a standard input that is not a terminal.
const PIPED_ANSWER_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// The line answering a question. From a terminal, whenever the person types it. Otherwise
/// (a pipe, a file, /dev/null: CI jobs, units) nothing waits on it for long: an answer piped
/// in (`echo y | hutch system prune`) is read, but end of input, or nothing within two seconds
/// (a pipe nobody writes to), is no answer: an error (Podman's "EOF"), never a hang.
pub fn answer() -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let mut line = String::new();
        if stdin.read_line(&mut line)? == 0 {
            return Err(exit_error(125, "EOF"));
        }
        return Ok(line);
    }
    let deadline = std::time::Instant::now() + PIPED_ANSWER_WAIT;
    let mut line = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let mut pfd = [nix::poll::PollFd::new(stdin.as_fd(), nix::poll::PollFlags::POLLIN)];
        let ready = nix::poll::poll(&mut pfd, nix::poll::PollTimeout::try_from(left).unwrap_or(nix::poll::PollTimeout::ZERO));
        if !matches!(ready, Ok(n) if n > 0) {
            if matches!(ready, Err(nix::errno::Errno::EINTR)) {
                continue;
            }
            return Err(exit_error(125, "no answer on standard input, which is not a terminal: use --force to go ahead without asking"));
        }
        let mut byte = [0u8; 1];
        // One byte at a time: nothing past the answer's line is taken from a shared input.
        match nix::unistd::read(stdin.as_fd(), &mut byte) {
            Ok(0) if line.is_empty() => return Err(exit_error(125, "EOF")),
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => line.push(byte[0]),
            Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
            Err(e) => return Err(anyhow::Error::from(e).context("reading the answer")),
        }
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
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
