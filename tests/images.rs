//! import, images, rmi end to end, including hostile tarballs.

mod common;
use common::*;

#[test]
fn import_lists_and_runs_with_changes() {
    let e = Env::new("import");
    let o = e.hutch(&["import", "--change", "CMD [\"echo\", \"from-cmd\"]", "--change", "ENV GREETING=hi", "--change", "WORKDIR /srv", "--message", "test image", busybox_tar().to_str().unwrap(), "demo"]);
    o.ok();
    let id = o.stdout.trim().trim_start_matches("sha256:").to_string();
    assert_eq!(id.len(), 64);
    let imgs = e.hutch(&["images"]);
    let lines: Vec<&str> = imgs.ok().stdout.lines().collect();
    assert!(lines[0].starts_with("REPOSITORY") && lines[0].contains("IMAGE ID") && lines[0].ends_with("SIZE"));
    assert!(lines[1].starts_with("localhost/demo") && lines[1].contains("latest") && lines[1].contains(&id[..12]), "{}", lines[1]);
    assert_eq!(e.hutch(&["images", "-q"]).stdout.trim(), &id[..12]);
    e.hutch(&["run", "--rm", "demo"]).ok().stdout_has("from-cmd");
    e.hutch(&["run", "--rm", "demo", "sh", "-c", "echo $GREETING; pwd"]).ok().stdout_has("hi\n/srv");
    // By id prefix and by full name, too.
    e.hutch(&["run", "--rm", &id[..8], "true"]).ok();
    e.hutch(&["run", "--rm", "localhost/demo:latest", "true"]).ok();
    e.hutch(&["import", "--change", "RUN make", busybox_tar().to_str().unwrap(), "x"]).code(125).stderr_has("not supported");
}

#[test]
fn import_from_stdin_gzip_keeps_owners_and_modes() {
    let e = Env::new("importgz");
    let tarball = make_tar(&e, "owners.tar", |b| {
        busybox_tree(b);
        add_dir(b, "data", 0o755, 0);
        add_file(b, "data/suid", 0o4755, 0, b"#!/bin/sh\n");
        add_file(b, "data/owned", 0o640, 1234, b"x");
        add_hardlink(b, "data/hard", "data/owned");
    });
    let gz = e.dir.join("owners.tar.gz");
    let st = std::process::Command::new("sh").arg("-c").arg(format!("gzip -c {} > {}", tarball.display(), gz.display())).status().unwrap();
    assert!(st.success());
    let bytes = std::fs::read(&gz).unwrap();
    e.hutch_stdin(&["import", "-q", "-", "owners"], &bytes).ok();
    if subuid_range().is_some() {
        let o = e.hutch(&["run", "--rm", "owners", "sh", "-c", "stat -c '%a %u %h' /data/suid /data/owned /data/hard"]);
        assert_eq!(o.ok().stdout, "4755 0 1\n640 1234 2\n640 1234 2\n");
    }
}

