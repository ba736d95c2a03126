//! `--userns`, `--uidmap`, `--gidmap` for `create`: the mode (from the option, $PODMAN_USERNS
//! or containers.conf `userns`), the root through fuse-overlayfs with its id mapping, and the
//! passwd/group entries a `keep-id` user needs.

use crate::engine::driver::DriverChoice;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::userns::{self, Caller, Userns};
use crate::plan::UserMount;
use crate::state::containers::RootSource;
use anyhow::{Context, Result};
use std::path::Path;

impl Engine {
    /// The mapping asked for, if other than the default.
    pub(crate) fn userns_mode(&self, opts: &crate::engine::create::RunOptions, conf: &crate::config::containers::ContainersConf, mapping: &crate::runtime::idmap::IdMapping) -> Result<Option<Userns>> {
        let env = std::env::var("PODMAN_USERNS").ok();
        // Defaults do not stand against an explicit --uidmap/--gidmap; --userns does.
        let explicit_map = !opts.uidmap.is_empty() || !opts.gidmap.is_empty();
        let mode = if explicit_map { opts.userns.as_deref() } else { opts.userns.as_deref().or(env.as_deref()).or(conf.containers.userns.as_deref()) };
        let caller = Caller {
            uid: nix::unistd::geteuid().as_raw(),
            gid: nix::unistd::getegid().as_raw(),
            uid_count: mapping.uid_count().min(u64::from(u32::MAX)) as u32,
            gid_count: mapping.gid_count().min(u64::from(u32::MAX)) as u32,
        };
        let u = userns::resolve(mode, &opts.uidmap, &opts.gidmap, &caller).map_err(|e| exit_error(125, e))?;
        if u.is_some() && mapping.is_single() {
            return Err(exit_error(125, format!(
                "--userns/--uidmap need your subordinate ids, and this is a single-id mapping: {}",
                mapping.warning.clone().unwrap_or_default()
            )));
        }
        Ok(u)
    }

    /// The driver for a container with its own mapping: fuse-overlayfs, which shows the
    /// image's files with the image's ids through `uidmapping`/`gidmapping` (no copy).
    pub(crate) fn userns_driver(&self, driver: Option<DriverChoice>, source: &RootSource) -> Result<DriverChoice> {
        if matches!(source, RootSource::Dir { .. }) {
            return Err(exit_error(125, "--userns/--uidmap/--gidmap cannot be used with --rootfs: the directory's files would show with other owners"));
        }
        if driver.as_ref().is_some_and(|d| d.driver == crate::engine::driver::Driver::Vfs) {
            return Err(exit_error(125, "--userns/--uidmap/--gidmap need the overlay driver (the vfs driver would need a re-owned copy of the image for each mapping, which hutch does not make)"));
        }
        let program = crate::engine::driver::fuse_available().ok_or_else(|| {
            exit_error(125, "--userns/--uidmap/--gidmap show the image through fuse-overlayfs's id mapping: install it (`sudo apt-get install fuse-overlayfs`) and make /dev/fuse usable")
        })?;
        Ok(DriverChoice { driver: crate::engine::driver::Driver::FuseOverlayfs, reason: "fuse-overlayfs, for the container's own id mapping".into(), fallback: false, program: Some(program) })
    }

    /// `keep-id`: the caller's passwd and group entries, added to copies of the image's files
    /// (in the container's directory) that are bound over /etc/passwd and /etc/group.
    pub(crate) fn keep_id_files(&self, cdir: &Path, passwd: &mut String, group: &mut String, uid: u32, gid: u32, mounts: &mut Vec<UserMount>) -> Result<()> {
        let me = nix::unistd::User::from_uid(nix::unistd::geteuid()).ok().flatten();
        let name = me.as_ref().map(|u| u.name.clone()).unwrap_or_else(|| "user".into());
        let home = me.as_ref().map(|u| u.dir.to_string_lossy().into_owned()).unwrap_or_else(|| "/".into());
        let (p, g) = userns::keep_id_entries(passwd, group, uid, gid, &name, &home);
        self.add_etc_entries(cdir, passwd, group, p, g, mounts)
    }

    /// Appends a passwd and/or group line to the container's copies of those files (in its
    /// directory), bound over /etc/passwd and /etc/group.
    pub(crate) fn add_etc_entries(&self, cdir: &Path, passwd: &mut String, group: &mut String, p: Option<String>, g: Option<String>, mounts: &mut Vec<UserMount>) -> Result<()> {
        for (line, text, file) in [(p, &mut *passwd, "passwd"), (g, &mut *group, "group")] {
            let Some(line) = line else { continue };
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            let path = cdir.join(file);
            std::fs::write(&path, text.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
            if !mounts.iter().any(|m| m.dest == format!("/etc/{file}")) {
                mounts.push(UserMount { kind: "bind", source: path, dest: format!("/etc/{file}"), read_only: false, options: vec![] });
            }
        }
        Ok(())
    }

    /// `--passwd` (the default): a `-u UID` the image does not know gets a passwd entry
    /// (`--passwd-entry`'s template if given); `--hostuser`: host users' entries.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn user_entries(&self, opts: &crate::engine::create::RunOptions, user: Option<&str>, image_workdir: Option<String>, cdir: &Path, passwd: &mut String, group: &mut String, mounts: &mut Vec<UserMount>) -> Result<()> {
        if opts.passwd.unwrap_or(true) {
            let uid_part = user.map(|u| u.split(':').next().unwrap_or(u).to_string());
            if let Some(uid) = uid_part.and_then(|u| u.parse::<u32>().ok()).filter(|uid| !crate::plan::user::has_id(passwd, *uid)) {
                let gid = user.and_then(|u| u.split_once(':')).and_then(|(_, g)| g.parse::<u32>().ok()).unwrap_or(0);
                let home = opts.workdir.clone().or_else(|| image_workdir.clone()).filter(|w| !w.is_empty()).unwrap_or_else(|| "/".into());
                let line = crate::plan::user::passwd_entry(opts.passwd_entry.as_deref(), uid, gid, &home);
                self.add_etc_entries(cdir, passwd, group, Some(line), None, mounts)?;
            }
        }
        for h in &opts.hostuser {
            let found = match h.parse::<u32>() {
                Ok(uid) => nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)),
                Err(_) => nix::unistd::User::from_name(h),
            };
            let u = found.ok().flatten().ok_or_else(|| exit_error(125, format!("--hostuser {h}: no such user on the host")))?;
            if !crate::plan::user::has_id(passwd, u.uid.as_raw()) {
                let line = format!("{}:x:{}:{}:{}:{}:{}\n", u.name, u.uid, u.gid, u.gecos.to_string_lossy(), u.dir.display(), u.shell.display());
                self.add_etc_entries(cdir, passwd, group, Some(line), None, mounts)?;
            }
        }
        Ok(())
    }
}
