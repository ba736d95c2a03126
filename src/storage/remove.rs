//! Removing trees that may hold files owned by subordinate ids: try as the caller first,
//! and where that is refused, again inside the user namespace where those ids are ours.

use crate::runtime::{idmap, userns};
use anyhow::{Context, Result};
use std::path::Path;

/// Removes `path` and everything under it (missing is fine).
pub fn remove_tree(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        Ok(m) if !m.is_dir() => std::fs::remove_file(path).with_context(|| format!("removing {}", path.display())),
        Ok(_) => match std::fs::remove_dir_all(path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                // Overlay's work directory is created without permissions: open up and retry.
                make_writable(path);
                std::fs::remove_dir_all(path).with_context(|| format!("removing {}", path.display()))
            }
            Err(e) => Err(e).with_context(|| format!("removing {}", path.display())),
        },
    }
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(rd) = std::fs::read_dir(path) {
        for e in rd.flatten() {
            if let Ok(ft) = e.file_type() {
                if ft.is_dir() {
                    let p = e.path();
                    let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o700));
                    make_writable(&p);
                }
            }
        }
    }
}

/// Removes a tree that may hold files of other (mapped) owners.
pub fn remove_tree_mapped(path: &Path) -> Result<()> {
    if remove_tree(path).is_ok() {
        return Ok(());
    }
    let mapping = idmap::for_caller();
    let p = path.to_path_buf();
    userns::run_in_userns(&mapping, false, move || remove_tree(&p).map(|_| 0))?;
    Ok(())
}

/// A scratch tree removed (with `remove_tree_mapped`) when dropped.
pub struct MappedTree(pub std::path::PathBuf);

impl Drop for MappedTree {
    fn drop(&mut self) {
        let _ = remove_tree_mapped(&self.0);
    }
}
