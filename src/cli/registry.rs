//! Registry verbs: pull, push, login, logout (and tag).

use crate::config::auth::Credentials;
use crate::engine::pull::{PullOptions, RegistryOptions};
use crate::engine::push::PushOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::Platform;
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

/// Flags every registry verb shares, with Podman's names.
#[derive(Args, Debug, Clone, Default)]
pub struct RegistryFlags {
    /// Require HTTPS and verify certificates when contacting registries (--tls-verify=false allows plain HTTP)
    #[arg(long = "tls-verify", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Use `[username[:password]]` for accessing the registry
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry
    #[arg(long = "cert-dir", value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
}

impl RegistryFlags {
    pub fn options(&self) -> RegistryOptions {
        RegistryOptions { tls_verify: self.tls_verify, authfile: self.authfile.clone(), creds: self.creds.clone(), cert_dir: self.cert_dir.clone() }
    }
}

/// Platform flags for choosing from a manifest list.
#[derive(Args, Debug, Clone, Default)]
pub struct PlatformFlags {
    /// Specify the platform for selecting the image (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]", action = clap::ArgAction::Append)]
    pub platform: Vec<String>,
    /// Use ARCH instead of the architecture of the machine for choosing images
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Use VARIANT instead of the running architecture variant for choosing images
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

impl PlatformFlags {
    pub fn platform(&self) -> Result<Option<Platform>> {
        let mut p = crate::image::manifest::host_platform();
        let mut set = false;
        // The last one given (build takes them all: `platforms`).
        if let Some(s) = self.platform.last() {
            let parts: Vec<&str> = s.split('/').collect();
            if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|x| x.is_empty()) {
                return Err(exit_error(125, format!("invalid --platform `{s}`: use OS/ARCH[/VARIANT], e.g. linux/arm64/v8")));
            }
            p = Platform { os: parts[0].into(), architecture: parts[1].into(), variant: parts.get(2).map(|v| v.to_string()) };
            set = true;
        }
        if let Some(a) = &self.arch {
            p.architecture = a.clone();
            p.variant = None;
            set = true;
        }
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone());
            set = true;
        }
        Ok(set.then_some(p))
    }

    /// For `build`: the platforms to build for, `--platform` being repeated or a
    /// comma-separated list (which overrides `--arch` and `--variant`), else those, else this
    /// host's (None).
    pub fn platforms(&self) -> Result<Vec<Option<Platform>>> {
        if self.platform.is_empty() {
            return Ok(vec![self.platform()?]);
        }
        let mut out = Vec::new();
        for one in self.platform.iter().flat_map(|l| l.split(',')).map(str::trim).filter(|p| !p.is_empty()) {
            let p = crate::image::manifest::parse_platform(one).map_err(|e| exit_error(125, format!("invalid --platform {one:?}: {e}")))?;
            if !out.contains(&Some(p.clone())) {
                out.push(Some(p));
            }
        }
        if out.is_empty() {
            return Err(exit_error(125, "--platform: name at least one OS/ARCH"));
        }
        Ok(out)
    }
}

