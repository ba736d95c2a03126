//! How the engine reports progress without printing: a sink the CLI provides.

/// Receives progress of long operations (pulls). Implementations must be cheap to call.
pub trait ProgressSink: Send + Sync {
    /// A step worth a line ("Trying to pull ...", "Writing manifest ...").
    fn message(&self, msg: &str);
    /// A blob transfer begins (`size` bytes).
    fn blob_start(&self, digest: &str, size: u64);
    /// `n` more bytes of the blob arrived.
    fn blob_bytes(&self, digest: &str, n: u64);
    /// The blob is done; `note` is "done" or "skipped: already exists".
    fn blob_done(&self, digest: &str, note: &str);
}

/// Line output for stderr when it is not a terminal (and for tests).
pub struct Lines;

impl ProgressSink for Lines {
    fn message(&self, msg: &str) {
        eprintln!("{msg}");
    }
    fn blob_start(&self, _: &str, _: u64) {}
    fn blob_bytes(&self, _: &str, _: u64) {}
    fn blob_done(&self, digest: &str, note: &str) {
        eprintln!("Copying blob {} {note}", short(digest));
    }
}

/// Nothing at all (`-q`).
pub struct Quiet;

impl ProgressSink for Quiet {
    fn message(&self, _: &str) {}
    fn blob_start(&self, _: &str, _: u64) {}
    fn blob_bytes(&self, _: &str, _: u64) {}
    fn blob_done(&self, _: &str, _: &str) {}
}

pub fn short(digest: &str) -> String {
    digest.chars().take(19).collect()
}
