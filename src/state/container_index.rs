//! Every container record in one file, so that listing N containers reads one file instead of
//! opening N: a cache kept beside the records (`containers.index` in the store), so every
//! command on the store sees the same one, whatever its runtime directory.
//!
//! Kept right under concurrency and SIGKILL by one rule. Whoever changes a record or takes a
//! container away first holds the index lock shared and deletes the index, then makes the
//! change (`changing`). The index is written only by a reader that holds the lock exclusively
//! and made its scan under it (`Writer`). So an index exists only while no change was made
//! since its scan; a killed changer has already deleted it, and a killed reader leaves at most
//! a temporary file, which the next one replaces.
//!
//! A supervisor of an older hutch (one that knew no index, still running after an upgrade)
//! changes records without deleting the index: `containers::list_all` reads a record again
//! from disk when the index says "running" and the container is not. And a container
//! directory added or taken away by anything else (by hand) changes the containers
//! directory's modification time, which the index names: it is then not read.

use crate::state::paths::Paths;
use anyhow::{Context, Result};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::PathBuf;

const VERSION: &str = "hutch-containers-index 1";

fn index_path(paths: &Paths) -> PathBuf {
    paths.root.join("containers.index")
}

fn open_lock(paths: &Paths) -> Result<File> {
    let p = paths.root.join("containers.index.lock");
    OpenOptions::new().create(true).truncate(false).write(true).open(&p).with_context(|| format!("opening lock file {}", p.display()))
}

/// The first line: the version, the store it describes (a copied store is another one) and
/// its containers directory's modification time.
fn header(paths: &Paths) -> String {
    use std::os::unix::fs::MetadataExt;
    let stamp = fs::metadata(paths.containers()).map(|m| format!("{}.{:09} {}", m.mtime(), m.mtime_nsec(), m.ino())).unwrap_or_default();
    format!("{VERSION} {:?} {stamp}\n", paths.root)
}

/// Held while a record changes or a container's directory goes; no index is written meanwhile.
pub struct Changing {
    _lock: File,
}

/// Takes the index lock shared and deletes the index: call before changing any record.
pub fn changing(paths: &Paths) -> Result<Changing> {
    let lock = open_lock(paths)?;
    lock.lock_shared().context("locking the containers index")?;
    match fs::remove_file(index_path(paths)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).context("removing the containers index"),
    }
    Ok(Changing { _lock: lock })
}

/// The records' bytes, one per line after the header, if the index is there and for this store.
pub fn read(paths: &Paths) -> Option<String> {
    let mut text = String::new();
    File::open(index_path(paths)).ok()?.read_to_string(&mut text).ok()?;
    let head = header(paths);
    text.starts_with(&head).then(|| {
        text.drain(..head.len());
        text
    })
}

/// A reader allowed to write the index: it holds the lock exclusively, so no record changes
/// between its scan and its write.
pub struct Writer {
    _lock: File,
    header: String,
    /// Each record's bytes, with its place in the listing (created, then id).
    lines: Vec<((i64, u64, String), Vec<u8>)>,
    /// A record could not be kept on one line: no index this time.
    incomplete: bool,
}

impl Writer {
    /// `None` while some change is under way (or the lock cannot be had): the reader then
    /// scans without writing.
    pub fn try_new(paths: &Paths) -> Option<Writer> {
        let lock = open_lock(paths).ok()?;
        lock.try_lock().ok()?;
        // The directory's time before the scan: a change during it shows as a mismatch.
        Some(Writer { _lock: lock, header: header(paths), lines: Vec::new(), incomplete: false })
    }

    /// One record's bytes, as read from its file (compact JSON: no raw newline), and its
    /// place in the listing.
    pub fn add(&mut self, order: (i64, u64, &str), record: &[u8]) {
        if record.contains(&b'\n') {
            self.incomplete = true;
            return;
        }
        self.lines.push(((order.0, order.1, order.2.to_string()), record.to_vec()));
    }

    /// Writes the index, oldest first, so a reader needs no sort (a temporary file renamed
    /// into place). Failing is harmless: the next reader scans again.
    pub fn finish(mut self, paths: &Paths) {
        if self.incomplete {
            return;
        }
        self.lines.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text = self.header.into_bytes();
        for (_, line) in &self.lines {
            text.extend_from_slice(line);
            text.push(b'\n');
        }
        let path = index_path(paths);
        let tmp = paths.root.join("containers.index.tmp");
        let _ = File::create(&tmp).and_then(|mut f| f.write_all(&text)).and_then(|()| fs::rename(&tmp, &path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::containers::{self, ContainerRecord};

    fn store(name: &str) -> Paths {
        let dir = std::env::temp_dir().join(format!("hutch-index-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let over = crate::state::paths::PathOverrides { root: Some(dir.join("root")), runroot: Some(dir.join("run")), storage_driver: None };
        let p = Paths::resolve(&over, &Default::default()).unwrap();
        p.ensure_store().unwrap();
        p
    }

    fn record(p: &Paths, n: u8, name: &str) -> ContainerRecord {
        let id = format!("{:064x}", n);
        fs::create_dir_all(p.container_dir(&id)).unwrap();
        let rec: ContainerRecord = serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "image": "i", "root": {"kind": "dir", "path": "/", "overlay": false},
            "command": ["true"], "created": 100 - i64::from(n), "status": "created", "settings": {"stop_signal": 0}
        })).unwrap();
        containers::save(p, &rec).unwrap();
        rec
    }

    fn names(p: &Paths) -> Vec<String> {
        containers::list(p).unwrap().into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn a_listing_writes_the_index_and_every_change_deletes_it_first() {
        let p = store("changes");
        let mut a = record(&p, 1, "a");
        record(&p, 2, "b");
        assert!(read(&p).is_none());
        // Oldest first (b was created before a), from the scan, which writes the index.
        assert_eq!(names(&p), ["b", "a"]);
        assert_eq!(read(&p).unwrap().lines().count(), 2);
        assert_eq!(names(&p), ["b", "a"], "the same from the index");
        a.name = "renamed".into();
        containers::save(&p, &a).unwrap();
        assert!(read(&p).is_none(), "a saved record deletes the index");
        assert_eq!(names(&p), ["b", "renamed"]);
        // A change under way (its shared lock held): a listing scans but writes no index.
        let held = changing(&p).unwrap();
        assert!(Writer::try_new(&p).is_none());
        assert_eq!(names(&p), ["b", "renamed"]);
        assert!(read(&p).is_none());
        drop(held);
        assert_eq!(names(&p), ["b", "renamed"]);
        assert!(read(&p).is_some());
        let _ = fs::remove_dir_all(p.root.parent().unwrap());
    }

    #[test]
    fn an_index_of_another_store_or_version_is_not_read() {
        let p = store("other");
        record(&p, 1, "a");
        assert_eq!(names(&p), ["a"]);
        let text = fs::read_to_string(index_path(&p)).unwrap();
        fs::write(index_path(&p), text.replacen(&format!("{:?}", p.root), "\"/elsewhere\"", 1)).unwrap();
        assert!(read(&p).is_none());
        fs::write(index_path(&p), text.replacen(VERSION, "hutch-containers-index 0", 1)).unwrap();
        assert!(read(&p).is_none());
        // A line that does not parse: the listing scans again.
        fs::write(index_path(&p), format!("{}{{broken\n", header(&p))).unwrap();
        assert_eq!(names(&p), ["a"]);
        let _ = fs::remove_dir_all(p.root.parent().unwrap());
    }
}
