//! `top` and `stats` (also `container top` / `container stats`): Podman's tables as its Go
//! tabwriter lays them out (columns at least 12 wide, 2 spaces of padding), its `ps`
//! fallback, and its `stats` templates, JSON and screen resets.

use crate::engine::stats::{self, ContainerStats, StatsOptions, StatsSampler};
use crate::engine::top::{self, TopOptions, TopReport};
use crate::engine::Engine;
use crate::error::exit_error;
use crate::cli::format::is_json;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};
use std::io::{IsTerminal, Write};

/// Display the running processes of a container
///
/// The format descriptors are ps(1) compatible AIX descriptors, extended with container ones:
/// args, capamb, capbnd, capeff, capinh, capprm, comm, etime, group, groups, hgroup, hgroups,
/// hpid, huser, label, nice, pcpu, pgid, pid, ppid, rgroup, rss, ruser, seccomp, state, stime,
/// time, tty, user, vsz (also comma-separated). Any other argument (e.g. -eo) makes hutch run
/// ps(1) with the arguments inside the container instead.
#[derive(Args, Debug)]
#[command(override_usage = "hutch top [options] CONTAINER [FORMAT-DESCRIPTORS|ARGS...]")]
pub struct TopArgs {
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// List the supported format descriptors
    #[arg(long = "list-descriptors", hide = true)]
    pub list_descriptors: bool,
    /// The container, then format descriptors or ps(1) arguments (options after the container are its arguments)
    #[arg(value_name = "CONTAINER", trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Display a live stream of container resource usage statistics
///
/// Without a cgroup of their own (that needs cgroup v2 with delegated controllers), hutch sums
/// each container's figures from /proc over its running processes: CPU time, resident memory
/// against the machine's memory, block I/O and tasks.
#[derive(Args, Debug)]
#[command(override_usage = "hutch stats [options] [CONTAINER...]")]
pub struct StatsArgs {
    /// Show all containers (those not running with zeros; without names hutch shows all, as Podman 4.3.1 does)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Pretty-print container statistics to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Time in seconds between stats reports
    #[arg(short = 'i', long, value_name = "SECONDS", default_value_t = 5, allow_negative_numbers = true)]
    pub interval: i64,
    /// Act on the latest container hutch is aware of
    #[arg(short = 'l', long)]
    pub latest: bool,
    /// Disable resetting the screen between intervals
    #[arg(long = "no-reset")]
    pub no_reset: bool,
    /// Disable streaming stats and only pull the first result
    #[arg(long = "no-stream")]
    pub no_stream: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

/// Go's text/tabwriter as Podman sets it up (padding with spaces, cells aligned left): cells
/// end at a tab, the text after a line's last tab is no column; a column block is a run of
/// consecutive lines with that cell, as wide as its widest cell plus `padding`, at least
/// `minwidth`.
pub fn tabwrite(text: &str, minwidth: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut widths = Vec::new();
    format_block(&lines, &mut widths, 0, lines.len(), minwidth, padding, &mut out);
    out.join("\n")
}

fn format_block(lines: &[Vec<&str>], widths: &mut Vec<usize>, line0: usize, line1: usize, minwidth: usize, padding: usize, out: &mut Vec<String>) {
    let column = widths.len();
    let mut line0 = line0;
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        // A block of lines with a cell in this column begins: print the lines before it.
        write_lines(lines, widths, line0, this, out);
        line0 = this;
        let mut width = minwidth;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + padding);
            this += 1;
        }
        widths.push(width);
        format_block(lines, widths, line0, this, minwidth, padding, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, widths, line0, line1, out);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], line0: usize, line1: usize, out: &mut Vec<String>) {
    for line in &lines[line0..line1] {
        let mut s = String::new();
        for (j, cell) in line.iter().enumerate() {
            s.push_str(cell);
            if let Some(w) = widths.get(j) {
                s.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.chars().count())));
            }
        }
        out.push(s);
    }
}

/// Writes to stdout; false once the reader is gone.
fn write_out(s: &str) -> bool {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes()).and_then(|_| out.flush()).is_ok()
}

pub fn top(eng: &Engine, a: TopArgs) -> Result<i32> {
    if a.list_descriptors {
        write_out(&top::list_descriptors().iter().map(|d| format!("{d}\n")).collect::<String>());
        return Ok(0);
    }
    if a.args.is_empty() && !a.latest {
        return Err(exit_error(125, "you must provide the name or id of a running container"));
    }
    // With --latest every argument is a descriptor, as in Podman.
    let o = if a.latest {
        TopOptions { container: None, latest: true, descriptors: a.args }
    } else {
        TopOptions { container: Some(a.args[0].clone()), latest: false, descriptors: a.args[1..].to_vec() }
    };
    let mut text = String::new();
    match eng.top(&o)? {
        TopReport::Table { headers, rows } => {
            text.push_str(&headers.join("\t"));
            text.push('\n');
            for r in rows {
                text.push_str(&r.join("\t"));
                text.push('\n');
            }
        }
        TopReport::Ps(lines) => {
            for l in lines {
                text.push_str(&l);
                text.push('\n');
            }
        }
    }
    write_out(&tabwrite(&text, 12, 2));
    Ok(0)
}

