//! A small matcher for a subset of Go's regular expression syntax (RE2, as Go's `regexp`
//! reads it), and Go's `filepath.Match`. The `regex` crate is not a dependency; `ps --filter`'s
//! `id=` and `name=` need only this much of Go's syntax:
//!
//! * literals, `.` (any character but a newline), `^` and `$` (start and end of the text),
//!   `\A` and `\z`;
//! * classes `[abc]`, `[a-z0-9_]`, `[^...]`, and `\d \D \w \W \s \S` (also inside classes);
//! * escaped metacharacters (`\.`, `\*`, `\[`...), `\t \n \r \f \v`, `\xHH`;
//! * groups `(...)`, `(?:...)`, `(?P<name>...)`, alternation `a|b`;
//! * repeats `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each greedy or lazy (`*?`).
//!
//! [`Regex::is_match`] matches anywhere in the text, as Go's `regexp.MatchString` does. A
//! pattern Go would refuse (say `a(b`) is a [`RegexError::Syntax`]. Go syntax beyond the subset
//! (flags such as `(?i)`, `\b`, `\pL`, `[[:alpha:]]`) is a [`RegexError::Unsupported`] naming
//! it, rather than matched differently.

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class { ranges: Vec<(char, char)>, negated: bool },
    Start,
    End,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32>, greedy: bool },
    /// Matches nothing (a pattern Go refuses).
    Never,
}

/// Why a pattern was not compiled.
#[derive(Debug, PartialEq, Eq)]
pub enum RegexError {
    /// Go refuses it as well.
    Syntax(String),
    /// Valid in Go, outside hutch's subset: what it is.
    Unsupported(String),
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    node: Node,
}

/// Work allowed for one match, so a pathological pattern cannot hang `ps`.
const STEP_BUDGET: u32 = 2_000_000;

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, RegexError> {
        let mut p = Parser { s: pattern.chars().collect(), i: 0 };
        let node = p.alt()?;
        if p.i < p.s.len() {
            return Err(RegexError::Syntax("unexpected )".into()));
        }
        Ok(Regex { node })
    }

    /// A pattern that matches nothing (for one Go refuses, where Go callers drop the error).
    pub fn never() -> Regex {
        Regex { node: Node::Never }
    }

    /// Whether the pattern matches anywhere in `text` (Go's regexp.MatchString).
    pub fn is_match(&self, text: &str) -> bool {
        let s: Vec<char> = text.chars().collect();
        let mut steps = 0u32;
        (0..=s.len()).any(|start| m(&self.node, &s, start, &mut steps, &mut |_, _| true))
    }
}

struct Parser {
    s: Vec<char>,
    i: usize,
}

const CLASS_D: &[(char, char)] = &[('0', '9')];
const CLASS_W: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const CLASS_S: &[(char, char)] = &[('\t', '\n'), ('\x0c', '\r'), (' ', ' ')];

