//! What each Containerfile instruction does to an image's config, pure: ENV, LABEL, EXPOSE,
//! VOLUME, USER, WORKDIR, CMD, ENTRYPOINT, SHELL, STOPSIGNAL, HEALTHCHECK, ONBUILD and
//! MAINTAINER edit the config; the build args in scope; the history line each step leaves
//! (`created_by`, as Buildah writes it); and a step's cache key.

use crate::plan::containerfile::{key_values_raw, Args, Instruction};
use crate::plan::containerfile_expand::{expand_word, expand_words};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The args Docker and Buildah pass to RUN without an ARG line (when given with --build-arg).
pub const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
];

/// The PATH Buildah gives a stage whose base image sets none.
pub use crate::plan::env::DEFAULT_PATH;

/// The build args a stage sees: those declared with ARG (in order), with the value given by
/// `--build-arg` or else their default, and the predefined platform args.
#[derive(Debug, Clone, Default)]
pub struct ArgScope {
    declared: Vec<(String, Option<String>)>,
}

impl ArgScope {
    /// Declares `name` (an ARG line): its value is the `--build-arg` one, else `default`.
    pub fn declare(&mut self, name: &str, default: Option<String>, given: &BTreeMap<String, String>) {
        let value = given.get(name).cloned().or(default);
        self.declared.retain(|(n, _)| n != name);
        self.declared.push((name.to_string(), value));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.declared.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// The declared args with a value, plus given proxy args, as a RUN step's environment
    /// sees them (in declaration order).
    pub fn run_env(&self, given: &BTreeMap<String, String>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.declared.iter().filter_map(|(n, v)| v.clone().map(|v| (n.clone(), v))).collect();
        for p in PROXY_ARGS {
            if let Some(v) = given.get(*p) {
                if !out.iter().any(|(n, _)| n == p) {
                    out.push((p.to_string(), v.clone()));
                }
            }
        }
        out
    }
}

/// The platform args Docker defines in the global scope (visible after `ARG NAME`).
/// `target`: os, architecture and variant (empty: none) built for; `build_arch`, this host's.
pub fn platform_args(target: [&str; 3], build_arch: &str) -> Vec<(String, String)> {
    let [os, arch, variant] = target;
    let tp = if variant.is_empty() { format!("{os}/{arch}") } else { format!("{os}/{arch}/{variant}") };
    vec![
        ("TARGETPLATFORM".into(), tp), ("TARGETOS".into(), os.into()), ("TARGETARCH".into(), arch.into()), ("TARGETVARIANT".into(), variant.into()),
        ("BUILDPLATFORM".into(), format!("linux/{build_arch}")), ("BUILDOS".into(), "linux".into()), ("BUILDARCH".into(), build_arch.into()), ("BUILDVARIANT".into(), String::new()),
    ]
}

/// Looks a variable up for expansion: the config's Env first (ENV overrides ARG), then the args.
pub fn lookup<'a>(config: &'a Map<String, Value>, args: &'a ArgScope) -> impl Fn(&str) -> Option<String> + 'a {
    move |name: &str| env_value(config, name).or_else(|| args.get(name).map(String::from))
}

pub fn env_value(config: &Map<String, Value>, name: &str) -> Option<String> {
    config.get("Env")?.as_array()?.iter().rev().filter_map(|e| e.as_str()).find_map(|e| {
        e.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    })
}

fn set_env(config: &mut Map<String, Value>, key: &str, value: &str) {
    let env = config.entry("Env").or_insert_with(|| json!([]));
    if !env.is_array() {
        *env = json!([]);
    }
    if let Some(a) = env.as_array_mut() {
        let item = json!(format!("{key}={value}"));
        match a.iter().position(|e| e.as_str().and_then(|s| s.split_once('=')).is_some_and(|(k, _)| k == key)) {
            Some(i) => a[i] = item,
            None => a.push(item),
        }
    }
}

/// The command of a RUN/CMD/ENTRYPOINT: the exec form as written, the shell form run by the
/// stage's SHELL (default `/bin/sh -c`).
pub fn command_of(args: &Args, config: &Map<String, Value>) -> Vec<String> {
    match args {
        Args::Exec(v) => v.clone(),
        Args::Shell(s) => {
            let mut shell = shell_of(config);
            shell.push(s.clone());
            shell
        }
    }
}

pub fn shell_of(config: &Map<String, Value>) -> Vec<String> {
    config.get("Shell").and_then(|s| serde_json::from_value::<Vec<String>>(s.clone()).ok()).filter(|s| !s.is_empty())
        .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()])
}

