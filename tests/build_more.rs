//! More of `hutch build` end to end, as the unprivileged user: RUN bind mounts from the
//! context (keyed by content, ignore rules applied), --format and --omit-history on a cached
//! build, what ADD unpacks, secrets from variables, errors naming the file, contexts and ADD
//! from http(s), ignore files and Containerfile names, the instructions' finer points, RUN
//! mounts and networks, RUN confinement options, pull policies and credentials, --layers and
//! --rm, save/load of a built image, and a killed build.

mod common;
use common::registry::Registry;
use common::build::*;
use common::*;
use std::io::Write;
use std::path::Path;

fn cat(e: &Env, image: &str, files: &str) -> String {
    e.hutch(&["run", "--rm", image, "sh", "-c", &format!("cat {files}")]).ok().stdout.clone()
}

fn hits(o: &Out) -> usize {
    o.stdout.matches("--> Using cache ").count()
}

fn tmp_entries(e: &Env) -> Vec<String> {
    std::fs::read_dir(e.data().join("tmp")).map(|d| d.flatten().map(|x| x.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default()
}

/// A tarball's bytes with these files.
fn tar_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (p, c) in files {
        add_file(&mut b, p, 0o644, 0, c);
    }
    b.into_inner().unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    g.write_all(data).unwrap();
    g.finish().unwrap()
}

/// `prog -c` over `data` (xz, zstd, bzip2 from Debian's packages).
fn compress_with(prog: &str, data: &[u8]) -> Vec<u8> {
    let mut c = std::process::Command::new(prog).arg("-c").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn()
        .unwrap_or_else(|e| panic!("{prog}: {e} (Debian's xz-utils, zstd, bzip2)"));
    c.stdin.take().unwrap().write_all(data).unwrap();
    let o = c.wait_with_output().unwrap();
    assert!(o.status.success(), "{prog} failed");
    o.stdout
}

fn sha256(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

/// `python3 -m http.server` on a free loopback port serving `dir`, stopped on drop.
struct HttpServer {
    port: u16,
    child: std::process::Child,
}

impl HttpServer {
    fn start(dir: &Path) -> HttpServer {
        let port = free_port();
        let child = std::process::Command::new("python3").args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string(), "--directory"]).arg(dir)
            .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null())
            .spawn().expect("python3");
        assert!(wait_for(15, || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()), "the http server did not start");
        HttpServer { port, child }
    }

    fn url(&self, file: &str) -> String {
        format!("http://127.0.0.1:{}/{file}", self.port)
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn run_binds_from_the_context_are_keyed_by_content_without_ignored_files() {
    let e = Env::new("bm-bind");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let vol = format!("{}:/marks", marks.display());
    let file = "FROM demo\n\
        RUN --mount=type=bind,source=sub,target=/m --mount=type=bind,source=plain,target=/p \
        sh -c 'cat /m/data.txt > /seen; ls -a /m | tr \"\\n\" \" \" > /listing; touch /p/x 2>/dev/null || echo ro > /ro; echo ran >> /marks/log'\n";
    let dir = context_bytes(&e, "ctx", &[
        ("Containerfile", file.as_bytes()),
        (".dockerignore", b"sub/ignored.txt\n"),
        ("sub/data.txt", b"v1\n"),
        ("sub/ignored.txt", b"secret\n"),
        ("plain/p.txt", b"p\n"),
        ("other.txt", b"o\n"),
    ]);
    let log = || std::fs::read_to_string(marks.join("log")).unwrap_or_default();
    let first = build(&e, &dir, &["-v", &vol, "-t", "bind"]);
    first.ok();
    assert_eq!(log(), "ran\n");
    assert_eq!(cat(&e, "bind", "/seen /listing /ro"), "v1\n. .. data.txt ro\n", "the ignored file is not in the step");
    assert!(tmp_entries(&e).is_empty(), "the filtered copy is gone: {:?}", tmp_entries(&e));

    // Unchanged, a file the step cannot see, or one outside the bound directory: cached.
    let id = first.stdout.lines().last().unwrap().to_string();
    for (path, content) in [("", ""), ("sub/ignored.txt", "changed secret\n"), ("other.txt", "other, changed\n")] {
        if !path.is_empty() {
            std::fs::write(dir.join(path), content).unwrap();
        }
        let again = build(&e, &dir, &["-v", &vol, "-t", "bind"]);
        assert_eq!(hits(again.ok()), 1, "{path}: {}", again.stdout);
        assert_eq!(again.stdout.lines().last().unwrap(), id);
    }
    assert_eq!(log(), "ran\n", "a cached RUN ran");
    // The file the step reads changed: it runs again.
    std::fs::write(dir.join("sub/data.txt"), "v2\n").unwrap();
    assert_eq!(hits(build(&e, &dir, &["-v", &vol, "-t", "bind"]).ok()), 0);
    assert_eq!(log(), "ran\nran\n");
    assert_eq!(cat(&e, "bind", "/seen"), "v2\n");

    // A context unpacked from stdin (a new temporary directory each time) is cached as well.
    let tar = tar_bytes(&[("Containerfile", file.as_bytes()), ("sub/data.txt", b"stdin\n"), ("plain/p.txt", b"p\n")]);
    e.hutch_stdin(&["build", "-v", &vol, "-t", "fromstdin", "-"], &tar).ok();
    let again = e.hutch_stdin(&["build", "-v", &vol, "-t", "fromstdin", "-"], &tar);
    assert_eq!(hits(again.ok()), 1, "{}", again.stdout);
    assert_eq!(log(), "ran\nran\nran\n");

    // A context file no step uses changes: every step stays cached.
    let used = context_bytes(&e, "used", &[
        ("Containerfile", b"FROM demo\nCOPY used.txt /\nRUN cat /used.txt > /copy && echo ran >> /marks/used\n"),
        ("used.txt", b"u\n"),
        ("unused.txt", b"1\n"),
    ]);
    let one = build(&e, &used, &["-v", &vol, "-t", "used"]);
    std::fs::write(used.join("unused.txt"), "2, longer\n").unwrap();
    let two = build(&e, &used, &["-v", &vol, "-t", "used"]);
    assert_eq!(hits(two.ok()), 2, "{}", two.stdout);
    assert_eq!(two.stdout.lines().last(), one.ok().stdout.lines().last());
    assert_eq!(std::fs::read_to_string(marks.join("used")).unwrap(), "ran\n");
}

#[test]
fn format_and_omit_history_reach_a_cached_build() {
    let e = Env::new("bm-format");
    e.demo();
    let dir = context_bytes(&e, "ctx", &[("Containerfile", b"FROM demo\nRUN echo x > /x\nCMD [\"cat\", \"/x\"]\n")]);
    const OCI: &str = "application/vnd.oci.image.manifest.v1+json";
    const DOCKER: &str = "application/vnd.docker.distribution.manifest.v2+json";
    let history = |img: &str| -> usize {
        let v: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", img]).ok().stdout).unwrap();
        v[0]["History"].as_array().map_or(0, |a| a.len())
    };
    let oci = build(&e, &dir, &["-t", "fmt"]);
    let oci_id = oci.ok().stdout.lines().last().unwrap().to_string();
    assert_eq!(inspect(&e, "fmt", "{{.ManifestType}}"), OCI);
    let with_history = history("fmt");
    assert!(with_history >= 2, "{with_history}");

    let docker = build(&e, &dir, &["--format", "docker", "-t", "fmt"]);
    assert_eq!(hits(docker.ok()), 2, "the steps are cached: {}", docker.stdout);
    assert_eq!(inspect(&e, "fmt", "{{.ManifestType}}"), DOCKER);
    assert_ne!(docker.stdout.lines().last().unwrap(), oci_id);
    assert_eq!(e.hutch(&["run", "--rm", "fmt"]).ok().stdout, "x\n");
    // Again without --format: the OCI image, as before.
    let back = build(&e, &dir, &["-t", "fmt"]);
    assert_eq!(back.ok().stdout.lines().last().unwrap(), oci_id);
    assert_eq!(inspect(&e, "fmt", "{{.ManifestType}}"), OCI);
    // A docker build again: its own cached result, which a registry takes as Docker's.
    let reg = Registry::start(&e, None);
    let name = format!("{}/fmt:docker", reg.host());
    let docker2 = build(&e, &dir, &["--format", "docker", "-t", "fmt", "-t", &name]);
    assert_eq!(docker2.ok().stdout.lines().last(), docker.stdout.lines().last());
    e.hutch(&["push", "--tls-verify=false", &name]).ok();
    let p = Env::new("bm-format-pull");
    p.hutch(&["pull", "-q", "--tls-verify=false", &name]).ok();
    assert_eq!(inspect(&p, &name, "{{.ManifestType}}"), DOCKER);
    assert_eq!(p.hutch(&["run", "--rm", &name]).ok().stdout, "x\n");

    build(&e, &dir, &["--omit-history", "-t", "nohist"]).ok();
    assert_eq!(history("nohist"), 0, "--omit-history leaves no history");
    assert_eq!(e.hutch(&["run", "--rm", "nohist"]).ok().stdout, "x\n");
    // The steps' images it cached still have theirs.
    build(&e, &dir, &["-t", "hist"]).ok();
    assert_eq!(history("hist"), with_history);
}

#[test]
fn add_unpacks_tar_archives_only() {
    let e = Env::new("bm-add");
    e.demo();
    let inner = |name: &str| tar_bytes(&[(name, format!("from {name}\n").as_bytes())]);
    let notes = gzip(b"my notes\n");
    let dir = context_bytes(&e, "ctx", &[
        ("Containerfile", b"FROM demo\nADD notes.txt.gz /n/\nADD data.bz2 /n/\nADD x.tar.gz x.tar.bz2 x.tar.xz x.tar.zst /u/\n"),
        ("notes.txt.gz", &notes),
        ("data.bz2", &compress_with("bzip2", &[b'z'; 2000])),
        ("x.tar.gz", &gzip(&inner("gz.txt"))),
        ("x.tar.bz2", &compress_with("bzip2", &inner("bz2.txt"))),
        ("x.tar.xz", &compress_with("xz", &inner("xz.txt"))),
        ("x.tar.zst", &compress_with("zstd", &inner("zst.txt"))),
    ]);
    build(&e, &dir, &["-t", "added"]).ok();
    let o = e.hutch(&["run", "--rm", "added", "sh", "-c", "ls /n; ls /u; zcat /n/notes.txt.gz; bunzip2 -c /n/data.bz2 | wc -c; cat /u/*.txt"]);
    assert_eq!(o.ok().stdout, "data.bz2\nnotes.txt.gz\nbz2.txt\ngz.txt\nxz.txt\nzst.txt\nmy notes\n2000\nfrom bz2.txt\nfrom gz.txt\nfrom xz.txt\nfrom zst.txt\n");
    // The compressed file is copied byte for byte.
    let sum = e.hutch(&["run", "--rm", "added", "sha256sum", "/n/notes.txt.gz"]).ok().stdout.clone();
    assert_eq!(sum.split_whitespace().next().unwrap(), sha256(&notes));
}

#[test]
fn secrets_from_a_variable_with_type_env_and_errors_naming_the_file() {
    let e = Env::new("bm-secret");
    e.demo();
    let dir = context_bytes(&e, "ctx", &[("Containerfile", b"FROM demo\nRUN --mount=type=secret,id=tok cat /run/secrets/tok > /tok\nRUN --mount=type=secret,id=MY_VAR cat /run/secrets/MY_VAR > /byid\n")]);
    let o = Out::from(e.cmd(&["build", "-q", "-t", "sec", "--secret", "id=tok,src=MY_VAR,type=env", "--secret", "id=MY_VAR,type=env", dir.to_str().unwrap()])
        .env("MY_VAR", "from-the-variable").stdin(std::process::Stdio::null()).output().unwrap());
    o.ok();
    assert_eq!(cat(&e, "sec", "/tok /byid"), "from-the-variablefrom-the-variable");
    build(&e, &dir, &["--secret", "id=tok,src=NOT_SET_XYZ,type=env"]).code(125).stderr_has("the environment variable NOT_SET_XYZ is not set");
    build(&e, &dir, &["--secret", "id=tok,src=x,type=bogus"]).code(125).stderr_has("use type=file or type=env");

    // Errors found while building name the file and the line, as parse errors name the file.
    let cf = dir.join("custom.cf");
    std::fs::write(&cf, "FROM demo\n\nCOPY --chmod=nonsense a /\n").unwrap();
    std::fs::write(dir.join("a"), "a").unwrap();
    build(&e, &dir, &["-f", cf.to_str().unwrap()]).code(125)
        .stderr_has(&format!("Error: building at STEP \"COPY --chmod=nonsense a /\" ({}:3): ", cf.display()));
    std::fs::write(&cf, "FROM demo\nRUN exit 7\n").unwrap();
    build(&e, &dir, &["-f", cf.to_str().unwrap()]).code(7)
        .stderr_has(&format!("Error: building at STEP \"RUN exit 7\" ({}:2): while running runtime: exit status 7\n", cf.display()));
    std::fs::write(&cf, "FROM demo\nRUN --mount=type=bind,source=nothere,target=/x true\n").unwrap();
    build(&e, &dir, &["-f", cf.to_str().unwrap()]).code(125)
        .stderr_has(&format!("({}:2): RUN --mount=type=bind,source=nothere,target=/x: nothere: no such file or directory in the build context", cf.display()));
    // A bind source is followed inside the context only.
    std::fs::create_dir_all(dir.join("real")).unwrap();
    std::fs::write(dir.join("real/r.txt"), "through a link\n").unwrap();
    std::os::unix::fs::symlink("real", dir.join("inlink")).unwrap();
    std::os::unix::fs::symlink("/etc", dir.join("outlink")).unwrap();
    std::fs::write(&cf, "FROM demo\nRUN --mount=type=bind,source=inlink,target=/x cp /x/r.txt /r.txt\n").unwrap();
    build(&e, &dir, &["-q", "-t", "linked", "-f", cf.to_str().unwrap()]).ok();
    assert_eq!(cat(&e, "linked", "/r.txt"), "through a link\n");
    std::fs::write(&cf, "FROM demo\nRUN --mount=type=bind,source=outlink,target=/x true\n").unwrap();
    build(&e, &dir, &["-f", cf.to_str().unwrap()]).code(125).stderr_has("outlink: a symbolic link out of the build context");
    std::fs::write(&cf, "FROM demo\nBOGUS x\n").unwrap();
    build(&e, &dir, &["-f", cf.to_str().unwrap()]).code(125)
        .stderr_has(&format!("parsing file \"{}\": dockerfile parse error line 2: BOGUS: unknown instruction", cf.display()));
}

#[test]
fn contexts_and_add_from_http() {
    let e = Env::new("bm-http");
    e.demo();
    let served = e.dir.join("served");
    std::fs::create_dir_all(&served).unwrap();
    let srv = HttpServer::start(&served);
    let remote = b"remote file\n";
    std::fs::write(served.join("remote.txt"), remote).unwrap();
    std::fs::write(served.join("remote.tar"), tar_bytes(&[("in-remote-tar", b"x")])).unwrap();
    let sum = sha256(remote);
    let file = format!(
        "FROM demo\nCOPY f /f\nADD {} /r/\nADD --checksum=sha256:{sum} {} /r2.txt\nADD {} /t/\nCMD [\"cat\", \"/f\", \"/r/remote.txt\", \"/r2.txt\"]\n",
        srv.url("remote.txt"), srv.url("remote.txt"), srv.url("remote.tar")
    );
    std::fs::write(served.join("ctx.tar.gz"), gzip(&tar_bytes(&[("Containerfile", file.as_bytes()), ("f", b"from the url context\n")]))).unwrap();
    let ctx_url = srv.url("ctx.tar.gz");
    e.hutch(&["build", "-q", "-t", "fromurl", &ctx_url]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "fromurl"]).ok().stdout, "from the url context\nremote file\nremote file\n");
    // A tarball fetched by ADD is not unpacked.
    assert_eq!(e.hutch(&["run", "--rm", "fromurl", "ls", "/t"]).ok().stdout, "remote.tar\n");
    // Built again from the URL: every step cached.
    let again = e.hutch(&["build", "-t", "fromurl", &ctx_url]);
    assert_eq!(hits(again.ok()), 5, "{}", again.stdout);
    // A wrong --checksum stops the build.
    let bad = context_bytes(&e, "bad", &[("Containerfile", format!("FROM demo\nADD --checksum=sha256:{} {} /r.txt\n", "0".repeat(64), srv.url("remote.txt")).as_bytes())]);
    build(&e, &bad, &[]).code(125).stderr_has(&format!("the content's digest is sha256:{sum}, not sha256:{}", "0".repeat(64)));
    std::fs::write(bad.join("Containerfile"), format!("FROM demo\nADD --checksum=sha256:{sum} Containerfile /\n")).unwrap();
    build(&e, &bad, &[]).code(125).stderr_has("checksum flag is not supported for local sources (Containerfile)");
    assert!(tmp_entries(&e).is_empty(), "{:?}", tmp_entries(&e));
}

