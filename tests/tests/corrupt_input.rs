//! Truncated and corrupted NAL units from a real clip: counted as decode errors, never a panic,
//! and the stream carries on.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use fleetsight_e2e::clip;
use futures::future::BoxFuture;
use ingest::decode::FrameDecoder;
use ingest::source::file::{ClipUnit, load_clip};
use ingest::source::{AccessUnitStream, OpenedSource, Opener};
use ingest::{AccessUnit, ClockSource, IngestMetrics, SamplingConfig, StreamIdentity, StreamWorker, SupervisorConfig};
use proptest::prelude::*;
use tokio_util::sync::CancellationToken;

/// Plays a clip once, truncating one P-frame per GOP and flipping bytes in another's slice data
/// in every other GOP: a lossy link, not a dead one.
struct CorruptingOpener {
    units: Arc<Vec<ClipUnit>>,
}

impl Opener for CorruptingOpener {
    fn open(&self) -> BoxFuture<'_, ingest::error::Result<OpenedSource>> {
        let units = self.units.clone();
        Box::pin(async move {
            let items: Vec<_> = units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let mut data = u.data.to_vec();
                    if i % 50 == 20 {
                        data.truncate(data.len() / 2);
                    }
                    if i % 100 == 60 {
                        for j in (40..data.len()).step_by(97) {
                            data[j] ^= 0x5a;
                        }
                    }
                    Ok(AccessUnit {
                        data: data.into(),
                        pts_90k: u.pts_90k,
                        is_random_access_point: u.is_random_access_point,
                        capture_time: SystemTime::now(),
                        clock: ClockSource::FileOffset,
                    })
                })
                .collect();
            let stream: AccessUnitStream = Box::pin(futures::stream::iter(items));
            Ok(OpenedSource { stream, live: false, description: "corrupted clip".into() })
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupted_units_are_counted_and_the_stream_carries_on() {
    let units = Arc::new(load_clip(&clip("plate720_base", "264"), 25.0).unwrap());
    let registry = prometheus::Registry::new();
    let metrics = IngestMetrics::register(&registry).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::channel(1024);
    let identity = StreamIdentity { stream_id: "corrupt".into(), device_id: "d".into(), channel: 0 };
    let w = StreamWorker::new(identity, Box::new(CorruptingOpener { units: units.clone() }), SamplingConfig::default(), SupervisorConfig::default(), &metrics, tx)
        .unwrap();
    let h = w.handle();
    let token = CancellationToken::new();
    let task = tokio::spawn(w.run(token.clone()));
    let drain = tokio::spawn(async move { while rx.recv().await.is_some() {} });
    assert!(fleetsight_e2e::wait_until(Duration::from_secs(30), || h.state() == ingest::StreamState::Finished).await, "{:?}", h.status());
    let c = h.counters();
    assert_eq!(c.received as usize, units.len());
    // 6 GOPs: 6 truncated units, 3 with flipped bytes. Each bad unit is one error (not a cascade).
    assert!((1..=9).contains(&c.decode_errors), "corruption must be counted once per bad unit: {c:?}");
    // GOPs 0, 2, 4 break at frame 20 (truncation), GOPs 1, 3, 5 at frame 10 (flipped bytes).
    assert!(c.decoded >= 3 * 20 + 3 * 10, "every GOP decodes up to its first bad unit: {c:?}");
    assert!(c.dropped > 0, "frames after a bad unit are skipped to the next IDR: {c:?}");
    // Every unit is accounted for, but one: a unit the decoder answers with neither a picture
    // nor an error (it holds the picture) is not counted until a later unit releases it, and
    // the stream's end does not flush the decoder (a known gap, left for the hardening issue).
    let counted = c.decoded + c.decode_errors + c.dropped;
    assert!(counted <= c.received && c.received - counted <= 1, "every unit is accounted for: {c:?}");
    token.cancel();
    task.await.unwrap();
    drain.await.unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any truncation or byte corruption of real access units: the decoder returns, never panics.
    #[test]
    fn mutated_real_units_never_panic(cut in 0.0f64..1.0, flips in proptest::collection::vec((0usize..200_000, any::<u8>()), 0..16), start in 0usize..40) {
        let units = load_clip(&clip("plate720_base", "264"), 25.0).unwrap();
        let mut dec = FrameDecoder::new().unwrap();
        for (i, u) in units.iter().skip(start).take(12).enumerate() {
            let mut data = u.data.to_vec();
            if i % 3 == 1 {
                data.truncate((data.len() as f64 * cut) as usize);
            }
            for (pos, x) in &flips {
                if !data.is_empty() {
                    let p = pos % data.len();
                    data[p] ^= x;
                }
            }
            let _ = dec.decode(&data);
        }
    }
}
