//! Podman's options of commit, import, diff, mount, unmount, cp, image and system prune,
//! system df and unshare.

mod common;
use common::*;

#[test]
fn commit_options() {
    let e = Env::new("commit-opts");
    e.demo();
    e.hutch(&["run", "--name", "c", "-v", "cache:/cache", "-v", "/work", "demo", "sh", "-c", "echo one > /one; rm /bin/true"]).ok();
    let iid = e.dir.join("iid");
    let id = e.hutch(&["commit", "--iidfile", iid.to_str().unwrap(), "c", "plain"]).ok().stdout.trim().to_string();
    assert_eq!(std::fs::read_to_string(&iid).unwrap(), format!("sha256:{id}"));
    let layers = |img: &str| e.hutch(&["image", "inspect", "-f", "{{len .RootFS.Layers}}", img]).ok().stdout.trim().parse::<usize>().unwrap();
    let base = layers("demo");
    assert_eq!(layers("plain"), base + 1);
    // --include-volumes: the container's volume mount points become VOLUMEs.
    e.hutch(&["commit", "--include-volumes", "c", "withvols"]).ok();
    assert_eq!(e.hutch(&["image", "inspect", "-f", "{{range $k, $v := .Config.Volumes}}{{$k}} {{end}}", "withvols"]).ok().stdout, "/cache /work \n");
    let plain: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "plain"]).ok().stdout).unwrap();
    assert!(plain[0]["Config"].get("Volumes").is_none(), "{}", plain[0]["Config"]);
    // --squash: one layer holding the whole tree, the deletion applied.
    e.hutch(&["commit", "-q", "--squash", "c", "flat"]).ok();
    assert_eq!(layers("flat"), 1);
    let o = e.hutch(&["run", "--rm", "flat", "sh", "-c", "cat /one; test -e /bin/true || echo gone"]);
    assert_eq!(o.ok().stdout, "one\ngone\n");
    assert_eq!(e.hutch(&["images", "-q"]).stdout.lines().count(), 4, "the layered image made on the way is gone");
    // --format docker: Docker's media types.
    e.hutch(&["commit", "--format", "docker", "--change", "LABEL fmt=docker", "c", "dockerish"]).ok();
    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["image", "inspect", "dockerish"]).ok().stdout).unwrap();
    assert_eq!(v[0]["ManifestType"], "application/vnd.docker.distribution.manifest.v2+json");
    e.hutch(&["commit", "--format", "v2s1", "c", "x"]).code(125);
    // --pause freezes a running container meanwhile: refused as `pause` is on this cgroup v1
    // host, leaving nothing; a container that is not running needs no pause.
    e.hutch(&["run", "-d", "--name", "busy", "demo", "sleep", "100"]).ok();
    assert_eq!(e.hutch(&["commit", "--pause", "busy", "x"]).code(125).stderr, "Error: can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup\n");
    e.hutch(&["image", "exists", "x"]).code(1);
    e.hutch(&["rm", "-f", "-t", "0", "busy"]).ok();
    e.hutch(&["commit", "--pause", "c", "paused-stopped"]).ok();
    e.hutch(&["commit", "--pause=false", "c", "paused-false"]).ok();
    // history --format json: Podman's ImageHistoryLayer keys, on one line; templates see its texts.
    let j = e.hutch(&["history", "--format", "json", "plain"]).ok().stdout.clone();
    assert_eq!(j.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    let keys: Vec<&str> = v[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "created", "CreatedBy", "size", "comment", "Created"]);
    assert_eq!(v[0]["id"], id.as_str());
    assert!(e.hutch(&["history", "--format", "{{.ID}} {{.Size}}", "plain"]).ok().stdout.starts_with(&format!("{} ", &id[..12])));
}

