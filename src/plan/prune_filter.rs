//! `--filter` of `image prune` and `system prune`, as Podman reads it: `until=TIME` (created
//! before; a Go duration counts back from now), `label=KEY[=VALUE]` and `label!=KEY[=VALUE]`.
//! Pure; unit-tested.

use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PruneFilters {
    /// Unix nanoseconds.
    pub until: Option<i128>,
    /// (key, value, wanted): `label=` wants a match, `label!=` wants none.
    pub labels: Vec<(String, Option<String>, bool)>,
    /// `dangling=true|false` (image prune): only dangling images (the default), or all unused.
    pub dangling: Option<bool>,
}

impl PruneFilters {
    pub fn parse(specs: &[String]) -> Result<PruneFilters, String> {
        let mut f = PruneFilters::default();
        for spec in specs.iter().flat_map(|s| s.split(',')).filter(|s| !s.is_empty()) {
            let (key, value) = spec.split_once('=').ok_or_else(|| format!("invalid filter {spec:?}: use until=TIME, label=KEY[=VALUE] or label!=KEY[=VALUE]"))?;
            match key {
                "until" => {
                    f.until = Some(crate::util::time::parse_input_time(value, true).ok_or_else(|| format!("invalid filter {spec:?}: {value:?} is not a time or duration"))?);
                }
                "label" | "label!" => {
                    let (k, v) = match value.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(v.to_string())),
                        None => (value.to_string(), None),
                    };
                    f.labels.push((k, v, key == "label"));
                }
                "dangling" => {
                    f.dangling = Some(match value {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        _ => return Err(format!("invalid filter {spec:?}: dangling takes true or false")),
                    });
                }
                _ => return Err(format!("{key} is an invalid filter")),
            }
        }
        Ok(f)
    }

    pub fn is_empty(&self) -> bool {
        self.until.is_none() && self.labels.is_empty()
    }

    /// Whether something created at `created` (Unix seconds) with `labels` is to be pruned.
    pub fn matches(&self, created: i64, labels: &HashMap<String, String>) -> bool {
        if self.until.is_some_and(|u| created as i128 * 1_000_000_000 >= u) {
            return false;
        }
        self.labels.iter().all(|(k, v, wanted)| {
            let has = labels.get(k).is_some_and(|have| v.as_ref().is_none_or(|v| v == have));
            has == *wanted
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_prune_filters() {
        let l: HashMap<String, String> = [("tier".to_string(), "web".to_string())].into();
        let none = HashMap::new();
        let f = PruneFilters::parse(&["label=tier".into()]).unwrap();
        assert!(f.matches(0, &l) && !f.matches(0, &none));
        let f = PruneFilters::parse(&["label!=tier=web".into()]).unwrap();
        assert!(!f.matches(0, &l) && f.matches(0, &none));
        let f = PruneFilters::parse(&["until=2020-01-01T00:00:00Z".into()]).unwrap();
        assert!(f.matches(1_500_000_000, &none) && !f.matches(1_700_000_000, &none));
        let f = PruneFilters::parse(&["until=1h".into()]).unwrap();
        assert!(!f.matches(crate::util::time::now_unix(), &none));
        assert_eq!(PruneFilters::parse(&["dangling=false".into()]).unwrap().dangling, Some(false));
        assert!(PruneFilters::parse(&["dangling=maybe".into()]).is_err());
        assert!(PruneFilters::parse(&["reference=x".into()]).is_err());
        assert!(PruneFilters::parse(&["until=soon".into()]).is_err());
        assert!(PruneFilters::parse(&[]).unwrap().is_empty());
    }
}
