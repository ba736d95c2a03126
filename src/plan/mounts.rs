//! `-v/--volume`, `--mount` and `--tmpfs`, parsed as Podman does (pure; unit-tested).

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A host path.
    Bind(PathBuf),
    /// A named volume; empty for an anonymous one.
    Volume(String),
    Tmpfs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountRequest {
    pub source: Source,
    pub dest: String,
    pub read_only: bool,
    /// Further mount options (propagation, nosuid..., tmpfs size=/mode=).
    pub options: Vec<String>,
    /// `:U`: chown the source to the container's user.
    pub chown: bool,
    /// `:O`: mount the (host) source as the lower layer of an overlay whose changes are dropped.
    pub overlay: bool,
}

fn check_dest(d: &str, what: &str) -> Result<(), String> {
    if !d.starts_with('/') {
        return Err(format!("{what}: the container path `{d}` must be absolute"));
    }
    if d.split('/').any(|c| c == "..") {
        return Err(format!("{what}: the container path `{d}` must not contain `..`"));
    }
    Ok(())
}

const PASS_THROUGH: &[&str] = &[
    "nosuid", "suid", "nodev", "dev", "noexec", "exec", "private", "rprivate", "shared", "rshared",
    "slave", "rslave", "bind", "rbind",
];

fn apply_opts(m: &mut MountRequest, opts: &str, what: &str) -> Result<(), String> {
    for o in opts.split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => m.read_only = true,
            "rw" => m.read_only = false,
            // SELinux relabelling: nothing to do where SELinux is not enforcing.
            "z" | "Z" => {}
            "U" => m.chown = true,
            "O" if matches!(m.source, Source::Bind(_)) => m.overlay = true,
            "O" => return Err(format!("{what}: the `O` option takes a host directory")),
            o if PASS_THROUGH.contains(&o) => m.options.push(o.to_string()),
            o if matches!(m.source, Source::Tmpfs) && (o.starts_with("size=") || o.starts_with("mode=") || o.starts_with("nr_inodes=") || o == "notmpcopyup" || o == "tmpcopyup") => {
                if o != "notmpcopyup" && o != "tmpcopyup" {
                    m.options.push(o.to_string())
                }
            }
            o => return Err(format!("{what}: unknown option `{o}`")),
        }
    }
    Ok(())
}

/// `-v SRC:DST[:OPTS]`, `-v NAME:DST[:OPTS]`, or `-v DST` (an anonymous volume).
pub fn parse_volume(spec: &str) -> Result<MountRequest, String> {
    let what = format!("-v {spec}");
    let parts: Vec<&str> = spec.split(':').collect();
    let (src, dest, opts) = match parts.as_slice() {
        [d] => (None, *d, ""),
        [s, d] if d.starts_with('/') => (Some(*s), *d, ""),
        [d, o] if d.starts_with('/') && !o.starts_with('/') => (None, *d, *o),
        [s, d] => (Some(*s), *d, ""),
        [s, d, o] => (Some(*s), *d, *o),
        _ => return Err(format!("{what}: use HOST-DIR:CONTAINER-DIR[:OPTIONS] or NAME:CONTAINER-DIR[:OPTIONS]")),
    };
    check_dest(dest, &what)?;
    let source = match src {
        None => Source::Volume(String::new()),
        Some("") => return Err(format!("{what}: the source is empty")),
        Some(s) if s.starts_with('/') || s.starts_with("./") || s.starts_with("../") || s == "." => Source::Bind(PathBuf::from(s)),
        Some(s) => Source::Volume(s.to_string()),
    };
    let mut m = MountRequest { source, dest: dest.to_string(), read_only: false, options: vec![], chown: false, overlay: false };
    apply_opts(&mut m, opts, &what)?;
    Ok(m)
}

