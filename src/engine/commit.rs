//! `hutch commit`: a container's changes (its upper layer, whiteouts turned back into OCI
//! form) become a new layer on top of its image, with the image's config and `--change`s.

use crate::engine::import::apply_changes;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::reference::Reference;
use crate::state::containers::RootSource;
use crate::storage::remove::remove_tree_mapped;
use crate::util::time;
use anyhow::{Context, Result};
use serde_json::{json, Value};

pub struct CommitOptions {
    pub container: String,
    pub image: Option<String>,
    pub changes: Vec<String>,
    pub message: Option<String>,
    pub author: Option<String>,
    /// `--format docker`: Docker v2s2 media types.
    pub docker_format: bool,
    /// `--include-volumes`: the container's volume mount points become the image's VOLUMEs.
    pub include_volumes: bool,
    /// `--squash`: the whole image as one layer.
    pub squash: bool,
    /// `--pause`: a running container is frozen while its changes are read.
    pub pause: bool,
}

impl Engine {
    /// Commits the container; with `--pause` a running one is paused meanwhile (its cgroup's
    /// freezer: where it has none, the commit is refused as `pause` is).
    pub fn commit(&self, o: &CommitOptions) -> Result<String> {
        let rec = self.find_container(&o.container)?;
        let pause = o.pause && rec.live_status() == crate::state::containers::Status::Running && !rec.is_paused();
        if pause {
            self.pause_one(&rec.id, true)?;
        }
        let r = self.commit_as_is(o);
        if pause {
            if let Err(e) = self.pause_one(&rec.id, false) {
                self.warn(&format!("{} stays paused, its thaw failed: {e:#}; try `hutch unpause {}`", rec.name, rec.name));
            }
        }
        r
    }

