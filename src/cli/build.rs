//! `hutch build` (also `image build`, `buildx build`): the options read (cli::build_args)
//! into the engine's BuildOptions, the build run, and its report printed.

pub use crate::cli::build_args::BuildArgs;
use crate::cli::build_args::{annotations, bool_flag, build_args, cache_repos, check_unsupported, step_namespace};
use crate::engine::build::{BuildOptions, RunSettings};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::{Context, Result};
use std::path::PathBuf;

pub fn build(eng: &Engine, a: BuildArgs) -> Result<i32> {
    check_unsupported(&a)?;
    let mut build_contexts = Vec::new();
    for c in &a.build_context {
        let (name, value) = c.split_once('=').filter(|(n, v)| !n.is_empty() && !v.is_empty())
            .ok_or_else(|| exit_error(125, format!("--build-context {c}: use NAME=DIR or NAME=docker-image://IMAGE")))?;
        if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("container-image://") || value.starts_with("oci-layout://") {
            return Err(exit_error(125, format!("--build-context {c}: use a directory or docker-image://IMAGE (URLs and other kinds are not supported by hutch)")));
        }
        build_contexts.push((name.to_string(), value.to_string()));
    }
    let docker_format = match a.format.as_deref() {
        None | Some("oci") => false,
        Some("docker") => true,
        Some(f) => return Err(exit_error(125, format!("unrecognized image type {f:?}: use oci or docker"))),
    };
    let pull = match a.pull.as_deref() {
        None => "missing",
        Some("true") | Some("always") => "always",
        Some("false") | Some("never") => "never",
        Some("missing") => "missing",
        Some("newer") => "newer",
        Some(p) => return Err(exit_error(125, format!("invalid pull policy {p:?}: use always, missing, never or newer"))),
    };
    let mut secrets = Vec::new();
    let mut secret_values = Vec::new();
    for s in &a.secret {
        match parse_secret(s, |v| std::env::var_os(v).map(|x| x.to_string_lossy().into_owned()))? {
            Secret::Value(id, value) => secret_values.push((id, value)),
            Secret::File(id, src) => {
                let src = std::fs::canonicalize(&src).map_err(|e| exit_error(125, format!("--secret {s}: {}: {e}", src.display())))?;
                secrets.push((id, src));
            }
        }
    }
    let labels = a.label.iter().map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).unwrap_or((l.clone(), String::new()))).collect();
    let layers = a.layers.unwrap_or_else(|| std::env::var("BUILDAH_LAYERS").map(|v| v != "false" && v != "0").unwrap_or(true));
    let logfile = match &a.logfile {
        Some(p) => Some(std::fs::OpenOptions::new().create(true).append(true).open(p).with_context(|| format!("opening --logfile {}", p.display()))?),
        None => None,
    };
    let cache_ttl = match &a.cache_ttl {
        Some(d) => {
            let ns = crate::util::time::parse_go_duration(d).filter(|n| *n >= 0);
            Some((ns.ok_or_else(|| exit_error(125, format!("--cache-ttl {d}: not a duration (use e.g. 90m, 1h30m or 0)")))? / 1_000_000_000) as i64)
        }
        None => None,
    };
    let quiet = match a.progress.as_deref() {
        None | Some("auto" | "plain" | "tty") => a.quiet,
        Some("quiet") => true,
        Some(p) => return Err(exit_error(125, format!("--progress {p}: use auto, plain, tty or quiet (hutch prints plain lines)"))),
    };
    if a.push && a.tag.is_empty() {
        return Err(exit_error(125, "--push needs a name to push to: add -t REGISTRY/NAME[:TAG]"));
    }
    // Everything that would go to stdout and stderr, RUN steps' output included, goes there.
    if let Some(f) = &logfile {
        crate::runtime::io::stdio_to(f);
    }
    // A tarball on stdout (`-o -`) leaves stdout to it: the build's lines go to stderr.
    let tar_on_stdout = a.output.as_deref().is_some_and(|o| o == "-" || o.contains("dest=-"));
    let log: Box<dyn Fn(&str)> = Box::new(|l: &str| println!("{l}"));
    let mut opts = BuildOptions {
        context: a.context.clone().unwrap_or_else(|| ".".into()),
        containerfiles: a.file.clone(),
        ignorefile: a.ignorefile.clone(),
        tags: a.tag.clone(),
        build_args: build_args(&a)?,
        target: a.target.clone(),
        layers,
        no_cache: a.no_cache || cache_ttl == Some(0),
        cache_ttl,
        ssh: crate::engine::build::ssh::parse(&a.ssh, std::env::var("SSH_AUTH_SOCK").ok().as_deref()).map_err(|e| exit_error(125, e))?,
        cache_from: cache_repos(&a.cache_from, "--cache-from")?,
        cache_to: cache_repos(&a.cache_to, "--cache-to")?,
        pull: pull.to_string(),
        platform: None,
        pull_options: crate::engine::pull::PullOptions {
            reference: String::new(),
            registry: a.registry.options(),
            platform: None,
            quiet,
            progress: Some(std::sync::Arc::from(crate::cli::progress::sink(quiet))),
        },
        docker_format,
        labels,
        annotations: annotations(&a.annotation, docker_format)?,
        env: a.env.clone(),
        unsetenv: a.unsetenv.clone(),
        from: a.from.clone(),
        build_contexts,
        timestamp: a.timestamp,
        omit_history: bool_flag(a.omit_history, false),
        all_stages: !bool_flag(a.skip_unused_stages, true),
        stdin: a.stdin,
        run: RunSettings {
            network: a.network.clone(),
            volumes: a.volume.clone(),
            secrets,
            secret_values,
            security: crate::plan::security::SecurityOptions {
                cap_add: a.cap_add.clone(),
                cap_drop: a.cap_drop.clone(),
                security_opt: a.security_opt.clone(),
                ulimits: a.ulimit.clone(),
                ..Default::default()
            },
            devices: a.device.clone(),
            add_hosts: a.add_host.clone(),
            dns: a.dns.clone(),
            dns_search: a.dns_search.clone(),
            dns_option: a.dns_option.clone(),
            no_hosts: a.no_hosts,
            http_proxy: a.http_proxy,
            shm_size: a.shm_size.clone(),
            resources: crate::plan::resources::ResourceOptions {
                memory: a.memory.clone(),
                memory_swap: a.memory_swap.clone(),
                cpu_shares: a.cpu_shares,
                cpu_period: a.cpu_period,
                cpu_quota: a.cpu_quota,
                cpuset_cpus: a.cpuset_cpus.clone(),
                cpuset_mems: a.cpuset_mems.clone(),
                ..Default::default()
            },
            cgroup_parent: a.cgroup_parent.clone(),
            userns: a.userns.clone().filter(|u| !u.is_empty()),
            ipc: a.ipc.as_deref().map(|v| step_namespace("--ipc", v)).transpose()?.flatten(),
            pid: a.pid.as_deref().map(|v| step_namespace("--pid", v)).transpose()?.flatten(),
            uts: a.uts.as_deref().map(|v| step_namespace("--uts", v)).transpose()?.flatten(),
            cgroupns: a.cgroupns.as_deref().map(|v| step_namespace("--cgroupns", v)).transpose()?.flatten(),
            uidmap: a.userns_uid_map.clone(),
            gidmap: a.userns_gid_map.clone(),
        },
        squash: a.squash,
        squash_all: a.squash_all,
        keep_containers: !bool_flag(a.rm, true),
        keep_failed: !bool_flag(a.rm, true) || !bool_flag(a.force_rm, true),
        quiet,
        log: Some(log),
        sign_by: a.sign_by.clone(),
        cpp_flags: a.cpp_flag.clone(),
        os_features: a.os_feature.clone(),
        os_version: a.os_version.clone(),
    };
    let mut output = a.output.as_deref().map(crate::engine::build::output::parse_output).transpose().map_err(|e| exit_error(125, e))?;
    if let Some(crate::engine::build::output::BuildOutput::Tar(dest)) = output.as_mut().filter(|_| tar_on_stdout) {
        // The original stdout carries the tarball; everything else goes to stderr.
        let fd = crate::runtime::io::stdout_to_stderr().ok_or_else(|| exit_error(125, "-o -: cannot set standard output aside"))?;
        *dest = format!("/proc/self/fd/{fd}");
    }
    if let Some(list) = &a.manifest {
        eng.check_list_target(list)?;
    }
    let platforms: Vec<_> = if a.all_platforms { eng.base_platforms(&opts)?.into_iter().map(Some).collect() } else { a.platform.platforms()? };
    if platforms.len() > 1 {
        if let Some(f) = &a.iidfile {
            return Err(exit_error(125, format!("building multiple images, but iidfile {:?} can only be used to store one image ID", f.display().to_string())));
        }
        // Standard input is read once; each platform's build reads its inputs again.
        if opts.context == "-" || opts.containerfiles.iter().any(|f| f.as_os_str() == "-") {
            return Err(exit_error(125, "building for several platforms reads the context and Containerfile once per platform: give them as files, not on standard input"));
        }
    }
    if platforms.len() > 1 && a.manifest.is_none() && !opts.tags.is_empty() {
        eprintln!("WARN[0000] building for {} platforms without --manifest: {} names the last one built; use --manifest LIST to keep them all", platforms.len(), opts.tags.join(", "));
    }
    let mut last = None;
    for platform in platforms {
        // --logsplit: this platform's lines (and id) in a file of their own.
        if let (Some(true), Some(path), Some(p)) = (a.logsplit, &a.logfile, &platform) {
            let name = format!("{}_{}_{}", path.display(), p.os, p.architecture);
            let f = std::fs::OpenOptions::new().create(true).write(true).truncate(true).open(&name).with_context(|| format!("opening --logfile {name}"))?;
            crate::runtime::io::stdio_to(&f);
        }
        opts.platform = platform.clone();
        opts.pull_options.platform = platform;
        let report = eng.build(&opts)?;
        if let Some(list) = &a.manifest {
            eng.add_built_image(list, &report.id)?;
        }
        if let Some(o) = &output {
            eng.export_built(&report.id, o)?;
        }
        if a.push {
            for name in &report.names {
                let progress = std::sync::Arc::from(crate::cli::progress::sink(quiet));
                eng.push(&crate::engine::push::PushOptions {
                    image: name.clone(),
                    destination: None,
                    registry: a.registry.options(),
                    progress,
                    format: None,
                    require_gzip: false,
                    sign: Default::default(),
                    remove_signatures: false,
                })?;
            }
        }
        if a.iidfile.is_none() {
            println!("{}", report.id);
        }
        last = Some(report.id);
    }
    if let (Some(f), Some(id)) = (&a.iidfile, last) {
        std::fs::write(f, format!("sha256:{id}")).with_context(|| format!("writing --iidfile {}", f.display()))?;
    }
    Ok(0)
}

