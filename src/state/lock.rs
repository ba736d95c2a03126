//! Advisory locks on lock files (std's `File::lock`, flock(2) underneath): released by the
//! kernel when the holder exits, so a killed command never leaves a stale lock.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::path::Path;

pub struct Lock {
    _file: File,
}

impl Lock {
    /// The fd holding the lock (a child that inherits it holds the lock too: flock belongs
    /// to the open file, so it outlives this process while the child keeps it).
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsRawFd;
        self._file.as_raw_fd()
    }
}

/// Takes the exclusive lock at `path`, waiting for any other holder.
pub fn exclusive(path: &Path) -> Result<Lock> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("opening lock file {}", path.display()))?;
    file.lock().with_context(|| format!("locking {}", path.display()))?;
    Ok(Lock { _file: file })
}
