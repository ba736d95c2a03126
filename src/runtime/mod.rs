//! THE kernel seam: user namespaces and id maps, the container's namespaces and mounts,
//! pivot_root, capabilities, the terminal and the built-in init. Everything that touches the
//! kernel for a container lives here and nowhere else.
//!
//! - `steps`: compiles an OCI spec into flat, pre-allocated steps (parent side)
//! - `child`: executes those steps between clone and exec (no allocation, no locks)
//! - `launch`: clones the child, maps its ids, waits for exec, reports failures
//! - `io`: the parent's loop: signal forwarding, terminal relay, exit status
//! - `slirp`, `pasta`: the userspace network helpers serving a container's network namespace
//! - `nested`: moving a container into a user namespace nested in its outer one
//! - `netns`: joining another container's (or a path's) network and user namespaces
//! - `portfwd`: hutch's port forwarder's process, namespaces, answer route and sockets
pub mod caps;
pub mod cgroup;
pub mod child;
pub mod copyat;
pub mod diagnose;
pub mod exec;
pub mod fdpass;
pub mod handover;
pub mod hostmounts;
pub mod hostif;
pub mod idmap;
pub mod init;
pub mod io;
pub mod join;
pub mod launch;
pub mod mountopts;
pub mod nested;
pub mod netns;
pub mod openat2;
pub mod pasta;
pub mod portfwd;
pub mod seccomp;
pub mod slirp;
pub mod steps;
pub mod userns;
pub mod usernotif;
pub mod volmount;
