//! `hutch build` end to end, as the unprivileged user: every instruction, multi-stage builds,
//! the layer cache (a hit runs nothing, a touched file misses from its COPY on), ignore files,
//! heredocs, ARG scoping, failures (the RUN's exit code, the file and line of bad syntax), a
//! killed build, and the built image pushed, pulled and run.

mod common;
use common::registry::Registry;
use common::build::*;
use common::*;
use std::path::Path;

#[test]
fn instructions_make_the_config_and_the_files() {
    let e = Env::new("build-instr");
    e.demo();
    let dir = context(&e, "ctx", &[
        ("Containerfile", concat!(
            "# a comment\n",
            "FROM demo\n",
            "LABEL org.example.k=\"v 1\" other=2\n",
            "ENV GREETING=hello \\\n",
            "    TARGET=\"the world\"\n",
            "ARG VERSION=1.0\n",
            "WORKDIR /srv\n",
            "WORKDIR app\n",
            "COPY --chown=1000:100 --chmod=600 a.txt ./\n",
            "ADD files.tar /unpacked/\n",
            "SHELL [\"/bin/sh\", \"-c\"]\n",
            "RUN echo \"$GREETING $TARGET $VERSION\" > out.txt && mkdir /data\n",
            "EXPOSE 8080 53/udp\n",
            "VOLUME /data\n",
            "USER 1000\n",
            "STOPSIGNAL SIGINT\n",
            "HEALTHCHECK --interval=7s --retries=2 CMD [\"true\"]\n",
            "ONBUILD RUN echo child\n",
            "ENTRYPOINT [\"/bin/sh\", \"-c\"]\n",
            "CMD [\"cat /srv/app/out.txt\"]\n",
        )),
        ("a.txt", "copied\n"),
    ]);
    let tar = make_tar(&e, "files.tar", |b| add_file(b, "inner.txt", 0o644, 0, b"from the tarball\n"));
    std::fs::copy(&tar, dir.join("files.tar")).unwrap();
    // Docker's format: OCI images have no HEALTHCHECK, ONBUILD or SHELL (below).
    let o = build(&e, &dir, &["--format", "docker", "-t", "instr"]);
    o.ok().stdout_has("STEP 1/18: FROM demo\n").stdout_has("STEP 18/18: CMD [\"cat /srv/app/out.txt\"]\nCOMMIT instr\n")
        .stdout_has("Successfully tagged localhost/instr:latest\n");
    let id = o.stdout.lines().last().unwrap().to_string();
    assert_eq!(id.len(), 64, "the last line is the image id: {}", o.stdout);
    assert_eq!(e.hutch(&["images", "-q", "--no-trunc", "instr"]).ok().stdout.trim(), format!("sha256:{id}"));

    assert_eq!(e.hutch(&["run", "--rm", "instr"]).ok().stdout, "hello the world 1.0\n");
    assert_eq!(inspect(&e, "instr", "{{.Config.WorkingDir}} {{.Config.User}} {{.Config.StopSignal}}"), "/srv/app 1000 SIGINT");
    let cfg: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "instr"]).ok().stdout).unwrap();
    let c = &cfg[0]["Config"];
    assert_eq!(c["Labels"]["org.example.k"], "v 1");
    assert_eq!(c["Env"].as_array().unwrap().iter().filter(|v| v.as_str().unwrap().starts_with("GREETING=") || v.as_str().unwrap().starts_with("TARGET=")).count(), 2);
    assert!(!c["Env"].to_string().contains("VERSION"), "build args stay out of the image: {}", c["Env"]);
    assert_eq!(c["ExposedPorts"], serde_json::json!({"8080/tcp": {}, "53/udp": {}}));
    assert_eq!(c["Volumes"], serde_json::json!({"/data": {}}));
    assert_eq!(c["Entrypoint"], serde_json::json!(["/bin/sh", "-c"]));
    // Podman's image inspect: the OCI config's fields in Config, the health check beside it.
    assert_eq!(cfg[0]["Healthcheck"], serde_json::json!({"Test": ["CMD", "true"], "Interval": 7_000_000_000u64, "Retries": 2}));
    assert!(c.get("OnBuild").is_none() && c.get("Shell").is_none() && c.get("Healthcheck").is_none(), "{c}");

    let files = e.hutch(&["run", "--rm", "--user", "0", "instr", "stat -c '%u:%g %a %n' /srv/app/a.txt; cat /srv/app/a.txt /unpacked/inner.txt"]).ok().stdout.clone();
    assert_eq!(files, "1000:100 600 /srv/app/a.txt\ncopied\nfrom the tarball\n");

    // One history entry per instruction after FROM (the base has its own), as Buildah writes them.
    let h = e.hutch(&["history", "--no-trunc", "--format", "{{.CreatedBy}}", "instr"]).ok().stdout.clone();
    let lines: Vec<&str> = h.lines().collect();
    assert_eq!(lines.len(), 18, "{h}");
    assert_eq!(lines[0], "/bin/sh -c #(nop) CMD [\"cat /srv/app/out.txt\"]");
    assert_eq!(lines[8], "|1 VERSION=1.0 /bin/sh -c echo \"$GREETING $TARGET $VERSION\" > out.txt && mkdir /data");

    // ONBUILD triggers run in a child build, first.
    let child = context(&e, "child", &[("Containerfile", "FROM instr\nUSER 0\nRUN echo second\n")]);
    let o = build(&e, &child, &["-t", "child"]);
    let out = o.ok().stdout.clone();
    let first = out.find("child\n").expect("the trigger ran");
    assert!(first < out.find("second\n").unwrap(), "{out}");
    // Triggers are not inherited: the child (OCI) has none to leave out.
    assert!(!o.stderr.contains("ONBUILD"), "{}", o.stderr);
    // The default, OCI, leaves SHELL, HEALTHCHECK and ONBUILD out with Buildah's warnings
    // (Podman 4.3.1, compared side by side), and a child of it runs no trigger.
    let o = build(&e, &dir, &["-t", "instr-oci"]);
    assert_eq!(
        o.ok().stderr,
        "WARN[0000] SHELL is not supported for OCI image format, [/bin/sh -c] will be ignored. Must use `docker` format\n\
         WARN[0000] HEALTHCHECK is not supported for OCI image format and will be ignored. Must use `docker` format\n\
         WARN[0000] ONBUILD is not supported for OCI image format, RUN echo child will be ignored. Must use `docker` format\n"
    );
    let cfg: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "instr-oci"]).ok().stdout).unwrap();
    assert!(cfg[0].get("Healthcheck").is_none(), "{}", cfg[0]);
    let child = context(&e, "child-oci", &[("Containerfile", "FROM instr-oci\nUSER 0\nRUN echo second\n")]);
    assert!(!build(&e, &child, &["-t", "child-oci"]).ok().stdout.contains("child\n"), "a trigger ran from an OCI image");
}

