//! Sources of encoded video: live RTSP and files. A source is opened by an [`Opener`] (the test
//! seam: the supervisor only ever sees this trait) into a stream of [`AccessUnit`]s.

pub mod file;
pub mod rtsp;

use std::pin::Pin;

use futures::Stream;
use futures::future::BoxFuture;

use crate::error::Result;
use crate::frame::AccessUnit;

/// A stream of access units from one open session.
pub type AccessUnitStream = Pin<Box<dyn Stream<Item = Result<AccessUnit>> + Send>>;

/// An open session of a source.
pub struct OpenedSource {
    /// The access units. `None` from the stream means a finite source ended; a live source ends
    /// with an error instead.
    pub stream: AccessUnitStream,
    /// Live sources drop under overload; non-live ones (files) wait for the decoder.
    pub live: bool,
    /// What was opened, for logs (never contains credentials).
    pub description: String,
}

/// Opens sessions of one source; called again for every reconnect.
pub trait Opener: Send + Sync {
    /// Opens a new session.
    fn open(&self) -> BoxFuture<'_, Result<OpenedSource>>;
}
