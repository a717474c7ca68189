use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

/// A secret from the config: usable, never shown (`Debug` prints `<redacted>`).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Where evidence packages are stored.
///
/// ```toml
/// [evidence]
/// type = "local"
/// root = "/var/lib/fleetsight/evidence"
///
/// # or
/// [evidence]
/// type = "s3"
/// bucket = "challan-evidence"
/// region = "ap-south-1"
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EvidenceStoreConfig {
    /// A directory on the local filesystem (the default).
    Local {
        /// The directory packages go under (created if missing).
        #[serde(default = "default_root")]
        root: PathBuf,
    },
    /// An S3-compatible object store.
    S3 {
        /// The bucket (it must exist).
        bucket: String,
        /// The endpoint for S3-compatible servers (`http://minio:9000`); AWS when unset.
        #[serde(default)]
        endpoint: Option<String>,
        /// The region.
        #[serde(default = "default_region")]
        region: String,
        /// The access key; from the environment or the instance role when unset.
        #[serde(default)]
        access_key_id: Option<Secret>,
        /// The secret key; from the environment or the instance role when unset.
        #[serde(default)]
        secret_access_key: Option<Secret>,
        /// Allow a plain `http://` endpoint (tests, a private network).
        #[serde(default)]
        allow_http: bool,
    },
}

fn default_root() -> PathBuf {
    PathBuf::from("fleetsight-evidence")
}
fn default_region() -> String {
    "us-east-1".into()
}

impl Default for EvidenceStoreConfig {
    fn default() -> Self {
        EvidenceStoreConfig::Local { root: default_root() }
    }
}

impl EvidenceStoreConfig {
    /// Checks the values without I/O; the message names the field (never a secret's value).
    pub fn validate(&self) -> Result<(), String> {
        match self {
            EvidenceStoreConfig::Local { root } if root.as_os_str().is_empty() => Err("root: must be set".into()),
            EvidenceStoreConfig::Local { .. } => Ok(()),
            EvidenceStoreConfig::S3 { bucket, endpoint, region, access_key_id, secret_access_key, allow_http } => {
                // S3 bucket naming: 3 to 63 of lowercase letters, digits, '.', '-'.
                if !(3..=63).contains(&bucket.len()) || !bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-') {
                    return Err(format!("bucket: `{bucket}` is not a valid bucket name"));
                }
                if region.is_empty() {
                    return Err("region: must be set".into());
                }
                if let Some(e) = endpoint {
                    match reqwest::Url::parse(e) {
                        Ok(u) if u.scheme() == "https" || (u.scheme() == "http" && *allow_http) => {}
                        Ok(u) if u.scheme() == "http" => return Err(format!("endpoint: `{e}` is plain http; set allow_http = true")),
                        _ => return Err(format!("endpoint: `{e}` is not an http(s) URL")),
                    }
                }
                if access_key_id.is_some() != secret_access_key.is_some() {
                    return Err("access_key_id, secret_access_key: set both or neither".into());
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s3(extra: serde_json::Value) -> serde_json::Result<EvidenceStoreConfig> {
        let mut v = serde_json::json!({"type": "s3", "bucket": "challan-evidence", "endpoint": "http://127.0.0.1:9000", "allow_http": true,
            "access_key_id": "AKIAEXAMPLEKEY", "secret_access_key": "wJalrXUtnFEMI/K7MDENG"});
        v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        serde_json::from_value(v)
    }

    #[test]
    fn local_is_the_default() {
        assert_eq!(EvidenceStoreConfig::default(), serde_json::from_str(r#"{"type": "local"}"#).unwrap());
        EvidenceStoreConfig::default().validate().unwrap();
    }

    #[test]
    fn debug_redacts_secrets() {
        let c = s3(serde_json::json!({})).unwrap();
        c.validate().unwrap();
        let shown = format!("{c:?} {c:#?}");
        assert!(!shown.contains("AKIAEXAMPLEKEY") && !shown.contains("wJalrXUtnFEMI"), "{shown}");
        assert!(shown.contains("challan-evidence") && shown.contains("<redacted>"));
    }

    #[test]
    fn bad_values_name_the_field() {
        let e = |v| s3(v).unwrap().validate().unwrap_err();
        assert!(e(serde_json::json!({"bucket": "No_Caps"})).starts_with("bucket:"));
        assert!(e(serde_json::json!({"allow_http": false})).starts_with("endpoint:"));
        assert!(e(serde_json::json!({"secret_access_key": null})).starts_with("access_key_id, secret_access_key:"));
        assert!(s3(serde_json::json!({"acl": "public"})).is_err(), "unknown fields are refused");
    }
}
