//! Image manifests and indexes, OCI and Docker schema 2 alike, and choosing a platform.

use crate::image::registry::{MT_DOCKER_LIST, MT_DOCKER_MANIFEST, MT_OCI_INDEX, MT_OCI_MANIFEST};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Platform {
    pub architecture: String,
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    pub config: Descriptor,
    pub layers: Vec<Descriptor>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Index {
    pub manifests: Vec<Descriptor>,
}

pub enum Parsed {
    Manifest(Manifest),
    Index(Index),
}

pub fn parse(media_type: &str, bytes: &[u8]) -> Result<Parsed> {
    match media_type {
        MT_OCI_INDEX | MT_DOCKER_LIST => Ok(Parsed::Index(serde_json::from_slice(bytes).context("decoding the image index")?)),
        MT_OCI_MANIFEST | MT_DOCKER_MANIFEST => {
            let m: Manifest = serde_json::from_slice(bytes).context("decoding the image manifest")?;
            if m.schema_version != 2 {
                bail!("manifest schema version {} is not supported (only 2)", m.schema_version);
            }
            for d in m.layers.iter().chain([&m.config]) {
                crate::image::reference::check_digest(&d.digest).map_err(|e| anyhow::anyhow!("manifest names a bad digest: {e}"))?;
            }
            Ok(Parsed::Manifest(m))
        }
        "application/vnd.docker.distribution.manifest.v1+json" | "application/vnd.docker.distribution.manifest.v1+prettyjws" => {
            bail!("Docker schema 1 manifests are not supported: the image is too old, push it again with a current tool")
        }
        other => bail!("unsupported manifest media type `{other}`"),
    }
}

/// How a layer is compressed, from its media type.
pub fn compression(media_type: &str) -> Result<&'static str> {
    let m = media_type;
    if m.ends_with("+gzip") || m == "application/vnd.docker.image.rootfs.diff.tar.gzip" || m.ends_with(".tar.gzip") {
        Ok("gzip")
    } else if m.ends_with("+zstd") {
        Ok("zstd")
    } else if m.ends_with(".tar") || m == "application/vnd.oci.image.layer.v1.tar" || m.ends_with("nondistributable.v1.tar") {
        Ok("none")
    } else {
        bail!("layer media type `{m}` is not supported (tar, tar+gzip or tar+zstd)")
    }
}

/// The host's platform in OCI terms.
pub fn host_platform() -> Platform {
    let arch = crate::util::go_arch().to_string();
    let variant = match arch.as_str() {
        "arm64" => Some("v8".to_string()),
        _ => None,
    };
    Platform { architecture: arch, os: "linux".into(), variant }
}

/// Picks the manifest for `want` from an index (a missing variant in the index matches).
pub fn choose(index: &Index, want: &Platform) -> Result<Descriptor> {
    let hit = index.manifests.iter().find(|d| {
        d.platform.as_ref().is_some_and(|p| {
            p.os == want.os && p.architecture == want.architecture
                && (want.variant.is_none() || p.variant.is_none() || p.variant == want.variant)
        })
    });
    match hit {
        Some(d) => Ok(d.clone()),
        None => {
            let have: Vec<String> = index.manifests.iter().filter_map(|d| d.platform.as_ref())
                .map(|p| format!("{}/{}{}", p.os, p.architecture, p.variant.as_ref().map(|v| format!("/{v}")).unwrap_or_default()))
                .collect();
            bail!(
                "no image found in the manifest list for platform {}/{}{}: it has {}",
                want.os, want.architecture, want.variant.as_ref().map(|v| format!("/{v}")).unwrap_or_default(),
                if have.is_empty() { "no platforms".into() } else { have.join(", ") }
            )
        }
    }
}

/// `os/arch[/variant]`.
pub fn platform_name(p: &Platform) -> String {
    match &p.variant {
        Some(v) => format!("{}/{}/{}", p.os, p.architecture, v),
        None => format!("{}/{}", p.os, p.architecture),
    }
}

