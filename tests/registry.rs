//! pull, push, login against a real registry (Debian's docker-registry on loopback),
//! including tampered and hostile images.

mod common;
use common::registry::*;
use common::*;

const NO_TLS: &str = "--tls-verify=false";

/// `find` over a store's layers, run inside the user namespace so every file is readable.
fn layer_listing(e: &Env) -> String {
    let layers = e.data().join("layers");
    let o = e.hutch(&["unshare", "sh", "-c", &format!("cd {} && find . -path '*/diff*' -printf '%P %U:%G %m %s %y %l\\n' | sort", layers.display())]);
    o.ok();
    o.stdout.clone()
}

fn busybox_layer() -> Vec<u8> {
    layer(|b| busybox_tree(b))
}

#[test]
fn push_then_pull_into_an_empty_store_gives_the_same_tree() {
    let a = Env::new("push");
    a.demo();
    let reg = Registry::start(&a, None);
    let name = format!("{}/demo:1.0", reg.host());
    a.hutch(&["tag", "demo", &name]).ok();
    a.hutch(&["push", NO_TLS, &name]).ok().stderr_has("Writing manifest to image destination");
    // Pushing again uploads nothing new.
    a.hutch(&["push", NO_TLS, &name]).ok().stderr_has("skipped: already exists");

    let b = Env::new("pull");
    let o = b.hutch(&["pull", NO_TLS, &name]);
    o.ok().stderr_has("Trying to pull").stderr_has("Copying blob");
    let id = o.stdout.trim().to_string();
    assert_eq!(a.hutch(&["images", "-q", "--no-trunc"]).stdout.trim(), format!("sha256:{id}"));
    assert_eq!(layer_listing(&a), layer_listing(&b), "the pulled layer differs from the pushed one");
    b.hutch(&["run", "--rm", &name, "echo", "pulled"]).ok().stdout_has("pulled");
    let blobs = |e: &Env| std::fs::read_dir(e.data().join("blobs/sha256")).map(|d| d.count()).unwrap_or(0);
    assert!(blobs(&b) >= 3, "config, manifest and layer blobs are kept");
    // A second pull fetches no layer again.
    b.hutch(&["pull", NO_TLS, &name]).ok().stderr_has("skipped: already exists");
    // rmi leaves no blob or layer behind.
    b.hutch(&["rmi", &name]).ok();
    assert_eq!(blobs(&b), 0, "rmi left blobs");
    assert_eq!(std::fs::read_dir(b.data().join("layers")).unwrap().count(), 0);

    // Interop: skopeo reads what hutch pushed.
    if std::path::Path::new("/usr/bin/skopeo").exists() {
        let out = skopeo(&b).args(["inspect", "--tls-verify=false", &format!("docker://{name}")]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("\"Layers\""));
    }
}

