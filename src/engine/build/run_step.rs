//! RUN: the command runs in a container made by the same `create` and foreground `start` as
//! `hutch run` (the caller's user namespace, overlay, network, confinement), and the
//! container's writable layer becomes the step's layer. `RUN --mount` binds from the context,
//! a persistent cache directory, a tmpfs or a `--secret`.

use super::run_mount::{bind_spec, remove_scratch, RunMount, OVERLAY};
use super::{at_step, step_error, Build, Current};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::plan::build::{self as bplan, ArgScope};
use crate::plan::containerfile::{Args, Instruction};
use anyhow::{Context as _, Result};
use std::path::PathBuf;

/// The label that marks a build's step containers (its value: the builder's pid).
pub use crate::state::containers::BUILD_LABEL;

/// What every RUN step gets from the build's options, as `run` takes them.
#[derive(Default, Clone)]
pub struct RunSettings {
    /// `--network` (containers.conf's default when None).
    pub network: Option<String>,
    pub volumes: Vec<String>,
    /// `--secret id=ID,src=PATH`.
    pub secrets: Vec<(String, PathBuf)>,
    /// `--secret id=ID,env=VAR`: the variable's value (written to a file of the build's own
    /// scratch directory when a step mounts it).
    pub secret_values: Vec<(String, String)>,
    pub security: crate::plan::security::SecurityOptions,
    pub devices: Vec<String>,
    pub add_hosts: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_option: Vec<String>,
    pub no_hosts: bool,
    pub http_proxy: Option<bool>,
    pub shm_size: Option<String>,
    pub resources: crate::plan::resources::ResourceOptions,
    pub cgroup_parent: Option<String>,
    pub userns: Option<String>,
    /// `--ipc`, `--pid`, `--uts`, `--cgroupns` as `run` takes them (`host`, `ns:PATH`; None:
    /// namespaces of the step's own).
    pub ipc: Option<String>,
    pub pid: Option<String>,
    pub uts: Option<String>,
    pub cgroupns: Option<String>,
    /// `--userns-uid-map`/`--userns-gid-map`, as `run --uidmap/--gidmap` takes them.
    pub uidmap: Vec<String>,
    pub gidmap: Vec<String>,
}

/// The command RUN runs: exec form as written; shell form through SHELL; with heredocs, the
/// script with its here-documents (a lone `<<EOF` runs the document itself).
fn run_command(ins: &Instruction, cfg: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    match &ins.args {
        Args::Shell(s) if !ins.heredocs.is_empty() => {
            let mut shell = bplan::shell_of(cfg);
            let lone = s.trim().trim_start_matches("<<").trim_start_matches('-').trim_matches(|c| c == '"' || c == '\'') == ins.heredocs[0].name;
            if lone && ins.heredocs.len() == 1 {
                shell.push(ins.heredocs[0].content.clone());
            } else {
                let mut script = s.clone();
                script.push('\n');
                for h in &ins.heredocs {
                    script.push_str(&h.content);
                    script.push_str(&h.name);
                    script.push('\n');
                }
                shell.push(script);
            }
            shell
        }
        a => bplan::command_of(a, cfg),
    }
}

impl Engine {
    pub(super) fn run_instruction(&self, b: &mut Build, stage: usize, cur: Current, ins: &Instruction, scope: &ArgScope, last: bool) -> Result<Current> {
        let cfg = cur.cfg();
        // (the --mount for the container, what the cache key holds of it, a scratch tree to remove)
        let mut run_mounts: Vec<RunMount> = Vec::new();
        let mut network = b.o.run.network.clone();
        for (k, v) in &ins.flags {
            match k.as_str() {
                "mount" => match self.run_mount(b, stage, ins, v, run_mounts.iter().filter(|m| m.ssh).count()) {
                    Ok(m) => run_mounts.extend(m),
                    Err(e) => {
                        remove_scratch(&run_mounts);
                        return Err(e);
                    }
                },
                "network" => match v.as_str() {
                    "none" | "host" => network = Some(v.clone()),
                    "default" => {}
                    other => return Err(step_error(ins, &format!("RUN --network={other}: use default, none or host"))),
                },
                "security" => match v.as_str() {
                    "sandbox" => {}
                    other => return Err(step_error(ins, &format!("RUN --security={other}: only sandbox is available to an unprivileged user"))),
                },
                other => return Err(step_error(ins, &format!("RUN: unknown option --{other} (use --mount, --network or --security)"))),
            }
        }
        let run_env: Vec<(String, String)> = scope.run_env(&b.o.build_args).into_iter()
            .filter(|(k, _)| bplan::env_value(&cfg, k).is_none()).collect();
        let command = run_command(ins, &cfg);
        let created_by = bplan::created_by(ins, &run_env);
        let mut env_text: Vec<String> = run_env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        env_text.extend(run_mounts.iter().filter_map(|m| m.env.clone()));
        let mount_keys: Vec<&str> = run_mounts.iter().map(|m| m.key.as_str()).collect();
        let (command_text, env_joined, mounts_joined, volumes_joined) =
            (serde_json::to_string(&command).unwrap_or_default(), env_text.join("\n"), mount_keys.join("\n"), b.o.run.volumes.join("\n"));
        // Namespaces shared with the host change what a step sees (its hostname...).
        let r = &b.o.run;
        let mut shared = [("ipc", &r.ipc), ("pid", &r.pid), ("uts", &r.uts), ("cgroupns", &r.cgroupns)]
            .iter().filter_map(|(n, v)| v.as_ref().map(|v| format!("{n}={v}"))).collect::<Vec<_>>();
        // So do id maps (what ids the step's processes have).
        shared.extend(r.uidmap.iter().map(|m| format!("uidmap={m}")).chain(r.gidmap.iter().map(|m| format!("gidmap={m}"))));
        let shared = shared.join(" ");
        let mut parts = vec!["RUN", &command_text, &env_joined, &mounts_joined, network.as_deref().unwrap_or(""), &volumes_joined];
        if !shared.is_empty() {
            parts.push(&shared);
        }
        let key = bplan::cache_key(&cur.key, &parts);
        let result = self.run_step_with(b, cur, ins, &command, &mut run_mounts, network, env_text, created_by, key, last);
        remove_scratch(&run_mounts);
        result
    }

