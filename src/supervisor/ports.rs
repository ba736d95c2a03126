//! Who holds a host port: the socket in /proc/net/{tcp,udp}{,6} and, where /proc lets us
//! see it, the process that has it open.

/// "process NAME (pid N)" or "a process of uid N" for whoever listens on `port`.
pub fn holder(port: u16, proto: &str) -> Option<String> {
    let (files, state) = match proto {
        "udp" => (["/proc/net/udp", "/proc/net/udp6"], "07"),
        _ => (["/proc/net/tcp", "/proc/net/tcp6"], "0A"),
    };
    let mut found: Option<(u64, u32)> = None;
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        found = text.lines().skip(1).find_map(|l| socket_on(l, port, state));
        if found.is_some() {
            break;
        }
    }
    let (inode, uid) = found?;
    match process_with_socket(inode) {
        // Another container's network helper: its environment names the container.
        Some((pid, comm)) if comm == "slirp4netns" || comm.starts_with("pasta") => {
            let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            let key = format!("{}=", crate::runtime::slirp::CONTAINER_ENV);
            let id = env.split(|&b| b == 0).find_map(|v| v.strip_prefix(key.as_bytes())).and_then(|v| std::str::from_utf8(v).ok()).filter(|v| v.len() >= 12);
            Some(match id {
                Some(id) => format!("container {} (its {comm}, pid {pid})", &id[..12]),
                None => format!("{comm} (pid {pid})"),
            })
        }
        Some((pid, comm)) => Some(format!("{comm} (pid {pid})")),
        None => Some(format!("a process of uid {uid}")),
    }
}

/// The (inode, uid) of a /proc/net line whose local port is `port` in `state`.
fn socket_on(line: &str, port: u16, state: &str) -> Option<(u64, u32)> {
    let f: Vec<&str> = line.split_whitespace().collect();
    if f.len() < 10 || f[3] != state {
        return None;
    }
    let local_port = u16::from_str_radix(f[1].rsplit_once(':')?.1, 16).ok()?;
    if local_port != port {
        return None;
    }
    Some((f[9].parse().ok()?, f[7].parse().ok()?))
}

/// The first process (that we may look into) with the socket open.
fn process_with_socket(inode: u64) -> Option<(i32, String)> {
    let target = format!("socket:[{inode}]");
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        let Ok(fds) = std::fs::read_dir(e.path().join("fd")) else { continue };
        for fd in fds.flatten() {
            if std::fs::read_link(fd.path()).is_ok_and(|l| l.as_os_str() == target.as_str()) {
                let comm = std::fs::read_to_string(e.path().join("comm")).map(|c| c.trim().to_string()).unwrap_or_default();
                return Some((pid, comm));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_net_lines() {
        let l = "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1001        0 123456 1 0000000000000000 100 0 0 10 0";
        assert_eq!(socket_on(l, 8080, "0A"), Some((123456, 1001)));
        assert_eq!(socket_on(l, 8081, "0A"), None);
        assert_eq!(socket_on(l, 8080, "07"), None);
    }

    #[test]
    fn finds_our_own_listener() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let who = holder(port, "tcp").unwrap();
        assert!(who.ends_with(&format!("(pid {})", std::process::id())), "{who}");
    }
}
