//! The ingest error type: opaque, cheap to clone, classified by [`ErrorKind`] so that the
//! supervisor decides on retries by kind rather than by message.

use std::fmt;
use std::sync::Arc;

/// What went wrong, coarsely: the supervisor's retry policy matches on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Bad configuration or input that retrying will not fix.
    InvalidArgument,
    /// The camera or file could not be reached or went away; retry with backoff.
    Unavailable,
    /// Nothing arrived within a deadline (connect or read timeout).
    DeadlineExceeded,
    /// The stream uses a feature we cannot decode (for example B-frames).
    Unsupported,
    /// The bitstream could not be decoded.
    DataLoss,
    /// A bug or an unexpected library failure.
    Internal,
}

impl ErrorKind {
    /// A short, stable, low-cardinality name, usable as a metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::DeadlineExceeded => "deadline_exceeded",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::DataLoss => "data_loss",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An ingest error: a kind plus a human-readable message with context (stream, stage).
#[derive(Clone)]
pub struct Error(Arc<Inner>);

struct Inner {
    kind: ErrorKind,
    msg: String,
}

impl Error {
    /// Builds an error of `kind` with a message that says what and where.
    pub fn new(kind: ErrorKind, msg: impl Into<String>) -> Self {
        Error(Arc::new(Inner { kind, msg: msg.into() }))
    }

    /// The error's classification.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.msg)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.0.kind, self.0.msg)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
