//! Variable expansion and shell-like word processing for Containerfile
//! arguments, modelled on BuildKit's `shell.Lex` (ProcessWord/ProcessWords).
//!
//! Supported: `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
//! `${VAR+word}`, `${VAR:?msg}`, `${VAR?msg}`; single quotes (literal), double
//! quotes (expansion inside; the escape char escapes `"`, `$` and itself), and
//! the escape char outside quotes (escapes any char). Unset variables expand to
//! the empty string. Not supported: `${VAR#pat}`, `${VAR%pat}`, `${VAR/a/b}`.

/// Whether Docker performs variable substitution in this instruction's
/// arguments: ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR,
/// plus ARG default values (BuildKit expands those too). Not RUN/CMD/
/// ENTRYPOINT/SHELL (the shell does that), not HEALTHCHECK, MAINTAINER or
/// ONBUILD itself (a trigger is expanded when it runs in the child build).
pub fn expands(keyword: &str) -> bool {
    let list = "ADD COPY ENV EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR ARG";
    list.split(' ').any(|k| k.eq_ignore_ascii_case(keyword))
}

/// Expands variables inside `s`, keeping quotes and escape chars in the output
/// (a pre-pass before word splitting): `\$A` stays `\$A`, `'$A'` stays `'$A'`.
/// Values are inserted verbatim, so a value containing quotes or blanks will
/// be re-interpreted by a later split; prefer [`expand_word`]/[`expand_words`]
/// on already-split words for Docker-exact results.
pub fn expand(
    s: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    escape: char,
) -> Result<String, String> {
    run(s, escape, true, true, lookup).map(|r| r.0)
}

/// Docker's ProcessWord: expands variables and removes quotes/escapes,
/// returning the whole result as one word (blanks kept).
pub fn expand_word(
    s: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    escape: char,
) -> Result<String, String> {
    run(s, escape, false, true, lookup).map(|r| r.0)
}

/// Docker's ProcessWords: expands variables, removes quotes/escapes and
/// splits on unquoted blanks (an unquoted variable value with blanks yields
/// several words).
pub fn expand_words(
    s: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    escape: char,
) -> Result<Vec<String>, String> {
    run(s, escape, false, true, lookup).map(|r| r.1)
}

/// Splits into words, removing quotes and escapes, without expanding `$`.
pub fn split_words(s: &str, escape: char) -> Result<Vec<String>, String> {
    run(s, escape, false, false, &|_| None).map(|r| r.1)
}

/// Removes quotes and escapes from one word without expanding `$`
/// (blanks are kept).
pub fn unquote(s: &str, escape: char) -> Result<String, String> {
    run(s, escape, false, false, &|_| None).map(|r| r.0)
}

/// BuildKit's parseWords: splits on unquoted blanks, keeping quotes and
/// escapes in the words (no expansion).
pub fn raw_words(s: &str, escape: char) -> Result<Vec<String>, String> {
    run(s, escape, true, false, &|_| None).map(|r| r.1)
}

/// Like `key_values` but keys and values keep their quotes and escapes
/// (Docker's parse-time form). Feed values to `expand_word`, which expands
/// and unquotes them, for Docker-exact ENV/LABEL/ARG semantics.
pub fn key_values_raw(
    keyword: &str,
    args: &str,
    escape: char,
) -> Result<Vec<(String, Option<String>)>, String> {
    let kw = keyword.to_ascii_uppercase();
    let args = args.trim();
    let ws = raw_words(args, escape)?;
    if ws.is_empty() {
        return Err(format!("{kw} requires at least one argument"));
    }
    let mut out = Vec::new();
    if kw != "ARG" && !ws[0].contains('=') {
        // Legacy `KEY name value...`: the value is the rest of the line.
        let split = args.find(char::is_whitespace).unwrap_or(args.len());
        let value = args[split..].trim_start();
        if value.is_empty() {
            return Err(format!("{kw} must have two arguments"));
        }
        out.push((args[..split].to_string(), Some(value.to_string())));
        return Ok(out);
    }
    for w in ws {
        let (k, v) = match w.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None if kw == "ARG" => (w.as_str(), None),
            None => {
                return Err(format!(
                    "Syntax error - can't find = in {w:?}. Must be of the form: name=value"
                ))
            }
        };
        if k.is_empty() {
            return Err(format!("{kw} names can not be blank"));
        }
        out.push((k.to_string(), v));
    }
    Ok(out)
}

