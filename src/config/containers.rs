//! containers.conf, as Podman reads it: `/usr/share/containers/containers.conf`, then
//! `/etc/containers/containers.conf` and its `containers.conf.d/*.conf`, then the user's
//! `~/.config/containers/containers.conf` and its drop-ins, later keys winning;
//! `$CONTAINERS_CONF` names the one file to read instead. Only the keys hutch honours are
//! kept here; the others are read past (they are Podman's to have).

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The keys hutch honours, by section; `None` where no file set them.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct ContainersConf {
    #[serde(default)]
    pub containers: ContainersKeys,
    #[serde(default)]
    pub network: NetworkKeys,
    #[serde(default)]
    pub engine: EngineKeys,
    /// The files read, in order.
    #[serde(skip)]
    pub sources: Vec<PathBuf>,
    /// Keys neither Podman nor hutch knows, with the file they are in (said as warnings).
    #[serde(skip)]
    pub unknown_keys: Vec<String>,
}

/// `[containers]`: a container's defaults.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct ContainersKeys {
    pub dns_servers: Option<Vec<String>>,
    pub dns_searches: Option<Vec<String>>,
    pub dns_options: Option<Vec<String>>,
    /// The default network mode (`private` is the rootless default).
    pub netns: Option<String>,
    pub no_hosts: Option<bool>,
    pub http_proxy: Option<bool>,
    pub default_capabilities: Option<Vec<String>>,
    pub default_ulimits: Option<Vec<String>>,
    /// The default --pids-limit, where a delegated cgroup takes it.
    pub pids_limit: Option<i64>,
    pub seccomp_profile: Option<String>,
    pub default_sysctls: Option<Vec<String>>,
    pub shm_size: Option<String>,
    /// The default --userns.
    pub userns: Option<String>,
    /// The default --init-path.
    pub init_path: Option<String>,
    /// Environment variables every container starts with (under the image's and the user's).
    pub env: Option<Vec<String>>,
    /// The default --env-host.
    pub env_host: Option<bool>,
    /// The default --tz.
    pub tz: Option<String>,
    /// The default --umask.
    pub umask: Option<String>,
    /// The default --init.
    pub init: Option<bool>,
    /// The default --log-driver, and the default --log-opt max-size (bytes, -1: no limit).
    pub log_driver: Option<String>,
    pub log_size_max: Option<i64>,
    /// Mounts (-v), devices (--device) and annotations every container gets.
    pub volumes: Option<Vec<String>>,
    pub devices: Option<Vec<String>>,
    pub annotations: Option<Vec<String>>,
}

/// `[network]`.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct NetworkKeys {
    /// slirp4netns or pasta.
    pub default_rootless_network_cmd: Option<String>,
}

/// `[engine]`: how the tool itself behaves.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct EngineKeys {
    /// Options of the network helper when --network gives none.
    pub network_cmd_options: Option<Vec<String>>,
    /// file (hutch's only log), journald (written to the file too), none.
    pub events_logger: Option<String>,
    /// bind, tmpfs or ignore (the default --image-volume).
    pub image_volume_mode: Option<String>,
    /// Where named volumes are kept.
    pub volume_path: Option<String>,
    /// The default --stop-timeout.
    pub stop_timeout: Option<u64>,
    /// The default --pull policy.
    pub pull_policy: Option<String>,
    /// Environment variables for hutch itself (a proxy for pulls, say).
    pub env: Option<Vec<String>>,
    /// Directories searched for helper programs (slirp4netns, pasta) before $PATH.
    pub helper_binaries_dir: Option<Vec<String>>,
    /// The default --detach-keys of run, start, attach and exec.
    pub detach_keys: Option<String>,
    /// The transport of a `pull` source or `push` destination named without one
    /// (`docker://`, the registries, when unset).
    pub image_default_transport: Option<String>,
}

/// `path`, then its `.d` directory's `*.conf` in name order.
fn with_dropins(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
    }
    let dir = PathBuf::from(format!("{}.d", path.display()));
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut extra: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "conf")).collect();
        extra.sort();
        out.extend(extra);
    }
}

impl ContainersConf {
    /// The files in Podman's order (later ones win).
    pub fn files() -> Vec<PathBuf> {
        if let Some(p) = std::env::var_os("CONTAINERS_CONF") {
            return vec![PathBuf::from(p)];
        }
        let mut files = Vec::new();
        let usr = Path::new("/usr/share/containers/containers.conf");
        if usr.is_file() {
            files.push(usr.to_path_buf());
        }
        with_dropins(Path::new("/etc/containers/containers.conf"), &mut files);
        if let Some(home) = crate::config::config_home() {
            with_dropins(&home.join("containers/containers.conf"), &mut files);
        }
        files
    }

    /// The files' keys, read once a process (a command reads them at start-up, for its engine
    /// and for `create`).
    pub fn load() -> Result<ContainersConf> {
        static LOADED: std::sync::OnceLock<std::result::Result<ContainersConf, String>> = std::sync::OnceLock::new();
        LOADED.get_or_init(|| Self::read().map_err(|e| format!("{e:#}"))).clone().map_err(|e| anyhow::anyhow!(e))
    }

