//! systemd's notify protocol (sd_notify(3): newline-separated KEY=VALUE datagrams on the
//! unix socket $NOTIFY_SOCKET, `@` for the abstract namespace). With `--sdnotify=conmon`
//! (hutch's default) the supervisor says READY=1 and MAINPID=<its own pid> once the
//! container runs; with `container` the container gets a socket of its own at
//! /run/notify/notify.sock and what it sends is relayed, MAINPID set to the supervisor's;
//! `ignore` says nothing.
//!
//! MAINPID is the supervisor, as Podman names conmon's: the service manager is its parent (a
//! detached supervisor is reparented to the manager, the subreaper; in the foreground it is
//! the unit's own process), so the manager sees it end, and with the container's code. The
//! container's process is a grandchild: systemd warns it "will most likely not notice when it
//! exits", and a unit run for real hung in `deactivating` that way.

use anyhow::{Context, Result};
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};

/// Where the container's socket lives in its run directory, and where the container sees it.
pub const RELAY_DIR: &str = "notify";
pub const RELAY_SOCKET: &str = "notify.sock";
pub const CONTAINER_DIR: &str = "/run/notify";

/// The mode a container's settings hold (empty: the default, conmon).
pub fn mode(setting: &str) -> &str {
    if setting.is_empty() { "conmon" } else { setting }
}

fn send_to(target: &str, msg: &[u8]) -> std::io::Result<()> {
    let sock = UnixDatagram::unbound()?;
    match target.strip_prefix('@') {
        Some(name) => {
            use std::os::linux::net::SocketAddrExt;
            let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
            sock.send_to_addr(msg, &addr).map(|_| ())
        }
        None => sock.send_to(msg, target).map(|_| ()),
    }
}

/// Tells the service manager, if there is one, that the container runs under this supervisor
/// and, in conmon mode the first time, that it is ready (in container mode the container says
/// so itself), as Podman does.
pub fn started(setting: &str, first: bool) {
    let mode = mode(setting);
    if mode == "ignore" {
        return;
    }
    if let Ok(target) = std::env::var("NOTIFY_SOCKET") {
        let pid = std::process::id();
        let msg = if first && mode == "conmon" { format!("MAINPID={pid}\nREADY=1\n") } else { format!("MAINPID={pid}\n") };
        // A manager that went away is not the container's problem.
        let _ = send_to(&target, msg.as_bytes());
    }
}

/// The container's own notify socket (`--sdnotify=container`), relayed to $NOTIFY_SOCKET.
pub struct Relay {
    sock: UnixDatagram,
    path: PathBuf,
}

impl Relay {
    /// Binds `RUN_DIR/notify/notify.sock`, writable by every user of the container.
    pub fn bind(run_dir: &Path) -> Result<Relay> {
        let dir = run_dir.join(RELAY_DIR);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(RELAY_SOCKET);
        let _ = std::fs::remove_file(&path);
        // Through the directory's fd: a socket address holds 108 bytes, run dirs may be longer.
        let dirfd = std::fs::File::open(&dir).with_context(|| format!("opening {}", dir.display()))?;
        use std::os::fd::AsRawFd;
        let short = format!("/proc/self/fd/{}/{RELAY_SOCKET}", dirfd.as_raw_fd());
        let sock = UnixDatagram::bind(&short).with_context(|| format!("binding {}", path.display()))?;
        drop(dirfd);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o777))?;
        sock.set_nonblocking(true)?;
        Ok(Relay { sock, path })
    }

    pub fn fd(&self) -> std::os::fd::RawFd {
        use std::os::fd::AsRawFd;
        self.sock.as_raw_fd()
    }

    /// Relays what the container sent, with MAINPID the supervisor's.
    pub fn forward(&self) {
        let mut buf = [0u8; 4096];
        while let Ok(n) = self.sock.recv(&mut buf) {
            let msg = relayed(&String::from_utf8_lossy(&buf[..n]), std::process::id());
            if let Ok(target) = std::env::var("NOTIFY_SOCKET") {
                let _ = send_to(&target, msg.as_bytes());
            }
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The container's message with its own MAINPID (a pid in its namespace) replaced.
pub fn relayed(msg: &str, pid: u32) -> String {
    let mut out: String = msg.lines().filter(|l| !l.starts_with("MAINPID=") && !l.is_empty()).map(|l| format!("{l}\n")).collect();
    out.push_str(&format!("MAINPID={pid}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_reach_the_manager() {
        assert_eq!(relayed("READY=1\nMAINPID=1\nSTATUS=up", 4242), "READY=1\nSTATUS=up\nMAINPID=4242\n");
        let dir = std::env::temp_dir().join(format!("hutch-notify-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let manager = UnixDatagram::bind(dir.join("m.sock")).unwrap();
        send_to(dir.join("m.sock").to_str().unwrap(), b"READY=1\n").unwrap();
        let mut b = [0u8; 64];
        let n = manager.recv(&mut b).unwrap();
        assert_eq!(&b[..n], b"READY=1\n");
        let relay = Relay::bind(&dir).unwrap();
        UnixDatagram::unbound().unwrap().send_to(b"READY=1\n", dir.join("notify/notify.sock")).unwrap();
        let mut b = [0u8; 64];
        let n = relay.sock.recv(&mut b).unwrap();
        assert_eq!(&b[..n], b"READY=1\n");
        drop(relay);
        assert!(!dir.join("notify/notify.sock").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
