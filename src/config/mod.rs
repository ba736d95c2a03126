//! Podman's configuration files, where a user would expect them to be honoured:
//! registries.conf (search registries, aliases, insecure and blocked registries) and
//! auth.json (credentials), containers.conf (the keys hutch honours so far), at the same paths
//! and with the same precedence.
pub mod auth;
pub mod containers;
pub mod containers_keys;
pub mod registries;
pub mod policy;
pub mod registries_d;

use std::path::PathBuf;

/// Global options a command passes on to the processes it starts for itself (a container's
/// supervisor, health checks), which inherit its environment: `--events-backend`, `--volumepath`.
pub const EVENTS_BACKEND_ENV: &str = "HUTCH_EVENTS_BACKEND";
pub const VOLUME_PATH_ENV: &str = "HUTCH_VOLUME_PATH";

/// `$XDG_CONFIG_HOME` or `~/.config`.
pub fn config_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf())
}
