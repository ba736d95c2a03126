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
pub mod storage;

use std::path::PathBuf;

/// Global options a command passes on to the processes it starts for itself (a container's
/// supervisor, health checks), which inherit its environment: `--events-backend`, `--volumepath`.
pub const EVENTS_BACKEND_ENV: &str = "HUTCH_EVENTS_BACKEND";
pub const VOLUME_PATH_ENV: &str = "HUTCH_VOLUME_PATH";

/// `$XDG_CONFIG_HOME` or `~/.config`.
pub fn config_home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf())
}

/// `~/.config`, where containers/image looks for policy.json and registries.d (it does not
/// follow `$XDG_CONFIG_HOME` for those two).
pub fn home_config() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().join(".config"))
}

/// `~/.config/REL` when it exists, else `/etc/REL`: the user's file (or directory) replaces
/// the system's, as containers/image reads policy.json and registries.d.
pub fn user_or_system(rel: &str) -> PathBuf {
    home_config().map(|c| c.join(rel)).filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from("/etc").join(rel))
}

/// The scopes a reference of `repo` (`host[:port]/path`) with `at` (`:tag` or `@digest`)
/// falls under, most specific first, as containers/image names them: the reference itself,
/// the repository, its namespaces up to the host, then `*.domain` wildcards of the host
/// (without its port).
pub fn scope_names(repo: &str, at: &str) -> Vec<String> {
    let mut names = vec![format!("{repo}{at}")];
    let mut cur = repo.to_string();
    loop {
        names.push(cur.clone());
        match cur.rsplit_once('/') {
            Some((parent, _)) => cur = parent.to_string(),
            None => break,
        }
    }
    let host = repo.split('/').next().unwrap_or("");
    let host = host.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map(|(h, _)| h).unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    for i in 1..labels.len() {
        names.push(format!("*.{}", labels[i..].join(".")));
    }
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn scopes_of_a_reference() {
        assert_eq!(super::scope_names("reg.example.com:5000/team/app", ":1"), [
            "reg.example.com:5000/team/app:1", "reg.example.com:5000/team/app", "reg.example.com:5000/team", "reg.example.com:5000",
            "*.example.com", "*.com",
        ]);
    }
}
