//! `inspect` and `container inspect`: Podman's JSON shape and keys, templates, missing objects.

mod common;
use common::*;

#[test]
fn inspect_containers_images_and_volumes() {
    let e = Env::new("inspect");
    e.demo();
    e.hutch(&["volume", "create", "vol"]).ok();
    let id = e.hutch(&["run", "-d", "--name", "web", "-l", "tier=front", "--restart", "on-failure:3", "--stop-signal", "INT",
        "-v", "vol:/data", "demo", "sleep", "109"]).ok().stdout.trim().to_string();
    let o = e.hutch(&["inspect", "web"]);
    o.ok();
    assert!(o.stdout.starts_with("[\n     {\n          \"Id\": \""), "Podman's five-space indent and Id first:\n{}", o.stdout);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let c = &v[0];
    assert_eq!(c["Id"], id.as_str());
    assert_eq!(c["Name"], "web");
    assert_eq!(c["State"]["Status"], "running");
    assert_eq!(c["State"]["Running"], true);
    assert!(c["State"]["Pid"].as_i64().unwrap() > 0);
    assert_eq!(c["Path"], "sleep");
    assert_eq!(c["Args"], serde_json::json!(["109"]));
    assert_eq!(c["Config"]["Labels"]["tier"], "front");
    assert_eq!(c["Config"]["StopSignal"], 2);
    assert_eq!(c["HostConfig"]["RestartPolicy"]["Name"], "on-failure");
    assert_eq!(c["HostConfig"]["RestartPolicy"]["MaximumRetryCount"], 3);
    assert_eq!(c["HostConfig"]["LogConfig"]["Type"], "k8s-file");
    assert!(c["HostConfig"]["LogConfig"]["Path"].as_str().unwrap().ends_with("/ctr.log"));
    let mounts = c["Mounts"].as_array().unwrap();
    assert_eq!(mounts.len(), 1, "{mounts:?}");
    assert_eq!(mounts[0]["Type"], "volume");
    assert_eq!(mounts[0]["Name"], "vol");
    assert_eq!(mounts[0]["Destination"], "/data");
    // Templates, and the same through `container inspect` and a unique id prefix.
    let f = e.hutch(&["inspect", "--format", "{{.State.Status}} {{.Config.Labels.tier}} {{.RestartCount}}", "web"]);
    assert_eq!(f.ok().stdout, "running front 0\n");
    let f = e.hutch(&["container", "inspect", "-f", "{{.Name}}", &id[..8]]);
    assert_eq!(f.ok().stdout, "web\n");
    // Go templates: range, index, len, printf, json, if/else, Podman's functions, and the
    // spellings Podman's inspect also takes ({{.Id}}, .Dst).
    let f = e.hutch(&["inspect", "-f", "{{range .Mounts}}{{.Name}}>{{.Dst}};{{end}} {{index .Config.Labels \"tier\"}} {{len .Mounts}} \
        {{printf \"%.5s\" .Id}} {{json .Config.Labels}} {{if .State.Running}}up{{else}}down{{end}} {{.Name | upper}}\\n{{.Id}}={{.ID}}", "web"]);
    assert_eq!(f.ok().stdout, format!("vol>/data; front 1 {} {{\"tier\":\"front\"}} up WEB\n{id}={id}\n", &id[..5]));
    e.hutch(&["inspect", "-f", "{{.Name.Nope}}", "web"]).code(125).stderr_has("template:");
    e.hutch(&["stop", "-t", "0", "web"]).ok();
    let f = e.hutch(&["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}", "web"]);
    assert_eq!(f.ok().stdout, "exited 137 false\n");
    // --size adds SizeRw and SizeRootFs.
    let s: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "-s", "web"]).ok().stdout).unwrap();
    assert!(s[0]["SizeRootFs"].as_u64().unwrap() > 0);
    // Images and volumes through the generic verb; --type narrows.
    let i: serde_json::Value = serde_json::from_str(&e.hutch(&["inspect", "demo"]).ok().stdout).unwrap();
    assert!(i[0]["RootFS"].is_object() || i[0]["Id"].is_string(), "{i}");
    assert_eq!(e.hutch(&["inspect", "--type", "volume", "-f", "{{.Name}}", "vol"]).ok().stdout, "vol\n");
    // Missing: `[]` on stdout, Podman's error, 125.
    let m = e.hutch(&["inspect", "nosuch"]);
    assert_eq!((m.code, m.stdout.as_str()), (125, "[]\n"));
    m.stderr_has("Error: inspecting object: no such object: \"nosuch\"");
    e.hutch(&["container", "inspect", "nosuch"]).code(125).stderr_has("no such container nosuch");
    e.hutch(&["inspect", "--type", "container", "vol"]).code(125);
    e.hutch(&["rm", "web"]).ok();
}
