//! Podman's configuration files, where a user would expect them to be honoured:
//! registries.conf (search registries, aliases, insecure and blocked registries) and
//! auth.json (credentials), containers.conf (the keys hutch honours so far), at the same paths
//! and with the same precedence.
pub mod auth;
pub mod containers;
pub mod registries;

use std::path::PathBuf;

/// `$XDG_CONFIG_HOME` or `~/.config`.
pub fn config_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf())
}
