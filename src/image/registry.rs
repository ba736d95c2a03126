//! A client for the OCI distribution protocol (Docker Registry HTTP API v2), blocking, over
//! ureq: ping and auth challenges (anonymous, HTTP basic, Bearer tokens from the registry's
//! WWW-Authenticate realm), manifests with digest checks, blob download and upload,
//! retries with backoff on transient failures, and bounded time for every request.

use crate::config::auth::Credentials;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

pub const MT_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MT_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MT_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MT_DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const MAX_MANIFEST: u64 = 4 << 20;

/// Where to reach a registry and how.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// As named in image references (`docker.io`, `localhost:5000`).
    pub name: String,
    /// The host actually contacted (`registry-1.docker.io` for docker.io).
    pub host: String,
    /// Plain HTTP allowed (registries.conf `insecure = true` or `--tls-verify=false`).
    pub insecure: bool,
    /// `--cert-dir`: read before the certs.d directories.
    pub cert_dir: Option<std::path::PathBuf>,
}

impl Endpoint {
    pub fn new(name: &str, insecure: bool) -> Endpoint {
        let host = if name == "docker.io" { "registry-1.docker.io".to_string() } else { name.to_string() };
        Endpoint { name: name.to_string(), host, insecure, cert_dir: None }
    }

    pub fn with_cert_dir(mut self, dir: Option<std::path::PathBuf>) -> Endpoint {
        self.cert_dir = dir;
        self
    }
}

#[derive(Debug, Clone)]
enum Auth {
    None,
    Basic,
    Bearer { realm: String, service: Option<String> },
}

pub struct Client {
    agent: ureq::Agent,
    pub endpoint: Endpoint,
    /// The repository path on this registry (`library/alpine`).
    pub repo: String,
    push: bool,
    creds: Option<Credentials>,
    scheme: Mutex<Option<&'static str>>,
    auth: Mutex<Option<Auth>>,
    token: Mutex<Option<String>>,
}

/// Seconds a registry may take to answer before we give up (`HUTCH_REGISTRY_TIMEOUT`).
fn timeout() -> Duration {
    let secs = std::env::var("HUTCH_REGISTRY_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    Duration::from_secs(secs)
}

fn parse_challenge(h: &str) -> Option<Auth> {
    let h = h.trim();
    let (scheme, rest) = h.split_once(' ').unwrap_or((h, ""));
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => Some(Auth::Basic),
        "bearer" => {
            let mut realm = None;
            let mut service = None;
            // key="value" pairs separated by commas; values may hold commas inside quotes.
            let mut rest = rest.trim();
            while !rest.is_empty() {
                let (k, after) = rest.split_once('=')?;
                let after = after.trim_start();
                let (v, next) = if let Some(q) = after.strip_prefix('"') {
                    let end = q.find('"')?;
                    (&q[..end], q[end + 1..].trim_start_matches([',', ' ']))
                } else {
                    let end = after.find(',').unwrap_or(after.len());
                    (&after[..end], after[end..].trim_start_matches([',', ' ']))
                };
                match k.trim().to_ascii_lowercase().as_str() {
                    "realm" => realm = Some(v.to_string()),
                    "service" => service = Some(v.to_string()),
                    _ => {}
                }
                rest = next;
            }
            Some(Auth::Bearer { realm: realm?, service })
        }
        _ => None,
    }
}

fn transient(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::util::hex(&Sha256::digest(bytes))
}

impl Client {
    pub fn new(endpoint: Endpoint, repo: &str, push: bool, creds: Option<Credentials>) -> Result<Client> {
        let mut builder = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout_read(timeout())
            .timeout_write(timeout())
            .user_agent(concat!("hutch/", env!("CARGO_PKG_VERSION")))
            .try_proxy_from_env(true);
        if let Some(tls) = crate::image::tls::config_for(&endpoint.host, !endpoint.insecure, endpoint.cert_dir.as_deref())? {
            builder = builder.tls_config(tls);
        }
        let agent = builder.build();
        Ok(Client {
            agent,
            endpoint,
            repo: repo.to_string(),
            push,
            creds,
            scheme: Mutex::new(None),
            auth: Mutex::new(None),
            token: Mutex::new(None),
        })
    }

    fn base(&self) -> Result<String> {
        let scheme = self.ensure_pinged()?;
        Ok(format!("{scheme}://{}", self.endpoint.host))
    }

