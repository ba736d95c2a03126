//! `ps --filter`: Podman's container filters (pkg/domain/filters/containers.go in 4.3.1),
//! parsed once and matched against each listed row. Values of one key are OR'ed (`label`'s
//! are AND'ed), different keys are AND'ed.
//!
//! `id=` and `name=` are regular expressions matched anywhere in the ID or name, as Go's
//! `regexp.MatchString` does; the `regex` crate reads the same RE2 syntax as Go's regexp, in
//! linear time. A pattern that does not compile (say `a(b`) matches nothing, as in Podman,
//! where the error is dropped.

use crate::engine::report::PsRow;
use crate::error::exit_error;
use crate::state::containers::{ContainerRecord, RootSource, Status, EXIT_VANISHED};
use crate::util::glob::glob;
use regex::Regex;
use anyhow::Result;

/// Podman's container states a `status=` filter accepts (libpod/define StringToContainerStatus).
pub const STATES: [&str; 8] = ["unknown", "created", "initialized", "running", "stopped", "paused", "exited", "removing"];

/// What `volume=` compares with: bind mounts (source, destination) from the container's spec
/// and its named volumes (name, destination).
#[derive(Debug, Default, Clone)]
pub struct Mounts {
    pub binds: Vec<(String, String)>,
    pub named: Vec<(String, String)>,
}

/// Parsed `--filter` values.
#[derive(Debug, Default)]
pub struct PsFilter {
    /// None for a pattern that does not compile: it matches nothing.
    id: Option<Vec<Option<Regex>>>,
    name: Option<Vec<Option<Regex>>>,
    label: Option<Vec<String>>,
    exited: Option<Vec<i32>>,
    status: Option<Vec<String>>,
    ancestor: Option<Vec<String>>,
    before: Option<i128>,
    since: Option<i128>,
    volume: Option<Vec<String>>,
    until: Option<i128>,
    restart_policy: Option<Vec<String>>,
    /// `health=`, `pod=`, `network=`: hutch has no health checks, pods or container networks,
    /// so with any of these nothing matches (as in Podman for containers without them).
    nothing: bool,
}

/// The `--filter` flag's values as pflag's string slice reads them: each value is a line of
/// comma-separated fields (CSV, so a field may be double-quoted to hold a comma).
pub fn split_flag_values(values: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        if v.is_empty() {
            continue;
        }
        if !v.contains('"') {
            out.extend(v.split(',').map(String::from));
            continue;
        }
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = v.chars().peekable();
        let mut at_start = true;
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' if quoted => quoted = false,
                '"' if at_start => quoted = true,
                ',' if !quoted => {
                    out.push(std::mem::take(&mut field));
                    at_start = true;
                    continue;
                }
                c => field.push(c),
            }
            at_start = false;
        }
        out.push(field);
    }
    out
}

/// Nanoseconds since the epoch at which the container was created.
pub fn created_nanos(rec: &ContainerRecord) -> i128 {
    if rec.created_ns > 0 { rec.created_ns as i128 } else { rec.created as i128 * 1_000_000_000 }
}

fn invalid(msg: impl Into<String>) -> anyhow::Error {
    exit_error(125, msg)
}