#[test]
fn push_formats_and_pull_all_tags() {
    let a = Env::new("push-formats");
    a.demo();
    let reg = Registry::start(&a, None);
    let repo = format!("{}/multi", reg.host());
    let media = |tag: &str| -> String {
        let out = skopeo(&a).args(["inspect", "--raw", "--tls-verify=false", &format!("docker://{repo}:{tag}")]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["mediaType"].as_str().unwrap_or("").to_string()
    };
    a.hutch(&["push", "-q", NO_TLS, "--format", "v2s2", "demo", &format!("{repo}:docker")]).ok();
    a.hutch(&["push", "-q", NO_TLS, "-f", "oci", "--compression-format", "gzip", "--remove-signatures", "--compress", "--disable-content-trust",
        "demo", &format!("{repo}:oci")]).ok();
    if std::path::Path::new("/usr/bin/skopeo").exists() {
        assert_eq!(media("docker"), "application/vnd.docker.distribution.manifest.v2+json");
        assert_eq!(media("oci"), "application/vnd.oci.image.manifest.v1+json");
    } else {
        skip("skopeo missing: the pushed manifests' types are not checked");
    }
    let digest = a.dir.join("digest");
    a.hutch(&["push", "-q", NO_TLS, "--format=v2s2", "--digestfile", digest.to_str().unwrap(), "demo", &format!("{repo}:docker2")]).ok();
    let d = std::fs::read_to_string(&digest).unwrap();
    assert!(d.starts_with("sha256:") && d.len() == 71, "{d}");
    a.hutch(&["push", NO_TLS, "--format", "v2s1", "demo", &format!("{repo}:old")]).code(125).stderr_has("--format v2s1: Docker schema 1 is deprecated");
    a.hutch(&["push", NO_TLS, "--compression-format", "zstd", "demo", &format!("{repo}:z")]).code(125).stderr_has("recompressing to zstd is not supported");
    a.hutch(&["push", NO_TLS, "--sign-by", "me@example.com", "demo", &format!("{repo}:s")]).code(125).stderr_has("Error: creating signature: signing with key me@example.com: ");

    // pull --all-tags: every tag, one id a line (the same image under three tags).
    let b = Env::new("pull-all-tags");
    let o = b.hutch(&["pull", "-q", NO_TLS, "--all-tags", &repo]);
    let ids: Vec<&str> = o.ok().stdout.lines().collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    let mut names: Vec<String> = b.hutch(&["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout.lines().map(String::from).collect();
    names.sort();
    assert_eq!(names, [format!("{repo}:docker"), format!("{repo}:docker2"), format!("{repo}:oci")]);
    b.hutch(&["pull", NO_TLS, "-a", &format!("{repo}:oci")]).code(125).stderr_has("tag can't be used with --all-tags/-a");
    b.hutch(&["pull", NO_TLS, "--os", "windows", &repo]).code(125).stderr_has("--os windows: this host runs linux images only");
}

#[test]
fn skopeo_pushed_images_pull_and_run() {
    if !std::path::Path::new("/usr/bin/skopeo").exists() {
        return skip("skopeo missing");
    }
    let e = Env::new("skopeo");
    let reg = Registry::start(&e, None);
    // skopeo copies a docker-archive made from our busybox tarball into the registry.
    let oci = e.dir.join("oci");
    let l = busybox_layer();
    std::fs::create_dir_all(oci.join("blobs/sha256")).unwrap();
    let gz = gzip(&l);
    let put = |bytes: &[u8]| {
        let d = sha(bytes);
        std::fs::write(oci.join("blobs/sha256").join(d.trim_start_matches("sha256:")), bytes).unwrap();
        d
    };
    let ld = put(&gz);
    let cfg = serde_json::to_vec(&serde_json::json!({"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":[sha(&l)]}})).unwrap();
    let cd = put(&cfg);
    let m = serde_json::to_vec(&serde_json::json!({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
        "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":cd,"size":cfg.len()},
        "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":ld,"size":gz.len()}]})).unwrap();
    let md = put(&m);
    std::fs::write(oci.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    std::fs::write(oci.join("index.json"), serde_json::to_vec(&serde_json::json!({"schemaVersion":2,"manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":md,"size":m.len(),"annotations":{"org.opencontainers.image.ref.name":"v1"}}]})).unwrap()).unwrap();
    let dest = format!("docker://{}/fromskopeo:v1", reg.host());
    let out = skopeo(&e).args(["--insecure-policy", "copy", "--dest-tls-verify=false", &format!("oci:{}:v1", oci.display()), &dest]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    e.hutch(&["pull", "-q", NO_TLS, &format!("{}/fromskopeo:v1", reg.host())]).ok();
    e.hutch(&["run", "--rm", &format!("{}/fromskopeo:v1", reg.host()), "echo", "ok"]).ok().stdout_has("ok");
}

#[test]
fn whiteouts_hardlinks_symlinks_and_setuid_survive_a_pull() {
    let e = Env::new("layers");
    let reg = Registry::start(&e, None);
    let l1 = layer(|b| {
        busybox_tree(b);
        add_dir(b, "data", 0o755, 0);
        add_file(b, "data/keep", 0o644, 0, b"keep");
        add_file(b, "data/gone", 0o644, 0, b"gone");
        add_dir(b, "opq", 0o755, 0);
        add_file(b, "opq/lower", 0o644, 0, b"lower");
        add_file(b, "data/suid", 0o4755, 0, b"#!/bin/sh\n");
        add_file(b, "data/owned", 0o600, 1234, b"x");
    });
    let l2 = layer(|b| {
        add_file(b, "data/.wh.gone", 0o644, 0, b"");
        add_dir(b, "opq", 0o755, 0);
        add_file(b, "opq/.wh..wh..opq", 0o644, 0, b"");
        add_file(b, "opq/upper", 0o644, 0, b"upper");
        add_file(b, "data/orig", 0o644, 0, b"linked");
        add_hardlink(b, "data/hard", "data/orig");
        add_symlink(b, "data/abs", "/data/keep");
    });
    upload_image(&reg.host(), "layered", "v1", &[l1, l2], None, &["sh"]);
    let name = format!("{}/layered:v1", reg.host());
    e.hutch(&["pull", "-q", NO_TLS, &name]).ok();
    let o = e.hutch(&["run", "--rm", &name, "sh", "-c", "ls /data; echo --; ls /opq; echo --; stat -c '%a %h' /data/suid /data/hard; cat /data/abs; echo; stat -c %u /data/owned"]);
    let expected_owner = if subuid_range().is_some() { "1234" } else { "0" };
    assert_eq!(o.ok().stdout, format!("abs\nhard\nkeep\norig\nowned\nsuid\n--\nupper\n--\n4755 1\n644 2\nkeep\n{expected_owner}\n"));
    // Pushed back with hutch and pulled into an empty store: the same unpacked trees.
    let again = format!("{}/layered-again:v1", reg.host());
    e.hutch(&["push", "-q", NO_TLS, &name, &again]).ok();
    let f = Env::new("layers2");
    f.hutch(&["pull", "-q", NO_TLS, &again]).ok();
    assert_eq!(layer_listing(&e), layer_listing(&f));
}

