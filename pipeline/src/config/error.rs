use std::path::PathBuf;

/// Why a configuration file was rejected. The message names the file and, for every problem,
/// the field (`streams[2].rtsp.url: ...`).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("config file {path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not valid TOML, an unknown key, or a value of the wrong type.
    #[error("config file {path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, with the line and the key.
        message: String,
    },
    /// Parsed, but some values are impossible. Every problem is listed.
    #[error("config file {path}: {}", problems.join("; "))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// One `field: problem` line per problem.
        problems: Vec<String>,
    },
}
