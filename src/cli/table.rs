//! Podman-style tables, as its report package's tabwriter lays them out: each column as wide
//! as its widest cell plus two spaces, and at least 12 wide; the last column unpadded.

/// Go tabwriter's minimum cell width (padding included), as Podman sets it.
const MIN_WIDTH: usize = 12;

pub fn print(headers: &[&str], rows: &[Vec<String>]) {
    let mut out = String::new();
    render(&mut out, headers, rows);
    print!("{out}");
}

/// The rows alone (`--noheading`), padded as if the header were there.
pub fn print_rows_only(columns: usize, rows: &[Vec<String>]) {
    let heads = vec![""; columns];
    let mut out = String::new();
    render(&mut out, &heads, rows);
    print!("{}", out.split_once('\n').map(|(_, rest)| rest).unwrap_or(""));
}

pub fn render(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i >= widths.len() {
                widths.push(0);
            }
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let start = out.len();
        let mut cells = cells.enumerate().peekable();
        while let Some((i, c)) = cells.next() {
            out.push_str(c);
            if cells.peek().is_some() {
                let pad = (widths[i] + 2).max(MIN_WIDTH).saturating_sub(c.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        // No trailing blanks (an empty last column).
        let end = out[start..].trim_end().len() + start;
        out.truncate(end);
        out.push('\n');
    };
    line(out, &mut headers.iter().copied());
    for r in rows {
        line(out, &mut r.iter().map(String::as_str));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_columns() {
        let mut s = String::new();
        super::render(&mut s, &["A", "BB", "C"], &[vec!["xxx".into(), "y".into(), "z".into()]]);
        assert_eq!(s, "A           BB          C\nxxx         y           z\n");
        let mut s = String::new();
        super::render(&mut s, &["CONTAINER ID", "NAMES"], &[vec!["0123456789ab".into(), "web".into()]]);
        assert_eq!(s, "CONTAINER ID  NAMES\n0123456789ab  web\n");
    }
}
