//! Health checks: `--health-*` and the image's HEALTHCHECK into one configuration, checked
//! as Podman checks it.

use serde::{Deserialize, Serialize};

/// A container's health check (kept in its record; Podman's HealthConfig and on-failure).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthConfig {
    /// `["CMD-SHELL", "cmd"]` or `["CMD", "prog", "arg"...]`.
    pub test: Vec<String>,
    /// Nanoseconds; an interval of 0 runs no checks on a schedule (`healthcheck run` still does).
    pub interval: u64,
    pub timeout: u64,
    pub start_period: u64,
    pub retries: u32,
    /// none, kill, restart, stop.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub on_failure: String,
}

impl HealthConfig {
    /// The command to run in the container.
    pub fn argv(&self) -> Vec<String> {
        match self.test.first().map(String::as_str) {
            Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), self.test[1..].join(" ")],
            Some("CMD") => self.test[1..].to_vec(),
            _ => self.test.clone(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct HealthOptions {
    pub cmd: Option<String>,
    pub interval: Option<String>,
    pub retries: Option<u32>,
    pub start_period: Option<String>,
    pub timeout: Option<String>,
    pub on_failure: Option<String>,
    pub no_healthcheck: bool,
}

const SECOND: u64 = 1_000_000_000;

fn duration(flag: &str, v: &str) -> Result<u64, String> {
    crate::util::time::parse_go_duration(v)
        .filter(|d| *d >= 0)
        .map(|d| d as u64)
        .ok_or_else(|| format!("invalid {flag} {v:?}: use a duration such as 30s or 1m30s"))
}

/// The image's HEALTHCHECK (Docker's config.Healthcheck: Test, Interval, Timeout,
/// StartPeriod in nanoseconds, Retries).
pub fn from_image(v: &serde_json::Value) -> Option<HealthConfig> {
    let test: Vec<String> = v.get("Test")?.as_array()?.iter().filter_map(|t| t.as_str().map(String::from)).collect();
    if test.is_empty() || test[0] == "NONE" {
        return None;
    }
    let n = |k: &str| v.get(k).and_then(|x| x.as_u64()).filter(|x| *x > 0);
    Some(HealthConfig {
        test,
        interval: n("Interval").unwrap_or(30 * SECOND),
        timeout: n("Timeout").unwrap_or(30 * SECOND),
        start_period: n("StartPeriod").unwrap_or(0),
        retries: n("Retries").unwrap_or(3) as u32,
        on_failure: String::new(),
    })
}

/// The health check of a new container: the options over the image's, none with
/// `--no-healthcheck` or `--health-cmd none`.
pub fn resolve(o: &HealthOptions, image: Option<HealthConfig>) -> Result<Option<HealthConfig>, String> {
    let given = o.cmd.is_some() || o.interval.is_some() || o.retries.is_some() || o.start_period.is_some() || o.timeout.is_some() || o.on_failure.is_some();
    if o.no_healthcheck {
        if given {
            return Err("cannot specify both --no-healthcheck and other HealthCheck flags".into());
        }
        return Ok(None);
    }
    let mut h = match (&o.cmd, image) {
        (Some(c), _) if c == "none" => return Ok(None),
        (Some(c), _) if c.trim_start().starts_with('[') => {
            let mut test: Vec<String> = serde_json::from_str(c).map_err(|e| format!("invalid --health-cmd {c:?}: not a JSON array of strings: {e}"))?;
            if test.is_empty() {
                return Err("invalid --health-cmd: the command is empty".into());
            }
            if test[0] != "CMD" && test[0] != "CMD-SHELL" {
                test.insert(0, "CMD".into());
            }
            HealthConfig { test, ..Default::default() }
        }
        (Some(c), _) if c.trim().is_empty() => return Err("invalid --health-cmd: the command is empty".into()),
        (Some(c), _) => HealthConfig { test: vec!["CMD-SHELL".into(), c.clone()], ..Default::default() },
        (None, Some(img)) => img,
        (None, None) if given => return Err("--health-* options need a health check command: give --health-cmd (the image has no HEALTHCHECK)".into()),
        (None, None) => return Ok(None),
    };
    if o.cmd.is_some() {
        h.interval = 30 * SECOND;
        h.timeout = 30 * SECOND;
        h.retries = 3;
    }
    if let Some(i) = &o.interval {
        h.interval = if i == "disable" { 0 } else { duration("--health-interval", i)? };
        if i != "disable" && h.interval < SECOND {
            return Err("healthcheck-interval must be at least 1 second".into());
        }
    }
    if let Some(t) = &o.timeout {
        h.timeout = duration("--health-timeout", t)?;
        if h.timeout < SECOND {
            return Err("healthcheck-timeout must be at least 1 second".into());
        }
    }
    if let Some(s) = &o.start_period {
        h.start_period = duration("--health-start-period", s)?;
    }
    if let Some(r) = o.retries {
        if r < 1 {
            return Err("healthcheck-retries must be greater than 0".into());
        }
        h.retries = r;
    }
    if let Some(a) = &o.on_failure {
        if !["none", "kill", "restart", "stop"].contains(&a.as_str()) {
            return Err(format!("invalid on-failure action {a:?} for health check: supported actions are none,kill,restart,stop"));
        }
        h.on_failure = if a == "none" { String::new() } else { a.clone() };
    }
    Ok(Some(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(f: impl FnOnce(&mut HealthOptions)) -> HealthOptions {
        let mut o = HealthOptions::default();
        f(&mut o);
        o
    }

    #[test]
    fn podmans_rules() {
        let h = resolve(&opts(|o| o.cmd = Some("curl -f localhost".into())), None).unwrap().unwrap();
        assert_eq!(h.test, ["CMD-SHELL", "curl -f localhost"]);
        assert_eq!((h.interval, h.timeout, h.retries, h.start_period), (30 * SECOND, 30 * SECOND, 3, 0));
        assert_eq!(h.argv(), ["/bin/sh", "-c", "curl -f localhost"]);
        let h = resolve(&opts(|o| { o.cmd = Some("[\"ls\", \"/\"]".into()); o.interval = Some("2s".into()); o.retries = Some(1); o.on_failure = Some("restart".into()); }), None).unwrap().unwrap();
        assert_eq!(h.argv(), ["ls", "/"]);
        assert_eq!((h.interval, h.retries, h.on_failure.as_str()), (2 * SECOND, 1, "restart"));
        let img = from_image(&serde_json::json!({"Test": ["CMD", "true"], "Interval": 5_000_000_000u64, "Retries": 2})).unwrap();
        assert_eq!(resolve(&HealthOptions::default(), Some(img.clone())).unwrap(), Some(img.clone()));
        assert_eq!(resolve(&opts(|o| o.no_healthcheck = true), Some(img.clone())).unwrap(), None);
        assert_eq!(resolve(&opts(|o| o.cmd = Some("none".into())), Some(img)).unwrap(), None);
        assert_eq!(resolve(&opts(|o| o.interval = Some("500ms".into())), from_image(&serde_json::json!({"Test": ["CMD", "true"]}))).unwrap_err(), "healthcheck-interval must be at least 1 second");
        assert!(resolve(&opts(|o| o.on_failure = Some("explode".into())), from_image(&serde_json::json!({"Test": ["CMD", "x"]}))).unwrap_err().contains("supported actions are none,kill,restart,stop"));
        assert!(resolve(&opts(|o| { o.no_healthcheck = true; o.cmd = Some("x".into()); }), None).is_err());
        assert!(resolve(&opts(|o| o.retries = Some(3)), None).unwrap_err().contains("need a health check command"));
    }
}