#[test]
fn a_cached_rebuild_runs_nothing_and_a_touched_file_misses_from_its_copy() {
    let e = Env::new("build-cache");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let dir = context(&e, "ctx", &[
        ("Containerfile", "FROM demo\nRUN echo before >> /marks/log\nCOPY app.txt /app/\nRUN echo after >> /marks/log\nCMD [\"cat\", \"/app/app.txt\"]\n"),
        ("app.txt", "v1\n"),
    ]);
    let vol = format!("{}:/marks", marks.display());
    let first = build(&e, &dir, &["-v", &vol, "-t", "cached"]);
    first.ok();
    let id1 = first.stdout.lines().last().unwrap().to_string();
    let log = || std::fs::read_to_string(marks.join("log")).unwrap_or_default();
    assert_eq!(log(), "before\nafter\n");

    // Unchanged: every step from the cache, the same image, nothing ran.
    let again = build(&e, &dir, &["-v", &vol, "-t", "cached"]);
    again.ok();
    assert_eq!(again.stdout.matches("--> Using cache ").count(), 4, "{}", again.stdout);
    assert_eq!(again.stdout.lines().last().unwrap(), id1);
    assert_eq!(log(), "before\nafter\n", "a cached RUN ran");

    // The copied file changed: the first RUN stays cached, the COPY and what follows run.
    std::fs::write(dir.join("app.txt"), "v2\n").unwrap();
    let third = build(&e, &dir, &["-v", &vol, "-t", "cached"]);
    third.ok();
    assert_eq!(third.stdout.matches("--> Using cache ").count(), 1, "{}", third.stdout);
    assert_eq!(log(), "before\nafter\nafter\n");
    assert_eq!(e.hutch(&["run", "--rm", "cached"]).ok().stdout, "v2\n");

    // --no-cache runs everything again.
    build(&e, &dir, &["-v", &vol, "--no-cache", "-t", "cached"]).ok();
    assert_eq!(log(), "before\nafter\nafter\nbefore\nafter\n");

    // Step images show with -a only; rmi takes the unnamed parents along.
    let plain = e.hutch(&["images", "-q"]).ok().stdout.lines().count();
    let all = e.hutch(&["images", "-a", "-q"]).ok().stdout.lines().count();
    assert!(all > plain, "images -a lists the step images ({all} vs {plain})");
    e.hutch(&["rmi", "cached"]).ok();
    e.hutch(&["image", "prune", "-f"]).ok();
    assert_eq!(e.hutch(&["images", "-a", "-q"]).ok().stdout.lines().count(), 1, "only demo is left: {}", e.hutch(&["images", "-a"]).stdout);
}

#[test]
fn ignore_files_with_exceptions_and_heredocs() {
    let e = Env::new("build-ignore");
    e.demo();
    let dir = context(&e, "ctx", &[
        ("Containerfile", concat!(
            "FROM demo\n",
            "COPY . /ctx/\n",
            "COPY <<EOF /etc/motd\n",
            "hello $NAME\n",
            "EOF\n",
            "ARG NAME=builder\n",
            "RUN <<EOT\n",
            "echo \"one $NAME\" > /ran\n",
            "echo two >> /ran\n",
            "EOT\n",
            "RUN cat <<-'X' > /quoted\n",
            "\tliteral $NAME\n",
            "\tX\n",
        )),
        (".dockerignore", "# comment\n*.md\n!README.md\nbuild\n!build/keep.txt\n**/*.tmp\n"),
        ("README.md", "r"), ("notes.md", "n"), ("build/out.o", "o"), ("build/keep.txt", "k"),
        ("src/a.tmp", "t"), ("src/main.c", "c"),
    ]);
    build(&e, &dir, &["-t", "ign"]).ok();
    let listing = e.hutch(&["run", "--rm", "ign", "sh", "-c", "cd /ctx && find . -type f | sort"]).ok().stdout.clone();
    assert_eq!(listing, "./.dockerignore\n./Containerfile\n./README.md\n./build/keep.txt\n./src/main.c\n");
    assert_eq!(e.hutch(&["run", "--rm", "ign", "cat", "/etc/motd", "/ran", "/quoted"]).ok().stdout, "hello \none builder\ntwo\nliteral $NAME\n");
}

#[test]
fn stages_copy_from_target_and_arg_scopes() {
    let e = Env::new("build-stages");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let dir = context(&e, "ctx", &[("Containerfile", concat!(
        "ARG WHO=global\n",
        "FROM demo AS build\n",
        "RUN echo \"who=[$WHO]\" > /who\n",
        "ARG WHO\n",
        "RUN echo \"who=[$WHO]\" >> /who && echo built > /artifact\n",
        "FROM demo AS unused\n",
        "RUN echo unused >> /marks/log\n",
        "FROM demo AS final\n",
        "COPY --from=build /artifact /who /out/\n",
        "FROM final AS extra\n",
        "RUN echo extra > /extra\n",
    ))]);
    let vol = format!("{}:/marks", marks.display());
    let o = build(&e, &dir, &["-v", &vol, "--target", "final", "-t", "staged", "--build-arg", "WHO=arg"]);
    o.ok().stdout_has("[3/4] STEP");
    assert!(!o.stdout.contains("[2/4]") && !o.stdout.contains("[4/4]"), "unused stages were built:\n{}", o.stdout);
    assert!(!marks.join("log").exists());
    assert_eq!(e.hutch(&["run", "--rm", "staged", "cat", "/out/artifact", "/out/who"]).ok().stdout, "built\nwho=[]\nwho=[arg]\n");
    assert_eq!(e.hutch(&["run", "--rm", "staged", "ls", "/extra"]).code, 1);
    // --skip-unused-stages=false builds every stage up to the target.
    build(&e, &dir, &["-v", &vol, "--skip-unused-stages=false", "--target", "final"]).ok();
    assert_eq!(std::fs::read_to_string(marks.join("log")).unwrap(), "unused\n");
}