    /// GET /v2/: finds the scheme (https, or http for an insecure registry) and the auth
    /// challenge.
    fn ensure_pinged(&self) -> Result<&'static str> {
        if let Some(s) = *self.scheme.lock().unwrap_or_else(|e| e.into_inner()) {
            return Ok(s);
        }
        let schemes: &[&'static str] = if self.endpoint.insecure { &["https", "http"] } else { &["https"] };
        let mut last_err = None;
        for &scheme in schemes {
            let url = format!("{scheme}://{}/v2/", self.endpoint.host);
            // Probing HTTPS on a registry that may speak plain HTTP: one try, no backoff.
            let probing = scheme == "https" && schemes.len() > 1;
            let answer = if probing { self.agent.get(&url).call() } else { self.with_retries(|| self.agent.get(&url).call()) };
            match answer {
                Ok(_) => {
                    *self.auth.lock().unwrap_or_else(|e| e.into_inner()) = Some(Auth::None);
                }
                Err(ureq::Error::Status(401, resp)) => {
                    let auth = resp.header("WWW-Authenticate").and_then(parse_challenge).unwrap_or(Auth::Basic);
                    *self.auth.lock().unwrap_or_else(|e| e.into_inner()) = Some(auth);
                }
                Err(ureq::Error::Status(code, _)) => {
                    last_err = Some(anyhow!("{url} answered {code}: is {} a container registry?", self.endpoint.name));
                    continue;
                }
                Err(e) => {
                    last_err = Some(self.transport_error(&url, e));
                    continue;
                }
            }
            *self.scheme.lock().unwrap_or_else(|e| e.into_inner()) = Some(scheme);
            return Ok(scheme);
        }
        Err(last_err.unwrap_or_else(|| anyhow!("cannot reach {}", self.endpoint.name)))
    }

    fn transport_error(&self, url: &str, e: ureq::Error) -> anyhow::Error {
        let text = e.to_string();
        let hint = if text.contains("InvalidCertificate") || text.contains("certificate") {
            format!(
                ": the registry's TLS certificate is not trusted; put its CA certificate in \
                 ~/.config/containers/certs.d/{}/ca.crt, or, if you trust the network, mark it \
                 `insecure = true` in registries.conf or pass --tls-verify=false",
                self.endpoint.name
            )
        } else if text.contains("timed out") {
            format!(" (no answer within {} s; set HUTCH_REGISTRY_TIMEOUT to wait longer)", timeout().as_secs())
        } else if !self.endpoint.insecure && (text.contains("Connection refused") || text.contains("InvalidContentType") || text.contains("corrupt")) {
            format!(" (if {} serves plain HTTP, mark it `insecure = true` in registries.conf or pass --tls-verify=false)", self.endpoint.name)
        } else {
            String::new()
        };
        anyhow!("contacting {url}: {text}{hint}")
    }

    fn with_retries<F>(&self, mut f: F) -> Result<ureq::Response, ureq::Error>
    where
        F: FnMut() -> Result<ureq::Response, ureq::Error>,
    {
        let mut delay = Duration::from_millis(200);
        for attempt in 0.. {
            match f() {
                Err(ureq::Error::Status(code, resp)) if transient(code) && attempt < 3 => {
                    let wait = resp.header("Retry-After").and_then(|s| s.parse::<u64>().ok())
                        .map(|s| Duration::from_secs(s.min(10))).unwrap_or(delay);
                    std::thread::sleep(wait);
                }
                Err(ureq::Error::Transport(t)) if attempt < 3 && matches!(t.kind(), ureq::ErrorKind::Io | ureq::ErrorKind::ConnectionFailed) && !t.to_string().contains("timed out") => {
                    std::thread::sleep(delay);
                }
                other => return other,
            }
            delay *= 2;
        }
        unreachable!()
    }

    fn scope(&self) -> String {
        // A client for no repository reads the registry's catalog.
        if self.repo.is_empty() {
            return "registry:catalog:*".to_string();
        }
        format!("repository:{}:{}", self.repo, if self.push { "pull,push" } else { "pull" })
    }

