//! storage.conf (containers-storage.conf(5)), as Podman reads it for a rootless user: the file
//! `$CONTAINERS_STORAGE_CONF` names, else `~/.config/containers/storage.conf`, else
//! `/etc/containers/storage.conf` (the first that exists, alone). The keys hutch honours:
//! `[storage]` `driver`, `graphroot` (or `rootless_storage_path`) and `runroot`, and overlay's
//! `mount_program`; from the system file, whose `graphroot` and `runroot` are root's, only
//! `rootless_storage_path` places a user's store. Read once per process; a file that is not TOML is an error that names it,
//! as in Podman, not a file passed over.

use anyhow::{anyhow, Result};
use std::path::PathBuf;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageConf {
    /// The file it was read from.
    pub file: PathBuf,
    pub driver: Option<String>,
    /// `graphroot`, else `rootless_storage_path`, as written (`$HOME` and `$UID` unexpanded).
    pub graphroot: Option<String>,
    pub runroot: Option<String>,
    /// `[storage.options.overlay] mount_program` (or `[storage.options]`'s).
    pub mount_program: Option<PathBuf>,
}

impl StorageConf {
    /// The file hutch reads, if any exists, and what it says.
    pub fn get() -> Result<Option<&'static StorageConf>> {
        static LOADED: OnceLock<Result<Option<StorageConf>, String>> = OnceLock::new();
        LOADED.get_or_init(|| load().map_err(|e| format!("{e:#}"))).as_ref().map(Option::as_ref).map_err(|e| anyhow!("{e}"))
    }
}

fn load() -> Result<Option<StorageConf>> {
    let mut files = Vec::new();
    if let Some(p) = std::env::var_os("CONTAINERS_STORAGE_CONF") {
        files.push(PathBuf::from(p));
    }
    if let Some(home) = super::config_home() {
        files.push(home.join("containers/storage.conf"));
    }
    files.push(SYSTEM_FILE.into());
    let Some(file) = files.into_iter().find(|f| f.exists()) else { return Ok(None) };
    let text = std::fs::read_to_string(&file).map_err(|e| anyhow!("reading {}: {e}", file.display()))?;
    let system = file == std::path::Path::new(SYSTEM_FILE) && std::env::var_os("CONTAINERS_STORAGE_CONF").is_none();
    parse(file, &text, system).map(Some)
}

const SYSTEM_FILE: &str = "/etc/containers/storage.conf";

/// `system`: the system file, whose `graphroot` and `runroot` are root's store: a user's store
/// is its `rootless_storage_path` (as Podman reads it), and the runroot the default.
fn parse(file: PathBuf, text: &str, system: bool) -> Result<StorageConf> {
    let v: toml::Table = toml::from_str(text).map_err(|e| anyhow!("{}: {}: fix it or move it away", file.display(), e.message()))?;
    let storage = v.get("storage");
    let text_of = |key: &str| storage.and_then(|s| s.get(key)).and_then(|x| x.as_str()).map(String::from);
    let options = storage.and_then(|s| s.get("options"));
    let mount_program = options
        .and_then(|o| o.get("overlay").and_then(|ov| ov.get("mount_program")).or_else(|| o.get("mount_program")))
        .and_then(|p| p.as_str())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let (graphroot, runroot) = if system {
        (text_of("rootless_storage_path"), None)
    } else {
        (text_of("graphroot").or_else(|| text_of("rootless_storage_path")), text_of("runroot"))
    };
    Ok(StorageConf { driver: text_of("driver"), graphroot, runroot, mount_program, file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_hutch_honours() {
        let c = parse("s.conf".into(), "[storage]\ndriver = \"overlay\"\nrootless_storage_path = \"$HOME/store\"\n[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n", false).unwrap();
        assert_eq!(c.driver.as_deref(), Some("overlay"));
        assert_eq!(c.graphroot.as_deref(), Some("$HOME/store"));
        assert_eq!(c.mount_program, Some(PathBuf::from("/usr/bin/fuse-overlayfs")));
        let c = parse("s.conf".into(), "[storage]\ngraphroot = \"/g\"\nrootless_storage_path = \"/r\"\nrunroot = \"/run/x\"\n[storage.options]\nmount_program = \"/m\"\n", false).unwrap();
        assert_eq!((c.graphroot.as_deref(), c.runroot.as_deref(), c.mount_program), (Some("/g"), Some("/run/x"), Some(PathBuf::from("/m"))));
        assert_eq!(parse("s.conf".into(), "", false).unwrap(), StorageConf { file: "s.conf".into(), ..Default::default() });
    }

    #[test]
    fn the_system_files_store_is_roots() {
        let text = "[storage]\ngraphroot = \"/var/lib/containers/storage\"\nrunroot = \"/run/containers/storage\"\n";
        let c = parse(SYSTEM_FILE.into(), text, true).unwrap();
        assert_eq!((c.graphroot, c.runroot), (None, None));
        let text = "[storage]\ngraphroot = \"/var/lib/containers/storage\"\nrootless_storage_path = \"$HOME/s\"\n";
        let c = parse(SYSTEM_FILE.into(), text, true).unwrap();
        assert_eq!(c.graphroot.as_deref(), Some("$HOME/s"));
    }

    #[test]
    fn a_file_that_is_not_toml_is_named() {
        let e = parse("/home/a/.config/containers/storage.conf".into(), "[storage\ndriver = 1", false).unwrap_err();
        assert!(format!("{e:#}").starts_with("/home/a/.config/containers/storage.conf: "), "{e:#}");
        assert!(format!("{e:#}").ends_with(": fix it or move it away"), "{e:#}");
    }
}
