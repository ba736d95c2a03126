//! Podman's global options: those hutch honours (--log-level, --noout, --events-backend,
//! --volumepath, --cgroup-manager cgroupfs, --runtime hutch), and those naming what hutch does
//! not have (a remote service, conmon, OCI hooks, another runtime), refused by name.

use crate::error::exit_error;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Default)]
pub struct GlobalFlags {
    /// Log messages at and above this level: trace, debug, info, warn, error, fatal, panic
    #[arg(long = "log-level", global = true, help_heading = "Global Options", value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// Do not output to stdout
    #[arg(long, global = true, help_heading = "Global Options")]
    pub noout: bool,
    /// Events backend: file, journald (the journal too, with Podman's fields) or none
    #[arg(long = "events-backend", global = true, help_heading = "Global Options", value_name = "BACKEND")]
    pub events_backend: Option<String>,
    /// Where named volumes are kept (default: ROOT/volumes, or containers.conf's volume_path)
    #[arg(long, global = true, help_heading = "Global Options", value_name = "PATH")]
    pub volumepath: Option<PathBuf>,
    /// Cgroup manager: cgroupfs (hutch writes the tree systemd delegates to you)
    #[arg(long = "cgroup-manager", value_name = "MANAGER")]
    pub cgroup_manager: Option<String>,
    /// OCI runtime: hutch runs containers with its own built-in runtime
    #[arg(long, value_name = "RUNTIME")]
    pub runtime: Option<String>,
    /// Options for the OCI runtime (refused: the runtime is built in)
    #[arg(long = "runtime-flag", value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
    /// Path of the conmon binary (refused: hutch's supervisor is built in)
    #[arg(long, value_name = "PATH")]
    pub conmon: Option<String>,
    /// Directory of OCI hooks (refused: hutch runs no hooks)
    #[arg(long = "hooks-dir", value_name = "PATH")]
    pub hooks_dir: Vec<String>,
    /// libpod namespace (refused: hutch has one set of containers per user)
    #[arg(long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,
    /// Path of the network helper (refused: slirp4netns or pasta from $PATH)
    #[arg(long = "network-cmd-path", value_name = "PATH")]
    pub network_cmd_path: Option<String>,
    /// Network configuration directory (refused: hutch has no network configurations)
    #[arg(long = "network-config-dir", value_name = "DIR")]
    pub network_config_dir: Option<String>,
    /// Storage driver options (refused, but for an empty value: use storage.conf)
    #[arg(long = "storage-opt", value_name = "OPTION")]
    pub storage_opt: Vec<String>,
    /// Output logging information to syslog (refused: messages go to stderr)
    #[arg(long)]
    pub syslog: bool,
    /// Path of libpod's temporary state (refused: hutch keeps it under --runroot)
    #[arg(long, value_name = "PATH")]
    pub tmpdir: Option<String>,
    /// Connection to a remote service (refused: hutch has no remote)
    #[arg(long, value_name = "NAME")]
    pub connection: Option<String>,
    /// Access a remote service (refused: hutch has no remote)
    #[arg(long)]
    pub remote: bool,
    /// URL of a remote service (refused: hutch has no remote)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// SSH identity for a remote service (refused: hutch has no remote)
    #[arg(long, value_name = "PATH")]
    pub identity: Option<String>,
    /// SSH mode for a remote service (refused: hutch has no remote)
    #[arg(long, value_name = "MODE")]
    pub ssh: Option<String>,
}

use crate::config::{EVENTS_BACKEND_ENV, VOLUME_PATH_ENV};

/// Whether warnings are shown at this `--log-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verbosity {
    pub warnings: bool,
}

impl GlobalFlags {
    /// Checks the options and applies those that act on the whole process. Runs first, with
    /// one thread (it sets environment variables).
    pub fn apply(&self) -> Result<Verbosity> {
        let no_remote = |flag: &str| exit_error(125, format!("{flag}: hutch has no remote service; it runs containers on this machine only"));
        if self.remote {
            return Err(no_remote("--remote"));
        }
        for (flag, given) in [("--connection", &self.connection), ("--url", &self.url), ("--identity", &self.identity), ("--ssh", &self.ssh)] {
            if given.is_some() {
                return Err(no_remote(flag));
            }
        }
        let refused = [
            ("--conmon", self.conmon.is_some(), "hutch's per-container supervisor is built in"),
            ("--runtime-flag", !self.runtime_flag.is_empty(), "the OCI runtime is built into hutch and takes no flags"),
            ("--hooks-dir", !self.hooks_dir.is_empty(), "hutch runs no OCI hooks"),
            ("--namespace", self.namespace.is_some(), "hutch keeps one set of containers per user"),
            ("--network-cmd-path", self.network_cmd_path.is_some(), "hutch runs slirp4netns or pasta from $PATH"),
            ("--network-config-dir", self.network_config_dir.is_some(), "hutch has no network configurations"),
            ("--syslog", self.syslog, "hutch writes its messages to stderr (the journal keeps them under systemd)"),
            ("--tmpdir", self.tmpdir.is_some(), "hutch keeps its temporary state under --runroot"),
        ];
        if let Some((flag, _, why)) = refused.iter().find(|(_, given, _)| *given) {
            return Err(exit_error(125, format!("{flag} is not supported: {why}")));
        }
        if let Some(o) = self.storage_opt.iter().find(|o| !o.is_empty()) {
            return Err(exit_error(125, format!("--storage-opt {o}: not supported by hutch; set the driver with --storage-driver or in storage.conf")));
        }
        match self.cgroup_manager.as_deref() {
            None | Some("cgroupfs") => {}
            Some("systemd") => return Err(exit_error(125, "--cgroup-manager systemd: hutch manages its cgroups itself (cgroupfs), in the tree systemd delegates to you")),
            Some(m) => return Err(exit_error(125, format!("invalid cgroup manager {m:?}: use cgroupfs"))),
        }
        if let Some(r) = self.runtime.as_deref() {
            let name = std::path::Path::new(r).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name != "hutch" {
                return Err(exit_error(125, format!("--runtime {r}: hutch runs containers with its own built-in runtime (`--runtime hutch`)")));
            }
        }
        let warnings = match self.log_level.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("trace" | "debug" | "info" | "warn" | "warning") => true,
            Some("error" | "fatal" | "panic") => false,
            Some(l) => return Err(exit_error(125, format!("log level {l:?} is not supported: use trace, debug, info, warn, error, fatal or panic"))),
        };
        match self.events_backend.as_deref() {
            None => {}
            Some(b @ ("file" | "journald" | "none")) => std::env::set_var(EVENTS_BACKEND_ENV, b),
            Some(b) => return Err(exit_error(125, format!("invalid events backend {b:?}: use file, journald or none"))),
        }
        if let Some(p) = &self.volumepath {
            std::env::set_var(VOLUME_PATH_ENV, std::path::absolute(p).unwrap_or_else(|_| p.clone()));
        }
        if self.noout {
            crate::runtime::io::stdout_to_null();
        }
        Ok(Verbosity { warnings })
    }
}