fn assert_clean(e: &Env) {
    assert_eq!(e.hutch(&["images", "-q"]).stdout, "", "an image was recorded");
    for d in ["layers", "tmp"] {
        let n = std::fs::read_dir(e.data().join(d)).map(|r| r.count()).unwrap_or(0);
        assert_eq!(n, 0, "{d}/ keeps leftovers");
    }
}

#[test]
fn tampered_truncated_and_mislabelled_blobs_are_refused() {
    let e = Env::new("tamper");
    let reg = Registry::start(&e, None);
    let host = reg.host();

    // A layer whose bytes were changed in the registry's storage: same size, other content.
    let c = upload_image(&host, "tampered", "v1", &[busybox_layer()], None, &["sh"]);
    let f = reg.blob_file(&c.layer_digests[0]);
    let mut bytes = std::fs::read(&f).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&f, &bytes).unwrap();
    e.hutch(&["pull", NO_TLS, &format!("{host}/tampered:v1")]).code(125).stderr_has("failed verification").stderr_has(&c.layer_digests[0]);
    assert_clean(&e);

    // A blob cut short.
    let c = upload_image(&host, "short", "v1", &[layer(|b| add_file(b, "x", 0o644, 0, &vec![7u8; 100_000]))], None, &["sh"]);
    let f = reg.blob_file(&c.layer_digests[0]);
    let bytes = std::fs::read(&f).unwrap();
    std::fs::write(&f, &bytes[..bytes.len() / 2]).unwrap();
    let o = e.hutch(&["pull", NO_TLS, &format!("{host}/short:v1")]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("bytes, but the manifest states") || o.stderr.contains("failed verification") || o.stderr.contains("downloading blob"), "{}", o.stderr);
    assert_clean(&e);

    // A config whose diff_id does not match the layer's content.
    let wrong = vec![format!("sha256:{}", "0".repeat(64))];
    // (a layer of its own: the registry shares blobs between repositories, and the first
    // case tampered with the busybox one)
    upload_image(&host, "diffid", "v1", &[layer(|b| add_file(b, "d", 0o644, 0, b"diff"))], Some(wrong), &["sh"]);
    e.hutch(&["pull", NO_TLS, &format!("{host}/diffid:v1")]).code(125).stderr_has("uncompressed content hashes to");
    assert_clean(&e);

    // A manifest changed in storage, pulled by its digest.
    let c = upload_image(&host, "mdigest", "v1", &[layer(|b| add_file(b, "y", 0o644, 0, b"y"))], None, &["sh"]);
    let f = reg.blob_file(&c.manifest_digest);
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replacen("{", "{ ", 1)).unwrap();
    e.hutch(&["pull", NO_TLS, &format!("{host}/mdigest@{}", c.manifest_digest)]).code(125).stderr_has("manifest digest mismatch");
    assert_clean(&e);
}

#[test]
fn hostile_layers_from_a_registry_are_refused() {
    let e = Env::new("hostilepull");
    let reg = Registry::start(&e, None);
    let host = reg.host();
    let dotdot = layer(|b| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(1);
        h.set_mode(0o644);
        let name = b"../../evil";
        h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
        h.set_cksum();
        b.append(&h, &b"x"[..]).unwrap();
    });
    let hard = layer(|b| add_hardlink(b, "passwd", "../../../../../etc/passwd"));
    let outside = e.dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let through = layer(|b| {
        add_symlink(b, "link", outside.to_str().unwrap());
        add_file(b, "link/planted", 0o644, 0, b"gotcha");
    });
    let mut junk = busybox_layer();
    junk.truncate(junk.len() / 3);
    for (repo, l, msg) in [("dotdot", dotdot, "outside the layer"), ("hard", hard, "outside the layer"), ("through", through, "symlink"), ("short", junk, "not a valid tar")] {
        upload_image(&host, repo, "v1", &[l], None, &["sh"]);
        e.hutch(&["pull", NO_TLS, &format!("{host}/{repo}:v1")]).code(125).stderr_has(msg);
        assert_clean(&e);
    }
    // Not a tar at all.
    let d = put_blob(&host, "junk", &gzip(&[b'j'; 4096]), None);
    let _ = d;
    upload_image(&host, "junk", "v1", &[vec![b'j'; 4096]], None, &["sh"]);
    e.hutch(&["pull", NO_TLS, &format!("{host}/junk:v1")]).code(125).stderr_has("not a valid tar");
    assert!(!e.dir.join("evil").exists());
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "an entry escaped through a symlink");
    assert_clean(&e);
}

