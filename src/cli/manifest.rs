//! `hutch manifest ...`: manifest lists and image indexes, with Podman's verbs, options,
//! output (the list's id; `inspect` the list as JSON) and exit codes.

use crate::cli::lazy::Lazy;
use crate::cli::registry::RegistryFlags;
use crate::engine::manifest::ManifestAddOptions;
use crate::engine::manifest_push::ManifestPushOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::list::{go_pretty, parse_annotations, EntryEdit};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ManifestCommand {
    Add(Lazy<AddArgs>),
    Annotate(Lazy<AnnotateArgs>),
    Create(Lazy<CreateArgs>),
    Exists(Lazy<ExistsArgs>),
    Inspect(Lazy<InspectArgs>),
    Push(Lazy<PushArgs>),
    Remove(Lazy<RemoveArgs>),
    Rm(Lazy<RmArgs>),
}

pub fn dispatch(eng: &Engine, c: ManifestCommand) -> Result<i32> {
    match c {
        ManifestCommand::Add(Lazy(a)) => add(eng, a),
        ManifestCommand::Annotate(Lazy(a)) => annotate(eng, a),
        ManifestCommand::Create(Lazy(a)) => create(eng, a),
        ManifestCommand::Exists(Lazy(a)) => exists(eng, a),
        ManifestCommand::Inspect(Lazy(a)) => inspect(eng, a),
        ManifestCommand::Push(Lazy(a)) => push(eng, a),
        ManifestCommand::Remove(Lazy(a)) => remove(eng, a),
        ManifestCommand::Rm(Lazy(a)) => rm(eng, a),
    }
}

/// `--insecure` (hidden, as in Podman): the opposite of --tls-verify, not to be given with it.
fn tls(flags: &mut RegistryFlags, insecure: Option<bool>) -> Result<()> {
    if let Some(i) = insecure {
        if flags.tls_verify.is_some() {
            return Err(exit_error(125, "--insecure may not be used with --tls-verify"));
        }
        flags.tls_verify = Some(!i);
    }
    Ok(())
}

/// Podman's check of `--authfile` before anything else: the file must exist.
fn check_authfile(flags: &RegistryFlags) -> Result<()> {
    match &flags.authfile {
        Some(p) if !p.exists() => Err(exit_error(125, format!("checking authfile: stat {}: no such file or directory", p.display()))),
        _ => Ok(()),
    }
}

