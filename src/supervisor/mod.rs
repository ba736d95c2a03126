//! The per-container supervisor (the role conmon plays for Podman): it starts the container
//! from its record and `config.json`, owns its stdio (a pty with `-t`, else pipes), writes its
//! log, serves `attach`, reaps it, records how it ended under the container's lock, applies
//! the restart policy, and returns when the container is finished.
//!
//! A foreground `run` (and `start -a`) calls `supervise` in-process, relaying to the caller's
//! terminal; `run -d` and `start` run it in a process of its own (`hutch` re-executed with a
//! hidden verb, in a session of its own), which exits with the container. It sleeps in poll(2)
//! between events: no CPU while the container is idle.

pub mod attach;
pub mod forwarder;
pub mod handover;
pub mod log;
pub mod fds;
pub mod health;
pub mod journal;
pub mod limits;
pub mod network;
pub mod notify;
pub mod ports;
pub mod rundir;
pub mod session;
mod watch;

use crate::runtime::idmap::IdMapping;
use crate::runtime::io;
use crate::runtime::launch::{self, ChildStdio, Started};
use crate::runtime::steps;
use crate::state::containers::{self as records, ContainerRecord, ProcRef, Status};
use crate::state::paths::Paths;
use crate::util::time;
use anyhow::{Context, Result};
use std::os::fd::{AsRawFd, OwnedFd};

/// Where the container's stdio goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The caller's terminal and stdio (`run` without -d, `start -a`); `outputs` says whether
    /// the container's stdout and stderr reach the caller's (`run --attach`), the log either way.
    Foreground { interactive: bool, outputs: [bool; 2] },
    /// Nobody's: the log and `attach` clients.
    Detached(DetachedStart),
}

/// How a supervisor of its own starts its container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DetachedStart {
    /// Wait (a while) for an attach client before starting the container (`start -a`, a
    /// foreground `run` that can detach: no output lost).
    pub attach_first: bool,
    /// The terminal size the container starts with (the attaching client's).
    pub winsize: Option<[u16; 2]>,
}

/// What the supervisor tells whoever started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The attach socket is ready for the first client (`attach_first`).
    Listening,
    /// The first start has exec'd the command.
    Started,
}

/// How long an `attach_first` supervisor waits for its client before starting anyway.
const ATTACH_FIRST_WAIT_MS: i32 = 10_000;

/// How supervision ended.
pub struct Outcome {
    pub exit_code: i32,
    /// `--rm`: the caller removes the container's files now.
    pub remove: bool,
    /// The attach socket: the caller tells its clients the exit code once it has removed
    /// what it removes (`Server::finish`), so an attached `run --rm` ends after the removal.
    pub attach: Option<attach::Server>,
}

/// hutch's restart back-off (Podman restarts at once, every time): none for the first
/// restart, then doubling from 100 ms, at most 10 s between tries, so a container that
/// crashes at once does not spin.
fn backoff(restarts: u32) -> std::time::Duration {
    if restarts <= 1 {
        return std::time::Duration::ZERO;
    }
    std::time::Duration::from_millis((100u64 << (restarts - 2).min(7)).min(10_000))
}

/// Whether the restart policy starts the container again after it ended with `code`.
pub fn should_restart(rec: &ContainerRecord, code: i32) -> bool {
    if rec.stopped_by_user {
        return false;
    }
    let s = &rec.settings;
    match s.restart_policy.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => code != 0 && (s.restart_max == 0 || rec.restart_count < s.restart_max),
        _ => false,
    }
}

/// The supervisor's pid file in a container's run directory (a generated unit's PIDFile).
pub const SUPERVISOR_PID_FILE: &str = "supervisor.pid";

pub use fds::{check_passed_fds, note_inherited_fds};

/// Records a container event, unless containers.conf turned the log off.
fn event(paths: &Paths, rec: &ContainerRecord, status: &str, exit_code: Option<i32>) {
    crate::state::events::record(paths, &crate::state::events::container_event(status, rec, exit_code), &crate::config::containers::events_backend());
}

/// Starts the container and watches it until it is finished, telling `events` when the
/// attach socket listens (`attach_first`) and when the first start has exec'd the command.
pub fn supervise(paths: &Paths, id: &str, mapping: &IdMapping, mode: Mode, events: &mut dyn FnMut(Event)) -> Result<Outcome> {
    let settings = records::load(paths, id)?.settings;
    check_passed_fds(settings.preserve_fds)?;
    // Close-on-exec here, so helpers (slirp4netns, fuse-overlayfs) do not hold them; the
    // container's command gets them open (runtime::exec).
    for fd in 3..3 + settings.preserve_fds as i32 {
        // SAFETY: flags of an fd checked open above.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    let relay = match notify::mode(&settings.sdnotify) {
        "container" => Some(notify::Relay::bind(&paths.container_run_dir(id))?),
        _ => None,
    };
    // A detached container's attach socket, kept across restarts (clients see them all).
    let mut server = match mode {
        Mode::Detached(d) => {
            let dir = paths.container_run_dir(id);
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let mut s = attach::Server::listen(&dir)?;
            if d.attach_first {
                events(Event::Listening);
                s.accept_one(ATTACH_FIRST_WAIT_MS);
            }
            Some(s)
        }
        Mode::Foreground { .. } => None,
    };
    let (exit_code, remove) = supervise_runs(paths, id, mapping, mode, events, server.as_mut(), relay.as_ref())?;
    Ok(Outcome { exit_code, remove, attach: server })
}

