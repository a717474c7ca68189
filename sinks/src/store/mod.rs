//! Stores: one data model, several engines.

mod embedded;
mod model;

pub use embedded::{EmbeddedStore, EmbeddedStoreConfig};
pub use model::{Store, hour_bucket};
