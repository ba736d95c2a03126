//! `push --sign-by` end to end, as the unprivileged user: keys made with gpg (Debian's
//! gnupg) in a keyring of the test's own, images pushed to Debian's docker-registry on
//! loopback (an image, and a manifest list with `manifest push`), signatures where
//! registries.d says (or the default), their claim as Podman writes it, skopeo verifying
//! them against a `signedBy` policy, and hutch's own pulls under a policy.json. Sigstore
//! signatures (`--sign-by-sigstore-private-key`, attachments in the registry, `sigstoreSigned`
//! policies): hutch's checked by openssl, and signatures openssl makes checked by hutch's
//! pulls, with keys openssl makes, sealed as cosign seals them by Python and libsodium.
//! (Debian 12's skopeo and podman are built with sigstore disabled: they can neither make
//! nor check such signatures.)

mod common;
use common::registry::*;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const NO_TLS: &str = "--tls-verify=false";

/// gpg with the test's keyring.
fn gpg(home: &Path) -> Command {
    let mut c = Command::new("gpg");
    c.env("GNUPGHOME", home).args(["--batch", "--no-tty"]);
    c
}

/// A new signing key (ed25519) with `passphrase`; its fingerprint.
fn new_key(home: &Path, name: &str, passphrase: &str) -> String {
    let out = gpg(home).args(["--passphrase", passphrase, "--pinentry-mode", "loopback", "--quick-gen-key", &format!("{name} <{name}@example.org>"), "ed25519", "sign", "never"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = gpg(home).args(["--with-colons", "--list-secret-keys", &format!("{name}@example.org")]).output().unwrap();
    String::from_utf8_lossy(&list.stdout).lines().find_map(|l| l.strip_prefix("fpr:").map(|f| f.trim_matches(':').to_string())).unwrap()
}

/// hutch with the test's keyring.
fn hutch(e: &Env, home: &Path, args: &[&str]) -> Out {
    Out::from(e.cmd(args).env("GNUPGHOME", home).stdin(std::process::Stdio::null()).output().unwrap())
}

/// The claim a signature carries (gpg checks it on the way).
fn claim(home: &Path, sig: &Path) -> serde_json::Value {
    let out = gpg(home).args(["--decrypt"]).arg(sig).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// skopeo copying `image` out under a policy that wants it signed by `pubkey`, reading
/// signatures from `lookaside`.
fn skopeo_verifies(e: &Env, host: &str, image: &str, pubkey: &Path, lookaside: &Path) -> bool {
    let dir = e.dir.join(format!("skopeo-{}", rand_suffix()));
    std::fs::create_dir_all(dir.join("registries.d")).unwrap();
    let policy = serde_json::json!({"default": [{"type": "reject"}], "transports": {
        "docker": {host: [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": pubkey}]},
        "dir": {"": [{"type": "insecureAcceptAnything"}]}}});
    std::fs::write(dir.join("policy.json"), policy.to_string()).unwrap();
    std::fs::write(dir.join("registries.d/t.yaml"), format!("docker:\n  {host}:\n    lookaside: file://{}\n", lookaside.display())).unwrap();
    let out = Command::new("skopeo")
        .arg("--policy").arg(dir.join("policy.json"))
        .arg("--registries.d").arg(dir.join("registries.d"))
        .args(["copy", "--src-tls-verify=false", &format!("docker://{image}")])
        .arg(format!("dir:{}", dir.join("copy").display()))
        .env("HOME", &e.home)
        .output().unwrap();
    out.status.success()
}

/// The test's keyring: its agent stopped and its files removed however the test ends.
struct Keyring(PathBuf);

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf").env("GNUPGHOME", &self.0).args(["--kill", "gpg-agent"]).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether every (file, Debian package) is here; a visible skip (a failure under CI=true)
/// naming the first that is not.
fn have(tools: &[(&str, &str)]) -> bool {
    match tools.iter().find(|(tool, _)| !Path::new(tool).exists()) {
        Some((_, pkg)) => {
            skip(&format!("{pkg} (Debian package) is not installed"));
            false
        }
        None => true,
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::SeqCst).to_string()
}

#[test]
fn signatures_pushed_verify_in_skopeo_and_in_pulls_by_policy() {
    let e = Env::new("sign");
    if !have(&[("/usr/bin/docker-registry", "docker-registry"), ("/usr/bin/gpg", "gnupg"), ("/usr/bin/skopeo", "skopeo")]) {
        return;
    }
    e.demo();
    let reg = Registry::start(&e, None);
    let host = reg.host();
    // Short (gpg-agent's socket lives in it), new and ours alone.
    let keys = PathBuf::from(format!("/tmp/hutch-gpg-{}-{}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()));
    std::os::unix::fs::DirBuilderExt::mode(&mut std::fs::DirBuilder::new(), 0o700).create(&keys).unwrap();
    let _keyring = Keyring(keys.clone());
    let alice = new_key(&keys, "alice", "");
    let bob = new_key(&keys, "bob", "b0b-secret");
    let export = |fpr: &str, name: &str| {
        let p = e.dir.join(format!("{name}.gpg"));
        let out = gpg(&keys).args(["--export", "--output"]).arg(&p).arg(fpr).output().unwrap();
        assert!(out.status.success());
        p
    };
    let (alice_pub, bob_pub) = (export(&alice, "alice"), export(&bob, "bob"));

    // No registries.d: the default place for a rootless user.
    let image = format!("{host}/signed:1");
    let df = e.dir.join("digest");
    let dfarg = format!("--digestfile={}", df.display());
    let o = hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &alice, &dfarg, "demo", &image]);
    o.ok().stderr_has("Signing manifest using simple signing\n").stderr_has("Storing signatures\n");
    let digest = std::fs::read_to_string(&df).unwrap();
    let default_dir = e.home.join(".local/share/containers/sigstore");
    let sig = default_dir.join(format!("signed@sha256={}/signature-1", digest.trim_start_matches("sha256:")));
    let c = claim(&keys, &sig);
    assert_eq!(c["critical"]["type"], "atomic container signature");
    assert_eq!(c["critical"]["identity"]["docker-reference"], image.as_str());
    assert_eq!(c["critical"]["image"]["docker-manifest-digest"], digest.as_str());
    // skopeo (containers/image, as Podman) accepts it for alice's key, not for bob's.
    assert!(skopeo_verifies(&e, &host, &image, &alice_pub, &default_dir), "skopeo refused alice's signature");
    assert!(!skopeo_verifies(&e, &host, &image, &bob_pub, &default_dir), "skopeo took alice's signature for bob's");

    // A manifest list is signed as a whole.
    e.hutch(&["manifest", "create", "mlist", "demo"]).ok();
    let list_image = format!("{host}/signedlist:1");
    hutch(&e, &keys, &["manifest", "push", NO_TLS, "--sign-by", &alice, &dfarg, "mlist", &list_image]).ok().stderr_has("Storing list signatures\n");
    let digest = std::fs::read_to_string(&df).unwrap();
    let sig = default_dir.join(format!("signedlist@sha256={}/signature-1", digest.trim_start_matches("sha256:")));
    assert_eq!(claim(&keys, &sig)["critical"]["image"]["docker-manifest-digest"], digest.as_str());
    assert!(skopeo_verifies(&e, &host, &list_image, &alice_pub, &default_dir), "skopeo refused the list's signature");

    // registries.d names the place (the most specific scope); a key with a passphrase read
    // from a file.
    let staging = e.dir.join("staging");
    let rd = e.home.join(".config/containers/registries.d");
    std::fs::create_dir_all(&rd).unwrap();
    std::fs::write(rd.join("sigs.yaml"), format!("default-docker:\n  lookaside-staging: file:///nowhere\ndocker:\n  {host}/team:\n    lookaside-staging: file://{0}\n    lookaside: file://{0}\n", staging.display())).unwrap();
    let pass = e.dir.join("pass");
    std::fs::write(&pass, "b0b-secret\n").unwrap();
    let passarg = format!("--sign-passphrase-file={}", pass.display());
    let team = format!("{host}/team/app:2");
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &bob, &passarg, &dfarg, "demo", &team]).ok();
    let digest = std::fs::read_to_string(&df).unwrap();
    let sig = staging.join(format!("team/app@sha256={}/signature-1", digest.trim_start_matches("sha256:")));
    assert_eq!(claim(&keys, &sig)["critical"]["identity"]["docker-reference"], team.as_str());
    assert!(skopeo_verifies(&e, &host, &team, &bob_pub, &staging));

    // A place that cannot be written to fails before anything is pushed.
    let nowhere = format!("{host}/elsewhere/x:1");
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &alice, "demo", &nowhere]).code(125).stderr_has("Error: --sign-by: cannot store signatures in /nowhere/elsewhere: ");
    assert_ne!(e.hutch(&["pull", NO_TLS, &nowhere]).code, 0, "pushed without its signature");

    // Keys that cannot sign push nothing; options hutch does not take are refused.
    // (The agent keeps a passphrase it was given: it forgets it on reload.)
    let _ = Command::new("gpgconf").env("GNUPGHOME", &keys).args(["--reload", "gpg-agent"]).status();
    std::fs::write(&pass, "wrong\n").unwrap();
    let never = format!("{host}/team/never:1");
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &bob, &passarg, "demo", &never]).code(125).stderr_has(&format!("Error: creating signature: signing with key {bob}: "));
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", "nobody@example.org", "demo", &never]).code(125).stderr_has("Error: creating signature: signing with key nobody@example.org: ");
    let o = e.hutch(&["pull", NO_TLS, &never]);
    assert_ne!(o.code, 0, "a push whose signing failed sent the image");
    e.hutch(&["push", NO_TLS, "--sign-by-sigstore-private-key", "/k", "demo", &never]).code(125).stderr_has("Error: writing sigstore attachments is disabled by configuration: add `use-sigstore-attachments: true` for ");
    e.hutch(&["push", NO_TLS, &passarg, "demo", &never]).code(125).stderr_has("--sign-passphrase-file is for the key of --sign-by or --sign-by-sigstore-private-key");
    let tar = e.dir.join("x.tar");
    e.hutch(&["push", "--sign-by", &alice, "demo", &format!("docker-archive:{}", tar.display())]).code(125).stderr_has("hutch signs images pushed to a registry only");

    // build --sign-by: the image keeps its signature, and push takes it along with the
    // manifest as signed (layers as stored, uncompressed), where skopeo finds it good.
    let ctx = e.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nCOPY f /f\n").unwrap();
    std::fs::write(ctx.join("f"), "built\n").unwrap();
    let built = format!("{host}/team/built:1");
    let ctx_arg = ctx.to_str().unwrap();
    hutch(&e, &keys, &["build", "-q", "--sign-by", "nobody@example.org", "-t", &built, ctx_arg]).code(125).stderr_has("Error: creating signature: signing with key nobody@example.org: ");
    hutch(&e, &keys, &["build", "-q", "--sign-by", &alice, ctx_arg]).code(125).stderr_has("Error: --sign-by: a signature names the image: give it a name with -t\n");
    assert_eq!(e.hutch(&["images", "-q", "--filter", "dangling=true"]).ok().stdout, "", "a build whose signing failed built something");
    hutch(&e, &keys, &["build", "-q", "--sign-by", &alice, "-t", &built, ctx_arg]).ok();
    e.hutch(&["push", NO_TLS, "--format", "v2s2", &built]).code(125).stderr_has("Error: Would invalidate signatures: the image carries signatures of its manifest (build --sign-by) and --format v2s2 would convert its manifest; ");
    e.hutch(&["push", NO_TLS, &dfarg, &built]).ok().stderr_has("Storing signatures\n");
    let digest = std::fs::read_to_string(&df).unwrap();
    let sig = staging.join(format!("team/built@sha256={}/signature-1", digest.trim_start_matches("sha256:")));
    assert_eq!(claim(&keys, &sig)["critical"]["identity"]["docker-reference"], built.as_str());
    assert_eq!(claim(&keys, &sig)["critical"]["image"]["docker-manifest-digest"], digest.as_str());
    assert!(skopeo_verifies(&e, &host, &built, &alice_pub, &staging), "skopeo refused the built image's signature");
    // Signed again on push: both signatures go, the carried one (alice's) first.
    std::fs::write(&pass, "b0b-secret\n").unwrap();
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &bob, &passarg, &built]).ok();
    let two = sig.with_file_name("signature-2");
    assert_eq!(claim(&keys, &two)["critical"]["identity"]["docker-reference"], built.as_str());
    let made_by = |key: &Path, s: &Path| Command::new("gpgv").arg("--keyring").arg(key).arg(s).output().unwrap().status.success();
    assert!(made_by(&alice_pub, &sig) && !made_by(&bob_pub, &sig), "signature-1 is not alice's");
    assert!(made_by(&bob_pub, &two) && !made_by(&alice_pub, &two), "signature-2 is not bob's");
    // --remove-signatures: the image goes as any other (its layers compressed), unsigned.
    let bare = format!("{host}/team/built:bare");
    e.hutch(&["push", NO_TLS, "--remove-signatures", &dfarg, &built, &bare]).ok();
    let bare_digest = std::fs::read_to_string(&df).unwrap();
    assert_ne!(bare_digest, digest);
    assert!(!staging.join(format!("team/built@sha256={}", bare_digest.trim_start_matches("sha256:"))).exists());

    // Pulls follow policy.json: signedBy (the signature read where registries.d says, checked
    // with gpgv), reject, and anything else accepted.
    e.hutch(&["push", NO_TLS, "demo", &format!("{host}/unsigned:1")]).ok();
    e.hutch(&["push", NO_TLS, "demo", &format!("{host}/rejected:1")]).ok();
    let policy = |scopes: serde_json::Value| {
        let p = e.home.join(".config/containers/policy.json");
        std::fs::write(&p, serde_json::json!({"default": [{"type": "insecureAcceptAnything"}], "transports": {"docker": scopes}}).to_string()).unwrap();
    };
    let signed_by = |key: &Path| serde_json::json!([{"type": "signedBy", "keyType": "GPGKeys", "keyPath": key}]);
    policy(serde_json::json!({
        format!("{host}/signed"): signed_by(&alice_pub), format!("{host}/signedlist"): signed_by(&alice_pub),
        format!("{host}/team"): signed_by(&bob_pub), format!("{host}/unsigned"): signed_by(&alice_pub),
        format!("{host}/rejected"): [{"type": "reject"}]}));
    for ok in [&image, &team, &list_image] {
        e.hutch(&["pull", "-q", NO_TLS, ok]).ok();
    }
    e.hutch(&["pull", "-q", NO_TLS, &format!("{host}/unsigned:1")]).code(125).stderr_has("Error: Source image rejected: A signature was required, but no signature exists\n");
    e.hutch(&["pull", "-q", NO_TLS, &format!("{host}/rejected:1")]).code(125)
        .stderr_has(&format!("Error: Source image rejected: Running image docker://{host}/rejected:1 is rejected by policy.\n"));
    // Signed by a key that has expired since: refused (gpgv alone would take it).
    let old_key = {
        let out = gpg(&keys).args(["--faked-system-time", "20200101T000000", "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", "old <old@example.org>", "ed25519", "sign", "1d"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let list = gpg(&keys).args(["--with-colons", "--list-keys", "old@example.org"]).output().unwrap();
        String::from_utf8_lossy(&list.stdout).lines().find_map(|l| l.strip_prefix("fpr:").map(|f| f.trim_matches(':').to_string())).unwrap()
    };
    let old_pub = export(&old_key, "old");
    let expired = format!("{host}/expired:1");
    e.hutch(&["push", NO_TLS, &dfarg, "demo", &expired]).ok();
    let digest = std::fs::read_to_string(&df).unwrap();
    let claim_text = serde_json::json!({"critical": {"identity": {"docker-reference": expired}, "image": {"docker-manifest-digest": digest}, "type": "atomic container signature"}, "optional": {}}).to_string();
    let sig_dir = default_dir.join(format!("expired@sha256={}", digest.trim_start_matches("sha256:")));
    std::fs::create_dir_all(&sig_dir).unwrap();
    let mut child = gpg(&keys).args(["--faked-system-time", "20200101T120000", "--local-user", &old_key, "--sign", "--output"]).arg(sig_dir.join("signature-1"))
        .stdin(std::process::Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), claim_text.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    policy(serde_json::json!({format!("{host}/expired"): signed_by(&old_pub)}));
    e.hutch(&["pull", "-q", NO_TLS, &expired]).code(125).stderr_has("Error: Source image rejected: Invalid GPG signature: made by a key that has expired or been revoked, or itself expired\n");

    // Signed, but by another key than the policy's: refused, and nothing stored.
    policy(serde_json::json!({format!("{host}/signed"): signed_by(&bob_pub)}));
    e.hutch(&["rmi", &image]).ok();
    e.hutch(&["pull", "-q", NO_TLS, &image]).code(125).stderr_has("Error: Source image rejected: Invalid GPG signature: not made by a key the policy accepts\n");
    assert_eq!(e.hutch(&["image", "exists", &image]).code, 1);

    // Archives follow their transport's scope (they carry no signatures hutch reads).
    let tar = e.dir.join("demo.tar");
    e.hutch(&["save", "-o", tar.to_str().unwrap(), "demo"]).ok();
    let whole = |v: serde_json::Value| std::fs::write(e.home.join(".config/containers/policy.json"), v.to_string()).unwrap();
    whole(serde_json::json!({"default": [{"type": "reject"}], "transports": {"docker-archive": {"": [{"type": "insecureAcceptAnything"}]}}}));
    e.hutch(&["load", "-q", "-i", tar.to_str().unwrap()]).ok();
    whole(serde_json::json!({"default": [{"type": "insecureAcceptAnything"}], "transports": {"docker-archive": {"": [{"type": "reject"}]}}}));
    e.hutch(&["load", "-q", "-i", tar.to_str().unwrap()]).code(125).stderr_has("Error: Source image rejected: Running image docker-archive:archive is rejected by policy.\n");
}

/// Seals a PKCS#8 key as cosign does (scrypt, then NaCl's secretbox, in a JSON box under
/// PEM), with Python's hashlib and libsodium (python3-nacl): apart from hutch's own code.
const SEAL_PY: &str = r#"
import base64, hashlib, json, os, sys
import nacl.secret
der = open(sys.argv[1], 'rb').read()
salt, nonce = os.urandom(32), os.urandom(24)
key = hashlib.scrypt(sys.argv[2].encode(), salt=salt, n=32768, r=8, p=1, maxmem=64 << 20, dklen=32)
sealed = nacl.secret.SecretBox(key).encrypt(der, nonce).ciphertext
box = {"kdf": {"name": "scrypt", "params": {"N": 32768, "r": 8, "p": 1}, "salt": base64.b64encode(salt).decode()},
       "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
       "ciphertext": base64.b64encode(sealed).decode()}
body = base64.b64encode(json.dumps(box).encode()).decode()
lines = [body[i:i + 64] for i in range(0, len(body), 64)]
open(sys.argv[3], 'w').write("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
"#;

/// A sigstore key pair in `dir`, made by openssl: (the private key sealed with `passphrase`,
/// the same key in plain PEM for openssl to sign with, the public key's PEM file).
fn sigstore_key(dir: &Path, name: &str, passphrase: &str) -> (PathBuf, PathBuf, PathBuf) {
    let plain = dir.join(format!("{name}.plain.pem"));
    let ok = Command::new("openssl").args(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out"]).arg(&plain).status().unwrap().success();
    assert!(ok, "openssl genpkey");
    let der = dir.join(format!("{name}.der"));
    assert!(Command::new("openssl").args(["pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in"]).arg(&plain).arg("-out").arg(&der).status().unwrap().success());
    let public = dir.join(format!("{name}.pub"));
    assert!(Command::new("openssl").args(["pkey", "-pubout", "-in"]).arg(&plain).arg("-out").arg(&public).status().unwrap().success());
    let private = dir.join(format!("{name}.key"));
    let out = Command::new("python3").args(["-c", SEAL_PY]).arg(&der).arg(passphrase).arg(&private).output().unwrap();
    assert!(out.status.success(), "sealing the key: {}", String::from_utf8_lossy(&out.stderr));
    (private, plain, public)
}

/// A sigstore signature made apart from hutch: the claim as cosign writes it, signed by
/// openssl with `plain`, attached to `digest` in `repo` as containers/image attaches it.
fn openssl_signs(host: &str, repo: &str, digest: &str, identity: &str, plain: &Path, dir: &Path) {
    openssl_claims(host, repo, digest, digest, identity, plain, dir)
}

/// `openssl_signs`, the claim naming `claimed` where it is attached to `digest`.
fn openssl_claims(host: &str, repo: &str, digest: &str, claimed: &str, identity: &str, plain: &Path, dir: &Path) {
    use base64::Engine as _;
    let claim = serde_json::json!({"critical": {"identity": {"docker-reference": identity}, "image": {"docker-manifest-digest": claimed}, "type": "cosign container image signature"}, "optional": null});
    let payload = dir.join(format!("payload-{}", rand_suffix()));
    std::fs::write(&payload, claim.to_string()).unwrap();
    let out = Command::new("openssl").args(["dgst", "-sha256", "-sign"]).arg(plain).arg(&payload).output().unwrap();
    assert!(out.status.success());
    let payload = std::fs::read(&payload).unwrap();
    let layer = put_blob(host, repo, &payload, None);
    let config = serde_json::json!({"architecture": "", "os": "", "config": {}, "rootfs": {"type": "layers", "diff_ids": [layer]}}).to_string();
    let config_digest = put_blob(host, repo, config.as_bytes(), None);
    let manifest = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.dev.cosign.simplesigning.v1+json", "digest": layer, "size": payload.len(),
            "annotations": {"dev.cosignproject.cosign/signature": base64::engine::general_purpose::STANDARD.encode(&out.stdout)}}]});
    ureq::put(&format!("http://{host}/v2/{repo}/manifests/{}.sig", digest.replacen(':', "-", 1)))
        .set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .send_bytes(manifest.to_string().as_bytes())
        .expect("uploading the attachment");
}

