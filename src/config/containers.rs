//! containers.conf, as Podman reads it: `/usr/share/containers/containers.conf`, then
//! `/etc/containers/containers.conf` and its `containers.conf.d/*.conf`, then the user's
//! `~/.config/containers/containers.conf` and its drop-ins, later keys winning;
//! `$CONTAINERS_CONF` names the one file to read instead. Only the keys hutch honours are
//! kept here; the others are read past (they are Podman's to have).

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The keys hutch honours; `None` where no file set them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ContainersConf {
    /// [containers] dns_servers, dns_searches, dns_options.
    pub dns_servers: Option<Vec<String>>,
    pub dns_searches: Option<Vec<String>>,
    pub dns_options: Option<Vec<String>>,
    /// [containers] netns: the default network mode (`private` is the rootless default).
    pub netns: Option<String>,
    /// [containers] no_hosts.
    pub no_hosts: Option<bool>,
    /// [containers] http_proxy.
    pub http_proxy: Option<bool>,
    /// [network] default_rootless_network_cmd: slirp4netns or pasta.
    pub default_rootless_network_cmd: Option<String>,
    /// [engine] network_cmd_options: options of the network helper when --network gives none.
    pub network_cmd_options: Option<Vec<String>>,
    /// [containers] default_capabilities, default_ulimits, seccomp_profile.
    pub default_capabilities: Option<Vec<String>>,
    pub default_ulimits: Option<Vec<String>>,
    pub seccomp_profile: Option<String>,
    /// [containers] default_sysctls, shm_size.
    pub default_sysctls: Option<Vec<String>>,
    pub shm_size: Option<String>,
    /// [containers] userns: the default --userns.
    pub userns: Option<String>,
    /// [engine] events_logger: file (hutch's only log), journald (written to the file too), none.
    pub events_logger: Option<String>,
    /// [engine] image_volume_mode: bind, tmpfs or ignore (the default --image-volume).
    pub image_volume_mode: Option<String>,
    /// [engine] volume_path: where named volumes are kept.
    pub volume_path: Option<String>,
    /// [containers] init_path: the default --init-path.
    pub init_path: Option<String>,
    /// The files read, in order.
    pub sources: Vec<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    containers: Containers,
    #[serde(default)]
    network: Network,
    #[serde(default)]
    engine: Engine,
}

