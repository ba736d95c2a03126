//! Per-user state: where it lives, how it is written (atomically) and locked.
pub mod atomic;
pub mod container_index;
pub mod containers;
pub mod events;
pub mod exec_sessions;
pub mod health;
pub mod lock;
pub mod paths;
pub mod secrets;
pub mod volumes;
