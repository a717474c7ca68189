//! Who is calling: an API key (`X-API-Key`, machines) or a JWT (`Authorization: Bearer`,
//! people), resolved to a [`Caller`] with a tenant and a role.
//!
//! - API keys are compared as SHA-256 hashes, in constant time, against every configured key
//!   (no early exit), so timing tells nothing about which key or how much of it matched.
//! - JWTs are verified with the one algorithm configured (the token's `alg` header never chooses:
//!   `alg=none` and an HS256 token signed with an RS256 public key are refused), and `exp`,
//!   `iss`, `aud` are checked.
//! - A token's `tenant` must be a configured tenant.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::config::{ApiConfig, JwtAlgorithm, JwtConfig, Role};
use super::error::ApiError;

/// The header carrying an API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The key's name, or the token's `sub`.
    pub subject: String,
    /// The tenant it acts for.
    pub tenant: String,
    /// What it may do.
    pub role: Role,
    /// True for an API key (a machine), false for a token (a person).
    pub machine: bool,
}

/// What a route asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// This role or a higher one.
    AtLeast(Role),
    /// Any API key (a device or gateway feeding data), or a person with this role or higher.
    MachineOr(Role),
}

impl Access {
    /// Whether `caller` may use the route.
    pub fn allows(self, caller: &Caller) -> bool {
        match self {
            Access::AtLeast(r) => caller.role >= r,
            Access::MachineOr(r) => caller.machine || caller.role >= r,
        }
    }

    /// For documents and messages: `operator`, `machine API key or operator`.
    pub fn describe(self) -> String {
        match self {
            Access::AtLeast(r) => r.as_str().to_string(),
            Access::MachineOr(r) => format!("machine API key or {}", r.as_str()),
        }
    }
}

/// Handlers take the caller as an argument; the access layer (see `routes.rs`) has put it there.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| ApiError::internal("a handler ran without the access layer"))
    }
}

struct Key {
    hash: [u8; 32],
    name: String,
    tenant: String,
    role: Role,
}

struct Jwt {
    key: DecodingKey,
    validation: Validation,
}

/// Checks credentials against the configured keys and token verifier.
pub struct Authenticator {
    keys: Vec<Key>,
    jwt: Option<Jwt>,
    tenants: HashSet<String>,
}

impl fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.keys.iter().map(|k| k.name.as_str()).collect();
        f.debug_struct("Authenticator").field("keys", &names).field("jwt", &self.jwt.is_some()).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    tenant: String,
    role: Role,
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn decode_hex32(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    for (i, pair) in s.as_bytes().chunks(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        *out.get_mut(i)? = u8::from_str_radix(text, 16).ok()?;
    }
    (s.len() == 64).then_some(out)
}

/// A secret from an environment variable or a file, trimmed. Errors name the config field.
fn read_secret(env: Option<&str>, file: Option<&Path>, field: &str) -> Result<Vec<u8>, String> {
    match (env, file) {
        (Some(var), _) => match std::env::var(var) {
            Ok(v) if !v.trim().is_empty() => Ok(v.trim().as_bytes().to_vec()),
            _ => Err(format!("{field}_env: environment variable {var} is not set or empty")),
        },
        (None, Some(path)) => match std::fs::read_to_string(path) {
            Ok(v) if !v.trim().is_empty() => Ok(v.trim().as_bytes().to_vec()),
            Ok(_) => Err(format!("{field}_file: {} is empty", path.display())),
            Err(e) => Err(format!("{field}_file: cannot read {}: {e}", path.display())),
        },
        (None, None) => Err(format!("{field}: no source")),
    }
}