/// The platform and annotation edits `add` and `annotate` share.
#[derive(Args, Debug, Clone, Default)]
pub struct EditFlags {
    /// Set an annotation (KEY=VALUE) for the specified image
    #[arg(long, value_name = "ANNOTATION", value_delimiter = ',')]
    pub annotation: Vec<String>,
    /// Override the architecture of the specified image
    #[arg(long, value_name = "ARCHITECTURE")]
    pub arch: Option<String>,
    /// Override the features of the specified image
    #[arg(long, value_name = "FEATURES", value_delimiter = ',')]
    pub features: Vec<String>,
    /// Override the OS of the specified image
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Override the OS version of the specified image
    #[arg(long = "os-version", value_name = "VERSION")]
    pub os_version: Option<String>,
    /// Override the variant of the specified image
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

impl EditFlags {
    fn edit(&self, os_features: &[String]) -> Result<EntryEdit> {
        let some = |v: &[String]| (!v.is_empty()).then(|| v.to_vec());
        Ok(EntryEdit {
            annotations: parse_annotations(&self.annotation).map_err(|e| exit_error(125, e))?,
            arch: self.arch.clone(),
            os: self.os.clone(),
            os_version: self.os_version.clone(),
            os_features: some(os_features),
            variant: self.variant.clone(),
            features: some(&self.features),
        })
    }
}

/// Create manifest list or image index
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest create [options] LIST [IMAGE...]",
    after_help = "Examples:\n  hutch manifest create mylist:v1.11\n  hutch manifest create mylist:v1.11 arch-specific-image-to-add\n  hutch manifest create --all mylist:v1.11 transport:tagged-image-to-add"
)]
pub struct CreateArgs {
    /// Add all of the lists' images if the images to add are lists
    #[arg(long)]
    pub all: bool,
    /// Modify an existing list if one with the desired name already exists
    #[arg(short = 'a', long)]
    pub amend: bool,
    /// Require HTTPS and verify certificates when accessing the registry
    #[arg(long = "tls-verify", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    #[arg(long, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub insecure: Option<bool>,
    #[arg(value_name = "LIST")]
    pub list: String,
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

pub fn create(eng: &Engine, a: CreateArgs) -> Result<i32> {
    let mut registry = RegistryFlags { tls_verify: a.tls_verify, ..Default::default() };
    tls(&mut registry, a.insecure)?;
    let o = ManifestAddOptions { all: a.all, registry: registry.options(), edit: EntryEdit::default() };
    println!("{}", eng.manifest_create(&a.list, &a.images, a.amend, &o)?);
    Ok(0)
}

/// Add images to a manifest list or image index
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest add [options] LIST IMAGE [IMAGE...]",
    after_help = "Examples:\n  hutch manifest add mylist:v1.11 image:v1.11-amd64\n  hutch manifest add mylist:v1.11 transport:imageName"
)]
pub struct AddArgs {
    /// Add all of the list's images if the image is a list
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub edit: EditFlags,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[arg(long, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub insecure: Option<bool>,
    #[arg(value_name = "LIST")]
    pub list: String,
    #[arg(value_name = "IMAGE", required = true)]
    pub images: Vec<String>,
}

pub fn add(eng: &Engine, mut a: AddArgs) -> Result<i32> {
    check_authfile(&a.registry)?;
    tls(&mut a.registry, a.insecure)?;
    if let Some(c) = &a.registry.creds {
        crate::engine::pull::parse_creds(c)?;
    }
    let o = ManifestAddOptions { all: a.all, registry: a.registry.options(), edit: a.edit.edit(&[])? };
    println!("{}", eng.manifest_add(&a.list, &a.images, &o)?);
    Ok(0)
}

/// Add or update information about an entry in a manifest list or image index
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest annotate [options] LIST IMAGE",
    after_help = "Examples:\n  hutch manifest annotate --annotation left=right mylist:v1.11 sha256:15352d97781ffdf357bf3459c037be3efac4133dc9070c2dce7eca7c05c3e736"
)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub edit: EditFlags,
    /// Override the OS features of the specified image
    #[arg(long = "os-features", value_name = "FEATURES", value_delimiter = ',')]
    pub os_features: Vec<String>,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// The digest of the entry's manifest
    #[arg(value_name = "IMAGE")]
    pub digest: String,
}

pub fn annotate(eng: &Engine, a: AnnotateArgs) -> Result<i32> {
    println!("{}", eng.manifest_annotate(&a.list, &a.digest, &a.edit.edit(&a.os_features)?)?);
    Ok(0)
}

/// Check if a manifest list exists in local storage
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest exists MANIFEST",
    long_about = "If the manifest list exists in local storage, hutch manifest exists exits with 0, otherwise the exit code will be 1.",
    after_help = "Examples:\n  hutch manifest exists mylist"
)]
pub struct ExistsArgs {
    #[arg(value_name = "MANIFEST")]
    pub name: String,
}

pub fn exists(eng: &Engine, a: ExistsArgs) -> Result<i32> {
    Ok(if eng.manifest_exists(&a.name)? { 0 } else { 1 })
}

/// Display the contents of a manifest list or image index
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest inspect [options] IMAGE",
    long_about = "Display the contents of a manifest list or image index: a local list, else the list (or image manifest) a registry has under the name.",
    after_help = "Examples:\n  hutch manifest inspect localhost/list"
)]
pub struct InspectArgs {
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[arg(value_name = "IMAGE")]
    pub name: String,
}

pub fn inspect(eng: &Engine, a: InspectArgs) -> Result<i32> {
    check_authfile(&a.registry)?;
    let name = a.name.strip_prefix("docker://").unwrap_or(&a.name);
    println!("{}", go_pretty(&eng.manifest_inspect(name, &a.registry.options())?));
    Ok(0)
}

