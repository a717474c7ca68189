//! fleetsight sinks: the events that go on the wire, and where they are stored.
//!
//! # Layout
//! - [`event`]: the wire schema ([`PlateRead`], [`GpsFix`]), JSON with a `schema_version`;
//!   JSON Schema files in `deploy/schemas/` are generated from these types.
//! - [`store`]: the [`Store`] interface over one data model (reads by plate, reads by device and
//!   hour) and the embedded default ([`store::EmbeddedStore`], SQLite).
//! - [`evidence`]: challan evidence packages (annotated frame, plate crop, hashed manifest) in an object store.
//! - [`kafka`]: the producer with its durable spool, and the `fleetsight sink` consumer.
//! - [`notify`]: notices of a challan by SMS and WhatsApp (Twilio's API) from a durable outbox.
//! - [`telemetry`]: the crate's metrics.
//! - [`retry`]: backoff, which errors are worth retrying, and isolating a batch's bad items.
//! - [`jobs`]: the durable queue of uploaded clips awaiting analysis.
//! - [`error`]: the crate's error type.

pub mod challan;
pub mod error;
pub mod event;
pub mod evidence;
pub mod incident;
pub mod kafka;
pub mod jobs;
pub mod notify;
pub mod retry;
pub mod rules;
pub mod store;
pub mod telemetry;

pub use error::{Error, ErrorKind};
pub use event::{GpsFix, PlateRead};
pub use store::Store;