enum Secret {
    /// id, and the value (from an environment variable).
    Value(String, String),
    /// id, and the file holding it.
    File(String, PathBuf),
}

/// `--secret id=ID[,src=ENV_OR_FILE][,env=VAR][,type=file|env]` as Podman reads it: the value
/// from the environment variable or file named by src= (else by id=), or from the variable
/// env= names; type= says which src= is (without it: a file if there is one, else a variable
/// of that name).
fn parse_secret(s: &str, var: impl Fn(&str) -> Option<String>) -> Result<Secret> {
    let (mut id, mut src, mut env, mut typ) = (None, None, None, None);
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("id", v)) => id = Some(v.to_string()),
            Some(("src" | "source", v)) => src = Some(v.to_string()),
            Some(("type", t @ ("file" | "env"))) => typ = Some(t.to_string()),
            Some(("type", t)) => return Err(exit_error(125, format!("--secret {s}: type={t}: use type=file or type=env"))),
            Some(("env", v)) => env = Some(v.to_string()),
            _ => return Err(exit_error(125, format!("--secret {s}: use id=ID,src=PATH, id=ID,env=VAR or id=ID,src=VAR,type=env"))),
        }
    }
    let id = id.filter(|i| !i.is_empty()).ok_or_else(|| exit_error(125, format!("--secret {s}: id= is required")))?;
    let from_env = |name: &str| {
        var(name).map(|v| Secret::Value(id.clone(), v))
            .ok_or_else(|| exit_error(125, format!("--secret {s}: the environment variable {name} is not set")))
    };
    if let Some(name) = env {
        return from_env(&name);
    }
    let src = src.unwrap_or_else(|| id.clone());
    match typ.as_deref() {
        Some("env") => from_env(&src),
        Some(_) => Ok(Secret::File(id, PathBuf::from(src))),
        None if !std::path::Path::new(&src).exists() && var(&src).is_some() => from_env(&src),
        None => Ok(Secret::File(id, PathBuf::from(src))),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_secret, Secret};

    #[test]
    fn secrets_from_files_and_variables() {
        let var = |n: &str| (n == "TOKEN").then(|| "t0k".to_string());
        let value = |s: &str| match parse_secret(s, var) {
            Ok(Secret::Value(id, v)) => format!("{id}={v}"),
            Ok(Secret::File(id, p)) => format!("{id}:{}", p.display()),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(value("id=a,src=TOKEN,type=env"), "a=t0k");
        assert_eq!(value("id=a,env=TOKEN"), "a=t0k");
        assert_eq!(value("id=TOKEN,type=env"), "TOKEN=t0k");
        assert_eq!(value("id=TOKEN"), "TOKEN=t0k");
        assert_eq!(value("id=a,src=/etc/hostname"), "a:/etc/hostname");
        assert_eq!(value("id=a,src=TOKEN,type=file"), "a:TOKEN");
        assert_eq!(value("id=a,src=NOPE,type=env"), "error: --secret id=a,src=NOPE,type=env: the environment variable NOPE is not set");
        assert!(value("id=a,src=x,type=mount").contains("use type=file or type=env"));
        assert!(value("src=x").contains("id= is required"));
    }
}