#[test]
fn ignore_files_containerfile_names_and_instruction_details() {
    let e = Env::new("bm-instr");
    e.demo();
    // .containerignore wins over .dockerignore (Buildah reads the first that exists); only a
    // Dockerfile: it is the one; `image build` is `build`.
    let dir = context_bytes(&e, "ctx", &[
        ("Dockerfile", concat!(
            "ARG BASE=demo\n",
            "FROM --platform=$BUILDPLATFORM ${BASE}\n",
            "ARG FROMFILE\n",
            "ARG UNSET\n",
            "ARG SET=yes\n",
            "COPY *.txt /globbed/\n",
            "COPY sub/*.c /csrc/\n",
            "COPY --from=demo /bin/busybox /bb-from-image\n",
            "RUN [\"/bin/sh\", \"-c\", \"echo exec-form > /exec\"]\n",
            "ENV EXP=\"${UNSET:-fallback} ${SET:+alt} ${SET:-nope} [${UNSET:+x}]\"\n",
            "RUN echo \"$EXP\" > /expanded; echo \"$FROMFILE\" > /fromfile\n",
            "SHELL [\"/bin/sh\", \"-c\", \"echo custom-shell > /shell-used; eval \\\"$1\\\"\", \"shell\"]\n",
            "RUN echo ran-in-custom > /custom\n",
        ).as_bytes()),
        (".containerignore", b"skip-ci.txt\n"),
        (".dockerignore", b"skip-di.txt\n"),
        ("a.txt", b"a"), ("skip-ci.txt", b"ci"), ("skip-di.txt", b"di"), ("c.md", b"c"),
        ("sub/x.c", b"x"), ("sub/y.h", b"y"),
    ]);
    let args_file = e.dir.join("args");
    std::fs::write(&args_file, "# build args\nFROMFILE=from-arg-file\n").unwrap();
    let d = dir.to_str().unwrap();
    e.hutch(&["image", "build", "-q", "--build-arg-file", args_file.to_str().unwrap(), "-t", "details", d]).ok();
    let o = e.hutch(&["run", "--rm", "details", "sh", "-c", "ls /globbed; ls /csrc; test -x /bb-from-image && echo bb; cat /exec /expanded /fromfile /shell-used /custom"]);
    assert_eq!(o.ok().stdout, "a.txt\nskip-di.txt\nx.c\nbb\nexec-form\nfallback alt yes []\nfrom-arg-file\ncustom-shell\nran-in-custom\n");
    // The Containerfile's own ignore file comes before the context's (Buildah's order).
    std::fs::write(dir.join("Dockerfile.containerignore"), "a.txt\n").unwrap();
    e.hutch(&["build", "-q", "--build-arg-file", args_file.to_str().unwrap(), "-t", "own", d]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "own", "ls", "/globbed"]).ok().stdout, "skip-ci.txt\nskip-di.txt\n");

    // The escape directive (with a syntax directive, accepted): backslashes are plain, the
    // backtick continues a line.
    let esc = context_bytes(&e, "esc", &[("Containerfile", b"# syntax=docker/dockerfile:1\n# escape=`\nFROM demo\nENV WINPATH=C:\\dir\\sub\nRUN printf '%s\\n' \"$WINPATH\" > /winpath && `\n    echo continued >> /winpath\n")]);
    e.hutch(&["buildx", "build", "-q", "-t", "esc", esc.to_str().unwrap()]).ok();
    assert_eq!(cat(&e, "esc", "/winpath"), "C:\\dir\\sub\ncontinued\n");
}

