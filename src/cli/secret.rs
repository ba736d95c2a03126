//! `hutch secret create|ls|inspect|rm`: Podman's verbs, output and messages.

use crate::cli::lazy::Lazy;
use crate::cli::run::pairs;
use crate::engine::secrets::{SecretCreate, SecretReport};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::util::time;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};

/// Manage secrets
#[derive(Subcommand, Debug)]
pub enum SecretCommand {
    Create(Lazy<CreateArgs>),
    #[command(name = "ls", visible_alias = "list")]
    Ls(Lazy<LsArgs>),
    Inspect(Lazy<InspectArgs>),
    Rm(Lazy<RmArgs>),
}

/// Create a new secret
#[derive(Args, Debug)]
#[command(override_usage = "hutch secret create [options] NAME FILE|-")]
pub struct CreateArgs {
    /// Specify secret driver (file, the default)
    #[arg(short = 'd', long, value_name = "DRIVER")]
    pub driver: Option<String>,
    /// Specify driver specific options
    #[arg(long = "driver-opts", value_name = "KEY=VALUE", value_delimiter = ',')]
    pub driver_opts: Vec<String>,
    /// Read secret data from the environment variable named by the second argument
    #[arg(long)]
    pub env: bool,
    /// Add labels to the secret
    #[arg(short = 'l', long = "label", value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    #[arg(value_name = "NAME")]
    pub name: String,
    /// A file, `-` for standard input, or with --env a variable's name
    #[arg(value_name = "FILE")]
    pub source: String,
}

/// List secrets
#[derive(Args, Debug)]
#[command(override_usage = "hutch secret ls [options]")]
pub struct LsArgs {
    /// Filter secret output: name=REGEX, id=PREFIX
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format secret output using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print headers
    #[arg(long)]
    pub noheading: bool,
    /// Print secret IDs only
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

/// Inspect a secret
#[derive(Args, Debug)]
#[command(override_usage = "hutch secret inspect [options] SECRET [SECRET...]")]
pub struct InspectArgs {
    /// Format inspect output using a Go template
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print inspect output in human-readable format
    #[arg(long)]
    pub pretty: bool,
    #[arg(value_name = "SECRET", required = true)]
    pub names: Vec<String>,
}

/// Remove one or more secrets
#[derive(Args, Debug)]
#[command(override_usage = "hutch secret rm [options] SECRET [SECRET...]")]
pub struct RmArgs {
    /// Remove all secrets
    #[arg(short = 'a', long)]
    pub all: bool,
    #[arg(value_name = "SECRET")]
    pub names: Vec<String>,
}

pub fn dispatch(eng: &Engine, c: SecretCommand) -> Result<i32> {
    match c {
        SecretCommand::Create(Lazy(a)) => create(eng, a),
        SecretCommand::Ls(Lazy(a)) => ls(eng, a),
        SecretCommand::Inspect(Lazy(a)) => inspect(eng, a),
        SecretCommand::Rm(Lazy(a)) => rm(eng, a),
    }
}

fn create(eng: &Engine, a: CreateArgs) -> Result<i32> {
    let data = if a.env {
        std::env::var(&a.source).map_err(|_| exit_error(125, format!("cannot create store secret data: environment variable {} is not set", a.source)))?.into_bytes()
    } else if a.source == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).context("reading the secret from standard input")?;
        buf
    } else {
        std::fs::read(&a.source).map_err(|e| exit_error(125, format!("open {}: {e}", a.source)))?
    };
    let id = eng.secret_create(&SecretCreate {
        name: a.name,
        data,
        driver: a.driver,
        driver_options: pairs(&a.driver_opts),
        labels: pairs(&a.label),
    })?;
    println!("{id}");
    Ok(0)
}

