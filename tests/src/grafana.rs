//! Reading fleetsight's Grafana dashboards (`dashboards/*.json`): their panels, PromQL targets
//! and template variables, for the static checks (`tests/tests/dashboards.rs`) and for
//! evaluating every panel against a live Prometheus.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::Value;

/// The Prometheus datasource every panel and target uses (`dashboards/provisioning/datasources`).
pub const DATASOURCE_UID: &str = "fleetsight-prometheus";

/// Variables Grafana defines itself. Range and interval ones are replaced by [`expand`].
pub const BUILTIN_VARIABLES: [&str; 12] = [
    "__rate_interval",
    "__interval",
    "__interval_ms",
    "__range",
    "__range_s",
    "__range_ms",
    "__all",
    "__dashboard",
    "__from",
    "__to",
    "__org",
    "__user",
];

/// One dashboard file.
pub struct Dashboard {
    /// The file it was read from.
    pub path: PathBuf,
    /// Its JSON model.
    pub json: Value,
}

/// A panel, rows included (a row's own entry has no targets).
pub struct Panel<'a> {
    /// `id`, when it is an integer.
    pub id: Option<i64>,
    /// `type`: timeseries, stat, row, ...
    pub kind: &'a str,
    /// `title` ("" when missing).
    pub title: &'a str,
    /// `description` ("" when missing).
    pub description: &'a str,
    /// `fieldConfig.defaults.unit`, when set.
    pub unit: Option<&'a str>,
    /// The panel's JSON.
    pub json: &'a Value,
}

/// A query of a panel.
pub struct Target<'a> {
    /// `refId` ("" when missing).
    pub ref_id: &'a str,
    /// `expr` ("" when missing).
    pub expr: &'a str,
    /// `legendFormat` ("" when missing).
    pub legend: &'a str,
    /// The target's JSON.
    pub json: &'a Value,
}

/// A template variable.
pub struct Variable<'a> {
    /// `name`.
    pub name: &'a str,
    /// The PromQL of a query variable (`query.query`, or `query` when it is a string).
    pub query: &'a str,
}

/// A PromQL query of a dashboard: a panel's target, for evaluating every panel in one loop.
pub struct Query<'a> {
    /// The panel's title.
    pub panel: &'a str,
    /// The target's `refId`.
    pub ref_id: &'a str,
    /// The PromQL, variables not expanded (see [`expand`]).
    pub expr: &'a str,
}

/// `dashboards/` at the repository root.
pub fn dashboards_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../dashboards")
}

/// Every `dashboards/*.json`, sorted by file name.
pub fn load_all() -> anyhow::Result<Vec<Dashboard>> {
    let dir = dashboards_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| Dashboard::load(&p)).collect()
}

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

impl Dashboard {
    /// Reads and parses one dashboard file.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let json = serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        Ok(Self { path: path.to_path_buf(), json })
    }

    /// The file name, for messages.
    pub fn name(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// `uid` ("" when missing).
    pub fn uid(&self) -> &str {
        str_at(&self.json, "uid")
    }

    /// `title` ("" when missing).
    pub fn title(&self) -> &str {
        str_at(&self.json, "title")
    }

    /// Every panel in order, a collapsed row's nested panels after the row.
    pub fn panels(&self) -> Vec<Panel<'_>> {
        let mut out = Vec::new();
        for p in self.json.get("panels").and_then(Value::as_array).into_iter().flatten() {
            out.push(Panel::new(p));
            out.extend(p.get("panels").and_then(Value::as_array).into_iter().flatten().map(Panel::new));
        }
        out
    }

    /// Every panel target with an expr, in panel order.
    pub fn queries(&self) -> Vec<Query<'_>> {
        let panels = self.panels();
        let targets = panels.iter().flat_map(|p| p.targets().into_iter().map(move |t| (p.title, t)));
        targets.filter(|(_, t)| !t.expr.trim().is_empty()).map(|(panel, t)| Query { panel, ref_id: t.ref_id, expr: t.expr }).collect()
    }

    /// The template variables (`templating.list`).
    pub fn variables(&self) -> Vec<Variable<'_>> {
        let list = self.json.pointer("/templating/list").and_then(Value::as_array);
        list.into_iter()
            .flatten()
            .map(|v| {
                let query = v.pointer("/query/query").and_then(Value::as_str).or_else(|| v.get("query").and_then(Value::as_str));
                Variable { name: str_at(v, "name"), query: query.unwrap_or("") }
            })
            .collect()
    }
}

