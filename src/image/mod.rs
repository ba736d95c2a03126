//! Images: references, the content-addressed store and its index.
pub mod blobs;
pub mod config;
pub mod list;
pub mod manifest;
pub mod reference;
pub mod registry;
pub mod sigstore;
pub mod tls;
pub mod store;
