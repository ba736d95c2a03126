//! The `volume` verbs at Podman 4.3.1's level, end to end: ls filters and formats, inspect
//! --all, prune with filters (listing before asking), create --driver/--opt (tmpfs, bound
//! host directories, owners; what a rootless user cannot mount refused), export/import
//! (container-side owners, hostile tarballs), mount/unmount and reload.

mod common;
use common::*;
use std::path::Path;

const WARNING: &str = "WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n";
const ASK: &str = "Are you sure you want to continue? [y/N] ";

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn json(o: &Out) -> serde_json::Value {
    serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", o.stdout))
}

fn keys(v: &serde_json::Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[track_caller]
fn stderr_is(o: &Out, want: &str) {
    assert_eq!(o.stderr, want, "stderr differs (stdout: {})", o.stdout);
}

/// A tar entry written raw, so its name may hold `..` (the tar crate refuses to write one).
fn raw_entry<W: std::io::Write>(b: &mut tar::Builder<W>, kind: tar::EntryType, path: &str, link: &str, data: &[u8]) {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(0o644);
    h.set_size(data.len() as u64);
    h.set_mtime(1_700_000_000);
    let g = h.as_gnu_mut().unwrap();
    g.name[..path.len()].copy_from_slice(path.as_bytes());
    g.linkname[..link.len()].copy_from_slice(link.as_bytes());
    h.set_cksum();
    b.append(&h, data).unwrap();
}

#[test]
fn ls_filters_formats_and_inspect_all() {
    let e = Env::new("vls");
    e.demo();
    e.hutch(&["volume", "ls"]).ok().stdout_is("");
    e.hutch(&["volume", "ls", "--format", "json"]).ok().stdout_is("[]\n");
    e.hutch(&["volume", "create", "-l", "team=a", "alpha"]).ok().stdout_is("alpha\n");
    e.hutch(&["volume", "create", "-l", "team=b,tier=x", "-o", "type=tmpfs", "-o", "o=size=2M", "beta"]).ok().stdout_is("beta\n");
    e.hutch(&["run", "--name", "user", "-v", "used:/u", "demo", "true"]).ok();

    e.hutch(&["volume", "ls"]).ok().stdout_is("DRIVER      VOLUME NAME\nlocal       alpha\nlocal       beta\nlocal       used\n");
    e.hutch(&["volume", "ls", "--noheading"]).ok().stdout_is("local       alpha\nlocal       beta\nlocal       used\n");
    e.hutch(&["volume", "list", "-q"]).ok().stdout_is("alpha\nbeta\nused\n");
    let q = |f: &[&str]| {
        let mut args = vec!["volume", "ls", "-q"];
        for x in f {
            args.extend(["--filter", x]);
        }
        e.hutch(&args).ok().stdout.clone()
    };
    assert_eq!(q(&["name=^b"]), "beta\n");
    assert_eq!(q(&["name=a"]), "alpha\nbeta\n", "name is a regular expression");
    assert_eq!(q(&["label=team=a"]), "alpha\n");
    assert_eq!(q(&["label=tier"]), "beta\n");
    assert_eq!(q(&["opt=type=tmpfs"]), "beta\n");
    assert_eq!(q(&["opt=o"]), "beta\n");
    assert_eq!(q(&["driver=local"]), "alpha\nbeta\nused\n");
    assert_eq!(q(&["driver=nfs"]), "");
    assert_eq!(q(&["scope=local"]), "alpha\nbeta\nused\n");
    assert_eq!(q(&["dangling=true"]), "alpha\nbeta\n");
    assert_eq!(q(&["dangling=false"]), "used\n");
    assert_eq!(q(&["until=2000-01-01"]), "");
    let later = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 3600).to_string();
    assert_eq!(q(&[&format!("until={later}")]), "alpha\nbeta\nused\n");
    // Several filters: Podman 4.3.1 (libpod's Runtime.Volumes) lists a volume ANY of them matches.
    assert_eq!(q(&["label=team=a", "label=tier"]), "alpha\nbeta\n");
    assert_eq!(q(&["name=alpha,dangling=false"]), "alpha\nused\n", "-f takes comma-separated filters too");
    e.hutch(&["volume", "ls", "-f", "label=team=b"]).ok().stdout_is("DRIVER      VOLUME NAME\nlocal       beta\n");
    e.hutch(&["volume", "ls", "-f", "label=nobody"]).ok().stdout_is("");

    // JSON: Podman's InspectVolumeData keys, omitempty ones only when set.
    let j = json(e.hutch(&["volume", "ls", "--format", "json"]).ok());
    let all = j.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(keys(&all[0]), ["Name", "Driver", "Mountpoint", "CreatedAt", "Labels", "Scope", "Options", "MountCount", "NeedsCopyUp", "NeedsChown"]);
    assert_eq!(all[0]["Mountpoint"], e.data().join("volumes/alpha/_data").to_str().unwrap());
    assert_eq!(all[0]["Labels"], serde_json::json!({"team": "a"}));
    assert_eq!((all[0]["Driver"].as_str(), all[0]["Scope"].as_str(), all[0]["MountCount"].as_u64()), (Some("local"), Some("local"), Some(0)));
    assert_eq!(all[1]["Options"], serde_json::json!({"SIZE": "2M", "o": "size=2M", "type": "tmpfs"}));
    assert_eq!(all[1]["Labels"], serde_json::json!({"team": "b", "tier": "x"}), "--label takes comma-separated labels");
    assert_eq!(keys(&all[2]), ["Name", "Driver", "Mountpoint", "CreatedAt", "Labels", "Scope", "Options", "MountCount"], "a used volume was copied up");
    let created = all[0]["CreatedAt"].as_str().unwrap();
    assert!(created.len() >= 20 && created.as_bytes()[10] == b'T', "{created}");
    // Templates see every field, the omitted ones at their zero value.
    e.hutch(&["volume", "ls", "--format", "{{.Name}} {{.UID}} {{.Anonymous}} {{.NeedsChown}}"]).ok()
        .stdout_is("alpha 0 false true\nbeta 0 false true\nused 0 false false\n");
    e.hutch(&["volume", "ls", "--format", "table {{.Name}}\t{{.Driver}}", "-f", "name=alpha"]).ok().stdout_is("VOLUME NAME  DRIVER\nalpha        local\n");
    e.hutch(&["volume", "ls", "--noheading", "--format", "table {{.Name}}", "-f", "name=alpha"]).ok().stdout_is("alpha\n");

    // inspect: the same data as a five-space-indented array, --all, missing volumes.
    let i = e.hutch(&["volume", "inspect", "alpha"]);
    assert!(i.ok().stdout.starts_with("[\n     {\n          \"Name\": \"alpha\",\n"), "{}", i.stdout);
    assert_eq!(json(&i)[0], all[0]);
    assert_eq!(json(e.hutch(&["volume", "inspect", "--all"]).ok()), j);
    e.hutch(&["volume", "inspect", "-a", "--format", "{{.Name}}={{.Driver}}"]).ok().stdout_is("alpha=local\nbeta=local\nused=local\n");
    let o = e.hutch(&["volume", "inspect", "alpha", "nope", "other"]);
    o.code(125);
    assert_eq!(json(&o).as_array().unwrap().len(), 1, "what was found is printed");
    stderr_is(&o, "error inspecting object: no such volume other\nError: inspecting object: no such volume nope\n");
    stderr_is(e.hutch(&["volume", "inspect"]).code(125), "Error: provide one or more volume names or use --all\n");
    stderr_is(e.hutch(&["volume", "inspect", "--all", "alpha"]).code(125), "Error: provide one or more volume names or use --all\n");
    // `inspect` of any kind shows the same volume.
    assert_eq!(json(e.hutch(&["inspect", "alpha"]).ok())[0], all[0]);

    // Bad input: Podman's messages, exit 125.
    stderr_is(e.hutch(&["volume", "ls", "-f", "bogus=1"]).code(125), "Error: \"bogus\" is an invalid volume filter\n");
    stderr_is(e.hutch(&["volume", "ls", "-f", "name"]).code(125), "Error: filter input must be in the form of filter=value: name is invalid\n");
    stderr_is(e.hutch(&["volume", "ls", "-f", "dangling=maybe"]).code(125),
        "Error: \"maybe\" is not a valid value for the \"dangling\" filter - must be true or false\n");
    stderr_is(e.hutch(&["volume", "ls", "-f", "until=soon"]).code(125), "Error: failed to parse value as time or duration: \"soon\"\n");
    e.hutch(&["volume", "ls", "-f", "name=["]).code(125).stderr_has("error parsing regexp");
    stderr_is(e.hutch(&["volume", "ls", "-q", "--format", "json"]).code(125), "Error: quiet and format flags cannot be used together\n");
    e.hutch(&["volume", "ls", "extra"]).code(125);
}

