//! The configuration file: one TOML document, validated as a whole at load.

mod error;
mod file;
mod shard;
mod stream;

pub use error::ConfigError;
pub use crate::api::ApiConfig;
pub use file::Config;
pub use shard::{Assignment, SHARD_INDEX_ENV, ShardingConfig, fnv1a64, hash_shard, render_plan, resolve_index};
pub use stream::{SourceConfig, StreamConfig};
