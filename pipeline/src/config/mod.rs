//! The configuration file: one TOML document, validated as a whole at load.

mod error;
mod file;
mod stream;

pub use error::ConfigError;
pub use file::{ApiConfig, Config};
pub use stream::{SourceConfig, StreamConfig};
