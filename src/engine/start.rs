//! Starting containers: `run` (create, then start), `start` in the foreground (the supervisor
//! runs in this process, on the caller's terminal) or detached (a supervisor process of its
//! own, `hutch __supervise`, in a new session), and that process's entry point.

use crate::engine::create::RunOptions;
use crate::engine::Engine;
use crate::error::{exit_code_of, exit_error};
use crate::runtime::io;
use crate::state::containers::{self as records, Status};
use crate::state::lock;
use crate::supervisor::{self, Mode};
use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, Write};
use std::os::fd::{AsRawFd, FromRawFd};

/// The hidden verb that runs a detached container's supervisor.
pub const SUPERVISE_VERB: &str = "__supervise";
/// The fd on which the supervisor reports the first start to the caller.
const REPORT_FD: i32 = 3;

pub struct RunReport {
    pub id: String,
    pub exit_code: i32,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StartReport {
    ok: bool,
    #[serde(default)]
    code: i32,
    #[serde(default)]
    error: String,
}

impl Engine {
    pub fn run(&self, opts: RunOptions) -> Result<RunReport> {
        let id = self.create(&opts)?;
        if opts.detach {
            if let Err(e) = self.start_detached(&id) {
                if opts.rm {
                    let _ = self.remove_container_and_volumes(&id);
                }
                return Err(e);
            }
            return Ok(RunReport { id, exit_code: 0 });
        }
        let code = self.start_attached(&id, opts.interactive)?;
        Ok(RunReport { id, exit_code: code })
    }

    /// Serialises starts of one container (two `start`s never launch it twice).
    fn start_lock(&self, id: &str) -> Result<lock::Lock> {
        let dir = self.paths.container_dir(id);
        if !dir.is_dir() {
            return Err(exit_error(125, format!("no container with ID {id} found: no such container")));
        }
        lock::exclusive(&dir.join("start.lock"))
    }

    /// The record, with a ghost "running" written down as exited first.
    pub fn settled(&self, id: &str) -> Result<records::ContainerRecord> {
        let rec = records::load(&self.paths, id)?;
        if rec.ghost().is_none() {
            return Ok(rec);
        }
        records::update(&self.paths, id, |r| {
            r.settle_ghost();
            Ok(r.clone())
        })
    }

    /// Starts a container on the caller's terminal and supervises it here; returns its
    /// exit code. With `--rm` it is removed afterwards (also when it failed to start).
    pub fn start_attached(&self, id: &str, interactive: bool) -> Result<i32> {
        let mapping = self.mapping();
        let mut guard = Some(self.start_lock(id)?);
        let rec = self.settled(id)?;
        if rec.status == Status::Running {
            return Err(exit_error(125, format!("container {} is already running: use `hutch attach {}`", rec.name, rec.name)));
        }
        self.reset_for_start(id)?;
        let mut ready = || {
            guard.take();
        };
        let r = supervisor::supervise(&self.paths, id, &mapping, Mode::Foreground { interactive }, &mut ready);
        match r {
            Ok(o) => {
                if o.remove {
                    self.remove_container_and_volumes(id)?;
                }
                Ok(o.exit_code)
            }
            Err(e) => {
                if rec.auto_remove {
                    let _ = self.remove_container_and_volumes(id);
                }
                Err(e)
            }
        }
    }

