use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use crate::error::Result as SinksResult;
use crate::notify::notice::{Channel, Notice, valid_e164};

/// Notices by SMS and WhatsApp through Twilio's Messages API (or anything shaped like it).
///
/// ```toml
/// [notify]
/// account_sid = "AC0123456789abcdef0123456789abcdef"
/// auth_token_env = "TWILIO_AUTH_TOKEN"   # or auth_token_file = "/run/secrets/twilio", or auth_token = "…"
/// from_sms = "+15005550006"
/// from_whatsapp = "+14155238886"
/// ```
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// The API's base URL; tests point it at a local server.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// The account SID: the user name of HTTP Basic auth and part of the request path. Never logged.
    pub account_sid: String,
    /// The auth token (the password of HTTP Basic auth), written in the config. Never logged.
    #[serde(default)]
    pub auth_token: Option<String>,
    /// The environment variable holding the auth token (read at start), instead of `auth_token`.
    #[serde(default)]
    pub auth_token_env: Option<String>,
    /// A file holding the auth token (a mounted secret; one trailing newline is ignored).
    #[serde(default)]
    pub auth_token_file: Option<std::path::PathBuf>,
    /// Sender number for SMS, E.164 (`+91…`). Required when `sms` is among `channels`.
    #[serde(default)]
    pub from_sms: Option<String>,
    /// Sender number for WhatsApp, E.164 without the `whatsapp:` prefix. Required when
    /// `whatsapp` is among `channels`.
    #[serde(default)]
    pub from_whatsapp: Option<String>,
    /// The channels notices go out on.
    #[serde(default = "default_channels")]
    pub channels: Vec<Channel>,
    /// How long one request may take before it counts as failed (and is retried), seconds.
    #[serde(default = "default_request_timeout")]
    pub request_timeout_secs: f64,
    /// Attempts per notice before it is given up (state `failed`).
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    /// Delay before the first retry, seconds; it doubles per attempt up to `backoff_max_secs`.
    #[serde(default = "default_backoff_initial")]
    pub backoff_initial_secs: f64,
    /// The longest delay between attempts, seconds.
    #[serde(default = "default_backoff_max")]
    pub backoff_max_secs: f64,
    /// How often the notifier looks for due notices when the outbox had none, seconds.
    #[serde(default = "default_poll_interval")]
    pub poll_interval_secs: f64,
}

fn default_base_url() -> String {
    "https://api.twilio.com".into()
}
fn default_channels() -> Vec<Channel> {
    vec![Channel::Sms, Channel::Whatsapp]
}
const fn default_request_timeout() -> f64 {
    10.0
}
const fn default_max_attempts() -> u32 {
    8
}
const fn default_backoff_initial() -> f64 {
    2.0
}
const fn default_backoff_max() -> f64 {
    600.0
}
const fn default_poll_interval() -> f64 {
    1.0
}

/// Credentials are shown as `<redacted>` so that a logged or printed config never leaks them.
impl fmt::Debug for NotifyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotifyConfig")
            .field("base_url", &self.base_url)
            .field("account_sid", &"<redacted>")
            .field("auth_token", &"<redacted>")
            .field("auth_token_env", &self.auth_token_env)
            .field("auth_token_file", &self.auth_token_file)
            .field("from_sms", &self.from_sms)
            .field("from_whatsapp", &self.from_whatsapp)
            .field("channels", &self.channels)
            .field("request_timeout_secs", &self.request_timeout_secs)
            .field("max_attempts", &self.max_attempts)
            .field("backoff_initial_secs", &self.backoff_initial_secs)
            .field("backoff_max_secs", &self.backoff_max_secs)
            .field("poll_interval_secs", &self.poll_interval_secs)
            .finish()
    }
}

impl NotifyConfig {
    /// The auth token, read from where the config says (the environment or a file are read
    /// now); the message names the field, never the value.
    pub fn resolve_auth_token(&self) -> Result<String, String> {
        let token = if let Some(var) = &self.auth_token_env {
            std::env::var(var).map_err(|_| format!("auth_token_env: the environment variable {var} is not set (or not UTF-8)"))?
        } else if let Some(path) = &self.auth_token_file {
            let text = std::fs::read_to_string(path).map_err(|e| format!("auth_token_file: cannot read {}: {e}", path.display()))?;
            text.strip_suffix('\n').unwrap_or(&text).to_string()
        } else {
            self.auth_token.clone().unwrap_or_default()
        };
        if token.is_empty() { Err("auth_token: must not be empty".into()) } else { Ok(token) }
    }