    fn commit_as_is(&self, o: &CommitOptions) -> Result<String> {
        let name = match &o.image {
            Some(i) => {
                let r = Reference::parse(i).map_err(|e| exit_error(125, e.to_string()))?;
                if r.digest.is_some() {
                    return Err(exit_error(125, format!("{i}: an image name to give may not hold a digest")));
                }
                Some(r.qualified_with("localhost").to_string())
            }
            None => None,
        };
        let rec = self.find_container(&o.container)?;
        let RootSource::Image { image_id, .. } = &rec.root else {
            return Err(exit_error(125, format!("{} runs on a --rootfs directory: there is no image to commit on top of", o.container)));
        };
        let base = self.find_image(image_id)?;
        let mut config: Value = serde_json::from_slice(&std::fs::read(self.paths.blob(&base.id)).context("reading the base image config")?)?;
        let base_manifest: Value = base.manifest.as_ref()
            .and_then(|m| std::fs::read(self.paths.blob(m.trim_start_matches("sha256:"))).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .context("the base image has no manifest in the store")?;
        let base_layers: Vec<Value> = base_manifest["layers"].as_array().cloned().unwrap_or_default();
        let mut cfg_map = config["config"].as_object().cloned().unwrap_or_default();
        if o.include_volumes {
            let mut vols = cfg_map.get("Volumes").and_then(|v| v.as_object()).cloned().unwrap_or_default();
            for dest in self.volume_destinations(&rec.id) {
                vols.insert(dest, json!({}));
            }
            if !vols.is_empty() {
                cfg_map.insert("Volumes".into(), Value::Object(vols));
            }
        }
        apply_changes(&mut cfg_map, &o.changes)?;
        config["config"] = Value::Object(cfg_map);
        let created = time::rfc3339(time::now_unix());
        config["created"] = json!(created);
        if let Some(a) = &o.author {
            config["author"] = json!(a);
        }
        let mut history = json!({"created": created, "created_by": format!("hutch commit {}", rec.name)});
        if let Some(m) = &o.message {
            history["comment"] = json!(m);
        }
        if let Some(a) = &o.author {
            history["author"] = json!(a);
        }

        self.paths.ensure_store()?;
        self.sweep_tmp();
        let staging = self.scratch_dir("import", &[])?;
        let (layered_name, docker) = if o.squash { (None, false) } else { (name.clone(), o.docker_format) };
        // With --squash the layered image is a step on the way, removed after, unless it is one
        // that was there before (the same content committed earlier).
        let before: std::collections::HashSet<String> =
            crate::image::store::ImageIndex::load(&self.paths).map(|i| i.images.into_iter().map(|r| r.id).collect()).unwrap_or_default();
        let result = (|| -> Result<String> {
            let changes = self.changes_dir(&rec, &staging, crate::storage::vfs::Contents::Copied)?;
            let staged = self.stage_upper(&changes, &staging, None, &[])?;
            self.store_layered_image(&staging, &staged, config, history, &base_layers, &base.layers, layered_name, docker)
        })();
        let _ = remove_tree_mapped(&staging);
        let id = result?;
        if !o.squash {
            return Ok(id);
        }
        // --squash: the image just made, as one layer; then the layered one goes.
        let squashed = self.squash_image(&id, name, o.docker_format);
        if !before.contains(&id) {
            let _ = self.rmi(&[id], false, true, false);
        }
        squashed
    }

    /// Where the container's named and anonymous volumes are mounted.
    fn volume_destinations(&self, id: &str) -> Vec<String> {
        let spec: Option<oci_spec::runtime::Spec> = std::fs::read(self.paths.container_dir(id).join(crate::state::containers::SPEC_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let vols = self.paths.volumes();
        spec.and_then(|s| s.mounts().clone())
            .unwrap_or_default()
            .iter()
            .filter(|m| m.source().as_ref().is_some_and(|src| src.starts_with(&vols)))
            .map(|m| m.destination().to_string_lossy().into_owned())
            .collect()
    }

    /// A stored image as a new image of one layer, with the same config and history.
    fn squash_image(&self, id: &str, name: Option<String>, docker_format: bool) -> Result<String> {
        let img = self.find_image(id)?;
        let (staging, staged) = self.squash_layers(&img.layers, 0, None)?;
        let result = (|| -> Result<String> {
            let mut config: Value = serde_json::from_slice(&std::fs::read(self.paths.blob(&img.id)).context("reading the image config")?)?;
            // The history keeps its lines; all but the last are now empty.
            if let Some(h) = config["history"].as_array_mut() {
                let last = h.len().saturating_sub(1);
                for (i, entry) in h.iter_mut().enumerate() {
                    if let Some(o) = entry.as_object_mut() {
                        if i == last {
                            o.remove("empty_layer");
                        } else {
                            o.insert("empty_layer".into(), json!(true));
                        }
                    }
                }
            }
            let _guard = crate::state::lock::exclusive(&self.paths.store_lock())?;
            self.install_layer(&staging, &staged)?;
            self.put_image(crate::engine::import::NewImage {
                config,
                layers: vec![crate::engine::import::layer_descriptor(&staged)],
                diff_ids: vec![staged.diff_id.clone()],
                names: name.into_iter().collect(),
                cache_key: None,
                parent: None,
                intermediate: false,
                docker_format,
            })
        })();
        let _ = remove_tree_mapped(&staging);
        result
    }

    /// A container's changes as an overlay leaves them: its upper directory, or, for the
    /// copying driver (vfs), one made in `staging` by comparing its root with its image's
    /// layers (with the files' contents, or, for `diff`, their names only).
    pub(crate) fn changes_dir(&self, rec: &crate::state::containers::ContainerRecord, staging: &std::path::Path, contents: crate::storage::vfs::Contents) -> Result<std::path::PathBuf> {
        let cdir = self.paths.container_dir(&rec.id);
        if rec.driver.as_deref() != Some("vfs") {
            return Ok(cdir.join("upper"));
        }
        let layers = self.vfs_layers(rec)?;
        let copied = std::fs::metadata(cdir.join(crate::storage::vfs::COPIED_MARK)).ok().map(|m| {
            use std::os::unix::fs::MetadataExt;
            (m.ctime(), m.ctime_nsec())
        });
        let upper = staging.join("changes");
        std::fs::create_dir(&upper).with_context(|| format!("creating {}", upper.display()))?;
        let (root, u2) = (cdir.join("rootfs"), upper.clone());
        crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            crate::storage::vfs::changes(&layers, &root, &u2, copied, contents)?;
            Ok(0)
        })?;
        Ok(upper)
    }

    /// The unpacked layers a copying-driver container was made from, bottom first.
    pub(crate) fn vfs_layers(&self, rec: &crate::state::containers::ContainerRecord) -> Result<Vec<std::path::PathBuf>> {
        let RootSource::Image { layers, .. } = &rec.root else {
            return Err(exit_error(125, format!("{} runs on a --rootfs directory: there is no image to compare it with", rec.name)));
        };
        Ok(layers.iter().map(|d| self.paths.layer_tree(d)).collect())
    }

    /// A new scratch directory on the store's filesystem (`tmp/KIND-PID-RANDOM`) with `subdirs`.
    pub(crate) fn scratch_dir(&self, kind: &str, subdirs: &[&str]) -> Result<std::path::PathBuf> {
        let dir = self.paths.tmp().join(format!("{kind}-{}-{}", std::process::id(), &crate::util::ids::random_id()[..8]));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for d in subdirs {
            std::fs::create_dir(dir.join(d)).with_context(|| format!("creating {}", dir.display()))?;
        }
        Ok(dir)
    }

    /// The layers `diff_ids[keep..]` applied in order onto an overlay of those before (or onto
    /// nothing), staged as one layer (deletions as whiteouts) in a new scratch directory.
    pub(crate) fn squash_layers(&self, diff_ids: &[String], keep: usize, mtime: Option<i64>) -> Result<(std::path::PathBuf, crate::engine::import::StagedLayer)> {
        use crate::engine::rootfs::ContainerFs;
        let dir_of = |d: &String| self.paths.layer_tree(d);
        let kept: Vec<std::path::PathBuf> = diff_ids[..keep].iter().rev().map(dir_of).collect();
        let added: Vec<std::path::PathBuf> = diff_ids[keep..].iter().map(dir_of).collect();
        let staging = self.scratch_dir("squash", &["upper", "work", "mnt"])?;
        let target = if kept.is_empty() {
            ContainerFs::Plain(staging.join("upper"))
        } else {
            ContainerFs::Overlay { lowers: kept, upper: staging.join("upper"), work: staging.join("work") }
        };
        let mnt = staging.join("mnt");
        let r = crate::runtime::userns::run_in_userns(&self.mapping(), true, move || {
            let root = target.mount_at(&mnt, true)?;
            for l in &added {
                crate::storage::vfs::apply_layer(l, &root)?;
            }
            Ok(0)
        })
        .and_then(|_| self.stage_upper_in_place(&staging.join("upper"), &staging, mtime));
        match r {
            Ok(s) => Ok((staging, s)),
            Err(e) => {
                let _ = remove_tree_mapped(&staging);
                Err(e)
            }
        }
    }

    /// A writable layer (`upper`, as the overlay left it) as a layer tarball in `staging`,
    /// unpacked and hashed there, ready for the store.
    /// With `mtime` (`build --timestamp`), every file of the layer has that time.
    /// `mount_points` (relative to the root): a RUN step's mount targets, left out when empty.
    pub(crate) fn stage_upper(&self, upper: &std::path::Path, staging: &std::path::Path, mtime: Option<i64>, mount_points: &[std::path::PathBuf]) -> Result<crate::engine::import::StagedLayer> {
        let mapping = self.mapping();
        let tarball = staging.join("upper.tar");
        let (t2, u2, m2) = (tarball.clone(), upper.to_path_buf(), mount_points.to_vec());
        crate::runtime::userns::run_in_userns(&mapping, false, move || {
            let f = std::fs::File::create(&t2).with_context(|| format!("creating {}", t2.display()))?;
            crate::storage::tarwrite::write_tar_at(&u2, f, true, mtime, &m2)?;
            Ok(0)
        })?;
        let input = std::fs::File::open(&tarball).context("reading the layer's changes")?;
        let staged = self.stage_layer(Box::new(input), staging, &mapping);
        let _ = std::fs::remove_file(&tarball);
        staged
    }

    /// Like `stage_upper`, for an upper directory of a native overlay that holds exactly the
    /// layer (a COPY's: no mount-point files): the tarball is written once and the directory
    /// itself becomes the layer's unpacked tree, with no second unpack.
    /// With `mtime`, the tree is written and unpacked again (`stage_upper`), so the files on
    /// disk carry the time the layer's tarball says.
    pub(crate) fn stage_upper_in_place(&self, upper: &std::path::Path, staging: &std::path::Path, mtime: Option<i64>) -> Result<crate::engine::import::StagedLayer> {
        use sha2::Digest;
        if mtime.is_some() {
            return self.stage_upper(upper, staging, mtime, &[]);
        }
        let tarball = staging.join("layer.tar");
        let stats_file = staging.join("stats.json");
        let (t2, u2, s2) = (tarball.clone(), upper.to_path_buf(), stats_file.clone());
        crate::runtime::userns::run_in_userns(&self.mapping(), false, move || {
            let f = std::fs::File::create(&t2).with_context(|| format!("creating {}", t2.display()))?;
            crate::storage::tarwrite::write_tar(&u2, f, true)?;
            let mut stats = crate::storage::unpack::UnpackStats::default();
            let mut stack = vec![u2.clone()];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
                    let e = e?;
                    let m = e.metadata()?;
                    stats.entries += 1;
                    if m.is_dir() {
                        stack.push(e.path());
                    } else if m.is_file() {
                        stats.bytes += m.len();
                    }
                }
            }
            crate::state::atomic::write_json_atomic(&s2, &stats, crate::state::atomic::Durability::Atomic)?;
            Ok(0)
        })?;
        let mut hasher = sha2::Sha256::new();
        let mut f = std::fs::File::open(&tarball).context("reading the layer tarball")?;
        let size = std::io::copy(&mut f, &mut hasher).context("hashing the layer tarball")?;
        let stats = serde_json::from_slice(&std::fs::read(&stats_file).context("reading the layer's size")?)?;
        std::fs::rename(upper, staging.join("diff")).context("moving the layer into place")?;
        Ok(crate::engine::import::StagedLayer { diff_id: format!("sha256:{}", crate::util::hex(&hasher.finalize())), size, stats })
    }
}
