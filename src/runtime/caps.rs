//! Capability names ↔ bits, and the set Podman grants by default.


use crate::util::capnames::CAP_NAMES as NAMES;

/// The bit number of a capability name (`CAP_CHOWN` or `chown`).
pub fn bit(name: &str) -> Option<u32> {
    let up = name.to_ascii_uppercase();
    let full = if up.starts_with("CAP_") { up } else { format!("CAP_{up}") };
    NAMES.iter().position(|n| *n == full).map(|i| i as u32)
}

/// The bitmask of a list of names; unknown names are returned as the error.
pub fn mask<S: AsRef<str>>(names: &[S]) -> Result<u64, String> {
    names.iter().try_fold(0u64, |m, n| {
        bit(n.as_ref()).map(|b| m | (1u64 << b)).ok_or_else(|| n.as_ref().to_string())
    })
}

/// The highest capability the running kernel knows.
pub fn last_cap() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(40)
}

#[cfg(test)]
mod tests {
    #[test]
    fn podman_default_mask() {
        assert_eq!(super::mask(crate::plan::spec::PODMAN_DEFAULT_CAPS).unwrap(), 0x8004_05fb);
        assert_eq!(super::bit("net_raw"), Some(13));
        assert_eq!(super::mask(&["CAP_NOPE"]), Err("CAP_NOPE".to_string()));
    }
}
