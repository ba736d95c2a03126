//! A real registry for the tests: Debian's `docker-registry` on a free loopback port, with
//! or without htpasswd basic auth; and an uploader that writes crafted images into it.
#![allow(dead_code)]

use super::Env;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct Registry {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}


impl Registry {
    pub fn start(env: &Env, basic_auth: Option<(&str, &str)>) -> Registry {
        Registry::start_with(env, basic_auth, false, "")
    }

    /// With `tls`, serves HTTPS with a self-signed certificate for 127.0.0.1 (`cert.pem` in
    /// `dir`). `extra` is appended to the config (e.g. token auth).
    pub fn start_with(env: &Env, basic_auth: Option<(&str, &str)>, tls: bool, extra: &str) -> Registry {
        let port = super::free_port();
        let dir = env.dir.join(format!("registry-{port}"));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let mut auth = String::new();
        if let Some((u, p)) = basic_auth {
            let out = Command::new("htpasswd").args(["-Bbn", u, p]).output().expect("htpasswd (apache2-utils) is needed");
            std::fs::write(dir.join("htpasswd"), &out.stdout).unwrap();
            auth = format!("auth:\n  htpasswd:\n    realm: hutch-test\n    path: {}\n", dir.join("htpasswd").display());
        }
        let mut tls_conf = String::new();
        if tls {
            // A CA (ca.pem), and a server certificate for 127.0.0.1 signed by it.
            let d = |f: &str| dir.join(f).to_string_lossy().into_owned();
            std::fs::write(dir.join("ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
            for args in [
                vec!["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=hutch test CA", "-keyout", &d("ca.key"), "-out", &d("ca.pem")],
                vec!["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", &d("key.pem"), "-out", &d("req.csr")],
                vec!["x509", "-req", "-in", &d("req.csr"), "-CA", &d("ca.pem"), "-CAkey", &d("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", &d("ext.cnf"), "-out", &d("cert.pem")],
            ] {
                let st = Command::new("openssl").args(&args).stdout(Stdio::null()).stderr(Stdio::null()).status().expect("openssl is needed");
                assert!(st.success(), "openssl {args:?}");
            }
            tls_conf = format!("  tls:\n    certificate: {}\n    key: {}\n", dir.join("cert.pem").display(), dir.join("key.pem").display());
        }
        let config = format!(
            "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{tls_conf}{auth}{extra}",
            dir.join("data").display()
        );
        std::fs::write(dir.join("config.yml"), config).unwrap();
        let child = Command::new("docker-registry")
            .args(["serve", dir.join("config.yml").to_str().unwrap()])
            .stdin(Stdio::null()).stdout(Stdio::null()).stderr(std::fs::File::create(dir.join("log")).unwrap())
            .spawn()
            .expect("docker-registry (Debian package) is needed");
        let reg = Registry { port, dir, child };
        let ok = super::wait_for(15, || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(ok, "the registry did not start: {}", std::fs::read_to_string(reg.dir.join("log")).unwrap_or_default());
        reg
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The file the registry keeps a blob's bytes in (for tampering).
    pub fn blob_file(&self, digest: &str) -> PathBuf {
        let hex = digest.trim_start_matches("sha256:");
        self.dir.join(format!("data/docker/registry/v2/blobs/sha256/{}/{hex}/data", &hex[..2]))
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn sha(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    format!("sha256:{}", h.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A layer as a tar built by `f`, returned uncompressed.
pub fn layer(f: impl FnOnce(&mut tar::Builder<Vec<u8>>)) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    f(&mut b);
    b.into_inner().unwrap()
}

pub fn put_blob(host: &str, repo: &str, bytes: &[u8], auth: Option<&str>) -> String {
    let digest = sha(bytes);
    let agent = ureq::AgentBuilder::new().build();
    let mut post = agent.post(&format!("http://{host}/v2/{repo}/blobs/uploads/"));
    if let Some(a) = auth {
        post = post.set("Authorization", a);
    }
    let resp = post.send_bytes(&[]).expect("starting an upload");
    let loc = resp.header("Location").unwrap().to_string();
    let loc = if loc.starts_with('/') { format!("http://{host}{loc}") } else { loc };
    let sep = if loc.contains('?') { '&' } else { '?' };
    let mut put = agent.put(&format!("{loc}{sep}digest={digest}")).set("Content-Type", "application/octet-stream");
    if let Some(a) = auth {
        put = put.set("Authorization", a);
    }
    put.send_bytes(bytes).expect("uploading a blob");
    digest
}

pub struct Crafted {
    pub manifest_digest: String,
    pub config_digest: String,
    pub layer_digests: Vec<String>,
}

/// Uploads an image of gzip layers; `diff_ids` may be overridden to tamper with the config.
pub fn upload_image(host: &str, repo: &str, tag: &str, layers: &[Vec<u8>], diff_ids: Option<Vec<String>>, cmd: &[&str]) -> Crafted {
    let mut layer_digests = Vec::new();
    let mut descs = Vec::new();
    for l in layers {
        let gz = gzip(l);
        let d = put_blob(host, repo, &gz, None);
        descs.push(serde_json::json!({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": gz.len()}));
        layer_digests.push(d);
    }
    let diff_ids = diff_ids.unwrap_or_else(|| layers.iter().map(|l| sha(l)).collect());
    let config = serde_json::json!({
        "created": "2026-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
        "config": {"Cmd": cmd, "Env": ["PATH=/bin"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    });
    let config_bytes = serde_json::to_vec(&config).unwrap();
    let config_digest = put_blob(host, repo, &config_bytes, None);
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_bytes.len()},
        "layers": descs,
    });
    let mbytes = serde_json::to_vec(&manifest).unwrap();
    ureq::put(&format!("http://{host}/v2/{repo}/manifests/{tag}"))
        .set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .send_bytes(&mbytes)
        .expect("uploading a manifest");
    Crafted { manifest_digest: sha(&mbytes), config_digest, layer_digests }
}

/// Uploads an index pointing at `manifest` (of `size` bytes) for the given platforms only.
pub fn upload_index(host: &str, repo: &str, tag: &str, entries: &[(&str, u64, &str)]) {
    let manifests: Vec<serde_json::Value> = entries.iter().map(|(d, size, arch)| serde_json::json!({
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": d, "size": size,
        "platform": {"architecture": arch, "os": "linux"}
    })).collect();
    let idx = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests});
    ureq::put(&format!("http://{host}/v2/{repo}/manifests/{tag}"))
        .set("Content-Type", "application/vnd.oci.image.index.v1+json")
        .send_bytes(&serde_json::to_vec(&idx).unwrap())
        .expect("uploading an index");
}