#[test]
fn import_sets_the_platform_given() {
    let e = Env::new("import-platform");
    let tar = busybox_tar();
    e.hutch(&["import", "--arch", "arm64", "--os", "linux", "--variant", "v8", tar.to_str().unwrap(), "armish"]).ok();
    assert_eq!(e.hutch(&["image", "inspect", "-f", "{{.Architecture}}/{{.Os}}/{{.Variant}}", "armish"]).ok().stdout, "arm64/linux/v8\n");
    e.hutch(&["import", tar.to_str().unwrap(), "native"]).ok();
    let arch = e.hutch(&["info", "--format", "{{.Host.Arch}}"]).ok().stdout.clone();
    assert_eq!(e.hutch(&["image", "inspect", "-f", "{{.Architecture}}", "native"]).ok().stdout, arch);
}

#[test]
fn diff_latest_and_mount_listing() {
    let e = Env::new("mount-opts");
    e.demo();
    e.hutch(&["run", "--name", "older", "demo", "true"]).ok();
    e.hutch(&["run", "--name", "newer", "demo", "touch", "/made"]).ok();
    assert_eq!(e.hutch(&["diff", "--latest"]).ok().stdout, "A /made\n");
    e.hutch(&["diff", "-l", "older"]).code(125);
    let b = bin();
    let b = b.display();
    // Inside `hutch unshare`: mount two, list them, unmount by --latest and --all.
    let script = format!(
        "{b} mount older >/dev/null && {b} mount --latest >/dev/null && {b} mount | cut -f1 | sort | tr '\\n' ' '; echo; \
         {b} mount --format json | grep -c mountpoint; {b} unmount --latest; {b} mount | wc -l; {b} unmount --all; {b} mount | wc -l"
    );
    let o = e.hutch(&["unshare", "sh", "-c", &script]);
    let ids: Vec<String> = ["older", "newer"].iter().map(|n| e.hutch(&["inspect", "-f", "{{.Id}}", n]).stdout.trim()[..12].to_string()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    let newer_full = e.hutch(&["inspect", "-f", "{{.Id}}", "newer"]).stdout.trim().to_string();
    let older_full = e.hutch(&["inspect", "-f", "{{.Id}}", "older"]).stdout.trim().to_string();
    assert_eq!(o.ok().stdout, format!("{} {} \n2\n{newer_full}\n1\n{older_full}\n0\n", sorted[0], sorted[1]));
    e.hutch(&["unmount"]).code(125).stderr_has("you must provide at least one name or id");
    e.hutch(&["mount", "--format", "yaml"]).code(125);
}

#[test]
fn cp_archive_and_overwrite() {
    let e = Env::new("cp-opts");
    e.demo();
    e.hutch(&["create", "--name", "u", "--user", "1234:2345", "demo", "sleep", "100"]).ok();
    let src = e.dir.join("f");
    std::fs::write(&src, "data").unwrap();
    let dir = e.dir.join("d");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("inner"), "x").unwrap();
    // --archive (the default): the container user's ids; --archive=false: the file's own.
    e.hutch(&["cp", src.to_str().unwrap(), "u:/tmp/archived"]).ok();
    e.hutch(&["cp", "--archive=false", src.to_str().unwrap(), "u:/tmp/kept"]).ok();
    e.hutch(&["cp", dir.to_str().unwrap(), "u:/tmp/tree"]).ok();
    e.hutch(&["start", "u"]).ok();
    let o = e.hutch(&["exec", "u", "stat", "-c", "%n %u:%g", "/tmp/archived", "/tmp/kept", "/tmp/tree", "/tmp/tree/inner"]);
    assert_eq!(o.ok().stdout, format!("/tmp/archived 1234:2345\n/tmp/kept {0}:{1}\n/tmp/tree 1234:2345\n/tmp/tree/inner 1234:2345\n", uid(), gid()));
    // A file where a directory is (and the other way round) needs --overwrite.
    e.hutch(&["cp", src.to_str().unwrap(), "u:/tmp/tree"]).ok(); // into the directory
    e.hutch(&["exec", "u", "mkdir", "-p", "/tmp/adir/sub"]).ok();
    e.hutch(&["cp", dir.to_str().unwrap(), "u:/tmp/archived"]).code(125).stderr_has("cannot overwrite non-directory \"archived\" with directory");
    e.hutch(&["cp", "--overwrite", dir.to_str().unwrap(), "u:/tmp/archived"]).ok();
    assert_eq!(e.hutch(&["exec", "u", "cat", "/tmp/archived/inner"]).ok().stdout, "x");
    e.hutch(&["rm", "-f", "-t", "0", "u"]).ok();
}

