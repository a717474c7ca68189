//! Static checks of the Grafana dashboards (`dashboards/*.json`): well-formed Grafana JSON, the
//! provisioned datasource everywhere, every variable defined, every panel described and with a
//! unit, and every metric a panel queries exported by the code, so renaming a metric fails here
//! rather than leaving a dashboard blank.

use std::collections::HashSet;

use fleetsight_e2e::grafana::{self, BUILTIN_VARIABLES, Dashboard};
use fleetsight_e2e::metrics::Exported;

/// The dashboards issue 9 asks for, by uid.
const EXPECTED_UIDS: [&str; 5] = ["fleetsight-challans", "fleetsight-kafka-sinks", "fleetsight-models", "fleetsight-overview", "fleetsight-stream"];

fn dashboards() -> Vec<Dashboard> {
    grafana::load_all().expect("every dashboard parses")
}

#[test]
fn the_probe_tells_exported_names_from_made_up_ones() {
    let r = Exported::new();
    assert!(r.has("fleetsight_frames_decoded_total"));
    assert!(r.has("fleetsight_notices_failed_total"), "a family with no series yet is found too");
    assert!(!r.has("fleetsight_made_up_total"));
    assert!(!r.has("fleetsight_made_up_total"), "a probe leaves nothing registered behind");
    assert!(r.check("fleetsight_ocr_seconds_bucket").is_none());
    assert!(r.check("fleetsight_ocr_seconds").is_some());
    assert!(r.check("fleetsight_frames_decoded_total_bucket").is_some());
}