/// The sigstore attachment of `digest` in `repo` (its manifest), read with skopeo.
fn attachment(host: &str, repo: &str, digest: &str) -> serde_json::Value {
    let raw = Command::new("skopeo").args(["inspect", "--raw", "--tls-verify=false", &format!("docker://{host}/{repo}:{}.sig", digest.replacen(':', "-", 1))]).output().unwrap();
    assert!(raw.status.success(), "no attachment for {repo}@{digest}: {}", String::from_utf8_lossy(&raw.stderr));
    serde_json::from_slice(&raw.stdout).unwrap()
}

/// Whether openssl finds a signature layer of the attachment `m` made by `public` over its
/// payload (ECDSA, SHA-256, as cosign and containers/image sign); checked apart from hutch.
fn openssl_verifies(e: &Env, reg: &Registry, m: &serde_json::Value, layer: usize, public: &Path) -> bool {
    use base64::Engine as _;
    let l = &m["layers"][layer];
    let payload = reg.blob_file(l["digest"].as_str().unwrap());
    let sig = e.dir.join(format!("sig-{}", rand_suffix()));
    std::fs::write(&sig, base64::engine::general_purpose::STANDARD.decode(l["annotations"]["dev.cosignproject.cosign/signature"].as_str().unwrap()).unwrap()).unwrap();
    Command::new("openssl").args(["dgst", "-sha256", "-verify"]).arg(public).arg("-signature").arg(&sig).arg(&payload).output().unwrap().status.success()
}

