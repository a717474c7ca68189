//! The hand-off of events to where they go: the embedded store on one machine, or Kafka on an
//! edge node of a scaled-out deployment. Each read's evidence images are written first, so the
//! read that is stored or published already points at them.

use std::sync::Arc;

use ingest::YuvPicture;
use sinks::PlateRead;
use sinks::challan::{SinkStore, ViolationStage};
use sinks::evidence::{DeviceDirectory, EvidenceStore, PackageInfo, RgbFrame, StampInfo, render};
use sinks::kafka::KafkaProducer;
use sinks::retry::write_isolating;
use sinks::telemetry::DeliveryMetrics;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::telemetry::PipelineMetrics;

/// Events per write.
const BATCH: usize = 256;

/// A read on its way out, with the frame it was read in (shared, not copied).
pub struct ReadOut {
    /// The read.
    pub read: PlateRead,
    /// The evidence frame, when analysis kept it.
    pub frame: Option<Arc<YuvPicture>>,
}

/// Where events go.
#[derive(Clone)]
pub enum Destination {
    /// A store, in process, with the violation stage run on what is written.
    Store(Arc<dyn SinkStore>, Arc<ViolationStage>, DeliveryMetrics),
    /// Kafka (spooling to disk while the broker is away).
    Kafka(Arc<KafkaProducer>),
}

impl Destination {
    async fn write(&self, batch: Vec<PlateRead>) -> sinks::error::Result<usize> {
        match self {
            Destination::Store(s, stage, delivery) => {
                // Written, then judged: a retry after a failed judgement re-writes (a no-op)
                // and re-judges (deduplicated), so nothing is issued twice or skipped.
                let n = delivery.timed_write(s.as_ref(), batch.clone()).await?;
                let now = crate::analysis::unix_now_ms();
                delivery.landed("embedded", &batch, now);
                let out = stage.process(&batch, now).await?;
                if !out.challans.is_empty() || !out.incidents.is_empty() {
                    tracing::info!(challans = out.challans.len(), incidents = out.incidents.len(), "Violations found.");
                }
                Ok(n)
            }
            Destination::Kafka(k) => k.send(batch).await,
        }
    }
}

/// Where reads' evidence goes, and the devices' hardware identities that its manifests record.
#[derive(Clone)]
pub struct EvidenceOut {
    /// The evidence store.
    pub store: EvidenceStore,
    /// Serial and IMEI by device id (`[[devices]]`).
    pub devices: Arc<DeviceDirectory>,
}

/// Renders a read's evidence (frame with the plate box and a stamp band, plate crop) and
/// stores it as the package `reads/<event_id>`, with the device's identity. On failure the read
/// goes on without it.
async fn write_evidence(evidence: &EvidenceOut, out: ReadOut, metrics: &PipelineMetrics) -> PlateRead {
    let ReadOut { mut read, frame } = out;
    let Some(pic) = frame else { return read };
    let stamp = StampInfo {
        location: read.location.as_ref().map(|l| (l.lat, l.lon)),
        captured_at_ms: read.evidence.captured_at_ms,
        device_id: read.device_id.clone(),
        plate: read.plate.clone(),
    };
    let bbox = read.evidence.bbox;
    let rendered = tokio::task::spawn_blocking(move || render(&RgbFrame::new(pic.width(), pic.height(), pic.to_rgb8())?, bbox, &stamp)).await;
    let images = match rendered {
        Ok(Ok(images)) => images,
        Ok(Err(e)) => return evidence_failed(read, &e.to_string(), metrics),
        Err(e) => return evidence_failed(read, &e.to_string(), metrics),
    };
    let info = PackageInfo {
        reference: read.event_id.clone(),
        provisions: vec![],
        models: read.models.clone(),
        device: evidence.devices.identity(&read.device_id, Some(read.channel)),
        location: read.location.as_ref().map(|l| (l.lat, l.lon)),
        captured_at_ms: read.evidence.captured_at_ms,
        source_frame_sha256: images.source_frame_sha256.clone(),
    };
    match evidence.store.put_package(&format!("reads/{}", read.event_id), images.files(), info).await {
        Ok(p) => {
            metrics.evidence_packages.with_label_values(&["written"]).inc();
            read.evidence.package = Some(p.prefix);
            read
        }
        Err(e) => evidence_failed(read, &e.to_string(), metrics),
    }
}

