//! Leaf error type that carries a Podman exit code. Everything else is an `anyhow::Error`
//! with context a user can act on; `main` maps any error without an `ExitError` to 125.

use std::fmt;

/// Podman's exit code for an error of the tool itself.
pub const EXIT_TOOL: i32 = 125;
/// The container command exists but cannot be invoked.
pub const EXIT_CANNOT_INVOKE: i32 = 126;
/// The container command was not found.
pub const EXIT_NOT_FOUND: i32 = 127;

#[derive(Debug)]
pub struct ExitError {
    pub code: i32,
    pub message: String,
}

impl fmt::Display for ExitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExitError {}

/// An error that makes hutch exit with `code`.
pub fn exit_error(code: i32, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(ExitError { code, message: message.into() })
}

/// The exit code an error asks for: the first `ExitError` in its chain, else 125.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    err.chain()
        .find_map(|e| e.downcast_ref::<ExitError>().map(|x| x.code))
        .unwrap_or(EXIT_TOOL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn plain_errors_are_125_and_context_keeps_the_code() {
        assert_eq!(exit_code_of(&anyhow::anyhow!("x")), 125);
        let e: anyhow::Result<()> = Err(exit_error(127, "not found"));
        let e = e.context("running container").unwrap_err();
        assert_eq!(exit_code_of(&e), 127);
    }
}
