//! `build --ssh` and `RUN --mount=type=ssh`: an SSH agent a RUN step may use (to clone a
//! private repository, say) without any key entering the image. `--ssh ID` names an agent's
//! socket (`default`: `$SSH_AUTH_SOCK`) or private keys, which an `ssh-agent` of the build's
//! own holds (Debian's openssh-client). The step sees a socket at the mount's target, with
//! `SSH_AUTH_SOCK` pointing at it: a relay (`hutch __ssh-relay`, one per ID for the whole
//! build) listening in the build's directory, whose socket can be given the owner and mode
//! the mount asks for (the agent's own socket is the caller's alone), and which connects each
//! client to the agent.

use crate::error::exit_error;
use crate::runtime::io;
use anyhow::{Context, Result};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The hidden verb: `hutch __ssh-relay AGENT_SOCKET`, the listening socket on fd 3.
pub const RELAY_VERB: &str = "__ssh-relay";
const LISTEN_FD: RawFd = 3;

/// One `--ssh ID[=SOCKET|KEY[,KEY...]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SshSource {
    pub id: String,
    pub agent: AgentSource,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentSource {
    /// A running agent's socket.
    Socket(PathBuf),
    /// Private key files for an agent of the build's own.
    Keys(Vec<PathBuf>),
}

/// Parses `--ssh` values as Buildah does: `default` is `$SSH_AUTH_SOCK`; a path that is a
/// socket names an agent; other paths are private keys.
pub fn parse(values: &[String], auth_sock: Option<&str>) -> Result<Vec<SshSource>, String> {
    let mut out: Vec<SshSource> = Vec::new();
    for v in values {
        let (id, paths) = match v.split_once('=') {
            Some((id, p)) => (id, p.split(',').filter(|p| !p.is_empty()).map(PathBuf::from).collect::<Vec<_>>()),
            None => (v.as_str(), Vec::new()),
        };
        if id.is_empty() {
            return Err(format!("--ssh {v}: the id is empty (use default or a name)"));
        }
        if out.iter().any(|s| s.id == id) {
            return Err(format!("--ssh {v}: the id {id} is given twice"));
        }
        let agent = if paths.is_empty() {
            let sock = auth_sock.filter(|s| !s.is_empty())
                .ok_or_else(|| format!("--ssh {v}: SSH_AUTH_SOCK is not set: start an agent (eval $(ssh-agent); ssh-add) or name a socket or key file"))?;
            AgentSource::Socket(PathBuf::from(sock))
        } else {
            use std::os::unix::fs::FileTypeExt;
            let sockets: Vec<&PathBuf> = paths.iter().filter(|p| std::fs::metadata(p).is_ok_and(|m| m.file_type().is_socket())).collect();
            match (sockets.len(), paths.len()) {
                (1, 1) => AgentSource::Socket(paths[0].clone()),
                (0, _) => {
                    for p in &paths {
                        std::fs::metadata(p).map_err(|e| format!("--ssh {v}: {}: {e}", p.display()))?;
                    }
                    AgentSource::Keys(paths)
                }
                _ => return Err(format!("--ssh {v}: name one agent socket, or key files, not both")),
            }
        };
        out.push(SshSource { id: id.to_string(), agent });
    }
    Ok(out)
}

/// An agent made available to the build's steps, stopped (and its sockets removed) with
/// the build.
pub struct AgentRelay {
    /// The relay's socket (what steps get bound in).
    pub socket: PathBuf,
    dir: PathBuf,
    relay: Child,
    agent: Option<Child>,
}

