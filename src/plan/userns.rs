//! `--userns`, `--uidmap`, `--gidmap`: the container's id mapping, in Podman's rootless terms.
//!
//! Ids come in three kinds. *Intermediate* ids are what hutch's default mapping gives: 0 is
//! the caller, 1..=N the caller's subordinate ids. The store keeps every file owned as that
//! mapping says, so an image's uid k is intermediate k on disk. A mode maps *container* ids
//! onto intermediate ids (Podman's `--uidmap CONTAINER:INTERMEDIATE:SIZE`); composed with the
//! default mapping that gives the host ranges newuidmap writes. Files are shown to the
//! container with their image ids by fuse-overlayfs's `uidmapping`, whose triplets are these
//! same (container, intermediate, size): no copy, no chown.

/// (container id, intermediate id, size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triplet {
    pub container: u32,
    pub intermediate: u32,
    pub size: u32,
}

/// A mapping other than the default, and the user a `keep-id` container runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Userns {
    pub uids: Vec<Triplet>,
    pub gids: Vec<Triplet>,
    /// `keep-id`: (uid, gid) the process runs as unless `-u` says otherwise.
    pub keep_id: Option<(u32, u32)>,
    /// `auto`: this many ids, placed where no other container's are (`place_auto`); the
    /// triplets are empty until then.
    pub auto_size: Option<u32>,
}

impl Userns {
    /// Whether the caller (intermediate 0) is left out, for uids or gids. The container then
    /// cannot reach the caller's files (its store among them): it runs in a user namespace
    /// nested in one with the default mapping, where its root filesystem is mounted.
    pub fn nested(&self) -> bool {
        let has_caller = |m: &[Triplet]| m.iter().any(|t| t.intermediate == 0);
        !has_caller(&self.uids) || !has_caller(&self.gids)
    }

    /// `auto`: the mapping once `start` is chosen, the same range for uids and gids.
    pub fn place_auto(&mut self, start: u32) {
        if let Some(size) = self.auto_size {
            let t = vec![Triplet { container: 0, intermediate: start, size }];
            self.uids = t.clone();
            self.gids = t;
        }
    }
}

/// `--userns=auto`'s size when none is given: enough for the image's users and groups (its
/// passwd and group files), at least Podman's 1024 (`auto_userns_min_size`).
pub fn auto_size_for(passwd: &str, group: &str) -> u32 {
    let ids = passwd.lines().chain(group.lines()).filter_map(|l| l.split(':').nth(2)?.parse::<u32>().ok());
    // nobody/nogroup (65534) stand for ids that are not mapped: they need no room.
    let max = ids.filter(|&id| id < 65534).max().unwrap_or(0);
    (max + 1).max(1024)
}

/// The first `size` intermediate ids from 1 (never the caller's 0) that no range in `taken`
/// (start, size) touches; `count` intermediate ids exist.
pub fn free_range(taken: &[(u32, u32)], size: u32, count: u32) -> Result<u32, String> {
    let mut sorted = taken.to_vec();
    sorted.sort();
    let mut start: u64 = 1;
    for &(s, n) in &sorted {
        if start + u64::from(size) <= u64::from(s) {
            break;
        }
        start = start.max(u64::from(s) + u64::from(n));
    }
    if start + u64::from(size) > u64::from(count) {
        return Err(format!(
            "--userns=auto: no {size} ids are free among your {} subordinate ids (other containers with --userns=auto hold the rest): remove some of them, or ask for less with auto:size=N",
            count.saturating_sub(1)
        ));
    }
    Ok(start as u32)
}

/// The caller's ids and how many intermediate ids exist (its subordinate count + 1).
pub struct Caller {
    pub uid: u32,
    pub gid: u32,
    pub uid_count: u32,
    pub gid_count: u32,
}

/// `keep-id`'s mapping for one kind of id: the caller (intermediate 0) becomes `id`; the
/// subordinate ids fill the container's ids around it.
fn keep_id_map(id: u32, count: u32, what: &str) -> Result<Vec<Triplet>, String> {
    let subs = count.saturating_sub(1);
    if subs == 0 {
        return Err(format!("--userns=keep-id needs subordinate {what}s, and you have none"));
    }
    if id > subs {
        // A uid past the subordinate range (LDAP users often): the range fills 0..subs,
        // the caller stands alone at its own id, as Podman maps it.
        return Ok(vec![Triplet { container: 0, intermediate: 1, size: subs }, Triplet { container: id, intermediate: 0, size: 1 }]);
    }
    let mut m = Vec::new();
    if id > 0 {
        m.push(Triplet { container: 0, intermediate: 1, size: id });
    }
    m.push(Triplet { container: id, intermediate: 0, size: 1 });
    if subs > id {
        m.push(Triplet { container: id + 1, intermediate: id + 1, size: subs - id });
    }
    Ok(m)
}

