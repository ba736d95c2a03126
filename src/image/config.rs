//! What an image config's `config` holds in each format.

/// The fields of the OCI image config's `config` (image-spec's ImageConfig), in its order. A
/// Docker config also has Hostname, Shell, Healthcheck, OnBuild...: an OCI image has none of
/// them, and Podman's `image inspect` shows only these.
pub const OCI_FIELDS: [&str; 9] = ["User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal"];

/// `config` with only the OCI fields, in their order, unset ones left out.
pub fn oci_only(config: &serde_json::Map<String, serde_json::Value>) -> serde_json::Map<String, serde_json::Value> {
    OCI_FIELDS.iter().filter_map(|k| config.get(*k).filter(|v| !v.is_null()).map(|v| (k.to_string(), v.clone()))).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_oci_fields_in_their_order() {
        let c = serde_json::json!({"Cmd": ["sh"], "Hostname": "", "Shell": ["/bin/sh"], "User": "1", "OnBuild": null, "Env": null});
        let o = super::oci_only(c.as_object().unwrap());
        assert_eq!(serde_json::Value::Object(o).to_string(), r#"{"User":"1","Cmd":["sh"]}"#);
    }
}
