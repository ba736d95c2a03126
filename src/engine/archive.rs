//! `save` and `load`: images to and from docker-archive and oci-archive tarballs.
//!
//! Loading extracts the archive's regular files into a staging directory (names checked,
//! nothing else written), then goes through the same verified path as a pull: every blob
//! against its digest, every layer's content against the config's diff_ids, unpacked in the
//! user namespace, committed under the store lock.

use crate::engine::pull::StoredImage;
use crate::image::blobs::{fetch_small, BlobSource};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::{self, Descriptor, Parsed};
use crate::image::reference::Reference;
use crate::image::registry::MT_OCI_MANIFEST;
use crate::image::store::{self, ImageRecord};
use crate::storage::remove::remove_tree_mapped;
use crate::storage::unpack::clean_entry_path;
use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveFormat {
    DockerArchive,
    OciArchive,
}

/// Blobs of an unpacked archive: by digest, each a file.
pub(crate) struct FileBlobs(pub HashMap<String, PathBuf>);

impl BlobSource for FileBlobs {
    fn open_blob(&self, digest: &str) -> Result<Box<dyn Read + Send>> {
        let p = self.0.get(digest).with_context(|| format!("the archive lacks blob {digest}"))?;
        Ok(Box::new(std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?))
    }
}

fn sha256_file(p: &Path) -> Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = f.read(&mut buf)?;
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    Ok((format!("sha256:{}", crate::util::hex(&h.finalize())), n))
}

/// A header for an archive entry: owned by the caller (ownership of archive files means
/// nothing, and tools unpacking as a user cannot chown to root).
fn header(kind: tar::EntryType, size: u64, mode: u32) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_size(size);
    h.set_mode(mode);
    h.set_mtime(0);
    h.set_uid(nix::unistd::geteuid().as_raw() as u64);
    h.set_gid(nix::unistd::getegid().as_raw() as u64);
    h
}

fn append_dir<W: Write>(b: &mut tar::Builder<W>, name: &str) -> Result<()> {
    let mut h = header(tar::EntryType::Directory, 0, 0o755);
    b.append_data(&mut h, name, std::io::empty()).with_context(|| format!("writing {name} into the archive"))
}

fn append_file<W: Write>(b: &mut tar::Builder<W>, name: &str, path: &Path) -> Result<()> {
    let mut f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut h = header(tar::EntryType::Regular, 0, 0o644);
    h.set_size(f.metadata()?.len());
    b.append_data(&mut h, name, &mut f).with_context(|| format!("writing {name} into the archive"))
}

fn append_bytes<W: Write>(b: &mut tar::Builder<W>, name: &str, bytes: &[u8]) -> Result<()> {
    let mut h = header(tar::EntryType::Regular, bytes.len() as u64, 0o644);
    b.append_data(&mut h, name, bytes).with_context(|| format!("writing {name} into the archive"))
}

impl Engine {
    pub(crate) fn image_manifest(&self, img: &ImageRecord) -> Result<(Vec<u8>, manifest::Manifest, String)> {
        let d = img.manifest.clone().or(img.digest.clone()).context("the image has no manifest in the store")?;
        let bytes = std::fs::read(self.paths.blob(d.trim_start_matches("sha256:"))).with_context(|| format!("reading manifest {d}"))?;
        let media = serde_json::from_slice::<Value>(&bytes).ok().and_then(|v| v["mediaType"].as_str().map(String::from)).unwrap_or_else(|| MT_OCI_MANIFEST.into());
        match manifest::parse(&media, &bytes)? {
            Parsed::Manifest(m) => Ok((bytes, m, media)),
            Parsed::Index(_) => bail!("the stored manifest of {} is an index", img.short_id()),
        }
    }

    /// Writes the images to `out` as a tar archive in `format`, each under the name it was
    /// asked by (none when asked by id).
    pub fn save(&self, keys: &[String], format: ArchiveFormat, out: &mut dyn Write) -> Result<()> {
        let entries: Vec<(String, Option<String>)> = keys.iter().map(|k| (k.clone(), None)).collect();
        self.save_named(&entries, format, out)
    }

