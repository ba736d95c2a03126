//! TLS for registries: the system's CA store plus Podman's per-registry CA directories
//! (`$XDG_CONFIG_HOME/containers/certs.d/HOST[:PORT]/*.crt`, `/etc/containers/certs.d/...`,
//! `/etc/docker/certs.d/...`); and, only for `--tls-verify=false` or registries.conf
//! `insecure = true`, a configuration that does not verify the certificate.

use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::Arc;
use ureq::rustls;
use ureq::rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use ureq::rustls::pki_types::pem::PemObject;
use ureq::rustls::pki_types::{CertificateDer, ServerName, UnixTime};

/// The certs.d directories for `host` that exist, most specific first.
pub fn certs_dirs(host: &str) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(c) = crate::config::config_home() {
        v.push(c.join("containers/certs.d").join(host));
    }
    v.push(PathBuf::from("/etc/containers/certs.d").join(host));
    v.push(PathBuf::from("/etc/docker/certs.d").join(host));
    v.into_iter().filter(|d| d.is_dir()).collect()
}

#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(&self, _: &CertificateDer<'_>, _: &[CertificateDer<'_>], _: &ServerName<'_>, _: &[u8], _: UnixTime) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(&self, message: &[u8], cert: &CertificateDer<'_>, dss: &rustls::DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }
    fn verify_tls13_signature(&self, message: &[u8], cert: &CertificateDer<'_>, dss: &rustls::DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// A TLS configuration for `host`, or `None` when ureq's default (system CAs) will do.
/// `cert_dir` (`--cert-dir`) is read first, then the certs.d directories: `*.crt` are CAs added
/// to the system's, and a `NAME.cert` with its `NAME.key` is the client certificate offered.
pub fn config_for(host: &str, verify: bool, cert_dir: Option<&std::path::Path>) -> Result<Option<Arc<rustls::ClientConfig>>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS12, &rustls::version::TLS13])
        .context("setting up TLS")?;
    let mut dirs = certs_dirs(host);
    if let Some(d) = cert_dir {
        if !d.is_dir() {
            return Err(crate::error::exit_error(125, format!("--cert-dir {}: not a directory", d.display())));
        }
        dirs.insert(0, d.to_path_buf());
    }
    let mut client_cert = None;
    for d in &dirs {
        if client_cert.is_none() {
            client_cert = client_pair(d)?;
        }
    }
    if !verify {
        let b = builder.dangerous().with_custom_certificate_verifier(Arc::new(NoVerify(provider)));
        let cfg = match client_cert {
            Some((certs, key)) => b.with_client_auth_cert(certs, key).context("using the client certificate")?,
            None => b.with_no_client_auth(),
        };
        return Ok(Some(Arc::new(cfg)));
    }
    if dirs.is_empty() {
        return Ok(None);
    }
    let mut roots = rustls::RootCertStore::empty();
    if let Ok(native) = rustls_native_certs::load_native_certs() {
        roots.add_parsable_certificates(native);
    }
    for d in dirs {
        for f in files_with(&d, "crt")? {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&f)
                .with_context(|| format!("reading CA certificates from {}", f.display()))?
                .collect::<Result<_, _>>()
                .with_context(|| format!("{} holds no valid PEM certificate", f.display()))?;
            roots.add_parsable_certificates(certs);
        }
    }
    let b = builder.with_root_certificates(roots);
    let cfg = match client_cert {
        Some((certs, key)) => b.with_client_auth_cert(certs, key).context("using the client certificate")?,
        None => b.with_no_client_auth(),
    };
    Ok(Some(Arc::new(cfg)))
}

/// The files of `dir` ending in `.ext`, sorted.
fn files_with(dir: &std::path::Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

type ClientPair = (Vec<CertificateDer<'static>>, ureq::rustls::pki_types::PrivateKeyDer<'static>);

/// The first `NAME.cert` of `dir` and its `NAME.key` (a `.cert` without its key is an error,
/// as in containers/image).
fn client_pair(dir: &std::path::Path) -> Result<Option<ClientPair>> {
    let Some(cert) = files_with(dir, "cert")?.into_iter().next() else { return Ok(None) };
    let key = cert.with_extension("key");
    if !key.is_file() {
        anyhow::bail!("missing key {} for client certificate {}", key.display(), cert.display());
    }
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .with_context(|| format!("reading {}", cert.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("{} holds no valid PEM certificate", cert.display()))?;
    let key = ureq::rustls::pki_types::PrivateKeyDer::from_pem_file(&key).with_context(|| format!("{} holds no valid PEM private key", key.display()))?;
    Ok(Some((certs, key)))
}