#[test]
fn manifest_lists_choose_the_host_platform_or_say_what_they_have() {
    let e = Env::new("index");
    let reg = Registry::start(&e, None);
    let host = reg.host();
    let c = upload_image(&host, "multi", "single", &[busybox_layer()], None, &["sh"]);
    let msize = std::fs::metadata(reg.blob_file(&c.manifest_digest)).unwrap().len();
    upload_index(&host, "multi", "foreign", &[(&c.manifest_digest, msize, "s390x"), (&c.manifest_digest, msize, "riscv64")]);
    e.hutch(&["pull", NO_TLS, &format!("{host}/multi:foreign")]).code(125)
        .stderr_has("no image found in the manifest list for platform linux/").stderr_has("linux/s390x, linux/riscv64");
    upload_index(&host, "multi", "ours", &[(&c.manifest_digest, msize, "s390x"), (&c.manifest_digest, msize, "amd64")]);
    e.hutch(&["pull", "-q", NO_TLS, &format!("{host}/multi:ours")]).ok();
    e.hutch(&["pull", "-q", NO_TLS, "--platform", "linux/s390x", &format!("{host}/multi:foreign")]).ok();
    e.hutch(&["pull", NO_TLS, "--platform", "nonsense", &format!("{host}/multi:ours")]).code(125).stderr_has("invalid --platform");
}

#[test]
fn a_registry_that_hangs_fails_in_bounded_time() {
    let e = Env::new("hang");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s); // accept and never answer
        }
    });
    let start = std::time::Instant::now();
    let o = e.cmd(&["pull", NO_TLS, &format!("127.0.0.1:{port}/x:1")]).env("HUTCH_REGISTRY_TIMEOUT", "2")
        .stdin(std::process::Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(125), "{err}");
    assert!(err.contains("timed out"), "{err}");
    assert!(start.elapsed() < std::time::Duration::from_secs(30), "took {:?}", start.elapsed());
}

#[test]
fn basic_auth_login_pull_and_logout() {
    let e = Env::new("auth");
    e.demo();
    let reg = Registry::start(&e, Some(("alice", "s3cret")));
    let host = reg.host();
    let name = format!("{host}/private:1");
    e.hutch(&["tag", "demo", &name]).ok();
    e.hutch(&["push", NO_TLS, &name]).code(125).stderr_has("authentication required").stderr_has(&format!("hutch login {host}"));
    e.hutch(&["login", NO_TLS, "-u", "alice", "-p", "wrong", &host]).code(125).stderr_has("invalid username or password");
    e.hutch(&["login", NO_TLS, "--get-login", &host]).code(125).stderr_has(&format!("not logged into {host}"));
    let authfile = e.run.join("containers/auth.json");
    let o = e.hutch(&["login", NO_TLS, "-v", "-u", "alice", "-p", "s3cret", &host]);
    assert_eq!(o.ok().stdout, format!("Used: {}\nLogin Succeeded!\n", authfile.display()));
    assert_eq!(e.hutch(&["login", "--get-login", &host]).ok().stdout, "alice\n");
    let text = std::fs::read_to_string(&authfile).expect("login writes $XDG_RUNTIME_DIR/containers/auth.json");
    assert!(text.contains(&host));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&authfile).unwrap().permissions().mode() & 0o777, 0o600);
    e.hutch(&["push", "-q", NO_TLS, &name]).ok();
    let f = Env::new("auth2");
    f.hutch(&["pull", NO_TLS, &name]).code(125).stderr_has("authentication required");
    f.hutch(&["pull", "-q", NO_TLS, "--creds", "alice:s3cret", &name]).ok();
    // --authfile and --password-stdin
    let af = f.dir.join("my-auth.json");
    f.hutch_stdin(&["login", NO_TLS, "--authfile", af.to_str().unwrap(), "-u", "alice", "--password-stdin", &host], b"s3cret\n").ok();
    f.hutch(&["rmi", "-a"]).ok();
    f.hutch(&["pull", "-q", NO_TLS, "--authfile", af.to_str().unwrap(), &name]).ok();
    e.hutch(&["logout", &host]).ok().stdout_has(&format!("Removed login credentials for {host}"));
    e.hutch(&["logout", &host]).code(125).stderr_has("not logged into");
    e.hutch(&["login", NO_TLS, "-u", "alice", &host]).code(125).stderr_has("password is required");
}

