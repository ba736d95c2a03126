//! `secret create|ls|inspect|rm` and `run --secret`: Podman's verbs, output and messages.

mod common;
use common::*;

#[test]
fn secrets_are_created_listed_inspected_and_removed() {
    let e = Env::new("secrets");
    let file = e.dir.join("pw");
    std::fs::write(&file, "hunter2").unwrap();
    let id = e.hutch(&["secret", "create", "-l", "team=db", "pw", file.to_str().unwrap()]).ok().stdout.trim().to_string();
    assert!(id.len() == 25 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    let o = e.cmd(&["secret", "create", "fromstdin", "-"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let mut o = o;
    std::io::Write::write_all(&mut o.stdin.take().unwrap(), b"typed").unwrap();
    assert!(o.wait_with_output().unwrap().status.success());
    let o = e.cmd(&["secret", "create", "--env", "fromenv", "MY_TOKEN"]).env("MY_TOKEN", "t0k").stdin(std::process::Stdio::null()).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let ls = e.hutch(&["secret", "ls"]);
    let lines: Vec<&str> = ls.ok().stdout.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["ID", "NAME", "DRIVER", "CREATED", "UPDATED"]);
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with(&format!("{id}  pw  ")), "{lines:?}");
    assert_eq!(e.hutch(&["secret", "ls", "--format", "{{.Name}} {{.Driver}}", "--filter", "name=^from"]).ok().stdout, "fromstdin file\nfromenv file\n");
    assert_eq!(e.hutch(&["secret", "ls", "-q", "-f", &format!("id={}", &id[..6])]).ok().stdout, format!("{id}\n"));
    assert_eq!(e.hutch(&["secret", "list", "--noheading"]).ok().stdout.lines().count(), 3);

    let v: serde_json::Value = serde_json::from_str(&e.hutch(&["secret", "inspect", "pw"]).ok().stdout).unwrap();
    assert_eq!(v[0]["ID"], id.as_str());
    assert_eq!(v[0]["Spec"]["Name"], "pw");
    assert_eq!(v[0]["Spec"]["Driver"]["Name"], "file");
    assert_eq!(v[0]["Spec"]["Labels"]["team"], "db");
    assert_eq!(e.hutch(&["secret", "inspect", "-f", "{{.Spec.Name}}:{{.ID}}", &id[..8]]).ok().stdout, format!("pw:{id}\n"));
    e.hutch(&["secret", "inspect", "--pretty", "pw"]).ok().stdout_has("Labels:\n - team=db\nDriver:            file\n");

    // Podman's errors.
    e.hutch(&["secret", "create", "pw", file.to_str().unwrap()]).code(125).stderr_has("Error: pw: secret name in use");
    let empty = e.dir.join("empty");
    std::fs::write(&empty, "").unwrap();
    e.hutch(&["secret", "create", "e", empty.to_str().unwrap()]).code(125).stderr_has("secret data must be larger than 0 and less than 512000 bytes");
    e.hutch(&["secret", "create", "-d", "pass", "p", file.to_str().unwrap()]).code(125).stderr_has("secret driver \"pass\" is not supported");
    e.hutch(&["secret", "create", "bad/name", file.to_str().unwrap()]).code(125).stderr_has("invalid secret name");
    e.hutch(&["secret", "create", "--env", "e2", "UNSET_VARIABLE_X"]).code(125).stderr_has("UNSET_VARIABLE_X is not set");
    let o = e.hutch(&["secret", "inspect", "pw", "nosuch"]);
    o.code(125).stderr_has("Error: inspecting secret: no secret with name or id \"nosuch\": no such secret");
    e.hutch(&["secret", "rm"]).code(125).stderr_has("requires one argument, or the --all flag");

    // rm prints the ids; --all removes the rest.
    assert_eq!(e.hutch(&["secret", "rm", "pw"]).ok().stdout, format!("{id}\n"));
    e.hutch(&["secret", "rm", "pw"]).code(125).stderr_has("no such secret");
    assert_eq!(e.hutch(&["secret", "rm", "--all"]).ok().stdout.lines().count(), 2);
    assert_eq!(e.hutch(&["secret", "ls", "-q"]).ok().stdout, "");
}

#[test]
fn a_killed_create_leaves_no_secret_behind() {
    let e = Env::new("secrets-killed");
    let file = e.dir.join("pw");
    std::fs::write(&file, "x").unwrap();
    e.hutch(&["secret", "create", "a", file.to_str().unwrap()]).ok();
    // What a `secret create` killed after writing the data and before its record leaves.
    let partial = e.data().join("secrets/0123456789abcdef012345678");
    std::fs::create_dir_all(&partial).unwrap();
    std::fs::write(partial.join("data"), "half").unwrap();
    assert_eq!(e.hutch(&["secret", "ls", "--format", "{{.Name}}"]).ok().stdout, "a\n");
    e.hutch(&["secret", "create", "b", file.to_str().unwrap()]).ok();
    assert!(!partial.exists(), "the next create sweeps it");
}

#[test]
fn run_secret_mounts_a_copy_or_sets_a_variable() {
    let e = Env::new("secrets-run");
    e.demo();
    let file = e.dir.join("pw");
    std::fs::write(&file, "hunter2").unwrap();
    e.hutch(&["secret", "create", "pw", file.to_str().unwrap()]).ok();
    let o = e.hutch(&["run", "--rm", "--secret", "pw", "--secret", "pw,type=env,target=DB_PASSWORD",
        "--secret", "source=pw,target=/etc/app/pw,uid=7,gid=8,mode=0400", "demo", "sh", "-c",
        "cat /run/secrets/pw; echo; echo $DB_PASSWORD; stat -c '%a %u:%g' /run/secrets/pw /etc/app/pw; cat /etc/app/pw; echo; echo x > /run/secrets/pw || echo read-only"]);
    assert_eq!(o.ok().stdout, "hunter2\nhunter2\n444 0:0\n400 7:8\nhunter2\nread-only\n");
    // The container keeps the copy it was created with.
    e.hutch(&["create", "--name", "keeps", "--secret", "pw", "demo", "cat", "/run/secrets/pw"]).ok();
    e.hutch(&["secret", "rm", "pw"]).ok();
    assert_eq!(e.hutch(&["start", "-a", "keeps"]).ok().stdout, "hunter2");
    // Errors leave nothing behind.
    e.hutch(&["run", "--rm", "--secret", "pw", "demo", "true"]).code(125).stderr_has("no secret with name or id \"pw\": no such secret");
    e.hutch(&["run", "--rm", "--secret", "pw,type=env,mode=0400", "demo", "true"]).code(125)
        .stderr_has("UID, GID, Mode options cannot be set with secret option type=env");
    e.hutch(&["run", "--rm", "--secret", "pw,type=socket", "demo", "true"]).code(125).stderr_has("type must be mount or env");
    assert_eq!(e.hutch(&["ps", "-aq"]).stdout.lines().count(), 1);
}
