//! Manifest lists as `hutch manifest` keeps them: an OCI image index (stored as the list
//! image's blob), its entries' platforms and annotations, and the forms Podman shows and
//! pushes (`manifest inspect` prints a Docker manifest list with the OCI annotations added;
//! `manifest push --format v2s2` writes a Docker list). Pure; unit-tested.

use crate::image::registry::{MT_DOCKER_LIST, MT_DOCKER_MANIFEST, MT_OCI_INDEX, MT_OCI_MANIFEST};
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// An entry's platform, with Docker's `features` kept beside the OCI fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ListPlatform {
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(rename = "os.version", default, skip_serializing_if = "String::is_empty")]
    pub os_version: String,
    #[serde(rename = "os.features", default, skip_serializing_if = "Vec::is_empty")]
    pub os_features: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ListEntry {
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<ListPlatform>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

/// The index as stored (OCI form; `features` of entries kept, dropped when pushed as OCI).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ListIndex {
    #[serde(rename = "schemaVersion")]
    pub schema_version: u32,
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    #[serde(default)]
    pub manifests: Vec<ListEntry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl Default for ListIndex {
    fn default() -> ListIndex {
        ListIndex { schema_version: 2, media_type: MT_OCI_INDEX.into(), manifests: vec![], annotations: BTreeMap::new() }
    }
}

/// What `manifest add --arch ...` and `manifest annotate` change in an entry.
#[derive(Debug, Clone, Default)]
pub struct EntryEdit {
    pub annotations: Option<BTreeMap<String, String>>,
    pub arch: Option<String>,
    pub os: Option<String>,
    pub os_version: Option<String>,
    pub os_features: Option<Vec<String>>,
    pub variant: Option<String>,
    pub features: Option<Vec<String>>,
}

impl EntryEdit {
    pub fn is_empty(&self) -> bool {
        self.annotations.is_none() && self.arch.is_none() && self.os.is_none() && self.os_version.is_none()
            && self.os_features.is_none() && self.variant.is_none() && self.features.is_none()
    }
}

/// Podman's check of a digest argument (go-digest's words).
pub fn parse_digest(s: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("invalid image digest \"{s}\": {why}"));
    let Some((algo, hex)) = s.split_once(':').filter(|(a, h)| !a.is_empty() && !h.is_empty()) else {
        return bad("invalid checksum digest format");
    };
    let want = match algo {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return bad("unsupported digest algorithm"),
    };
    if hex.len() != want {
        return bad("invalid checksum digest length");
    }
    if !hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return bad("invalid checksum digest format");
    }
    Ok(s.to_string())
}

/// `KEY=VALUE` annotations (the last of a key wins), Podman's error for a bare key.
pub fn parse_annotations(given: &[String]) -> Result<Option<BTreeMap<String, String>>, String> {
    if given.is_empty() {
        return Ok(None);
    }
    let mut out = BTreeMap::new();
    for a in given {
        match a.split_once('=') {
            Some((k, v)) => out.insert(k.to_string(), v.to_string()),
            None => return Err(format!("no value given for annotation \"{a}\"")),
        };
    }
    Ok(Some(out))
}

