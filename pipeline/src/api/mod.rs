//! The HTTP API (`/v1/...`, `/openapi.json`): fleet tenants see their own devices, GPS, plate
//! sightings and incidents, and feed GPS and alarms; see `routes.rs` for every route and the
//! role it needs.
//!
//! - [`config`]: `[api]`: keys, JWT, tenants, caps.
//! - [`auth`]: API keys and JWTs to a [`Caller`]; [`Access`] rules.
//! - [`routes`]: the access table [`ROUTES`], the access layer, the router.
//! - [`error`]: the one error shape.
//! - [`params`]: query parameters, windows, pages and JSON bodies, with errors naming the field.
//! - [`ratelimit`]: 429s for failed authentications per client address and for expensive
//!   queries per tenant.
//! - [`tenancy`]: which devices each tenant owns.
//! - [`openapi`]: the document (`deploy/openapi.json`).
//! - [`devices`], [`gps`], [`plates`], [`incidents`], [`alarms`], [`challans`], [`hotlist`]
//!   (with the registry import): the resources.
//! - [`images`] (`POST /v1/images`) and [`reader`] (the plate models it loads on first use).
//! - [`uploads`]: `POST /v1/clips` and `GET /v1/clips/{job}`.

pub mod alarms;
pub mod auth;
pub mod challans;
pub mod config;
pub mod devices;
pub mod error;
pub mod gps;
pub mod hotlist;
pub mod incidents;
pub mod openapi;
pub mod params;
pub mod plates;
pub mod ratelimit;
pub mod routes;
pub mod state;
pub mod tenancy;
pub mod images;
pub mod reader;
pub mod uploads;
#[cfg(test)]
mod tests;

pub use auth::{Access, Authenticator, Caller};
pub use config::{ApiConfig, ApiLimits, Role};
pub use error::ApiError;
pub use ratelimit::{RateLimitConfig, RateLimits};
pub use routes::{ROUTES, Route, RouteClass, Verb, router};
pub use state::ApiState;
pub use tenancy::Tenants;
pub use reader::{LazyRecognizer, PlateReader};