    fn read() -> Result<ContainersConf> {
        let mut merged = toml::Table::new();
        let mut sources = Vec::new();
        let mut unknown = Vec::new();
        for f in Self::files() {
            let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            // Each file is checked on its own, so an error names the file it is in.
            let invalid = || format!("{} is not a valid containers.conf (TOML)", f.display());
            let table: toml::Table = toml::from_str(&text).with_context(invalid)?;
            Self::from_table(table.clone()).with_context(invalid)?;
            unknown.extend(crate::config::containers_keys::unknown(&table).into_iter().map(|k| format!("{}: unknown key {k}: ignored (neither Podman nor hutch has it)", f.display())));
            merge(&mut merged, table);
            sources.push(f);
        }
        let mut c = Self::from_table(merged).with_context(|| format!("reading containers.conf ({})", sources.iter().map(|s| s.display().to_string()).collect::<Vec<_>>().join(", ")))?;
        c.sources = sources;
        c.unknown_keys = unknown;
        // Read once a process: the event log's switch comes with the first full read.
        let _ = EVENTS_BACKEND.set(c.engine.events_logger.clone().unwrap_or_else(|| "file".into()));
        Ok(c)
    }

    /// The keys hutch honours, from the files' merged tables (the others are Podman's to have).
    fn from_table(t: toml::Table) -> Result<ContainersConf> {
        Ok(toml::Value::Table(t).try_into()?)
    }

    /// `[engine] env` and `helper_binaries_dir`, for this process and those it starts. Runs
    /// at start-up, with one thread (it sets environment variables).
    pub fn apply_to_process(&self) {
        for e in self.engine.env.iter().flatten() {
            if let Some((k, v)) = e.split_once('=') {
                std::env::set_var(k, v);
            }
        }
        if let Some(dirs) = self.engine.helper_binaries_dir.as_ref().filter(|d| !d.is_empty()) {
            let path = std::env::var("PATH").unwrap_or_default();
            let mut all: Vec<&str> = dirs.iter().map(String::as_str).collect();
            all.extend(path.split(':').filter(|p| !p.is_empty()));
            std::env::set_var("PATH", all.join(":"));
        }
    }

    /// `name` with `image_default_transport` in front when it has no transport of its own.
    pub fn with_default_transport(&self, name: &str) -> String {
        match self.engine.image_default_transport.as_deref().filter(|t| !t.is_empty() && *t != "docker://") {
            Some(t) if !crate::plan::transport::has_transport(name) => format!("{t}{name}"),
            _ => name.to_string(),
        }
    }

    /// The network mode used when `--network` is not given: `netns`, where `private` (and
    /// `bridge`, which rootless Podman also turns into it) means the rootless network command.
    pub fn default_network(&self) -> String {
        let cmd = self.network.default_rootless_network_cmd.clone().unwrap_or_else(|| "slirp4netns".into());
        let mode = match self.containers.netns.as_deref() {
            None | Some("") | Some("private") | Some("bridge") => cmd,
            Some(other) => other.to_string(),
        };
        match (&self.engine.network_cmd_options, mode.as_str()) {
            (Some(o), "slirp4netns" | "pasta") if !o.is_empty() => format!("{mode}:{}", o.join(",")),
            _ => mode,
        }
    }
}

/// Where events go: `--events-backend`, else containers.conf's `events_logger`: `file` (the
/// default), `journald` (the journal too) or `none`. Read once a process.
pub fn events_backend() -> String {
    // `--events-backend`, for this command and the processes it starts.
    if let Ok(b) = std::env::var(crate::config::EVENTS_BACKEND_ENV) {
        return b;
    }
    if let Some(b) = EVENTS_BACKEND.get() {
        return b.clone();
    }
    ContainersConf::load().ok().and_then(|c| c.engine.events_logger).unwrap_or_else(|| "file".into())
}

static EVENTS_BACKEND: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// One file over what the earlier ones set: its keys replace theirs, section by section.
fn merge(into: &mut toml::Table, file: toml::Table) {
    for (section, value) in file {
        match (into.get_mut(&section), value) {
            (Some(toml::Value::Table(old)), toml::Value::Table(new)) => old.extend(new),
            (_, value) => {
                into.insert(section, value);
            }
        }
    }
}

#[cfg(test)]
fn merge_text(into: &mut toml::Table, text: &str) -> Result<()> {
    merge(into, toml::from_str(text)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_keys_win_and_others_are_read_past() {
        let mut t = toml::Table::new();
        merge_text(&mut t, "[containers]\ndns_servers = [\"1.1.1.1\"]\nlog_size_max = -1\n[engine]\nruntime = \"crun\"\nnetwork_cmd_options = [\"allow_host_loopback=true\"]\n").unwrap();
        merge_text(&mut t, "[containers]\ndns_searches = [\"corp\"]\nenv = [\"A=1\"]\n[network]\nnetwork_backend = \"netavark\"\n").unwrap();
        let c = ContainersConf::from_table(t.clone()).unwrap();
        assert_eq!(c.containers.dns_servers.as_deref(), Some(&["1.1.1.1".to_string()][..]));
        assert_eq!(c.containers.dns_searches.as_deref(), Some(&["corp".to_string()][..]));
        assert_eq!(c.containers.log_size_max, Some(-1));
        assert_eq!(c.containers.env.as_deref(), Some(&["A=1".to_string()][..]));
        assert_eq!(c.default_network(), "slirp4netns:allow_host_loopback=true");
        merge_text(&mut t, "[containers]\nnetns = \"none\"\nenv = [\"B=2\"]\n").unwrap();
        let c = ContainersConf::from_table(t.clone()).unwrap();
        assert_eq!(c.default_network(), "none");
        assert_eq!(c.containers.env.as_deref(), Some(&["B=2".to_string()][..]), "a later list replaces an earlier one");
        assert_eq!(ContainersConf::default().default_network(), "slirp4netns");
        merge_text(&mut t, "[containers]\ndns_servers = \"1.1.1.1\"\n").unwrap();
        assert!(ContainersConf::from_table(t).is_err(), "a string where a list goes");
        assert!(merge_text(&mut toml::Table::new(), "[containers\n").is_err());
    }
}
