//! Signing images. Simple signing (`push --sign-by KEY`, `build --sign-by`), as Podman
//! (containers/image) does it: a JSON claim that the manifest with this digest is the image
//! with this name, signed with the user's GPG key (gpg, Debian's gnupg; the key and its agent
//! are the user's, `$GNUPGHOME` included), and stored in the lookaside storage registries.d
//! names for the repository, as `REPO-PATH@sha256=HEX/signature-1`: where `skopeo`, Podman and
//! `policy.json`'s `signedBy` look for it. A built image keeps its signatures in its record
//! until pushed. Sigstore signatures (`--sign-by-sigstore-private-key`) are engine::sigstore's.

use crate::error::exit_error;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a push signs with: a GPG key (simple signing, `--sign-by`) and/or a sigstore key
/// (`--sign-by-sigstore-private-key`), both opened and tried before anything is sent.
pub struct Signing {
    repo: String,
    repo_path: String,
    tag: String,
    gpg: Option<(String, Option<PathBuf>)>,
    sigstore: Option<crate::engine::sigstore::Signer>,
}

/// The signatures made (and carried) for one manifest, stored once it is pushed.
pub struct Made {
    simple: Option<(PathBuf, Vec<Vec<u8>>)>,
    sigstore: Option<crate::engine::sigstore::Attachment>,
}

/// A push's signing options, as the CLI gathered them.
#[derive(Default, Clone)]
pub struct SignOptions {
    /// `--sign-by KEY` and the `--sign-passphrase-file` gpg reads.
    pub gpg_key: Option<String>,
    pub gpg_passphrase_file: Option<PathBuf>,
    /// `--sign-by-sigstore-private-key PATH` and its passphrase.
    pub sigstore_key: Option<PathBuf>,
    pub sigstore_passphrase: Vec<u8>,
}

impl SignOptions {
    pub fn any(&self) -> bool {
        self.gpg_key.is_some() || self.sigstore_key.is_some()
    }
}

impl Signing {
    /// Ready to sign manifests pushed as `domain/repo_path:tag`. The sigstore key is opened
    /// here and registries.d must let its signatures be written; the GPG key is tried when
    /// `probe_gpg` (its signatures are made per manifest, maybe only after something was
    /// copied).
    pub fn new(domain: &str, repo_path: &str, tag: &str, o: &SignOptions, probe_gpg: bool) -> Result<Signing> {
        let repo = format!("{domain}/{repo_path}");
        if let (Some(key), true) = (&o.gpg_key, probe_gpg) {
            lookaside_dir(&repo, repo_path, tag, "sha256:0")?;
            probe(key, o.gpg_passphrase_file.as_deref())?;
        }
        let sigstore = match &o.sigstore_key {
            Some(path) => {
                crate::engine::sigstore::check_writable(&repo, tag)?;
                Some(crate::engine::sigstore::Signer::open(path, &o.sigstore_passphrase)?)
            }
            None => None,
        };
        Ok(Signing { repo, repo_path: repo_path.into(), tag: tag.into(), gpg: o.gpg_key.clone().map(|k| (k, o.gpg_passphrase_file.clone())), sigstore })
    }

    /// Signs manifest `digest`, saying so on `sink`, with the simple signatures the image
    /// carries already (`build --sign-by`, `carried`) going with it; where they go must be
    /// writable.
    pub fn sign(&self, digest: &str, sink: &dyn crate::engine::progress::ProgressSink, carried: &[Vec<u8>]) -> Result<Made> {
        let identity = format!("{}:{}", self.repo, self.tag);
        let mut simple = carried.to_vec();
        if let Some((key, pass)) = &self.gpg {
            sink.message("Signing manifest using simple signing");
            simple.push(sign_stored(&identity, digest, key, pass.as_deref())?);
        }
        let simple = match simple.is_empty() {
            true => None,
            false => {
                let at = lookaside_dir(&self.repo, &self.repo_path, &self.tag, digest)?;
                std::fs::create_dir_all(&at).map_err(|e| cannot_store(&at, e))?;
                Some((at, simple))
            }
        };
        let sigstore = self.sigstore.as_ref().map(|s| {
            sink.message("Signing manifest using a sigstore signature");
            s.sign(&identity, digest)
        });
        Ok(Made { simple, sigstore })
    }
}

