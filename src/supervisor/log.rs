//! The container's log in Podman's k8s-file format, one record a line:
//! `2026-12-02T01:25:59.123456789+00:00 stdout F text` (F: the line ended; P: a partial line,
//! continued by the next record). The supervisor writes it; `hutch logs` reads it.
//! At `max-size` the file is rotated once: `ctr.log` becomes `ctr.log.1`, which is read first.

use crate::util::time;
use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

pub struct LogWriter {
    path: PathBuf,
    file: File,
    size: u64,
    max: Option<u64>,
}

impl LogWriter {
    pub fn open(path: &Path, max: Option<u64>) -> Result<LogWriter> {
        let file = OpenOptions::new().create(true).append(true).open(path).with_context(|| format!("opening the log {}", path.display()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(LogWriter { path: path.to_path_buf(), file, size, max })
    }

    /// Appends what the container wrote: a record per line, the unfinished tail as partial.
    pub fn write(&mut self, stream: Stream, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        let ts = time::rfc3339_nanos_local(time::now_nanos());
        let mut out = Vec::with_capacity(data.len() + 64);
        for piece in data.split_inclusive(|&b| b == b'\n') {
            let (text, flag) = match piece.strip_suffix(b"\n") {
                Some(t) => (t, "F"),
                None => (piece, "P"),
            };
            let record_len = (ts.len() + stream.name().len() + text.len() + 5) as u64;
            // Rotate between records, so the file never passes max-size (but by one record
            // longer than max-size itself).
            if let Some(max) = self.max {
                if self.size + out.len() as u64 > 0 && self.size + out.len() as u64 + record_len > max {
                    self.append(&out);
                    out.clear();
                    self.rotate();
                }
            }
            out.extend_from_slice(ts.as_bytes());
            out.push(b' ');
            out.extend_from_slice(stream.name().as_bytes());
            out.push(b' ');
            out.extend_from_slice(flag.as_bytes());
            out.push(b' ');
            out.extend_from_slice(text);
            out.push(b'\n');
        }
        self.append(&out);
    }

    fn append(&mut self, out: &[u8]) {
        // A full disk must not stop the container: the log loses the text, the output goes on.
        if !out.is_empty() && self.file.write_all(out).is_ok() {
            self.size += out.len() as u64;
        }
    }

    fn rotate(&mut self) {
        let old = rotated(&self.path);
        if std::fs::rename(&self.path, &old).is_ok() {
            if let Ok(f) = OpenOptions::new().create(true).append(true).open(&self.path) {
                self.file = f;
                self.size = 0;
            }
        }
    }
}

/// The previous log file after a rotation.
pub fn rotated(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".1");
    PathBuf::from(s)
}

/// One record of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The timestamp as written.
    pub stamp: String,
    /// The same, in nanoseconds since the epoch.
    pub nanos: i128,
    pub stream: Stream,
    /// The line ends here (F), or continues in the next record (P).
    pub full: bool,
    pub text: Vec<u8>,
}

/// Parses one line of the file (without its newline).
pub fn parse_line(line: &[u8]) -> Option<Entry> {
    let mut parts = line.splitn(4, |&b| b == b' ');
    let stamp = std::str::from_utf8(parts.next()?).ok()?;
    let stream = match parts.next()? {
        b"stdout" => Stream::Stdout,
        b"stderr" => Stream::Stderr,
        _ => return None,
    };
    let full = match parts.next()? {
        b"F" => true,
        b"P" => false,
        _ => return None,
    };
    let text = parts.next().unwrap_or(b"").to_vec();
    Some(Entry { stamp: stamp.to_string(), nanos: time::parse_rfc3339_nanos(stamp)?, stream, full, text })
}

/// Parses a chunk of the file; returns the entries and how many bytes made whole lines.
pub fn parse_chunk(buf: &[u8]) -> (Vec<Entry>, usize) {
    let mut out = Vec::new();
    let mut used = 0;
    while let Some(nl) = buf[used..].iter().position(|&b| b == b'\n') {
        if let Some(e) = parse_line(&buf[used..used + nl]) {
            out.push(e);
        }
        used += nl + 1;
    }
    (out, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_full_and_partial_lines_and_reads_them_back() {
        let dir = std::env::temp_dir().join(format!("hutch-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("ctr.log");
        let mut w = LogWriter::open(&p, None).unwrap();
        w.write(Stream::Stdout, b"one\ntw");
        w.write(Stream::Stderr, b"o\n");
        let text = std::fs::read(&p).unwrap();
        let (entries, used) = parse_chunk(&text);
        assert_eq!(used, text.len());
        let got: Vec<(Stream, bool, &[u8])> = entries.iter().map(|e| (e.stream, e.full, e.text.as_slice())).collect();
        assert_eq!(got, [(Stream::Stdout, true, &b"one"[..]), (Stream::Stdout, false, b"tw"), (Stream::Stderr, true, b"o")]);
        let line = String::from_utf8(text).unwrap();
        let stamp = line.split(' ').next().unwrap();
        assert_eq!(stamp.len(), "2026-12-02T01:25:59.123456789+00:00".len(), "{stamp}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rotates_at_max_size() {
        let dir = std::env::temp_dir().join(format!("hutch-logrot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("ctr.log");
        let mut w = LogWriter::open(&p, Some(200)).unwrap();
        for _ in 0..10 {
            w.write(Stream::Stdout, b"0123456789012345678901234567890123456789\n");
        }
        assert!(std::fs::metadata(&p).unwrap().len() <= 200);
        assert!(rotated(&p).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(parse_line(b"not a log line"), None);
        assert_eq!(parse_line(b"2024-01-02T03:04:05.000000001+00:00 stdout X y"), None);
    }
}
