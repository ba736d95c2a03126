//! `build --output`: the built image's files written out, as Buildah writes them: into a
//! directory (`type=local,dest=DIR`, or just `DIR`) or as a tarball (`type=tar,dest=FILE`, `-`
//! for stdout). Owners are the container's ids, as the user namespace maps them.

use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildOutput {
    Local(PathBuf),
    /// A tarball; `-` is standard output (the CLI hands over a descriptor of it).
    Tar(String),
}

/// `-o`'s value, as Buildah parses it.
pub fn parse_output(s: &str) -> std::result::Result<BuildOutput, String> {
    if s == "-" {
        return Ok(BuildOutput::Tar("-".into()));
    }
    if !s.contains('=') {
        return Ok(BuildOutput::Local(PathBuf::from(s)));
    }
    let (mut typ, mut dest) = (None, None);
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("type", t)) => typ = Some(t.to_string()),
            Some(("dest", d)) => dest = Some(d.to_string()),
            _ => return Err(format!("--output {s}: use type=local|tar,dest=PATH (or a directory, or - for a tarball on stdout)")),
        }
    }
    let dest = dest.filter(|d| !d.is_empty()).ok_or_else(|| format!("--output {s}: dest= is required"))?;
    match typ.as_deref() {
        Some("local") => Ok(BuildOutput::Local(PathBuf::from(dest))),
        Some("tar") => Ok(BuildOutput::Tar(dest)),
        Some(t) => Err(format!("--output {s}: type {t} is not supported: use local or tar")),
        None => Err(format!("--output {s}: type= is required")),
    }
}

impl Engine {
    /// Writes the files of image `id` where `out` says.
    pub fn export_built(&self, id: &str, out: &BuildOutput) -> Result<()> {
        let img = self.find_image(id)?;
        let layers: Vec<PathBuf> = img.layers.iter().map(|d| self.paths.layer_tree(d)).collect();
        match out {
            BuildOutput::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| exit_error(125, format!("--output {}: {e}", dir.display())))?;
                let dir = dir.clone();
                crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
                    for l in &layers {
                        crate::storage::vfs::apply_layer(l, &dir)?;
                    }
                    Ok(0)
                })?;
                Ok(())
            }
            BuildOutput::Tar(dest) => {
                let scratch = self.scratch_dir("build-output", &["root"])?;
                let tarball = scratch.join("out.tar");
                let (root, t2) = (scratch.join("root"), tarball.clone());
                let r = crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
                    for l in &layers {
                        crate::storage::vfs::apply_layer(l, &root)?;
                    }
                    let f = std::fs::File::create(&t2).with_context(|| format!("creating {}", t2.display()))?;
                    crate::storage::tarwrite::write_tar(&root, f, false)?;
                    Ok(0)
                })
                .and_then(|_| {
                    let mut input = std::fs::File::open(&tarball)?;
                    let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(!dest.starts_with("/proc/self/fd/")).open(dest)
                        .map_err(|e| exit_error(125, format!("--output {dest}: {e}")))?;
                    std::io::copy(&mut input, &mut f).context("writing the tarball")?;
                    Ok(())
                });
                let _ = crate::storage::remove::remove_tree_mapped(&scratch);
                r
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buildahs_output_forms() {
        assert_eq!(parse_output("out"), Ok(BuildOutput::Local("out".into())));
        assert_eq!(parse_output("-"), Ok(BuildOutput::Tar("-".into())));
        assert_eq!(parse_output("type=local,dest=/x"), Ok(BuildOutput::Local("/x".into())));
        assert_eq!(parse_output("type=tar,dest=a.tar"), Ok(BuildOutput::Tar("a.tar".into())));
        assert!(parse_output("type=registry,dest=x").is_err());
        assert!(parse_output("type=tar").is_err());
    }
}
