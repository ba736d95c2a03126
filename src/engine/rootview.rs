//! Reading a file of a container's root before it is mounted: from a --rootfs directory, or
//! from an image's layers top-down (honouring whiteouts), always resolved inside the root.

use std::io::Read;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

fn open_in_root(root: &Path, rel: &str) -> Option<std::fs::File> {
    let rootfd = std::fs::File::open(root).ok()?;
    let fd = crate::runtime::openat2::open_in_root(rootfd.as_raw_fd(), Path::new(rel.trim_start_matches('/')), libc::O_RDONLY).ok()?;
    Some(std::fs::File::from(fd))
}

/// Reads `rel` from the first of `dirs` (top first) that has it; a whiteout hides it.
pub fn read_file(dirs: &[PathBuf], rel: &str) -> String {
    use std::os::unix::fs::FileTypeExt;
    for d in dirs {
        let p = d.join(rel.trim_start_matches('/'));
        if let Ok(m) = std::fs::symlink_metadata(&p) {
            if m.file_type().is_char_device() {
                return String::new(); // overlay whiteout
            }
        }
        if let Some(mut f) = open_in_root(d, rel) {
            let mut s = String::new();
            if f.by_ref().take(4 << 20).read_to_string(&mut s).is_ok() {
                return s;
            }
        }
    }
    String::new()
}