    /// `save`, with a name given for some images (`docker-archive:PATH:NAME`).
    pub(crate) fn save_named(&self, entries: &[(String, Option<String>)], format: ArchiveFormat, out: &mut dyn Write) -> Result<()> {
        let mut imgs = Vec::new();
        let mut given = Vec::new();
        for (k, name) in entries {
            imgs.push((k.clone(), self.find_image(k)?));
            // A docker-archive holds Docker references; an OCI layout's ref.name is kept as given.
            given.push(match name {
                Some(n) if format == ArchiveFormat::DockerArchive => Some(Reference::parse(n).map_err(|e| exit_error(125, e.to_string()))?.qualified_with("localhost").to_string()),
                other => other.clone(),
            });
        }
        let name_of = |i: usize, key: &str, img: &ImageRecord| given[i].clone().or_else(|| tag_for(key, img));
        let mut b = tar::Builder::new(out);
        match format {
            ArchiveFormat::OciArchive => {
                append_bytes(&mut b, "oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#)?;
                append_dir(&mut b, "blobs")?;
                append_dir(&mut b, "blobs/sha256")?;
                let mut entries = Vec::new();
                let mut written = std::collections::HashSet::new();
                for (i, (key, img)) in imgs.iter().enumerate() {
                    let (mbytes, m, media) = self.image_manifest(img)?;
                    for d in m.layers.iter().chain([&m.config]) {
                        let hex = d.digest.trim_start_matches("sha256:");
                        if written.insert(hex.to_string()) {
                            append_file(&mut b, &format!("blobs/sha256/{hex}"), &self.paths.blob(hex))?;
                        }
                    }
                    let mdigest = format!("sha256:{}", store::sha256_hex(&mbytes));
                    if written.insert(mdigest[7..].to_string()) {
                        append_bytes(&mut b, &format!("blobs/sha256/{}", &mdigest[7..]), &mbytes)?;
                    }
                    let name = name_of(i, key, img);
                    let mut e = json!({"mediaType": media, "digest": mdigest, "size": mbytes.len()});
                    if let Some(n) = name {
                        e["annotations"] = json!({"org.opencontainers.image.ref.name": n});
                    }
                    entries.push(e);
                }
                append_bytes(&mut b, "index.json", &serde_json::to_vec(&json!({"schemaVersion": 2, "manifests": entries}))?)?;
            }
            ArchiveFormat::DockerArchive => {
                let mut manifest = Vec::new();
                let mut written = std::collections::HashSet::new();
                // One entry per image, tagged with the names it was asked by (none by id).
                let mut unique: Vec<(&ImageRecord, Vec<String>)> = Vec::new();
                for (i, (key, img)) in imgs.iter().enumerate() {
                    let tag = name_of(i, key, img);
                    match unique.iter_mut().find(|(i, _)| i.id == img.id) {
                        Some((_, tags)) => tags.extend(tag.filter(|t| !tags.contains(t))),
                        None => unique.push((img, tag.into_iter().collect())),
                    }
                }
                for (img, tags) in &unique {
                    let (_, m, _) = self.image_manifest(img)?;
                    append_file(&mut b, &format!("{}.json", img.id), &self.paths.blob(&img.id))?;
                    let mut layer_names = Vec::new();
                    for (d, diff) in m.layers.iter().zip(&img.layers) {
                        let diff_hex = diff.trim_start_matches("sha256:");
                        let name = format!("{diff_hex}.tar");
                        layer_names.push(name.clone());
                        if !written.insert(diff_hex.to_string()) {
                            continue;
                        }
                        let blob = self.paths.blob(d.digest.trim_start_matches("sha256:"));
                        match manifest::compression(&d.media_type)? {
                            "none" => append_file(&mut b, &name, &blob)?,
                            comp => {
                                // docker-archive layers are plain tars: decompress to a scratch file first.
                                let tmp = self.paths.tmp().join(format!("save-{}-{}", std::process::id(), &diff_hex[..12]));
                                let r = (|| -> Result<()> {
                                    let f = std::fs::File::open(&blob).with_context(|| format!("opening {}", blob.display()))?;
                                    let mut reader: Box<dyn Read> = match comp {
                                        "gzip" => Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f))),
                                        _ => Box::new(ruzstd::streaming_decoder::StreamingDecoder::new(std::io::BufReader::new(f)).map_err(|e| anyhow!("{e}"))?),
                                    };
                                    std::io::copy(&mut reader, &mut std::fs::File::create(&tmp)?)?;
                                    append_file(&mut b, &name, &tmp)
                                })();
                                let _ = std::fs::remove_file(&tmp);
                                r?;
                            }
                        }
                    }
                    manifest.push(json!({"Config": format!("{}.json", img.id), "RepoTags": tags, "Layers": layer_names}));
                }
                append_bytes(&mut b, "manifest.json", &serde_json::to_vec(&manifest)?)?;
            }
        }
        b.into_inner().context("finishing the archive")?.flush().context("writing the archive")?;
        Ok(())
    }

    /// Loads every image of a docker-archive or oci-archive; returns their names (or ids).
    pub fn load(&self, input: &mut dyn Read) -> Result<Vec<String>> {
        self.paths.ensure_store()?;
        self.sweep_tmp();
        let staging = self.paths.tmp().join(format!("import-{}-{}", std::process::id(), &crate::util::ids::random_id()[..8]));
        std::fs::create_dir_all(staging.join("archive")).with_context(|| format!("creating {}", staging.display()))?;
        let r = self.load_staged(input, &staging);
        let _ = remove_tree_mapped(&staging);
        r
    }

    fn load_staged(&self, input: &mut dyn Read, staging: &Path) -> Result<Vec<String>> {
        let root = staging.join("archive");
        let mut buffered = std::io::BufReader::new(input);
        let mut a = tar::Archive::new(&mut buffered);
        for entry in a.entries().context("reading the archive as tar")? {
            let mut e = entry.context("the archive is not a valid tar (or ends early)")?;
            let raw = e.path().context("reading an archive entry's name")?.into_owned();
            let Some(rel) = clean_entry_path(&raw)? else { continue };
            match e.header().entry_type() {
                tar::EntryType::Regular | tar::EntryType::Continuous => {
                    let dest = root.join(&rel);
                    if let Some(p) = dest.parent() {
                        std::fs::create_dir_all(p)?;
                    }
                    std::io::copy(&mut e, &mut std::fs::File::create(&dest)?).with_context(|| format!("extracting {}", rel.display()))?;
                }
                _ => {} // directories are implied; links are not part of either format
            }
        }
        if root.join("oci-layout").exists() {
            crate::engine::verify::check_transport("oci-archive", "archive")?;
            self.load_oci(&root, staging, None, true)
        } else if root.join("manifest.json").exists() {
            crate::engine::verify::check_transport("docker-archive", "archive")?;
            self.load_docker(&root, staging)
        } else {
            Err(exit_error(125, "the archive is neither a docker-archive (manifest.json) nor an oci-archive (oci-layout)"))
        }
    }

    pub(crate) fn commit_loaded(&self, src: &FileBlobs, layers: &[Descriptor], config_desc: &Descriptor, mbytes: &[u8], top: &str, names: Vec<String>, staging: &Path) -> Result<String> {
        let config_bytes = fetch_small(src, config_desc)?;
        let config: Value = serde_json::from_slice(&config_bytes).context("decoding the image config")?;
        let diff_ids: Vec<String> = config["rootfs"]["diff_ids"].as_array().context("the image config has no rootfs.diff_ids")?
            .iter().map(|v| v.as_str().map(String::from)).collect::<Option<_>>().context("bad diff_id in the image config")?;
        if diff_ids.len() != layers.len() {
            bail!("the manifest lists {} layers but the config {} diff_ids", layers.len(), diff_ids.len());
        }
        let todo = self.missing_layers(layers, &diff_ids);
        let work = staging.join(format!("layers-{}", &top[7..19]));
        std::fs::create_dir_all(&work)?;
        let sizes = self.download_layers(src, layers, &diff_ids, &todo, &work, &crate::engine::progress::Quiet)?;
        let id = config_desc.digest.trim_start_matches("sha256:").to_string();
        let mdigest = format!("sha256:{}", store::sha256_hex(mbytes));
        let stored = StoredImage { id: &id, config: &config, config_bytes: &config_bytes, layers, diff_ids: &diff_ids,
            top_digest: top, manifest_digest: &mdigest, manifest_bytes: mbytes, index_bytes: None };
        self.commit_image(&stored, names, &todo, &sizes, &work)?;
        Ok(id)
    }

    /// Loads the images of an OCI layout at `root` (those whose ref.name is `only`, if given),
    /// named by their ref.name as Podman names them (`v1` is `localhost/v1:latest`) when
    /// `named`.
    pub(crate) fn load_oci(&self, root: &Path, staging: &Path, only: Option<&str>, named: bool) -> Result<Vec<String>> {
        let mut blobs = HashMap::new();
        for e in std::fs::read_dir(root.join("blobs/sha256")).context("the oci-archive has no blobs/sha256")?.flatten() {
            blobs.insert(format!("sha256:{}", e.file_name().to_string_lossy()), e.path());
        }
        let src = FileBlobs(blobs);
        let index: Value = serde_json::from_slice(&std::fs::read(root.join("index.json")).context("the oci-archive has no index.json")?)
            .context("decoding index.json")?;
        let mut loaded = Vec::new();
        for d in index["manifests"].as_array().context("index.json lists no manifests")? {
            if only.is_some_and(|o| d["annotations"]["org.opencontainers.image.ref.name"].as_str() != Some(o)) {
                continue;
            }
            let desc: Descriptor = serde_json::from_value(d.clone()).context("a bad descriptor in index.json")?;
            let mbytes = fetch_small(&src, &desc)?;
            let (m, mbytes) = match manifest::parse(&desc.media_type, &mbytes)? {
                Parsed::Manifest(m) => (m, mbytes),
                Parsed::Index(i) => {
                    let pick = manifest::choose(&i, &manifest::host_platform())?;
                    let b = fetch_small(&src, &pick)?;
                    match manifest::parse(&pick.media_type, &b)? {
                        Parsed::Manifest(m) => (m, b),
                        Parsed::Index(_) => bail!("nested indexes are not supported"),
                    }
                }
            };
            let name = d["annotations"]["org.opencontainers.image.ref.name"].as_str()
                .filter(|_| named)
                .and_then(|n| Reference::parse(n).ok())
                .map(|r| r.qualified_with("localhost").to_string());
            let id = self.commit_loaded(&src, &m.layers, &m.config, &mbytes, &desc.digest, name.clone().into_iter().collect(), staging)?;
            loaded.push(name.unwrap_or(format!("sha256:{id}")));
        }
        Ok(loaded)
    }

    fn load_docker(&self, root: &Path, staging: &Path) -> Result<Vec<String>> {
        let manifest: Value = serde_json::from_slice(&std::fs::read(root.join("manifest.json"))?).context("decoding manifest.json")?;
        let mut loaded = Vec::new();
        for entry in manifest.as_array().context("manifest.json is not a list")? {
            let mut blobs = HashMap::new();
            let file = |name: &str| -> Result<PathBuf> {
                let rel = clean_entry_path(Path::new(name))?.with_context(|| format!("bad file name {name} in manifest.json"))?;
                let p = root.join(rel);
                if !p.is_file() {
                    bail!("the archive lacks {name}, which manifest.json names");
                }
                Ok(p)
            };
            let cfg_path = file(entry["Config"].as_str().context("a manifest.json entry without Config")?)?;
            let (cdigest, csize) = sha256_file(&cfg_path)?;
            blobs.insert(cdigest.clone(), cfg_path);
            let mut layers = Vec::new();
            for l in entry["Layers"].as_array().context("a manifest.json entry without Layers")? {
                let p = file(l.as_str().context("a bad layer name")?)?;
                let (digest, size) = sha256_file(&p)?;
                let mut magic = [0u8; 4];
                let _ = std::fs::File::open(&p)?.read(&mut magic);
                let media = if magic.starts_with(&[0x1f, 0x8b]) {
                    "application/vnd.oci.image.layer.v1.tar+gzip"
                } else if magic == [0x28, 0xb5, 0x2f, 0xfd] {
                    "application/vnd.oci.image.layer.v1.tar+zstd"
                } else {
                    "application/vnd.oci.image.layer.v1.tar"
                };
                blobs.insert(digest.clone(), p);
                layers.push(Descriptor { media_type: media.into(), digest, size, platform: None });
            }
            let config_desc = Descriptor { media_type: "application/vnd.oci.image.config.v1+json".into(), digest: cdigest, size: csize, platform: None };
            let m = json!({"schemaVersion": 2, "mediaType": MT_OCI_MANIFEST, "config": config_desc, "layers": layers});
            let mbytes = serde_json::to_vec(&m)?;
            let top = format!("sha256:{}", store::sha256_hex(&mbytes));
            let names: Vec<String> = entry["RepoTags"].as_array().into_iter().flatten().filter_map(|t| t.as_str())
                .map(|t| Reference::parse(t).map(|r| r.normalized().to_string()).map_err(|e| anyhow!("RepoTags: {e}")))
                .collect::<Result<_>>()?;
            let src = FileBlobs(blobs);
            let id = self.commit_loaded(&src, &layers, &config_desc, &mbytes, &top, names.clone(), staging)?;
            if names.is_empty() {
                loaded.push(format!("sha256:{id}"));
            } else {
                loaded.extend(names);
            }
        }
        Ok(loaded)
    }
}

/// The name an image was asked for by (`key`), as stored: none when it was asked for by id
/// (Podman then writes no tag, so it loads as <none>:<none>).
fn tag_for(key: &str, img: &ImageRecord) -> Option<String> {
    let hex = key.strip_prefix("sha256:").unwrap_or(key);
    if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) && img.id.starts_with(hex) {
        return None;
    }
    let wanted = Reference::parse(key).ok()?;
    img.names.iter().find(|n| Reference::parse(n).is_ok_and(|s| wanted.matches_stored(&s))).cloned()
}
