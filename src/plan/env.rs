//! The container's environment: defaults, then the image's, then --env-file, then -e.

pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Sets `key=value`, replacing an earlier value of `key`.
pub fn set(env: &mut Vec<String>, key: &str, value: &str) {
    let prefix = format!("{key}=");
    env.retain(|e| !e.starts_with(&prefix));
    env.push(format!("{key}={value}"));
}

/// Applies one `-e`/env-file entry: `K=V` sets, `K` copies K from the host (if set there).
/// `origin` names where the entry came from for the error message.
pub fn apply_entry(
    env: &mut Vec<String>,
    entry: &str,
    origin: &str,
    host: &dyn Fn(&str) -> Option<String>,
) -> Result<(), String> {
    let (key, value) = match entry.split_once('=') {
        Some((k, v)) => (k, Some(v.to_string())),
        None => (entry, None),
    };
    if key.is_empty() {
        return Err(format!("invalid environment variable `{entry}` ({origin}): the name is empty (use NAME=VALUE)"));
    }
    if key.contains(char::is_whitespace) || key.contains('\0') {
        return Err(format!("invalid environment variable `{entry}` ({origin}): the name may not contain spaces"));
    }
    match value.or_else(|| host(key)) {
        Some(v) => set(env, key, &v),
        None => {} // `-e NAME` with NAME unset on the host: nothing, as in Podman.
    }
    Ok(())
}

/// The lines of an env file: `#` comments and blank lines skipped, each line an entry.
pub fn env_file_entries(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_start())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

/// `${NAME}` (and `$NAME`) in `v` replaced by NAME's value in `env` (empty when unset).
pub fn expand(v: &str, env: &[String]) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, tail) = if let Some(b) = after.strip_prefix('{') {
            match b.find('}') {
                Some(j) => (&b[..j], &b[j + 1..]),
                None => ("", after),
            }
        } else {
            let n = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            (&after[..n], &after[n..])
        };
        if name.is_empty() {
            out.push('$');
            rest = after;
            continue;
        }
        out.push_str(get(env, name).unwrap_or(""));
        rest = tail;
    }
    out.push_str(rest);
    out
}

pub fn get<'a>(env: &'a [String], key: &str) -> Option<&'a str> {
    env.iter().rev().find_map(|e| e.strip_prefix(key)?.strip_prefix('='))
}

#[cfg(test)]
mod tests {

    #[test]
    fn expand_takes_current_values() {
        let env = vec!["PATH=/bin".to_string(), "A=x".to_string()];
        assert_eq!(super::expand("${PATH}:/extra", &env), "/bin:/extra");
        assert_eq!(super::expand("$A-$NOPE-${A}y-$", &env), "x--xy-$");
    }

    use super::*;

    #[test]
    fn entries_override_and_copy_from_host() {
        let host = |k: &str| (k == "HOSTVAR").then(|| "fromhost".to_string());
        let mut env = vec!["PATH=/bin".to_string(), "A=1".to_string()];
        apply_entry(&mut env, "A=2", "-e", &host).unwrap();
        apply_entry(&mut env, "HOSTVAR", "-e", &host).unwrap();
        apply_entry(&mut env, "MISSING", "-e", &host).unwrap();
        apply_entry(&mut env, "EQ=a=b", "-e", &host).unwrap();
        assert_eq!(env, ["PATH=/bin", "A=2", "HOSTVAR=fromhost", "EQ=a=b"]);
        assert!(apply_entry(&mut env, "=x", "-e", &host).unwrap_err().contains("name is empty"));
        assert_eq!(get(&env, "A"), Some("2"));
        assert_eq!(env_file_entries("# c\n\nX=1\n  Y=2\r\n"), ["X=1", "Y=2"]);
    }
}
