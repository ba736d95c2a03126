//! Images: references, the content-addressed store and its index.
pub mod reference;
pub mod store;
