//! `logs`: reads containers' k8s-file logs (the rotated file first), with --since/--until,
//! --tail, and --follow until the container exits.

use crate::engine::lifecycle::{BatchReport, Targets};
use crate::engine::Engine;
use crate::state::containers::{self as records, ContainerRecord, Status};
use crate::supervisor::log::{self, Entry};
use anyhow::Result;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct LogsOptions {
    pub follow: bool,
    /// The last N lines only.
    pub tail: Option<usize>,
    /// Nanoseconds since the epoch.
    pub since: Option<i128>,
    pub until: Option<i128>,
}

/// A log file being followed.
struct Follow {
    rec: ContainerRecord,
    path: PathBuf,
    file: Option<std::fs::File>,
    ino: u64,
    pending: Vec<u8>,
    done: bool,
}

impl Follow {
    /// Reads what was appended since last time (switching files after a rotation).
    fn read_new(&mut self) -> Vec<Entry> {
        let mut out = Vec::new();
        loop {
            if let Some(f) = self.file.as_mut() {
                let mut buf = Vec::new();
                let _ = f.read_to_end(&mut buf);
                self.pending.extend_from_slice(&buf);
                let (entries, used) = log::parse_chunk(&self.pending);
                self.pending.drain(..used);
                out.extend(entries);
            }
            // Rotated (or created) under us: carry on with the new file.
            match std::fs::metadata(&self.path) {
                Ok(m) if m.ino() != self.ino => {
                    self.file = std::fs::File::open(&self.path).ok();
                    self.ino = m.ino();
                    self.pending.clear();
                }
                _ => return out,
            }
        }
    }
}

impl Engine {
    /// Calls `emit` for each entry, in order, container by container (interleaved in time
    /// while following). `emit` returns false to stop (its output was closed).
    pub fn logs(&self, t: &Targets, o: &LogsOptions, emit: &mut dyn FnMut(&ContainerRecord, &Entry) -> bool) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let mut follows = Vec::new();
        for (key, rec) in self.targets(t, &mut report)? {
            if !rec.settings.logs() {
                report.fail(&key, 125, format!(
                    "this container is using the '{}' log driver, cannot read logs: this container is not logging output",
                    rec.settings.log_driver
                ));
                continue;
            }
            let path = records::log_path(&self.paths, &rec);
            let mut entries = Vec::new();
            let mut text = std::fs::read(log::rotated(&path)).unwrap_or_default();
            let mut file = std::fs::File::open(&path).ok();
            let ino = file.as_ref().and_then(|f| f.metadata().ok()).map(|m| m.ino()).unwrap_or(0);
            if let Some(f) = file.as_mut() {
                let _ = f.read_to_end(&mut text);
            }
            let (parsed, used) = log::parse_chunk(&text);
            entries.extend(parsed);
            let pending = text[used..].to_vec();
            let mut entries: Vec<Entry> = entries.into_iter().filter(|e| keep(e, o)).collect();
            if let Some(n) = o.tail {
                entries = tail(entries, n);
            }
            for e in &entries {
                if !emit(&rec, e) {
                    return Ok(report);
                }
            }
            report.done.push(key);
            if o.follow {
                if let Some(f) = file.as_mut() {
                    let _ = f.seek(SeekFrom::End(0));
                }
                follows.push(Follow { rec, path, file, ino, pending, done: false });
            }
        }
        while follows.iter().any(|f| !f.done) {
            for f in follows.iter_mut().filter(|f| !f.done) {
                // Read the status first: all it wrote before it exited is then in the file.
                let running = records::load(&self.paths, &f.rec.id).map(|r| r.live_status() == Status::Running).unwrap_or(false);
                for e in f.read_new() {
                    if o.until.is_some_and(|u| e.nanos > u) {
                        f.done = true;
                        break;
                    }
                    if keep(&e, o) && !emit(&f.rec, &e) {
                        return Ok(report);
                    }
                }
                if !running || o.until.is_some_and(|u| crate::util::time::now_nanos() > u) {
                    f.done = true;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(report)
    }
}

fn keep(e: &Entry, o: &LogsOptions) -> bool {
    o.since.is_none_or(|s| e.nanos >= s) && o.until.is_none_or(|u| e.nanos <= u)
}

/// The entries making up the last `n` lines (a line ends at an F entry).
fn tail(entries: Vec<Entry>, n: usize) -> Vec<Entry> {
    if n == 0 {
        return vec![];
    }
    let mut lines = 0;
    let mut start = entries.len();
    for (i, e) in entries.iter().enumerate().rev() {
        if e.full {
            if lines == n {
                break;
            }
            lines += 1;
        }
        start = i;
    }
    entries[start..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::supervisor::log::Stream;

    fn e(text: &str, full: bool) -> Entry {
        Entry { stamp: String::new(), nanos: 0, stream: Stream::Stdout, full, text: text.as_bytes().to_vec() }
    }

    #[test]
    fn tail_counts_whole_lines() {
        let v = vec![e("a", true), e("b", false), e("c", true), e("d", true)];
        let t: Vec<String> = tail(v.clone(), 2).iter().map(|x| String::from_utf8(x.text.clone()).unwrap()).collect();
        assert_eq!(t, ["b", "c", "d"]);
        assert!(tail(v.clone(), 0).is_empty());
        assert_eq!(tail(v, 10).len(), 4);
    }
}
