//! `-u USER[:GROUP]` resolved against the container's /etc/passwd and /etc/group, as Podman does.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    pub home: String,
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() < 7 {
            return None;
        }
        Some(PasswdEntry { name: f[0], uid: f[2].parse().ok()?, gid: f[3].parse().ok()?, home: f[5] })
    })
}

fn group_entries(text: &str) -> impl Iterator<Item = (&str, u32, Vec<&str>)> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() < 4 {
            return None;
        }
        let members = f[3].split(',').filter(|m| !m.is_empty()).collect();
        Some((f[0], f[2].parse().ok()?, members))
    })
}

/// The passwd line Podman adds for a `-u` uid its image does not know (`--passwd`, the
/// default), or `--passwd-entry`'s template with $USERNAME, $UID, $GID, $NAME, $HOME filled.
pub fn passwd_entry(template: Option<&str>, uid: u32, gid: u32, home: &str) -> String {
    let line = match template {
        Some(t) => t
            .replace("$USERNAME", &uid.to_string())
            .replace("$UID", &uid.to_string())
            .replace("$GID", &gid.to_string())
            .replace("$NAME", "container user")
            .replace("$HOME", home),
        None => format!("{uid}:*:{uid}:{gid}:container user:{home}:/bin/sh"),
    };
    format!("{}\n", line.trim_end_matches('\n'))
}

/// Whether `text` (/etc/passwd or /etc/group) has an entry with id `id`.
pub fn has_id(text: &str, id: u32) -> bool {
    text.lines().any(|l| l.split(':').nth(2).and_then(|x| x.parse::<u32>().ok()) == Some(id))
}

/// A `--group-add` entry: a gid, or a group name from the container's /etc/group.
pub fn group_id(entry: &str, group: &str) -> Result<u32, String> {
    if let Ok(id) = entry.parse::<u32>() {
        return Ok(id);
    }
    group_entries(group)
        .find(|(n, _, _)| *n == entry)
        .map(|(_, id, _)| id)
        .ok_or_else(|| format!("unable to find group {entry}: no matching entries in group file"))
}

/// Resolves `spec` (`name`, `uid`, `name:group`, `uid:gid`, ...). An empty spec is root.
pub fn resolve(spec: &str, passwd: &str, group: &str) -> Result<ResolvedUser, String> {
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    if user_part.is_empty() && spec.contains(':') {
        return Err(format!("invalid user `{spec}`: the user part is empty (use USER[:GROUP])"));
    }
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let (uid, mut gid, home, name) = match user_part.parse::<u32>() {
        Ok(uid) => match passwd_entries(passwd).find(|e| e.uid == uid) {
            Some(e) => (uid, e.gid, e.home.to_string(), Some(e.name.to_string())),
            None => (uid, 0, "/".to_string(), None),
        },
        Err(_) => {
            if !valid_name(user_part) {
                return Err(format!("invalid user `{spec}`: `{user_part}` is not a valid user name or id"));
            }
            let e = passwd_entries(passwd).find(|e| e.name == user_part).ok_or_else(|| {
                format!("unable to find user {user_part}: no matching entries in the container's /etc/passwd")
            })?;
            (e.uid, e.gid, e.home.to_string(), Some(e.name.to_string()))
        }
    };
    if let Some(g) = group_part {
        if g.is_empty() {
            return Err(format!("invalid user `{spec}`: the group part is empty"));
        }
        gid = match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                if !valid_name(g) {
                    return Err(format!("invalid user `{spec}`: `{g}` is not a valid group name or id"));
                }
                group_entries(group).find(|(n, _, _)| *n == g).map(|(_, id, _)| id).ok_or_else(|| {
                    format!("unable to find group {g}: no matching entries in the container's /etc/group")
                })?
            }
        };
    }
    let mut additional_gids = Vec::new();
    if group_part.is_none() {
        if let Some(n) = &name {
            for (_, id, members) in group_entries(group) {
                if members.contains(&n.as_str()) && id != gid && !additional_gids.contains(&id) {
                    additional_gids.push(id);
                }
            }
        }
    }
    Ok(ResolvedUser { uid, gid, additional_gids, home: if home.is_empty() { "/".into() } else { home } })
}

fn valid_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-$".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    const PW: &str = "root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000::/home/tester:/bin/sh\n";
    const GR: &str = "root:x:0:\ntester:x:1000:\nwheel:x:10:tester\nstaff:x:50:\n";

    #[test]
    fn resolves_names_ids_and_groups() {
        assert_eq!(resolve("", PW, GR).unwrap(), ResolvedUser { uid: 0, gid: 0, additional_gids: vec![], home: "/root".into() });
        let t = resolve("tester", PW, GR).unwrap();
        assert_eq!((t.uid, t.gid, t.additional_gids.clone(), t.home.as_str()), (1000, 1000, vec![10], "/home/tester"));
        assert_eq!(resolve("1000:50", PW, GR).unwrap().gid, 50);
        assert_eq!(resolve("tester:staff", PW, GR).unwrap().gid, 50);
        let n = resolve("4242", PW, GR).unwrap();
        assert_eq!((n.uid, n.gid, n.home.as_str()), (4242, 0, "/"));
    }

    #[test]
    fn refuses_bad_users_clearly() {
        assert!(resolve("nobody", PW, GR).unwrap_err().contains("unable to find user nobody"));
        assert!(resolve("tester:nogroup", PW, GR).unwrap_err().contains("unable to find group nogroup"));
        assert!(resolve(":1", PW, GR).unwrap_err().contains("user part is empty"));
        assert!(resolve("a b", PW, GR).unwrap_err().contains("not a valid user"));
        assert!(resolve("1:", PW, GR).unwrap_err().contains("group part is empty"));
    }
}
