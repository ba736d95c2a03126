//! `push`, `login`, `logout` and `tag`.

use crate::config::auth::{self, Credentials};
use crate::config::registries::Registries;
use crate::engine::pull::RegistryOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::{self, Parsed};
use crate::image::reference::Reference;
use crate::image::registry::{Client, Endpoint, MT_OCI_MANIFEST};
use crate::image::store::{ImageIndex, ImageRecord, LookupError};
use crate::state::lock;
use crate::util::RemoveOnDrop;
use anyhow::{bail, Context, Result};

pub struct PushOptions {
    pub image: String,
    pub destination: Option<String>,
    pub registry: RegistryOptions,
    pub progress: std::sync::Arc<dyn crate::engine::progress::ProgressSink>,
    /// `--format`: oci or v2s2 (Docker schema 2); the stored manifest's own form when None.
    pub format: Option<String>,
    /// `--compression-format gzip`: zstd layers are recompressed too.
    pub require_gzip: bool,
    /// `--sign-by`, `--sign-by-sigstore-private-key` (engine::sign).
    pub sign: crate::engine::sign::SignOptions,
    /// `--remove-signatures`: the signatures the image carries (build --sign-by) stay behind.
    pub remove_signatures: bool,
}

/// The simple signatures an image carries (`build --sign-by`), decoded.
pub(crate) fn carried_signatures(img: &ImageRecord) -> Result<Vec<Vec<u8>>> {
    use base64::Engine as _;
    img.signatures.iter().map(|s| base64::engine::general_purpose::STANDARD.decode(s).context("a stored signature is not base64")).collect()
}

impl Engine {
    pub fn push(&self, o: &PushOptions) -> Result<String> {
        let index = ImageIndex::load(&self.paths)?;
        let img = match index.lookup(&o.image) {
            Ok(i) => i.clone(),
            Err(LookupError::NotFound) => return Err(exit_error(125, format!("{}: image not known", o.image))),
            Err(LookupError::Ambiguous(n)) => bail!("{} is ambiguous: it names {}", o.image, n.join(", ")),
        };
        let dest_text = match &o.destination {
            Some(d) => d.clone(),
            // The image's own name that the user's words match, else the words themselves.
            None => {
                let want = Reference::parse(&o.image).ok();
                img.names.iter()
                    .find(|n| match (&want, Reference::parse(n)) {
                        (Some(w), Ok(stored)) => w.matches_stored(&stored),
                        _ => false,
                    })
                    .cloned()
                    .unwrap_or_else(|| o.image.clone())
            }
        };
        let dest = Reference::parse(&dest_text).map_err(|e| exit_error(125, e.to_string()))?;
        let Some(domain) = dest.domain.clone() else {
            return Err(exit_error(125, format!("cannot push to `{dest_text}`: name a registry, e.g. localhost:5000/{dest_text}")));
        };
        if domain == "localhost" {
            return Err(exit_error(125, format!("cannot push to `{dest_text}`: localhost/ names images that exist only here; tag it for a registry first (`hutch tag {} HOST:PORT/{}`)", o.image, dest.path)));
        }
        let dest = dest.normalized();
        let regs = Registries::load()?;
        let (client, tag) = self.client_for(&dest, &regs, true, &o.registry)?;
        let carried = if o.remove_signatures { Vec::new() } else { carried_signatures(&img)? };
        let out = self.outgoing(&img, o.format.as_deref(), o.require_gzip, !carried.is_empty())?;
        // Signed before anything is sent: a key that cannot sign pushes nothing.
        if o.sign.any() && dest.digest.is_some() {
            return Err(exit_error(125, "signing: a signature names the image by its tag: push to a tag, not a digest"));
        }
        if !carried.is_empty() && dest.digest.is_some() {
            return Err(exit_error(125, "the image carries signatures (build --sign-by), which name it by a tag: push to a tag, or drop them with --remove-signatures"));
        }
        let signatures = crate::engine::sign::Signing::new(&domain_of(&dest), &dest.path, &tag, &o.sign, false)?.sign(&out.digest, &*o.progress, &carried)?;
        self.send_image(&client, &out, &tag, &*o.progress)?;
        if o.sign.any() || !carried.is_empty() {
            o.progress.message("Storing signatures");
        }
        signatures.store(&client, &out.digest)?;
        self.image_event("push", &img.id, &dest_text);
        Ok(out.digest)
    }

