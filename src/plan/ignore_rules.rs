//! `.containerignore` / `.dockerignore` rules with moby/patternmatcher
//! semantics: Go `filepath.Match` globs plus `**`, `!` exceptions, last
//! matching pattern wins, and a path is also matched through its parents.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(char),
    /// `?`: one char except `/`.
    One,
    /// `*`: any run of chars except `/`.
    Star,
    /// `**` (or `**/`) followed by more pattern: empty or anything ending in `/`.
    DirPrefix,
    /// `**` at the end of the pattern: anything, including `/`.
    Rest,
    /// `[...]`: one char except `/`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    text: String,
    exception: bool,
    toks: Vec<Tok>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IgnoreRules {
    patterns: Vec<Pattern>,
}

/// Go's `path.Clean` for `/`-separated paths.
fn clean(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            c => parts.push(c),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

fn compile(pat: &str) -> Result<Vec<Tok>, String> {
    let bad = || format!("invalid pattern {pat:?}: syntax error in pattern");
    let chars: Vec<char> = pat.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                toks.push(if i == chars.len() {
                    Tok::Rest
                } else {
                    Tok::DirPrefix
                });
            }
            '*' => toks.push(Tok::Star),
            '?' => toks.push(Tok::One),
            '\\' => toks.push(Tok::Lit(*chars.get(i).ok_or_else(bad)?)),
            '[' => {
                let negated = matches!(chars.get(i), Some('^' | '!'));
                if negated {
                    i += 1;
                }
                let mut ranges = Vec::new();
                let class_char = |i: &mut usize| -> Result<char, String> {
                    let mut c = *chars.get(*i).ok_or_else(bad)?;
                    if c == '-' || c == ']' {
                        return Err(bad());
                    }
                    if c == '\\' {
                        *i += 1;
                        c = *chars.get(*i).ok_or_else(bad)?;
                    }
                    *i += 1;
                    Ok(c)
                };
                loop {
                    if chars.get(i) == Some(&']') && !ranges.is_empty() {
                        i += 1;
                        break;
                    }
                    let lo = class_char(&mut i)?;
                    let mut hi = lo;
                    if chars.get(i) == Some(&'-') {
                        i += 1;
                        hi = class_char(&mut i)?;
                        if hi < lo {
                            return Err(bad());
                        }
                    }
                    ranges.push((lo, hi));
                }
                toks.push(Tok::Class { negated, ranges });
            }
            c => toks.push(Tok::Lit(c)),
        }
        if c == '\\' {
            i += 1;
        }
    }
    Ok(toks)
}

fn one_char(t: &Tok, c: char) -> bool {
    match t {
        Tok::Lit(l) => *l == c,
        Tok::One => c != '/',
        Tok::Class { negated, ranges } => {
            c != '/' && ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
        }
        _ => false,
    }
}

/// Does the whole of `s` match `toks`?
fn matches(toks: &[Tok], s: &[char]) -> bool {
    let Some((t, rest)) = toks.split_first() else {
        return s.is_empty();
    };
    match t {
        Tok::Star => {
            for i in 0..=s.len() {
                if matches(rest, &s[i..]) {
                    return true;
                }
                if s.get(i) == Some(&'/') {
                    return false;
                }
            }
            false
        }
        Tok::Rest => (0..=s.len()).any(|i| matches(rest, &s[i..])),
        Tok::DirPrefix => {
            matches(rest, s) || (0..s.len()).any(|i| s[i] == '/' && matches(rest, &s[i + 1..]))
        }
        t => s.first().is_some_and(|&c| one_char(t, c)) && matches(rest, &s[1..]),
    }
}

