//! Notices of a challan by SMS and WhatsApp, through a Twilio-shaped REST API, from a durable
//! outbox: each notice is sent once across retries and restarts.

mod config;
mod embedded;
mod notice;
mod notifier;
mod scylla;
mod twilio;

pub use config::NotifyConfig;
pub(crate) use embedded::SCHEMA as EMBEDDED_SCHEMA;
pub use notice::{Channel, Notice, NoticeRecord, NoticeSent, NoticeState, NoticeStore, notice_id};
pub use notifier::{Drained, Notifier};
pub use twilio::{SendOutcome, TwilioClient};
