//! `hutch pull` (and pulls on the fly for `run`): resolve the name through registries.conf,
//! fetch and check the manifest (choosing the platform from an index) and the config, then
//! download the missing layers in parallel, each streamed at once into the blob store and
//! into the unpack worker; every blob is checked against its digest and size, every layer's
//! uncompressed content against the diff_id the config lists. Nothing is trusted until the
//! final, locked commit moves it into the store.

use crate::config::auth::{self, Credentials};
use crate::config::registries::Registries;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::{self, Descriptor, Parsed, Platform};
use crate::image::reference::Reference;
use crate::image::registry::{Client, Endpoint};
use crate::image::store::{self, ImageIndex, ImageRecord};
use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::lock;
use crate::storage::remove::remove_tree_mapped;
use crate::storage::worker::Worker;
use anyhow::{anyhow, bail, Context, Result};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How to reach registries: shared by pull, push and login.
#[derive(Debug, Clone, Default)]
pub struct RegistryOptions {
    /// `--tls-verify`: `Some(false)` allows plain HTTP.
    pub tls_verify: Option<bool>,
    pub authfile: Option<PathBuf>,
    /// `--creds USER:PASSWORD`.
    pub creds: Option<String>,
    /// `--cert-dir`: CAs and client certificates, before the certs.d directories.
    pub cert_dir: Option<PathBuf>,
}

#[derive(Clone, Default)]
pub struct PullOptions {
    pub reference: String,
    pub registry: RegistryOptions,
    pub platform: Option<Platform>,
    pub quiet: bool,
    /// Where progress goes (lines on stderr when unset and not quiet).
    pub progress: Option<std::sync::Arc<dyn crate::engine::progress::ProgressSink>>,
}

impl std::fmt::Debug for PullOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PullOptions").field("reference", &self.reference).field("platform", &self.platform).field("quiet", &self.quiet).finish()
    }
}

impl PullOptions {
    fn sink(&self) -> std::sync::Arc<dyn crate::engine::progress::ProgressSink> {
        match (&self.progress, self.quiet) {
            (Some(p), _) => p.clone(),
            (None, true) => std::sync::Arc::new(crate::engine::progress::Quiet),
            (None, false) => std::sync::Arc::new(crate::engine::progress::Lines),
        }
    }
}

pub struct PullReport {
    pub id: String,
    pub name: String,
}

const PARALLEL_LAYERS: usize = 3;

use crate::image::blobs::{fetch_small, BlobSource};

pub fn parse_creds(s: &str) -> Result<Credentials> {
    match s.split_once(':') {
        Some((u, p)) if !u.is_empty() => Ok(Credentials { username: u.into(), password: p.into() }),
        _ => Err(exit_error(125, "--creds must be USERNAME:PASSWORD")),
    }
}

impl Engine {
    /// A client for `domain/path` on a registry, with credentials and TLS settings applied.
    pub fn registry_client(&self, regs: &Registries, domain: &str, path: &str, push: bool, o: &RegistryOptions) -> Result<Client> {
        let insecure = o.tls_verify == Some(false) || regs.is_insecure(domain);
        let creds = match &o.creds {
            Some(c) => Some(parse_creds(c)?),
            None => auth::lookup(o.authfile.as_deref(), &format!("{domain}/{path}"))?,
        };
        Client::new(Endpoint::new(domain, insecure).with_cert_dir(o.cert_dir.clone()), path, push, creds)
    }