impl ListIndex {
    pub fn from_bytes(bytes: &[u8]) -> Result<ListIndex> {
        serde_json::from_slice(bytes).context("the stored manifest list is damaged")
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Adds an entry, or replaces the one with its digest (which then moves to the end, as
    /// Podman's list does).
    pub fn put(&mut self, e: ListEntry) {
        self.manifests.retain(|m| m.digest != e.digest);
        self.manifests.push(e);
    }

    /// Takes out the entry with `digest`; false when there is none.
    pub fn remove(&mut self, digest: &str) -> bool {
        let before = self.manifests.len();
        self.manifests.retain(|m| m.digest != digest);
        self.manifests.len() != before
    }

    /// Applies an edit to the entry with `digest` (Podman's message when it has none).
    pub fn edit(&mut self, digest: &str, e: &EntryEdit) -> Result<(), String> {
        let Some(m) = self.manifests.iter_mut().find(|m| m.digest == digest) else {
            return Err(format!(
                "no Docker manifest matching digest \"{digest}\" was found in list: no image instance matching the specified digest was found in the list or index"
            ));
        };
        let p = m.platform.get_or_insert_with(ListPlatform::default);
        let set = |v: &Option<String>, f: &mut String| if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) { *f = v.clone() };
        set(&e.os, &mut p.os);
        set(&e.os_version, &mut p.os_version);
        set(&e.arch, &mut p.architecture);
        set(&e.variant, &mut p.variant);
        if let Some(f) = e.features.as_ref().filter(|f| !f.is_empty()) {
            p.features = f.clone();
        }
        if let Some(f) = e.os_features.as_ref().filter(|f| !f.is_empty()) {
            p.os_features = f.clone();
        }
        if let Some(a) = e.annotations.as_ref().filter(|a| !a.is_empty()) {
            m.annotations = a.clone();
        }
        Ok(())
    }

    /// `manifest inspect`: Podman's view, a Docker manifest list (every entry has a
    /// platform) with the OCI annotations; `manifests` is null when the list is empty.
    pub fn inspect_view(&self) -> Value {
        let manifests: Vec<Value> = self.manifests.iter().map(|m| {
            let mut e = json!({"mediaType": m.media_type, "size": m.size, "digest": m.digest,
                "platform": platform_view(&m.platform.clone().unwrap_or_default(), true)});
            if !m.annotations.is_empty() {
                e["annotations"] = json!(m.annotations);
            }
            e
        }).collect();
        let mut v = json!({"schemaVersion": 2, "mediaType": MT_DOCKER_LIST,
            "manifests": if manifests.is_empty() { Value::Null } else { Value::Array(manifests) }});
        if !self.annotations.is_empty() {
            v["annotations"] = json!(self.annotations);
        }
        v
    }

    /// The index as pushed: OCI (no `features`), or a Docker list (no annotations, every
    /// entry with a platform). Returns (media type, bytes).
    pub fn serialize_as(&self, docker: bool) -> (String, Vec<u8>) {
        let manifests: Vec<Value> = self.manifests.iter().map(|m| {
            if docker {
                json!({"mediaType": m.media_type, "size": m.size, "digest": m.digest,
                    "platform": platform_view(&m.platform.clone().unwrap_or_default(), true)})
            } else {
                let mut e = json!({"mediaType": m.media_type, "digest": m.digest, "size": m.size});
                if !m.annotations.is_empty() {
                    e["annotations"] = json!(m.annotations);
                }
                if let Some(p) = &m.platform {
                    e["platform"] = platform_view(p, false);
                }
                e
            }
        }).collect();
        let mut v = json!({"schemaVersion": 2, "mediaType": if docker { MT_DOCKER_LIST } else { MT_OCI_INDEX }, "manifests": manifests});
        if !docker && !self.annotations.is_empty() {
            v["annotations"] = json!(self.annotations);
        }
        let media = if docker { MT_DOCKER_LIST } else { MT_OCI_INDEX };
        (media.to_string(), serde_json::to_vec(&v).unwrap_or_default())
    }
}

fn platform_view(p: &ListPlatform, docker: bool) -> Value {
    let mut v = json!({"architecture": p.architecture, "os": p.os});
    if !p.os_version.is_empty() {
        v["os.version"] = json!(p.os_version);
    }
    if !p.os_features.is_empty() {
        v["os.features"] = json!(p.os_features);
    }
    if !p.variant.is_empty() {
        v["variant"] = json!(p.variant);
    }
    if docker && !p.features.is_empty() {
        v["features"] = json!(p.features);
    }
    v
}

/// The platform an image config states (os, os.version, os.features, architecture, variant).
pub fn platform_of_config(cfg: &Value) -> ListPlatform {
    let s = |k: &str| cfg[k].as_str().unwrap_or("").to_string();
    let list = |k: &str| cfg[k].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default();
    ListPlatform { architecture: s("architecture"), os: s("os"), os_version: s("os.version"), os_features: list("os.features"), variant: s("variant"), features: vec![] }
}

/// The single-image media type of the same family as a list form (`--format` at push).
pub fn image_media_for(docker: bool) -> &'static str {
    if docker {
        MT_DOCKER_MANIFEST
    } else {
        MT_OCI_MANIFEST
    }
}

