//! Image verbs: images, rmi, import (and `hutch image ...`).

use crate::cli::lazy::Lazy;
use crate::cli::table;
use crate::engine::import::ImportOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::store::split_name;
use crate::util::{time, units};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};

#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    Build(Lazy<Box<crate::cli::build::BuildArgs>>),
    #[command(name = "ls", visible_alias = "list")]
    Ls(Lazy<ImagesArgs>),
    Rm(Lazy<RmiArgs>),
    Import(Lazy<ImportArgs>),
    Pull(Lazy<crate::cli::registry::PullArgs>),
    Push(Lazy<crate::cli::registry::PushArgs>),
    Tag(Lazy<crate::cli::registry::TagArgs>),
    Untag(Lazy<UntagArgs>),
    Inspect(Lazy<InspectArgs>),
    Exists(Lazy<ExistsArgs>),
    History(Lazy<HistoryArgs>),
    Prune(Lazy<PruneArgs>),
    Save(Lazy<SaveArgs>),
    Load(Lazy<LoadArgs>),
}

pub fn dispatch(eng: &Engine, c: ImageCommand) -> Result<i32> {
    match c {
        ImageCommand::Build(Lazy(a)) => crate::cli::build::build(eng, *a),
        ImageCommand::Ls(Lazy(a)) => images(eng, a),
        ImageCommand::Rm(Lazy(a)) => rmi(eng, a),
        ImageCommand::Import(Lazy(a)) => import(eng, a),
        ImageCommand::Pull(Lazy(a)) => crate::cli::registry::pull(eng, a),
        ImageCommand::Push(Lazy(a)) => crate::cli::registry::push(eng, a),
        ImageCommand::Tag(Lazy(a)) => crate::cli::registry::tag(eng, a),
        ImageCommand::Untag(Lazy(a)) => untag(eng, a),
        ImageCommand::Inspect(Lazy(a)) => inspect(eng, a),
        ImageCommand::Exists(Lazy(a)) => exists(eng, a),
        ImageCommand::History(Lazy(a)) => history(eng, a),
        ImageCommand::Prune(Lazy(a)) => prune(eng, a),
        ImageCommand::Save(Lazy(a)) => save(eng, a),
        ImageCommand::Load(Lazy(a)) => load(eng, a),
    }
}