    /// Starts a container under a supervisor process of its own and returns once its
    /// command runs (or with the reason it could not start). A running one is left as is
    /// (`Ok(false)`).
    pub fn start_detached(&self, id: &str) -> Result<bool> {
        let _guard = self.start_lock(id)?;
        let rec = self.settled(id)?;
        if rec.status == Status::Running {
            return Ok(false);
        }
        self.reset_for_start(id)?;
        let (r, w) = io::pipe()?;
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.paths.container_dir(id).join("supervisor.log"))
            .context("opening the supervisor's log")?;
        let exe = std::env::current_exe().unwrap_or_else(|_| std::path::PathBuf::from("/proc/self/exe"));
        let mut cmd = std::process::Command::new(exe);
        cmd.arg(SUPERVISE_VERB)
            .arg("--root")
            .arg(&self.paths.root)
            .arg("--runroot")
            .arg(&self.paths.runroot)
            .arg(id)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(log);
        let wfd = w.as_raw_fd();
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(move || {
                // A session of its own: the caller's terminal closing does not reach it.
                libc::setsid();
                if wfd == REPORT_FD {
                    libc::fcntl(wfd, libc::F_SETFD, 0);
                } else if libc::dup2(wfd, REPORT_FD) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().context("starting the container's supervisor")?;
        drop(w);
        drop(cmd);
        let mut line = String::new();
        let n = std::io::BufReader::new(std::fs::File::from(r)).read_line(&mut line).unwrap_or(0);
        // The supervisor lives on; it is reparented when we exit.
        std::mem::forget(child);
        if n == 0 {
            let tail = std::fs::read_to_string(self.paths.container_dir(id).join("supervisor.log")).unwrap_or_default();
            return Err(anyhow!("the container's supervisor ended before the container started{}",
                tail.lines().last().map(|l| format!(": {l}")).unwrap_or_default()));
        }
        let rep: StartReport = serde_json::from_str(line.trim()).context("reading the supervisor's report")?;
        if rep.ok {
            Ok(true)
        } else {
            Err(exit_error(rep.code, rep.error))
        }
    }

    /// The supervisor process (`hutch __supervise ID`): supervises until the container is
    /// finished, reporting the first start on fd 3. Returns the container's exit code.
    pub fn supervise_detached(&self, id: &str) -> i32 {
        // SAFETY: fd 3 was set up by `start_detached` for us alone.
        let report = unsafe { std::fs::File::from_raw_fd(REPORT_FD) };
        // SAFETY: fcntl on our own fd: the container must not inherit the report pipe.
        unsafe { libc::fcntl(REPORT_FD, libc::F_SETFD, libc::FD_CLOEXEC) };
        let mut report = Some(report);
        let mapping = self.mapping();
        let mut ready = || {
            if let Some(mut f) = report.take() {
                let _ = f.write_all(b"{\"ok\":true}\n");
            }
        };
        let r = supervisor::supervise(&self.paths, id, &mapping, Mode::Detached, &mut ready);
        drop(ready);
        match r {
            Ok(o) => {
                if o.remove {
                    if let Err(e) = self.remove_container_and_volumes(id) {
                        eprintln!("removing container {id}: {e:#}");
                    }
                }
                o.exit_code
            }
            Err(e) => {
                let code = exit_code_of(&e);
                match report.take() {
                    Some(mut f) => {
                        let rep = StartReport { ok: false, code, error: format!("{e:#}") };
                        let _ = f.write_all(format!("{}\n", serde_json::to_string(&rep).unwrap_or_default()).as_bytes());
                    }
                    None => eprintln!("{e:#}"),
                }
                if records::load(&self.paths, id).is_ok_and(|r| r.auto_remove) {
                    let _ = self.remove_container_and_volumes(id);
                }
                code
            }
        }
    }

    /// A start by the user counts restarts from zero again and forgets an earlier stop.
    fn reset_for_start(&self, id: &str) -> Result<()> {
        records::update(&self.paths, id, |r| {
            r.restart_count = 0;
            r.stopped_by_user = false;
            Ok(())
        })
    }

    /// Removes a container's files and its anonymous volumes (`--rm`).
    pub fn remove_container_and_volumes(&self, id: &str) -> Result<()> {
        let rec = records::load(&self.paths, id).ok();
        self.remove_container_files(id)?;
        if let Some(r) = rec {
            self.remove_anonymous_volumes(&r)?;
        }
        Ok(())
    }
}
