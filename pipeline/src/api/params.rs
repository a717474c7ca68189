//! Request input: query parameters parsed by name (an unknown or repeated parameter is a 400,
//! and every bad value names its parameter), time windows under the cap, page sizes, and JSON
//! bodies whose errors name the field at fault.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;

use super::config::ApiLimits;
use super::error::ApiError;

/// Page size when `limit` is not given (capped by `max_page_size`).
const DEFAULT_PAGE: usize = 100;

/// Window when neither `from` nor `to` is given: the last 24 hours (capped by the window cap).
const DEFAULT_WINDOW_MS: i64 = 24 * 3_600_000;

/// The query parameters of one request.
#[derive(Debug)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `query`, refusing names outside `allowed` and repeated names.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Self, ApiError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                let known = if allowed.is_empty() { "none".to_string() } else { allowed.join(", ") };
                return Err(ApiError::invalid(k.as_ref(), format!("unknown query parameter; known: {known}")));
            }
            if pairs.iter().any(|(seen, _)| *seen == k) {
                return Err(ApiError::invalid(k.as_ref(), "given more than once"));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Self(pairs))
    }

    fn raw(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The value of `name` parsed as `T`; `what` describes a valid value for the message.
    pub fn get<T: FromStr>(&self, name: &str, what: &str) -> Result<Option<T>, ApiError> {
        self.raw(name).map(|v| v.parse::<T>().map_err(|_| ApiError::invalid(name, format!("`{v}` is not {what}")))).transpose()
    }

    /// Like [`Params::get`], for a required parameter.
    pub fn require<T: FromStr>(&self, name: &str, what: &str) -> Result<T, ApiError> {
        self.get(name, what)?.ok_or_else(|| ApiError::invalid(name, format!("required: {what}")))
    }

    /// The string value of `name`, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.raw(name)
    }

    /// `from`..`to` (Unix ms, `to` exclusive). Defaults: `to` = now, `from` = `to` minus a day
    /// (or the cap, if shorter). The window must be non-empty and at most the cap.
    pub fn window(&self, limits: &ApiLimits) -> Result<(i64, i64), ApiError> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        let to = self.get::<i64>("to", "a time in Unix milliseconds")?.unwrap_or(now);
        let from = self.get::<i64>("from", "a time in Unix milliseconds")?.unwrap_or(to.saturating_sub(DEFAULT_WINDOW_MS.min(limits.max_window_ms())));
        if from >= to {
            return Err(ApiError::invalid("from", format!("must be before `to` ({from} >= {to})")));
        }
        let span = to.saturating_sub(from);
        if span > limits.max_window_ms() {
            let hours = span as f64 / 3_600_000.0;
            return Err(ApiError::invalid("from", format!("the window is {hours:.1} h; at most {} h (api.limits.max_window_hours)", limits.max_window_hours)));
        }
        Ok((from, to))
    }

    /// `limit`: 1 to the cap; default 100 (or the cap, if smaller).
    pub fn limit(&self, limits: &ApiLimits) -> Result<usize, ApiError> {
        let limit = self.get::<usize>("limit", "a page size")?.unwrap_or(DEFAULT_PAGE.min(limits.max_page_size));
        if limit == 0 || limit > limits.max_page_size {
            return Err(ApiError::invalid("limit", format!("must be in 1..={} (api.limits.max_page_size), got {limit}", limits.max_page_size)));
        }
        Ok(limit)
    }
}

/// Checks a latitude and longitude; the error names `lat` or `lon`.
pub fn check_position(lat: f64, lon: f64) -> Result<(), ApiError> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(ApiError::invalid("lat", format!("{lat} is not a latitude (-90..=90)")));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(ApiError::invalid("lon", format!("{lon} is not a longitude (-180..=180)")));
    }
    Ok(())
}

/// Parses a JSON body. Types should use `deny_unknown_fields`; the error names the field
/// (`detail`, `[3].lat`) and the reason.
pub fn json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner().to_string();
        // A missing field is reported at its parent's path: name the field itself.
        let missing = inner.strip_prefix("missing field `").and_then(|r| r.split('`').next());
        let path = e.path().to_string();
        let field = match (path.as_str(), missing) {
            (".", Some(n)) => n.to_string(),
            (".", None) => String::new(),
            (p, Some(n)) => format!("{p}.{n}"),
            (p, None) => p.to_string(),
        };
        let reason = inner.split(" at line ").next().unwrap_or(&inner).to_string();
        if field.is_empty() { ApiError::malformed(format!("body: {reason}")) } else { ApiError::invalid(field, reason) }
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    fn limits() -> ApiLimits {
        ApiLimits { max_window_hours: 2, max_page_size: 50, ..Default::default() }
    }

    #[test]
    fn unknown_repeated_and_bad_values_name_the_parameter() {
        assert_eq!(Params::parse(Some("lat=1&bogus=2"), &["lat"]).unwrap_err().field(), Some("bogus"));
        assert_eq!(Params::parse(Some("lat=1&lat=2"), &["lat"]).unwrap_err().field(), Some("lat"));
        let p = Params::parse(Some("lat=abc"), &["lat", "lon"]).unwrap();
        assert_eq!(p.get::<f64>("lat", "a latitude").unwrap_err().field(), Some("lat"));
        assert_eq!(p.require::<f64>("lon", "a longitude").unwrap_err().field(), Some("lon"));
    }

    #[test]
    fn windows_and_pages_are_capped() {
        let l = limits();
        let p = |q: &str| Params::parse(Some(q), &["from", "to", "limit"]).unwrap();
        assert_eq!(p("from=0&to=7200000").window(&l).unwrap(), (0, 7_200_000));
        assert_eq!(p("from=0&to=7200001").window(&l).unwrap_err().field(), Some("from"));
        assert_eq!(p("from=5&to=5").window(&l).unwrap_err().field(), Some("from"));
        let (from, to) = p("to=10000000").window(&l).unwrap();
        assert_eq!(to - from, 7_200_000, "default window shrinks to the cap");
        assert_eq!(p("").limit(&l).unwrap(), 50);
        assert_eq!(p("limit=51").limit(&l).unwrap_err().field(), Some("limit"));
        assert_eq!(p("limit=0").limit(&l).unwrap_err().field(), Some("limit"));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
    }

    #[test]
    fn body_errors_name_the_field() {
        assert_eq!(json_body::<Body>(br#"{"name":"a","extra":1}"#).unwrap_err().field(), Some("extra"));
        assert_eq!(json_body::<Body>(br#"{}"#).unwrap_err().field(), Some("name"));
        assert_eq!(json_body::<Body>(br#"{"name":"a","inner":{"n":"x"}}"#).unwrap_err().field(), Some("inner.n"));
        assert_eq!(json_body::<Body>(br#"{"name":"a","inner":{"m":1}}"#).unwrap_err().field(), Some("inner.m"));
        assert_eq!(json_body::<Vec<Inner>>(br#"[{"n":1},{"n":-1}]"#).unwrap_err().field(), Some("[1].n"));
        let junk = json_body::<Body>(b"not json").unwrap_err();
        assert_eq!((junk.status(), junk.field()), (axum::http::StatusCode::BAD_REQUEST, None));
    }
}