impl PsFilter {
    /// Parses `KEY=VALUE` filters (already split with [`split_flag_values`]). `find` looks a
    /// container up by name or ID for `before=`/`since=` and fails as Podman's lookup does.
    pub fn parse(specs: &[String], find: &dyn Fn(&str) -> Result<ContainerRecord>) -> Result<PsFilter> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for s in specs {
            let Some((k, v)) = s.split_once('=') else {
                return Err(invalid(format!("invalid filter {s:?}")));
            };
            match groups.iter_mut().find(|(key, _)| key == k) {
                Some((_, vals)) => vals.push(v.to_string()),
                None => groups.push((k.to_string(), vec![v.to_string()])),
            }
        }
        let mut f = PsFilter::default();
        for (key, vals) in groups {
            match key.as_str() {
                "id" | "name" => {
                    let mut res = Vec::new();
                    for v in &vals {
                        res.push(Regex::new(v).ok());
                    }
                    if key == "id" { f.id = Some(res) } else { f.name = Some(res) }
                }
                "label" => f.label = Some(vals),
                "exited" => {
                    let mut codes = Vec::new();
                    for v in &vals {
                        codes.push(parse_exit_code(v)?);
                    }
                    f.exited = Some(codes);
                }
                "status" => {
                    for v in &vals {
                        if !STATES.contains(&v.as_str()) {
                            return Err(invalid(format!("unknown container state: {v}: invalid argument")));
                        }
                    }
                    f.status = Some(vals);
                }
                "ancestor" => f.ancestor = Some(vals),
                "before" | "since" => {
                    // Podman takes the earliest of the named containers for both.
                    let mut t: Option<i128> = None;
                    for v in &vals {
                        let c = created_nanos(&find(v)?);
                        t = Some(t.map_or(c, |t| t.min(c)));
                    }
                    if key == "before" { f.before = t } else { f.since = t }
                }
                "volume" => f.volume = Some(vals),
                "health" | "pod" | "network" => f.nothing = true,
                "until" => {
                    if vals.len() != 1 {
                        return Err(invalid("specify exactly one timestamp for until"));
                    }
                    let t = crate::util::time::parse_input_time(&vals[0], true)
                        .ok_or_else(|| invalid(format!("failed to parse value as time or duration: {:?}", vals[0])))?;
                    f.until = Some(t);
                }
                "restart-policy" => {
                    let bad: Vec<&str> = vals
                        .iter()
                        .map(String::as_str)
                        .filter(|p| !["none", "no", "always", "on-failure", "unless-stopped"].contains(p))
                        .collect();
                    if !bad.is_empty() {
                        let what = if bad.len() > 1 { "invalid restart policies" } else { "invalid restart policy" };
                        return Err(invalid(format!("{} {what}", bad.join(", "))));
                    }
                    f.restart_policy = Some(vals);
                }
                other => return Err(invalid(format!("{other} is an invalid filter"))),
            }
        }
        Ok(f)
    }

    /// A `status=` filter lists containers in every state (Docker's rule, kept by Podman).
    pub fn implies_all(&self) -> bool {
        self.status.is_some()
    }

    /// Whether matching needs the container's mounts (read from its spec).
    pub fn needs_mounts(&self) -> bool {
        self.volume.is_some()
    }

    /// Whether the row passes every filter.
    pub fn matches(&self, row: &PsRow, mounts: &Mounts) -> bool {
        let rec = &row.record;
        if self.nothing {
            return false;
        }
        if let Some(res) = &self.id {
            if !res.iter().any(|r| r.as_ref().is_some_and(|r| r.is_match(&rec.id))) {
                return false;
            }
        }
        if let Some(res) = &self.name {
            if !res.iter().any(|r| r.as_ref().is_some_and(|r| r.is_match(&rec.name))) {
                return false;
            }
        }
        if let Some(labels) = &self.label {
            if !match_labels(labels, &rec.settings.labels) {
                return false;
            }
        }
        if let Some(codes) = &self.exited {
            let code = rec.exit_code.unwrap_or(EXIT_VANISHED);
            if row.status != Status::Exited || !codes.contains(&code) {
                return false;
            }
        }
        if let Some(states) = &self.status {
            let st = crate::engine::report::state_word(&row.record, row.status);
            if !states.iter().any(|s| if s == "stopped" { st == "exited" } else { st == s }) {
                return false;
            }
        }
        if let Some(images) = &self.ancestor {
            if !images.iter().any(|v| match_ancestor(rec, v)) {
                return false;
            }
        }
        let created = created_nanos(rec);
        if self.before.is_some_and(|t| t <= created) || self.since.is_some_and(|t| t >= created) {
            return false;
        }
        if self.until.is_some_and(|u| created >= u) {
            return false;
        }
        if let Some(vols) = &self.volume {
            if !match_volume(vols, mounts) {
                return false;
            }
        }
        if let Some(policies) = &self.restart_policy {
            let p = rec.settings.restart_policy.as_str();
            // hutch records `--restart no` as no policy at all, so `no` and `none` both match it.
            if !policies.iter().any(|v| v == p || (p.is_empty() && (v == "none" || v == "no"))) {
                return false;
            }
        }
        true
    }
}

