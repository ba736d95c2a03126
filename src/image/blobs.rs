//! Where an image's blobs come from (a registry, or the files of an archive being loaded),
//! and the whole fetch of a small one, checked.

use crate::image::manifest::Descriptor;
use crate::image::registry::Client;
use anyhow::{bail, Context, Result};
use std::io::Read;

/// Where layer blobs come from: a registry, or the files of an archive being loaded.
pub trait BlobSource: Sync {
    fn open_blob(&self, digest: &str) -> Result<Box<dyn Read + Send>>;
}

impl BlobSource for Client {
    fn open_blob(&self, digest: &str) -> Result<Box<dyn Read + Send>> {
        self.get_blob(digest).map(|(r, _)| r)
    }
}

const MAX_CONFIG: u64 = 16 << 20;

/// Fetches a small blob (a config) whole, checking its size and digest.
pub fn fetch_small(client: &dyn BlobSource, d: &Descriptor) -> Result<Vec<u8>> {
    if d.size > MAX_CONFIG {
        bail!("the image config is {} bytes, more than the 16 MiB allowed", d.size);
    }
    let body = client.open_blob(&d.digest)?;
    let mut bytes = Vec::new();
    body.take(d.size + 1).read_to_end(&mut bytes).with_context(|| format!("fetching {}", d.digest))?;
    if bytes.len() as u64 != d.size {
        bail!("blob {} is {} bytes, but the manifest states {}", d.digest, bytes.len(), d.size);
    }
    let got = format!("sha256:{}", crate::image::store::sha256_hex(&bytes));
    if got != d.digest {
        bail!("blob {} failed verification: its content hashes to {got}", d.digest);
    }
    Ok(bytes)
}