#[test]
fn run_mounts_and_networks() {
    let e = Env::new("bm-mounts");
    e.demo();
    let dir = context_bytes(&e, "ctx", &[("Containerfile", concat!(
        "FROM demo\n",
        "RUN --mount=type=tmpfs,target=/scratch sh -c 'grep \" /scratch \" /proc/mounts | cut -d\" \" -f3 > /fstype; echo junk > /scratch/junk'\n",
        "RUN --mount=type=cache,target=/cache,id=counter sh -c 'n=$(cat /cache/n 2>/dev/null || echo 0); echo $n > /prev; echo $((n+1)) > /cache/n'\n",
        "RUN --network=none sh -c \"tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > /nets-step\"\n",
        "RUN tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > /nets-build\n",
    ).as_bytes())]);
    build(&e, &dir, &["-t", "mounts"]).ok();
    assert_eq!(cat(&e, "mounts", "/fstype /prev /nets-step"), "tmpfs\n0\nlo\n");
    let nets = cat(&e, "mounts", "/nets-build");
    assert!(nets.starts_with("lo\n") && nets.len() > 3, "the default network has an interface besides lo: {nets}");
    // Nothing of the tmpfs or the cache is in the layers.
    e.hutch(&["run", "--rm", "mounts", "sh", "-c", "test ! -e /scratch && test ! -e /cache"]).ok();
    // The cache directory outlives the build: a --no-cache build sees what the first wrote;
    // with --network none every step has only lo.
    build(&e, &dir, &["--network", "none", "--no-cache", "-t", "mounts"]).ok();
    assert_eq!(cat(&e, "mounts", "/prev /nets-step /nets-build"), "1\nlo\nlo\n");
}

