//! `--format`: `json`, or a Go text/template as Podman users write them, run by the gotmpl
//! crate (a port of Go's text/template: pipelines, `range`/`if`/`with`, `index`, `len`,
//! `printf`, Go's printing of lists and maps). This file is the glue: Podman's functions
//! (`json`, `upper`, `lower`, `title`, `truncate`, `join`, `split`, `pad`), its `table` prefix
//! with the header row, its escapes, and the JSON rows turned into template values.

use anyhow::{anyhow, Result};
use gotmpl::Value as T;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

pub struct Template {
    pub table: bool,
    /// The text after Podman's replacements, for the header row.
    text: String,
    tmpl: gotmpl::Template,
    names: GoNames,
}

/// How a verb's JSON keys map to the Go field names Podman's templates use: templates see
/// both, `json` prints the JSON keys. Keys inside `free_maps` (labels, options) are data.
#[derive(Clone, Copy)]
pub struct GoNames {
    pub name: fn(&str) -> Option<String>,
    pub free_maps: &'static [&'static str],
    /// A field the data lacks is an error (where the data has all of Podman's fields).
    pub strict: bool,
}

/// Where Podman's structs name a field other than its JSON key (`.ID` for "Id",
/// `.State.Healthcheck` for "Health", an image's `.HealthCheck` for "Healthcheck").
pub const PODMAN_NAMES: GoNames = GoNames { name: podman_name, free_maps: &[], strict: false };

fn podman_name(key: &str) -> Option<String> {
    match key {
        "Id" => Some("ID".into()),
        "Health" => Some("Healthcheck".into()),
        "Healthcheck" => Some("HealthCheck".into()),
        _ => None,
    }
}

/// Podman's report.IsJSON: `json` or `{{json .}}`, spaces allowed.
pub fn is_json(f: &str) -> bool {
    let t: String = f.chars().filter(|c| !c.is_whitespace()).collect();
    t == "json" || t == "{{json.}}" || t == "{{json}}"
}

impl Template {
    /// Parses as Podman's report.NormalizeFormat does: `table ` makes a table (and every
    /// space a column break), `\t` and `\n` are escapes, and a row ends with one newline.
    pub fn parse(src: &str) -> Result<Template> {
        Template::parse_named(src, PODMAN_NAMES)
    }

    pub fn parse_named(src: &str, names: GoNames) -> Result<Template> {
        let table = src.starts_with("table ") || src == "table";
        let mut text = if table { table_replace(src.strip_prefix("table").unwrap_or(src).trim_start()) } else { src.replace("\\t", "\t").replace("\\n", "\n") };
        if !text.ends_with('\n') {
            text.push('\n');
        }
        unclosed_block(&text)?;
        let missing = if names.strict { gotmpl::MissingKey::Error } else { gotmpl::MissingKey::default() };
        let tmpl = with_funcs(gotmpl::Template::new("format").missing_key(missing), names)
            .parse(&text)
            .map_err(|e| anyhow!("template: {e}"))?;
        Ok(Template { table, text, tmpl, names })
    }

    /// One row: the template run over `v` (its trailing newline included).
    pub fn render(&self, v: &Value) -> Result<String> {
        self.render_value(&to_template(v, self.names, true))
    }

    fn render_value(&self, v: &T) -> Result<String> {
        self.tmpl.execute_to_string(v).map_err(|e| anyhow!("template: {e}"))
    }

    /// The header row for `table`, as Podman makes it: the template run over a row whose every
    /// field holds its heading (`CreatedAt` → `CREATED AT`), some given (`("ID", "CONTAINER ID")`).
    pub fn header_with(&self, given: &[(&str, &str)]) -> String {
        let mut headings: BTreeMap<Arc<str>, T> = BTreeMap::new();
        for path in field_paths(&self.text) {
            insert_heading(&mut headings, &path, given);
        }
        self.render_value(&T::Map(Arc::new(headings))).unwrap_or_default()
    }
}

