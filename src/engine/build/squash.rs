//! `--squash` (the layers a build added become one) and `--squash-all` (the whole image
//! becomes one layer): the layers applied in order onto an overlay of the ones kept, whose
//! upper directory (deletions as whiteouts) is the new layer.

use super::{Build, Current};
use crate::engine::Engine;
use anyhow::Result;
use serde_json::json;

impl Engine {
    /// The image of `fin` with its layers from `keep` on squashed into one.
    pub(super) fn squash(&self, b: &mut Build, fin: Current, keep: usize) -> Result<Current> {
        let keep = keep.min(fin.diff_ids.len());
        let (staging, staged) = self.squash_layers(&fin.diff_ids, keep, b.o.timestamp)?;
        // The history keeps its lines; those of the squashed layers are empty but the last.
        let mut next = fin;
        let mut layered = 0;
        if let Some(h) = next.config["history"].as_array_mut() {
            for entry in h.iter_mut() {
                if entry["empty_layer"] != json!(true) {
                    layered += 1;
                    if layered > keep {
                        entry["empty_layer"] = json!(true);
                    }
                }
            }
            if let Some(last) = h.last_mut() {
                if let Some(o) = last.as_object_mut() {
                    o.remove("empty_layer");
                }
            }
        }
        next.layers.truncate(keep);
        next.diff_ids.truncate(keep);
        next.key = crate::plan::build::cache_key(&next.key, &["squash", &keep.to_string()]);
        // The history is as it should be: the step adds no line.
        self.commit_step(b, next, "", Some((staging, staged)), true)
    }
}
