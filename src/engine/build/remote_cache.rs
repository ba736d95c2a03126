//! `--cache-from` and `--cache-to`: the layer cache kept in a registry, as Buildah keeps it.
//! A step's image is pushed to `REPO:KEY` (KEY: the step's cache key, which covers its parent
//! step's key, the instruction as expanded, the build args it uses and the content of the
//! files it copies) and, on a later build anywhere, pulled from there instead of running the
//! step. A pulled step becomes a local cache entry (unnamed, an intermediate image) like one
//! built here. Only hutch's own keys are known: a cache pushed by Buildah is not read.

use super::{Build, Current};
use crate::engine::pull::PullOptions;
use crate::engine::push::PushOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::store::ImageIndex;
use crate::state::lock;
use anyhow::Result;

impl Engine {
    /// The step whose key is `key` from the first `--cache-from` repository that has it,
    /// made a local cache entry; None when no repository has it (or none can be reached:
    /// a cache that cannot be read is a miss, never a failed build).
    pub(super) fn pull_cached(&self, b: &mut Build, key: &str, parent: Option<&str>) -> Result<Option<Current>> {
        for repo in &b.o.cache_from {
            let reference = format!("{repo}:{key}");
            let opts = PullOptions { reference: reference.clone(), quiet: true, progress: None, ..b.o.pull_options.clone() };
            let Ok(report) = self.pull(&opts) else { continue };
            let img = {
                let _guard = lock::exclusive(&self.paths.store_lock())?;
                let mut index = ImageIndex::load(&self.paths)?;
                let Some(rec) = index.images.iter_mut().find(|i| i.id == report.id) else { continue };
                rec.names.retain(|n| !n.ends_with(&format!(":{key}")));
                if rec.cache_key.is_none() {
                    rec.cache_key = Some(key.to_string());
                }
                if rec.names.is_empty() {
                    rec.intermediate = true;
                    rec.parent = rec.parent.clone().or_else(|| parent.map(str::to_string));
                }
                let img = rec.clone();
                index.save(&self.paths)?;
                img
            };
            self.log(b, &format!("--> Cache pulled from remote {reference}"));
            let mut cur = self.current_of(&img)?;
            cur.key = key.to_string();
            return Ok(Some(cur));
        }
        Ok(None)
    }

    /// `--cache-to`: a step this build made, pushed to each repository under its key.
    pub(super) fn push_cached(&self, b: &Build, id: &str, key: &str) -> Result<()> {
        for repo in &b.o.cache_to {
            let dest = format!("{repo}:{key}");
            self.log(b, &format!("--> Pushing cache [{repo}]:{key}"));
            let opts = PushOptions {
                image: id.to_string(),
                destination: Some(dest.clone()),
                registry: b.o.pull_options.registry.clone(),
                progress: std::sync::Arc::new(crate::engine::progress::Quiet),
                format: b.o.docker_format.then(|| "v2s2".to_string()),
                require_gzip: false,
                sign: Default::default(),
                remove_signatures: false,
            };
            self.push(&opts).map_err(|e| exit_error(crate::error::exit_code_of(&e), format!("pushing cache to {dest}: {e:#}")))?;
        }
        Ok(())
    }
}
