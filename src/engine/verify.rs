//! Pulls from registries checked against policy.json (config/policy.rs), as Podman checks
//! them, before any layer is fetched: `reject`, `insecureAcceptAnything`, and `signedBy`
//! (simple signing, GPG keys): the image's signatures are read from the lookaside storage
//! registries.d names for reading (file:// or http(s)://, `signature-1`, `-2`... until one is
//! missing), each checked with gpgv (Debian's gpgv) against the policy's keys, and its claim
//! must name this manifest's digest and an accepted identity. `sigstoreSigned`: the image's
//! sigstore attachments in the registry (engine::sigstore, where registries.d enables them),
//! each checked against the policy's public key (image::sigstore), with the same rules for
//! the digest and the identity.

use crate::config::policy::{Identity, KeySource, Policy, Requirement};
use crate::util::RemoveOnDrop;
use crate::error::exit_error;
use crate::image::reference::Reference;
use crate::image::registry::Client;
use crate::image::sigstore::{VerifyingKey, SIGNATURE_MEDIA_TYPE};
use anyhow::{Context, Result};
use std::path::Path;

/// Checks a pull of `r` (as asked for, normalized) whose manifest is `digest`, read through
/// `client`.
pub fn check(r: &Reference, digest: &str, client: &Client) -> Result<()> {
    let policy = Policy::load().map_err(|e| exit_error(125, format!("{e:#}")))?;
    let repo = r.repository();
    let (at, tag) = match (&r.digest, &r.tag) {
        (Some(d), _) => (format!("@{d}"), None),
        (None, t) => (format!(":{}", t.as_deref().unwrap_or("latest")), Some(t.clone().unwrap_or_else(|| "latest".into()))),
    };
    let shown = format!("docker://{repo}{at}");
    for req in policy.for_docker(&repo, &at) {
        match req {
            Requirement::InsecureAcceptAnything => {}
            Requirement::Reject => return Err(rejected(&format!("Running image {shown} is rejected by policy."))),
            Requirement::SigstoreSigned { key, identity } => sigstore_signed(client, &repo, tag.as_deref().unwrap_or(""), &at, digest, key, identity)?,
            Requirement::SignedBy { keys, identity } => signed_by(&repo, tag.as_deref().unwrap_or(""), &at, digest, keys, identity)?,
        }
    }
    Ok(())
}

/// Checks images read through `transport` (docker-archive, oci-archive, oci, dir) from
/// `source`: such images carry no signatures hutch reads, so only `insecureAcceptAnything`
/// lets them in.
pub fn check_transport(transport: &str, source: &str) -> Result<()> {
    let policy = Policy::load().map_err(|e| exit_error(125, format!("{e:#}")))?;
    for req in policy.for_transport(transport) {
        match req {
            Requirement::InsecureAcceptAnything => {}
            Requirement::Reject => return Err(rejected(&format!("Running image {transport}:{source} is rejected by policy."))),
            Requirement::SignedBy { .. } | Requirement::SigstoreSigned { .. } => return Err(rejected("A signature was required, but no signature exists")),
        }
    }
    Ok(())
}

fn rejected(why: &str) -> anyhow::Error {
    exit_error(125, format!("Source image rejected: {why}"))
}

/// One of the image's signatures is made by one of `keys` and claims this image.
fn signed_by(repo: &str, tag: &str, at: &str, digest: &str, keys: &[KeySource], identity: &Identity) -> Result<()> {
    let base = crate::config::registries_d::RegistriesD::load()?.reading_base(repo, tag)?;
    let path = repo.split_once('/').map(|(_, p)| p).unwrap_or(repo);
    let (algo, hex) = digest.split_once(':').context("a digest without its algorithm")?;
    let work = tempdir()?;
    let keyring = work.0.join("keys.gpg");
    let mut ring = Vec::new();
    for k in keys {
        ring.extend(key_bytes(k)?);
    }
    std::fs::write(&keyring, &ring).context("writing the policy's keys")?;
    let mut seen = 0;
    let mut last_why = String::new();
    for n in 1.. {
        let url = format!("{base}/{path}@{algo}={hex}/signature-{n}");
        let Some(sig) = fetch(&url)? else { break };
        seen += 1;
        let file = work.0.join(format!("signature-{n}"));
        std::fs::write(&file, &sig).context("keeping a signature to check")?;
        match verified_claim(&keyring, &file) {
            Ok(claim) => match claim_matches(&claim, repo, at, digest, identity) {
                Ok(()) => return Ok(()),
                Err(why) => last_why = why,
            },
            Err(why) => last_why = why,
        }
    }
    if seen == 0 {
        return Err(rejected("A signature was required, but no signature exists"));
    }
    Err(rejected(&last_why))
}

