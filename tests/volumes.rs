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
    e.hutch(&["run", "--rm", "-v", "/no/such/x:/y:U", "demo", "true"]).code(125).stderr_has("/no/such/x");
    e.hutch(&["run", "--rm", "--mount", "type=nfs,dst=/x", "demo", "true"]).code(125).stderr_has("not supported");
    // The same -v twice is one mount (Podman dedups them); another one on the same place is not.
    let o = e.hutch(&["run", "--rm", "-v", &spec, "-v", &spec, "demo", "sh", "-c", "grep -c ' /mnt ' /proc/self/mountinfo"]);
    assert_eq!(o.ok().stdout, "1\n");
    e.hutch(&["run", "--rm", "-v", &spec, "-v", &ro, "demo", "true"]).code(125).stderr_has("Error: /mnt: duplicate mount destination");
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

#[test]
fn diff_system_df_prune_and_reset() {
    let e = Env::new("sysdf");
    e.demo();
    e.hutch(&["run", "--name", "changer", "demo", "sh", "-c", "echo x > /new; rm /bin/ls; echo y >> /etc/passwd"]).ok();
    let d = e.hutch(&["diff", "changer"]);
    let lines: Vec<&str> = d.ok().stdout.lines().collect();
    for want in ["A /new", "D /bin/ls", "C /etc/passwd"] {
        assert!(lines.contains(&want), "{want} missing from {lines:?}");
    }
    assert!(!lines.iter().any(|l| l.contains("/etc/hosts")), "hutch's own mount points are not changes");
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["diff", "--format", "json", "changer"]).ok().stdout).unwrap();
    assert!(j["deleted"].as_array().unwrap().iter().any(|v| v == "/bin/ls"));

    // system df against du over the same directories (inside the user namespace).
    let df: serde_json::Value = serde_json::from_str(&e.hutch(&["system", "df", "--format", "json"]).ok().stdout).unwrap();
    let containers_raw = df[1]["RawSize"].as_u64().unwrap();
    let du = e.hutch(&["unshare", "du", "-s", "-B1", e.data().join("containers").to_str().unwrap()]);
    let du_bytes: u64 = du.ok().stdout.split_whitespace().next().unwrap().parse().unwrap();
    let dir_itself = 4096;
    assert!(containers_raw + dir_itself >= du_bytes * 9 / 10 && containers_raw <= du_bytes + dir_itself, "df {containers_raw} vs du {du_bytes}");
    assert_eq!(df[0]["Total"], 1);
    assert_eq!(df[1]["Total"], 1);

    // prune removes exactly the unused: the stopped container and, with -a, the then unused image.
    e.hutch(&["volume", "create", "spare"]).ok();
    let mut running = e.cmd(&["run", "--name", "keeper", "-v", "inuse:/x", "demo", "sleep", "30"])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.trim().len() == 12));
    let o = e.hutch(&["system", "prune", "-f", "--volumes", "-a"]);
    o.ok().stdout_has("Deleted Containers").stdout_has("spare");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout.lines().count(), 1, "the running container stays");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout.trim(), "inuse", "a volume in use stays");
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 1, "an image in use stays");
    e.hutch(&["system", "reset", "-f"]).ok().stdout_has("Removed 1 container(s), 1 image(s) and 1 volume(s)");
    let _ = running.wait();
    assert!(!e.data().exists(), "reset removes the store");
    e.hutch(&["images"]).ok();
}

#[test]
fn commit_then_run_the_new_image_with_whiteouts_and_opaque_dirs() {
    let e = Env::new("commit");
    e.demo();
    e.hutch(&["run", "--name", "c1", "demo", "sh", "-c",
        "echo committed > /new; rm /bin/ls; rm -rf /home; mkdir /home; echo only > /home/only"]).ok();
    let id = e.hutch(&["commit", "-q", "-c", "CMD [\"cat\", \"/new\"]", "-m", "my change", "c1", "mine"]).ok().stdout.trim().to_string();
    assert_eq!(id.len(), 64);
    e.hutch(&["run", "--rm", "mine"]).ok().stdout_has("committed");
    let o = e.hutch(&["run", "--rm", "mine", "sh", "-c", "test -e /bin/ls && echo ls-back; ls /home"]);
    assert_eq!(o.ok().stdout, "only\n", "whiteouts and opaque directories must survive a commit");
    e.hutch(&["image", "history", "mine"]).ok().stdout_has("my change");
    // The new image shares the base layer and adds one.
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "mine"]).ok().stdout).unwrap();
    assert_eq!(j[0]["RootFS"]["Layers"].as_array().unwrap().len(), 2);
    e.hutch(&["commit", "nothere", "x"]).code(125).stderr_has("no container");
}

