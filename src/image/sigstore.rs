//! Sigstore signatures as containers/image makes and checks them (Podman's
//! `--sign-by-sigstore-private-key`, policy.json's `sigstoreSigned`): a cosign payload (the
//! claim that this manifest digest is this image) signed with ECDSA P-256 over SHA-256, kept in
//! the registry as a layer of an "attachment" manifest tagged `sha256-HEX.sig`, with the
//! signature, base64, in the layer's `dev.cosignproject.cosign/signature` annotation.
//!
//! Private keys are cosign's encrypted PEM files (`ENCRYPTED SIGSTORE PRIVATE KEY`, or the older
//! `ENCRYPTED COSIGN PRIVATE KEY`): a JSON box whose key comes from the passphrase by scrypt and
//! which NaCl's secretbox seals around a PKCS#8 private key. Public keys are PEM `PUBLIC KEY`.
//! ECDSA P-256 keys only: what `cosign generate-key-pair` and `skopeo generate-sigstore-key`
//! make; RSA and Ed25519 keys are refused by name.
//!
//! Pure: bytes in, bytes out. Fetching and storing are engine::sigstore's.

use anyhow::{anyhow, bail, Context, Result};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;

/// The media type of a signature layer in an attachment manifest.
pub const SIGNATURE_MEDIA_TYPE: &str = "application/vnd.dev.cosign.simplesigning.v1+json";
/// The layer annotation holding the signature.
pub const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
/// The claim's type.
const PAYLOAD_TYPE: &str = "cosign container image signature";

/// The tag of the attachment manifest for `digest` (`sha256:HEX` → `sha256-HEX.sig`).
pub fn attachment_tag(digest: &str) -> String {
    format!("{}.sig", digest.replacen(':', "-", 1))
}

/// A signing key, decrypted.
pub struct SigningKey(p256::ecdsa::SigningKey);

impl SigningKey {
    /// Opens cosign's encrypted private key `pem` with `passphrase`.
    pub fn decrypt(pem: &[u8], passphrase: &[u8]) -> Result<SigningKey> {
        let (label, body) = pem_rfc7468::decode_vec(pem).map_err(|e| anyhow!("not a PEM file: {e}"))?;
        if label != "ENCRYPTED SIGSTORE PRIVATE KEY" && label != "ENCRYPTED COSIGN PRIVATE KEY" {
            bail!("unsupported pem type: {label} (a sigstore private key is ENCRYPTED SIGSTORE PRIVATE KEY, as cosign generate-key-pair writes it)");
        }
        let der = open_box(&body, passphrase)?;
        use p256::pkcs8::DecodePrivateKey;
        let key = p256::SecretKey::from_pkcs8_der(&der).map_err(|_| anyhow!("unsupported key type: hutch signs with ECDSA P-256 keys (what cosign generate-key-pair and skopeo generate-sigstore-key make), not RSA, Ed25519 or other curves"))?;
        Ok(SigningKey(p256::ecdsa::SigningKey::from(key)))
    }

    /// The signature of `payload`, base64 of its ASN.1 form, as the annotation holds it.
    pub fn sign(&self, payload: &[u8]) -> String {
        use p256::ecdsa::signature::Signer;
        let sig: p256::ecdsa::Signature = self.0.sign(payload);
        B64.encode(sig.to_der().as_bytes())
    }
}

/// The secure-systems-lab box cosign keeps private keys in.
fn open_box(body: &[u8], passphrase: &[u8]) -> Result<Vec<u8>> {
    let v: serde_json::Value = serde_json::from_slice(body).context("the encrypted key is not JSON")?;
    let field = |path: &[&str]| -> Result<&serde_json::Value> {
        let mut at = &v;
        for p in path {
            at = at.get(p).with_context(|| format!("the encrypted key lacks {}", path.join(".")))?;
        }
        Ok(at)
    };
    let bytes = |path: &[&str]| -> Result<Vec<u8>> {
        let s = field(path)?.as_str().with_context(|| format!("{} is not a string", path.join(".")))?;
        B64.decode(s).with_context(|| format!("{} is not base64", path.join(".")))
    };
    if field(&["kdf", "name"])?.as_str() != Some("scrypt") {
        bail!("unsupported key derivation {} (scrypt is)", field(&["kdf", "name"])?);
    }
    if field(&["cipher", "name"])?.as_str() != Some("nacl/secretbox") {
        bail!("unsupported cipher {} (nacl/secretbox is)", field(&["cipher", "name"])?);
    }
    let num = |k: &str| -> Result<u64> { field(&["kdf", "params", k])?.as_u64().with_context(|| format!("kdf.params.{k} is not a number")) };
    let (n, r, p) = (num("N")?, num("r")?, num("p")?);
    // At most 1 GiB of scrypt memory (128·N·r bytes); cosign's keys take 32 MiB.
    if !n.is_power_of_two() || !(2..=1 << 24).contains(&n) || !(1..=64).contains(&r) || !(1..=16).contains(&p) || 128 * n * r > 1 << 30 {
        bail!("unreasonable scrypt parameters N={n} r={r} p={p}");
    }
    let params = scrypt::Params::new(n.trailing_zeros() as u8, r as u32, p as u32, 32).map_err(|e| anyhow!("scrypt parameters: {e}"))?;
    let mut key = [0u8; 32];
    scrypt::scrypt(passphrase, &bytes(&["kdf", "salt"])?, &params, &mut key).map_err(|e| anyhow!("scrypt: {e}"))?;
    let nonce = bytes(&["cipher", "nonce"])?;
    if nonce.len() != 24 {
        bail!("the encrypted key's nonce is not 24 bytes");
    }
    use crypto_secretbox::aead::{Aead, KeyInit};
    let cipher = crypto_secretbox::XSalsa20Poly1305::new(&key.into());
    cipher.decrypt(crypto_secretbox::Nonce::from_slice(&nonce), bytes(&["ciphertext"])?.as_slice()).map_err(|_| anyhow!("decrypt: the passphrase is wrong (or the key file damaged)"))
}