#[test]
fn prune_filters_df_verbose_and_unshare_netns() {
    let e = Env::new("prune-filters");
    e.demo();
    let ctx = e.dir.join("ctx");
    std::fs::create_dir(&ctx).unwrap();
    for (tag, label) in [("keep", "stay"), ("drop", "go")] {
        std::fs::write(ctx.join("Containerfile"), format!("FROM demo\nLABEL fate={label}\nRUN echo {tag} > /f\n")).unwrap();
        e.hutch(&["build", "-q", "-t", tag, ctx.to_str().unwrap()]).ok();
    }
    e.hutch(&["image", "prune", "-a", "-f", "--filter", "label=fate=go"]).ok();
    let mut left: Vec<String> = e.hutch(&["images", "--format", "{{.Repository}}"]).stdout.lines().map(String::from).collect();
    left.sort();
    assert_eq!(left, ["localhost/demo", "localhost/keep"]);
    // until: nothing was made before 2020.
    assert_eq!(e.hutch(&["image", "prune", "-a", "-f", "--filter", "until=2020-01-01"]).ok().stdout, "");
    assert_eq!(e.hutch(&["image", "prune", "-f", "--filter", "dangling=true"]).ok().stdout, "");
    e.hutch(&["image", "prune", "-f", "--filter", "reference=x"]).code(125).stderr_has("reference is an invalid filter");
    // system prune: stopped containers the label filter selects.
    e.hutch(&["run", "--name", "a", "-l", "team=x", "demo", "true"]).ok();
    e.hutch(&["run", "--name", "b", "demo", "true"]).ok();
    e.hutch(&["system", "prune", "-f", "--filter", "label=team=x"]).ok().stdout_has("Deleted Containers\n");
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}"]).stdout, "b\n");
    e.hutch(&["volume", "create", "-l", "team=x", "vx"]).ok();
    e.hutch(&["volume", "create", "vy"]).ok();
    e.hutch(&["system", "prune", "-f", "--volumes", "--filter", "label=team"]).ok().stdout_has("Deleted Volumes\nvx\n");
    assert_eq!(e.hutch(&["volume", "ls", "-q"]).stdout, "vy\n");
    // system df -v: the three tables.
    let o = e.hutch(&["system", "df", "-v"]);
    let out = &o.ok().stdout;
    assert!(out.starts_with("Images space usage:\n\nREPOSITORY  "), "{out}");
    assert!(out.contains("\nContainers space usage:\n\nCONTAINER ID  ") && out.contains("\nLocal Volumes space usage:\n\nVOLUME NAME  LINKS       SIZE\n"), "{out}");
    assert!(out.lines().any(|l| l.split_whitespace().take(2).eq(["localhost/keep", "latest"])), "{out}");
    assert!(e.hutch(&["system", "df", "-v", "--format", "json"]).ok().stdout.starts_with("Images space usage:\n"), "--verbose wins, as in Podman");
    // volume rm --force --time: the running container using it goes first, stopped at once.
    e.hutch(&["run", "-d", "--name", "holder", "-v", "held:/h", "demo", "sleep", "300"]).ok();
    e.hutch(&["volume", "rm", "held"]).code(2).stderr_has("volume is being used");
    e.hutch(&["volume", "rm", "-f", "-t", "0", "held"]).ok().stdout_is("held\n");
    assert_eq!(e.hutch(&["ps", "-a", "--format", "{{.Names}}", "--filter", "name=holder"]).stdout, "");
    e.hutch(&["unshare", "--rootless-netns", "true"]).code(125).stderr_has("--rootless-netns: hutch has no shared rootless network namespace");
}
