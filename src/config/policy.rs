//! policy.json, as Podman (containers/image) reads it for pulls from registries:
//! `~/.config/containers/policy.json` when it exists, else `/etc/containers/policy.json`. No
//! file at all accepts anything (where Podman fails: a machine without containers-common
//! would otherwise pull nothing; Debian's own file accepts anything too). The requirements for a reference are those of the most specific scope of the
//! `docker` transport (`host/repo:tag`, `host/repo`, its namespaces, `host`, `*.domain`), else
//! its `""` scope, else `default`; every one of them must hold.

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::PathBuf;

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    InsecureAcceptAnything,
    Reject,
    /// Signed (simple signing) by one of these GPG keys (files, or the data itself).
    SignedBy { keys: Vec<KeySource>, identity: Identity },
    /// Signed (sigstore, an attachment in the registry) by this public key (a PEM file, or
    /// base64 of it).
    SigstoreSigned { key: KeySource, identity: Identity },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    Path(PathBuf),
    /// Base64 of the key (ring), as policy.json's keyData carries it.
    Data(String),
}

/// How the signed name must relate to the pulled one (signedIdentity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// The default: the same tag, or the same repository when pulled by digest.
    MatchRepoDigestOrExact,
    MatchRepository,
    MatchExact,
    ExactReference(String),
    ExactRepository(String),
}

#[derive(Debug, Default)]
pub struct Policy {
    default: Vec<Requirement>,
    docker: Vec<(String, Vec<Requirement>)>,
    /// Other transports' `""` scopes (their path scopes are not read).
    others: Vec<(String, Vec<Requirement>)>,
}

/// The file Podman reads.
pub fn path() -> PathBuf {
    super::user_or_system("containers/policy.json")
}

impl Policy {
    pub fn load() -> Result<Policy> {
        let p = path();
        match std::fs::read(&p) {
            Ok(bytes) => Policy::parse(&bytes).with_context(|| format!("reading the signature policy {}", p.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Policy { default: vec![Requirement::InsecureAcceptAnything], ..Default::default() }),
            Err(e) => Err(anyhow::Error::from(e).context(format!("reading the signature policy {}", p.display()))),
        }
    }

    pub fn parse(bytes: &[u8]) -> Result<Policy> {
        let v: Value = serde_json::from_slice(bytes).context("not JSON")?;
        let default = requirements(v.get("default").context("it has no \"default\" requirements")?)?;
        if default.is_empty() {
            bail!("\"default\" must name at least one requirement");
        }
        let mut docker = Vec::new();
        if let Some(d) = v.get("transports").and_then(|t| t.get("docker")) {
            let scopes = d.as_object().context("transports.docker must be a mapping of scopes")?;
            for (scope, reqs) in scopes {
                let reqs = requirements(reqs).with_context(|| format!("transports.docker.{scope:?}"))?;
                if reqs.is_empty() {
                    bail!("transports.docker.{scope:?}: the list of requirements must not be empty");
                }
                docker.push((scope.clone(), reqs));
            }
        }
        let mut others = Vec::new();
        for (name, scopes) in v.get("transports").and_then(Value::as_object).into_iter().flatten().filter(|(n, _)| n.as_str() != "docker") {
            let scopes = scopes.as_object().with_context(|| format!("transports.{name} must be a mapping of scopes"))?;
            for (scope, reqs) in scopes {
                let reqs = requirements(reqs).with_context(|| format!("transports.{name}.{scope:?}"))?;
                if reqs.is_empty() {
                    bail!("transports.{name}.{scope:?}: the list of requirements must not be empty");
                }
                if scope.is_empty() {
                    others.push((name.clone(), reqs));
                }
            }
        }
        Ok(Policy { default, docker, others })
    }

    /// The requirements for images read through `transport` (docker-archive, oci-archive, oci,
    /// dir): its `""` scope, else `default`.
    pub fn for_transport(&self, transport: &str) -> &[Requirement] {
        self.others.iter().find(|(t, _)| t == transport).map(|(_, r)| r.as_slice()).unwrap_or(&self.default)
    }

    /// The requirements for a pull of `repo` (`host/path`) by `tag_or_digest` (`:tag` or
    /// `@sha256:...`).
    pub fn for_docker(&self, repo: &str, tag_or_digest: &str) -> &[Requirement] {
        let scope = |name: &str| self.docker.iter().find(|(s, _)| s == name).map(|(_, r)| r.as_slice());
        super::scope_names(repo, tag_or_digest).iter().find_map(|n| scope(n)).or_else(|| scope("")).unwrap_or(&self.default)
    }
}

fn requirements(v: &Value) -> Result<Vec<Requirement>> {
    let list = v.as_array().context("requirements must be a list")?;
    list.iter().map(requirement).collect()
}

fn requirement(v: &Value) -> Result<Requirement> {
    let kind = v.get("type").and_then(Value::as_str).context("a requirement without a \"type\"")?;
    Ok(match kind {
        "insecureAcceptAnything" => Requirement::InsecureAcceptAnything,
        "reject" => Requirement::Reject,
        "sigstoreSigned" => {
            for unsupported in ["keyPaths", "fulcio", "rekorPublicKeyPath", "rekorPublicKeyData"] {
                if v.get(unsupported).is_some() {
                    bail!("sigstoreSigned: {unsupported} is not supported (keyPath or keyData is)");
                }
            }
            let key = match (v.get("keyPath").and_then(Value::as_str), v.get("keyData").and_then(Value::as_str)) {
                (Some(p), None) => KeySource::Path(PathBuf::from(p)),
                (None, Some(d)) => KeySource::Data(d.to_string()),
                (Some(_), Some(_)) => bail!("sigstoreSigned: give one of keyPath and keyData, not both"),
                (None, None) => bail!("sigstoreSigned needs keyPath or keyData"),
            };
            Requirement::SigstoreSigned { key, identity: identity(v)? }
        }
        "signedBy" => {
            let key_type = v.get("keyType").and_then(Value::as_str).unwrap_or("");
            if key_type != "GPGKeys" {
                bail!("signedBy: keyType {key_type:?} is not supported (GPGKeys is)");
            }
            let given = ["keyPath", "keyPaths", "keyData"].iter().filter(|k| v.get(**k).is_some()).count();
            if given > 1 {
                bail!("signedBy: give one of keyPath, keyPaths and keyData");
            }
            let mut keys = Vec::new();
            if let Some(p) = v.get("keyPath").and_then(Value::as_str) {
                keys.push(KeySource::Path(PathBuf::from(p)));
            }
            for p in v.get("keyPaths").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                keys.push(KeySource::Path(PathBuf::from(p)));
            }
            if let Some(d) = v.get("keyData").and_then(Value::as_str) {
                keys.push(KeySource::Data(d.to_string()));
            }
            if keys.is_empty() {
                bail!("signedBy needs keyPath, keyPaths or keyData");
            }
            Requirement::SignedBy { keys, identity: identity(v)? }
        }
        other => bail!("unknown requirement type {other:?}"),
    })
}