#[test]
fn bad_inputs_fail_clearly_and_leave_nothing() {
    let e = Env::new("build-bad");
    e.demo();
    let images = |e: &Env| e.hutch(&["images", "-a", "-q"]).ok().stdout.lines().count();
    let before = images(&e);
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN echo start && exit 3\n")]);
    let o = build(&e, &dir, &["-t", "bad"]);
    o.code(3).stderr_has(&format!("Error: building at STEP \"RUN echo start && exit 3\" ({}:2): while running runtime: exit status 3\n", dir.join("Containerfile").display()));
    assert_eq!(images(&e), before, "a failed step left an image");
    assert_eq!(e.hutch(&["ps", "-a", "--external", "-q"]).ok().stdout, "", "a failed step left its container");

    std::fs::write(dir.join("Containerfile"), "FROM demo\nRUN true\nFROBNICATE x\n").unwrap();
    build(&e, &dir, &[]).code(125).stderr_has("dockerfile parse error line 3: FROBNICATE: unknown instruction: FROBNICATE");
    std::fs::write(dir.join("Containerfile"), "FROM demo\nCOPY missing.txt /\n").unwrap();
    build(&e, &dir, &[]).code(125).stderr_has("missing.txt: no such file or directory");
    std::fs::write(dir.join("Containerfile"), "FROM demo\nCOPY a b c\n").unwrap();
    std::fs::write(dir.join("a"), "").unwrap();
    std::fs::write(dir.join("b"), "").unwrap();
    build(&e, &dir, &[]).code(125).stderr_has("the destination must be a directory and end with a /");
    build(&e, &dir, &["--target", "nope"]).code(125).stderr_has("the target \"nope\" was not found");
    build(&e, &dir, &["--platform", "linux/s390x"]).code(125).stderr_has(&format!("Error: building at STEP \"FROM demo\" ({}:1): demo: the local image is not for linux/s390x", dir.join("Containerfile").display())).stderr_has(", and pulling one failed: short-name \"demo\" did not resolve to an alias");
    std::fs::remove_file(dir.join("Containerfile")).unwrap();
    build(&e, &dir, &[]).code(125).stderr_has("no Containerfile or Dockerfile specified or found in context directory");
    std::fs::write(dir.join("Containerfile"), "FROM nothere.invalid/x\n").unwrap();
    build(&e, &dir, &["--pull=never"]).code(125);
    assert_eq!(images(&e), before);
    let tmp = e.data().join("tmp");
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0, "the build left temporary files");
}

#[test]
fn a_killed_build_leaves_no_container_and_rebuilds_cleanly() {
    let e = Env::new("build-kill");
    e.demo();
    let marks = e.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let vol = format!("{}:/marks", marks.display());
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN echo ok > /f\nRUN touch /marks/started; sleep 30\nCMD [\"cat\", \"/f\"]\n")]);
    let mut child = e.cmd(&["build", "-v", &vol, "-t", "killed", dir.to_str().unwrap()])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let pid = child.id();
    assert!(wait_for(30, || marks.join("started").exists()), "the second step never started");
    assert_eq!(e.hutch(&["ps", "--external", "--format", "{{.Status}}"]).ok().stdout.lines().count(), 1, "the running step shows with --external");
    // SAFETY: a plain kill of our child.
    unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    let _ = child.wait();
    // The step's container goes with the next command that looks.
    assert!(wait_for(40, || e.hutch(&["ps", "-a", "--external", "-q"]).stdout.trim().is_empty()), "the step's container stayed");
    assert_eq!(e.hutch(&["images", "-q", "killed"]).stdout, "", "a half-built image got the name");
    std::fs::write(dir.join("Containerfile"), "FROM demo\nRUN echo ok > /f\nRUN true\nCMD [\"cat\", \"/f\"]\n").unwrap();
    build(&e, &dir, &["-v", &vol, "-t", "killed"]).ok().stdout_has("--> Using cache ");
    assert_eq!(e.hutch(&["run", "--rm", "killed"]).ok().stdout, "ok\n");
}

#[test]
fn built_images_push_pull_and_run() {
    let e = Env::new("build-push");
    e.demo();
    let reg = Registry::start(&e, None);
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nCOPY msg /\nRUN cat /msg > /copy\nCMD [\"cat\", \"/copy\"]\n"), ("msg", "pushed\n")]);
    let name = format!("{}/built:1", reg.host());
    let iid = e.dir.join("iid");
    build(&e, &dir, &["-q", "-t", &name, "--iidfile", iid.to_str().unwrap()]).ok();
    let id = std::fs::read_to_string(&iid).unwrap();
    assert!(id.starts_with("sha256:") && id.len() == 71, "{id}");
    e.hutch(&["push", "--tls-verify=false", &name]).ok();
    let b = Env::new("build-pull");
    b.hutch(&["pull", "--tls-verify=false", &name]).ok();
    assert_eq!(b.hutch(&["run", "--rm", &name]).ok().stdout, "pushed\n");
    assert_eq!(b.hutch(&["images", "-q", "--no-trunc", &name]).ok().stdout.trim(), id);
}

#[test]
fn squash_makes_one_new_layer_and_squash_all_one_layer() {
    let e = Env::new("build-squash");
    e.demo();
    let dir = context(&e, "ctx", &[
        ("Containerfile", "FROM demo\nRUN echo a > /a && rm /bin/ls\nCOPY f /f\nRUN rm /a && echo b > /b\nENV X=1\n"),
        ("f", "file\n"),
    ]);
    let layers = |img: &str| -> usize {
        let v: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", img]).ok().stdout).unwrap();
        v[0]["RootFS"]["Layers"].as_array().unwrap().len()
    };
    let base = layers("demo");
    build(&e, &dir, &["-t", "layered"]).ok();
    assert_eq!(layers("layered"), base + 3);
    build(&e, &dir, &["--squash", "-t", "squashed"]).ok();
    assert_eq!(layers("squashed"), base + 1);
    build(&e, &dir, &["--squash-all", "-t", "flat"]).ok();
    assert_eq!(layers("flat"), 1);
    for img in ["squashed", "flat"] {
        // The same files: /a deleted again, /bin/ls gone, /b and /f there.
        let o = e.hutch(&["run", "--rm", img, "sh", "-c", "for p in /a /bin/ls; do test -e $p && echo $p; done; cat /b /f; echo $X"]);
        assert_eq!(o.ok().stdout, "b\nfile\n1\n", "{img}");
    }
    let h = e.hutch(&["history", "--format", "{{.Size}}", "squashed"]).ok().stdout.clone();
    assert_eq!(h.lines().filter(|l| *l != "0 B").count(), base + 1, "one non-empty history line per layer: {h}");
}

#[test]
fn context_from_stdin_and_containerfile_from_stdin() {
    let e = Env::new("build-stdin");
    e.demo();
    let tar = make_tar(&e, "ctx.tar", |b| {
        add_file(b, "Containerfile", 0o644, 0, b"FROM demo\nCOPY f /f\nCMD [\"cat\", \"/f\"]\n");
        add_file(b, "f", 0o644, 0, b"from a tarball\n");
    });
    let bytes = std::fs::read(&tar).unwrap();
    e.hutch_stdin(&["build", "-q", "-t", "tarctx", "-"], &bytes).ok();
    assert_eq!(e.hutch(&["run", "--rm", "tarctx"]).ok().stdout, "from a tarball\n");
    let dir = context(&e, "ctx", &[("g", "via stdin file\n")]);
    e.hutch_stdin(&["build", "-q", "-t", "stdinfile", "-f", "-", dir.to_str().unwrap()], b"FROM demo\nCOPY g /g\nCMD [\"cat\", \"/g\"]\n").ok();
    assert_eq!(e.hutch(&["run", "--rm", "stdinfile"]).ok().stdout, "via stdin file\n");
}

