//! Secrets stay secret: a pipeline configured with credentials everywhere (RTSP passwords on a
//! working and a failing camera, an API key, a JWT HMAC secret, a Twilio auth token, S3 keys),
//! called with wrong credentials too, never shows one of them in its logs (captured at debug
//! level), its metrics, `/readyz`, the API's answers or its error responses.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fleetsight_e2e::{RtspServer, clip, ingest_only_header, wait_until};
use ingest::StreamState;

const RTSP_PASSWORD: &str = "SECRETPASS-rtsp-7f3a";
const API_KEY: &str = "SECRETKEY-api-7f3a";
const JWT_SECRET: &str = "SECRETJWT-hs256-7f3a-0123456789abcdef";
const TWILIO_TOKEN: &str = "SECRETTOKEN-twilio-7f3a";
const S3_KEY_ID: &str = "AKIASECRET7F3A";
const S3_SECRET: &str = "SECRETS3-7f3a";
const WRONG_KEY: &str = "SECRETWRONGKEY-7f3a";
const WRONG_BEARER: &str = "SECRETBEARER-7f3a";
const ALL: [&str; 8] = [RTSP_PASSWORD, API_KEY, JWT_SECRET, TWILIO_TOKEN, S3_KEY_ID, S3_SECRET, WRONG_KEY, WRONG_BEARER];

/// Everything the subscriber writes.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One request with optional headers; the status and body.
async fn request(addr: SocketAddr, method: &str, path: &str, headers: &str, body: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\n{headers}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let code = out.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_logs_metrics_or_responses() {
    let capture = Capture::default();
    let writer = capture.clone();
    tracing_subscriber::fmt().with_ansi(false).with_max_level(tracing::Level::DEBUG).with_writer(move || writer.clone()).init();

    let server = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("jwt.secret"), JWT_SECRET).unwrap();
    // SAFETY: set before the pipeline (the only reader) starts, while no other thread reads the environment.
    unsafe { std::env::set_var("FLEETSIGHT_SECRETS_TEST_API_KEY", API_KEY) };
    let toml = format!(
        r#"{header}
[[api.tenants]]
id = "acme"
devices = ["bus-1"]
[[api.api_keys]]
name = "gateway"
key_env = "FLEETSIGHT_SECRETS_TEST_API_KEY"
tenant = "acme"
role = "admin"
[api.jwt]
issuer = "https://idp.example.com/"
audience = "fleetsight"
algorithm = "HS256"
secret_file = "{jwt}"
[notify]
base_url = "http://127.0.0.1:9"
account_sid = "AC0123456789abcdef0123456789abcdef"
auth_token = "{TWILIO_TOKEN}"
from_sms = "+15005550006"
channels = ["sms"]
[evidence]
type = "s3"
bucket = "challan-evidence"
endpoint = "http://127.0.0.1:9"
allow_http = true
access_key_id = "{S3_KEY_ID}"
secret_access_key = "{S3_SECRET}"
[[streams]]
id = "cam-ok"
device_id = "bus-1"
rtsp = {{ url = "{ok}", username = "admin", password = "{RTSP_PASSWORD}" }}
[[streams]]
id = "cam-missing"
device_id = "bus-1"
channel = 2
rtsp = {{ url = "{missing}", username = "admin", password = "{RTSP_PASSWORD}" }}
"#,
        header = ingest_only_header(),
        jwt = dir.path().join("jwt.secret").display(),
        ok = server.url("cam0"),
        missing = server.url("no-such-mount"),
    );
    let config = pipeline::Config::from_toml_str(&toml, Path::new("secrets.toml")).unwrap();
    let shown = format!("{config:?}");
    let running = pipeline::runtime::start(config).await.unwrap();
    let addr = running.http_addr();
    let streams = running.streams().to_vec();
    let settled = || streams[0].state() == StreamState::Running && streams[1].status().last_error.is_some();
    assert!(wait_until(Duration::from_secs(20), settled).await, "one stream running, the other failing");

    let key = format!("X-API-Key: {API_KEY}\r\n");
    let mut bodies = vec![shown];
    for (method, path, headers, body) in [
        ("GET", "/metrics", String::new(), ""),
        ("GET", "/readyz", String::new(), ""),
        ("GET", "/v1/devices", key.clone(), ""),
        ("GET", "/v1/devices", format!("X-API-Key: {WRONG_KEY}\r\n"), ""),
        ("GET", "/v1/devices", format!("Authorization: Bearer {WRONG_BEARER}\r\n"), ""),
        ("GET", "/v1/devices", format!("Authorization: Basic {API_KEY}\r\n"), ""),
        ("POST", "/v1/gps", key.clone(), r#"{"fixes": "not a list", "password": "x"}"#),
        ("GET", "/v1/challans/NOPE", key.clone(), ""),
    ] {
        let (code, text) = request(addr, method, path, &headers, body).await;
        assert!(code > 0, "{method} {path}: no answer");
        bodies.push(format!("{method} {path} -> {text}"));
    }
    let src = pipeline::status::StatusSource { streams: streams.clone(), modes: running.modes(), metrics: running.metrics().clone() };
    let table = pipeline::status::render(&src, &Default::default(), Duration::from_secs(5));
    let status = format!("{table}\n{:?}", streams.iter().map(|s| s.status()).collect::<Vec<_>>());
    assert!(status.contains("cam-missing"), "{status}");
    bodies.push(status);
    running.shutdown().await;

    let logs = String::from_utf8_lossy(&capture.0.lock().unwrap()).to_string();
    assert!(logs.contains("cam-missing") && logs.contains("DEBUG"), "the capture works: {logs}");
    assert!(bodies.iter().any(|b| b.contains("fleetsight_frames_decoded_total")), "metrics were read");
    for secret in ALL {
        assert!(!logs.contains(secret), "{secret} in the logs:\n{logs}");
        for b in &bodies {
            assert!(!b.contains(secret), "{secret} in a response:\n{b}");
        }
    }
}
