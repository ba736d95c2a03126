//! `search`: Podman's output for registry search results (NAME DESCRIPTION, `--compatible`
//! STARS OFFICIAL AUTOMATED, `--list-tags` NAME TAG), filters, templates and JSON.

use crate::cli::registry::RegistryFlags;
use crate::engine::search::{SearchHit, SearchOptions};
use crate::engine::Engine;
use crate::error::exit_error;
use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

/// Search a registry for an image
#[derive(Args, Debug)]
#[command(override_usage = "hutch search [options] TERM")]
pub struct SearchArgs {
    /// After the name and the description, also show the stars, official and automated descriptors as Docker does
    #[arg(long)]
    pub compatible: bool,
    /// Filter output based on conditions provided: stars=N, is-automated=BOOL, is-official=BOOL
    #[arg(short = 'f', long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Limit the number of results (default 25; per registry)
    #[arg(long, value_name = "LIMIT")]
    pub limit: Option<usize>,
    /// List the tags of the repository the term names
    #[arg(long = "list-tags")]
    pub list_tags: bool,
    /// Do not truncate the output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[arg(value_name = "TERM")]
    pub term: String,
}

/// The filters Podman takes, checked before anything is asked of a registry.
struct Filters {
    stars: u64,
    automated: Option<bool>,
    official: Option<bool>,
}

fn filters(given: &[String]) -> Result<Filters> {
    let mut f = Filters { stars: 0, automated: None, official: None };
    for g in given {
        let (k, v) = g.split_once('=').ok_or_else(|| exit_error(125, format!("invalid filter {g:?}, should be of form filter=value")))?;
        let bool_of = |v: &str| v.parse::<bool>().map_err(|_| exit_error(125, format!("non-boolean value {v:?} for filter {k:?}")));
        match k {
            "stars" => f.stars = v.parse().map_err(|_| exit_error(125, format!("incorrect value type for stars filter: {v:?}")))?,
            "is-automated" => f.automated = Some(bool_of(v)?),
            "is-official" => f.official = Some(bool_of(v)?),
            _ => return Err(exit_error(125, format!("invalid filter type {k:?}"))),
        }
    }
    Ok(f)
}

fn ok(b: bool) -> &'static str {
    if b {
        "[OK]"
    } else {
        ""
    }
}

fn view(h: &SearchHit, trunc: bool) -> Value {
    let mut desc = h.description.replace('\n', " ");
    if trunc && desc.chars().count() > 44 {
        desc = format!("{}...", desc.chars().take(44).collect::<String>());
    }
    json!({"Index": h.index, "Name": h.name, "Description": desc, "Stars": h.stars, "Official": ok(h.official), "Automated": ok(h.automated), "Tag": h.tag})
}

pub fn search(eng: &Engine, a: SearchArgs) -> Result<i32> {
    let f = filters(&a.filter)?;
    if a.list_tags && !a.filter.is_empty() {
        return Err(exit_error(125, "filters are not applicable to list tags result"));
    }
    // 0 (or none) is Podman's default, 25.
    let limit = a.limit.filter(|n| *n > 0).unwrap_or(25);
    let hits = eng.search(&SearchOptions { term: a.term.clone(), limit, list_tags: a.list_tags, registry: a.registry.options() })?;
    let hits: Vec<&SearchHit> = hits.iter().filter(|h| {
        h.stars >= f.stars && f.automated.is_none_or(|v| v == h.automated) && f.official.is_none_or(|v| v == h.official)
    }).collect();
    let views: Vec<Value> = hits.iter().map(|h| view(h, !a.no_trunc)).collect();
    let default = if a.list_tags {
        "table {{.Name}}\t{{.Tag}}"
    } else if a.compatible {
        "table {{.Name}}\t{{.Description}}\t{{.Stars}}\t{{.Official}}\t{{.Automated}}"
    } else {
        "table {{.Name}}\t{{.Description}}"
    };
    match a.format.as_deref() {
        Some(f) if crate::cli::format::is_json(f) => println!("{}", serde_json::to_string_pretty(&views)?),
        given => crate::cli::format::print_rows_with(given.unwrap_or(default), &views, &views, &[], false)?,
    }
    Ok(0)
}