#[test]
fn capabilities_ulimits_and_security_options_reach_run_steps() {
    let e = Env::new("bm-caps");
    e.demo();
    let dir = context_bytes(&e, "ctx", &[("Containerfile", b"FROM demo\nRUN grep -E '^(CapEff|NoNewPrivs)' /proc/self/status > /status; ulimit -n >> /status\n")]);
    build(&e, &dir, &["--cap-drop", "all", "--cap-add", "net_raw", "--ulimit", "nofile=512:512", "--security-opt", "no-new-privileges", "-t", "caps"]).ok();
    // CAP_NET_RAW is bit 13.
    assert_eq!(cat(&e, "caps", "/status"), "CapEff:\t0000000000002000\nNoNewPrivs:\t1\n512\n");
    build(&e, &dir, &["--no-cache", "-t", "nocaps"]).ok();
    let plain = cat(&e, "nocaps", "/status");
    assert!(plain.contains("NoNewPrivs:\t0\n") && !plain.contains("CapEff:\t0000000000002000"), "{plain}");
}

#[test]
fn pull_policies_and_registry_credentials() {
    let e = Env::new("bm-pull");
    e.demo();
    let reg = Registry::start(&e, Some(("alice", "s3cret")));
    let base = format!("{}/base:1", reg.host());
    let creds = ["--tls-verify=false", "--creds", "alice:s3cret"];
    // Another store pushes versions of the base under one tag.
    let o = Env::new("bm-pull-other");
    o.demo();
    let push_version = |v: &str| {
        let d = context(&o, &format!("v{v}"), &[("Containerfile", format!("FROM demo\nRUN echo {v} > /v\n").as_str())]);
        build(&o, &d, &["-q", "-t", &base]).ok();
        let mut a = vec!["push"];
        a.extend_from_slice(&creds);
        a.push(&base);
        o.hutch(&a).ok();
    };
    push_version("1");
    let dir = context_bytes(&e, "ctx", &[("Containerfile", format!("FROM {base}\nRUN cat /v > /seen\nCMD [\"cat\", \"/seen\"]\n").as_bytes())]);
    let seen = |extra: &[&str]| -> String {
        let mut a = vec!["-q", "-t", "app"];
        a.extend_from_slice(extra);
        build(&e, &dir, &a).ok();
        e.hutch(&["run", "--rm", "app"]).ok().stdout.clone()
    };
    // Not here yet: pulled with --creds (and refused without).
    build(&e, &dir, &["--tls-verify=false"]).code(125).stderr_has("authentication required");
    assert_eq!(seen(&creds), "1\n");
    push_version("2");
    // missing and never: the local image.
    assert_eq!(seen(&["--pull=missing", "--tls-verify=false"]), "1\n");
    assert_eq!(seen(&["--pull=never"]), "1\n");
    // always: pulled again (with credentials from --creds).
    build(&e, &dir, &["--pull=always", "--tls-verify=false"]).code(125).stderr_has("authentication required");
    let mut always = vec!["--pull=always"];
    always.extend_from_slice(&creds);
    assert_eq!(seen(&always), "2\n");
    push_version("3");
    // newer without credentials: the registry cannot be asked, the local image is used.
    let o3 = build(&e, &dir, &["--pull=newer", "--tls-verify=false", "-t", "app"]);
    o3.ok().stderr_has("using the local image");
    assert_eq!(e.hutch(&["run", "--rm", "app"]).ok().stdout, "2\n");
    // newer with --authfile (written by login): the newer image.
    let af = e.dir.join("auth.json");
    e.hutch(&["login", "--tls-verify=false", "--authfile", af.to_str().unwrap(), "-u", "alice", "-p", "s3cret", &reg.host()]).ok();
    assert_eq!(seen(&["--pull=newer", "--tls-verify=false", "--authfile", af.to_str().unwrap()]), "3\n");
}

