//! Starting containers: `run` (create, then start), `start` in the foreground (the supervisor
//! runs in this process, on the caller's terminal) or detached (a supervisor process of its
//! own, `hutch __supervise`, in a new session), and that process's entry point.

use crate::engine::create::RunOptions;
use crate::engine::Engine;
use crate::error::{exit_code_of, exit_error};
use crate::runtime::io;
use crate::state::containers as records;
use crate::state::lock;
use crate::engine::report::{AttachRequest, Attached};
use crate::supervisor::attach::{AttachEnd, ClientOptions};
use crate::supervisor::{self, DetachedStart, Event, Mode};
use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, Write};
use std::os::fd::{AsRawFd, FromRawFd};

/// The hidden verb that runs a detached container's supervisor.
pub const SUPERVISE_VERB: &str = "__supervise";
/// `__supervise --attach-first ID`: wait for an attach client before starting (`start -a`).
pub const ATTACH_FIRST_FLAG: &str = "--attach-first";
/// `__supervise --winsize=ROWS,COLS ID`: the terminal size the container starts with.
pub const WINSIZE_FLAG: &str = "--winsize=";
/// The fd on which the supervisor reports the first start to the caller.
const REPORT_FD: i32 = 3;

pub struct RunReport {
    pub id: String,
    /// How the foreground session ended (`Detached` for `run -d`).
    pub end: Attached,
}

/// A line the supervisor writes on its report pipe.
#[derive(serde::Serialize, serde::Deserialize)]
struct StartReport {
    ok: bool,
    /// The attach socket listens (the container starts once a client is there).
    #[serde(default)]
    listening: bool,
    #[serde(default)]
    code: i32,
    #[serde(default)]
    error: String,
}

/// The caller's end of a supervisor's report pipe.
struct SupervisorLink {
    reader: std::io::BufReader<std::fs::File>,
    log: std::path::PathBuf,
}

impl SupervisorLink {
    /// The next report: Ok(listening) for a good one, the supervisor's error otherwise.
    fn next(&mut self) -> Result<bool> {
        let mut line = String::new();
        if self.reader.read_line(&mut line).unwrap_or(0) == 0 {
            let tail = std::fs::read_to_string(&self.log).unwrap_or_default();
            return Err(anyhow!("the container's supervisor ended before the container started{}",
                tail.lines().last().map(|l| format!(": {l}")).unwrap_or_default()));
        }
        let rep: StartReport = serde_json::from_str(line.trim()).context("reading the supervisor's report")?;
        if rep.ok {
            Ok(rep.listening)
        } else {
            Err(exit_error(rep.code, rep.error))
        }
    }
}

impl Engine {
    pub fn run(&self, opts: RunOptions) -> Result<RunReport> {
        let id = self.create(&opts)?;
        if opts.detach {
            if let Err(e) = self.start_detached(&id) {
                // A failure the supervisor reported: it removed a --rm container itself.
                // Else it died without a word, and the removal is ours.
                if opts.rm && crate::error::exit_code_of(&e) == crate::error::EXIT_TOOL && self.paths.container_dir(&id).exists() {
                    let _ = self.remove_container_and_volumes(&id);
                }
                return Err(e);
            }
            return Ok(RunReport { id, end: Attached::Detached });
        }
        // `--attach`: only the streams named reach the caller (stdin needs -i as well).
        let [stdin, stdout, stderr] = opts.attach.unwrap_or([true; 3]);
        let interactive = opts.interactive && stdin;
        let f = &opts.foreground;
        // A terminal that can detach, or signals that must not reach the container: it runs
        // under a supervisor of its own (which outlives us), attached to as `start -a` is.
        if (opts.tty && interactive && !f.detach_keys.is_empty()) || !f.sig_proxy {
            let req = AttachRequest {
                stdin: interactive,
                detach_keys: if opts.tty { f.detach_keys.clone() } else { Vec::new() },
                sig_proxy: f.sig_proxy,
                outputs: [stdout, stderr],
            };
            let end = self.start_and_attach(&id, &req)?;
            return Ok(RunReport { id, end });
        }
        let code = self.start_attached(&id, interactive, [stdout, stderr])?;
        Ok(RunReport { id, end: Attached::Exited(code) })
    }

