//! A small token server speaking the distribution token protocol: it checks HTTP basic
//! credentials and answers `{"token": JWT}`, an RS256 JWT (signed with `openssl dgst`) that
//! carries its certificate in `x5c`, so a real docker-registry configured with
//! `auth.token.rootcertbundle` verifies it.
#![allow(dead_code)]

use base64::Engine as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const ISSUER: &str = "hutch-test-issuer";
pub const SERVICE: &str = "hutch-test-registry";

pub struct TokenServer {
    pub port: u16,
    pub cert: PathBuf,
}

fn b64url(b: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap_or(b'?'));
                i += 3;
            }
            b'+' => { out.push(b' '); i += 1; }
            c => { out.push(c); i += 1; }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sign(key: &Path, data: &str) -> Vec<u8> {
    let mut c = Command::new("openssl").args(["dgst", "-sha256", "-sign", key.to_str().unwrap()])
        .stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    c.stdin.take().unwrap().write_all(data.as_bytes()).unwrap();
    c.wait_with_output().unwrap().stdout
}

impl TokenServer {
    /// Serves tokens to `user:password` only.
    pub fn start(dir: &Path, user: &str, password: &str) -> TokenServer {
        let key = dir.join("token.key");
        let cert = dir.join("token.pem");
        let st = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=hutch token signer",
                   "-keyout", key.to_str().unwrap(), "-out", cert.to_str().unwrap()])
            .stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
        assert!(st.success());
        let der = Command::new("openssl").args(["x509", "-in", cert.to_str().unwrap(), "-outform", "DER"]).output().unwrap().stdout;
        let x5c = base64::engine::general_purpose::STANDARD.encode(&der);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let want = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                if reader.read_line(&mut first).is_err() {
                    continue;
                }
                let mut auth = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Authorization: ").or_else(|| line.strip_prefix("authorization: ")) {
                        auth = Some(v.trim().to_string());
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("");
                let query = path.split_once('?').map(|(_, q)| q).unwrap_or("");
                let mut scope = String::new();
                for kv in query.split('&') {
                    if let Some(v) = kv.strip_prefix("scope=") {
                        scope = url_decode(v);
                    }
                }
                let mut out = stream;
                if auth.as_deref() != Some(want.as_str()) {
                    let body = r#"{"details":"incorrect username or password"}"#;
                    let _ = write!(out, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                    continue;
                }
                let mut access = Vec::new();
                let parts: Vec<&str> = scope.split(':').collect();
                if parts.len() == 3 {
                    let actions: Vec<&str> = parts[2].split(',').collect();
                    access.push(serde_json::json!({"type": parts[0], "name": parts[1], "actions": actions}));
                }
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
                let header = serde_json::json!({"typ": "JWT", "alg": "RS256", "x5c": [x5c]});
                let claims = serde_json::json!({"iss": ISSUER, "sub": "alice", "aud": SERVICE, "exp": now + 600,
                    "nbf": now - 60, "iat": now, "jti": format!("{now}-{port}"), "access": access});
                let signing = format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()));
                let jwt = format!("{signing}.{}", b64url(&sign(&key, &signing)));
                let body = serde_json::json!({"token": jwt, "access_token": jwt, "expires_in": 600}).to_string();
                let _ = write!(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
            }
        });
        TokenServer { port, cert }
    }

    /// The registry config section that makes it ask this server for tokens.
    pub fn registry_config(&self) -> String {
        format!(
            "auth:\n  token:\n    realm: http://127.0.0.1:{}/token\n    service: {SERVICE}\n    issuer: {ISSUER}\n    rootcertbundle: {}\n",
            self.port,
            self.cert.display()
        )
    }
}
