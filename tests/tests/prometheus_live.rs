//! Dashboards and alerts against a live Prometheus: the scale-out pipeline runs (an edge on the
//! test RTSP server publishing plate reads to a Kafka-protocol broker, and a `fleetsight sink`
//! consuming them into an embedded store with a bus-lane rule, so challans are made), a real
//! Prometheus (Debian's package) scrapes both every second, and every PromQL expression of every
//! dashboard panel, every dashboard variable and every alert rule is evaluated through its HTTP
//! API. Each must parse; each panel must return data, except the ones in [`FAULT_ONLY_PANELS`],
//! and each variable must offer values. Fails, never skips, when Prometheus is not installed.

use std::path::Path;
use std::time::Duration;

use fleetsight_e2e::grafana;
use fleetsight_e2e::scene::{bus_in_lane, notify_and_challans_toml, provider};
use fleetsight_e2e::prometheus::{Prometheus, has_data, repo_root, rule_exprs};
use fleetsight_e2e::{KafkaBroker, RtspServer, clip, free_port, temp_db};
use rdkafka::ClientConfig;
use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use tokio_util::sync::CancellationToken;

/// Panels whose series exist or move only when something goes wrong, so a healthy run leaves
/// them empty: (panel title, why). Each must still parse, and each title must exist.
const FAULT_ONLY_PANELS: &[(&str, &str)] = &[];

/// Alert inputs with no series until their first fault (a labelled counter whose label value is
/// only known then): (metric, why). Every other metric an alert uses must exist on a healthy run.
const ABSENT_UNTIL_FAULT: &[(&str, &str)] = &[];

/// Grafana's `$__rate_interval` and friends: 30 one-second scrapes.
const WINDOW: &str = "30s";

/// A dashboard panel with PromQL targets: its file, title and expressions.
struct Panel {
    file: String,
    title: String,
    exprs: Vec<String>,
}

/// Every panel with a PromQL target, and every query variable's PromQL (file, variable, query),
/// from every dashboard.
fn dashboard_queries() -> (Vec<Panel>, Vec<(String, String, String)>, usize) {
    let dashboards = grafana::load_all().expect("every dashboard parses");
    let mut panels = Vec::new();
    let mut variables = Vec::new();
    for d in &dashboards {
        for p in d.panels() {
            let exprs: Vec<String> = p.targets().iter().map(|t| t.expr.to_string()).filter(|e| !e.trim().is_empty()).collect();
            if !exprs.is_empty() {
                panels.push(Panel { file: d.name(), title: p.title.to_string(), exprs });
            }
        }
        variables.extend(d.variables().iter().filter_map(|v| Some((d.name(), v.name.to_string(), v.as_promql()?))));
    }
    (panels, variables, dashboards.len())
}

/// The edge's and the sink's configs, in `dir`: the bus stands in a bus lane for the whole run.
async fn configs(dir: &Path, broker: &str, rtsp_url: &str, sink_port: u16) -> (pipeline::Config, pipeline::Config) {
    bus_in_lane(dir, "bus-1", 400);
    let common = format!(
        "[kafka]\nbrokers = \"{broker}\"\nspool_dir = \"{spool}\"\n[evidence]\ntype = \"local\"\nroot = \"{evidence}\"\n",
        spool = dir.join("spool").display(),
        evidence = dir.join("evidence").display()
    );
    let edge = format!(
        "[api]\nlisten = \"127.0.0.1:0\"\n[store]\npath = \"{db}\"\n[gps]\nreplay = [{{ path = \"{gps}\" }}]\n{common}\
         [[streams]]\nid = \"bus-1-front\"\ndevice_id = \"bus-1\"\nmax_fps = 5.0\nrtsp = {{ url = \"{rtsp_url}\" }}\n",
        db = temp_db().display(),
        gps = dir.join("gps.csv").display()
    );
    let sink = format!(
        r#"[api]
listen = "127.0.0.1:{sink_port}"
[store]
path = "{db}"
{common}
[[rules.bus_lanes]]
id = "fc-road"
geojson = "lane.geojson"
hours = [{{ from = "00:00", to = "24:00" }}]
bus_devices = ["bus-1"]
{notify}"#,
        db = temp_db().display(),
        notify = notify_and_challans_toml(&provider().await.0)
    );
    std::fs::write(dir.join("edge.toml"), edge).unwrap();
    std::fs::write(dir.join("sink.toml"), sink).unwrap();
    let sink = pipeline::Config::load_for_sink(&dir.join("sink.toml")).unwrap();
    std::fs::write(dir.join("registry.csv"), "plate,owner_name,phone\nMH12AB1234,Asha Patil,+919812345678\nKA05MN6789,Ravi Rao,+919800000001\n").unwrap();
    assert_eq!(pipeline::admin::import_registry(&sink, &dir.join("registry.csv")).await.unwrap(), 2);
    (pipeline::Config::load(&dir.join("edge.toml")).unwrap(), sink)
}

