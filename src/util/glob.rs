//! Go's `filepath.Match` on Unix, as Podman matches label keys with `*`.

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
