//! Containerfile/Dockerfile parser following Docker/BuildKit's rules: parser
//! directives, comments, line continuations, JSON (exec) vs shell form,
//! leading `--flags`, heredocs and build stages. Variable expansion lives in
//! `containerfile_expand`.

use std::fmt;

pub use super::containerfile_expand::{key_values, key_values_raw, raw_words};
use super::containerfile_expand::{split_words, unquote};

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub instruction: String,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.instruction.as_str() {
            "" => write!(f, "line {}: {}", self.line, self.message),
            i => write!(f, "line {}: {i}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq)]
pub enum Args {
    /// JSON array form.
    Exec(Vec<String>),
    /// The rest of the line, verbatim (after any flags).
    Shell(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heredoc {
    pub name: String,
    /// Content lines, each with its trailing newline; for `<<-` leading tabs
    /// are already stripped.
    pub content: String,
    /// False if the delimiter was quoted or escaped.
    pub expand: bool,
    /// `<<-`.
    pub chomp_tabs: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Instruction {
    pub line: usize,
    pub keyword: String,
    pub original: String,
    pub flags: Vec<(String, String)>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// HEALTHCHECK: `Some("CMD")` (args = the command) or `Some("NONE")`
    /// (args = `Shell("")`); ONBUILD: the uppercased trigger keyword
    /// (args = `Shell(trigger text)`, see [`parse_instruction`]). Else None.
    pub subcommand: Option<String>,
    /// The file it was read from, for messages (set by the build; empty: none to name).
    pub file: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub index: usize,
    pub name: Option<String>,
    pub from: Instruction,
    pub instructions: Vec<Instruction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Containerfile {
    pub escape: char,
    pub syntax: Option<String>,
    pub meta_args: Vec<Instruction>,
    pub stages: Vec<Stage>,
}

const KEYWORDS: &str = "FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER \
                        WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL";

fn known(keyword: &str) -> bool {
    KEYWORDS.split_whitespace().any(|k| k == keyword)
}

fn err(line: usize, instruction: &str, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        instruction: instruction.to_string(),
        message: message.into(),
    }
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `# key = value` → (lowercased key, value), per BuildKit's directive regex.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let key_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let key = &rest[..key_len];
    if !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let value = rest[key_len..].trim_start().strip_prefix('=')?.trim();
    if value.is_empty() {
        return None;
    }
    Some((key.to_ascii_lowercase(), value.to_string()))
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Strips a trailing escape char (plus trailing blanks); true if it was there.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let t = line.trim_end_matches(is_blank);
    match t.strip_suffix(escape) {
        Some(s) => (s, true),
        None => (line, false),
    }
}

pub fn parse(text: &str) -> Result<Containerfile, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let (escape, syntax) = directives(&lines)?;
    let mut insts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i].trim_start();
        i += 1;
        let start = i;
        if first.trim().is_empty() || first.starts_with('#') {
            continue;
        }
        let (head, mut cont) = trim_continuation(first, escape);
        let mut acc = head.to_string();
        while cont && i < lines.len() {
            let l = lines[i];
            i += 1;
            if is_comment(l) || l.trim().is_empty() {
                continue;
            }
            let (part, c) = trim_continuation(l, escape);
            acc.push_str(part);
            cont = c;
        }
        if acc.trim().is_empty() {
            continue;
        }
        let mut inst = parse_instruction(&acc, start, escape)?;
        for (name, chomp_tabs, expand) in heredoc_specs(&inst, escape) {
            let Some(content) = read_heredoc(&lines, &mut i, &name, chomp_tabs) else {
                let msg = format!("unterminated heredoc {name}");
                return Err(err(start, &inst.keyword, msg));
            };
            inst.heredocs.push(Heredoc {
                name,
                content,
                expand,
                chomp_tabs,
            });
        }
        insts.push(inst);
    }
    build_stages(insts, escape, syntax)
}

/// Parser directives at the top of the file: (escape char, syntax).
fn directives(lines: &[&str]) -> Result<(char, Option<String>), ParseError> {
    let (mut escape, mut syntax, mut seen) = ('\\', None, Vec::new());
    for (i, l) in lines.iter().enumerate() {
        let fail = |m: String| Err(err(i + 1, "", m));
        let Some((key, value)) = directive(l) else {
            break;
        };
        if !matches!(key.as_str(), "escape" | "syntax" | "check") {
            break;
        }
        if seen.contains(&key) {
            return fail(format!("only one {key} parser directive can be used"));
        }
        match (key.as_str(), value.as_str()) {
            ("escape", "`") => escape = '`',
            ("escape", "\\") => escape = '\\',
            ("escape", v) => {
                return fail(format!("invalid escape token '{v}' does not match ` or \\"))
            }
            ("syntax", _) => syntax = Some(value),
            _ => {}
        }
        seen.push(key);
    }
    Ok((escape, syntax))
}

/// Reads heredoc content lines from `lines[*i..]` up to the delimiter.
fn read_heredoc(lines: &[&str], i: &mut usize, name: &str, chomp: bool) -> Option<String> {
    let mut content = String::new();
    while let Some(l) = lines.get(*i) {
        *i += 1;
        let l = if chomp { l.trim_start_matches('\t') } else { l };
        if l == name {
            return Some(content);
        }
        content.push_str(l);
        content.push('\n');
    }
    None
}

fn build_stages(
    insts: Vec<Instruction>,
    escape: char,
    syntax: Option<String>,
) -> Result<Containerfile, ParseError> {
    if insts.is_empty() {
        return Err(err(0, "", "file with no instructions"));
    }
    let mut cf = Containerfile {
        escape,
        syntax,
        meta_args: Vec::new(),
        stages: Vec::new(),
    };
    for inst in insts {
        if inst.keyword == "FROM" {
            let Args::Shell(args) = &inst.args else {
                continue;
            };
            let name = stage_name(args, escape).map_err(|m| err(inst.line, "FROM", m))?;
            if name.is_some() && cf.stages.iter().any(|s| s.name == name) {
                let msg = format!("duplicate stage name {:?}", name.unwrap_or_default());
                return Err(err(inst.line, "FROM", msg));
            }
            let index = cf.stages.len();
            cf.stages.push(Stage {
                index,
                name,
                from: inst,
                instructions: Vec::new(),
            });
        } else if let Some(stage) = cf.stages.last_mut() {
            stage.instructions.push(inst);
        } else if inst.keyword == "ARG" {
            cf.meta_args.push(inst);
        } else {
            let msg = format!("no FROM before {}", inst.keyword);
            return Err(err(inst.line, &inst.keyword, msg));
        }
    }
    if cf.stages.is_empty() {
        return Err(err(0, "", "no FROM instruction (no build stages)"));
    }
    Ok(cf)
}

/// Validates `image [AS name]` and returns the lowercased stage name.
fn stage_name(args: &str, escape: char) -> Result<Option<String>, String> {
    let w = words(args, escape)?;
    match w.as_slice() {
        [_] => Ok(None),
        [_, as_kw, name] if as_kw.eq_ignore_ascii_case("as") => {
            let n = name.to_ascii_lowercase();
            let ok = n.starts_with(|c: char| c.is_ascii_lowercase())
                && n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
            if ok {
                Ok(Some(n))
            } else {
                Err(format!("invalid name for build stage: {name:?}, name can't start with a number or contain symbols"))
            }
        }
        _ => Err("FROM requires either one or three arguments".into()),
    }
}

/// Parses one logical line (continuations already joined) into an
/// instruction without heredoc contents. Use it to re-parse an ONBUILD
/// trigger: `parse_instruction(trigger_text, inst.line, escape)`.
pub fn parse_instruction(text: &str, line: usize, escape: char) -> Result<Instruction, ParseError> {
    let original = text.trim().to_string();
    let (kw, rest) = first_word(&original);
    let keyword = kw.to_ascii_uppercase();
    if !known(&keyword) {
        return Err(err(
            line,
            &keyword,
            format!("unknown instruction: {keyword}"),
        ));
    }
    let (flags, rest) = match keyword.as_str() {
        "FROM" | "RUN" | "COPY" | "ADD" | "HEALTHCHECK" => extract_flags(rest),
        _ => (Vec::new(), rest),
    };
    let (args, subcommand) =
        instruction_args(&keyword, rest, escape).map_err(|m| err(line, &keyword, m))?;
    let heredocs = Vec::new();
    Ok(Instruction {
        line,
        keyword,
        original,
        flags,
        args,
        heredocs,
        subcommand,
        file: String::new(),
    })
}

/// (first blank-separated word, the trimmed rest).
fn first_word(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], s[end..].trim())
}

