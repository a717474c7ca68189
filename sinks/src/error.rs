//! The sinks error type, classified by [`ErrorKind`].

use std::fmt;
use std::sync::Arc;

/// What went wrong, coarsely: callers retry on `Unavailable`, dead-letter on `InvalidArgument`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is malformed (an event that does not parse, a bad query).
    InvalidArgument,
    /// The store or broker cannot be reached right now; retry.
    Unavailable,
    /// A local resource is full (the spool).
    ResourceExhausted,
    /// The object asked for does not exist.
    NotFound,
    /// The request conflicts with the object's state (a lifecycle move it forbids).
    Conflict,
    /// A bug or an unexpected library failure.
    Internal,
}

/// A sinks error.
#[derive(Clone)]
pub struct Error(Arc<(ErrorKind, String)>);

impl Error {
    /// Builds an error.
    pub fn new(kind: ErrorKind, msg: impl Into<String>) -> Self {
        Error(Arc::new((kind, msg.into())))
    }

    /// The classification.
    pub fn kind(&self) -> ErrorKind {
        self.0.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.1)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.0.0, self.0.1)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
