//! The scene the challan tests share: a bus standing in a bus lane, and a Twilio-shaped notice
//! provider that records what it was sent.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Where the bus stands.
pub const LAT: f64 = 18.5204;
/// Where the bus stands.
pub const LON: f64 = 73.8567;

/// A square GeoJSON polygon of ±`half` degrees around the bus.
pub fn square(half: f64) -> String {
    let (a, b, c, d) = (LON - half, LAT - half, LON + half, LAT + half);
    format!(r#"{{"type":"Polygon","coordinates":[[[{a},{b}],[{c},{b}],[{c},{d}],[{a},{d}],[{a},{b}]]]}}"#)
}

/// Writes `dir/lane.geojson` (±0.001° around the bus) and `dir/gps.csv`: `device` standing there,
/// fixes at 1 Hz from a minute ago for `secs` seconds. Returns now, Unix ms.
pub fn bus_in_lane(dir: &Path, device: &str, secs: i64) -> i64 {
    std::fs::write(dir.join("lane.geojson"), square(0.001)).unwrap();
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as i64;
    let mut csv = String::from("device_id,time_ms,lat,lon,heading_deg,speed_kmh\n");
    for s in 0..secs {
        csv += &format!("{device},{},{LAT},{LON},,0\n", now - 60_000 + s * 1000);
    }
    std::fs::write(dir.join("gps.csv"), csv).unwrap();
    now
}

/// Messages a provider received: (To, idempotency token).
pub type Sent = Arc<Mutex<Vec<(String, String)>>>;

/// A Twilio-shaped provider on a free port that accepts and records each message. Returns its
/// base URL.
pub async fn provider() -> (String, Sent) {
    let seen: Sent = Arc::default();
    let s = seen.clone();
    let app = axum::Router::new().route(
        "/2010-04-01/Accounts/{sid}/Messages.json",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let s = s.clone();
            async move {
                let to = body.split('&').find_map(|kv| kv.strip_prefix("To=")).unwrap_or_default().to_string();
                let token = headers.get("i-twilio-idempotency-token").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
                let n = {
                    let mut seen = s.lock().unwrap();
                    seen.push((to, token));
                    seen.len()
                };
                (axum::http::StatusCode::CREATED, format!(r#"{{"sid":"SM{n}","status":"queued"}}"#))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

/// The `[notify]` section for `provider_url`, and `[challans]` with the bus-lane offence.
pub fn notify_and_challans_toml(provider_url: &str) -> String {
    format!(
        r#"[notify]
base_url = "{provider_url}"
account_sid = "AC0123456789abcdef0123456789abcdef"
auth_token = "secret-token-for-tests"
from_sms = "+15005550006"
from_whatsapp = "+14155238886"
poll_interval_secs = 0.5
[challans]
state_prefix = "MH"
[[challans.offences]]
code = "bus_lane"
section = "s.177 MV Act"
fine_inr = 500
"#
    )
}