#[test]
fn cp_in_and_out_of_stopped_and_running_containers_never_escapes() {
    let e = Env::new("cp");
    e.demo();
    let host = e.dir.join("h");
    std::fs::create_dir_all(host.join("tree/sub")).unwrap();
    std::fs::write(host.join("file.txt"), "hostfile").unwrap();
    std::fs::write(host.join("tree/sub/leaf"), "leaf").unwrap();
    let outside = e.dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let out = e.dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let link = format!("ln -s {} /escape; echo inside > /in.txt", outside.display());
    e.hutch(&["run", "--name", "s", "demo", "sh", "-c", &link]).ok();
    // Out: a file and a tree; files belong to the caller.
    e.hutch(&["cp", "s:/in.txt", out.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(out.join("in.txt")).unwrap(), "inside\n");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(out.join("in.txt")).unwrap().uid(), uid());
    e.hutch(&["cp", "s:/etc", out.join("etc-copy").to_str().unwrap()]).ok();
    assert!(out.join("etc-copy/passwd").exists());
    // In, stopped: through the symlink that points at a host directory, the copy stays inside.
    e.hutch(&["cp", host.join("file.txt").to_str().unwrap(), "s:/escape/"]).code(125);
    e.hutch(&["cp", host.join("tree").to_str().unwrap(), "s:/"]).ok();
    e.hutch(&["cp", host.join("file.txt").to_str().unwrap(), "s:/renamed.txt"]).ok();
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "cp followed a container symlink onto the host");
    e.hutch(&["cp", "s:/tree/sub/leaf", out.join("leaf").to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(out.join("leaf")).unwrap(), "leaf");
    e.hutch(&["cp", "s:/renamed.txt", out.join("r").to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(out.join("r")).unwrap(), "hostfile");
    // Out through the symlink: the container's view, not the host's.
    e.hutch(&["cp", "s:/escape/anything", out.join("x").to_str().unwrap()]).code(125);

    // Running: in and out, even into a directory owned by a subordinate id.
    let mut k = e.cmd(&["run", "--name", "r", "demo", "sleep", "30"])
        .stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    assert!(wait_for(10, || e.hutch(&["ps", "-q"]).stdout.trim().len() == 12));
    e.hutch(&["cp", host.join("file.txt").to_str().unwrap(), "r:/tmp/live.txt"]).ok();
    e.hutch(&["cp", host.join("tree").to_str().unwrap(), "r:/home/tester/"]).ok();
    e.hutch(&["cp", "r:/tmp/live.txt", out.join("live").to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(out.join("live")).unwrap(), "hostfile");
    e.hutch(&["cp", "r:/home/tester/tree/sub/leaf", out.join("leaf2").to_str().unwrap()]).ok();
    e.hutch(&["rm", "-f", "r"]).ok();
    let _ = k.wait();
    e.hutch(&["cp", "a", "b"]).code(125).stderr_has("CONTAINER:PATH");
    e.hutch(&["cp", "nothere:/x", out.to_str().unwrap()]).code(125).stderr_has("no container");
}

#[test]
fn the_copying_driver_isolates_containers_and_honours_whiteouts() {
    let e = Env::new("vfs");
    e.demo();
    e.hutch(&["run", "--name", "c", "demo", "sh", "-c", "rm /bin/ls; rm -rf /home; mkdir /home; echo only > /home/only"]).ok();
    e.hutch(&["commit", "-q", "c", "layered"]).ok();
    let o = e.hutch(&["--storage-driver", "vfs", "run", "--rm", "layered", "sh", "-c", "test -e /bin/ls && echo ls-back; ls /home"]);
    assert_eq!(o.ok().stdout, "only\n");
    // Two containers of one image: a change in one is invisible to the other and the image.
    e.hutch(&["--storage-driver", "vfs", "run", "--name", "a", "demo", "sh", "-c", "echo mine > /etc/motd"]).ok();
    e.hutch(&["--storage-driver", "vfs", "run", "--rm", "demo", "sh", "-c", "test -e /etc/motd && echo leaked; true"]).ok();
    assert!(!e.hutch(&["--storage-driver", "vfs", "run", "--rm", "demo", "cat", "/etc/motd"]).stdout.contains("mine"));
    let out = e.dir.join("motd");
    e.hutch(&["cp", "a:/etc/motd", out.to_str().unwrap()]).ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine\n");
    e.hutch(&["--storage-driver", "zfs", "run", "--rm", "demo", "true"]).code(125).stderr_has("not supported");
    // storage.conf (Podman's file) chooses the driver too.
    std::fs::write(e.home.join(".config/containers/storage.conf"), "[storage]\ndriver = \"vfs\"\n").unwrap();
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["info", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(v["store"]["graphDriverName"], "vfs");
    // A storage.conf that is not TOML is named, as Podman names it, not passed over.
    let conf = e.home.join(".config/containers/storage.conf");
    std::fs::write(&conf, "[storage\ndriver = \"vfs\"\n").unwrap();
    e.hutch(&["images"]).code(125).stderr_has(&format!("Error: {}: ", conf.display())).stderr_has(": fix it or move it away\n");
    std::fs::remove_file(&conf).unwrap();
    e.hutch(&["images"]).ok();
}


/// What a container of the copying driver changed is found by comparing its copy with the
/// image's layers: `diff`, `commit` and `build` see exactly what an overlay's upper holds.
#[test]
fn the_copying_driver_diffs_commits_and_builds_as_overlay_does() {
    let e = Env::new("vfs-changes");
    e.demo();
    // An image of two layers, the second with an opaque directory, a hard link and a whiteout.
    let ctx = e.dir.join("base");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nRUN rm -rf /var && mkdir /var && echo x > /var/x && ln /etc/passwd /etc/hl && rm /etc/group\n").unwrap();
    e.hutch(&["build", "-q", "-t", "base2", ctx.to_str().unwrap()]).ok();
    let script = "echo new > /newfile; echo changed > /etc/motd2; chmod 700 /root; rm -rf /usr/bin; rm /bin/true; \
        mkfifo /fifo; ln -s /x /link; mkdir -p /d/e; echo hi > /d/e/f; echo y > /var/y; \
        rm -rf /home; ln -s /tmp /home; \
        cp -p /var/x /tmp/ref; sed -i s/x/z/ /var/x; touch -r /tmp/ref /var/x";
    e.hutch(&["run", "--name", "o", "base2", "sh", "-c", script]).ok();
    e.hutch(&["--storage-driver", "vfs", "run", "--name", "v", "base2", "sh", "-c", script]).ok();
    let want = e.hutch(&["diff", "o"]).ok().stdout.clone();
    for line in ["D /usr/bin\n", "A /d/e/f\n", "C /root\n", "C /home\n", "C /var/x\n", "A /var/y\n"] {
        assert!(want.contains(line), "{line:?} not in {want}");
    }
    assert_eq!(e.hutch(&["diff", "v"]).ok().stdout, want);
    // Committed, each layer holds the same entries with the same headers, and runs the same.
    let layer_entries = |img: &str| {
        let top = e.hutch(&["image", "inspect", "--format", "{{index .RootFS.Layers 2}}", img]).ok().stdout.trim().trim_start_matches("sha256:").to_string();
        let out = e.dir.join(format!("{img}.tar"));
        e.hutch(&["save", "-o", out.to_str().unwrap(), img]).ok();
        let mut a = tar::Archive::new(std::fs::File::open(&out).unwrap());
        let mut entries = Vec::new();
        for entry in a.entries().unwrap() {
            let mut entry = entry.unwrap();
            if entry.path().unwrap().to_string_lossy().contains(&top) {
                let mut inner = tar::Archive::new(&mut entry);
                for x in inner.entries().unwrap() {
                    let x = x.unwrap();
                    // (Not the times: the two containers ran a second apart.)
                    let h = x.header();
                    entries.push(format!("{} {:?} {:o} {}:{} {} {:?}", x.path().unwrap().display(), h.entry_type(), h.mode().unwrap(), h.uid().unwrap(), h.gid().unwrap(),
                        h.size().unwrap(), h.link_name().unwrap()));
                }
                entries.sort();
            }
        }
        entries
    };
    e.hutch(&["commit", "-q", "o", "from-overlay"]).ok();
    e.hutch(&["--storage-driver", "vfs", "commit", "-q", "v", "from-vfs"]).ok();
    let entries = layer_entries("from-overlay");
    assert!(entries.iter().any(|l| l.starts_with("usr/.wh.bin ")) && entries.iter().any(|l| l.starts_with("d/e/f ")), "{entries:?}");
    assert_eq!(layer_entries("from-vfs"), entries);
    let check = "cat /newfile /d/e/f /var/x; test -e /bin/true || echo no-true; test -e /usr/bin || echo no-usr-bin; stat -c %a /root; readlink /home; cat /etc/hl | head -c 4; echo";
    assert_eq!(e.hutch(&["--storage-driver", "vfs", "run", "--rm", "from-vfs", "sh", "-c", check]).ok().stdout, "new\nhi\nz\nno-true\nno-usr-bin\n700\n/tmp\nroot\n");
    // A build's RUN steps on the copying driver: each step's changes, deletions included.
    let ctx = e.dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(ctx.join("Containerfile"), "FROM demo\nRUN echo one > /one && rm /bin/true\nRUN rm /one && echo two > /two\n").unwrap();
    e.hutch(&["--storage-driver", "vfs", "build", "-q", "-t", "built", ctx.to_str().unwrap()]).ok();
    assert_eq!(e.hutch(&["--storage-driver", "vfs", "run", "--rm", "built", "sh", "-c", "test -e /one || echo no-one; cat /two; test -e /bin/true || echo no-true"]).ok().stdout, "no-one\ntwo\nno-true\n");
    assert_eq!(e.hutch(&["image", "inspect", "--format", "{{len .RootFS.Layers}}", "built"]).ok().stdout, "3\n");
}

#[test]
fn where_native_overlay_is_refused_another_driver_takes_over_with_a_warning() {
    let e = Env::new("fallback");
    e.demo();
    // The probe's answer is kept in the store; this is what a refusing kernel leaves there.
    std::fs::write(e.data().join("store.json"), r#"{"native_overlay": false, "native_overlay_error": "mount: operation not permitted"}"#).unwrap();
    let o = e.hutch(&["run", "--rm", "demo", "echo", "still runs"]);
    // fuse-overlayfs where it is usable, else the copying driver; announced either way.
    o.ok().stdout_has("still runs").stderr_has("native overlay is refused here").stderr_has("falling back to");
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["info", "--format", "json"]).ok().stdout).unwrap();
    let d = v["store"]["graphDriverName"].as_str().unwrap().to_string();
    assert!(d == "fuse-overlayfs" || d == "vfs", "{d}");
}

#[test]
fn mount_and_unmount_inside_unshare() {
    let e = Env::new("mount");
    e.demo();
    e.hutch(&["run", "--name", "m", "demo", "true"]).ok();
    assert_eq!(e.hutch(&["diff", "m"]).stdout, "", "a container that changed nothing has no diff");
    e.hutch(&["mount", "m"]).code(125).stderr_has("hutch unshare");
    let bin = bin();
    let script = format!("d=$({b} mount m) && head -1 $d/etc/passwd && echo x > $d/newfile && {b} unmount m", b = bin.display());
    e.hutch(&["unshare", "sh", "-c", &script]).ok().stdout_has("root:x:0:0");
    e.hutch(&["diff", "m"]).ok().stdout_has("A /newfile");
}

#[test]
fn overlay_and_chown_volume_options() {
    let e = Env::new("volopts");
    e.demo();
    let host = e.dir.join("src");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("f"), "orig").unwrap();
    let o = format!("{}:/mnt:O", host.display());
    e.hutch(&["run", "--rm", "-v", &o, "demo", "sh", "-c", "echo changed > /mnt/f; echo new > /mnt/n; cat /mnt/f"]).ok().stdout_has("changed");
    assert_eq!(std::fs::read_to_string(host.join("f")).unwrap(), "orig", ":O must not write to the host directory");
    assert!(!host.join("n").exists());
    if subuid_range().is_some() {
        let u = format!("{}:/data:U", host.display());
        e.hutch(&["run", "--rm", "-u", "tester", "-v", &u, "demo", "sh", "-c", "stat -c %u /data/f; echo w > /data/w"]).ok().stdout_has("1000");
        e.hutch(&["run", "--rm", "-u", "tester", "-v", "owned:/home/tester/data:U", "demo", "sh", "-c", "touch /home/tester/data/ok"]).ok();
    }
    e.hutch(&["run", "--rm", "-v", "vol:/x:O", "demo", "true"]).code(125).stderr_has("host directory");
}

#[test]
fn fuse_overlayfs_from_storage_conf_mounts_roots_and_is_stopped_after() {
    if !std::path::Path::new("/usr/bin/fuse-overlayfs").exists() || std::fs::OpenOptions::new().read(true).write(true).open("/dev/fuse").is_err() {
        return skip("fuse-overlayfs or /dev/fuse not usable");
    }
    let e = Env::new("fuse");
    e.demo();
    std::fs::write(e.home.join(".config/containers/storage.conf"),
        "[storage]\ndriver = \"overlay\"\n[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n").unwrap();
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["info", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(v["store"]["graphDriverName"], "fuse-overlayfs");
    e.hutch(&["run", "--rm", "demo", "sh", "-c", "mount | head -1"]).ok().stdout_has("fuse-overlayfs");
    e.hutch(&["run", "--name", "f", "demo", "sh", "-c", "rm /bin/ls; rm -rf /home; mkdir /home; echo only > /home/only; echo kept > /kept"]).ok();
    let d = e.hutch(&["diff", "f"]).ok().stdout.clone();
    assert!(d.contains("D /bin/ls") && d.contains("A /kept") && !d.contains(".wh."), "{d}");
    e.hutch(&["commit", "-q", "f", "fromfuse"]).ok();
    std::fs::remove_file(e.home.join(".config/containers/storage.conf")).unwrap();
    // The committed image runs on native overlay with the same view.
    let o = e.hutch(&["run", "--rm", "fromfuse", "sh", "-c", "test -e /bin/ls && echo ls-back; ls /home; cat /kept"]);
    assert_eq!(o.ok().stdout, "only\nkept\n");
    if subuid_range().is_some() {
        std::fs::write(e.home.join(".config/containers/storage.conf"),
            "[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\n").unwrap();
        e.hutch(&["run", "--rm", "-u", "tester", "demo", "sh", "-c", "touch /tmp/t && echo ok"]).ok().stdout_has("ok");
    }
    // No daemon outlives its container.
    let left = std::process::Command::new("pgrep").args(["-f", &format!("fuse-overlayfs.*{}", e.dir.display())]).output().unwrap();
    assert!(left.stdout.is_empty(), "fuse-overlayfs left running: {}", String::from_utf8_lossy(&left.stdout));
}

#[test]
fn storage_conf_places_the_store_and_a_killed_removal_is_finished_later() {
    let e = Env::new("storeconf");
    let g = e.dir.join("graph");
    std::fs::write(e.home.join(".config/containers/storage.conf"), format!("[storage]\ngraphroot = \"{}\"\n", g.display())).unwrap();
    e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "demo"]).ok();
    assert!(g.join("hutch/images.json").exists(), "graphroot from storage.conf holds the store (in hutch/)");
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["info", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(v["store"]["graphRoot"], g.join("hutch").to_str().unwrap());
    // What a removal killed midway leaves: the container moved out of containers/ into tmp/.
    e.hutch(&["run", "--name", "half", "demo", "sh", "-c", "echo x > /x"]).ok();
    let id = e.hutch(&["ps", "-a", "-q", "--no-trunc"]).stdout.trim().to_string();
    let store = g.join("hutch");
    // (A clock tick later, so the containers directory's time changes even where the
    // kernel's timestamps are coarse: the listing's index is checked against it.)
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::rename(store.join("containers").join(&id), store.join("tmp").join(format!("rm-{id}"))).unwrap();
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "", "a half-removed container is never listed");
    assert_eq!(std::fs::read_dir(store.join("tmp")).unwrap().count(), 0, "the next command finished the removal");
    e.hutch(&["run", "--name", "half", "demo", "true"]).ok();
}