/// Podman's SecretInfoReport: times as its JSON writes them, or (for templates) as Go prints
/// a time.Time.
fn info_json(eng: &Engine, s: &SecretReport, template: bool) -> Value {
    let t = |nanos: i64| if template { time::go_time_string(nanos as i128) } else { time::go_json_time(nanos as i128) };
    let mut options = s.driver_options.clone();
    options.entry("path".into()).or_insert_with(|| eng.paths.secrets().to_string_lossy().into_owned());
    json!({
        "ID": s.id,
        "CreatedAt": t(s.created),
        "UpdatedAt": t(s.updated),
        "Spec": {
            "Name": s.name,
            "Driver": {"Name": s.driver, "Options": options},
            "Labels": s.labels,
        },
    })
}

fn ls(eng: &Engine, a: LsArgs) -> Result<i32> {
    let mut rows = eng.secret_list()?;
    for f in &a.filter {
        let (k, v) = f.split_once('=').ok_or_else(|| exit_error(125, format!("invalid filter {f:?}: use name=REGEX or id=PREFIX")))?;
        match k {
            "name" => {
                let re = regex::Regex::new(v).map_err(|e| exit_error(125, format!("invalid filter {f:?}: {e}")))?;
                rows.retain(|s| re.is_match(&s.name));
            }
            "id" => rows.retain(|s| s.id.starts_with(v)),
            _ => return Err(exit_error(125, format!("invalid filter {k:?}: use name or id"))),
        }
    }
    if a.quiet && a.format.is_none() {
        rows.iter().for_each(|s| println!("{}", s.id));
        return Ok(0);
    }
    let ago = |nanos: i64| time::ago(nanos / 1_000_000_000);
    let views: Vec<Value> = rows.iter().map(|s| json!({
        "ID": s.id, "Name": s.name, "Driver": s.driver, "CreatedAt": ago(s.created), "UpdatedAt": ago(s.updated),
    })).collect();
    let format = a.format.as_deref().unwrap_or("table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}");
    let headings = [("ID", "ID"), ("CreatedAt", "CREATED"), ("UpdatedAt", "UPDATED")];
    crate::cli::format::print_rows_with(format, &views, &views, &headings, a.noheading)?;
    Ok(0)
}

const PRETTY: &str = "ID:              {{.ID}}\nName:              {{.Spec.Name}}\n{{- if .Spec.Labels }}\nLabels:\n{{- range $k, $v := .Spec.Labels }}\n - {{ $k }}{{if $v }}={{ $v }}{{ end }}\n{{- end }}{{ end }}\nDriver:            {{.Spec.Driver.Name}}\nCreated at:        {{.CreatedAt}}\nUpdated at:        {{.UpdatedAt}}";

fn inspect(eng: &Engine, a: InspectArgs) -> Result<i32> {
    let template = a.pretty || a.format.as_deref().is_some_and(|f| !crate::cli::format::is_json(f));
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for n in &a.names {
        match eng.secret_find(n) {
            Ok(s) => found.push(info_json(eng, &s, template)),
            Err(e) => errors.push(format!("{e:#}")),
        }
    }
    match (a.pretty, a.format.as_deref()) {
        (true, _) => crate::cli::format::print_rows(PRETTY, &found)?,
        (false, Some(f)) if !crate::cli::format::is_json(f) => crate::cli::format::print_rows(f, &found)?,
        _ => {
            use serde::Serialize;
            let mut buf = Vec::new();
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b"    "));
            Value::Array(found).serialize(&mut ser)?;
            println!("{}", String::from_utf8_lossy(&buf));
        }
    }
    let Some(first) = errors.first() else { return Ok(0) };
    for e in &errors[1..] {
        eprintln!("error inspecting secret: {e}");
    }
    Err(exit_error(125, format!("inspecting secret: {first}")))
}

fn rm(eng: &Engine, a: RmArgs) -> Result<i32> {
    if a.all != a.names.is_empty() {
        return Err(exit_error(125, "`hutch secret rm` requires one argument, or the --all flag"));
    }
    let mut failed = Vec::new();
    for r in eng.secret_rm(&a.names, a.all)? {
        match r {
            Ok(id) => println!("{id}"),
            Err(e) => failed.push(format!("{e:#}")),
        }
    }
    let Some(last) = failed.pop() else { return Ok(0) };
    for e in &failed {
        eprintln!("Error: {e}");
    }
    Err(exit_error(125, last))
}
