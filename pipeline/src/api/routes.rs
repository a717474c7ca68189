//! Every API route, what each asks of its caller, and the router.
//!
//! [`ROUTES`] is the one access table. The access layer looks each request's route up in it,
//! authenticates the caller, checks the role and hands the [`Caller`] to the handler; a route
//! missing from the table answers 500 (fails closed), and a test checks the table, the router
//! and the OpenAPI document list the same routes.
//!
//! To add a route: write the handler in its resource file with a `#[utoipa::path]`, add it to
//! [`router`], to [`ROUTES`] (with `.query()` if it is an expensive search: a per-tenant rate
//! limit) and to `openapi.rs`'s `paths(...)`, and give it a fixture in `tests.rs` (the matrix
//! test fails until it has one; a JSON body needs an `unknown_field_case` too).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};

use super::auth::{Access, Caller};
use super::config::Role;
use super::error::ApiError;
use super::state::ApiState;
use super::{alarms, challans, devices, gps, hotlist, images, incidents, openapi, plates, uploads};

/// An HTTP method of an API route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Verb {
    /// The `http` method.
    pub fn method(self) -> Method {
        match self {
            Verb::Get => Method::GET,
            Verb::Post => Method::POST,
            Verb::Put => Method::PUT,
            Verb::Patch => Method::PATCH,
            Verb::Delete => Method::DELETE,
        }
    }
}

/// Which rate limit a route is under, besides the one on failed authentications every route has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteClass {
    /// No other.
    Standard,
    /// An expensive search: a per-tenant token bucket (`api.rate_limits.queries_*`).
    Query,
}

/// One authenticated route.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The method.
    pub verb: Verb,
    /// The path template, as axum and OpenAPI write it (`/v1/devices/{id}/gps`).
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Its rate limit.
    pub class: RouteClass,
}

const fn route(verb: Verb, path: &'static str, access: Access) -> Route {
    Route { verb, path, access, class: RouteClass::Standard }
}

impl Route {
    /// The route as an expensive search ([`RouteClass::Query`]).
    const fn query(self) -> Route {
        Route { class: RouteClass::Query, ..self }
    }
}

/// Every authenticated route. Unauthenticated: `/metrics`, `/healthz`, `/readyz` (see `http.rs`)
/// and `/openapi.json`.
pub const ROUTES: &[Route] = &[
    route(Verb::Get, "/v1/devices", Access::AtLeast(Role::Viewer)),
    route(Verb::Get, "/v1/devices/{id}/gps", Access::AtLeast(Role::Viewer)),
    // Devices and their platforms feed GPS with API keys; a person needs operator.
    route(Verb::Post, "/v1/gps", Access::MachineOr(Role::Operator)),
    // A plate's history tracks a person's vehicle: reviewers (who handle challans) and up.
    route(Verb::Get, "/v1/plates/{plate}/sightings", Access::AtLeast(Role::Reviewer)).query(),
    route(Verb::Get, "/v1/incidents", Access::AtLeast(Role::Viewer)).query(),
    route(Verb::Post, "/v1/alarms", Access::MachineOr(Role::Operator)),
    // Challans carry owners' names: reviewers and up read and review them; the later stages
    // of their life (payment, contest, disposal) are an operator's.
    route(Verb::Get, "/v1/challans", Access::AtLeast(Role::Reviewer)),
    route(Verb::Get, "/v1/challans/{no}", Access::AtLeast(Role::Reviewer)),
    route(Verb::Post, "/v1/challans/{no}/review", Access::AtLeast(Role::Reviewer)),
    route(Verb::Post, "/v1/challans/{no}/status", Access::AtLeast(Role::Operator)),
    // The hotlist and the registry are the authority's lists, shared by every tenant.
    route(Verb::Get, "/v1/hotlist", Access::AtLeast(Role::Reviewer)),
    route(Verb::Put, "/v1/hotlist/{plate}", Access::AtLeast(Role::Admin)),
    route(Verb::Delete, "/v1/hotlist/{plate}", Access::AtLeast(Role::Admin)),
    route(Verb::Post, "/v1/hotlist/import", Access::AtLeast(Role::Admin)),
    route(Verb::Post, "/v1/registry/import", Access::AtLeast(Role::Admin)),
    // Uploads spend CPU on the models: devices' keys and operators.
    route(Verb::Post, "/v1/images", Access::MachineOr(Role::Operator)),
    route(Verb::Post, "/v1/clips", Access::MachineOr(Role::Operator)),
    route(Verb::Get, "/v1/clips/{job}", Access::AtLeast(Role::Viewer)),
];