/// A Go duration (`30s`, `1m30s`, `500ms`, `2h`, or `0`) in nanoseconds.
pub fn go_duration(s: &str) -> Result<u64, String> {
    if s == "0" {
        return Ok(0);
    }
    crate::util::time::parse_go_duration(s).filter(|d| *d >= 0).map(|d| d as u64)
        .ok_or_else(|| format!("invalid duration `{s}`: use a number with a unit, such as 30s, 1m30s or 500ms"))
}

/// Applies a config instruction to `config` (the image config's `config` object); `expand`
/// turns a word into its expanded form, with the variables in scope. Returns the text the
/// history records after `#(nop) `.
pub fn apply(
    config: &mut Map<String, Value>,
    image: &mut Map<String, Value>,
    ins: &Instruction,
    vars: &dyn Fn(&str) -> Option<String>,
    escape: char,
    cmd_set_in_stage: bool,
) -> Result<(), String> {
    let raw = match &ins.args {
        Args::Shell(s) => s.clone(),
        Args::Exec(v) => serde_json::to_string(v).unwrap_or_default(),
    };
    let word = |s: &str| expand_word(s, vars, escape);
    match ins.keyword.as_str() {
        "ENV" => {
            for (k, v) in key_values_raw("ENV", &raw, escape)? {
                let v = v.ok_or_else(|| format!("ENV {k}: a value is required (ENV {k}=VALUE)"))?;
                let value = expand_word(&v, &|n| env_value(config, n).or_else(|| vars(n)), escape)?;
                set_env(config, &k, &value);
            }
        }
        "LABEL" => {
            let labels = config.entry("Labels").or_insert_with(|| json!({}));
            if !labels.is_object() {
                *labels = json!({});
            }
            for (k, v) in key_values_raw("LABEL", &raw, escape)? {
                let v = v.ok_or_else(|| format!("LABEL {k}: a value is required (LABEL {k}=VALUE)"))?;
                labels[word(&k)?] = json!(word(&v)?);
            }
        }
        "MAINTAINER" => {
            image.insert("author".into(), json!(raw.trim()));
        }
        "EXPOSE" => {
            let ports = config.entry("ExposedPorts").or_insert_with(|| json!({}));
            for p in expand_words(&raw, vars, escape)? {
                let (num, proto) = p.split_once('/').unwrap_or((&p, "tcp"));
                let ok = num.split('-').all(|n| n.parse::<u16>().is_ok()) && matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp");
                if !ok {
                    return Err(format!("invalid port `{p}`: use PORT[/tcp|/udp|/sctp]"));
                }
                ports[format!("{num}/{}", proto.to_ascii_lowercase())] = json!({});
            }
        }
        "VOLUME" => {
            let list = match &ins.args {
                Args::Exec(v) => v.iter().map(|s| word(s)).collect::<Result<Vec<_>, _>>()?,
                Args::Shell(s) => expand_words(s, vars, escape)?,
            };
            if list.is_empty() || list.iter().any(|v| v.is_empty()) {
                return Err("VOLUME needs one or more paths".into());
            }
            let vols = config.entry("Volumes").or_insert_with(|| json!({}));
            for v in list {
                vols[v] = json!({});
            }
        }
        "USER" => {
            let u = word(raw.trim())?;
            if u.is_empty() {
                return Err("USER needs a user name or id".into());
            }
            config.insert("User".into(), json!(u));
        }
        "WORKDIR" => {
            let w = word(raw.trim())?;
            let cur = config.get("WorkingDir").and_then(|v| v.as_str()).filter(|s| !s.is_empty()).unwrap_or("/").to_string();
            let joined = if w.starts_with('/') { w } else { format!("{}/{w}", cur.trim_end_matches('/')) };
            config.insert("WorkingDir".into(), json!(clean_path(&joined)));
        }
        "CMD" => {
            config.insert("Cmd".into(), json!(command_of(&ins.args, config)));
        }
        "ENTRYPOINT" => {
            let ep = match &ins.args {
                Args::Shell(s) if s.trim().is_empty() => vec![],
                a => command_of(a, config),
            };
            config.insert("Entrypoint".into(), json!(ep));
            // Docker: an ENTRYPOINT resets a CMD inherited from the base image.
            if !cmd_set_in_stage {
                config.insert("Cmd".into(), Value::Null);
            }
        }
        "SHELL" => match &ins.args {
            Args::Exec(v) if !v.is_empty() => {
                config.insert("Shell".into(), json!(v));
            }
            _ => return Err("SHELL requires the arguments to be in JSON form: SHELL [\"executable\", \"parameters\"]".into()),
        },
        "STOPSIGNAL" => {
            let s = word(raw.trim())?;
            crate::util::signals::parse(&s).map_err(|e| format!("STOPSIGNAL {s}: {e}"))?;
            config.insert("StopSignal".into(), json!(s));
        }
        "HEALTHCHECK" => {
            config.insert("Healthcheck".into(), healthcheck(ins)?);
        }
        "ONBUILD" => {
            let t = raw.trim();
            let list = config.entry("OnBuild").or_insert_with(|| json!([]));
            if !list.is_array() {
                *list = json!([]);
            }
            if let Some(a) = list.as_array_mut() {
                a.push(json!(t));
            }
        }
        other => return Err(format!("{other} does not change the image's config")),
    }
    Ok(())
}

