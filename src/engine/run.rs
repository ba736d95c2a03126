//! `hutch run` in the foreground: create the container record, plan its spec, start it in
//! its namespaces, relay its terminal and signals, record how it ended, remove it with --rm.

use crate::engine::{rootview, Engine};
use crate::error::exit_error;
use crate::image::store::{self, ImageIndex, LookupError};
use crate::plan::{self, NetworkMode, PlanInput, RootPlan};
use crate::runtime::{io, launch, steps};
use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::containers::{self as records, ContainerRecord, RootSource, Status};
use crate::state::lock;
use crate::util::{ids, time};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub image: Option<String>,
    pub rootfs: Option<PathBuf>,
    pub command: Vec<String>,
    pub name: Option<String>,
    pub hostname: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub entrypoint: Option<String>,
    pub init: bool,
    pub read_only: bool,
    pub network: Option<NetworkMode>,
    pub rm: bool,
    pub interactive: bool,
    pub tty: bool,
    /// -v/--volume, --mount and --tmpfs, as given.
    pub volumes: Vec<String>,
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    /// --pull: always, missing (the default), never, newer.
    pub pull: String,
    /// How to pull when the policy says so (the reference is filled in here).
    pub pull_options: crate::engine::pull::PullOptions,
}

pub struct RunReport {
    pub id: String,
    pub exit_code: i32,
}