/// The route `method` `path` (a template) in [`ROUTES`]. HEAD is GET's (axum answers HEAD with
/// the GET handler).
pub fn find(method: &Method, path: &str) -> Option<&'static Route> {
    let method = if method == Method::HEAD { &Method::GET } else { method };
    ROUTES.iter().find(|r| r.path == path && r.verb.method() == method)
}

/// The API's router: the routes of [`ROUTES`] behind the access layer, and `/openapi.json`.
pub fn router(state: ApiState) -> Router {
    let clip_limit = state.clips.as_ref().map_or(state.limits.max_body_bytes, |c| c.max_clip_bytes);
    Router::new()
        .route("/v1/devices", get(devices::list_devices))
        .route("/v1/devices/{id}/gps", get(devices::device_gps))
        .route("/v1/gps", post(gps::post_gps))
        .route("/v1/plates/{plate}/sightings", get(plates::sightings))
        .route("/v1/incidents", get(incidents::list_incidents))
        .route("/v1/alarms", post(alarms::post_alarm))
        .route("/v1/challans", get(challans::list_challans))
        .route("/v1/challans/{no}", get(challans::get_challan))
        .route("/v1/challans/{no}/review", post(challans::review))
        .route("/v1/challans/{no}/status", post(challans::change_status))
        .route("/v1/hotlist", get(hotlist::list_hotlist))
        .route("/v1/hotlist/{plate}", put(hotlist::put_hotlist).delete(hotlist::delete_hotlist))
        .route("/v1/hotlist/import", post(hotlist::import_hotlist))
        .route("/v1/registry/import", post(hotlist::import_registry))
        .route("/v1/images", post(images::post_image).layer(DefaultBodyLimit::max(state.limits.max_image_bytes)))
        .route("/v1/clips", post(uploads::post_clip).layer(DefaultBodyLimit::max(clip_limit)))
        .route("/v1/clips/{job}", get(uploads::get_clip))
        .route_layer(middleware::from_fn_with_state(state.clone(), access))
        .layer(DefaultBodyLimit::max(state.limits.max_body_bytes))
        .route("/openapi.json", get(openapi::serve))
        .fallback(|| async { ApiError::not_found("route") })
        .with_state(state)
}

/// Authenticates (under the limit on failures), authorizes by [`ROUTES`], applies the route's
/// rate limit, counts, and passes the [`Caller`] on.
async fn access(State(state): State<ApiState>, matched: MatchedPath, mut req: Request, next: Next) -> Response {
    let method = req.method().clone();
    // Served without connect info (some tests), every client shares one address.
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let client = state.rate_limits.client(peer, req.headers());
    let caller = match find(&method, matched.as_str()) {
        None => Err(ApiError::internal(format!("{method} {} has no entry in api::ROUTES", matched.as_str()))),
        Some(r) => {
            let caller = state.rate_limits.authenticate(client, || state.auth.authenticate(req.headers()));
            caller.and_then(|c| authorize(r, c)).and_then(|c| limit(&state, r, c))
        }
    };
    let resp = match caller {
        Ok(c) => {
            req.extensions_mut().insert(c);
            next.run(req).await
        }
        Err(e) => e.into_response(),
    };
    state.metrics.api_requests.with_label_values(&[method.as_str(), matched.as_str(), resp.status().as_str()]).inc();
    resp
}

fn limit(state: &ApiState, route: &Route, caller: Caller) -> Result<Caller, ApiError> {
    match route.class {
        RouteClass::Standard => Ok(caller),
        RouteClass::Query => state.rate_limits.query(&caller.tenant).map(|()| caller),
    }
}

fn authorize(route: &Route, caller: Caller) -> Result<Caller, ApiError> {
    if route.access.allows(&caller) {
        Ok(caller)
    } else {
        tracing::debug!(subject = %caller.subject, route = route.path, "API call refused: role too low.");
        Err(ApiError::forbidden(format!("this needs {}", route.access.describe())))
    }
}