#[test]
fn prune_lists_before_asking_and_takes_filters() {
    let e = Env::new("vprune");
    e.demo();
    e.hutch(&["volume", "create", "-l", "keep=yes", "keep1"]).ok();
    e.hutch(&["volume", "create", "junk1"]).ok();
    e.hutch(&["volume", "create", "-l", "tier=tmp", "junk2"]).ok();
    e.hutch(&["run", "--name", "user", "-v", "used:/u", "demo", "true"]).ok();
    let ls = || e.hutch(&["volume", "ls", "-q"]).stdout.clone();

    e.hutch_stdin(&["volume", "prune"], b"n\n").ok().stdout_is(&format!("{WARNING}junk1\njunk2\nkeep1\n{ASK}"));
    assert_eq!(ls(), "junk1\njunk2\nkeep1\nused\n", "no: nothing removed");
    // End of input is no answer: Podman fails with EOF and removes nothing.
    stderr_is(e.hutch(&["volume", "prune"]).code(125), "Error: EOF\n");
    assert_eq!(ls(), "junk1\njunk2\nkeep1\nused\n");
    e.hutch_stdin(&["volume", "prune", "--filter", "label=tier=tmp"], b"y\n").ok().stdout_is(&format!("{WARNING}junk2\n{ASK}junk2\n"));
    assert_eq!(ls(), "junk1\nkeep1\nused\n");
    e.hutch_stdin(&["volume", "prune", "--filter", "label=nobody"], b"y\n").ok().stdout_is(&format!("{WARNING}No dangling volumes found\n"));
    e.hutch(&["volume", "prune", "-f", "--filter", "until=2000-01-01T00:00:00Z"]).ok().stdout_is("");
    e.hutch(&["volume", "prune", "-f", "--filter", "label=keep=yes"]).ok().stdout_is("keep1\n");
    e.hutch(&["volume", "prune", "--force", "--filter", "until=1h"]).ok().stdout_is("");
    e.hutch(&["volume", "prune", "-f"]).ok().stdout_is("junk1\n");
    assert_eq!(ls(), "used\n", "a volume a container uses is never pruned");

    stderr_is(e.hutch(&["volume", "prune", "-f", "--filter", "bogus=x"]).code(125), "Error: \"bogus\" is an invalid volume filter\n");
    stderr_is(e.hutch(&["volume", "prune", "--filter", "until=soon"]).code(125), "Error: failed to parse value as time or duration: \"soon\"\n");
    e.hutch(&["volume", "prune", "extra"]).code(125);
    assert_eq!(ls(), "used\n");
}

