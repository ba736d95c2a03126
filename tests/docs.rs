//! The man pages in man/ and the completions in completions/ are generated from the clap
//! definitions; this test fails when they are out of date. Regenerate with
//! `HUTCH_UPDATE_DOCS=1 cargo test --test docs`.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn generated() -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let cmd = hutch::cli::man_tree();
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let name = if prefix.is_empty() { cmd.get_name().to_string() } else { format!("{prefix}-{}", cmd.get_name()) };
        let leaked: &'static str = Box::leak(name.clone().into_boxed_str());
        let page = cmd.clone().name(leaked).display_name(leaked).bin_name(name.replace('-', " "));
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf).unwrap();
        out.insert(PathBuf::from(format!("man/{name}.1")), buf);
        for sub in cmd.get_subcommands() {
            // clap's `help` verb is help, not a command of Podman's: no page of its own.
            if !sub.is_hide_set() && sub.get_name() != "help" {
                walk(sub, &name, out);
            }
        }
    }
    walk(&cmd, "", &mut out);
    for (shell, file) in [
        (clap_complete::Shell::Bash, "completions/hutch.bash"),
        (clap_complete::Shell::Zsh, "completions/_hutch"),
        (clap_complete::Shell::Fish, "completions/hutch.fish"),
    ] {
        out.insert(PathBuf::from(file), hutch::cli::completion::script(shell, true));
    }
    out
}

#[test]
fn man_pages_and_completions_are_current() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let files = generated();
    if std::env::var_os("HUTCH_UPDATE_DOCS").is_some() {
        for d in ["man", "completions"] {
            let _ = std::fs::remove_dir_all(root.join(d));
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        for (p, b) in &files {
            std::fs::write(root.join(p), b).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (p, b) in &files {
        if std::fs::read(root.join(p)).ok().as_deref() != Some(b.as_slice()) {
            stale.push(p.display().to_string());
        }
    }
    for d in ["man", "completions"] {
        for e in std::fs::read_dir(root.join(d)).into_iter().flatten().flatten() {
            let rel = PathBuf::from(d).join(e.file_name());
            if !files.contains_key(&rel) {
                stale.push(format!("{} (no longer generated)", rel.display()));
            }
        }
    }
    assert!(stale.is_empty(), "out of date: {stale:?}\nrun `HUTCH_UPDATE_DOCS=1 cargo test --test docs`");
}
