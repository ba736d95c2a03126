//! containers/image transports in image names, as `pull`, `push`, `run` and `create` take them:
//! `docker://REF`, `docker-archive:PATH[:REF]`, `oci-archive:PATH[:REF]`, `oci:DIR[:REF]`,
//! `dir:DIR`, `containers-storage:[[DRIVER@]ROOT[+RUNROOT]]REF`. Pure; unit-tested.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// A registry (also a name without a transport).
    Docker(String),
    DockerArchive { path: String, reference: Option<String> },
    OciArchive { path: String, reference: Option<String> },
    /// An OCI image layout directory.
    Oci { path: String, reference: Option<String> },
    /// containers/image's directory format: `manifest.json` and blobs named by their digest.
    Dir(String),
    /// The local store.
    ContainersStorage(String),
}

const PREFIXES: &[&str] = &["docker://", "docker-archive:", "oci-archive:", "oci:", "dir:", "containers-storage:", "docker-daemon:", "sif:", "ostree:"];

/// Whether `name` starts with a transport (`alpine` and `localhost:5000/x` do not).
pub fn has_transport(name: &str) -> bool {
    PREFIXES.iter().any(|p| name.starts_with(p))
}

/// `PATH[:REF]`, split at the first `:` as containers/image splits it (a path holds none).
fn path_and_ref(rest: &str) -> (String, Option<String>) {
    match rest.split_once(':') {
        Some((path, r)) if !r.is_empty() => (path.to_string(), Some(r.to_string())),
        Some((path, _)) => (path.to_string(), None),
        None => (rest.to_string(), None),
    }
}

pub fn parse(name: &str) -> Result<Transport, String> {
    if let Some(r) = name.strip_prefix("docker://") {
        return Ok(Transport::Docker(r.to_string()));
    }
    let non_empty = |t: &str, p: &str| if p.is_empty() { Err(format!("{t}: a path is required (e.g. {t}/tmp/image.tar)")) } else { Ok(()) };
    if let Some(rest) = name.strip_prefix("docker-archive:") {
        let (path, reference) = path_and_ref(rest);
        non_empty("docker-archive:", &path)?;
        return Ok(Transport::DockerArchive { path, reference });
    }
    if let Some(rest) = name.strip_prefix("oci-archive:") {
        let (path, reference) = path_and_ref(rest);
        non_empty("oci-archive:", &path)?;
        return Ok(Transport::OciArchive { path, reference });
    }
    if let Some(rest) = name.strip_prefix("oci:") {
        let (path, reference) = path_and_ref(rest);
        non_empty("oci:", &path)?;
        return Ok(Transport::Oci { path, reference });
    }
    if let Some(path) = name.strip_prefix("dir:") {
        non_empty("dir:", path)?;
        return Ok(Transport::Dir(path.to_string()));
    }
    if let Some(rest) = name.strip_prefix("containers-storage:") {
        // `[DRIVER@ROOT+RUNROOT]REF`: only the reference is used (hutch has one store).
        let r = match rest.strip_prefix('[') {
            Some(spec) => spec.split_once(']').map(|(_, r)| r).ok_or_else(|| format!("{name}: `[` without `]`"))?,
            None => rest,
        };
        return Ok(Transport::ContainersStorage(r.to_string()));
    }
    for t in ["docker-daemon:", "sif:", "ostree:"] {
        if name.starts_with(t) {
            return Err(format!("{name}: the {} transport is not supported by hutch (there is no Docker daemon, SIF or OSTree support); use docker://, docker-archive:, oci-archive:, oci:, dir: or containers-storage:", t.trim_end_matches(':')));
        }
    }
    Ok(Transport::Docker(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_transport_names() {
        assert_eq!(parse("alpine").unwrap(), Transport::Docker("alpine".into()));
        assert_eq!(parse("localhost:5000/a:1").unwrap(), Transport::Docker("localhost:5000/a:1".into()));
        assert_eq!(parse("docker://quay.io/a/b:1").unwrap(), Transport::Docker("quay.io/a/b:1".into()));
        assert_eq!(parse("docker-archive:/tmp/x.tar").unwrap(), Transport::DockerArchive { path: "/tmp/x.tar".into(), reference: None });
        assert_eq!(parse("docker-archive:/tmp/x.tar:app:1").unwrap(), Transport::DockerArchive { path: "/tmp/x.tar".into(), reference: Some("app:1".into()) });
        assert_eq!(parse("oci-archive:x.tar:app").unwrap(), Transport::OciArchive { path: "x.tar".into(), reference: Some("app".into()) });
        assert_eq!(parse("oci:/tmp/layout").unwrap(), Transport::Oci { path: "/tmp/layout".into(), reference: None });
        assert_eq!(parse("oci:/tmp/layout:v1").unwrap(), Transport::Oci { path: "/tmp/layout".into(), reference: Some("v1".into()) });
        assert_eq!(parse("dir:/tmp/d").unwrap(), Transport::Dir("/tmp/d".into()));
        assert_eq!(parse("containers-storage:[overlay@/x+/y]demo").unwrap(), Transport::ContainersStorage("demo".into()));
        assert_eq!(parse("containers-storage:demo:1").unwrap(), Transport::ContainersStorage("demo:1".into()));
        assert!(parse("docker-daemon:alpine").unwrap_err().contains("not supported"));
        assert!(parse("oci:").is_err());
        assert!(has_transport("oci:/x") && !has_transport("alpine:3"));
    }
}