/// Starts the container, and again as its restart policy says; returns the last exit code
/// and whether `--rm` removes it now.
fn supervise_runs(paths: &Paths, id: &str, mapping: &IdMapping, mode: Mode, events: &mut dyn FnMut(Event), mut server: Option<&mut attach::Server>, relay: Option<&notify::Relay>) -> Result<(i32, bool)> {
    let mut first = true;
    let mut last_code = 0;
    loop {
        // A restart is a start: under the start lock, and not after a stop or an rm.
        let _relaunch = if first {
            None
        } else {
            match crate::state::lock::exclusive(&paths.container_dir(id).join("start.lock")) {
                Ok(l) => Some(l),
                Err(_) => return Ok((last_code, false)),
            }
        };
        let rec = records::load(paths, id)?;
        if !first && rec.stopped_by_user {
            let _ = records::update(paths, id, |r| {
                r.supervisor = None;
                Ok(())
            });
            return Ok((last_code, rec.auto_remove));
        }
        let (started, io_fds, mut network) = match launch_once(paths, &rec, mapping, mode) {
            Ok(s) => s,
            Err(e) if first => return Err(e),
            Err(e) => {
                // A restart that fails to start ends supervision, with the reason recorded.
                let _ = records::update(paths, id, |r| {
                    r.status = Status::Exited;
                    r.error = Some(format!("{e:#}"));
                    r.supervisor = None;
                    Ok(())
                });
                return Ok((125, rec.auto_remove));
            }
        };
        drop(_relaunch);
        notify::started(&rec.settings.sdnotify, first);
        if first {
            event(paths, &rec, "init", None);
        } else {
            event(paths, &rec, "restart", None);
        }
        event(paths, &rec, "start", None);
        if first {
            // The caller's terminal is the container's (`run` without -d): attached, as
            // Podman's StartAndAttach says after the start.
            if matches!(mode, Mode::Foreground { .. }) {
                event(paths, &rec, "attach", None);
            }
            events(Event::Started);
            first = false;
        }
        if let Some(s) = server.as_deref_mut() {
            s.new_run();
        }
        let mut checker = health::Checker::start(paths, &rec.id, rec.settings.health.as_ref());
        let watched = watch::watch(paths, &rec, started, io_fds, mode, server.as_deref_mut(), relay, checker.as_mut(), network.2.as_mut());
        drop(checker);
        // The container is gone: its ports are freed at once (its relays and forwarder go); the
        // network helper is reaped once the exit is recorded (its teardown is slow, and
        // `stop`/`rm` wait for the record).
        network.2 = None;
        if let Some(n) = network.0.as_mut() {
            n.kill();
        }
        let (code, signal) = watched?;
        last_code = code;
        // The events before the record: whoever waits for the exit to be recorded (`stop`,
        // `rm -f`, `restart`) writes its own events after these, in Podman's order. A
        // container removed with its exit (--rm) gets no cleanup event, as in Podman.
        event(paths, &rec, "died", Some(code));
        if !rec.auto_remove {
            event(paths, &rec, "cleanup", None);
        }
        let ended = records::update(paths, id, |r| {
            r.status = Status::Exited;
            r.exit_code = Some(code);
            r.exit_signal = signal;
            r.finished_at = Some(time::now_unix());
            r.pid = None;
            r.pid_start = None;
            r.supervisor = None;
            let again = should_restart(r, code) || (!r.stopped_by_user && health::restart_wanted(paths, id, r.settings.health.as_ref()));
            if again {
                r.restart_count += 1;
                r.supervisor = ProcRef::me();
            }
            Ok((again, r.restart_count))
        });
        drop(network);
        let (again, restarts) = match ended {
            Ok(x) => x,
            // Removed meanwhile (`rm -f` from elsewhere): nothing left to record.
            Err(_) => return Ok((code, false)),
        };
        if !again {
            return Ok((code, rec.auto_remove));
        }
        // Wait out the back-off, giving up if a stop or rm comes meanwhile.
        let until = std::time::Instant::now() + backoff(restarts);
        while std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(50));
            match records::load(paths, id) {
                Ok(r) if r.stopped_by_user => {
                    let _ = records::update(paths, id, |r| {
                        r.supervisor = None;
                        Ok(())
                    });
                    return Ok((code, r.auto_remove));
                }
                Ok(_) => {}
                Err(_) => return Ok((code, false)),
            }
        }
    }
}

