//! `hutch unshare`: a command in a user namespace (and mount namespace) with the caller's
//! mapping, as `podman unshare`, e.g. to inspect or remove files owned by subordinate ids.

use crate::engine::Engine;
use crate::error::{exit_error, EXIT_CANNOT_INVOKE, EXIT_NOT_FOUND};
use anyhow::Result;
use std::os::unix::process::CommandExt;

impl Engine {
    pub fn unshare(&self, command: &[String]) -> Result<i32> {
        let mapping = self.mapping();
        let argv: Vec<String> = if command.is_empty() {
            vec![std::env::var("SHELL").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "/bin/sh".into())]
        } else {
            command.to_vec()
        };
        let root = self.paths.root.clone();
        let runroot = self.paths.runroot.clone();
        // Let the terminal's signals reach the command, not us.
        // SAFETY: ignoring job-control signals in this single-threaded process.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            libc::signal(libc::SIGQUIT, libc::SIG_IGN);
        }
        crate::runtime::userns::run_in_userns(&mapping, true, move || {
            // SAFETY: restores default handling in the child before exec.
            unsafe {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            }
            let err = std::process::Command::new(&argv[0])
                .args(&argv[1..])
                .env("CONTAINERS_GRAPHROOT", &root)
                .env("CONTAINERS_RUNROOT", &runroot)
                .env("HUTCH_UNSHARE", "1")
                .exec();
            Err(match err.kind() {
                std::io::ErrorKind::NotFound => exit_error(EXIT_NOT_FOUND, format!("{}: command not found", argv[0])),
                _ => exit_error(EXIT_CANNOT_INVOKE, format!("{}: {err}", argv[0])),
            })
        })
    }
}
