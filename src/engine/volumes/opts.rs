//! `volume create --opt`: the local driver's options, checked and kept as Podman keeps them
//! (parse.VolumeOptions: `uid`, `gid`, `size`, `inodes` copied out of `o` as `UID`, `GID`,
//! `SIZE`, `INODES`; `noquota` and `timeout` taken out), and how a volume with them is
//! mounted. A rootless user can mount a tmpfs or bind a host directory, nothing else (no
//! block devices, no network filesystems), so other types are refused when the volume is
//! made, not when a container first uses it.

use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a container gets the volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VolumeMount {
    /// Its `_data` directory, bind mounted.
    Data,
    /// A tmpfs with these options (`size=`, `uid=`, `mode=`, `noexec`...).
    Tmpfs(Vec<String>),
    /// A host directory (`type=none`/`bind`, `o=bind`, `device=DIR`), with these options.
    Bind(PathBuf, Vec<String>),
}

/// An OS error as Go prints it: `no such file or directory`.
pub fn go_errno_text(e: &std::io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s);
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

/// Podman's ErrInvalidArg text.
const INVALID: &str = "invalid argument";

/// go-units FromHumanSize: a decimal number and an optional unit (k, m, g, t, p; `b` or `B`
/// after it allowed), in powers of 1000.
fn human_size_ok(s: &str) -> bool {
    let num_end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(num_end);
    if num.is_empty() || num.parse::<f64>().is_err() {
        return false;
    }
    let unit = unit.trim().to_ascii_lowercase();
    matches!(unit.as_str(), "" | "b" | "k" | "kb" | "m" | "mb" | "g" | "gb" | "t" | "tb" | "p" | "pb")
}

fn owner_id(what: &str, value: Option<&str>) -> Result<String> {
    let Some(v) = value else {
        bail!("{} option must provide a {what}: {INVALID}", what.to_ascii_lowercase());
    };
    match v.parse::<i64>() {
        Ok(n) if (0..=u32::MAX as i64).contains(&n) => Ok(n.to_string()),
        Ok(n) => bail!("{what} {n} is not a valid owner: give a number from 0 to {}", u32::MAX),
        Err(_) => bail!("cannot convert {what} {v} to integer: strconv.Atoi: parsing {v:?}: invalid syntax"),
    }
}

/// Checks `--opt` values for the local driver and returns the options to keep.
pub fn parse(given: &[(String, String)]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for (key, value) in given {
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "o" => {
                let mut kept = Vec::new();
                for o in value.split(',') {
                    let (k, v) = match o.split_once('=') {
                        Some((k, v)) => (k, Some(v)),
                        None => (o, None),
                    };
                    match k.to_ascii_lowercase().as_str() {
                        "size" | "inodes" => {
                            let v = v.unwrap_or("");
                            let ok = if k.eq_ignore_ascii_case("size") { human_size_ok(v) } else { v.parse::<u64>().is_ok() };
                            if !ok {
                                bail!("cannot convert {} {v} to integer: invalid size: '{v}'", k.to_ascii_lowercase());
                            }
                            out.insert(k.to_ascii_uppercase(), v.to_string());
                            kept.push(o.to_string());
                        }
                        "uid" => {
                            out.insert("UID".into(), owner_id("UID", v)?);
                            kept.push(o.to_string());
                        }
                        "gid" => {
                            out.insert("GID".into(), owner_id("GID", v)?);
                            kept.push(o.to_string());
                        }
                        "noquota" => {
                            out.insert("NOQUOTA".into(), "true".into());
                        }
                        "timeout" => match v.map(str::parse::<i64>) {
                            Some(Ok(n)) if n >= 0 => {}
                            Some(Ok(n)) => bail!("volume timeout cannot be negative (got {n})"),
                            _ => bail!("timeout option must provide a valid timeout in seconds: {INVALID}"),
                        },
                        _ => kept.push(o.to_string()),
                    }
                }
                if !kept.is_empty() {
                    out.insert("o".into(), kept.join(","));
                }
            }
            "type" | "device" | "uid" | "gid" | "size" | "inodes" | "noquota" | "copy" | "nocopy" => {
                out.insert(key, value.clone());
            }
            _ => bail!("invalid mount option {key} for driver 'local': {INVALID}"),
        }
    }
    check_rootless(&out)?;
    Ok(out)
}

/// The options that are not for mount(8) but for Podman itself.
fn is_podman_own(o: &str) -> bool {
    let k = o.split('=').next().unwrap_or("").to_ascii_lowercase();
    matches!(k.as_str(), "uid" | "gid" | "size" | "inodes")
}

