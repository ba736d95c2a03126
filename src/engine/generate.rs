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
/// (`/run/systemd/system`) and keeps its linger flags in `linger_dir`. Without that directory
/// (nobody has lingered on this machine yet), `ask_logind` answers: `loginctl show-user`.
pub fn lingers(systemd_runs: bool, linger_dir: &std::path::Path, user: &str, ask_logind: impl FnOnce() -> Option<bool>) -> Option<bool> {
    if !systemd_runs {
        return None;
    }
    if !linger_dir.is_dir() {
        return ask_logind();
    }
    Some(linger_dir.join(user).exists())
}

/// What `loginctl show-user USER --property=Linger --value` said (its exit status, its
/// output): `yes`/`no`, or logind's "not logged in or lingering", which is a no too. Anything
/// else (no logind, no bus) is not knowing.
pub fn linger_from_loginctl(success: bool, stdout: &str, stderr: &str) -> Option<bool> {
    match (success, stdout.trim()) {
        (true, "yes") => Some(true),
        (true, "no") => Some(false),
        (false, _) if stderr.contains("is not logged in or lingering") => Some(false),
        _ => None,
    }
}

/// Asks logind, giving it a second: a machine without logind must not hold up `run -d`.
fn ask_logind(user: &str) -> Option<bool> {
    use std::io::Read;
    let mut child = std::process::Command::new("loginctl")
        .args(["show-user", user, "--property=Linger", "--value"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let end = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if std::time::Instant::now() < end => std::thread::sleep(std::time::Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let (mut out, mut err) = (String::new(), String::new());
    child.stdout.take()?.read_to_string(&mut out).ok()?;
    child.stderr.take()?.read_to_string(&mut err).ok()?;
    linger_from_loginctl(status.success(), &out, &err)
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
        let mut asked = false;
        let lingering = lingers(systemd, std::path::Path::new("/var/lib/systemd/linger"), &user, || {
            asked = true;
            ask_logind(&user)
        });
        if lingering == Some(false) {
            self.warn(&format!(
                "{user} does not linger: containers and their units stop when your last session ends. To keep them: `loginctl enable-linger {user}`"
            ));
        }
        // Said, or logind asked (whatever it answered): not again until the next boot.
        if lingering == Some(false) || asked {
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
        let never = || -> Option<bool> { panic!("logind asked") };
        assert_eq!(super::lingers(false, &d, "alice", never), None);
        assert_eq!(super::lingers(true, &d, "alice", never), Some(false));
        std::fs::write(d.join("alice"), "").unwrap();
        assert_eq!(super::lingers(true, &d, "alice", never), Some(true));
        // No linger directory: logind's answer, whatever it is.
        assert_eq!(super::lingers(true, &d.join("missing"), "alice", || Some(false)), Some(false));
        assert_eq!(super::lingers(true, &d.join("missing"), "alice", || None), None);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn loginctl_answers() {
        use super::linger_from_loginctl as l;
        assert_eq!(l(true, "yes\n", ""), Some(true));
        assert_eq!(l(true, "no\n", ""), Some(false));
        assert_eq!(l(false, "", "Failed to get user: User ID 1000 is not logged in or lingering\n"), Some(false));
        assert_eq!(l(false, "", "Failed to connect to bus: No such file or directory\n"), None);
        assert_eq!(l(true, "", ""), None);
    }
}
