//! GPS: fixes from `POST /v1/gps`, replay files (CSV, NMEA) and Kafka, joined to frames by
//! capture time.

mod buffer;
mod kafka;
mod replay;

pub use buffer::{GpsBuffer, GpsConfig, Refused, ReplayFile, distance_m};
pub use kafka::consume as consume_kafka;
pub use replay::{parse_csv, parse_nmea};
