//! `hutch manifest ...` and `build --manifest` end to end, as the unprivileged user, against
//! Debian's docker-registry on loopback: lists of local images and of images in a registry,
//! Podman's output and errors, pushing a list with its images (oci and v2s2), and nothing
//! left behind by a command that fails.

mod common;
use common::registry::*;
use common::*;
use serde_json::{json, Value};

const NO_TLS: &str = "--tls-verify=false";
const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";

fn registry(e: &Env) -> Option<Registry> {
    if !std::path::Path::new("/usr/bin/docker-registry").exists() {
        skip("docker-registry (Debian package) is not installed");
        return None;
    }
    Some(Registry::start(e, None))
}

fn host_arch() -> &'static str {
    hutch::util::go_arch()
}

/// An image of one small gzip layer whose config says `arch`; returns (digest, size).
fn upload_arch_image(host: &str, repo: &str, tag: &str, arch: &str, content: &[u8]) -> (String, u64) {
    let tar = layer(|b| add_file(b, "f", 0o644, 0, content));
    let gz = gzip(&tar);
    let layer_digest = put_blob(host, repo, &gz, None);
    let config = json!({"architecture": arch, "os": "linux", "config": {}, "rootfs": {"type": "layers", "diff_ids": [sha(&tar)]}});
    let config_bytes = serde_json::to_vec(&config).unwrap();
    let config_digest = put_blob(host, repo, &config_bytes, None);
    let manifest = json!({"schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_bytes.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": gz.len()}]});
    let bytes = serde_json::to_vec(&manifest).unwrap();
    ureq::put(&format!("http://{host}/v2/{repo}/manifests/{tag}")).set("Content-Type", OCI_MANIFEST).send_bytes(&bytes).unwrap();
    (sha(&bytes), bytes.len() as u64)
}

/// What the registry has under a reference: (media type, digest, JSON).
fn fetch(host: &str, repo: &str, reference: &str) -> (String, String, Value) {
    let accept = [OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST].join(", ");
    let r = ureq::get(&format!("http://{host}/v2/{repo}/manifests/{reference}")).set("Accept", &accept).call()
        .unwrap_or_else(|e| panic!("{repo}:{reference} is not in the registry: {e}"));
    let media = r.content_type().to_string();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut r.into_reader(), &mut bytes).unwrap();
    (media, sha(&bytes), serde_json::from_slice(&bytes).unwrap())
}

fn inspect(e: &Env, args: &[&str]) -> Value {
    let mut a = vec!["manifest", "inspect"];
    a.extend_from_slice(args);
    serde_json::from_str(&e.hutch(&a).ok().stdout).unwrap()
}

fn id_line(o: &Out) -> String {
    let id = o.ok().stdout.trim().to_string();
    assert!(id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()), "not an id: {id:?}");
    id
}