/// `--uidmap 0:1:1000` (several may be given; also `;`-less lists like Podman's are one each).
fn parse_map(flag: &str, values: &[String], count: u32) -> Result<Vec<Triplet>, String> {
    let mut out: Vec<Triplet> = Vec::new();
    for v in values {
        let f: Vec<&str> = v.split(':').collect();
        let nums: Option<Vec<u32>> = (f.len() == 3).then(|| f.iter().map(|x| x.parse::<u32>().ok()).collect()).flatten();
        let Some(n) = nums else {
            return Err(format!("invalid {flag} {v:?}: use CONTAINER_ID:HOST_ID:SIZE (HOST_ID counts from 0, your own id, then your subordinate ids)"));
        };
        let t = Triplet { container: n[0], intermediate: n[1], size: n[2] };
        if t.size == 0 {
            return Err(format!("invalid {flag} {v:?}: the size must be at least 1"));
        }
        if u64::from(t.intermediate) + u64::from(t.size) > u64::from(count) {
            return Err(format!("{flag} {v}: host ids {}..{} do not exist here: you have ids 0..{} (0 is you, then your subordinate ids)", t.intermediate, u64::from(t.intermediate) + u64::from(t.size) - 1, count - 1));
        }
        let overlaps = |a: u32, an: u32, b: u32, bn: u32| u64::from(a) < u64::from(b) + u64::from(bn) && u64::from(b) < u64::from(a) + u64::from(an);
        if out.iter().any(|o| overlaps(o.container, o.size, t.container, t.size) || overlaps(o.intermediate, o.size, t.intermediate, t.size)) {
            return Err(format!("{flag} {v} overlaps another mapping"));
        }
        out.push(t);
    }
    Ok(out)
}

/// The mode asked for; `None` for the default (Podman's rootless `host`, or empty).
pub fn resolve(userns: Option<&str>, uidmap: &[String], gidmap: &[String], c: &Caller) -> Result<Option<Userns>, String> {
    if !uidmap.is_empty() || !gidmap.is_empty() {
        if userns.is_some_and(|u| !u.is_empty()) {
            return Err("--userns and --uidmap/--gidmap cannot be combined".into());
        }
        // Podman: one of the two given alone stands for both.
        let (u, g) = match (uidmap.is_empty(), gidmap.is_empty()) {
            (false, true) => (uidmap, uidmap),
            (true, false) => (gidmap, gidmap),
            _ => (uidmap, gidmap),
        };
        return Ok(Some(Userns { uids: parse_map("--uidmap", u, c.uid_count)?, gids: parse_map("--gidmap", g, c.gid_count)?, keep_id: None, auto_size: None }));
    }
    let mode = userns.unwrap_or("");
    let (name, opts) = mode.split_once(':').unwrap_or((mode, ""));
    match name {
        "" | "host" => Ok(None),
        "keep-id" => {
            let (mut uid, mut gid) = (c.uid, c.gid);
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                let (k, v) = o.split_once('=').ok_or_else(|| format!("invalid keep-id option {o:?}: use uid=N or gid=N"))?;
                let n: u32 = v.parse().map_err(|_| format!("invalid keep-id option {o:?}: {v} is not a number"))?;
                match k {
                    "uid" => uid = n,
                    "gid" => gid = n,
                    _ => return Err(format!("unknown option {k:?} for --userns=keep-id: use uid= or gid=")),
                }
            }
            Ok(Some(Userns { uids: keep_id_map(uid, c.uid_count, "uid")?, gids: keep_id_map(gid, c.gid_count, "gid")?, keep_id: Some((uid, gid)), auto_size: None }))
        }
        "nomap" => {
            if !opts.is_empty() {
                return Err(format!("--userns=nomap takes no options, not {opts:?}"));
            }
            // Every subordinate id, the caller's own left out.
            let all_but_caller = |count: u32, what: &str| {
                if count <= 1 {
                    return Err(format!("--userns=nomap needs subordinate {what}s, and you have none"));
                }
                Ok(vec![Triplet { container: 0, intermediate: 1, size: count - 1 }])
            };
            Ok(Some(Userns { uids: all_but_caller(c.uid_count, "uid")?, gids: all_but_caller(c.gid_count, "gid")?, keep_id: None, auto_size: None }))
        }
        "auto" => {
            let mut size = None;
            for o in opts.split(',').filter(|o| !o.is_empty()) {
                match o.split_once('=') {
                    Some(("size", v)) => {
                        let n: u32 = v.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("invalid --userns=auto size {v:?}: use a number of ids, at least 1"))?;
                        size = Some(n);
                    }
                    Some(("uidmapping" | "gidmapping", _)) => {
                        return Err(format!("--userns=auto:{o} is not supported by hutch yet: use auto[:size=N], or --uidmap/--gidmap for a fixed mapping"));
                    }
                    _ => return Err(format!("invalid --userns=auto option {o:?}: use size=N")),
                }
            }
            let max = c.uid_count.min(c.gid_count).saturating_sub(1);
            if max == 0 {
                return Err("--userns=auto needs subordinate ids, and you have none".into());
            }
            if size.is_some_and(|n| n > max) {
                return Err(format!("--userns=auto:size={}: you have only {max} subordinate ids", size.unwrap_or(0)));
            }
            // 0: sized from the image by the caller (`auto_size_for`).
            Ok(Some(Userns { uids: vec![], gids: vec![], keep_id: None, auto_size: Some(size.unwrap_or(0)) }))
        }
        "ns" | "container" | "private" => Err(format!(
            "--userns={mode} is not supported by hutch yet: use keep-id, nomap, auto, host (the default) or --uidmap/--gidmap"
        )),
        _ => Err(format!("invalid --userns {mode:?}: use host, keep-id[:uid=N,gid=N], nomap, auto[:size=N], or --uidmap/--gidmap")),
    }
}