/// `--mount type=bind|volume|tmpfs,source=...,destination=...,ro,...`
pub fn parse_mount(spec: &str) -> Result<MountRequest, String> {
    let what = format!("--mount {spec}");
    let mut typ = None;
    let mut src = None;
    let mut dst = None;
    let mut m = MountRequest { source: Source::Tmpfs, dest: String::new(), read_only: false, options: vec![], chown: false, overlay: false };
    let mut extra = Vec::new();
    for kv in spec.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').map(|(k, v)| (k, Some(v))).unwrap_or((kv, None));
        match (k, v) {
            ("type", Some(t)) => typ = Some(t.to_string()),
            ("source" | "src", Some(s)) => src = Some(s.to_string()),
            ("destination" | "dst" | "target", Some(d)) => dst = Some(d.to_string()),
            ("ro" | "readonly", None | Some("true")) => m.read_only = true,
            ("ro" | "readonly", Some("false")) | ("rw", None) => m.read_only = false,
            ("bind-propagation", Some(p)) => extra.push(p.to_string()),
            ("tmpfs-size", Some(s)) => extra.push(format!("size={s}")),
            ("tmpfs-mode", Some(s)) => extra.push(format!("mode={s}")),
            ("z" | "Z" | "relabel", _) | ("bind-nonrecursive", _) => {}
            ("U", None | Some("true")) | ("chown", Some("true")) => m.chown = true,
            _ => return Err(format!("{what}: unknown option `{kv}`")),
        }
    }
    let dest = dst.ok_or_else(|| format!("{what}: a destination is required (dst=PATH)"))?;
    check_dest(&dest, &what)?;
    m.dest = dest;
    m.source = match typ.as_deref() {
        Some("bind") => Source::Bind(PathBuf::from(src.ok_or_else(|| format!("{what}: a bind mount needs src=PATH"))?)),
        Some("volume") => Source::Volume(src.unwrap_or_default()),
        Some("tmpfs") => {
            if src.is_some() {
                return Err(format!("{what}: a tmpfs mount takes no source"));
            }
            Source::Tmpfs
        }
        Some(t) => return Err(format!("{what}: type `{t}` is not supported (bind, volume or tmpfs)")),
        None => return Err(format!("{what}: type= is required")),
    };
    if let Source::Tmpfs = m.source {
        m.options.extend(["nosuid".to_string(), "nodev".to_string()]);
    }
    m.options.extend(extra);
    Ok(m)
}

/// `--tmpfs PATH[:OPTIONS]` (Podman's defaults: rw,noexec,nosuid,nodev).
pub fn parse_tmpfs(spec: &str) -> Result<MountRequest, String> {
    let what = format!("--tmpfs {spec}");
    let (dest, opts) = spec.split_once(':').unwrap_or((spec, ""));
    check_dest(dest, &what)?;
    let mut m = MountRequest { source: Source::Tmpfs, dest: dest.to_string(), read_only: false, options: vec!["noexec".into(), "nosuid".into(), "nodev".into()], chown: false, overlay: false };
    apply_opts(&mut m, opts, &what)?;
    Ok(m)
}

/// overlayfs's options, as every overlay hutch mounts takes them: `lowerdir` (`:`-joined,
/// topmost first), then, for a writable mount, its upper and work directories; `userxattr`
/// always (what an overlay mounted in a user namespace needs).
pub fn overlay_options(lowerdir: &str, upper_work: Option<(&std::path::Path, &std::path::Path)>) -> String {
    match upper_work {
        Some((upper, work)) => format!("lowerdir={lowerdir},upperdir={},workdir={},userxattr", upper.display(), work.display()),
        None => format!("lowerdir={lowerdir},userxattr"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_options_for_writable_and_read_only_mounts() {
        use std::path::Path;
        assert_eq!(overlay_options("/l1:/l2", Some((Path::new("/u"), Path::new("/w")))), "lowerdir=/l1:/l2,upperdir=/u,workdir=/w,userxattr");
        assert_eq!(overlay_options("/u:/l1", None), "lowerdir=/u:/l1,userxattr");
    }

    #[test]
    fn volume_flags() {
        let m = parse_volume("/host:/ctr:ro,z").unwrap();
        assert_eq!((m.source, m.dest.as_str(), m.read_only), (Source::Bind("/host".into()), "/ctr", true));
        assert_eq!(parse_volume("data:/srv").unwrap().source, Source::Volume("data".into()));
        assert_eq!(parse_volume("/anon").unwrap().source, Source::Volume(String::new()));
        assert!(parse_volume("/anon:ro").unwrap().read_only);
        assert!(parse_volume("data:rel").unwrap_err().contains("absolute"));
        assert!(parse_volume("/h:/c:U").unwrap().chown);
        assert!(parse_volume("/h:/c:O").unwrap().overlay);
        assert!(parse_volume("v:/c:O").unwrap_err().contains("host directory"));
        assert!(parse_volume("/h:/c:bogus").unwrap_err().contains("unknown option"));
        assert!(parse_volume("a:b:c:d").is_err());
    }

    #[test]
    fn mount_and_tmpfs_flags() {
        let m = parse_mount("type=bind,src=/h,dst=/c,ro").unwrap();
        assert_eq!((m.source, m.read_only), (Source::Bind("/h".into()), true));
        let t = parse_mount("type=tmpfs,destination=/t,tmpfs-size=1m").unwrap();
        assert!(t.options.contains(&"size=1m".to_string()));
        assert!(parse_mount("type=nfs,dst=/x").unwrap_err().contains("not supported"));
        assert!(parse_mount("type=bind,dst=/x").unwrap_err().contains("src="));
        let t = parse_tmpfs("/run/x:size=64k,mode=1777").unwrap();
        assert_eq!(t.options, ["noexec", "nosuid", "nodev", "size=64k", "mode=1777"]);
    }
}