#[derive(Debug, Default, Deserialize)]
struct Containers {
    dns_servers: Option<Vec<String>>,
    dns_searches: Option<Vec<String>>,
    dns_options: Option<Vec<String>>,
    netns: Option<String>,
    no_hosts: Option<bool>,
    http_proxy: Option<bool>,
    default_capabilities: Option<Vec<String>>,
    default_ulimits: Option<Vec<String>>,
    seccomp_profile: Option<String>,
    default_sysctls: Option<Vec<String>>,
    shm_size: Option<String>,
    userns: Option<String>,
    init_path: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Network {
    default_rootless_network_cmd: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Engine {
    network_cmd_options: Option<Vec<String>>,
    events_logger: Option<String>,
    image_volume_mode: Option<String>,
    volume_path: Option<String>,
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

    pub fn load() -> Result<ContainersConf> {
        let mut c = ContainersConf::default();
        for f in Self::files() {
            let text = std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            c.merge_text(&text).with_context(|| format!("{} is not a valid containers.conf (TOML)", f.display()))?;
            c.sources.push(f);
        }
        // Read once a process: the event log's switch comes with the first full read.
        let _ = EVENTS_ON.set(c.events_logger.as_deref() != Some("none"));
        Ok(c)
    }

    pub fn merge_text(&mut self, text: &str) -> Result<()> {
        let f: File = toml::from_str(text)?;
        let set = |dst: &mut Option<Vec<String>>, v: Option<Vec<String>>| {
            if v.is_some() {
                *dst = v;
            }
        };
        set(&mut self.dns_servers, f.containers.dns_servers);
        set(&mut self.dns_searches, f.containers.dns_searches);
        set(&mut self.dns_options, f.containers.dns_options);
        set(&mut self.network_cmd_options, f.engine.network_cmd_options);
        set(&mut self.default_capabilities, f.containers.default_capabilities);
        set(&mut self.default_ulimits, f.containers.default_ulimits);
        set(&mut self.default_sysctls, f.containers.default_sysctls);
        if f.engine.events_logger.is_some() {
            self.events_logger = f.engine.events_logger;
        }
        if f.containers.userns.is_some() {
            self.userns = f.containers.userns;
        }
        if f.containers.shm_size.is_some() {
            self.shm_size = f.containers.shm_size;
        }
        if f.containers.seccomp_profile.is_some() {
            self.seccomp_profile = f.containers.seccomp_profile;
        }
        if f.containers.netns.is_some() {
            self.netns = f.containers.netns;
        }
        if f.containers.no_hosts.is_some() {
            self.no_hosts = f.containers.no_hosts;
        }
        if f.containers.http_proxy.is_some() {
            self.http_proxy = f.containers.http_proxy;
        }
        if f.engine.volume_path.is_some() {
            self.volume_path = f.engine.volume_path;
        }
        if f.engine.image_volume_mode.is_some() {
            self.image_volume_mode = f.engine.image_volume_mode;
        }
        if f.containers.init_path.is_some() {
            self.init_path = f.containers.init_path;
        }
        if f.network.default_rootless_network_cmd.is_some() {
            self.default_rootless_network_cmd = f.network.default_rootless_network_cmd;
        }
        Ok(())
    }

    /// The network mode used when `--network` is not given: `netns`, where `private` (and
    /// `bridge`, which rootless Podman also turns into it) means the rootless network command.
    pub fn default_network(&self) -> String {
        let cmd = self.default_rootless_network_cmd.clone().unwrap_or_else(|| "slirp4netns".into());
        let mode = match self.netns.as_deref() {
            None | Some("") | Some("private") | Some("bridge") => cmd,
            Some(other) => other.to_string(),
        };
        match (&self.network_cmd_options, mode.as_str()) {
            (Some(o), "slirp4netns" | "pasta") if !o.is_empty() => format!("{mode}:{}", o.join(",")),
            _ => mode,
        }
    }
}

/// containers.conf's `events_logger = "none"` turns the event log off (read once a process).
pub fn events_enabled() -> bool {
    // `--events-backend`, for this command and the processes it starts.
    if let Ok(b) = std::env::var(crate::config::EVENTS_BACKEND_ENV) {
        return b != "none";
    }
    if let Some(on) = EVENTS_ON.get() {
        return *on;
    }
    ContainersConf::load().map(|c| c.events_logger.as_deref() != Some("none")).unwrap_or(true)
}

static EVENTS_ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_keys_win_and_others_are_read_past() {
        let mut c = ContainersConf::default();
        c.merge_text("[containers]\ndns_servers = [\"1.1.1.1\"]\nlog_size_max = -1\n[engine]\nruntime = \"crun\"\nnetwork_cmd_options = [\"allow_host_loopback=true\"]\n").unwrap();
        c.merge_text("[containers]\ndns_searches = [\"corp\"]\n[network]\nnetwork_backend = \"netavark\"\n").unwrap();
        assert_eq!(c.dns_servers.as_deref(), Some(&["1.1.1.1".to_string()][..]));
        assert_eq!(c.dns_searches.as_deref(), Some(&["corp".to_string()][..]));
        assert_eq!(c.default_network(), "slirp4netns:allow_host_loopback=true");
        c.merge_text("[containers]\nnetns = \"none\"\n").unwrap();
        assert_eq!(c.default_network(), "none");
        assert_eq!(ContainersConf::default().default_network(), "slirp4netns");
        assert!(c.merge_text("[containers]\ndns_servers = \"1.1.1.1\"\n").is_err(), "a string where a list goes");
    }
}