/// Podman's floatToPercentString.
fn percent(f: f64) -> String {
    format!("{f:.2}%")
}

fn pair(a: u64, b: u64, f: fn(u64) -> String) -> String {
    format!("{} / {}", f(a), f(b))
}

/// What a `--format` template sees: Podman's containerStats (its methods over the embedded
/// define.ContainerStats fields of the same name).
fn template_view(s: &ContainerStats, no_trunc: bool) -> Value {
    let raw = json!({
        "AvgCPU": stats::go_float(s.avg_cpu),
        "ContainerID": s.id,
        "Name": s.name,
        "PerCPU": [],
        "CPU": stats::go_float(s.cpu),
        "CPUNano": s.cpu_nano,
        "CPUSystemNano": s.cpu_system_nano,
        "SystemNano": s.system_nano,
        "MemUsage": s.mem_usage,
        "MemLimit": s.mem_limit,
        "MemPerc": stats::go_float(s.mem_perc),
        "NetInput": s.net_input,
        "NetOutput": s.net_output,
        "BlockInput": s.block_input,
        "BlockOutput": s.block_output,
        "PIDs": s.pids,
        "UpTime": top::go_duration(s.cpu_nano as i128),
        "Duration": s.cpu_nano,
    });
    let mut v = raw.clone();
    let o = v.as_object_mut().expect("an object");
    let id = if no_trunc { s.id.clone() } else { s.id.chars().take(12).collect() };
    for (k, val) in [
        ("ID", json!(id)),
        ("CPUPerc", json!(percent(s.cpu))),
        ("AVGCPU", json!(percent(s.avg_cpu))),
        ("Up", json!(top::go_duration(s.cpu_nano as i128))),
        ("MemPerc", json!(percent(s.mem_perc))),
        ("NetIO", json!(pair(s.net_input, s.net_output, stats::human_size))),
        ("BlockIO", json!(pair(s.block_input, s.block_output, stats::human_size))),
        ("PIDS", json!(s.pids.to_string())),
        ("MemUsage", json!(pair(s.mem_usage, s.mem_limit, stats::human_size))),
        ("MemUsageBytes", json!(pair(s.mem_usage, s.mem_limit, stats::bytes_size))),
        ("ContainerStats", raw),
    ] {
        o.insert(k.to_string(), val);
    }
    v
}

/// The headings a `table` template shows: report.Headers over define.ContainerStats (field
/// names split at case changes, upper-cased) with Podman's overrides.
fn headings() -> Value {
    json!({
        "AvgCPU": "AVG CPU", "ContainerID": "CONTAINER ID", "Name": "NAME", "PerCPU": "PER CPU", "CPU": "CPU",
        "CPUNano": "CPU NANO", "CPUSystemNano": "CPU SYSTEM NANO", "SystemNano": "SYSTEM NANO",
        "MemLimit": "MEM LIMIT", "NetInput": "NET INPUT", "NetOutput": "NET OUTPUT", "BlockInput": "BLOCK INPUT",
        "BlockOutput": "BLOCK OUTPUT", "PIDs": "PI DS", "Duration": "DURATION",
        "ID": "ID", "UpTime": "CPU TIME", "CPUPerc": "CPU %", "AVGCPU": "AVG CPU %", "MemUsage": "MEM USAGE / LIMIT",
        "MemUsageBytes": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET IO", "BlockIO": "BLOCK IO", "PIDS": "PIDS",
    })
}

/// Podman's outputJSON: its own keys, indented by one space.
fn stats_json(stats: &[ContainerStats], no_trunc: bool) -> Result<String> {
    let rows: Vec<Value> = stats
        .iter()
        .map(|s| {
            let v = template_view(s, no_trunc);
            json!({
                "id": v["ID"], "name": s.name, "cpu_time": v["Up"], "cpu_percent": v["CPUPerc"], "avg_cpu": v["AVGCPU"],
                "mem_usage": v["MemUsage"], "mem_percent": v["MemPerc"], "net_io": v["NetIO"], "block_io": v["BlockIO"],
                "pids": v["PIDS"],
            })
        })
        .collect();
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b" "));
    serde::Serialize::serialize(&rows, &mut ser)?;
    Ok(String::from_utf8_lossy(&buf).into_owned() + "\n")
}

/// Podman's report templates: `table ...` (every space a column break, headings, tabwriter),
/// or a template printed once per container.
fn stats_template(format: &str, stats: &[ContainerStats], no_trunc: bool) -> Result<String> {
    let t = crate::cli::format::Template::parse(format)?;
    let mut out = String::new();
    if t.table {
        out.push_str(&t.render(&headings())?);
    }
    for s in stats {
        out.push_str(&t.render(&template_view(s, no_trunc))?);
    }
    Ok(if t.table { tabwrite(&out, 12, 2) } else { out })
}

