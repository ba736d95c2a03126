//! The build's images: a step's image looked up in the cache or stored as a new one, the
//! final image named (and annotated), and the steps' images dropped when no cache is kept.

use super::{Build, BuildReport, Current};
use crate::engine::import::NewImage;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::store::{ImageIndex, ImageRecord};
use crate::plan::build as bplan;
use crate::state::lock;
use crate::util::time;
use anyhow::{Context as _, Result};
use serde_json::{json, Map, Value};
use std::path::PathBuf;

impl Engine {
    /// The image a cache key names, if the cache may be used and it is still there.
    pub(super) fn cached(&self, b: &mut Build, key: &str, parent: Option<&str>) -> Result<Option<Current>> {
        if !b.o.layers || b.o.no_cache {
            return Ok(None);
        }
        let index = ImageIndex::load(&self.paths)?;
        let fresh = |created: i64| b.o.cache_ttl.is_none_or(|ttl| time::now_unix() - created < ttl);
        let found = index.images.iter().find(|i| {
            i.cache_key.as_deref() == Some(key)
                && fresh(i.created)
                && i.layers.iter().all(|l| self.paths.layer_tree(l).is_dir())
        });
        let Some(img) = found else { return self.pull_cached(b, key, parent) };
        let img = img.clone();
        self.log(b, &format!("--> Using cache {}", img.id));
        let mut cur = self.current_of(&img)?;
        cur.key = key.to_string();
        Ok(Some(cur))
    }

    /// Stores the step's image (with the layer staged in `staging`, if any) and moves on.
    pub(super) fn commit_step(&self, b: &mut Build, mut cur: Current, created_by: &str, mut staged: Option<(PathBuf, crate::engine::import::StagedLayer)>, last: bool) -> Result<Current> {
        if let Some((dir, s)) = staged.as_mut() {
            Self::make_distinct(dir, s, &cur.diff_ids)?;
        }
        let now = b.o.timestamp.unwrap_or_else(time::now_unix);
        let created = time::rfc3339(now);
        cur.config["created"] = json!(created);
        // Every step's image has its history (--omit-history takes it from the result only,
        // so the cache holds the same images either way).
        if !created_by.is_empty() {
            let mut h = json!({"created": created, "created_by": created_by});
            let parent = cur.id.as_ref().or(cur.layers_image.as_ref()).map(|id| id[..12.min(id.len())].to_string());
            if let Some(from) = cur.from.take().or(parent) {
                h["comment"] = json!(format!("FROM {from}"));
            }
            if staged.is_none() {
                h["empty_layer"] = json!(true);
            }
            match cur.config["history"].as_array_mut() {
                Some(a) => a.push(h),
                None => cur.config["history"] = json!([h]),
            }
        }
        if let Some((_, s)) = &staged {
            cur.layers.push(crate::engine::import::layer_descriptor(s));
            cur.diff_ids.push(s.diff_id.clone());
        }
        let id = {
            let _guard = lock::exclusive(&self.paths.store_lock())?;
            if let Some((dir, s)) = &staged {
                self.install_layer(dir, s)?;
            }
            let id = self.put_image(NewImage {
                config: cur.config.clone(),
                layers: cur.layers.clone(),
                diff_ids: cur.diff_ids.clone(),
                names: vec![],
                cache_key: Some(cur.key.clone()),
                parent: cur.id.clone(),
                intermediate: true,
                docker_format: b.o.docker_format && b.final_format,
            })?;
            // The same config made in the same second by another step (of a --layers=false
            // or --no-cache build, or another Containerfile) is one image: it answers this
            // step's key from now on (the same content, so any key naming it is right).
            let mut index = ImageIndex::load(&self.paths)?;
            if let Some(r) = index.images.iter_mut().find(|i| i.id == id && i.cache_key.as_deref() != Some(cur.key.as_str())) {
                r.cache_key = Some(cur.key.clone());
                index.save(&self.paths)?;
            }
            id
        };
        if let Some((dir, _)) = &staged {
            let _ = crate::storage::remove::remove_tree_mapped(dir);
        }
        b.made.push(id.clone());
        if b.o.layers {
            self.push_cached(b, &id, &cur.key)?;
        }
        if !last {
            self.log(b, &format!("--> {}", &id[..11]));
        }
        cur.layers_image = Some(id.clone());
        cur.id = Some(id);
        Ok(cur)
    }