    /// Serialises starts of one container (two `start`s never launch it twice).
    pub(crate) fn start_lock(&self, id: &str) -> Result<lock::Lock> {
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

    /// Starts the container whose network this one joins (`--network container:`) and those
    /// it `--requires`, if they are not running, as Podman starts a container's dependencies
    /// first.
    fn start_dependencies(&self, id: &str) -> Result<()> {
        let rec = records::load(&self.paths, id)?;
        let net = rec.settings.network.strip_prefix("container:").map(|d| (d.to_string(), "whose network"));
        let deps = net.into_iter().chain(rec.settings.requires.iter().map(|r| (r.clone(), "which")));
        for (dep, why) in deps {
            match self.settled(&dep) {
                Ok(d) if !d.busy() => {
                    let what = if why == "which" { format!("which {} requires", rec.name) } else { format!("whose network {} joins", rec.name) };
                    self.start_detached(&dep).map_err(|e| exit_error(exit_code_of(&e), format!("starting {}, {what}: {e:#}", d.name)))?;
                }
                // Running, or gone (the start then says so).
                _ => {}
            }
        }
        Ok(())
    }

    /// Starts a container on the caller's terminal and supervises it here; returns its
    /// exit code. With `--rm` it is removed afterwards (also when it failed to start).
    pub fn start_attached(&self, id: &str, interactive: bool, outputs: [bool; 2]) -> Result<i32> {
        self.start_dependencies(id)?;
        let mapping = self.mapping();
        let mut guard = Some(self.start_lock(id)?);
        let rec = self.settled(id)?;
        refuse_paused(&rec)?;
        if rec.busy() {
            return Err(exit_error(125, format!("container {} is already running: use `hutch attach {}`", rec.name, rec.name)));
        }
        self.reset_for_start(id)?;
        let mut ready = |_: Event| {
            guard.take();
        };
        let r = supervisor::supervise(&self.paths, id, &mapping, Mode::Foreground { interactive, outputs }, &mut ready);
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
        self.warn_if_not_lingering();
        self.start_dependencies(id)?;
        let guard = self.start_lock(id)?;
        let rec = self.settled(id)?;
        refuse_paused(&rec)?;
        if rec.busy() {
            return Ok(false);
        }
        self.reset_for_start(id)?;
        let mut link = self.spawn_supervisor(id, DetachedStart::default(), Some(&guard))?;
        link.next()?;
        Ok(true)
    }

    /// Starts a container under its own supervisor with this terminal attached before it
    /// runs (`start -a`, a foreground `run` that can detach: the detach keys leave it
    /// running). A running container is attached to.
    pub fn start_and_attach(&self, id: &str, req: &AttachRequest) -> Result<Attached> {
        self.start_dependencies(id)?;
        let guard = self.start_lock(id)?;
        let rec = self.settled(id)?;
        refuse_paused(&rec)?;
        if rec.busy() {
            drop(guard);
            return self.attach(id, req);
        }
        self.reset_for_start(id)?;
        let tty = rec.settings.tty;
        let start = DetachedStart {
            attach_first: true,
            winsize: io::winsize().filter(|w| tty && w.ws_row > 0 && w.ws_col > 0).map(|w| [w.ws_row, w.ws_col]),
        };
        let mut link = self.spawn_supervisor(id, start, Some(&guard))?;
        if !link.next()? {
            return Err(anyhow!("the container's supervisor did not open its attach socket"));
        }
        let sock = crate::supervisor::attach::connect(&self.paths.container_run_dir(id))?;
        link.next()?;
        drop(guard);
        // The record as the start left it: the process signals go to (a container already
        // finished and removed has none).
        let started = records::load(&self.paths, id).unwrap_or(rec);
        self.attach_session(&started, sock, req)
    }

    /// An attach session to a running container through `sock`, as the caller asked for it;
    /// its end as the caller sees it (the exit code the supervisor sent, else the one recorded).
    pub(crate) fn attach_session(&self, rec: &records::ContainerRecord, sock: std::os::unix::net::UnixStream, req: &AttachRequest) -> Result<Attached> {
        self.container_event("attach", rec, None);
        let tty = rec.settings.tty;
        let client = ClientOptions {
            tty,
            stdin: req.stdin && (rec.settings.interactive || tty),
            keys: &req.detach_keys,
            // Signals go through a pidfd on the very process (never a recycled pid).
            signals_to: if req.sig_proxy { crate::engine::lifecycle::open_process(rec) } else { None },
            outputs: req.outputs,
        };
        Ok(match crate::supervisor::attach::client(sock, client)? {
            AttachEnd::Detached => Attached::Detached,
            AttachEnd::Signalled(s) => Attached::Signalled(s),
            AttachEnd::Ended(Some(code)) => Attached::Exited(code),
            AttachEnd::Ended(None) => Attached::Exited(self.exit_code_when_recorded(&rec.id)),
        })
    }

    /// The exit code once the supervisor has recorded it.
    pub fn exit_code_when_recorded(&self, id: &str) -> i32 {
        let t = crate::engine::lifecycle::Targets { keys: vec![id.to_string()], ..Default::default() };
        let mut code = 0;
        let _ = self.wait(&t, &[], std::time::Duration::from_millis(20), |_, c| code = c);
        code
    }

    /// Runs `hutch __supervise` for a container in a session of its own, its report pipe on
    /// fd 3 and its stderr in the container's `supervisor.log`.
    /// `start_lock`: handed down too, so the start stays locked until the supervisor has
    /// recorded it, even if this command is killed meanwhile (`rm` waits on that lock).
    fn spawn_supervisor(&self, id: &str, start: DetachedStart, start_lock: Option<&lock::Lock>) -> Result<SupervisorLink> {
        // Passed fds (3..3+N) go to the supervisor where they are; its report pipe after them.
        let keep = records::load(&self.paths, id)?.settings.preserve_fds as i32;
        crate::supervisor::check_passed_fds(keep as u32)?;
        let report_fd = REPORT_FD + keep;
        let (r, w) = io::pipe()?;
        let log_path = self.paths.container_dir(id).join("supervisor.log");
        let log = std::fs::OpenOptions::new().create(true).append(true).open(&log_path).context("opening the supervisor's log")?;
        let exe = std::env::current_exe().unwrap_or_else(|_| std::path::PathBuf::from("/proc/self/exe"));
        let mut cmd = std::process::Command::new(exe);
        cmd.arg(SUPERVISE_VERB).arg("--root").arg(&self.paths.root).arg("--runroot").arg(&self.paths.runroot);
        if start.attach_first {
            cmd.arg(ATTACH_FIRST_FLAG);
        }
        if let Some([r, c]) = start.winsize {
            cmd.arg(format!("{WINSIZE_FLAG}{r},{c}"));
        }
        cmd.arg(id).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(log);
        let wfd = w.as_raw_fd();
        let lock_fd = start_lock.map(|l| l.raw_fd()).unwrap_or(-1);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(move || {
                // A session of its own: the caller's terminal closing does not reach it.
                libc::setsid();
                for fd in REPORT_FD..report_fd {
                    libc::fcntl(fd, libc::F_SETFD, 0);
                }
                if wfd == report_fd {
                    libc::fcntl(wfd, libc::F_SETFD, 0);
                } else if libc::dup2(wfd, report_fd) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // The start lock right after the report pipe (or nothing there).
                if lock_fd >= 0 {
                    if lock_fd == report_fd + 1 {
                        libc::fcntl(lock_fd, libc::F_SETFD, 0);
                    } else if libc::dup2(lock_fd, report_fd + 1) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                } else {
                    libc::close(report_fd + 1);
                }
                // Nothing else of the caller's (a make jobserver, a CI harness pipe) lives
                // on in the supervisor for the container's lifetime.
                libc::syscall(libc::SYS_close_range, (report_fd + 2) as u32, u32::MAX, libc::CLOSE_RANGE_CLOEXEC);
                Ok(())
            });
        }
        let child = cmd.spawn().context("starting the container's supervisor")?;
        drop(w);
        // The supervisor lives on; it is reparented when we exit.
        std::mem::forget(child);
        Ok(SupervisorLink { reader: std::io::BufReader::new(std::fs::File::from(r)), log: log_path })
    }

