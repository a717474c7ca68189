//! The API over a real listener on 127.0.0.1:0: every route of [`ROUTES`] against every way a
//! credential can be wrong (one 401 shape, no credential echoed), tenancy (another tenant's
//! object is a 404 that reads like a missing object's, or filtered out), bad input (400s naming
//! the field; an unknown field in any JSON body changes nothing), the rate limits (429s with
//! `Retry-After`, on a clock the tests move), and what the routes do.
//!
//! Two tenants: `acme` owns `bus-1` and `bus-2`, `globex` owns `bus-9`; each has data (GPS,
//! plate reads, incidents), so a 404 on a foreign object is tenancy, not absence: the owner's
//! request for the same object succeeds.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{Method, StatusCode};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use prometheus::Registry;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use sinks::incident::{Incident, IncidentKind, IncidentStore};
use sinks::store::EmbeddedStore;

use super::*;
use crate::gps::{GpsBuffer, GpsConfig};
use crate::telemetry::PipelineMetrics;

const RS_PRIVATE: &[u8] = include_bytes!("testdata/rs256_test_private.pem");
const RS_PUBLIC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/testdata/rs256_test_public.pem");
const ISSUER: &str = "https://idp.test/";
const AUDIENCE: &str = "fleetsight";
const HS_SECRET: &str = "an-hs256-secret-of-at-least-32-bytes!";
/// `{"alg":"none","typ":"JWT"}`, base64url.
const NONE_HEADER: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
const ACME_KEY: &str = "acme-gateway-key";
const GLOBEX_KEY: &str = "globex-gateway-key";

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

/// How the API verifies tokens in one harness.
#[derive(Clone, Copy, PartialEq)]
enum JwtMode {
    Rs256,
    Hs256,
}

struct Harness {
    base: String,
    client: reqwest::Client,
    t0: i64,
    mode: JwtMode,
    registry: Registry,
    store: Arc<EmbeddedStore>,
    /// The rate limits' clock, in ms from the harness's start; moves only when a test moves it.
    clock_ms: Arc<AtomicU64>,
    _dir: tempfile::TempDir,
}


fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn api_toml(mode: JwtMode, dir: &Path) -> String {
    let globex_key = dir.join("globex.key");
    std::fs::write(&globex_key, format!("{GLOBEX_KEY}\n")).unwrap();
    let jwt = match mode {
        JwtMode::Rs256 => format!("algorithm = \"RS256\"\npublic_key_file = \"{RS_PUBLIC_PATH}\""),
        JwtMode::Hs256 => {
            let secret = dir.join("hs.secret");
            std::fs::write(&secret, HS_SECRET).unwrap();
            format!("algorithm = \"HS256\"\nsecret_file = \"{}\"", secret.display())
        }
    };
    format!(
        r#"
        listen = "127.0.0.1:0"
        [[tenants]]
        id = "acme"
        devices = ["bus-1", "bus-2"]
        [[tenants]]
        id = "globex"
        devices = ["bus-9"]
        [[api_keys]]
        name = "acme-gateway"
        sha256 = "{}"
        tenant = "acme"
        role = "viewer"
        [[api_keys]]
        name = "globex-gateway"
        key_file = "{}"
        tenant = "globex"
        role = "viewer"
        [jwt]
        issuer = "{ISSUER}"
        audience = "{AUDIENCE}"
        leeway_secs = 0
        {jwt}
        [limits]
        max_radius_m = 5000.0
        max_window_hours = 48
        max_page_size = 50
        max_image_bytes = 65536
        # The matrix sends hundreds of refused credentials from 127.0.0.1; the limits have
        # their own tests.
        [rate_limits]
        auth_failures_burst = 1000000
        queries_burst = 1000000
        "#,
        sha256_hex(ACME_KEY),
        globex_key.display()
    )
}

fn incident(id: &str, device: &str, at_ms: i64, lat: f64, lon: f64) -> Incident {
    Incident {
        schema_version: 1,
        incident_id: id.into(),
        kind: IncidentKind::Violation,
        subtype: "no_parking".into(),
        device_id: device.into(),
        plate: Some("MH12AB1234".into()),
        at_ms,
        lat,
        lon,
        challan_no: None,
        event_ids: vec![],
        detail: "parked".into(),
    }
}

fn challan(device: &str, state: sinks::challan::ChallanState, at_ms: i64) -> sinks::challan::Challan {
    sinks::challan::Challan {
        schema_version: 1,
        challan_no: String::new(),
        incident_id: "i".into(),
        offence: "bus_lane".into(),
        section: "s.177 MV Act".into(),
        fine_inr: 500,
        plate: "MH12AB1234".into(),
        device_id: device.into(),
        at_ms,
        lat: 19.0,
        lon: 72.8,
        event_ids: vec![],
        read_confidence: 0.9,
        detail: String::new(),
        state,
        review_reasons: vec![],
        owner: None,
        evidence: None,
        created_ms: at_ms,
        notice_due_ms: None,
        updated_ms: at_ms,
    }
}

/// One camera stream of `bus-1`, never started: it shows as `connecting`.
fn idle_stream(registry: &Registry) -> (ingest::StreamWorker, Arc<ingest::StreamHandle>) {
    let identity = ingest::StreamIdentity { stream_id: "bus-1-front".into(), device_id: "bus-1".into(), channel: 1 };
    let file: ingest::source::file::FileSourceConfig = toml::from_str("path = \"never-opened.264\"").unwrap();
    let opener = Box::new(ingest::source::file::FileOpener::new(&file).unwrap());
    let metrics = ingest::IngestMetrics::register(registry).unwrap();
    let (tx, _rx) = tokio::sync::mpsc::channel(1);
    // Never started, so nothing is decoded: no decoder executable needed (`cargo test --lib`).
    let decode = ingest::decode::DecodeConfig { isolation: ingest::decode::Isolation::Thread, ..Default::default() };
    let supervisor = ingest::SupervisorConfig { decode, ..Default::default() };
    let worker = ingest::StreamWorker::new(identity, opener, Default::default(), supervisor, &metrics, tx).unwrap();
    let handle = worker.handle();
    (worker, handle)
}

impl Harness {
    async fn start(mode: JwtMode) -> Self {
        Self::start_with(mode, GpsConfig::default()).await
    }

    async fn start_with(mode: JwtMode, gps: GpsConfig) -> Self {
        Self::start_config(mode, gps, |_| {}).await
    }