fn evidence_failed(read: PlateRead, error: &str, metrics: &PipelineMetrics) -> PlateRead {
    metrics.evidence_packages.with_label_values(&["failed"]).inc();
    tracing::warn!(event = %read.event_id, error, "Evidence images not written; the read goes on without them.");
    read
}

/// Writes events to `dest` in batches, retrying failed writes with backoff so that no event is
/// lost while the destination is briefly unavailable (`Unavailable`, `ResourceExhausted`). A
/// batch refused for any other reason is written event by event, and the events refused alone
/// are dropped: logged at error level with their id and counted in
/// `fleetsight_events_refused_total` (the edge has no dead-letter topic). Stops when `events`
/// closes and is drained, or (giving up on the batch in hand, and saying so) when `abort` fires
/// during a retry.
pub async fn run(mut events: mpsc::Receiver<ReadOut>, dest: Destination, evidence: Option<EvidenceOut>, sink: &'static str, metrics: PipelineMetrics, abort: CancellationToken) {
    let written = metrics.events_written.with_label_values(&[sink]);
    let errors = metrics.event_write_errors.with_label_values(&[sink]);
    let refused_total = metrics.events_refused.with_label_values(&[sink]);
    while let Some(first) = events.recv().await {
        let mut outs = vec![first];
        while outs.len() < BATCH {
            match events.try_recv() {
                Ok(e) => outs.push(e),
                Err(_) => break,
            }
        }
        let mut batch = Vec::with_capacity(outs.len());
        for out in outs {
            // One line per read at debug level on its own target, for audits
            // (`RUST_LOG=info,fleetsight::reads=debug`): `fleetsight bench chaos` proves from it
            // that every read made was stored exactly once.
            tracing::debug!(target: "fleetsight::reads", event = %out.read.event_id, stream = %out.read.stream_id, "Read made.");
            batch.push(match &evidence {
                Some(ev) => write_evidence(ev, out, &metrics).await,
                None => out.read,
            });
        }
        let write = |b: Vec<PlateRead>| {
            let (dest, errors) = (&dest, &errors);
            async move {
                let r = dest.write(b).await.map(|_| ());
                if r.is_err() {
                    errors.inc();
                }
                r
            }
        };
        let Some(refused) = write_isolating(&format!("Event write to {sink}"), &batch, &abort, write).await else {
            tracing::error!(sink, events = batch.len(), "Gave up writing events at shutdown.");
            return;
        };
        for (i, e) in &refused {
            refused_total.inc();
            tracing::error!(sink, event = %batch[*i].event_id, kind = ?e.kind(), error = %e, "Event refused for good; dropped.");
        }
        written.inc_by((batch.len() - refused.len()) as u64);
        let now = crate::analysis::unix_now_ms();
        for (i, e) in batch.iter().enumerate() {
            if !refused.iter().any(|(r, _)| *r == i) {
                metrics.read_latency.with_label_values(&[&e.stream_id]).observe((now - e.last_seen_ms).max(0) as f64 / 1000.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sinks::challan::ChallanConfig;
    use sinks::event::Location;
    use sinks::rules::{HotlistEntry, RuleEngine, RulesConfig};
    use sinks::store::EmbeddedStore;

    use super::*;

    /// A read's package records the serial and IMEI configured for its device.
    #[tokio::test]
    async fn a_read_package_carries_its_devices_serial_and_imei() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&dir.path().join("s.db")).unwrap());
        let registry = prometheus::Registry::new();
        let rules = RuleEngine::build(&RulesConfig::default(), std::path::Path::new(".")).unwrap();
        let stage = Arc::new(ViolationStage::new(rules, ChallanConfig::default(), store.clone()));
        let dest = Destination::Store(store.clone(), stage, DeliveryMetrics::register(&registry).unwrap());
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let devices = [sinks::evidence::DeviceConfig { id: "bus-1".into(), serial: Some("MDVR-SN-0042".into()), imei: Some("356938035643809".into()) }];
        let evidence = EvidenceOut {
            store: EvidenceStore::new(&sinks::evidence::EvidenceStoreConfig::Local { root: dir.path().join("evidence") }).unwrap(),
            devices: Arc::new(DeviceDirectory::new(&devices)),
        };
        let (tx, rx) = mpsc::channel(8);
        for (id, device, at) in [("a", "bus-1", 1_732_190_400_000), ("b", "bus-2", 1_732_190_401_000)] {
            let frame = Some(Arc::new(YuvPicture::from_i420(320, 240, vec![128; 320 * 240 * 3 / 2]).unwrap()));
            tx.send(ReadOut { read: PlateRead::example(id, "MH12AB1234", device, at), frame }).await.unwrap();
        }
        drop(tx);
        run(rx, dest, Some(evidence.clone()), "test", metrics, CancellationToken::new()).await;
        let reads = store.reads_by_plate("MH12AB1234", 0, i64::MAX).await.unwrap();
        let manifest = |i: usize| {
            let prefix = reads[i].evidence.package.clone().expect("a package");
            let store = evidence.store.clone();
            async move { store.manifest(&prefix).await.unwrap() }
        };
        let known = manifest(0).await.info.device;
        assert_eq!((known.device_id.as_str(), known.serial.as_deref(), known.imei.as_deref()), ("bus-1", Some("MDVR-SN-0042"), Some("356938035643809")));
        assert_eq!(known.channel, Some(1));
        let unknown = manifest(1).await;
        assert_eq!((unknown.info.device.serial.as_deref(), unknown.info.device.imei.as_deref()), (None, None));
        let text = String::from_utf8(evidence.store.manifest_bytes(&unknown.prefix).await.unwrap().unwrap()).unwrap();
        assert!(text.contains("\"serial\": \"unknown\"") && text.contains("\"imei\": \"unknown\""), "the manifest says so: {text}");
    }

    /// An invalid read (a hotlisted plate whose incident the index refuses: its time is out of
    /// range) is refused alone, logged and counted; the reads around it are stored.
    #[tokio::test]
    async fn an_invalid_read_is_refused_and_the_rest_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn SinkStore> = Arc::new(EmbeddedStore::open(&dir.path().join("s.db")).unwrap());
        let stolen = HotlistEntry { plate: "KA05MN6789".into(), reason: "stolen".into(), note: String::new(), added_by: "t".into(), added_ms: 0 };
        store.hotlist_put(vec![stolen]).await.unwrap();
        let registry = prometheus::Registry::new();
        let rules = RuleEngine::build(&RulesConfig::default(), std::path::Path::new(".")).unwrap();
        let stage = Arc::new(ViolationStage::new(rules, ChallanConfig::default(), store.clone()));
        let dest = Destination::Store(store.clone(), stage, DeliveryMetrics::register(&registry).unwrap());
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let mut bad = PlateRead::example("bad", "KA05MN6789", "bus-1", 1_732_190_400_000);
        bad.location = Some(Location { lat: 19.0, lon: 72.8, heading_deg: None, speed_kmh: None, fix_age_ms: 0 });
        bad.evidence.captured_at_ms = 1 << 53;
        let reads = [PlateRead::example("a", "MH12AB1234", "bus-1", 1_732_190_400_000), bad, PlateRead::example("b", "MH12AB1234", "bus-1", 1_732_190_401_000)];
        let (tx, rx) = mpsc::channel(8);
        for read in reads {
            tx.send(ReadOut { read, frame: None }).await.unwrap();
        }
        drop(tx);
        let done = tokio::time::timeout(Duration::from_secs(30), run(rx, dest, None, "test", metrics.clone(), CancellationToken::new())).await;
        assert!(done.is_ok(), "the sink did not stall on the invalid read");
        let stored: Vec<String> = store.reads_by_plate("MH12AB1234", 0, i64::MAX).await.unwrap().into_iter().map(|r| r.event_id).collect();
        assert_eq!(stored, ["a", "b"]);
        assert_eq!(metrics.events_refused.with_label_values(&["test"]).get(), 1);
        assert_eq!(metrics.events_written.with_label_values(&["test"]).get(), 2);
    }
}
