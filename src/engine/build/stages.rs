//! Which stages a build needs, and which platforms its base images share.

use super::{stage_ref, Build, BuildInputs, BuildOptions};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use std::collections::BTreeSet;

impl Engine {
    /// `--all-platforms`: the platforms every base image of the build is available for.
    pub fn base_platforms(&self, o: &BuildOptions) -> Result<Vec<crate::image::manifest::Platform>> {
        self.paths.ensure_store()?;
        let inputs = BuildInputs::gather(self, o)?;
        let b = self.begin(o, inputs)?;
        let mut common: Option<Vec<crate::image::manifest::Platform>> = None;
        for (i, stage) in b.file.stages.iter().enumerate() {
            let base = self.base_name(&b, &stage.from)?;
            if base.eq_ignore_ascii_case("scratch") || stage_ref(&b.file, &base, i).is_some() {
                continue;
            }
            // The registry's list first (a local name may hold one platform's image pulled from
            // it), else what the store has.
            let have = self.platforms_of(&format!("docker://{base}"), &o.pull_options.registry)
                .or_else(|_| self.platforms_of(&base, &o.pull_options.registry))
                .map_err(|e| exit_error(crate::error::exit_code_of(&e), format!("{}: {e:#}", super::at_step(&stage.from))))?;
            common = Some(match common {
                None => have,
                Some(c) => c.into_iter().filter(|p| have.contains(p)).collect(),
            });
        }
        // Linux platforms only (a list may hold others, or attestation entries of unknown/unknown).
        let common = common.map(|c| c.into_iter().filter(|p| p.os == "linux" && p.architecture != "unknown").collect::<Vec<_>>());
        match common {
            None => Err(exit_error(125, "--all-platforms: no stage starts from an image whose platforms could be read (only scratch or other stages): name them with --platform")),
            Some(v) if v.is_empty() => Err(exit_error(125, "--all-platforms: the base images have no platform in common")),
            Some(v) => Ok(v),
        }
    }

    /// The stages the target needs: itself and those it names in FROM, COPY --from and
    /// RUN --mount=from=, transitively, in file order.
    pub(super) fn needed_stages(&self, b: &Build, target: usize) -> Result<Vec<usize>> {
        let mut need = BTreeSet::new();
        let mut todo = vec![target];
        while let Some(i) = todo.pop() {
            if !need.insert(i) {
                continue;
            }
            let st = &b.file.stages[i];
            let mut refs = vec![self.base_name(b, &st.from)?];
            for ins in &st.instructions {
                for (k, v) in &ins.flags {
                    if k == "from" {
                        refs.push(v.clone());
                    }
                    if k == "mount" {
                        if let Some(f) = v.split(',').find_map(|p| p.strip_prefix("from=")) {
                            refs.push(f.to_string());
                        }
                    }
                }
            }
            for r in refs {
                if let Some(j) = stage_ref(&b.file, &r, i) {
                    todo.push(j);
                }
            }
        }
        Ok(need.into_iter().collect())
    }
}
