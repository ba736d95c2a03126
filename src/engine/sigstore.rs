//! Sigstore signatures in the registry, as containers/image keeps them: an OCI manifest tagged
//! `sha256-HEX.sig` (image::sigstore::attachment_tag) beside the signed image, one layer per
//! signature (the payload as the blob, the signature in an annotation), and a config whose
//! diff_ids list the layers. Writing adds to what is there (a signature already there is not
//! added twice); reading returns every layer for the policy to judge. Only where registries.d
//! says `use-sigstore-attachments: true` for the repository, as in Podman.

use crate::error::exit_error;
use crate::image::registry::{sha256_hex, Client, MT_OCI_MANIFEST};
use crate::image::sigstore::{self, SigningKey, SIGNATURE_ANNOTATION, SIGNATURE_MEDIA_TYPE};
use anyhow::{Context, Result};
use serde_json::{json, Value};

const MT_OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// A signature payload is a few hundred bytes; anything far larger is not one.
const MAX_PAYLOAD: u64 = 1 << 20;
/// Signatures looked at per image: far more than anyone attaches.
const MAX_LAYERS: usize = 256;

/// One signature: the claim and its signature (base64), as the layer and its annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub media_type: String,
    pub payload: Vec<u8>,
    pub signature: Option<String>,
}

/// A sigstore key opened for a push.
pub struct Signer {
    key: SigningKey,
}

impl Signer {
    /// Opens the private key at `path` with `passphrase` (a wrong passphrase or a key of
    /// another kind is an error here, before anything is pushed).
    pub fn open(path: &std::path::Path, passphrase: &[u8]) -> Result<Signer> {
        let pem = std::fs::read(path).map_err(|e| exit_error(125, format!("--sign-by-sigstore-private-key: reading {}: {e}", path.display())))?;
        let key = SigningKey::decrypt(&pem, passphrase).map_err(|e| {
            let hint = if passphrase.is_empty() { " (no passphrase was given: use --sign-passphrase-file, or run on a terminal to be asked)" } else { "" };
            exit_error(125, format!("--sign-by-sigstore-private-key {}: {e:#}{hint}", path.display()))
        })?;
        Ok(Signer { key })
    }

    /// The signature claiming that manifest `digest` is `identity` (`host/repo:tag`).
    pub fn sign(&self, identity: &str, digest: &str) -> Attachment {
        let payload = sigstore::payload(identity, digest, crate::util::time::now_unix());
        let signature = Some(self.key.sign(&payload));
        Attachment { media_type: SIGNATURE_MEDIA_TYPE.into(), payload, signature }
    }
}

/// Refuses a sigstore signature registries.d does not let be written for `repo:tag`, before
/// anything is pushed (containers/image refuses it once the image is there).
pub fn check_writable(repo: &str, tag: &str) -> Result<()> {
    if crate::config::registries_d::RegistriesD::load()?.sigstore_attachments(repo, tag) {
        return Ok(());
    }
    Err(exit_error(
        125,
        format!(
            "writing sigstore attachments is disabled by configuration: add `use-sigstore-attachments: true` for {repo} (or under default-docker) to a .yaml file in {}",
            crate::config::registries_d::where_to_add()
        ),
    ))
}