/// A public key, to check signatures with.
pub struct VerifyingKey(p256::ecdsa::VerifyingKey);

impl VerifyingKey {
    pub fn from_pem(pem: &[u8]) -> Result<VerifyingKey> {
        use p256::pkcs8::DecodePublicKey;
        let text = std::str::from_utf8(pem).context("the public key is not text (PEM)")?;
        let key = p256::PublicKey::from_public_key_pem(text.trim()).map_err(|_| anyhow!("parsing public key: an ECDSA P-256 key in a PEM PUBLIC KEY block is supported (RSA, Ed25519 and other curves are not)"))?;
        Ok(VerifyingKey(p256::ecdsa::VerifyingKey::from(key)))
    }

    /// Whether `signature` (base64 of the ASN.1 form) is this key's signature of `payload`.
    pub fn verifies(&self, payload: &[u8], signature: &str) -> std::result::Result<(), String> {
        use p256::ecdsa::signature::Verifier;
        let raw = B64.decode(signature.trim()).map_err(|e| format!("base64 decoding: {e}"))?;
        let sig = p256::ecdsa::Signature::from_der(&raw).map_err(|_| "cryptographic signature verification failed: not an ECDSA signature".to_string())?;
        self.0.verify(payload, &sig).map_err(|_| "cryptographic signature verification failed: invalid signature".to_string())
    }
}

/// The claim that manifest `digest` is the image `identity`, with containers/image's fields
/// in Go's (sorted) order.
pub fn payload(identity: &str, digest: &str, timestamp: i64) -> Vec<u8> {
    claim_of_type(PAYLOAD_TYPE, identity, digest, timestamp)
}

/// The claim as containers/image writes it for a signature of `kind`: simple signing's
/// (`atomic container signature`) and sigstore's differ only there.
pub fn claim_of_type(kind: &str, identity: &str, digest: &str, timestamp: i64) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "critical": {
            "identity": {"docker-reference": identity},
            "image": {"docker-manifest-digest": digest},
            "type": kind,
        },
        "optional": {"creator": format!("hutch {}", env!("CARGO_PKG_VERSION")), "timestamp": timestamp},
    }))
    .unwrap_or_default()
}

