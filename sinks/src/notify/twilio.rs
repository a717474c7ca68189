use std::fmt;

use reqwest::StatusCode;

use crate::error::{Error, ErrorKind, Result};
use crate::notify::config::NotifyConfig;
use crate::notify::notice::{Channel, Notice};

/// The header Twilio deduplicates requests on: the same token within its window is one message.
pub const IDEMPOTENCY_HEADER: &str = "I-Twilio-Idempotency-Token";

/// The most of a provider's error reply kept in a message (the reply is untrusted text).
const MAX_REPLY_CHARS: usize = 200;

/// What became of one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// Accepted (2xx), with the message SID when the reply carried one.
    Sent {
        /// The provider's message id (`SM…`).
        provider_sid: Option<String>,
    },
    /// Worth another attempt: 5xx, 429, a timeout, a connection failure.
    Retry(String),
    /// Refused for good: any other status (a bad number, bad credentials, a bad request).
    Refused(String),
}

/// A client of Twilio's Messages resource:
/// `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, form-encoded `To`, `From`, `Body`,
/// HTTP Basic auth `sid:token`, and the notice id as the idempotency token.
pub struct TwilioClient {
    http: reqwest::Client,
    url: String,
    account_sid: String,
    auth_token: String,
    from_sms: Option<String>,
    from_whatsapp: Option<String>,
}

/// Shows neither credential (the SID is in the URL, so the URL is left out too).
impl fmt::Debug for TwilioClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TwilioClient").finish_non_exhaustive()
    }
}

impl TwilioClient {
    /// A client for `config` (validated here; `InvalidArgument` names the bad field).
    pub fn new(config: &NotifyConfig) -> Result<Self> {
        config.validate().map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("notify.{e}")))?;
        let auth_token = config.resolve_auth_token().map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("notify.{e}")))?;
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout())
            // Credentials go to the configured host only; a redirect is a refusal.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::new(ErrorKind::Internal, format!("notify http client: {}", e.without_url())))?;
        Ok(Self {
            http,
            url: format!("{}/2010-04-01/Accounts/{}/Messages.json", config.base_url.trim_end_matches('/'), config.account_sid),
            account_sid: config.account_sid.clone(),
            auth_token,
            from_sms: config.from(Channel::Sms).map(str::to_string),
            from_whatsapp: config.from(Channel::Whatsapp).map(str::to_string),
        })
    }

    /// Sends one notice. Never returns credentials or the request URL in its messages.
    pub async fn send(&self, notice: &Notice) -> SendOutcome {
        let (from, prefix) = match notice.channel {
            Channel::Sms => (&self.from_sms, ""),
            Channel::Whatsapp => (&self.from_whatsapp, "whatsapp:"),
        };
        let Some(from) = from else {
            return SendOutcome::Refused(format!("no sender configured for {}", notice.channel.as_str()));
        };
        let form = [("To", format!("{prefix}{}", notice.to)), ("From", format!("{prefix}{from}")), ("Body", notice.body.clone())];
        let sent = self
            .http
            .post(&self.url)
            .basic_auth(&self.account_sid, Some(&self.auth_token))
            .header(IDEMPOTENCY_HEADER, &notice.notice_id)
            .form(&form)
            .send()
            .await;
        match sent {
            Ok(resp) => Self::outcome(resp).await,
            Err(e) => SendOutcome::Retry(transport_error(e)),
        }
    }

    async fn outcome(resp: reqwest::Response) -> SendOutcome {
        let status = resp.status();
        let body = resp.text().await.unwrap_or_default();
        if status.is_success() {
            let provider_sid = serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| v.get("sid")?.as_str().map(str::to_string));
            return SendOutcome::Sent { provider_sid };
        }
        let reply: String = body.chars().take(MAX_REPLY_CHARS).collect();
        let msg = format!("HTTP {}: {reply}", status.as_u16());
        if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS { SendOutcome::Retry(msg) } else { SendOutcome::Refused(msg) }
    }
}

/// A transport failure's message without the URL (it holds the account SID).
fn transport_error(e: reqwest::Error) -> String {
    let what = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    let mut msg = what.to_string();
    let e = e.without_url();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