#[test]
fn sigstore_signatures_pushed_checked_apart_and_in_pulls_by_policy() {
    let e = Env::new("sigstore");
    if !have(&[("/usr/bin/docker-registry", "docker-registry"), ("/usr/bin/openssl", "openssl"), ("/usr/bin/skopeo", "skopeo"), ("/usr/lib/python3/dist-packages/nacl", "python3-nacl")]) {
        return;
    }
    e.demo();
    let reg = Registry::start(&e, None);
    let host = reg.host();
    let (key, plain, public) = sigstore_key(&e.dir, "k", "s3cret");
    let (_, other_plain, other_public) = sigstore_key(&e.dir, "other", "x");
    let pass = e.dir.join("pass");
    std::fs::write(&pass, "s3cret\nignored second line\n").unwrap();
    let keyarg = format!("--sign-by-sigstore-private-key={}", key.display());
    let passarg = format!("--sign-passphrase-file={}", pass.display());
    let df = e.dir.join("digest");
    let dfarg = format!("--digestfile={}", df.display());
    let image = format!("{host}/sig:1");

    // Without use-sigstore-attachments, nothing is pushed.
    e.hutch(&["push", NO_TLS, &keyarg, &passarg, "demo", &image]).code(125)
        .stderr_has(&format!("Error: writing sigstore attachments is disabled by configuration: add `use-sigstore-attachments: true` for {host}/sig (or under default-docker) to a .yaml file in "));
    assert_ne!(e.hutch(&["pull", NO_TLS, &image]).code, 0, "pushed without its signature");
    let rd = e.home.join(".config/containers/registries.d");
    std::fs::create_dir_all(&rd).unwrap();
    std::fs::write(rd.join("sigstore.yaml"), "default-docker:\n  use-sigstore-attachments: true\n").unwrap();

    // A wrong passphrase pushes nothing either; so does no passphrase (no terminal to ask on).
    let wrong = e.dir.join("wrong");
    std::fs::write(&wrong, "nope\n").unwrap();
    e.hutch(&["push", NO_TLS, &keyarg, &format!("--sign-passphrase-file={}", wrong.display()), "demo", &image]).code(125)
        .stderr_has(&format!("Error: --sign-by-sigstore-private-key {}: decrypt: the passphrase is wrong", key.display()));
    e.hutch(&["push", NO_TLS, &keyarg, "demo", &image]).code(125).stderr_has("decrypt: the passphrase is wrong");
    assert_ne!(e.hutch(&["pull", NO_TLS, &image]).code, 0, "pushed without its signature");
    e.hutch(&["push", NO_TLS, "--sign-by", "x", &keyarg, &passarg, "demo", &image]).code(125)
        .stderr_has("Error: only one of --sign-by and sign-by-sigstore-private-key can be used with --sign-passphrase-file\n");

    // Signed: the attachment is where containers/image looks, with cosign's claim, and openssl
    // finds the signature made by this key and not another.
    let o = e.hutch(&["push", NO_TLS, &keyarg, &passarg, &dfarg, "demo", &image]);
    o.ok().stderr_has("Signing manifest using a sigstore signature\n").stderr_has("Storing signatures\n");
    let digest = std::fs::read_to_string(&df).unwrap();
    let m = attachment(&host, "sig", &digest);
    assert_eq!(m["mediaType"], "application/vnd.oci.image.manifest.v1+json");
    assert_eq!(m["layers"][0]["mediaType"], "application/vnd.dev.cosign.simplesigning.v1+json");
    let claim: serde_json::Value = serde_json::from_slice(&std::fs::read(reg.blob_file(m["layers"][0]["digest"].as_str().unwrap())).unwrap()).unwrap();
    assert_eq!(claim["critical"]["type"], "cosign container image signature");
    assert_eq!(claim["critical"]["identity"]["docker-reference"], image.as_str());
    assert_eq!(claim["critical"]["image"]["docker-manifest-digest"], digest.as_str());
    assert!(openssl_verifies(&e, &reg, &m, 0, &public), "openssl refused the signature");
    assert!(!openssl_verifies(&e, &reg, &m, 0, &other_public), "openssl took the signature for another key");
    // Pushed again (a second later, so the claim's timestamp differs), the signature is added
    // beside the first, as containers/image adds it.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    e.hutch(&["push", NO_TLS, &keyarg, &passarg, "demo", &image]).ok();
    let m = attachment(&host, "sig", &digest);
    assert_eq!(m["layers"].as_array().unwrap().len(), 2, "{m}");
    assert!(openssl_verifies(&e, &reg, &m, 1, &public));

    // A signature made apart from hutch (openssl, the claim as cosign writes it), which
    // hutch checks below; and one by another key beside it.
    let by_openssl = format!("{host}/byopenssl:1");
    e.hutch(&["push", NO_TLS, &dfarg, "demo", &by_openssl]).ok();
    let other_digest = std::fs::read_to_string(&df).unwrap();
    openssl_signs(&host, "byopenssl", &other_digest, &by_openssl, &plain, &e.dir);
    // hutch adds its signature to an attachment another tool made (one by another key).
    let two_keys = format!("{host}/twokeys:1");
    e.hutch(&["push", NO_TLS, "demo", &two_keys]).ok();
    openssl_signs(&host, "twokeys", &other_digest, &two_keys, &other_plain, &e.dir);
    e.hutch(&["push", NO_TLS, &keyarg, &passarg, "demo", &two_keys]).ok();
    let m = attachment(&host, "twokeys", &other_digest);
    assert_eq!(m["layers"].as_array().unwrap().len(), 2, "{m}");
    assert!(openssl_verifies(&e, &reg, &m, 0, &other_public) && openssl_verifies(&e, &reg, &m, 1, &public));

    // A manifest list: the list and its image signed.
    e.hutch(&["manifest", "create", "slist", "demo"]).ok();
    let list_image = format!("{host}/siglist:1");
    e.hutch(&["manifest", "push", NO_TLS, &keyarg, &passarg, &dfarg, "slist", &list_image]).ok().stderr_has("Storing list signatures\n");
    let list_digest = std::fs::read_to_string(&df).unwrap();
    assert!(openssl_verifies(&e, &reg, &attachment(&host, "siglist", &list_digest), 0, &public));

    // Pulls under policy.json's sigstoreSigned (keyPath, keyData).
    e.hutch(&["push", NO_TLS, "demo", &format!("{host}/unsigned:1")]).ok();
    let policy = |scopes: serde_json::Value| {
        std::fs::write(e.home.join(".config/containers/policy.json"), serde_json::json!({"default": [{"type": "insecureAcceptAnything"}], "transports": {"docker": scopes}}).to_string()).unwrap();
    };
    let by_path = |k: &Path| serde_json::json!([{"type": "sigstoreSigned", "keyPath": k}]);
    use base64::Engine as _;
    let data = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&public).unwrap());
    policy(serde_json::json!({
        format!("{host}/sig"): by_path(&public), format!("{host}/byopenssl"): [{"type": "sigstoreSigned", "keyData": data}],
        format!("{host}/siglist"): by_path(&public), format!("{host}/unsigned"): by_path(&public), format!("{host}/twokeys"): by_path(&public)}));
    for ok in [&image, &by_openssl, &list_image, &two_keys] {
        e.hutch(&["pull", "-q", NO_TLS, ok]).ok();
        e.hutch(&["rmi", ok]).ok();
    }
    e.hutch(&["pull", "-q", NO_TLS, &format!("{host}/unsigned:1")]).code(125).stderr_has("Error: Source image rejected: A signature was required, but no signature exists\n");
    // Another key: refused, nothing stored.
    policy(serde_json::json!({format!("{host}/sig"): by_path(&other_public)}));
    let o = e.hutch(&["pull", "-q", NO_TLS, &image]);
    o.code(125).stderr_has("Error: Source image rejected: None of the signatures were accepted, reasons: cryptographic signature verification failed: invalid signature; cryptographic signature verification failed: invalid signature\n");
    assert_eq!(e.hutch(&["image", "exists", &image]).code, 1);
    // A good signature of another image, attached to this one: refused.
    let moved = format!("{host}/moved:1");
    e.hutch(&["push", NO_TLS, "--format", "v2s2", &dfarg, "demo", &moved]).ok();
    let moved_digest = std::fs::read_to_string(&df).unwrap();
    openssl_claims(&host, "moved", &moved_digest, &other_digest, &moved, &plain, &e.dir);
    policy(serde_json::json!({format!("{host}/moved"): by_path(&public)}));
    e.hutch(&["pull", "-q", NO_TLS, &moved]).code(125).stderr_has(&format!("Error: Source image rejected: Signature for digest {other_digest} does not match\n"));
    // Another identity: refused.
    policy(serde_json::json!({format!("{host}/byopenssl"): [{"type": "sigstoreSigned", "keyPath": public, "signedIdentity": {"type": "exactReference", "dockerReference": format!("{host}/elsewhere:1")}}]}));
    e.hutch(&["pull", "-q", NO_TLS, &by_openssl]).code(125).stderr_has(&format!("Error: Source image rejected: Signature for identity {by_openssl} is not accepted\n"));
    // Attachments not enabled for reading: no signature to be found, and the reason.
    std::fs::remove_file(rd.join("sigstore.yaml")).unwrap();
    policy(serde_json::json!({format!("{host}/sig"): by_path(&public)}));
    e.hutch(&["pull", "-q", NO_TLS, &image]).code(125).stderr_has("Error: Source image rejected: A signature was required, but no signature exists (sigstore signatures are read only where registries.d says `use-sigstore-attachments: true` for ");
}
