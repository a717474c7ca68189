//! `[api]`: where the HTTP API listens, who may call it (API keys for machines, JWTs for people),
//! which devices each fleet tenant owns, and the caps on what one request may ask for.
//!
//! ```toml
//! [api]
//! listen = "0.0.0.0:9900"
//!
//! [[api.tenants]]
//! id = "acme"
//! devices = ["bus-101", "bus-102"]
//!
//! [[api.api_keys]]
//! name = "acme-mdvr-gateway"
//! key_env = "FLEETSIGHT_ACME_GATEWAY_KEY"   # or sha256 = "<64 hex>", or key_file = "/run/secrets/k"
//! tenant = "acme"
//! role = "operator"
//!
//! [api.jwt]
//! issuer = "https://idp.example.com/"
//! audience = "fleetsight"
//! algorithm = "RS256"
//! public_key_file = "/etc/fleetsight/jwt-public.pem"
//!
//! [api.limits]
//! max_radius_m = 10000.0
//! max_window_hours = 168
//!
//! [api.rate_limits]
//! auth_failures_burst = 10       # failed authentications per client address, then 429
//! auth_failures_per_minute = 6
//! queries_burst = 60             # incident and plate searches per tenant, then 429
//! queries_per_minute = 120
//! # trusted_proxies = ["10.0.0.5"]  # whose X-Forwarded-For names the client
//! ```
//!
//! No secret is ever written in the file: an API key is given as its SHA-256, or read from an
//! environment variable or a file at start; the JWT HMAC secret likewise. [`ApiConfig::validate`]
//! checks the shape (pure); [`crate::api::Authenticator::from_config`] reads the secrets.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sinks::incident::{MAX_LIMIT, geo};
use utoipa::ToSchema;

/// The HTTP endpoint and the API's access control.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// Address to serve the API, `/metrics`, `/healthz` and `/readyz` on. Port 0 picks a free port.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Machine credentials (MDVR gateways, integrations). Without keys and without `jwt`, every
    /// `/v1` route answers 401.
    #[serde(default)]
    pub api_keys: Vec<ApiKeyConfig>,
    /// Bearer tokens for people, issued by an identity provider.
    #[serde(default)]
    pub jwt: Option<JwtConfig>,
    /// Fleet tenants and the devices each owns. A caller sees only its tenant's devices and their
    /// data; a device no tenant lists is invisible through the API.
    #[serde(default)]
    pub tenants: Vec<TenantConfig>,
    /// Caps on one request.
    #[serde(default)]
    pub limits: ApiLimits,
    /// Clip uploads (`POST /v1/clips`): off unless `dir` is set.
    #[serde(default)]
    pub uploads: crate::uploads::UploadsConfig,
    /// 429s for failed authentications per client address and for expensive queries per tenant.
    #[serde(default)]
    pub rate_limits: super::ratelimit::RateLimitConfig,
}

/// What a caller may do. Each role includes the ones below it: admin > operator > reviewer >
/// viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Reads devices, GPS and incidents.
    Viewer,
    /// Also reads plate histories and reviews challans.
    Reviewer,
    /// Also writes: alarms, GPS, challan status.
    Operator,
    /// Also manages lists (hotlist, registry) and everything else.
    Admin,
}

impl Role {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Reviewer => "reviewer",
            Role::Operator => "operator",
            Role::Admin => "admin",
        }
    }
}

/// A string kept out of `Debug` output (a key hash, a secret's value).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Redacted(pub String);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"[redacted]\"")
    }
}

/// One API key. Exactly one of `sha256`, `key_env` and `key_file` says what the key is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyConfig {
    /// A name for the key, unique: the caller's subject in logs (never the key itself).
    pub name: String,
    /// The key's SHA-256 as 64 hex digits (`printf %s "$KEY" | sha256sum`).
    #[serde(default)]
    pub sha256: Option<Redacted>,
    /// An environment variable holding the key itself, read at start.
    #[serde(default)]
    pub key_env: Option<String>,
    /// A file holding the key itself (surrounding whitespace ignored), read at start.
    #[serde(default)]
    pub key_file: Option<PathBuf>,
    /// The tenant the key acts for (an `[[api.tenants]]` id).
    pub tenant: String,
    /// What the key may do.
    pub role: Role,
}

