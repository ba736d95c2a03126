//! `hutch events`: the event log read back, filtered as Podman filters (a key's values are
//! alternatives, different keys must all match), from `--since` to `--until`, and followed
//! as it grows (inotify: no polling) until `--until` or the reader goes away. And the
//! engine's side of writing it: one event per container and image verb.

use crate::engine::Engine;
use crate::error::exit_error;
use crate::state::containers::ContainerRecord;
use crate::state::events::{self, Event};
use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::io::BufRead;

#[derive(Debug, Clone, Default)]
pub struct EventsOptions {
    pub filters: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    /// Keep reading new events (`--stream`, the default).
    pub stream: bool,
}

type Filter = Box<dyn Fn(&Event) -> bool>;

fn filter(key: &str, value: &str) -> Result<Filter, String> {
    let v = value.to_string();
    let by_name_or_id = |typ: &'static str, v: String| -> Filter { Box::new(move |e: &Event| e.typ == typ && (e.name == v || e.id.starts_with(&v))) };
    Ok(match key.to_ascii_uppercase().as_str() {
        "CONTAINER" => by_name_or_id("container", v),
        "IMAGE" => by_name_or_id("image", v),
        "POD" => by_name_or_id("pod", v),
        "VOLUME" => Box::new(move |e: &Event| e.typ == "volume" && e.id.starts_with(&v)),
        "EVENT" | "STATUS" => Box::new(move |e: &Event| e.status == v),
        "TYPE" => Box::new(move |e: &Event| e.typ == v),
        "LABEL" => Box::new(move |e: &Event| match v.split_once('=') {
            Some((k, val)) => e.attributes.get(k).is_some_and(|x| x == val),
            None => false,
        }),
        _ => return Err(format!("{key} is an invalid filter")),
    })
}

/// Podman's filter map: key → alternatives.
fn filters(list: &[String]) -> Result<BTreeMap<String, Vec<Filter>>, String> {
    let mut map: BTreeMap<String, Vec<Filter>> = BTreeMap::new();
    for f in list {
        let (k, v) = f.split_once('=').ok_or_else(|| format!("{f} is an invalid filter"))?;
        map.entry(k.to_string()).or_default().push(filter(k, v)?);
    }
    Ok(map)
}

impl Engine {
    /// Events from the log, in order, to `sink` (false from it stops, as a closed stdout).
    pub fn events(&self, o: &EventsOptions, sink: &mut dyn FnMut(&Event) -> bool) -> Result<()> {
        let map = filters(&o.filters).map_err(|e| exit_error(125, e))?;
        let time = |s: &Option<String>, since: bool, what: &str| -> Result<Option<i128>> {
            s.as_deref()
                .map(|t| crate::util::time::parse_input_time(t, since).ok_or_else(|| exit_error(125, format!("unable to convert {what} time of {t}: use RFC 3339, a date, Unix seconds or a duration such as 10m"))))
                .transpose()
        };
        let since = time(&o.since, true, "since")?;
        let until = time(&o.until, false, "until")?;
        let wanted = |e: &Event| {
            since.is_none_or(|s| e.time > s) && until.is_none_or(|u| e.time < u) && map.values().all(|alts| alts.iter().any(|f| f(e)))
        };
        let path = events::log_path(&self.paths);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        // The watch goes on before the first read, so nothing written in between is missed.
        let watch = if o.stream {
            let ino = nix::sys::inotify::Inotify::init(nix::sys::inotify::InitFlags::IN_CLOEXEC).context("inotify_init")?;
            let dir = path.parent().unwrap_or(std::path::Path::new("."));
            ino.add_watch(dir, nix::sys::inotify::AddWatchFlags::IN_MODIFY | nix::sys::inotify::AddWatchFlags::IN_CREATE).context("watching the event log")?;
            Some(ino)
        } else {
            None
        };
        let mut file: Option<std::io::BufReader<std::fs::File>> = None;
        let mut pending = String::new();
        loop {
            if file.is_none() {
                file = std::fs::File::open(&path).ok().map(std::io::BufReader::new);
            }
            if let Some(f) = file.as_mut() {
                loop {
                    let mut line = String::new();
                    let n = f.read_line(&mut line).context("reading the event log")?;
                    if n == 0 {
                        break;
                    }
                    if !line.ends_with('\n') {
                        // Half a line being written: finish it next time round.
                        pending.push_str(&line);
                        break;
                    }
                    let whole = std::mem::take(&mut pending) + &line;
                    if let Some(e) = events::parse_line(whole.trim_end()) {
                        if wanted(&e) && !sink(&e) {
                            return Ok(());
                        }
                    }
                }
            }
            let Some(ino) = &watch else { return Ok(()) };
            let now = crate::util::time::now_nanos();
            if until.is_some_and(|u| now >= u) {
                return Ok(());
            }
            // Sleep until the log changes (or `until` comes).
            let timeout = until.map(|u| ((u - now) / 1_000_000).clamp(1, i32::MAX as i128) as i32).unwrap_or(-1);
            use std::os::fd::AsFd;
            let mut pfd = [nix::poll::PollFd::new(ino.as_fd(), nix::poll::PollFlags::POLLIN)];
            let t = if timeout < 0 { nix::poll::PollTimeout::NONE } else { nix::poll::PollTimeout::try_from(timeout).unwrap_or(nix::poll::PollTimeout::MAX) };
            match nix::poll::poll(&mut pfd, t) {
                Ok(n) if n > 0 => {
                    let _ = ino.read_events();
                }
                Ok(_) => {}
                Err(nix::errno::Errno::EINTR) => {}
                Err(e) => return Err(anyhow::anyhow!(e).context("waiting for events")),
            }
        }
    }

    /// Records a container event (its image and name, its labels as attributes).
    pub(crate) fn container_event(&self, status: &str, rec: &ContainerRecord, exit_code: Option<i32>) {
        events::record(&self.paths, &events::container_event(status, rec, exit_code), &crate::config::containers::events_backend());
    }

    /// Records an image event.
    pub(crate) fn image_event(&self, status: &str, id: &str, name: &str) {
        let mut e = Event::new("image", status);
        e.id = id.to_string();
        e.name = name.to_string();
        events::record(&self.paths, &e, &crate::config::containers::events_backend());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podmans_filter_rules() {
        let mut e = Event::new("container", "start");
        e.id = "0123abcd".into();
        e.name = "web".into();
        e.attributes.insert("app".into(), "x".into());
        let m = filters(&["container=web".into(), "container=other".into(), "event=start".into()]).unwrap();
        assert!(m.values().all(|alts| alts.iter().any(|f| f(&e))));
        let m = filters(&["container=0123".into(), "event=stop".into()]).unwrap();
        assert!(!m.values().all(|alts| alts.iter().any(|f| f(&e))));
        let m = filters(&["label=app=x".into(), "type=container".into()]).unwrap();
        assert!(m.values().all(|alts| alts.iter().any(|f| f(&e))));
        assert_eq!(filters(&["nope=1".into()]).err().unwrap(), "nope is an invalid filter");
        assert_eq!(filters(&["event".into()]).err().unwrap(), "event is an invalid filter");
    }
}