fn healthcheck(ins: &Instruction) -> Result<Value, String> {
    let mut hc = Map::new();
    if ins.subcommand.as_deref() == Some("NONE") {
        if !ins.flags.is_empty() {
            return Err("HEALTHCHECK NONE takes no options".into());
        }
        return Ok(json!({"Test": ["NONE"]}));
    }
    let test = match &ins.args {
        Args::Exec(v) if !v.is_empty() => std::iter::once("CMD".to_string()).chain(v.iter().cloned()).collect::<Vec<_>>(),
        Args::Shell(s) if !s.trim().is_empty() => vec!["CMD-SHELL".into(), s.trim().to_string()],
        _ => return Err("HEALTHCHECK CMD needs a command".into()),
    };
    hc.insert("Test".into(), json!(test));
    for (name, value) in &ins.flags {
        let key = match name.as_str() {
            "interval" => "Interval",
            "timeout" => "Timeout",
            "start-period" => "StartPeriod",
            "start-interval" => "StartInterval",
            "retries" => {
                let n: u64 = value.parse().map_err(|_| format!("HEALTHCHECK --retries={value}: use a whole number"))?;
                hc.insert("Retries".into(), json!(n));
                continue;
            }
            other => return Err(format!("HEALTHCHECK: unknown option --{other} (use --interval, --timeout, --start-period, --start-interval or --retries)")),
        };
        hc.insert(key.into(), json!(go_duration(value).map_err(|e| format!("HEALTHCHECK --{name}: {e}"))?));
    }
    Ok(Value::Object(hc))
}

/// `a/./b/../c` → `/a/c`: a lexically cleaned absolute path.
pub fn clean_path(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The history entry's `created_by`, as Buildah (Podman 4.3.1's) writes it: `/bin/sh -c #(nop)
/// ENV A=1` for a config step; `/bin/sh -c` and the instruction's text for RUN, whatever its
/// form or the SHELL (`|2 A=1 B=2 /bin/sh -c make` with the build args it sees); for ARG, the
/// names of the args that have a value (`/bin/sh -c #(nop) ARG A B`). `args`: the build args
/// with a value at this step (RUN's without those its ENV overrides).
pub fn created_by(ins: &Instruction, args: &[(String, String)]) -> String {
    let text = ins.original.trim();
    let body = text.get(ins.keyword.len()..).unwrap_or("").trim_start();
    match ins.keyword.as_str() {
        "RUN" => {
            if args.is_empty() {
                format!("/bin/sh -c {body}")
            } else {
                let mut a: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                a.sort();
                let joined = a.join(" ");
                // Buildah counts the words of the joined list (a value with a space counts twice).
                format!("|{} {joined} /bin/sh -c {body}", joined.split(' ').count())
            }
        }
        "ARG" => {
            let mut names: Vec<&str> = args.iter().map(|(k, _)| k.as_str()).collect();
            names.sort();
            format!("/bin/sh -c #(nop) ARG {}", names.join(" "))
        }
        kw => format!("/bin/sh -c #(nop) {kw} {body}"),
    }
}

/// The next step's cache key from the previous one and what determines the step's result.
pub fn cache_key(parent: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(parent.as_bytes());
    for p in parts {
        h.update([0u8]);
        h.update(p.as_bytes());
    }
    format!("{:x}", h.finalize())
}

/// `--chown=USER[:GROUP]` as written (names resolved later), `--chmod=OCTAL`.
pub fn parse_chmod(s: &str) -> Result<u32, String> {
    u32::from_str_radix(s, 8).ok().filter(|m| *m <= 0o7777).ok_or_else(|| format!("invalid --chmod={s}: use an octal mode such as 755"))
}

