//! The Prometheus configuration in deploy/prometheus: `promtool check config`, `promtool check
//! rules` and `promtool test rules` pass, every alert has a unit test that fires and one that
//! stays quiet, and every metric the alerts use is one the code registers. promtool comes with
//! Debian's `prometheus` package (deploy/setup.sh installs it); without it these tests fail, they
//! never skip.

use std::collections::BTreeSet;
use std::process::Command;

use fleetsight_e2e::grafana;
use fleetsight_e2e::prometheus::{alert_names, promtool, repo_root, rule_exprs};

fn run_promtool(args: &[&str]) {
    let out = Command::new(promtool()).args(args).current_dir(repo_root()).output().expect("running promtool");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "promtool {}:\n{text}", args.join(" "));
}

#[test]
fn promtool_checks_the_config_and_the_rules() {
    run_promtool(&["check", "config", "deploy/prometheus/prometheus.yml"]);
    run_promtool(&["check", "rules", "deploy/prometheus/alerts.yml"]);
}

#[test]
fn promtool_unit_tests_of_the_alerts_pass() {
    run_promtool(&["test", "rules", "deploy/prometheus/alerts_test.yml"]);
}

/// The cases of alerts_test.yml by alert: (alerts with a case that fires, alerts with a case
/// that expects none). A line scan: each `alertname:` line is followed by its `exp_alerts:`.
fn test_cases(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut fires, mut quiet) = (BTreeSet::new(), BTreeSet::new());
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("alertname:").or_else(|| line.strip_prefix("- alertname:")) else { continue };
        match lines.next() {
            Some("exp_alerts: []") => quiet.insert(name.trim().to_string()),
            Some("exp_alerts:") => fires.insert(name.trim().to_string()),
            other => panic!("alertname {name} is not followed by exp_alerts: {other:?}"),
        };
    }
    (fires, quiet)
}

#[test]
fn every_alert_has_a_case_that_fires_and_one_that_stays_quiet() {
    let dir = repo_root().join("deploy/prometheus");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let alerts: BTreeSet<String> = alert_names(&read("alerts.yml")).into_iter().collect();
    assert!(alerts.len() >= 10, "the alerts are found: {alerts:?}");
    let (fires, quiet) = test_cases(&read("alerts_test.yml"));
    let missing = |have: &BTreeSet<String>| alerts.difference(have).cloned().collect::<Vec<_>>();
    assert!(missing(&fires).is_empty(), "alerts without a case that fires: {:?}", missing(&fires));
    assert!(missing(&quiet).is_empty(), "alerts without a case that stays quiet: {:?}", missing(&quiet));
    let unknown: Vec<_> = fires.union(&quiet).filter(|a| !alerts.contains(*a)).collect();
    assert!(unknown.is_empty(), "tests for alerts that do not exist: {unknown:?}");
}

#[test]
fn the_case_scan_reads_both_forms() {
    let text = "tests:\n  - alert_rule_test:\n      - eval_time: 1m\n        alertname: A\n        exp_alerts: []\n      - eval_time: 2m\n        alertname: A\n        # fires\n        exp_alerts:\n          - exp_labels: {}\n";
    let (fires, quiet) = test_cases(text);
    assert_eq!((fires.into_iter().collect::<Vec<_>>(), quiet.into_iter().collect::<Vec<_>>()), (vec!["A".to_string()], vec!["A".to_string()]));
}

/// A renamed metric breaks this test, not the alert (which would go silent, never firing).
#[test]
fn alerts_use_only_metrics_the_code_exports() {
    let exprs: String = rule_exprs(&std::fs::read_to_string(repo_root().join("deploy/prometheus/alerts.yml")).unwrap()).into_iter().map(|(_, e)| e + "\n").collect();
    let names: BTreeSet<String> = grafana::metric_names(&exprs).into_iter().collect();
    assert!(names.len() >= 10, "{names:?}");
    let exported = fleetsight_e2e::metrics::Exported::new();
    let unknown: Vec<String> = names.iter().filter_map(|n| exported.check(n)).collect();
    assert!(unknown.is_empty(), "alerts.yml names metrics no crate registers: {unknown:?}");
}
