//! Small helpers with no knowledge of containers.
pub mod ids;
pub mod time;
pub mod units;