impl Variable<'_> {
    /// A `label_values(selector, label)` query as PromQL with one series per value,
    /// `count by (label) (selector)`; None for other query forms.
    pub fn as_promql(&self) -> Option<String> {
        let args = self.query.trim().strip_prefix("label_values(")?.strip_suffix(')')?;
        let (selector, label) = args.rsplit_once(',')?;
        Some(format!("count by ({}) ({})", label.trim(), selector.trim()))
    }
}

impl<'a> Panel<'a> {
    fn new(json: &'a Value) -> Self {
        Panel {
            id: json.get("id").and_then(Value::as_i64),
            kind: str_at(json, "type"),
            title: str_at(json, "title"),
            description: str_at(json, "description"),
            unit: json.pointer("/fieldConfig/defaults/unit").and_then(Value::as_str),
            json,
        }
    }

    /// Whether this is a row (a header that groups panels; it has no queries).
    pub fn is_row(&self) -> bool {
        self.kind == "row"
    }

    /// The panel's `datasource`, if any.
    pub fn datasource(&self) -> Option<&'a Value> {
        self.json.get("datasource")
    }

    /// The panel's queries.
    pub fn targets(&self) -> Vec<Target<'a>> {
        let list = self.json.get("targets").and_then(Value::as_array);
        list.into_iter()
            .flatten()
            .map(|t| Target { ref_id: str_at(t, "refId"), expr: str_at(t, "expr"), legend: str_at(t, "legendFormat"), json: t })
            .collect()
    }
}

impl Target<'_> {
    /// The target's `datasource`, if any.
    pub fn datasource(&self) -> Option<&Value> {
        self.json.get("datasource")
    }
}

