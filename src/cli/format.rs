//! `--format`: `json`, or a subset of Go templates as Podman users write them:
//! `{{.Field}}` and `{{.A.B}}` over a JSON value, `table` to print a header row first, and
//! `\t` / `\n` escapes. Anything else inside `{{ }}` is refused with a clear error.

use anyhow::{bail, Result};
use serde_json::Value;

pub struct Template {
    pub table: bool,
    parts: Vec<Part>,
}

enum Part {
    Text(String),
    Field(Vec<String>),
}

impl Template {
    pub fn parse(src: &str) -> Result<Template> {
        let (table, body) = match src.strip_prefix("table") {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') => (true, rest.trim_start()),
            _ => (false, src),
        };
        let body = body.replace("\\t", "\t").replace("\\n", "\n");
        let mut parts = Vec::new();
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                parts.push(Part::Text(rest[..start].to_string()));
            }
            let end = rest[start..].find("}}").map(|e| start + e).ok_or_else(|| anyhow::anyhow!("--format: `{{{{` without `}}}}`"))?;
            let inner = rest[start + 2..end].trim();
            let Some(path) = inner.strip_prefix('.') else {
                bail!("--format: `{{{{{inner}}}}}` is not supported (use {{{{.Field}}}} or `json`)");
            };
            if path.is_empty() || !path.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_')) {
                bail!("--format: `{{{{{inner}}}}}` is not a field path");
            }
            parts.push(Part::Field(path.split('.').map(String::from).collect()));
            rest = &rest[end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { table, parts })
    }

    pub fn render(&self, v: &Value) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field(path) => {
                    let mut cur = v;
                    for k in path {
                        cur = lookup(cur, k).unwrap_or(&Value::Null);
                    }
                    out.push_str(&scalar(cur));
                }
            }
        }
        out
    }

    /// The header row for `table`: each field's last name, upper-cased with spaces.
    pub fn header(&self) -> String {
        self.header_with(&[])
    }

    /// The header row, with some fields' headings given (`("ID", "CONTAINER ID")`).
    pub fn header_with(&self, given: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field(path) => {
                    let last = path.last().map(String::as_str).unwrap_or("");
                    match given.iter().find(|(f, _)| *f == last) {
                        Some((_, h)) => out.push_str(h),
                        None => out.push_str(&heading(last)),
                    }
                }
            }
        }
        out
    }
}

/// Field lookup, also trying Podman's alternative spellings (Id/ID).
fn lookup<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
    let o = v.as_object()?;
    o.get(k).or_else(|| o.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v))
}

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

pub fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "<no value>".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(scalar).collect::<Vec<_>>().join(" ")),
        Value::Object(_) => {
            let pairs: Vec<String> = v.as_object().into_iter().flatten().map(|(k, v)| format!("{k}:{}", scalar(v))).collect();
            format!("map[{}]", pairs.join(" "))
        }
        other => other.to_string(),
    }
}

/// Prints rows through `--format` (json, template or table template).
pub fn print_rows(format: &str, rows: &[Value]) -> Result<()> {
    print_rows_with(format, rows, rows, &[], false)
}

/// `print_rows` where templates see `views` (Podman's template fields) while `json` prints
/// `rows`, with given table headings, and optionally without the heading line.
pub fn print_rows_with(format: &str, rows: &[Value], views: &[Value], headings: &[(&str, &str)], noheading: bool) -> Result<()> {
    if format == "json" || format == "{{json .}}" {
        println!("{}", serde_json::to_string_pretty(&Value::Array(rows.to_vec()))?);
        return Ok(());
    }
    let t = Template::parse(format)?;
    if t.table {
        let cells: Vec<Vec<String>> = views.iter().map(|r| t.render(r).split('\t').map(String::from).collect()).collect();
        let header = t.header_with(headings);
        let heads: Vec<&str> = header.split('\t').collect();
        if noheading {
            crate::cli::table::print_rows_only(heads.len(), &cells);
        } else {
            crate::cli::table::print(&heads, &cells);
        }
    } else {
        let mut out = std::io::stdout().lock();
        for r in views {
            use std::io::Write;
            if writeln!(out, "{}", t.render(r)).is_err() {
                break;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_fields_and_tables() {
        let v = serde_json::json!({"Repository": "r", "Tag": "t", "Id": "abc", "Config": {"Cmd": ["sh", "-c"]}});
        assert_eq!(Template::parse("{{.Repository}}:{{.Tag}}").unwrap().render(&v), "r:t");
        assert_eq!(Template::parse("{{.ID}} {{.Config.Cmd}}").unwrap().render(&v), "abc [sh -c]");
        let t = Template::parse("table {{.Repository}}\\t{{.ID}}").unwrap();
        assert!(t.table);
        assert_eq!(t.header(), "REPOSITORY\tIMAGE ID");
        assert!(Template::parse("{{range .}}").is_err());
        assert!(Template::parse("{{.A").is_err());
    }
}