#[test]
fn layers_rm_and_force_rm() {
    let e = Env::new("bm-layers");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let vol = format!("{}:/marks", marks.display());
    let dir = context_bytes(&e, "ctx", &[("Containerfile", b"FROM demo\nRUN echo a >> /marks/log\nRUN echo b > /b\n")]);
    let count = |all: bool| e.hutch(&if all { vec!["images", "-a", "-q"] } else { vec!["images", "-q"] }).ok().stdout.lines().count();
    let log = || std::fs::read_to_string(marks.join("log")).unwrap_or_default();
    // --layers=false and BUILDAH_LAYERS=false: no step images kept, a rebuild runs again.
    build(&e, &dir, &["--layers=false", "-v", &vol, "-t", "nolayers"]).ok();
    assert_eq!(count(true), count(false), "step images were kept: {}", e.hutch(&["images", "-a"]).stdout);
    build(&e, &dir, &["--layers=false", "-v", &vol, "-t", "nolayers"]).ok();
    assert_eq!(log(), "a\na\n");
    let o = Out::from(e.cmd(&["build", "-v", &vol, "-t", "nolayers", dir.to_str().unwrap()]).env("BUILDAH_LAYERS", "false").stdin(std::process::Stdio::null()).output().unwrap());
    assert_eq!(hits(o.ok()), 0);
    assert_eq!(log(), "a\na\na\n");
    assert_eq!(count(true), count(false), "BUILDAH_LAYERS=false kept step images");
    // With layers (the default) the steps are kept, and a rebuild uses them.
    build(&e, &dir, &["-v", &vol, "-t", "layered"]).ok();
    assert!(count(true) > count(false));
    assert_eq!(hits(build(&e, &dir, &["-v", &vol, "-t", "layered"]).ok()), 2);

    // --rm=false: the step containers stay, as containers of their own.
    let ps = || e.hutch(&["ps", "-a", "--external", "-q"]).ok().stdout.lines().count();
    assert_eq!(ps(), 0);
    let kept = build(&e, &dir, &["--rm=false", "--no-cache", "-v", &vol]);
    assert_eq!(ps(), 2, "{}\n{}\n{}", e.hutch(&["ps", "-a", "--external"]).stdout, kept.stdout, kept.stderr);
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).ok().stdout.lines().count(), 2);
    e.hutch(&["rm", "-a", "-f"]).ok();
    // A failed step's container goes (--force-rm, the default), unless --force-rm=false.
    let bad = context_bytes(&e, "bad", &[("Containerfile", b"FROM demo\nRUN exit 4\n")]);
    build(&e, &bad, &[]).code(4);
    assert_eq!(ps(), 0);
    build(&e, &bad, &["--force-rm=false"]).code(4);
    assert_eq!(ps(), 1);
}