impl Drop for AgentRelay {
    fn drop(&mut self) {
        for c in [Some(&mut self.relay), self.agent.as_mut()].into_iter().flatten() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits for a socket file to appear (an agent starting up).
fn wait_for_socket(p: &Path) -> bool {
    for _ in 0..100 {
        if UnixStream::connect(p).is_ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// Starts what `src` needs (an ssh-agent for keys) and the relay to it, their sockets in a
/// directory of their own under `runtime_dir` (short: a socket's path has 108 bytes at most).
pub fn start(src: &SshSource, runtime_dir: &Path) -> Result<AgentRelay> {
    let dir = runtime_dir.join(format!("ssh-{}", &crate::util::ids::random_id()[..8]));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let r = start_in(src, &dir);
    if r.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    r
}

fn start_in(src: &SshSource, dir: &Path) -> Result<AgentRelay> {
    let tag = &crate::image::store::sha256_hex(src.id.as_bytes())[..12];
    let (target, agent) = match &src.agent {
        AgentSource::Socket(p) => (p.clone(), None),
        AgentSource::Keys(keys) => {
            let sock = dir.join(format!("agent-{tag}"));
            let _ = std::fs::remove_file(&sock);
            let agent = Command::new("ssh-agent").arg("-D").arg("-a").arg(&sock)
                .stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()
                .map_err(|e| exit_error(125, format!("--ssh {}: starting ssh-agent for the keys: {e} (it comes with Debian's openssh-client)", src.id)))?;
            let mut agent = agent;
            if !wait_for_socket(&sock) {
                let _ = agent.kill();
                return Err(exit_error(125, format!("--ssh {}: ssh-agent did not start", src.id)));
            }
            let added = Command::new("ssh-add").args(keys).env("SSH_AUTH_SOCK", &sock).stdin(Stdio::null()).output();
            match added {
                Ok(o) if o.status.success() => {}
                Ok(o) => {
                    let _ = agent.kill();
                    return Err(exit_error(125, format!("--ssh {}: ssh-add could not add the keys: {}", src.id, String::from_utf8_lossy(&o.stderr).trim())));
                }
                Err(e) => {
                    let _ = agent.kill();
                    return Err(exit_error(125, format!("--ssh {}: running ssh-add: {e} (it comes with Debian's openssh-client)", src.id)));
                }
            }
            (sock, Some(agent))
        }
    };
    let socket = dir.join(format!("relay-{tag}"));
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket).with_context(|| format!("listening on {}", socket.display()))?;
    let lfd = listener.as_raw_fd();
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("/proc/self/exe"));
    let mut cmd = Command::new(exe);
    cmd.arg(RELAY_VERB).arg(&target).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(move || {
            if lfd == LISTEN_FD {
                libc::fcntl(lfd, libc::F_SETFD, 0);
            } else if libc::dup2(lfd, LISTEN_FD) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            // Gone with the build, however it ends.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let relay = match cmd.spawn() {
        Ok(r) => r,
        Err(e) => {
            if let Some(mut a) = agent {
                let _ = a.kill();
                let _ = a.wait();
            }
            return Err(anyhow::Error::new(e).context("starting the SSH agent relay"));
        }
    };
    Ok(AgentRelay { socket, dir: dir.to_path_buf(), relay, agent })
}

/// The relay process: accepts on fd 3 and joins each client to the agent at `target`, until
/// killed. Single-threaded: poll(2) over the listener and every connection.
pub fn relay_main(target: &Path) -> i32 {
    // SAFETY: fd 3 was set up by `start` for this process alone.
    let listener = unsafe { UnixListener::from_raw_fd(LISTEN_FD) };
    let _ = listener.set_nonblocking(true);
    // (client, agent) pairs, with what waits to go each way.
    let mut pairs: Vec<Pair> = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let mut fds = vec![(listener.as_raw_fd(), libc::POLLIN)];
        for p in &pairs {
            fds.push((p.a.as_raw_fd(), if p.to_a.is_empty() { libc::POLLIN } else { libc::POLLIN | libc::POLLOUT }));
            fds.push((p.b.as_raw_fd(), if p.to_b.is_empty() { libc::POLLIN } else { libc::POLLIN | libc::POLLOUT }));
        }
        let Ok(rev) = io::poll(&fds, -1) else { return 1 };
        // The connections polled (those accepted below are polled next time round).
        for (i, p) in pairs.iter_mut().enumerate() {
            p.pump(rev[1 + 2 * i], rev[2 + 2 * i], &mut buf);
        }
        pairs.retain(|p| p.open);
        if rev[0] != 0 {
            while let Ok((client, _)) = listener.accept() {
                if let Ok(agent) = UnixStream::connect(target) {
                    let (a, b) = (OwnedFd::from(client), OwnedFd::from(agent));
                    io::set_nonblocking(a.as_raw_fd());
                    io::set_nonblocking(b.as_raw_fd());
                    pairs.push(Pair { a, b, to_a: Vec::new(), to_b: Vec::new(), open: true });
                }
            }
        }
    }
}

struct Pair {
    a: OwnedFd,
    b: OwnedFd,
    to_a: Vec<u8>,
    to_b: Vec<u8>,
    open: bool,
}

impl Pair {
    fn pump(&mut self, ra: i16, rb: i16, buf: &mut [u8]) {
        for (from, rev, to) in [(self.a.as_raw_fd(), ra, 1), (self.b.as_raw_fd(), rb, 0)] {
            if rev & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 {
                match io::read(from, buf) {
                    Ok(n) if n > 0 => {
                        if to == 1 { &mut self.to_b } else { &mut self.to_a }.extend_from_slice(&buf[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    _ => self.open = false,
                }
            }
        }
        for (fd, pending) in [(self.a.as_raw_fd(), &mut self.to_a), (self.b.as_raw_fd(), &mut self.to_b)] {
            if !pending.is_empty() {
                match io::write_some(fd, pending) {
                    Ok(n) => {
                        pending.drain(..n);
                    }
                    Err(_) => self.open = false,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_values_name_agents_and_keys() {
        let d = std::env::temp_dir().join(format!("hutch-ssh-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let key = d.join("id");
        std::fs::write(&key, "k").unwrap();
        let sock = d.join("agent");
        let _l = UnixListener::bind(&sock).unwrap();
        let v = |s: &[&str]| parse(&s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), Some("/run/agent"));
        assert_eq!(v(&["default"]).unwrap(), vec![SshSource { id: "default".into(), agent: AgentSource::Socket("/run/agent".into()) }]);
        assert_eq!(v(&[&format!("git={}", sock.display())]).unwrap()[0].agent, AgentSource::Socket(sock.clone()));
        assert_eq!(v(&[&format!("k={}", key.display())]).unwrap()[0].agent, AgentSource::Keys(vec![key.clone()]));
        assert!(v(&[&format!("k={},{}", key.display(), sock.display())]).unwrap_err().contains("not both"));
        assert!(v(&["default", "default"]).unwrap_err().contains("given twice"));
        assert!(v(&["k=/nonexistent"]).unwrap_err().contains("/nonexistent"));
        assert!(parse(&["default".into()], None).unwrap_err().contains("SSH_AUTH_SOCK is not set"));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