fn complement(r: &[(char, char)]) -> Vec<(char, char)> {
    let mut out = Vec::new();
    let mut next = 0u32;
    for &(lo, hi) in r {
        if (lo as u32) > next {
            out.push((char::from_u32(next).unwrap_or('\0'), char::from_u32(lo as u32 - 1).unwrap_or('\0')));
        }
        next = hi as u32 + 1;
    }
    out.push((char::from_u32(next).unwrap_or('\0'), char::MAX));
    out
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn alt(&mut self) -> Result<Node, RegexError> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.i += 1;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 { branches.pop().unwrap() } else { Node::Alt(branches) })
    }

    fn concat(&mut self) -> Result<Node, RegexError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.repeats(atom)?);
        }
        Ok(if items.len() == 1 { items.pop().unwrap() } else { Node::Concat(items) })
    }

    /// A `{n}`, `{n,}` or `{n,m}` at the cursor, consumed; None (cursor kept) when the text
    /// there is not one, where Go reads the `{` as a literal.
    fn counted(&mut self) -> Result<Option<(u32, Option<u32>)>, RegexError> {
        let start = self.i;
        let rest: String = self.s[self.i..].iter().collect();
        let Some(close) = rest.find('}') else { return Ok(None) };
        let body = &rest[1..close];
        let num = |t: &str| (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<u32>().unwrap_or(u32::MAX));
        let parsed = match body.split_once(',') {
            None => num(body).map(|n| (n, Some(n))),
            Some((a, "")) => num(a).map(|n| (n, None)),
            Some((a, b)) => num(a).zip(num(b)).map(|(a, b)| (a, Some(b))),
        };
        let Some((min, max)) = parsed else { return Ok(None) };
        if min > 1000 || max.is_some_and(|m| m > 1000 || m < min) {
            return Err(RegexError::Syntax("invalid repeat count".into()));
        }
        self.i = start + rest[..=close].chars().count();
        Ok(Some((min, max)))
    }

    fn repeats(&mut self, atom: Node) -> Result<Node, RegexError> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.counted()? {
                Some(r) => {
                    self.i -= 1; // undone below, like the one-char operators
                    r
                }
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        self.i += 1;
        if matches!(atom, Node::Start | Node::End) {
            return Err(RegexError::Syntax("missing argument to repetition operator".into()));
        }
        let greedy = if self.peek() == Some('?') {
            self.i += 1;
            false
        } else {
            true
        };
        if matches!(self.peek(), Some('*' | '+' | '?')) {
            return Err(RegexError::Syntax("invalid nested repetition operator".into()));
        }
        if self.peek() == Some('{') {
            let save = self.i;
            if self.counted()?.is_some() {
                return Err(RegexError::Syntax("invalid nested repetition operator".into()));
            }
            self.i = save;
        }
        Ok(Node::Repeat { node: Box::new(atom), min, max, greedy })
    }

    fn atom(&mut self) -> Result<Node, RegexError> {
        let c = self.peek().expect("called with input left");
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '*' | '+' | '?' => return Err(RegexError::Syntax("missing argument to repetition operator".into())),
            '(' => {
                if self.peek() == Some('?') {
                    self.i += 1;
                    match self.peek() {
                        Some(':') => self.i += 1,
                        Some('P') | Some('<') => {
                            let close = self.s[self.i..].iter().position(|c| *c == '>').ok_or_else(|| RegexError::Syntax("invalid named capture".into()))?;
                            self.i += close + 1;
                        }
                        _ => return Err(RegexError::Unsupported("flags such as (?i)".into())),
                    }
                }
                let inner = self.alt()?;
                if self.peek() != Some(')') {
                    return Err(RegexError::Syntax("missing closing )".into()));
                }
                self.i += 1;
                inner
            }
            '[' => self.class()?,
            '\\' => self.escape(false)?.0,
            c => Node::Char(c),
        })
    }

    /// After a `\`: the node, and for a class escape its ranges (for use inside `[...]`).
    fn escape(&mut self, in_class: bool) -> Result<(Node, Vec<(char, char)>), RegexError> {
        let Some(c) = self.peek() else { return Err(RegexError::Syntax("trailing backslash at end of expression".into())) };
        self.i += 1;
        let class = |r: Vec<(char, char)>| (Node::Class { ranges: r.clone(), negated: false }, r);
        let lit = |c: char| (Node::Char(c), vec![(c, c)]);
        Ok(match c {
            'd' => class(CLASS_D.to_vec()),
            'D' => class(complement(CLASS_D)),
            'w' => class(CLASS_W.to_vec()),
            'W' => class(complement(CLASS_W)),
            's' => class(CLASS_S.to_vec()),
            'S' => class(complement(CLASS_S)),
            'A' if !in_class => (Node::Start, vec![]),
            'z' if !in_class => (Node::End, vec![]),
            't' => lit('\t'),
            'n' => lit('\n'),
            'r' => lit('\r'),
            'f' => lit('\x0c'),
            'v' => lit('\x0b'),
            'a' => lit('\x07'),
            'x' => {
                let hex: String = self.s[self.i..].iter().take(2).collect();
                if hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    self.i += 2;
                    lit(char::from_u32(u32::from_str_radix(&hex, 16).unwrap_or(0)).unwrap_or('\0'))
                } else {
                    return Err(RegexError::Unsupported("\\x{...}".into()));
                }
            }
            'b' | 'B' | 'p' | 'P' | 'Q' | 'C' => return Err(RegexError::Unsupported(format!("\\{c}"))),
            c if c.is_ascii_punctuation() => lit(c),
            _ => return Err(RegexError::Syntax("invalid escape sequence".into())),
        })
    }

    fn class(&mut self) -> Result<Node, RegexError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else { return Err(RegexError::Syntax("missing closing ]".into())) };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                return Err(RegexError::Unsupported("POSIX classes such as [[:alpha:]]".into()));
            }
            let lo = if c == '\\' {
                let (_, r) = self.escape(true)?;
                if r.len() != 1 || r[0].0 != r[0].1 {
                    ranges.extend(r);
                    continue;
                }
                r[0].0
            } else {
                c
            };
            let mut hi = lo;
            if self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|c| *c != ']') {
                self.i += 1;
                let h = self.peek().expect("checked");
                self.i += 1;
                hi = if h == '\\' {
                    let (_, r) = self.escape(true)?;
                    if r.len() != 1 || r[0].0 != r[0].1 {
                        return Err(RegexError::Syntax("invalid character class range".into()));
                    }
                    r[0].0
                } else {
                    h
                };
                if hi < lo {
                    return Err(RegexError::Syntax("invalid character class range".into()));
                }
            }
            ranges.push((lo, hi));
        }
        Ok(Node::Class { ranges, negated })
    }
}