#[test]
fn local_lists_as_podman_keeps_them() {
    let e = Env::new("manifest-local");
    e.demo();
    let id = id_line(&e.hutch(&["manifest", "create", "mylist"]));
    e.hutch(&["manifest", "create", "mylist"]).code(125).stdout_is("").stderr_has(&format!(
        "Error: creating image to hold manifest list: image name \"localhost/mylist:latest\" is already associated with image \"{id}\": that name is already in use\n"));
    assert_eq!(id_line(&e.hutch(&["manifest", "create", "--amend", "mylist"])), id);
    e.hutch(&["manifest", "inspect", "mylist"]).ok().stdout_is(
        "{\n    \"schemaVersion\": 2,\n    \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n    \"manifests\": null\n}\n");
    e.hutch(&["manifest", "exists", "mylist"]).ok().stdout_is("");
    e.hutch(&["manifest", "exists", "nope"]).code(1).stdout_is("");
    e.hutch(&["manifest", "exists", "demo"]).code(125).stderr_has("Error: localhost/demo:latest: image is not a manifest list\n");
    e.hutch(&["manifest", "add", "demo", "demo"]).code(125).stderr_has("Error: localhost/demo:latest: image is not a manifest list\n");
    e.hutch(&["manifest", "add", "nolist", "demo"]).code(125).stderr_has("Error: nolist: image not known\n");

    // A local name adds the local image: its manifest digest and size, its config's platform.
    assert_eq!(id_line(&e.hutch(&["manifest", "add", "mylist", "demo"])), id);
    let digest = e.hutch(&["image", "inspect", "--format", "{{.Digest}}", "demo"]).ok().stdout.trim().to_string();
    let size = std::fs::metadata(e.data().join("blobs/sha256").join(digest.trim_start_matches("sha256:"))).unwrap().len();
    let v = inspect(&e, &["mylist"]);
    assert_eq!(v["manifests"], json!([{"mediaType": OCI_MANIFEST, "size": size, "digest": digest, "platform": {"architecture": host_arch(), "os": "linux"}}]));
    // Adding it again (containers-storage:) replaces the entry.
    e.hutch(&["manifest", "add", "mylist", "containers-storage:localhost/demo:latest"]).ok();
    assert_eq!(inspect(&e, &["mylist"])["manifests"].as_array().unwrap().len(), 1);
    // It shows among the images, takes names, and stands for its image for this platform.
    assert!(e.hutch(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]).ok().stdout.contains(&format!("localhost/mylist:latest {}", &id[..12])));
    e.hutch(&["tag", "mylist", "otherlist"]).ok();
    e.hutch(&["manifest", "exists", "otherlist"]).ok();
    e.hutch(&["run", "--rm", "otherlist", "echo", "from the list"]).ok().stdout_is("from the list\n");
    e.hutch(&["push", NO_TLS, "mylist", "127.0.0.1:1/x"]).code(125).stderr_has("localhost/mylist:latest is a manifest list: push it with `hutch manifest push`");

    assert_eq!(id_line(&e.hutch(&["manifest", "annotate", "--arch", "arm64", "--variant", "v8", "--os-version", "1.0", "--features", "f1,f2",
        "--os-features", "o1", "--annotation", "a=b", "--annotation", "c=<d>", "mylist", &digest])), id);
    let shown = e.hutch(&["manifest", "inspect", "mylist"]).ok().stdout.clone();
    let want = format!(concat!(
        "{{\n    \"schemaVersion\": 2,\n    \"mediaType\": \"application/vnd.docker.distribution.manifest.list.v2+json\",\n    \"manifests\": [\n",
        "        {{\n            \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n            \"size\": {size},\n            \"digest\": \"{digest}\",\n",
        "            \"platform\": {{\n                \"architecture\": \"arm64\",\n                \"os\": \"linux\",\n                \"os.version\": \"1.0\",\n",
        "                \"os.features\": [\n                    \"o1\"\n                ],\n                \"variant\": \"v8\",\n",
        "                \"features\": [\n                    \"f1\",\n                    \"f2\"\n                ]\n            }},\n",
        "            \"annotations\": {{\n                \"a\": \"b\",\n                \"c\": \"\\u003cd\\u003e\"\n            }}\n        }}\n    ]\n}}\n"),
        size = size, digest = digest);
    assert_eq!(shown, want);
    e.hutch(&["manifest", "annotate", "mylist", "sha256:abc"]).code(125).stderr_has("Error: invalid image digest \"sha256:abc\": invalid checksum digest length\n");
    e.hutch(&["manifest", "annotate", "--annotation", "nov", "mylist", &digest]).code(125).stderr_has("Error: no value given for annotation \"nov\"\n");
    let zeros = format!("sha256:{}", "0".repeat(64));
    e.hutch(&["manifest", "annotate", "--arch", "x", "mylist", &zeros]).code(125).stderr_has(&format!(
        "Error: no Docker manifest matching digest \"{zeros}\" was found in list: no image instance matching the specified digest was found in the list or index\n"));
    assert_eq!(e.hutch(&["manifest", "inspect", "mylist"]).stdout, want, "a failed annotate changes nothing");

    let index_blob = |e: &Env| e.hutch(&["image", "inspect", "--format", "{{.Digest}}", "mylist"]).ok().stdout.trim().trim_start_matches("sha256:").to_string();
    let blob = index_blob(&e);
    assert_eq!(id_line(&e.hutch(&["manifest", "remove", "mylist", &digest])), id);
    assert!(!e.data().join("blobs/sha256").join(&blob).exists(), "the old index blob is gone");
    assert_eq!(inspect(&e, &["mylist"])["manifests"], Value::Null);
    e.hutch(&["manifest", "remove", "mylist", &digest]).code(125).stderr_has(&format!(
        "Error: removing from manifest list mylist: no instance matching digest \"{digest}\" found in manifest list: file does not exist\n"));
    e.hutch(&["manifest", "remove", "mylist", "bad"]).code(125).stderr_has("Error: removing from manifest list mylist: invalid image digest \"bad\": invalid checksum digest format\n");
    e.hutch(&["manifest", "remove", "nol", &digest]).code(125).stderr_has("Error: removing from manifest list nol: nol: image not known\n");

    e.hutch(&["manifest", "rm", "demo"]).code(125).stderr_has("Error: localhost/demo:latest: image is not a manifest list\n");
    e.hutch(&["manifest", "rm", "otherlist"]).ok().stdout_is("Untagged: localhost/otherlist:latest\n");
    let blob = index_blob(&e);
    let o = e.hutch(&["manifest", "rm", "mylist", "nope"]);
    o.code(1).stdout_is(&format!("Untagged: localhost/mylist:latest\nDeleted: {id}\n")).stderr_has("Error: nope: image not known\n");
    assert!(!e.data().join("blobs/sha256").join(&blob).exists(), "rm leaves no index blob");
    e.hutch(&["manifest", "exists", "mylist"]).code(1);
    e.hutch(&["image", "exists", "demo"]).ok();
}