fn build_jwt(c: &JwtConfig) -> Result<Jwt, String> {
    let (alg, key) = match c.algorithm {
        JwtAlgorithm::HS256 => {
            let secret = read_secret(c.secret_env.as_deref(), c.secret_file.as_deref(), "secret")?;
            if secret.len() < 32 {
                return Err("secret_env: an HS256 secret needs at least 32 bytes".into());
            }
            (Algorithm::HS256, DecodingKey::from_secret(&secret))
        }
        JwtAlgorithm::RS256 => {
            let path = c.public_key_file.as_deref().ok_or("public_key_file: required for RS256")?;
            let pem = std::fs::read(path).map_err(|e| format!("public_key_file: cannot read {}: {e}", path.display()))?;
            let key = DecodingKey::from_rsa_pem(&pem).map_err(|e| format!("public_key_file: {} is not an RSA public key PEM: {e}", path.display()))?;
            (Algorithm::RS256, key)
        }
    };
    let mut validation = Validation::new(alg);
    validation.set_issuer(&[&c.issuer]);
    validation.set_audience(&[&c.audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = c.leeway_secs;
    validation.validate_nbf = true;
    Ok(Jwt { key, validation })
}

impl Authenticator {
    /// Reads the secrets `config` points at (environment variables, files). Every problem is
    /// reported, each as `api.<field>: message`. Call after [`ApiConfig::validate`] passed.
    pub fn from_config(config: &ApiConfig) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut keys = Vec::new();
        for (i, k) in config.api_keys.iter().enumerate() {
            let hash = match &k.sha256 {
                Some(h) => decode_hex32(&h.0).ok_or_else(|| "sha256: must be 64 hex digits".to_string()),
                None => read_secret(k.key_env.as_deref(), k.key_file.as_deref(), "key").map(|s| sha256(&s)),
            };
            match hash {
                Ok(hash) if keys.iter().any(|other: &Key| other.hash == hash) => {
                    problems.push(format!("api.api_keys[{i}]: the same key as an earlier entry"));
                }
                Ok(hash) => keys.push(Key { hash, name: k.name.clone(), tenant: k.tenant.clone(), role: k.role }),
                Err(e) => problems.push(format!("api.api_keys[{i}].{e}")),
            }
        }
        let jwt = match config.jwt.as_ref().map(build_jwt).transpose() {
            Ok(j) => j,
            Err(e) => {
                problems.push(format!("api.jwt.{e}"));
                None
            }
        };
        let tenants = config.tenants.iter().map(|t| t.id.clone()).collect();
        if problems.is_empty() { Ok(Self { keys, jwt, tenants }) } else { Err(problems) }
    }

    /// The caller behind `headers`: exactly one of an `X-API-Key` and an `Authorization: Bearer`.
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Caller, ApiError> {
        let key = headers.get(API_KEY_HEADER);
        let bearer = headers.get(axum::http::header::AUTHORIZATION);
        match (key, bearer) {
            (None, None) => Err(ApiError::unauthenticated(false, "send `Authorization: Bearer <token>` or `X-API-Key: <key>`")),
            (Some(_), Some(_)) => Err(ApiError::unauthenticated(true, "send one credential, not both")),
            (Some(k), None) => self.by_key(k.as_bytes()),
            (None, Some(b)) => {
                let token = b.to_str().ok().and_then(|v| v.split_once(' ')).filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer")).map(|(_, t)| t.trim());
                self.by_token(token.ok_or_else(|| ApiError::unauthenticated(true, "Authorization must be `Bearer <token>`"))?)
            }
        }
    }

    fn by_key(&self, presented: &[u8]) -> Result<Caller, ApiError> {
        let hash = sha256(presented);
        let mut found = None;
        for k in &self.keys {
            if bool::from(k.hash.ct_eq(&hash)) {
                found = Some(k);
            }
        }
        let k = found.ok_or_else(|| ApiError::unauthenticated(true, "unknown API key"))?;
        Ok(Caller { subject: k.name.clone(), tenant: k.tenant.clone(), role: k.role, machine: true })
    }

    fn by_token(&self, token: &str) -> Result<Caller, ApiError> {
        let jwt = self.jwt.as_ref().ok_or_else(|| ApiError::unauthenticated(true, "bearer tokens are not accepted here"))?;
        let claims = jsonwebtoken::decode::<Claims>(token, &jwt.key, &jwt.validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind as K;
            let why = match e.kind() {
                K::ExpiredSignature => "token expired",
                K::InvalidIssuer => "token issuer not accepted",
                K::InvalidAudience => "token audience not accepted",
                K::InvalidAlgorithm => "token algorithm not accepted",
                K::MissingRequiredClaim(_) => "token lacks a required claim",
                _ => "token invalid",
            };
            ApiError::unauthenticated(true, why)
        })?;
        let c = claims.claims;
        if !self.tenants.contains(&c.tenant) {
            return Err(ApiError::unauthenticated(true, "token tenant unknown"));
        }
        Ok(Caller { subject: c.sub, tenant: c.tenant, role: c.role, machine: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::config::{ApiKeyConfig, Redacted, TenantConfig};

    fn config() -> ApiConfig {
        ApiConfig {
            tenants: vec![TenantConfig { id: "acme".into(), devices: vec![] }],
            api_keys: vec![ApiKeyConfig {
                name: "gw".into(),
                sha256: Some(Redacted(hex(&sha256(b"s3cret")))),
                key_env: None,
                key_file: None,
                tenant: "acme".into(),
                role: Role::Viewer,
            }],
            ..Default::default()
        }
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn api_key_by_hash() {
        let a = Authenticator::from_config(&config()).unwrap();
        let c = a.authenticate(&headers(&[(API_KEY_HEADER, "s3cret")])).unwrap();
        assert_eq!(c, Caller { subject: "gw".into(), tenant: "acme".into(), role: Role::Viewer, machine: true });
        assert_eq!(a.authenticate(&headers(&[(API_KEY_HEADER, "s3creT")])).unwrap_err().status(), 401);
        assert_eq!(a.authenticate(&headers(&[])).unwrap_err().status(), 401);
        let both = headers(&[(API_KEY_HEADER, "s3cret"), ("authorization", "Bearer x.y.z")]);
        assert_eq!(a.authenticate(&both).unwrap_err().status(), 401);
        // No JWT configured: a bearer token is refused, not ignored.
        assert_eq!(a.authenticate(&headers(&[("authorization", "Bearer x.y.z")])).unwrap_err().status(), 401);
    }

    #[test]
    fn key_from_env_and_file() {
        let mut c = config();
        // Cargo sets CARGO_PKG_NAME for the test process: an env var this test need not mutate.
        c.api_keys[0].sha256 = None;
        c.api_keys[0].key_env = Some("CARGO_PKG_NAME".into());
        let a = Authenticator::from_config(&c).unwrap();
        assert!(a.authenticate(&headers(&[(API_KEY_HEADER, env!("CARGO_PKG_NAME"))])).is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, "from-a-file\n").unwrap();
        c.api_keys[0].key_env = None;
        c.api_keys[0].key_file = Some(path);
        let a = Authenticator::from_config(&c).unwrap();
        assert!(a.authenticate(&headers(&[(API_KEY_HEADER, "from-a-file")])).is_ok());
    }

    #[test]
    fn missing_secrets_name_the_field() {
        let mut c = config();
        c.api_keys[0].sha256 = None;
        c.api_keys[0].key_env = Some("FLEETSIGHT_TEST_SURELY_UNSET_VARIABLE".into());
        c.jwt = Some(JwtConfig {
            issuer: "i".into(),
            audience: "a".into(),
            algorithm: JwtAlgorithm::RS256,
            secret_env: None,
            secret_file: None,
            public_key_file: Some("/nonexistent/jwt.pem".into()),
            leeway_secs: 0,
        });
        let problems = Authenticator::from_config(&c).unwrap_err().join("\n");
        assert!(problems.contains("api.api_keys[0].key_env: environment variable FLEETSIGHT_TEST_SURELY_UNSET_VARIABLE"), "{problems}");
        assert!(problems.contains("api.jwt.public_key_file: cannot read /nonexistent/jwt.pem"), "{problems}");
    }

    #[test]
    fn short_hmac_secret_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "short").unwrap();
        let mut c = config();
        c.jwt = Some(JwtConfig {
            issuer: "i".into(),
            audience: "a".into(),
            algorithm: JwtAlgorithm::HS256,
            secret_env: None,
            secret_file: Some(path),
            public_key_file: None,
            leeway_secs: 0,
        });
        assert!(Authenticator::from_config(&c).unwrap_err()[0].contains("api.jwt.secret_env: an HS256 secret needs at least 32 bytes"));
    }

    #[test]
    fn access_rules() {
        let person = |role| Caller { subject: "p".into(), tenant: "t".into(), role, machine: false };
        let machine = Caller { machine: true, ..person(Role::Viewer) };
        assert!(Access::AtLeast(Role::Reviewer).allows(&person(Role::Admin)));
        assert!(!Access::AtLeast(Role::Reviewer).allows(&person(Role::Viewer)));
        assert!(!Access::AtLeast(Role::Operator).allows(&machine));
        assert!(Access::MachineOr(Role::Operator).allows(&machine));
        assert!(!Access::MachineOr(Role::Operator).allows(&person(Role::Reviewer)));
    }
}
