//! hutch: rootless, daemonless, single-user containers with Podman's everyday CLI.
//!
//! Data flows one way: argv → `cli` (parse) → `plan` (pure) → `engine` (does) → `runtime`
//! (the kernel seam) → process. Reports flow back up to the CLI, which alone prints.

#![recursion_limit = "256"]

pub mod cli;
pub mod config;
pub mod engine;
pub mod error;
pub mod image;
pub mod plan;
pub mod runtime;
pub mod state;
pub mod storage;
pub mod supervisor;
pub mod util;