    /// The supervisor process (`hutch __supervise ID`): supervises until the container is
    /// finished, reporting the first start on fd 3. Returns the container's exit code.
    pub fn supervise_detached(&self, id: &str, start: DetachedStart) -> i32 {
        // The report pipe follows the fds passed to the container (`spawn_supervisor`).
        let report_fd = REPORT_FD + records::load(&self.paths, id).map(|r| r.settings.preserve_fds as i32).unwrap_or(0);
        // SAFETY: the report fd was set up by `spawn_supervisor` for us alone.
        let report = unsafe { std::fs::File::from_raw_fd(report_fd) };
        // SAFETY: fcntl on our own fd: the container must not inherit the report pipe.
        unsafe { libc::fcntl(report_fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        // The start lock, held until the first start is recorded (or has failed).
        let mut start_lock = {
            let fd = report_fd + 1;
            // SAFETY: fcntl on an fd we may have been given; taken only if it is open.
            (unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) } == 0).then(|| unsafe { std::fs::File::from_raw_fd(fd) })
        };
        let mut report = Some(report);
        let mapping = self.mapping();
        let mut ready = |ev: Event| match ev {
            Event::Listening => {
                if let Some(f) = report.as_mut() {
                    let _ = f.write_all(b"{\"ok\":true,\"listening\":true}\n");
                }
            }
            Event::Started => {
                start_lock = None;
                if let Some(mut f) = report.take() {
                    let _ = f.write_all(b"{\"ok\":true}\n");
                }
            }
        };
        let r = supervisor::supervise(&self.paths, id, &mapping, Mode::Detached(start), &mut ready);
        match r {
            Ok(o) => {
                if o.remove {
                    if let Err(e) = self.remove_container_and_volumes(id) {
                        eprintln!("removing container {id}: {e:#}");
                    }
                }
                if let Some(s) = o.attach {
                    s.finish(o.exit_code);
                }
                o.exit_code
            }
            Err(e) => {
                let code = exit_code_of(&e);
                // --rm: gone before the caller hears of the failure (it removes nothing).
                if records::load(&self.paths, id).is_ok_and(|r| r.auto_remove) {
                    let _ = self.remove_container_and_volumes(id);
                }
                match report.take() {
                    Some(mut f) => {
                        let rep = StartReport { ok: false, listening: false, code, error: format!("{e:#}") };
                        let _ = f.write_all(format!("{}\n", serde_json::to_string(&rep).unwrap_or_default()).as_bytes());
                    }
                    None => eprintln!("{e:#}"),
                }
                code
            }
        }
    }

    /// A start by the user counts restarts from zero again and forgets an earlier stop.
    fn reset_for_start(&self, id: &str) -> Result<()> {
        if records::load(&self.paths, id).is_ok_and(|r| r.restart_count == 0 && !r.stopped_by_user) {
            return Ok(());
        }
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
            self.container_event("remove", &r, None);
            self.remove_anonymous_volumes(&r)?;
            // --rmi: its image too, unless another container uses it (then it stays, quietly).
            if let Some(image) = &r.settings.rmi {
                let _ = self.rmi(std::slice::from_ref(image), false, false, true);
            }
        }
        Ok(())
    }
}

/// Podman refuses to start a paused container (`unpause` it).
fn refuse_paused(rec: &crate::state::containers::ContainerRecord) -> Result<()> {
    if rec.is_paused() {
        return Err(exit_error(125, format!("cannot start paused container {}: container state improper", rec.id)));
    }
    Ok(())
}
