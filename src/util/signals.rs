//! Signal names and numbers as Podman takes them: `SIGTERM`, `TERM`, `term`, `15`, `RTMIN+3`.

const NAMES: &[(&str, i32)] = &[
    ("HUP", libc::SIGHUP), ("INT", libc::SIGINT), ("QUIT", libc::SIGQUIT), ("ILL", libc::SIGILL),
    ("TRAP", libc::SIGTRAP), ("ABRT", libc::SIGABRT), ("IOT", libc::SIGIOT), ("BUS", libc::SIGBUS),
    ("FPE", libc::SIGFPE), ("KILL", libc::SIGKILL), ("USR1", libc::SIGUSR1), ("SEGV", libc::SIGSEGV),
    ("USR2", libc::SIGUSR2), ("PIPE", libc::SIGPIPE), ("ALRM", libc::SIGALRM), ("TERM", libc::SIGTERM),
    ("STKFLT", libc::SIGSTKFLT), ("CHLD", libc::SIGCHLD), ("CLD", libc::SIGCHLD), ("CONT", libc::SIGCONT),
    ("STOP", libc::SIGSTOP), ("TSTP", libc::SIGTSTP), ("TTIN", libc::SIGTTIN), ("TTOU", libc::SIGTTOU),
    ("URG", libc::SIGURG), ("XCPU", libc::SIGXCPU), ("XFSZ", libc::SIGXFSZ), ("VTALRM", libc::SIGVTALRM),
    ("PROF", libc::SIGPROF), ("WINCH", libc::SIGWINCH), ("IO", libc::SIGIO), ("POLL", libc::SIGPOLL),
    ("PWR", libc::SIGPWR), ("SYS", libc::SIGSYS),
];

/// Parses a signal as Podman does; the error says what is accepted.
pub fn parse(s: &str) -> Result<i32, String> {
    let t = s.trim();
    if let Ok(n) = t.parse::<i32>() {
        if (1..=64).contains(&n) {
            return Ok(n);
        }
        return Err(format!("invalid signal: {s}"));
    }
    let up = t.to_ascii_uppercase();
    let bare = up.strip_prefix("SIG").unwrap_or(&up);
    if let Some(&(_, n)) = NAMES.iter().find(|(name, _)| *name == bare) {
        return Ok(n);
    }
    let rt = |rest: &str, base: i32, sign: i32| -> Option<i32> {
        let off = if rest.is_empty() { 0 } else { rest.strip_prefix(if sign > 0 { '+' } else { '-' })?.parse::<i32>().ok()? };
        let n = base + sign * off;
        (libc::SIGRTMIN()..=libc::SIGRTMAX()).contains(&n).then_some(n)
    };
    if let Some(rest) = bare.strip_prefix("RTMIN") {
        if let Some(n) = rt(rest, libc::SIGRTMIN(), 1) {
            return Ok(n);
        }
    }
    if let Some(rest) = bare.strip_prefix("RTMAX") {
        if let Some(n) = rt(rest, libc::SIGRTMAX(), -1) {
            return Ok(n);
        }
    }
    Err(format!("invalid signal: {s}"))
}

/// `SIGTERM` for 15.
pub fn name(n: i32) -> String {
    NAMES
        .iter()
        .find(|(name, v)| *v == n && !matches!(*name, "IOT" | "CLD" | "POLL"))
        .map(|(name, _)| format!("SIG{name}"))
        .unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_podman() {
        assert_eq!(parse("SIGTERM"), Ok(15));
        assert_eq!(parse("term"), Ok(15));
        assert_eq!(parse("9"), Ok(9));
        assert_eq!(parse("KILL"), Ok(9));
        assert_eq!(parse("RTMIN+1"), Ok(libc::SIGRTMIN() + 1));
        assert!(parse("SIGNOPE").is_err());
        assert!(parse("0").is_err());
        assert_eq!(name(15), "SIGTERM");
        assert_eq!(name(17), "SIGCHLD");
    }
}