#[test]
fn a_failed_create_or_add_leaves_nothing_behind() {
    let e = Env::new("manifest-atomic");
    e.demo();
    let images = |e: &Env| e.hutch(&["images", "-a", "-q", "--no-trunc"]).ok().stdout.clone();
    let before = images(&e);
    e.hutch(&["manifest", "create", "l", "demo", "containers-storage:nope"]).code(125).stderr_has("nope: image not known");
    e.hutch(&["manifest", "create", "l", NO_TLS, "demo", "127.0.0.1:1/none:1"]).code(125).stderr_has("reading manifest from \"docker://127.0.0.1:1/none:1\"");
    e.hutch(&["manifest", "exists", "l"]).code(1);
    assert_eq!(images(&e), before);
    e.hutch(&["manifest", "create", "l", "demo"]).ok();
    let v = inspect(&e, &["l"]);
    e.hutch(&["manifest", "add", NO_TLS, "l", "127.0.0.1:1/none:1"]).code(125);
    e.hutch(&["manifest", "add", "l", "oci-archive:/nonexistent.tar"]).code(125)
        .stderr_has("manifest lists take images from registries (docker://) or from local storage");
    assert_eq!(inspect(&e, &["l"]), v);
    // The hidden --insecure, as in Podman, and its conflict with --tls-verify.
    e.hutch(&["manifest", "add", "--insecure", "--tls-verify", "l", "demo"]).code(125).stderr_has("Error: --insecure may not be used with --tls-verify\n");
    e.hutch(&["manifest", "create", "", "demo"]).code(125).stderr_has("Error: no name specified for creating a manifest list\n");
}