/// `exited=N`: Go's strconv.ParseInt(N, 10, 32), and Podman's message when it fails (it
/// quotes the returned number with %q, so a bad number shows as a character literal).
fn parse_exit_code(v: &str) -> Result<i32> {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("exited code out of range '\\x00': strconv.ParseInt: parsing {v:?}: invalid syntax")));
    }
    v.parse::<i32>()
        .map_err(|_| invalid(format!("exited code out of range '\u{fffd}': strconv.ParseInt: parsing {v:?}: value out of range")))
}

/// containers/common's MatchLabelFilters: every `key` or `key=value` must match a label; an
/// empty value matches any value, and a key with `*` is a glob over the label keys.
pub(crate) fn match_labels(filters: &[String], labels: &std::collections::BTreeMap<String, String>) -> bool {
    filters.iter().all(|f| {
        let (key, value) = f.split_once('=').unwrap_or((f.as_str(), ""));
        labels.iter().any(|(lk, lv)| (value.is_empty() || lv == value) && (lk == key || match_key_pattern(key, lk)))
    })
}

fn match_key_pattern(pattern: &str, key: &str) -> bool {
    if !pattern.contains('*') {
        return false;
    }
    let p: Vec<char> = format!("*{pattern}*").replace('/', "|").chars().collect();
    let k: Vec<char> = key.replace('/', "|").chars().collect();
    glob(&p, &k).unwrap_or(false)
}

/// `ancestor=`: the image ID, the image name as recorded, or NAME when the tag is `latest`
/// (Podman splits the name at its first `:`).
fn match_ancestor(rec: &ContainerRecord, v: &str) -> bool {
    let image_id = match &rec.root {
        RootSource::Image { image_id, .. } => image_id.trim_start_matches("sha256:"),
        RootSource::Dir { .. } => "",
    };
    if image_id == v || rec.image == v {
        return true;
    }
    matches!(rec.image.split_once(':'), Some((name, "latest")) if name == v)
}

