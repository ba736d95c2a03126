//! The per-user event log (Podman's `file` events backend): one JSON object a line, appended
//! with O_APPEND in one write, so concurrent commands never interleave. It lives in the
//! runtime directory, as Podman's does, so it starts afresh at boot.

use crate::state::paths::Paths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// An event, with Podman's JSON names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "ContainerExitCode", default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(rename = "ID", default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(rename = "Image", default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(rename = "Name", default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(rename = "Status")]
    pub status: String,
    /// Nanoseconds since the epoch (written as RFC 3339 with nanoseconds).
    #[serde(rename = "Time", with = "rfc3339")]
    pub time: i128,
    #[serde(rename = "Type")]
    pub typ: String,
    #[serde(rename = "health_status", default, skip_serializing_if = "String::is_empty")]
    pub health_status: String,
    #[serde(rename = "Attributes", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

mod rfc3339 {
    /// Go's RFC3339Nano, as Podman's JSON has it: trailing zeros of the fraction dropped,
    /// `Z` for UTC.
    pub fn serialize<S: serde::Serializer>(t: &i128, s: S) -> Result<S::Ok, S::Error> {
        let full = crate::util::time::rfc3339_nanos_local(*t);
        let (main, zone) = full.split_at(full.len() - 6);
        let main = main.trim_end_matches('0').trim_end_matches('.');
        let zone = if zone == "+00:00" { "Z" } else { zone };
        s.serialize_str(&format!("{main}{zone}"))
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
        let s: String = serde::Deserialize::deserialize(d)?;
        crate::util::time::parse_rfc3339_nanos(&s).ok_or_else(|| serde::de::Error::custom(format!("bad time {s}")))
    }
}

impl Event {
    pub fn new(typ: &str, status: &str) -> Event {
        Event { typ: typ.into(), status: status.into(), time: crate::util::time::now_nanos(), ..Default::default() }
    }

    /// Podman's ToHumanReadable.
    pub fn human(&self, truncate: bool) -> String {
        let e = self;
        let time = crate::util::time::go_time_string(e.time);
        let id = if truncate && e.id.len() > 12 { &e.id[..12] } else { e.id.as_str() };
        match e.typ.as_str() {
            "container" | "pod" => {
                let mut s = format!("{time} {} {} {id} (image={}, name={}", e.typ, e.status, e.image, e.name);
                if !e.health_status.is_empty() {
                    s.push_str(&format!(", health_status={}", e.health_status));
                }
                for (k, v) in &e.attributes {
                    s.push_str(&format!(", {k}={v}"));
                }
                s.push(')');
                s
            }
            "image" => format!("{time} {} {} {id} {}", e.typ, e.status, e.name),
            "system" if e.name.is_empty() => format!("{time} {} {}", e.typ, e.status),
            _ => format!("{time} {} {} {}", e.typ, e.status, e.name),
        }
    }

    /// The event as Podman's journald backend writes it: the readable line as MESSAGE, and
    /// its PODMAN_* fields (`journalctl PODMAN_EVENT=died` finds them).
    fn journal_fields(&self) -> Vec<(&'static str, Vec<u8>)> {
        let mut f: Vec<(&'static str, Vec<u8>)> = vec![
            ("MESSAGE", self.human(false).into_bytes()),
            ("PRIORITY", b"6".to_vec()),
            ("SYSLOG_IDENTIFIER", b"hutch".to_vec()),
            ("PODMAN_EVENT", self.status.as_bytes().to_vec()),
            ("PODMAN_TYPE", self.typ.as_bytes().to_vec()),
            ("PODMAN_TIME", crate::util::time::rfc3339_nanos_local(self.time).into_bytes()),
        ];
        match self.typ.as_str() {
            "container" | "pod" => {
                f.push(("PODMAN_IMAGE", self.image.as_bytes().to_vec()));
                f.push(("PODMAN_NAME", self.name.as_bytes().to_vec()));
                f.push(("PODMAN_ID", self.id.as_bytes().to_vec()));
                if let Some(c) = self.exit_code.filter(|c| *c != 0) {
                    f.push(("PODMAN_EXIT_CODE", c.to_string().into_bytes()));
                }
                if !self.attributes.is_empty() {
                    f.push(("PODMAN_LABELS", serde_json::to_vec(&self.attributes).unwrap_or_default()));
                }
                f.push(("PODMAN_HEALTH_STATUS", self.health_status.as_bytes().to_vec()));
            }
            "image" => {
                f.push(("PODMAN_NAME", self.name.as_bytes().to_vec()));
                f.push(("PODMAN_ID", self.id.as_bytes().to_vec()));
            }
            _ => f.push(("PODMAN_NAME", self.name.as_bytes().to_vec())),
        }
        f
    }
}

/// A container event: its id, name and image, its labels as attributes.
pub fn container_event(status: &str, rec: &crate::state::containers::ContainerRecord, exit_code: Option<i32>) -> Event {
    let mut e = Event::new("container", status);
    e.id = rec.id.clone();
    e.name = rec.name.clone();
    e.image = rec.image.clone();
    e.exit_code = exit_code;
    e.attributes = rec.settings.labels.clone();
    e
}

pub fn log_path(paths: &Paths) -> PathBuf {
    paths.runroot.join("events").join("events.log")
}

/// Appends `ev` (best effort: an event that cannot be written never fails the command).
/// `backend` is where events go (config::containers::events_backend): `none` records
/// nothing; `journald` sends the event to the journal too, where one answers.
pub fn record(paths: &Paths, ev: &Event, backend: &str) {
    if backend == "none" || ev.attributes.contains_key(crate::state::containers::BUILD_LABEL) {
        return;
    }
    if backend == "journald" {
        let fields = ev.journal_fields();
        let refs: Vec<(&str, &[u8])> = fields.iter().map(|(n, v)| (*n, v.as_slice())).collect();
        crate::util::journal::send(&refs);
    }
    let path = log_path(paths);
    let Ok(mut line) = serde_json::to_vec(ev) else { return };
    line.push(b'\n');
    let open = || std::fs::OpenOptions::new().create(true).append(true).open(&path);
    let f = open().or_else(|_| {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        open()
    });
    if let Ok(mut f) = f {
        let _ = f.write_all(&line);
    }
}

/// Parses one line of the log; None for a line cut short (a command killed mid-write).
pub fn parse_line(line: &str) -> Option<Event> {
    serde_json::from_str(line).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_podmans_names() {
        let mut e = Event::new("container", "died");
        e.id = "abc".into();
        e.exit_code = Some(3);
        e.attributes.insert("name".into(), "x".into());
        let line = serde_json::to_string(&e).unwrap();
        assert!(line.starts_with("{\"ContainerExitCode\":3,\"ID\":\"abc\",\"Status\":\"died\",\"Time\":\""), "{line}");
        assert_eq!(parse_line(&line), Some(e));
        assert_eq!(parse_line("{\"ID\":\"ab"), None);
    }
}