/// A checked payload's claim: (digest, identity), once its type and shape are right.
pub fn claim(payload: &[u8]) -> std::result::Result<(String, String), String> {
    let v: serde_json::Value = serde_json::from_slice(payload).map_err(|e| format!("the signature's payload is not JSON: {e}"))?;
    // Exactly these fields, as containers/image reads them: a critical field not understood
    // must not be passed over.
    let exact = |v: &serde_json::Value, what: &str, keys: &[&str]| -> std::result::Result<(), String> {
        let o = v.as_object().ok_or_else(|| format!("{what} is not a JSON object"))?;
        if let Some(k) = o.keys().find(|k| !keys.contains(&k.as_str())) {
            return Err(format!("{what}: unexpected field {k:?}"));
        }
        match keys.iter().find(|k| !o.contains_key(**k)) {
            Some(k) => Err(format!("{what}: missing field {k:?}")),
            None => Ok(()),
        }
    };
    exact(&v, "the payload", &["critical", "optional"])?;
    exact(&v["critical"], "critical", &["identity", "image", "type"])?;
    exact(&v["critical"]["image"], "critical.image", &["docker-manifest-digest"])?;
    exact(&v["critical"]["identity"], "critical.identity", &["docker-reference"])?;
    let c = &v["critical"];
    if c["type"].as_str() != Some(PAYLOAD_TYPE) {
        return Err(format!("Unrecognized signature type {}", c["type"]));
    }
    let digest = c["image"]["docker-manifest-digest"].as_str().ok_or("the payload names no manifest digest")?;
    let identity = c["identity"]["docker-reference"].as_str().ok_or("the payload names no image")?;
    Ok((digest.to_string(), identity.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seals `secret` (a PKCS#8 key) as cosign does, with the given salt and nonce.
    fn seal_box(secret: &[u8], passphrase: &[u8], salt: &[u8; 32], nonce: &[u8; 24], log_n: u8) -> Result<Vec<u8>> {
        let params = scrypt::Params::new(log_n, 8, 1, 32).map_err(|e| anyhow!("scrypt parameters: {e}"))?;
        let mut key = [0u8; 32];
        scrypt::scrypt(passphrase, salt, &params, &mut key).map_err(|e| anyhow!("scrypt: {e}"))?;
        use crypto_secretbox::aead::{Aead, KeyInit};
        let sealed = crypto_secretbox::XSalsa20Poly1305::new(&key.into()).encrypt(crypto_secretbox::Nonce::from_slice(nonce), secret).map_err(|_| anyhow!("sealing the key"))?;
        let json = serde_json::json!({
            "kdf": {"name": "scrypt", "params": {"N": 1u64 << log_n, "r": 8, "p": 1}, "salt": B64.encode(salt)},
            "cipher": {"name": "nacl/secretbox", "nonce": B64.encode(nonce)},
            "ciphertext": B64.encode(sealed),
        });
        let body = serde_json::to_vec(&json)?;
        pem_rfc7468::encode_string("ENCRYPTED SIGSTORE PRIVATE KEY", pem_rfc7468::LineEnding::LF, &body).map(String::into_bytes).map_err(|e| anyhow!("PEM: {e}"))
    }

    /// A P-256 key in PKCS#8, made once with `openssl genpkey -algorithm EC -pkeyopt
    /// ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -nocrypt -outform DER | base64`.
    const PKCS8: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjmE6Z4aO76PESIz7zHKOcnULkF0B+6ua+iQW9qawhDWhRANCAAT8IFQ+hlclEQ/pE9nXl9xrZ6nIbKM7NG5V4wqOtIXlJ/OqFeSvGYowKZ3ig68KJXlelE7egD5XJz4c+RIa6xkU";
    const PUBLIC: &str = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/CBUPoZXJREP6RPZ15fca2epyGyj\nOzRuVeMKjrSF5SfzqhXkrxmKMCmd4oOvCiV5XpRO3oA+Vyc+HPkSGusZFA==\n-----END PUBLIC KEY-----\n";

    #[test]
    fn a_sealed_key_signs_what_its_public_key_verifies() {
        let der = B64.decode(PKCS8).unwrap();
        let pem = seal_box(&der, b"pw", &[7; 32], &[9; 24], 10).unwrap();
        assert!(String::from_utf8_lossy(&pem).starts_with("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
        let key = SigningKey::decrypt(&pem, b"pw").unwrap();
        let msg = payload("r.example/a:1", "sha256:ab", 5);
        let sig = key.sign(&msg);
        let public = VerifyingKey::from_pem(PUBLIC.as_bytes()).unwrap();
        assert_eq!(public.verifies(&msg, &sig), Ok(()));
        assert!(public.verifies(&payload("r.example/a:2", "sha256:ab", 5), &sig).unwrap_err().contains("invalid signature"));
        assert!(format!("{:#}", SigningKey::decrypt(&pem, b"wrong").err().unwrap()).contains("passphrase is wrong"));
        assert_eq!(claim(&msg), Ok(("sha256:ab".into(), "r.example/a:1".into())));
        let other = br#"{"critical":{"identity":{"docker-reference":"a:1"},"image":{"docker-manifest-digest":"sha256:ab"},"type":"atomic container signature"},"optional":null}"#;
        assert!(claim(other).unwrap_err().starts_with("Unrecognized signature type"));
        // Fields not understood in the critical part are refused, as containers/image does.
        let extra = br#"{"critical":{"identity":{"docker-reference":"a:1"},"image":{"docker-manifest-digest":"sha256:ab"},"type":"cosign container image signature","expires":1},"optional":null}"#;
        assert_eq!(claim(extra).unwrap_err(), "critical: unexpected field \"expires\"");
        assert_eq!(claim(br#"{"critical":{"identity":{},"image":{"docker-manifest-digest":"sha256:ab"},"type":"cosign container image signature"},"optional":{}}"#).unwrap_err(), "critical.identity: missing field \"docker-reference\"");
    }

    #[test]
    fn the_payload_is_go_ordered_and_the_tag_is_cosigns() {
        assert_eq!(
            String::from_utf8(payload("r.example/a:1", "sha256:ab", 5)).unwrap(),
            format!(r#"{{"critical":{{"identity":{{"docker-reference":"r.example/a:1"}},"image":{{"docker-manifest-digest":"sha256:ab"}},"type":"cosign container image signature"}},"optional":{{"creator":"hutch {}","timestamp":5}}}}"#, env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(attachment_tag("sha256:0123"), "sha256-0123.sig");
    }
}
