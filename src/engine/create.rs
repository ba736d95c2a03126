//! `hutch create` (and the first half of `run`): claim the name, resolve the image (pulling
//! it if the policy says so), make the root filesystem and volumes, plan the OCI spec, and
//! write the record. A create killed midway leaves a record marked `creating`, which is never
//! listed and which the next create removes; a create that fails removes what it made.

use crate::engine::driver::Driver;
use crate::engine::{rootview, Engine};
use crate::error::exit_error;
use crate::image::store::{self, ImageIndex, LookupError};
use crate::plan::{self, PlanInput, RootPlan};
use crate::state::atomic::{write_json_atomic, Durability};
use crate::state::containers::{self as records, ContainerRecord, CreateInfo, ProcRef, RootSource, Status};
use crate::state::lock;
use crate::util::{ids, time};
use anyhow::{bail, Context, Result};
use std::path::PathBuf;

pub use crate::engine::run_options::{check_name, RunOptions};
use crate::engine::run_options::settings_of;


/// What `create` has checked and resolved, for making the container's files.
struct Inputs<'a> {
    opts: &'a RunOptions,
    net: &'a crate::engine::network::Checked,
    root: &'a Root,
    env_entries: &'a [(String, String)],
    mapping: &'a crate::runtime::idmap::IdMapping,
    mount_reqs: &'a [crate::plan::mounts::MountRequest],
    /// fuse-overlayfs, when it mounts the root.
    fuse: Option<PathBuf>,
    confinement: &'a crate::plan::security::Confinement,
    seccomp: Option<PathBuf>,
    resources: Option<oci_spec::runtime::LinuxResources>,
    cgroupns_host: bool,
    sysctls: std::collections::BTreeMap<String, String>,
    shm_size: Option<u64>,
    devices: &'a [(String, String, bool)],
    userns: Option<&'a crate::plan::userns::Userns>,
    extras: &'a crate::plan::spec::Extras,
    volumes_from: &'a [crate::state::containers::SharedMount],
    /// How the image's VOLUMEs are mounted: bind (anonymous volumes), tmpfs or ignore.
    image_volume: &'a str,
    secrets: &'a [crate::plan::secrets::SecretRequest],
}

struct Root {
    source: RootSource,
    image_name: String,
    config: Option<oci_spec::image::Config>,
    /// Directories to read /etc/passwd from, top first.
    view: Vec<PathBuf>,
}

