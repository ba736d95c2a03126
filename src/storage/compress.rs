//! Tar streams that may be compressed: gzip and zstd told apart by their first bytes.

use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, BufReader, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

const GZIP: &[u8] = &[0x1f, 0x8b];
const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// The compression of a stream that starts with `head`.
pub fn detect(head: &[u8]) -> Compression {
    if head.starts_with(GZIP) {
        Compression::Gzip
    } else if head.starts_with(ZSTD) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// Whether a stream starting with `head` (its first 512 bytes or more) is a tarball, plain
/// or compressed.
pub fn is_tarball(head: &[u8]) -> bool {
    detect(head) != Compression::None || (head.len() >= 262 && &head[257..262] == b"ustar")
}

/// The stream decompressed, and its compression (zstd refused unless `allow_zstd`).
pub fn decompressed<R: Read + 'static>(input: R, allow_zstd: bool) -> Result<(Box<dyn Read>, Compression)> {
    let mut buffered = BufReader::with_capacity(256 * 1024, input);
    let kind = detect(buffered.fill_buf().context("reading the tarball")?);
    let reader: Box<dyn Read> = match kind {
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(buffered)),
        Compression::Zstd if allow_zstd => Box::new(ruzstd::streaming_decoder::StreamingDecoder::new(buffered).map_err(|e| anyhow!("reading zstd data: {e}"))?),
        Compression::Zstd => return Err(anyhow!("zstd-compressed tarballs are not supported by import yet: decompress it first (`zstd -d`)")),
        Compression::None => Box::new(buffered),
    };
    Ok((reader, kind))
}
