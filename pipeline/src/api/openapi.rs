//! The OpenAPI document, served at `GET /openapi.json` and committed at `deploy/openapi.json`.
//!
//! Security is filled in from [`ROUTES`], so the document always says what the access layer
//! enforces: each operation gets both schemes (a bearer JWT or an `X-API-Key`), its required
//! access as `x-required-access`, and the 401 and 403 answers.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::extensions::ExtensionsBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::routes::{ROUTES, RouteClass, Verb};
use super::{alarms, challans, devices, error, gps, hotlist, images, incidents, plates, uploads};

#[derive(OpenApi)]
#[openapi(
    info(title = "fleetsight API", description = "Devices, GPS, plate sightings and incidents of a fleet tenant. Every `/v1` route needs a bearer JWT (people) or an `X-API-Key` (machines); `x-required-access` gives the role."),
    paths(
        devices::list_devices,
        devices::device_gps,
        gps::post_gps,
        plates::sightings,
        incidents::list_incidents,
        alarms::post_alarm,
        challans::list_challans,
        challans::get_challan,
        challans::review,
        challans::change_status,
        hotlist::list_hotlist,
        hotlist::put_hotlist,
        hotlist::delete_hotlist,
        hotlist::import_hotlist,
        hotlist::import_registry,
        images::post_image,
        uploads::post_clip,
        uploads::get_clip,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    modifiers(&AccessAddon),
    tags(
        (name = "devices", description = "The tenant's devices and their GPS."),
        (name = "plates", description = "Plate sightings."),
        (name = "incidents", description = "Violations, hotlist hits and MDVR alarms."),
        (name = "challans", description = "E-challans: review, lifecycle, evidence."),
        (name = "hotlist", description = "Plates that raise an incident on sight."),
        (name = "registry", description = "Registered owners, for challan notices."),
        (name = "uploads", description = "Images and clips analysed on demand."),
    )
)]
struct ApiDoc;

struct AccessAddon;

fn operation(item: &mut utoipa::openapi::PathItem, verb: Verb) -> Option<&mut Operation> {
    match verb {
        Verb::Get => item.get.as_mut(),
        Verb::Post => item.post.as_mut(),
        Verb::Put => item.put.as_mut(),
        Verb::Patch => item.patch.as_mut(),
        Verb::Delete => item.delete.as_mut(),
    }
}

impl Modify for AccessAddon {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()));
        components.add_security_scheme("api_key", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-API-Key"))));
        let error = || ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
        for r in ROUTES {
            let Some(op) = doc.paths.paths.get_mut(r.path).and_then(|item| operation(item, r.verb)) else { continue };
            op.security = Some(vec![SecurityRequirement::new("bearer", Vec::<String>::new()), SecurityRequirement::new("api_key", Vec::<String>::new())]);
            op.extensions = Some(ExtensionsBuilder::new().add("x-required-access", r.access.describe()).build());
            let unauthenticated = ResponseBuilder::new().description("No credentials, or credentials refused.").content("application/json", error()).build();
            let forbidden = ResponseBuilder::new()
                .description(format!("Authenticated, but this needs {}.", r.access.describe()))
                .content("application/json", error())
                .build();
            op.responses.responses.insert("401".into(), unauthenticated.into());
            op.responses.responses.insert("403".into(), forbidden.into());
            let why = match r.class {
                RouteClass::Standard => "too many failed authentications from this address",
                RouteClass::Query => "too many failed authentications from this address, or too many of these queries for this tenant",
            };
            // A route's own 429 (a full GPS buffer) keeps its description, and gains this one.
            let limited = match op.responses.responses.get("429") {
                Some(RefOr::T(own)) => format!("{} Or {why}; `Retry-After` says when to retry.", own.description),
                _ => format!("Rate limited: {why}; `Retry-After` says when to retry."),
            };
            let limited = ResponseBuilder::new().description(limited).content("application/json", error()).build();
            op.responses.responses.insert("429".into(), limited.into());
        }
    }
}

/// The document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The document as committed: pretty JSON with a final newline.
pub fn document_json() -> String {
    document().to_pretty_json().expect("the OpenAPI document serializes") + "\n"
}

/// `GET /openapi.json`.
pub async fn serve() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], document_json())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use super::*;

    /// `deploy/openapi.json` is exactly what the code generates. To update it:
    /// `FLEETSIGHT_WRITE_OPENAPI=1 cargo test --workspace --lib openapi_matches`.
    #[test]
    fn openapi_matches_deploy_file() {
        let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/openapi.json"));
        let text = document_json();
        if std::env::var_os("FLEETSIGHT_WRITE_OPENAPI").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == text, "{} drifted from the code; regenerate (see this test's doc)", path.display());
    }

    /// The document and the access table list the same operations, and each carries its access.
    #[test]
    fn document_lists_exactly_the_access_table() {
        let doc = document();
        let mut documented = BTreeSet::new();
        for (path, item) in &doc.paths.paths {
            let mut item = item.clone();
            for verb in [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete] {
                if let Some(op) = operation(&mut item, verb) {
                    assert!(op.security.is_some() && ["401", "403", "429"].iter().all(|s| op.responses.responses.contains_key(*s)), "{verb:?} {path} lacks its security");
                    documented.insert((verb.method().to_string(), path.clone()));
                }
            }
        }
        let table: BTreeSet<_> = ROUTES.iter().map(|r| (r.verb.method().to_string(), r.path.to_string())).collect();
        assert_eq!(documented, table);
    }
}
