//! Timestamps: RFC 3339 for records and OCI configs, Podman's "5 minutes ago" for tables.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch, now.
pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's civil_from_days.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-11-24T08:00:39Z`.
pub fn rfc3339(secs: i64) -> String {
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Parses the RFC 3339 forms image configs use (`...Z`, fractional seconds, `+hh:mm`).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    if let Some(r) = rest.strip_prefix('.') {
        rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" | "" => 0,
        r if r.len() == 6 && (r.starts_with('+') || r.starts_with('-')) => {
            let sign = if r.starts_with('-') { -1 } else { 1 };
            sign * (r[1..3].parse::<i64>().ok()? * 3600 + r[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Nanoseconds since the epoch, now.
pub fn now_nanos() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as i128).unwrap_or(0)
}

/// The local time zone's offset from UTC at `secs`, in seconds.
fn local_offset(secs: i64) -> i64 {
    // SAFETY: localtime_r fills a zeroed tm from a valid time_t.
    unsafe {
        let t = secs as libc::time_t;
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return 0;
        }
        tm.tm_gmtoff
    }
}

/// A moment in local time, broken down (the parts the formats below print).
struct Local {
    y: i64,
    mo: u32,
    d: u32,
    /// Seconds into the day.
    s: i64,
    /// Days since the epoch (for the weekday).
    days: i64,
    /// Offset from UTC in seconds.
    off: i64,
}

impl Local {
    fn at(secs: i64) -> Local {
        let off = local_offset(secs);
        let local = secs + off;
        let days = local.div_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        Local { y, mo, d, s: local.rem_euclid(86_400), days, off }
    }
    fn hms(&self) -> String {
        format!("{:02}:{:02}:{:02}", self.s / 3600, self.s / 60 % 60, self.s % 60)
    }
    /// `+0100`, or with `colon` `+01:00`.
    fn zone(&self, colon: bool) -> String {
        let (sign, a) = (if self.off < 0 { '-' } else { '+' }, self.off.abs());
        if colon { format!("{sign}{:02}:{:02}", a / 3600, a / 60 % 60) } else { format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60) }
    }
    /// Go's zone name where it needs no tz database: UTC, else the offset.
    fn zone_name(&self) -> String {
        if self.off == 0 { "UTC".into() } else { self.zone(false) }
    }
}

/// `2026-11-24T08:00:39.123456789+01:00` in local time: Go's RFC3339Nano as Podman writes
/// log timestamps and inspect times (trailing zeros of the fraction kept, as conmon does).
pub fn rfc3339_nanos_local(nanos: i128) -> String {
    let t = Local::at(nanos.div_euclid(1_000_000_000) as i64);
    let frac = nanos.rem_euclid(1_000_000_000);
    format!("{:04}-{:02}-{:02}T{}.{frac:09}{}", t.y, t.mo, t.d, t.hms(), t.zone(true))
}

/// A time as Go's encoding/json writes a time.Time (RFC3339Nano, local zone): the fraction
/// without trailing zeros, and `Z` for a zero offset.
pub fn go_json_time(nanos: i128) -> String {
    let t = rfc3339_nanos_local(nanos);
    let (rest, zone) = t.split_at(t.len().saturating_sub(6));
    let zone = if zone == "+00:00" { "Z" } else { zone };
    let rest = match rest.split_once('.') {
        Some((secs, frac)) if frac.trim_end_matches('0').is_empty() => secs.to_string(),
        Some((secs, frac)) => format!("{secs}.{}", frac.trim_end_matches('0')),
        None => rest.to_string(),
    };
    format!("{rest}{zone}")
}

/// Go's `time.Time.String()` in local time: `2026-12-02 14:05:00.123456789 +0000 UTC`
/// (the fraction without trailing zeros; the zone's numeric name where Go would need the
/// tz database for a letter one).
pub fn go_time_string(nanos: i128) -> String {
    let t = Local::at(nanos.div_euclid(1_000_000_000) as i64);
    let frac = nanos.rem_euclid(1_000_000_000);
    let frac = if frac == 0 { String::new() } else { format!(".{frac:09}").trim_end_matches('0').to_string() };
    format!("{:04}-{:02}-{:02} {}{frac} {} {}", t.y, t.mo, t.d, t.hms(), t.zone(false), t.zone_name())
}

/// Go's `time.UnixDate` in local time: `Wed Dec  2 14:05:00 UTC 2026`.
pub fn go_unix_date(secs: i64) -> String {
    let t = Local::at(secs);
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let wd = DAYS[t.days.rem_euclid(7) as usize];
    let mon = MONTHS[(t.mo as usize).saturating_sub(1).min(11)];
    format!("{wd} {mon} {:>2} {} {} {}", t.d, t.hms(), t.zone_name(), t.y)
}

/// Parses RFC 3339 with its fraction kept: nanoseconds since the epoch.
pub fn parse_rfc3339_nanos(s: &str) -> Option<i128> {
    let secs = parse_rfc3339(s)? as i128;
    let frac = s.get(19..).and_then(|r| r.strip_prefix('.')).map(|r| {
        let digits: String = r.chars().take_while(|c| c.is_ascii_digit()).take(9).collect();
        format!("{digits:0<9}").parse::<i128>().unwrap_or(0)
    });
    Some(secs * 1_000_000_000 + frac.unwrap_or(0))
}

/// Podman's `--since`/`--until` times: RFC 3339 (with or without zone, fraction), a date,
/// Unix seconds (with a fraction), or a Go duration (`10m`, `1h30m`, `90s`): before now for
/// `since`, after now otherwise (Podman's ParseInputTime).
pub fn parse_input_time(s: &str, since: bool) -> Option<i128> {
    let s = s.trim();
    if let Some(t) = parse_rfc3339_nanos(s) {
        return Some(t);
    }
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return parse_rfc3339_nanos(&format!("{s}T00:00:00Z"));
    }
    if s.len() == 19 && s.as_bytes()[10] == b'T' {
        return parse_rfc3339_nanos(&format!("{s}Z"));
    }
    if let Some((a, b)) = s.split_once('.') {
        if let (Ok(a), true) = (a.parse::<i64>(), b.chars().all(|c| c.is_ascii_digit()) && !b.is_empty()) {
            let frac = format!("{:0<9}", &b[..b.len().min(9)]).parse::<i128>().ok()?;
            return Some(a as i128 * 1_000_000_000 + frac);
        }
    }
    if let Ok(n) = s.parse::<i64>() {
        return Some(n as i128 * 1_000_000_000);
    }
    parse_go_duration(s).map(|d| if since { now_nanos() - d } else { now_nanos() + d })
}

