//! hutch installed as `docker` (a symlink, as podman-docker installs podman) and Docker's
//! spellings where Podman's differ: `version --format {{.Server.Version}}`, `--log-driver
//! json-file`, `--add-host NAME:host-gateway`, `buildx build --load/--progress/--push`.

mod common;
use common::registry::Registry;
use common::*;

/// `docker ARGS` through a symlink named docker.
fn docker(e: &Env, args: &[&str]) -> Out {
    let link = e.dir.join("bin/docker");
    if !link.exists() {
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(bin(), &link).unwrap();
    }
    let base = e.cmd(&[]);
    let mut d = std::process::Command::new(&link);
    d.args(args);
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            d.env(k, v);
        }
    }
    Out::from(d.stdin(std::process::Stdio::null()).output().unwrap())
}

#[test]
fn as_docker_it_says_so_and_takes_dockers_spellings() {
    let e = Env::new("docker");
    e.demo();
    let v = docker(&e, &["version", "--format", "{{.Server.Version}}"]);
    assert_eq!(v.ok().stdout, format!("{}\n", env!("CARGO_PKG_VERSION")));
    v.stderr_has("Emulate Docker CLI using hutch.");
    std::fs::write(e.home.join(".config/containers/nodocker"), "").unwrap();
    assert_eq!(docker(&e, &["version", "--format", "{{.Client.Version}}"]).ok().stderr, "", "nodocker quiets it");
    assert_eq!(e.hutch(&["version", "--format", "{{.Server.Version}}"]).ok().stderr, "", "only as docker");

    // Docker's default log driver: written and read as k8s-file, named as given.
    let o = docker(&e, &["run", "--name", "j", "--log-driver", "json-file", "demo", "echo", "logged"]);
    assert_eq!(o.ok().stdout, "logged\n");
    assert_eq!(docker(&e, &["logs", "j"]).ok().stdout, "logged\n");
    assert_eq!(docker(&e, &["inspect", "-f", "{{.HostConfig.LogConfig.Type}}", "j"]).ok().stdout, "json-file\n");

    // host-gateway: the address host.containers.internal has.
    let hosts = docker(&e, &["run", "--rm", "--add-host", "host.docker.internal:host-gateway", "demo", "cat", "/etc/hosts"]).ok().stdout.clone();
    let ip_of = |name: &str| hosts.lines().find(|l| l.split_whitespace().skip(1).any(|n| n == name)).map(|l| l.split_whitespace().next().unwrap().to_string());
    assert!(ip_of("host.docker.internal").is_some(), "{hosts}");
    assert_eq!(ip_of("host.docker.internal"), ip_of("host.containers.internal"), "{hosts}");
}

#[test]
fn buildx_build_load_progress_and_push() {
    let e = Env::new("docker-buildx");
    e.demo();
    let reg = Registry::start(&e, None);
    let ctx = e.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nRUN echo built > /f\nCMD [\"cat\", \"/f\"]\n").unwrap();
    let name = format!("{}/bx:1", reg.host());
    let ctx_s = ctx.to_str().unwrap();
    docker(&e, &["buildx", "build", "--load", "--progress", "plain", "--push", "--tls-verify=false", "-t", &name, ctx_s]).ok();
    let other = Env::new("docker-buildx-pull");
    assert_eq!(other.hutch(&["run", "--rm", "--tls-verify=false", &name]).ok().stdout, "built\n", "pushed by --push");
    let q = docker(&e, &["build", "--progress=quiet", "-t", "q", ctx_s]);
    assert_eq!(q.ok().stdout.lines().count(), 1, "quiet: the id alone: {}", q.stdout);
    docker(&e, &["build", "--progress", "fancy", ctx_s]).code(125).stderr_has("--progress fancy: use auto, plain, tty or quiet");
    docker(&e, &["build", "--push", ctx_s]).code(125).stderr_has("--push needs a name");
}
