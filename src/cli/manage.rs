//! `attach`, `rename`, `port`, `pause`, `unpause`, `container exists`, `container prune`.

use crate::engine::report::AttachRequest;
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::Args;

/// Attach to a running container
#[derive(Args, Debug)]
#[command(override_usage = "hutch attach [options] CONTAINER")]
pub struct AttachArgs {
    /// Select the key sequence for detaching a container (default ctrl-p,ctrl-q; "" for none)
    #[arg(long = "detach-keys", value_name = "KEYS")]
    pub detach_keys: Option<String>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Do not attach STDIN
    #[arg(long = "no-stdin")]
    pub no_stdin: bool,
    /// Proxy received signals to the container's process
    #[arg(long = "sig-proxy", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", default_value = "true", require_equals = true)]
    pub sig_proxy: String,
    #[arg(value_name = "CONTAINER")]
    pub container: Option<String>,
}

fn one_container(eng: &Engine, key: Option<String>, latest: bool) -> Result<String> {
    match (key, latest) {
        (Some(k), false) => Ok(k),
        (None, true) => eng.ps(true, false)?.into_iter().last().map(|r| r.record.id).ok_or_else(|| exit_error(125, "no containers to act on")),
        (Some(_), true) => Err(exit_error(125, "--latest and containers cannot be used together")),
        (None, false) => Err(exit_error(125, "you must provide a container name or id")),
    }
}

pub fn attach(eng: &Engine, a: AttachArgs) -> Result<i32> {
    let keys = crate::cli::lifecycle::detach_keys(a.detach_keys.as_deref())?;
    let key = one_container(eng, a.container, a.latest)?;
    let req = AttachRequest { stdin: !a.no_stdin, detach_keys: keys, sig_proxy: a.sig_proxy != "false", outputs: [true, true] };
    let end = eng.attach(&key, &req)?;
    // Podman prints a newline when the session ends, however it ends.
    println!();
    crate::cli::lifecycle::attached_exit(end)
}

/// Rename an existing container
#[derive(Args, Debug)]
#[command(override_usage = "hutch rename CONTAINER NAME")]
pub struct RenameArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "NAME")]
    pub name: String,
}

pub fn rename(eng: &Engine, a: RenameArgs) -> Result<i32> {
    eng.rename(&a.container, &a.name)?;
    Ok(0)
}

/// List port mappings or a specific mapping for the container
#[derive(Args, Debug)]
#[command(override_usage = "hutch port [options] CONTAINER [PRIVATE_PORT[/PROTO]]")]
pub struct PortArgs {
    /// Display port information for all containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    #[arg(value_name = "ARG")]
    pub args: Vec<String>,
}