/// The default table.
fn stats_table(stats: &[ContainerStats], no_trunc: bool) -> String {
    let mut text = String::from("ID\tNAME\tCPU %\tMEM USAGE / LIMIT\tMEM %\tNET IO\tBLOCK IO\tPIDS\tCPU TIME\tAVG CPU %\n");
    for s in stats {
        let v = template_view(s, no_trunc);
        let cells: Vec<&str> = ["ID", "Name", "CPUPerc", "MemUsage", "MemPerc", "NetIO", "BlockIO", "PIDS", "UpTime", "AVGCPU"]
            .iter()
            .map(|k| v[*k].as_str().unwrap_or(""))
            .collect();
        text.push_str(&cells.join("\t"));
        text.push('\n');
    }
    tabwrite(&text, 12, 2)
}

pub fn stats(eng: &Engine, a: StatsArgs) -> Result<i32> {
    if a.all as u8 + a.latest as u8 + !a.containers.is_empty() as u8 > 1 {
        return Err(exit_error(125, "--all, --latest and containers cannot be used together"));
    }
    if a.interval < 1 {
        return Err(exit_error(125, "invalid interval, must be a positive number greater zero"));
    }
    let o = StatsOptions { containers: a.containers.clone(), latest: a.latest };
    let mut sampler = StatsSampler::default();
    // Podman (goterm) resets the screen only on a terminal.
    let reset = !a.no_reset && std::io::stdout().is_terminal();
    loop {
        let stats = eng.stats(&o, &mut sampler)?;
        let mut text = String::new();
        if reset {
            text.push_str("\x1b[2J\x1b[1;1H");
        }
        text.push_str(&match a.format.as_deref() {
            Some(f) if is_json(f) => stats_json(&stats, a.no_trunc)?,
            Some(f) => stats_template(f, &stats, a.no_trunc)?,
            None => stats_table(&stats, a.no_trunc),
        });
        if !write_out(&text) {
            return Ok(0);
        }
        if let Some(w) = sampler.take_warning() {
            eng.warn(w);
        }
        if a.no_stream {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_secs(a.interval as u64));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_like_go() {
        // Podman's `top`: columns of at least 12, the last one as it is.
        let t = tabwrite("USER\tPID\tELAPSED\tCOMMAND\nroot\t1\t2.631885401s\tsleep 300 \n", 12, 2);
        assert_eq!(t, "USER        PID         ELAPSED       COMMAND\nroot        1           2.631885401s  sleep 300 \n");
        // Lines without tabs pass as they are and end column blocks.
        assert_eq!(tabwrite("PID   COMMAND\n    1 sleep\n", 12, 2), "PID   COMMAND\n    1 sleep\n");
        assert_eq!(tabwrite("a\tb\nno tabs\nccccccccccccccc\td\n", 12, 2), "a           b\nno tabs\nccccccccccccccc  d\n");
        assert_eq!(tabwrite("a\t\tc\n", 3, 1), "a     c\n");
    }

    #[test]
    fn stats_output() {
        let s = ContainerStats {
            id: "3e5f34325d56b50c7f7fa5f3b6e5921f1bb3030154f52eff793f5fe3bde29bda".into(),
            name: "tp".into(),
            cpu: 0.8153,
            avg_cpu: 0.8153,
            cpu_nano: 24_061_489,
            mem_usage: 548_864,
            mem_limit: 25_275_990_016,
            mem_perc: 0.0021,
            net_input: 472,
            net_output: 1096,
            pids: 2,
            ..Default::default()
        };
        assert_eq!(
            stats_table(std::slice::from_ref(&s), false),
            "ID            NAME        CPU %       MEM USAGE / LIMIT  MEM %       NET IO          BLOCK IO    PIDS        CPU TIME     AVG CPU %\n\
             3e5f34325d56  tp          0.82%       548.9kB / 25.28GB  0.00%       472B / 1.096kB  0B / 0B     2           24.061489ms  0.82%\n"
        );
        assert_eq!(
            stats_table(&[], false),
            "ID          NAME        CPU %       MEM USAGE / LIMIT  MEM %       NET IO      BLOCK IO    PIDS        CPU TIME    AVG CPU %\n"
        );
        let t = stats_template("table {{.ID}} {{.Name}} {{.PIDs}} {{.Up}} {{.UpTime}} {{.MemLimit}}", std::slice::from_ref(&s), false).unwrap();
        assert_eq!(
            t,
            "ID            NAME        PI DS       <no value>   CPU TIME     MEM LIMIT\n\
             3e5f34325d56  tp          2           24.061489ms  24.061489ms  25275990016\n"
        );
        assert_eq!(stats_template("{{.Name}}:{{.PIDS}}\\t{{.CPU}}", std::slice::from_ref(&s), true).unwrap(), "tp:2\t0.8153\n");
        let j = stats_json(std::slice::from_ref(&s), false).unwrap();
        assert!(j.starts_with("[\n {\n  \"id\": \"3e5f34325d56\",\n  \"name\": \"tp\",\n  \"cpu_time\": \"24.061489ms\",\n"), "{j}");
        assert_eq!(stats_json(&[], false).unwrap(), "[]\n");
        assert!(is_json(" {{ json . }}"));
    }
}
