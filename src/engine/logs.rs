//! `logs`: reads containers' k8s-file logs (the rotated file first) or their journal entries,
//! with --since/--until, --tail, and --follow until the container exits.

use crate::engine::lifecycle::{BatchReport, Targets};
use crate::engine::Engine;
use crate::state::containers::{self as records, ContainerRecord, Status};
use crate::engine::logs_journal::{self, JournalFollow};
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

/// A log being followed: the k8s-file log, or the journal.
enum Source {
    File { path: PathBuf, file: Option<std::fs::File>, ino: u64, pending: Vec<u8> },
    Journal(JournalFollow),
}

struct Follow {
    rec: ContainerRecord,
    source: Source,
    done: bool,
}

impl Source {
    /// Reads what was appended since last time (switching files after a rotation).
    fn read_new(&mut self) -> Vec<Entry> {
        let (path, file, ino, pending) = match self {
            Source::Journal(j) => return j.read_new(),
            Source::File { path, file, ino, pending } => (path, file, ino, pending),
        };
        let mut out = Vec::new();
        loop {
            if let Some(f) = file.as_mut() {
                let mut buf = Vec::new();
                let _ = f.read_to_end(&mut buf);
                pending.extend_from_slice(&buf);
                let (entries, used) = log::parse_chunk(pending);
                pending.drain(..used);
                out.extend(entries);
            }
            // Rotated (or created) under us: carry on with the new file.
            match std::fs::metadata(&*path) {
                Ok(m) if m.ino() != *ino => {
                    *file = std::fs::File::open(&*path).ok();
                    *ino = m.ino();
                    pending.clear();
                }
                _ => return out,
            }
        }
    }
}

/// A container's log so far, and where to follow it from.
fn read_all(paths: &crate::state::paths::Paths, rec: &ContainerRecord, follow: bool) -> Result<(Vec<Entry>, Option<Source>)> {
    if rec.settings.journal_log() {
        let (entries, cursor) = logs_journal::entries(&rec.id, None)?;
        let source = if follow { Some(Source::Journal(JournalFollow::start(&rec.id, cursor.as_deref())?)) } else { None };
        return Ok((entries, source));
    }
    let path = records::log_path(paths, rec);
    let mut text = std::fs::read(log::rotated(&path)).unwrap_or_default();
    let mut file = std::fs::File::open(&path).ok();
    let ino = file.as_ref().and_then(|f| f.metadata().ok()).map(|m| m.ino()).unwrap_or(0);
    if let Some(f) = file.as_mut() {
        let _ = f.read_to_end(&mut text);
    }
    let (entries, used) = log::parse_chunk(&text);
    let pending = text[used..].to_vec();
    let source = follow.then(|| {
        if let Some(f) = file.as_mut() {
            let _ = f.seek(SeekFrom::End(0));
        }
        Source::File { path, file, ino, pending }
    });
    Ok((entries, source))
}

impl Engine {
    /// Calls `emit` for each entry, in order, container by container (interleaved in time
    /// while following). `emit` returns false to stop (its output was closed).
    pub fn logs(&self, t: &Targets, o: &LogsOptions, emit: &mut dyn FnMut(&ContainerRecord, &Entry) -> bool) -> Result<BatchReport> {
        let mut report = BatchReport::default();
        let mut follows = Vec::new();
        for (key, rec) in self.targets(t, &mut report)? {
            if !rec.settings.file_log() && !rec.settings.journal_log() {
                report.fail(&key, 125, format!(
                    "this container is using the '{}' log driver, cannot read logs: this container is not logging output",
                    rec.settings.log_driver
                ));
                continue;
            }
            let (entries, source) = read_all(&self.paths, &rec, o.follow)?;
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
            if let Some(source) = source {
                follows.push(Follow { rec, source, done: false });
            }
        }
        while follows.iter().any(|f| !f.done) {
            for f in follows.iter_mut().filter(|f| !f.done) {
                // Read the status first: all it wrote before it exited is then in the file
                // (or, for the journal, read once it has ended).
                let running = records::load(&self.paths, &f.rec.id).map(|r| r.live_status() == Status::Running).unwrap_or(false);
                let new = match &mut f.source {
                    Source::Journal(j) if !running => j.finish(),
                    s => s.read_new(),
                };
                for e in new {
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