/// What an unprivileged user can mount: a tmpfs, or a bind of a host directory.
fn check_rootless(opts: &BTreeMap<String, String>) -> Result<()> {
    let o: Vec<&str> = opts.get("o").map(|o| o.split(',').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    let binds = o.iter().any(|x| *x == "bind" || *x == "rbind");
    match opts.get("type").map(String::as_str) {
        None => {
            if opts.contains_key("device") {
                bail!("volume option device={} needs a type: a rootless volume can be type=tmpfs, or type=none with o=bind to bind a host directory",
                    opts["device"]);
            }
            if let Some(x) = o.iter().find(|x| !is_podman_own(x)) {
                bail!("volume option o={x} needs a type: a rootless volume can be type=tmpfs, or type=none with o=bind to bind a host directory");
            }
            if opts.contains_key("SIZE") || opts.contains_key("INODES") {
                bail!("volume options size and inodes not supported. Filesystem does not support Project Quota: use -o type=tmpfs -o o=size=N for a volume of limited size");
            }
        }
        Some("tmpfs") => {
            if opts.contains_key("INODES") {
                bail!("volume option inodes is for project quotas, not a tmpfs: use o=nr_inodes=N");
            }
        }
        Some(t @ ("none" | "bind")) => {
            if t == "none" && !binds {
                bail!("volume type none mounts nothing without o=bind: give -o o=bind -o device=DIR to bind a host directory");
            }
            let Some(dev) = opts.get("device").filter(|d| !d.is_empty()) else {
                bail!("volume type {t} needs device=DIR, the host directory to bind");
            };
            if !dev.starts_with('/') {
                bail!("volume option device={dev} must be an absolute path");
            }
            if opts.contains_key("SIZE") || opts.contains_key("INODES") {
                bail!("volume options size and inodes not supported. Filesystem does not support Project Quota");
            }
            if let Err(e) = std::fs::metadata(dev) {
                bail!("invalid volume option device for driver 'local': stat {dev}: {}", go_errno_text(&e));
            }
        }
        Some(t) => bail!("volume type {t} cannot be mounted by a rootless user (it needs root privileges): use type=tmpfs, or type=none with o=bind to bind a host directory"),
    }
    Ok(())
}

/// How a volume with these (checked) options is mounted into a container.
pub fn mount_of(opts: &BTreeMap<String, String>) -> VolumeMount {
    let o: Vec<String> = opts.get("o").map(|o| o.split(',').filter(|s| !s.is_empty()).map(String::from).collect()).unwrap_or_default();
    match opts.get("type").map(String::as_str) {
        Some("tmpfs") => VolumeMount::Tmpfs(o),
        Some("none" | "bind") => {
            let rest = o.into_iter().filter(|x| x != "bind" && x != "rbind" && !is_podman_own(x)).collect();
            VolumeMount::Bind(PathBuf::from(opts.get("device").cloned().unwrap_or_default()), rest)
        }
        _ => VolumeMount::Data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Result<BTreeMap<String, String>> {
        parse(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>())
    }

    fn err(pairs: &[(&str, &str)]) -> String {
        format!("{:#}", p(pairs).unwrap_err())
    }

    #[test]
    fn podman_keeps_uid_gid_size_beside_o() {
        let m = p(&[("type", "tmpfs"), ("device", "tmpfs"), ("o", "size=2M,uid=1000")]).unwrap();
        let want: BTreeMap<String, String> = [("SIZE", "2M"), ("UID", "1000"), ("device", "tmpfs"), ("o", "size=2M,uid=1000"), ("type", "tmpfs")]
            .iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(m, want);
        assert_eq!(mount_of(&m), VolumeMount::Tmpfs(vec!["size=2M".into(), "uid=1000".into()]));
        let m = p(&[("o", "uid=5,gid=6,noquota")]).unwrap();
        assert_eq!(m.get("o").unwrap(), "uid=5,gid=6");
        assert_eq!((m.get("UID").unwrap().as_str(), m.get("GID").unwrap().as_str(), m.get("NOQUOTA").unwrap().as_str()), ("5", "6", "true"));
        assert_eq!(mount_of(&m), VolumeMount::Data);
        let m = p(&[("type", "none"), ("o", "bind,ro"), ("device", "/")]).unwrap();
        assert_eq!(mount_of(&m), VolumeMount::Bind(PathBuf::from("/"), vec!["ro".into()]));
    }

    #[test]
    fn what_a_rootless_user_cannot_mount_is_refused() {
        assert_eq!(err(&[("foo", "x")]), "invalid mount option foo for driver 'local': invalid argument");
        assert!(err(&[("type", "nfs"), ("device", "host:/x")]).starts_with("volume type nfs cannot be mounted by a rootless user"));
        assert!(err(&[("type", "ext4"), ("device", "/dev/sda1")]).contains("rootless"));
        assert!(err(&[("type", "none"), ("device", "/")]).contains("o=bind"));
        assert!(err(&[("type", "none"), ("o", "bind")]).contains("needs device=DIR"));
        assert!(err(&[("type", "bind"), ("device", "/no/such/dir")]).contains("stat /no/such/dir: no such file or directory"));
        assert!(err(&[("o", "nodev")]).starts_with("volume option o=nodev needs a type"));
        assert!(err(&[("device", "/dev/sda")]).contains("needs a type"));
        assert!(err(&[("o", "size=1M")]).starts_with("volume options size and inodes not supported"));
        assert_eq!(err(&[("type", "tmpfs"), ("o", "size=lots")]), "cannot convert size lots to integer: invalid size: 'lots'");
        assert_eq!(err(&[("o", "uid=abc")]), "cannot convert UID abc to integer: strconv.Atoi: parsing \"abc\": invalid syntax");
        assert_eq!(err(&[("o", "uid")]), "uid option must provide a UID: invalid argument");
        assert_eq!(err(&[("o", "timeout=-1")]), "volume timeout cannot be negative (got -1)");
    }
}
