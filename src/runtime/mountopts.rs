//! OCI mount options → mount(2) flags and data (pure; unit-tested).

use nix::mount::MsFlags;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountOpts {
    /// Flags for the mount itself (bind mounts get the rest in a remount).
    pub flags: MsFlags,
    /// Propagation to set after mounting (MS_PRIVATE, MS_SLAVE ... with MS_REC).
    pub propagation: MsFlags,
    /// fs-specific data, comma separated.
    pub data: String,
    pub bind: bool,
    pub recursive: bool,
}

pub fn parse(options: &[String]) -> MountOpts {
    let mut o = MountOpts { flags: MsFlags::empty(), propagation: MsFlags::empty(), data: String::new(), bind: false, recursive: false };
    let mut data: Vec<&str> = Vec::new();
    for opt in options {
        let (set, clear) = match opt.as_str() {
            "ro" => (MsFlags::MS_RDONLY, MsFlags::empty()),
            "rw" => (MsFlags::empty(), MsFlags::MS_RDONLY),
            "nosuid" => (MsFlags::MS_NOSUID, MsFlags::empty()),
            "suid" => (MsFlags::empty(), MsFlags::MS_NOSUID),
            "nodev" => (MsFlags::MS_NODEV, MsFlags::empty()),
            "dev" => (MsFlags::empty(), MsFlags::MS_NODEV),
            "noexec" => (MsFlags::MS_NOEXEC, MsFlags::empty()),
            "exec" => (MsFlags::empty(), MsFlags::MS_NOEXEC),
            "sync" => (MsFlags::MS_SYNCHRONOUS, MsFlags::empty()),
            "async" => (MsFlags::empty(), MsFlags::MS_SYNCHRONOUS),
            "dirsync" => (MsFlags::MS_DIRSYNC, MsFlags::empty()),
            "noatime" => (MsFlags::MS_NOATIME, MsFlags::empty()),
            "atime" => (MsFlags::empty(), MsFlags::MS_NOATIME),
            "nodiratime" => (MsFlags::MS_NODIRATIME, MsFlags::empty()),
            "diratime" => (MsFlags::empty(), MsFlags::MS_NODIRATIME),
            "relatime" => (MsFlags::MS_RELATIME, MsFlags::empty()),
            "norelatime" => (MsFlags::empty(), MsFlags::MS_RELATIME),
            "strictatime" => (MsFlags::MS_STRICTATIME, MsFlags::empty()),
            "nostrictatime" => (MsFlags::empty(), MsFlags::MS_STRICTATIME),
            "bind" => {
                o.bind = true;
                continue;
            }
            "rbind" => {
                o.bind = true;
                o.recursive = true;
                continue;
            }
            "private" => { o.propagation = MsFlags::MS_PRIVATE; continue; }
            "rprivate" => { o.propagation = MsFlags::MS_PRIVATE | MsFlags::MS_REC; continue; }
            "slave" => { o.propagation = MsFlags::MS_SLAVE; continue; }
            "rslave" => { o.propagation = MsFlags::MS_SLAVE | MsFlags::MS_REC; continue; }
            "shared" => { o.propagation = MsFlags::MS_SHARED; continue; }
            "rshared" => { o.propagation = MsFlags::MS_SHARED | MsFlags::MS_REC; continue; }
            "unbindable" => { o.propagation = MsFlags::MS_UNBINDABLE; continue; }
            "runbindable" => { o.propagation = MsFlags::MS_UNBINDABLE | MsFlags::MS_REC; continue; }
            other => {
                data.push(other);
                continue;
            }
        };
        o.flags |= set;
        o.flags &= !clear;
    }
    o.data = data.join(",");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn splits_flags_from_data() {
        let o = parse(&v(&["nosuid", "strictatime", "mode=755", "size=65536k"]));
        assert_eq!(o.flags, MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME);
        assert_eq!(o.data, "mode=755,size=65536k");
        assert!(!o.bind);
        let b = parse(&v(&["rbind", "ro", "rprivate"]));
        assert!(b.bind && b.recursive);
        assert_eq!(b.flags, MsFlags::MS_RDONLY);
        assert_eq!(b.propagation, MsFlags::MS_PRIVATE | MsFlags::MS_REC);
        assert_eq!(parse(&v(&["ro", "rw"])).flags, MsFlags::empty());
    }
}