/// Adds `sigs` to the attachment of manifest `digest` in the client's repository.
pub fn put(client: &Client, digest: &str, sigs: &[Attachment]) -> Result<()> {
    let tag = sigstore::attachment_tag(digest);
    let (mut manifest, mut config) = match client.find_manifest(&tag)? {
        Some((media, _, bytes)) => {
            if media != MT_OCI_MANIFEST {
                anyhow::bail!("unexpected MIME type for sigstore attachment manifest {tag}: {media}");
            }
            let m: Value = serde_json::from_slice(&bytes).context("the registry's sigstore attachment manifest is not JSON")?;
            let config = fetch_small(client, &m["config"]).context("reading the sigstore attachment's config")?;
            let config: Value = serde_json::from_slice(&config).context("the sigstore attachment's config is not JSON")?;
            (m, config)
        }
        None => (
            json!({"schemaVersion": 2, "mediaType": MT_OCI_MANIFEST, "config": {}, "layers": []}),
            json!({"architecture": "", "os": "", "config": {}, "rootfs": {"type": "layers", "diff_ids": []}}),
        ),
    };
    for sig in sigs {
        let blob_digest = format!("sha256:{}", sha256_hex(&sig.payload));
        let mut annotations = serde_json::Map::new();
        if let Some(s) = &sig.signature {
            annotations.insert(SIGNATURE_ANNOTATION.into(), Value::String(s.clone()));
        }
        let layer = json!({"mediaType": sig.media_type, "digest": blob_digest, "size": sig.payload.len(), "annotations": annotations});
        let layers = manifest["layers"].as_array_mut().context("the sigstore attachment manifest has no layers list")?;
        if layers.iter().any(|l| same_layer(l, &layer)) {
            continue;
        }
        client.put_blob_bytes(&blob_digest, &sig.payload)?;
        layers.push(layer);
        if let Some(ids) = config["rootfs"]["diff_ids"].as_array_mut() {
            ids.push(Value::String(blob_digest));
        }
    }
    let config_bytes = serde_json::to_vec(&config)?;
    let config_digest = format!("sha256:{}", sha256_hex(&config_bytes));
    client.put_blob_bytes(&config_digest, &config_bytes)?;
    manifest["config"] = json!({"mediaType": MT_OCI_CONFIG, "digest": config_digest, "size": config_bytes.len()});
    client.put_manifest(&tag, MT_OCI_MANIFEST, &serde_json::to_vec(&manifest)?)
}

/// The same media type, blob and annotations (as containers/image compares them).
fn same_layer(a: &Value, b: &Value) -> bool {
    let empty = Value::Object(Default::default());
    let ann = |v: &Value| if v["annotations"].is_null() { empty.clone() } else { v["annotations"].clone() };
    a["mediaType"] == b["mediaType"] && a["digest"] == b["digest"] && a["size"] == b["size"] && ann(a) == ann(b)
}

/// The layers of the attachment of manifest `digest`, in order, to be judged one by one with
/// `fetch` (none where there is no attachment). At most MAX_LAYERS are looked at.
pub fn layers(client: &Client, digest: &str) -> Result<Vec<Value>> {
    let Some((_, _, bytes)) = client.find_manifest(&sigstore::attachment_tag(digest))? else { return Ok(Vec::new()) };
    let m: Value = serde_json::from_slice(&bytes).context("the registry's sigstore attachment manifest is not JSON")?;
    Ok(m["layers"].as_array().map(|l| l.iter().take(MAX_LAYERS).cloned().collect()).unwrap_or_default())
}

/// One attachment layer's signature: its payload fetched (a signature layer's only).
pub fn fetch(client: &Client, layer: &Value) -> Result<Attachment> {
    let media_type = layer["mediaType"].as_str().unwrap_or("").to_string();
    let payload = if media_type == SIGNATURE_MEDIA_TYPE { fetch_small(client, layer)? } else { Vec::new() };
    Ok(Attachment { media_type, payload, signature: layer["annotations"][SIGNATURE_ANNOTATION].as_str().map(String::from) })
}

/// A small blob named by descriptor `d` (an attachment's config or signature), checked
/// against its digest and size by `image::blobs::fetch_small`.
fn fetch_small(client: &Client, d: &Value) -> Result<Vec<u8>> {
    let d: crate::image::manifest::Descriptor = serde_json::from_value(d.clone()).context("a sigstore attachment names a blob without digest or size")?;
    crate::image::reference::check_digest(&d.digest).map_err(|e| anyhow::anyhow!("a sigstore attachment names a bad digest: {e}"))?;
    if d.size > MAX_PAYLOAD {
        anyhow::bail!("sigstore attachment blob {} is larger than 1 MiB", d.digest);
    }
    crate::image::blobs::fetch_small(client, &d)
}
