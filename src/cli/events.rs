//! `events` and `healthcheck run`: the event log as Podman prints it, and one health check.
//! details), as JSON lines, or through a `--format` template; followed until interrupted,
//! or until `--until`, or read to its end with `--stream=false`.

use crate::cli::lazy::Lazy;
use crate::cli::format::Template;
use crate::engine::events::EventsOptions;
use crate::engine::Engine;
use crate::state::events::Event;
use anyhow::Result;
use clap::Args;
use std::io::Write;

/// Monitor hutch events
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  hutch events --filter event=died --since 10m --stream=false\n  hutch events --format json")]
pub struct EventsArgs {
    /// Filter output (container=, event= or status=, image=, label=KEY=VALUE, type=, volume=)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format the output using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not truncate the output (the default)
    #[arg(long = "no-trunc", value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", default_value = "true", require_equals = true, value_parser = clap::value_parser!(bool))]
    pub no_trunc: bool,
    /// Show all events created since timestamp
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Show all events until timestamp
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// Stream new events (true), or stop at the end of the log
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", default_value = "true", require_equals = true, value_parser = clap::value_parser!(bool), hide = true)]
    pub stream: bool,
}

/// Podman's ToHumanReadable.
pub fn human(e: &Event, truncate: bool) -> String {
    e.human(truncate)
}

pub fn events(eng: &Engine, a: EventsArgs) -> Result<i32> {
    let json = a.format.as_deref() == Some("json");
    let template = match a.format.as_deref() {
        Some(f) if f != "json" => Some(Template::parse(f)?),
        _ => None,
    };
    let o = EventsOptions { filters: a.filter, since: a.since, until: a.until, stream: a.stream };
    let out = std::io::stdout();
    let mut failed = None;
    eng.events(&o, &mut |e| {
        let line = if json {
            serde_json::to_string(e).unwrap_or_default()
        } else if let Some(t) = &template {
            let mut v = serde_json::to_value(e).unwrap_or_default();
            // In a template .Time is Go's time, as Podman prints it.
            v["Time"] = serde_json::Value::String(crate::util::time::go_time_string(e.time));
            // Podman's Event has every field: unset, a number is 0 and a string empty.
            if v.get("ContainerExitCode").is_none() {
                v["ContainerExitCode"] = serde_json::json!(0);
            }
            for k in ["ID", "Image", "Name", "Network", "HealthStatus"] {
                if v.get(k).is_none() {
                    v[k] = serde_json::json!("");
                }
            }
            match t.render(&v) {
                Ok(line) => line.trim_end_matches('\n').to_string(),
                Err(err) => {
                    failed = Some(err);
                    return false;
                }
            }
        } else {
            human(e, !a.no_trunc)
        };
        // A reader that went away (a closed pipe) ends it quietly.
        let mut lock = out.lock();
        writeln!(lock, "{line}").and_then(|_| lock.flush()).is_ok()
    })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// Manage health checks on containers
#[derive(clap::Subcommand, Debug)]
pub enum HealthcheckCommand {
    /// Run the health check of a container
    Run(Lazy<HealthcheckRunArgs>),
}

/// Run the health check of a container
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  hutch healthcheck run web")]
pub struct HealthcheckRunArgs {
    /// The container (name or id)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// Podman's `healthcheck run`: silent and 0 when the check passes; a failed check prints
/// `unhealthy` and exits 1 (whatever the container's status after it: failures within the
/// retries or the start period still count as one here, as in Podman); one that ran past its
/// timeout is Podman's error, exit 125.
pub fn healthcheck(eng: &Engine, c: HealthcheckCommand) -> Result<i32> {
    let HealthcheckCommand::Run(Lazy(a)) = c;
    let r = eng.healthcheck_run(&a.container)?;
    if let Some(t) = r.timed_out {
        return Err(crate::error::exit_error(125, format!("healthcheck command exceeded timeout of {}", crate::util::time::go_duration_string(t))));
    }
    if !r.passed {
        println!("unhealthy");
        return Ok(1);
    }
    Ok(0)
}
