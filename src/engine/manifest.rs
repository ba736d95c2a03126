//! `manifest create/add/annotate/remove/rm/exists/inspect`: manifest lists kept as images
//! of the store (a random id, names, `digest` the index blob, `list` where each entry's
//! image is), as Podman keeps them. What a registry must be asked is asked before the
//! store is locked; each change is one atomic rewrite of images.json.

use crate::config::registries::Registries;
use crate::engine::images::RmiReport;
use crate::engine::pull::RegistryOptions;
use crate::image::blobs::fetch_small;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::list::{platform_of_config, EntryEdit, ListEntry, ListIndex};
use crate::image::manifest::{self, Descriptor, Parsed};
use crate::image::reference::Reference;
use crate::image::registry::{Client, MT_OCI_MANIFEST};
use crate::image::store::{self, ImageIndex, ImageRecord, LookupError};
use crate::state::lock;
use anyhow::{anyhow, bail, Context, Result};
use std::collections::BTreeMap;

/// `manifest add` (and `create IMAGE...`): how to reach the images and what to change.
#[derive(Debug, Clone, Default)]
pub struct ManifestAddOptions {
    pub all: bool,
    pub registry: RegistryOptions,
    pub edit: EntryEdit,
}

/// An entry to record, and where its image is.
pub(crate) struct Found {
    entry: ListEntry,
    source: String,
}

/// Podman's name for a new list: `localhost/` and `:latest` added as needed.
fn normalize_name(name: &str) -> Result<String> {
    if name.is_empty() {
        return Err(exit_error(125, "no name specified for creating a manifest list"));
    }
    let r = Reference::parse(name).map_err(|e| exit_error(125, e.to_string()))?;
    if r.digest.is_some() {
        return Err(exit_error(125, format!("{name}: a manifest list's name cannot hold a digest")));
    }
    Ok(r.qualified_with("localhost").to_string())
}

fn shown_name(img: &ImageRecord) -> String {
    img.names.first().cloned().unwrap_or_else(|| img.id.clone())
}

/// The list `name` names (Podman's errors: not known, not a manifest list).
pub(crate) fn lookup_list(index: &ImageIndex, name: &str) -> Result<ImageRecord> {
    match index.lookup(name) {
        Ok(i) if i.list.is_some() => Ok(i.clone()),
        Ok(i) => Err(exit_error(125, format!("{}: image is not a manifest list", shown_name(i)))),
        Err(LookupError::NotFound) => Err(exit_error(125, format!("{name}: image not known"))),
        Err(LookupError::Ambiguous(n)) => Err(exit_error(125, format!("{name} is ambiguous: it names {}", n.join(", ")))),
    }
}

impl Engine {
    /// A list's index, read from its blob.
    pub(crate) fn list_index(&self, img: &ImageRecord) -> Result<ListIndex> {
        let d = img.digest.as_deref().context("the manifest list has no index in the store")?;
        let p = self.paths.blob(d.trim_start_matches("sha256:"));
        let bytes = std::fs::read(&p).with_context(|| format!("reading the manifest list {}", p.display()))?;
        ListIndex::from_bytes(&bytes)
    }

    /// Rewrites a list under the store lock: `change` gets its index and sources; the new
    /// index blob is written, then images.json, then the old blob goes if nothing uses it.
    fn update_list(&self, id: &str, change: impl FnOnce(&mut ListIndex, &mut BTreeMap<String, String>) -> Result<()>) -> Result<()> {
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        let img = lookup_list(&index, id)?;
        let mut list = self.list_index(&img)?;
        let mut sources = img.list.clone().unwrap_or_default();
        change(&mut list, &mut sources)?;
        sources.retain(|d, _| list.manifests.iter().any(|m| &m.digest == d));
        let bytes = list.to_bytes();
        let hex = store::put_blob(&self.paths, &bytes)?;
        let old = img.digest.clone();
        if let Some(rec) = index.images.iter_mut().find(|i| i.id == img.id) {
            rec.digest = Some(format!("sha256:{hex}"));
            rec.size = bytes.len() as u64;
            rec.list = Some(sources);
        }
        index.save(&self.paths)?;
        self.drop_unused_blob(&index, old.as_deref());
        Ok(())
    }

    fn drop_unused_blob(&self, index: &ImageIndex, digest: Option<&str>) {
        let Some(hex) = digest.map(|d| d.trim_start_matches("sha256:").to_string()) else { return };
        if !index.images.iter().any(|i| store::blobs_of(&self.paths, i).contains(&hex)) {
            let _ = std::fs::remove_file(self.paths.blob(&hex));
        }
    }