    /// An image's manifest (converted to `format`, its uncompressed layers gzipped, as
    /// Podman pushes them) and the blobs it names, ready to send. With `as_signed` (the image
    /// carries signatures of its manifest, which go with it) the manifest goes as stored,
    /// layers uncompressed too, as containers/image does; a change it would need is refused.
    pub(crate) fn outgoing(&self, img: &ImageRecord, format: Option<&str>, require_gzip: bool, as_signed: bool) -> Result<Outgoing> {
        if img.list.is_some() {
            return Err(exit_error(125, format!("{} is a manifest list: push it with `hutch manifest push`", img.names.first().unwrap_or(&img.id))));
        }
        let mf_digest = img.manifest.clone().or(img.digest.clone()).context("the image has no manifest in the store; pull or import it again")?;
        let mf_bytes = std::fs::read(self.paths.blob(mf_digest.trim_start_matches("sha256:")))
            .with_context(|| format!("reading manifest {mf_digest} from the store"))?;
        let media = serde_json::from_slice::<serde_json::Value>(&mf_bytes).ok()
            .and_then(|v| v["mediaType"].as_str().map(String::from)).unwrap_or_else(|| MT_OCI_MANIFEST.into());
        let Parsed::Manifest(mf) = manifest::parse(&media, &mf_bytes)? else { bail!("the stored manifest is an index") };
        // Layers go compressed, as Podman pushes them: an uncompressed one is gzipped on the way
        // (so is a zstd one with --compression-format gzip), and the manifest names the result.
        let staging = self.paths.tmp().join(format!("push-{}", &crate::util::ids::random_id()[..12]));
        let cleanup = RemoveOnDrop(staging.clone());
        let mut uploads: Vec<(String, std::path::PathBuf)> = Vec::new();
        let mut recompressed = Vec::new();
        for (i, l) in mf.layers.iter().chain([&mf.config]).enumerate() {
            let path = self.paths.blob(l.digest.trim_start_matches("sha256:"));
            if !path.exists() {
                bail!("blob {} of the image is missing from the store; pull the image again", l.digest);
            }
            let gzip_or_kept_zstd = l.media_type.ends_with("gzip") || (l.media_type.ends_with("zstd") && !require_gzip);
            if as_signed && require_gzip && i < mf.layers.len() && !l.media_type.ends_with("gzip") {
                return Err(invalidates_signatures("--compression-format gzip would compress its layers"));
            }
            let keep = i == mf.layers.len() || gzip_or_kept_zstd || as_signed;
            if keep {
                uploads.push((l.digest.clone(), path));
                continue;
            }
            std::fs::create_dir_all(&staging).with_context(|| format!("creating {}", staging.display()))?;
            let out = staging.join(i.to_string());
            let (digest, size) = gzip_blob(&path, &out)?;
            recompressed.push((i, digest.clone(), size));
            uploads.push((digest, out));
        }
        let (mf_bytes, mf_digest) = if recompressed.is_empty() {
            (mf_bytes, mf_digest)
        } else {
            let mut v: serde_json::Value = serde_json::from_slice(&mf_bytes).context("the stored manifest is not JSON")?;
            let gz = if media == crate::image::registry::MT_DOCKER_MANIFEST { "application/vnd.docker.image.rootfs.diff.tar.gzip" } else { "application/vnd.oci.image.layer.v1.tar+gzip" };
            for (i, digest, size) in &recompressed {
                v["layers"][*i]["digest"] = serde_json::json!(digest);
                v["layers"][*i]["size"] = serde_json::json!(size);
                v["layers"][*i]["mediaType"] = serde_json::json!(gz);
            }
            let bytes = serde_json::to_vec(&v)?;
            let digest = format!("sha256:{}", crate::image::registry::sha256_hex(&bytes));
            (bytes, digest)
        };
        let same_format = |f: &str| (f == "v2s2") == (media == crate::image::registry::MT_DOCKER_MANIFEST);
        let (media, mf_bytes, mf_digest) = match format {
            None => (media, mf_bytes, mf_digest),
            Some(f @ ("oci" | "v2s2")) if as_signed && !same_format(f) => return Err(invalidates_signatures(&format!("--format {f} would convert its manifest"))),
            Some("oci" | "v2s2") if as_signed => (media, mf_bytes, mf_digest),
            Some(f @ ("oci" | "v2s2")) => {
                let (media, bytes) = manifest::convert(&mf_bytes, f == "v2s2").map_err(|e| exit_error(125, format!("--format {f}: {e:#}")))?;
                let digest = format!("sha256:{}", crate::image::registry::sha256_hex(&bytes));
                (media, bytes, digest)
            }
            Some("v2s1") => return Err(exit_error(125, "--format v2s1: Docker schema 1 is deprecated and not written by hutch; use v2s2 or oci")),
            Some(f) => return Err(exit_error(125, format!("unknown format {f:?}: use oci or v2s2"))),
        };

        Ok(Outgoing { media, bytes: mf_bytes, digest: mf_digest, uploads, _staging: cleanup })
    }