#[test]
fn hostile_layers_are_refused_and_leave_nothing() {
    let e = Env::new("hostile");
    let outside = e.dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let cases: Vec<(&str, std::path::PathBuf, &str)> = vec![
        ("dotdot", make_tar(&e, "dotdot.tar", |b| {
            add_dir(b, "etc", 0o755, 0);
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(tar::EntryType::Regular);
            h.set_size(1);
            h.set_mode(0o644);
            let name = b"../../escaped";
            h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
            h.set_cksum();
            b.append(&h, &b"x"[..]).unwrap();
        }), "outside the layer"),
        ("hardlink", make_tar(&e, "hard.tar", |b| {
            add_hardlink(b, "passwd", "../../../../etc/passwd");
        }), "outside the layer"),
        ("not a tar", { let p = e.dir.join("junk.tar"); std::fs::write(&p, vec![b'j'; 5000]).unwrap(); p }, "not a valid tar"),
        ("truncated", {
            let full = std::fs::read(busybox_tar()).unwrap();
            let p = e.dir.join("short.tar");
            std::fs::write(&p, &full[..full.len() / 2 + 100]).unwrap();
            p
        }, "not a valid tar"),
    ];
    for (what, path, msg) in cases {
        let o = e.hutch(&["import", path.to_str().unwrap(), &format!("bad-{}", what.replace(' ', "-"))]);
        assert_ne!(o.code, 0, "{what} was accepted");
        assert!(o.stderr.contains(msg), "{what}: {}", o.stderr);
        assert_eq!(e.hutch(&["images", "-q"]).stdout, "", "{what} left an image");
        let tmp = e.data().join("tmp");
        assert_eq!(std::fs::read_dir(&tmp).map(|d| d.count()).unwrap_or(0), 0, "{what} left staging files");
    }
    assert!(!e.dir.join("escaped").exists());
    // Symlinks that point out are kept as symlinks, but never followed while unpacking.
    let sym = make_tar(&e, "sym.tar", |b| {
        add_symlink(b, "evil", outside.to_str().unwrap());
        add_dir(b, "evil", 0o755, 0); // replaces the symlink, not its target
        add_file(b, "evil/inside", 0o644, 0, b"fine");
        add_symlink(b, "rel", "../../../../../../../../");
        add_file(b, "rel/also", 0o644, 0, b"lands at the layer root");
    });
    e.hutch(&["import", sym.to_str().unwrap(), "sym"]).ok();
    e.hutch(&["run", "--rm", "sym", "/bin/busybox", "cat", "/also"]).code(127); // no busybox in this image
    let through = make_tar(&e, "through.tar", |b| {
        add_symlink(b, "link", outside.to_str().unwrap());
        add_file(b, "link/planted", 0o644, 0, b"gotcha");
    });
    e.hutch(&["import", through.to_str().unwrap(), "through"]).code(125).stderr_has("symlink");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "an entry escaped through a symlink");
    let layer_has_also = std::fs::read_dir(e.data().join("layers")).unwrap().flatten().any(|l| l.path().join("diff/also").exists());
    assert!(layer_has_also, "`rel/also` should land inside the layer");
}

#[test]
fn rmi_refuses_images_in_use_and_untags_names() {
    let e = Env::new("rmi");
    e.demo();
    // A second import of the same tarball is a new image (new config) sharing the layer.
    e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "other"]).ok();
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 2);
    assert_eq!(std::fs::read_dir(e.data().join("layers")).unwrap().count(), 1, "one layer, stored once");
    e.hutch(&["rmi", "other"]).ok().stdout_has("Untagged: localhost/other:latest");
    assert_eq!(std::fs::read_dir(e.data().join("layers")).unwrap().count(), 1, "the shared layer stays");
    e.sh("true").ok();
    e.hutch(&["run", "--name", "user", "demo", "true"]).ok();
    e.hutch(&["rmi", "demo"]).code(2).stderr_has("image is in use by a container");
    e.hutch(&["rmi", "nothere"]).code(1).stderr_has("nothere: image not known");
    let o = e.hutch(&["rmi", "--ignore", "nothere"]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (0, "", ""), "--ignore: a missing image is no error");
    let o = e.hutch(&["rmi", "-f", "demo"]);
    o.ok().stdout_has("Untagged: localhost/demo:latest").stdout_has("Deleted: ");
    assert_eq!(e.hutch(&["ps", "-a", "-q"]).stdout, "", "rmi -f removes the containers using it");
    assert_eq!(e.hutch(&["images", "-q"]).stdout, "");
    assert_eq!(std::fs::read_dir(e.data().join("layers")).unwrap().count(), 0, "layer left behind");
    e.hutch(&["rmi"]).code(125);
}

#[test]
fn a_killed_import_leaves_no_half_image() {
    let e = Env::new("killimport");
    let mut child = e.cmd(&["import", "-", "half"])
        .stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null())
        .spawn().unwrap();
    let full = std::fs::read(busybox_tar()).unwrap();
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&full[..full.len() / 2]).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // Kill the whole process group's worth: hutch and its helper in the user namespace.
    child.kill().unwrap();
    drop(stdin);
    child.wait().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(e.hutch(&["images", "-q"]).stdout, "");
    // The next command sweeps the leftovers; a fresh import then works.
    e.demo();
    e.hutch(&["ps", "-a"]).ok();
    let leftovers: Vec<_> = std::fs::read_dir(e.data().join("tmp")).unwrap().flatten().map(|d| d.file_name()).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    e.sh("true").ok();
}