    /// `manifest create`: a new list named `name` with `images` in it (nothing is stored
    /// if one cannot be added); with `amend`, an existing list of that name is used.
    pub fn manifest_create(&self, name: &str, images: &[String], amend: bool, o: &ManifestAddOptions) -> Result<String> {
        let full = normalize_name(name)?;
        let existing = {
            let index = ImageIndex::load(&self.paths)?;
            let hit = index.images.iter().find(|i| i.names.contains(&full)).cloned();
            match hit {
                Some(i) if amend && i.list.is_some() => Some(i.id),
                Some(i) => {
                    return Err(exit_error(125, format!(
                        "creating image to hold manifest list: image name \"{full}\" is already associated with image \"{}\": that name is already in use", i.id
                    )))
                }
                None => None,
            }
        };
        let mut found = Vec::new();
        for image in images {
            found.extend(self.find_entries(image, o)?);
        }
        if let Some(id) = existing {
            if !found.is_empty() {
                self.update_list(&id, |list, sources| {
                    record(list, sources, found);
                    Ok(())
                })?;
            }
            return Ok(id);
        }
        self.paths.ensure_store()?;
        let mut list = ListIndex::default();
        let mut sources = BTreeMap::new();
        record(&mut list, &mut sources, found);
        let bytes = list.to_bytes();
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        if let Some(i) = index.images.iter().find(|i| i.names.contains(&full)) {
            return Err(exit_error(125, format!("creating image to hold manifest list: image name \"{full}\" is already associated with image \"{}\": that name is already in use", i.id)));
        }
        let hex = store::put_blob(&self.paths, &bytes)?;
        let id = crate::util::ids::random_id();
        index.add(ImageRecord {
            id: id.clone(),
            names: vec![full],
            digest: Some(format!("sha256:{hex}")),
            manifest: None,
            layers: vec![],
            created: crate::util::time::now_unix(),
            size: bytes.len() as u64,
            names_history: vec![],
            cache_key: None,
            parent: None,
            intermediate: false,
            signatures: Vec::new(),
            list: Some(sources),
        });
        index.save(&self.paths)?;
        Ok(id)
    }

    /// `manifest add`: the images' entries go into the list (replacing entries of the same
    /// digest), then the edits apply to them. Returns the list's id.
    pub fn manifest_add(&self, list_name: &str, images: &[String], o: &ManifestAddOptions) -> Result<String> {
        let id = lookup_list(&ImageIndex::load(&self.paths)?, list_name)?.id;
        let mut found = Vec::new();
        for image in images {
            found.extend(self.find_entries(image, o)?);
        }
        let digests: Vec<String> = found.iter().map(|f| f.entry.digest.clone()).collect();
        self.update_list(&id, |list, sources| {
            record(list, sources, found);
            if !o.edit.is_empty() {
                for d in &digests {
                    list.edit(d, &o.edit).map_err(|e| exit_error(125, e))?;
                }
            }
            Ok(())
        })?;
        Ok(id)
    }

    /// `build --manifest LIST`: fails early when LIST names an image that is no list.
    pub fn check_list_target(&self, list_name: &str) -> Result<()> {
        self.manifest_exists(list_name).map(|_| ())
    }

    /// `build --manifest LIST`: adds a built image to LIST, created when missing.
    pub fn add_built_image(&self, list_name: &str, image_id: &str) -> Result<String> {
        let o = ManifestAddOptions::default();
        let source = [format!("containers-storage:{image_id}")];
        if self.manifest_exists(list_name)? {
            self.manifest_add(list_name, &source, &o)
        } else {
            self.manifest_create(list_name, &source, false, &o)
        }
    }

    /// `manifest annotate`: changes the entry with `digest`.
    pub fn manifest_annotate(&self, list_name: &str, digest: &str, edit: &EntryEdit) -> Result<String> {
        let digest = crate::image::list::parse_digest(digest).map_err(|e| exit_error(125, e))?;
        let id = lookup_list(&ImageIndex::load(&self.paths)?, list_name)?.id;
        if edit.is_empty() {
            return Ok(id);
        }
        self.update_list(&id, |list, _| list.edit(&digest, edit).map_err(|e| exit_error(125, e)))?;
        Ok(id)
    }

