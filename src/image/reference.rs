//! Image references as Podman parses them (the distribution grammar):
//! `[domain[:port]/]path[:tag][@algo:hex]`, lowercase path components, docker.io normalised.

use std::fmt;

pub const DEFAULT_DOMAIN: &str = "docker.io";
pub const DEFAULT_TAG: &str = "latest";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Registry host[:port]; `None` for a short name such as `alpine`.
    pub domain: Option<String>,
    /// Repository path, e.g. `library/alpine`.
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ReferenceError(pub String);

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ReferenceError {}

fn err(input: &str, what: String) -> ReferenceError {
    ReferenceError(format!("invalid reference format `{input}`: {what}"))
}

fn is_path_component(c: &str) -> bool {
    // [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
    let b = c.as_bytes();
    if b.is_empty() || !is_alnum(b[0]) || !is_alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !is_alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

fn is_domain(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, Some(p)),
        _ => (d, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    if host.starts_with('[') && host.ends_with(']') {
        return host[1..host.len() - 1].bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
    }
    !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn is_tag(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && (b[0].is_ascii_alphanumeric() || b[0] == b'_')
        && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'_' || x == b'.' || x == b'-')
}

/// Checks `algo:hex` (sha256 with 64 hex digits, sha512 with 128).
pub fn check_digest(d: &str) -> Result<(), String> {
    let (algo, hex) = d.split_once(':').ok_or_else(|| format!("digest `{d}` has no algorithm"))?;
    let want = match algo {
        "sha256" => 64,
        "sha512" => 128,
        _ => return Err(format!("digest algorithm `{algo}` is not supported (use sha256)")),
    };
    if hex.len() != want || !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(format!("digest `{d}` must be {algo}: and {want} lowercase hex digits"));
    }
    Ok(())
}