/// Splits ENV/LABEL/ARG-style `k=v k2="v 2"` lists (or the legacy
/// `ENV key value words` form, value = rest of line). Quotes and escapes are
/// removed; `$` is NOT expanded (use `key_values_raw` + `expand_word` for
/// that). ARG words without `=` give `None`.
pub fn key_values(
    keyword: &str,
    args: &str,
    escape: char,
) -> Result<Vec<(String, Option<String>)>, String> {
    key_values_raw(keyword, args, escape)?
        .into_iter()
        .map(|(k, v)| {
            Ok((
                unquote(&k, escape)?,
                v.map(|v| unquote(&v, escape)).transpose()?,
            ))
        })
        .collect()
}

#[derive(Default)]
struct Words {
    words: Vec<String>,
    word: String,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, c: char) {
        if c.is_whitespace() {
            if self.in_word && !self.word.is_empty() {
                self.words.push(std::mem::take(&mut self.word));
                self.in_word = false;
            }
        } else {
            self.add_raw_char(c);
        }
    }
    fn add_raw_char(&mut self, c: char) {
        self.word.push(c);
        self.in_word = true;
    }
    fn add_string(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }
    fn add_raw_string(&mut self, s: &str) {
        self.word.push_str(s);
        self.in_word = true;
    }
    fn finish(mut self) -> Vec<String> {
        if !self.word.is_empty() {
            self.words.push(std::mem::take(&mut self.word));
        }
        self.words
    }
}

struct Lex<'a> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    /// Keep quotes and escape chars in the result (expand's pre-pass mode).
    raw: bool,
    /// Process `$` (otherwise it is an ordinary char).
    expand: bool,
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

type Processed = Result<(String, Vec<String>), String>;