#[test]
fn create_driver_and_local_options() {
    let e = Env::new("vcreate");
    e.demo();
    let vols = e.data().join("volumes");
    e.hutch(&["volume", "create", "--driver", "local", "l1"]).ok().stdout_is("l1\n");
    e.hutch(&["volume", "create", "-d", "local", "l2"]).ok().stdout_is("l2\n");
    let anon = e.hutch(&["volume", "create"]).ok().stdout.trim().to_string();
    assert_eq!(anon.len(), 64, "no name: a random one");
    e.hutch(&["volume", "rm", &anon]).ok();

    // Refused, with nothing left behind.
    let refused: &[(&[&str], &str)] = &[
        (&["--driver", "nfsplugin", "p"], "Error: volume p uses volume plugin nfsplugin but it could not be retrieved: no volume plugin with name nfsplugin available: required plugin missing\n"),
        (&["--driver", "image", "-o", "image=demo", "p"], "Error: the image volume driver is not supported by hutch: use --driver local (the default)\n"),
        (&["-o", "type=nfs", "-o", "device=host:/export", "p"], "Error: volume type nfs cannot be mounted by a rootless user (it needs root privileges): use type=tmpfs, or type=none with o=bind to bind a host directory\n"),
        (&["-o", "type=ext4", "-o", "device=/dev/sda1", "p"], "Error: volume type ext4 cannot be mounted by a rootless user (it needs root privileges): use type=tmpfs, or type=none with o=bind to bind a host directory\n"),
        (&["-o", "type=btrfs", "p"], "Error: volume type btrfs cannot be mounted by a rootless user (it needs root privileges): use type=tmpfs, or type=none with o=bind to bind a host directory\n"),
        (&["-o", "foo=bar", "p"], "Error: invalid mount option foo for driver 'local': invalid argument\n"),
        (&["-o", "type=none", "-o", "o=bind", "-o", "device=/no/such/dir", "p"], "Error: invalid volume option device for driver 'local': stat /no/such/dir: no such file or directory\n"),
        (&["-o", "type=none", "-o", "device=/tmp", "p"], "Error: volume type none mounts nothing without o=bind: give -o o=bind -o device=DIR to bind a host directory\n"),
        (&["-o", "type=bind", "p"], "Error: volume type bind needs device=DIR, the host directory to bind\n"),
        (&["-o", "o=nodev", "p"], "Error: volume option o=nodev needs a type: a rootless volume can be type=tmpfs, or type=none with o=bind to bind a host directory\n"),
        (&["-o", "o=size=1M", "p"], "Error: volume options size and inodes not supported. Filesystem does not support Project Quota: use -o type=tmpfs -o o=size=N for a volume of limited size\n"),
        (&["-o", "type=tmpfs", "-o", "o=size=lots", "p"], "Error: cannot convert size lots to integer: invalid size: 'lots'\n"),
        (&["-o", "o=uid=abc", "p"], "Error: cannot convert UID abc to integer: strconv.Atoi: parsing \"abc\": invalid syntax\n"),
        (&["-o", "o=gid", "p"], "Error: gid option must provide a GID: invalid argument\n"),
        (&["-o", "o=uid=4000000000", "p"], "Error: cannot make the volume owned by uid 4000000000: that id is not mapped in your user namespace; your /etc/subuid range is too small (see `hutch info`)\n"),
        (&["-o", "type=tmpfs", "-o", "o=gid=4000000000", "p"], "Error: cannot make the volume owned by gid 4000000000: that id is not mapped in your user namespace; your /etc/subgid range is too small (see `hutch info`)\n"),
        (&["bad/name"], "Error: invalid volume name `bad/name`: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*\n"),
        (&["l1"], "Error: volume with name l1 already exists: volume already exists\n"),
    ];
    for (args, msg) in refused {
        let mut a = vec!["volume", "create"];
        a.extend_from_slice(args);
        stderr_is(e.hutch(&a).code(125), msg);
    }
    assert_eq!(names_in(&vols), ["l1", "l2"], "a refused create leaves nothing behind");
    e.hutch(&["volume", "exists", "p"]).code(1);

    // type=tmpfs: a tmpfs with those options wherever a container uses the volume.
    let sub = subuid_range().is_some();
    let o = if sub { "o=size=2M,uid=1000,mode=0750" } else { "o=size=2M,mode=0750" };
    e.hutch(&["volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", o, "t"]).ok();
    let r = e.hutch(&["run", "--rm", "-v", "t:/t", "demo", "sh", "-c", "grep ' /t ' /proc/mounts | cut -d' ' -f1-3; stat -c '%u %a' /t; df -k /t | tail -1 | tr -s ' ' | cut -d' ' -f2; echo x > /t/f"]);
    r.ok().stdout_is(&format!("tmpfs /t tmpfs\n{} 750\n2048\n", if sub { 1000 } else { 0 }));
    assert_eq!(names_in(&vols.join("t/_data")), Vec::<String>::new(), "a tmpfs volume's data is in the tmpfs, not on disk");
    let t = json(e.hutch(&["volume", "inspect", "t"]).ok());
    let mut want = serde_json::json!({"SIZE": "2M", "device": "tmpfs", "o": o.trim_start_matches("o="), "type": "tmpfs"});
    if sub {
        want["UID"] = "1000".into();
        assert_eq!(t[0]["UID"], 1000);
    }
    assert_eq!(t[0]["Options"], want);
    e.hutch(&["run", "--rm", "-v", "t:/t:ro", "demo", "touch", "/t/x"]).code(1).stderr_has("Read-only file system");

    // type=none o=bind device=DIR: the host directory itself.
    let host = e.dir.join("hostdir");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("in"), "from host\n").unwrap();
    let dev = format!("device={}", host.display());
    e.hutch(&["volume", "create", "-o", "type=none", "-o", "o=bind", "-o", &dev, "b"]).ok();
    e.hutch(&["run", "--rm", "-v", "b:/b", "demo", "sh", "-c", "cat /b/in; echo out > /b/out"]).ok().stdout_is("from host\n");
    assert_eq!(std::fs::read_to_string(host.join("out")).unwrap(), "out\n");
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(host.join("out")).unwrap().uid(), uid(), "what root writes in a bound directory is the caller's");
    assert_eq!(json(e.hutch(&["volume", "inspect", "b"]).ok())[0]["Options"], serde_json::json!({"device": host.to_str().unwrap(), "o": "bind", "type": "none"}));
    e.hutch(&["volume", "create", "-o", "type=bind", "-o", "o=ro", "-o", &dev, "bro"]).ok();
    e.hutch(&["run", "--rm", "-v", "bro:/b", "demo", "sh", "-c", "cat /b/in; touch /b/nope"]).code(1).stdout_is("from host\n");
    // The directory gone: the container is refused, clearly.
    let gone = e.dir.join("gone");
    std::fs::create_dir(&gone).unwrap();
    e.hutch(&["volume", "create", "-o", "type=none", "-o", "o=bind", "-o", &format!("device={}", gone.display()), "g"]).ok();
    std::fs::remove_dir(&gone).unwrap();
    e.hutch(&["run", "--rm", "-v", "g:/g", "demo", "true"]).code(125).stderr_has(&format!("volume g binds {}, which is gone", gone.display()));

    // o=uid=N,gid=N without a type: the volume's data belongs to those container ids.
    if sub {
        e.hutch(&["volume", "create", "-o", "o=uid=1000,gid=1000", "own"]).ok();
        let v = json(e.hutch(&["volume", "inspect", "own"]).ok());
        assert_eq!((v[0]["UID"].as_u64(), v[0]["GID"].as_u64(), v[0].get("NeedsChown")), (Some(1000), Some(1000), None));
        assert_eq!(v[0]["Options"], serde_json::json!({"GID": "1000", "UID": "1000", "o": "uid=1000,gid=1000"}));
        e.hutch(&["run", "--rm", "-u", "tester", "-v", "own:/home/tester/data", "demo", "sh", "-c", "stat -c %u:%g /home/tester/data; touch /home/tester/data/ok"])
            .ok().stdout_is("1000:1000\n");
        // Seeded from the image (its /etc is root's), the volume keeps the owner it was given.
        e.hutch(&["volume", "create", "-o", "o=uid=1000,gid=1000", "ownetc"]).ok();
        e.hutch(&["run", "--rm", "-v", "ownetc:/etc", "demo", "sh", "-c", "stat -c %u:%g /etc; stat -c %u /etc/passwd"]).ok().stdout_is("1000:1000\n0\n");
    } else {
        not_here("no subordinate ids: o=uid= volumes need them");
    }

    // A record written before options were kept still loads.
    let old = vols.join("old");
    std::fs::create_dir_all(old.join("_data")).unwrap();
    std::fs::write(old.join("volume.json"), r#"{"name":"old","created":1700000000,"labels":{},"anonymous":false,"seeded":true}"#).unwrap();
    let v = json(e.hutch(&["volume", "inspect", "old"]).ok());
    assert_eq!((v[0]["Options"].clone(), v[0]["Name"].clone()), (serde_json::json!({}), "old".into()));
    assert!(v[0]["CreatedAt"].as_str().unwrap().starts_with("2023-11-1"), "{}", v[0]["CreatedAt"]);
}