#[test]
fn lists_and_images_in_a_registry() {
    let e = Env::new("manifest-remote");
    let Some(reg) = registry(&e) else { return };
    let host = reg.host();
    let (a, a_size) = upload_arch_image(&host, "app", "a", host_arch(), b"host image");
    let (b, b_size) = upload_arch_image(&host, "app", "b", "s390x", b"other image");
    // The index states the host image's platform only: the other's is read from its config.
    let idx = json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": [
        {"mediaType": OCI_MANIFEST, "digest": a, "size": a_size, "platform": {"architecture": host_arch(), "os": "linux"}, "annotations": {"dropped": "yes"}},
        {"mediaType": OCI_MANIFEST, "digest": b, "size": b_size}]});
    ureq::put(&format!("http://{host}/v2/app/manifests/multi")).set("Content-Type", OCI_INDEX).send_bytes(&serde_json::to_vec(&idx).unwrap()).unwrap();

    id_line(&e.hutch(&["manifest", "create", NO_TLS, "--all", "all", &format!("docker://{host}/app:multi")]));
    assert_eq!(inspect(&e, &["all"])["manifests"], json!([
        {"mediaType": OCI_MANIFEST, "size": a_size, "digest": a, "platform": {"architecture": host_arch(), "os": "linux"}},
        {"mediaType": OCI_MANIFEST, "size": b_size, "digest": b, "platform": {"architecture": "s390x", "os": "linux"}}]));
    // Without --all: the entry for this platform.
    id_line(&e.hutch(&["manifest", "create", NO_TLS, "one", &format!("{host}/app:multi")]));
    assert_eq!(inspect(&e, &["one"])["manifests"].as_array().unwrap().iter().map(|m| m["digest"].clone()).collect::<Vec<_>>(), [json!(a)]);
    // A single image, with the overrides; --tls-verify is needed for this plain-HTTP registry.
    e.hutch(&["manifest", "add", "one", &format!("{host}/app:b")]).code(125);
    e.hutch(&["manifest", "add", NO_TLS, "--os-version", "9", "--annotation", "x=y", "--variant", "z", "one", &format!("{host}/app:b")]).ok();
    assert_eq!(inspect(&e, &["one"])["manifests"][1], json!({"mediaType": OCI_MANIFEST, "size": b_size, "digest": b,
        "platform": {"architecture": "s390x", "os": "linux", "os.version": "9", "variant": "z"}, "annotations": {"x": "y"}}));
    e.hutch(&["manifest", "add", NO_TLS, "one", &format!("{host}/app:nope")]).code(125).stderr_has(&format!("reading manifest from \"docker://{host}/app:nope\""));

    // Inspecting what the registry has: a list as a Docker list, an image with a warning.
    let v = inspect(&e, &[NO_TLS, &format!("{host}/app:multi")]);
    assert_eq!(v, json!({"schemaVersion": 2, "mediaType": DOCKER_LIST, "manifests": [
        {"mediaType": OCI_MANIFEST, "size": a_size, "digest": a, "platform": {"architecture": host_arch(), "os": "linux"}},
        {"mediaType": OCI_MANIFEST, "size": b_size, "digest": b, "platform": {"architecture": "", "os": ""}}]}));
    let o = e.hutch(&["manifest", "inspect", NO_TLS, &format!("docker://{host}/app:a")]);
    o.ok().stderr_has("The manifest type application/vnd.oci.image.manifest.v1+json is not a manifest list but a single image.");
    assert_eq!(sha(&serde_json::to_vec(&serde_json::from_str::<Value>(&o.stdout).unwrap()).unwrap()), a);
}