    /// Checks the values without I/O; the message names the field (never a credential's value).
    pub fn validate(&self) -> Result<(), String> {
        match reqwest::Url::parse(&self.base_url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => {}
            _ => return Err(format!("base_url: `{}` is not an http(s) URL", self.base_url)),
        }
        // The SID goes into the request path: letters and digits only.
        if self.account_sid.is_empty() || !self.account_sid.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("account_sid: must be non-empty letters and digits".into());
        }
        match (&self.auth_token, &self.auth_token_env, &self.auth_token_file) {
            (Some(t), None, None) if t.is_empty() => return Err("auth_token: must not be empty".into()),
            (Some(_), None, None) | (None, Some(_), None) | (None, None, Some(_)) => {}
            _ => return Err("auth_token: give one of `auth_token`, `auth_token_env` and `auth_token_file`".into()),
        }
        if self.channels.is_empty() {
            return Err("channels: at least one of sms, whatsapp".into());
        }
        for ch in &self.channels {
            let (field, from) = match ch {
                Channel::Sms => ("from_sms", &self.from_sms),
                Channel::Whatsapp => ("from_whatsapp", &self.from_whatsapp),
            };
            match from {
                None => return Err(format!("{field}: required when channel {} is enabled", ch.as_str())),
                Some(n) if !valid_e164(n) => return Err(format!("{field}: `{n}` is not an E.164 number (+ and 8 to 15 digits)")),
                Some(_) => {}
            }
        }
        for (field, v, lo, hi) in [
            ("request_timeout_secs", self.request_timeout_secs, 0.01, 300.0),
            ("backoff_initial_secs", self.backoff_initial_secs, 0.001, 3600.0),
            ("backoff_max_secs", self.backoff_max_secs, 0.001, 86_400.0),
            ("poll_interval_secs", self.poll_interval_secs, 0.001, 3600.0),
        ] {
            if !(v >= lo && v <= hi) {
                return Err(format!("{field}: must be in [{lo}, {hi}], got {v}"));
            }
        }
        if self.backoff_max_secs < self.backoff_initial_secs {
            return Err("backoff_max_secs: must be at least backoff_initial_secs".into());
        }
        if !(1..=100).contains(&self.max_attempts) {
            return Err(format!("max_attempts: must be in [1, 100], got {}", self.max_attempts));
        }
        Ok(())
    }

    /// Whether notices go out on `channel`.
    pub fn enabled(&self, channel: Channel) -> bool {
        self.channels.contains(&channel)
    }

    /// The notices of one challan: one per enabled channel, to `to` (E.164), saying `body`.
    /// `InvalidArgument` for a bad recipient or body.
    pub fn notices_for(&self, challan_no: &str, to: &str, body: &str, now_ms: i64) -> SinksResult<Vec<Notice>> {
        self.channels.iter().map(|&ch| Notice::new(challan_no, ch, to, body, now_ms)).collect()
    }

    /// The sender for `channel` (validated to be present for enabled channels).
    pub(crate) fn from(&self, channel: Channel) -> Option<&str> {
        match channel {
            Channel::Sms => self.from_sms.as_deref(),
            Channel::Whatsapp => self.from_whatsapp.as_deref(),
        }
    }

    pub(crate) fn request_timeout(&self) -> Duration {
        Duration::from_secs_f64(self.request_timeout_secs)
    }

    /// The delay before attempt `attempt + 1`, after `attempt` failed ones (1-based): doubling
    /// from `backoff_initial_secs`, capped at `backoff_max_secs`, scaled by `jitter` in [0.5, 1]
    /// so that notices failing together do not retry together.
    pub(crate) fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = self.backoff_initial_secs * 2f64.powi(attempt.saturating_sub(1).min(60) as i32);
        Duration::from_secs_f64(exp.min(self.backoff_max_secs) * jitter.clamp(0.5, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> NotifyConfig {
        serde_json::from_value(serde_json::json!({
            "account_sid": "AC0123456789abcdef0123456789abcdef",
            "auth_token": "s3cr3t-token-value",
            "from_sms": "+15005550006",
            "from_whatsapp": "+14155238886",
        }))
        .unwrap()
    }

    #[test]
    fn defaults_validate() {
        let c = example();
        assert_eq!(c.base_url, "https://api.twilio.com");
        assert_eq!(c.channels, [Channel::Sms, Channel::Whatsapp]);
        c.validate().unwrap();
    }

    #[test]
    fn debug_redacts_credentials() {
        let c = example();
        let shown = format!("{c:?} {c:#?}");
        assert!(!shown.contains("s3cr3t-token-value"), "{shown}");
        assert!(!shown.contains("AC0123456789abcdef"), "{shown}");
        assert!(shown.contains("<redacted>") && shown.contains("+15005550006"));
    }

    #[test]
    fn the_token_comes_from_one_place() {
        let mut c = example();
        assert_eq!(c.resolve_auth_token().unwrap(), "s3cr3t-token-value");
        c.auth_token_env = Some("FLEETSIGHT_TEST_TWILIO_TOKEN_UNSET".into());
        assert!(c.validate().unwrap_err().starts_with("auth_token: give one of"));
        c.auth_token = None;
        c.validate().unwrap();
        assert_eq!(c.resolve_auth_token().unwrap_err(), "auth_token_env: the environment variable FLEETSIGHT_TEST_TWILIO_TOKEN_UNSET is not set (or not UTF-8)");
        let file = std::env::temp_dir().join(format!("fleetsight-twilio-{}", std::process::id()));
        std::fs::write(&file, "from-a-file\n").unwrap();
        (c.auth_token_env, c.auth_token_file) = (None, Some(file.clone()));
        assert_eq!(c.resolve_auth_token().unwrap(), "from-a-file");
        c.auth_token_file = None;
        assert!(c.validate().unwrap_err().starts_with("auth_token: give one of"), "none given");
        let _ = std::fs::remove_file(file);
    }

    #[test]
    fn bad_values_name_the_field_not_the_secret() {
        let mut c = example();
        c.from_whatsapp = None;
        assert!(c.validate().unwrap_err().starts_with("from_whatsapp:"));
        c.channels = vec![Channel::Sms];
        c.validate().unwrap();
        c.account_sid = "AC/../x".into();
        let e = c.validate().unwrap_err();
        assert!(e.starts_with("account_sid:") && !e.contains("AC/../x"), "{e}");
        let mut c = example();
        c.backoff_max_secs = 1.0;
        assert!(c.validate().unwrap_err().starts_with("backoff_max_secs:"));
        let mut c = example();
        c.base_url = "ftp://x".into();
        assert!(c.validate().unwrap_err().starts_with("base_url:"));
        assert!(serde_json::from_str::<NotifyConfig>(r#"{"account_sid": "a", "auth_token": "b", "retries": 3}"#).is_err(), "unknown fields are refused");
    }

    #[test]
    fn one_notice_per_enabled_channel() {
        let mut c = example();
        let both = c.notices_for("C-9", "+919812345678", "Challan C-9 issued.", 5).unwrap();
        assert_eq!(both.iter().map(|n| n.channel).collect::<Vec<_>>(), [Channel::Sms, Channel::Whatsapp]);
        c.channels = vec![Channel::Whatsapp];
        assert_eq!(c.notices_for("C-9", "+919812345678", "x", 5).unwrap()[0].notice_id, both[1].notice_id);
        assert!(c.notices_for("C-9", "98123", "x", 5).is_err());
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let mut c = example();
        c.backoff_initial_secs = 1.0;
        c.backoff_max_secs = 5.0;
        let secs: Vec<f64> = (1..=5).map(|a| c.backoff(a, 1.0).as_secs_f64()).collect();
        assert_eq!(secs, [1.0, 2.0, 4.0, 5.0, 5.0]);
        assert_eq!(c.backoff(2, 0.5).as_secs_f64(), 1.0);
        assert_eq!(c.backoff(1000, 1.0).as_secs_f64(), 5.0, "no overflow on many attempts");
    }
}
