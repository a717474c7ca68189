//! Which metric names fleetsight exports, for the checks that dashboards and alert rules query
//! only real metrics: renaming a metric then fails a test instead of blanking a panel.

use std::collections::BTreeMap;

use prometheus::proto::MetricType;
use prometheus::{IntCounter, Registry};

/// Every metric family fleetsight registers.
pub struct Exported {
    registry: Registry,
    /// The type of each family that has series.
    types: BTreeMap<String, MetricType>,
}

impl Exported {
    /// Registers every family, with the per-stream handles resolved so that `gather()` reports
    /// those families' types too.
    pub fn new() -> Self {
        let registry = Registry::new();
        let ingest = ingest::telemetry::IngestMetrics::register(&registry).expect("ingest metrics");
        let pipeline = pipeline::telemetry::PipelineMetrics::register(&registry).expect("pipeline metrics");
        // Registers sinks::telemetry::DeliveryMetrics too (frame to event, store writes).
        sinks::telemetry::KafkaMetrics::register(&registry).expect("kafka and delivery metrics");
        sinks::telemetry::NotifyMetrics::register(&registry).expect("notify metrics");
        sinks::telemetry::ChallanMetrics::register(&registry).expect("challan metrics");
        ingest.stream("probe");
        pipeline.stream("probe");
        let types = registry.gather().into_iter().map(|f| (f.name().to_string(), f.get_field_type())).collect();
        Self { registry, types }
    }

    /// Whether a family has this name. `gather()` leaves out families with no series yet, so
    /// registering a counter of that name is the test: refused means a family has it.
    pub fn has(&self, name: &str) -> bool {
        let probe = IntCounter::new(name, "probe").expect("a valid metric name");
        match self.registry.register(Box::new(probe.clone())) {
            Ok(()) => {
                self.registry.unregister(Box::new(probe)).expect("unregistering the probe");
                false
            }
            Err(_) => true,
        }
    }

    /// Why a name a query uses is not a series the code exports, if it is not (a histogram is
    /// queried by its `_bucket`, `_sum` or `_count`).
    pub fn check(&self, name: &str) -> Option<String> {
        if self.has(name) {
            return (self.types.get(name) == Some(&MetricType::HISTOGRAM)).then(|| format!("{name} is a histogram: query {name}_bucket, _sum or _count"));
        }
        let base = ["_bucket", "_sum", "_count"].iter().find_map(|s| name.strip_suffix(s));
        match base {
            Some(base) if self.has(base) => match self.types.get(base) {
                // A histogram vec with no series yet is not in gather(): its type is unknown here.
                None | Some(MetricType::HISTOGRAM) => None,
                Some(t) => Some(format!("{base} is a {t:?}, not a histogram: {name} does not exist")),
            },
            _ => Some(format!("{name} is not exported by fleetsight")),
        }
    }
}

impl Default for Exported {
    fn default() -> Self {
        Self::new()
    }
}