/// Backtracking match of `n` at `i`; `k` continues with the rest of the pattern.
fn m(n: &Node, s: &[char], i: usize, steps: &mut u32, k: &mut dyn FnMut(usize, &mut u32) -> bool) -> bool {
    *steps += 1;
    if *steps > STEP_BUDGET {
        return false;
    }
    match n {
        Node::Never => false,
        Node::Char(c) => s.get(i) == Some(c) && k(i + 1, steps),
        Node::Any => s.get(i).is_some_and(|c| *c != '\n') && k(i + 1, steps),
        Node::Class { ranges, negated } => match s.get(i) {
            Some(c) => (ranges.iter().any(|(lo, hi)| lo <= c && c <= hi) != *negated) && k(i + 1, steps),
            None => false,
        },
        Node::Start => i == 0 && k(i, steps),
        Node::End => i == s.len() && k(i, steps),
        Node::Concat(items) => seq(items, s, i, steps, k),
        Node::Alt(branches) => branches.iter().any(|b| m(b, s, i, steps, k)),
        Node::Repeat { node, min, max, greedy } => rep(node, *min, *max, *greedy, s, i, 0, steps, k),
    }
}

fn seq(items: &[Node], s: &[char], i: usize, steps: &mut u32, k: &mut dyn FnMut(usize, &mut u32) -> bool) -> bool {
    match items.split_first() {
        None => k(i, steps),
        Some((first, rest)) => m(first, s, i, steps, &mut |j, st| seq(rest, s, j, st, k)),
    }
}

#[allow(clippy::too_many_arguments)]
fn rep(n: &Node, min: u32, max: Option<u32>, greedy: bool, s: &[char], i: usize, count: u32, steps: &mut u32, k: &mut dyn FnMut(usize, &mut u32) -> bool) -> bool {
    let can_more = max.is_none_or(|mx| count < mx);
    let more = |steps: &mut u32, k: &mut dyn FnMut(usize, &mut u32) -> bool| {
        can_more
            && m(n, s, i, steps, &mut |j, st| {
                // An empty iteration past the minimum adds nothing (and would loop forever).
                if j == i && count >= min {
                    return false;
                }
                rep(n, min, max, greedy, s, j, count + 1, st, k)
            })
    };
    if count < min {
        return more(steps, k);
    }
    // Greedy: as many iterations as will do first; lazy: as few.
    [greedy, !greedy].into_iter().any(|iterate| if iterate { more(steps, k) } else { k(i, steps) })
}