/// The JWT signature algorithm, pinned: a token signed with any other is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum JwtAlgorithm {
    /// HMAC-SHA256 with a shared secret (`secret_env` or `secret_file`).
    HS256,
    /// RSA-SHA256, verified with the identity provider's public key (`public_key_file`).
    RS256,
}

/// Bearer tokens. Claims: `sub`, `tenant`, `role`, `exp`, `iss`, `aud` (all required).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JwtConfig {
    /// The `iss` every token must carry.
    pub issuer: String,
    /// The `aud` every token must carry.
    pub audience: String,
    /// The only algorithm accepted.
    pub algorithm: JwtAlgorithm,
    /// HS256: an environment variable holding the shared secret.
    #[serde(default)]
    pub secret_env: Option<String>,
    /// HS256: a file holding the shared secret (surrounding whitespace ignored).
    #[serde(default)]
    pub secret_file: Option<PathBuf>,
    /// RS256: the identity provider's public key, PEM.
    #[serde(default)]
    pub public_key_file: Option<PathBuf>,
    /// Clock skew tolerated on `exp`, seconds.
    #[serde(default = "default_leeway")]
    pub leeway_secs: u64,
}

/// A fleet tenant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantConfig {
    /// Unique id: letters, digits, `.`, `_`, `-`. Tokens carry it in their `tenant` claim.
    pub id: String,
    /// The devices (MDVR ids) it owns; a device belongs to at most one tenant.
    #[serde(default)]
    pub devices: Vec<String>,
}

/// Caps on one request: larger asks are a 400 naming the parameter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiLimits {
    /// Largest `radius_m` of an incident query, metres.
    #[serde(default = "default_max_radius")]
    pub max_radius_m: f64,
    /// Longest `from`..`to` window of any query, hours.
    #[serde(default = "default_max_window")]
    pub max_window_hours: u32,
    /// Largest page (`limit`); also caps the items of unpaged lists.
    #[serde(default = "default_max_page")]
    pub max_page_size: usize,
    /// Largest request body, bytes.
    #[serde(default = "default_max_body")]
    pub max_body_bytes: usize,
    /// Largest image of `POST /v1/images`, bytes (its own cap: photos outgrow JSON bodies).
    #[serde(default = "default_max_image_bytes")]
    pub max_image_bytes: usize,
    /// Largest width and height of an uploaded image, pixels; checked from the header, before
    /// the pixels are decoded.
    #[serde(default = "default_max_image_side")]
    pub max_image_side: u32,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 9900))
}
const fn default_leeway() -> u64 {
    30
}
const fn default_max_radius() -> f64 {
    10_000.0
}
const fn default_max_window() -> u32 {
    7 * 24
}
const fn default_max_page() -> usize {
    500
}
const fn default_max_body() -> usize {
    1 << 20
}
const fn default_max_image_bytes() -> usize {
    8 << 20
}
const fn default_max_image_side() -> u32 {
    4096
}

impl Default for ApiConfig {
    fn default() -> Self {
        Self { listen: default_listen(), api_keys: Vec::new(), jwt: None, tenants: Vec::new(), limits: ApiLimits::default(), uploads: Default::default(), rate_limits: Default::default() }
    }
}

impl Default for ApiLimits {
    fn default() -> Self {
        Self {
            max_radius_m: default_max_radius(),
            max_window_hours: default_max_window(),
            max_page_size: default_max_page(),
            max_body_bytes: default_max_body(),
            max_image_bytes: default_max_image_bytes(),
            max_image_side: default_max_image_side(),
        }
    }
}