/// Can `toks` consume all of `s` (with pattern left over or not)? I.e. could
/// the pattern match some path starting with `s`.
fn prefix_matches(toks: &[Tok], s: &[char]) -> bool {
    if s.is_empty() {
        return true;
    }
    let Some((t, rest)) = toks.split_first() else {
        return false;
    };
    match t {
        Tok::Star => {
            for i in 0..=s.len() {
                if prefix_matches(rest, &s[i..]) {
                    return true;
                }
                if s.get(i) == Some(&'/') {
                    return false;
                }
            }
            true
        }
        Tok::Rest => true,
        Tok::DirPrefix => {
            prefix_matches(rest, s)
                || s.last() == Some(&'/')
                || (0..s.len()).any(|i| s[i] == '/' && prefix_matches(rest, &s[i + 1..]))
        }
        t => one_char(t, s[0]) && prefix_matches(rest, &s[1..]),
    }
}

fn normalize(rel: &str) -> Vec<char> {
    let c = clean(rel);
    c.trim_start_matches('/').chars().collect()
}

impl IgnoreRules {
    /// Parses an ignore file (see module docs). A `#` in the first column
    /// starts a comment (as in Docker; `  #x` is a pattern).
    pub fn parse(text: &str) -> Result<IgnoreRules, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut p = line.trim();
            if p.is_empty() {
                continue;
            }
            let exception = p.starts_with('!');
            if exception {
                p = p[1..].trim();
                if p.is_empty() {
                    return Err("illegal exclusion pattern: \"!\"".to_string());
                }
            }
            let mut cleaned = clean(p);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let toks = compile(&cleaned)?;
            patterns.push(Pattern {
                text: cleaned,
                exception,
                toks,
            });
        }
        Ok(IgnoreRules { patterns })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// True when some pattern is an `!` exception.
    pub fn has_exceptions(&self) -> bool {
        self.patterns.iter().any(|p| p.exception)
    }

    /// moby/patternmatcher's MatchesOrParentMatches on a context-relative,
    /// `/`-separated path.
    pub fn excluded(&self, rel: &str) -> bool {
        let path = normalize(rel);
        let parents: Vec<usize> = (0..path.len()).filter(|&i| path[i] == '/').collect();
        let mut matched = false;
        for p in &self.patterns {
            // An exclusion can only change an unmatched path and vice versa.
            if p.exception != matched {
                continue;
            }
            let hit = matches(&p.toks, &path)
                || parents.iter().any(|&end| matches(&p.toks, &path[..end]));
            if hit {
                matched = !p.exception;
            }
        }
        matched
    }

    /// Could an exception pattern re-include something strictly below
    /// `dir_rel`? When false, an excluded directory can be skipped entirely.
    /// Conservative: it may answer true when nothing gets re-included.
    pub fn may_reinclude_below(&self, dir_rel: &str) -> bool {
        let dir = normalize(dir_rel);
        let mut prefix = dir.clone();
        if !(prefix.is_empty() || prefix == ['.']) {
            prefix.push('/');
        } else {
            prefix.clear();
        }
        let ancestors: Vec<usize> = (0..dir.len())
            .filter(|&i| dir[i] == '/')
            .chain([dir.len()])
            .collect();
        self.patterns.iter().filter(|p| p.exception).any(|p| {
            prefix_matches(&p.toks, &prefix)
                || ancestors.iter().any(|&end| matches(&p.toks, &dir[..end]))
        })
    }

    /// The cleaned patterns, `!`-prefixed for exceptions (for diagnostics).
    pub fn patterns(&self) -> Vec<String> {
        self.patterns
            .iter()
            .map(|p| {
                if p.exception {
                    format!("!{}", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(t: &str) -> IgnoreRules {
        IgnoreRules::parse(t).unwrap()
    }

    #[test]
    fn parsing_and_cleaning() {
        let r = rules("\u{feff}# comment\n\n  /foo/  \n./a/../b\n! ./c/./d\n  #x\r\nbuild//\n");
        assert_eq!(r.patterns(), vec!["foo", "b", "!c/d", "#x", "build"]);
        assert!(IgnoreRules::parse("").unwrap().is_empty());
        assert!(!r.is_empty() && r.has_exceptions());
        assert_eq!(clean("../a/./b/../../.."), "../..");
        assert_eq!(clean("/../a"), "/a");
        for bad in ["a[", "[]", "[a-]", "x\\", "[z-a]", "!"] {
            let e = IgnoreRules::parse(bad).unwrap_err();
            assert!(e.contains(bad) || bad == "!", "{bad}: {e}");
        }
    }

    #[test]
    fn globs() {
        let m = |p: &str, s: &str| matches(&compile(p).unwrap(), &s.chars().collect::<Vec<_>>());
        assert!(m("*.go", "a.go") && !m("*.go", "d/a.go"));
        assert!(m("a?c", "abc") && !m("a?c", "a/c"));
        assert!(
            m("[a-c]x", "bx") && !m("[^a-c]x", "bx") && m("[!a-c]x", "dx") && !m("[a-c]x", "/x")
        );
        assert!(m("[\\]]", "]") && m("\\*", "*") && !m("\\*", "a"));
        assert!(m("**/*.go", "a.go") && m("**/*.go", "x/y/a.go") && !m("**/*.go", "a.gox"));
        assert!(m("a/**/b", "a/b") && m("a/**/b", "a/x/y/b") && !m("a/**/b", "a/xb"));
        assert!(m("a/**", "a/x/y") && !m("a/**", "a") && m("**", "anything/at/all"));
        assert!(m("**/foo", "foo") && m("**/foo", "x/foo") && !m("**/foo", "xfoo"));
        assert!(m("héllo*", "héllo wörld"));
    }

    #[test]
    fn docs_example_exceptions() {
        let r = rules("*.md\n!README.md\n");
        assert!(r.excluded("CHANGES.md") && !r.excluded("README.md") && !r.excluded("docs/x.md"));
        let r = rules("*.md\n!README*.md\nREADME-secret.md\n");
        assert!(r.excluded("README-secret.md") && !r.excluded("README-a.md"));
        let r = rules("**/*.md\n!README.md\n");
        assert!(r.excluded("docs/a.md") && !r.excluded("README.md") && r.excluded("x/README.md"));
    }

    #[test]
    fn double_star_temp() {
        let r = rules("**/temp*\n*/temp?\n");
        assert!(
            r.excluded("temp") && r.excluded("a/b/tempfile") && r.excluded("tempdir/inner.txt")
        );
        assert!(!r.excluded("a/xtemp") && !r.excluded("attempt"));
    }

    #[test]
    fn excluded_dir_with_reinclude() {
        let r = rules("build\n!build/keep.txt\n");
        assert!(r.excluded("build") && r.excluded("build/a.o") && r.excluded("build/sub/x"));
        assert!(
            !r.excluded("build/keep.txt") && !r.excluded("src/main.rs") && !r.excluded("buildx")
        );
        assert!(r.may_reinclude_below("build") && !r.may_reinclude_below("build/sub"));
        assert!(!r.may_reinclude_below("other"));
        // A later exclusion wins again.
        let r = rules("build\n!build/keep.txt\nbuild/keep.txt\n");
        assert!(r.excluded("build/keep.txt"));
    }

    #[test]
    fn parent_matching_and_reinclude_queries() {
        let r = rules("*\n!src\n!**/*.rs\nsrc/gen\n");
        assert!(r.excluded("Cargo.lock") && r.excluded("target/x"));
        assert!(!r.excluded("src") && !r.excluded("src/a/b.txt") && !r.excluded("lib.rs"));
        assert!(r.excluded("src/gen/x.txt") && r.excluded("src/gen/x.rs"));
        assert!(r.may_reinclude_below("target") && r.may_reinclude_below("src/gen"));
        let r = rules("vendor\n!*.md\n!docs/*.txt\n!v*r/keep\n");
        assert!(!r.may_reinclude_below("vendor/a") && r.may_reinclude_below("vendor"));
        assert!(r.may_reinclude_below("docs") && !r.may_reinclude_below("docs/x"));
        assert!(!rules("a\n").may_reinclude_below("a") && rules("!x").may_reinclude_below("."));
    }

    #[test]
    fn path_normalization() {
        let r = rules("a/b\n");
        assert!(r.excluded("a/b/") && r.excluded("./a/b/c") && !r.excluded("a"));
    }
}
