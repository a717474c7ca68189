use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::event::event_id;

/// Where a notice goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A text message.
    Sms,
    /// A WhatsApp message (`whatsapp:+91…` addresses).
    Whatsapp,
}

impl Channel {
    /// The stored and metric-label name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Self> {
        match s {
            "sms" => Ok(Channel::Sms),
            "whatsapp" => Ok(Channel::Whatsapp),
            _ => Err(Error::new(ErrorKind::Internal, format!("stored notice has unknown channel `{s}`"))),
        }
    }
}

/// Where a notice is in its life. `Pending` and `Sending` are in the outbox; `Sent` and
/// `Failed` are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    /// Waiting for its next attempt (`next_attempt_at_ms`).
    Pending,
    /// Claimed by a notifier until `next_attempt_at_ms` (the lease); a notifier that died
    /// mid-send leaves it here, and it is claimed again when the lease runs out.
    Sending,
    /// The provider accepted it.
    Sent,
    /// Given up: the provider refused it (a 4xx other than 429) or attempts ran out.
    Failed,
}

impl NoticeState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeState::Pending => "pending",
            NoticeState::Sending => "sending",
            NoticeState::Sent => "sent",
            NoticeState::Failed => "failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Self> {
        match s {
            "pending" => Ok(NoticeState::Pending),
            "sending" => Ok(NoticeState::Sending),
            "sent" => Ok(NoticeState::Sent),
            "failed" => Ok(NoticeState::Failed),
            _ => Err(Error::new(ErrorKind::Internal, format!("stored notice has unknown state `{s}`"))),
        }
    }
}

/// One message to send: what the challan code enqueues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// `event_id(["notice", challan_no, channel])`: the outbox key and the provider's
    /// idempotency token, so neither a second enqueue nor a retry sends twice.
    pub notice_id: String,
    /// The challan this notice is for.
    pub challan_no: String,
    /// SMS or WhatsApp.
    pub channel: Channel,
    /// The recipient, E.164 (`+919812345678`), without the `whatsapp:` prefix.
    pub to: String,
    /// The message text.
    pub body: String,
    /// When it was enqueued, Unix ms.
    pub created_at_ms: i64,
}

/// The longest body sent: Twilio's limit on `Body` is 1,600 characters.
const MAX_BODY_CHARS: usize = 1600;

impl Notice {
    /// A notice of challan `challan_no` to `to` on `channel`. Refuses a recipient that is not
    /// E.164 and an empty or over-long body (`InvalidArgument`).
    pub fn new(challan_no: &str, channel: Channel, to: &str, body: &str, created_at_ms: i64) -> Result<Self> {
        if !valid_e164(to) {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("notice for {challan_no}: recipient is not an E.164 number")));
        }
        let chars = body.chars().count();
        if chars == 0 || chars > MAX_BODY_CHARS {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("notice for {challan_no}: body must be 1 to {MAX_BODY_CHARS} characters, got {chars}")));
        }
        Ok(Self {
            notice_id: notice_id(challan_no, channel),
            challan_no: challan_no.to_string(),
            channel,
            to: to.to_string(),
            body: body.to_string(),
            created_at_ms,
        })
    }
}

/// The id of the notice of `challan_no` on `channel`: the challan code can look a notice up
/// ([`NoticeStore::notice`]) from the challan alone, e.g. to catch up after a restart on
/// notices sent while it was not listening.
pub fn notice_id(challan_no: &str, channel: Channel) -> String {
    event_id(&["notice", challan_no, channel.as_str()])
}

/// `+` then 8 to 15 digits, the first not 0.
pub(crate) fn valid_e164(n: &str) -> bool {
    n.strip_prefix('+').is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0'))
}