/// One of the image's sigstore signatures is made by `key` and claims this image.
fn sigstore_signed(client: &Client, repo: &str, tag: &str, at: &str, digest: &str, key: &KeySource, identity: &Identity) -> Result<()> {
    if !crate::config::registries_d::RegistriesD::load()?.sigstore_attachments(repo, tag) {
        return Err(rejected(&format!("A signature was required, but no signature exists (sigstore signatures are read only where registries.d says `use-sigstore-attachments: true` for {repo}: {})", crate::config::registries_d::where_to_add())));
    }
    let pem = source_bytes(key)?;
    let public = VerifyingKey::from_pem(&pem).map_err(|e| exit_error(125, format!("{e:#} ({})", crate::config::policy::path().display())))?;
    let mut reasons = Vec::new();
    let mut others = 0;
    for layer in crate::engine::sigstore::layers(client, digest)? {
        let a = crate::engine::sigstore::fetch(client, &layer)?;
        if a.media_type != SIGNATURE_MEDIA_TYPE {
            others += 1;
            continue;
        }
        let checked = match &a.signature {
            None => Err("missing dev.cosignproject.cosign/signature annotation".to_string()),
            Some(sig) => public.verifies(&a.payload, sig).and_then(|()| crate::image::sigstore::claim(&a.payload)).and_then(|(signed_digest, signed)| {
                if signed_digest != digest {
                    return Err(format!("Signature for digest {signed_digest} does not match"));
                }
                identity_accepted(&signed, repo, at, identity)
            }),
        };
        match checked {
            Ok(()) => return Ok(()),
            Err(why) => reasons.push(why),
        }
    }
    Err(rejected(&match reasons.len() {
        0 if others == 0 => "A signature was required, but no signature exists".to_string(),
        0 => format!("A signature was required, but no signature exists (0 non-sigstore signatures, {others} sigstore non-signature attachments)"),
        1 => reasons.remove(0),
        _ => format!("None of the signatures were accepted, reasons: {}", reasons.join("; ")),
    }))
}

/// The claim of a signature gpgv accepts for the keyring: one good signature, by a key that
/// has neither expired nor been revoked (gpgv's exit status alone does not say that; its
/// status lines do, as gpgme tells Podman).
fn verified_claim(keyring: &Path, sig: &Path) -> std::result::Result<serde_json::Value, String> {
    let out = match std::process::Command::new("gpgv").arg("--keyring").arg(keyring).args(["--status-fd", "2", "--output", "-"]).arg(sig).output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err("checking signatures needs gpgv (Debian's gpgv package)".into()),
        Err(e) => return Err(format!("running gpgv: {e}")),
    };
    let status = String::from_utf8_lossy(&out.stderr);
    let has = |word: &str| status.lines().filter(|l| l.starts_with("[GNUPG:] ")).filter(|l| l.split_whitespace().nth(1) == Some(word)).count();
    if has("EXPKEYSIG") + has("REVKEYSIG") + has("EXPSIG") > 0 {
        return Err("Invalid GPG signature: made by a key that has expired or been revoked, or itself expired".into());
    }
    if !out.status.success() || has("GOODSIG") != 1 || has("VALIDSIG") != 1 {
        return Err("Invalid GPG signature: not made by a key the policy accepts".into());
    }
    serde_json::from_slice(&out.stdout).map_err(|_| "the signature's claim is not JSON".to_string())
}

/// Whether a claim names this manifest and an identity the policy accepts.
fn claim_matches(claim: &serde_json::Value, repo: &str, at: &str, digest: &str, identity: &Identity) -> std::result::Result<(), String> {
    let c = &claim["critical"];
    if c["type"].as_str() != Some("atomic container signature") {
        return Err("the signature is not a container signature".into());
    }
    if c["image"]["docker-manifest-digest"].as_str() != Some(digest) {
        return Err(format!("Signature for a different image: it names {}, this is {digest}", c["image"]["docker-manifest-digest"].as_str().unwrap_or("nothing")));
    }
    identity_accepted(c["identity"]["docker-reference"].as_str().unwrap_or(""), repo, at, identity)
}

/// Whether the name a signature claims, `signed_text`, is one `identity` accepts for a pull
/// of `repo` by `at` (`:tag` or `@digest`).
fn identity_accepted(signed_text: &str, repo: &str, at: &str, identity: &Identity) -> std::result::Result<(), String> {
    let raw = Reference::parse(signed_text).map_err(|_| format!("the signature names {signed_text:?}, not an image"))?;
    // A name alone (no tag, no digest) matches no exact identity, as in containers/image.
    let name_only = raw.tag.is_none() && raw.digest.is_none();
    let signed = raw.normalized();
    let signed_repo = signed.repository();
    let signed_at = match (&signed.digest, &signed.tag) {
        (Some(d), _) => format!("@{d}"),
        (None, Some(t)) => format!(":{t}"),
        (None, None) => String::new(),
    };
    let exact = |other: &str| Reference::parse(other).ok().map(|r| r.normalized()).is_some_and(|o| o.repository() == signed_repo && o.tag == signed.tag && o.digest == signed.digest);
    let ok = match identity {
        Identity::MatchRepoDigestOrExact if at.starts_with('@') => signed_repo == repo,
        Identity::MatchRepoDigestOrExact | Identity::MatchExact => !name_only && signed_repo == repo && signed_at == at,
        Identity::MatchRepository => signed_repo == repo,
        Identity::ExactReference(r) => !name_only && exact(r),
        Identity::ExactRepository(r) => Reference::parse(r).ok().map(|x| x.normalized().repository()).is_some_and(|x| x == signed_repo),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("Signature for identity {signed_text} is not accepted"))
    }
}

