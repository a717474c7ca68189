//! Stores: one data model, two engines: the embedded default (SQLite) and ScyllaDB.

mod embedded;
mod model;
mod rows;
mod scylladb;

pub use embedded::{EmbeddedStore, EmbeddedStoreConfig};
pub use model::{Store, hour_bucket};
pub(crate) use rows::{db_err, from_json, to_json};
pub use scylladb::{ScyllaStore, ScyllaStoreConfig};