    /// With `edit` applied to the API config (tighter rate limits).
    async fn start_config(mode: JwtMode, gps: GpsConfig, edit: impl FnOnce(&mut ApiConfig)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config: ApiConfig = toml::from_str(&api_toml(mode, dir.path())).unwrap();
        edit(&mut config);
        assert_eq!(config.validate(), Vec::<String>::new());
        let registry = Registry::new();
        let metrics = PipelineMetrics::register(&registry).unwrap();
        let t0 = now_ms() / 1000 * 1000 - 3_600_000;
        let gps = Arc::new(GpsBuffer::new(gps));
        for (device, lat) in [("bus-1", 19.0), ("bus-9", 28.6)] {
            for (dt, dlat) in [(0, 0.0), (2000, 0.002)] {
                gps.insert(sinks::GpsFix { device_id: device.into(), time_ms: t0 + dt, lat: lat + dlat, lon: 72.8, heading_deg: None, speed_kmh: None }).unwrap();
            }
        }
        let store = Arc::new(EmbeddedStore::open(&dir.path().join("store.db")).unwrap());
        let examples = vec![sinks::PlateRead::example("r-acme", "MH12AB1234", "bus-1", t0), sinks::PlateRead::example("r-globex", "MH12AB1234", "bus-9", t0)];
        sinks::Store::write(store.as_ref(), examples).await.unwrap();
        let seeded = vec![
            incident("i-acme-1", "bus-1", t0, 19.0, 72.8),
            incident("i-acme-2", "bus-2", t0 + 1000, 19.001, 72.8),
            incident("i-globex", "bus-9", t0, 19.0, 72.8),
        ];
        store.write_incidents(seeded).await.unwrap();
        // Challans MH0000000001 (acme, pending review), ..02 (acme, issued), ..03 and ..04 (globex).
        for (i, (device, state)) in [("bus-1", "pending_review"), ("bus-2", "issued"), ("bus-9", "pending_review"), ("bus-9", "issued")].into_iter().enumerate() {
            let draft = sinks::challan::ChallanDraft { dedup_key: format!("k{i}"), prefix: "MH".into(), challan: challan(device, state.parse().unwrap(), t0) };
            sinks::challan::ChallanStore::issue(store.as_ref(), draft).await.unwrap();
        }
        for (job, tenant, device) in [("job-acme", "acme", "bus-1"), ("job-globex", "globex", "bus-9")] {
            sinks::jobs::JobStore::enqueue(store.as_ref(), queued_job(job, tenant, device, t0)).await.unwrap();
        }
        let uploads = dir.path().join("uploads");
        std::fs::create_dir(&uploads).unwrap();
        let clips = uploads::ClipUploads { jobs: store.clone(), dir: uploads, max_clip_bytes: 65536, wake: Default::default() };
        let (worker, handle) = idle_stream(&registry);
        let (clock, clock_ms) = ratelimit::manual_clock();
        let state = ApiState {
            auth: Arc::new(Authenticator::from_config(&config).unwrap()),
            tenants: Arc::new(Tenants::new(&config.tenants)),
            limits: config.limits.clone(),
            streams: Arc::new(vec![handle]),
            gps,
            reads: store.clone(),
            incidents: store.clone(),
            store: store.clone(),
            challans: Default::default(),
            notify: None,
            evidence: None,
            metrics: metrics.clone(),
            plate_reader: Arc::new(FakeReader),
            clips: Some(clips),
            rate_limits: Arc::new(RateLimits::with_clock(&config.rate_limits, &metrics, clock)),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = router(state);
        tokio::spawn(async move {
            let _worker = worker;
            axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap();
        });
        Self { base: format!("http://{addr}"), client: reqwest::Client::new(), t0, mode, registry, store, clock_ms, _dir: dir }
    }

    /// A token with these claims over the defaults (`sub`, valid `exp`, `iss`, `aud`), signed
    /// as this harness expects.
    fn token(&self, tenant: &str, role: Role, overrides: Value) -> String {
        let mut claims =
            json!({"sub": format!("{tenant}-person"), "tenant": tenant, "role": role, "iss": ISSUER, "aud": AUDIENCE, "exp": now_ms() / 1000 + 3600});
        for (k, v) in overrides.as_object().unwrap() {
            claims[k] = v.clone();
        }
        match self.mode {
            JwtMode::Rs256 => jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &EncodingKey::from_rsa_pem(RS_PRIVATE).unwrap()).unwrap(),
            JwtMode::Hs256 => jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(HS_SECRET.as_bytes())).unwrap(),
        }
    }

    async fn send(&self, req: &Req, auth: &Auth) -> (StatusCode, reqwest::header::HeaderMap, Value) {
        let mut b = self.client.request(req.method.clone(), format!("{}{}", self.base, req.path));
        match auth {
            Auth::None => {}
            Auth::Bearer(t) => b = b.bearer_auth(t),
            Auth::Key(k) => b = b.header("X-API-Key", *k),
        }
        if let Some(body) = &req.body {
            b = b.header("content-type", "application/json").body(body.clone());
        }
        if let Some((content_type, bytes)) = &req.raw {
            b = b.header("content-type", *content_type).body(bytes.clone());
        }
        let resp = b.send().await.unwrap();
        let status = StatusCode::from_u16(resp.status().as_u16()).unwrap();
        let headers = resp.headers().clone();
        let text = resp.text().await.unwrap();
        (status, headers, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }
}

