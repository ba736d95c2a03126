//! `start`, `stop`, `kill`, `restart`, `wait` and `logs`.

use crate::engine::lifecycle::{BatchReport, Targets};
use crate::engine::report::{AttachRequest, Attached};
use crate::engine::logs::LogsOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::supervisor::log::Stream;
use anyhow::{Context, Result};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Prints the handled keys and the failures; the exit code is the last failure's (Podman
/// returns the last error).
pub fn finish(report: &BatchReport, print_done: bool) -> i32 {
    if print_done {
        let mut out = std::io::stdout().lock();
        for k in &report.done {
            if writeln!(out, "{k}").is_err() {
                break;
            }
        }
    }
    for f in &report.failures {
        eprintln!("Error: {}", f.message);
    }
    report.failures.last().map_or(0, |f| f.code)
}

/// Container names or ids given on the command line and in `--cidfile` files.
pub(crate) fn keys_with_cidfiles(keys: &[String], cidfiles: &[PathBuf], ignore: bool) -> Result<Vec<String>> {
    let mut out = keys.to_vec();
    for f in cidfiles {
        match std::fs::read_to_string(f) {
            Ok(s) => out.push(s.trim().to_string()),
            Err(e) if ignore && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(exit_error(125, format!("reading CIDFile {}: {e}", f.display()))),
        }
    }
    Ok(out)
}

pub(crate) fn need_targets(keys: &[String], all: bool, latest: bool) -> Result<()> {
    if keys.is_empty() && !all && !latest {
        return Err(exit_error(125, "you must provide at least one container name or id"));
    }
    if !keys.is_empty() && (all || latest) {
        return Err(exit_error(125, "--all, --latest and containers cannot be used together"));
    }
    Ok(())
}

