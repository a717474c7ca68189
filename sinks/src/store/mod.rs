//! Stores: one data model, two engines: the embedded default (SQLite) and ScyllaDB.

mod embedded;
mod model;
mod scylladb;

pub use embedded::{EmbeddedStore, EmbeddedStoreConfig};
pub use model::{Store, hour_bucket};
pub use scylladb::{ScyllaStore, ScyllaStoreConfig};