/// Push a manifest list or image index to a registry
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest push [options] LIST [DESTINATION]",
    long_about = "Pushes manifest lists and image indexes to registries: the images the list names (unless --all=false), then the list itself.",
    after_help = "Examples:\n  hutch manifest push mylist:v1.11 docker://quay.io/myuser/image:v1.11"
)]
pub struct PushArgs {
    /// Also push the images in the list
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub all: Option<bool>,
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[arg(long, hide = true, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub insecure: Option<bool>,
    /// Compression format of the layers: gzip (the layers are pushed as stored)
    #[arg(long = "compression-format", value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// After copying the image, write the digest of the resulting manifest list to the file
    #[arg(long, value_name = "FILE")]
    pub digestfile: Option<PathBuf>,
    /// Manifest type (oci or v2s2) to use when pushing the list (default is oci)
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Don't output progress information when pushing lists
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Don't copy the signatures local images carry (build --sign-by) when pushing them
    #[arg(long = "remove-signatures")]
    pub remove_signatures: bool,
    /// Remove the manifest list if push succeeds
    #[arg(long)]
    pub rm: bool,
    /// Sign the list with the GPG key of this fingerprint (simple signing; stored where registries.d says)
    #[arg(long = "sign-by", value_name = "FINGERPRINT")]
    pub sign_by: Option<String>,
    /// Sign the list and its images with the sigstore private key at PATH (attachments in the registry, where registries.d has use-sigstore-attachments)
    #[arg(long = "sign-by-sigstore-private-key", value_name = "PATH")]
    pub sign_by_sigstore_private_key: Option<String>,
    /// Read the passphrase of the signing key from PATH
    #[arg(long = "sign-passphrase-file", value_name = "PATH")]
    pub sign_passphrase_file: Option<String>,
    #[arg(value_name = "LIST")]
    pub list: String,
    /// Where to push (docker://REGISTRY/NAME[:TAG]); the list's own name by default
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

pub fn push(eng: &Engine, mut a: PushArgs) -> Result<i32> {
    check_authfile(&a.registry)?;
    tls(&mut a.registry, a.insecure)?;
    match a.compression_format.as_deref() {
        None | Some("gzip") => {}
        Some(f @ ("zstd" | "zstd:chunked")) => return Err(exit_error(125, format!("--compression-format {f}: hutch pushes layers as they are stored (gzip); recompressing to zstd is not supported"))),
        Some(f) => return Err(exit_error(125, format!("unknown compression format {f:?}: use gzip"))),
    }
    if let Some(c) = &a.registry.creds {
        crate::engine::pull::parse_creds(c)?;
    }
    let destination = match a.destination.as_deref() {
        Some("") => return Err(exit_error(125, "invalid destination \"\"")),
        Some(d) if crate::plan::transport::has_transport(d) => match crate::plan::transport::parse(d).map_err(|e| exit_error(125, e))? {
            crate::plan::transport::Transport::Docker(r) => Some(r),
            _ => return Err(exit_error(125, format!("{d}: hutch pushes manifest lists to registries only (docker://REGISTRY/NAME[:TAG])"))),
        },
        d => d.map(String::from),
    };
    let sign = crate::cli::registry::sign_options(a.sign_by, a.sign_by_sigstore_private_key, a.sign_passphrase_file)?;
    let o = ManifestPushOptions {
        list: a.list,
        destination,
        all: a.all.unwrap_or(true),
        format: a.format,
        require_gzip: a.compression_format.is_some(),
        registry: a.registry.options(),
        progress: std::sync::Arc::from(crate::cli::progress::sink(a.quiet)),
        remove: a.rm,
        sign,
        remove_signatures: a.remove_signatures,
    };
    let digest = eng.manifest_push(&o)?;
    if let Some(f) = a.digestfile {
        std::fs::write(&f, &digest).with_context(|| format!("writing {}", f.display()))?;
    }
    Ok(0)
}

/// Remove an entry from a manifest list or image index
#[derive(Args, Debug)]
#[command(
    override_usage = "hutch manifest remove LIST IMAGE",
    after_help = "Examples:\n  hutch manifest remove mylist:v1.11 sha256:15352d97781ffdf357bf3459c037be3efac4133dc9070c2dce7eca7c05c3e736"
)]
pub struct RemoveArgs {
    #[arg(value_name = "LIST")]
    pub list: String,
    /// The digest of the entry's manifest
    #[arg(value_name = "IMAGE")]
    pub digest: String,
}

pub fn remove(eng: &Engine, a: RemoveArgs) -> Result<i32> {
    println!("{}", eng.manifest_remove(&a.list, &a.digest)?);
    Ok(0)
}

/// Remove manifest list or image index from local storage
#[derive(Args, Debug)]
#[command(override_usage = "hutch manifest rm LIST [LIST...]", after_help = "Examples:\n  hutch manifest rm mylist:v1.11")]
pub struct RmArgs {
    #[arg(value_name = "LIST", required = true)]
    pub lists: Vec<String>,
}

pub fn rm(eng: &Engine, a: RmArgs) -> Result<i32> {
    let report = eng.manifest_rm(&a.lists)?;
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
