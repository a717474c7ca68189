//! Secrets stay secret: a full run of the binary with credentials everywhere (a camera that asks
//! for a digest password, read from the environment, a camera given the wrong one in the file,
//! an API key and a JWT secret, a notice provider's token), logging at debug level. None of the secrets may appear in what it logs,
//! in its metrics, in `/readyz`, or in the API's answers and errors.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use pipeline::harness::rtsp::RtspServer;

const RTSP_USER: &str = "cam-admin";
const RTSP_PASS: &str = "rtspPass-9f3c1e";
const WRONG_PASS: &str = "wrongPass-77aa0d";
const API_KEY: &str = "apikey-7d1e0b44c5a9f2e6b8d3";
const JWT_SECRET: &str = "jwtSecret-0123456789abcdefghijklmnopqrstuv";
const TWILIO_TOKEN: &str = "twilioToken-5be1c0de";

fn clip() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/clips/out/plate720_base.264"))
}

fn config(dir: &std::path::Path, good: &str, bad: &str) -> String {
    format!(
        r#"[api]
listen = "127.0.0.1:0"
[[api.tenants]]
id = "acme"
devices = ["bus-1", "bus-2"]
[[api.api_keys]]
name = "gateway"
key_env = "FLEETSIGHT_TEST_API_KEY"
tenant = "acme"
role = "admin"
[api.jwt]
issuer = "https://idp.example"
audience = "fleetsight"
algorithm = "HS256"
secret_env = "FLEETSIGHT_TEST_JWT_SECRET"
[store]
path = "{db}"
[notify]
base_url = "http://127.0.0.1:9"
account_sid = "AC0123456789abcdef0123456789abcdef"
auth_token_env = "FLEETSIGHT_TEST_TWILIO_TOKEN"
from_sms = "+15005550006"
from_whatsapp = "+14155238886"
[[streams]]
id = "front"
device_id = "bus-1"
max_fps = 2.0
rtsp = {{ url = "{good}", username = "{RTSP_USER}", password_env = "FLEETSIGHT_TEST_RTSP_PASSWORD" }}
[[streams]]
id = "rear"
device_id = "bus-2"
rtsp = {{ url = "{bad}", username = "{RTSP_USER}", password = "{WRONG_PASS}" }}
"#,
        db = dir.join("reads.db").display()
    )
}

/// Everything a secret could leak into: stderr (the logs), and the HTTP answers.
struct Seen {
    logs: String,
    http: Vec<(String, u16, String)>,
}

/// `GET path` with an optional credential header; (what was asked, status, body).
async fn get(client: &reqwest::Client, base: &str, path: &str, auth: Option<(&str, &str)>) -> (String, u16, String) {
    let mut req = client.get(format!("{base}{path}"));
    if let Some((header, value)) = auth {
        req = req.header(header, value);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (format!("GET {path} ({})", auth.map(|(h, _)| h).unwrap_or("anonymous")), status, resp.text().await.unwrap())
}

fn run_with_credentials() -> Seen {
    let server = RtspServer::start_with_auth(&[("cam0", clip())], RTSP_USER, RTSP_PASS).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edge.toml");
    std::fs::write(&path, config(dir.path(), &server.url("cam0"), &server.url("cam0"))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fleetsight"))
        .args(["run", "--config", path.to_str().unwrap(), "--status-interval", "2"])
        .env("RUST_LOG", "debug")
        .env("NO_COLOR", "1")
        .env("FLEETSIGHT_TEST_API_KEY", API_KEY)
        .env("FLEETSIGHT_TEST_JWT_SECRET", JWT_SECRET)
        .env("FLEETSIGHT_TEST_TWILIO_TOKEN", TWILIO_TOKEN)
        .env("FLEETSIGHT_TEST_RTSP_PASSWORD", RTSP_PASS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            if let Some(addr) = String::from_utf8_lossy(&all).lines().find(|l| l.contains("Serving /metrics")).and_then(|l| l.split("addr=").nth(1)) {
                let _ = tx.send(addr.split_whitespace().next().unwrap_or_default().to_string());
            }
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    let Ok(addr) = rx.recv_timeout(Duration::from_secs(60)) else {
        let _ = child.kill();
        panic!("the edge did not start serving: {}", reader.join().unwrap());
    };
    let base = format!("http://{addr}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let http = rt.block_on(async {
        // Long enough for the good camera to stream and the bad one to be refused and retried.
        tokio::time::sleep(Duration::from_secs(12)).await;
        let c = reqwest::Client::new();
        vec![
            get(&c, &base, "/readyz", None).await,
            get(&c, &base, "/metrics", None).await,
            get(&c, &base, "/v1/devices", Some(("x-api-key", API_KEY))).await,
            get(&c, &base, "/v1/devices", Some(("x-api-key", "apikey-not-the-right-one"))).await,
            get(&c, &base, "/v1/devices", Some(("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"))).await,
            get(&c, &base, "/v1/devices", None).await,
        ]
    });
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    let logs = reader.join().unwrap();
    assert!(status.success(), "exit {status}: {logs}");
    drop(server);
    Seen { logs, http }
}

#[test]
fn credentials_never_appear_in_logs_metrics_or_answers() {
    let seen = run_with_credentials();
    // The run did what it should, so the paths that could leak were exercised.
    let api: Vec<(&str, u16)> = seen.http.iter().filter(|(w, _, _)| w.starts_with("GET /v1/")).map(|(w, s, _)| (w.as_str(), *s)).collect();
    assert_eq!(api.iter().map(|(_, s)| *s).collect::<Vec<_>>(), [200, 401, 401, 401], "the right key is let in, the rest refused: {api:?}");
    let metrics = &seen.http.iter().find(|(w, _, _)| w.starts_with("GET /metrics")).unwrap().2;
    let decoded = metrics.lines().find(|l| l.starts_with("fleetsight_frames_decoded_total{") && l.contains("stream=\"front\"")).unwrap_or_default().to_string();
    assert!(decoded.rsplit(' ').next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) > 0.0, "the camera with the right password streamed: {decoded:?}");
    assert!(seen.logs.contains("401"), "the camera with the wrong password was refused (and that was logged)");
    let readyz = &seen.http.iter().find(|(w, _, _)| w.starts_with("GET /readyz")).unwrap().2;
    assert!(readyz.contains("rear"), "/readyz reports the refused camera: {readyz}");

    let basic = base64_basic(RTSP_USER, RTSP_PASS);
    for secret in [RTSP_PASS, WRONG_PASS, API_KEY, JWT_SECRET, TWILIO_TOKEN, basic.as_str()] {
        let in_logs = seen.logs.lines().filter(|l| l.contains(secret)).take(3).collect::<Vec<_>>();
        assert!(in_logs.is_empty(), "a secret is in the logs: {in_logs:#?}");
        for (what, _, body) in &seen.http {
            assert!(!body.contains(secret), "a secret is in the answer to {what}");
        }
    }
}

/// What HTTP Basic would send for `user:password` (so a leaked header is caught too).
fn base64_basic(user: &str, password: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = format!("{user}:{password}").into_bytes();
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() { T[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}