/// Runs the lexer over `s`: (whole result, split words).
fn run(
    s: &str,
    escape: char,
    raw: bool,
    expand: bool,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Processed {
    let chars = s.chars().collect();
    Lex {
        chars,
        pos: 0,
        escape,
        raw,
        expand,
        lookup,
    }
    .stop_on(None)
}

impl Lex<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Processes up to (and consuming) `stop`, or to the end when `stop` is None.
    fn stop_on(&mut self, stop: Option<char>) -> Processed {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.pos += 1;
                return Ok((result, words.finish()));
            }
            if ch == '\'' || ch == '"' {
                let s = self.quoted(ch)?;
                result.push_str(&s);
                words.add_raw_string(&s);
            } else if ch == '$' && self.expand {
                let s = self.dollar()?;
                result.push_str(&s);
                words.add_string(&s);
            } else if ch == self.escape {
                self.pos += 1;
                if self.raw {
                    result.push(ch);
                    words.add_raw_char(ch);
                }
                match self.next() {
                    Some(n) => {
                        result.push(n);
                        words.add_raw_char(n);
                    }
                    None => break,
                }
            } else {
                self.pos += 1;
                result.push(ch);
                words.add_char(ch);
            }
        }
        match stop {
            Some('}') => Err("syntax error: missing '}'".to_string()),
            Some(c) => Err(format!(
                "unexpected end of statement while looking for matching {c}"
            )),
            None => Ok((result, words.finish())),
        }
    }

    /// A single- or double-quoted string starting at the current position.
    fn quoted(&mut self, q: char) -> Result<String, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.next() else {
                let what = if q == '"' {
                    "double-quote"
                } else {
                    "single-quote"
                };
                return Err(format!(
                    "unexpected end of statement while looking for matching {what}"
                ));
            };
            match c {
                _ if c == q => break,
                '$' if q == '"' && self.expand => {
                    self.pos -= 1;
                    out.push_str(&self.dollar()?);
                }
                // Only `"`, `$` and the escape char itself can be escaped.
                _ if c == self.escape && q == '"' => match self.peek() {
                    Some(n) if n == '"' || n == '$' || n == c => {
                        self.pos += 1;
                        if self.raw {
                            out.push(c);
                        }
                        out.push(n);
                    }
                    _ => out.push(c),
                },
                _ => out.push(c),
            }
        }
        Ok(if self.raw {
            format!("{q}{out}{q}")
        } else {
            out
        })
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.peek().filter(|d| d.is_ascii_digit()) {
                    name.push(d);
                    self.pos += 1;
                }
                return name;
            }
            Some(c) if matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!') => {
                self.pos += 1;
                return c.to_string();
            }
            _ => {}
        }
        while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
            name.push(c);
            self.pos += 1;
        }
        name
    }

    fn dollar(&mut self) -> Result<String, String> {
        self.pos += 1; // '$'
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            return Ok((self.lookup)(&name).unwrap_or_default());
        }
        self.pos += 1; // '{'
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            _ => {}
        }
        let name = self.name();
        if name.is_empty() {
            return Err("syntax error: bad substitution".into());
        }
        let value = (self.lookup)(&name);
        let (colon, modifier) = match self.next() {
            None => return Err("syntax error: missing '}'".into()),
            Some('}') => return Ok(value.unwrap_or_default()),
            Some(':') => (true, self.next().ok_or("syntax error: missing '}'")?),
            Some(c) => (false, c),
        };
        if !matches!(modifier, '+' | '-' | '?') {
            return Err(format!("unsupported modifier ({modifier}) in substitution"));
        }
        let (word, _) = self.stop_on(Some('}'))?;
        // With a colon, an empty value counts as unset.
        let present = value.as_ref().is_some_and(|v| !colon || !v.is_empty());
        match (modifier, present) {
            ('+', true) | ('-', false) => Ok(word),
            ('+', false) => Ok(String::new()),
            (_, true) => Ok(value.unwrap_or_default()),
            _ if !word.is_empty() => Err(format!("{name}: {word}")),
            _ if colon => Err(format!("{name}: is not allowed to be unset or empty")),
            _ => Err(format!("{name}: is not allowed to be unset")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "A" => Some("a".into()),
            "B" => Some("b".into()),
            "EMPTY" => Some(String::new()),
            "SP" => Some("x y".into()),
            "1" => Some("one".into()),
            _ => None,
        }
    }

    fn w(s: &str) -> Result<String, String> {
        expand_word(s, &env, '\\')
    }

    #[test]
    fn simple_vars() {
        assert_eq!(w("$A/${B}/$UNSET/x").unwrap(), "a/b//x");
        assert_eq!(w("$A$B").unwrap(), "ab");
        assert_eq!(w("${A}_${B}").unwrap(), "a_b");
        assert_eq!(w("$A_x").unwrap(), ""); // name is A_x
        assert_eq!(w("cost $ 5").unwrap(), "cost $ 5");
        assert_eq!(w("$1$").unwrap(), "one$");
    }

    #[test]
    fn modifiers() {
        assert_eq!(w("${A:-x}").unwrap(), "a");
        assert_eq!(w("${UNSET:-x}").unwrap(), "x");
        assert_eq!(w("${EMPTY:-x}").unwrap(), "x");
        assert_eq!(w("${EMPTY-x}").unwrap(), "");
        assert_eq!(w("${UNSET-x}").unwrap(), "x");
        assert_eq!(w("${A:+x}").unwrap(), "x");
        assert_eq!(w("${UNSET:+x}").unwrap(), "");
        assert_eq!(w("${EMPTY:+x}").unwrap(), "");
        assert_eq!(w("${EMPTY+x}").unwrap(), "x");
        assert_eq!(w("${A:?boom}").unwrap(), "a");
        assert_eq!(w("${UNSET:?boom}").unwrap_err(), "UNSET: boom");
        assert!(w("${EMPTY:?}").is_err());
        assert_eq!(w("${EMPTY?}").unwrap(), "");
        assert!(w("${A%x}").unwrap_err().contains("unsupported modifier"));
        assert!(w("${A").is_err());
        assert!(w("${A:-x").is_err());
        assert!(w("${}").is_err());
        assert!(w("${:-x}").is_err());
    }

    #[test]
    fn nested_defaults() {
        assert_eq!(w("${UNSET:-${B}}").unwrap(), "b");
        assert_eq!(w("${UNSET:-${X:-deep}/y}").unwrap(), "deep/y");
        assert_eq!(w("${A:+pre-$B}").unwrap(), "pre-b");
        assert_eq!(w("${UNSET:-\"a }\"}").unwrap(), "a }");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(w("\\$A").unwrap(), "$A");
        assert_eq!(w("'$A'").unwrap(), "$A");
        assert_eq!(w("\"$A b\"").unwrap(), "a b");
        assert_eq!(w("\"\\$A \\\" \\x\"").unwrap(), "$A \" \\x");
        assert_eq!(w("a\\ b").unwrap(), "a b");
        assert!(w("'abc").is_err());
        assert!(w("\"abc").is_err());
        assert_eq!(expand_word("`$A", &env, '`').unwrap(), "$A");
        assert_eq!(expand_word("C:\\$A", &env, '`').unwrap(), "C:\\a");
    }

    #[test]
    fn pre_pass_keeps_quotes() {
        let e = |s: &str| expand(s, &env, '\\').unwrap();
        assert_eq!(e("\\$A"), "\\$A");
        assert_eq!(e("'$A' \"$A\" $A"), "'$A' \"a\" a");
        assert_eq!(e("a\\ $B"), "a\\ b");
        assert_eq!(e("${UNSET:-\"q\"}"), "\"q\"");
    }

    #[test]
    fn word_splitting() {
        let ws = |s: &str| expand_words(s, &env, '\\').unwrap();
        assert_eq!(ws("  $A  b\"$SP\" $SP"), vec!["a", "bx y", "x", "y"]);
        assert_eq!(ws("'a b' c\\ d \"\" e"), vec!["a b", "c d", "e"]);
        assert!(ws("").is_empty());
        assert_eq!(split_words("$A 'x y'", '\\').unwrap(), vec!["$A", "x y"]);
        assert_eq!(unquote("\"a b\"c", '\\').unwrap(), "a bc");
    }

    #[test]
    fn expands_list() {
        for k in [
            "ADD",
            "copy",
            "ENV",
            "EXPOSE",
            "FROM",
            "LABEL",
            "STOPSIGNAL",
            "USER",
            "VOLUME",
            "WORKDIR",
            "ARG",
        ] {
            assert!(expands(k), "{k}");
        }
        for k in [
            "RUN",
            "CMD",
            "ENTRYPOINT",
            "SHELL",
            "ONBUILD",
            "HEALTHCHECK",
            "MAINTAINER",
        ] {
            assert!(!expands(k), "{k}");
        }
    }

    #[test]
    fn key_values_forms() {
        let kv = |k: &str, s: &str| key_values(k, s, '\\').unwrap();
        let p = |k: &str, v: &str| (k.to_string(), Some(v.to_string()));
        assert_eq!(
            kv("ENV", "a=1 b=\"v 2\" c='$x' d=e\\ f"),
            [p("a", "1"), p("b", "v 2"), p("c", "$x"), p("d", "e f")]
        );
        assert_eq!(kv("ENV", "a b c"), [p("a", "b c")]);
        assert_eq!(
            kv("LABEL", "\"com.x\"=\"y\" e="),
            [p("com.x", "y"), p("e", "")]
        );
        assert_eq!(kv("ARG", "A B=2"), [("A".into(), None), p("B", "2")]);
        assert_eq!(
            key_values_raw("ENV", "a=\"x $y\"", '\\').unwrap(),
            [p("a", "\"x $y\"")]
        );
        for bad in ["=1", "", "a=1 b", "a"] {
            assert!(key_values("ENV", bad, '\\').is_err(), "{bad}");
        }
        assert!(key_values("ARG", "", '\\').is_err() && key_values("ARG", "=x", '\\').is_err());
    }

    #[test]
    fn raw_and_cooked_words() {
        assert_eq!(
            split_words("a  'b c' \"d\\\"e\" f\\ g", '\\').unwrap(),
            ["a", "b c", "d\"e", "f g"]
        );
        assert_eq!(split_words("c:\\x `$y", '`').unwrap(), ["c:\\x", "$y"]);
        assert!(split_words("'a", '\\').is_err());
        let raw = raw_words("a \"b c\" d\\ e '' x\"y z\" `", '\\').unwrap();
        assert_eq!(raw, ["a", "\"b c\"", "d\\ e", "''", "x\"y z\"", "`"]);
        assert!(raw_words("\"x", '\\').is_err());
    }
}
