//! What the API's handlers read and write.

use std::sync::Arc;

use ingest::StreamHandle;
use sinks::challan::{ChallanConfig, SinkStore};
use sinks::evidence::EvidenceStore;
use sinks::incident::IncidentStore;
use sinks::notify::NotifyConfig;

use super::auth::Authenticator;
use super::config::ApiLimits;
use super::ratelimit::RateLimits;
use super::reader::PlateReader;
use super::uploads::ClipUploads;
use super::tenancy::Tenants;
use crate::gps::GpsBuffer;
use crate::telemetry::PipelineMetrics;

/// The API's state, shared by every request.
#[derive(Clone)]
pub struct ApiState {
    /// Checks credentials ([`Authenticator::from_config`]).
    pub auth: Arc<Authenticator>,
    /// Which devices each tenant owns.
    pub tenants: Arc<Tenants>,
    /// Caps on one request.
    pub limits: ApiLimits,
    /// Every configured stream (none in `fleetsight sink`).
    pub streams: Arc<Vec<Arc<StreamHandle>>>,
    /// GPS fixes per device: `POST /v1/gps` writes here, device routes and alarms read.
    pub gps: Arc<GpsBuffer>,
    /// Plate reads.
    pub reads: Arc<dyn sinks::Store>,
    /// Incidents.
    pub incidents: Arc<dyn IncidentStore>,
    /// Challans, the hotlist, the registry and the notice outbox.
    pub store: Arc<dyn SinkStore>,
    /// Challan settings (notice period).
    pub challans: ChallanConfig,
    /// Notices queued when a reviewer issues a challan; none when absent.
    pub notify: Option<NotifyConfig>,
    /// Where evidence packages are (their file lists in challan details).
    pub evidence: Option<EvidenceStore>,
    /// Request and GPS counters.
    pub metrics: PipelineMetrics,
    /// Reads the plates of `POST /v1/images`.
    pub plate_reader: Arc<dyn PlateReader>,
    /// Clip uploads; `None` where they are off (503).
    pub clips: Option<ClipUploads>,
    /// 429s: failed authentications per client address, expensive queries per tenant.
    pub rate_limits: Arc<RateLimits>,
}