impl Engine {
    /// The image `key` names, pulled first as the policy says (always, missing (the default),
    /// never, newer).
    pub(crate) fn image_for(&self, key: &str, pull: &str, pull_options: &crate::engine::pull::PullOptions) -> Result<crate::image::store::ImageRecord> {
        // A transport name (`docker-archive:x.tar`, `oci:dir`, `docker://...`): read from there.
        if crate::plan::transport::has_transport(key) {
            match crate::plan::transport::parse(key).map_err(|e| exit_error(125, e))? {
                crate::plan::transport::Transport::Docker(r) => return self.image_for(&r, pull, pull_options),
                crate::plan::transport::Transport::ContainersStorage(r) => return self.find_image(&r),
                t => {
                    let ids = self.pull_transport(&t, pull_options)?;
                    let first = ids.first().context("the transport brought no image")?;
                    return self.find_image(first);
                }
            }
        }
        let mut index = ImageIndex::load(&self.paths)?;
        // With a platform asked for, a local image of another one is as good as missing.
        let want = pull_options.platform.as_ref();
        let local = index.lookup(key).is_ok_and(|i| self.is_for_platform(i, want));
        let policy = if pull.is_empty() { "missing" } else { pull };
        if policy == "never" && !local && index.lookup(key).is_ok() {
            if let Some(w) = want {
                return Err(exit_error(125, format!("{key}: the local image is not for {}, and --pull=never forbids pulling one that is", crate::image::manifest::platform_name(w))));
            }
        }
        if policy == "always" || policy == "newer" || (policy == "missing" && !local) {
            let mut po = pull_options.clone();
            po.reference = key.to_string();
            match self.pull(&po) {
                Ok(_) => index = ImageIndex::load(&self.paths)?,
                // `newer` falls back to the local image when the registry cannot be asked.
                Err(e) if policy == "newer" && local => self.warn(&format!("{e:#}; using the local image")),
                // One of another platform is here: say so, with why none could be pulled.
                Err(e) if !local && want.is_some() && index.lookup(key).is_ok() => {
                    let w = want.map(crate::image::manifest::platform_name).unwrap_or_default();
                    return Err(exit_error(crate::error::exit_code_of(&e), format!("{key}: the local image is not for {w}, and pulling one failed: {e:#}")));
                }
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
        // A manifest list stands for its image for this platform, as in Podman.
        if img.list.is_some() {
            return self.list_instance(&img, want);
        }
        if let Some(w) = want.filter(|_| !self.is_for_platform(&img, want)) {
            self.warn(&format!("image platform of {key} does not match the expected platform ({})", crate::image::manifest::platform_name(w)));
        }
        Ok(img)
    }

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
            if !key.bytes().all(|b| b.is_ascii_hexdigit()) && !crate::plan::transport::has_transport(key) {
                return Err(exit_error(125, e.to_string()));
            }
        }
        let img = self.image_for(key, &opts.pull, &opts.pull_options)?;
        let cfg = store::read_config(&self.paths, &img.id)?;
        let mut view = Vec::new();
        for l in img.layers.iter().rev() {
            let diff = self.paths.layer_tree(l);
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

    /// Creates a container and returns its id.
    pub fn create(&self, opts: &RunOptions) -> Result<String> {
        let conf = crate::config::containers::ContainersConf::load().map_err(|e| exit_error(125, format!("{e:#}")))?;
        let (opts, warnings) = crate::engine::run_options::with_conf_defaults(opts, &conf)?;
        let opts = &opts;
        for w in warnings {
            self.warn(&w);
        }
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
        let mut settings = settings_of(opts)?;
        if let Some(img) = &opts.image {
            crate::engine::autoupdate::check_create(&settings.labels, img).map_err(|e| exit_error(125, e))?;
        }
        let mut net = crate::engine::network::check(&opts.network, &conf)?;
        if let crate::plan::NetworkMode::Container(key) = &net.mode {
            // Recorded by id: a rename of the other container does not lose it.
            let other = self.find_container(key)?;
            if other.settings.network == "host" {
                // The host's network, shared as such (its namespace belongs to no user
                // namespace of ours to join).
                net.value = "host".into();
                net.mode = crate::plan::NetworkMode::Host;
            } else {
                // One that joins another's network itself: that one's is the namespace joined.
                let id = other.settings.network.strip_prefix("container:").map(String::from).unwrap_or(other.id);
                net.value = format!("container:{id}");
                net.mode = crate::plan::NetworkMode::Container(id);
            }
        }
        if net.discarded_ports {
            self.warn("Port mappings have been discarded as one of the Host, Container, Pod, and None network modes are in use");
        }
        if let Some(c) = &opts.cidfile {
            if c.exists() {
                return Err(exit_error(125, format!("container id file exists. Ensure another container is not using it or delete {}", c.display())));
            }
        }
        if opts.replace {
            if let Some(n) = &opts.name {
                let rep = self.rm(&crate::engine::containers::RmOptions { keys: vec![n.clone()], force: true, ignore: true, timeout: None, ..Default::default() })?;
                if let Some(f) = rep.failures.first() {
                    return Err(exit_error(125, format!("--replace: {}", f.message)));
                }
            }
        }
        let root = self.resolve_root(opts)?;
        let image_health = match &root.source {
            RootSource::Image { image_id, .. } => std::fs::read(self.paths.blob(image_id.trim_start_matches("sha256:")))
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .and_then(|v| v.get("config").and_then(|c| c.get("Healthcheck")).and_then(crate::plan::health::from_image)),
            _ => None,
        };
        settings.health = crate::plan::health::resolve(&opts.health, image_health).map_err(|e| exit_error(125, e))?;
        for r in opts.requires.iter().flat_map(|r| r.split(',')).filter(|r| !r.is_empty()) {
            // Recorded by id: a rename does not lose it.
            settings.requires.push(self.find_container(r)?.id);
        }
        let (confinement, seccomp) = self.confine(&opts.security, &conf, root.config.as_ref().and_then(|c| c.labels().as_ref()))?;
        let resources = self.limits(&opts.resources, opts.cgroups.as_deref(), conf.containers.pids_limit)?;
        let image_volume = match opts.image_volume.as_deref().or(conf.engine.image_volume_mode.as_deref()).unwrap_or("bind") {
            m @ ("bind" | "tmpfs" | "ignore") => m,
            m => return Err(exit_error(125, format!("invalid image volume mode {m:?} (containers.conf image_volume_mode): use bind, tmpfs or ignore"))),
        };
        let mut extras = crate::engine::run_options::extras(&opts.extras)?;
        extras.default_env = conf.containers.env.clone().unwrap_or_default();
        let volumes_from = self.volumes_from(&opts.volumes_from)?;
        let devices = self.devices(&opts.devices, opts.security.privileged, &opts.device_cgroup_rules)?;
        let sysctls = crate::plan::sysctl::sysctls(conf.containers.default_sysctls.as_deref().unwrap_or(&[]), &opts.sysctls, net.mode.own_namespace(), true,
            matches!(net.mode, crate::plan::network::NetworkMode::Container(_) | crate::plan::network::NetworkMode::Path(_)))
            .map_err(|e| exit_error(125, e))?;
        let shm_size = match opts.shm_size.as_deref().or(conf.containers.shm_size.as_deref()) {
            None => None,
            Some(v) => Some(crate::util::units::parse_ram(v).filter(|b| *b > 0).ok_or_else(|| exit_error(125, format!("invalid --shm-size {v:?}: use a size such as 64m or 1g")))?),
        };
        if let Some(adj) = opts.oom_score_adj {
            let own: i32 = std::fs::read_to_string("/proc/self/oom_score_adj").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
            if !(-1000..=1000).contains(&adj) {
                return Err(exit_error(125, format!("oom_score_adj {adj} is out of range: use -1000 to 1000")));
            }
            if adj < own {
                return Err(exit_error(125, format!("--oom-score-adj {adj}: an unprivileged user cannot set it below its own ({own})")));
            }
        }
        let cgroupns_host = match opts.cgroupns.as_deref() {
            None | Some("private") => false,
            Some("host") => true,
            Some(other) => return Err(exit_error(125, format!("--cgroupns {other}: not supported by hutch (use private or host)"))),
        };
        if let Some(p) = &opts.cgroup_parent {
            if p.split('/').any(|c| c == "..") {
                return Err(exit_error(125, format!("--cgroup-parent {p}: must not contain `..`")));
            }
            if resources.is_none() {
                self.warn(&format!("--cgroup-parent {p}: containers get a cgroup of their own only on cgroup v2 (and not with --cgroups=disabled), so this one runs in the caller's"));
            }
        }
        let mut userns = self.userns_mode(opts, &conf, &mapping)?;
        if let Some(u) = userns.as_mut().filter(|u| u.auto_size == Some(0)) {
            let (passwd, group) = (rootview::read_file(&root.view, "/etc/passwd"), rootview::read_file(&root.view, "/etc/group"));
            u.auto_size = Some(crate::plan::userns::auto_size_for(&passwd, &group).min(mapping.uid_count().min(u64::from(u32::MAX)) as u32 - 1));
        }
        let mut driver = if matches!(root.source, RootSource::Image { .. }) {
            let d = self.driver()?;
            if d.fallback && userns.is_none() {
                self.warn(&d.reason);
            }
            Some(d)
        } else {
            None
        };
        if userns.is_some() {
            // The container sees the image's ids through fuse-overlayfs's id mapping.
            driver = Some(self.userns_driver(driver, &root.source)?);
        }
        let mut env_entries = Vec::new();
        for f in &opts.env_files {
            let text = std::fs::read_to_string(f).with_context(|| format!("--env-file {}", f.display()))?;
            for e in plan::env::env_file_entries(&text) {
                env_entries.push((e, format!("--env-file {}", f.display())));
            }
        }
        env_entries.extend(opts.env.iter().map(|e| (e.clone(), "-e".to_string())));
        let mut secrets = Vec::new();
        for s in &opts.secrets {
            let req = plan::secrets::parse(s).map_err(|e| exit_error(125, e))?;
            self.secret_find(&req.name)?;
            secrets.push(req);
        }

        // Claim the name under the store lock: the record, marked `creating` until done.
        let id = ids::random_id();
        let name = {
            let _guard = lock::exclusive(&self.paths.store_lock())?;
            let all = self.scan_sweeping_debris()?;
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
            // `--userns=auto`: ids no other container holds, claimed with the name.
            let auto_ids = match userns.as_mut() {
                Some(u) => match u.auto_size {
                    Some(size) => {
                        let taken: Vec<(u32, u32)> = all.iter().filter_map(|c| c.auto_ids).collect();
                        let count = mapping.uid_count().min(mapping.gid_count()).min(u64::from(u32::MAX)) as u32;
                        let start = crate::plan::userns::free_range(&taken, size, count).map_err(|e| exit_error(125, e))?;
                        u.place_auto(start);
                        Some((start, size))
                    }
                    None => None,
                },
                None => None,
            };
            let dir = self.paths.container_dir(&id);
            std::fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
            let rec = ContainerRecord {
                id: id.clone(),
                name: name.clone(),
                image: root.image_name.clone(),
                raw_image: opts.image.clone().filter(|i| *i != root.image_name),
                root: root.source.clone(),
                command: vec![],
                cmd: None,
                created: time::now_unix(),
                created_ns: time::now_nanos() as u64,
                status: Status::Created,
                pid: None,
                pid_start: None,
                started_at: None,
                finished_at: None,
                exit_code: None,
                auto_remove: opts.rm,
                volumes: vec![],
                anonymous_volumes: vec![],
                driver: driver.as_ref().map(|d| d.driver).filter(|d| *d != Driver::Overlay).map(|d| d.name().to_string()),
                boot_id: None,
                supervisor: None,
                creating: ProcRef::me(),
                settings,
                restart_count: 0,
                stopped_by_user: false,
                error: None,
                exit_signal: None,
                paused: false,
                auto_ids,
            };
            records::save(&self.paths, &rec)?;
            name
        };

        let fuse = driver.as_ref().filter(|d| d.driver == Driver::FuseOverlayfs).and_then(|d| d.program.clone());
        let inputs = Inputs { opts, net: &net, root: &root, env_entries: &env_entries, mapping: &mapping, mount_reqs: &mount_reqs, fuse, confinement: &confinement, seccomp, resources, cgroupns_host, sysctls, shm_size, devices: &devices, userns: userns.as_ref(), extras: &extras, volumes_from: &volumes_from, image_volume, secrets: &secrets };
        if let Err(e) = self.make_container(&id, &name, inputs) {
            // Leave nothing: the files and the anonymous volumes made for it.
            let rec = records::load(&self.paths, &id).ok();
            let _ = self.remove_container_files(&id);
            if let Some(r) = rec {
                let _ = self.remove_anonymous_volumes(&r);
            }
            return Err(e);
        }
        if let Some(c) = &opts.cidfile {
            if let Err(e) = std::fs::write(c, &id) {
                let _ = self.remove_container_files(&id);
                return Err(e).with_context(|| format!("writing the container id to {}", c.display()));
            }
        }
        if let Ok(rec) = records::load(&self.paths, &id) {
            self.container_event("create", &rec, None);
        }
        Ok(id)
    }

    /// The container's root, volumes and spec; the record's `creating` mark goes last.
    fn make_container(&self, id: &str, name: &str, inputs: Inputs) -> Result<()> {
        let Inputs { opts, net, root, env_entries, mapping, mount_reqs, fuse, confinement, seccomp, resources, cgroupns_host, sysctls, shm_size, devices, userns, extras, volumes_from, image_volume, secrets } = inputs;
        let cdir = self.paths.container_dir(id);
        let run_dir = self.paths.container_run_dir(id);
        let mountpoint = run_dir.join("rootfs");

        let root_plan = match &root.source {
            RootSource::Dir { path, overlay: false } => RootPlan::Bind { dir: PathBuf::from(path) },
            RootSource::Dir { path, overlay: true } => {
                RootPlan::Overlay { lower: vec![PathBuf::from(path)], upper: cdir.join("upper"), work: cdir.join("work"), program: None, lower_base: None }
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
                // What changes after this is the container's (storage::vfs::changes).
                let mark = cdir.join(crate::storage::vfs::COPIED_MARK);
                std::fs::write(&mark, b"").with_context(|| format!("writing {}", mark.display()))?;
                RootPlan::Bind { dir: rootfs }
            }
            RootSource::Image { .. } => {
                let (lower, lower_base) = self.overlay_lowers(&root.view, fuse.is_some())?;
                RootPlan::Overlay { lower, upper: cdir.join("upper"), work: cdir.join("work"), program: fuse.clone(), lower_base }
            }
        };
        if let RootPlan::Overlay { upper, work, .. } = &root_plan {
            for d in [upper, work] {
                std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
            }
        }

        let image_volumes: Vec<String> = root.config.as_ref().and_then(|c| c.volumes().clone()).unwrap_or_default().into_iter().collect();
        // --image-volume (else containers.conf's image_volume_mode): anonymous volumes, tmpfs, or nothing.
        let (image_volumes, image_tmpfs) = match image_volume {
            "tmpfs" => (image_volumes, true),
            "ignore" => (vec![], false),
            _ => (image_volumes, false),
        };
        let seed_from: &[PathBuf] = if matches!(root.source, RootSource::Image { .. }) { &root.view } else { &[] };
        let resolved = self.resolve_mounts(mount_reqs, &image_volumes, image_tmpfs, seed_from, &cdir)?;
        // Volumes taken with --volumes-from are this container's too (`volume rm` sees it).
        let shared: Vec<String> = records::list(&self.paths)?
            .iter()
            .flat_map(|r| r.volumes.clone())
            .filter(|n| volumes_from.iter().any(|m| std::path::Path::new(&m.source) == self.volume_data(n)))
            .collect();
        records::update(&self.paths, id, |rec| {
            rec.volumes = resolved.volumes.clone();
            for n in &shared {
                if !rec.volumes.contains(n) {
                    rec.volumes.push(n.clone());
                }
            }
            rec.anonymous_volumes = resolved.anonymous.clone();
            Ok(())
        })?;
        let mut passwd = rootview::read_file(&root.view, "/etc/passwd");
        let mut group = rootview::read_file(&root.view, "/etc/group");
        let host_hostname = nix::unistd::gethostname().map(|h| h.to_string_lossy().into_owned()).unwrap_or_default();
        let mut uid_map: Vec<(u32, u32, u32)> = mapping.uids.iter().map(|r| (r.container, r.host, r.size)).collect();
        let mut gid_map: Vec<(u32, u32, u32)> = mapping.gids.iter().map(|r| (r.container, r.host, r.size)).collect();
        let mut user_mounts = resolved.mounts.clone();
        let given = self.container_secrets(secrets, &cdir)?;
        for (file, dest) in given.mounts {
            user_mounts.retain(|m| m.dest != dest);
            user_mounts.push(crate::plan::UserMount { kind: "bind", source: file, dest, read_only: true, options: vec![] });
        }
        let mut env_entries = env_entries.to_vec();
        env_entries.extend(given.env.into_iter().map(|e| (e, "--secret".to_string())));
        // --volumes-from: the other containers' bind mounts and volumes, where ours leave room.
        for m in volumes_from {
            if !user_mounts.iter().any(|u| u.dest == m.dest) {
                user_mounts.push(crate::plan::UserMount { kind: "bind", source: PathBuf::from(&m.source), dest: m.dest.clone(), read_only: m.read_only, options: m.options.clone() });
            }
        }
        let mut user = opts.user.clone();
        if let Some(u) = userns {
            uid_map = crate::plan::userns::compose(&u.uids, &uid_map);
            gid_map = crate::plan::userns::compose(&u.gids, &gid_map);
            if let Some((uid, gid)) = u.keep_id {
                user = user.or(Some(format!("{uid}:{gid}")));
                self.keep_id_files(&cdir, &mut passwd, &mut group, uid, gid, &mut user_mounts)?;
            }
        }
        let image_workdir = root.config.as_ref().and_then(|c| c.working_dir().clone());
        self.user_entries(opts, user.as_deref(), image_workdir, &cdir, &mut passwd, &mut group, &mut user_mounts)?;
        let host_env = |k: &str| std::env::var(k).ok();
        let input = PlanInput {
            id,
            name,
            image_config: root.config.as_ref(),
            command: &opts.command,
            entrypoint: opts.entrypoint.as_deref(),
            env_entries: &env_entries,
            host_env: &host_env,
            http_proxy: net.http_proxy,
            workdir: opts.workdir.as_deref(),
            user: user.as_deref(),
            passwd: &passwd,
            group: &group,
            hostname: opts.hostname.as_deref(),
            host_hostname: &host_hostname,
            tty: opts.tty,
            init: opts.init,
            read_only: opts.read_only,
            network: &net.mode,
            no_hosts: net.no_hosts,
            root: root_plan,
            rootfs_mountpoint: mountpoint,
            run_dir: &run_dir,
            uid_map: &uid_map,
            gid_map: &gid_map,
            single_mapping: mapping.is_single(),
            user_mounts: &user_mounts,
            confinement,
            seccomp,
            cgroups_path: resources.as_ref().map(|_| format!("{}/hutch-{id}.scope", opts.cgroup_parent.as_deref().unwrap_or("hutch.slice").trim_matches('/'))),
            resources,
            cgroupns_host,
            sysctls,
            shm_size,
            oom_score_adj: opts.oom_score_adj,
            group_add: &opts.group_add,
            devices,
            notify_socket: settings_notify_container(opts),
            preserve_fds: opts.preserve_fds + crate::engine::run_options::listen_fds().map(|(n, _)| n).unwrap_or(0),
            listen_fds: crate::engine::run_options::listen_fds(),
            extras,
            fuse_idmap: userns.map(|u| format!("uidmapping={},gidmapping={}", crate::plan::userns::fuse_mapping(&u.uids), crate::plan::userns::fuse_mapping(&u.gids))),
            nested_maps: userns.filter(|u| u.nested()).map(|u| (crate::plan::userns::kernel_map(&u.uids), crate::plan::userns::kernel_map(&u.gids))),
        };
        let spec = plan::build_spec(&input).map_err(|e| exit_error(125, e))?;
        if let Some(user) = spec.process().as_ref().map(|p| p.user()) {
            // Volumes are bound in as they are on disk: owned by the container's user as the
            // default mapping writes it (through a --userns mapping when there is one).
            let (uid, gid) = match userns {
                Some(u) => (crate::plan::userns::to_intermediate(&u.uids, user.uid()), crate::plan::userns::to_intermediate(&u.gids, user.gid())),
                None => (user.uid(), user.gid()),
            };
            self.chown_for_container(&resolved.chown, uid, gid)?;
        }
        let process = spec.process().as_ref();
        let (entrypoint, cmd) = plan::spec::split_command(root.config.as_ref(), opts.entrypoint.as_deref(), &opts.command).unwrap_or_default();
        let mut rec = records::load(&self.paths, id)?;
        rec.command = process.and_then(|p| p.args().clone()).unwrap_or_default();
        rec.cmd = Some(cmd.clone());
        rec.settings.hostname = spec.hostname().clone().unwrap_or_default();
        let systemd = spec.annotations().as_ref().is_some_and(|a| a.contains_key(crate::plan::systemd::ANNOTATION));
        if systemd && rec.settings.stop_signal == 0 {
            rec.settings.stop_signal = crate::plan::systemd::STOP_SIGNAL;
        }
        let exposed: Vec<String> = root.config.as_ref().and_then(|c| c.exposed_ports().clone()).unwrap_or_default().into_iter().collect();
        crate::engine::network::settle(&opts.network, net, &exposed, &mut rec.settings)?;
        records::save_create_info(&self.paths, id, &CreateInfo {
            annotations: opts.annotations.iter().cloned().collect(),
            entrypoint,
            cmd,
            create_command: std::env::args().collect(),
            env: process.and_then(|p| p.env().clone()).unwrap_or_default(),
            user: opts.user.clone().unwrap_or_default(),
            workdir: process.map(|p| p.cwd().to_string_lossy().into_owned()).unwrap_or_default(),
            cap_add: confinement.cap_add.clone(),
            cap_drop: confinement.cap_drop.clone(),
            privileged: confinement.privileged,
            security_opt: confinement.security_opt.clone(),
            mounts: user_mounts
                .iter()
                .filter(|m| m.kind == "bind" && m.dest != "/etc/passwd" && m.dest != "/etc/group")
                .map(|m| crate::state::containers::SharedMount { source: m.source.to_string_lossy().into_owned(), dest: m.dest.clone(), read_only: m.read_only, options: m.options.clone() })
                .collect(),
        })?;
        crate::supervisor::rundir::prepare(&self.paths, &rec)?;
        if opts.verify_spec {
            // `create` checks now, so a spec that cannot start fails it, not a later `start`
            // (`run` starts at once and finds out there).
            crate::runtime::steps::prepare(&spec, !mapping.is_single(), None)?;
        }
        write_json_atomic(&cdir.join(records::SPEC_FILE), &spec, Durability::Atomic)?;
        // Last: the record is complete, and listed from now on.
        rec.creating = None;
        records::update(&self.paths, id, |r| {
            *r = rec;
            Ok(())
        })
    }
}

impl Engine {
    /// The overlay's lower layers: their paths, or, where those would not fit the kernel's
    /// one page of mount options (native overlay only; fuse-overlayfs takes them as an
    /// argument), short links `l/ID` in the store to them, relative to the store.
    fn overlay_lowers(&self, view: &[PathBuf], fuse: bool) -> Result<(Vec<PathBuf>, Option<PathBuf>)> {
        if fuse || crate::engine::rootfs::lowers_fit(view) {
            return Ok((view.to_vec(), None));
        }
        let (base, short) = crate::engine::rootfs::short_links(view)?;
        Ok((short, Some(base)))
    }
}

/// `--sdnotify=container` with a service manager to tell: the container gets its own socket.
fn settings_notify_container(o: &RunOptions) -> bool {
    o.sdnotify.as_deref() == Some("container") && std::env::var_os("NOTIFY_SOCKET").is_some()
}