/// The file tree (type, permission bits, owner, size, link target) of an exported root.
fn tree(tar: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut ar = tar::Archive::new(std::fs::File::open(tar).unwrap());
    for e in ar.entries().unwrap() {
        let e = e.unwrap();
        let h = e.header();
        let name = e.path().unwrap().to_string_lossy().trim_start_matches("./").trim_end_matches('/').to_string();
        // The root itself and the runtimes' own mount-point files are not the build's.
        if name.is_empty() || ["etc/hostname", "etc/hosts", "etc/resolv.conf", "run/.containerenv"].contains(&name.as_str()) {
            continue;
        }
        let link = e.link_name().unwrap().map(|l| l.to_string_lossy().into_owned()).unwrap_or_default();
        let size = if h.entry_type().is_file() { h.size().unwrap() } else { 0 };
        let (kind, mode, uid, gid) = (h.entry_type(), h.mode().unwrap() & 0o7777, h.uid().unwrap(), h.gid().unwrap());
        // The content too (a hash: the same within this process).
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut { e }, &mut content).unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&content, &mut hasher);
        let digest = std::hash::Hasher::finish(&hasher);
        out.insert(name, format!("{kind:?} {mode:o} {uid}:{gid} {size} {link} {digest:x}"));
    }
    out
}

#[test]
fn the_same_files_and_config_as_podman_build() {
    if std::process::Command::new("podman").arg("--version").output().is_err() {
        return skip("podman is not installed (dev/setup-host.sh installs it): the side-by-side comparison with podman build did not run");
    }
    let e = Env::new("build-podman");
    e.demo();
    let conf = e.home.join(".config/containers/containers.conf");
    std::fs::write(&conf, "[engine]\nruntime = \"runc\"\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n").unwrap();
    let podman = |args: &[&str]| {
        let o = std::process::Command::new("podman").args(args)
            .env("HOME", &e.home).env("XDG_CONFIG_HOME", e.home.join(".config")).env("XDG_DATA_HOME", e.home.join(".local/share"))
            .env("XDG_RUNTIME_DIR", &e.run).output().unwrap();
        assert!(o.status.success(), "podman {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    podman(&["import", "-q", busybox_tar().to_str().unwrap(), "localhost/demo"]);
    let dir = context(&e, "ctx", &[
        ("Containerfile", concat!(
            "FROM localhost/demo\nARG V=2\nENV A=1 B=\"x y\"\nWORKDIR /app\n",
            "COPY --chown=1000:1000 d/ ./d/\nCOPY f.txt /etc/\n",
            "RUN echo \"$A $V\" > /app/out && mkdir -p /var/x && rm -f /bin/vi\n",
            "SHELL [\"/bin/sh\", \"-ec\"]\nRUN echo shell > /app/shell\nVOLUME /data\nSTOPSIGNAL SIGINT\n",
            "HEALTHCHECK --interval=5s CMD true\nONBUILD RUN echo child\nADD d/x /opt/\n",
            "USER 1000\nEXPOSE 80\nLABEL k=v\nENTRYPOINT [\"/bin/sh\"]\nCMD [\"-c\", \"cat /app/out\"]\n",
        )),
        ("f.txt", "f\n"), ("d/x", "dd\n"),
    ]);
    let d = dir.to_str().unwrap();
    podman(&["build", "-q", "--network", "none", "--pull=never", "-t", "cmp", d]);
    build(&e, &dir, &["-q", "--network", "none", "-t", "cmp"]).ok();
    let (pt, ht) = (e.dir.join("p.tar"), e.dir.join("h.tar"));
    podman(&["create", "--name", "cmpc", "localhost/cmp"]);
    podman(&["export", "-o", pt.to_str().unwrap(), "cmpc"]);
    e.hutch(&["create", "--name", "cmpc", "cmp"]).ok();
    e.hutch(&["export", "-o", ht.to_str().unwrap(), "cmpc"]).ok();
    assert_eq!(tree(&ht), tree(&pt), "the built trees differ");
    let pc: serde_json::Value = serde_json::from_str(&podman(&["image", "inspect", "localhost/cmp"])).unwrap();
    let hc: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "cmp"]).ok().stdout).unwrap();
    let mut p = pc[0]["Config"].clone();
    // Buildah's identity label is Buildah's own.
    p["Labels"].as_object_mut().unwrap().remove("io.buildah.version");
    assert_eq!(hc[0]["Config"], p);
    // The history: one entry per instruction, created_by as Buildah writes it, and which of
    // them made a layer.
    // COPY and ADD name their content by a digest of Buildah's own making, which hutch's is not:
    // compared up to it.
    let digest = |s: &str| -> String {
        let mut out = s.to_string();
        for kind in ["file:", "dir:"] {
            if let Some(i) = out.find(kind).filter(|_| out.contains("#(nop) COPY ") || out.contains("#(nop) ADD ")) {
                let end = out[i + kind.len()..].find(' ').map_or(out.len(), |e| i + kind.len() + e);
                out.replace_range(i + kind.len()..end, "DIGEST");
            }
        }
        out
    };
    let history = |v: &serde_json::Value| -> Vec<(String, String, bool)> {
        // A step's comment names its parent image: the base by name, then an id of each tool's own.
        let comment = |c: &str| match c.strip_prefix("FROM ") {
            Some(id) if id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()) => "FROM PARENT".to_string(),
            _ => c.to_string(),
        };
        v[0]["History"].as_array().unwrap().iter().skip(1).map(|h| (digest(h["created_by"].as_str().unwrap_or("")), comment(h["comment"].as_str().unwrap_or("")), h["empty_layer"].as_bool().unwrap_or(false))).collect()
    };
    assert_eq!(history(&hc), history(&pc));
    // The base image's own entry, from `import` on both sides, is the same, digest and all.
    assert_eq!((&hc[0]["History"][0]["created_by"], &hc[0]["History"][0]["comment"]), (&pc[0]["History"][0]["created_by"], &pc[0]["History"][0]["comment"]));
    let _ = podman(&["rm", "-f", "cmpc"]);
    let _ = podman(&["system", "reset", "-f"]);
}