impl ApiLimits {
    /// The longest window, milliseconds.
    pub fn max_window_ms(&self) -> i64 {
        i64::from(self.max_window_hours) * 3_600_000
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Whether `s` is 64 hex digits.
pub(crate) fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl ApiConfig {
    /// Every problem, each as `field: message` relative to `[api]`. Pure: secrets are read later.
    pub fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        let mut owner: HashMap<&str, &str> = HashMap::new();
        let mut ids = HashSet::new();
        for (i, t) in self.tenants.iter().enumerate() {
            if !is_id(&t.id) {
                p.push(format!("tenants[{i}].id: `{}` must be 1-64 characters of letters, digits, `.`, `_`, `-`", t.id));
            }
            if !ids.insert(t.id.as_str()) {
                p.push(format!("tenants[{i}].id: `{}` is used by an earlier tenant", t.id));
            }
            for (j, d) in t.devices.iter().enumerate() {
                if d.trim().is_empty() {
                    p.push(format!("tenants[{i}].devices[{j}]: must not be empty"));
                } else if let Some(other) = owner.insert(d, &t.id) {
                    p.push(format!("tenants[{i}].devices[{j}]: `{d}` already belongs to tenant `{other}`"));
                }
            }
        }
        let mut names = HashSet::new();
        for (i, k) in self.api_keys.iter().enumerate() {
            p.extend(k.validate(&ids).into_iter().map(|e| format!("api_keys[{i}].{e}")));
            if !names.insert(k.name.as_str()) {
                p.push(format!("api_keys[{i}].name: `{}` is used by an earlier key", k.name));
            }
        }
        if let Some(j) = &self.jwt {
            p.extend(j.validate().into_iter().map(|e| format!("jwt.{e}")));
        }
        p.extend(self.limits.validate().into_iter().map(|e| format!("limits.{e}")));
        p.extend(self.uploads.validate().into_iter().map(|e| format!("uploads.{e}")));
        p.extend(self.rate_limits.validate().into_iter().map(|e| format!("rate_limits.{e}")));
        p
    }
}

impl ApiKeyConfig {
    fn validate(&self, tenants: &HashSet<&str>) -> Vec<String> {
        let mut p = Vec::new();
        if !is_id(&self.name) {
            p.push(format!("name: `{}` must be 1-64 characters of letters, digits, `.`, `_`, `-`", self.name));
        }
        let sources = [self.sha256.is_some(), self.key_env.is_some(), self.key_file.is_some()];
        if sources.iter().filter(|s| **s).count() != 1 {
            p.push("sha256: set exactly one of `sha256`, `key_env`, `key_file`".into());
        }
        if let Some(h) = &self.sha256 {
            if !is_sha256_hex(&h.0) {
                p.push("sha256: must be 64 hex digits (the key's SHA-256, not the key)".into());
            }
        }
        if self.key_env.as_deref().is_some_and(|e| e.is_empty()) {
            p.push("key_env: must name an environment variable".into());
        }
        if !tenants.contains(self.tenant.as_str()) {
            p.push(format!("tenant: `{}` is not an [[api.tenants]] id", self.tenant));
        }
        p
    }
}

impl JwtConfig {
    fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        for (name, v) in [("issuer", &self.issuer), ("audience", &self.audience)] {
            if v.trim().is_empty() {
                p.push(format!("{name}: must not be empty"));
            }
        }
        match self.algorithm {
            JwtAlgorithm::HS256 => {
                if self.secret_env.is_some() == self.secret_file.is_some() {
                    p.push("secret_env: HS256 needs exactly one of `secret_env`, `secret_file`".into());
                }
                if self.public_key_file.is_some() {
                    p.push("public_key_file: only for RS256".into());
                }
            }
            JwtAlgorithm::RS256 => {
                if self.public_key_file.is_none() {
                    p.push("public_key_file: RS256 needs the identity provider's public key (PEM)".into());
                }
                if self.secret_env.is_some() || self.secret_file.is_some() {
                    p.push("secret_env: only for HS256".into());
                }
            }
        }
        if self.leeway_secs > 300 {
            p.push(format!("leeway_secs: at most 300, got {}", self.leeway_secs));
        }
        p
    }
}