#[test]
fn export_and_import_keep_container_owners_and_refuse_hostile_tarballs() {
    let e = Env::new("vexport");
    e.demo();
    let sub = subuid_range().is_some();
    e.hutch(&["volume", "create", "src"]).ok();
    let setup = if sub { "echo hi > /v/f; mkdir /v/d; echo x > /v/d/g; chown 1000:1000 /v/d/g; ln -s /etc/passwd /v/link" }
        else { "echo hi > /v/f; mkdir /v/d; echo x > /v/d/g; ln -s /etc/passwd /v/link" };
    e.hutch(&["run", "--rm", "-v", "src:/v", "demo", "sh", "-c", setup]).ok();

    // To a file and to a redirected stdout: the same tar, with the container's owners.
    let file = e.dir.join("src.tar");
    e.hutch(&["volume", "export", "src", "-o", file.to_str().unwrap()]).ok().stdout_is("");
    let bytes = std::fs::read(&file).unwrap();
    let piped = e.cmd(&["volume", "export", "src"]).stdin(std::process::Stdio::null()).output().unwrap();
    assert!(piped.status.success(), "{}", String::from_utf8_lossy(&piped.stderr));
    assert_eq!(piped.stdout, bytes);
    let mut seen = Vec::new();
    for en in tar::Archive::new(&bytes[..]).entries().unwrap() {
        let en = en.unwrap();
        let h = en.header();
        let link = en.link_name().unwrap().map(|l| l.display().to_string()).unwrap_or_default();
        seen.push(format!("{} {} {:?} {link}", en.path().unwrap().display(), h.uid().unwrap(), h.entry_type()));
    }
    let g_uid = if sub { 1000 } else { 0 };
    assert_eq!(seen, ["./ 0 Directory ", "d/ 0 Directory ", &format!("d/g {g_uid} Regular "), "f 0 Regular ", "link 0 Symlink /etc/passwd"]);
    // Never to a terminal.
    let mut script = std::process::Command::new("script");
    for (k, v) in e.cmd(&[]).get_envs() {
        if let Some(v) = v {
            script.env(k, v);
        }
    }
    let t = script.args(["-qec", &format!("{} volume export src", bin().display()), "/dev/null"]).stdin(std::process::Stdio::null()).output().unwrap();
    assert_eq!(t.status.code(), Some(125));
    assert!(String::from_utf8_lossy(&t.stdout).contains("Error: refusing to export to terminal. Use -o flag or redirect"), "{}", String::from_utf8_lossy(&t.stdout));

    // Import: from a file, from stdin (gzip too), over what is there.
    e.hutch(&["volume", "create", "dst"]).ok();
    e.hutch(&["run", "--rm", "-v", "dst:/w", "demo", "sh", "-c", "echo old > /w/f; echo stays > /w/other"]).ok();
    e.hutch(&["volume", "import", "dst", file.to_str().unwrap()]).ok().stdout_is("");
    let check = "cat /w/f /w/other; stat -c %u /w/d/g; readlink /w/link";
    e.hutch(&["run", "--rm", "-v", "dst:/w", "demo", "sh", "-c", check]).ok().stdout_is(&format!("hi\nstays\n{g_uid}\n/etc/passwd\n"));
    e.hutch(&["volume", "create", "fromstdin"]).ok();
    e.hutch_stdin(&["volume", "import", "fromstdin", "-"], &bytes).ok();
    e.hutch(&["run", "--rm", "-v", "fromstdin:/w", "demo", "sh", "-c", "cat /w/f /w/d/g"]).ok().stdout_is("hi\nx\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &bytes).unwrap();
    let gz_path = e.dir.join("src.tar.gz");
    std::fs::write(&gz_path, gz.finish().unwrap()).unwrap();
    e.hutch(&["volume", "create", "fromgz"]).ok();
    e.hutch(&["volume", "import", "fromgz", gz_path.to_str().unwrap()]).ok();
    e.hutch(&["run", "--rm", "-v", "fromgz:/w", "demo", "cat", "/w/f"]).ok().stdout_is("hi\n");

    // Hostile tarballs: `..` and hardlinks out refused before anything is written; absolute
    // paths and symlinks stay inside the volume.
    let data = e.data().join("volumes/victim/_data");
    e.hutch(&["volume", "create", "victim"]).ok();
    let outside = e.dir.join("outside");
    std::fs::create_dir(&outside).unwrap();
    let dotdot = make_tar(&e, "dotdot.tar", |b| {
        add_file(b, "fine", 0o644, 0, b"fine");
        raw_entry(b, tar::EntryType::Regular, "../../../../outside/escaped", "", b"x");
    });
    stderr_is(e.hutch(&["volume", "import", "victim", dotdot.to_str().unwrap()]).code(125),
        "Error: refusing to import into volume victim: entry `../../../../outside/escaped` points outside the volume (it contains `..`); nothing was imported\n");
    let hard = make_tar(&e, "hard.tar", |b| raw_entry(b, tar::EntryType::Link, "h", "../../../../../etc/passwd", b""));
    stderr_is(e.hutch(&["volume", "import", "victim", hard.to_str().unwrap()]).code(125),
        "Error: refusing to import into volume victim: hardlink h -> `../../../../../etc/passwd` points outside the volume (it contains `..`); nothing was imported\n");
    assert_eq!(e.hutch(&["unshare", "ls", "-A", data.to_str().unwrap()]).ok().stdout, "", "a refused import writes nothing");
    let sneaky = make_tar(&e, "sneaky.tar", |b| {
        raw_entry(b, tar::EntryType::Regular, "/abs/file", "", b"abs");
        add_symlink(b, "up", "../../../../../..");
        add_file(b, "up/via-up", 0o644, 0, b"in");
        add_symlink(b, "host", outside.to_str().unwrap());
    });
    e.hutch(&["volume", "import", "victim", sneaky.to_str().unwrap()]).ok();
    e.hutch(&["run", "--rm", "-v", "victim:/w", "demo", "sh", "-c", "cat /w/abs/file /w/via-up"]).ok().stdout_is("absin");
    let through = make_tar(&e, "through.tar", |b| add_file(b, "host/pwned", 0o644, 0, b"x"));
    e.hutch(&["volume", "import", "victim", through.to_str().unwrap()]).code(125)
        .stderr_has("its directory `host` leads through a symlink to a place that does not exist");
    assert_eq!(names_in(&outside), Vec::<String>::new(), "an import followed a symlink out of the volume");

    // Bad input.
    stderr_is(e.hutch(&["volume", "export", "nope"]).code(125), "Error: no such volume nope\n");
    stderr_is(e.hutch(&["volume", "export", "src", "-o", "/no/such/dir/x.tar"]).code(125),
        "Error: could not create tarball file '/no/such/dir/x.tar': open /no/such/dir/x.tar: no such file or directory\n");
    stderr_is(e.hutch(&["volume", "import", "nope", file.to_str().unwrap()]).code(125), "Error: no such volume nope\n");
    stderr_is(e.hutch(&["volume", "import", "dst", "/no/such.tar"]).code(125), "Error: open /no/such.tar: no such file or directory\n");
    stderr_is(e.hutch(&["volume", "import", "dst", "a:b.tar"]).code(125), "Error: invalid filename (should not contain ':') \"a:b.tar\"\n");
    let junk = e.dir.join("junk.txt");
    std::fs::write(&junk, "this is not a tarball at all, just some words that go on for a while".repeat(20)).unwrap();
    e.hutch(&["volume", "import", "dst", junk.to_str().unwrap()]).code(125).stderr_has("nothing was imported");
    e.hutch(&["volume", "import", "dst"]).code(125);
    e.hutch(&["run", "--rm", "-v", "dst:/w", "demo", "sh", "-c", check]).ok().stdout_is(&format!("hi\nstays\n{g_uid}\n/etc/passwd\n"));
    assert_eq!(names_in(&e.data().join("tmp")), Vec::<String>::new(), "no spooled tarball is left");
    // A bound directory is exported only while mounted, as in Podman.
    let host = e.dir.join("h");
    std::fs::create_dir(&host).unwrap();
    e.hutch(&["volume", "create", "-o", "type=none", "-o", "o=bind", "-o", &format!("device={}", host.display()), "bound"]).ok();
    stderr_is(e.hutch(&["volume", "export", "bound", "-o", e.dir.join("b.tar").to_str().unwrap()]).code(125),
        &format!("Error: volume is using a driver local and volume is not mounted on {}\n", e.data().join("volumes/bound/_data").display()));
    assert!(!e.dir.join("b.tar").exists(), "a refused export leaves no file");
    // While a container has it mounted, it counts (MountCount) and exports the directory.
    std::fs::write(host.join("in"), "bound data").unwrap();
    e.hutch(&["run", "-d", "--name", "holder", "-v", "bound:/b", "demo", "sleep", "60"]).ok();
    assert_eq!(json(e.hutch(&["volume", "inspect", "bound"]).ok())[0]["MountCount"], 1);
    assert_eq!(json(e.hutch(&["volume", "inspect", "src"]).ok())[0]["MountCount"], 0, "a plain volume is no mount of its own");
    e.hutch(&["volume", "export", "bound", "-o", e.dir.join("b.tar").to_str().unwrap()]).ok();
    let mut names = Vec::new();
    for en in tar::Archive::new(std::fs::File::open(e.dir.join("b.tar")).unwrap()).entries().unwrap() {
        names.push(en.unwrap().path().unwrap().display().to_string());
    }
    assert_eq!(names, ["./", "in"]);
    e.hutch(&["rm", "-f", "-t", "0", "holder"]).ok();
    assert_eq!(json(e.hutch(&["volume", "inspect", "bound"]).ok())[0]["MountCount"], 0);
}

#[test]
fn mount_unmount_and_reload() {
    let e = Env::new("vmount");
    e.hutch(&["volume", "create", "plain"]).ok();
    e.hutch(&["volume", "create", "-o", "type=tmpfs", "-o", "o=size=1M", "t"]).ok();
    let host = e.dir.join("h");
    std::fs::create_dir(&host).unwrap();
    std::fs::write(host.join("in"), "from host\n").unwrap();
    e.hutch(&["volume", "create", "-o", "type=none", "-o", "o=bind", "-o", &format!("device={}", host.display()), "b"]).ok();
    let msg = "Error: cannot run command \"hutch volume mount\" in rootless mode, must execute `hutch unshare` first\n";
    stderr_is(e.hutch(&["volume", "mount", "plain"]).code(125), msg);
    stderr_is(e.hutch(&["volume", "mount", "nope"]).code(125), msg);
    e.hutch(&["volume", "mount"]).code(125);
    e.hutch(&["volume", "mount", "a", "b"]).code(125);

    // Inside `hutch unshare`: the mountpoint, with the volume's own mount there.
    let h = bin().display().to_string();
    let data = |v: &str| e.data().join("volumes").join(v).join("_data").display().to_string();
    let script = format!(
        "{h} volume mount plain; {h} volume mount t; grep -c ' {t} ' /proc/self/mountinfo; {h} volume mount t >/dev/null; \
         {h} volume mount b; cat {b}/in; {h} volume unmount t; grep -c ' {t} ' /proc/self/mountinfo; {h} volume unmount b; ls {b}; {h} volume unmount plain",
        t = data("t"), b = data("b"));
    e.hutch(&["unshare", "sh", "-c", &script]).ok().stdout_is(&format!("{}\n{}\n1\n{}\nfrom host\nt\n0\nb\nplain\n", data("plain"), data("t"), data("b")));
    stderr_is(e.hutch(&["unshare", &h, "volume", "mount", "nope"]).code(125), "Error: no volume with name \"nope\" found: no such volume\n");

    // unmount needs no namespace: a volume not mounted is left as it is.
    e.hutch(&["volume", "unmount", "plain"]).ok().stdout_is("plain\n");
    e.hutch(&["volume", "unmount", "t"]).ok().stdout_is("t\n");
    stderr_is(e.hutch(&["volume", "unmount", "nope"]).code(125), "Error: no volume with name \"nope\" found: no such volume\n");
    e.hutch(&["volume", "unmount"]).code(125);

    // reload: for volume plugins; with none, Podman prints nothing.
    let r = e.hutch(&["volume", "reload"]);
    r.ok().stdout_is("");
    stderr_is(&r, "");
    e.hutch(&["volume", "reload", "extra"]).code(125);
}
