//! Shared harness for the end-to-end tests: each test gets its own HOME, XDG data and
//! runtime directories (so its store is private), drives the real `hutch` binary, and
//! builds its test image from Debian's busybox-static at test time.
#![allow(dead_code)]

pub mod build;
pub mod registry;
pub mod token;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The binary under test: $HUTCH_BIN (set when tests run as another user) or cargo's.
pub fn bin() -> PathBuf {
    std::env::var_os("HUTCH_BIN").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_hutch")))
}

fn base() -> PathBuf {
    std::env::var_os("HUTCH_TEST_TMP").map(PathBuf::from).unwrap_or_else(std::env::temp_dir)
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn from(o: Output) -> Out {
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
    /// Panics with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Out {
        assert_eq!(self.code, code, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
    #[track_caller]
    pub fn ok(&self) -> &Out {
        self.code(0)
    }
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Out {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }
    #[track_caller]
    pub fn stdout_is(&self, want: &str) -> &Out {
        assert_eq!(self.stdout, want, "stdout differs\nstderr:\n{}", self.stderr);
        self
    }
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Out {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

pub struct Env {
    pub dir: PathBuf,
    pub home: PathBuf,
    pub run: PathBuf,
}

impl Env {
    pub fn new(name: &str) -> Env {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = base().join(format!("hutch-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let home = dir.join("home");
        let run = dir.join("run");
        for d in [&dir, &home, &run] {
            std::fs::create_dir_all(d).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        // Hermetic: no search registries (the machine's registries.conf is not read once the
        // user has one), so nothing ever reaches for the network.
        let conf = home.join(".config/containers");
        std::fs::create_dir_all(&conf).unwrap();
        std::fs::write(conf.join("registries.conf"), "unqualified-search-registries = []\n").unwrap();
        Env { dir, home, run }
    }

    pub fn data(&self) -> PathBuf {
        self.home.join(".local/share/hutch")
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.args(args)
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_RUNTIME_DIR", &self.run)
            .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .env_remove("HUTCH_UNSHARE");
        c
    }

    pub fn hutch(&self, args: &[&str]) -> Out {
        Out::from(self.cmd(args).stdin(Stdio::null()).output().expect("running hutch"))
    }

    pub fn hutch_stdin(&self, args: &[&str], input: &[u8]) -> Out {
        let mut child = self.cmd(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        Out::from(child.wait_with_output().unwrap())
    }

    /// `sh -c "(FEED) | script -qec COMMAND /dev/null"`: COMMAND on a terminal of its own
    /// (script(1) from bsdutils), typed into by FEED; `$HUTCH` is the binary. Carriage
    /// returns are taken out of the output.
    pub fn on_terminal(&self, feed: &str, command: &str) -> Out {
        let base = self.cmd(&[]);
        let mut sh = Command::new("sh");
        for (k, v) in base.get_envs() {
            if let Some(v) = v {
                sh.env(k, v);
            }
        }
        let quoted = command.replace('\'', "'\\''");
        let o = sh
            .env("HUTCH", bin())
            .args(["-c", &format!("({feed}) | script -qec '{quoted}' /dev/null")])
            .stdin(Stdio::null())
            .output()
            .expect("script(1) from bsdutils");
        let mut out = Out::from(o);
        out.stdout = out.stdout.replace('\r', "");
        out
    }

    /// Imports the busybox image as `demo` (CMD sh).
    pub fn demo(&self) {
        self.hutch(&["import", "-q", "--change", "CMD [\"/bin/sh\"]", busybox_tar().to_str().unwrap(), "demo"]).ok();
    }

    /// `sh -c SCRIPT` on the host with this environment, `$0` naming the hutch binary (for a
    /// umask, a loop, a pipe around hutch).
    pub fn shell(&self, script: &str) -> Command {
        let mut c = Command::new("sh");
        c.arg("-c").arg(script).arg(bin());
        for (k, v) in self.cmd(&[]).get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c
    }

    /// Runs `sh -c SCRIPT` in a throwaway demo container; returns the output.
    pub fn sh(&self, script: &str) -> Out {
        self.hutch(&["run", "--rm", "demo", "sh", "-c", script])
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // A test that failed midway may leave containers running: stop them first.
        let _ = self.cmd(&["rm", "-f", "-t", "0", "--all"]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
        // Files owned by subordinate ids can only be removed inside the user namespace.
        let d = self.dir.to_string_lossy().into_owned();
        let _ = self.cmd(&["unshare", "rm", "-rf", &d]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// skopeo with the test's own runtime directory (else it reads /run/containers/UID, which a
/// root podman on the machine may have made unreadable).
pub fn skopeo(e: &Env) -> Command {
    let mut c = Command::new("skopeo");
    c.env("XDG_RUNTIME_DIR", &e.run).env("HOME", &e.home);
    c
}

pub fn busybox_path() -> PathBuf {
    for p in ["/bin/busybox", "/usr/bin/busybox"] {
        if Path::new(p).exists() {
            return PathBuf::from(p);
        }
    }
    panic!("busybox not found: install Debian's busybox-static");
}

fn header(kind: tar::EntryType, mode: u32, uid: u64, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_uid(uid);
    h.set_gid(uid);
    h.set_size(size);
    h.set_mtime(1_700_000_000);
    h
}

/// Appends a directory, file, or symlink to a tar under construction.
pub fn add_dir<W: Write>(b: &mut tar::Builder<W>, path: &str, mode: u32, uid: u64) {
    let mut h = header(tar::EntryType::Directory, mode, uid, 0);
    b.append_data(&mut h, path, std::io::empty()).unwrap();
}
pub fn add_file<W: Write>(b: &mut tar::Builder<W>, path: &str, mode: u32, uid: u64, data: &[u8]) {
    let mut h = header(tar::EntryType::Regular, mode, uid, data.len() as u64);
    b.append_data(&mut h, path, data).unwrap();
}
pub fn add_symlink<W: Write>(b: &mut tar::Builder<W>, path: &str, target: &str) {
    let mut h = header(tar::EntryType::Symlink, 0o777, 0, 0);
    b.append_link(&mut h, path, target).unwrap();
}
pub fn add_hardlink<W: Write>(b: &mut tar::Builder<W>, path: &str, target: &str) {
    let mut h = header(tar::EntryType::Link, 0o644, 0, 0);
    // append_link refuses `..` in targets; hostile tests need exactly that, so write raw.
    h.set_path(path).unwrap();
    let name = target.as_bytes();
    let gnu = h.as_gnu_mut().unwrap();
    gnu.linkname[..name.len()].copy_from_slice(name);
    h.set_cksum();
    b.append(&h, std::io::empty()).unwrap();
}

/// Writes the busybox root filesystem into a tar builder (root-owned, a tester user).
pub fn busybox_tree<W: Write>(b: &mut tar::Builder<W>) {
    for d in ["bin", "etc", "root", "home", "proc", "sys", "dev", "usr", "usr/bin", "var"] {
        add_dir(b, d, 0o755, 0);
    }
    add_dir(b, "tmp", 0o1777, 0);
    add_dir(b, "var/tmp", 0o1777, 0);
    add_dir(b, "home/tester", 0o755, 1000);
    let bb = std::fs::read(busybox_path()).unwrap();
    add_file(b, "bin/busybox", 0o755, 0, &bb);
    let list = Command::new(busybox_path()).arg("--list").output().unwrap();
    for applet in String::from_utf8_lossy(&list.stdout).lines() {
        if applet != "busybox" && !applet.is_empty() {
            add_symlink(b, &format!("bin/{applet}"), "busybox");
        }
    }
    add_file(b, "etc/passwd", 0o644, 0, b"root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000:tester:/home/tester:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
    add_file(b, "etc/group", 0o644, 0, b"root:x:0:\ntty:x:5:\nwheel:x:10:tester\ntester:x:1000:\nnogroup:x:65534:\n");
}

/// The busybox root filesystem as a tarball, built once per test process.
pub fn busybox_tar() -> PathBuf {
    static TAR: OnceLock<PathBuf> = OnceLock::new();
    TAR.get_or_init(|| {
        // Named by user too: /tmp is shared, and another user's file of a reused pid is not ours to write.
        let p = base().join(format!("hutch-busybox-{}-{}.tar", uid(), std::process::id()));
        let f = std::fs::File::create(&p).unwrap();
        let mut b = tar::Builder::new(f);
        busybox_tree(&mut b);
        b.finish().unwrap();
        p
    })
    .clone()
}

/// Builds a tarball at a fresh path from a closure.
pub fn make_tar(env: &Env, name: &str, f: impl FnOnce(&mut tar::Builder<std::fs::File>)) -> PathBuf {
    let p = env.dir.join(name);
    let mut b = tar::Builder::new(std::fs::File::create(&p).unwrap());
    f(&mut b);
    b.finish().unwrap();
    p
}

/// The caller's first subordinate uid range, if any.
pub fn subuid_range() -> Option<(u32, u32)> {
    let uid = unsafe { libc::geteuid() };
    let name = std::env::var("USER").ok();
    let pw = unsafe { libc::getpwuid(uid) };
    let pwname = if pw.is_null() { None } else {
        Some(unsafe { std::ffi::CStr::from_ptr((*pw).pw_name) }.to_string_lossy().into_owned())
    };
    let text = std::fs::read_to_string("/etc/subuid").ok()?;
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() == 3 && (Some(f[0].to_string()) == pwname || Some(f[0].to_string()) == name || f[0] == uid.to_string()) {
            Some((f[1].parse().ok()?, f[2].parse().ok()?))
        } else {
            None
        }
    })
}

pub fn uid() -> u32 {
    unsafe { libc::geteuid() }
}

pub fn gid() -> u32 {
    unsafe { libc::getegid() }
}

/// Waits until `f` holds, for up to `secs` seconds.
pub fn wait_for(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// Says that a test cannot run here, where the output shows it (libtest captures eprintln!
/// of a passing test, not a write to stderr itself); under `CI=true` that is a failure.
#[track_caller]
pub fn skip(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("cannot run in CI: {why}");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
}

/// Says that part of a test needs what this machine lacks, where the output shows it, for
/// the cases an issue allows to be only reported (not a failure under `CI=true`).
pub fn not_here(why: &str) {
    let _ = writeln!(std::io::stderr(), "NOT ON THIS MACHINE: {why}");
}

/// A TCP port free right now on every address of this host.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("0.0.0.0:0").unwrap().local_addr().unwrap().port()
}
