//! `generate systemd`: a container's systemd unit (Podman's options; pods do not exist here).

use crate::cli::lazy::{Lazy, LazyGroup};
use crate::engine::generate::GenerateOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::unit::UnitOptions;
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

/// Generate structured data based on containers
#[derive(Subcommand, Debug)]
pub enum GenerateCommand {
    /// Generate systemd units
    Systemd(Lazy<SystemdArgs>),
    /// Turn Quadlet files (.container, .volume) into systemd units, as a systemd generator
    Quadlet(Lazy<QuadletArgs>),
}

/// Turn Quadlet files (.container, .volume) into systemd units
#[derive(Args, Debug)]
#[command(after_help = "Quadlet files are read from ~/.config/containers/systemd and /etc/containers/systemd/users (--user),\nelse /etc/containers/systemd and /usr/share/containers/systemd; $QUADLET_UNIT_DIRS (colon-separated) overrides.\nInstalled as a user generator: ln -s /usr/local/bin/hutch /usr/lib/systemd/user-generators/hutch-user-generator\n\nExamples:\n  hutch generate quadlet --user --dryrun")]
pub struct QuadletArgs {
    /// Generate user units (from the user's Quadlet directories)
    #[arg(long)]
    pub user: bool,
    /// Print the units instead of writing them
    #[arg(long)]
    pub dryrun: bool,
    /// Where to write the units (a generator's first argument; the other two are ignored)
    #[arg(value_name = "OUTDIR", num_args = 0..=3)]
    pub dirs: Vec<std::path::PathBuf>,
}

/// Generate systemd units
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  hutch generate systemd --new --name --files web\n  hutch generate systemd web > ~/.config/systemd/user/web.service")]
pub struct SystemdArgs {
    /// Use container names instead of IDs
    #[arg(short = 'n', long)]
    pub name: bool,
    /// Generate .service files instead of printing to stdout
    #[arg(short = 'f', long)]
    pub files: bool,
    /// Make it a template file and use %i and %I specifiers (implies --new)
    #[arg(long)]
    pub template: bool,
    /// Start timeout override
    #[arg(long = "start-timeout", value_name = "SECONDS")]
    pub start_timeout: Option<u64>,
    /// Stop timeout override
    #[arg(long = "stop-timeout", value_name = "SECONDS")]
    pub stop_timeout: Option<u64>,
    /// Backwards alias for --stop-timeout
    #[arg(short = 't', long = "time", value_name = "SECONDS", hide = true)]
    pub time: Option<u64>,
    /// Create a new container instead of starting an existing one
    #[arg(long)]
    pub new: bool,
    /// Skip header generation
    #[arg(long = "no-header")]
    pub no_header: bool,
    /// Systemd unit name prefix for containers
    #[arg(long = "container-prefix", value_name = "PREFIX", default_value = "container")]
    pub container_prefix: String,
    /// Systemd unit name prefix for pods (hutch has no pods: accepted, unused)
    #[arg(long = "pod-prefix", value_name = "PREFIX", default_value = "pod")]
    pub pod_prefix: String,
    /// Systemd unit name separator between name/id and prefix
    #[arg(long, value_name = "SEPARATOR", default_value = "-")]
    pub separator: String,
    /// Systemd restart-policy
    #[arg(long = "restart-policy", value_name = "POLICY")]
    pub restart_policy: Option<String>,
    /// Systemd restart-sec
    #[arg(long = "restart-sec", value_name = "SECONDS")]
    pub restart_sec: Option<u64>,
    /// Print the created units in specified format (json)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Add (weak) requirement dependencies to the generated unit file
    #[arg(long, value_name = "UNIT")]
    pub wants: Vec<String>,
    /// Add dependencies order to the generated unit file
    #[arg(long, value_name = "UNIT")]
    pub after: Vec<String>,
    /// Similar to wants, but declares stronger requirement dependencies
    #[arg(long, value_name = "UNIT")]
    pub requires: Vec<String>,
    /// Set environment variables to the systemd unit files
    #[arg(short = 'e', long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// The container (name or id)
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

/// How many last words of a create command are the image and its command, read with the
/// same definitions that parsed it.
fn positional_words(cmd: &[String]) -> Option<usize> {
    let cli = crate::cli::Cli::try_parse_from(cmd).ok()?;
    use crate::cli::Command;
    match cli.command {
        Command::Run(Lazy(r)) => Some(r.c.args.len()),
        Command::Create(Lazy(c)) => Some(c.c.args.len()),
        Command::Container(LazyGroup(crate::cli::container::ContainerCommand::Run(Lazy(r)))) => Some(r.c.args.len()),
        Command::Container(LazyGroup(crate::cli::container::ContainerCommand::Create(Lazy(c)))) => Some(c.c.args.len()),
        _ => None,
    }
}

/// The directories Quadlet files are read from, first wins for a name.
fn quadlet_dirs(user: bool) -> Vec<std::path::PathBuf> {
    if let Ok(v) = std::env::var("QUADLET_UNIT_DIRS") {
        return v.split(':').filter(|d| !d.is_empty()).map(std::path::PathBuf::from).collect();
    }
    if user {
        let mut v = Vec::new();
        if let Some(home) = crate::config::config_home() {
            v.push(home.join("containers/systemd"));
        }
        let uid = nix::unistd::geteuid().as_raw();
        v.push(std::path::PathBuf::from(format!("/etc/containers/systemd/users/{uid}")));
        v.push(std::path::PathBuf::from("/etc/containers/systemd/users"));
        v
    } else {
        vec!["/etc/containers/systemd".into(), "/usr/share/containers/systemd".into()]
    }
}

/// Quadlet's other kinds of file, and what hutch lacks for each.
const UNSUPPORTED_KINDS: [(&str, &str); 5] = [
    (".network", "hutch has no user-defined networks (`podman network`)"),
    (".kube", "hutch has no `kube play`"),
    (".pod", "hutch has no pods"),
    (".image", "write the image in the .container file's Image= (it is pulled when missing)"),
    (".build", "build the image with `hutch build` and name it in Image="),
];

fn quadlet(a: QuadletArgs) -> Result<i32> {
    let mut files = std::collections::BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    // A file of a kind hutch does not turn into a unit is said, not passed over.
    let mut failed = false;
    for d in quadlet_dirs(a.user) {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        let mut names: Vec<std::path::PathBuf> = rd.flatten().map(|e| e.path()).collect();
        names.sort();
        for p in names {
            let Some(base) = p.file_name().map(|b| b.to_string_lossy().into_owned()) else { continue };
            if let Some((kind, why)) = UNSUPPORTED_KINDS.iter().find(|(k, _)| base.ends_with(k)) {
                if seen.insert(base.clone()) {
                    eprintln!("Error: {}: {kind} files are not supported: {why}", p.display());
                    failed = true;
                }
                continue;
            }
            if !(base.ends_with(".container") || base.ends_with(".volume")) || !seen.insert(base) {
                continue;
            }
            let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
            files.insert(p.display().to_string(), text);
        }
    }
    let hutch = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "/usr/local/bin/hutch".into());
    // One bad file is said and skipped; the others still become units.
    let mut units = Vec::new();
    for unit in crate::plan::quadlet::generate(&files, &hutch) {
        match unit {
            Ok(u) => units.push(u),
            Err(e) => {
                eprintln!("Error: {e}");
                failed = true;
            }
        }
    }
    match (a.dryrun, a.dirs.first()) {
        (true, _) => {
            for u in &units {
                println!("---{}---\n{}", u.name, u.text);
            }
        }
        (false, Some(out)) => {
            std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
            for u in &units {
                let p = out.join(&u.name);
                std::fs::write(&p, &u.text).with_context(|| format!("writing {}", p.display()))?;
            }
            // Links after every unit is written; none may take a unit's own name.
            for u in &units {
                for link in u.links.iter().filter(|l| !units.iter().any(|other| &other.name == *l)) {
                    if let Err(e) = install_link(out, link, &u.name) {
                        eprintln!("Error: {}: [Install] {link}: {e:#}", u.name);
                        failed = true;
                    }
                }
            }
        }
        (false, None) => return Err(exit_error(125, "give the directory to write the units to (or --dryrun)")),
    }
    Ok(if failed { 1 } else { 0 })
}