#[test]
fn concurrent_pulls_of_one_image_both_succeed_and_store_it_once() {
    let e = Env::new("concurrent");
    let reg = Registry::start(&e, None);
    upload_image(&reg.host(), "same", "v1", &[busybox_layer(), layer(|b| add_file(b, "more", 0o644, 0, &vec![1u8; 3_000_000]))], None, &["sh"]);
    let name = format!("{}/same:v1", reg.host());
    let kids: Vec<_> = (0..2).map(|_| e.cmd(&["pull", "-q", NO_TLS, &name]).stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()).collect();
    for k in kids {
        let o = k.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 1);
    assert_eq!(std::fs::read_dir(e.data().join("layers")).unwrap().count(), 2);
    e.hutch(&["run", "--rm", &name, "true"]).ok();
}

#[test]
fn a_killed_pull_leaves_no_half_image() {
    let e = Env::new("killpull");
    let reg = Registry::start(&e, None);
    // A large incompressible layer, so the pull is still running when killed.
    let mut big = vec![0u8; 40_000_000];
    let mut x: u64 = 0x9e3779b97f4a7c15;
    for b in big.iter_mut() {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        *b = x as u8;
    }
    upload_image(&reg.host(), "big", "v1", &[busybox_layer(), layer(|b| add_file(b, "big", 0o644, 0, &big))], None, &["sh"]);
    let name = format!("{}/big:v1", reg.host());
    // Killed while its download is under way (its staging directory has something in it):
    // nothing is recorded. A pull that finished first is tried again, so the assertion is
    // never skipped.
    let tmp = e.data().join("tmp");
    let staging = || std::fs::read_dir(&tmp).map(|d| d.flatten().next().is_some()).unwrap_or(false);
    let mut killed_midway = false;
    for _ in 0..5 {
        let mut k = e.cmd(&["pull", "-q", NO_TLS, &name]).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
        while !staging() && k.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_micros(500));
        }
        k.kill().unwrap();
        if !k.wait().unwrap().success() {
            killed_midway = true;
            break;
        }
        e.hutch(&["rmi", &name]).ok();
    }
    assert!(killed_midway, "the pull always finished before it could be killed");
    assert_eq!(e.hutch(&["images", "-q"]).stdout, "", "a killed pull recorded an image");
    e.hutch(&["pull", "-q", NO_TLS, &name]).ok();
    let left: Vec<_> = std::fs::read_dir(e.data().join("tmp")).unwrap().flatten().map(|d| d.file_name()).collect();
    assert!(left.is_empty(), "{left:?}");
    e.hutch(&["run", "--rm", &name, "sh", "-c", "test -s /big"]).ok();
}

#[test]
fn run_pulls_missing_images_and_short_names_resolve_through_registries_conf() {
    let e = Env::new("runpull");
    let reg = Registry::start(&e, None);
    upload_image(&reg.host(), "tool", "latest", &[busybox_layer()], None, &["echo", "from the registry"]);
    let name = format!("{}/tool", reg.host());
    e.hutch(&["run", "--rm", "--pull=never", &name]).code(125).stderr_has("image not known");
    e.hutch(&["run", "--rm", "-q", NO_TLS, &name]).ok().stdout_has("from the registry");
    // Short names: no search registries configured → a clear error naming the fix.
    let conf_dir = e.home.join(".config/containers");
    std::fs::create_dir_all(&conf_dir).unwrap();
    std::fs::write(conf_dir.join("registries.conf"), "unqualified-search-registries = []\n").unwrap();
    e.hutch(&["pull", "tool"]).code(125).stderr_has("no unqualified-search registries are defined");
    std::fs::write(conf_dir.join("registries.conf"), format!(
        "unqualified-search-registries = [\"{h}\"]\n[[registry]]\nlocation = \"{h}\"\ninsecure = true\n[aliases]\n\"aliased\" = \"{h}/tool\"\n", h = reg.host())).unwrap();
    e.hutch(&["pull", "-q", "tool"]).ok();
    e.hutch(&["pull", "-q", "aliased:latest"]).ok();
    e.hutch(&["pull", "Bad/Name"]).code(125).stderr_has("must be lowercase");
    // `push tool` resolves to the stored name, whose registry registries.conf marks insecure.
    e.hutch(&["push", "-q", "tool"]).ok();
    e.hutch(&["push", "nothere"]).code(125).stderr_has("image not known");
    e.hutch(&["tag", "tool", "mine"]).ok();
    e.hutch(&["push", "mine"]).code(125).stderr_has("tag it for a registry first");
}

