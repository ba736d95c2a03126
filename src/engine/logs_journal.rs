//! `logs` of a container that logs to the journal: its entries, read with journalctl (from
//! Debian's systemd package, which journald comes with) as JSON, matched by
//! CONTAINER_ID_FULL as Podman matches them, made into the same entries as the k8s-file log's.

use crate::error::exit_error;
use crate::supervisor::log::{Entry, Stream};
use anyhow::{Context, Result};
use std::io::Read;
use std::os::fd::AsRawFd;
use std::process::{Child, Command, Stdio};

/// journalctl for the container's entries after `cursor` (all without one), following them
/// or not.
fn journalctl(id: &str, follow: bool, cursor: Option<&str>) -> Result<Child> {
    let mut c = Command::new("journalctl");
    c.args(["--no-pager", "--all", "-o", "json", "--output-fields=MESSAGE,PRIORITY,CONTAINER_PARTIAL_MESSAGE"]);
    if follow {
        c.args(["--follow", "--lines=all"]);
    }
    if let Some(cursor) = cursor {
        c.arg(format!("--after-cursor={cursor}"));
    }
    c.arg(format!("CONTAINER_ID_FULL={id}")).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(if follow { Stdio::null() } else { Stdio::piped() });
    c.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => exit_error(125, "journalctl is needed to read a journald container's logs: install Debian's systemd package"),
        _ => anyhow::Error::new(e).context("running journalctl"),
    })
}

/// Every entry the journal has for the container (after `cursor`, if given), oldest first,
/// and the cursor of the last (where following goes on from).
pub fn entries(id: &str, cursor: Option<&str>) -> Result<(Vec<Entry>, Option<String>)> {
    let out = journalctl(id, false, cursor)?.wait_with_output().context("reading journalctl's output")?;
    let text = out.stdout;
    // No journal it may read: say so, rather than show no lines.
    let err = String::from_utf8_lossy(&out.stderr);
    if let Some(l) = err.lines().find(|l| l.contains("insufficient permissions") || l.starts_with("Failed")) {
        return Err(exit_error(125, format!(
            "journalctl cannot read the container's entries: {}: make the journal persistent (your entries then go to a file of your own) or join the systemd-journal group",
            l.trim()
        )));
    }
    let mut cursor = None;
    let mut v = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        if let Some((e, c)) = parse(line) {
            v.push(e);
            cursor = Some(c);
        }
    }
    Ok((v, cursor))
}

/// One line of `journalctl -o json`: the entry and its cursor.
fn parse(line: &[u8]) -> Option<(Entry, String)> {
    if line.is_empty() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(line).ok()?;
    let cursor = v["__CURSOR"].as_str().unwrap_or_default().to_string();
    let micros: i128 = v["__REALTIME_TIMESTAMP"].as_str()?.parse().ok()?;
    let nanos = micros * 1000;
    // A message that is not UTF-8 comes as an array of bytes.
    let text = match &v["MESSAGE"] {
        serde_json::Value::String(s) => s.as_bytes().to_vec(),
        serde_json::Value::Array(a) => a.iter().filter_map(|b| b.as_u64().map(|b| b as u8)).collect(),
        _ => Vec::new(),
    };
    let stream = if v["PRIORITY"].as_str() == Some("3") { Stream::Stderr } else { Stream::Stdout };
    let full = v["CONTAINER_PARTIAL_MESSAGE"].as_str() != Some("true");
    Some((Entry { stamp: crate::util::time::rfc3339_nanos_local(nanos), nanos, stream, full, text }, cursor))
}

/// `logs -f` of a journald container: entries as journald gets them. journalctl hears of
/// new entries a moment after journald has them (journald announces its writes in batches),
/// so when the container has ended, `finish` reads what is left straight from the journal.
pub struct JournalFollow {
    id: String,
    child: Child,
    pending: Vec<u8>,
    cursor: Option<String>,
}

impl JournalFollow {
    /// Follows after `cursor` (the last entry already read), or from the start.
    pub fn start(id: &str, cursor: Option<&str>) -> Result<JournalFollow> {
        let child = journalctl(id, true, cursor)?;
        if let Some(out) = child.stdout.as_ref() {
            crate::runtime::io::set_nonblocking(out.as_raw_fd());
        }
        Ok(JournalFollow { id: id.to_string(), child, pending: Vec::new(), cursor: cursor.map(str::to_string) })
    }

    /// The container has ended: the entries journalctl has not shown yet, and no more.
    pub fn finish(&mut self) -> Vec<Entry> {
        let mut out = self.read_new();
        let _ = self.child.kill();
        // What the supervisor sent before it recorded the exit, once journald has stored
        // it: read until a read finds nothing more (journald may be a moment behind).
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            match entries(&self.id, self.cursor.as_deref()) {
                Ok((rest, cursor)) if !rest.is_empty() => {
                    out.extend(rest);
                    self.cursor = cursor;
                }
                _ => break,
            }
        }
        out
    }

    /// What journalctl has printed since last time.
    pub fn read_new(&mut self) -> Vec<Entry> {
        let mut buf = [0u8; 64 * 1024];
        if let Some(out) = self.child.stdout.as_mut() {
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                self.pending.extend_from_slice(&buf[..n]);
            }
        }
        let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') else { return Vec::new() };
        let lines: Vec<u8> = self.pending.drain(..=end).collect();
        let mut out = Vec::new();
        for (e, c) in lines.split(|&b| b == b'\n').filter_map(parse) {
            out.push(e);
            self.cursor = Some(c);
        }
        out
    }
}

impl Drop for JournalFollow {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn journal_json_becomes_log_entries() {
        let (e, cursor) = super::parse(br#"{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1764720000123456","MESSAGE":"hi","PRIORITY":"3","CONTAINER_PARTIAL_MESSAGE":"true"}"#).unwrap();
        assert_eq!(cursor, "s=1");
        assert_eq!((e.nanos, e.text.as_slice(), e.stream, e.full), (1764720000123456000, &b"hi"[..], crate::supervisor::log::Stream::Stderr, false));
        let (raw, _) = super::parse(br#"{"__REALTIME_TIMESTAMP":"1","MESSAGE":[104,255],"PRIORITY":"6"}"#).unwrap();
        assert_eq!((raw.text, raw.full), (vec![104, 255], true));
        assert!(super::parse(b"").is_none());
    }
}
