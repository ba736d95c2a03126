//! Simple signing (`push --sign-by KEY`), as Podman (containers/image) does it: a JSON claim
//! that the manifest with this digest is the image with this name, signed with the user's GPG
//! key (gpg, Debian's gnupg; the key and its agent are the user's, `$GNUPGHOME` included), and
//! stored in the lookaside storage registries.d names for the repository, as
//! `REPO-PATH@sha256=HEX/signature-1`: where `skopeo`, Podman and `policy.json`'s `signedBy`
//! look for it.

use crate::error::exit_error;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A signature made for a push, stored once the push is done.
pub struct Pending {
    dir: PathBuf,
    repo_path: String,
    digest: String,
    signature: Vec<u8>,
}

impl Pending {
    /// Signs manifest `digest` as `domain/repo_path:tag` with `key`; where it goes is
    /// registries.d's place for the repository.
    pub fn make(domain: &str, repo_path: &str, tag: &str, digest: &str, key: &str, passphrase_file: Option<&Path>) -> Result<Pending> {
        let repo = format!("{domain}/{repo_path}");
        let dir = crate::config::registries_d::RegistriesD::load()?.staging_dir(&repo, tag).map_err(|e| exit_error(125, format!("{e:#}")))?;
        // Where it goes must be writable before anything is pushed.
        let sig_dir = sig_dir(&dir, repo_path, digest)?;
        std::fs::create_dir_all(&sig_dir).map_err(|e| exit_error(125, format!("--sign-by: cannot store signatures in {}: {e} (registries.d: {})", sig_dir.display(), crate::config::registries_d::dir().display())))?;
        let claim = payload(&format!("{repo}:{tag}"), digest, crate::util::time::now_unix());
        let signature = sign(&claim, key, passphrase_file)?;
        Ok(Pending { dir, repo_path: repo_path.to_string(), digest: digest.to_string(), signature })
    }

    /// Whether `key` signs and the place for `domain/repo_path:tag` can be written, before a
    /// push that copies images whose digests are known only once copied.
    pub fn probe(domain: &str, repo_path: &str, tag: &str, key: &str, passphrase_file: Option<&Path>) -> Result<()> {
        let dir = crate::config::registries_d::RegistriesD::load()?.staging_dir(&format!("{domain}/{repo_path}"), tag).map_err(|e| exit_error(125, format!("{e:#}")))?;
        let parent = dir.join(repo_path);
        let parent = parent.parent().unwrap_or(&dir);
        std::fs::create_dir_all(parent).map_err(|e| exit_error(125, format!("--sign-by: cannot store signatures in {}: {e}", parent.display())))?;
        sign(b"{}", key, passphrase_file).map(drop)
    }

    pub fn store(self) -> Result<PathBuf> {
        store(&self.dir, &self.repo_path, &self.digest, &self.signature)
    }
}

/// The claim, as containers/image writes it.
fn payload(identity: &str, digest: &str, timestamp: i64) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "critical": {
            "identity": {"docker-reference": identity},
            "image": {"docker-manifest-digest": digest},
            "type": "atomic container signature",
        },
        "optional": {"creator": format!("hutch {}", env!("CARGO_PKG_VERSION")), "timestamp": timestamp},
    }))
    .unwrap_or_default()
}

/// `payload` signed by `key` (a fingerprint, or anything gpg's --local-user takes): an
/// OpenPGP signed message, as gpgme's normal mode makes. With `passphrase_file`, gpg reads the
/// key's passphrase there instead of asking its agent.
fn sign(payload: &[u8], key: &str, passphrase_file: Option<&Path>) -> Result<Vec<u8>> {
    let mut cmd = std::process::Command::new("gpg");
    cmd.args(["--batch", "--no-tty", "--local-user", key]);
    if let Some(f) = passphrase_file {
        cmd.args(["--pinentry-mode", "loopback", "--passphrase-file"]).arg(f);
    }
    cmd.args(["--sign", "--output", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(exit_error(125, "--sign-by: gpg is not installed: install Debian's gnupg (`apt install gnupg`)")),
        Err(e) => return Err(anyhow::Error::from(e).context("running gpg")),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(payload).context("writing to gpg")?;
    }
    let out = child.wait_with_output().context("waiting for gpg")?;
    if !out.status.success() || out.stdout.is_empty() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("it failed").trim().to_string();
        return Err(exit_error(125, format!("creating signature: signing with key {key}: {why} (`gpg --list-secret-keys` lists the keys you can sign with)")));
    }
    Ok(out.stdout)
}

/// Stores `signature` for the manifest `digest` of `repo_path` (the repository's path, without
/// its registry) under `dir`, in place of any there; returns the file.
fn store(dir: &Path, repo_path: &str, digest: &str, signature: &[u8]) -> Result<PathBuf> {
    let sig_dir = sig_dir(dir, repo_path, digest)?;
    std::fs::create_dir_all(&sig_dir).with_context(|| format!("creating {}", sig_dir.display()))?;
    let file = sig_dir.join("signature-1");
    let tmp = sig_dir.join(".signature-1.tmp");
    std::fs::write(&tmp, signature).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &file).with_context(|| format!("writing {}", file.display()))?;
    // The image is pushed with this one signature: older ones for the digest go, as in Podman.
    for n in 2.. {
        if std::fs::remove_file(sig_dir.join(format!("signature-{n}"))).is_err() {
            break;
        }
    }
    Ok(file)
}

/// `DIR/REPO-PATH@ALGO=HEX`, where a digest's signatures are.
fn sig_dir(dir: &Path, repo_path: &str, digest: &str) -> Result<PathBuf> {
    let (algo, hex) = digest.split_once(':').context("a digest without its algorithm")?;
    Ok(dir.join(format!("{repo_path}@{algo}={hex}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_claim_is_containers_images() {
        let p: serde_json::Value = serde_json::from_slice(&super::payload("r.example/a/b:1", "sha256:ab", 7)).unwrap();
        assert_eq!(p["critical"]["type"], "atomic container signature");
        assert_eq!(p["critical"]["identity"]["docker-reference"], "r.example/a/b:1");
        assert_eq!(p["critical"]["image"]["docker-manifest-digest"], "sha256:ab");
        assert_eq!(p["optional"]["timestamp"], 7);
    }
}
