//! `manifest push`: each image the list names goes to the destination repository first
//! (a local one from the store, as `push` sends it; one in a registry copied blob by blob
//! from its repository), then the index itself, its entries naming what was pushed (a
//! converted or recompressed image has a new digest, as with Podman).

use crate::config::registries::Registries;
use crate::engine::manifest::lookup_list;
use crate::engine::progress::ProgressSink;
use crate::engine::pull::RegistryOptions;
use crate::util::RemoveOnDrop;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::list::ListEntry;
use crate::image::manifest::{self, Parsed};
use crate::image::reference::Reference;
use crate::image::registry::Client;
use crate::image::store::{ImageIndex, ImageRecord};
use anyhow::{bail, Context, Result};
use sha2::Digest;
use std::io::{Read, Write};
use std::sync::Arc;

pub struct ManifestPushOptions {
    pub list: String,
    /// A registry reference; the list's own name when None.
    pub destination: Option<String>,
    /// Push the list's images too (Podman's default); else the list only.
    pub all: bool,
    /// `--format`: oci (the default) or v2s2.
    pub format: Option<String>,
    /// `--compression-format gzip`.
    pub require_gzip: bool,
    pub registry: RegistryOptions,
    pub progress: Arc<dyn ProgressSink>,
    /// `--rm`: remove the list from local storage once pushed.
    pub remove: bool,
    /// `--sign-by`, `--sign-by-sigstore-private-key`: the list and its images are signed
    /// (engine::sign).
    pub sign: crate::engine::sign::SignOptions,
    /// `--remove-signatures`: the signatures local images carry (build --sign-by) stay behind.
    pub remove_signatures: bool,
}

impl Engine {
    /// Pushes a list; returns the digest of the index as pushed.
    pub fn manifest_push(&self, o: &ManifestPushOptions) -> Result<String> {
        let docker = match o.format.as_deref() {
            None | Some("oci") => false,
            Some("v2s2" | "docker") => true,
            Some(f) => return Err(exit_error(125, format!("unknown format \"{f}\". Choose one of the supported formats: 'oci' or 'v2s2'"))),
        };
        let index = ImageIndex::load(&self.paths)?;
        let img = lookup_list(&index, &o.list)
            .map_err(|e| exit_error(125, format!("retrieving local image from image name {}: {e:#}", o.list)))?;
        let list = self.list_index(&img)?;
        let sources = img.list.clone().unwrap_or_default();
        let dest_text = o.destination.clone().unwrap_or_else(|| img.names.first().cloned().unwrap_or_default());
        let dest = Reference::parse(&dest_text).map_err(|e| exit_error(125, e.to_string()))?;
        match dest.domain.as_deref() {
            None => return Err(exit_error(125, format!("cannot push to `{dest_text}`: name a registry, e.g. localhost:5000/{dest_text}"))),
            Some("localhost") => return Err(exit_error(125, format!(
                "cannot push to `{dest_text}`: localhost/ names images that exist only here; name a registry (`hutch manifest push {} HOST:PORT/{}`)", o.list, dest.path
            ))),
            Some(_) => {}
        }
        let dest = dest.normalized();
        let regs = Registries::load()?;
        let (client, _) = self.client_for(&dest, &regs, true, &o.registry)?;
        let sink = &*o.progress;
        let tag = dest.digest.clone().or(dest.tag.clone()).unwrap_or_else(|| "latest".into());
        if o.sign.any() && dest.digest.is_some() {
            return Err(exit_error(125, "signing: a signature names the list by its tag: push to a tag, not a digest"));
        }
        // Each image pushed is signed as the list's name, and the list too, as Podman signs
        // them: a copy of one image checks that image's signature. Images copied from other
        // registries are signed once copied: the keys and the places are tried first, so that
        // a push that cannot be signed copies nothing.
        let probe = o.all && sources.values().any(|s| s.starts_with("docker://"));
        let signing = crate::engine::sign::Signing::new(&crate::engine::push::domain_of(&dest), &dest.path, &tag, &o.sign, probe)?;
        sink.message("Getting image list signatures");
        let mut pushed = list.clone();
        if o.all {
            let n = list.manifests.len();
            sink.message(&format!("Copying {n} of {n} images in list"));
            for (i, e) in list.manifests.iter().enumerate() {
                sink.message(&format!("Copying image {} ({}/{n})", e.digest, i + 1));
                let source = sources.get(&e.digest).map(String::as_str).unwrap_or("");
                let (media, digest, size) = if let Some(id) = source.strip_prefix("containers-storage:") {
                    let local = local_image(&index, id, &e.digest)?;
                    let carried = if o.remove_signatures { Vec::new() } else { crate::engine::push::carried_signatures(&local)? };
                    let out = self.outgoing(&local, o.format.as_deref().map(|_| if docker { "v2s2" } else { "oci" }), o.require_gzip, !carried.is_empty())?;
                    let signatures = signing.sign(&out.digest, sink, &carried)?;
                    self.send_image(&client, &out, &out.digest, sink)?;
                    signatures.store(&client, &out.digest)?;
                    (out.media.clone(), out.digest.clone(), out.bytes.len() as u64)
                } else if let Some(repo) = source.strip_prefix("docker://") {
                    let copied = self.copy_remote(&client, repo, e, &regs, o, docker, sink)?;
                    signing.sign(&copied.1, sink, &[])?.store(&client, &copied.1)?;
                    copied
                } else {
                    return Err(exit_error(125, format!("the manifest list does not say where image {} is: remove it (`hutch manifest remove`) and add it again", e.digest)));
                };
                let entry = &mut pushed.manifests[i];
                (entry.media_type, entry.digest, entry.size) = (media, digest, size);
            }
        }
        let (media, bytes) = pushed.serialize_as(docker);
        let digest = format!("sha256:{}", crate::image::store::sha256_hex(&bytes));
        let signatures = signing.sign(&digest, sink, &[])?;
        sink.message("Writing manifest list to image destination");
        client.put_manifest(&tag, &media, &bytes)?;
        if o.sign.any() {
            sink.message("Storing list signatures");
        }
        signatures.store(&client, &digest)?;
        self.image_event("push", &img.id, &dest_text);
        if o.remove {
            let report = self.rmi(std::slice::from_ref(&img.id), false, false, false)?;
            if let Some(f) = report.failures.first() {
                return Err(exit_error(125, format!("removing manifest after push: {}", f.message)));
            }
        }
        Ok(digest)
    }