#[test]
fn tls_registries_need_a_trusted_ca_or_tls_verify_false() {
    let e = Env::new("tls");
    e.demo();
    let reg = Registry::start_with(&e, None, true, "");
    let name = format!("{}/secure:1", reg.host());
    e.hutch(&["tag", "demo", &name]).ok();
    e.hutch(&["push", &name]).code(125).stderr_has("not trusted").stderr_has("certs.d");
    // --tls-verify=false: TLS without verification.
    e.hutch(&["push", "-q", NO_TLS, &name]).ok();
    // Podman's per-registry CA directory makes it trusted.
    let certs = e.home.join(".config/containers/certs.d").join(reg.host());
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(reg.dir.join("ca.pem"), certs.join("ca.crt")).unwrap();
    let f = Env::new("tls2");
    let fcerts = f.home.join(".config/containers/certs.d").join(reg.host());
    std::fs::create_dir_all(&fcerts).unwrap();
    std::fs::copy(reg.dir.join("ca.pem"), fcerts.join("ca.crt")).unwrap();
    f.hutch(&["pull", "-q", &name]).ok();
    f.hutch(&["run", "--rm", &name, "true"]).ok();
    // --cert-dir: the same, from a directory named on the command line.
    let g = Env::new("tls3");
    let dir = g.dir.join("my-certs");
    std::fs::create_dir_all(&dir).unwrap();
    g.hutch(&["pull", "-q", "--cert-dir", dir.to_str().unwrap(), &name]).code(125).stderr_has("not trusted");
    std::fs::copy(reg.dir.join("ca.pem"), dir.join("ca.crt")).unwrap();
    g.hutch(&["pull", "-q", "--cert-dir", dir.to_str().unwrap(), &name]).ok();
    // A client certificate without its key is refused by name.
    std::fs::copy(reg.dir.join("ca.pem"), dir.join("client.cert")).unwrap();
    g.hutch(&["pull", "-q", "--cert-dir", dir.to_str().unwrap(), &name]).code(125).stderr_has("missing key").stderr_has("client.key");
    g.hutch(&["pull", "-q", "--cert-dir", "/nonexistent/certs", &name]).code(125).stderr_has("--cert-dir /nonexistent/certs: not a directory");
}

#[test]
fn bearer_token_auth_through_the_registrys_token_service() {
    let e = Env::new("token");
    e.demo();
    let tokens = common::token::TokenServer::start(&e.dir, "alice", "s3cret");
    let reg = Registry::start_with(&e, None, false, &tokens.registry_config());
    let name = format!("{}/tokened:1", reg.host());
    e.hutch(&["tag", "demo", &name]).ok();
    e.hutch(&["push", NO_TLS, &name]).code(125).stderr_has("authentication required");
    e.hutch(&["login", NO_TLS, "-u", "alice", "-p", "nope", &reg.host()]).code(125).stderr_has("invalid username or password");
    e.hutch(&["login", NO_TLS, "-u", "alice", "-p", "s3cret", &reg.host()]).ok().stdout_has("Login Succeeded!");
    e.hutch(&["push", "-q", NO_TLS, &name]).ok();
    let f = Env::new("token2");
    f.hutch(&["pull", NO_TLS, &name]).code(125).stderr_has("authentication required");
    f.hutch(&["pull", "-q", NO_TLS, "--creds", "alice:s3cret", &name]).ok();
    f.hutch(&["run", "--rm", &name, "echo", "token ok"]).ok().stdout_has("token ok");
}

/// A valid zstd frame made of raw (uncompressed) blocks.
fn zstd_raw(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x28, 0xb5, 0x2f, 0xfd, 0xe0]; // magic; single segment, 8-byte content size
    out.extend_from_slice(&(data.len() as u64).to_le_bytes());
    let chunks: Vec<&[u8]> = data.chunks(128 * 1024).collect();
    for (i, c) in chunks.iter().enumerate() {
        let last = (i + 1 == chunks.len()) as u32;
        let h = ((c.len() as u32) << 3) | last; // block type 0: raw
        out.extend_from_slice(&h.to_le_bytes()[..3]);
        out.extend_from_slice(c);
    }
    out
}