#[test]
fn a_built_image_saved_and_loaded_runs() {
    let e = Env::new("bm-save");
    e.demo();
    let dir = context_bytes(&e, "ctx", &[("Containerfile", b"FROM demo\nCOPY m /m\nRUN cat /m > /c\nCMD [\"cat\", \"/c\"]\n"), ("m", b"saved and loaded\n")]);
    build(&e, &dir, &["-q", "-t", "tosave"]).ok();
    let id = inspect(&e, "tosave", "{{.Id}}");
    let archive = e.dir.join("img.tar");
    e.hutch(&["save", "-o", archive.to_str().unwrap(), "tosave"]).ok();
    let g = Env::new("bm-load");
    g.hutch(&["load", "-i", archive.to_str().unwrap()]).ok().stdout_has("Loaded image: localhost/tosave:latest");
    assert_eq!(g.hutch(&["run", "--rm", "tosave"]).ok().stdout, "saved and loaded\n");
    assert_eq!(inspect(&g, "tosave", "{{.Id}}"), id);
}

#[test]
fn a_killed_build_leaves_no_image_container_or_temporary_files() {
    let e = Env::new("bm-kill");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let vol = format!("{}:/marks", marks.display());
    // A context with an ignored file, so the step binds a filtered copy in the build's own
    // temporary directory.
    let dir = context_bytes(&e, "ctx", &[
        ("Containerfile", b"FROM demo\nRUN --mount=type=bind,target=/ctx touch /marks/started; echo half > /half; sleep 30\n"),
        (".dockerignore", b"ignored\n"),
        ("ignored", b"i"),
    ]);
    let images = |e: &Env| e.hutch(&["images", "-a", "-q"]).ok().stdout.lines().count();
    let before = images(&e);
    let mut child = e.cmd(&["build", "-v", &vol, "-t", "killed", dir.to_str().unwrap()])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    assert!(wait_for(30, || marks.join("started").exists()), "the step never started");
    assert!(!tmp_entries(&e).is_empty(), "the build has a temporary directory");
    // SAFETY: a plain kill of our child.
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    let _ = child.wait();
    // The next command sweeps: no step container, no temporary directory, no image.
    assert!(wait_for(40, || e.hutch(&["ps", "-a", "--external", "-q"]).stdout.trim().is_empty()), "the step's container stayed");
    assert!(tmp_entries(&e).is_empty(), "the build's temporary directory stayed: {:?}", tmp_entries(&e));
    assert_eq!(images(&e), before, "a half image was left: {}", e.hutch(&["images", "-a"]).stdout);
    assert_eq!(e.hutch(&["images", "-q", "killed"]).stdout, "");
}