#[test]
fn env_label_and_unsetenv_options_reach_the_steps_and_the_image() {
    let e = Env::new("build-env");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nENV DROP=1\nRUN echo \"$FOO:$DROP\" > /seen\nCMD [\"cat\", \"/seen\"]\n")]);
    build(&e, &dir, &["--env", "FOO=bar", "--label", "team=core", "--unsetenv", "DROP", "-t", "opts"]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "opts"]).ok().stdout, "bar:1\n", "the steps see --env and the stage's DROP");
    let env = inspect(&e, "opts", "{{.Config.Env}}");
    assert!(env.contains("FOO=bar") && !env.contains("DROP"), "--unsetenv takes DROP out of the final image: {env}");
    assert_eq!(inspect(&e, "opts", "{{.Labels.team}}"), "core");
    // --annotation: in the manifest (the same image id); the next build says what it has.
    // A second later, so an uncached step would show in the id (its config's time).
    let id = inspect(&e, "opts", "{{.Id}}");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build(&e, &dir, &["--env", "FOO=bar", "--label", "team=core", "--unsetenv", "DROP", "--annotation", "org.example.a=1", "--annotation", "bare", "-t", "opts"]).ok();
    assert_eq!(inspect(&e, "opts", "{{.Annotations}}"), "map[bare: org.example.a:1]");
    assert_eq!(inspect(&e, "opts", "{{.Id}}"), id, "annotations are not in the config");
    build(&e, &dir, &["--env", "FOO=bar", "--label", "team=core", "--unsetenv", "DROP", "-t", "opts"]).ok();
    assert_eq!(inspect(&e, "opts", "{{.Annotations}}"), "map[]");
    build(&e, &dir, &["--format", "docker", "--annotation", "a=1", "-t", "dock"]).ok().stderr_has("annotations are not supported by the docker image format");
    assert_eq!(inspect(&e, "dock", "{{.Annotations}}"), "map[]");
    build(&e, &dir, &["--annotation", "=v"]).code(125).stderr_has("--annotation =v: the key is empty");
    // An --unsetenv that changes nothing leaves the last step's image as the result: the
    // rebuild is wholly cached, every time (a step of the same config used to take the last
    // step's key, which then missed and ran again).
    let first = build(&e, &dir, &["--unsetenv", "NOT_SET", "-t", "same"]).ok().stdout.clone();
    for _ in 0..2 {
        let again = build(&e, &dir, &["--unsetenv", "NOT_SET", "-t", "same"]).ok().stdout.clone();
        assert_eq!(again.matches("--> Using cache ").count(), 3, "{again}");
        assert_eq!(again.lines().last(), first.lines().last());
    }
}

#[test]
fn containerfile_in_is_preprocessed_and_os_features_reach_the_config() {
    let e = Env::new("build-cpp");
    e.demo();
    // A NAME.in file goes through cpp: #include from the context, macros from --cpp-flag.
    let dir = context(&e, "ctx", &[
        ("Containerfile.in", "FROM demo\n#include \"common.inc\"\nRUN echo GREETING > /greeting\n"),
        ("common.inc", "LABEL from=include\n"),
    ]);
    let file = dir.join("Containerfile.in");
    let iid = e.dir.join("iid");
    let iid_arg = format!("--iidfile={}", iid.display());
    build(&e, &dir, &["-f", file.to_str().unwrap(), "--cpp-flag", "-DGREETING=hello", "--os-feature", "f1", "--os-feature", "f2", "--os-version", "10.1", &iid_arg, "-t", "cpp"]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "cpp", "cat", "/greeting"]).ok().stdout, "hello\n");
    assert_eq!(inspect(&e, "cpp", "{{.Labels.from}}"), "include");
    let config = |iid: &Path| -> serde_json::Value {
        let id = std::fs::read_to_string(iid).unwrap();
        serde_json::from_slice(&std::fs::read(e.data().join("blobs/sha256").join(id.trim_start_matches("sha256:"))).unwrap()).unwrap()
    };
    let c = config(&iid);
    assert_eq!(c["os.features"], serde_json::json!(["f1", "f2"]));
    assert_eq!(c["os.version"], "10.1");
    // FEATURE- takes one away (the base's, here the one just set in the image built on).
    let child = context(&e, "child", &[("Containerfile", "FROM cpp\n")]);
    build(&e, &child, &["--os-feature", "f1-", &iid_arg, "-t", "child"]).ok();
    assert_eq!(config(&iid)["os.features"], serde_json::json!(["f2"]));
    // cpp's complaint: its output is used and the complaint said, as Buildah does.
    let bad = context(&e, "bad", &[("Containerfile.in", "FROM demo\n#include \"missing.inc\"\n")]);
    build(&e, &bad, &["-f", bad.join("Containerfile.in").to_str().unwrap()]).ok().stderr_has("Ignoring ").stderr_has("missing.inc: No such file or directory");
}

#[test]
fn run_steps_share_the_hosts_namespaces_when_asked() {
    let e = Env::new("build-ns");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN hostname > /host; readlink /proc/self/ns/ipc > /ipc\n")]);
    build(&e, &dir, &["-t", "own"]).ok();
    build(&e, &dir, &["--uts", "host", "--ipc", "host", "--cgroupns", "host", "-t", "shared"]).ok();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let ipc = format!("{}\n", std::fs::read_link("/proc/self/ns/ipc").unwrap().display());
    let seen = |img: &str| e.hutch(&["run", "--rm", img, "cat", "/host", "/ipc"]).ok().stdout.clone();
    assert_eq!(seen("shared"), format!("{host}{ipc}"), "the step was cached from the one in namespaces of its own, or did not share");
    assert_ne!(seen("own"), format!("{host}{ipc}"));
    build(&e, &dir, &["--pid", "host"]).code(125).stderr_has("Error: --pid host: not supported by hutch yet");
    // Id maps for the steps, as run --uidmap takes them: the step runs under that map, and its
    // files keep the container's owners in the layer.
    let ids = context(&e, "ids", &[("Containerfile", "FROM demo\nRUN cat /proc/self/uid_map > /map; touch /f\n")]);
    build(&e, &ids, &["--userns-uid-map", "0:1:65536", "--userns-gid-map", "0:1:65536", "-t", "mapped"]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "mapped", "sh", "-c", "tr -s ' ' < /map; stat -c %u:%g /f"]).ok().stdout, " 0 1 65536\n0:0\n");
    build(&e, &ids, &["--userns-uid-map-user", "bob"]).code(125).stderr_has("needs root; use --userns-uid-map/--userns-gid-map with your own");
    build(&e, &dir, &["--uts", "nearby"]).code(125).stderr_has("Error: --uts \"nearby\": use private (the default) or host\n");
    build(&e, &dir, &["--ipc", "/proc/1/ns/ipc"]).code(125).stderr_has("Error: --ipc /proc/1/ns/ipc: joining a namespace by its path is not supported by hutch yet (use private or host)\n");
    // The cgroup namespace shared: the step sees the host's (this test's) cgroup path.
    let cg = context(&e, "cg", &[("Containerfile", "FROM demo\nRUN readlink /proc/self/ns/cgroup > /cg\n")]);
    build(&e, &cg, &["--cgroupns", "host", "-t", "cg"]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "cg", "cat", "/cg"]).ok().stdout, format!("{}\n", std::fs::read_link("/proc/self/ns/cgroup").unwrap().display()));
}

#[test]
fn an_image_healthcheck_from_a_build_drives_the_container_health() {
    let e = Env::new("build-health");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nHEALTHCHECK --interval=1s --retries=1 CMD test -e /tmp/ok\nCMD [\"sh\", \"-c\", \"touch /tmp/ok; sleep 300\"]\n")]);
    build(&e, &dir, &["-q", "--format", "docker", "-t", "checked"]).ok();
    e.hutch(&["run", "-d", "--name", "h", "checked"]).ok();
    e.hutch(&["wait", "--condition", "healthy", "h"]).ok();
    assert!(e.hutch(&["ps", "--format", "{{.Status}}"]).ok().stdout.ends_with(" ago (healthy)\n"));
    assert_eq!(e.hutch(&["inspect", "--format", "{{.State.Health.Status}}", "h"]).ok().stdout, "healthy\n");
    e.hutch(&["exec", "h", "rm", "/tmp/ok"]).ok();
    assert_eq!(e.hutch(&["healthcheck", "run", "h"]).code(1).stdout, "unhealthy\n");
    e.hutch(&["rm", "-f", "-t", "0", "h"]).ok();
}