    /// The built image named with the tags (an intermediate image no longer), its id written.
    pub(super) fn finish(&self, b: &mut Build, mut fin: Current) -> Result<BuildReport> {
        let (config_before, id_before, key_before) = (fin.config.clone(), fin.id.clone(), fin.key.clone());
        // --unsetenv: gone from the final image (the steps saw them).
        if !b.o.unsetenv.is_empty() {
            let mut c = fin.cfg();
            if let Some(a) = c.get_mut("Env").and_then(|e| e.as_array_mut()) {
                a.retain(|x| x.as_str().is_none_or(|s| !b.o.unsetenv.iter().any(|u| s.split('=').next() == Some(u.as_str()))));
            }
            fin.config["config"] = Value::Object(c);
            let unset = b.o.unsetenv.join(" ");
            fin.key = bplan::cache_key(&fin.key, &["UNSETENV", &unset]);
            fin.id = None;
        }
        // --os-feature / --os-version: the config's required features and version.
        if !b.o.os_features.is_empty() || b.o.os_version.is_some() {
            let mut features: Vec<String> = fin.config["os.features"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
            for f in &b.o.os_features {
                match f.strip_suffix('-') {
                    Some(gone) => features.retain(|x| x != gone),
                    None if !features.contains(f) => features.push(f.clone()),
                    None => {}
                }
            }
            if let Some(obj) = fin.config.as_object_mut() {
                if features.is_empty() {
                    obj.remove("os.features");
                } else {
                    obj.insert("os.features".into(), json!(features));
                }
                if let Some(v) = b.o.os_version.as_ref().filter(|v| !v.is_empty()) {
                    obj.insert("os.version".into(), json!(v));
                }
            }
            fin.key = bplan::cache_key(&fin.key, &["OS", &features.join(","), b.o.os_version.as_deref().unwrap_or("")]);
            fin.id = None;
        }
        // Options that changed nothing (an --unsetenv of a variable not set...) leave the last
        // step's image as it is: a step of the same config would take over its cache key.
        if fin.config == config_before {
            (fin.id, fin.key) = (id_before, key_before);
        }
        // A config changed at the end (--unsetenv, --os-feature...) is a step of its own, cached
        // like the others (so an unchanged rebuild gives the same image id).
        let fin = match fin.id {
            Some(_) => fin,
            None => match self.cached(b, &fin.key, fin.layers_image.as_deref())? {
                Some(hit) => hit,
                None => self.commit_step(b, fin, "", None, true)?,
            },
        };
        let fin = if b.o.squash_all {
            self.squash(b, fin, 0)?
        } else if b.o.squash {
            let keep = b.base_layers;
            self.squash(b, fin, keep)?
        } else {
            fin
        };
        // The OCI format has no SHELL, HEALTHCHECK or ONBUILD: Buildah leaves them out of an OCI
        // image, with its warnings (the steps kept them for the build's own use).
        let dropped = if b.o.docker_format { Vec::new() } else { oci_unsupported(&fin.config) };
        for w in &dropped {
            self.warn(w);
        }
        // Any other field of Docker's (a Docker base's Hostname, AttachStdin...) goes too.
        let not_oci = !b.o.docker_format && fin.config["config"].as_object().is_some_and(|c| c.keys().any(|k| !crate::image::config::OCI_FIELDS.contains(&k.as_str())));
        // --format docker and --omit-history: the result is an image of its own, keyed by them
        // (a cached rebuild with another format or without history does not get this one).
        let fin = if b.o.docker_format || b.o.omit_history || not_oci {
            let mut fin = fin;
            let format = if b.o.docker_format { "docker" } else { "oci" };
            fin.key = bplan::cache_key(&fin.key, &["FORMAT", format, if b.o.omit_history { "omit-history" } else { "" }]);
            if let Some(c) = fin.config.as_object_mut() {
                if b.o.omit_history {
                    c.remove("history");
                }
                if let Some(config) = c.get("config").and_then(|v| v.as_object()).filter(|_| !b.o.docker_format) {
                    c.insert("config".into(), Value::Object(crate::image::config::oci_only(config)));
                }
                // A Docker config repeats its config as container_config, as Buildah writes
                // it (so it is not the OCI image's config, and has an id of its own).
                if b.o.docker_format {
                    let config = c.get("config").cloned().unwrap_or_else(|| json!({}));
                    c.insert("container_config".into(), config);
                }
            }
            fin.id = None;
            b.final_format = true;
            match self.cached(b, &fin.key, fin.layers_image.as_deref())? {
                Some(hit) => hit,
                None => self.commit_step(b, fin, "", None, true)?,
            }
        } else {
            fin
        };
        let id = fin.id.clone().context("no image was made")?;
        let names: Vec<String> = b.o.tags.iter().map(|t| {
            crate::image::reference::Reference::parse(t).map(|r| r.qualified_with("localhost").to_string())
                .map_err(|e| exit_error(125, format!("tag {t}: {e}")))
        }).collect::<Result<_>>()?;
        self.log(b, format!("COMMIT {}", b.o.tags.first().map(String::as_str).unwrap_or("")).trim_end());
        {
            let _guard = lock::exclusive(&self.paths.store_lock())?;
            let mut index = ImageIndex::load(&self.paths)?;
            if let Some(rec) = index.images.iter().find(|i| i.id == id).cloned() {
                index.add(ImageRecord { names: names.clone(), intermediate: names.is_empty() && rec.intermediate && b.o.layers, ..rec });
                if names.is_empty() {
                    // An untagged build result is an image of its own, listed as <none>.
                    if let Some(r) = index.images.iter_mut().find(|i| i.id == id) {
                        r.intermediate = false;
                    }
                }
            }
            if let Some(r) = index.images.iter_mut().find(|i| i.id == id) {
                self.annotate_manifest(r, &b.o.annotations)?;
            }
            index.save(&self.paths)?;
        }
        if let (Some(key), Some(first)) = (&b.o.sign_by, names.first()) {
            self.sign_built(&id, first, key).map_err(|e| exit_error(crate::error::exit_code_of(&e), format!("{e:#} (the image {first} is built, unsigned: build it again to sign it)")))?;
        }
        self.log(b, &format!("--> {}", &id[..11]));
        for n in &names {
            self.log(b, &format!("Successfully tagged {n}"));
        }
        // Podman's one event for a build: `build`, named by the image's id (no tag events,
        // and none for the steps' containers: see state::events::record).
        self.image_event("build", "", &id);
        b.inputs.save_hashes(self);
        Ok(BuildReport { id, names })
    }

    /// Signs image `id`'s manifest as `name` with GPG `key` (outside the store's lock: gpg
    /// may ask its agent), and keeps the signature with the image, in place of any it had.
    fn sign_built(&self, id: &str, name: &str, key: &str) -> Result<()> {
        let manifest = ImageIndex::load(&self.paths)?.images.iter().find(|i| i.id == id).and_then(|i| i.manifest.clone()).context("the built image has no manifest to sign")?;
        let sig = crate::engine::sign::sign_stored(name, &manifest, key, None)?;
        use base64::Engine as _;
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        if let Some(r) = index.images.iter_mut().find(|i| i.id == id && i.manifest.as_deref() == Some(manifest.as_str())) {
            r.signatures = vec![base64::engine::general_purpose::STANDARD.encode(sig)];
            index.save(&self.paths)?;
        }
        Ok(())
    }

    /// Gives the built image's manifest exactly the annotations asked for (a manifest is
    /// the image's, whichever build made it last: a cached final step gets this build's).
    fn annotate_manifest(&self, rec: &mut ImageRecord, annotations: &[(String, String)]) -> Result<()> {
        // An image no build step made (a FROM-only build gives its base) keeps its manifest,
        // and with it its digest, unless annotations are asked for.
        if annotations.is_empty() && rec.cache_key.is_none() {
            return Ok(());
        }
        let Some(digest) = rec.manifest.clone() else { return Ok(()) };
        let path = self.paths.blob(digest.trim_start_matches("sha256:"));
        let mut manifest: Value = serde_json::from_slice(&std::fs::read(&path).context("reading the image manifest")?).context("decoding the image manifest")?;
        let want: Map<String, Value> = annotations.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let have = manifest.get("annotations").and_then(Value::as_object).cloned().unwrap_or_default();
        if want == have {
            return Ok(());
        }
        match manifest.as_object_mut() {
            Some(m) if want.is_empty() => {
                m.remove("annotations");
            }
            Some(m) => {
                m.insert("annotations".into(), Value::Object(want));
            }
            None => return Ok(()),
        }
        let hex = crate::image::store::put_blob(&self.paths, &serde_json::to_vec(&manifest)?)?;
        rec.manifest = Some(format!("sha256:{hex}"));
        // Signatures of the manifest it had no longer hold.
        rec.signatures.clear();
        rec.digest = rec.manifest.clone();
        Ok(())
    }

    /// The state of a stored image.
    pub(super) fn current_of(&self, img: &ImageRecord) -> Result<Current> {
        let config: Value = serde_json::from_slice(&std::fs::read(self.paths.blob(&img.id)).context("reading the image config")?)
            .context("decoding the image config")?;
        let layers: Vec<Value> = img.manifest.as_ref()
            .and_then(|m| std::fs::read(self.paths.blob(m.trim_start_matches("sha256:"))).ok())
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|m| m["layers"].as_array().cloned())
            .unwrap_or_else(|| img.layers.iter().map(|d| json!({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": d, "size": 0})).collect());
        Ok(Current { config, layers, diff_ids: img.layers.clone(), id: Some(img.id.clone()), layers_image: Some(img.id.clone()), key: format!("image:{}", img.id), from: None })
    }

    /// Removes this build's step images (all but `keep`) that nothing else uses.
    pub(super) fn drop_intermediates(&self, made: &[String], keep: Option<&str>) {
        let gone: Vec<String> = made.iter().filter(|id| Some(id.as_str()) != keep).cloned().collect();
        let index = ImageIndex::load(&self.paths).unwrap_or_default();
        let unnamed: Vec<String> = gone.into_iter().filter(|id| index.images.iter().any(|i| &i.id == id && i.names.is_empty())).collect();
        if !unnamed.is_empty() {
            let _ = self.rmi(&unnamed, false, false, false);
        }
    }
}

/// Buildah's warnings for what an OCI image leaves out of `config` (an image config).
fn oci_unsupported(config: &serde_json::Value) -> Vec<String> {
    let c = &config["config"];
    let mut out = Vec::new();
    if let Some(shell) = c.get("Shell").and_then(|v| v.as_array()).filter(|a| !a.is_empty()) {
        let words: Vec<&str> = shell.iter().filter_map(|w| w.as_str()).collect();
        out.push(format!("SHELL is not supported for OCI image format, [{}] will be ignored. Must use `docker` format", words.join(" ")));
    }
    if c.get("Healthcheck").is_some_and(|h| !h.is_null()) {
        out.push("HEALTHCHECK is not supported for OCI image format and will be ignored. Must use `docker` format".into());
    }
    for trigger in c.get("OnBuild").and_then(|v| v.as_array()).into_iter().flatten().filter_map(|t| t.as_str()) {
        out.push(format!("ONBUILD is not supported for OCI image format, {trigger} will be ignored. Must use `docker` format"));
    }
    out
}
