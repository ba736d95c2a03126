//! Pure planning: run options + image config → an OCI runtime spec. No I/O, no namespaces;
//! everything here is unit-tested.
pub mod build;
pub mod command;
pub mod containerfile;
pub mod containerfile_expand;
pub mod env;
pub mod etcfiles;
pub mod exec;
pub mod health;
pub mod ignore_rules;
pub mod mounts;
pub mod network;
pub mod prune_filter;
pub mod quadlet;
pub mod resources;
pub mod seccomp;
pub mod seccomp_default;
pub mod secrets;
pub mod security;
pub mod spec;
pub mod sysctl;
pub mod systemd;
pub mod unit;
pub mod user;
pub mod userns;

pub use network::NetworkMode;
pub use spec::{build_spec, PlanInput, RootPlan, UserMount};
