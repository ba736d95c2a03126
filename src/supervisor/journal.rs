//! `--log-driver journald`: the container's output as journal entries, sent over the journal's
//! native datagram socket with the fields conmon gives them (MESSAGE, PRIORITY 6 for stdout
//! and 3 for stderr, CONTAINER_ID, CONTAINER_ID_FULL, CONTAINER_NAME, CONTAINER_TAG,
//! SYSLOG_IDENTIFIER, and CONTAINER_PARTIAL_MESSAGE=true on a line that goes on in the next
//! entry), so `journalctl CONTAINER_NAME=web` and `hutch logs` find them.

use crate::supervisor::log::Stream;
use crate::util::journal::field;
use std::os::unix::net::UnixDatagram;

pub use crate::util::journal::{available, SOCKET};

/// The longest MESSAGE sent in one entry: a longer line goes as partial entries, as conmon
/// sends it (a datagram must fit the socket's buffer).
const MAX_MESSAGE: usize = 8192;

/// The fields every entry of a container carries.
pub struct Identity<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub tag: Option<&'a str>,
}

pub struct JournalWriter {
    sock: UnixDatagram,
    /// The constant fields, encoded once.
    fields: Vec<u8>,
}

impl JournalWriter {
    pub fn open(who: &Identity) -> std::io::Result<JournalWriter> {
        let sock = crate::util::journal::connect()?;
        let mut fields = Vec::new();
        field(&mut fields, "CONTAINER_ID_FULL", who.id.as_bytes());
        field(&mut fields, "CONTAINER_ID", who.id.get(..12).unwrap_or(who.id).as_bytes());
        if !who.name.is_empty() {
            field(&mut fields, "CONTAINER_NAME", who.name.as_bytes());
        }
        if let Some(t) = who.tag {
            field(&mut fields, "CONTAINER_TAG", t.as_bytes());
        }
        // conmon's choice: the tag, else the name, else the short id.
        let ident = who.tag.or(Some(who.name).filter(|n| !n.is_empty())).unwrap_or(who.id.get(..12).unwrap_or(who.id));
        field(&mut fields, "SYSLOG_IDENTIFIER", ident.as_bytes());
        Ok(JournalWriter { sock, fields })
    }

    /// Sends what the container wrote: an entry per line, the unfinished tail as partial.
    /// A journal that refuses (full, gone) loses the text; the output goes on.
    pub fn write(&mut self, stream: Stream, data: &[u8]) {
        for piece in data.split_inclusive(|&b| b == b'\n') {
            let (text, ended) = match piece.strip_suffix(b"\n") {
                Some(t) => (t, true),
                None => (piece, false),
            };
            let mut chunks = text.chunks(MAX_MESSAGE).peekable();
            if text.is_empty() {
                let _ = self.sock.send(&entry(&self.fields, stream, b"", !ended));
            }
            while let Some(c) = chunks.next() {
                let partial = chunks.peek().is_some() || !ended;
                let _ = self.sock.send(&entry(&self.fields, stream, c, partial));
            }
        }
    }
}

/// One datagram: the message, its priority, the partial mark and the constant fields.
fn entry(fields: &[u8], stream: Stream, text: &[u8], partial: bool) -> Vec<u8> {
    let mut e = Vec::with_capacity(text.len() + fields.len() + 64);
    field(&mut e, "MESSAGE", text);
    field(&mut e, "PRIORITY", if stream == Stream::Stderr { b"3" } else { b"6" });
    if partial {
        field(&mut e, "CONTAINER_PARTIAL_MESSAGE", b"true");
    }
    e.extend_from_slice(fields);
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_carry_conmons_fields_in_the_native_encoding() {
        let mut f = Vec::new();
        field(&mut f, "CONTAINER_NAME", b"web");
        let e = entry(&f, Stream::Stderr, b"oops", true);
        assert_eq!(e, b"MESSAGE=oops\nPRIORITY=3\nCONTAINER_PARTIAL_MESSAGE=true\nCONTAINER_NAME=web\n");
    }
}