/// List images in local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch images [options] [IMAGE]")]
pub struct ImagesArgs {
    /// Show all images (default hides intermediate images)
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Display only image IDs
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Do not truncate output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Filter output based on conditions provided (dangling, reference, before, since, label, id)
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print column headings
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Display the history of image names
    #[arg(long)]
    pub history: bool,
    /// Sort by created, id, repository, size or tag
    #[arg(long, value_name = "SORT", default_value = "created")]
    pub sort: String,
    /// Only images whose name matches (the same as --filter reference=IMAGE)
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

/// The names an image has had, as Podman's HISTORY column shows them.
fn names_history(v: &serde_json::Value) -> String {
    let names: Vec<&str> = v.as_array().map(|a| a.iter().filter_map(|n| n.as_str()).collect()).unwrap_or_default();
    if names.is_empty() { "<none>".into() } else { names.join(", ") }
}

pub fn images(eng: &Engine, a: ImagesArgs) -> Result<i32> {
    const SORTS: [&str; 5] = ["created", "id", "repository", "size", "tag"];
    if !SORTS.contains(&a.sort.as_str()) {
        return Err(exit_error(125, format!("\"{}\" is not a valid field for sorting. Choose from: {}", a.sort, SORTS.join(", "))));
    }
    if a.image.is_some() && !a.filter.is_empty() {
        return Err(exit_error(125, "cannot specify an image and a filter(s)"));
    }
    let mut filter = a.filter.clone();
    if let Some(i) = &a.image {
        filter.push(format!("reference={i}"));
    }
    let filters = eng.parse_image_filters(&filter)?;
    let rows = eng.image_rows(&filters, a.all)?;
    let id_of = |v: &serde_json::Value| {
        let id = v["Id"].as_str().unwrap_or_default();
        if a.no_trunc { format!("sha256:{id}") } else { id.chars().take(12).collect() }
    };
    if a.quiet {
        for r in &rows {
            println!("{}", id_of(r));
        }
        return Ok(0);
    }
    if a.format.as_deref().is_some_and(crate::cli::format::is_json) {
        return crate::cli::format::print_rows("json", &rows).map(|_| 0);
    }
    // One line per name, as Podman shows them.
    let mut lines = Vec::new();
    for r in &rows {
        let names: Vec<(String, String)> = match r["Names"].as_array() {
            Some(n) if !n.is_empty() => n.iter().filter_map(|x| x.as_str()).map(split_name).collect(),
            _ => vec![("<none>".into(), "<none>".into())],
        };
        let created = r["Created"].as_i64().unwrap_or(0);
        for (repo, tag) in names {
            lines.push((created, r["Size"].as_u64().unwrap_or(0), serde_json::json!({
                "Repository": repo, "Tag": tag, "ID": id_of(r), "Digest": r["Digest"],
                "CreatedSince": time::ago(created), "CreatedAt": r["CreatedAt"],
                "Size": units::human_size(r["Size"].as_u64().unwrap_or(0)), "Containers": r["Containers"],
                "History": names_history(&r["History"]),
            })));
        }
    }
    // Podman's orders: newest first, else ascending.
    let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    match a.sort.as_str() {
        "id" => lines.sort_by_key(|l| text(&l.2, "ID")),
        "repository" => lines.sort_by_key(|l| text(&l.2, "Repository")),
        "tag" => lines.sort_by_key(|l| text(&l.2, "Tag")),
        "size" => lines.sort_by_key(|l| l.1),
        _ => lines.sort_by_key(|l| std::cmp::Reverse(l.0)),
    }
    let lines: Vec<serde_json::Value> = lines.into_iter().map(|l| l.2).collect();
    if let Some(f) = &a.format {
        return crate::cli::format::print_rows(f, &lines).map(|_| 0);
    }
    let cells: Vec<Vec<String>> = lines.iter().map(|l| {
        let mut v = vec![l["Repository"].as_str().unwrap_or("").to_string(), l["Tag"].as_str().unwrap_or("").to_string()];
        if a.digests {
            v.push(l["Digest"].as_str().unwrap_or("").to_string());
        }
        for k in ["ID", "CreatedSince", "Size"] {
            v.push(l[k].as_str().unwrap_or("").to_string());
        }
        if a.history {
            v.push(l["History"].as_str().unwrap_or("").to_string());
        }
        v
    }).collect();
    let mut heads: Vec<&str> = if a.digests {
        vec!["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"]
    } else {
        vec!["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]
    };
    if a.history {
        heads.push("HISTORY");
    }
    if a.noheading {
        table::print_rows_only(heads.len(), &cells);
    } else {
        table::print(&heads, &cells);
    }
    Ok(0)
}

/// Remove a name from a local image
#[derive(Args, Debug)]
#[command(override_usage = "hutch untag IMAGE [IMAGE...]")]
pub struct UntagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Names to remove (all of them when none is given)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

pub fn untag(eng: &Engine, a: UntagArgs) -> Result<i32> {
    eng.untag(&a.image, &a.names)?;
    Ok(0)
}

/// Display the configuration of an image
#[derive(Args, Debug)]
#[command(override_usage = "hutch image inspect [options] IMAGE [IMAGE...]")]
pub struct InspectArgs {
    /// Format the output to a Go template or json
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn inspect(eng: &Engine, a: InspectArgs) -> Result<i32> {
    let mut out = Vec::new();
    for i in &a.images {
        out.push(eng.inspect_image(i)?);
    }
    let format = crate::cli::format::inspect_normalize(a.format.as_deref().unwrap_or("json"), true);
    crate::cli::format::print_rows(&format, &out)?;
    Ok(0)
}

/// Check if an image exists in local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch image exists IMAGE")]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn exists(eng: &Engine, a: ExistsArgs) -> Result<i32> {
    Ok(if eng.image_exists(&a.image)? { 0 } else { 1 })
}

/// Show history of a specified image
#[derive(Args, Debug)]
#[command(override_usage = "hutch image history [options] IMAGE")]
pub struct HistoryArgs {
    /// Display the numeric IDs only
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Do not truncate the output
    #[arg(long = "no-trunc")]
    pub no_trunc: bool,
    /// Change the output to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display sizes and dates in human readable format (default true)
    #[arg(short = 'H', long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub human: Option<bool>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn history(eng: &Engine, a: HistoryArgs) -> Result<i32> {
    let rows = eng.image_history(&a.image)?;
    if a.quiet {
        for r in &rows {
            println!("{}", r["ID"].as_str().unwrap_or(""));
        }
        return Ok(0);
    }
    let human = a.human.unwrap_or(true);
    if let Some(f) = &a.format {
        if crate::cli::format::is_json(f) {
            // Podman's ImageHistoryLayer, on one line.
            let out: Vec<serde_json::Value> = rows.iter().map(|r| {
                let created = r["Created"].as_i64().unwrap_or(0);
                serde_json::json!({
                    "id": r["Id"], "created": time::go_json_time(created as i128 * 1_000_000_000), "CreatedBy": r["CreatedBy"],
                    "size": r["Size"], "comment": r["Comment"], "Created": time::rfc3339(created),
                })
            }).collect();
            println!("{}", serde_json::to_string(&out)?);
            return Ok(0);
        }
        // What Podman's history templates see: the table's own texts.
        let views: Vec<serde_json::Value> = rows.iter().map(|r| {
            let id = if a.no_trunc { &r["Id"] } else { &r["ID"] };
            let (created, size) = if human {
                (r["CreatedSince"].clone(), r["SizeHuman"].clone())
            } else {
                (serde_json::json!(time::rfc3339(r["Created"].as_i64().unwrap_or(0))), r["Size"].clone())
            };
            serde_json::json!({"ID": id, "Created": created, "CreatedBy": r["CreatedBy"], "Size": size, "Comment": r["Comment"]})
        }).collect();
        return crate::cli::format::print_rows_with(f, &views, &views, &[("ID", "ID")], false).map(|_| 0);
    }
    let cells: Vec<Vec<String>> = rows.iter().map(|r| {
        let mut by = r["CreatedBy"].as_str().unwrap_or("").to_string();
        if !a.no_trunc && by.chars().count() > 45 {
            by = format!("{}...", by.chars().take(42).collect::<String>());
        }
        let (created, size) = if human {
            (r["CreatedSince"].as_str().unwrap_or("").to_string(), r["SizeHuman"].as_str().unwrap_or("").to_string())
        } else {
            (time::rfc3339(r["Created"].as_i64().unwrap_or(0)), r["Size"].as_u64().unwrap_or(0).to_string())
        };
        vec![r["ID"].as_str().unwrap_or("").into(), created, by, size, r["Comment"].as_str().unwrap_or("").into()]
    }).collect();
    table::print(&["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"], &cells);
    Ok(0)
}

/// Remove unused images
#[derive(Args, Debug)]
#[command(override_usage = "hutch image prune [options]")]
pub struct PruneArgs {
    /// Remove all images not in use by containers, not just dangling ones
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Remove images even when the step containers of a running build use them
    #[arg(long)]
    pub external: bool,
    /// Provide filter values: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
}

pub fn prune(eng: &Engine, a: PruneArgs) -> Result<i32> {
    let filters = crate::plan::prune_filter::PruneFilters::parse(&a.filter).map_err(|e| exit_error(125, e))?;
    let what = if a.all { "all images not used by a container" } else { "all dangling images" };
    if !a.force && !crate::cli::output::confirm(&format!("WARNING! This command removes {what}."))? {
        return Ok(0);
    }
    let all = a.all || filters.dangling == Some(false);
    for id in eng.prune_images(all, &filters, a.external)? {
        println!("{id}");
    }
    Ok(0)
}

/// Remove one or more images from local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch rmi [options] IMAGE [IMAGE...]")]
pub struct RmiArgs {
    /// Remove all images
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Force Removal of the image
    #[arg(short = 'f', long)]
    pub force: bool,
    /// Ignore errors if a specified image does not exist
    #[arg(short = 'i', long)]
    pub ignore: bool,
    /// Do not remove dangling parent images (a build's unnamed step images)
    #[arg(long = "no-prune")]
    pub no_prune: bool,
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn rmi(eng: &Engine, a: RmiArgs) -> Result<i32> {
    if !a.all && a.images.is_empty() {
        return Err(exit_error(125, "image name or ID must be specified"));
    }
    if a.all && !a.images.is_empty() {
        return Err(exit_error(125, "when using the --all switch, you may not pass any images names or IDs"));
    }
    let report = eng.rmi(&a.images, a.all, a.force, !a.no_prune)?;
    for n in &report.untagged {
        println!("Untagged: {n}");
    }
    for id in &report.deleted {
        println!("Deleted: {id}");
    }
    let mut code = 0;
    for f in &report.failures {
        // --ignore: an image that is not there is no error (the engine says so with code 1).
        if a.ignore && f.code == 1 {
            continue;
        }
        eprintln!("Error: {}", f.message);
        code = code.max(f.code);
    }
    Ok(code)
}

/// Import a tarball to create a filesystem image
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch import [options] PATH [REFERENCE]",
    after_help = "Examples:\n  hutch import rootfs.tar demo\n  cat rootfs.tar.gz | hutch import --change 'CMD [\"/bin/sh\"]' - demo"
)]
pub struct ImportArgs {
    /// Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | STOPSIGNAL | USER | VOLUME | WORKDIR
    #[arg(short = 'c', long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Set commit message for imported image
    #[arg(short = 'm', long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Suppress output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Set the architecture of the imported image (default: this host's)
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Set the OS of the imported image (default: linux)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Set the architecture variant of the imported image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// The tarball to import (`-` for standard input)
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The name to give the image
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
}

pub fn import(eng: &Engine, a: ImportArgs) -> Result<i32> {
    let report = eng.import(ImportOptions { source: a.path, reference: a.reference, changes: a.change, message: a.message, arch: a.arch, os: a.os, variant: a.variant })?;
    if !report.stats.skipped_devices.is_empty() && !a.quiet {
        eprintln!(
            "WARN[0000] skipped {} device node(s) that cannot be created in a user namespace: {}",
            report.stats.skipped_devices.len(),
            report.stats.skipped_devices.join(", ")
        );
    }
    if report.stats.squashed_owners > 0 && !a.quiet {
        eprintln!("WARN[0000] {} file(s) kept as root: with a single-id mapping their owners cannot be set", report.stats.squashed_owners);
    }
    println!("sha256:{}", report.id);
    Ok(0)
}

/// Save image(s) to an archive
#[derive(Args, Debug)]
#[command(override_usage = "hutch save [options] IMAGE [IMAGE...]")]
pub struct SaveArgs {
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Save image to docker-archive, oci-archive, oci-dir (an OCI layout directory) or docker-dir (the dir: format)
    #[arg(long, value_name = "FORMAT", default_value = "docker-archive", value_parser = ["docker-archive", "oci-archive", "oci-dir", "docker-dir"])]
    pub format: String,
    /// Suppress the output
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Interpret additional arguments as images not tags and create a multi-image-archive (docker-archive only)
    #[arg(short = 'm', long = "multi-image-archive")]
    pub multi: bool,
    /// Compress tarball image layers when saving to a directory (docker-dir)
    #[arg(long)]
    pub compress: bool,
    /// Accept uncompressed layers in OCI formats (hutch writes every layer as it is stored, uncompressed ones included)
    #[arg(long)]
    pub uncompressed: bool,
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn save(eng: &Engine, a: SaveArgs) -> Result<i32> {
    use crate::engine::archive::ArchiveFormat;
    if a.compress && a.format != "docker-dir" {
        return Err(exit_error(125, "--compress can only be set when --format is 'docker-dir'"));
    }
    if let Some(dir_format) = a.format.strip_suffix("-dir") {
        // The directory formats: one image, into the directory -o names.
        let out = a.output.as_ref().ok_or_else(|| exit_error(125, format!("--format {}: name the directory to write with -o", a.format)))?;
        let [image] = a.images.as_slice() else {
            return Err(exit_error(125, format!("--format {} writes one image", a.format)));
        };
        let path = out.to_string_lossy().into_owned();
        let t = if dir_format == "oci" {
            crate::plan::transport::Transport::Oci { path, reference: None }
        } else {
            crate::plan::transport::Transport::Dir(path)
        };
        eng.push_transport(image, &t, crate::engine::transport::DirOptions { docker: dir_format == "docker", compress: a.compress })?;
        return Ok(0);
    }
    let format = if a.format == "oci-archive" { ArchiveFormat::OciArchive } else { ArchiveFormat::DockerArchive };
    if a.images.len() > 1 && format == ArchiveFormat::DockerArchive && !a.multi {
        return Err(exit_error(125, "several images in one docker-archive need -m/--multi-image-archive"));
    }
    crate::cli::output::write_to(a.output.as_deref(), "save", |mut f| eng.save(&a.images, format, &mut f))?;
    Ok(0)
}

/// Load image(s) from a tar archive
#[derive(Args, Debug)]
#[command(override_usage = "hutch load [options]")]
pub struct LoadArgs {
    /// Read from specified archive file (default: stdin)
    #[arg(short = 'i', long, value_name = "FILE")]
    pub input: Option<std::path::PathBuf>,
    /// Suppress the output
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

pub fn load(eng: &Engine, a: LoadArgs) -> Result<i32> {
    let names = match &a.input {
        Some(p) => {
            let mut f = std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
            eng.load(&mut f)?
        }
        None => {
            if unsafe { libc::isatty(0) } == 1 {
                return Err(exit_error(125, "cannot read from terminal, use -i flag or redirect"));
            }
            eng.load(&mut std::io::stdin().lock())?
        }
    };
    if !a.quiet {
        for n in names {
            println!("Loaded image: {n}");
        }
    }
    Ok(0)
}
