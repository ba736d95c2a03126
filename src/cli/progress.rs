//! Progress bars on a terminal: one per layer (bytes, rate) and a total, as Podman users know.

use crate::engine::progress::{short, Lines, ProgressSink, Quiet};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Bars {
    multi: MultiProgress,
    total: ProgressBar,
    bars: Mutex<HashMap<String, ProgressBar>>,
}

impl Bars {
    fn new() -> Bars {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let total = multi.add(ProgressBar::new(0));
        total.set_style(ProgressStyle::with_template("Total              [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> "));
        Bars { multi, total, bars: Mutex::new(HashMap::new()) }
    }
}

impl ProgressSink for Bars {
    fn message(&self, msg: &str) {
        let _ = self.multi.println(msg);
    }
    fn blob_start(&self, digest: &str, size: u64) {
        let pb = self.multi.insert_before(&self.total, ProgressBar::new(size));
        pb.set_style(ProgressStyle::with_template("Copying blob {prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}").unwrap_or_else(|_| ProgressStyle::default_bar()).progress_chars("=> "));
        pb.set_prefix(short(digest)[7..].to_string());
        self.total.inc_length(size);
        if let Ok(mut b) = self.bars.lock() {
            b.insert(digest.to_string(), pb);
        }
    }
    fn blob_bytes(&self, digest: &str, n: u64) {
        if let Ok(b) = self.bars.lock() {
            if let Some(pb) = b.get(digest) {
                pb.inc(n);
            }
        }
        self.total.inc(n);
    }
    fn blob_done(&self, digest: &str, note: &str) {
        let pb = self.bars.lock().ok().and_then(|mut b| b.remove(digest));
        match pb {
            Some(pb) => pb.finish_and_clear(),
            None => {}
        }
        let _ = self.multi.println(format!("Copying blob {} {note}", short(digest)));
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        self.total.finish_and_clear();
    }
}

/// Bars on a terminal, lines elsewhere, nothing with `-q`.
pub fn sink(quiet: bool) -> Box<dyn ProgressSink> {
    if quiet {
        Box::new(Quiet)
    } else if unsafe { libc::isatty(2) } == 1 {
        Box::new(Bars::new())
    } else {
        Box::new(Lines)
    }
}