/// The first value of a one-series instant query, or 0.
async fn value(prom: &Prometheus, expr: &str) -> f64 {
    let a = prom.query(expr).await.unwrap();
    a["data"]["result"][0]["value"][1].as_str().and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_dashboard_and_alert_expression_evaluates_against_a_live_prometheus() {
    let root = repo_root();
    let (panels, variables, files) = dashboard_queries();
    assert!(files > 0 && !panels.is_empty(), "the dashboards are read: {files} files, {} panels", panels.len());
    let alerts = rule_exprs(&std::fs::read_to_string(root.join("deploy/prometheus/alerts.yml")).unwrap());
    assert!(alerts.len() >= 10, "the alert rules are read: {alerts:?}");
    for (title, why) in FAULT_ONLY_PANELS {
        assert!(panels.iter().any(|p| p.title == *title), "FAULT_ONLY_PANELS names {title:?} ({why}), which no dashboard has");
    }

    let _serial = fleetsight_e2e::models_test_lock();
    let server = RtspServer::start(&[("cam0", clip("plate720_base", "264"))]).unwrap();
    let broker = KafkaBroker::start().unwrap();
    pipeline::harness::net::create_topics(&broker.bootstrap()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sink_port = free_port();
    let (edge_config, sink_config) = configs(dir.path(), &broker.bootstrap(), &server.url("cam0"), sink_port).await;
    let stop_sink = CancellationToken::new();
    let sink = tokio::spawn(pipeline::runtime::run_sink(sink_config, stop_sink.clone()));
    let edge = pipeline::runtime::start(edge_config).await.unwrap();
    let sink_addr = ([127, 0, 0, 1], sink_port).into();
    let prom = Prometheus::start(&[("fleetsight-edge", edge.http_addr()), ("fleetsight-sink", sink_addr)], &[root.join("deploy/prometheus/alerts.yml")])
        .await
        .unwrap();

    // Both targets up, then long enough for 30 s rates and for reads to become challans.
    let mut up = 0.0;
    for _ in 0..60 {
        up = value(&prom, "sum(up)").await;
        if up == 2.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(up, 2.0, "both targets are scraped:\n{}", prom.log());
    let mut challans = 0.0;
    for _ in 0..90 {
        challans = value(&prom, "sum(fleetsight_challans_created_total)").await;
        if challans > 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    assert!(challans > 0.0, "reads became challans in the sink");
    tokio::time::sleep(Duration::from_secs(40)).await;

    let mut failures = Vec::new();
    let (mut evaluated, mut empty_fault_only) = (0, Vec::new());
    for p in &panels {
        let fault_only = FAULT_ONLY_PANELS.iter().any(|(t, _)| *t == p.title);
        let mut any_data = false;
        for e in &p.exprs {
            let q = grafana::expand(e, WINDOW);
            let a = prom.query(&q).await.unwrap();
            evaluated += 1;
            if a["status"] != "success" {
                failures.push(format!("{} / {:?}: {q}: {}", p.file, p.title, a["error"]));
            }
            any_data |= has_data(&a);
        }
        if !any_data && !fault_only {
            failures.push(format!("{} / {:?}: no data from {:?}", p.file, p.title, p.exprs));
        }
        if !any_data && fault_only {
            empty_fault_only.push(p.title.clone());
        }
    }
    // The variables' dropdowns (label_values queries) have values to offer.
    for (file, name, q) in &variables {
        let q = grafana::expand(q, WINDOW);
        let a = prom.query(&q).await.unwrap();
        if a["status"] != "success" || !has_data(&a) {
            failures.push(format!("{file} / variable {name}: {q}: no values ({})", a["error"]));
        }
    }
    for (name, e) in &alerts {
        let a = prom.query(e).await.unwrap();
        if a["status"] != "success" {
            failures.push(format!("alert {name}: {e}: {}", a["error"]));
        }
    }
    // The alerts' inputs exist on a healthy run (an alert over a series that never exists is
    // blind), except those created by their first fault.
    let inputs: std::collections::BTreeSet<String> = alerts.iter().flat_map(|(_, e)| grafana::metric_names(e)).collect();
    for m in &inputs {
        let present = value(&prom, &format!("count({{__name__=\"{m}\"}})")).await > 0.0;
        let fault_only = ABSENT_UNTIL_FAULT.iter().any(|(n, _)| n == m);
        if present == fault_only {
            failures.push(format!("alert input {m}: has series: {present}; listed in ABSENT_UNTIL_FAULT: {fault_only}"));
        }
    }
    // Prometheus has been evaluating the rules every second: none failed, none fires on a healthy run.
    let rules = prom.api("/api/v1/rules").await.unwrap();
    let evaluated_rules: Vec<&serde_json::Value> = rules["data"]["groups"].as_array().unwrap().iter().flat_map(|g| g["rules"].as_array().unwrap()).collect();
    assert_eq!(evaluated_rules.len(), alerts.len(), "Prometheus loaded every rule");
    for r in &evaluated_rules {
        if r["health"] != "ok" {
            failures.push(format!("rule {} is {}: {}", r["name"], r["health"], r["lastError"]));
        }
        if r["state"] == "firing" {
            failures.push(format!("rule {} fires on a healthy pipeline: {}", r["name"], r["alerts"]));
        }
    }
    println!(
        "prometheus_live: {files} dashboard files, {} panels, {evaluated} panel expressions, {} variable queries, {} alert expressions evaluated; fault-only panels without data: {empty_fault_only:?}",
        panels.len(),
        variables.len(),
        alerts.len()
    );

    // The end of Prometheus's log, for a failure's context.
    let log = prom.log();
    let log: Vec<&str> = log.lines().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect();
    let log = log.join("\n");
    drop(prom);
    edge.shutdown().await;
    stop_sink.cancel();
    sink.await.unwrap().unwrap();
    assert!(failures.is_empty(), "{} failures:\n  {}\nprometheus log (end):\n{log}", failures.len(), failures.join("\n  "));
}