    /// Copies an image of the list from the repository it was added from into the
    /// destination's, converting its manifest to the list's format when one is asked for.
    #[allow(clippy::too_many_arguments)]
    fn copy_remote(&self, dest: &Client, repo: &str, e: &ListEntry, regs: &Registries, o: &ManifestPushOptions, docker: bool, sink: &dyn ProgressSink) -> Result<(String, String, u64)> {
        let r = Reference::parse(&format!("{repo}@{}", e.digest)).map_err(|e| exit_error(125, e.to_string()))?;
        let (src, wanted) = self.client_for(&r, regs, false, &o.registry)?;
        let (media, digest, bytes) = src.get_manifest(&wanted)?;
        let Parsed::Manifest(m) = manifest::parse(&media, &bytes)? else { bail!("{repo}@{}: a manifest list inside the list is not supported", e.digest) };
        if o.require_gzip && m.layers.iter().any(|l| l.media_type.ends_with("zstd")) {
            return Err(exit_error(125, format!(
                "--compression-format gzip: {repo}@{} has zstd layers, which are copied as they are; pull it and add it from local storage instead", e.digest
            )));
        }
        let staging = self.paths.tmp().join(format!("manifest-push-{}", &crate::util::ids::random_id()[..12]));
        let _cleanup = RemoveOnDrop(staging.clone());
        sink.message("Getting image source signatures");
        for (i, d) in m.layers.iter().chain([&m.config]).enumerate() {
            if dest.blob_exists(&d.digest)? {
                sink.blob_done(&d.digest, "skipped: already exists");
                continue;
            }
            std::fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
            let file = staging.join(i.to_string());
            fetch_to(&src, &d.digest, &file)?;
            dest.put_blob(&d.digest, &file)?;
            sink.blob_done(&d.digest, "done");
        }
        let (media, bytes, digest) = match o.format.as_deref() {
            Some(_) => {
                let (media, b) = manifest::convert(&bytes, docker).map_err(|err| exit_error(125, format!("--format: {err:#}")))?;
                let d = format!("sha256:{}", crate::image::store::sha256_hex(&b));
                (media, b, d)
            }
            None => (media, bytes, digest),
        };
        sink.message("Writing manifest to image destination");
        dest.put_manifest(&digest, &media, &bytes)?;
        Ok((media, digest, bytes.len() as u64))
    }
}

/// The local image an entry names: by the id it was added with, else by its manifest digest.
fn local_image(index: &ImageIndex, id: &str, digest: &str) -> Result<ImageRecord> {
    index.images.iter()
        .find(|i| i.id == id && i.list.is_none())
        .or_else(|| index.images.iter().find(|i| i.list.is_none() && (i.manifest.as_deref() == Some(digest) || i.digest.as_deref() == Some(digest))))
        .cloned()
        .ok_or_else(|| exit_error(125, format!("image {digest} of the manifest list is no longer in local storage: add it again, or remove it from the list")))
}

/// Downloads a blob into `file`, checking its digest.
fn fetch_to(src: &Client, digest: &str, file: &std::path::Path) -> Result<()> {
    let (mut body, _) = src.get_blob(digest)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(file).with_context(|| format!("creating {}", file.display()))?);
    let mut hash = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = body.read(&mut buf).with_context(|| format!("fetching blob {digest}"))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        out.write_all(&buf[..n]).with_context(|| format!("writing {}", file.display()))?;
    }
    out.flush().with_context(|| format!("writing {}", file.display()))?;
    let got = format!("sha256:{}", crate::util::hex(&hash.finalize()));
    if got != digest {
        bail!("blob {digest} failed verification: its content hashes to {got}");
    }
    Ok(())
}
