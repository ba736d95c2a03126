//! `push`, `login`, `logout` and `tag`.

use crate::config::auth::{self, Credentials};
use crate::config::registries::Registries;
use crate::engine::pull::RegistryOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::manifest::{self, Parsed};
use crate::image::reference::Reference;
use crate::image::registry::{Client, Endpoint, MT_OCI_MANIFEST};
use crate::image::store::{ImageIndex, LookupError};
use crate::state::lock;
use anyhow::{bail, Context, Result};

pub struct PushOptions {
    pub image: String,
    pub destination: Option<String>,
    pub registry: RegistryOptions,
    pub progress: std::sync::Arc<dyn crate::engine::progress::ProgressSink>,
}

impl Engine {
    pub fn push(&self, o: &PushOptions) -> Result<String> {
        let index = ImageIndex::load(&self.paths)?;
        let img = match index.lookup(&o.image) {
            Ok(i) => i.clone(),
            Err(LookupError::NotFound) => return Err(exit_error(125, format!("{}: image not known", o.image))),
            Err(LookupError::Ambiguous(n)) => bail!("{} is ambiguous: it names {}", o.image, n.join(", ")),
        };
        let dest_text = match &o.destination {
            Some(d) => d.clone(),
            // The image's own name that the user's words match, else the words themselves.
            None => {
                let want = Reference::parse(&o.image).ok();
                img.names.iter()
                    .find(|n| match (&want, Reference::parse(n)) {
                        (Some(w), Ok(stored)) => w.matches_stored(&stored),
                        _ => false,
                    })
                    .cloned()
                    .unwrap_or_else(|| o.image.clone())
            }
        };
        let dest = Reference::parse(&dest_text).map_err(|e| exit_error(125, e.to_string()))?;
        let Some(domain) = dest.domain.clone() else {
            return Err(exit_error(125, format!("cannot push to `{dest_text}`: name a registry, e.g. localhost:5000/{dest_text}")));
        };
        if domain == "localhost" {
            return Err(exit_error(125, format!("cannot push to `{dest_text}`: localhost/ names images that exist only here; tag it for a registry first (`hutch tag {} HOST:PORT/{}`)", o.image, dest.path)));
        }
        let dest = dest.normalized();
        let regs = Registries::load()?;
        if regs.is_blocked(&dest.repository()) {
            bail!("{}: the registry is blocked in registries.conf", dest.repository());
        }
        let mf_digest = img.manifest.clone().or(img.digest.clone()).context("the image has no manifest in the store; pull or import it again")?;
        let mf_bytes = std::fs::read(self.paths.blob(mf_digest.trim_start_matches("sha256:")))
            .with_context(|| format!("reading manifest {mf_digest} from the store"))?;
        let media = serde_json::from_slice::<serde_json::Value>(&mf_bytes).ok()
            .and_then(|v| v["mediaType"].as_str().map(String::from)).unwrap_or_else(|| MT_OCI_MANIFEST.into());
        let Parsed::Manifest(mf) = manifest::parse(&media, &mf_bytes)? else { bail!("the stored manifest is an index") };

        let rewritten = regs.rewrite(&dest.repository());
        let (dom, path) = rewritten.split_once('/').context("destination without a registry")?;
        let client = self.registry_client(&regs, dom, path, true, &o.registry)?;
        let sink = &o.progress;
        sink.message("Getting image source signatures");
        for d in mf.layers.iter().chain([&mf.config]) {
            let path = self.paths.blob(d.digest.trim_start_matches("sha256:"));
            if !path.exists() {
                bail!("blob {} of the image is missing from the store; pull the image again", d.digest);
            }
            if client.blob_exists(&d.digest)? {
                sink.blob_done(&d.digest, "skipped: already exists");
                continue;
            }
            client.put_blob(&d.digest, &path)?;
            sink.blob_done(&d.digest, "done");
        }
        sink.message("Writing manifest to image destination");
        let tag = dest.digest.clone().or(dest.tag.clone()).unwrap_or_else(|| "latest".into());
        client.put_manifest(&tag, &media, &mf_bytes)?;
        self.image_event("push", &img.id, &dest_text);
        Ok(mf_digest)
    }

    /// Checks credentials against the registry and stores them in auth.json.
    pub fn login(&self, registry: &str, creds: &Credentials, o: &RegistryOptions) -> Result<std::path::PathBuf> {
        let key = registry.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
        let domain = key.split('/').next().unwrap_or(key);
        let regs = Registries::load()?;
        let insecure = o.tls_verify == Some(false) || regs.is_insecure(domain);
        let client = Client::new(Endpoint::new(domain, insecure), "hutch-login-check", false, Some(creds.clone()))?;
        client.check_login()?;
        let file = o.authfile.clone().or_else(auth::default_auth_file).context("no place to keep credentials: set REGISTRY_AUTH_FILE or use --authfile")?;
        auth::store(&file, key, creds)?;
        Ok(file)
    }

    pub fn logout(&self, registry: Option<&str>, authfile: Option<&std::path::Path>) -> Result<bool> {
        let file = authfile.map(std::path::Path::to_path_buf).or_else(auth::default_auth_file).context("no auth file")?;
        let key = registry.map(|r| r.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_string());
        auth::remove(&file, key.as_deref())
    }

    /// Adds names to an image (`localhost/` for names without a registry, as Podman does).
    pub fn tag(&self, image: &str, targets: &[String]) -> Result<()> {
        let mut names = Vec::new();
        for t in targets {
            let r = Reference::parse(t).map_err(|e| exit_error(125, e.to_string()))?;
            if r.digest.is_some() {
                return Err(exit_error(125, format!("{t}: a tag cannot hold a digest")));
            }
            names.push(r.qualified_with("localhost").to_string());
        }
        let _guard = lock::exclusive(&self.paths.store_lock())?;
        let mut index = ImageIndex::load(&self.paths)?;
        let img = match index.lookup(image) {
            Ok(i) => i.clone(),
            Err(LookupError::NotFound) => return Err(exit_error(125, format!("{image}: image not known"))),
            Err(LookupError::Ambiguous(n)) => bail!("{image} is ambiguous: it names {}", n.join(", ")),
        };
        let mut rec = img;
        let new: Vec<String> = names.iter().filter(|n| !rec.names.contains(n)).cloned().collect();
        rec.names = names;
        let id = rec.id.clone();
        index.add(rec);
        index.save(&self.paths)?;
        for n in new {
            self.image_event("tag", &id, &n);
        }
        Ok(())
    }
}
