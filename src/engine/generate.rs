//! `generate systemd`: the facts a container's unit is made from (plan::unit writes it).

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::unit::{container_unit, UnitInput, UnitOptions};
use crate::state::containers as records;
use anyhow::Result;

/// What `generate systemd` needs beside the unit options.
pub struct GenerateOptions {
    pub container: String,
    /// Name the unit after the container's name, not its id (`--name`).
    pub by_name: bool,
    pub container_prefix: String,
    pub separator: String,
    /// How many last words of the create command are the image and its command.
    pub positional: Option<usize>,
    pub unit: UnitOptions,
}

pub struct GeneratedUnit {
    /// Without `.service`.
    pub service_name: String,
    pub text: String,
}

impl Engine {
    pub fn generate_systemd(&self, o: &GenerateOptions) -> Result<GeneratedUnit> {
        let rec = self.find_container(&o.container)?;
        let info = records::load_create_info(&self.paths, &rec.id);
        if o.unit.new && info.create_command.is_empty() {
            return Err(exit_error(125, format!("cannot use --new on container {:?}: no create command found", rec.id)));
        }
        if !o.unit.new && !rec.settings.restart_policy.is_empty() && rec.settings.restart_policy != "no" {
            self.warn(&format!(
                "Container {} has restart policy {:?} which can lead to issues on shutdown: consider recreating the container without a restart policy and use systemd's restart mechanism instead",
                rec.id, rec.settings.restart_policy
            ));
        }
        let name_or_id = if o.by_name { rec.name.clone() } else { rec.id.clone() };
        let service_name = if o.container_prefix.is_empty() { name_or_id.clone() } else { format!("{}{}{name_or_id}", o.container_prefix, o.separator) };
        let positional = match (o.unit.new, o.positional) {
            (true, None) => return Err(exit_error(125, format!("cannot use --new on container {:?}: its create command could not be read again", rec.id))),
            (_, p) => p.unwrap_or(0),
        };
        // %t is $XDG_RUNTIME_DIR for a user unit.
        let run_root = match std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from) {
            Some(x) if self.paths.runroot.starts_with(&x) => format!("%t/{}", self.paths.runroot.strip_prefix(&x).unwrap_or(&self.paths.runroot).display()),
            _ => self.paths.runroot.display().to_string(),
        };
        let input = UnitInput {
            executable: std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_else(|_| "/usr/local/bin/hutch".into()),
            name_or_id,
            service_name: service_name.clone(),
            run_root,
            pid_file: self.paths.container_run_dir(&rec.id).join(crate::supervisor::SUPERVISOR_PID_FILE).display().to_string(),
            create_command: info.create_command.clone(),
            positional,
            container_env: info.env.clone(),
            stop_timeout: rec.settings.stop_timeout(),
        };
        let text = container_unit(&input, &o.unit).map_err(|e| exit_error(125, e))?;
        self.warn_if_not_lingering();
        Ok(GeneratedUnit { service_name, text })
    }
}

/// Whether a user's services outlive their logins, when that can be known: systemd runs
/// (`/run/systemd/system`) and keeps its linger flags in `linger_dir`.
pub fn lingers(systemd_runs: bool, linger_dir: &std::path::Path, user: &str) -> Option<bool> {
    if !systemd_runs || !linger_dir.is_dir() {
        return None;
    }
    Some(linger_dir.join(user).exists())
}

impl Engine {
    /// Warns once per boot (a mark in the runtime directory) that detached containers and
    /// units stop at logout when the user does not linger; says nothing when unknown.
    pub(crate) fn warn_if_not_lingering(&self) {
        let mark = self.paths.runroot.join("linger-warned");
        if mark.exists() {
            return;
        }
        // Nothing to know without systemd (one stat, before any passwd lookup).
        let systemd = std::path::Path::new("/run/systemd/system").is_dir();
        if !systemd {
            return;
        }
        let Some(user) = crate::runtime::idmap::user_name(nix::unistd::geteuid().as_raw()) else { return };
        if lingers(systemd, std::path::Path::new("/var/lib/systemd/linger"), &user) == Some(false) {
            self.warn(&format!(
                "{user} does not linger: containers and their units stop when your last session ends. To keep them: `loginctl enable-linger {user}`"
            ));
            let _ = std::fs::write(&mark, b"");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn linger_known_only_under_systemd() {
        let d = std::env::temp_dir().join(format!("hutch-linger-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        assert_eq!(super::lingers(false, &d, "alice"), None);
        assert_eq!(super::lingers(true, &d.join("missing"), "alice"), None);
        assert_eq!(super::lingers(true, &d, "alice"), Some(false));
        std::fs::write(d.join("alice"), "").unwrap();
        assert_eq!(super::lingers(true, &d, "alice"), Some(true));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