/// Go's filepath.Match on Unix (`*`, `?`, `[...]`, `\` escapes); None for a malformed pattern.
pub fn glob(p: &[char], s: &[char]) -> Option<bool> {
    match p.first() {
        None => Some(s.is_empty()),
        Some('*') => {
            let rest = &p[1..];
            for i in 0..=s.len() {
                if i > 0 && s[i - 1] == '/' {
                    break;
                }
                match glob(rest, &s[i..]) {
                    Some(true) => return Some(true),
                    None => return None,
                    _ => {}
                }
            }
            Some(false)
        }
        Some('?') => match s.first() {
            Some(c) if *c != '/' => glob(&p[1..], &s[1..]),
            _ => Some(false),
        },
        Some('[') => {
            let (set, negated, len) = parse_glob_class(&p[1..])?;
            let Some(c) = s.first() else { return Some(false) };
            let hit = set.iter().any(|(lo, hi)| lo <= c && c <= hi);
            if hit != negated && *c != '/' { glob(&p[1 + len..], &s[1..]) } else { Some(false) }
        }
        Some('\\') => {
            let c = p.get(1)?;
            if s.first() == Some(c) { glob(&p[2..], &s[1..]) } else { Some(false) }
        }
        Some(c) => {
            if s.first() == Some(c) { glob(&p[1..], &s[1..]) } else { Some(false) }
        }
    }
}

/// A `[...]` of a glob after its `[`: ranges, negation, and how many chars it took with `]`.
type Ranges = Vec<(char, char)>;

fn parse_glob_class(p: &[char]) -> Option<(Ranges, bool, usize)> {
    let mut i = 0;
    let negated = p.first() == Some(&'^');
    if negated {
        i += 1;
    }
    let mut set = Vec::new();
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == ']' && !first {
            return Some((set, negated, i + 1));
        }
        first = false;
        let lo = if c == '\\' { i += 1; *p.get(i)? } else { c };
        i += 1;
        let mut hi = lo;
        if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|c| *c != ']') {
            i += 1;
            hi = if p[i] == '\\' { i += 1; *p.get(i)? } else { p[i] };
            i += 1;
            if hi < lo {
                return None;
            }
        }
        set.push((lo, hi));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_subset() {
        let t = |p: &str, s: &str| Regex::new(p).unwrap().is_match(s);
        assert!(t("web", "my-web-1"));
        assert!(!t("^web", "my-web-1"));
        assert!(t("^my", "my-web-1"));
        assert!(t("1$", "my-web-1"));
        assert!(!t("web$", "my-web-1"));
        assert!(t("^m.-w.*1$", "my-web-1"));
        assert!(t("^w.*", "web"));
        assert!(!t("^w.+b$", "wb"));
        assert!(t("^(web|db)-[0-9]+$", "db-12"));
        assert!(!t("^(web|db)-[0-9]+$", "db-"));
        assert!(t("^a{2,3}$", "aaa"));
        assert!(!t("^a{2,3}$", "aaaa"));
        assert!(t("^a{2}$", "aa"));
        assert!(t("x{", "x{")); // not a repeat: literal, as in Go
        assert!(t(r"^\d+\.\w$", "12.a"));
        assert!(t("[^a-c]", "abcd"));
        assert!(!t("^[^a-c]+$", "abcd"));
        assert!(t("^a.*?b$", "axxb"));
        assert!(t("(?:ab)+$", "xabab"));
        assert!(t("", "anything"));
        assert!(t("^$", ""));
        assert!(!t("a.b", "a\nb"));
        assert!(t(r"\Aab\z", "ab"));
        assert!(t("(a*)*b", "aaab"));
        assert!(!t("(a*)*b", &"a".repeat(40)));
        assert!(matches!(Regex::new("a(b"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("a)"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("*a"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("a**"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("[b-a]"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("[ab"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new(r"\q"), Err(RegexError::Syntax(_))));
        assert!(matches!(Regex::new("(?i)web"), Err(RegexError::Unsupported(_))));
        assert!(matches!(Regex::new(r"\bweb"), Err(RegexError::Unsupported(_))));
        assert!(matches!(Regex::new("[[:alpha:]]"), Err(RegexError::Unsupported(_))));
    }

    #[test]
    fn globs_as_filepath_match() {
        let g = |p: &str, s: &str| glob(&p.chars().collect::<Vec<_>>(), &s.chars().collect::<Vec<_>>());
        assert_eq!(g("*a*", "xay"), Some(true));
        assert_eq!(g("a?c", "abc"), Some(true));
        assert_eq!(g("[a-c]x", "bx"), Some(true));
        assert_eq!(g("[^a-c]x", "bx"), Some(false));
        assert_eq!(g("*", "a/b"), Some(false));
        assert_eq!(g("[z-a]", "a"), None);
    }
}