/// Host ranges (container, host, size) for `m`, through the default mapping `default`
/// (intermediate → host, as (intermediate, host, size) ranges).
pub fn compose(m: &[Triplet], default: &[(u32, u32, u32)]) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    for t in m {
        // Split `t` where the default ranges split.
        for &(i0, h0, n0) in default {
            let lo = t.intermediate.max(i0);
            let hi = (u64::from(t.intermediate) + u64::from(t.size)).min(u64::from(i0) + u64::from(n0));
            if u64::from(lo) < hi {
                let size = (hi - u64::from(lo)) as u32;
                out.push((t.container + (lo - t.intermediate), h0 + (lo - i0), size));
            }
        }
    }
    out.sort();
    out
}

/// fuse-overlayfs's `uidmapping=`/`gidmapping=` value: the on-disk id as the container's user
/// namespace sees it (the container id), then the id to show (the image's: intermediate).
pub fn fuse_mapping(m: &[Triplet]) -> String {
    m.iter().map(|t| format!("{}:{}:{}", t.container, t.intermediate, t.size)).collect::<Vec<_>>().join(":")
}

/// A nested user namespace's map as the kernel takes it: `CONTAINER INTERMEDIATE SIZE` lines.
pub fn kernel_map(m: &[Triplet]) -> String {
    m.iter().map(|t| format!("{} {} {}\n", t.container, t.intermediate, t.size)).collect()
}

/// The intermediate id of container id `id` (itself where no triplet holds it).
pub fn to_intermediate(m: &[Triplet], id: u32) -> u32 {
    m.iter()
        .find(|t| id >= t.container && id - t.container < t.size)
        .map(|t| t.intermediate + (id - t.container))
        .unwrap_or(id)
}