/// `volume=SOURCE[:DEST]`: a bind mount's source or a named volume's name (and destination).
/// As in Podman, a destination once given stays for the values after it.
fn match_volume(values: &[String], m: &Mounts) -> bool {
    let mut dest = "";
    for v in values {
        let source = match v.split_once(':') {
            Some((s, d)) => {
                dest = d;
                s
            }
            None => v.as_str(),
        };
        let hit = |(s, d): &(String, String)| s == source && (dest.is_empty() || d == dest);
        if m.binds.iter().any(hit) || m.named.iter().any(hit) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rec(name: &str, extra: serde_json::Value) -> ContainerRecord {
        let mut v = json!({
            "id": format!("{:0<64}", format!("{:x}", name.len() * 0x1111 + name.bytes().map(|b| b as usize).sum::<usize>())),
            "name": name,
            "image": "localhost/demo:latest",
            "root": {"kind": "image", "image_id": "sha256:aaaa", "layers": []},
            "command": ["sh"],
            "created": 100,
            "created_ns": 100_000_000_000u64,
            "status": "created",
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    fn row(r: ContainerRecord) -> PsRow {
        let status = r.status;
        PsRow { record: r, status, health: None }
    }

    fn no_find(k: &str) -> Result<ContainerRecord> {
        Err(exit_error(125, format!("no container with name or ID \"{k}\" found: no such container")))
    }

    fn filt(specs: &[&str]) -> Result<PsFilter> {
        let v: Vec<String> = specs.iter().map(|s| s.to_string()).collect();
        PsFilter::parse(&v, &no_find)
    }

    fn hit(specs: &[&str], r: &PsRow) -> bool {
        filt(specs).unwrap().matches(r, &Mounts::default())
    }

    fn err(specs: &[&str]) -> String {
        format!("{:#}", filt(specs).unwrap_err())
    }

    #[test]
    fn pflag_string_slice_splitting() {
        let v = |s: &[&str]| split_flag_values(&s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(v(&["name=a,label=x"]), ["name=a", "label=x"]);
        assert_eq!(v(&["name=a", "id=b"]), ["name=a", "id=b"]);
        assert_eq!(v(&[r#""label=a=1,2",name=b"#]), ["label=a=1,2", "name=b"]);
        assert!(v(&[""]).is_empty());
    }

    #[test]
    fn keys_and_errors() {
        assert_eq!(err(&["bogus=1"]), "bogus is an invalid filter");
        assert_eq!(err(&["x"]), "invalid filter \"x\"");
        assert_eq!(err(&["status=sleeping"]), "unknown container state: sleeping: invalid argument");
        assert_eq!(err(&["exited=abc"]), r#"exited code out of range '\x00': strconv.ParseInt: parsing "abc": invalid syntax"#);
        assert_eq!(err(&["exited=99999999999"]), "exited code out of range '\u{fffd}': strconv.ParseInt: parsing \"99999999999\": value out of range");
        assert_eq!(err(&["restart-policy=fake"]), "fake invalid restart policy");
        assert_eq!(err(&["restart-policy=a", "restart-policy=b"]), "a, b invalid restart policies");
        assert_eq!(err(&["until=1h", "until=2h"]), "specify exactly one timestamp for until");
        assert_eq!(err(&["until=soon"]), "failed to parse value as time or duration: \"soon\"");
        assert_eq!(err(&["before=nosuch"]), "no container with name or ID \"nosuch\" found: no such container");
        for s in STATES {
            filt(&[&format!("status={s}")]).unwrap();
        }
        assert!(filt(&["status=running"]).unwrap().implies_all());
        assert!(!filt(&["name=a"]).unwrap().implies_all());
        // Go refuses it: nothing matches, no error (Podman drops the error).
        assert!(!hit(&["name=a("], &row(rec("a(", json!({})))));
    }

    #[test]
    fn names_ids_or_within_and_across() {
        let r = row(rec("web-1", json!({})));
        assert!(hit(&["name=web"], &r));
        assert!(hit(&["name=nope", "name=^web-1$"], &r), "values of one key are OR'ed");
        assert!(!hit(&["name=web", "id=^ffff"], &r), "keys are AND'ed");
        let id = r.record.id.clone();
        assert!(hit(&[&format!("id={}", &id[..5])], &r));
        assert!(hit(&[&format!("id=^{}$", id)], &r));
    }

    #[test]
    fn labels_all_must_match() {
        let r = row(rec("a", json!({"settings": {"labels": {"k": "v", "app/tier": "web"}}})));
        assert!(hit(&["label=k"], &r));
        assert!(hit(&["label=k=v"], &r));
        assert!(hit(&["label=k="], &r), "an empty value matches any value");
        assert!(!hit(&["label=k=w"], &r));
        assert!(hit(&["label=k=v", "label=app/tier=web"], &r));
        assert!(!hit(&["label=k=v", "label=other"], &r), "label values are AND'ed");
        assert!(hit(&["label=app*"], &r), "a key with * is a glob");
        assert!(!hit(&["label=k"], &row(rec("b", json!({})))));
    }

    #[test]
    fn status_and_exit_codes() {
        let created = row(rec("c", json!({})));
        let exited = row(rec("e", json!({"status": "exited", "exit_code": 3})));
        let running = row(rec("r", json!({"status": "running"})));
        assert!(hit(&["status=created"], &created));
        assert!(hit(&["status=exited"], &exited));
        assert!(hit(&["status=stopped"], &exited), "stopped is exited");
        assert!(hit(&["status=running", "status=exited"], &exited));
        assert!(!hit(&["status=running"], &exited));
        assert!(!hit(&["status=paused"], &running));
        assert!(hit(&["exited=3"], &exited));
        assert!(hit(&["exited=0", "exited=3"], &exited));
        assert!(!hit(&["exited=0"], &exited));
        assert!(!hit(&["exited=0"], &created), "never exited: no exit code");
        let vanished = row(rec("v", json!({"status": "exited"})));
        assert!(hit(&["exited=137"], &vanished));
    }

    #[test]
    fn ancestors() {
        let r = row(rec("a", json!({})));
        assert!(hit(&["ancestor=localhost/demo:latest"], &r));
        assert!(hit(&["ancestor=localhost/demo"], &r), "the name matches when the tag is latest");
        assert!(hit(&["ancestor=aaaa"], &r), "the image ID");
        assert!(!hit(&["ancestor=aaa"], &r), "no ID prefixes, as in Podman");
        assert!(!hit(&["ancestor=demo"], &r));
        let tagged = row(rec("b", json!({"image": "localhost/demo:1.0"})));
        assert!(!hit(&["ancestor=localhost/demo"], &tagged));
        assert!(hit(&["ancestor=localhost/demo:1.0", "ancestor=x"], &tagged));
    }

    #[test]
    fn before_since_until() {
        let old = rec("old", json!({"created": 100, "created_ns": 100_000_000_000u64}));
        let mid = rec("mid", json!({"created": 200, "created_ns": 200_000_000_000u64}));
        let new = rec("new", json!({"created": 300, "created_ns": 300_000_000_000u64}));
        let all = [old.clone(), mid.clone(), new.clone()];
        let find = |k: &str| all.iter().find(|r| r.name == k).cloned().ok_or_else(|| anyhow::anyhow!("no {k}"));
        let f = |specs: &[&str]| PsFilter::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>(), &find).unwrap();
        let names = |f: PsFilter| all.iter().filter(|r| f.matches(&row((*r).clone()), &Mounts::default())).map(|r| r.name.as_str()).collect::<Vec<_>>();
        assert_eq!(names(f(&["before=mid"])), ["old"]);
        assert_eq!(names(f(&["since=mid"])), ["new"]);
        assert_eq!(names(f(&["since=old", "before=new"])), ["mid"]);
        assert_eq!(names(f(&["since=new", "since=old"])), ["mid", "new"], "the earliest of the values");
        assert_eq!(names(f(&["until=250"])), ["old", "mid"]);
        assert_eq!(names(f(&["until=1970-01-01T00:03:20Z"])), ["old"]);
        assert_eq!(names(f(&["until=1h"])), ["old", "mid", "new"]);
    }

    #[test]
    fn volumes_and_restart_policies() {
        let r = row(rec("a", json!({"volumes": ["cache"], "settings": {"restart_policy": "always"}})));
        let m = Mounts { binds: vec![("/srv/src".into(), "/src".into())], named: vec![("cache".into(), "/root/.cache".into())] };
        let f = |s: &[&str]| filt(s).unwrap().matches(&r, &m);
        assert!(f(&["volume=cache"]));
        assert!(f(&["volume=cache:/root/.cache"]));
        assert!(!f(&["volume=cache:/elsewhere"]));
        assert!(f(&["volume=/srv/src"]));
        assert!(f(&["volume=/srv/src:/src"]));
        assert!(!f(&["volume=/src"]));
        assert!(!f(&["volume=other"]));
        assert!(filt(&["volume=cache"]).unwrap().needs_mounts());
        assert!(f(&["restart-policy=always"]));
        assert!(f(&["restart-policy=no", "restart-policy=always"]));
        assert!(!f(&["restart-policy=on-failure"]));
        let plain = row(rec("b", json!({})));
        assert!(hit(&["restart-policy=none"], &plain));
        assert!(hit(&["restart-policy=no"], &plain));
        assert!(!hit(&["restart-policy=always"], &plain));
        // No health checks, pods or container networks in hutch: nothing matches.
        for k in ["health=healthy", "pod=p", "network=podman"] {
            assert!(!hit(&[k], &plain), "{k}");
        }
    }
}