#[test]
fn zstd_and_uncompressed_layers_pull() {
    let e = Env::new("zstd");
    let reg = Registry::start(&e, None);
    let host = reg.host();
    let base = busybox_layer();
    let extra = layer(|b| add_file(b, "zstd-was-here", 0o644, 0, b"yes"));
    let z = zstd_raw(&base);
    let zd = put_blob(&host, "zstd", &z, None);
    let ed = put_blob(&host, "zstd", &extra, None);
    let cfg = serde_json::to_vec(&serde_json::json!({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["cat", "/zstd-was-here"]},
        "rootfs": {"type": "layers", "diff_ids": [sha(&base), sha(&extra)]}})).unwrap();
    let cd = put_blob(&host, "zstd", &cfg, None);
    let m = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cfg.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+zstd", "digest": zd, "size": z.len()},
                   {"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": ed, "size": extra.len()}]});
    ureq::put(&format!("http://{host}/v2/zstd/manifests/v1")).set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .send_bytes(&serde_json::to_vec(&m).unwrap()).unwrap();
    let name = format!("{host}/zstd:v1");
    e.hutch(&["pull", "-q", NO_TLS, &name]).ok();
    e.hutch(&["run", "--rm", &name]).ok().stdout_has("yes");
}

#[test]
fn enforcing_short_names_with_several_candidates_are_refused_without_prompting() {
    let e = Env::new("enforcing");
    let conf = e.home.join(".config/containers/registries.conf");
    std::fs::write(&conf, "unqualified-search-registries = [\"127.0.0.1:1\", \"127.0.0.1:2\"]\nshort-name-mode = \"enforcing\"\n").unwrap();
    e.hutch(&["pull", "thing"]).code(125).stderr_has("is ambiguous").stderr_has("127.0.0.1:1/thing:latest or 127.0.0.1:2/thing:latest");
    std::fs::write(&conf, "unqualified-search-registries = [\"127.0.0.1:1\", \"127.0.0.1:2\"]\nshort-name-mode = \"permissive\"\n").unwrap();
    // Permissive: every candidate is tried, and the error lists each.
    e.cmd(&["pull", "thing"]).env("HUTCH_REGISTRY_TIMEOUT", "2").output().map(|o| {
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(125));
        assert!(err.contains("tried 2") && err.contains("127.0.0.1:1/thing") && err.contains("127.0.0.1:2/thing"), "{err}");
    }).unwrap();
}

/// A proxy that answers the first `failures` requests with 503 (Retry-After: 1), then
/// forwards everything to `target`.
fn flaky_proxy(target: u16, failures: usize) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = seen.clone();
    std::thread::spawn(move || {
        for client in l.incoming().flatten() {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if n < failures {
                let mut c = client;
                let mut buf = [0u8; 4096];
                let _ = c.read(&mut buf);
                let _ = c.write_all(b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                continue;
            }
            let Ok(up) = std::net::TcpStream::connect(("127.0.0.1", target)) else { continue };
            let (mut c1, mut u1) = (client.try_clone().unwrap(), up.try_clone().unwrap());
            std::thread::spawn(move || { let _ = std::io::copy(&mut c1, &mut u1); let _ = u1.shutdown(std::net::Shutdown::Write); });
            let (mut u2, mut c2) = (up, client);
            std::thread::spawn(move || { let _ = std::io::copy(&mut u2, &mut c2); let _ = c2.shutdown(std::net::Shutdown::Write); });
        }
    });
    (port, seen)
}

#[test]
fn transient_registry_failures_are_retried() {
    let e = Env::new("flaky");
    let reg = Registry::start(&e, None);
    upload_image(&reg.host(), "flaky", "v1", &[busybox_layer()], None, &["true"]);
    let (port, seen) = flaky_proxy(reg.port, 2);
    let start = std::time::Instant::now();
    e.hutch(&["pull", "-q", NO_TLS, &format!("127.0.0.1:{port}/flaky:v1")]).ok();
    assert!(seen.load(std::sync::atomic::Ordering::SeqCst) > 2);
    assert!(start.elapsed() >= std::time::Duration::from_secs(1), "Retry-After was not honoured");
    // A registry that keeps failing gives up after a few tries, with the status.
    let (port, _) = flaky_proxy(reg.port, 1000);
    e.hutch(&["pull", "-q", NO_TLS, &format!("127.0.0.1:{port}/flaky:v1")]).code(125).stderr_has("503");
}