/// Start one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch start [options] CONTAINER [CONTAINER...]")]
pub struct StartArgs {
    /// Attach container's STDOUT and STDERR
    #[arg(short = 'a', long)]
    pub attach: bool,
    /// Keep STDIN open even if not attached
    #[arg(short = 'i', long)]
    pub interactive: bool,
    /// Start all containers regardless of their state or configuration
    #[arg(long)]
    pub all: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Override the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Filter what containers start (with --all)
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Proxy received signals to the process (default true if attaching, false otherwise)
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub sig_proxy: Option<String>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn start(eng: &Engine, a: StartArgs) -> Result<i32> {
    if a.sig_proxy.as_deref().is_some_and(|v| v != "false") && !a.attach {
        return Err(exit_error(125, "you cannot use sig-proxy without --attach: invalid argument"));
    }
    if a.filter.is_empty() {
        need_targets(&a.containers, a.all, a.latest)?;
    } else if !a.containers.is_empty() {
        return Err(exit_error(125, "--filter takes no container names or ids"));
    }
    let mut report = BatchReport::default();
    let t = Targets { keys: a.containers.clone(), all: a.all, latest: a.latest, filter: a.filter.clone(), ..Default::default() };
    let targets = eng.targets(&t, &mut report)?;
    if a.attach || a.interactive {
        if targets.len() != 1 || !report.failures.is_empty() {
            let code = finish(&report, false);
            if code != 0 {
                return Ok(code);
            }
            return Err(exit_error(125, "you cannot start and attach multiple containers at once"));
        }
        let (_, rec) = &targets[0];
        let req = AttachRequest {
            stdin: a.interactive,
            detach_keys: detach_keys(a.detach_keys.as_deref())?,
            sig_proxy: a.sig_proxy.as_deref() != Some("false"),
            outputs: [true, true],
        };
        // Detached: the container runs on; Podman prints nothing more.
        return attached_exit(eng.start_and_attach(&rec.id, &req)?);
    }
    for (key, rec) in targets {
        match eng.start_detached(&rec.id) {
            // Podman prints nothing for a container that was running already.
            Ok(false) => {}
            Ok(true) => report.done.push(key),
            Err(e) => report.fail(&key, crate::error::exit_code_of(&e), format!("{e:#}")),
        }
    }
    Ok(finish(&report, true))
}

/// Stop one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch stop [options] CONTAINER [CONTAINER...]")]
pub struct StopArgs {
    /// Stop all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Ignore errors when a specified container is missing
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", visible_alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u64>,
    /// Filter what containers are going to be stopped
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn stop(eng: &Engine, a: StopArgs) -> Result<i32> {
    let keys = keys_with_cidfiles(&a.containers, &a.cidfile, a.ignore)?;
    if a.filter.is_empty() && (a.cidfile.is_empty() || !keys.is_empty()) {
        need_targets(&keys, a.all, a.latest)?;
    }
    let t = Targets { keys, all: a.all, latest: a.latest, ignore: a.ignore, filter: a.filter.clone(), ..Default::default() };
    let report = eng.stop(&t, a.time)?;
    Ok(finish(&report, true))
}

/// Kill one or more running containers with a specific signal
#[derive(Args, Debug)]
#[command(override_usage = "hutch kill [options] CONTAINER [CONTAINER...]")]
pub struct KillArgs {
    /// Signal all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Signal to send to the container
    #[arg(short = 's', long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn kill(eng: &Engine, a: KillArgs) -> Result<i32> {
    let keys = keys_with_cidfiles(&a.containers, &a.cidfile, false)?;
    need_targets(&keys, a.all, a.latest)?;
    let sig = crate::util::signals::parse(&a.signal).map_err(|_| exit_error(125, format!("invalid signal: {}: valid signals are 1 through 64", a.signal)))?;
    let t = Targets { keys, all: a.all, latest: a.latest, ..Default::default() };
    let report = eng.kill(&t, sig)?;
    Ok(finish(&report, true))
}

/// Restart one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch restart [options] CONTAINER [CONTAINER...]")]
pub struct RestartArgs {
    /// Restart all non-running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Restart only running containers
    #[arg(long)]
    pub running: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Filter what containers restart
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", visible_alias = "timeout", value_name = "SECONDS")]
    pub time: Option<u64>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn restart(eng: &Engine, a: RestartArgs) -> Result<i32> {
    let keys = keys_with_cidfiles(&a.containers, &a.cidfile, false)?;
    if a.filter.is_empty() {
        need_targets(&keys, a.all, a.latest)?;
    }
    let t = Targets { keys, all: a.all, latest: a.latest, running_only: a.running, filter: a.filter.clone(), ..Default::default() };
    let report = eng.restart(&t, a.time)?;
    Ok(finish(&report, true))
}

/// Block on one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch wait [options] CONTAINER [CONTAINER...]")]
pub struct WaitArgs {
    /// Condition to wait on (created, running, stopped, exited; repeatable)
    #[arg(long, value_name = "STATE")]
    pub condition: Vec<String>,
    /// Time interval to wait before polling for completion
    #[arg(short = 'i', long, value_name = "DURATION", default_value = "250ms")]
    pub interval: String,
    /// Ignore if a container does not exist
    #[arg(long)]
    pub ignore: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn wait(eng: &Engine, a: WaitArgs) -> Result<i32> {
    need_targets(&a.containers, false, a.latest)?;
    let interval = crate::util::time::parse_go_duration(&a.interval)
        .or_else(|| a.interval.parse::<i128>().ok().map(|ms| ms * 1_000_000))
        .filter(|n| *n > 0)
        .ok_or_else(|| exit_error(125, format!("invalid interval \"{}\": use a duration such as 250ms", a.interval)))?;
    let t = Targets { keys: a.containers.clone(), latest: a.latest, ignore: a.ignore, ..Default::default() };
    let report = eng.wait(&t, &a.condition, std::time::Duration::from_nanos(interval as u64), |_, code| {
        println!("{code}");
    })?;
    Ok(finish(&report, false))
}

/// Fetch the logs of one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch logs [options] CONTAINER [CONTAINER...]")]
pub struct LogsArgs {
    /// Follow log output
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Output the container name in the log
    #[arg(short = 'n', long)]
    pub names: bool,
    /// Output the containers with different colors in the log
    #[arg(long)]
    pub color: bool,
    /// Show logs since TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// Output the specified number of LINES at the end of the logs (-1: all)
    #[arg(long, value_name = "LINES", default_value = "-1", allow_hyphen_values = true)]
    pub tail: i64,
    /// Output the timestamps in the log
    #[arg(short = 't', long)]
    pub timestamps: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

pub fn logs(eng: &Engine, a: LogsArgs) -> Result<i32> {
    need_targets(&a.containers, false, a.latest)?;
    let time = |flag: &str, v: &Option<String>| -> Result<Option<i128>> {
        v.as_deref()
            .map(|s| crate::util::time::parse_input_time(s, flag == "since").ok_or_else(|| exit_error(125, format!("parsing --{flag} {s:?}: unable to interpret time value"))))
            .transpose()
    };
    let o = LogsOptions {
        follow: a.follow,
        tail: (a.tail >= 0).then_some(a.tail as usize),
        since: time("since", &a.since)?,
        until: time("until", &a.until)?,
    };
    let t = Targets { keys: a.containers.clone(), latest: a.latest, ..Default::default() };
    // Podman prefixes lines only when it shows several containers: the name with --names,
    // else the short id.
    let names = a.containers.len() > 1;
    let mut line_start = std::collections::HashMap::new();
    // --color: Podman's colours, one per container in turn (only with several containers).
    const COLORS: [u8; 7] = [37, 31, 33, 34, 35, 36, 32];
    let mut colors: Vec<String> = Vec::new();
    let out = std::io::stdout();
    let err = std::io::stderr();
    let report = eng.logs(&t, &o, &mut |rec, e| {
        let start = line_start.entry(rec.id.clone()).or_insert(true);
        let mut buf = Vec::with_capacity(e.text.len() + 64);
        let color = (a.color && names).then(|| {
            let i = colors.iter().position(|c| *c == rec.id).unwrap_or_else(|| {
                colors.push(rec.id.clone());
                colors.len() - 1
            });
            COLORS[i % COLORS.len()]
        });
        if let Some(c) = color {
            buf.extend_from_slice(format!("\x1b[{c}m").as_bytes());
        }
        if *start {
            if names {
                buf.extend_from_slice(format!("{} ", if a.names { rec.name.as_str() } else { rec.short_id() }).as_bytes());
            }
            if a.timestamps {
                // Go prints a zero offset as `Z`.
                let stamp = e.stamp.strip_suffix("+00:00").map(|s| format!("{s}Z")).unwrap_or_else(|| e.stamp.clone());
                buf.extend_from_slice(format!("{stamp} ").as_bytes());
            }
        }
        buf.extend_from_slice(&e.text);
        if color.is_some() {
            buf.extend_from_slice(b"\x1b[0m");
        }
        if e.full {
            buf.push(b'\n');
        }
        *start = e.full;
        let r = match e.stream {
            Stream::Stdout => out.lock().write_all(&buf).and_then(|_| out.lock().flush()),
            Stream::Stderr => err.lock().write_all(&buf),
        };
        r.is_ok()
    }).context("reading logs")?;
    Ok(finish(&report, false))
}

/// `--detach-keys` as given, else containers.conf's `detach_keys`, else ctrl-p,ctrl-q.
pub(crate) fn detach_keys(given: Option<&str>) -> Result<Vec<u8>> {
    let conf = crate::config::containers::ContainersConf::load().ok().and_then(|c| c.engine.detach_keys);
    let keys = given.map(str::to_string).or(conf).unwrap_or_else(|| "ctrl-p,ctrl-q".to_string());
    crate::supervisor::attach::parse_detach_keys(&keys).map_err(|e| exit_error(125, e))
}

/// The exit code for an attached session's end; a signal that was not proxied ends us too.
pub(crate) fn attached_exit(end: Attached) -> Result<i32> {
    match end {
        Attached::Exited(code) => Ok(code),
        Attached::Detached => Ok(0),
        Attached::Signalled(sig) => {
            crate::runtime::io::die_of_signal(sig);
            Ok(128 + sig)
        }
    }
}
