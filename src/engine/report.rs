//! What the container verbs share: which containers they act on, what they did to each, and
//! the words Podman uses for states and missing containers.

use crate::state::containers::{ContainerRecord, Status};

/// One row of `ps`, status already checked against the live process.
pub struct PsRow {
    pub record: ContainerRecord,
    pub status: Status,
    /// healthy, unhealthy or starting, for a running container with a health check.
    pub health: Option<String>,
}

/// How a session attached to a container ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attached {
    /// The container is finished, with this exit code.
    Exited(i32),
    /// The detach keys were typed: the container runs on.
    Detached,
    /// A signal that is not proxied came: the caller ends by it.
    Signalled(i32),
}

/// How a caller attaches to a container it starts (or that runs).
#[derive(Debug, Clone)]
pub struct AttachRequest {
    /// The caller's stdin goes to the container (when it has -i or -t).
    pub stdin: bool,
    pub detach_keys: Vec<u8>,
    /// Signals to the caller go to the container's process.
    pub sig_proxy: bool,
    /// Which of the container's stdout and stderr reach the caller's.
    pub outputs: [bool; 2],
}

/// Why a verb failed for one container, with Podman's exit code for it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub key: String,
    pub code: i32,
    pub message: String,
}

/// What a verb over several containers did: the keys it handled, and the failures.
#[derive(Default)]
pub struct BatchReport {
    pub done: Vec<String>,
    pub failures: Vec<Failure>,
}

impl BatchReport {
    pub fn fail(&mut self, key: &str, code: i32, message: String) {
        self.failures.push(Failure { key: key.to_string(), code, message });
    }
}

/// Which containers a verb acts on.
#[derive(Default, Clone)]
pub struct Targets {
    pub keys: Vec<String>,
    pub all: bool,
    /// `--latest`: the newest container.
    pub latest: bool,
    /// `--ignore`: missing containers are no error.
    pub ignore: bool,
    /// Only running containers for `--all` (stop, kill, pause).
    pub running_only: bool,
    /// `--filter`: Podman's ps filters select the containers.
    pub filter: Vec<String>,
}

/// The podman wording for a missing container.
pub fn no_such(key: &str) -> String {
    format!("no container with name or ID \"{key}\" found: no such container")
}

/// Podman's word for the state of `rec`, whose live status is `live`: `paused` for a
/// running container whose cgroup is frozen.
pub fn state_word(rec: &crate::state::containers::ContainerRecord, live: Status) -> &'static str {
    if live == Status::Running && rec.paused {
        "paused"
    } else {
        status_word(live)
    }
}

/// Podman's word for a state.
pub fn status_word(s: Status) -> &'static str {
    match s {
        Status::Created => "created",
        Status::Running => "running",
        Status::Exited => "exited",
    }
}
