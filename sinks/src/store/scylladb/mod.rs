//! The ScyllaDB store: the same data model as the embedded store, one table per query
//! (`deploy/cql/schema.cql`), prepared statements.

mod config;
mod store;

pub use config::ScyllaStoreConfig;
pub use store::ScyllaStore;