/// The passwd and group lines a `keep-id` container needs when its image lacks the user:
/// the caller's name, home and shell, as Podman adds them.
pub fn keep_id_entries(passwd: &str, group: &str, uid: u32, gid: u32, name: &str, home: &str) -> (Option<String>, Option<String>) {
    let has = crate::plan::user::has_id;
    let p = (!has(passwd, uid)).then(|| format!("{name}:*:{uid}:{gid}:{name}:{home}:/bin/sh\n"));
    let g = (!has(group, gid)).then(|| format!("{name}:x:{gid}:{name}\n"));
    (p, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Caller = Caller { uid: 1001, gid: 1001, uid_count: 65537, gid_count: 65537 };

    fn t(c: u32, i: u32, n: u32) -> Triplet {
        Triplet { container: c, intermediate: i, size: n }
    }

    #[test]
    fn keep_id_maps_the_caller_to_its_own_id() {
        let u = resolve(Some("keep-id"), &[], &[], &C).unwrap().unwrap();
        assert_eq!(u.uids, [t(0, 1, 1001), t(1001, 0, 1), t(1002, 1002, 64535)]);
        assert_eq!(u.keep_id, Some((1001, 1001)));
        let default = [(0, 1001, 1), (1, 100000, 65536)];
        assert_eq!(compose(&u.uids, &default), [(0, 100000, 1001), (1001, 1001, 1), (1002, 101001, 64535)]);
        assert_eq!(fuse_mapping(&u.uids), "0:1:1001:1001:0:1:1002:1002:64535");
        let u = resolve(Some("keep-id:uid=0,gid=0"), &[], &[], &C).unwrap().unwrap();
        assert_eq!(u.uids, [t(0, 0, 1), t(1, 1, 65536)]);
        assert_eq!(resolve(Some("keep-id:uid=70000"), &[], &[], &C).unwrap().unwrap().uids, [t(0, 1, 65536), t(70000, 0, 1)]);
        assert_eq!(resolve(Some("host"), &[], &[], &C).unwrap(), None);
        assert_eq!(resolve(None, &[], &[], &C).unwrap(), None);
        assert!(resolve(Some("private"), &[], &[], &C).unwrap_err().contains("not supported by hutch yet"));
        assert!(!resolve(Some("keep-id"), &[], &[], &C).unwrap().unwrap().nested());
    }

    #[test]
    fn nomap_leaves_the_caller_out() {
        let u = resolve(Some("nomap"), &[], &[], &C).unwrap().unwrap();
        assert_eq!(u.uids, [t(0, 1, 65536)]);
        assert!(u.nested());
        assert_eq!(fuse_mapping(&u.uids), "0:1:65536");
        assert!(resolve(Some("nomap:x"), &[], &[], &C).is_err());
        assert!(resolve(None, &["0:1:1000".into()], &[], &C).unwrap().unwrap().nested());
        assert!(!resolve(None, &["0:0:1".into(), "1:1:1000".into()], &[], &C).unwrap().unwrap().nested());
    }

    #[test]
    fn auto_takes_a_free_range() {
        let mut u = resolve(Some("auto:size=2000"), &[], &[], &C).unwrap().unwrap();
        assert_eq!(u.auto_size, Some(2000));
        u.place_auto(free_range(&[(1, 1024), (3000, 10)], 2000, 65537).unwrap());
        assert_eq!(u.uids, [t(0, 3010, 2000)]);
        assert_eq!(free_range(&[(1, 1024)], 1024, 65537), Ok(1025));
        assert_eq!(free_range(&[(2000, 10)], 1024, 65537), Ok(1));
        assert_eq!(free_range(&[], 65536, 65537), Ok(1));
        assert!(free_range(&[(1, 10)], 65536, 65537).unwrap_err().contains("no 65536 ids are free"));
        assert_eq!(resolve(Some("auto"), &[], &[], &C).unwrap().unwrap().auto_size, Some(0));
        assert!(resolve(Some("auto:size=70000"), &[], &[], &C).unwrap_err().contains("only 65536"));
        assert!(resolve(Some("auto:uidmapping=0:1:1"), &[], &[], &C).unwrap_err().contains("not supported"));
        assert_eq!(auto_size_for("root:x:0:0::/:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n", "www:x:2000:\n"), 2001);
        assert_eq!(auto_size_for("", ""), 1024);
    }

    #[test]
    fn uidmap_in_podmans_terms() {
        let u = resolve(None, &["0:1:1000".into(), "1000:0:1".into()], &[], &C).unwrap().unwrap();
        assert_eq!(u.uids, u.gids);
        assert_eq!(compose(&u.uids, &[(0, 1001, 1), (1, 100000, 65536)]), [(0, 100000, 1000), (1000, 1001, 1)]);
        assert!(resolve(None, &["0:1:70000".into()], &[], &C).unwrap_err().contains("do not exist here"));
        assert!(resolve(None, &["0:1:10".into(), "5:20:10".into()], &[], &C).unwrap_err().contains("overlaps"));
        assert!(resolve(None, &["0-1-2".into()], &[], &C).unwrap_err().contains("CONTAINER_ID:HOST_ID:SIZE"));
        assert!(resolve(Some("keep-id"), &["0:1:10".into()], &[], &C).unwrap_err().contains("cannot be combined"));
    }

    #[test]
    fn keep_id_entries_only_when_missing() {
        let (p, g) = keep_id_entries("root:x:0:0::/root:/bin/sh\n", "root:x:0:\n", 1001, 1001, "alice", "/home/alice");
        assert_eq!(p.as_deref(), Some("alice:*:1001:1001:alice:/home/alice:/bin/sh\n"));
        assert_eq!(g.as_deref(), Some("alice:x:1001:alice\n"));
        assert_eq!(keep_id_entries("a:x:5:5::/:/bin/sh\n", "a:x:5:\n", 5, 5, "a", "/"), (None, None));
    }
}