/// Where the simple signatures of manifest `digest` of `repo:tag` go (registries.d's
/// lookaside staging), its parent made: an error here comes before anything is pushed.
fn lookaside_dir(repo: &str, repo_path: &str, tag: &str, digest: &str) -> Result<PathBuf> {
    let dir = crate::config::registries_d::RegistriesD::load()?.staging_dir(repo, tag).map_err(|e| exit_error(125, format!("{e:#}")))?;
    let at = sig_dir(&dir, repo_path, digest)?;
    let parent = at.parent().unwrap_or(&dir);
    std::fs::create_dir_all(parent).map_err(|e| cannot_store(parent, e))?;
    Ok(at)
}

fn cannot_store(at: &Path, e: std::io::Error) -> anyhow::Error {
    exit_error(125, format!("--sign-by: cannot store signatures in {}: {e} (registries.d: {})", at.display(), crate::config::registries_d::dir().display()))
}

impl Made {
    /// Stores the signatures of manifest `digest`, just pushed through `client`.
    pub fn store(self, client: &crate::image::registry::Client, digest: &str) -> Result<()> {
        if let Some((at, sigs)) = self.simple {
            store(&at, &sigs)?;
        }
        if let Some(a) = self.sigstore {
            crate::engine::sigstore::put(client, digest, &[a])?;
        }
        Ok(())
    }
}

/// A simple signature of manifest `digest` as `identity` by `key` (for a push, or for an image
/// kept in the store by `build --sign-by`); its passphrase from `passphrase_file` or gpg's
/// agent.
pub fn sign_stored(identity: &str, digest: &str, key: &str, passphrase_file: Option<&Path>) -> Result<Vec<u8>> {
    sign(&payload(identity, digest, crate::util::time::now_unix()), key, passphrase_file)
}

/// Whether `key` signs (before a build whose result it will sign).
pub fn probe(key: &str, passphrase_file: Option<&Path>) -> Result<()> {
    sign(b"{}", key, passphrase_file).map(drop)
}

/// The claim, as containers/image writes it.
fn payload(identity: &str, digest: &str, timestamp: i64) -> Vec<u8> {
    crate::image::sigstore::claim_of_type("atomic container signature", identity, digest, timestamp)
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
        // gpg may end before it reads (an unknown key): its own words say why, below.
        match stdin.write_all(payload) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(anyhow::Error::from(e).context("writing to gpg")),
            _ => {}
        }
    }
    let out = child.wait_with_output().context("waiting for gpg")?;
    if !out.status.success() || out.stdout.is_empty() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("it failed").trim().to_string();
        return Err(exit_error(125, format!("creating signature: signing with key {key}: {why} (`gpg --list-secret-keys` lists the keys you can sign with)")));
    }
    Ok(out.stdout)
}

/// Stores `sigs` as `signature-1`, `-2`... in `at` (a manifest's signature directory), in
/// place of any there: the image is pushed with these, older ones for the digest go, as in
/// Podman.
fn store(at: &Path, sigs: &[Vec<u8>]) -> Result<()> {
    std::fs::create_dir_all(at).with_context(|| format!("creating {}", at.display()))?;
    for (n, sig) in sigs.iter().enumerate() {
        let file = at.join(format!("signature-{}", n + 1));
        let tmp = at.join(format!(".signature-{}.tmp", n + 1));
        std::fs::write(&tmp, sig).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &file).with_context(|| format!("writing {}", file.display()))?;
    }
    for n in sigs.len() + 1.. {
        if std::fs::remove_file(at.join(format!("signature-{n}"))).is_err() {
            break;
        }
    }
    Ok(())
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
