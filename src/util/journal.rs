//! The journal's native protocol: entries as datagrams of `NAME=value` fields (the binary
//! form for values with a newline) to journald's socket. Used for containers' output
//! (`--log-driver journald`) and for events (`events_logger = "journald"`).

use std::os::unix::net::UnixDatagram;

/// Where journald listens for native entries.
pub const SOCKET: &str = "/run/systemd/journal/socket";

/// Whether journald takes entries here (its socket accepts a connection).
pub fn available() -> bool {
    connect().is_ok()
}

/// A socket connected to journald.
pub fn connect() -> std::io::Result<UnixDatagram> {
    let s = UnixDatagram::unbound()?;
    s.connect(SOCKET)?;
    Ok(s)
}

/// Appends `NAME=value\n`, or for a value with a newline the binary form: `NAME\n`, its
/// length as a little-endian u64, the value, `\n`.
pub fn field(out: &mut Vec<u8>, name: &str, value: &[u8]) {
    out.extend_from_slice(name.as_bytes());
    if value.contains(&b'\n') {
        out.push(b'\n');
        out.extend_from_slice(&(value.len() as u64).to_le_bytes());
    } else {
        out.push(b'=');
    }
    out.extend_from_slice(value);
    out.push(b'\n');
}

/// Sends one entry made of these fields; false when journald does not take it.
pub fn send(fields: &[(&str, &[u8])]) -> bool {
    let mut e = Vec::new();
    for (n, v) in fields {
        field(&mut e, n, v);
    }
    connect().and_then(|s| s.send(&e)).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_use_the_binary_form_for_newlines() {
        let mut out = Vec::new();
        super::field(&mut out, "A", b"x");
        super::field(&mut out, "B", b"a\nb");
        assert_eq!(out, b"A=x\nB\n\x03\0\0\0\0\0\0\0a\nb\n");
    }
}