impl Reference {
    pub fn parse(input: &str) -> Result<Reference, ReferenceError> {
        if input.is_empty() {
            return Err(ReferenceError("invalid reference format: the image name is empty".into()));
        }
        let (rest, digest) = match input.split_once('@') {
            Some((r, d)) => {
                check_digest(d).map_err(|e| err(input, e))?;
                (r, Some(d.to_string()))
            }
            None => (input, None),
        };
        // A tag follows the last ':' that comes after the last '/'.
        let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let t = &rest[last_slash + i + 1..];
                if !is_tag(t) {
                    return Err(err(input, format!("tag `{t}` may hold only letters, digits, `_`, `.` and `-` (at most 128, not starting with `.` or `-`)")));
                }
                (&rest[..last_slash + i], Some(t.to_string()))
            }
            None => (rest, None),
        };
        if name.is_empty() {
            return Err(err(input, "the repository name is empty".into()));
        }
        if name.len() > 255 {
            return Err(err(input, "the repository name is longer than 255 characters".into()));
        }
        let (domain, path) = match name.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost"
                    || first.bytes().any(|b| b.is_ascii_uppercase()) =>
            {
                if !is_domain(first) {
                    return Err(err(input, format!("registry `{first}` is not a valid host[:port]")));
                }
                (Some(first.to_string()), rest)
            }
            _ => (None, name),
        };
        for comp in path.split('/') {
            if comp.bytes().any(|b| b.is_ascii_uppercase()) {
                return Err(err(input, format!("repository name `{comp}` must be lowercase")));
            }
            if !is_path_component(comp) {
                return Err(err(input, format!(
                    "`{comp}` is not a valid repository name component (lowercase letters and digits, separated by `.`, `_`, `__` or `-`)"
                )));
            }
        }
        Ok(Reference { domain, path: path.to_string(), tag, digest })
    }

    /// Fully qualified with Docker's defaults: `alpine` → `docker.io/library/alpine:latest`.
    pub fn normalized(&self) -> Reference {
        self.qualified_with(DEFAULT_DOMAIN)
    }

    /// Fully qualified under `domain` when it has none (`demo` → `localhost/demo:latest`).
    pub fn qualified_with(&self, domain: &str) -> Reference {
        let d = self.domain.clone().unwrap_or_else(|| domain.to_string());
        let path = if d == DEFAULT_DOMAIN && !self.path.contains('/') {
            format!("library/{}", self.path)
        } else {
            self.path.clone()
        };
        let tag = if self.tag.is_none() && self.digest.is_none() {
            Some(DEFAULT_TAG.to_string())
        } else {
            self.tag.clone()
        };
        Reference { domain: Some(d), path, tag, digest: self.digest.clone() }
    }

    /// `domain/path` without tag or digest.
    pub fn repository(&self) -> String {
        match &self.domain {
            Some(d) => format!("{d}/{}", self.path),
            None => self.path.clone(),
        }
    }

    /// Whether a stored, fully qualified name answers to this (possibly short) reference,
    /// as Podman's local lookup does: `demo` matches `localhost/demo:latest`, and `alpine`
    /// matches `docker.io/library/alpine:latest` and `quay.io/x/alpine:latest` alike.
    pub fn matches_stored(&self, stored: &Reference) -> bool {
        let want_tag = self.tag.clone().or_else(|| self.digest.is_none().then(|| DEFAULT_TAG.to_string()));
        if want_tag != stored.tag {
            return false;
        }
        if self.digest.is_some() && self.digest != stored.digest {
            return false;
        }
        match &self.domain {
            Some(_) => self.normalized().repository() == stored.repository(),
            None => {
                let sp = &stored.path;
                sp == &self.path
                    || sp.strip_prefix("library/") == Some(self.path.as_str())
                    || sp.ends_with(&format!("/{}", self.path))
            }
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repository())?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Reference::parse(s).unwrap().normalized().to_string()
    }

    #[test]
    fn normalises_like_docker() {
        assert_eq!(norm("alpine"), "docker.io/library/alpine:latest");
        assert_eq!(norm("alpine:3.20"), "docker.io/library/alpine:3.20");
        assert_eq!(norm("org/app"), "docker.io/org/app:latest");
        assert_eq!(norm("ghcr.io/org/app:1.2"), "ghcr.io/org/app:1.2");
        assert_eq!(norm("localhost:5000/x"), "localhost:5000/x:latest");
        assert_eq!(norm("localhost/demo"), "localhost/demo:latest");
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(norm(&format!("alpine@{d}")), format!("docker.io/library/alpine@{d}"));
        assert_eq!(norm(&format!("alpine:1@{d}")), format!("docker.io/library/alpine:1@{d}"));
    }

    #[test]
    fn refuses_malformed_and_says_where() {
        for (input, needle) in [
            ("Alpine", "must be lowercase"),
            ("alpine:", "tag ``"),
            ("alpine:-x", "tag `-x`"),
            ("alpine@sha256:abc", "64 lowercase hex"),
            ("a//b", "not a valid repository name component"),
            ("a/b_", "`b_`"),
            ("", "empty"),
            ("reg:x/y", "not a valid host"),
        ] {
            let e = Reference::parse(input).unwrap_err().0;
            assert!(e.contains(needle), "{input}: {e}");
        }
    }

    #[test]
    fn short_names_match_stored_names() {
        let stored = Reference::parse("localhost/demo:latest").unwrap();
        assert!(Reference::parse("demo").unwrap().matches_stored(&stored));
        assert!(Reference::parse("localhost/demo").unwrap().matches_stored(&stored));
        assert!(!Reference::parse("demo:2").unwrap().matches_stored(&stored));
        assert!(!Reference::parse("mo").unwrap().matches_stored(&stored));
        let lib = Reference::parse("docker.io/library/alpine:latest").unwrap();
        assert!(Reference::parse("alpine").unwrap().matches_stored(&lib));
        assert!(Reference::parse("docker.io/alpine").unwrap().matches_stored(&lib));
    }
}
