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
