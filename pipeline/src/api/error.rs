//! The API's one error shape: `{"error": {"code", "field"?, "message"}}` with the HTTP status
//! that goes with the code.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The `WWW-Authenticate` challenge sent with every 401.
const CHALLENGE: &str = r#"Bearer realm="fleetsight""#;
/// The challenge when a token was sent but refused (RFC 6750 section 3.1).
const CHALLENGE_INVALID: &str = r#"Bearer realm="fleetsight", error="invalid_token""#;

/// An error answered to a client.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    field: Option<String>,
    message: String,
    /// Seconds for `Retry-After` (429s from the rate limits).
    retry_after: Option<u64>,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_argument`, `unauthenticated`, `forbidden`,
    /// `not_found`, `no_position`, `unavailable`, `internal`, `too_large`, `unsupported_media_type`,
    /// `resource_exhausted`, `rate_limited`.
    pub code: &'static str,
    /// The request field or parameter at fault (`lat`, `[2].time_ms`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For people.
    pub message: String,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, field: Option<String>, message: impl Into<String>) -> Self {
        Self { status, code, field, message: message.into(), retry_after: None }
    }

    /// 400: `field` is bad, and why.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_argument", Some(field.into()), message)
    }

    /// 400 not tied to one field (a body that is not JSON).
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_argument", None, message)
    }

    /// 401: no credentials, or credentials refused. `sent` says whether any were sent.
    pub fn unauthenticated(sent: bool, message: impl Into<String>) -> Self {
        let code = if sent { "invalid_credentials" } else { "unauthenticated" };
        Self::new(StatusCode::UNAUTHORIZED, code, None, message)
    }

    /// 403: authenticated, but the role is not enough.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", None, message)
    }

    /// 404: no such object for this caller (also another tenant's object: existence never leaks).
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", None, format!("{} not found", what.into()))
    }

    /// 422: well-formed, but cannot be acted on (an alarm that cannot be located).
    pub fn unprocessable(code: &'static str, field: Option<&str>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, field.map(str::to_owned), message)
    }

    /// 409: the object's state forbids it (a challan move the lifecycle does not allow).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", None, message)
    }

    /// 413: the body is over `limit` bytes.
    pub fn too_large(limit: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", None, format!("the body is over the {limit}-byte limit"))
    }

    /// 415: a `Content-Type` this route does not take; `accepted` lists those it does.
    pub fn unsupported_type(got: &str, accepted: &str) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            Some("content-type".into()),
            format!("`{got}` is not accepted: send {accepted}"),
        )
    }

    /// 429: a server-side cap refuses `field`'s object (a new device past `gps.max_devices`);
    /// not the request's fault, and not fixed by resending it at once.
    pub fn resource_exhausted(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "resource_exhausted", Some(field.into()), message)
    }

    /// 429: a rate limit (see `ratelimit.rs`); the client may retry after `retry_after_secs`,
    /// sent as `Retry-After`.
    pub fn rate_limited(retry_after_secs: u64, message: impl Into<String>) -> Self {
        Self { retry_after: Some(retry_after_secs), ..Self::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", None, message) }
    }

    /// 503: a backing service is down or not configured.
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", None, message)
    }

    /// 500: a bug. The detail is logged, not sent.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "API request failed.");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", None, "internal error")
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The `Retry-After` seconds of a rate-limited request.
    pub fn retry_after(&self) -> Option<u64> {
        self.retry_after
    }

    /// The field at fault, if any.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// Maps a store error. The stores name the field of an invalid argument as the message's
    /// prefix (`cursor: not a cursor ...`); it becomes `field`.
    pub fn from_store(e: sinks::Error) -> Self {
        match e.kind() {
            sinks::ErrorKind::InvalidArgument => {
                let text = e.to_string();
                match text.split_once(": ").filter(|(f, _)| !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')) {
                    Some((field, why)) => Self::invalid(field, why),
                    None => Self::malformed(text),
                }
            }
            sinks::ErrorKind::NotFound => Self::new(StatusCode::NOT_FOUND, "not_found", None, e.to_string()),
            sinks::ErrorKind::Conflict => Self::conflict(e.to_string()),
            sinks::ErrorKind::Unavailable | sinks::ErrorKind::ResourceExhausted => {
                tracing::warn!(error = %e, "Store unavailable for an API request.");
                Self::unavailable("the store is unavailable; retry")
            }
            _ => Self::internal(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let challenge = match (self.status, self.code) {
            (StatusCode::UNAUTHORIZED, "unauthenticated") => Some(CHALLENGE),
            (StatusCode::UNAUTHORIZED, _) => Some(CHALLENGE_INVALID),
            _ => None,
        };
        let body = ErrorBody { error: ErrorDetail { code: self.code, field: self.field, message: self.message } };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(c) = challenge {
            resp.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(c));
        }
        if let Some(secs) = self.retry_after {
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(e: ApiError) -> (StatusCode, Option<HeaderValue>, serde_json::Value) {
        let r = e.into_response();
        let (parts, b) = r.into_parts();
        let bytes = axum::body::to_bytes(b, 1 << 16).await.unwrap();
        (parts.status, parts.headers.get(header::WWW_AUTHENTICATE).cloned(), serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn shape_and_challenge() {
        let (s, h, v) = body(ApiError::invalid("lat", "91 is not a latitude")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert!(h.is_none());
        assert_eq!(v, serde_json::json!({"error": {"code": "invalid_argument", "field": "lat", "message": "91 is not a latitude"}}));
        let (s, h, v) = body(ApiError::unauthenticated(false, "send a bearer token or X-API-Key")).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        assert_eq!(h.unwrap(), CHALLENGE);
        assert!(v["error"].get("field").is_none());
        let (_, h, _) = body(ApiError::unauthenticated(true, "token expired")).await;
        assert_eq!(h.unwrap(), CHALLENGE_INVALID);
        let r = ApiError::rate_limited(7, "slow down").into_response();
        assert_eq!((r.status(), r.headers().get(header::RETRY_AFTER).unwrap()), (StatusCode::TOO_MANY_REQUESTS, &HeaderValue::from(7u64)));
    }

    #[tokio::test]
    async fn internal_detail_is_not_sent() {
        let (s, _, v) = body(ApiError::from_store(sinks::Error::new(sinks::ErrorKind::Internal, "sqlite: disk image is malformed"))).await;
        assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(v["error"]["message"], "internal error");
    }

    #[test]
    fn store_invalid_arguments_name_their_field() {
        let e = ApiError::from_store(sinks::Error::new(sinks::ErrorKind::InvalidArgument, "cursor: not a cursor returned by this query"));
        assert_eq!((e.status(), e.field()), (StatusCode::BAD_REQUEST, Some("cursor")));
        let e = ApiError::from_store(sinks::Error::new(sinks::ErrorKind::InvalidArgument, "bad query (2 problems): x"));
        assert_eq!((e.status(), e.field()), (StatusCode::BAD_REQUEST, None));
    }
}
