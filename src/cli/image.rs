//! Image verbs: images, rmi, import (and `hutch image ...`).

use crate::cli::table;
use crate::engine::import::ImportOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::store::split_name;
use crate::util::{time, units};
use anyhow::Result;
use clap::{Args, Subcommand};

#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    #[command(name = "ls", visible_alias = "list")]
    Ls(ImagesArgs),
    Rm(RmiArgs),
    Import(ImportArgs),
    Pull(crate::cli::registry::PullArgs),
    Push(crate::cli::registry::PushArgs),
    Tag(crate::cli::registry::TagArgs),
}

pub fn dispatch(eng: &Engine, c: ImageCommand) -> Result<i32> {
    match c {
        ImageCommand::Ls(a) => images(eng, a),
        ImageCommand::Rm(a) => rmi(eng, a),
        ImageCommand::Import(a) => import(eng, a),
        ImageCommand::Pull(a) => crate::cli::registry::pull(eng, a),
        ImageCommand::Push(a) => crate::cli::registry::push(eng, a),
        ImageCommand::Tag(a) => crate::cli::registry::tag(eng, a),
    }
}

/// List images in local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch images [options]")]
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
}

pub fn images(eng: &Engine, a: ImagesArgs) -> Result<i32> {
    let imgs = eng.images()?;
    let id = |i: &crate::image::store::ImageRecord| {
        if a.no_trunc { format!("sha256:{}", i.id) } else { i.short_id().to_string() }
    };
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        for i in &imgs {
            if seen.insert(i.id.clone()) {
                println!("{}", id(i));
            }
        }
        return Ok(0);
    }
    let mut rows = Vec::new();
    for i in &imgs {
        let names: Vec<(String, String)> = if i.names.is_empty() {
            vec![("<none>".into(), "<none>".into())]
        } else {
            i.names.iter().map(|n| split_name(n)).collect()
        };
        for (repo, tag) in names {
            rows.push(vec![repo, tag, id(i), time::ago(i.created), units::human_size(i.size)]);
        }
    }
    table::print(&["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"], &rows);
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
    let report = eng.rmi(&a.images, a.all, a.force)?;
    for n in &report.untagged {
        println!("Untagged: {n}");
    }
    for id in &report.deleted {
        println!("Deleted: {id}");
    }
    let mut code = 0;
    for f in &report.failures {
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
    /// The tarball to import (`-` for standard input)
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The name to give the image
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
}

pub fn import(eng: &Engine, a: ImportArgs) -> Result<i32> {
    let report = eng.import(ImportOptions { source: a.path, reference: a.reference, changes: a.change, message: a.message })?;
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