/// Classifies and validates an instruction's arguments (after flags).
fn instruction_args(kw: &str, rest: &str, escape: char) -> Result<(Args, Option<String>), String> {
    let shell = Args::Shell(rest.to_string());
    if rest.is_empty() && !matches!(kw, "CMD" | "ENTRYPOINT" | "COPY" | "ADD") {
        return Err(format!("{kw} requires at least one argument"));
    }
    Ok(match kw {
        "RUN" | "CMD" | "ENTRYPOINT" | "SHELL" | "COPY" | "ADD" | "VOLUME" => {
            let a = maybe_json(rest)?;
            let n = match &a {
                Args::Exec(v) => v.len(),
                Args::Shell(s) => split_words(s, escape).map_or(1, |w| w.len()),
            };
            if kw == "SHELL" && !matches!(a, Args::Exec(_)) {
                return Err("SHELL requires the arguments to be in JSON form".into());
            }
            if matches!(kw, "COPY" | "ADD") && n < 2 {
                return Err(format!(
                    "{kw} requires at least two arguments, but only {n} provided"
                ));
            }
            if n == 0 && matches!(kw, "RUN" | "SHELL" | "VOLUME") {
                return Err(format!("{kw} requires at least one argument"));
            }
            (a, None)
        }
        "HEALTHCHECK" => {
            let (kind, cmd) = first_word(rest);
            let kind = kind.to_ascii_uppercase();
            match (kind.as_str(), cmd.is_empty()) {
                ("NONE", true) => (Args::Shell(String::new()), Some(kind)),
                ("NONE", false) => return Err("HEALTHCHECK NONE takes no arguments".into()),
                ("CMD", true) => return Err("missing command after HEALTHCHECK CMD".into()),
                ("CMD", false) => (maybe_json(cmd)?, Some(kind)),
                _ => return Err(format!("unknown type {kind:?} in HEALTHCHECK (try CMD)")),
            }
        }
        "ONBUILD" => {
            let trigger = first_word(rest).0.to_ascii_uppercase();
            match trigger.as_str() {
                "ONBUILD" => {
                    return Err("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into())
                }
                "FROM" | "MAINTAINER" => {
                    return Err(format!("{trigger} isn't allowed as an ONBUILD trigger"))
                }
                t if !known(t) => return Err(format!("unknown instruction: {trigger}")),
                _ => (shell, Some(trigger)),
            }
        }
        "ENV" | "LABEL" | "ARG" => key_values(kw, rest, escape).map(|_| (shell, None))?,
        "FROM" => stage_name(rest, escape).map(|_| (shell, None))?,
        _ => (shell, None),
    })
}

/// `[...]` parsed as a JSON array of strings → Exec; anything else → Shell.
/// A valid JSON array holding non-strings is an error (as in Docker).
fn maybe_json(rest: &str) -> Result<Args, String> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(rest) else {
        return Ok(Args::Shell(rest.to_string()));
    };
    let strings: Option<Vec<String>> = items.iter().map(|v| v.as_str().map(String::from)).collect();
    strings
        .map(Args::Exec)
        .ok_or_else(|| "JSON array must contain only strings".into())
}

