//! The configuration file: one TOML document, validated as a whole at load.

mod error;
mod file;
mod stream;

pub use error::ConfigError;
pub use crate::api::ApiConfig;
pub use file::Config;
pub use stream::{SourceConfig, StreamConfig};
