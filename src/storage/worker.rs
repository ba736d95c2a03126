//! The unpack worker: one helper process in the user namespace (forked while hutch is still
//! single-threaded) that unpacks layer streams sent to it, each on a thread of its own, so
//! owners land on the mapped ids while downloads run in parallel in the parent.
//!
//! Protocol over a SOCK_SEQPACKET socket: one message per layer, a JSON `Job` with two fds
//! attached: the read end of the layer stream (compressed as downloaded) and the write end
//! of a pipe for the JSON `JobResult`. The worker exits once the socket is closed and every
//! job has finished.

use crate::runtime::fdpass::{recv_fds, send_fds};
use crate::runtime::idmap::IdMapping;
use crate::runtime::userns::{spawn_in_userns, UsernsChild};
use crate::storage::unpack::{self, UnpackStats};
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};

#[derive(Serialize, Deserialize)]
struct Job {
    dest: PathBuf,
    compression: String,
    single_mapping: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct JobResult {
    /// `sha256:` of the uncompressed stream.
    pub diff_id: String,
    pub stats: UnpackStats,
}

#[derive(Serialize, Deserialize)]
enum Reply {
    Ok(JobResult),
    Err(String),
}

pub struct Worker {
    sock: OwnedFd,
    child: UsernsChild,
    single_mapping: bool,
}

/// A layer handed to the worker: write the (compressed) stream to `input`, close it, then
/// `wait` for the result.
pub struct Submitted {
    pub input: std::fs::File,
    result: std::fs::File,
}

impl Submitted {
    pub fn wait(mut self) -> Result<JobResult> {
        drop(self.input);
        let mut text = String::new();
        self.result.read_to_string(&mut text).context("reading the unpack result")?;
        match serde_json::from_str::<Reply>(&text) {
            Ok(Reply::Ok(r)) => Ok(r),
            Ok(Reply::Err(e)) => Err(anyhow!(e)),
            Err(_) => bail!("the unpack worker died while unpacking"),
        }
    }
}

/// Decompresses, hashes and unpacks one stream into `dest` (created).
pub fn unpack_stream(input: impl Read, compression: &str, dest: &Path, single_mapping: bool) -> Result<JobResult> {
    std::fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))?;
    let buffered = std::io::BufReader::with_capacity(256 * 1024, input);
    let reader: Box<dyn Read> = match compression {
        "gzip" => Box::new(flate2::read::MultiGzDecoder::new(buffered)),
        "zstd" => Box::new(ruzstd::streaming_decoder::StreamingDecoder::new(buffered).map_err(|e| anyhow!("reading zstd layer: {e}"))?),
        "none" => Box::new(buffered),
        other => bail!("unknown compression {other}"),
    };
    let mut hashing = HashingReader { inner: reader, hasher: Sha256::new() };
    let stats = unpack::unpack(&mut hashing, dest, &unpack::Options { single_mapping })?;
    std::io::copy(&mut hashing, &mut std::io::sink()).context("reading the end of the layer")?;
    Ok(JobResult { diff_id: format!("sha256:{}", crate::util::hex(&hashing.hasher.finalize())), stats })
}

struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn worker_main(sock: OwnedFd) -> Result<i32> {
    let mut threads = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let (n, mut fds) = recv_fds(sock.as_raw_fd(), &mut buf).context("reading a job")?;
        if n == 0 {
            break;
        }
        if fds.len() != 2 {
            bail!("a job came without its two descriptors");
        }
        let result_fd = fds.pop().expect("two fds");
        let data_fd = fds.pop().expect("two fds");
        let job: Job = serde_json::from_slice(&buf[..n]).context("decoding a job")?;
        threads.push(std::thread::spawn(move || {
            let reply = match unpack_stream(std::fs::File::from(data_fd), &job.compression, &job.dest, job.single_mapping) {
                Ok(r) => Reply::Ok(r),
                Err(e) => Reply::Err(format!("{e:#}")),
            };
            let mut out = std::fs::File::from(result_fd);
            let _ = out.write_all(&serde_json::to_vec(&reply).unwrap_or_default());
        }));
    }
    for t in threads {
        let _ = t.join();
    }
    Ok(0)
}

impl Worker {
    /// Starts the worker. Call before any thread is started.
    pub fn start(mapping: &IdMapping) -> Result<Worker> {
        let mut sv = [0i32; 2];
        // SAFETY: socketpair fills two fds, which we then own.
        if unsafe { libc::socketpair(libc::AF_UNIX, libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC, 0, sv.as_mut_ptr()) } < 0 {
            return Err(anyhow!(std::io::Error::last_os_error()).context("creating the worker socket"));
        }
        // SAFETY: the two new fds are ours.
        let (parent, child_end) = unsafe { (OwnedFd::from_raw_fd(sv[0]), OwnedFd::from_raw_fd(sv[1])) };
        let parent_raw = parent.as_raw_fd();
        let child = spawn_in_userns(mapping, false, move || {
            // SAFETY: the parent's end, inherited across fork, must not keep the socket open here.
            unsafe { libc::close(parent_raw) };
            worker_main(child_end)
        })?;
        // The child's end went into the closure, which this process dropped unrun: closed here.
        Ok(Worker { sock: parent, child, single_mapping: mapping.is_single() })
    }

    pub fn submit(&self, dest: &Path, compression: &str) -> Result<Submitted> {
        let (data_r, data_w) = crate::runtime::userns::cloexec_pipe()?;
        let (res_r, res_w) = crate::runtime::userns::cloexec_pipe()?;
        let job = Job { dest: dest.to_path_buf(), compression: compression.to_string(), single_mapping: self.single_mapping };
        let bytes = serde_json::to_vec(&job)?;
        send_fds(self.sock.as_raw_fd(), &bytes, &[data_r.as_raw_fd(), res_w.as_raw_fd()]).context("handing a layer to the unpack worker")?;
        Ok(Submitted { input: std::fs::File::from(data_w), result: std::fs::File::from(res_r) })
    }

    /// Closes the worker and waits for it.
    pub fn finish(self) -> Result<()> {
        drop(self.sock);
        self.child.wait().map(|_| ())
    }
}