/// Pull an image from a registry
#[derive(Args, Debug)]
#[command(override_usage = "hutch pull [options] IMAGE", after_help = "Examples:\n  hutch pull alpine\n  hutch pull --tls-verify=false localhost:5000/demo:1.0")]
pub struct PullArgs {
    #[command(flatten)]
    pub registry: RegistryFlags,
    #[command(flatten)]
    pub platform: PlatformFlags,
    /// Suppress output information when pulling images
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Pull all tagged images in the repository
    #[arg(short = 'a', long = "all-tags")]
    pub all_tags: bool,
    /// Use OS instead of the running OS for choosing images (linux: this host runs no other)
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long = "disable-content-trust", num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub disable_content_trust: Option<bool>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn pull(eng: &Engine, a: PullArgs) -> Result<i32> {
    if let Some(os) = a.os.as_deref().filter(|os| *os != "linux") {
        return Err(exit_error(125, format!("--os {os}: this host runs linux images only")));
    }
    let progress = Some(std::sync::Arc::from(crate::cli::progress::sink(a.quiet)));
    let reference = default_transport(&a.image);
    let opts = PullOptions { reference, registry: a.registry.options(), platform: a.platform.platform()?, quiet: a.quiet, progress };
    if crate::plan::transport::has_transport(&opts.reference) {
        let t = crate::plan::transport::parse(&opts.reference).map_err(|e| exit_error(125, e))?;
        match t {
            crate::plan::transport::Transport::Docker(r) if !a.all_tags => {
                let report = eng.pull(&PullOptions { reference: r, ..opts })?;
                println!("{}", report.id);
            }
            crate::plan::transport::Transport::Docker(r) => {
                for report in eng.pull_all_tags(&PullOptions { reference: r, ..opts })? {
                    println!("{}", report.id);
                }
            }
            _ if a.all_tags => return Err(exit_error(125, "--all-tags works with registries only")),
            t => {
                for id in eng.pull_transport(&t, &opts)? {
                    println!("{id}");
                }
            }
        }
        return Ok(0);
    }
    if a.all_tags {
        for report in eng.pull_all_tags(&opts)? {
            println!("{}", report.id);
        }
        return Ok(0);
    }
    let report = eng.pull(&opts)?;
    println!("{}", report.id);
    Ok(0)
}

/// Push an image to a specified destination
#[derive(Args, Debug)]
#[command(override_usage = "hutch push [options] IMAGE [DESTINATION]")]
pub struct PushArgs {
    #[command(flatten)]
    pub registry: RegistryFlags,
    /// Suppress output information when pushing images
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// File to write the digest of the pushed image to
    #[arg(long = "digestfile", value_name = "FILE")]
    pub digestfile: Option<PathBuf>,
    /// Manifest type to push: oci or v2s2 (the image's own by default)
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Compress tarball image layers when pushing to a directory using the 'dir' transport (no effect on registries)
    #[arg(long)]
    pub compress: bool,
    /// Compression format of the layers: gzip (the layers are pushed as stored)
    #[arg(long = "compression-format", value_name = "FORMAT")]
    pub compression_format: Option<String>,
    /// Discard the signatures the image carries (build --sign-by) instead of pushing them with it
    #[arg(long = "remove-signatures")]
    pub remove_signatures: bool,
    /// Sign the image with the GPG key of this fingerprint (simple signing; stored where registries.d says)
    #[arg(long = "sign-by", value_name = "KEY")]
    pub sign_by: Option<String>,
    /// Sign the image with the sigstore private key at PATH (an attachment in the registry, where registries.d has use-sigstore-attachments)
    #[arg(long = "sign-by-sigstore-private-key", value_name = "PATH")]
    pub sign_by_sigstore_private_key: Option<String>,
    /// Read the passphrase of the signing key from this file
    #[arg(long = "sign-passphrase-file", value_name = "PATH")]
    pub sign_passphrase_file: Option<String>,
    /// This is a Docker specific option and is a NOOP
    #[arg(long = "disable-content-trust", num_args = 0..=1, default_missing_value = "true", require_equals = true, value_name = "BOOL")]
    pub disable_content_trust: Option<bool>,
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[arg(value_name = "DESTINATION")]
    pub destination: Option<String>,
}

pub fn push(eng: &Engine, a: PushArgs) -> Result<i32> {
    match a.compression_format.as_deref() {
        None | Some("gzip") => {}
        Some(f @ ("zstd" | "zstd:chunked")) => return Err(exit_error(125, format!("--compression-format {f}: hutch pushes layers as they are stored (gzip); recompressing to zstd is not supported"))),
        Some(f) => return Err(exit_error(125, format!("unknown compression format {f:?}: use gzip"))),
    }
    use crate::plan::transport::{has_transport, parse, Transport};
    let destination_given = a.destination.as_deref().map(default_transport);
    let dest_name = destination_given.clone().unwrap_or_else(|| a.image.clone());
    let mut destination = destination_given;
    if has_transport(&dest_name) {
        match parse(&dest_name).map_err(|e| exit_error(125, e))? {
            Transport::Docker(r) => destination = Some(r),
            t => {
                if a.sign_by.is_some() || a.sign_by_sigstore_private_key.is_some() {
                    return Err(exit_error(125, format!("signing: {dest_name}: hutch signs images pushed to a registry only (their signatures go to its lookaside storage or the registry)")));
                }
                if a.format.as_deref().is_some_and(|f| !matches!(f, "oci" | "v2s2")) {
                    return Err(exit_error(125, format!("unknown format {:?}: use oci or v2s2", a.format.unwrap_or_default())));
                }
                let dir = crate::engine::transport::DirOptions { docker: a.format.as_deref() == Some("v2s2"), compress: a.compress };
                eng.push_transport(&a.image, &t, dir)?;
                return Ok(0);
            }
        }
    }
    let sign = sign_options(a.sign_by, a.sign_by_sigstore_private_key, a.sign_passphrase_file)?;
    let progress = std::sync::Arc::from(crate::cli::progress::sink(a.quiet));
    let digest = eng.push(&PushOptions {
        image: a.image,
        destination,
        registry: a.registry.options(),
        progress,
        format: a.format,
        require_gzip: a.compression_format.is_some(),
        sign,
        remove_signatures: a.remove_signatures,
    })?;
    if let Some(f) = a.digestfile {
        std::fs::write(&f, &digest).with_context(|| format!("writing {}", f.display()))?;
    }
    Ok(0)
}

/// containers.conf's `image_default_transport` before a name without a transport.
fn default_transport(name: &str) -> String {
    crate::config::containers::ContainersConf::load().map(|c| c.with_default_transport(name)).unwrap_or_else(|_| name.to_string())
}

/// Log in to a container registry
#[derive(Args, Debug)]
#[command(override_usage = "hutch login [options] REGISTRY")]
pub struct LoginArgs {
    /// Username for registry
    #[arg(short = 'u', long, value_name = "USERNAME")]
    pub username: Option<String>,
    /// Password for registry
    #[arg(short = 'p', long, value_name = "PASSWORD")]
    pub password: Option<String>,
    /// Take the password from stdin
    #[arg(long = "password-stdin")]
    pub password_stdin: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long = "tls-verify", value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Use certificates at this path (*.crt CAs, *.cert/*.key client pairs) to connect to the registry
    #[arg(long = "cert-dir", value_name = "PATH")]
    pub cert_dir: Option<PathBuf>,
    /// Print the user name logged in to the registry, from the auth file
    #[arg(long = "get-login")]
    pub get_login: bool,
    /// Print the auth file's path as it is written
    #[arg(short = 'v', long)]
    pub verbose: bool,
    #[arg(value_name = "REGISTRY")]
    pub registry: String,
}

/// A push's signing options: `--sign-by`, `--sign-by-sigstore-private-key` and the
/// passphrase of one of them, from `--sign-passphrase-file` (its first line, as gpg reads it),
/// else, for a sigstore key, asked for on the terminal as Podman asks (an empty one where
/// there is no terminal: nothing waits for input).
pub(crate) fn sign_options(sign_by: Option<String>, sigstore_key: Option<String>, passphrase_file: Option<String>) -> Result<crate::engine::sign::SignOptions> {
    if passphrase_file.is_some() && sign_by.is_some() && sigstore_key.is_some() {
        return Err(exit_error(125, "only one of --sign-by and sign-by-sigstore-private-key can be used with --sign-passphrase-file"));
    }
    if passphrase_file.is_some() && sign_by.is_none() && sigstore_key.is_none() {
        return Err(exit_error(125, "--sign-passphrase-file is for the key of --sign-by or --sign-by-sigstore-private-key: name the key too"));
    }
    let mut o = crate::engine::sign::SignOptions { gpg_key: sign_by, ..Default::default() };
    if let Some(key) = sigstore_key {
        o.sigstore_passphrase = match &passphrase_file {
            Some(f) => {
                let text = std::fs::read(f).map_err(|e| exit_error(125, format!("--sign-passphrase-file {f}: {e}")))?;
                text.split(|&b| b == b'\n').next().unwrap_or_default().to_vec()
            }
            None if std::io::IsTerminal::is_terminal(&std::io::stdin()) => read_password_from_terminal("Key Passphrase: ")?.into_bytes(),
            None => Vec::new(),
        };
        o.sigstore_key = Some(PathBuf::from(key));
    } else {
        o.gpg_passphrase_file = passphrase_file.map(PathBuf::from);
    }
    Ok(o)
}

fn read_password_from_terminal(prompt: &str) -> Result<String> {
    use std::io::BufRead;
    eprint!("{prompt}");
    // SAFETY: toggles echo on the terminal and restores it.
    let saved = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(0, &mut t) < 0 {
            None
        } else {
            let mut quiet = t;
            quiet.c_lflag &= !libc::ECHO;
            libc::tcsetattr(0, libc::TCSANOW, &quiet);
            Some(t)
        }
    };
    let mut line = String::new();
    let r = std::io::stdin().lock().read_line(&mut line);
    if let Some(t) = saved {
        // SAFETY: restores the saved attributes.
        unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
    }
    eprintln!();
    r.context("reading the password")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

pub fn login(eng: &Engine, a: LoginArgs) -> Result<i32> {
    let key = a.registry.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    if a.get_login {
        return match crate::config::auth::lookup(a.authfile.as_deref(), key)? {
            Some(c) => {
                println!("{}", c.username);
                Ok(0)
            }
            None => Err(exit_error(125, format!("not logged into {key}"))),
        };
    }
    let username = a.username.clone().ok_or_else(|| exit_error(125, "a username is required: use -u USERNAME"))?;
    let password = if a.password_stdin {
        if a.password.is_some() {
            return Err(exit_error(125, "--password and --password-stdin cannot be used together"));
        }
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).context("reading the password from stdin")?;
        s.trim_end_matches(['\n', '\r']).to_string()
    } else if let Some(p) = a.password.clone() {
        p
    } else if unsafe { libc::isatty(0) } == 1 {
        read_password_from_terminal("Password: ")?
    } else {
        return Err(exit_error(125, "a password is required: use -p PASSWORD or --password-stdin (no terminal to ask on)"));
    };
    let creds = Credentials { username, password };
    let opts = RegistryOptions { tls_verify: a.tls_verify, authfile: a.authfile.clone(), creds: None, cert_dir: a.cert_dir.clone() };
    let file = eng.login(&a.registry, &creds, &opts)?;
    if a.verbose {
        println!("Used: {}", file.display());
    }
    println!("Login Succeeded!");
    Ok(0)
}

/// Log out of a container registry
#[derive(Args, Debug)]
#[command(override_usage = "hutch logout [options] REGISTRY")]
pub struct LogoutArgs {
    /// Remove the cached credentials for all registries in the auth file
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    #[arg(value_name = "REGISTRY")]
    pub registry: Option<String>,
}

pub fn logout(eng: &Engine, a: LogoutArgs) -> Result<i32> {
    match (&a.registry, a.all) {
        (None, false) => return Err(exit_error(125, "name the registry to log out of, or use --all")),
        (Some(_), true) => return Err(exit_error(125, "--all takes no registry")),
        _ => {}
    }
    let removed = eng.logout(a.registry.as_deref(), a.authfile.as_deref())?;
    match (&a.registry, removed) {
        (Some(r), true) => println!("Removed login credentials for {r}"),
        (Some(r), false) => return Err(exit_error(125, format!("not logged into {r}"))),
        (None, _) => println!("Removed login credentials for all registries"),
    }
    Ok(0)
}

/// Add an additional name to a local image
#[derive(Args, Debug)]
#[command(override_usage = "hutch tag IMAGE TARGET_NAME [TARGET_NAME...]")]
pub struct TagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[arg(value_name = "TARGET_NAME", required = true)]
    pub targets: Vec<String>,
}

pub fn tag(eng: &Engine, a: TagArgs) -> Result<i32> {
    eng.tag(&a.image, &a.targets)?;
    Ok(0)
}