    #[allow(clippy::too_many_arguments)]
    fn run_step_with(&self, b: &mut Build, cur: Current, ins: &Instruction, command: &[String], run_mounts: &mut [RunMount], network: Option<String>, env_text: Vec<String>, created_by: String, key: String, last: bool) -> Result<Current> {
        let cfg = cur.cfg();
        if let Some(hit) = self.cached(b, &key, cur.id.as_deref())? {
            return Ok(hit);
        }
        // A miss: the `from=` trees are made now (a hit needs none).
        for m in run_mounts.iter_mut() {
            if let Some(f) = m.from.take() {
                let tree = self.mount_source_tree(&f.layers)?;
                m.scratch = Some(tree.clone());
                let host = super::run_mount::resolve_in_tree(&tree.join("root"), &f.source)
                    .map_err(|e| step_error(ins, &format!("RUN --mount: {e} in {}", f.name)))?;
                m.spec = bind_spec(&host, &f.target, f.rw).map_err(|e| step_error(ins, &format!("RUN --mount: {e}")))?;
            }
        }
        for (n, m) in run_mounts.iter_mut().enumerate() {
            if let Some(c) = m.ctx_copy.take() {
                let dir = b.inputs.tmp.join(format!("bind-{}-{n}", ins.line));
                m.scratch = Some(dir.clone());
                b.inputs.context(self)?.copy_filtered(&c.rel, &dir).map_err(|e| step_error(ins, &format!("RUN --mount: copying {} from the build context: {e:#}", c.rel)))?;
                m.spec = bind_spec(&dir, &c.target, c.rw).map_err(|e| step_error(ins, &format!("RUN --mount: {e}")))?;
            }
        }
        // `rw` binds are overlay volumes (`-v SRC:DST:O`); the rest are --mounts.
        let (vols, mounts): (Vec<&RunMount>, Vec<&RunMount>) = run_mounts.iter().partition(|m| m.spec.starts_with(OVERLAY));
        let mut volumes = b.o.run.volumes.clone();
        volumes.extend(vols.iter().map(|m| m.spec[OVERLAY.len()..].to_string()));
        let mounts: Vec<String> = mounts.iter().map(|m| m.spec.clone()).collect();
        let targets: Vec<String> = run_mounts.iter().filter_map(|m| m.target.clone()).collect();
        // The container is made from a stored image with the step's layers; the config it
        // runs with is the step's own (which --env, --label or a default PATH may have changed
        // since that image was stored).
        let image = match &cur.layers_image {
            Some(i) => i.clone(),
            // FROM scratch with nothing stored yet: an empty image to run in.
            None => self.commit_step(b, cur.clone(), "", None, true)?.id.context("no image to run the step in")?,
        };
        let mut env: Vec<String> = cfg.get("Env").and_then(|e| e.as_array()).map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
        env.extend(env_text.iter().cloned());
        let text_of = |k: &str| cfg.get(k).and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(String::from);
        let r = &b.o.run;
        let opts = crate::engine::run_options::RunOptions {
            image: Some(image),
            command: command.to_vec(),
            entrypoint: Some(String::new()),
            env,
            workdir: text_of("WorkingDir"),
            user: text_of("User"),
            network: crate::engine::network::NetworkOptions {
                mode: network,
                dns: r.dns.clone(),
                dns_search: r.dns_search.clone(),
                dns_option: r.dns_option.clone(),
                add_hosts: r.add_hosts.clone(),
                no_hosts: r.no_hosts,
                http_proxy: r.http_proxy,
                ..Default::default()
            },
            volumes,
            mounts,
            tmpfs: vec![],
            pull: "never".into(),
            labels: vec![(BUILD_LABEL.to_string(), std::process::id().to_string())],
            log_driver: Some("passthrough".into()),
            security: r.security.clone(),
            devices: r.devices.clone(),
            shm_size: r.shm_size.clone(),
            resources: r.resources.clone(),
            cgroup_parent: r.cgroup_parent.clone(),
            cgroupns: r.cgroupns.clone(),
            userns: r.userns.clone(),
            uidmap: r.uidmap.clone(),
            gidmap: r.gidmap.clone(),
            interactive: b.o.stdin,
            // A step running /sbin/init is a step, not a booted system.
            extras: crate::engine::run_options::ExtraOptions {
                systemd: Some("false".into()),
                ipc: r.ipc.clone(),
                pid: r.pid.clone(),
                uts: r.uts.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        let id = self.create(&opts).map_err(|e| exit_error(crate::error::exit_code_of(&e), format!("{}: {e:#}", at_step(ins))))?;
        let result = (|| -> Result<Current> {
            let rec = crate::state::containers::load(&self.paths, &id)?;
            let code = self.start_attached(&id, b.o.stdin, [true, true]).map_err(|e| {
                let text = format!("{e:#}");
                let hint = if text.contains("exec format error") || text.contains("os error 8") { emulation_hint(b.o.platform.as_ref()) } else { String::new() };
                exit_error(crate::error::exit_code_of(&e), format!("{}: {text}{hint}", at_step(ins)))
            })?;
            if code != 0 {
                // A shell that could not run another architecture's program says 126 or 127.
                let hint = if code == 126 || code == 127 { emulation_hint(b.o.platform.as_ref()) } else { String::new() };
                return Err(exit_error(code, format!("{}: while running runtime: exit status {code}{hint}", at_step(ins))));
            }
            let staging = super::staging_dir(self, &[])?;
            // The mounts' targets (and the directories made for them) are not the step's files.
            let mut mount_points: Vec<std::path::PathBuf> = Vec::new();
            for t in &targets {
                let mut p = std::path::PathBuf::new();
                for c in std::path::Path::new(t.trim_start_matches('/')).components() {
                    p.push(c);
                    mount_points.push(p.clone());
                }
            }
            let staged = match self.changes_dir(&rec, &staging, crate::storage::vfs::Contents::Copied).and_then(|changes| self.stage_upper(&changes, &staging, b.o.timestamp, &mount_points)) {
                Ok(s) => s,
                Err(e) => {
                    let _ = crate::storage::remove::remove_tree_mapped(&staging);
                    return Err(e);
                }
            };
            let mut next = cur.clone();
            next.key = key.clone();
            self.commit_step(b, next, &created_by, Some((staging, staged)), last)
        })();
        let keep = if result.is_ok() { b.o.keep_containers } else { b.o.keep_failed };
        if keep {
            // Kept as asked: no longer a step container for the sweep to take.
            let _ = crate::state::containers::update(&self.paths, &id, |r| {
                r.settings.labels.remove(BUILD_LABEL);
                Ok(())
            });
        } else {
            let _ = self.remove_container_and_volumes(&id);
        }
        result
    }
}


/// What to say when a step for another architecture could not run its program and this host
/// has no emulator registered with binfmt_misc (nothing, for this host's own).
fn emulation_hint(platform: Option<&crate::image::manifest::Platform>) -> String {
    let Some(p) = platform.filter(|p| p.architecture != crate::util::go_arch()) else { return String::new() };
    // qemu-user-static registers its interpreters as qemu-ARCH, in the kernel's names.
    let kernel_arch = match p.architecture.as_str() {
        "arm64" => "aarch64",
        "amd64" => "x86_64",
        "386" => "i386",
        a => a,
    };
    let registered = std::path::Path::new("/proc/sys/fs/binfmt_misc").join(format!("qemu-{kernel_arch}")).exists();
    if registered {
        return String::new();
    }
    format!(
        "\nbuilding for {} on this linux/{} host: its programs run only with an emulator registered with binfmt_misc, and none is (Debian: `apt install qemu-user-static`, as root)",
        crate::image::manifest::platform_name(p),
        crate::util::go_arch()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::containerfile::parse;

    #[test]
    fn heredoc_scripts() {
        let f = parse("FROM x\nRUN <<EOF\necho a\necho b\nEOF\nRUN cat <<A > /f\nhello\nA\n").unwrap();
        let cfg = serde_json::Map::new();
        let i = &f.stages[0].instructions;
        assert_eq!(run_command(&i[0], &cfg), ["/bin/sh", "-c", "echo a\necho b\n"]);
        assert_eq!(run_command(&i[1], &cfg), ["/bin/sh", "-c", "cat <<A > /f\nhello\nA\n"]);
    }
}