    /// The fully qualified references a (possibly short) name stands for, in order.
    pub fn candidates(&self, input: &str, regs: &Registries) -> Result<Vec<Reference>> {
        let r = Reference::parse(input).map_err(|e| exit_error(125, e.to_string()))?;
        if r.domain.is_some() {
            return Ok(vec![r.normalized()]);
        }
        if let Some(alias) = regs.aliases.get(&r.path) {
            let mut a = Reference::parse(alias).map_err(|e| anyhow!("alias {} = {alias} in registries.conf: {e}", r.path))?;
            if r.tag.is_some() || r.digest.is_some() {
                a.tag = r.tag.clone();
                a.digest = r.digest.clone();
            }
            return Ok(vec![a.normalized()]);
        }
        if regs.search.is_empty() {
            return Err(exit_error(125, format!(
                "short-name \"{input}\" did not resolve to an alias and no unqualified-search registries are defined in \"registries.conf\": use a fully qualified name such as docker.io/library/{input}"
            )));
        }
        let cands: Vec<Reference> = regs.search.iter().map(|reg| r.qualified_with(reg)).collect();
        // "enforcing" exists so a short name cannot silently land on the wrong registry. Podman
        // asks on a terminal; hutch never prompts: it names the candidates and the fixes.
        if cands.len() > 1 && regs.short_name_mode == "enforcing" {
            return Err(exit_error(125, format!(
                "short name \"{input}\" is ambiguous: it could be {}; use a fully qualified name, add an alias in registries.conf, or set short-name-mode = \"permissive\"",
                cands.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" or ")
            )));
        }
        Ok(cands)
    }

    pub fn pull(&self, opts: &PullOptions) -> Result<PullReport> {
        let sink = opts.sink();
        let regs = Registries::load()?;
        let cands = self.candidates(&opts.reference, &regs)?;
        let mut errors = Vec::new();
        for c in &cands {
            let repo = c.repository();
            if regs.is_blocked(&repo) {
                errors.push(format!("{c}: the registry is blocked in registries.conf"));
                continue;
            }
            sink.message(&format!("Trying to pull {c}..."));
            match self.pull_one(c, &regs, opts, &*sink) {
                Ok(id) => {
                    self.image_event("pull", &id, &c.to_string());
                    return Ok(PullReport { id, name: c.to_string() });
                }
                Err(e) if cands.len() > 1 => errors.push(format!("{c}: {e:#}")),
                Err(e) => return Err(e),
            }
        }
        bail!("pulling {} failed; tried {}:\n  {}", opts.reference, cands.len(), errors.join("\n  "))
    }

    /// The id (config digest) of the image a registry gives for a fully qualified reference
    /// now, for this host's platform where it is a list; fetches manifests only. What
    /// `auto-update` compares with the image a container runs.
    pub fn remote_image_id(&self, reference: &str, o: &RegistryOptions) -> Result<String> {
        let r = Reference::parse(reference).map_err(|e| exit_error(125, e.to_string()))?.qualified_with("docker.io");
        let (client, wanted) = self.client_for(&r, &Registries::load()?, false, o)?;
        let found = platform_manifest(&client, &wanted, &manifest::host_platform())?;
        Ok(found.manifest.config.digest.trim_start_matches("sha256:").to_string())
    }

    /// `pull --all-tags`: every tag of the repository, in the registry's order.
    pub fn pull_all_tags(&self, opts: &PullOptions) -> Result<Vec<PullReport>> {
        let r = Reference::parse(&opts.reference).map_err(|e| exit_error(125, e.to_string()))?;
        if r.tag.is_some() || r.digest.is_some() {
            return Err(exit_error(125, "tag can't be used with --all-tags/-a"));
        }
        let regs = Registries::load()?;
        let mut errors = Vec::new();
        for c in self.candidates(&opts.reference, &regs)? {
            let rewritten = regs.rewrite(&c.repository());
            let Some((domain, path)) = rewritten.split_once('/') else { continue };
            let tags = match self.registry_client(&regs, domain, path, false, &opts.registry).and_then(|cl| cl.list_tags()) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(format!("{c}: {e:#}"));
                    continue;
                }
            };
            let mut out = Vec::new();
            for t in tags {
                let one = PullOptions { reference: format!("{}:{t}", c.repository()), ..opts.clone() };
                out.push(self.pull(&one)?);
            }
            return Ok(out);
        }
        bail!("listing the tags of {} failed:\n  {}", opts.reference, errors.join("\n  "))
    }

    fn pull_one(&self, r: &Reference, regs: &Registries, opts: &PullOptions, sink: &dyn crate::engine::progress::ProgressSink) -> Result<String> {
        let (client, wanted) = self.client_for(r, regs, false, &opts.registry)?;
        let want = opts.platform.clone().unwrap_or_else(manifest::host_platform);
        let PlatformManifest { manifest: mf, digest: mf_digest, bytes: mf_bytes, top_digest, index_bytes } = platform_manifest(&client, &wanted, &want)?;
        // policy.json, before anything else is fetched (Podman checks the image's own manifest).
        crate::engine::verify::check(&r.normalized(), &mf_digest, &client)?;
        sink.message("Getting image source signatures");

        // The config: small, fetched whole and checked.
        let config_bytes = fetch_small(&client as &dyn BlobSource, &mf.config)?;
        let config: serde_json::Value = serde_json::from_slice(&config_bytes).context("decoding the image config")?;
        let diff_ids: Vec<String> = config["rootfs"]["diff_ids"].as_array().context("the image config has no rootfs.diff_ids")?
            .iter().map(|v| v.as_str().map(String::from)).collect::<Option<_>>().context("bad diff_id in the image config")?;
        if diff_ids.len() != mf.layers.len() {
            bail!("the manifest lists {} layers but the config {} diff_ids", mf.layers.len(), diff_ids.len());
        }
        for d in &diff_ids {
            crate::image::reference::check_digest(d).map_err(|e| anyhow!("the image config names a bad diff_id: {e}"))?;
        }
        let id = mf.config.digest.trim_start_matches("sha256:").to_string();

        self.paths.ensure_store()?;
        self.sweep_tmp();
        let todo = self.missing_layers(&mf.layers, &diff_ids);
        for i in (0..mf.layers.len()).filter(|i| !todo.contains(i)) {
            sink.blob_done(&mf.layers[i].digest, "skipped: already exists");
        }

        let staging = self.paths.tmp().join(format!("pull-{}-{}", std::process::id(), &crate::util::ids::random_id()[..8]));
        std::fs::create_dir(&staging).with_context(|| format!("creating {}", staging.display()))?;
        let result = self.download_layers(&client as &dyn BlobSource, &mf.layers, &diff_ids, &todo, &staging, sink);
        let result = result.and_then(|sizes| {
            sink.message(&format!("Copying config {} done", short(&mf.config.digest)));
            sink.message("Writing manifest to image destination");
            let name = if r.tag.is_some() { r.to_string() } else { format!("{}@{}", r.repository(), top_digest) };
            let stored = StoredImage { id: &id, config: &config, config_bytes: &config_bytes, layers: &mf.layers, diff_ids: &diff_ids,
                top_digest: &top_digest, manifest_digest: &mf_digest, manifest_bytes: &mf_bytes, index_bytes: index_bytes.as_deref() };
            self.commit_image(&stored, vec![name], &todo, &sizes, &staging)
        });
        let _ = remove_tree_mapped(&staging);
        result?;
        Ok(id)
    }

    /// The layers (indexes) not yet in the store with their blob.
    pub fn missing_layers(&self, layers: &[Descriptor], diff_ids: &[String]) -> Vec<usize> {
        (0..layers.len())
            .filter(|&i| {
                let hex = diff_ids[i].trim_start_matches("sha256:");
                !(self.paths.layer_dir(hex).join("layer.json").exists() && self.paths.blob(layers[i].digest.trim_start_matches("sha256:")).exists())
            })
            .collect()
    }

    /// Downloads and unpacks the layers `todo`; returns each one's unpacked size.
    /// Device nodes a layer holds cannot be made in a user namespace: they are skipped,
    /// and said so.
    pub fn download_layers(&self, client: &dyn BlobSource, layers: &[Descriptor], diff_ids: &[String], todo: &[usize], staging: &Path, sink: &dyn crate::engine::progress::ProgressSink) -> Result<Vec<(usize, u64)>> {
        if todo.is_empty() {
            return Ok(vec![]);
        }
        // Forked now, while hutch is single-threaded; the downloads run on threads after.
        let mapping = self.mapping();
        let worker = Worker::start(&mapping)?;
        let queue = Mutex::new(todo.to_vec());
        let results = Mutex::new(Vec::new());
        let first_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
        std::thread::scope(|s| {
            for _ in 0..PARALLEL_LAYERS.min(todo.len()) {
                s.spawn(|| loop {
                    if first_error.lock().map(|e| e.is_some()).unwrap_or(true) {
                        return;
                    }
                    let Some(i) = queue.lock().ok().and_then(|mut q| q.pop()) else { return };
                    sink.blob_start(&layers[i].digest, layers[i].size);
                    match self.download_layer(client, &worker, &layers[i], &diff_ids[i], &staging.join(i.to_string()), sink) {
                        Ok((size, skipped)) => {
                            if !skipped.is_empty() {
                                self.warn(&format!("layer {}: skipped {} device node(s) that cannot be created in a user namespace: {}",
                                    short(&layers[i].digest), skipped.len(), skipped.join(", ")));
                            }
                            sink.blob_done(&layers[i].digest, "done");
                            if let Ok(mut r) = results.lock() {
                                r.push((i, size));
                            }
                        }
                        Err(e) => {
                            if let Ok(mut slot) = first_error.lock() {
                                slot.get_or_insert(e);
                            }
                        }
                    }
                });
            }
        });
        let finished = worker.finish();
        if let Some(e) = first_error.into_inner().unwrap_or(None) {
            return Err(e);
        }
        finished?;
        Ok(results.into_inner().unwrap_or_default())
    }

    /// One layer: stream the blob to disk and to the worker, checking digest, size and diff_id.
    fn download_layer(&self, client: &dyn BlobSource, worker: &Worker, desc: &Descriptor, diff_id: &str, dir: &Path, sink: &dyn crate::engine::progress::ProgressSink) -> Result<(u64, Vec<String>)> {
        let compression = manifest::compression(&desc.media_type)?;
        let mut attempt = 0;
        loop {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let dest = dir.join(format!("diff-{attempt}"));
            let blob_path = dir.join("blob");
            match self.try_layer(client, worker, desc, compression, &dest, &blob_path, sink) {
                Ok((got_diff, size, skipped)) => {
                    if got_diff != diff_id {
                        bail!(
                            "layer {}: its uncompressed content hashes to {got_diff}, but the image config says {diff_id}; the image is corrupt or tampered with",
                            desc.digest
                        );
                    }
                    if dest != dir.join("diff") {
                        std::fs::rename(&dest, dir.join("diff")).context("placing the unpacked layer")?;
                    }
                    return Ok((size, skipped));
                }
                Err(LayerError::Transient(e)) if attempt < 2 => {
                    attempt += 1;
                    let _ = e;
                    std::thread::sleep(std::time::Duration::from_millis(500 * attempt));
                }
                Err(LayerError::Transient(e)) | Err(LayerError::Fatal(e)) => return Err(e),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn try_layer(&self, client: &dyn BlobSource, worker: &Worker, desc: &Descriptor, compression: &str, dest: &Path, blob_path: &Path, sink: &dyn crate::engine::progress::ProgressSink) -> Result<(String, u64, Vec<String>), LayerError> {
        let fatal = LayerError::Fatal;
        let mut body = client.open_blob(&desc.digest).map_err(LayerError::Transient)?;
        let job = worker.submit(dest, compression).map_err(fatal)?;
        let mut input = job.input.try_clone().map_err(|e| fatal(e.into()))?;
        let mut blob = std::fs::File::create(blob_path).map_err(|e| fatal(anyhow!(e).context("creating the blob file")))?;
        let mut hasher = Sha256::new();
        let mut total: u64 = 0;
        let mut buf = vec![0u8; 256 * 1024];
        let mut worker_gone = false;
        loop {
            let n = match body.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    drop(input);
                    let _ = job.wait();
                    return Err(LayerError::Transient(anyhow!(e).context(format!("downloading blob {}", desc.digest))));
                }
            };
            total += n as u64;
            if total > desc.size {
                drop(input);
                let _ = job.wait();
                return Err(fatal(anyhow!("blob {} is larger than the {} bytes the manifest states; the registry sent wrong data", desc.digest, desc.size)));
            }
            hasher.update(&buf[..n]);
            sink.blob_bytes(&desc.digest, n as u64);
            blob.write_all(&buf[..n]).map_err(|e| fatal(anyhow!(e).context("writing the blob")))?;
            if !worker_gone && input.write_all(&buf[..n]).is_err() {
                worker_gone = true; // the worker stopped reading: its error comes from wait()
            }
        }
        drop(input);
        let got = format!("sha256:{}", crate::util::hex(&hasher.finalize()));
        if total != desc.size {
            let _ = job.wait();
            return Err(fatal(anyhow!("blob {} is {total} bytes, but the manifest states {}", desc.digest, desc.size)));
        }
        if got != desc.digest {
            let _ = job.wait();
            return Err(fatal(anyhow!("blob {} failed verification: its content hashes to {got}; the registry sent wrong or tampered data", desc.digest)));
        }
        // No fsync: the blob only counts once renamed into the store under the lock, so a
        // killed pull leaves nothing trusted behind (the same holds for the unpacked layer).
        let result = job.wait().map_err(|e| fatal(e.context(format!("unpacking layer {}", desc.digest))))?;
        Ok((result.diff_id, result.stats.bytes, result.stats.skipped_devices))
    }

    /// Moves staged layers and blobs into the store and records the image, under the lock.
    /// `todo` are the layers staged in `staging/<i>/{diff,blob}`; the others were present.
    pub fn commit_image(&self, img: &StoredImage, names: Vec<String>, todo: &[usize], sizes: &[(usize, u64)], staging: &Path) -> Result<()> {
        let StoredImage { id, config, config_bytes, layers, diff_ids, top_digest, manifest_digest: mf_digest, manifest_bytes: mf_bytes, index_bytes } = *img;
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut total = 0u64;
        for (i, diff_id) in diff_ids.iter().enumerate() {
            let hex = diff_id.trim_start_matches("sha256:");
            let layer_dir = self.paths.layer_dir(hex);
            let blob_hex = layers[i].digest.trim_start_matches("sha256:");
            if todo.contains(&i) {
                let src = staging.join(i.to_string());
                if !layer_dir.join("layer.json").exists() {
                    if layer_dir.exists() {
                        remove_tree_mapped(&layer_dir)?; // half-made by a killed command
                    }
                    std::fs::create_dir_all(&layer_dir)?;
                    std::fs::rename(src.join("diff"), layer_dir.join("diff")).context("moving a layer into the store")?;
                    let size = sizes.iter().find(|(j, _)| *j == i).map(|(_, s)| *s).unwrap_or(0);
                    write_json_atomic(&layer_dir.join("layer.json"), &serde_json::json!({"diff_id": diff_id, "size": size, "blob": layers[i].digest}), Durability::Synced)?;
                }
                let blob = self.paths.blob(blob_hex);
                if !blob.exists() {
                    std::fs::rename(src.join("blob"), &blob).context("moving a blob into the store")?;
                }
            }
            let size = std::fs::read(layer_dir.join("layer.json")).ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .and_then(|v| v["size"].as_u64()).unwrap_or(0);
            total += size;
        }
        store::put_blob(&self.paths, config_bytes)?;
        store::put_blob(&self.paths, mf_bytes)?;
        if let Some(ib) = index_bytes {
            store::put_blob(&self.paths, ib)?;
        }
        let created = config["created"].as_str().and_then(crate::util::time::parse_rfc3339).unwrap_or(0);
        let mut index = ImageIndex::load(&self.paths)?;
        index.add(ImageRecord {
            id: id.to_string(),
            names,
            digest: Some(top_digest.to_string()),
            manifest: Some(mf_digest.to_string()),
            layers: diff_ids.to_vec(),
            created,
            size: total,
            names_history: vec![],
            cache_key: None,
            parent: None,
            intermediate: false,
            signatures: Vec::new(),
            list: None,
        });
        index.save(&self.paths)
    }
}