/// A notice with its outbox state, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRecord {
    /// The notice.
    pub notice: Notice,
    /// Where it is.
    pub state: NoticeState,
    /// Attempts started so far (a claim counts as one).
    pub attempts: u32,
    /// `Pending`: not before this time; `Sending`: the claim's lease ends then. Unix ms.
    pub next_attempt_at_ms: i64,
    /// The provider's message id, once sent.
    pub provider_sid: Option<String>,
    /// The last failure, for operators (never holds credentials).
    pub last_error: Option<String>,
    /// When the provider accepted it, Unix ms.
    pub sent_at_ms: Option<i64>,
}

/// Told to the challan code when a notice went out, so it can move the challan from
/// `issued` to `notified`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeSent {
    /// The notice.
    pub notice_id: String,
    /// Its challan.
    pub challan_no: String,
    /// Its channel.
    pub channel: Channel,
    /// When the provider accepted it, Unix ms.
    pub sent_at_ms: i64,
    /// The provider's message id, when the reply had one.
    pub provider_sid: Option<String>,
}

/// The outbox, in every store (embedded SQLite, ScyllaDB). State changes are conditional, so
/// two notifiers on one outbox never both hold a notice: a claim succeeds only on a due
/// `pending` notice, or a `sending` one whose lease ran out.
pub trait NoticeStore: Send + Sync {
    /// Adds a notice as `pending`, due now. Idempotent on `notice_id`: returns false (and changes
    /// nothing) when it is already there, whatever its state.
    fn enqueue(&self, notice: &Notice) -> BoxFuture<'_, Result<bool>>;
    /// Claims up to `limit` notices due at `now_ms`: each becomes `sending` with its lease ending at
    /// `lease_until_ms` and one more attempt counted. Returns the claimed records.
    fn claim_due(&self, now_ms: i64, lease_until_ms: i64, limit: usize) -> BoxFuture<'_, Result<Vec<NoticeRecord>>>;
    /// `sending` → `sent`. Returns false when the notice was not `sending` (another notifier
    /// already finished it).
    fn mark_sent(&self, notice_id: &str, provider_sid: Option<&str>, sent_at_ms: i64) -> BoxFuture<'_, Result<bool>>;
    /// `sending` → `pending`, due at `next_attempt_at_ms`, with the error kept.
    fn reschedule(&self, notice_id: &str, next_attempt_at_ms: i64, error: &str) -> BoxFuture<'_, Result<bool>>;
    /// `sending` → `failed`, with the error kept.
    fn mark_failed(&self, notice_id: &str, error: &str) -> BoxFuture<'_, Result<bool>>;
    /// One notice, whatever its state.
    fn notice(&self, notice_id: &str) -> BoxFuture<'_, Result<Option<NoticeRecord>>>;
    /// Notices still in the outbox (`pending` or `sending`).
    fn outbox_depth(&self) -> BoxFuture<'_, Result<u64>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_id_is_stable_per_challan_and_channel() {
        let a = Notice::new("MH-2026-000001", Channel::Sms, "+919812345678", "Challan issued", 1).unwrap();
        let b = Notice::new("MH-2026-000001", Channel::Sms, "+919800000000", "Other text", 2).unwrap();
        let w = Notice::new("MH-2026-000001", Channel::Whatsapp, "+919812345678", "Challan issued", 1).unwrap();
        assert_eq!(a.notice_id, b.notice_id);
        assert_ne!(a.notice_id, w.notice_id);
        assert_eq!(notice_id("MH-2026-000001", Channel::Whatsapp), w.notice_id);
    }

    #[test]
    fn bad_recipient_or_body_is_refused() {
        for to in ["919812345678", "+0123456789", "+91 98123", "+12", ""] {
            let e = Notice::new("C1", Channel::Sms, to, "x", 0).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{to}");
        }
        assert!(Notice::new("C1", Channel::Sms, "+919812345678", "", 0).is_err());
        assert!(Notice::new("C1", Channel::Sms, "+919812345678", &"x".repeat(1601), 0).is_err());
        assert!(Notice::new("C1", Channel::Sms, "+919812345678", &"अ".repeat(1600), 0).is_ok(), "counted in characters");
    }
}