/// The words of an instruction's args (exec form or shell words), expanded if `expand`.
pub fn arg_words(args: &Args, vars: &dyn Fn(&str) -> Option<String>, escape: char) -> Result<Vec<String>, String> {
    match args {
        Args::Exec(v) => v.iter().map(|s| expand_word(s, vars, escape)).collect(),
        Args::Shell(s) => expand_words(s, vars, escape),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::containerfile::parse;

    fn run(text: &str) -> Map<String, Value> {
        let cf = parse(text).unwrap();
        let mut cfg = Map::new();
        let mut img = Map::new();
        let mut cmd_set = false;
        for ins in &cf.stages[0].instructions {
            let none = |_: &str| None;
            apply(&mut cfg, &mut img, ins, &none, cf.escape, cmd_set).unwrap();
            cmd_set |= ins.keyword == "CMD";
        }
        cfg
    }

    #[test]
    fn config_instructions() {
        let c = run("FROM x\nENV A=1 B=\"two words\"\nENV C $A-x\nLABEL k=v \"a b\"=c\nEXPOSE 80 53/udp\nVOLUME [\"/data\"]\nUSER 1000:1000\nWORKDIR /a\nWORKDIR b/../c\nSHELL [\"/bin/bash\",\"-c\"]\nCMD echo hi\nSTOPSIGNAL SIGINT\nHEALTHCHECK --interval=5s --retries=2 CMD true\n");
        assert_eq!(c["Env"], json!(["A=1", "B=two words", "C=1-x"]));
        assert_eq!(c["Labels"], json!({"k": "v", "a b": "c"}));
        assert_eq!(c["ExposedPorts"], json!({"80/tcp": {}, "53/udp": {}}));
        assert_eq!(c["Volumes"], json!({"/data": {}}));
        assert_eq!(c["User"], json!("1000:1000"));
        assert_eq!(c["WorkingDir"], json!("/a/c"));
        assert_eq!(c["Cmd"], json!(["/bin/bash", "-c", "echo hi"]));
        assert_eq!(c["StopSignal"], json!("SIGINT"));
        assert_eq!(c["Healthcheck"], json!({"Test": ["CMD-SHELL", "true"], "Interval": 5_000_000_000u64, "Retries": 2}));
    }

    #[test]
    fn entrypoint_resets_inherited_cmd() {
        // A CMD of this stage stays; one from the base image goes.
        let c = run("FROM x\nCMD [\"a\"]\nENTRYPOINT [\"/e\"]\n");
        assert_eq!(c["Entrypoint"], json!(["/e"]));
        assert_eq!(c["Cmd"], json!(["a"]));
        let f = parse("FROM x\nENTRYPOINT [\"/e\"]\n").unwrap();
        let mut cfg = Map::new();
        cfg.insert("Cmd".into(), json!(["base"]));
        apply(&mut cfg, &mut Map::new(), &f.stages[0].instructions[0], &|_| None, '\\', false).unwrap();
        assert_eq!(cfg["Cmd"], Value::Null);
    }

    #[test]
    fn durations_and_keys() {
        assert_eq!(go_duration("1m30s").unwrap(), 90_000_000_000);
        assert_eq!(go_duration("500ms").unwrap(), 500_000_000);
        assert!(go_duration("5").is_err());
        assert_ne!(cache_key("a", &["RUN x"]), cache_key("a", &["RUN y"]));
        assert_eq!(clean_path("/a/./b/../../c/"), "/c");
    }

    #[test]
    fn history_lines() {
        let cf = parse("FROM x\nRUN make all\nENV A=1\nCOPY a /b\nRUN [\"ls\", \"/\"]\nARG B=2 A\n").unwrap();
        let i = &cf.stages[0].instructions;
        assert_eq!(created_by(&i[0], &[]), "/bin/sh -c make all");
        assert_eq!(created_by(&i[0], &[("V".into(), "1".into()), ("A".into(), "2".into())]), "|2 A=2 V=1 /bin/sh -c make all");
        assert_eq!(created_by(&i[0], &[("V".into(), "a b".into())]), "|2 V=a b /bin/sh -c make all");
        assert_eq!(created_by(&i[1], &[]), "/bin/sh -c #(nop) ENV A=1");
        assert_eq!(created_by(&i[2], &[]), "/bin/sh -c #(nop) COPY a /b");
        // Buildah 1.28: RUN's text as written after /bin/sh -c, whatever the form; ARG names the
        // args with a value.
        assert_eq!(created_by(&i[3], &[]), "/bin/sh -c [\"ls\", \"/\"]");
        assert_eq!(created_by(&i[4], &[("B".into(), "2".into()), ("A".into(), "x".into())]), "/bin/sh -c #(nop) ARG A B");
    }

    #[test]
    fn args_scope() {
        let mut s = ArgScope::default();
        let given: BTreeMap<String, String> = [("V".to_string(), "9".to_string()), ("HTTP_PROXY".to_string(), "p".to_string())].into();
        s.declare("V", Some("1".into()), &given);
        s.declare("W", Some("2".into()), &given);
        s.declare("U", None, &given);
        assert_eq!(s.get("V"), Some("9"));
        assert_eq!(s.run_env(&given), vec![("V".into(), "9".into()), ("W".into(), "2".into()), ("HTTP_PROXY".into(), "p".into())]);
    }
}