/// An image about to be committed to the store.
#[derive(Clone, Copy)]
pub struct StoredImage<'a> {
    pub id: &'a str,
    pub config: &'a serde_json::Value,
    pub config_bytes: &'a [u8],
    pub layers: &'a [Descriptor],
    pub diff_ids: &'a [String],
    pub top_digest: &'a str,
    pub manifest_digest: &'a str,
    pub manifest_bytes: &'a [u8],
    pub index_bytes: Option<&'a [u8]>,
}

enum LayerError {
    Transient(anyhow::Error),
    Fatal(anyhow::Error),
}

use crate::engine::progress::short;

/// A reference's image manifest for one platform, and what it was reached by.
struct PlatformManifest {
    manifest: manifest::Manifest,
    digest: String,
    bytes: Vec<u8>,
    /// The digest of what the reference names: the manifest, or the list it was chosen from.
    top_digest: String,
    /// The list's bytes, where it was one.
    index_bytes: Option<Vec<u8>>,
}

/// Fetches `wanted`'s manifest, or, where it names a list, the entry for `platform`.
fn platform_manifest(client: &Client, wanted: &str, platform: &Platform) -> Result<PlatformManifest> {
    let (media, top_digest, bytes) = client.get_manifest(wanted)?;
    match manifest::parse(&media, &bytes)? {
        Parsed::Manifest(m) => Ok(PlatformManifest { manifest: m, digest: top_digest.clone(), bytes, top_digest, index_bytes: None }),
        Parsed::Index(idx) => {
            let d = manifest::choose(&idx, platform)?;
            let (media, digest, entry) = client.get_manifest(&d.digest)?;
            match manifest::parse(&media, &entry)? {
                Parsed::Manifest(m) => Ok(PlatformManifest { manifest: m, digest, bytes: entry, top_digest, index_bytes: Some(bytes) }),
                Parsed::Index(_) => bail!("the manifest list points at another list: not supported"),
            }
        }
    }
}

