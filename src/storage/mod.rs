//! Layers on disk: safe unpacking of layer tarballs and removal of trees.
pub mod compress;
pub mod copyin;
pub mod remove;
pub mod tarwrite;
pub mod unpack;
pub mod vfs;
pub mod worker;