#[test]
fn push_sends_the_images_then_the_list() {
    let e = Env::new("manifest-push");
    let Some(reg) = registry(&e) else { return };
    let host = reg.host();
    e.demo();
    let (a, _) = upload_arch_image(&host, "app", "a", host_arch(), b"remote image");
    e.hutch(&["manifest", "create", NO_TLS, "list", "demo", &format!("{host}/app:a")]).ok();
    let local = e.hutch(&["image", "inspect", "--format", "{{.Digest}}", "demo"]).ok().stdout.trim().to_string();
    e.hutch(&["manifest", "annotate", "--annotation", "k=v", "list", &local]).ok();

    // (Signing itself is in tests/signing.rs.)
    for (flag, why) in [("--sign-by=nobody@example.invalid", "Error: creating signature: signing with key nobody@example.invalid: "), ("--sign-by-sigstore-private-key=x", "Error: writing sigstore attachments is disabled by configuration: add `use-sigstore-attachments: true` for "),
        ("--sign-passphrase-file=x", "--sign-passphrase-file is for the key of --sign-by or --sign-by-sigstore-private-key: name the key too"), ("--compression-format=zstd", "recompressing to zstd is not supported"),
        ("--format=v2s1", "Error: unknown format \"v2s1\". Choose one of the supported formats: 'oci' or 'v2s2'\n")] {
        e.hutch(&["manifest", "push", NO_TLS, flag, "list", &format!("{host}/pushed:x")]).code(125).stderr_has(why);
    }
    e.hutch(&["manifest", "push", "list", "dir:/tmp/x"]).code(125).stderr_has("hutch pushes manifest lists to registries only");
    e.hutch(&["manifest", "push", "nolist", &format!("{host}/pushed:x")]).code(125).stderr_has("Error: retrieving local image from image name nolist: nolist: image not known\n");

    let digestfile = e.dir.join("digest");
    let o = e.hutch(&["manifest", "push", NO_TLS, "--remove-signatures", "--digestfile", digestfile.to_str().unwrap(), "list", &format!("docker://{host}/pushed:v1")]);
    o.ok().stdout_is("").stderr_has("Copying 2 of 2 images in list\n").stderr_has(&format!("Copying image {a} (2/2)\n")).stderr_has("Writing manifest list to image destination\n");
    let (media, digest, v) = fetch(&host, "pushed", "v1");
    assert_eq!((media.as_str(), digest.as_str()), (OCI_INDEX, std::fs::read_to_string(&digestfile).unwrap().as_str()));
    let entries = v["manifests"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["annotations"], json!({"k": "v"}));
    assert_eq!(entries[1]["digest"], json!(a), "a registry's image is copied as it is");
    for m in entries {
        let (media, d, _) = fetch(&host, "pushed", m["digest"].as_str().unwrap());
        assert_eq!((media.as_str(), d.as_str()), (m["mediaType"].as_str().unwrap(), m["digest"].as_str().unwrap()));
    }
    // Into an empty store: the list's image for this platform is the local one.
    let b = Env::new("manifest-pull");
    b.hutch(&["pull", "-q", NO_TLS, &format!("{host}/pushed:v1")]).ok();
    b.hutch(&["run", "--rm", &format!("{host}/pushed:v1"), "echo", "pulled"]).ok().stdout_is("pulled\n");

    // v2s2: a Docker list of Docker manifests, without annotations.
    e.hutch(&["manifest", "push", "-q", NO_TLS, "--format", "v2s2", "list", &format!("{host}/pushed:v2")]).ok();
    let (media, _, v) = fetch(&host, "pushed", "v2");
    assert_eq!(media, DOCKER_LIST);
    for m in v["manifests"].as_array().unwrap() {
        assert_eq!(m["mediaType"], DOCKER_MANIFEST);
        assert!(m.get("annotations").is_none());
        assert_eq!(fetch(&host, "pushed", m["digest"].as_str().unwrap()).0, DOCKER_MANIFEST);
    }
    // --all=false: the list only (its images are already in that repository).
    e.hutch(&["manifest", "create", NO_TLS, "remote-only", &format!("{host}/app:a")]).ok();
    let o = e.hutch(&["manifest", "push", NO_TLS, "--all=false", "remote-only", &format!("{host}/app:list")]);
    assert!(!o.ok().stderr.contains("Copying image"), "{}", o.stderr);
    assert_eq!(fetch(&host, "app", "list").2["manifests"][0]["digest"], json!(a));
    // The list's own name by default, and --rm.
    let own = format!("{host}/own:1");
    e.hutch(&["manifest", "create", &own, "demo"]).ok();
    e.hutch(&["manifest", "push", "-q", NO_TLS, "--rm", &own]).ok().stdout_is("");
    assert_eq!(fetch(&host, "own", "1").0, OCI_INDEX);
    e.hutch(&["manifest", "exists", &own]).code(1);
    e.hutch(&["image", "exists", "demo"]).ok();
}

