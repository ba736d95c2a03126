//! Tar streams that may be compressed: gzip, zstd, bzip2 and xz told apart by their first
//! bytes; and whether a file is a tar archive at all (its first block, decompressed, is a
//! tar header), as ADD decides what to unpack.

use anyhow::{anyhow, Context, Result};
use std::io::{BufRead, BufReader, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

const GZIP: &[u8] = &[0x1f, 0x8b];
const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
const XZ: &[u8] = &[0xfd, b'7', b'z', b'X', b'Z', 0x00];

/// The compression of a stream that starts with `head`.
pub fn detect(head: &[u8]) -> Compression {
    if head.starts_with(GZIP) {
        Compression::Gzip
    } else if head.starts_with(ZSTD) {
        Compression::Zstd
    } else if head.starts_with(XZ) {
        Compression::Xz
    } else if head.len() >= 4 && head.starts_with(b"BZh") && (b'1'..=b'9').contains(&head[3]) {
        Compression::Bzip2
    } else {
        Compression::None
    }
}

/// Whether a stream starting with `head` is a tarball, plain or compressed, an empty one
/// (zero blocks) included: what `head` decompresses to starts with a tar header or a zero
/// block (a compressed head too short to give a whole block is not taken for one).
pub fn is_tarball(head: &[u8]) -> bool {
    first_block(std::io::Cursor::new(head.to_vec())).is_some_and(|b| b.iter().all(|x| *x == 0) || is_tar_header(&b))
}

/// Whether `input`, decompressed, starts with a tar header: the first 512 bytes have the
/// ustar magic or a valid header checksum (as Docker and Buildah tell an archive from a file
/// that only happens to be compressed; an empty archive has no header, and is not one).
pub fn is_tar_archive(input: impl Read + 'static) -> bool {
    first_block(input).is_some_and(|b| is_tar_header(&b))
}

/// The first 512 bytes of `input` decompressed, if there are that many.
fn first_block(input: impl Read + 'static) -> Option<[u8; 512]> {
    let (mut r, _) = decompressed(input, true).ok()?;
    let mut block = [0u8; 512];
    let mut got = 0;
    while got < block.len() {
        match r.read(&mut block[got..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    (got == block.len()).then_some(block)
}

/// A tar header block: not all zeros, and the ustar magic or a checksum that adds up (the
/// bytes summed with the checksum field as spaces, unsigned or, as old tars wrote it, signed).
fn is_tar_header(block: &[u8; 512]) -> bool {
    if block.iter().all(|b| *b == 0) {
        return false;
    }
    if &block[257..262] == b"ustar" {
        return true;
    }
    let field = std::str::from_utf8(&block[148..156]).unwrap_or("");
    let Ok(want) = u32::from_str_radix(field.trim_matches(|c: char| c == '\0' || c == ' '), 8) else { return false };
    let in_field = |i: usize| (148..156).contains(&i);
    let unsigned: u32 = block.iter().enumerate().map(|(i, b)| if in_field(i) { 32 } else { u32::from(*b) }).sum();
    let signed: i32 = block.iter().enumerate().map(|(i, b)| if in_field(i) { 32 } else { i32::from(*b as i8) }).sum();
    want == unsigned || i64::from(want) == i64::from(signed)
}

/// The stream decompressed, and its compression (zstd refused unless `allow_zstd`).
pub fn decompressed<R: Read + 'static>(input: R, allow_zstd: bool) -> Result<(Box<dyn Read>, Compression)> {
    let mut buffered = BufReader::with_capacity(256 * 1024, input);
    let kind = detect(buffered.fill_buf().context("reading the tarball")?);
    let reader: Box<dyn Read> = match kind {
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(buffered)),
        Compression::Zstd if allow_zstd => Box::new(ruzstd::streaming_decoder::StreamingDecoder::new(buffered).map_err(|e| anyhow!("reading zstd data: {e}"))?),
        Compression::Zstd => return Err(anyhow!("zstd-compressed tarballs are not supported by import yet: decompress it first (`zstd -d`)")),
        Compression::Bzip2 => Box::new(bzip2::read::MultiBzDecoder::new(buffered)),
        Compression::Xz => Box::new(lzma_rust2::XzReader::new(buffered, true)),
        Compression::None => Box::new(buffered),
    };
    Ok((reader, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tar_of(name: &str, data: &[u8]) -> Vec<u8> {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        let mut b = tar::Builder::new(Vec::new());
        b.append_data(&mut h, name, data).unwrap();
        b.into_inner().unwrap()
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn bzip(data: &[u8]) -> Vec<u8> {
        let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn only_tar_archives_are_tarballs() {
        let tar = tar_of("a.txt", b"hello");
        assert!(is_tarball(&tar));
        assert!(is_tarball(&gzip(&tar)));
        assert!(is_tarball(&bzip(&tar)));
        // Compressed, but not a tarball inside: a file ADD copies as it is.
        assert!(!is_tarball(&gzip(b"just some notes\n")));
        assert!(!is_tarball(&bzip(&[b'x'; 600])));
        assert!(!is_tarball(b"plain text"));
        // An empty archive is a tarball (volume import), but nothing ADD unpacks.
        assert!(is_tarball(&[0u8; 1024]) && is_tarball(&gzip(&[0u8; 10240])));
        assert!(!is_tar_archive(std::io::Cursor::new(gzip(&[0u8; 10240]))));
        // A v7 tar without the ustar magic: its checksum tells.
        let mut v7 = tar.clone();
        v7[257..265].fill(0);
        let sum: u32 = v7[..512].iter().enumerate().map(|(i, b)| if (148..156).contains(&i) { 32 } else { u32::from(*b) }).sum();
        v7[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        assert!(is_tarball(&v7));
        v7[0] ^= 1;
        assert!(!is_tarball(&v7));
    }

    #[test]
    fn bzip2_and_xz_streams_decompress() {
        let (mut r, kind) = decompressed(std::io::Cursor::new(bzip(b"data")), true).unwrap();
        assert_eq!(kind, Compression::Bzip2);
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, "data");
        // `printf 'xz data\n' | xz -c`
        let xz: &[u8] = &[
            0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x00, 0x21, 0x01, 0x16, 0x00, 0x00, 0x00, 0x74, 0x2f,
            0xe5, 0xa3, 0x01, 0x00, 0x07, 0x78, 0x7a, 0x20, 0x64, 0x61, 0x74, 0x61, 0x0a, 0x00, 0x8a, 0x58, 0x20, 0x11, 0xe6, 0x2b, 0xb3, 0x33,
            0x00, 0x01, 0x20, 0x08, 0xbb, 0x19, 0xd9, 0xbb, 0x1f, 0xb6, 0xf3, 0x7d, 0x01, 0x00, 0x00, 0x00, 0x00, 0x04, 0x59, 0x5a,
        ];
        let (mut r, kind) = decompressed(std::io::Cursor::new(xz.to_vec()), true).unwrap();
        assert_eq!(kind, Compression::Xz);
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, "xz data\n");
        assert!(!is_tarball(xz));
    }
}
