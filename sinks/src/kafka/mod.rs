//! Kafka: the producer edge nodes publish with (spooling to disk when the broker is away), and
//! the consumer `fleetsight sink` runs (at-least-once into a store, dead-letter topic).

mod config;
mod consumer;
mod producer;
pub mod spool;

pub use config::KafkaConfig;
pub use consumer::SinkConsumer;
pub use producer::KafkaProducer;