#[test]
fn timestamp_makes_builds_reproducible() {
    let e = Env::new("build-timestamp");
    e.demo();
    let dir = context(&e, "ctx", &[
        ("Containerfile", "FROM demo\nCOPY f /f\nRUN echo made > /made\n"),
        ("f", "content\n"),
    ]);
    let id = |extra: &[&str]| build(&e, &dir, extra).ok().stdout.lines().last().unwrap_or("").to_string();
    // The same sources at another moment, built again without the cache: the same image.
    let first = id(&["-q", "--no-cache", "--timestamp", "0", "-t", "a"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(dir.join("f"), "content\n").unwrap();
    let second = id(&["-q", "--no-cache", "--timestamp", "0", "-t", "b"]);
    assert_eq!(first, second, "--timestamp 0 twice gives one image");
    let o = e.hutch(&["run", "--rm", "a", "stat", "-c", "%Y", "/f", "/made"]);
    assert_eq!(o.ok().stdout, "0\n0\n", "the files carry the timestamp");
    assert_eq!(inspect(&e, "a", "{{.Created}}"), "1970-01-01T00:00:00Z");
    // COPY's history line names the content as Buildah does (`file:SHA256 in DEST `).
    let sum = std::process::Command::new("sha256sum").arg(dir.join("f")).output().unwrap();
    let sum = String::from_utf8_lossy(&sum.stdout).split_whitespace().next().unwrap_or("").to_string();
    let h = e.hutch(&["history", "--no-trunc", "--format", "{{.CreatedBy}}|", "a"]).ok().stdout.clone();
    assert!(h.contains(&format!("/bin/sh -c #(nop) COPY file:{sum} in /f |")), "{h}");
    // Without it, a second build is another image.
    let third = id(&["-q", "--no-cache", "-t", "c"]);
    assert_ne!(third, first);
}

#[test]
fn logfile_takes_everything_the_build_prints() {
    let e = Env::new("build-logfile");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN echo from-the-run-step; echo to-stderr >&2\n")]);
    let log = e.dir.join("build.log");
    let o = build(&e, &dir, &["--logfile", log.to_str().unwrap(), "-t", "logged"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "", ""), "nothing on the terminal");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("STEP 2/2: RUN echo from-the-run-step") && text.contains("from-the-run-step\n") && text.contains("to-stderr\n"), "{text}");
    let id = e.hutch(&["images", "-q", "--no-trunc", "logged"]).ok().stdout.trim().trim_start_matches("sha256:").to_string();
    assert!(text.ends_with(&format!("{id}\n")), "{text}");
}

#[test]
fn run_mounts_from_a_stage_and_a_seeded_cache() {
    let e = Env::new("build-mount-from");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", concat!(
        "FROM demo AS tools\n",
        "RUN mkdir -p /opt/tool && echo tool-v1 > /opt/tool/version\n",
        "FROM demo\n",
        "RUN --mount=type=bind,from=tools,source=/opt/tool,target=/t cat /t/version > /seen\n",
        "RUN --mount=type=cache,from=tools,source=/opt/tool,target=/c,id=seeded cat /c/version > /cached\n",
        "RUN --mount=type=bind,from=demo,target=/d test -x /d/bin/sh && echo image > /fromimage\n",
    ))]);
    build(&e, &dir, &["-t", "mounted"]).ok();
    let o = e.hutch(&["run", "--rm", "mounted", "sh", "-c", "cat /seen /cached /fromimage; test -e /t/version || echo not-kept"]);
    assert_eq!(o.ok().stdout, "tool-v1\ntool-v1\nimage\nnot-kept\n");
    // A second build hits the cache (the scratch tree's path is not in the key), and leaves no scratch.
    let again = build(&e, &dir, &[]).ok().stdout.clone();
    assert_eq!(again.matches("--> Using cache").count(), 4, "{again}");
    let tmp = e.data().join("tmp");
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0, "scratch trees removed");
    // rw: the step may write into the mount; its writes go with it (the context stays as it was).
    let rw = context(&e, "rw", &[
        ("Containerfile", "FROM demo\nRUN --mount=type=bind,source=sub,target=/s,rw echo more >> /s/f && cat /s/f > /after\nRUN --mount=type=bind,from=demo,source=/etc,target=/x,readwrite touch /x/new\n"),
        ("sub/f", "orig\n"),
    ]);
    build(&e, &rw, &["-t", "rw"]).ok();
    assert_eq!(e.hutch(&["run", "--rm", "rw", "cat", "/after"]).ok().stdout, "orig\nmore\n");
    assert_eq!(std::fs::read_to_string(rw.join("sub/f")).unwrap(), "orig\n", "the context is not written");
    let bad = context(&e, "bad", &[("Containerfile", "FROM demo\nRUN --mount=type=bind,from=demo,source=/nope,target=/x true\n")]);
    build(&e, &bad, &[]).code(125).stderr_has("/nope: no such file or directory in demo");
    assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0, "nothing left by the failure");
}

#[test]
fn a_git_repository_is_a_context() {
    let e = Env::new("build-git");
    e.demo();
    let repo = e.dir.join("repo");
    std::fs::create_dir_all(repo.join("app")).unwrap();
    std::fs::write(repo.join("app/Containerfile"), "FROM demo\nCOPY msg /msg\n").unwrap();
    std::fs::write(repo.join("app/msg"), "from git v1\n").unwrap();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git").args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main"])
            .args(args).current_dir(&repo).output().expect("git (dev/setup-host.sh installs it)");
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    git(&["tag", "v1"]);
    let first = git(&["rev-parse", "HEAD"]);
    std::fs::write(repo.join("app/msg"), "from git v2\n").unwrap();
    git(&["commit", "-q", "-am", "v2"]);
    // Bare, as a server holds it: file:///…/repo.git#REF:SUBDIR.
    let bare = e.dir.join("repo.git");
    assert!(std::process::Command::new("git").args(["clone", "-q", "--bare", repo.to_str().unwrap(), bare.to_str().unwrap()]).status().unwrap().success());
    let url = format!("file://{}", bare.display());
    for (reference, want) in [("main", "from git v2\n"), ("v1", "from git v1\n"), (first.as_str(), "from git v1\n")] {
        build(&e, Path::new(&format!("{url}#{reference}:app")), &["-q", "-t", "fromgit"]).ok();
        assert_eq!(e.hutch(&["run", "--rm", "fromgit", "cat", "/msg"]).ok().stdout, want, "#{reference}");
    }
    build(&e, Path::new(&format!("{url}#nosuchref:app")), &[]).code(125).stderr_has("#nosuchref: error: pathspec");
    build(&e, Path::new(&format!("{url}#main:nosuchdir")), &[]).code(125).stderr_has("no directory nosuchdir in the repository");
    assert_eq!(std::fs::read_dir(e.data().join("tmp")).map(|d| d.count()).unwrap_or(0), 0, "no clone left behind");
}

