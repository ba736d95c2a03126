//! Small helpers with no knowledge of containers.
pub mod capnames;
pub mod glob;
pub mod ids;
pub mod journal;
pub mod signals;
pub mod time;
pub mod units;

/// The machine's architecture in OCI/Go terms (`amd64`, `arm64`, ...).
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}
