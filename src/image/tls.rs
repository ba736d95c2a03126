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
pub fn config_for(host: &str, verify: bool) -> Result<Option<Arc<rustls::ClientConfig>>> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS12, &rustls::version::TLS13])
        .context("setting up TLS")?;
    if !verify {
        let cfg = builder.dangerous().with_custom_certificate_verifier(Arc::new(NoVerify(provider))).with_no_client_auth();
        return Ok(Some(Arc::new(cfg)));
    }
    let dirs = certs_dirs(host);
    if dirs.is_empty() {
        return Ok(None);
    }
    let mut roots = rustls::RootCertStore::empty();
    if let Ok(native) = rustls_native_certs::load_native_certs() {
        roots.add_parsable_certificates(native);
    }
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))?
            .flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "crt")).collect();
        files.sort();
        for f in files {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&f)
                .with_context(|| format!("reading CA certificates from {}", f.display()))?
                .collect::<Result<_, _>>()
                .with_context(|| format!("{} holds no valid PEM certificate", f.display()))?;
            roots.add_parsable_certificates(certs);
        }
    }
    Ok(Some(Arc::new(builder.with_root_certificates(roots).with_no_client_auth())))
}