/// Go refuses a `range`/`if`/`with`/`block`/`define` without its `{{end}}` ("unexpected
/// EOF"); gotmpl 0.6 runs it as if closed at the end, so that is checked here.
fn unclosed_block(text: &str) -> Result<()> {
    let mut depth = 0i32;
    for action in text.split("{{").skip(1) {
        let inner = action.split("}}").next().unwrap_or("").trim_start_matches('-').trim_start();
        match inner.split(|c: char| c.is_whitespace() || c == '-' || c == '(').next().unwrap_or("") {
            "if" | "range" | "with" | "block" | "define" => depth += 1,
            "end" => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(anyhow!("template: format: unexpected EOF"));
    }
    Ok(())
}

/// Podman's own functions, beside text/template's builtins.
fn with_funcs(t: gotmpl::Template, names: GoNames) -> gotmpl::Template {
    let s = |a: &[T], i: usize| a.get(i).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).unwrap_or_default();
    let n = |a: &[T], i: usize| a.get(i).and_then(T::as_int).unwrap_or(0).max(0) as usize;
    t.func("json", move |a| Ok(T::String(a.first().map(|v| from_template(v, names).to_string()).unwrap_or_else(|| "null".into()).into())))
        .func("upper", move |a| Ok(T::String(s(a, 0).to_uppercase().into())))
        .func("lower", move |a| Ok(T::String(s(a, 0).to_lowercase().into())))
        .func("title", move |a| Ok(T::String(title(&s(a, 0)).into())))
        // truncate STRING N: the first N characters.
        .func("truncate", move |a| Ok(T::String(s(a, 0).chars().take(n(a, 1)).collect::<String>().into())))
        // pad STRING PREFIX SUFFIX: spaces either side of a non-empty string.
        .func("pad", move |a| {
            let v = s(a, 0);
            Ok(T::String(if v.is_empty() { v } else { format!("{}{v}{}", " ".repeat(n(a, 1)), " ".repeat(n(a, 2))) }.into()))
        })
        .func("join", move |a| {
            let sep = s(a, 1);
            let parts: Vec<String> = match a.first() {
                Some(T::List(l)) => l.iter().map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).collect(),
                _ => vec![s(a, 0)],
            };
            Ok(T::String(parts.join(&sep).into()))
        })
        .func("split", move |a| {
            let (v, sep) = (s(a, 0), s(a, 1));
            let parts: Vec<T> = if sep.is_empty() {
                v.chars().map(|c| T::String(c.to_string().into())).collect()
            } else {
                v.split(sep.as_str()).map(|p| T::String(p.into())).collect()
            };
            Ok(T::List(parts.into()))
        })
}

/// Go's strings.Title: each word's first letter upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !(c.is_alphanumeric() || c == '_' || c == '\'');
    }
    out
}

/// Podman's tableReplacer: `\t` and every space a column break, `\n` a newline.
pub fn table_replace(s: &str) -> String {
    s.replace("\\t", "\t").replace(' ', "\t").replace("\\n", "\n")
}

/// Fields that are Go maps in Podman's structs (null in JSON when empty).
const MAP_FIELDS: &[&str] = &["Labels", "Annotations", "Options", "Volumes", "ExposedPorts"];

/// A JSON row as a template value; object keys also answer to their Go names.
pub fn to_template(v: &Value, names: GoNames, alias: bool) -> T {
    match v {
        Value::Null => T::Nil,
        Value::Bool(b) => T::Bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => T::Int(i),
            (None, Some(u)) => T::Uint(u),
            _ => T::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => T::String(s.as_str().into()),
        Value::Array(a) => T::List(a.iter().map(|v| to_template(v, names, alias)).collect::<Vec<_>>().into()),
        Value::Object(o) => {
            let mut m = BTreeMap::new();
            for (k, v) in o {
                // Podman's maps print as `map[]` when empty, though their JSON is null.
                let inner = if v.is_null() && MAP_FIELDS.contains(&k.as_str()) {
                    T::Map(Arc::new(BTreeMap::new()))
                } else {
                    to_template(v, names, alias && !names.free_maps.contains(&k.as_str()))
                };
                match (names.name)(k).filter(|go| alias && go != k && !o.contains_key(go)) {
                    Some(go) => {
                        m.insert(Arc::from(go.as_str()), inner.clone());
                        m.insert(Arc::from(k.as_str()), inner);
                    }
                    None => {
                        m.insert(Arc::from(k.as_str()), inner);
                    }
                }
            }
            T::Map(Arc::new(m))
        }
    }
}