#[test]
fn an_image_of_120_layers_runs() {
    let e = Env::new("manylayers");
    let reg = Registry::start(&e, None);
    // Far more layers than one page of overlay options holds with whole layer paths.
    let mut layers = vec![busybox_layer()];
    for i in 1..120 {
        layers.push(layer(|b| add_file(b, &format!("layer-{i:03}"), 0o644, 0, format!("{i}\n").as_bytes())));
    }
    upload_image(&reg.host(), "tall", "v1", &layers, None, &["sh"]);
    let name = format!("{}/tall:v1", reg.host());
    e.hutch(&["pull", "-q", NO_TLS, &name]).ok();
    let o = e.hutch(&["run", "--rm", "--network", "none", &name, "sh", "-c", "ls / | grep -c '^layer-'; cat /layer-001 /layer-119; echo new > /layer-050; cat /layer-050"]);
    assert_eq!(o.ok().stdout, "119\n1\n119\nnew\n");
    // The commands that mount a container's filesystem from outside take them too.
    e.hutch(&["run", "--name", "t", "--network", "none", &name, "sh", "-c", "echo changed > /layer-007"]).ok();
    let out = e.dir.join("got");
    e.hutch(&["cp", "t:/layer-119", out.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "119\n");
    assert_eq!(e.hutch(&["diff", "t"]).ok().stdout, "C /layer-007\n");
    e.hutch(&["rm", "t"]).ok();
    // The short links go with the image.
    let links = e.data().join("l");
    assert_eq!(std::fs::read_dir(&links).unwrap().count(), 120);
    e.hutch(&["rmi", &name]).ok();
    assert_eq!(std::fs::read_dir(&links).unwrap().count(), 0);
}

#[test]
fn search_lists_a_registrys_catalog_and_a_repositorys_tags() {
    let e = Env::new("search");
    e.demo();
    let reg = Registry::start(&e, None);
    let h = reg.host();
    for n in ["team/app:1", "team/app:2", "other:1"] {
        e.hutch(&["push", "--tls-verify=false", "demo", &format!("{h}/{n}")]).ok();
    }
    // The v2 catalog, filtered by the term; Podman's table.
    e.hutch(&["search", "--tls-verify=false", &format!("{h}/app")]).stdout_is(&format!("NAME{}DESCRIPTION\n{h}/team/app\n", " ".repeat(h.len() + 10 - 4 + 1)));
    let all = e.hutch(&["search", "--tls-verify=false", "--format", "{{.Index}} {{.Name}} {{.Stars}}", &format!("{h}/")]).ok().stdout.clone();
    assert_eq!(all, format!("{h} {h}/other 0\n{h} {h}/team/app 0\n"));
    e.hutch(&["search", "--tls-verify=false", "--limit", "1", "--format", "{{.Name}}", &format!("{h}/")]).stdout_is(&format!("{h}/other\n"));
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["search", "--tls-verify=false", "--format", "json", &format!("{h}/other")]).ok().stdout).unwrap();
    assert_eq!(j[0]["Name"], format!("{h}/other"));
    assert_eq!(e.hutch(&["search", "--tls-verify=false", "--compatible", &format!("{h}/other")]).ok().stdout.lines().next().unwrap(),
        format!("NAME{}DESCRIPTION  STARS       OFFICIAL    AUTOMATED", " ".repeat(h.len() + 6 + 2 - 4)));
    // Filters: the catalog has no stars.
    assert_eq!(e.hutch(&["search", "--tls-verify=false", "--filter", "stars=1", "--format", "{{.Name}}", &format!("{h}/")]).ok().stdout, "");
    // --list-tags: a fully qualified name.
    let tags = e.hutch(&["search", "--tls-verify=false", "--list-tags", "--format", "{{.Name}}:{{.Tag}}", &format!("{h}/team/app")]).ok().stdout.clone();
    let mut tags: Vec<&str> = tags.lines().collect();
    tags.sort();
    assert_eq!(tags, [format!("{h}/team/app:1"), format!("{h}/team/app:2")]);
    // Bad inputs: Podman's messages, exit 125.
    e.hutch(&["search", "--filter", "color=red", "x"]).code(125).stderr_has("invalid filter type \"color\"");
    e.hutch(&["search", "--filter", "is-official=maybe", "x"]).code(125).stderr_has("non-boolean value \"maybe\"");
    e.hutch(&["search", "--list-tags", &format!("{h}/team/app:1")]).code(125).stderr_has("tags and digests are not allowed with --list-tags");
    e.hutch(&["search", "--tls-verify=false", "127.0.0.1:1/x"]).code(125).stderr_has("couldn't search registry \"127.0.0.1:1\"");
}