/// Podman's rule for container names.
pub fn check_name(name: &str) -> Result<()> {
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-');
    if !ok {
        bail!("invalid container name `{name}`: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    Ok(())
}

struct Root {
    source: RootSource,
    image_name: String,
    config: Option<oci_spec::image::Config>,
    /// Directories to read /etc/passwd from, top first.
    view: Vec<PathBuf>,
}

impl Engine {
    fn resolve_root(&self, opts: &RunOptions) -> Result<Root> {
        if let Some(dir) = &opts.rootfs {
            let dir = std::fs::canonicalize(dir)
                .with_context(|| format!("--rootfs {}: no such directory", dir.display()))?;
            if !dir.is_dir() {
                bail!("--rootfs {}: not a directory", dir.display());
            }
            // A directory we cannot write is used through an overlay, so nothing is written
            // into it (mount points and the container's changes go to its own layer).
            let writable = nix::unistd::access(&dir, nix::unistd::AccessFlags::W_OK).is_ok();
            return Ok(Root {
                source: RootSource::Dir { path: dir.to_string_lossy().into_owned(), overlay: !writable },
                image_name: String::new(),
                config: None,
                view: vec![dir],
            });
        }
        let key = opts.image.as_deref().context("no image given")?;
        if let Err(e) = crate::image::reference::Reference::parse(key) {
            if !key.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(exit_error(125, e.to_string()));
            }
        }
        let mut index = ImageIndex::load(&self.paths)?;
        let local = index.lookup(key).is_ok();
        let policy = if opts.pull.is_empty() { "missing" } else { opts.pull.as_str() };
        if policy == "always" || policy == "newer" || (policy == "missing" && !local) {
            let mut po = opts.pull_options.clone();
            po.reference = key.to_string();
            match self.pull(&po) {
                Ok(_) => index = ImageIndex::load(&self.paths)?,
                // `newer` falls back to the local image when the registry cannot be asked.
                Err(e) if policy == "newer" && local => self.warn(&format!("{e:#}; using the local image")),
                Err(e) => return Err(e),
            }
        }
        let img = match index.lookup(key) {
            Ok(i) => i.clone(),
            Err(LookupError::NotFound) => {
                return Err(exit_error(125, format!("{key}: image not known, and --pull=never forbids pulling it")))
            }
            Err(LookupError::Ambiguous(names)) => bail!("{key} is ambiguous: it names {}", names.join(", ")),
        };
        let cfg = store::read_config(&self.paths, &img.id)?;
        let mut view = Vec::new();
        for l in img.layers.iter().rev() {
            let hex = l.strip_prefix("sha256:").unwrap_or(l);
            let diff = self.paths.layer_dir(hex).join("diff");
            if !diff.is_dir() {
                bail!("layer {l} of image {} is missing from the store: remove the image and add it again", img.short_id());
            }
            view.push(diff);
        }
        Ok(Root {
            source: RootSource::Image { image_id: img.id.clone(), layers: img.layers.clone() },
            image_name: img.names.first().cloned().unwrap_or_else(|| img.id.clone()),
            config: cfg.config().clone(),
            view,
        })
    }

    pub fn run(&self, opts: RunOptions) -> Result<RunReport> {
        let mapping = self.mapping();
        self.paths.ensure_store()?;
        if let Some(n) = &opts.name {
            check_name(n)?;
        }
        let mut mount_reqs = Vec::new();
        for v in &opts.volumes {
            mount_reqs.push(crate::plan::mounts::parse_volume(v).map_err(|e| exit_error(125, e))?);
        }
        for m in &opts.mounts {
            mount_reqs.push(crate::plan::mounts::parse_mount(m).map_err(|e| exit_error(125, e))?);
        }
        for t in &opts.tmpfs {
            mount_reqs.push(crate::plan::mounts::parse_tmpfs(t).map_err(|e| exit_error(125, e))?);
        }
        let root = self.resolve_root(&opts)?;
        let driver = if matches!(root.source, RootSource::Image { .. }) {
            let d = self.driver()?;
            if d.reason.contains("falling back") {
                self.warn(&d.reason);
            }
            Some(d)
        } else {
            None
        };
        let mut env_entries = Vec::new();
        for f in &opts.env_files {
            let text = std::fs::read_to_string(f).with_context(|| format!("--env-file {}", f.display()))?;
            for e in plan::env::env_file_entries(&text) {
                env_entries.push((e, format!("--env-file {}", f.display())));
            }
        }
        env_entries.extend(opts.env.iter().map(|e| (e.clone(), "-e".to_string())));

        // Create the record under the store lock, so names stay unique.
        let id = ids::random_id();
        let name = {
            let _guard = lock::exclusive(&self.paths.store_lock())?;
            let all = records::list(&self.paths)?;
            let name = match &opts.name {
                Some(n) => {
                    if let Some(other) = all.iter().find(|c| &c.name == n) {
                        return Err(exit_error(125, format!(
                            "the container name \"{n}\" is already in use by {}. You have to remove that container to be able to reuse that name: that name is already in use",
                            other.id
                        )));
                    }
                    n.clone()
                }
                None => loop {
                    let n = ids::random_name();
                    if !all.iter().any(|c| c.name == n) {
                        break n;
                    }
                },
            };
            let dir = self.paths.container_dir(&id);
            std::fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let rec = ContainerRecord {
                id: id.clone(),
                name: name.clone(),
                image: root.image_name.clone(),
                root: root.source.clone(),
                command: vec![],
                created: time::now_unix(),
                status: Status::Created,
                pid: None,
                pid_start: None,
                started_at: None,
                finished_at: None,
                exit_code: None,
                auto_remove: opts.rm,
                volumes: vec![],
                anonymous_volumes: vec![],
                driver: driver.as_ref().map(|d| d.name).filter(|n| *n != "overlay").map(String::from),
            };
            records::save(&self.paths, &rec)?;
            name
        };

        let fuse = driver.as_ref().filter(|d| d.name == "fuse-overlayfs").and_then(|d| d.program.clone());
        let result = self.create_and_start(&id, &name, &opts, &root, &env_entries, &mapping, &mount_reqs, fuse);
        let cleanup = |eng: &Engine| -> Result<()> {
            // --rm takes the container's anonymous volumes with it, as in Podman.
            let rec = records::load(&eng.paths, &id).ok();
            eng.remove_container_files(&id)?;
            if let Some(r) = rec {
                eng.remove_anonymous_volumes(&r)?;
            }
            Ok(())
        };
        let code = match result {
            Ok(code) => code,
            Err(e) => {
                if opts.rm {
                    let _ = cleanup(self);
                }
                return Err(e);
            }
        };
        if opts.rm {
            cleanup(self)?;
        }
        Ok(RunReport { id, exit_code: code })
    }

    fn create_and_start(
        &self,
        id: &str,
        name: &str,
        opts: &RunOptions,
        root: &Root,
        env_entries: &[(String, String)],
        mapping: &crate::runtime::idmap::IdMapping,
        mount_reqs: &[crate::plan::mounts::MountRequest],
        fuse: Option<PathBuf>,
    ) -> Result<i32> {
        let cdir = self.paths.container_dir(id);
        let run_dir = self.paths.container_run_dir(id);
        std::fs::create_dir_all(&run_dir).with_context(|| format!("creating {}", run_dir.display()))?;
        let mountpoint = run_dir.join("rootfs");
        std::fs::create_dir_all(&mountpoint).with_context(|| format!("creating {}", mountpoint.display()))?;

        let root_plan = match &root.source {
            RootSource::Dir { path, overlay: false } => RootPlan::Bind { dir: PathBuf::from(path) },
            RootSource::Dir { path, overlay: true } => {
                RootPlan::Overlay { lower: vec![PathBuf::from(path)], upper: cdir.join("upper"), work: cdir.join("work"), program: None }
            }
            RootSource::Image { .. } if records::load(&self.paths, id)?.driver.as_deref() == Some("vfs") => {
                // The copying driver: the image's layers applied bottom up into rootfs/.
                let rootfs = cdir.join("rootfs");
                std::fs::create_dir_all(&rootfs).with_context(|| format!("creating {}", rootfs.display()))?;
                let (layers, dst) = (root.view.clone(), rootfs.clone());
                crate::runtime::userns::run_in_userns(mapping, false, move || {
                    for l in layers.iter().rev() {
                        crate::storage::vfs::apply_layer(l, &dst)?;
                    }
                    Ok(0)
                })?;
                RootPlan::Bind { dir: rootfs }
            }
            RootSource::Image { .. } => {
                RootPlan::Overlay { lower: root.view.clone(), upper: cdir.join("upper"), work: cdir.join("work"), program: fuse.clone() }
            }
        };
        if let RootPlan::Overlay { upper, work, .. } = &root_plan {
            for d in [upper, work] {
                std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
            }
        }

        let image_volumes: Vec<String> = root.config.as_ref().and_then(|c| c.volumes().clone()).unwrap_or_default().into_iter().collect();
        let seed_from: &[PathBuf] = if matches!(root.source, RootSource::Image { .. }) { &root.view } else { &[] };
        let resolved = self.resolve_mounts(mount_reqs, &image_volumes, seed_from, &cdir)?;
        {
            let mut rec = records::load(&self.paths, id)?;
            rec.volumes = resolved.volumes.clone();
            rec.anonymous_volumes = resolved.anonymous.clone();
            records::save(&self.paths, &rec)?;
        }
        let passwd = rootview::read_file(&root.view, "/etc/passwd");
        let group = rootview::read_file(&root.view, "/etc/group");
        let host_hostname = nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default();
        let uid_map: Vec<(u32, u32, u32)> = mapping.uids.iter().map(|r| (r.container, r.host, r.size)).collect();
        let gid_map: Vec<(u32, u32, u32)> = mapping.gids.iter().map(|r| (r.container, r.host, r.size)).collect();
        let host_env = |k: &str| std::env::var(k).ok();
        let network = opts.network.unwrap_or(NetworkMode::None);
        let input = PlanInput {
            id,
            name,
            image_config: root.config.as_ref(),
            command: &opts.command,
            entrypoint: opts.entrypoint.as_deref(),
            env_entries,
            host_env: &host_env,
            workdir: opts.workdir.as_deref(),
            user: opts.user.as_deref(),
            passwd: &passwd,
            group: &group,
            hostname: opts.hostname.as_deref(),
            host_hostname: &host_hostname,
            tty: opts.tty,
            init: opts.init,
            read_only: opts.read_only,
            network,
            root: root_plan,
            rootfs_mountpoint: mountpoint,
            run_dir: &run_dir,
            uid_map: &uid_map,
            gid_map: &gid_map,
            single_mapping: mapping.is_single(),
            user_mounts: &resolved.mounts,
        };
        let spec = plan::build_spec(&input).map_err(|e| exit_error(125, e))?;
        let hostname = spec.hostname().clone().unwrap_or_default();
        write_run_files(&run_dir, &hostname, name, id, &root.image_name, network)?;
        if let Some(user) = spec.process().as_ref().map(|p| p.user()) {
            self.chown_for_container(&resolved.chown, user.uid(), user.gid())?;
        }
        let prepared = steps::prepare(&spec, !mapping.is_single(), io::winsize())?;
        let mut rec = records::load(&self.paths, id)?;
        rec.command = spec.process().as_ref().and_then(|p| p.args().clone()).unwrap_or_default();

        // Clone first: the setuid id-map helpers then run while we write the spec and the
        // record, which only have to be in place once the container is released.
        let pending = launch::spawn(&prepared, mapping, opts.interactive)?;
        let files = (|| -> Result<()> {
            write_json_atomic(&cdir.join(records::SPEC_FILE), &spec, Durability::Atomic)?;
            rec.status = Status::Running;
            rec.pid = Some(pending.pid);
            rec.pid_start = records::process_start_time(pending.pid);
            rec.started_at = Some(time::now_unix());
            records::save(&self.paths, &rec)
        })();
        if let Err(e) = files {
            pending.abort();
            return Err(e);
        }
        let started = match pending.release() {
            Ok(s) => s,
            Err(e) => {
                // It never ran: back to "created", as Podman leaves a container that failed to start.
                rec.status = Status::Created;
                rec.pid = None;
                rec.pid_start = None;
                rec.started_at = None;
                let _ = records::save(&self.paths, &rec);
                return Err(e);
            }
        };

        let code = io::wait(started, opts.interactive)?;
        rec.status = Status::Exited;
        rec.exit_code = Some(code);
        rec.finished_at = Some(time::now_unix());
        rec.pid = None;
        // `hutch rm -f` from another terminal may have removed it meanwhile.
        if !opts.rm && cdir.is_dir() {
            records::save(&self.paths, &rec)?;
        }
        Ok(code)
    }
}

/// /etc/hosts, /etc/hostname, /etc/resolv.conf and /run/.containerenv for bind mounting.
/// The directory is new and private to this container, so plain writes suffice.
fn write_run_files(dir: &std::path::Path, hostname: &str, name: &str, id: &str, image: &str, net: NetworkMode) -> Result<()> {
    let mut hosts = match net {
        NetworkMode::Host => std::fs::read_to_string("/etc/hosts").unwrap_or_default(),
        NetworkMode::None => "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
                              ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n"
            .to_string(),
    };
    if !hosts.is_empty() && !hosts.ends_with('\n') {
        hosts.push('\n');
    }
    hosts.push_str(&format!("127.0.1.1\t{hostname} {name}\n"));
    let resolv = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    let env = format!(
        "engine=\"hutch-{}\"\nname=\"{name}\"\nid=\"{id}\"\nimage=\"{image}\"\nrootless=1\n",
        env!("CARGO_PKG_VERSION")
    );
    for (file, text) in [("hosts", hosts), ("hostname", format!("{hostname}\n")), ("resolv.conf", resolv), (".containerenv", env)] {
        let p = dir.join(file);
        std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
        // Bind mounted into the container: readable by any of its users, whatever our umask.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).with_context(|| format!("chmod {}", p.display()))?;
    }
    Ok(())
}
