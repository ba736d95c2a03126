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

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::human_size(0), "0 B");
        assert_eq!(super::human_size(999), "999 B");
        assert_eq!(super::human_size(1_234_567), "1.23 MB");
        assert_eq!(super::human_size(12_345_678), "12.3 MB");
        assert_eq!(super::human_size(2_000_000), "2 MB");
    }
}