#[test]
fn images_filters_formats_inspect_history_exists_untag_prune() {
    let e = Env::new("imgcmds");
    e.hutch(&["import", "-q", "--change", "LABEL tier=base", "--message", "first", busybox_tar().to_str().unwrap(), "demo"]).ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "other:2"]).ok();
    e.hutch(&["tag", "demo", "demo:v1", "quay.example/team/demo:x"]).ok();

    let o = e.hutch(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    let mut names: Vec<&str> = o.ok().stdout.lines().collect();
    names.sort();
    assert_eq!(names, ["localhost/demo:latest", "localhost/demo:v1", "localhost/other:2", "quay.example/team/demo:x"]);
    let o = e.hutch(&["images", "--filter", "reference=demo", "--format", "{{.Tag}}"]);
    assert_eq!(o.ok().stdout.lines().count(), 3, "{}", o.stdout);
    e.hutch(&["images", "--filter", "label=tier=base", "-q"]).ok();
    assert_eq!(e.hutch(&["images", "--filter", "label=tier=base", "-q"]).stdout.lines().count(), 1);
    assert_eq!(e.hutch(&["images", "--filter", "since=demo", "-q"]).stdout.lines().count(), 1);
    assert_eq!(e.hutch(&["images", "--filter", "dangling=true", "-q"]).stdout, "");
    e.hutch(&["images", "--filter", "bogus=1"]).code(125).stderr_has("invalid filter");
    e.hutch(&["images", "--digests"]).ok().stdout_has("DIGEST").stdout_has("sha256:");
    let j: serde_json::Value = serde_json::from_str(&e.hutch(&["images", "--format", "json"]).stdout).unwrap();
    assert_eq!(j.as_array().unwrap().len(), 2);
    e.hutch(&["images", "--format", "table {{.Repository}}\t{{.ID}}"]).ok().stdout_has("REPOSITORY").stdout_has("IMAGE ID");
    e.hutch(&["images", "--format", "{{range .}}"]).code(125).stderr_has("template: format: unexpected EOF");
    e.hutch(&["images", "--format", "{{.Repository | upper}}:{{if eq .Tag \"latest\"}}L{{else}}{{.Tag}}{{end}}"]).ok().stdout_has("DEMO:L\n");

    let inspect: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "demo"]).ok().stdout).unwrap();
    assert_eq!(inspect[0]["Config"]["Labels"]["tier"], "base");
    assert_eq!(inspect[0]["RootFS"]["Layers"].as_array().unwrap().len(), 1);
    e.hutch(&["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", "demo"]).ok().stdout_has("linux/");
    e.hutch(&["image", "history", "demo"]).ok().stdout_has("CREATED BY").stdout_has("first");
    e.hutch(&["image", "exists", "demo"]).code(0);
    e.hutch(&["image", "exists", "nothere"]).code(1);

    e.hutch(&["untag", "demo", "demo:v1"]).ok();
    e.hutch(&["untag", "other:2"]).ok();
    assert_eq!(e.hutch(&["images", "--filter", "dangling=true", "-q"]).stdout.lines().count(), 1);
    e.hutch_stdin(&["image", "prune"], b"n\n").ok();
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 2, "answering no removes nothing");
    e.hutch(&["image", "prune", "-f"]).ok();
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 1);
    e.hutch(&["run", "--name", "keeps", "demo", "true"]).ok();
    e.hutch(&["image", "prune", "-a", "-f"]).ok();
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 1, "an image in use is kept");
}

