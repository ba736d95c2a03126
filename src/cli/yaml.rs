//! A small YAML writer for `hutch info`'s default output (JSON values only).

use serde_json::Value;

pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    write(&mut out, v, 0, false);
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let plain = !s.is_empty()
                && !s.contains(": ")
                && !s.contains(" #")
                && !s.starts_with(['-', '[', '{', '"', '\'', '*', '&', '!', '|', '>', '%', '@', '`', ' '])
                && !s.ends_with(' ')
                && !matches!(s.as_str(), "true" | "false" | "null" | "yes" | "no");
            if plain { s.clone() } else { serde_json::to_string(s).unwrap_or_default() }
        }
        _ => String::new(),
    }
}

fn write(out: &mut String, v: &Value, indent: usize, in_list: bool) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (i, (k, val)) in map.iter().enumerate() {
                let p = if in_list && i == 0 { String::new() } else { pad.clone() };
                match val {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{p}{k}:\n"));
                        write(out, val, indent + 2, false);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{p}{k}:\n"));
                        write(out, val, indent, false);
                    }
                    Value::Object(_) => out.push_str(&format!("{p}{k}: {{}}\n")),
                    Value::Array(_) => out.push_str(&format!("{p}{k}: []\n")),
                    _ => out.push_str(&format!("{p}{k}: {}\n", scalar(val))),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(_) => {
                        out.push_str(&format!("{pad}- "));
                        write(out, item, indent + 2, true);
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        _ => out.push_str(&format!("{pad}{}\n", scalar(v))),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nested() {
        let v = serde_json::json!({"a": {"b": 1, "l": [{"x": 1, "y": 2}, "s: t"]}, "e": []});
        assert_eq!(super::to_yaml(&v), "a:\n  b: 1\n  l:\n  - x: 1\n    y: 2\n  - \"s: t\"\ne: []\n");
    }
}
