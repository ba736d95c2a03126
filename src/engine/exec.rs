//! `exec`: a command in a running container, through the container's own namespaces and the
//! same process half as its first process (user, groups, capabilities, environment).

use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::exec::{exec_process, ExecInput};
use crate::runtime::io;
use crate::runtime::join;
use crate::runtime::launch::ChildStdio;
use crate::runtime::steps;
use crate::state::containers::{self as records, Status};
use crate::state::exec_sessions;
use anyhow::{Context, Result};
use std::os::fd::AsRawFd;

#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub container: String,
    pub command: Vec<String>,
    pub interactive: bool,
    pub tty: bool,
    pub user: Option<String>,
    pub workdir: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<std::path::PathBuf>,
    pub detach: bool,
    pub privileged: bool,
    /// Extra fds (3..3+N) passed to the process.
    pub preserve_fds: u32,
    /// With -it: the keys that detach from the session (empty: none).
    pub detach_keys: Vec<u8>,
}

/// How an exec ended (or, with -d, the session it started).
pub struct ExecReport {
    /// None when the session was detached from.
    pub exit_code: Option<i32>,
    /// The exec session's id (Podman's; `inspect` lists the live ones in ExecIDs).
    pub session: String,
}

impl Engine {
    pub fn exec(&self, o: &ExecOptions) -> Result<ExecReport> {
        let rec = self.find_container(&o.container)?;
        let rec = self.settled(&rec.id)?;
        // Podman exits 255 here (its exec returns -1).
        if rec.status != Status::Running || rec.paused {
            return Err(exit_error(255, "can only create exec sessions on running containers: container state improper"));
        }
        let (pid, start) = (rec.pid.unwrap_or(0), rec.pid_start.unwrap_or(0));
        let target = io::pidfd_open(pid).filter(|_| records::process_start_time(pid) == Some(start));
        let target = target.ok_or_else(|| exit_error(255, "can only create exec sessions on running containers: container state improper"))?;
        let spec: oci_spec::runtime::Spec = {
            let p = self.paths.container_dir(&rec.id).join(records::SPEC_FILE);
            serde_json::from_slice(&std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?)
                .with_context(|| format!("decoding {}", p.display()))?
        };
        let base = spec.process().as_ref().context("the container's spec has no process")?;
        let mut env_entries = Vec::new();
        for f in &o.env_files {
            let text = std::fs::read_to_string(f).with_context(|| format!("--env-file {}", f.display()))?;
            for e in crate::plan::env::env_file_entries(&text) {
                env_entries.push((e, format!("--env-file {}", f.display())));
            }
        }
        env_entries.extend(o.env.iter().map(|e| (e.clone(), "-e".to_string())));
        // The user is looked up in the container's files as they are now.
        let in_root = |f: &str| std::fs::read_to_string(format!("/proc/{pid}/root{f}")).unwrap_or_default();
        let (passwd, group) = if o.user.is_some() { (in_root("/etc/passwd"), in_root("/etc/group")) } else { (String::new(), String::new()) };
        let mapping = self.mapping();
        let host_env = |k: &str| std::env::var(k).ok();
        let process = exec_process(base, &ExecInput {
            command: &o.command,
            tty: o.tty,
            user: o.user.as_deref(),
            passwd: &passwd,
            group: &group,
            workdir: o.workdir.as_deref(),
            env_entries: &env_entries,
            host_env: &host_env,
            privileged: o.privileged,
            single_mapping: mapping.is_single(),
        })
        .map_err(|e| exit_error(125, e))?;
        if let Some(w) = o.workdir.as_deref() {
            check_workdir(pid, w, &rec.id)?;
        }
        let seccomp = steps::seccomp_of(&spec)?;
        let keep_groups = spec.annotations().as_ref().and_then(|a| a.get(crate::plan::spec::ANN_KEEP_GROUPS)).is_some_and(|v| v == "true");
        let mut ps = steps::prepare_process(&process, !mapping.is_single() && !keep_groups, io::winsize(), false, seccomp)?;
        ps.preserve_fds = o.preserve_fds;
        let sfd = io::forwarded_signalfd()?;
        let null = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null").context("opening /dev/null")?;
        let stdio = if o.detach && !o.tty {
            ChildStdio { stdin: None, stdout: null.as_raw_fd(), stderr: null.as_raw_fd() }
        } else if o.detach {
            // -dt: the terminal is the process's stdio; we hold it once it runs.
            ChildStdio { stdin: None, stdout: -1, stderr: -1 }
        } else {
            ChildStdio { stdin: o.interactive.then_some(0), stdout: -1, stderr: -1 }
        };
        // A session one can detach from outlives this command; others die with it.
        let detachable = o.tty && o.interactive && !o.detach_keys.is_empty();
        // A container with a cgroup of its own: what exec runs is counted there too.
        let cgroup_procs = crate::supervisor::limits::recorded(&self.paths.container_run_dir(&rec.id))
            .map(|d| d.join("cgroup.procs"))
            .filter(|p| p.exists())
            .map(|p| std::fs::OpenOptions::new().write(true).open(&p).with_context(|| format!("opening {}", p.display())))
            .transpose()?;
        self.container_event("exec", &rec, None);
        let j = join::exec_in(pid, &target, &ps, stdio, !o.detach && !detachable, cgroup_procs.as_ref())?;
        let run_dir = self.paths.container_run_dir(&rec.id);
        let session = exec_sessions::record(&run_dir, j.pid).context("recording the exec session")?;
        if o.detach {
            if let Some(m) = &j.master {
                crate::supervisor::session::hold_terminal(m.as_raw_fd());
            }
            return Ok(ExecReport { exit_code: Some(0), session });
        }
        let keys: &[u8] = if detachable { &o.detach_keys } else { &[] };
        let code = match crate::supervisor::session::relay(&j, &sfd, o.interactive, keys)? {
            crate::supervisor::session::SessionEnd::Exited(c) => {
                exec_sessions::forget(&run_dir, &session);
                self.container_event("exec_died", &rec, Some(c));
                Some(c)
            }
            crate::supervisor::session::SessionEnd::Detached => None,
        };
        Ok(ExecReport { exit_code: code, session })
    }
}

/// Podman's check of `exec -w`: the directory must exist in the container (looked up inside
/// its root, symlinks and all, through the running process's root).
fn check_workdir(pid: i32, workdir: &str, id: &str) -> Result<()> {
    let root = std::fs::File::open(format!("/proc/{pid}/root")).context("opening the container's root")?;
    let path = std::path::Path::new(workdir.trim_start_matches('/'));
    let path = if path.as_os_str().is_empty() { std::path::Path::new(".") } else { path };
    match crate::runtime::openat2::open_in_root(root.as_raw_fd(), path, libc::O_PATH | libc::O_CLOEXEC) {
        Ok(fd) => {
            let st = nix::sys::stat::fstat(&fd).context("reading the working directory")?;
            if st.st_mode & libc::S_IFMT != libc::S_IFDIR {
                return Err(exit_error(125, format!("workdir {workdir:?} exists on container {id}, but is not a directory")));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(exit_error(125, format!("workdir {workdir:?} does not exist on container {id}"))),
        // Anything else (permissions): the process's own chdir will say.
        Err(_) => Ok(()),
    }
}