/// A requirement's signedIdentity (matchRepoDigestOrExact when it has none).
fn identity(v: &Value) -> Result<Identity> {
    Ok(match v.get("signedIdentity") {
        None => Identity::MatchRepoDigestOrExact,
        Some(i) => match i.get("type").and_then(Value::as_str).unwrap_or("") {
            "matchRepoDigestOrExact" => Identity::MatchRepoDigestOrExact,
            "matchRepository" => Identity::MatchRepository,
            "matchExact" => Identity::MatchExact,
            "exactReference" => Identity::ExactReference(i.get("dockerReference").and_then(Value::as_str).context("exactReference needs dockerReference")?.to_string()),
            "exactRepository" => Identity::ExactRepository(i.get("dockerRepository").and_then(Value::as_str).context("exactRepository needs dockerRepository")?.to_string()),
            other => bail!("signedIdentity type {other:?} is not supported"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_from_the_most_specific() {
        let p = Policy::parse(br#"{"default": [{"type": "reject"}], "transports": {"docker": {
            "r.example:5000/team/app:1": [{"type": "insecureAcceptAnything"}],
            "r.example:5000/team": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k.gpg"}],
            "*.example.org": [{"type": "insecureAcceptAnything"}, {"type": "sigstoreSigned", "keyPath": "/k.pub"}],
            "": [{"type": "insecureAcceptAnything"}]}}}"#).unwrap();
        assert_eq!(p.for_docker("r.example:5000/team/app", ":1"), [Requirement::InsecureAcceptAnything]);
        assert!(matches!(p.for_docker("r.example:5000/team/app", ":2")[0], Requirement::SignedBy { .. }));
        assert_eq!(p.for_docker("a.b.example.org/x", ":1").len(), 2);
        assert_eq!(p.for_docker("other.net/x", ":1"), [Requirement::InsecureAcceptAnything]);
        let strict = Policy::parse(br#"{"default": [{"type": "reject"}], "transports": {"docker-archive": {"": [{"type": "insecureAcceptAnything"}]}}}"#).unwrap();
        assert_eq!(strict.for_docker("other.net/x", ":1"), [Requirement::Reject]);
        assert_eq!(strict.for_transport("docker-archive"), [Requirement::InsecureAcceptAnything]);
        assert_eq!(strict.for_transport("oci-archive"), [Requirement::Reject]);
        assert!(Policy::parse(br#"{"default": []}"#).is_err());
        assert!(Policy::parse(br#"{"default": [{"type": "reject"}], "transports": {"docker": {"a.example/x": []}}}"#).is_err());
        assert!(Policy::parse(br#"{"default": [{"type": "reject"}], "transports": {"docker": []}}"#).is_err());
        // A port does not hide a host from its wildcard.
        assert_eq!(p.for_docker("reg.example.org:5000/x", ":1").len(), 2);
        assert!(Policy::parse(br#"{"default": [{"type": "signedBy", "keyType": "X509"}]}"#).is_err());
        assert!(matches!(&p.for_docker("a.b.example.org/x", ":1")[1], Requirement::SigstoreSigned { key: KeySource::Path(k), identity: Identity::MatchRepoDigestOrExact } if k == std::path::Path::new("/k.pub")));
        for bad in [r#"{"type": "sigstoreSigned"}"#, r#"{"type": "sigstoreSigned", "keyPath": "/a", "keyData": "Yg=="}"#, r#"{"type": "sigstoreSigned", "fulcio": {}}"#] {
            assert!(Policy::parse(format!(r#"{{"default": [{bad}]}}"#).as_bytes()).is_err(), "{bad}");
        }
    }
}