/// The supervisor's ends of the container's stdio.
struct IoFds {
    /// Without a terminal: the read ends of stdout and stderr (None where passed through).
    out: Option<OwnedFd>,
    err: Option<OwnedFd>,
    /// A detached interactive container's stdin, fed by `attach` clients.
    stdin: Option<OwnedFd>,
}

/// The container's network helper, cgroup and port handover, if it has them: kept until the
/// container ends.
type NetworkHelper = (Option<network::Network>, Option<crate::runtime::cgroup::Owned>, Option<handover::Handover>);

fn launch_once(paths: &Paths, rec: &ContainerRecord, mapping: &IdMapping, mode: Mode) -> Result<(Started, IoFds, NetworkHelper)> {
    let cdir = paths.container_dir(&rec.id);
    let spec: oci_spec::runtime::Spec = {
        let p = cdir.join(records::SPEC_FILE);
        let bytes = std::fs::read(&p).with_context(|| format!("reading {}: the container was not fully created; remove it and create it again", p.display()))?;
        serde_json::from_slice(&bytes).with_context(|| format!("decoding {}", p.display()))?
    };
    rundir::prepare_if_missing(paths, rec)?;
    let own_mapping = crate::runtime::idmap::from_spec(&spec, mapping);
    let mapping = own_mapping.as_ref().unwrap_or(mapping);
    let winsize = match mode {
        Mode::Foreground { .. } => io::winsize(),
        Mode::Detached(d) => d.winsize.map(|[r, c]| libc::winsize { ws_row: r, ws_col: c, ws_xpixel: 0, ws_ypixel: 0 }),
    };
    let mut prepared = steps::prepare(&spec, !mapping.is_single(), winsize)?;
    let passthrough = rec.settings.log_driver == "passthrough";
    let tty = prepared.process.terminal;
    let (mut out, mut err, mut stdin_w) = (None, None, None);
    let mut child_ends: Vec<OwnedFd> = Vec::new();
    let mut stdio = ChildStdio { stdin: None, stdout: -1, stderr: -1 };
    if !tty && !passthrough {
        let (r, w) = io::pipe()?;
        stdio.stdout = w.as_raw_fd();
        out = Some(r);
        child_ends.push(w);
        let (r, w) = io::pipe()?;
        stdio.stderr = w.as_raw_fd();
        err = Some(r);
        child_ends.push(w);
    }
    match mode {
        Mode::Foreground { interactive: true, .. } => stdio.stdin = Some(0),
        Mode::Detached(_) if rec.settings.interactive && !tty => {
            let (r, w) = io::pipe()?;
            stdio.stdin = Some(r.as_raw_fd());
            stdin_w = Some(w);
            child_ends.push(r);
        }
        _ => {}
    }
    // `--network container:NAME`: that container's first process, whose namespaces are joined.
    let join = network::join_target(paths, rec, prepared.nested.is_some())?;
    if let (Some(_), Some(n)) = (&join, prepared.nested.as_mut()) {
        // It joins that network namespace: no new one in its nested user namespace.
        n.unshare &= !libc::CLONE_NEWNET;
    }
    // Its published TCP ports go to its server when it listens: the filter that tells us.
    let handing = network::handing(rec).filter(|_| prepared.nested.is_none() && join.is_none());
    if handing.is_some() {
        prepared.process.handover_filter = Some(crate::runtime::seccomp::handover_program()?);
    }
    let pending = launch::spawn(&prepared, mapping, stdio, join.as_ref())?;
    drop(child_ends);
    let pid = pending.pid;
    // Released first, recorded after: until its setup is done the container is not running
    // for anybody (exec, top, stop would meet a half-made process). A supervisor killed in
    // between takes the container along and leaves the record as it was.
    let run_dir = paths.container_run_dir(&rec.id);
    let (mut started, cgroup, mut network) = pending.release_with(
        |pid| limits::attach(&spec, pid, &run_dir),
        |pid| network::start(paths, rec, &run_dir, pid, handing.clone()),
    )?;
    let handover = started.handover.take().map(|l| handover::Handover::new(l, rec, handing, network.as_mut().and_then(|n| n.take_handover())));
    let network = (network, cgroup, handover);
    records::update(paths, &rec.id, |r| {
        r.status = Status::Running;
        r.paused = false;
        r.pid = Some(pid);
        r.pid_start = records::process_start_time(pid);
        r.started_at = Some(time::now_unix());
        r.finished_at = None;
        r.exit_code = None;
        r.exit_signal = None;
        r.error = None;
        r.boot_id = Some(records::boot_id());
        r.supervisor = ProcRef::me();
        Ok(())
    })?;
    if let Some(pf) = &rec.settings.pidfile {
        let _ = std::fs::write(pf, format!("{pid}\n"));
    }
    // Always: a generated unit's PIDFile (Type=forking).
    let _ = std::fs::write(run_dir.join(SUPERVISOR_PID_FILE), format!("{}\n", std::process::id()));
    if let Some(pf) = &rec.settings.conmon_pidfile {
        let _ = std::fs::write(pf, format!("{}\n", std::process::id()));
    }
    Ok((started, IoFds { out, err, stdin: stdin_w }, network))
}