#[test]
fn secrets_from_a_file_and_from_the_environment() {
    let e = Env::new("build-secrets");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", concat!(
        "FROM demo\n",
        "RUN --mount=type=secret,id=file cat /run/secrets/file > /a\n",
        "RUN --mount=type=secret,id=tok,target=/tok cat /tok > /b\n",
        "RUN --mount=type=secret,id=absent test ! -e /run/secrets/absent && echo left-out > /c\n",
    ))]);
    let f = e.dir.join("s.txt");
    std::fs::write(&f, "from-file").unwrap();
    let o = e.cmd(&["build", "-q", "-t", "sec", "--secret", &format!("id=file,src={}", f.display()), "--secret", "id=tok,env=MY_TOKEN", dir.to_str().unwrap()])
        .env("MY_TOKEN", "from-env").stdin(std::process::Stdio::null()).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(e.hutch(&["run", "--rm", "sec", "cat", "/a", "/b", "/c"]).ok().stdout, "from-filefrom-envleft-out\n");
    // The secret's file is not in the image, and a required one that is missing stops the build.
    e.hutch(&["run", "--rm", "sec", "test", "!", "-e", "/run/secrets/file"]).ok();
    let req = context(&e, "req", &[("Containerfile", "FROM demo\nRUN --mount=type=secret,id=need,required cat /run/secrets/need\n")]);
    build(&e, &req, &[]).code(125).stderr_has("no secret `need` was given");
    build(&e, &req, &["--secret", "id=need,env=UNSET_VAR_XYZ"]).code(125).stderr_has("the environment variable UNSET_VAR_XYZ is not set");
}