#[test]
fn save_and_load_both_archive_formats() {
    let e = Env::new("saveload");
    e.hutch(&["import", "-q", "--change", "CMD [\"echo\", \"loaded ok\"]", busybox_tar().to_str().unwrap(), "demo"]).ok();
    let d = e.dir.join("d.tar");
    let o = e.dir.join("o.tar");
    e.hutch(&["save", "-o", d.to_str().unwrap(), "demo"]).ok();
    e.hutch(&["save", "--format", "oci-archive", "-o", o.to_str().unwrap(), "demo"]).ok();
    e.hutch(&["save", "demo", "demo"]).code(125).stderr_has("multi-image-archive");
    e.hutch(&["save", "--compress", "-o", "/dev/null", "demo"]).code(125).stderr_has("Error: --compress can only be set when --format is 'docker-dir'");
    let u = e.dir.join("u.tar");
    e.hutch(&["save", "--uncompressed", "--format", "oci-archive", "-o", u.to_str().unwrap(), "demo"]).ok();
    assert_eq!(std::fs::read(&u).unwrap(), std::fs::read(&o).unwrap(), "layers as stored, with or without --uncompressed");
    // `images IMAGE` filters by name; saved by id, an image comes back untagged (as Podman's).
    let id = e.hutch(&["images", "-q", "demo"]).ok().stdout.trim().to_string();
    assert_eq!(id.len(), 12);
    assert_eq!(e.hutch(&["images", "-q", "nosuch"]).ok().stdout, "");
    e.hutch(&["images", "demo", "--filter", "dangling=true"]).code(125).stderr_has("Error: cannot specify an image and a filter(s)");
    // --sort and --noheading, as Podman's.
    e.hutch(&["tag", "demo", "aaa:zz"]).ok();
    // (creation times are kept to the second)
    std::thread::sleep(std::time::Duration::from_millis(1100));
    e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "bbb:aa"]).ok();
    let col = |sort: &str, field: &str| e.hutch(&["images", "--sort", sort, "--format", field]).ok().stdout.clone();
    assert_eq!(col("repository", "{{.Repository}}"), "localhost/aaa\nlocalhost/bbb\nlocalhost/demo\n");
    assert_eq!(col("tag", "{{.Tag}}"), "aa\nlatest\nzz\n");
    assert_eq!(col("created", "{{.Repository}}").lines().next(), Some("localhost/bbb"), "newest first");
    let rows = e.hutch(&["images", "--noheading"]).ok().stdout.clone();
    assert_eq!(rows.lines().count(), 3);
    assert!(!rows.contains("REPOSITORY"), "{rows}");
    e.hutch(&["images", "--sort", "name"]).code(125).stderr_has("Error: \"name\" is not a valid field for sorting. Choose from: created, id, repository, size, tag");
    e.hutch(&["rmi", "aaa:zz", "bbb:aa"]).ok();
    let by_id = e.dir.join("id.tar");
    e.hutch(&["save", "-o", by_id.to_str().unwrap(), &id]).ok();
    let g = Env::new("loadbyid");
    g.hutch(&["load", "-i", by_id.to_str().unwrap()]).ok().stdout_has("Loaded image: sha256:");
    assert_eq!(g.hutch(&["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"]).ok().stdout, format!("<none>:<none> {id}\n"));
    for (what, f) in [("docker", &d), ("oci", &o)] {
        let g = Env::new(what);
        g.hutch(&["load", "-i", f.to_str().unwrap()]).ok().stdout_has("Loaded image: localhost/demo:latest");
        g.hutch(&["run", "--rm", "demo"]).ok().stdout_has("loaded ok");
        // From stdin too, and loading twice is harmless.
        g.hutch_stdin(&["load", "-q"], &std::fs::read(f).unwrap()).ok();
        assert_eq!(g.hutch(&["images", "-q"]).stdout.lines().count(), 1);
    }
    // skopeo reads both archives (interop), and hutch loads what skopeo writes.
    if std::path::Path::new("/usr/bin/skopeo").exists() {
        for src in [format!("docker-archive:{}", d.display()), format!("oci-archive:{}", o.display())] {
            let out = skopeo(&e).args(["--insecure-policy", "copy", "-q", &src, &format!("oci:{}/via-skopeo:x", e.dir.display())]).output().unwrap();
            assert!(out.status.success(), "{src}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let sk = e.dir.join("sk.tar");
        let out = skopeo(&e).args(["--insecure-policy", "copy", "-q", &format!("oci:{}/via-skopeo:x", e.dir.display()), &format!("docker-archive:{}:docker.io/library/fromskopeo:1", sk.display())]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let g = Env::new("skload");
        g.hutch(&["load", "-i", sk.to_str().unwrap()]).ok().stdout_has("docker.io/library/fromskopeo:1");
        g.hutch(&["run", "--rm", "fromskopeo:1"]).ok().stdout_has("loaded ok");
    }
}

#[test]
fn tampered_and_hostile_archives_are_refused() {
    let e = Env::new("badarchive");
    e.hutch(&["import", "-q", busybox_tar().to_str().unwrap(), "demo"]).ok();
    let d = e.dir.join("d.tar");
    e.hutch(&["save", "-o", d.to_str().unwrap(), "demo"]).ok();
    // Rewrite the archive with one byte of the layer changed: its diff_id no longer matches.
    let mut a = tar::Archive::new(std::fs::File::open(&d).unwrap());
    let bad = e.dir.join("bad.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&bad).unwrap());
    for entry in a.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().into_owned();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        if path.to_string_lossy().ends_with(".tar") {
            let n = data.len();
            data[n / 2] ^= 1;
        }
        let mut h = entry.header().clone();
        b.append_data(&mut h, &path, &data[..]).unwrap();
    }
    b.finish().unwrap();
    drop(b);
    let g = Env::new("badload");
    g.hutch(&["load", "-i", bad.to_str().unwrap()]).code(125).stderr_has("uncompressed content hashes to");
    assert_eq!(g.hutch(&["images", "-q"]).stdout, "");
    // An archive entry that climbs out, and something that is no archive at all.
    let evil = make_tar(&g, "evil.tar", |b| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(2);
        h.set_mode(0o644);
        let name = b"../../manifest.json";
        h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
        h.set_cksum();
        b.append(&h, &b"[]"[..]).unwrap();
    });
    g.hutch(&["load", "-i", evil.to_str().unwrap()]).code(125).stderr_has("outside");
    let junk = g.dir.join("junk.tar");
    std::fs::write(&junk, b"not an archive at all").unwrap();
    g.hutch(&["load", "-i", junk.to_str().unwrap()]).code(125);
    assert_eq!(std::fs::read_dir(g.data().join("tmp")).map(|d| d.count()).unwrap_or(0), 0);
}

#[test]
fn images_history_lists_past_names_and_history_human_false_prints_raw_values() {
    let e = Env::new("img-namehist");
    e.demo();
    e.hutch(&["tag", "demo", "first:1"]).ok();
    e.hutch(&["untag", "demo", "first:1"]).ok();
    let o = e.hutch(&["images", "--history", "--format", "{{.Repository}} {{.History}}"]);
    assert_eq!(o.ok().stdout, "localhost/demo localhost/first:1, localhost/demo:latest\n");
    let table = e.hutch(&["images", "--history"]).ok().stdout.clone();
    assert!(table.lines().next().unwrap().ends_with("HISTORY"), "{table}");
    let raw = e.hutch(&["history", "--human=false", "demo"]).ok().stdout.clone();
    let row = raw.lines().nth(1).unwrap();
    assert!(row.split_whitespace().nth(1).is_some_and(|c| c.ends_with('Z') && c.contains('T')), "RFC 3339 time: {row}");
    assert!(row.split_whitespace().any(|w| w.parse::<u64>().is_ok_and(|n| n > 1000)), "size in bytes: {row}");
}

#[test]
fn a_closed_standard_output_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let e = Env::new("closed-stdout");
    e.demo();
    // `hutch images | head -0`, made certain: the pipe's reader is gone before hutch writes.
    let (r, w) = std::io::pipe().unwrap();
    drop(r);
    let o = e.cmd(&["images", "-q"]).stdout(w).stderr(std::process::Stdio::piped()).output().unwrap();
    // As Podman ends: killed by SIGPIPE, with nothing said.
    assert_eq!(o.status.signal(), Some(libc::SIGPIPE), "{:?}", o.status);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}
