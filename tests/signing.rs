//! `push --sign-by` end to end, as the unprivileged user: keys made with gpg (Debian's
//! gnupg) in a keyring of the test's own, images pushed to Debian's docker-registry on
//! loopback (an image, and a manifest list with `manifest push`), signatures where
//! registries.d says (or the default), their claim as Podman writes it, skopeo verifying
//! them against a `signedBy` policy, and hutch's own pulls under a policy.json.

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

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::SeqCst).to_string()
}

#[test]
fn signatures_pushed_verify_in_skopeo_and_in_pulls_by_policy() {
    let e = Env::new("sign");
    for (tool, pkg) in [("/usr/bin/docker-registry", "docker-registry"), ("/usr/bin/gpg", "gnupg"), ("/usr/bin/skopeo", "skopeo")] {
        if !Path::new(tool).exists() {
            skip(&format!("{pkg} (Debian package) is not installed"));
            return;
        }
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
    hutch(&e, &keys, &["push", NO_TLS, "--sign-by", &alice, "demo", &nowhere]).code(125).stderr_has("Error: --sign-by: cannot store signatures in /nowhere/elsewhere/x@sha256=");
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
    e.hutch(&["push", NO_TLS, "--sign-by-sigstore-private-key", "/k", "demo", &never]).code(125).stderr_has("--sign-by-sigstore-private-key: hutch signs with GPG keys only (--sign-by)");
    e.hutch(&["push", NO_TLS, &passarg, "demo", &never]).code(125).stderr_has("--sign-passphrase-file is for the key of --sign-by");
    let tar = e.dir.join("x.tar");
    e.hutch(&["push", "--sign-by", &alice, "demo", &format!("docker-archive:{}", tar.display())]).code(125).stderr_has("hutch signs images pushed to a registry only");

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