#[test]
fn output_writes_the_built_files() {
    let e = Env::new("build-output");
    e.demo();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nRUN echo built > /made && rm /bin/true\n")]);
    let out = e.dir.join("out");
    build(&e, &dir, &["-q", "-o", out.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(out.join("made")).unwrap(), "built\n");
    assert!(out.join("bin/sh").exists() && !out.join("bin/true").exists(), "the whole tree, deletions applied");
    let tar = e.dir.join("out.tar");
    build(&e, &dir, &["-q", "--output", &format!("type=tar,dest={}", tar.display())]).ok();
    let list = |bytes: &[u8]| -> Vec<String> {
        let mut a = tar::Archive::new(bytes);
        a.entries().unwrap().map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned()).collect()
    };
    assert!(list(&std::fs::read(&tar).unwrap()).iter().any(|p| p == "made"));
    // `-o -`: the tarball on stdout, everything else on stderr.
    let o = e.cmd(&["build", "-o", "-", dir.to_str().unwrap()]).stdin(std::process::Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let names = list(&o.stdout);
    assert!(names.iter().any(|p| p == "made"), "{names:?}");
    assert!(stderr.contains("STEP 2/2: RUN"), "{stderr}");
    build(&e, &dir, &["-o", "type=registry,dest=x"]).code(125).stderr_has("type registry is not supported");
}

#[test]
fn build_contexts_name_directories_and_images() {
    let e = Env::new("build-contexts");
    e.demo();
    let extra = e.dir.join("extra");
    std::fs::create_dir_all(extra.join("sub")).unwrap();
    std::fs::write(extra.join("sub/cfg"), "v1\n").unwrap();
    let dir = context(&e, "ctx", &[("Containerfile", "FROM demo\nCOPY --from=conf sub/cfg /cfg\nCOPY --from=base /bin/busybox /bb\n")]);
    let args = |tag: &str| vec!["-q".to_string(), "-t".into(), tag.into(), "--build-context".into(), format!("conf={}", extra.display()),
        "--build-context".into(), "base=docker-image://demo".into()];
    let run = |tag: &str| {
        let a = args(tag);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        build(&e, &dir, &a).ok();
        e.hutch(&["run", "--rm", tag, "sh", "-c", "cat /cfg; test -x /bb && echo bb"]).ok().stdout.clone()
    };
    assert_eq!(run("one"), "v1\nbb\n");
    // A change in the named directory misses the cache from its COPY on.
    std::fs::write(extra.join("sub/cfg"), "v2, longer\n").unwrap();
    assert_eq!(run("two"), "v2, longer\nbb\n");
    build(&e, &dir, &["--build-context", "conf=https://example.com/x.tar"]).code(125).stderr_has("use a directory or docker-image://IMAGE");
    build(&e, &dir, &["--build-context", "nonsense"]).code(125).stderr_has("use NAME=DIR or NAME=docker-image://IMAGE");
}

#[test]
fn a_cache_in_a_registry_serves_another_machine_and_cache_ttl_limits_the_local_one() {
    let a = Env::new("build-cache-to");
    a.demo();
    let reg = Registry::start(&a, None);
    let base = format!("{}/base:1", reg.host());
    a.hutch(&["tag", "demo", &base]).ok();
    a.hutch(&["push", "--tls-verify=false", &base]).ok();
    let file = format!("FROM {base}\nRUN echo ran >> /marks/log; echo built > /built\nCOPY app.txt /\nCMD [\"cat\", \"/built\", \"/app.txt\"]\n");
    // One directory for both stores' RUN steps: a bind mount is part of a step's cache key.
    let marks = a.dir.join("marks");
    std::fs::create_dir_all(&marks).unwrap();
    let log = || std::fs::read_to_string(marks.join("log")).unwrap_or_default();
    let cache = format!("{}/cache", reg.host());
    let vol = format!("{}:/marks", marks.display());
    let dir_a = context(&a, "ctx", &[("Containerfile", &file), ("app.txt", "v1\n")]);
    let first = build(&a, &dir_a, &["--tls-verify=false", "--cache-to", &cache, "-v", &vol, "-t", "app"]);
    first.ok();
    assert_eq!(first.stdout.matches(&format!("--> Pushing cache [{cache}]:")).count(), 3, "{}", first.stdout);
    assert_eq!(log(), "ran\n");
    let id = first.stdout.lines().last().unwrap().to_string();

    // Another store (another CI runner): the steps come from the registry, nothing runs.
    let b = Env::new("build-cache-from");
    let dir_b = context(&b, "ctx", &[("Containerfile", &file), ("app.txt", "v1\n")]);
    let pulled = build(&b, &dir_b, &["--tls-verify=false", "--cache-from", &cache, "-v", &vol, "-t", "app"]);
    pulled.ok();
    assert_eq!(pulled.stdout.matches(&format!("--> Cache pulled from remote {cache}:")).count(), 3, "{}", pulled.stdout);
    assert_eq!(log(), "ran\n", "a RUN served from the registry ran");
    assert_eq!(pulled.stdout.lines().last().unwrap(), id, "the same image");
    assert_eq!(b.hutch(&["run", "--rm", "app"]).ok().stdout, "built\nv1\n");
    // The pulled steps are local cache entries now, and not named images.
    let again = build(&b, &dir_b, &["--tls-verify=false", "-v", &vol, "-t", "app"]);
    assert_eq!(again.ok().stdout.matches("--> Using cache ").count(), 3, "{}", again.stdout);
    assert!(!b.hutch(&["images", "--format", "{{.Repository}}"]).ok().stdout.contains("/cache"));
    // A changed file misses from its COPY on: that step runs here.
    std::fs::write(dir_b.join("app.txt"), "v2\n").unwrap();
    let changed = build(&b, &dir_b, &["--tls-verify=false", "--cache-from", &cache, "-v", &vol, "-t", "app"]);
    assert_eq!(changed.ok().stdout.matches("--> Using cache ").count(), 1, "{}", changed.stdout);
    assert_eq!(b.hutch(&["run", "--rm", "app"]).ok().stdout, "built\nv2\n");
    assert_eq!(log(), "ran\n");

    // --cache-ttl: a young cache is used; 0 uses none.
    let young = build(&a, &dir_a, &["--cache-ttl", "1h", "-v", &vol, "-t", "app"]);
    assert_eq!(young.ok().stdout.matches("--> Using cache ").count(), 3, "{}", young.stdout);
    build(&a, &dir_a, &["--cache-ttl=0", "-v", &vol, "-t", "app"]).ok();
    assert_eq!(log(), "ran\nran\n", "--cache-ttl=0 runs every step");
    // Bad values: clear errors, exit 125.
    build(&a, &dir_a, &["--cache-ttl", "soon"]).code(125).stderr_has("--cache-ttl soon: not a duration");
    build(&a, &dir_a, &["--cache-to", &format!("{cache}:v1")]).code(125).stderr_has("name a repository without a tag");
}

/// A static program that asks the agent at $SSH_AUTH_SOCK for its identities and prints
/// their comments (the agent protocol's REQUEST_IDENTITIES, 11; the answer is 12).
const AGENT_LIST_C: &str = r#"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
static unsigned be32(const unsigned char *p) { return (p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
static int readn(int fd, unsigned char *b, unsigned n) { unsigned g = 0; while (g < n) { int r = read(fd, b + g, n - g); if (r <= 0) return -1; g += r; } return 0; }
int main(void) {
  const char *path = getenv("SSH_AUTH_SOCK");
  if (!path) { puts("no SSH_AUTH_SOCK"); return 2; }
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = { .sun_family = AF_UNIX };
  strncpy(a.sun_path, path, sizeof a.sun_path - 1);
  if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 3; }
  unsigned char req[5] = {0, 0, 0, 1, 11};
  write(s, req, 5);
  unsigned char h[4];
  if (readn(s, h, 4)) return 4;
  unsigned len = be32(h);
  unsigned char *m = malloc(len);
  if (readn(s, m, len) || m[0] != 12) return 5;
  unsigned n = be32(m + 1), off = 5;
  printf("keys=%u\n", n);
  for (unsigned i = 0; i < n; i++) {
    off += 4 + be32(m + off);
    unsigned cl = be32(m + off);
    printf("%.*s\n", (int)cl, m + off + 4);
    off += 4 + cl;
  }
  return 0;
}
"#;

#[test]
fn ssh_agents_and_keys_reach_run_steps_and_nothing_of_them_the_image() {
    let e = Env::new("build-ssh");
    e.demo();
    let dir = context(&e, "ctx", &[
        ("Containerfile", "FROM demo\nRUN --mount=type=bind,target=/h --mount=type=ssh sh -c '/h/agent-list > /keys; echo $SSH_AUTH_SOCK >> /keys'\n\
            USER 1000\nRUN --mount=type=bind,target=/h --mount=type=ssh,id=git,uid=1000,target=/tmp/agent /h/agent-list > /tmp/user-keys\n\
            USER 0\nCMD [\"cat\", \"/keys\", \"/tmp/user-keys\"]\n"),
        ("agent-list.c", AGENT_LIST_C),
    ]);
    let ok = std::process::Command::new("cc").args(["-static", "-O2", "-o"]).arg(dir.join("agent-list")).arg(dir.join("agent-list.c")).status().is_ok_and(|s| s.success());
    if !ok {
        skip("no C compiler with a static libc (gcc, libc6-dev) to build the agent helper");
        return;
    }
    let key = e.dir.join("id_test");
    let made = std::process::Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "hutch-test-key", "-f"]).arg(&key).status();
    if !made.is_ok_and(|s| s.success()) {
        skip("no ssh-keygen (Debian's openssh-client)");
        return;
    }
    // An agent of the test's own for `default`; key files for `git` (an agent of the build's).
    let sock = e.dir.join("agent.sock");
    let mut agent = std::process::Command::new("ssh-agent").arg("-D").arg("-a").arg(&sock).stdout(std::process::Stdio::null()).spawn().unwrap();
    assert!(wait_for(5, || sock.exists()));
    let key2 = e.dir.join("id_other");
    std::process::Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "from-the-agent", "-f"]).arg(&key2).status().unwrap();
    assert!(std::process::Command::new("ssh-add").arg(&key2).env("SSH_AUTH_SOCK", &sock).stderr(std::process::Stdio::null()).status().unwrap().success());
    let o = Out::from(e.cmd(&["build", "-t", "ssh", "--ssh", "default", "--ssh", &format!("git={}", key.display()), dir.to_str().unwrap()])
        .env("SSH_AUTH_SOCK", &sock).output().unwrap());
    let _ = agent.kill();
    let _ = agent.wait();
    o.ok();
    assert_eq!(e.hutch(&["run", "--rm", "ssh"]).ok().stdout, "keys=1\nfrom-the-agent\n/run/buildkit/ssh_agent.0\nkeys=1\nhutch-test-key\n");
    // Nothing of the agent is left in the image: no socket, no mount point.
    e.hutch(&["run", "--rm", "ssh", "sh", "-c", "test ! -e /run/buildkit && test ! -e /tmp/agent"]).ok();
    // required=true without --ssh: the step says what to add.
    let dir2 = context(&e, "ctx2", &[("Containerfile", "FROM demo\nRUN --mount=type=ssh,required=true true\n")]);
    build(&e, &dir2, &[]).code(125).stderr_has("no SSH agent `default` was given: add --ssh default");
    // An optional agent that is not given: the step runs without it.
    std::fs::write(dir2.join("Containerfile"), "FROM demo\nRUN --mount=type=ssh sh -c 'test -z \"$SSH_AUTH_SOCK\"'\n").unwrap();
    build(&e, &dir2, &[]).ok();
    build(&e, &dir2, &["--ssh", "k=/nonexistent/key"]).code(125).stderr_has("--ssh k=/nonexistent/key: /nonexistent/key");
}
