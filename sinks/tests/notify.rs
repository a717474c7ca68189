//! Notices against a local Twilio-shaped server that records requests and, on demand, answers
//! 500, 400 or hangs past the client's timeout. Proves: retries never double-send (one
//! idempotency token per notice), refusals are final, enqueue is idempotent, a restart resends
//! nothing sent and sends what is pending, and credentials appear in no log line or error.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use prometheus::Registry;
use sinks::notify::{Channel, Drained, Notice, NoticeState, NoticeStore, Notifier, NotifyConfig};
use sinks::store::{EmbeddedStore, ScyllaStore};
use sinks::telemetry::NotifyMetrics;

const SID: &str = "ACsid0000secret0000account000042";
const TOKEN: &str = "tok-Sekret-9f8e7d6c5b4a";

/// How the fake provider answers the next request.
#[derive(Clone, Copy)]
enum Reply {
    Status(u16),
    /// Sleeps this long, then accepts: the provider got the message though the client gave up.
    Hang(Duration),
}

/// One request as the provider saw it.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    authorization: String,
    token: String,
    form: HashMap<String, String>,
}

#[derive(Clone, Default)]
struct Provider {
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Mutex<VecDeque<Reply>>>,
}

impl Provider {
    fn then(&self, r: Reply) {
        self.script.lock().unwrap().push_back(r);
    }
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn messages(State(p): State<Provider>, uri: axum::http::Uri, headers: HeaderMap, body: String) -> (StatusCode, String) {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let n = {
        let mut seen = p.seen.lock().unwrap();
        seen.push(Seen {
            path: uri.path().to_string(),
            authorization: header("authorization"),
            token: header("i-twilio-idempotency-token"),
            form: url::form_urlencoded::parse(body.as_bytes()).into_owned().collect(),
        });
        seen.len()
    };
    let reply = p.script.lock().unwrap().pop_front();
    match reply {
        Some(Reply::Status(s)) => (StatusCode::from_u16(s).unwrap(), r#"{"code": 21211, "message": "The 'To' number is not valid."}"#.into()),
        Some(Reply::Hang(d)) => {
            tokio::time::sleep(d).await;
            (StatusCode::CREATED, format!(r#"{{"sid": "SM{n}", "status": "queued"}}"#))
        }
        None => (StatusCode::CREATED, format!(r#"{{"sid": "SM{n}", "status": "queued"}}"#)),
    }
}

/// Starts the provider on a free port; returns it and its base URL.
async fn provider() -> (Provider, String) {
    let p = Provider::default();
    let app = Router::new().route("/2010-04-01/Accounts/{sid}/Messages.json", post(messages)).with_state(p.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (p, url)
}

fn config(base_url: &str) -> NotifyConfig {
    serde_json::from_value(serde_json::json!({
        "base_url": base_url,
        "account_sid": SID,
        "auth_token": TOKEN,
        "from_sms": "+15005550006",
        "from_whatsapp": "+14155238886",
        "request_timeout_secs": 1.0,
        "max_attempts": 4,
        "backoff_initial_secs": 0.05,
        "backoff_max_secs": 0.2,
    }))
    .unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Arc<EmbeddedStore>,
    metrics: NotifyMetrics,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fleetsight.db");
    let store = Arc::new(EmbeddedStore::open(&path).unwrap());
    Setup { _dir: dir, path, store, metrics: NotifyMetrics::register(&Registry::new()).unwrap() }
}

fn notice(challan: &str, channel: Channel) -> Notice {
    Notice::new(challan, channel, "+919812345678", &format!("Challan {challan} issued. Pay within 60 days."), 1_700_000_000_000).unwrap()
}

/// Passes until the outbox is empty (at most 500, 20 ms apart): the sum of what they did.
async fn drain_all(n: &Notifier, store: &dyn NoticeStore) -> Drained {
    let mut total = Drained::default();
    for _ in 0..500 {
        let d = n.drain_once().await.unwrap();
        total.claimed += d.claimed;
        total.retried += d.retried;
        total.failed += d.failed;
        total.sent.extend(d.sent);
        if store.outbox_depth().await.unwrap() == 0 {
            return total;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("outbox not drained: {total:?}");
}

fn count(m: &prometheus::IntCounterVec, ch: Channel) -> u64 {
    m.with_label_values(&[ch.as_str()]).get()
}

#[tokio::test]
async fn a_500_is_retried_and_the_notice_sent_once() {
    let (p, url) = provider().await;
    let s = setup();
    let (tx, mut rx) = tokio::sync::mpsc::channel(8);
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap().on_sent(tx);
    p.then(Reply::Status(500));
    let n = notice("MH-2026-000001", Channel::Whatsapp);
    assert!(s.store.enqueue(&n).await.unwrap());
    let d = drain_all(&notifier, s.store.as_ref()).await;
    assert_eq!((d.retried, d.sent.len(), d.failed), (1, 1, 0));

    let seen = p.seen();
    assert_eq!(seen.len(), 2, "one failed attempt, one accepted");
    for r in &seen {
        assert_eq!(r.path, format!("/2010-04-01/Accounts/{SID}/Messages.json"));
        assert_eq!(r.token, n.notice_id, "the same idempotency token on every attempt");
        assert_eq!(r.form["To"], "whatsapp:+919812345678");
        assert_eq!(r.form["From"], "whatsapp:+14155238886");
        assert_eq!(r.form["Body"], n.body);
        // Basic base64("ACsid0000secret0000account000042:tok-Sekret-9f8e7d6c5b4a")
        assert_eq!(r.authorization, "Basic QUNzaWQwMDAwc2VjcmV0MDAwMGFjY291bnQwMDAwNDI6dG9rLVNla3JldC05ZjhlN2Q2YzViNGE=");
    }
    let rec = s.store.notice(&n.notice_id).await.unwrap().unwrap();
    assert_eq!((rec.state, rec.attempts, rec.provider_sid.as_deref()), (NoticeState::Sent, 2, Some("SM2")));
    let sent = rx.try_recv().unwrap();
    assert_eq!((sent.challan_no.as_str(), sent.channel, sent.provider_sid.as_deref()), ("MH-2026-000001", Channel::Whatsapp, Some("SM2")));
    assert_eq!(Some(sent.sent_at_ms), rec.sent_at_ms);
    assert!(rx.try_recv().is_err(), "told once");
    assert_eq!((count(&s.metrics.sent, Channel::Whatsapp), count(&s.metrics.retried, Channel::Whatsapp)), (1, 1));
    assert_eq!(s.metrics.outbox_depth.get(), 0);
}

#[tokio::test]
async fn a_timeout_is_retried_with_the_same_token_and_recorded_sent_once() {
    let (p, url) = provider().await;
    let s = setup();
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
    p.then(Reply::Hang(Duration::from_secs(3)));
    let n = notice("MH-2026-000002", Channel::Sms);
    s.store.enqueue(&n).await.unwrap();
    let d = drain_all(&notifier, s.store.as_ref()).await;
    assert_eq!((d.retried, d.sent.len()), (1, 1));
    let rec = s.store.notice(&n.notice_id).await.unwrap().unwrap();
    assert_eq!((rec.state, rec.attempts), (NoticeState::Sent, 2));
    assert!(rec.last_error.is_none());
    let seen = p.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|r| r.token == n.notice_id), "the provider can deduplicate the timed-out attempt");
    assert_eq!((seen[0].form["To"].as_str(), seen[0].form["From"].as_str()), ("+919812345678", "+15005550006"));
    assert_eq!(count(&s.metrics.sent, Channel::Sms), 1);
}

#[tokio::test]
async fn a_400_is_not_retried_and_the_notice_fails() {
    let (p, url) = provider().await;
    let s = setup();
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
    p.then(Reply::Status(400));
    let n = notice("MH-2026-000003", Channel::Sms);
    s.store.enqueue(&n).await.unwrap();
    let d = drain_all(&notifier, s.store.as_ref()).await;
    assert_eq!((d.claimed, d.retried, d.failed, d.sent.len()), (1, 0, 1, 0));
    let rec = s.store.notice(&n.notice_id).await.unwrap().unwrap();
    assert_eq!(rec.state, NoticeState::Failed);
    let err = rec.last_error.unwrap();
    assert!(err.contains("HTTP 400") && err.contains("not valid"), "{err}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(notifier.drain_once().await.unwrap().claimed, 0, "a failed notice is final");
    assert_eq!(p.seen().len(), 1);
    assert_eq!(count(&s.metrics.failed, Channel::Sms), 1);
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let (p, url) = provider().await;
    let s = setup();
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
    for code in [500, 503, 429, 502, 500] {
        p.then(Reply::Status(code));
    }
    let n = notice("MH-2026-000004", Channel::Sms);
    s.store.enqueue(&n).await.unwrap();
    let d = drain_all(&notifier, s.store.as_ref()).await;
    assert_eq!((d.retried, d.failed), (3, 1));
    assert_eq!(p.seen().len(), 4, "max_attempts = 4");
    let rec = s.store.notice(&n.notice_id).await.unwrap().unwrap();
    assert_eq!((rec.state, rec.attempts), (NoticeState::Failed, 4));
    assert!(rec.last_error.unwrap().starts_with("after 4 attempts: HTTP 502"));
}

#[tokio::test]
async fn enqueueing_twice_sends_once() {
    let (p, url) = provider().await;
    let s = setup();
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
    assert!(s.store.enqueue(&notice("MH-2026-000005", Channel::Sms)).await.unwrap());
    assert!(!s.store.enqueue(&notice("MH-2026-000005", Channel::Sms)).await.unwrap());
    drain_all(&notifier, s.store.as_ref()).await;
    assert!(!s.store.enqueue(&notice("MH-2026-000005", Channel::Sms)).await.unwrap(), "nor after it was sent");
    assert_eq!(notifier.drain_once().await.unwrap().claimed, 0);
    assert_eq!(p.seen().len(), 1);
}

#[tokio::test]
async fn a_restart_resends_nothing_sent_and_sends_what_is_pending() {
    let (p, url) = provider().await;
    let s = setup();
    let (a, b, c) = (notice("MH-2026-000006", Channel::Sms), notice("MH-2026-000007", Channel::Sms), notice("MH-2026-000008", Channel::Sms));
    {
        let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
        s.store.enqueue(&a).await.unwrap();
        drain_all(&notifier, s.store.as_ref()).await;
        s.store.enqueue(&b).await.unwrap();
        // A notifier that claimed `c` and died before sending: its lease ends in 5 s, long after
        // the next drain (which must leave `c` alone) and well within drain_all's passes.
        s.store.enqueue(&c).await.unwrap();
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let crashed = s.store.claim_due(now, now + 5_000, 1).await.unwrap();
    let crashed_id = crashed[0].notice.notice_id.clone();
    drop(s.store);

    let store = Arc::new(EmbeddedStore::open(&s.path).unwrap());
    let notifier = Notifier::new(&config(&url), store.clone(), s.metrics.clone()).unwrap();
    let first = notifier.drain_once().await.unwrap();
    assert_eq!(first.sent.len(), 1, "only the unclaimed pending notice: {first:?}");
    let rest = drain_all(&notifier, store.as_ref()).await;
    assert_eq!(rest.sent.iter().map(|x| x.notice_id.as_str()).collect::<Vec<_>>(), [crashed_id.as_str()], "sent once its lease ran out");
    let tokens: Vec<String> = p.seen().into_iter().map(|r| r.token).collect();
    assert_eq!(tokens.len(), 3, "{tokens:?}");
    for n in [&a, &b, &c] {
        assert_eq!(tokens.iter().filter(|t| **t == n.notice_id).count(), 1, "{} sent once", n.challan_no);
        assert_eq!(store.notice(&n.notice_id).await.unwrap().unwrap().state, NoticeState::Sent);
    }
}

/// A tracing writer that keeps everything written.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn credentials_appear_in_no_log_line_or_error() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_ansi(false).with_writer(move || writer.clone()).finish();
    // Global, not `set_default`: a thread-scoped subscriber misses events whose callsite another
    // test's thread registered first (tracing caches callsite interest). Other tests' lines are
    // captured too, and they use the same credentials.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let (p, url) = provider().await;
    let s = setup();
    for r in [Reply::Status(500), Reply::Hang(Duration::from_secs(3)), Reply::Status(401)] {
        p.then(r);
    }
    let notifier = Notifier::new(&config(&url), s.store.clone(), s.metrics.clone()).unwrap();
    let n = notice("MH-2026-000009", Channel::Sms);
    s.store.enqueue(&n).await.unwrap();
    drain_all(&notifier, s.store.as_ref()).await;
    // Nothing listening: a connection error.
    let closed = format!("http://127.0.0.1:{}", std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port());
    let mut cfg = config(&closed);
    cfg.max_attempts = 2;
    let offline = Notifier::new(&cfg, s.store.clone(), s.metrics.clone()).unwrap();
    let m = notice("MH-2026-000010", Channel::Sms);
    s.store.enqueue(&m).await.unwrap();
    drain_all(&offline, s.store.as_ref()).await;
    let bad = NotifyConfig { account_sid: format!("{SID}/x"), ..config(&url) };
    let refused = Notifier::new(&bad, s.store.clone(), s.metrics.clone()).err().unwrap().to_string();

    let mut text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    for id in [&n.notice_id, &m.notice_id] {
        text.push_str(&s.store.notice(id).await.unwrap().unwrap().last_error.unwrap());
    }
    text.push_str(&refused);
    text.push_str(&format!("{:?} {:?}", cfg, notifier_debug(&bad)));
    assert!(text.contains("HTTP 401") && text.contains("timed out") && text.contains("cannot connect") && text.contains("HTTP 500"), "{text}");
    assert!(!text.contains(TOKEN) && !text.contains(SID), "a credential leaked:\n{text}");
}

fn notifier_debug(c: &NotifyConfig) -> String {
    format!("{c:#?}")
}

/// Two notifiers drain one outbox at once (each claim is a conditional write): 20 notices, five
/// attempts answered 500, and each notice is accepted and recorded sent exactly once.
async fn two_notifiers_send_each_notice_once(a: Arc<dyn NoticeStore>, b: Arc<dyn NoticeStore>, run: &str) {
    let (p, url) = provider().await;
    for _ in 0..5 {
        p.then(Reply::Status(500));
    }
    let metrics = NotifyMetrics::register(&Registry::new()).unwrap();
    let notices: Vec<Notice> = (0..20).map(|i| notice(&format!("MH-{run}-{i:04}"), Channel::Sms)).collect();
    for n in &notices {
        assert!(a.enqueue(n).await.unwrap());
        assert!(!b.enqueue(n).await.unwrap(), "enqueue is idempotent across connections");
    }
    let (na, nb) = (Notifier::new(&config(&url), a.clone(), metrics.clone()).unwrap(), Notifier::new(&config(&url), b.clone(), metrics.clone()).unwrap());
    let mut all_sent = false;
    let mut last = String::new();
    for _ in 0..1000 {
        let (x, y) = tokio::join!(na.drain_once(), nb.drain_once());
        let (x, y) = (x.unwrap(), y.unwrap());
        last = format!("{x:?} {y:?}");
        let mut done = 0;
        for n in &notices {
            done += usize::from(a.notice(&n.notice_id).await.unwrap().unwrap().state == NoticeState::Sent);
        }
        if done == notices.len() {
            all_sent = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(all_sent, "not all sent within 1000 passes; the last: {last}");
    let seen = p.seen();
    assert_eq!(seen.len(), 25, "20 accepted and 5 answered 500");
    for n in &notices {
        assert!(seen.iter().filter(|r| r.token == n.notice_id).count() <= 2);
    }
    assert_eq!(metrics.sent.with_label_values(&["sms"]).get(), 20, "each recorded sent once");
}

#[tokio::test]
async fn two_notifiers_on_one_embedded_outbox() {
    let s = setup();
    // A second connection to the same file, as a second process would have.
    let other = Arc::new(EmbeddedStore::open(&s.path).unwrap());
    two_notifiers_send_each_notice_once(s.store.clone(), other, "E").await;
}

#[tokio::test]
#[ignore = "needs FLEETSIGHT_SCYLLA_URI (a ScyllaDB to test against)"]
async fn two_notifiers_on_one_scylla_outbox() {
    let uri = std::env::var("FLEETSIGHT_SCYLLA_URI").expect("FLEETSIGHT_SCYLLA_URI must be set to run the ignored ScyllaDB tests");
    let a: Arc<dyn NoticeStore> = Arc::new(ScyllaStore::connect(std::slice::from_ref(&uri), Some(1)).await.unwrap());
    let b: Arc<dyn NoticeStore> = Arc::new(ScyllaStore::connect(&[uri], None).await.unwrap());
    let run = format!("S{}{}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    two_notifiers_send_each_notice_once(a, b, &run).await;
}
