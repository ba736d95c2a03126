//! Volumes end to end: bind mounts, named volumes (seeded, persistent), anonymous volumes
//! from the image's VOLUME list, tmpfs, --mount, and the `volume` commands.

mod common;
use common::*;

#[test]
fn bind_mounts_belong_to_the_caller_and_ro_is_enforced() {
    let e = Env::new("bind");
    e.demo();
    let host = e.dir.join("shared");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("in"), "from host").unwrap();
    let spec = format!("{}:/mnt", host.display());
    e.hutch(&["run", "--rm", "-v", &spec, "demo", "sh", "-c", "cat /mnt/in; echo out > /mnt/out"]).ok().stdout_has("from host");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(host.join("out")).unwrap().uid(), uid(), "files root writes in a bind mount belong to the caller");
    let ro = format!("{}:/mnt:ro", host.display());
    e.hutch(&["run", "--rm", "-v", &ro, "demo", "sh", "-c", "echo x > /mnt/nope"]).code(1).stderr_has("Read-only file system");
    let m = format!("type=bind,src={},dst=/m,ro", host.display());
    e.hutch(&["run", "--rm", "--mount", &m, "demo", "sh", "-c", "cat /m/in; touch /m/x"]).code(1).stdout_has("from host");
    e.hutch(&["run", "--rm", "-v", "/no/such/dir:/mnt", "demo", "true"]).code(125).stderr_has("/no/such/dir");
    e.hutch(&["run", "--rm", "-v", "data:relative", "demo", "true"]).code(125).stderr_has("absolute");
    e.hutch(&["run", "--rm", "-v", "/x:bogus", "demo", "true"]).code(125).stderr_has("unknown option `bogus`");
    e.hutch(&["run", "--rm", "-v", "/x:/y:U", "demo", "true"]).code(125).stderr_has("not supported yet");
    e.hutch(&["run", "--rm", "--mount", "type=nfs,dst=/x", "demo", "true"]).code(125).stderr_has("not supported");
}

#[test]
fn named_volumes_are_seeded_from_the_image_and_persist() {
    let e = Env::new("named");
    e.demo();
    e.hutch(&["run", "--rm", "-v", "homes:/home", "demo", "sh", "-c", "stat -c '%u %n' /home/tester; echo kept > /home/note"]).ok()
        .stdout_has(if subuid_range().is_some() { "1000 /home/tester" } else { "/home/tester" });
    e.hutch(&["run", "--rm", "-v", "homes:/srv", "demo", "cat", "/srv/note"]).ok().stdout_has("kept");
    e.hutch(&["volume", "ls"]).ok().stdout_has("DRIVER").stdout_has("homes");
    e.hutch(&["volume", "exists", "homes"]).code(0);
    e.hutch(&["volume", "exists", "nope"]).code(1);
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["volume", "inspect", "homes"]).ok().stdout).unwrap();
    assert_eq!(v[0]["Name"], "homes");
    // --mount type=volume and a volume made beforehand with a label.
    e.hutch(&["volume", "create", "--label", "team=a", "made"]).ok().stdout_has("made");
    e.hutch(&["volume", "create", "made"]).code(125).stderr_has("already exists");
    e.hutch(&["run", "--rm", "--mount", "type=volume,src=made,dst=/data", "demo", "sh", "-c", "echo hi > /data/f"]).ok();
    e.hutch(&["run", "--rm", "-v", "made:/d:ro", "demo", "cat", "/d/f"]).ok().stdout_has("hi");
    e.hutch(&["volume", "create", "bad/name"]).code(125).stderr_has("invalid volume name");
}

#[test]
fn anonymous_volumes_come_from_volume_and_go_with_rm_v() {
    let e = Env::new("anon");
    e.hutch(&["import", "-q", "--change", "VOLUME /data", "--change", "CMD [\"sh\"]", busybox_tar().to_str().unwrap(), "vol"]).ok();
    e.hutch(&["run", "--name", "a", "vol", "sh", "-c", "echo x > /data/x"]).ok();
    let vols = e.hutch(&["volume", "ls", "-q"]).stdout;
    assert_eq!(vols.lines().count(), 1);
    assert_eq!(vols.trim().len(), 64, "anonymous volumes get random names");
    e.hutch(&["run", "--name", "b", "-v", "keep:/data", "vol", "true"]).ok();
    e.hutch(&["rm", "-v", "a", "b"]).ok();
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.trim(), "keep", "rm -v removes anonymous volumes, never named ones");
    e.hutch(&["run", "--rm", "vol", "true"]).ok();
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.trim(), "keep", "--rm takes the anonymous volume along");
}

#[test]
fn tmpfs_size_is_enforced() {
    let e = Env::new("tmpfs");
    e.demo();
    let o = e.hutch(&["run", "--rm", "--tmpfs", "/t:size=1m", "demo", "sh", "-c", "dd if=/dev/zero of=/t/f bs=1k count=2048"]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("No space left"), "{}", o.stderr);
    e.hutch(&["run", "--rm", "--mount", "type=tmpfs,dst=/t,tmpfs-size=2m", "demo", "sh", "-c", "df -k /t | tail -1"]).ok().stdout_has("2048");
}

#[test]
fn volumes_in_use_are_kept_and_prune_removes_only_unused() {
    let e = Env::new("volrm");
    e.demo();
    e.hutch(&["run", "--name", "user", "-v", "used:/u", "demo", "true"]).ok();
    e.hutch(&["volume", "create", "idle"]).ok();
    e.hutch(&["volume", "rm", "used"]).code(2).stderr_has("is being used");
    e.hutch(&["volume", "rm", "nothere"]).code(1).stderr_has("no volume with name");
    e.hutch_stdin(&["volume", "prune"], b"n\n").ok();
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.lines().count(), 2);
    e.hutch(&["volume", "prune", "-f"]).ok().stdout_has("idle");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.trim(), "used");
    e.hutch(&["volume", "rm", "-f", "used"]).ok();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "", "volume rm -f removes the containers using it");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout, "");
}
