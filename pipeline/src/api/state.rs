//! What the API's handlers read and write.

use std::sync::Arc;

use ingest::StreamHandle;
use sinks::incident::IncidentStore;

use super::auth::Authenticator;
use super::config::ApiLimits;
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
    /// Request and GPS counters.
    pub metrics: PipelineMetrics,
    /// Reads the plates of `POST /v1/images`.
    pub plate_reader: Arc<dyn PlateReader>,
    /// Clip uploads; `None` where they are off (503).
    pub clips: Option<ClipUploads>,
}