impl ApiLimits {
    fn validate(&self) -> Vec<String> {
        let mut p = Vec::new();
        // The caps cannot exceed what the incident stores answer.
        let (radius, hours) = (geo::MAX_RADIUS_M, geo::MAX_WINDOW_MS / 3_600_000);
        if !(self.max_radius_m.is_finite() && self.max_radius_m > 0.0 && self.max_radius_m <= radius) {
            p.push(format!("max_radius_m: must be in (0, {radius}], got {}", self.max_radius_m));
        }
        if !(1..=hours).contains(&i64::from(self.max_window_hours)) {
            p.push(format!("max_window_hours: must be in 1..={hours}, got {}", self.max_window_hours));
        }
        if !(1..=MAX_LIMIT).contains(&self.max_page_size) {
            p.push(format!("max_page_size: must be in 1..={MAX_LIMIT}, got {}", self.max_page_size));
        }
        if !(1024..=64 << 20).contains(&self.max_body_bytes) {
            p.push(format!("max_body_bytes: must be in 1024..=67108864, got {}", self.max_body_bytes));
        }
        if !(1024..=256 << 20).contains(&self.max_image_bytes) {
            p.push(format!("max_image_bytes: must be in 1024..=268435456, got {}", self.max_image_bytes));
        }
        if !(16..=16384).contains(&self.max_image_side) {
            p.push(format!("max_image_side: must be in 16..=16384, got {}", self.max_image_side));
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ApiConfig {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn defaults_are_valid() {
        assert!(ApiConfig::default().validate().is_empty());
        assert_eq!(ApiLimits::default().max_window_ms(), 7 * 24 * 3_600_000);
    }

    #[test]
    fn every_problem_names_its_field() {
        let c = parse(
            r#"
            [[tenants]]
            id = "acme"
            devices = ["bus-1", "bus-1"]
            [[tenants]]
            id = "acme"
            [[api_keys]]
            name = "gw"
            sha256 = "abc"
            key_env = "X"
            tenant = "nobody"
            role = "operator"
            [jwt]
            issuer = ""
            audience = "fleetsight"
            algorithm = "RS256"
            secret_env = "S"
            [limits]
            max_radius_m = 0.0
            max_page_size = 0
        "#,
        );
        let problems = c.validate().join("\n");
        for needle in [
            "tenants[0].devices[1]: `bus-1` already belongs to tenant `acme`",
            "tenants[1].id: `acme` is used",
            "api_keys[0].sha256: set exactly one",
            "api_keys[0].sha256: must be 64 hex digits",
            "api_keys[0].tenant: `nobody`",
            "jwt.issuer",
            "jwt.public_key_file",
            "jwt.secret_env: only for HS256",
            "limits.max_radius_m",
            "limits.max_page_size",
        ] {
            assert!(problems.contains(needle), "missing {needle} in:\n{problems}");
        }
    }

    #[test]
    fn unknown_keys_and_roles_are_refused() {
        assert!(toml::from_str::<ApiConfig>("[[api_keys]]\nname='a'\nkey='plain'\ntenant='t'\nrole='admin'").unwrap_err().to_string().contains("key"));
        assert!(toml::from_str::<ApiConfig>("[[api_keys]]\nname='a'\nkey_env='K'\ntenant='t'\nrole='root'").unwrap_err().to_string().contains("root"));
    }

    #[test]
    fn debug_hides_key_hashes() {
        let hash = "a".repeat(64);
        let c = parse(&format!("[[tenants]]\nid='t'\n[[api_keys]]\nname='a'\nsha256='{hash}'\ntenant='t'\nrole='admin'"));
        assert!(c.validate().is_empty(), "{:?}", c.validate());
        let debug = format!("{c:?}");
        assert!(!debug.contains(&hash) && debug.contains("[redacted]"), "{debug}");
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Admin > Role::Operator && Role::Operator > Role::Reviewer && Role::Reviewer > Role::Viewer);
    }
}