    fn fetch_token(&self, realm: &str, service: Option<&str>) -> Result<String> {
        let mut req = self.agent.get(realm).query("scope", &self.scope());
        if let Some(s) = service {
            req = req.query("service", s);
        }
        if let Some(c) = &self.creds {
            req = req.set("Authorization", &basic_header(c));
        }
        let resp = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Status(401, _)) if self.creds.is_none() => bail!(
                "{}: authentication required: log in with `hutch login {}`",
                self.endpoint.name,
                self.endpoint.name
            ),
            Err(ureq::Error::Status(401, _)) => bail!(
                "{}: invalid username or password (token service {realm} refused them)",
                self.endpoint.name
            ),
            Err(ureq::Error::Status(code, r)) => bail!("token service {realm} answered {code}: {}", r.into_string().unwrap_or_default().trim()),
            Err(e) => return Err(self.transport_error(realm, e)),
        };
        let text = resp.into_string().context("reading the token service's answer")?;
        let v: serde_json::Value = serde_json::from_str(&text).context("the token service sent no JSON")?;
        v.get("token").or_else(|| v.get("access_token")).and_then(|t| t.as_str()).map(String::from)
            .context("the token service's answer holds no token")
    }

    fn authorization(&self) -> Result<Option<String>> {
        let auth = self.auth.lock().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or(Auth::None);
        Ok(match auth {
            Auth::None => None,
            Auth::Basic => self.creds.as_ref().map(basic_header),
            Auth::Bearer { realm, service } => {
                let mut tok = self.token.lock().unwrap_or_else(|e| e.into_inner());
                if tok.is_none() {
                    *tok = Some(self.fetch_token(&realm, service.as_deref())?);
                }
                tok.clone().map(|t| format!("Bearer {t}"))
            }
        })
    }

    /// Sends a request built by `build` (called again for retries), authorised.
    fn send(&self, what: &str, build: &dyn Fn(&ureq::Agent) -> ureq::Request, body: Option<&[u8]>) -> Result<ureq::Response> {
        self.ensure_pinged()?;
        let auth = self.authorization()?;
        let call = || {
            let mut req = build(&self.agent);
            if let Some(a) = &auth {
                req = req.set("Authorization", a);
            }
            match body {
                Some(b) => req.send_bytes(b),
                None => req.call(),
            }
        };
        match self.with_retries(call) {
            Ok(r) => Ok(r),
            Err(ureq::Error::Status(code, resp)) => Err(self.status_error(what, code, resp)),
            Err(e) => Err(self.transport_error(what, e)),
        }
    }

    fn status_error(&self, what: &str, code: u16, resp: ureq::Response) -> anyhow::Error {
        let body = resp.into_string().unwrap_or_default();
        let detail = serde_json::from_str::<serde_json::Value>(&body).ok()
            .and_then(|v| v["errors"][0]["message"].as_str().map(String::from))
            .unwrap_or_else(|| body.trim().chars().take(200).collect());
        let name = &self.endpoint.name;
        match code {
            401 if self.creds.is_none() => anyhow!("{what}: authentication required: log in with `hutch login {name}`"),
            401 => anyhow!("{what}: {name} refused the credentials (invalid username or password?)"),
            403 => anyhow!("{what}: access denied by {name}: {detail}"),
            404 => anyhow!("{what}: not found on {name}: {detail}"),
            _ => anyhow!("{what}: {name} answered {code}: {detail}"),
        }
    }

    /// Fetches a manifest (or index) by tag or digest; returns (media type, digest, bytes).
    /// The bytes are checked against the digest asked for, or the one the registry states.
    pub fn get_manifest(&self, reference: &str) -> Result<(String, String, Vec<u8>)> {
        let url = format!("{}/v2/{}/manifests/{reference}", self.base()?, self.repo);
        let accept = [MT_OCI_MANIFEST, MT_OCI_INDEX, MT_DOCKER_MANIFEST, MT_DOCKER_LIST].join(", ");
        let what = format!("reading manifest {reference} of {}/{}", self.endpoint.name, self.repo);
        let resp = self.send(&what, &|a| a.get(&url).set("Accept", &accept), None)?;
        let stated = resp.header("Docker-Content-Digest").map(String::from);
        let media = resp.header("Content-Type").unwrap_or("").split(';').next().unwrap_or("").trim().to_string();
        let mut bytes = Vec::new();
        resp.into_reader().take(MAX_MANIFEST + 1).read_to_end(&mut bytes).with_context(|| what.clone())?;
        if bytes.len() as u64 > MAX_MANIFEST {
            bail!("{what}: the manifest is larger than 4 MiB");
        }
        let digest = format!("sha256:{}", sha256_hex(&bytes));
        let expected = if reference.starts_with("sha256:") { Some(reference.to_string()) } else { stated.filter(|d| d.starts_with("sha256:")) };
        if let Some(exp) = expected {
            if exp != digest {
                bail!("{what}: manifest digest mismatch: expected {exp}, the content hashes to {digest}");
            }
        }
        let media = if media.is_empty() || media == "application/json" || media == "text/plain" {
            serde_json::from_slice::<serde_json::Value>(&bytes).ok()
                .and_then(|v| v["mediaType"].as_str().map(String::from))
                .unwrap_or_else(|| MT_OCI_MANIFEST.to_string())
        } else {
            media
        };
        Ok((media, digest, bytes))
    }

    /// GETs a JSON listing and the pages its `Link` headers name, handing each page to
    /// `page` until it returns false.
    fn paged_json(&self, path: &str, what: &str, page: &mut dyn FnMut(&serde_json::Value) -> bool) -> Result<()> {
        let base = self.base()?;
        let mut url = format!("{base}{path}");
        for _ in 0..1000 {
            let resp = self.send(what, &|a| a.get(&url), None)?;
            let next = resp.header("Link").and_then(|l| l.split(';').next()).map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string());
            let mut bytes = Vec::new();
            resp.into_reader().take(MAX_MANIFEST + 1).read_to_end(&mut bytes).with_context(|| what.to_string())?;
            let v: serde_json::Value = serde_json::from_slice(&bytes).with_context(|| format!("{what}: the registry's answer is not JSON"))?;
            if !page(&v) {
                return Ok(());
            }
            match next {
                Some(n) if n.starts_with('/') => url = format!("{base}{n}"),
                Some(n) if n.starts_with("http") => url = n,
                _ => return Ok(()),
            }
        }
        bail!("{what}: more than 1000 pages")
    }

    /// The repository's tags (`/v2/NAME/tags/list`, following the `Link` pages).
    pub fn list_tags(&self) -> Result<Vec<String>> {
        let what = format!("listing the tags of {}/{}", self.endpoint.name, self.repo);
        let mut tags = Vec::new();
        self.paged_json(&format!("/v2/{}/tags/list?n=1000", self.repo), &what, &mut |v| {
            tags.extend(v["tags"].as_array().into_iter().flatten().filter_map(|t| t.as_str().map(String::from)));
            true
        })?;
        Ok(tags)
    }

    /// `search`: the registry's v1 search (Docker Hub's), as JSON results; None where the
    /// registry has no such endpoint (a v2-only registry).
    pub fn v1_search(&self, term: &str, limit: usize) -> Result<Option<Vec<serde_json::Value>>> {
        let url = format!("{}/v1/search", self.base()?);
        let what = format!("searching {}", self.endpoint.name);
        let Ok(resp) = self.agent.get(&url).query("q", term).query("n", &limit.to_string()).call() else { return Ok(None) };
        let mut bytes = Vec::new();
        resp.into_reader().take(MAX_MANIFEST + 1).read_to_end(&mut bytes).with_context(|| what.clone())?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).with_context(|| format!("{what}: the registry's answer is not JSON"))?;
        Ok(v["results"].as_array().cloned())
    }

    /// `search` on a v2 registry: the repositories of its catalog (`/v2/_catalog`, following
    /// the `Link` pages) whose names contain `term`, at most `limit`.
    pub fn catalog(&self, term: &str, limit: usize) -> Result<Vec<String>> {
        let what = format!("reading the catalog of {}", self.endpoint.name);
        let mut out = Vec::new();
        self.paged_json("/v2/_catalog", &what, &mut |v| {
            for r in v["repositories"].as_array().into_iter().flatten().filter_map(|r| r.as_str()) {
                if out.len() == limit {
                    return false;
                }
                if r.contains(term) {
                    out.push(r.to_string());
                }
            }
            out.len() < limit
        })?;
        Ok(out)
    }

    /// Opens a blob for reading; returns the body and its length if stated.
    pub fn get_blob(&self, digest: &str) -> Result<(Box<dyn Read + Send>, Option<u64>)> {
        let url = format!("{}/v2/{}/blobs/{digest}", self.base()?, self.repo);
        let what = format!("fetching blob {digest} from {}/{}", self.endpoint.name, self.repo);
        let resp = self.send(&what, &|a| a.get(&url), None)?;
        let len = resp.header("Content-Length").and_then(|s| s.parse().ok());
        Ok((resp.into_reader(), len))
    }

    pub fn blob_exists(&self, digest: &str) -> Result<bool> {
        let url = format!("{}/v2/{}/blobs/{digest}", self.base()?, self.repo);
        let what = format!("checking blob {digest} on {}/{}", self.endpoint.name, self.repo);
        match self.send(&what, &|a| a.head(&url), None) {
            Ok(_) => Ok(true),
            Err(e) if e.to_string().contains("not found on") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Uploads a blob from a file (a monolithic upload: POST, then PUT with the digest).
    pub fn put_blob(&self, digest: &str, path: &std::path::Path) -> Result<()> {
        let size = std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len();
        self.upload(digest, size, &|| Ok(Box::new(std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?)))
    }

    /// Uploads a small blob held in memory.
    pub fn put_blob_bytes(&self, digest: &str, bytes: &[u8]) -> Result<()> {
        self.upload(digest, bytes.len() as u64, &|| Ok(Box::new(bytes)))
    }

    /// A monolithic upload of `size` bytes that `open` reads (again for each attempt).
    fn upload<'a>(&self, digest: &str, size: u64, open: &dyn Fn() -> Result<Box<dyn Read + 'a>>) -> Result<()> {
        let base = self.base()?;
        let what = format!("uploading blob {digest} to {}/{}", self.endpoint.name, self.repo);
        let url = format!("{base}/v2/{}/blobs/uploads/", self.repo);
        let resp = self.send(&what, &|a| a.post(&url).set("Content-Length", "0"), Some(&[]))?;
        let loc = resp.header("Location").context("the registry gave no upload location")?.to_string();
        let loc = if loc.starts_with('/') { format!("{base}{loc}") } else { loc };
        let sep = if loc.contains('?') { '&' } else { '?' };
        let put_url = format!("{loc}{sep}digest={digest}");
        let auth = self.authorization()?;
        let mut attempt = 0;
        loop {
            let file = open()?;
            let mut req = self.agent.put(&put_url).set("Content-Type", "application/octet-stream").set("Content-Length", &size.to_string());
            if let Some(a) = &auth {
                req = req.set("Authorization", a);
            }
            match req.send(file) {
                Ok(_) => return Ok(()),
                Err(ureq::Error::Status(code, _)) if transient(code) && attempt < 2 => {}
                Err(ureq::Error::Status(code, r)) => return Err(self.status_error(&what, code, r)),
                Err(e) if attempt >= 2 => return Err(self.transport_error(&what, e)),
                Err(_) => {}
            }
            attempt += 1;
            std::thread::sleep(Duration::from_millis(300 << attempt));
        }
    }

    /// `get_manifest`, or None where the registry has no such manifest.
    pub fn find_manifest(&self, reference: &str) -> Result<Option<(String, String, Vec<u8>)>> {
        match self.get_manifest(reference) {
            Ok(m) => Ok(Some(m)),
            Err(e) if e.to_string().contains("not found on") => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn put_manifest(&self, reference: &str, media_type: &str, bytes: &[u8]) -> Result<()> {
        let url = format!("{}/v2/{}/manifests/{reference}", self.base()?, self.repo);
        let what = format!("writing manifest {reference} to {}/{}", self.endpoint.name, self.repo);
        self.send(&what, &|a| a.put(&url).set("Content-Type", media_type), Some(bytes))?;
        Ok(())
    }

    /// Checks that the credentials are accepted (for `login`).
    pub fn check_login(&self) -> Result<()> {
        self.ensure_pinged()?;
        let auth = self.auth.lock().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or(Auth::None);
        match auth {
            Auth::None => Ok(()),
            Auth::Bearer { realm, service } => self.fetch_token(&realm, service.as_deref()).map(|_| ()),
            Auth::Basic => {
                let url = format!("{}/v2/", self.base()?);
                let what = format!("logging in to {}", self.endpoint.name);
                self.send(&what, &|a| a.get(&url), None).map(|_| ())
            }
        }
    }
}

fn basic_header(c: &Credentials) -> String {
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", c.username, c.password)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_challenges() {
        match parse_challenge(r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a:pull,push""#) {
            Some(Auth::Bearer { realm, service }) => {
                assert_eq!(realm, "https://auth.docker.io/token");
                assert_eq!(service.as_deref(), Some("registry.docker.io"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_challenge(r#"Basic realm="x""#), Some(Auth::Basic)));
        assert!(parse_challenge("Negotiate").is_none());
    }
}