#[test]
fn build_manifest_adds_the_built_image() {
    let e = Env::new("manifest-build");
    e.demo();
    let ctx = e.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM scratch\nCOPY hello /hello\n").unwrap();
    std::fs::write(ctx.join("hello"), "one\n").unwrap();
    let c = ctx.to_str().unwrap();
    let o = e.hutch(&["build", "--manifest", "blist", c]);
    let built = o.ok().stdout.lines().last().unwrap().to_string();
    let digest = |id: &str| e.hutch(&["image", "inspect", "--format", "{{.Digest}}", id]).ok().stdout.trim().to_string();
    let v = inspect(&e, &["blist"]);
    assert_eq!(v["manifests"].as_array().unwrap().len(), 1);
    assert_eq!(v["manifests"][0]["digest"], json!(digest(&built)));
    assert_eq!(v["manifests"][0]["platform"], json!({"architecture": host_arch(), "os": "linux"}));
    std::fs::write(ctx.join("hello"), "two\n").unwrap();
    let second = e.hutch(&["build", "-q", "--manifest", "blist", c]).ok().stdout.trim().to_string();
    let v = inspect(&e, &["blist"]);
    let ds: Vec<&str> = v["manifests"].as_array().unwrap().iter().map(|m| m["digest"].as_str().unwrap()).collect();
    assert_eq!(ds, [digest(&built), digest(&second)]);
    // A name held by an image that is no list: refused before anything is built.
    let o = e.hutch(&["build", "--manifest", "demo", c]);
    o.code(125).stderr_has("Error: localhost/demo:latest: image is not a manifest list\n");
    assert!(!o.stdout.contains("STEP"), "{}", o.stdout);
}

#[test]
fn credentials_auth_files_and_certificates() {
    let e = Env::new("manifest-auth");
    if registry(&e).is_none() {
        return;
    }
    e.demo();
    e.hutch(&["manifest", "create", "list", "demo"]).ok();
    // Basic auth: --creds, then an auth file (which must exist, as Podman checks).
    let reg = Registry::start(&e, Some(("alice", "s3cret")));
    let dest = format!("{}/private:1", reg.host());
    e.hutch(&["manifest", "push", "-q", NO_TLS, "list", &dest]).code(125).stderr_has("authentication required");
    e.hutch(&["manifest", "push", "-q", NO_TLS, "--creds", "alice:s3cret", "list", &dest]).ok();
    let missing = e.dir.join("missing.json");
    e.hutch(&["manifest", "add", NO_TLS, "--authfile", missing.to_str().unwrap(), "list", &dest]).code(125)
        .stderr_has(&format!("Error: checking authfile: stat {}: no such file or directory\n", missing.display()));
    let af = e.dir.join("auth.json");
    use base64::Engine as _;
    let token = base64::engine::general_purpose::STANDARD.encode("alice:s3cret");
    std::fs::write(&af, json!({"auths": {reg.host(): {"auth": token}}}).to_string()).unwrap();
    let af = af.to_str().unwrap();
    e.hutch(&["manifest", "add", NO_TLS, "--all", "list", &dest]).code(125).stderr_has("authentication required");
    e.hutch(&["manifest", "add", NO_TLS, "--all", "--authfile", af, "list", &dest]).ok();
    assert_eq!(inspect(&e, &[NO_TLS, "--authfile", af, &dest])["mediaType"], DOCKER_LIST);
    // TLS with a CA of its own: --cert-dir makes it trusted.
    e.hutch(&["manifest", "create", "tlslist", "demo"]).ok();
    let tls = Registry::start_with(&e, None, true, "");
    let secure = format!("{}/secure:1", tls.host());
    e.hutch(&["manifest", "push", "-q", "tlslist", &secure]).code(125).stderr_has("not trusted");
    let certs = e.dir.join("certs");
    std::fs::create_dir_all(&certs).unwrap();
    std::fs::copy(tls.dir.join("ca.pem"), certs.join("ca.crt")).unwrap();
    e.hutch(&["manifest", "push", "-q", "--cert-dir", certs.to_str().unwrap(), "tlslist", &secure]).ok();
    e.hutch(&["manifest", "create", "--tls-verify", "from-tls", &secure]).code(125).stderr_has("not trusted");
    e.hutch(&["manifest", "add", "--cert-dir", certs.to_str().unwrap(), "tlslist", &secure]).ok();
    let remote = inspect(&e, &["--cert-dir", certs.to_str().unwrap(), &secure]);
    let pushed = remote["manifests"][0]["digest"].clone();
    assert!(inspect(&e, &["tlslist"])["manifests"].as_array().unwrap().iter().any(|m| m["digest"] == pushed), "{remote}");
}

