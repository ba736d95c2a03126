//! Helpers of the build tests (tests/build.rs, tests/build_more.rs).

use super::{Env, Out};
use std::path::{Path, PathBuf};

/// A context directory with these files (path, text).
pub fn context(e: &Env, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (*p, c.as_bytes())).collect();
    context_bytes(e, name, &bytes)
}

/// A context directory with these files (path, bytes).
pub fn context_bytes(e: &Env, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let d = e.dir.join(name);
    for (p, c) in files {
        let f = d.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(&f, c).unwrap();
    }
    d
}

/// `hutch build EXTRA... DIR`.
pub fn build(e: &Env, dir: &Path, extra: &[&str]) -> Out {
    let mut a = vec!["build"];
    a.extend_from_slice(extra);
    let d = dir.to_string_lossy().into_owned();
    a.push(&d);
    e.hutch(&a)
}

/// `hutch image inspect --format FORMAT IMAGE`, trimmed.
pub fn inspect(e: &Env, image: &str, format: &str) -> String {
    e.hutch(&["image", "inspect", "--format", format, image]).ok().stdout.trim().to_string()
}