enum Auth {
    None,
    Bearer(String),
    Key(&'static str),
}

#[derive(Clone)]
struct Req {
    method: Method,
    path: String,
    body: Option<String>,
    /// A non-JSON body and its content type (uploads).
    raw: Option<(&'static str, Vec<u8>)>,
}

fn get(path: String) -> Req {
    Req { method: Method::GET, path, body: None, raw: None }
}

fn post(path: &str, body: Value) -> Req {
    Req { method: Method::POST, path: path.into(), body: Some(body.to_string()), raw: None }
}

fn put(path: &str, body: Value) -> Req {
    Req { method: Method::PUT, path: path.into(), body: Some(body.to_string()), raw: None }
}

fn delete(path: &str) -> Req {
    Req { method: Method::DELETE, path: path.into(), body: None, raw: None }
}

/// What a caller of tenant `acme` gets for a `globex` object.
enum Foreign {
    /// 404, exactly as for a missing object.
    NotFound,
    /// 2xx, and `globex`'s data is filtered out (`bus-9` appears nowhere in the body).
    Filtered,
    /// 2xx: the authority's shared lists (hotlist, registry) belong to no tenant.
    Shared,
}

/// Per route: a request that succeeds for an `acme` caller, and the same request aimed at a
/// `globex` object. The lead adds one per new route (the matrix refuses a route without one).
struct Fixture {
    own: Req,
    foreign: Req,
    foreign_gets: Foreign,
}

fn fixture(route: &Route, t0: i64) -> Fixture {
    let window = format!("from={}&to={}", t0 - 60_000, t0 + 60_000);
    let same = |r: Req| Fixture { own: r.clone(), foreign: r, foreign_gets: Foreign::Filtered };
    let shared = |r: Req| Fixture { own: r.clone(), foreign: r, foreign_gets: Foreign::Shared };
    match (route.verb, route.path) {
        (Verb::Get, "/v1/devices") => same(get("/v1/devices".into())),
        (Verb::Get, "/v1/devices/{id}/gps") => Fixture {
            own: get(format!("/v1/devices/bus-1/gps?{window}")),
            foreign: get(format!("/v1/devices/bus-9/gps?{window}")),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Post, "/v1/gps") => Fixture {
            own: post("/v1/gps", json!({"device_id": "bus-2", "time_ms": t0, "lat": 19.0, "lon": 72.8})),
            foreign: post("/v1/gps", json!({"device_id": "bus-9", "time_ms": t0, "lat": 28.6, "lon": 72.8})),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Get, "/v1/plates/{plate}/sightings") => same(get(format!("/v1/plates/MH12AB1234/sightings?{window}"))),
        (Verb::Get, "/v1/incidents") => same(get(format!("/v1/incidents?lat=19.0&lon=72.8&radius_m=1000&{window}"))),
        (Verb::Post, "/v1/alarms") => Fixture {
            own: post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": t0 + 1000})),
            foreign: post("/v1/alarms", json!({"device_id": "bus-9", "type": "panic", "at_ms": t0 + 1000})),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Get, "/v1/challans") => same(get("/v1/challans".into())),
        (Verb::Get, "/v1/challans/{no}") => Fixture {
            own: get("/v1/challans/MH0000000001".into()),
            foreign: get("/v1/challans/MH0000000003".into()),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Post, "/v1/challans/{no}/review") => Fixture {
            own: post("/v1/challans/MH0000000001/review", json!({"decision": "approve", "reason": "owner confirmed"})),
            foreign: post("/v1/challans/MH0000000003/review", json!({"decision": "approve", "reason": "owner confirmed"})),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Post, "/v1/challans/{no}/status") => Fixture {
            own: post("/v1/challans/MH0000000002/status", json!({"state": "contested", "reason": "owner disputes the read"})),
            foreign: post("/v1/challans/MH0000000004/status", json!({"state": "contested", "reason": "owner disputes the read"})),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Get, "/v1/hotlist") => shared(get("/v1/hotlist".into())),
        (Verb::Put, "/v1/hotlist/{plate}") => shared(put("/v1/hotlist/MH12AB1234", json!({"reason": "stolen", "note": "FIR 12/2026"}))),
        (Verb::Delete, "/v1/hotlist/{plate}") => shared(delete("/v1/hotlist/KA05MN6789")),
        (Verb::Post, "/v1/hotlist/import") => shared(post("/v1/hotlist/import", json!({"csv": "plate,reason\nDL3CAB1234,wanted\n"}))),
        (Verb::Post, "/v1/registry/import") => shared(post("/v1/registry/import", json!({"csv": "plate,owner_name,phone\nMH12AB1234,Asha Patil,+919812345678\n"}))),
        (Verb::Post, "/v1/images") => Fixture {
            own: upload("/v1/images?device_id=bus-1", "image/jpeg", test_jpeg(64, 32)),
            foreign: upload("/v1/images?device_id=bus-9", "image/jpeg", test_jpeg(64, 32)),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Post, "/v1/clips") => Fixture {
            own: upload("/v1/clips?device_id=bus-1", "video/h264", ANNEX_B.to_vec()),
            foreign: upload("/v1/clips?device_id=bus-9", "video/h264", ANNEX_B.to_vec()),
            foreign_gets: Foreign::NotFound,
        },
        (Verb::Get, "/v1/clips/{job}") => {
            Fixture { own: get("/v1/clips/job-acme".into()), foreign: get("/v1/clips/job-globex".into()), foreign_gets: Foreign::NotFound }
        }
        (verb, path) => panic!("no fixture for {verb:?} {path}: add one to api/tests.rs `fixture`"),
    }
}

/// Every 401 has one shape, `{"error": {"code", "message"}}`, and echoes no credential: not
/// the token or key sent, not the verifying key, not a configured secret.
fn assert_refusal_shape(body: &Value, sent: &Auth, public_pem: &[u8], case: &str) {
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!((keys(body), keys(&body["error"])), (vec!["error".to_string()], vec!["code".to_string(), "message".to_string()]), "{case}: {body}");
    assert!(matches!(body["error"]["code"].as_str(), Some("unauthenticated" | "invalid_credentials")), "{case}: {body}");
    let text = body.to_string();
    let pem = String::from_utf8_lossy(public_pem);
    let mut secrets: Vec<&str> = pem.lines().filter(|l| l.len() > 20).collect();
    secrets.extend([ACME_KEY, GLOBEX_KEY, HS_SECRET]);
    match sent {
        Auth::Bearer(t) => secrets.extend(t.split('.').filter(|part| part.len() > 8)),
        Auth::Key(k) => secrets.push(k),
        Auth::None => {}
    }
    for secret in secrets {
        assert!(!text.contains(secret), "{case}: the body echoes `{secret}`: {body}");
    }
}

/// Each foreign object of the fixtures, and an id nobody has.
const FOREIGN_TO_MISSING: &[(&str, &str)] =
    &[("bus-9", "bus-8"), ("MH0000000003", "MH0000000093"), ("MH0000000004", "MH0000000094"), ("job-globex", "job-nobody")];

/// `req` aimed at missing objects instead of foreign ones.
fn renamed(req: &Req, pairs: &[(&str, &str)]) -> Req {
    let swap = |text: &str| pairs.iter().fold(text.to_string(), |t, (from, to)| t.replace(from, to));
    Req { path: swap(&req.path), body: req.body.as_deref().map(swap), ..req.clone() }
}

/// `body` with the ids of [`FOREIGN_TO_MISSING`] blanked, to compare a foreign and a missing 404.
fn masked(body: &Value) -> String {
    FOREIGN_TO_MISSING.iter().fold(body.to_string(), |t, (foreign, missing)| t.replace(foreign, "<id>").replace(missing, "<id>"))
}

/// The lowest role a person needs for `access`.
fn min_role(access: Access) -> Role {
    match access {
        Access::AtLeast(r) | Access::MachineOr(r) => r,
    }
}

/// Every route × every refused credential, the role boundary, tenancy, and success. RS256 is
/// configured, so an HS256 token signed with the RS256 public key is the key-confusion attack.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_bad_credentials_and_foreign_objects() {
    let h = Harness::start(JwtMode::Rs256).await;
    let public_pem = std::fs::read(RS_PUBLIC_PATH).unwrap();
    for route in ROUTES {
        let f = fixture(route, h.t0);
        let name = format!("{:?} {}", route.verb, route.path);
        let need = min_role(route.access);
        let admin = h.token("acme", Role::Admin, json!({}));
        let payload = admin.split('.').nth(1).unwrap().to_string();
        let claims = json!({"sub": "x", "tenant": "acme", "role": "admin", "iss": ISSUER, "aud": AUDIENCE, "exp": now_ms() / 1000 + 3600});
        let refused = [
            ("no credentials", Auth::None),
            ("expired", Auth::Bearer(h.token("acme", Role::Admin, json!({"exp": now_ms() / 1000 - 600})))),
            ("not yet valid", Auth::Bearer(h.token("acme", Role::Admin, json!({"nbf": now_ms() / 1000 + 600})))),
            ("alg=none", Auth::Bearer(format!("{NONE_HEADER}.{payload}."))),
            (
                "HS256 signed with the RS256 public key",
                Auth::Bearer(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&public_pem)).unwrap()),
            ),
            ("wrong audience", Auth::Bearer(h.token("acme", Role::Admin, json!({"aud": "someone-else"})))),
            ("wrong issuer", Auth::Bearer(h.token("acme", Role::Admin, json!({"iss": "https://evil.test/"})))),
            ("unknown tenant", Auth::Bearer(h.token("initech", Role::Admin, json!({})))),
            ("garbage token", Auth::Bearer("not.a.jwt".into())),
            ("unknown API key", Auth::Key("not-a-key")),
        ];
        for (case, auth) in &refused {
            let (status, headers, body) = h.send(&f.own, auth).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}, {case}: {body}");
            assert!(headers.get("www-authenticate").is_some_and(|v| v.to_str().unwrap().starts_with("Bearer")), "{name}, {case}: no challenge");
            assert_refusal_shape(&body, auth, &public_pem, &format!("{name}, {case}"));
        }
        for lower in [Role::Viewer, Role::Reviewer, Role::Operator].into_iter().filter(|r| *r < need) {
            let (status, _, body) = h.send(&f.own, &Auth::Bearer(h.token("acme", lower, json!({})))).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{name}, {lower:?}: {body}");
            assert_eq!(body["error"]["code"], "forbidden");
        }
        match route.access {
            Access::MachineOr(_) => {
                let (status, _, body) = h.send(&f.own, &Auth::Key(ACME_KEY)).await;
                assert!(status.is_success(), "{name}, a viewer machine key: {status} {body}");
            }
            Access::AtLeast(r) if r > Role::Viewer => {
                let (status, _, _) = h.send(&f.own, &Auth::Key(ACME_KEY)).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{name}: a viewer key is held to its role");
            }
            Access::AtLeast(_) => {}
        }
        let (status, _, body) = h.send(&f.own, &Auth::Bearer(h.token("acme", need, json!({})))).await;
        assert!(status.is_success(), "{name}, {need:?}: {status} {body}");
        // The foreign object exists: its owner gets it.
        let (status, _, body) = h.send(&f.foreign, &Auth::Bearer(h.token("globex", Role::Admin, json!({})))).await;
        assert!(status.is_success(), "{name}, the owner: {status} {body}");
        if let Foreign::Filtered = f.foreign_gets {
            assert!(body.to_string().contains("bus-9"), "{name}: the owner sees bus-9: {body}");
        }
        let (status, _, body) = h.send(&f.foreign, &Auth::Bearer(admin.clone())).await;
        match f.foreign_gets {
            Foreign::NotFound => {
                assert_eq!(status, StatusCode::NOT_FOUND, "{name}, another tenant's object: {body}");
                assert_eq!(body["error"]["code"], "not_found");
                // Existence never leaks: a foreign object's 404 reads like a missing one's.
                let (status, _, missing) = h.send(&renamed(&f.foreign, FOREIGN_TO_MISSING), &Auth::Bearer(admin.clone())).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{name}, a missing object: {missing}");
                assert_eq!(masked(&body), masked(&missing), "{name}: a foreign object's 404 differs from a missing one's");
            }
            Foreign::Filtered => {
                assert!(status.is_success(), "{name}: {status} {body}");
                assert!(!body.to_string().contains("bus-9"), "{name}: another tenant's data leaked: {body}");
            }
            Foreign::Shared => assert!(status.is_success(), "{name}: {status} {body}"),
        }
    }
    let metrics = prometheus::TextEncoder::new().encode_to_string(&h.registry.gather()).unwrap();
    assert!(metrics.contains(r#"fleetsight_api_requests_total{method="GET",route="/v1/incidents",status="401"} 10"#), "{metrics}");
}

/// With HS256 configured: HS256 tokens pass; RS256 tokens and other secrets do not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hs256_is_pinned() {
    let h = Harness::start(JwtMode::Hs256).await;
    let req = get("/v1/devices".into());
    let (status, _, body) = h.send(&req, &Auth::Bearer(h.token("acme", Role::Viewer, json!({})))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let claims = json!({"sub": "x", "tenant": "acme", "role": "admin", "iss": ISSUER, "aud": AUDIENCE, "exp": now_ms() / 1000 + 3600});
    let rs = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &EncodingKey::from_rsa_pem(RS_PRIVATE).unwrap()).unwrap();
    let other = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(b"another-secret-of-at-least-32-bytes!!")).unwrap();
    for token in [rs, other] {
        assert_eq!(h.send(&req, &Auth::Bearer(token)).await.0, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_the_field() {
    let h = Harness::start(JwtMode::Rs256).await;
    let admin = Auth::Bearer(h.token("acme", Role::Admin, json!({})));
    let w = format!("from={}&to={}", h.t0 - 60_000, h.t0 + 60_000);
    let cases = [
        (get(format!("/v1/incidents?lat=91&lon=72.8&radius_m=100&{w}")), "lat"),
        (get(format!("/v1/incidents?lat=19&lon=-181&radius_m=100&{w}")), "lon"),
        (get(format!("/v1/incidents?lat=abc&lon=72.8&radius_m=100&{w}")), "lat"),
        (get(format!("/v1/incidents?lon=72.8&radius_m=100&{w}")), "lat"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=5001&{w}")), "radius_m"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&from=0&to={}", 49 * 3_600_000)), "from"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{w}&limit=51")), "limit"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{w}&type=alarm,bogus")), "type"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{w}&cursor=zz")), "cursor"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{w}&sort=desc")), "sort"),
        (get("/v1/devices?verbose=1".into()), "verbose"),
        (get(format!("/v1/devices/bus-1/gps?from={}&to={}", h.t0, h.t0)), "from"),
        (get(format!("/v1/plates/XX12AB1234/sightings?{w}")), "plate"),
        (get(format!("/v1/plates/MH12%21B1234/sightings?{w}")), "plate"),
        (post("/v1/gps", json!({"device_id": "bus-1", "time_ms": 1, "lat": 123.0, "lon": 72.8})), "lat"),
        (
            post(
                "/v1/gps",
                json!([{"device_id": "bus-1", "time_ms": 1, "lat": 1.0, "lon": 2.0}, {"device_id": "bus-1", "time_ms": 2, "lat": 1.0, "lon": 2.0, "alt": 3}]),
            ),
            "[1].alt",
        ),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": h.t0, "severity": 5})), "severity"),
        (post("/v1/alarms?dry_run=1", json!({"device_id": "bus-1", "type": "panic", "at_ms": h.t0})), "dry_run"),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "fire", "at_ms": h.t0})), "type"),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic"})), "at_ms"),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": -5})), "at_ms"),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": h.t0, "lat": 19.0})), "lon"),
        (post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": h.t0, "lat": 95.0, "lon": 72.0})), "lat"),
    ];
    for (req, field) in &cases {
        let (status, _, body) = h.send(req, &admin).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{} {}: {body}", req.method, req.path);
        assert_eq!(body["error"]["field"], *field, "{} {}: {body}", req.method, req.path);
        assert_eq!(body["error"]["code"], "invalid_argument");
    }
    // Refused requests changed nothing: no alarm recorded, no fix of a refused batch kept.
    let alarms = get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=5000&{w}&type=alarm"));
    assert_eq!(h.send(&alarms, &admin).await.2["items"], json!([]));
    assert_eq!(h.send(&get("/v1/devices/bus-1/gps?from=0&to=10".into()), &admin).await.2["fixes"], json!([]));
    let (status, _, body) = h.send(&post("/v1/gps", json!("not a fix")), &admin).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::BAD_REQUEST, &json!("invalid_argument")), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alarms_are_located_and_idempotent() {
    let h = Harness::start(JwtMode::Rs256).await;
    let op = Auth::Bearer(h.token("acme", Role::Operator, json!({})));
    // Halfway between bus-1's two fixes.
    let alarm = post("/v1/alarms", json!({"device_id": "bus-1", "type": "collision", "at_ms": h.t0 + 1000}));
    let (status, _, first) = h.send(&alarm, &op).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["position"], "interpolated");
    assert!((first["incident"]["lat"].as_f64().unwrap() - 19.001).abs() < 1e-9, "{first}");
    assert_eq!(first["incident"]["type"], "alarm");
    assert_eq!(first["incident"]["subtype"], "collision");
    let (status, _, again) = h.send(&alarm, &op).await;
    assert_eq!((status, &again["created"]), (StatusCode::OK, &json!(false)));
    assert_eq!(again["incident"]["incident_id"], first["incident"]["incident_id"]);
    let reported =
        post("/v1/alarms", json!({"device_id": "bus-2", "type": "camera_tamper", "at_ms": h.t0, "lat": 19.5, "lon": 73.0, "detail": "lens covered"}));
    let (status, _, body) = h.send(&reported, &op).await;
    assert_eq!((status, &body["position"], &body["incident"]["detail"]), (StatusCode::CREATED, &json!("reported"), &json!("lens covered")));
    // bus-2 has no GPS: without a position the alarm cannot be placed.
    let lost = post("/v1/alarms", json!({"device_id": "bus-2", "type": "panic", "at_ms": h.t0}));
    let (status, _, body) = h.send(&lost, &op).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::UNPROCESSABLE_ENTITY, &json!("no_position")), "{body}");
    // The alarm is an incident near where it happened.
    let q = get(format!("/v1/incidents?lat=19.001&lon=72.8&radius_m=50&from={}&to={}&type=alarm", h.t0, h.t0 + 5000));
    let (status, _, page) = h.send(&q, &op).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    assert_eq!(page["items"][0]["incident_id"], first["incident"]["incident_id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_show_the_tenants_own_data() {
    let h = Harness::start(JwtMode::Rs256).await;
    let viewer = Auth::Bearer(h.token("acme", Role::Viewer, json!({})));
    let (_, _, devices) = h.send(&get("/v1/devices".into()), &viewer).await;
    let ids: Vec<&str> = devices["devices"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bus-1", "bus-2"]);
    assert_eq!(devices["devices"][0]["latest_fix"]["time_ms"], h.t0 + 2000);
    assert_eq!(devices["devices"][0]["streams"], json!([{"id": "bus-1-front", "channel": 1, "state": "connecting", "ever_running": false}]));
    assert_eq!(devices["devices"][1]["latest_fix"], Value::Null);
    let (_, _, track) = h.send(&get(format!("/v1/devices/bus-1/gps?from={}&to={}", h.t0, h.t0 + 2000)), &viewer).await;
    assert_eq!(track["fixes"].as_array().unwrap().len(), 1, "`to` is exclusive: {track}");
    let reviewer = Auth::Bearer(h.token("acme", Role::Reviewer, json!({})));
    let (_, _, seen) = h.send(&get(format!("/v1/plates/mh-12-ab-1234/sightings?from={}&to={}", h.t0 - 60_000, h.t0 + 60_000)), &reviewer).await;
    assert_eq!(seen["plate"], "MH12AB1234");
    assert_eq!(seen["sightings"].as_array().unwrap().len(), 1, "{seen}");
    assert_eq!(seen["sightings"][0]["event_id"], "r-acme");
    let base = format!("/v1/incidents?lat=19.0&lon=72.8&radius_m=1000&from={}&to={}&limit=1", h.t0 - 60_000, h.t0 + 60_000);
    let (_, _, p1) = h.send(&get(base.clone()), &viewer).await;
    assert_eq!(p1["items"][0]["incident_id"], "i-acme-1", "{p1}");
    let cursor = p1["next"].as_str().unwrap();
    let (_, _, p2) = h.send(&get(format!("{base}&cursor={cursor}")), &viewer).await;
    assert_eq!(p2["items"][0]["incident_id"], "i-acme-2", "{p2}");
    assert_eq!(p2["next"], Value::Null, "globex's incident is not a third page: {p2}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gps_needs_a_machine_key_or_an_operator() {
    let h = Harness::start(JwtMode::Rs256).await;
    let fix = post("/v1/gps", json!([{"device_id": "bus-2", "time_ms": h.t0, "lat": 19.0, "lon": 72.8}]));
    let (status, _, body) = h.send(&fix, &Auth::Key(ACME_KEY)).await;
    assert_eq!((status, &body["accepted"]), (StatusCode::ACCEPTED, &json!(1)));
    // The key read from a file works too, for its own tenant only; one foreign fix refuses the
    // whole batch.
    let (status, _, _) = h.send(&fix, &Auth::Key(GLOBEX_KEY)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mixed = post(
        "/v1/gps",
        json!([{"device_id": "bus-2", "time_ms": h.t0 + 5, "lat": 19.0, "lon": 72.8}, {"device_id": "bus-9", "time_ms": h.t0, "lat": 19.0, "lon": 72.8}]),
    );
    assert_eq!(h.send(&mixed, &Auth::Key(ACME_KEY)).await.0, StatusCode::NOT_FOUND);
    let (status, _, _) = h.send(&fix, &Auth::Bearer(h.token("acme", Role::Reviewer, json!({})))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, devices) = h.send(&get("/v1/devices".into()), &Auth::Key(ACME_KEY)).await;
    assert_eq!(devices["devices"][1]["latest_fix"]["time_ms"], h.t0, "{devices}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gps_of_a_new_device_past_the_cap_is_refused_and_counted() {
    // bus-1 and bus-9 already have fixes: a third device does not fit.
    let h = Harness::start_with(JwtMode::Rs256, GpsConfig { max_devices: 2, ..Default::default() }).await;
    let fixes = post("/v1/gps", json!([{"device_id": "bus-1", "time_ms": h.t0 + 5, "lat": 19.0, "lon": 72.8}, {"device_id": "bus-2", "time_ms": h.t0, "lat": 19.0, "lon": 72.8}]));
    let (status, _, body) = h.send(&fixes, &Auth::Key(ACME_KEY)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!((&body["error"]["code"], &body["error"]["field"]), (&json!("resource_exhausted"), &json!("[1].device_id")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("gps.max_devices"), "{body}");
    let (_, _, devices) = h.send(&get("/v1/devices".into()), &Auth::Key(ACME_KEY)).await;
    assert_eq!(devices["devices"][0]["latest_fix"]["time_ms"], h.t0 + 2000, "all or nothing: bus-1's fix was not taken either");
    let known = post("/v1/gps", json!({"device_id": "bus-1", "time_ms": h.t0 + 5, "lat": 19.0, "lon": 72.8}));
    assert_eq!(h.send(&known, &Auth::Key(ACME_KEY)).await.0, StatusCode::ACCEPTED);
    let metrics = prometheus::TextEncoder::new().encode_to_string(&h.registry.gather()).unwrap();
    assert!(metrics.contains(r#"fleetsight_gps_fixes_refused_total{reason="device_limit",source="http"} 2"#), "{metrics}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_is_public_and_unknown_routes_are_json_404s() {
    let h = Harness::start(JwtMode::Rs256).await;
    let (status, _, doc) = h.send(&get("/openapi.json".into()), &Auth::None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc, serde_json::from_str::<Value>(&openapi::document_json()).unwrap());
    let head = Req { method: Method::HEAD, path: "/v1/devices".into(), body: None, raw: None };
    assert_eq!(h.send(&head, &Auth::None).await.0, StatusCode::UNAUTHORIZED, "HEAD is GET's, behind the same layer");
    assert_eq!(h.send(&head, &Auth::Key(ACME_KEY)).await.0, StatusCode::OK);
    let (status, _, body) = h.send(&get("/v1/nothing-here".into()), &Auth::None).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::NOT_FOUND, &json!("not_found")));
}

/// Review and status moves: the reviewer is recorded, the lifecycle is enforced (409), bad
/// bodies name their field, and challan details carry the history.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn challans_are_reviewed_and_moved_through_their_lifecycle() {
    let h = Harness::start(JwtMode::Rs256).await;
    let reviewer = Auth::Bearer(h.token("acme", Role::Reviewer, json!({"sub": "meera"})));
    let operator = Auth::Bearer(h.token("acme", Role::Operator, json!({})));
    let (status, _, body) = h.send(&get("/v1/challans?state=pending_review".into()), &reviewer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["items"].as_array().unwrap().iter().map(|c| c["challan_no"].as_str().unwrap()).collect::<Vec<_>>(), ["MH0000000001"]);
    let approve = post("/v1/challans/MH0000000001/review", json!({"decision": "approve", "reason": "owner confirmed"}));
    let (status, _, body) = h.send(&approve, &reviewer).await;
    assert_eq!((status, body["state"].as_str()), (StatusCode::OK, Some("issued")), "{body}");
    let (status, _, body) = h.send(&approve, &reviewer).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "reviewing twice: {body}");
    let bad = [
        (post("/v1/challans/MH0000000001/status", json!({"state": "issued", "reason": "x"})), "state"),
        (post("/v1/challans/MH0000000001/status", json!({"state": "paid", "reason": ""})), "reason"),
        (post("/v1/challans/MH0000000001/review", json!({"decision": "maybe", "reason": "x"})), "decision"),
        (get("/v1/challans?state=lost".into()), "state"),
    ];
    for (req, field) in bad {
        let (status, _, body) = h.send(&req, &operator).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{} {body}", req.path);
    }
    let (status, _, body) = h.send(&post("/v1/challans/MH0000000001/status", json!({"state": "paid", "reason": "UTR 998877"})), &operator).await;
    assert_eq!((status, body["state"].as_str()), (StatusCode::OK, Some("paid")), "{body}");
    let (_, _, body) = h.send(&get("/v1/challans/MH0000000001".into()), &reviewer).await;
    let steps: Vec<(&str, &str)> = body["history"].as_array().unwrap().iter().map(|t| (t["to"].as_str().unwrap(), t["actor"].as_str().unwrap())).collect();
    assert_eq!(steps, [("pending_review", "system"), ("issued", "meera"), ("paid", "acme-person")]);
}

fn upload(path: &str, content_type: &'static str, bytes: Vec<u8>) -> Req {
    Req { method: Method::POST, path: path.into(), body: None, raw: Some((content_type, bytes)) }
}

fn test_jpeg(width: u16, height: u16) -> Vec<u8> {
    let pixels = vec![200u8; width as usize * height as usize * 3];
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85).encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

/// Stands in for the plate models (the e2e tests in `tests/tests/uploads.rs` run the real ones):
/// one plate in the middle of any image.
struct FakeReader;

impl PlateReader for FakeReader {
    fn read(&self, image: &models::RgbImage) -> anyhow::Result<Vec<images::ImagePlate>> {
        let (w, h) = (image.width() as f32, image.height() as f32);
        let r#box = images::PlateBox { x: w / 4.0, y: h / 4.0, w: w / 2.0, h: h / 2.0 };
        Ok(vec![images::ImagePlate {
            text: "MH12AB1234".into(),
            formatted: "MH 12 AB 1234".into(),
            kind: "standard".into(),
            confidence: 0.9,
            detector_score: 0.8,
            r#box,
            lines: 1,
        }])
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn image_uploads_are_checked_before_decoding() {
    let h = Harness::start(JwtMode::Rs256).await;
    let op = Auth::Bearer(h.token("acme", Role::Operator, json!({})));
    let (status, _, body) = h.send(&upload("/v1/images", "image/jpeg", test_jpeg(64, 32)), &op).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((&body["width"], &body["height"], &body["device_id"]), (&json!(64), &json!(32), &Value::Null));
    assert_eq!(body["plates"][0]["text"], "MH12AB1234");
    assert_eq!(body["plates"][0]["box"], json!({"x": 16.0, "y": 8.0, "w": 32.0, "h": 16.0}));
    let cases = [
        (upload("/v1/images", "image/jpeg", b"not an image at all".to_vec()), StatusCode::BAD_REQUEST, "not a JPEG"),
        (upload("/v1/images", "image/png", test_jpeg(8, 8)), StatusCode::BAD_REQUEST, "not a PNG"),
        (upload("/v1/images", "image/jpeg", test_jpeg(8, 8)[..60].to_vec()), StatusCode::BAD_REQUEST, "cannot decode the JPEG"),
        (upload("/v1/images", "image/jpeg", test_jpeg(4097, 8)), StatusCode::BAD_REQUEST, "4097x8 is over the 4096x4096 cap"),
        // Small caps here: a body far over the cap is cut off mid-send, and the client sees no answer.
        (upload("/v1/images", "image/jpeg", vec![0xFF; 65537]), StatusCode::PAYLOAD_TOO_LARGE, "65536-byte limit"),
        (upload("/v1/images", "image/gif", b"GIF89a".to_vec()), StatusCode::UNSUPPORTED_MEDIA_TYPE, "`image/gif` is not accepted"),
        (upload("/v1/images?device_id=bus-9", "image/jpeg", test_jpeg(8, 8)), StatusCode::NOT_FOUND, "device `bus-9`"),
        (upload("/v1/images?verbose=1", "image/jpeg", test_jpeg(8, 8)), StatusCode::BAD_REQUEST, "verbose"),
    ];
    for (req, want, text) in &cases {
        let (status, _, body) = h.send(req, &op).await;
        assert_eq!(status, *want, "{}: {body}", req.path);
        assert!(body.to_string().contains(text), "{}: want `{text}` in {body}", req.path);
    }
}

/// The start of an H.264 Annex B stream (an SPS start code); the harness runs no job worker.
const ANNEX_B: &[u8] = &[0, 0, 0, 1, 0x67, 0x42, 0, 0x1e];

fn queued_job(id: &str, tenant: &str, device: &str, t0: i64) -> sinks::jobs::Job {
    sinks::jobs::Job {
        job_id: id.into(),
        tenant: tenant.into(),
        device_id: device.into(),
        clip_path: format!("/nowhere/{id}.264"),
        state: sinks::jobs::JobState::Queued,
        reason: None,
        created_ms: t0,
        updated_ms: t0,
        reads: vec![],
        incident_ids: vec![],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clip_uploads_are_checked_saved_and_queued() {
    let h = Harness::start(JwtMode::Rs256).await;
    let op = Auth::Bearer(h.token("acme", Role::Operator, json!({})));
    let (status, _, accepted) = h.send(&upload("/v1/clips?device_id=bus-2", "video/h264", ANNEX_B.to_vec()), &op).await;
    assert_eq!((status, &accepted["state"]), (StatusCode::ACCEPTED, &json!("queued")), "{accepted}");
    let job = accepted["job_id"].as_str().unwrap();
    let saved = h._dir.path().join("uploads").join(format!("{job}.264"));
    assert_eq!(std::fs::read(&saved).unwrap(), ANNEX_B);
    let viewer = Auth::Bearer(h.token("acme", Role::Viewer, json!({})));
    let (status, _, got) = h.send(&get(format!("/v1/clips/{job}")), &viewer).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!((&got["state"], &got["device_id"], &got["reads"]), (&json!("queued"), &json!("bus-2"), &json!([])));
    let globex = Auth::Bearer(h.token("globex", Role::Admin, json!({})));
    assert_eq!(h.send(&get(format!("/v1/clips/{job}")), &globex).await.0, StatusCode::NOT_FOUND, "another tenant's job");
    let mp4_head = b"\0\0\0\x18ftypisom".to_vec();
    let cases = [
        (upload("/v1/clips?device_id=bus-1", "video/mp4", ANNEX_B.to_vec()), StatusCode::BAD_REQUEST, "not an MP4"),
        (upload("/v1/clips?device_id=bus-1", "video/h264", b"GIF89a".to_vec()), StatusCode::BAD_REQUEST, "not an H.264 Annex B stream"),
        (upload("/v1/clips", "video/h264", ANNEX_B.to_vec()), StatusCode::BAD_REQUEST, "device_id"),
        (upload("/v1/clips?device_id=bus-1", "video/quicktime", mp4_head.clone()), StatusCode::UNSUPPORTED_MEDIA_TYPE, "video/quicktime"),
        (upload("/v1/clips?device_id=bus-1", "video/mp4", [mp4_head, vec![0; 65536]].concat()), StatusCode::PAYLOAD_TOO_LARGE, "65536-byte limit"),
        (upload("/v1/clips?device_id=bus-9", "video/h264", ANNEX_B.to_vec()), StatusCode::NOT_FOUND, "bus-9"),
        (get("/v1/clips/no-such-job".into()), StatusCode::NOT_FOUND, "no-such-job"),
    ];
    for (req, want, text) in &cases {
        let (status, _, body) = h.send(req, &op).await;
        assert_eq!(status, *want, "{}: {body}", req.path);
        assert!(body.to_string().contains(text), "{}: want `{text}` in {body}", req.path);
    }
    let files = std::fs::read_dir(h._dir.path().join("uploads")).unwrap().count();
    assert_eq!(files, 1, "refused clips are not kept");
}

/// What shows whether a refused write changed anything.
enum ReadBack {
    /// This request's answer.
    Api(Req),
    /// The registry's row for this plate (no route reads the registry).
    Vehicle(&'static str),
}

/// Per route taking a JSON body: a valid body plus one field the route does not know (named
/// by the second element), and the read that shows the object the write would change.
fn unknown_field_case(method: &str, path: &str, t0: i64) -> (Req, &'static str, ReadBack) {
    let w = format!("from={}&to={}", t0 - 60_000, t0 + 60_000);
    match (method, path) {
        ("post", "/v1/gps") => (
            post("/v1/gps", json!({"device_id": "bus-1", "time_ms": t0 + 500, "lat": 19.0, "lon": 72.8, "altitude_m": 12.0})),
            "altitude_m",
            ReadBack::Api(get(format!("/v1/devices/bus-1/gps?{w}"))),
        ),
        ("post", "/v1/alarms") => (
            post("/v1/alarms", json!({"device_id": "bus-1", "type": "panic", "at_ms": t0 + 1000, "incident_id": "chosen-by-caller"})),
            "incident_id",
            ReadBack::Api(get(format!("/v1/incidents?lat=19.001&lon=72.8&radius_m=1000&{w}&type=alarm"))),
        ),
        // Mass assignment: the fine is not the reviewer's to set.
        ("post", "/v1/challans/{no}/review") => (
            post("/v1/challans/MH0000000001/review", json!({"decision": "approve", "reason": "owner confirmed", "fine_inr": 1})),
            "fine_inr",
            ReadBack::Api(get("/v1/challans/MH0000000001".into())),
        ),
        ("post", "/v1/challans/{no}/status") => (
            post("/v1/challans/MH0000000002/status", json!({"state": "paid", "reason": "UTR 998877", "tenant": "globex"})),
            "tenant",
            ReadBack::Api(get("/v1/challans/MH0000000002".into())),
        ),
        ("put", "/v1/hotlist/{plate}") => (
            put("/v1/hotlist/MH12AB1234", json!({"reason": "stolen", "added_by": "someone-else"})),
            "added_by",
            ReadBack::Api(get("/v1/hotlist".into())),
        ),
        ("post", "/v1/hotlist/import") => (
            post("/v1/hotlist/import", json!({"csv": "plate,reason\nDL3CAB1234,wanted\n", "replace": true})),
            "replace",
            ReadBack::Api(get("/v1/hotlist".into())),
        ),
        ("post", "/v1/registry/import") => (
            post("/v1/registry/import", json!({"csv": "plate,owner_name,phone\nMH12AB1234,Asha Patil,+919812345678\n", "source": "rto"})),
            "source",
            ReadBack::Vehicle("MH12AB1234"),
        ),
        (m, p) => panic!("no unknown-field case for {m} {p}: add one to api/tests.rs `unknown_field_case`"),
    }
}

impl Harness {
    async fn read_back(&self, r: &ReadBack, auth: &Auth) -> String {
        match r {
            ReadBack::Api(req) => {
                let (status, _, body) = self.send(req, auth).await;
                assert_eq!(status, StatusCode::OK, "{}: {body}", req.path);
                body.to_string()
            }
            ReadBack::Vehicle(plate) => format!("{:?}", sinks::challan::ChallanStore::vehicle(self.store.as_ref(), plate).await.unwrap()),
        }
    }
}

/// (method, path) of every operation the OpenAPI document (and so the router: see
/// `openapi.rs`'s tests) gives a JSON body.
fn json_body_operations() -> Vec<(String, String)> {
    let doc: Value = serde_json::from_str(&openapi::document_json()).unwrap();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["requestBody"]["content"].get("application/json").is_some() {
                out.push((method.clone(), path.clone()));
            }
        }
    }
    out
}

/// Every operation the OpenAPI document (and so the router: see `openapi.rs`'s tests) gives a
/// JSON body refuses an unknown field with a 400 naming it, and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_body_refuses_unknown_fields_and_changes_nothing() {
    let h = Harness::start(JwtMode::Rs256).await;
    let admin = Auth::Bearer(h.token("acme", Role::Admin, json!({})));
    let mut checked = 0;
    for (method, path) in json_body_operations() {
        let (req, field, read_back) = unknown_field_case(&method, &path, h.t0);
        let before = h.read_back(&read_back, &admin).await;
        let (status, _, body) = h.send(&req, &admin).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(field)), "{method} {path}: {body}");
        assert_eq!(h.read_back(&read_back, &admin).await, before, "{method} {path}: a refused body changed the object");
        checked += 1;
    }
    assert_eq!(checked, 7, "the JSON bodies of gps, alarms, review, status, hotlist put and import, registry import");
}

/// Caps on expensive queries: over any of them is a 400 that names the parameter and the cap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_caps_are_400s_naming_the_cap() {
    let h = Harness::start(JwtMode::Rs256).await;
    let admin = Auth::Bearer(h.token("acme", Role::Admin, json!({})));
    let w = format!("from={}&to={}", h.t0 - 60_000, h.t0 + 60_000);
    let long = format!("from={}&to={}", h.t0 - 49 * 3_600_000, h.t0);
    let cases = [
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=5000.5&{w}")), "radius_m", "api.limits.max_radius_m"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{long}")), "from", "api.limits.max_window_hours"),
        (get(format!("/v1/incidents?lat=19&lon=72.8&radius_m=100&{w}&limit=51")), "limit", "api.limits.max_page_size"),
        (get(format!("/v1/plates/MH12AB1234/sightings?{long}")), "from", "api.limits.max_window_hours"),
        (get(format!("/v1/devices/bus-1/gps?{long}")), "from", "api.limits.max_window_hours"),
        (get("/v1/challans?limit=51".into()), "limit", "api.limits.max_page_size"),
        (get("/v1/hotlist?limit=51".into()), "limit", "api.limits.max_page_size"),
    ];
    for (req, field, cap) in &cases {
        let (status, _, body) = h.send(req, &admin).await;
        assert_eq!((status, body["error"]["field"].as_str()), (StatusCode::BAD_REQUEST, Some(*field)), "{}: {body}", req.path);
        assert!(body["error"]["message"].as_str().unwrap().contains(cap), "{}: want `{cap}` in {body}", req.path);
    }
}

fn limited(status: StatusCode, headers: &reqwest::header::HeaderMap, body: &Value) -> Option<u64> {
    (status == StatusCode::TOO_MANY_REQUESTS && body["error"]["code"] == "rate_limited").then(|| headers.get("retry-after")?.to_str().ok()?.parse().ok())?
}

/// A client address's failed authentications: N are 401s, then every request from it is a 429
/// with `Retry-After`, refused before the verifier runs (a valid token too), until time refills
/// the bucket. Successes cost nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_bad_credentials_get_429s_before_verification() {
    let h = Harness::start_config(JwtMode::Rs256, GpsConfig::default(), |c| {
        c.rate_limits.auth_failures_burst = 3;
        c.rate_limits.auth_failures_per_minute = 1;
    })
    .await;
    let req = get("/v1/devices".into());
    let good = Auth::Bearer(h.token("acme", Role::Viewer, json!({})));
    let expired = Auth::Bearer(h.token("acme", Role::Viewer, json!({"exp": now_ms() / 1000 - 600})));
    for _ in 0..5 {
        assert_eq!(h.send(&req, &good).await.0, StatusCode::OK, "a success takes nothing from the allowance");
    }
    for bad in [&expired, &Auth::Key("guess-1"), &Auth::None] {
        assert_eq!(h.send(&req, bad).await.0, StatusCode::UNAUTHORIZED);
    }
    for auth in [&Auth::Key("guess-2"), &good, &Auth::Key(ACME_KEY)] {
        let (status, headers, body) = h.send(&req, auth).await;
        assert_eq!(limited(status, &headers, &body), Some(60), "{status} {headers:?} {body}");
    }
    // A minute later one failure more is allowed.
    h.clock_ms.store(60_000, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(h.send(&req, &good).await.0, StatusCode::OK);
    assert_eq!(h.send(&req, &Auth::Key("guess-3")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(h.send(&req, &Auth::Key("guess-4")).await.0, StatusCode::TOO_MANY_REQUESTS);
    let metrics = prometheus::TextEncoder::new().encode_to_string(&h.registry.gather()).unwrap();
    assert!(metrics.contains(r#"fleetsight_api_rate_limited_total{route_class="auth"} 4"#), "{metrics}");
    assert!(metrics.contains(r#"fleetsight_api_requests_total{method="GET",route="/v1/devices",status="429"} 4"#), "{metrics}");
}

/// Behind a trusted proxy, the client named by `X-Forwarded-For` has its own bucket.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_behind_a_trusted_proxy_are_counted_apart() {
    let h = Harness::start_config(JwtMode::Rs256, GpsConfig::default(), |c| {
        c.rate_limits.auth_failures_burst = 1;
        c.rate_limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let guess = |client: &str| h.client.get(format!("{}/v1/devices", h.base)).header("X-API-Key", "guess").header("X-Forwarded-For", client).send();
    assert_eq!(guess("203.0.113.1").await.unwrap().status(), 401);
    assert_eq!(guess("203.0.113.1").await.unwrap().status(), 429);
    assert_eq!(guess("203.0.113.2").await.unwrap().status(), 401, "another client behind the same proxy");
}

/// Expensive queries (the routes marked `.query()` in `ROUTES`) share one bucket per tenant:
/// N pass, the next is a 429 with `Retry-After`; other tenants and other routes are not held up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expensive_queries_get_429s_per_tenant() {
    let h = Harness::start_config(JwtMode::Rs256, GpsConfig::default(), |c| {
        c.rate_limits.queries_burst = 2;
        c.rate_limits.queries_per_minute = 2;
    })
    .await;
    let w = format!("from={}&to={}", h.t0 - 60_000, h.t0 + 60_000);
    let near = get(format!("/v1/incidents?lat=19.0&lon=72.8&radius_m=1000&{w}"));
    let plate = get(format!("/v1/plates/MH12AB1234/sightings?{w}"));
    let acme = Auth::Bearer(h.token("acme", Role::Reviewer, json!({})));
    let globex = Auth::Bearer(h.token("globex", Role::Reviewer, json!({})));
    assert_eq!(h.send(&near, &acme).await.0, StatusCode::OK);
    assert_eq!(h.send(&plate, &acme).await.0, StatusCode::OK);
    for req in [&near, &plate] {
        let (status, headers, body) = h.send(req, &acme).await;
        assert_eq!(limited(status, &headers, &body), Some(30), "{}: {status} {body}", req.path);
    }
    assert_eq!(h.send(&near, &globex).await.0, StatusCode::OK, "another tenant has its own bucket");
    assert_eq!(h.send(&get("/v1/devices".into()), &acme).await.0, StatusCode::OK, "other routes are not limited");
    h.clock_ms.store(30_000, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(h.send(&near, &acme).await.0, StatusCode::OK);
    assert_eq!(h.send(&near, &acme).await.0, StatusCode::TOO_MANY_REQUESTS);
    let metrics = prometheus::TextEncoder::new().encode_to_string(&h.registry.gather()).unwrap();
    assert!(metrics.contains(r#"fleetsight_api_rate_limited_total{route_class="query"} 3"#), "{metrics}");
}

/// Each class's routes, as the access table marks them.
#[test]
fn the_expensive_searches_are_rate_limited() {
    let query: Vec<&str> = ROUTES.iter().filter(|r| r.class == RouteClass::Query).map(|r| r.path).collect();
    assert_eq!(query, ["/v1/plates/{plate}/sightings", "/v1/incidents"]);
}

/// Structure-aware fuzzing of every JSON body the API accepts, through the real server: each
/// operation's valid body is mutated (a field's value swapped for a hostile one, a field
/// dropped or duplicated, the text truncated or a byte changed) `FLEETSIGHT_API_FUZZ_CASES`
/// times (default 150). No answer may be a 5xx or a non-JSON error, and the server must still
/// answer afterwards. The seed is printed on failure (`FLEETSIGHT_FUZZ_SEED` replays it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_body_survives_mutated_input() {
    use rand::{Rng, SeedableRng};
    let seed = std::env::var("FLEETSIGHT_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| now_ms() as u64);
    let cases: usize = std::env::var("FLEETSIGHT_API_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(150);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let h = Harness::start(JwtMode::Rs256).await;
    let admin = Auth::Bearer(h.token("acme", Role::Admin, json!({})));
    let hostile = [
        json!(null), json!(true), json!(-0.0), json!(1e308), json!(-9.3e18), json!(u64::MAX), json!(""), json!("\u{0}\u{202e}é"),
        json!("x".repeat(70_000)), json!([]), json!({}), json!([[[[[[[[1]]]]]]]]), json!({"a": {"b": {"c": [null]}}}), json!("MH12AB1234"),
    ];
    let mut sent = 0;
    for (method, path) in json_body_operations() {
        let (template, unknown, _) = unknown_field_case(&method, &path, h.t0);
        let mut valid: Value = serde_json::from_str(template.body.as_deref().unwrap()).unwrap();
        valid.as_object_mut().unwrap().remove(unknown);
        let keys: Vec<String> = valid.as_object().unwrap().keys().cloned().collect();
        for _ in 0..cases {
            let mut body = valid.clone();
            let key = &keys[rng.random_range(0..keys.len())];
            let text = match rng.random_range(0..6) {
                0 => {
                    body[key] = hostile[rng.random_range(0..hostile.len())].clone();
                    body.to_string()
                }
                1 => {
                    body.as_object_mut().unwrap().remove(key);
                    body.to_string()
                }
                2 => format!("{{\"{key}\":1,{}", &body.to_string()[1..]),
                3 => json!([body, body]).to_string(),
                4 => {
                    let t = body.to_string();
                    String::from_utf8_lossy(&t.as_bytes()[..rng.random_range(0..t.len())]).into_owned()
                }
                _ => {
                    let mut b = body.to_string().into_bytes();
                    let i = rng.random_range(0..b.len());
                    b[i] = rng.random();
                    String::from_utf8_lossy(&b).into_owned()
                }
            };
            let req = Req { body: Some(text.clone()), ..template.clone() };
            let (status, _, answer) = h.send(&req, &admin).await;
            assert!(!status.is_server_error(), "seed {seed}: {method} {path} answered {status} to {text:.300}: {answer}");
            assert!(status.is_success() || answer["error"].is_object(), "seed {seed}: {method} {path} {status} is not a JSON error: {answer}");
            sent += 1;
        }
    }
    assert_eq!(sent, 7 * cases);
    let (status, _, _) = h.send(&get("/v1/hotlist".into()), &admin).await;
    assert_eq!(status, StatusCode::OK, "seed {seed}: the server still answers");
}
