//! Sizes as Podman prints them (go-units HumanSizeWithPrecision(size, 3): decimal, 3 digits).

pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    // Three significant digits, trailing zeros dropped, like Go's %.3g.
    let digits = if v >= 100.0 { 0 } else if v >= 10.0 { 1 } else { 2 };
    let mut s = format!("{v:.digits$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s} {}", UNITS[i])
}

/// A size as Podman takes it (go-units RAMInBytes): `100`, `512k`, `10m`, `1.5g`, `2GiB`,
/// binary multiples.
pub fn parse_ram(s: &str) -> Option<u64> {
    let t = s.trim().to_ascii_lowercase();
    let num_len = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let n: f64 = t[..num_len].parse().ok()?;
    let mult: u64 = match t[num_len..].trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        "p" | "pb" | "pib" => 1 << 50,
        _ => return None,
    };
    (n >= 0.0).then(|| (n * mult as f64) as u64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::human_size(0), "0 B");
        assert_eq!(super::human_size(999), "999 B");
        assert_eq!(super::human_size(1_234_567), "1.23 MB");
        assert_eq!(super::human_size(12_345_678), "12.3 MB");
        assert_eq!(super::human_size(2_000_000), "2 MB");
        assert_eq!(super::parse_ram("10m"), Some(10 << 20));
        assert_eq!(super::parse_ram("512"), Some(512));
        assert_eq!(super::parse_ram("1.5g"), Some(3 << 29));
        assert_eq!(super::parse_ram("ten"), None);
    }
}