    /// Sends an image's blobs (those the registry lacks) and its manifest as `reference`.
    pub(crate) fn send_image(&self, client: &Client, out: &Outgoing, reference: &str, sink: &dyn crate::engine::progress::ProgressSink) -> Result<()> {
        sink.message("Getting image source signatures");
        for (digest, path) in &out.uploads {
            if client.blob_exists(digest)? {
                sink.blob_done(digest, "skipped: already exists");
                continue;
            }
            client.put_blob(digest, path)?;
            sink.blob_done(digest, "done");
        }
        sink.message("Writing manifest to image destination");
        client.put_manifest(reference, &out.media, &out.bytes)
    }

    /// Checks credentials against the registry and stores them in auth.json.
    pub fn login(&self, registry: &str, creds: &Credentials, o: &RegistryOptions) -> Result<std::path::PathBuf> {
        let key = registry.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
        let domain = key.split('/').next().unwrap_or(key);
        let regs = Registries::load()?;
        let insecure = o.tls_verify == Some(false) || regs.is_insecure(domain);
        let client = Client::new(Endpoint::new(domain, insecure).with_cert_dir(o.cert_dir.clone()), "hutch-login-check", false, Some(creds.clone()))?;
        client.check_login()?;
        let file = o.authfile.clone().or_else(auth::default_auth_file).context("no place to keep credentials: set REGISTRY_AUTH_FILE or use --authfile")?;
        auth::store(&file, key, creds)?;
        Ok(file)
    }

    pub fn logout(&self, registry: Option<&str>, authfile: Option<&std::path::Path>) -> Result<bool> {
        let file = authfile.map(std::path::Path::to_path_buf).or_else(auth::default_auth_file).context("no auth file")?;
        let key = registry.map(|r| r.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_string());
        auth::remove(&file, key.as_deref())
    }

    /// Adds names to an image (`localhost/` for names without a registry, as Podman does).
    pub fn tag(&self, image: &str, targets: &[String]) -> Result<()> {
        let mut names = Vec::new();
        for t in targets {
            let r = Reference::parse(t).map_err(|e| exit_error(125, e.to_string()))?;
            if r.digest.is_some() {
                return Err(exit_error(125, format!("{t}: a tag cannot hold a digest")));
            }
            names.push(r.qualified_with("localhost").to_string());
        }
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        let img = match index.lookup(image) {
            Ok(i) => i.clone(),
            Err(LookupError::NotFound) => return Err(exit_error(125, format!("{image}: image not known"))),
            Err(LookupError::Ambiguous(n)) => bail!("{image} is ambiguous: it names {}", n.join(", ")),
        };
        let mut rec = img;
        let new: Vec<String> = names.iter().filter(|n| !rec.names.contains(n)).cloned().collect();
        rec.names = names;
        let id = rec.id.clone();
        index.add(rec);
        index.save(&self.paths)?;
        for n in new {
            self.image_event("tag", &id, &n);
        }
        Ok(())
    }
}

/// Gzips a stored blob (uncompressed, or zstd) into `out`; returns the result's digest and size.
pub(crate) fn gzip_blob(src: &std::path::Path, out: &std::path::Path) -> Result<(String, u64)> {
    use sha2::Digest;
    struct Hashing<W> {
        inner: W,
        hash: sha2::Sha256,
        size: u64,
    }
    impl<W: std::io::Write> std::io::Write for Hashing<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = self.inner.write(buf)?;
            self.hash.update(&buf[..n]);
            self.size += n as u64;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }
    let input = std::fs::File::open(src).with_context(|| format!("reading {}", src.display()))?;
    let (mut reader, _) = crate::storage::compress::decompressed(input, true)?;
    let file = std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?;
    let hashing = Hashing { inner: std::io::BufWriter::new(file), hash: sha2::Sha256::new(), size: 0 };
    let mut gz = flate2::write::GzEncoder::new(hashing, flate2::Compression::default());
    std::io::copy(&mut reader, &mut gz).with_context(|| format!("compressing {}", src.display()))?;
    let mut hashing = gz.finish().context("compressing a layer")?;
    std::io::Write::flush(&mut hashing).context("writing a compressed layer")?;
    Ok((format!("sha256:{}", crate::util::hex(&hashing.hash.finalize())), hashing.size))
}

/// An image ready to push (see `Engine::outgoing`); its scratch files go when it is dropped.
pub(crate) struct Outgoing {
    pub media: String,
    pub bytes: Vec<u8>,
    pub digest: String,
    /// (digest, file) of each blob the manifest names.
    pub uploads: Vec<(String, std::path::PathBuf)>,
    _staging: RemoveOnDrop,
}

/// The error for a push that would change a signed image's manifest (Podman's words, and
/// what to do).
fn invalidates_signatures(why: &str) -> anyhow::Error {
    exit_error(125, format!("Would invalidate signatures: the image carries signatures of its manifest (build --sign-by) and {why}; push it as it is, or drop them with --remove-signatures"))
}


/// The registry of a normalized reference (docker.io for Docker Hub's).
pub(crate) fn domain_of(r: &Reference) -> String {
    r.domain.clone().unwrap_or_else(|| "docker.io".into())
}