/// `os/arch[/variant]` as a platform.
pub fn parse_platform(s: &str) -> std::result::Result<Platform, String> {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|x| x.is_empty()) {
        return Err("use OS/ARCH[/VARIANT], e.g. linux/arm64/v8".into());
    }
    if parts[0] != "linux" {
        return Err(format!("only linux images are built, not {}", parts[0]));
    }
    // The names other tools use, as Podman normalizes them (Go's names; arm is arm/v7).
    let (arch, default_variant) = match parts[1] {
        "x86_64" | "x86-64" => ("amd64", None),
        "aarch64" => ("arm64", None),
        "i386" | "i686" => ("386", None),
        "armhf" => ("arm", Some("v7")),
        "armel" => ("arm", Some("v6")),
        "arm" => ("arm", Some("v7")),
        a => (a, None),
    };
    let variant = parts.get(2).map(|v| v.to_string()).or_else(|| default_variant.map(String::from));
    Ok(Platform { os: parts[0].into(), architecture: arch.into(), variant })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_platforms() {
        let idx: Index = serde_json::from_str(r#"{"manifests":[
            {"mediaType":"x","digest":"sha256:aa","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
            {"mediaType":"x","digest":"sha256:bb","size":1,"platform":{"architecture":"amd64","os":"linux"}}]}"#).unwrap();
        let amd = Platform { architecture: "amd64".into(), os: "linux".into(), variant: None };
        assert_eq!(choose(&idx, &amd).unwrap().digest, "sha256:bb");
        let arm = Platform { architecture: "arm64".into(), os: "linux".into(), variant: Some("v8".into()) };
        assert_eq!(choose(&idx, &arm).unwrap().digest, "sha256:aa");
        let s390 = Platform { architecture: "s390x".into(), os: "linux".into(), variant: None };
        assert!(choose(&idx, &s390).unwrap_err().to_string().contains("linux/arm64/v8, linux/amd64"));
    }

    #[test]
    fn compressions() {
        assert_eq!(compression("application/vnd.oci.image.layer.v1.tar+gzip").unwrap(), "gzip");
        assert_eq!(compression("application/vnd.docker.image.rootfs.diff.tar.gzip").unwrap(), "gzip");
        assert_eq!(compression("application/vnd.oci.image.layer.v1.tar+zstd").unwrap(), "zstd");
        assert_eq!(compression("application/vnd.oci.image.layer.v1.tar").unwrap(), "none");
        assert!(compression("text/plain").is_err());
    }
}

/// `push --format oci|v2s2`: the same image as an OCI or a Docker schema 2 manifest (config and
/// layers unchanged; only the media types, and with them the manifest's digest, differ).
/// Returns (media type, bytes); the manifest as it is when it already has that form.
pub fn convert(bytes: &[u8], to_docker: bool) -> Result<(String, Vec<u8>)> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).context("the stored manifest is not JSON")?;
    let (mf, cfg) = if to_docker {
        (MT_DOCKER_MANIFEST, "application/vnd.docker.container.image.v1+json")
    } else {
        (MT_OCI_MANIFEST, "application/vnd.oci.image.config.v1+json")
    };
    if v["mediaType"] == mf {
        return Ok((mf.to_string(), bytes.to_vec()));
    }
    v["mediaType"] = serde_json::json!(mf);
    v["config"]["mediaType"] = serde_json::json!(cfg);
    for l in v["layers"].as_array_mut().into_iter().flatten() {
        let media = l["mediaType"].as_str().unwrap_or("").to_string();
        let gzip = media.ends_with("gzip");
        let plain = media.ends_with(".tar") || media.ends_with("tar.diff");
        let new = match (to_docker, gzip, plain) {
            (true, true, _) => "application/vnd.docker.image.rootfs.diff.tar.gzip",
            (false, true, _) => "application/vnd.oci.image.layer.v1.tar+gzip",
            (false, false, true) => "application/vnd.oci.image.layer.v1.tar",
            (true, false, true) => "application/vnd.docker.image.rootfs.diff.tar",
            _ => bail!("a layer of type {media} has no {} form: push it as {}", if to_docker { "Docker (v2s2)" } else { "OCI" }, if to_docker { "oci" } else { "v2s2" }),
        };
        l["mediaType"] = serde_json::json!(new);
        if to_docker {
            if let Some(o) = l.as_object_mut() {
                o.remove("annotations");
            }
        }
    }
    if to_docker {
        if let Some(o) = v.as_object_mut() {
            o.remove("annotations");
            o.remove("artifactType");
        }
    }
    let out = serde_json::to_vec(&v)?;
    Ok((mf.to_string(), out))
}

#[cfg(test)]
mod convert_tests {
    #[test]
    fn oci_and_docker_forms() {
        let oci = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:c","size":1},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:l","size":2,"annotations":{"a":"b"}}],"annotations":{"x":"y"}}"#;
        let (m, d) = super::convert(oci, true).unwrap();
        assert_eq!(m, "application/vnd.docker.distribution.manifest.v2+json");
        let v: serde_json::Value = serde_json::from_slice(&d).unwrap();
        assert_eq!(v["config"]["mediaType"], "application/vnd.docker.container.image.v1+json");
        assert_eq!(v["layers"][0]["mediaType"], "application/vnd.docker.image.rootfs.diff.tar.gzip");
        assert!(v.get("annotations").is_none() && v["layers"][0].get("annotations").is_none());
        let (m2, back) = super::convert(&d, false).unwrap();
        assert_eq!(m2, "application/vnd.oci.image.manifest.v1+json");
        assert_eq!(super::convert(&back, false).unwrap().1, back, "already OCI: unchanged");
        let zstd = br#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd"}]}"#;
        assert!(super::convert(zstd, true).is_err());
    }
}
