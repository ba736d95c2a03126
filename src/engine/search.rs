//! `search`: repositories in registries, as Podman finds them. The first part of the term up
//! to a `/` names the registry (else every unqualified-search registry of registries.conf);
//! a registry with Docker Hub's v1 search answers with descriptions and stars, any other
//! with the names in its v2 catalog that contain the term. `--list-tags`: a repository's tags.

use crate::config::registries::Registries;
use crate::engine::pull::RegistryOptions;
use crate::engine::Engine;
use crate::error::exit_error;
use crate::image::reference::Reference;
use anyhow::Result;

#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub term: String,
    pub limit: usize,
    pub list_tags: bool,
    pub registry: RegistryOptions,
}

/// One result, in Podman's fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchHit {
    pub index: String,
    pub name: String,
    pub description: String,
    pub stars: u64,
    pub official: bool,
    pub automated: bool,
    /// With `--list-tags`.
    pub tag: String,
}

/// The registry the term names and the term within it (Podman's split: everything before
/// the first `/` is the registry; the term may hold wildcards, so it is no reference).
pub fn split_term(term: &str) -> (Option<&str>, &str) {
    match term.split_once('/') {
        Some((reg, rest)) => (Some(reg), rest),
        None => (None, term),
    }
}

impl Engine {
    pub fn search(&self, o: &SearchOptions) -> Result<Vec<SearchHit>> {
        let regs = Registries::load()?;
        if o.list_tags {
            return self.search_tags(o, &regs);
        }
        let (given, term) = split_term(&o.term);
        let registries: Vec<String> = match given {
            Some(r) => vec![r.to_string()],
            None if regs.search.is_empty() => {
                return Err(exit_error(125, "no registries to search: name one (REGISTRY/TERM) or add unqualified-search-registries to registries.conf"));
            }
            None => regs.search.clone(),
        };
        let mut hits = Vec::new();
        let mut errors = Vec::new();
        for reg in &registries {
            match self.search_one(reg, term, o, &regs) {
                Ok(h) => hits.extend(h),
                Err(e) => errors.push(format!("couldn't search registry \"{reg}\": {e:#}")),
            }
        }
        // Podman fails only when every registry did; the others' errors it logs.
        if hits.is_empty() && !errors.is_empty() && errors.len() == registries.len() {
            return Err(exit_error(125, errors.join("\n")));
        }
        for e in &errors {
            self.warn(e);
        }
        Ok(hits)
    }

    fn search_one(&self, reg: &str, term: &str, o: &SearchOptions, regs: &Registries) -> Result<Vec<SearchHit>> {
        // Docker Hub's v2 catalog is closed: its v1 search host answers.
        let host = if reg == "docker.io" { "index.docker.io" } else { reg };
        let client = self.registry_client(regs, host, "", false, &o.registry)?;
        if !term.is_empty() {
            if let Some(results) = client.v1_search(term, o.limit)? {
                return Ok(results.iter().take(o.limit).map(|r| {
                    let name = r["name"].as_str().unwrap_or_default();
                    let name = if reg == "docker.io" && !name.contains('/') { format!("{reg}/library/{name}") } else { format!("{reg}/{name}") };
                    SearchHit {
                        index: reg.to_string(),
                        name,
                        description: r["description"].as_str().unwrap_or_default().to_string(),
                        stars: r["star_count"].as_u64().unwrap_or(0),
                        official: r["is_official"].as_bool().unwrap_or(false),
                        automated: r["is_automated"].as_bool().unwrap_or(false),
                        tag: String::new(),
                    }
                }).collect());
            }
        }
        Ok(client.catalog(term, o.limit)?.into_iter().map(|r| SearchHit { index: reg.to_string(), name: format!("{reg}/{r}"), ..Default::default() }).collect())
    }

    fn search_tags(&self, o: &SearchOptions, regs: &Registries) -> Result<Vec<SearchHit>> {
        let r = Reference::parse(&o.term).map_err(|e| exit_error(125, format!("reference {:?}: {e}", o.term)))?;
        if r.tag.is_some() || r.digest.is_some() {
            return Err(exit_error(125, format!("the specified image name {:?} is invalid: tags and digests are not allowed with --list-tags", o.term)));
        }
        let Some(domain) = r.domain.clone() else {
            return Err(exit_error(125, format!("{:?} is not a fully qualified image name: --list-tags needs one (REGISTRY/NAME)", o.term)));
        };
        let path = r.path.clone();
        let client = self.registry_client(regs, &domain, &path, false, &o.registry)?;
        let name = format!("{domain}/{path}");
        Ok(client.list_tags()?.into_iter().take(o.limit).map(|t| SearchHit { index: domain.clone(), name: name.clone(), tag: t, ..Default::default() }).collect())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_registry_is_what_comes_before_the_first_slash() {
        assert_eq!(super::split_term("localhost:5000/app"), (Some("localhost:5000"), "app"));
        assert_eq!(super::split_term("quay.io/"), (Some("quay.io"), ""));
        assert_eq!(super::split_term("alpine"), (None, "alpine"));
        assert_eq!(super::split_term("docker.io/library/alpine"), (Some("docker.io"), "library/alpine"));
    }
}