/// A template value back as JSON, for `json`: the JSON keys, not their Go-name aliases.
fn from_template(v: &T, names: GoNames) -> Value {
    match v {
        T::Nil | T::Function(_) => Value::Null,
        T::Bool(b) => Value::Bool(*b),
        T::Int(i) => Value::from(*i),
        T::Uint(u) => Value::from(*u),
        T::Float(f) => Value::from(*f),
        T::String(s) => Value::String(s.to_string()),
        T::List(l) => Value::Array(l.iter().map(|v| from_template(v, names)).collect()),
        T::Map(m) => {
            let aliases: Vec<String> = m.keys().filter_map(|k| (names.name)(k).filter(|go| go.as_str() != k.as_ref())).collect();
            Value::Object(
                m.iter()
                    .filter(|(k, _)| !aliases.iter().any(|a| a.as_str() == k.as_ref()))
                    .map(|(k, v)| (k.to_string(), from_template(v, names)))
                    .collect(),
            )
        }
    }
}

/// The field paths a template names (`.A.B` → ["A", "B"]); not those on variables (`$x.A`).
fn field_paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut inside = false;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if text[i..].starts_with("{{") {
            inside = true;
            i += 2;
            continue;
        }
        if text[i..].starts_with("}}") {
            inside = false;
            i += 2;
            continue;
        }
        let after_word = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'$' || b[i - 1] == b')');
        if inside && b[i] == b'.' && !after_word {
            let end = text[i..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(b.len(), |e| i + e);
            let path: Vec<String> = text[i..end].split('.').filter(|p| !p.is_empty()).map(String::from).collect();
            if !path.is_empty() {
                out.push(path);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

fn insert_heading(m: &mut BTreeMap<Arc<str>, T>, path: &[String], given: &[(&str, &str)]) {
    let Some((first, rest)) = path.split_first() else { return };
    let key: Arc<str> = Arc::from(first.as_str());
    if rest.is_empty() {
        m.entry(key).or_insert_with(|| {
            T::String(given.iter().find(|(f, _)| f == first).map(|(_, h)| h.to_string()).unwrap_or_else(|| heading(first)).into())
        });
        return;
    }
    let mut inner = match m.remove(&key) {
        Some(T::Map(inner)) => (*inner).clone(),
        _ => BTreeMap::new(),
    };
    insert_heading(&mut inner, rest, given);
    m.insert(key, T::Map(Arc::new(inner)));
}

/// A field's heading: its name upper-cased, a space where a word starts.
fn heading(field: &str) -> String {
    match field {
        "ID" | "Id" => "IMAGE ID".into(),
        "CreatedSince" | "CreatedAt" => "CREATED".into(),
        other => {
            let mut s = String::new();
            for (i, c) in other.char_indices() {
                if i > 0 && c.is_uppercase() && !other[..i].ends_with(|p: char| p.is_uppercase()) {
                    s.push(' ');
                }
                s.extend(c.to_uppercase());
            }
            s
        }
    }
}

/// Prints rows through `--format` (json, template or table template).
pub fn print_rows(format: &str, rows: &[Value]) -> Result<()> {
    print_rows_with(format, rows, rows, &[], false)
}

/// `print_rows` where templates see `views` (Podman's template fields) while `json` prints
/// `rows`, with given table headings, and optionally without the heading line.
pub fn print_rows_with(format: &str, rows: &[Value], views: &[Value], headings: &[(&str, &str)], noheading: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if is_json(format) {
        let text = serde_json::to_string_pretty(&Value::Array(rows.to_vec()))?;
        let _ = writeln!(out, "{text}");
        return Ok(());
    }
    let t = Template::parse(format)?;
    if t.table {
        let mut cells = Vec::new();
        for r in views {
            cells.push(t.render(r)?.trim_end_matches('\n').split('\t').map(String::from).collect::<Vec<_>>());
        }
        let header = t.header_with(headings);
        let heads: Vec<&str> = header.trim_end_matches('\n').split('\t').collect();
        if noheading {
            crate::cli::table::print_rows_only(heads.len(), &cells);
        } else {
            crate::cli::table::print(&heads, &cells);
        }
    } else {
        for r in views {
            if out.write_all(t.render(r)?.as_bytes()).is_err() {
                break;
            }
        }
    }
    Ok(())
}

/// JSON with Go's MarshalIndent spacing (`inspect` uses five spaces, some lists four), no
/// HTML escaping.
pub fn print_json_indented(v: &Value, indent: &[u8]) -> Result<()> {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser)?;
    buf.push(b'\n');
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(&buf);
    Ok(())
}

/// `inspect` output: Podman's JSON array, or a template per object.
pub fn print_inspect(format: Option<&str>, found: Vec<Value>, kind: &str) -> Result<()> {
    match format {
        None => print_json_indented(&Value::Array(found), b"     "),
        Some(f) if is_json(f) => print_json_indented(&Value::Array(found), b"     "),
        Some(f) => print_rows_with(&inspect_normalize(f, kind == "image"), &found, &found, &[], true),
    }
}

/// Podman's inspectNormalize: the spellings its templates also take (`{{.Id}}`, `.Src`, `.Dst`,
/// `.ImageID`, and an image's `.Config.Healthcheck`).
pub fn inspect_normalize(format: &str, image: bool) -> String {
    let id = regex::Regex::new(r"\{\{\s*\.Id\s*\}\}").map(|r| r.replace_all(format, "{{.ID}}").into_owned()).unwrap_or_else(|_| format.to_string());
    let mut out = id.replace(".Src", ".Source").replace(".Dst", ".Destination").replace(".ImageID", ".Image");
    if image {
        out = out.replace(".Config.Healthcheck", ".HealthCheck");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str, v: &Value) -> String {
        Template::parse(t).unwrap().render(v).unwrap()
    }

    #[test]
    fn renders_go_templates() {
        let v = serde_json::json!({"Repository": "r", "Tag": "t", "Id": "abc", "Config": {"Cmd": ["sh", "-c"], "Labels": {"b": "2", "a": "1"}},
            "Mounts": [{"Source": "/x"}, {"Source": "/y"}], "State": {"Running": true, "Pid": 7}});
        assert_eq!(run("{{.Repository}}:{{.Tag}}", &v), "r:t\n");
        assert_eq!(run("{{.ID}} {{.Id}} {{.Config.Cmd}}\\n", &v), "abc abc [sh -c]\n");
        assert_eq!(run("{{.Config.Labels}}", &v), "map[a:1 b:2]\n");
        assert_eq!(run("{{range .Mounts}}{{.Source}},{{end}}", &v), "/x,/y,\n");
        assert_eq!(run("{{index .Config.Labels \"b\"}} {{len .Mounts}}", &v), "2 2\n");
        assert_eq!(run("{{if .State.Running}}up {{.State.Pid}}{{else}}down{{end}}", &v), "up 7\n");
        assert_eq!(run("{{printf \"%-4s|%03d\" .Tag .State.Pid}}", &v), "t   |007\n");
        assert_eq!(run("{{.ID|upper}} {{lower \"AB\"}} {{title \"ab cd\"}} {{truncate .Repository 0}}.", &v), "ABC ab Ab Cd .\n");
        assert_eq!(run("{{join .Config.Cmd \"+\"}} {{split \"a:b\" \":\"}} [{{pad .Tag 1 2}}]", &v), "sh+-c [a b] [ t  ]\n");
        assert_eq!(run("{{json .Config.Cmd}} {{json .State}}", &v), "[\"sh\",\"-c\"] {\"Pid\":7,\"Running\":true}\n");
        assert_eq!(run("{{json .}}", &serde_json::json!({"Id": "x"})), "{\"Id\":\"x\"}\n");
        assert_eq!(run("{{.Labels}} {{len .Labels}}", &serde_json::json!({"Labels": null})), "map[] 0\n", "Podman's empty maps");
        assert!(Template::parse("{{.A").is_err());
        assert!(Template::parse("{{range .}}{{if .}}{{end}}").is_err());
        assert!(Template::parse("{{range .}}{{- if . -}}{{end}}{{end}}").is_ok());
        assert!(Template::parse("{{nosuch .A}}").and_then(|t| t.render(&v)).is_err());
        assert!(Template::parse("{{.Repository.Foo}}").unwrap().render(&v).is_err());
    }

    #[test]
    fn tables_have_podmans_headers() {
        let t = Template::parse("table {{.Repository}}\\t{{.ID}} {{.Config.Cmd}} {{.Names|upper}}").unwrap();
        assert!(t.table);
        assert_eq!(t.header_with(&[("Names", "names")]), "REPOSITORY\tIMAGE ID\tCMD\tNAMES\n");
        assert!(is_json(" {{ json . }} ") && is_json("json") && !is_json("{{json .Id}}"));
    }
}
