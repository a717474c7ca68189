use futures::future::BoxFuture;

use crate::error::Result;
use crate::event::PlateRead;

/// Milliseconds in an hour: the time bucket of `reads by device and hour`.
const HOUR_MS: i64 = 3_600_000;

/// The hour bucket (Unix ms, floored to the hour) of a capture time.
///
/// ```
/// assert_eq!(sinks::store::hour_bucket(7_200_000 + 59_999), 7_200_000);
/// assert_eq!(sinks::store::hour_bucket(-1), -3_600_000);
/// ```
pub fn hour_bucket(ms: i64) -> i64 {
    ms.div_euclid(HOUR_MS) * HOUR_MS
}

/// The data model every store implements (embedded SQLite, ScyllaDB). Two access paths, one
/// per query users run:
/// - reads by plate: "where has MH12AB1234 been seen between t0 and t1";
/// - reads by device and hour: "what did bus 101 see between 10:00 and 11:00".
///
/// Writes are idempotent on `event_id`: writing the same event twice leaves one row, so Kafka's
/// at-least-once redelivery never duplicates.
pub trait Store: Send + Sync {
    /// Writes a batch; returns how many rows were new.
    fn write(&self, reads: Vec<PlateRead>) -> BoxFuture<'_, Result<usize>>;
    /// Reads of `plate` captured in `[from_ms, to_ms)`, oldest first.
    fn reads_by_plate(&self, plate: &str, from_ms: i64, to_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>>;
    /// Reads of `device_id` captured in the hour starting at `hour_ms` (see [`hour_bucket`]), oldest first.
    fn reads_by_device_hour(&self, device_id: &str, hour_ms: i64) -> BoxFuture<'_, Result<Vec<PlateRead>>>;
    /// Number of reads stored.
    fn count(&self) -> BoxFuture<'_, Result<u64>>;
    /// The `store` label of the store metrics (`embedded`, `scylla`).
    fn kind(&self) -> &'static str;
}