/// `OUT/LINK` becomes a symlink to the unit `unit` in OUT (relative, as quadlet makes them),
/// replacing whatever link was there.
fn install_link(out: &std::path::Path, link: &str, unit: &str) -> Result<()> {
    let path = out.join(link);
    let depth = std::path::Path::new(link).components().count().saturating_sub(1);
    let target: std::path::PathBuf = std::iter::repeat("..").take(depth).collect::<std::path::PathBuf>().join(unit);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // A link made before is replaced; anything else there is left alone.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        let _ = std::fs::remove_file(&path);
    }
    std::os::unix::fs::symlink(&target, &path).with_context(|| format!("linking {} to {}", path.display(), target.display()))
}

pub fn generate(eng: &Engine, c: GenerateCommand) -> Result<i32> {
    let a = match c {
        GenerateCommand::Systemd(Lazy(a)) => a,
        GenerateCommand::Quadlet(Lazy(q)) => return quadlet(q),
    };
    if let Some(p) = a.restart_policy.as_deref().filter(|p| !crate::plan::unit::RESTART_POLICIES.contains(p)) {
        return Err(exit_error(125, format!("{p} is not a valid restart policy")));
    }
    if let Some(f) = a.format.as_deref().filter(|f| *f != "json") {
        return Err(exit_error(125, format!("{f} is not a supported format: use json")));
    }
    let info = crate::state::containers::load_create_info(&eng.paths, &eng.find_container(&a.container)?.id);
    let o = GenerateOptions {
        container: a.container.clone(),
        by_name: a.name,
        container_prefix: a.container_prefix,
        separator: a.separator,
        positional: positional_words(&info.create_command),
        unit: UnitOptions {
            new: a.new || a.template,
            template: a.template,
            no_header: a.no_header,
            restart_policy: a.restart_policy,
            restart_sec: a.restart_sec,
            start_timeout: a.start_timeout,
            stop_timeout: a.stop_timeout.or(a.time),
            wants: a.wants,
            after: a.after,
            requires: a.requires,
            env: a.env,
            timestamp: crate::util::time::go_unix_date(crate::util::time::now_unix()),
            version: env!("CARGO_PKG_VERSION").into(),
        },
    };
    let unit = eng.generate_systemd(&o)?;
    let file = format!("{}{}.service", unit.service_name, if a.template { "@" } else { "" });
    let shown = if a.files {
        let path = std::env::current_dir().context("the current directory")?.join(&file);
        std::fs::write(&path, &unit.text).with_context(|| format!("writing {}", path.display()))?;
        path.display().to_string()
    } else {
        unit.text.clone()
    };
    if a.format.is_some() {
        let mut m = serde_json::Map::new();
        m.insert(unit.service_name.clone(), serde_json::Value::String(shown));
        println!("{}", serde_json::to_string_pretty(&m)?);
    } else if a.files {
        println!("{shown}");
    } else {
        print!("{shown}");
    }
    Ok(0)
}