#[test]
fn run_binds_stay_inside_their_trees_and_take_odd_names() {
    let e = Env::new("bm-confined");
    e.demo();
    // A file of the host's, outside any build input.
    let secret = e.dir.join("host-secret");
    std::fs::write(&secret, "host file\n").unwrap();
    // from=: a stage's link to / is followed inside the stage's own files, not the host's.
    let dir = context(&e, "ctx-from", &[(
        "Containerfile",
        format!("FROM demo AS s\nRUN ln -s / /r\nFROM demo\nRUN --mount=type=bind,from=s,source=r{},target=/m cat /m\n", secret.display()).as_str(),
    )]);
    let o = build(&e, &dir, &[]);
    assert!(!o.stdout.contains("host file"), "a stage's link reached the host's file: {}", o.stdout);
    o.code(125).stderr_has(&format!("RUN --mount: r{}: no such file or directory in s", secret.display()));
    // The same for a cache seeded from a stage.
    let dir = context(&e, "ctx-seed", &[(
        "Containerfile",
        format!("FROM demo AS s\nRUN ln -s / /r\nFROM demo\nRUN --mount=type=cache,id=seed,from=s,source=r{},target=/c ls /c\n", e.dir.display()).as_str(),
    )]);
    let o = build(&e, &dir, &[]);
    assert!(!o.stdout.contains("host-secret"), "a cache was seeded from the host: {}", o.stdout);
    o.code(125).stderr_has(&format!("from=s: r{}: no such file or directory", e.dir.display()));
    // A context path with a comma cannot end the mount option and name another source.
    let dir = context_bytes(&e, "ctx-comma", &[
        ("Containerfile", b"FROM demo\nRUN --mount=type=bind,source=l,target=/h ls /h\n"),
        ("x,src=/t/f", b"f"),
    ]);
    std::os::unix::fs::symlink("x,src=/t", dir.join("l")).unwrap();
    build(&e, &dir, &[]).code(125).stderr_has("a path with `,` or `:` cannot be bound into a step: rename it");
    // A name with glob characters is a name; a file kept below an ignored directory is bound
    // with that directory; a secret from a variable serves two steps.
    let dir = context_bytes(&e, "ctx-odd", &[
        ("Containerfile", b"FROM demo\nRUN --mount=type=bind,source=data[1].csv,target=/d cat /d\nRUN --mount=type=bind,target=/ctx ls /ctx/build; cat /ctx/build/keep.txt\nRUN --mount=type=secret,id=t cat /run/secrets/t; echo\nRUN --mount=type=secret,id=t cat /run/secrets/t; echo\n"),
        ("data[1].csv", b"a,b\n"),
        (".dockerignore", b"build\n!build/keep.txt\n"),
        ("build/keep.txt", b"kept\n"), ("build/drop.txt", b"dropped\n"),
    ]);
    let o = Out::from(e.cmd(&["build", "--secret", "id=t,env=T", "-t", "odd", dir.to_str().unwrap()]).env("T", "tok").stdin(std::process::Stdio::null()).output().unwrap());
    let out = o.ok().stdout.clone();
    // (Two steps that change the same nothing, one above the other: their layers are made
    // distinct, or the next step's overlay would be refused.)
    for want in ["a,b\n", "keep.txt\nkept\n", "tok\n--> "] {
        assert!(out.contains(want), "{want:?} not in {out}");
    }
    assert!(!out.contains("drop.txt"), "{out}");
    assert_eq!(out.matches("tok\n").count(), 2, "{out}");
    // The image whose last two layers hold the same change runs.
    let layers = inspect(&e, "odd", "{{json .RootFS.Layers}}");
    let layers: Vec<String> = serde_json::from_str(&layers).unwrap();
    assert_eq!(layers.iter().collect::<std::collections::BTreeSet<_>>().len(), layers.len(), "a layer twice: {layers:?}");
    assert_eq!(e.hutch(&["run", "--rm", "odd", "echo", "runs"]).ok().stdout, "runs\n");
}

#[test]
fn a_build_is_one_event_named_by_its_image() {
    let e = Env::new("bm-events");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN echo step\n")]);
    let id = build(&e, &dir, &["-q", "-t", "evented"]).ok().stdout.lines().last().unwrap().to_string();
    // As in Podman 4.3.1 (compared side by side): `build` named by the image's id, no tag
    // event, and nothing of the steps' containers.
    let o = e.hutch(&["events", "--stream=false", "--filter", "type=container", "--format", "{{.Status}} {{.Name}}"]);
    assert_eq!(o.ok().stdout, "");
    let o = e.hutch(&["events", "--stream=false", "--filter", "type=image", "--filter", "event=build", "--filter", "event=tag", "--format", "{{.Status}} {{.Name}} [{{.ID}}]"]);
    assert_eq!(o.ok().stdout, format!("build {id} []\n"));
}