/// A key's bytes for gpgv's keyring: binary as exported, or dearmored.
fn key_bytes(k: &KeySource) -> Result<Vec<u8>> {
    use base64::Engine as _;
    let raw = source_bytes(k)?;
    if !raw.starts_with(b"-----BEGIN PGP") {
        return Ok(raw);
    }
    let text = String::from_utf8_lossy(&raw);
    let body: String = text.lines().skip_while(|l| !l.trim().is_empty()).skip(1).take_while(|l| !l.starts_with("-----END")).filter(|l| !l.starts_with('=')).collect();
    base64::engine::general_purpose::STANDARD.decode(body.trim()).context("an armored key that is not base64")
}

/// A policy key's bytes: its file's, or its keyData decoded.
fn source_bytes(k: &KeySource) -> Result<Vec<u8>> {
    use base64::Engine as _;
    match k {
        KeySource::Path(p) => std::fs::read(p).with_context(|| format!("reading the policy's key {}", p.display())),
        KeySource::Data(d) => base64::engine::general_purpose::STANDARD.decode(d.trim()).context("the policy's keyData is not base64"),
    }
}

/// A signature at `url` (file:// or http(s)://); None when there is none.
fn fetch(url: &str) -> Result<Option<Vec<u8>>> {
    if let Some(path) = crate::config::registries_d::file_path(url) {
        return match std::fs::read(&path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(anyhow::Error::from(e).context(format!("reading signature {}", path.display()))),
        };
    }
    match ureq::get(url).call() {
        Ok(r) => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(r.into_reader(), 4 << 20), &mut b).with_context(|| format!("reading signature {url}"))?;
            Ok(Some(b))
        }
        Err(ureq::Error::Status(404, _)) => Ok(None),
        Err(e) => Err(anyhow::anyhow!("fetching signature {url}: {e}")),
    }
}

/// A new directory only we may enter, in the runtime directory (private to the user) or the
/// temporary one.
fn tempdir() -> Result<RemoveOnDrop> {
    use std::os::unix::fs::DirBuilderExt;
    let base = std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let d = base.join(format!("hutch-verify-{}-{}", std::process::id(), &crate::util::ids::random_id()[..12]));
    std::fs::DirBuilder::new().mode(0o700).create(&d).with_context(|| format!("creating {}", d.display()))?;
    Ok(RemoveOnDrop(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities() {
        let claim = |r: &str| serde_json::json!({"critical": {"type": "atomic container signature", "image": {"docker-manifest-digest": "sha256:ab"}, "identity": {"docker-reference": r}}});
        let d = Identity::MatchRepoDigestOrExact;
        assert!(claim_matches(&claim("r.example/a:1"), "r.example/a", ":1", "sha256:ab", &d).is_ok());
        assert!(claim_matches(&claim("r.example/a:2"), "r.example/a", ":1", "sha256:ab", &d).is_err());
        assert!(claim_matches(&claim("r.example/a:2"), "r.example/a", "@sha256:ab", "sha256:ab", &d).is_ok());
        assert!(claim_matches(&claim("r.example/a:1"), "r.example/a", ":1", "sha256:cd", &d).unwrap_err().starts_with("Signature for a different image"));
        assert!(claim_matches(&claim("r.example/b:1"), "r.example/a", ":1", "sha256:ab", &Identity::MatchRepository).is_err());
        assert!(claim_matches(&claim("r.example/a:9"), "r.example/a", ":1", "sha256:ab", &Identity::MatchRepository).is_ok());
        // A name alone is no exact identity.
        assert!(claim_matches(&claim("busybox"), "docker.io/library/busybox", ":latest", "sha256:ab", &d).is_err());
        assert!(claim_matches(&claim("busybox:latest"), "docker.io/library/busybox", ":latest", "sha256:ab", &d).is_ok());
        assert!(claim_matches(&claim("busybox"), "docker.io/library/busybox", ":latest", "sha256:ab", &Identity::MatchRepository).is_ok());
        assert!(claim_matches(&claim("r.example/x:1"), "r.example/a", ":1", "sha256:ab", &Identity::ExactReference("r.example/x:1".into())).is_ok());
    }
}