/// Whether `ds` is the provisioned Prometheus: `{"type": "prometheus", "uid": DATASOURCE_UID}`.
pub fn is_provisioned_datasource(ds: Option<&Value>) -> bool {
    ds.is_some_and(|d| str_at(d, "type") == "prometheus" && str_at(d, "uid") == DATASOURCE_UID)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// One variable reference: the name, and where in the text it starts and ends (`$name`,
/// `${name}`, `${name:format}` or `[[name]]`).
fn variable_spans(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let found = if let Some(body) = rest.strip_prefix("${") {
            body.find('}').map(|end| (body[..end].split(':').next().unwrap_or("").to_string(), end + 3))
        } else if let Some(body) = rest.strip_prefix("[[") {
            body.find("]]").map(|end| (body[..end].split(':').next().unwrap_or("").to_string(), end + 4))
        } else if let Some(body) = rest.strip_prefix('$') {
            let len = body.find(|c| !is_name_char(c)).unwrap_or(body.len());
            // `$1` in a label_replace replacement is not a variable.
            (len > 0 && !body[..len].bytes().all(|b| b.is_ascii_digit())).then(|| (body[..len].to_string(), len + 1))
        } else {
            None
        };
        match found {
            Some((name, len)) => {
                out.push((name, i..i + len));
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The variables `text` refers to, in order, repeats included.
pub fn variable_refs(text: &str) -> Vec<String> {
    variable_spans(text).into_iter().map(|(name, _)| name).collect()
}

/// User variables (not [`BUILTIN_VARIABLES`]) that `expr` uses outside a regex matcher
/// (`=~"$v"` or `!~"$v"`): a multi-value or All selection expands to `a|b` or `.*`, which only a
/// regex matcher takes as meant.
pub fn variables_outside_regex_matchers(expr: &str) -> Vec<String> {
    variable_spans(expr)
        .into_iter()
        .filter(|(name, _)| !BUILTIN_VARIABLES.contains(&name.as_str()))
        .filter(|(_, span)| {
            let before = expr[..span.start].trim_end();
            !(before.ends_with("=~\"") || before.ends_with("!~\""))
        })
        .map(|(name, _)| name)
        .collect()
}

/// The `fleetsight_*` metric names in a PromQL expression, sorted, without repeats.
pub fn metric_names(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = expr;
    let mut offset = 0;
    while let Some(pos) = rest.find("fleetsight_") {
        let start = offset + pos;
        let preceded_by_name = expr[..start].chars().next_back().is_some_and(|c| is_name_char(c) || c == ':');
        let len = expr[start..].find(|c: char| !is_name_char(c)).unwrap_or(expr.len() - start);
        // A quoted string (a label value) is not a metric: count the quotes before it.
        let quoted = expr[..start].matches('"').count() % 2 == 1;
        if !preceded_by_name && !quoted {
            out.push(expr[start..start + len].to_string());
        }
        offset = start + len;
        rest = &expr[offset..];
    }
    out.sort();
    out.dedup();
    out
}

/// `expr` ready to send to Prometheus: Grafana's range and interval variables become `window`
/// (e.g. `"1m"`; `$__range_s` and friends its seconds or milliseconds), user variables (`$stream`,
/// `$device`, ...) become `.*` as for an All selection, `$__all` too.
pub fn expand(expr: &str, window: &str) -> String {
    let secs = window_seconds(window);
    let mut out = String::with_capacity(expr.len());
    let mut last = 0;
    for (name, span) in variable_spans(expr) {
        out.push_str(&expr[last..span.start]);
        let value = match name.as_str() {
            "__rate_interval" | "__interval" | "__range" => window.to_string(),
            "__range_s" => secs.map_or_else(|| window.to_string(), |s| s.to_string()),
            "__range_ms" | "__interval_ms" => secs.map_or_else(|| window.to_string(), |s| (s * 1000).to_string()),
            _ => ".*".to_string(),
        };
        out.push_str(&value);
        last = span.end;
    }
    out.push_str(&expr[last..]);
    out
}

/// Seconds in a simple Prometheus duration (`30s`, `5m`, `1h`, `1d`).
fn window_seconds(window: &str) -> Option<u64> {
    let split = window.find(|c: char| !c.is_ascii_digit())?;
    let n: u64 = window[..split].parse().ok()?;
    let unit = match &window[split..] {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return None,
    };
    Some(n * unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_in_every_syntax() {
        let refs = variable_refs(r#"rate(x{a=~"$stream", b="${device:regex}"}[$__rate_interval]) [[old]] $1 costs $"#);
        assert_eq!(refs, ["stream", "device", "__rate_interval", "old"]);
    }

    #[test]
    fn user_variables_belong_in_regex_matchers() {
        assert!(variables_outside_regex_matchers(r#"x{a=~"$stream", b!~"${device}"}[$__rate_interval]"#).is_empty());
        assert_eq!(variables_outside_regex_matchers(r#"x{a="$stream"}"#), ["stream"]);
    }

    #[test]
    fn metric_names_skip_label_values_and_other_prefixes() {
        let expr = r#"sum(rate(fleetsight_a_total{topic="fleetsight_b"}[1m])) / my_fleetsight_c + fleetsight_d_bucket"#;
        assert_eq!(metric_names(expr), ["fleetsight_a_total", "fleetsight_d_bucket"]);
    }

    #[test]
    fn expands_for_evaluation() {
        let expr = r#"increase(x{s=~"$stream",d=~"${device}"}[$__rate_interval]) / $__range_s"#;
        assert_eq!(expand(expr, "2m"), r#"increase(x{s=~".*",d=~".*"}[2m]) / 120"#);
    }

    #[test]
    fn label_values_as_promql() {
        let v = Variable { name: "stream", query: r#"label_values(fleetsight_stream_info{device=~"$device"}, stream)"# };
        assert_eq!(v.as_promql().as_deref(), Some(r#"count by (stream) (fleetsight_stream_info{device=~"$device"})"#));
        assert!(Variable { name: "x", query: "query_result(up)" }.as_promql().is_none());
    }

    #[test]
    fn walks_collapsed_rows() {
        let json = serde_json::json!({"panels": [
            {"id": 1, "type": "row", "title": "r", "panels": [{"id": 2, "type": "stat", "title": "s"}]},
            {"id": 3, "type": "timeseries", "title": "t"}
        ]});
        let d = Dashboard { path: PathBuf::from("x.json"), json };
        let ids: Vec<_> = d.panels().iter().map(|p| p.id).collect();
        assert_eq!(ids, [Some(1), Some(2), Some(3)]);
    }
}
