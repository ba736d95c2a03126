//! `volume ls --filter` and `volume prune --filter`: Podman's volume filters (name, driver,
//! scope, label, opt, until, dangling). As in Podman (libpod's Runtime.Volumes), a volume is
//! listed when ANY of the given filters matches it; `volume prune` without --force shows
//! the dangling volumes among those.

use crate::engine::ps_filter::match_labels;
use crate::error::exit_error;
use crate::state::volumes::VolumeRecord;
use anyhow::Result;
use regex::Regex;

#[derive(Debug)]
enum Pred {
    Name(Regex),
    Driver(String),
    Scope(String),
    Label(String),
    Opt(String, String),
    Until(i128),
    Dangling(bool),
}

#[derive(Debug, Default)]
pub struct VolumeFilter {
    preds: Vec<Pred>,
}

fn invalid(msg: impl Into<String>) -> anyhow::Error {
    exit_error(125, msg)
}

impl VolumeFilter {
    /// Parses `KEY=VALUE` filters (the flag values, already split as the flag splits them).
    pub fn parse(specs: &[String]) -> Result<VolumeFilter> {
        let mut preds = Vec::new();
        for s in specs {
            let Some((key, val)) = s.split_once('=') else {
                return Err(invalid(format!("filter input must be in the form of filter=value: {s} is invalid")));
            };
            preds.push(match key {
                "name" => Pred::Name(Regex::new(val).map_err(|e| {
                    invalid(format!("error parsing regexp {val:?}: {}", e.to_string().lines().last().unwrap_or("invalid").trim()))
                })?),
                "driver" => Pred::Driver(val.to_string()),
                "scope" => Pred::Scope(val.to_string()),
                "label" => Pred::Label(val.to_string()),
                "opt" => {
                    let (k, v) = val.split_once('=').unwrap_or((val, ""));
                    Pred::Opt(k.to_string(), v.to_string())
                }
                "until" => Pred::Until(
                    crate::util::time::parse_input_time(val, true)
                        .ok_or_else(|| invalid(format!("failed to parse value as time or duration: {val:?}")))?,
                ),
                "dangling" => Pred::Dangling(match val.to_ascii_lowercase().as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(invalid(format!("{val:?} is not a valid value for the \"dangling\" filter - must be true or false"))),
                }),
                other => return Err(invalid(format!("{other:?} is an invalid volume filter"))),
            });
        }
        Ok(VolumeFilter { preds })
    }

    pub fn is_empty(&self) -> bool {
        self.preds.is_empty()
    }

    /// Whether the volume is listed: no filters, or any filter matching. `in_use` says
    /// whether a container uses the volume (for `dangling`).
    pub fn matches(&self, v: &VolumeRecord, in_use: &dyn Fn(&str) -> bool) -> bool {
        if self.preds.is_empty() {
            return true;
        }
        self.preds.iter().any(|p| match p {
            Pred::Name(re) => re.is_match(&v.name),
            Pred::Driver(d) => d == "local",
            Pred::Scope(s) => s == "local",
            Pred::Label(l) => match_labels(std::slice::from_ref(l), &v.labels),
            Pred::Opt(k, val) => v.options.iter().any(|(ok, ov)| ok == k && (val.is_empty() || ov == val)),
            Pred::Until(t) => v.created_nanos() < *t,
            Pred::Dangling(dangling) => in_use(&v.name) != *dangling,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vol(name: &str, created: i64, labels: &[(&str, &str)], opts: &[(&str, &str)]) -> VolumeRecord {
        VolumeRecord {
            name: name.into(),
            created,
            labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            anonymous: false,
            seeded: false,
            created_ns: 0,
            options: opts.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    fn names(specs: &[&str], vols: &[VolumeRecord]) -> Vec<String> {
        let f = VolumeFilter::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        vols.iter().filter(|v| f.matches(v, &|n| n == "used")).map(|v| v.name.clone()).collect()
    }

    fn err(specs: &[&str]) -> String {
        VolumeFilter::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap_err().to_string()
    }

    #[test]
    fn each_filter_and_any_of_several() {
        let vols = [
            vol("alpha", 100, &[("team", "a")], &[]),
            vol("beta", 200, &[("team", "b"), ("tier", "x")], &[("type", "tmpfs"), ("o", "size=2M")]),
            vol("used", 300, &[], &[]),
        ];
        assert_eq!(names(&[], &vols), ["alpha", "beta", "used"]);
        assert_eq!(names(&["name=^b"], &vols), ["beta"]);
        assert_eq!(names(&["name=a"], &vols), ["alpha", "beta"]);
        assert_eq!(names(&["driver=local"], &vols), ["alpha", "beta", "used"]);
        assert_eq!(names(&["driver=nfs"], &vols), Vec::<String>::new());
        assert_eq!(names(&["scope=local"], &vols).len(), 3);
        assert_eq!(names(&["label=team"], &vols), ["alpha", "beta"]);
        assert_eq!(names(&["label=team=b"], &vols), ["beta"]);
        assert_eq!(names(&["opt=type=tmpfs"], &vols), ["beta"]);
        assert_eq!(names(&["opt=o"], &vols), ["beta"]);
        assert_eq!(names(&["until=150"], &vols), ["alpha"]);
        assert_eq!(names(&["dangling=true"], &vols), ["alpha", "beta"]);
        assert_eq!(names(&["dangling=0"], &vols), ["used"]);
        // Podman's Runtime.Volumes: a volume any filter matches.
        assert_eq!(names(&["name=alpha", "label=tier"], &vols), ["alpha", "beta"]);
    }

    #[test]
    fn podman_messages_for_bad_filters() {
        assert_eq!(err(&["bogus=1"]), "\"bogus\" is an invalid volume filter");
        assert_eq!(err(&["name"]), "filter input must be in the form of filter=value: name is invalid");
        assert_eq!(err(&["dangling=maybe"]), "\"maybe\" is not a valid value for the \"dangling\" filter - must be true or false");
        assert_eq!(err(&["until=soon"]), "failed to parse value as time or duration: \"soon\"");
        assert!(err(&["name=["]).starts_with("error parsing regexp \"[\""));
    }
}