    /// `manifest remove`: takes the entry with `digest` out of the list.
    pub fn manifest_remove(&self, list_name: &str, digest: &str) -> Result<String> {
        let wrap = |e: anyhow::Error| exit_error(125, format!("removing from manifest list {list_name}: {e:#}"));
        let digest = crate::image::list::parse_digest(digest).map_err(|e| wrap(anyhow!(e)))?;
        let id = lookup_list(&ImageIndex::load(&self.paths)?, list_name).map_err(wrap)?.id;
        self.update_list(&id, |list, _| {
            if list.remove(&digest) {
                Ok(())
            } else {
                Err(anyhow!("no instance matching digest \"{digest}\" found in manifest list: file does not exist"))
            }
        }).map_err(wrap)?;
        Ok(id)
    }

    /// `manifest exists`: Ok(false) when nothing has the name; an error when an image that
    /// is no list has it.
    pub fn manifest_exists(&self, name: &str) -> Result<bool> {
        let index = ImageIndex::load(&self.paths)?;
        match lookup_list(&index, name) {
            Ok(_) => Ok(true),
            Err(_) if matches!(index.lookup(name), Err(LookupError::NotFound)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `manifest rm`: removes lists (only lists) as `rmi` removes images.
    pub fn manifest_rm(&self, names: &[String]) -> Result<RmiReport> {
        let index = ImageIndex::load(&self.paths)?;
        let mut report = RmiReport::default();
        let mut keys = Vec::new();
        for n in names {
            match lookup_list(&index, n) {
                Ok(_) => keys.push(n.clone()),
                Err(e) => {
                    let code = if matches!(index.lookup(n), Err(LookupError::NotFound)) { 1 } else { 125 };
                    report.failures.push(crate::engine::images::RmiFailure { key: n.clone(), code, message: format!("{e:#}") });
                }
            }
        }
        if !keys.is_empty() {
            let done = self.rmi(&keys, false, false, false)?;
            report.untagged = done.untagged;
            report.deleted = done.deleted;
            report.failures.extend(done.failures);
        }
        Ok(report)
    }

    /// `manifest inspect`: a local list in Podman's view, else what a registry has under
    /// the name (a list as a Docker list; a single image's manifest, with a warning).
    pub fn manifest_inspect(&self, name: &str, o: &RegistryOptions) -> Result<serde_json::Value> {
        let index = ImageIndex::load(&self.paths)?;
        if let Ok(img) = lookup_list(&index, name) {
            return Ok(self.list_index(&img)?.inspect_view());
        }
        let regs = Registries::load()?;
        let mut errors = Vec::new();
        for c in self.candidates(name, &regs)? {
            let got = self.client_for(&c, &regs, false, o).and_then(|(client, wanted)| client.get_manifest(&wanted));
            match got {
                Ok((media, _, bytes)) => {
                    if let Parsed::Index(_) = manifest::parse(&media, &bytes)? {
                        let list = ListIndex::from_bytes(&bytes).with_context(|| format!("parsing manifest blob as a {media:?}"))?;
                        let (_, docker) = list.serialize_as(true);
                        return Ok(serde_json::from_slice(&docker)?);
                    }
                    self.warn(&format!("The manifest type {media} is not a manifest list but a single image."));
                    return Ok(serde_json::from_slice(&bytes)?);
                }
                Err(e) => errors.push(format!("reading image \"docker://{c}\": {e:#}")),
            }
        }
        Err(exit_error(125, errors.join("\n")))
    }

    /// The local image a list has for this host's platform.
    pub(crate) fn list_instance(&self, img: &ImageRecord, want: Option<&manifest::Platform>) -> Result<ImageRecord> {
        let list = self.list_index(img)?;
        let entry = choose_for(&list, &want.cloned().unwrap_or_else(manifest::host_platform))?.context("the manifest list has no entry for this platform")?;
        let index = ImageIndex::load(&self.paths)?;
        let id = img.list.as_ref().and_then(|s| s.get(&entry.digest)).and_then(|s| s.strip_prefix("containers-storage:")).unwrap_or("");
        index.images.iter()
            .find(|i| i.list.is_none() && (i.id == id || i.manifest.as_deref() == Some(entry.digest.as_str())))
            .cloned()
            .ok_or_else(|| exit_error(125, format!(
                "could not find image instance {} of manifest list {} in local containers storage: image not known", entry.digest, img.id
            )))
    }

    /// Whether `img` is for platform `want` (any image is, without one; a manifest list is,
    /// its entries are chosen later).
    pub(crate) fn is_for_platform(&self, img: &crate::image::store::ImageRecord, want: Option<&crate::image::manifest::Platform>) -> bool {
        let Some(w) = want else { return true };
        if img.list.is_some() {
            return true;
        }
        let Ok(cfg) = crate::image::store::read_config(&self.paths, &img.id) else { return true };
        let arch = cfg.architecture().to_string();
        let variant = cfg.variant().clone();
        cfg.os().to_string() == w.os && arch == w.architecture && (w.variant.is_none() || variant.is_none() || variant == w.variant)
    }

    /// A client for a reference's repository (blocked registries refused, registries.conf
    /// rewrites applied), to read from or to `push` to, and the tag or digest to name.
    pub(crate) fn client_for(&self, r: &Reference, regs: &Registries, push: bool, o: &RegistryOptions) -> Result<(Client, String)> {
        if regs.is_blocked(&r.repository()) {
            bail!("{}: the registry is blocked in registries.conf", r.repository());
        }
        let rewritten = regs.rewrite(&r.repository());
        let (domain, path) = rewritten.split_once('/').context("reference without a registry")?;
        let client = self.registry_client(regs, domain, path, push, o)?;
        Ok((client, r.digest.clone().or_else(|| r.tag.clone()).unwrap_or_else(|| "latest".into())))
    }

    /// The platforms an image name is available for: a list's entries', or its image's.
    pub(crate) fn platforms_of(&self, image: &str, registry: &RegistryOptions) -> Result<Vec<manifest::Platform>> {
        let o = ManifestAddOptions { all: true, registry: registry.clone(), edit: EntryEdit::default() };
        Ok(self.find_entries(image, &o)?.into_iter().filter_map(|f| f.entry.platform).map(|p| manifest::Platform {
            architecture: p.architecture,
            os: p.os,
            variant: (!p.variant.is_empty()).then_some(p.variant),
        }).collect())
    }

    /// The entries an image name stands for: a local image (`containers-storage:`, or a
    /// name the store has), else a registry's (`docker://`, or any other name).
    fn find_entries(&self, image: &str, o: &ManifestAddOptions) -> Result<Vec<Found>> {
        use crate::plan::transport::{has_transport, parse, Transport};
        let t = if has_transport(image) { parse(image).map_err(|e| exit_error(125, e))? } else { Transport::Docker(image.to_string()) };
        match t {
            Transport::ContainersStorage(r) => {
                let index = ImageIndex::load(&self.paths)?;
                let img = match index.lookup(&r) {
                    Ok(i) => i.clone(),
                    Err(_) => return Err(exit_error(125, format!("reading \"{image}\": {r}: image not known"))),
                };
                self.local_entries(&img, o.all)
            }
            Transport::Docker(r) if !image.starts_with("docker://") => {
                let index = ImageIndex::load(&self.paths)?;
                match index.lookup(&r) {
                    Ok(img) => self.local_entries(&img.clone(), o.all),
                    Err(_) => self.remote_entries(&r, o),
                }
            }
            Transport::Docker(r) => self.remote_entries(&r, o),
            _ => Err(exit_error(125, format!(
                "{image}: manifest lists take images from registries (docker://) or from local storage (containers-storage: or a local name); load or pull the image first"
            ))),
        }
    }

    /// Entries for a local image: its own manifest, or the entries of a local list.
    pub(crate) fn local_entries(&self, img: &ImageRecord, all: bool) -> Result<Vec<Found>> {
        if let Some(srcs) = &img.list {
            let list = self.list_index(img)?;
            let chosen: Vec<ListEntry> = if all { list.manifests.clone() } else { choose(&list)?.into_iter().collect() };
            return Ok(chosen.into_iter().map(|e| {
                let source = srcs.get(&e.digest).cloned().unwrap_or_default();
                Found { entry: e, source }
            }).collect());
        }
        let digest = img.manifest.clone().or(img.digest.clone()).context("the image has no manifest in the store; pull or import it again")?;
        let bytes = std::fs::read(self.paths.blob(digest.trim_start_matches("sha256:")))
            .with_context(|| format!("reading manifest {digest} from the store"))?;
        let media = serde_json::from_slice::<serde_json::Value>(&bytes).ok()
            .and_then(|v| v["mediaType"].as_str().map(String::from)).unwrap_or_else(|| MT_OCI_MANIFEST.into());
        let cfg: serde_json::Value = std::fs::read(self.paths.blob(&img.id)).ok()
            .and_then(|b| serde_json::from_slice(&b).ok()).context("reading the image's config from the store")?;
        let entry = ListEntry { media_type: media, digest, size: bytes.len() as u64, platform: Some(platform_of_config(&cfg)), annotations: BTreeMap::new() };
        Ok(vec![Found { entry, source: format!("containers-storage:{}", img.id) }])
    }

    /// Entries for an image in a registry: its manifest, or a list's entry for this
    /// platform (every entry with `all`); platforms missing from a list are read from the
    /// images' configs.
    fn remote_entries(&self, name: &str, o: &ManifestAddOptions) -> Result<Vec<Found>> {
        let regs = Registries::load()?;
        let cands = self.candidates(name, &regs)?;
        let mut errors = Vec::new();
        for c in &cands {
            match self.remote_entries_from(c, &regs, o) {
                Ok(f) => return Ok(f),
                Err(e) => errors.push(format!("reading manifest from \"docker://{c}\": {e:#}")),
            }
        }
        Err(exit_error(125, errors.join("\n")))
    }

    fn remote_entries_from(&self, r: &Reference, regs: &Registries, o: &ManifestAddOptions) -> Result<Vec<Found>> {
        let (client, wanted) = self.client_for(r, regs, false, &o.registry)?;
        let (media, digest, bytes) = client.get_manifest(&wanted)?;
        let source = format!("docker://{}", r.repository());
        let mut entries = match manifest::parse(&media, &bytes)? {
            Parsed::Manifest(m) => {
                let cfg = config_of(&client, &m.config)?;
                vec![ListEntry { media_type: media, digest, size: bytes.len() as u64, platform: Some(platform_of_config(&cfg)), annotations: BTreeMap::new() }]
            }
            Parsed::Index(_) => {
                let list = ListIndex::from_bytes(&bytes).context("parsing the manifest list")?;
                let mut chosen: Vec<ListEntry> = if o.all { list.manifests } else { choose(&list)?.into_iter().collect() };
                for e in &mut chosen {
                    e.annotations.clear();
                    let p = e.platform.clone().unwrap_or_default();
                    if p.os.is_empty() || p.architecture.is_empty() {
                        let (m2, _, b2) = client.get_manifest(&e.digest)?;
                        let Parsed::Manifest(m) = manifest::parse(&m2, &b2)? else { bail!("the manifest list names another list ({})", e.digest) };
                        let from_cfg = platform_of_config(&config_of(&client, &m.config)?);
                        let mut merged = p.clone();
                        if p.os.is_empty() {
                            (merged.os, merged.os_version, merged.os_features) = (from_cfg.os, from_cfg.os_version, from_cfg.os_features);
                        }
                        if p.architecture.is_empty() {
                            (merged.architecture, merged.variant) = (from_cfg.architecture, from_cfg.variant);
                        }
                        e.platform = Some(merged);
                    }
                }
                chosen
            }
        };
        Ok(entries.drain(..).map(|entry| Found { entry, source: source.clone() }).collect())
    }
}

/// Records found entries in a list: each replaces an entry of its digest; a digest keeps
/// the source it was first recorded with (as Podman's list does).
fn record(list: &mut ListIndex, sources: &mut BTreeMap<String, String>, found: Vec<Found>) {
    for f in found {
        sources.entry(f.entry.digest.clone()).or_insert(f.source);
        list.put(f.entry);
    }
}

/// The entry of a list for this host's platform.
fn choose(list: &ListIndex) -> Result<Option<ListEntry>> {
    choose_for(list, &manifest::host_platform())
}

/// The list's entry for platform `want`.
fn choose_for(list: &ListIndex, want: &manifest::Platform) -> Result<Option<ListEntry>> {
    let idx = manifest::Index {
        manifests: list.manifests.iter().map(|m| Descriptor {
            media_type: m.media_type.clone(),
            digest: m.digest.clone(),
            size: m.size,
            platform: m.platform.as_ref().map(|p| manifest::Platform {
                architecture: p.architecture.clone(),
                os: p.os.clone(),
                variant: (!p.variant.is_empty()).then(|| p.variant.clone()),
            }),
        }).collect(),
    };
    let d = manifest::choose(&idx, want).map_err(|e| exit_error(125, format!("selecting image from manifest list: {e:#}")))?;
    Ok(list.manifests.iter().find(|m| m.digest == d.digest).cloned())
}

fn config_of(client: &Client, d: &Descriptor) -> Result<serde_json::Value> {
    let bytes = fetch_small(client, d)?;
    serde_json::from_slice(&bytes).context("decoding the image config")
}
