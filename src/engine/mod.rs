//! The verbs' work: options in, reports out. The engine never prints; it hands warnings to
//! the `notify` callback the CLI gives it and returns everything else in its reports.
pub mod archive;
pub mod autoupdate;
pub mod build;
pub mod cgroups;
pub mod commit;
pub mod events;
pub mod exec;
pub mod export;
pub mod confine;
pub mod containers;
pub mod cp;
pub mod generate;
pub mod health;
pub mod host_facts;
pub mod images;
pub mod import;
pub mod info;
pub mod mount;
pub mod network;
pub mod inspect;
pub mod inspect_container;
pub mod procfs;
pub mod progress;
pub mod ps_filter;
pub mod pull;
pub mod push;
pub mod report;
pub mod rootview;
pub mod driver;
pub mod rootfs;
pub mod create;
pub mod lifecycle;
pub mod manage;
pub mod pause;
pub mod logs;
pub mod logs_journal;
pub mod manifest;
pub mod manifest_push;
pub mod run_options;
pub mod search;
pub mod secrets;
pub mod sign;
pub mod sigstore;
pub mod start;
pub mod system;
pub mod stats;
pub mod top;
pub mod transport;
pub mod unshare;
pub mod update;
pub mod userns;
pub mod verify;
pub mod volumes;

use crate::state::paths::{PathOverrides, Paths};
use anyhow::Result;

pub struct Engine {
    pub paths: Paths,
    /// `--storage-driver`, when given.
    pub driver_flag: Option<String>,
    notify: Box<dyn Fn(&str) + Send + Sync>,
    /// The caller's id mapping, read once per command.
    mapping: std::sync::OnceLock<crate::runtime::idmap::IdMapping>,
}

/// `--volumepath` (passed on to the processes hutch starts), else containers.conf's.
fn volume_path() -> Option<std::path::PathBuf> {
    std::env::var_os(crate::config::VOLUME_PATH_ENV)
        .map(std::path::PathBuf::from)
        .or_else(|| crate::config::containers::ContainersConf::load().ok().and_then(|c| c.engine.volume_path).map(std::path::PathBuf::from))
}

impl Engine {
    pub fn new(over: &PathOverrides, notify: Box<dyn Fn(&str) + Send + Sync>) -> Result<Engine> {
        let conf = crate::config::storage::StorageConf::get()?;
        let places = crate::state::paths::ConfiguredPlaces { graphroot: conf.and_then(|c| c.graphroot.clone()), runroot: conf.and_then(|c| c.runroot.clone()) };
        let mut paths = Paths::resolve(over, &places)?;
        paths.volume_lookup = Some(volume_path);
        Ok(Engine { paths, driver_flag: over.storage_driver.clone(), notify, mapping: std::sync::OnceLock::new() })
    }

    /// A warning for the user (printed by the CLI on stderr).
    pub fn warn(&self, msg: &str) {
        (self.notify)(msg)
    }

    /// The caller's id mapping (read once per command), warning once when it is a single id.
    pub fn mapping(&self) -> crate::runtime::idmap::IdMapping {
        self.mapping
            .get_or_init(|| {
                let m = crate::runtime::idmap::for_caller();
                if let Some(w) = &m.warning {
                    self.warn(w);
                }
                m
            })
            .clone()
    }
}