/// A file of an AArch64 ELF header: the kernel refuses to run it on another machine.
fn aarch64_elf() -> Vec<u8> {
    let mut h = b"\x7fELF\x02\x01\x01\x00".to_vec();
    h.extend_from_slice(&[0; 8]);
    h.extend_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    h.extend_from_slice(&183u16.to_le_bytes()); // EM_AARCH64
    h.extend_from_slice(&1u32.to_le_bytes());
    h.extend_from_slice(&0x400000u64.to_le_bytes());
    h.extend_from_slice(&64u64.to_le_bytes());
    h.extend_from_slice(&0u64.to_le_bytes());
    h.extend_from_slice(&0u32.to_le_bytes());
    for v in [64u16, 56, 0, 64, 0, 0] {
        h.extend_from_slice(&v.to_le_bytes());
    }
    h
}

#[test]
fn builds_for_other_platforms_and_lists_of_them() {
    let e = Env::new("build-platforms");
    let Some(reg) = registry(&e) else { return };
    let host = reg.host();
    // A base image for two platforms, each with its own file.
    let mut entries = Vec::new();
    for (arch, content) in [("amd64", b"amd\n"), ("arm64", b"arm\n")] {
        let (d, size) = upload_arch_image(&host, "base", arch, arch, content);
        entries.push(json!({"mediaType": OCI_MANIFEST, "digest": d, "size": size, "platform": {"architecture": arch, "os": "linux"}}));
    }
    let index = serde_json::to_vec(&json!({"schemaVersion": 2, "mediaType": OCI_INDEX, "manifests": entries})).unwrap();
    ureq::put(&format!("http://{host}/v2/base/manifests/multi")).set("Content-Type", OCI_INDEX).send_bytes(&index).unwrap();
    let layer_of = |content: &[u8]| sha(&layer(|b| add_file(b, "f", 0o644, 0, content)));
    let ctx = e.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), format!("FROM {host}/base:multi\nARG TARGETARCH\nLABEL arch=$TARGETARCH\nCOPY hello /hello\n")).unwrap();
    std::fs::write(ctx.join("hello"), "hi\n").unwrap();
    let c = ctx.to_str().unwrap();
    let fmt = |id: &str, f: &str| e.hutch(&["image", "inspect", "--format", f, id]).ok().stdout.trim().to_string();

    // One other platform: its base, its config, its build args.
    let arm = id_line(&e.hutch(&["build", "-q", NO_TLS, "--platform", "linux/arm64", "-t", "parm", c]));
    assert_eq!(fmt(&arm, "{{.Architecture}} {{.Os}} {{index .Labels \"arch\"}}"), "arm64 linux arm64");
    assert!(fmt(&arm, "{{.RootFS.Layers}}").contains(&layer_of(b"arm\n")), "{}", fmt(&arm, "{{.RootFS.Layers}}"));
    // Cached for that platform; the host's platform is built apart.
    assert_eq!(id_line(&e.hutch(&["build", "-q", NO_TLS, "--platform", "linux/arm64", c])), arm);
    let amd = id_line(&e.hutch(&["build", "-q", NO_TLS, "--arch", "amd64", c]));
    assert_ne!(amd, arm);
    assert_eq!(fmt(&amd, "{{.Architecture}} {{index .Labels \"arch\"}}"), "amd64 amd64");
    assert!(fmt(&amd, "{{.RootFS.Layers}}").contains(&layer_of(b"amd\n")));

    // Several platforms into a list, named or found in the base images.
    for (list, flags) in [("plist", vec!["--platform", "linux/amd64,linux/arm64"]), ("rlist", vec!["--platform", "linux/amd64", "--platform", "linux/arm64"]), ("alist", vec!["--all-platforms"])] {
        let mut args = vec!["build", "-q", NO_TLS, "--manifest", list];
        args.extend(flags);
        args.push(c);
        let o = e.hutch(&args);
        assert_eq!(o.ok().stdout.lines().count(), 2, "{list}: {}{}", o.stdout, o.stderr);
        let v = inspect(&e, &[list]);
        let platforms: Vec<&str> = v["manifests"].as_array().unwrap().iter().map(|m| m["platform"]["architecture"].as_str().unwrap()).collect();
        assert_eq!(platforms, ["amd64", "arm64"], "{list}");
    }
    // --logsplit: each platform's lines in a file of its own.
    let log = e.dir.join("build.log");
    let logarg = format!("--logfile={}", log.display());
    e.hutch(&["build", NO_TLS, "--platform", "linux/amd64,linux/arm64", "--manifest", "llist", &logarg, "--logsplit", c]).ok();
    for arch in ["amd64", "arm64"] {
        let text = std::fs::read_to_string(format!("{}_linux_{arch}", log.display())).unwrap();
        assert!(text.contains("STEP 1/4: FROM") && text.lines().count() >= 5, "{arch}: {text}");
    }

    // Several platforms and a tag without a list: said, and the tag names the last.
    let o = e.hutch(&["build", "-q", NO_TLS, "--platform", "linux/arm64,linux/amd64", "-t", "both", c]);
    o.ok().stderr_has("WARN[0000] building for 2 platforms without --manifest: both names the last one built; use --manifest LIST to keep them all\n");
    assert_eq!(fmt("both", "{{.Architecture}}"), "amd64");

    // A stage from scratch is cached per platform; other tools' names for a platform work.
    std::fs::write(ctx.join("Scratchfile"), "FROM scratch\nCOPY hello /hello\n").unwrap();
    let sf = ctx.join("Scratchfile");
    let sf = sf.to_str().unwrap();
    let s_arm = id_line(&e.hutch(&["build", "-q", "--platform", "linux/aarch64", "-f", sf, c]));
    let s_amd = id_line(&e.hutch(&["build", "-q", "--platform", "linux/x86_64", "-f", sf, c]));
    assert_ne!(s_arm, s_amd);
    assert_eq!(fmt(&s_arm, "{{.Architecture}}"), "arm64");
    assert_eq!(fmt(&s_amd, "{{.Architecture}}"), "amd64");
    // One id file cannot hold several images.
    let iid = e.dir.join("iid");
    let iidarg = format!("--iidfile={}", iid.display());
    e.hutch(&["build", "--platform", "linux/amd64,linux/arm64", &iidarg, "-f", sf, c]).code(125).stderr_has("building multiple images, but iidfile");

    // Bad platforms.
    e.hutch(&["build", "--platform", "windows/amd64", c]).code(125).stderr_has("invalid --platform \"windows/amd64\": only linux images are built, not windows");
    e.hutch(&["build", "--platform", "linux", c]).code(125).stderr_has("invalid --platform \"linux\": use OS/ARCH[/VARIANT]");
    // A platform the base does not have.
    e.hutch(&["build", NO_TLS, "--platform", "linux/s390x", c]).code(125).stderr_has("s390x");

    // A RUN step of another architecture, with no emulator to run it: why, and what to do.
    if host_arch() != "arm64" {
        std::fs::write(ctx.join("fake"), aarch64_elf()).unwrap();
        std::fs::write(ctx.join("Runfile"), "FROM scratch\nCOPY --chmod=755 fake /fake\nRUN [\"/fake\"]\n").unwrap();
        let runfile = ctx.join("Runfile");
        let o = e.hutch(&["build", "--platform", "linux/arm64", "-f", runfile.to_str().unwrap(), c]);
        let emulated = std::path::Path::new("/proc/sys/fs/binfmt_misc/qemu-aarch64").exists();
        assert_ne!(o.code, 0, "{}", o.stderr);
        if !emulated {
            o.stderr_has("/fake: exec format error").stderr_has("building for linux/arm64 on this linux/amd64 host: its programs run only with an emulator registered with binfmt_misc, and none is (Debian: `apt install qemu-user-static`, as root)");
        }
    }
}