/// Leading `--name[=value]` words (quotes removed, `--` ends them), as
/// BuildKit's extractBuilderFlags; returns the flags and the remaining text.
fn extract_flags(s: &str) -> (Vec<(String, String)>, &str) {
    let mut flags = Vec::new();
    let mut rest = s.trim_start();
    while rest.starts_with("--") {
        let mut word = String::new();
        let mut quote: Option<char> = None;
        let mut end = rest.len();
        let mut it = rest.char_indices();
        while let Some((idx, c)) = it.next() {
            match quote {
                None if c.is_whitespace() => {
                    end = idx;
                    break;
                }
                None if c == '\'' || c == '"' => quote = Some(c),
                Some(q) if c == q => quote = None,
                _ if c == '\\' => {
                    if let Some((_, n)) = it.next() {
                        word.push(n);
                    }
                }
                _ => word.push(c),
            }
        }
        rest = rest[end..].trim_start();
        if word == "--" {
            break;
        }
        let body = word.strip_prefix("--").unwrap_or(&word);
        let (name, value) = body.split_once('=').unwrap_or((body, ""));
        flags.push((name.to_string(), value.to_string()));
    }
    (flags, rest)
}

/// Heredoc delimiters `(name, chomp, expand)` in a RUN/COPY/ADD shell form.
fn heredoc_specs(inst: &Instruction, escape: char) -> Vec<(String, bool, bool)> {
    let Args::Shell(rest) = &inst.args else {
        return Vec::new();
    };
    if !matches!(inst.keyword.as_str(), "RUN" | "COPY" | "ADD") || !rest.contains("<<") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let ws = raw_words(rest, escape);
    for w in ws.unwrap_or_else(|_| rest.split_whitespace().map(String::from).collect()) {
        let Some(spec) = w
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .strip_prefix("<<")
        else {
            continue;
        };
        let (chomp, name) = match spec.strip_prefix('-') {
            Some(n) => (true, n),
            None => (false, spec),
        };
        if name.is_empty() || name.contains('<') {
            continue;
        }
        if let Ok(cooked) = unquote(name, escape) {
            if !cooked.is_empty() {
                out.push((cooked.clone(), chomp, cooked == name));
            }
        }
    }
    out
}

/// Shell-like word split honoring quotes and the escape char; quotes and
/// escapes are removed, `$` is not expanded.
pub fn words(s: &str, escape: char) -> Result<Vec<String>, String> {
    split_words(s, escape)
}

#[cfg(test)]
#[path = "containerfile_tests.rs"]
mod tests;