pub fn port(eng: &Engine, a: PortArgs) -> Result<i32> {
    if a.args.len() > 2 {
        return Err(exit_error(125, "`port` accepts at most 2 arguments"));
    }
    let (key, port) = if a.all || a.latest { (None, a.args.first().cloned()) } else { (a.args.first().cloned(), a.args.get(1).cloned()) };
    if a.all && a.latest {
        return Err(exit_error(125, "--all and --latest cannot be used together"));
    }
    if !a.all && !a.latest && key.is_none() {
        return Err(exit_error(125, "you must supply a running container name or id"));
    }
    // The port asked for, as Podman reads it: PORT or PORT/PROTO.
    let wanted = match &port {
        None => None,
        Some(p) => {
            let (num, proto) = match p.split_once('/') {
                Some((n, pr)) if !pr.contains('/') => (n, pr),
                Some(_) => return Err(exit_error(125, format!("port formats are port/protocol. '{p}' is invalid"))),
                None => (p.as_str(), "tcp"),
            };
            let n: u16 = num.parse().map_err(|_| exit_error(125, format!("invalid port {num:?}: a number from 1 to 65535")))?;
            Some((n, proto.to_string()))
        }
    };
    let rows = eng.ps(true, false)?;
    let chosen: Vec<&crate::engine::containers::PsRow> = match &key {
        Some(k) => {
            let rec = eng.find_container(k)?;
            rows.iter().filter(|r| r.record.id == rec.id).collect()
        }
        None if a.latest => rows.iter().max_by_key(|r| r.record.created_ns).into_iter().collect(),
        None => rows.iter().collect(),
    };
    let mut out = String::new();
    let mut found = false;
    // Only running containers have ports (Podman's rule).
    for r in chosen.iter().filter(|r| r.status == crate::state::containers::Status::Running) {
        let prefix = if a.all { format!("{}\t", r.record.short_id()) } else { String::new() };
        for m in &r.record.settings.ports {
            let ip = if m.host_ip.is_empty() { "0.0.0.0" } else { m.host_ip.as_str() };
            for (h, c) in m.pairs() {
                match &wanted {
                    Some((n, proto)) => {
                        if *n == c && *proto == m.protocol {
                            out.push_str(&format!("{ip}:{h}\n"));
                            found = true;
                        }
                    }
                    None => out.push_str(&format!("{prefix}{c}/{} -> {ip}:{h}\n", m.protocol)),
                }
            }
        }
    }
    print!("{out}");
    if let (Some((n, proto)), false) = (&wanted, found) {
        return Err(exit_error(125, format!("failed to find published port \"{n}/{proto}\"")));
    }
    Ok(0)
}

/// Pause all the processes in one or more containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch pause [options] CONTAINER [CONTAINER...]")]
pub struct PauseArgs {
    /// Pause all running containers
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Read the container ID from the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<std::path::PathBuf>,
    /// Filter what containers are paused
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// pause (`freeze`) and unpause: the cgroup freezer of each container's own cgroup.
pub fn pause(eng: &Engine, a: PauseArgs, freeze: bool) -> Result<i32> {
    let keys = crate::cli::lifecycle::keys_with_cidfiles(&a.containers, &a.cidfile, false)?;
    let all = a.all || !a.filter.is_empty();
    crate::cli::lifecycle::need_targets(&keys, all, a.latest)?;
    let t = crate::engine::report::Targets { keys, all: a.all, latest: a.latest, filter: a.filter.clone(), ..Default::default() };
    let report = eng.pause(&t, freeze)?;
    Ok(crate::cli::lifecycle::finish(&report, true))
}

/// Check if a container exists in local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch container exists [options] CONTAINER")]
pub struct ExistsArgs {
    /// Check external (non-hutch) containers as well (hutch has none)
    #[arg(long)]
    pub external: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn exists(eng: &Engine, a: ExistsArgs) -> Result<i32> {
    Ok(if eng.container_exists(&a.container)? { 0 } else { 1 })
}

/// Remove all non running containers
#[derive(Args, Debug)]
#[command(override_usage = "hutch container prune [options]")]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Provide filter values (label=KEY[=VALUE], label!=..., until=TIME)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(eng: &Engine, a: PruneArgs) -> Result<i32> {
    let mut labels = Vec::new();
    let mut until = None;
    for f in &a.filter {
        let (k, v) = f.split_once('=').ok_or_else(|| exit_error(125, format!("invalid filter \"{f}\"")))?;
        match k {
            "label" | "label!" => {
                let (lk, lv) = match v.split_once('=') {
                    Some((a, b)) => (a.to_string(), Some(b.to_string())),
                    None => (v.to_string(), None),
                };
                labels.push((lk, lv, k == "label!"));
            }
            "until" => {
                let t = crate::util::time::parse_input_time(v, true).ok_or_else(|| exit_error(125, format!("invalid until filter \"{v}\"")))?;
                until = Some((t / 1_000_000_000) as i64);
            }
            other => return Err(exit_error(125, format!("{other} is an invalid filter"))),
        }
    }
    if !a.force && !crate::cli::output::confirm("WARNING! This will remove all non running containers.")? {
        return Ok(0);
    }
    let report = eng.container_prune(&labels, until)?;
    Ok(crate::cli::lifecycle::finish(&report, true))
}