#[test]
fn every_metric_on_a_dashboard_is_exported() {
    let r = Exported::new();
    let mut problems = Vec::new();
    for d in dashboards() {
        let mut queries: Vec<(String, &str)> = d.variables().iter().map(|v| (format!("variable ${}", v.name), v.query)).collect();
        for p in d.panels() {
            queries.extend(p.targets().iter().map(|t| (format!("panel {:?} target {}", p.title, t.ref_id), t.expr)));
        }
        for (place, expr) in queries {
            for name in grafana::metric_names(expr) {
                if let Some(why) = r.check(&name) {
                    problems.push(format!("{} {place}: {why}", d.name()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "dashboards query metrics the code does not export:\n{}", problems.join("\n"));
}

#[test]
fn the_issue_s_dashboards_exist_with_unique_uids() {
    let ds = dashboards();
    let mut uids: Vec<&str> = ds.iter().map(Dashboard::uid).collect();
    uids.sort();
    let unique: HashSet<_> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "duplicate dashboard uids: {uids:?}");
    assert_eq!(uids, EXPECTED_UIDS);
    for d in &ds {
        assert_eq!(d.json["schemaVersion"], 39, "{}", d.name());
        assert_eq!(d.json["editable"], true, "{}", d.name());
        assert!(!d.title().is_empty(), "{} has no title", d.name());
    }
}

#[test]
fn panels_are_well_formed() {
    let mut problems = Vec::new();
    for d in dashboards() {
        let mut ids = HashSet::new();
        let panels = d.panels();
        assert!(!panels.is_empty(), "{} has no panels", d.name());
        for p in panels {
            let at = format!("{} panel {:?}", d.name(), p.title);
            match p.id {
                Some(id) if !ids.insert(id) => problems.push(format!("{at}: duplicate id {id}")),
                None => problems.push(format!("{at}: no integer id")),
                _ => {}
            }
            if p.is_row() {
                continue;
            }
            if p.title.is_empty() {
                problems.push(format!("{at}: no title"));
            }
            if p.description.trim().is_empty() {
                problems.push(format!("{at}: no description"));
            }
            if p.unit.is_none_or(str::is_empty) {
                problems.push(format!("{at}: no unit (fieldConfig.defaults.unit)"));
            }
            if !grafana::is_provisioned_datasource(p.datasource()) {
                problems.push(format!("{at}: datasource is not the provisioned Prometheus"));
            }
            let targets = p.targets();
            if !targets.iter().any(|t| !t.expr.trim().is_empty()) {
                problems.push(format!("{at}: no target with an expr"));
            }
            let mut ref_ids = HashSet::new();
            for t in targets {
                if !grafana::is_provisioned_datasource(t.datasource()) {
                    problems.push(format!("{at} target {}: datasource is not the provisioned Prometheus", t.ref_id));
                }
                if !ref_ids.insert(t.ref_id) {
                    problems.push(format!("{at}: duplicate refId {:?}", t.ref_id));
                }
                if t.expr.contains("[$__interval]") {
                    problems.push(format!("{at} target {}: use $__rate_interval in rate()/increase() windows", t.ref_id));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_variable_is_defined_and_used_as_a_regex() {
    let mut problems = Vec::new();
    for d in dashboards() {
        let defined: HashSet<&str> = d.variables().iter().map(|v| v.name).collect();
        // (where, text, whether it is PromQL)
        let mut texts: Vec<(String, &str, bool)> = d.variables().iter().map(|v| (format!("variable ${}", v.name), v.query, true)).collect();
        for p in d.panels() {
            texts.push((format!("panel {:?} title", p.title), p.title, false));
            for t in p.targets() {
                texts.push((format!("panel {:?} target {}", p.title, t.ref_id), t.expr, true));
                texts.push((format!("panel {:?} target {} legend", p.title, t.ref_id), t.legend, false));
            }
        }
        for (place, text, promql) in texts {
            for v in grafana::variable_refs(text) {
                if !defined.contains(v.as_str()) && !BUILTIN_VARIABLES.contains(&v.as_str()) {
                    problems.push(format!("{} {place}: ${v} is not defined", d.name()));
                }
            }
            let outside = grafana::variables_outside_regex_matchers(text).into_iter().filter(|v| promql && defined.contains(v.as_str()));
            for v in outside {
                problems.push(format!("{} {place}: ${v} can hold several values (All is .*): use it in a regex matcher (=~\"${v}\")", d.name()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn per_stream_is_templated_by_device_and_stream() {
    let d = dashboards().into_iter().find(|d| d.uid() == "fleetsight-stream").expect("the per-stream dashboard");
    let vars = d.variables();
    let by_name = |n: &str| vars.iter().find(|v| v.name == n).unwrap_or_else(|| panic!("variable {n} missing"));
    assert_eq!(by_name("device").query, "label_values(fleetsight_stream_info, device)");
    assert_eq!(by_name("stream").query, "label_values(fleetsight_stream_info{device=~\"$device\"}, stream)");
    for v in d.json["templating"]["list"].as_array().expect("templating.list") {
        assert_eq!((&v["multi"], &v["includeAll"], &v["allValue"]), (&true.into(), &true.into(), &".*".into()), "{}", v["name"]);
    }
    for p in d.panels() {
        for t in p.targets() {
            assert!(t.expr.contains("$stream"), "{:?} target {} ignores the stream selection", p.title, t.ref_id);
        }
    }
}

#[test]
fn provisioning_points_at_the_dashboards_and_the_datasource() {
    let dir = grafana::dashboards_dir().join("provisioning");
    let ds = std::fs::read_to_string(dir.join("datasources/prometheus.yaml")).expect("datasource provisioning");
    assert!(ds.contains(&format!("uid: {}", grafana::DATASOURCE_UID)), "{ds}");
    assert!(ds.contains("url: http://prometheus:9090"), "{ds}");
    let dash = std::fs::read_to_string(dir.join("dashboards/fleetsight.yaml")).expect("dashboard provisioning");
    assert!(dash.contains("path: /var/lib/grafana/dashboards/fleetsight"), "{dash}");
}

/// The committed JSON is what `dashboards/gen.py` writes (edit the generator, not the JSON).
#[test]
fn the_json_matches_its_generator() {
    let script = grafana::dashboards_dir().join("gen.py");
    let out = std::process::Command::new("python3").arg(&script).arg("--check").output().expect("running python3 dashboards/gen.py --check");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
