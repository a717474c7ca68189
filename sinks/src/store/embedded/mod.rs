//! The embedded default store: SQLite (bundled, no server).

mod config;
mod store;

pub use config::EmbeddedStoreConfig;
pub use store::EmbeddedStore;