/// Go's `time.Duration.String()` for `nanos` of a second or more ("1s", "1m30s", "1h0m0s",
/// "1.5s"); shorter ones as whole milliseconds, microseconds or nanoseconds.
pub fn go_duration_string(nanos: u64) -> String {
    const S: u64 = 1_000_000_000;
    if nanos < S {
        return match nanos {
            0 => "0s".into(),
            n if n % 1_000_000 == 0 => format!("{}ms", n / 1_000_000),
            n if n % 1_000 == 0 => format!("{}µs", n / 1_000),
            n => format!("{n}ns"),
        };
    }
    let (h, m) = (nanos / (3600 * S), nanos / (60 * S) % 60);
    let (secs, frac) = (nanos / S % 60, nanos % S);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    out.push_str(&secs.to_string());
    if frac > 0 {
        out.push_str(format!(".{frac:09}").trim_end_matches('0'));
    }
    out.push('s');
    out
}

/// A Go duration (`1h30m`, `10s`, `500ms`, `2.5s`) in nanoseconds.
pub fn parse_go_duration(s: &str) -> Option<i128> {
    if s.is_empty() {
        return None;
    }
    // Go's one unitless duration.
    if s == "0" {
        return Some(0);
    }
    let mut total: f64 = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let n: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let mult = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += n * mult;
        rest = &rest[unit_len..];
    }
    Some(total as i128)
}

/// go-units' HumanDuration, which Podman prints as "X ago".
pub fn human_duration(secs: i64) -> String {
    let s = secs.max(0);
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    let minutes = s / 60;
    let hours = (s + 1800) / 3600;
    if s < 1 {
        "Less than a second".into()
    } else if s < 60 {
        plural(s, "second")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        plural(minutes, "minute")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        plural(hours, "hour")
    } else if hours < 24 * 7 * 2 {
        plural(hours / 24, "day")
    } else if hours < 24 * 30 * 2 {
        plural(hours / 24 / 7, "week")
    } else if hours < 24 * 365 * 2 {
        plural(hours / 24 / 30, "month")
    } else {
        plural(hours / 24 / 365, "year")
    }
}

/// "5 minutes ago" for a past timestamp.
pub fn ago(then: i64) -> String {
    format!("{} ago", human_duration(now_unix() - then))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_json_times() {
        std::env::set_var("TZ", "UTC");
        assert_eq!(go_json_time(1_700_000_000_511_575_500), "2023-11-14T22:13:20.5115755Z");
        assert_eq!(go_json_time(1_700_000_000_000_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn rfc3339_round_trips() {
        for t in [0, 1_700_000_000, 1_795_000_000, 951_782_400 /* 2000-02-29 */] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t));
        }
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_rfc3339("2024-01-02T03:04:05.123456789Z"), parse_rfc3339("2024-01-02T03:04:05Z"));
        assert_eq!(parse_rfc3339("2024-01-02T05:04:05+02:00"), parse_rfc3339("2024-01-02T03:04:05Z"));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn input_times() {
        assert_eq!(parse_input_time("1700000000", true), Some(1_700_000_000_000_000_000));
        assert_eq!(parse_input_time("1700000000.5", true), Some(1_700_000_000_500_000_000));
        assert_eq!(parse_input_time("2023-11-14T22:13:20Z", true), Some(1_700_000_000_000_000_000));
        assert_eq!(parse_input_time("2023-11-14T22:13:20.25Z", true), Some(1_700_000_000_250_000_000));
        assert_eq!(parse_go_duration("1h30m"), Some(5_400_000_000_000));
        let ten_min_ago = parse_input_time("10m", true).unwrap();
        assert!(parse_input_time("10m", false).unwrap() > now_nanos());
        assert!((now_nanos() - ten_min_ago - 600_000_000_000).abs() < 5_000_000_000);
        assert_eq!(parse_input_time("soon", true), None);
        let t = rfc3339_nanos_local(1_700_000_000_000_000_001);
        assert_eq!(parse_rfc3339_nanos(&t), Some(1_700_000_000_000_000_001));
    }

    #[test]
    fn durations_read_like_podman() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(5), "5 seconds");
        assert_eq!(human_duration(65), "About a minute");
        assert_eq!(human_duration(300), "5 minutes");
        assert_eq!(human_duration(3700), "About an hour");
        assert_eq!(human_duration(5 * 3600), "5 hours");
        assert_eq!(human_duration(3 * 86_400), "3 days");
    }

    #[test]
    fn go_duration_strings() {
        use super::go_duration_string as g;
        const S: u64 = 1_000_000_000;
        assert_eq!([g(S), g(90 * S), g(3600 * S), g(3 * S / 2), g(0), g(S / 2)], ["1s", "1m30s", "1h0m0s", "1.5s", "0s", "500ms"]);
    }
}