/// JSON as Podman prints it: four-space indents, and `<`, `>`, `&` escaped as Go escapes them.
pub fn go_pretty(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let _ = v.serialize(&mut ser);
    String::from_utf8_lossy(&buf).replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(d: &str) -> ListEntry {
        ListEntry { media_type: MT_OCI_MANIFEST.into(), digest: d.into(), size: 3, platform: Some(ListPlatform { architecture: "amd64".into(), os: "linux".into(), ..Default::default() }), annotations: BTreeMap::new() }
    }

    #[test]
    fn digests_as_podman_checks_them() {
        let good = format!("sha256:{}", "a".repeat(64));
        assert_eq!(parse_digest(&good).unwrap(), good);
        assert_eq!(parse_digest("sha256:abc").unwrap_err(), "invalid image digest \"sha256:abc\": invalid checksum digest length");
        assert_eq!(parse_digest("bad").unwrap_err(), "invalid image digest \"bad\": invalid checksum digest format");
        assert!(parse_digest(&format!("md5:{}", "a".repeat(32))).unwrap_err().ends_with("unsupported digest algorithm"));
        assert!(parse_digest(&format!("sha256:{}", "A".repeat(64))).unwrap_err().ends_with("invalid checksum digest format"));
    }

    #[test]
    fn annotations_need_values() {
        assert_eq!(parse_annotations(&["a=b".into(), "c=d=e".into()]).unwrap().unwrap().get("c").unwrap(), "d=e");
        assert_eq!(parse_annotations(&["nov".into()]).unwrap_err(), "no value given for annotation \"nov\"");
        assert!(parse_annotations(&[]).unwrap().is_none());
    }

    #[test]
    fn put_replaces_and_moves_to_the_end() {
        let mut l = ListIndex::default();
        l.put(entry("sha256:1"));
        l.put(entry("sha256:2"));
        l.put(entry("sha256:1"));
        assert_eq!(l.manifests.iter().map(|m| m.digest.as_str()).collect::<Vec<_>>(), ["sha256:2", "sha256:1"]);
        assert!(l.remove("sha256:2"));
        assert!(!l.remove("sha256:2"));
    }

    #[test]
    fn edits_and_views() {
        let mut l = ListIndex::default();
        assert_eq!(go_pretty(&l.inspect_view()), "{\n    \"schemaVersion\": 2,\n    \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n    \"manifests\": null\n}");
        l.put(entry("sha256:1"));
        let e = EntryEdit { arch: Some("arm64".into()), variant: Some("v8".into()), os_version: Some("1.0".into()), features: Some(vec!["f".into()]),
            annotations: Some(BTreeMap::from([("a".to_string(), "<b>".to_string())])), ..Default::default() };
        l.edit("sha256:1", &e).unwrap();
        assert!(l.edit("sha256:9", &e).unwrap_err().starts_with("no Docker manifest matching digest \"sha256:9\""));
        let shown = go_pretty(&l.inspect_view());
        assert!(shown.contains("\"platform\": {\n                \"architecture\": \"arm64\",\n                \"os\": \"linux\",\n                \"os.version\": \"1.0\",\n                \"variant\": \"v8\",\n                \"features\": [\n"), "{shown}");
        assert!(shown.contains("\"a\": \"\\u003cb\\u003e\""), "{shown}");
        let (m, oci) = l.serialize_as(false);
        assert_eq!(m, MT_OCI_INDEX);
        let oci: Value = serde_json::from_slice(&oci).unwrap();
        assert_eq!(oci["manifests"][0]["annotations"]["a"], "<b>");
        assert!(oci["manifests"][0]["platform"].get("features").is_none());
        let (m, d) = l.serialize_as(true);
        assert_eq!(m, MT_DOCKER_LIST);
        let d: Value = serde_json::from_slice(&d).unwrap();
        assert!(d["manifests"][0].get("annotations").is_none());
        assert_eq!(d["manifests"][0]["platform"]["features"][0], "f");
        // The stored form reads back the same.
        assert_eq!(ListIndex::from_bytes(&l.to_bytes()).unwrap(), l);
    }

    #[test]
    fn platform_from_a_config() {
        let p = platform_of_config(&json!({"architecture": "arm", "os": "linux", "variant": "v7", "os.features": ["x"]}));
        assert_eq!((p.architecture.as_str(), p.variant.as_str(), p.os_features.len()), ("arm", "v7", 1));
    }
}
