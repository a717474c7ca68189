#!/usr/bin/env python3
"""Writes fleetsight's Grafana dashboards (dashboards/*.json) from the panel lists below.

    python3 dashboards/gen.py          # rewrite the JSON files
    python3 dashboards/gen.py --check  # exit 1 if a committed file differs from what this writes

The output is deterministic (no timestamps, keys in a fixed order), so a diff of the JSON is a
review of the change. `cargo test --workspace --test dashboards` checks the committed JSON:
well-formed, every metric exported by the code, every variable defined.
"""

import json
import sys
from pathlib import Path

DS = {"type": "prometheus", "uid": "fleetsight-prometheus"}
HERE = Path(__file__).resolve().parent

GREEN, YELLOW, RED = "green", "yellow", "red"


def steps(*pairs):
    """Threshold steps: steps(GREEN, (1, YELLOW), (5, RED)); the first has no value (the base)."""
    base, *rest = pairs
    return {"mode": "absolute", "steps": [{"color": base, "value": None}] + [{"color": c, "value": v} for v, c in rest]}


NO_THRESHOLDS = steps(GREEN)


def target(expr, legend="", ref="A", fmt=None, instant=False):
    t = {"datasource": DS, "editorMode": "code", "expr": expr, "legendFormat": legend, "range": not instant, "instant": instant, "refId": ref}
    if fmt:
        t["format"] = fmt
    return t


def targets(*specs):
    """targets((expr, legend), ...) with refIds A, B, ..."""
    return [target(e, l, chr(ord("A") + i)) for i, (e, l) in enumerate(specs)]


def quantiles(metric, by="", selector="", legend_prefix=""):
    """p50 and p99 of a histogram over $__rate_interval, optionally split by labels."""
    keys = "le" + (", " + by if by else "")
    inner = f"sum by ({keys}) (rate({metric}_bucket{selector}[$__rate_interval]))"
    prefix = legend_prefix + ("".join("{{" + k.strip() + "}} " for k in by.split(",")) if by else "")
    return [(f"histogram_quantile({q}, {inner})", f"{prefix}p{int(q * 100)}") for q in (0.5, 0.99)]


def panel(title, description, unit, tgts, kind="timeseries", thresholds=NO_THRESHOLDS, w=12, h=8, **extra):
    p = {
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DS,
        "fieldConfig": {"defaults": {"unit": unit, "thresholds": thresholds, "color": {"mode": "palette-classic" if kind == "timeseries" else "thresholds"}}, "overrides": []},
        "targets": tgts,
        "_size": (w, h),
    }
    if kind == "timeseries":
        style = "line+area" if thresholds is not NO_THRESHOLDS else "off"
        p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never", "spanNulls": False, "thresholdsStyle": {"mode": style}}
        p["options"] = {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True}, "tooltip": {"mode": "multi", "sort": "desc"}}
    elif kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "colorMode": "background", "graphMode": "area", "textMode": "auto", "justifyMode": "auto", "orientation": "auto"}
    elif kind == "bargauge":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}, "displayMode": "gradient", "orientation": "horizontal", "showUnfilled": True}
    for k, v in extra.items():
        if k == "overrides":
            p["fieldConfig"]["overrides"] = v
        elif k == "defaults":
            p["fieldConfig"]["defaults"].update(v)
        else:
            p[k] = v
    return p


def layout(panels):
    """Gives panels ids and gridPos, left to right, wrapping at Grafana's 24 columns."""
    x = y = row_h = 0
    for i, p in enumerate(panels, start=1):
        w, h = p.pop("_size")
        if x + w > 24:
            x, y, row_h = 0, y + row_h, 0
        p["id"] = i
        p["gridPos"] = {"h": h, "w": w, "x": x, "y": y}
        x, row_h = x + w, max(row_h, h)
    return panels


def variable(name, label, query):
    return {
        "type": "query",
        "name": name,
        "label": label,
        "datasource": DS,
        "definition": query,
        "query": {"qryType": 1, "query": query, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
        "refresh": 2,
        "multi": True,
        "includeAll": True,
        "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "options": [],
        "regex": "",
        "sort": 1,
        "hide": 0,
        "skipUrlSync": False,
    }


def dashboard(uid, title, description, panels, variables=()):
    return {
        "uid": uid,
        "title": title,
        "description": description,
        "tags": ["fleetsight"],
        "editable": True,
        "schemaVersion": 39,
        "version": 1,
        "id": None,
        "graphTooltip": 1,
        "fiscalYearStartMonth": 0,
        "liveNow": False,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "timepicker": {},
        "timezone": "",
        "weekStart": "",
        "annotations": {"list": []},
        "links": [{"title": "fleetsight", "type": "dashboards", "tags": ["fleetsight"], "asDropdown": True, "includeVars": False, "keepTime": True, "targetBlank": False, "icon": "external link", "tooltip": "", "url": ""}],
        "templating": {"list": list(variables)},
        "panels": layout(panels),
    }


RATE = "[$__rate_interval]"
UNPLANNED = 'reason=~"decoder_behind|analysis_behind|broken_reference"'

# Fleet overview -------------------------------------------------------------------------------

STATE_COLOURS = {"connecting": "blue", "running": "green", "stalled": "red", "blocked": "orange", "backoff": "yellow", "unsupported": "purple", "finished": "text", "quarantined": "dark-red"}


def state_colour_overrides():
    return [{"matcher": {"id": "byName", "options": s}, "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": c}}]} for s, c in STATE_COLOURS.items()]


overview = dashboard(
    "fleetsight-overview",
    "fleetsight / Fleet overview",
    "The whole fleet at a glance: stream states, frame and read rates, challans, incidents and the cameras dropping frames.",
    [
        panel(
            "Streams by state",
            "Configured streams in each supervisor state (fleetsight_stream_state). Healthy is all `running` (or `finished` for files). "
            "Red: `stalled` (connected, no data for [supervisor] stall_timeout_secs), `backoff` (reconnecting after a failure; log line "
            "\"Stream session failed.\" names the error), `unsupported` (log line \"Stream cannot be decoded.\" says what to change on the camera) "
            "or `quarantined` (its decoder process crashed 5 times in 10 minutes: log line \"Stream quarantined\"; suspect crafted video). "
            "Open the Per stream dashboard, select the device, and read its State timeline and Reconnects panels.",
            "short",
            targets(("sum by (state) (fleetsight_stream_state)", "{{state}}")),
            kind="bargauge",
            w=8,
            overrides=state_colour_overrides(),
        ),
        panel(
            "Decoded and analysed frames/s",
            "Pictures decoded (fleetsight_frames_decoded_total) and frames run through the plate detector (fleetsight_frames_analysed_total), "
            "all streams. Analysed is about the sum of each stream's max_fps while cameras are active and drops towards keyframes only "
            "while they are idle ([analysis] idle_after_secs). When analysed falls well below the configured rate while decoded holds, "
            "the plate models are behind: look at Top cameras by drops (reason analysis_behind) and the Models dashboard; add [analysis] workers "
            "or cores, or lower max_fps. When decoded falls, streams are down: see Streams by state.",
            "ops",
            targets(
                (f"sum(rate(fleetsight_frames_decoded_total{RATE}))", "decoded"),
                (f"sum(rate(fleetsight_frames_analysed_total{RATE}))", "analysed"),
            ),
            w=8,
        ),
        panel(
            "Plate reads/s",
            "Plate reads emitted, one per vehicle pass (fleetsight_plate_reads_total), all streams. It follows traffic; a fall to zero while "
            "Decoded and analysed frames/s holds means the reader or the event path is stuck: check the Models dashboard (Grammar rejections, "
            "Reader latency) and the log for \"Plate reading failed.\" or \"Event write failed; retrying.\".",
            "ops",
            targets((f"sum(rate(fleetsight_plate_reads_total{RATE}))", "reads/s")),
            w=8,
        ),
        panel(
            "Challans/day",
            "Challans created over the last 24 h (fleetsight_challans_created_total), by their first state: `issued` (owner known, read sure) "
            "or `pending_review`. Yellow/red mark unusual volume for a small fleet; tune these thresholds to yours. A jump usually means a rule "
            "change ([[rules.zones]] min_minutes, [rules.cloned_plate] max_speed_kmh) or a misreading camera: check the Challans dashboard and "
            "`fleetsight challans list --state pending_review`.",
            "short",
            targets(
                ("sum(increase(fleetsight_challans_created_total[1d]))", "all"),
                ("sum by (state) (increase(fleetsight_challans_created_total[1d]))", "{{state}}"),
            ),
            kind="stat",
            thresholds=steps(GREEN, (500, YELLOW), (2000, RED)),
            w=8,
        ),
        panel(
            "Incidents by type (24 h)",
            "Incidents written over the last 24 h by kind (fleetsight_incidents_total: violation, hotlist, alarm). Hotlist hits and alarms need a "
            "person: query them with GET /v1/incidents?type=hotlist (or alarm). Red when alarms or hotlist hits pile up; a rise in violations "
            "alone is a rules matter (see Challans/day).",
            "short",
            targets(("sum by (kind) (increase(fleetsight_incidents_total[1d]))", "{{kind}}")),
            kind="bargauge",
            thresholds=steps(GREEN, (50, YELLOW), (200, RED)),
            w=8,
        ),
        panel(
            "Top cameras by drops",
            "The 10 streams dropping the most frames per second, planned `idle` drops left out (fleetsight_frames_dropped_total). "
            "decoder_behind: the box cannot decode that stream in time (ask the MDVR for a sub-stream, set keyframes_only, or raise "
            "[supervisor] decode_queue for bursts); analysis_behind: the plate models are behind (more [analysis] workers, lower max_fps); "
            "broken_reference: decode errors, see Decode errors on the Per stream dashboard. Open that stream on the Per stream dashboard "
            "(Drops by reason).",
            "ops",
            targets((f'topk(10, sum by (stream) (rate(fleetsight_frames_dropped_total{{reason!="idle"}}{RATE})))', "{{stream}}")),
            kind="bargauge",
            thresholds=steps(GREEN, (0.1, YELLOW), (1, RED)),
            w=8,
        ),
    ],
)

# Per stream -----------------------------------------------------------------------------------

S = '{stream=~"$stream"}'
STATE_CODES = ["connecting", "running", "stalled", "blocked", "backoff", "unsupported", "finished", "quarantined"]
STATE_EXPR = "sum by (stream) (" + " or ".join(f'fleetsight_stream_state{{stream=~"$stream", state="{s}"}} * {i}' for i, s in enumerate(STATE_CODES, start=1)) + ")"
STATE_MAPPINGS = [{"type": "value", "options": {str(i): {"text": s, "color": STATE_COLOURS[s], "index": i - 1} for i, s in enumerate(STATE_CODES, start=1)}}]

per_stream = dashboard(
    "fleetsight-stream",
    "fleetsight / Per stream",
    "One device's or stream's health: state, reconnects, stalls, drops, decode errors, analysis latency and reads. Pick the device and stream at the top.",
    [
        panel(
            "State timeline",
            "Each selected stream's supervisor state over time (fleetsight_stream_state, one state at a time, encoded 1-8 and mapped back to "
            "names). Red (`stalled`): connected but nothing arrived for [supervisor] stall_timeout_secs; after read_timeout_secs the session "
            "is dropped and reconnected. Yellow (`backoff`): reconnecting; the log line \"Stream session failed.\" (with stream=...) gives the "
            "error kind: check the camera's reachability (cellular coverage), the RTSP URL and credentials. Purple (`unsupported`): \"Stream "
            "cannot be decoded.\" says what to change on the camera (e.g. disable B-frames). Orange (`blocked`): the decoder is behind, see "
            "Drops by reason. Dark red (`quarantined`): the stream's decoder process crashed [supervisor.decode] crash_limit times within "
            "crash_window_secs; it is retried when the window has passed (see Decoder restarts).",
            "short",
            targets((STATE_EXPR, "{{stream}}")),
            kind="state-timeline",
            w=24,
            defaults={"mappings": STATE_MAPPINGS},
            options={"mergeValues": True, "showValue": "auto", "alignValue": "left", "rowHeight": 0.9, "legend": {"displayMode": "list", "placement": "bottom", "showLegend": False}, "tooltip": {"mode": "single", "sort": "none"}},
        ),
        panel(
            "Reconnects",
            "Reconnect attempts per rate interval after a failed or lost session (fleetsight_stream_reconnects_total). An occasional one is a "
            "cellular hand-over; red means the session keeps failing: read the log line \"Stream session failed.\" for that stream (error kind, "
            "retry_in) and the State timeline. Reconnect pacing is [supervisor] backoff_initial_secs / backoff_max_secs.",
            "short",
            targets((f"sum by (stream) (increase(fleetsight_stream_reconnects_total{S}{RATE}))", "{{stream}}")),
            thresholds=steps(GREEN, (1, YELLOW), (5, RED)),
            w=8,
        ),
        panel(
            "Stalls",
            "Times per rate interval a stream went `stalled`: connected, but no data for [supervisor] stall_timeout_secs "
            "(fleetsight_stream_stalls_total). Red: the camera or its uplink pauses; if stalls end in reconnects (Reconnects panel), the link is "
            "dropping; if not, raise stall_timeout_secs only when the camera is known to pause (e.g. motion-triggered streaming).",
            "short",
            targets((f"sum by (stream) (increase(fleetsight_stream_stalls_total{S}{RATE}))", "{{stream}}")),
            thresholds=steps(GREEN, (1, YELLOW), (3, RED)),
            w=8,
        ),
        panel(
            "Decode errors",
            "Access units the decoder rejected per second (fleetsight_decode_errors_total); after one, frames up to the next IDR are dropped "
            "as broken_reference. Red: corrupt video, usually packet loss on the uplink or a camera bug; the log line \"Decode error.\" names "
            "the stream. Check the transport (rtsp transport = \"tcp\" avoids UDP loss) and the camera's encoder settings.",
            "ops",
            targets((f"sum by (stream) (rate(fleetsight_decode_errors_total{S}{RATE}))", "{{stream}}")),
            thresholds=steps(GREEN, (0.01, YELLOW), (0.1, RED)),
            w=8,
        ),
        panel(
            "Decoder restarts",
            "Decoder processes restarted per rate interval after a crash, an exit or a hang (fleetsight_decoder_restarts_total; "
            "[supervisor.decode] isolation = \"process\"). Each costs the stream the frames up to the next IDR; other streams are untouched. "
            "Red: the camera's video keeps crashing openh264 (crafted or corrupt input, or a decoder bug): the log line \"Decoder failed; "
            "restarting it.\" gives the exit signal. After crash_limit failures within crash_window_secs the stream is `quarantined` "
            "(State timeline).",
            "short",
            targets((f"sum by (stream) (increase(fleetsight_decoder_restarts_total{S}{RATE}))", "{{stream}}")),
            thresholds=steps(GREEN, (1, YELLOW), (3, RED)),
            w=12,
        ),
        panel(
            "Drops by reason",
            "Frames dropped per second by reason (fleetsight_frames_dropped_total). `idle` is planned (an idle camera analyses keyframes only) "
            "and `awaiting_keyframe` is normal right after a (re)connect. Unplanned: decoder_behind (decode too slow: [supervisor] "
            "decode_queue, keyframes_only, or a sub-stream from the MDVR), analysis_behind (models too slow: [analysis] workers, the stream's "
            "max_fps), broken_reference (after decode errors, see Decode errors). The thresholds apply to any reason; ignore idle.",
            "ops",
            targets((f"sum by (stream, reason) (rate(fleetsight_frames_dropped_total{S}{RATE}))", "{{stream}} {{reason}}")),
            thresholds=steps(GREEN, (0.1, YELLOW), (1, RED)),
            w=12,
        ),
        panel(
            "Analysis latency",
            "Frame capture to plate detection done, p50 and p99 over the selected streams (fleetsight_analysis_latency_seconds). Below 1 s "
            "p99 is the capacity target (README, Capacity). Red: the plate models are behind: more [analysis] workers or cores, a lower "
            "max_fps, or fewer cameras on this box; a high value with few drops can also be the camera's clock (capture time comes from its "
            "RTCP sender reports: look for \"Camera's RTCP clock is off\").",
            "s",
            targets(*quantiles("fleetsight_analysis_latency_seconds", selector=S)),
            thresholds=steps(GREEN, (0.5, YELLOW), (1, RED)),
            w=12,
        ),
        panel(
            "Reads",
            "Plate reads emitted per second, one per vehicle pass (fleetsight_plate_reads_total), per stream. Zero on a camera that sees traffic "
            "while its analysed frames flow means it reads nothing: check its focus and angle, the Models dashboard's Grammar rejections, "
            "and the log for \"Plate reading failed.\".",
            "ops",
            targets((f"sum by (stream) (rate(fleetsight_plate_reads_total{S}{RATE}))", "{{stream}}")),
            w=24,
        ),
    ],
    variables=[
        variable("device", "Device", "label_values(fleetsight_stream_info, device)"),
        variable("stream", "Stream", 'label_values(fleetsight_stream_info{device=~"$device"}, stream)'),
    ],
)

# Models ---------------------------------------------------------------------------------------

models = dashboard(
    "fleetsight-models",
    "fleetsight / Models",
    "The plate models: detector and reader latency, reader runs per pass, read confidence and grammar rejections.",
    [
        panel(
            "Detector latency",
            "Time of one plate-detector call, p50 and p99, by search: `full` (the whole frame, every [analysis] full_detection_every frames) "
            "and `local` (around tracked plates) (fleetsight_detection_seconds). About 8-12 ms per full call on the reference 2-core box. "
            "Red: the CPU is oversubscribed (decode and models share it: see Decoded and analysed frames/s) or detector = \"text\" is "
            "configured (PP-OCRv4's detector, about 100x slower); expect analysis_behind drops.",
            "s",
            targets(*quantiles("fleetsight_detection_seconds", by="search")),
            thresholds=steps(GREEN, (0.032, YELLOW), (0.128, RED)),
        ),
        panel(
            "Reader latency",
            "Time of one reader (OCR) run on a plate crop, p50 and p99 (fleetsight_ocr_seconds): text rows on the crop, then the recogniser. "
            "About 30-150 ms per run. Red: CPU contention; reads are delayed (fleetsight_read_latency_seconds grows) and workers spend "
            "less time detecting. Check Reader runs per pass: many runs per pass multiply this cost.",
            "s",
            targets(*quantiles("fleetsight_ocr_seconds")),
            thresholds=steps(GREEN, (0.2, YELLOW), (0.4, RED)),
        ),
        panel(
            "Reader runs per pass (no batching)",
            "The models do not batch (on Burn's CPU backend a batch costs what its frames cost one by one), so there is no batch size to "
            "chart; this is the nearest figure: reader runs spent on each emitted pass, p50, p99 and mean (fleetsight_ocr_runs_per_pass). "
            "Reading stops when reads agree, so 1-2 is normal; red at [analysis] max_reads_per_pass (default 5) means passes whose reads keep "
            "disagreeing: poor crops (focus, motion blur, night), see Reads by confidence band.",
            "short",
            targets(
                *quantiles("fleetsight_ocr_runs_per_pass"),
                (f"sum(rate(fleetsight_ocr_runs_per_pass_sum{RATE})) / sum(rate(fleetsight_ocr_runs_per_pass_count{RATE}))", "mean"),
            ),
            thresholds=steps(GREEN, (4, YELLOW), (5, RED)),
        ),
        panel(
            "Reads by confidence band",
            "Emitted reads per second in each confidence band (fleetsight_plate_read_confidence, buckets 0.5 to 1.0; the band is labelled by "
            "its upper bound). Most reads should sit in the top bands. Red is not a threshold here: watch the share below [challans] "
            "review_confidence grow, which sends challans to pending_review; a shift down on one camera is focus, dirt or angle (Per stream "
            "dashboard, Reads), on all cameras a model or config change.",
            "ops",
            [target(f"sum by (le) (rate(fleetsight_plate_read_confidence_bucket{RATE}))", "{{le}}", "A", fmt="heatmap")],
            kind="bargauge",
        ),
        panel(
            "Grammar rejections",
            "Share of reader runs whose text failed the plate grammar, per stream (fleetsight_plate_rejections_total / fleetsight_ocr_runs_total). "
            "Some is normal (about two thirds on the dashcam-like test clips): signs and shop boards read as text and are given up on after [analysis] "
            "reads_per_pass runs. Red: nearly every run is "
            "wasted: a camera aimed at signage, a crop too small to read (raise the stream's resolution), or plates of a format the grammar "
            "does not know; look at that camera's evidence images.",
            "percentunit",
            targets((f"sum by (stream) (rate(fleetsight_plate_rejections_total{RATE})) / sum by (stream) (rate(fleetsight_ocr_runs_total{RATE}))", "{{stream}}")),
            thresholds=steps(GREEN, (0.75, YELLOW), (0.9, RED)),
            w=24,
        ),
    ],
)

# Kafka and sinks ------------------------------------------------------------------------------

kafka_sinks = dashboard(
    "fleetsight-kafka-sinks",
    "fleetsight / Kafka and sinks",
    "Events from the edge to the store: Kafka produce and delivery, the spool, the sink's consumer lag and dead letters, store writes and end-to-end latency.",
    [
        panel(
            "Produce rate",
            "Events the broker acknowledged per second (fleetsight_kafka_delivered_total, edge), events consumed by `fleetsight sink` "
            "(fleetsight_kafka_consumed_total) and events written per sink (fleetsight_events_written_total). Consumed should follow "
            "delivered; if it falls behind, see Consumer lag. Zero delivered while reads flow (Fleet overview) means the producer is not "
            "delivering: see Delivery failures.",
            "ops",
            targets(
                (f"sum(rate(fleetsight_kafka_delivered_total{RATE}))", "delivered"),
                (f"sum(rate(fleetsight_kafka_consumed_total{RATE}))", "consumed"),
                (f"sum by (sink) (rate(fleetsight_events_written_total{RATE}))", "written {{sink}}"),
            ),
        ),
        panel(
            "Delivery failures",
            "Events whose Kafka delivery failed (fleetsight_kafka_delivery_failed_total; they go to the spool and are re-sent) and failed, "
            "retried event writes per sink (fleetsight_event_write_errors_total). Red: the broker is unreachable or refusing: log lines "
            "\"Broker did not acknowledge events; spooled to disk.\" and \"Kafka producer is not delivering; recreating it.\"; check [kafka] "
            "brokers and the broker's health; watch Spool depth. For the embedded sink, \"Event write failed; retrying.\" (disk full?).",
            "ops",
            targets(
                (f"sum(rate(fleetsight_kafka_delivery_failed_total{RATE}))", "kafka delivery failed"),
                (f"sum by (sink) (rate(fleetsight_event_write_errors_total{RATE}))", "write errors {{sink}}"),
            ),
            thresholds=steps(GREEN, (0.01, YELLOW), (1, RED)),
        ),
        panel(
            "Spool depth",
            "How full each edge's on-disk Kafka spool is (fleetsight_kafka_spool_bytes / fleetsight_kafka_spool_max_bytes), and its segment "
            "count (fleetsight_kafka_spool_segments, right axis). It fills while the broker is unreachable and drains, oldest first, when it "
            "is back. Red: when full, new events wait in memory and frames drop (analysis_behind); fix the broker path (Delivery failures) "
            "or give the spool room ([kafka] spool_max_bytes, disk under spool_dir).",
            "percentunit",
            targets(
                ("fleetsight_kafka_spool_bytes / fleetsight_kafka_spool_max_bytes", "{{instance}} full"),
                ("fleetsight_kafka_spool_segments", "{{instance}} segments"),
            ),
            thresholds=steps(GREEN, (0.5, YELLOW), (0.8, RED)),
            overrides=[
                {
                    "matcher": {"id": "byRegexp", "options": ".* segments"},
                    "properties": [{"id": "unit", "value": "short"}, {"id": "custom.axisPlacement", "value": "right"}],
                }
            ],
        ),
        panel(
            "Consumer lag",
            "Messages the sink consumer group ([kafka] group_id) is behind, per topic (fleetsight_kafka_consumer_lag, from librdkafka "
            "statistics). It should stay near zero. Red and growing: the sinks cannot keep up or are down: check Store write latency and "
            "Store write errors, the log line \"Store write failed; retrying before committing.\", and add `fleetsight sink` instances (up to "
            "the topic's partition count).",
            "short",
            targets(("sum by (topic) (fleetsight_kafka_consumer_lag)", "{{topic}}")),
            thresholds=steps(GREEN, (1000, YELLOW), (10000, RED)),
        ),
        panel(
            "Store write latency",
            "Time of one event-store batch write, p50 and p99, by store (fleetsight_store_write_seconds: embedded = SQLite, scylla = "
            "ScyllaDB). Red: the store is slow: for embedded, the disk ([store] path) is slow or busy; for ScyllaDB, check the cluster "
            "([scylla] nodes) and its own dashboards. Slow writes show up as Consumer lag on the sink and as Frame to event latency.",
            "s",
            targets(*quantiles("fleetsight_store_write_seconds", by="store")),
            thresholds=steps(GREEN, (0.1, YELLOW), (0.5, RED)),
        ),
        panel(
            "Store write errors",
            "Failed event-store batch writes per second, by store (fleetsight_store_write_errors_total). Writes are retried before offsets are "
            "committed, so nothing is lost, but nothing moves either. Red: log line \"Store write failed; retrying before committing.\" (sink) "
            "or \"Event write failed; retrying.\" (edge) gives the error: disk full or read-only for embedded, unreachable nodes or timeouts "
            "for ScyllaDB.",
            "ops",
            targets((f"sum by (store) (rate(fleetsight_store_write_errors_total{RATE}))", "{{store}}")),
            thresholds=steps(GREEN, (0.01, YELLOW), (0.1, RED)),
        ),
        panel(
            "Dead letters",
            "Messages that did not parse and went to the dead-letter topic (fleetsight_kafka_dead_lettered_total; [kafka] dead_letter_topic, "
            "default fleetsight.plate_reads.v1.dlq). Any is red: a producer writing another schema to the topic. The log line \"Message "
            "dead-lettered.\" gives topic, partition and offset; the DLQ message's header fleetsight.error says why.",
            "ops",
            targets((f"sum(rate(fleetsight_kafka_dead_lettered_total{RATE}))", "dead-lettered")),
            thresholds=steps(GREEN, (0.001, RED)),
        ),
        panel(
            "Frame to event latency",
            "Evidence frame capture to the event stored (sink=embedded at the edge, sink=consumer in `fleetsight sink`) or acknowledged by "
            "Kafka (sink=kafka), p50 and p99 (fleetsight_frame_to_event_seconds). It includes the vehicle pass itself ([tracking] "
            "track_timeout_secs after the last sighting, at most max_delay_secs), so a few seconds is normal. Red: events are late: look at "
            "Analysis latency (Per stream), Delivery failures and Spool depth (edge), Consumer lag and Store write latency (sink).",
            "s",
            targets(*quantiles("fleetsight_frame_to_event_seconds", by="sink")),
            thresholds=steps(GREEN, (10, YELLOW), (30, RED)),
        ),
    ],
)

# Challans -------------------------------------------------------------------------------------

challans = dashboard(
    "fleetsight-challans",
    "fleetsight / Challans",
    "E-challans: what was created, what waits for review, what was issued and notified, and notices past their deadline.",
    [
        panel(
            "Challans by state",
            "Challans in the store by lifecycle state (fleetsight_challans, refreshed every minute by each process running the violation "
            "stage; max across them, as they all count the same store). Pending review and issued should not grow without bound: see the "
            "panels to the right.",
            "short",
            targets(("max by (state) (fleetsight_challans)", "{{state}}")),
            w=24,
        ),
        panel(
            "Issued",
            "Challans issued and not yet notified, paid, contested or disposed (max of fleetsight_challans{state=\"issued\"}). They wait for "
            "their notices; red when they pile up: notices are not going out, see Notices and Overdue notices, and the [notify] config.",
            "short",
            targets(('max(fleetsight_challans{state="issued"})', "issued")),
            kind="stat",
            thresholds=steps(GREEN, (100, YELLOW), (500, RED)),
            w=6,
        ),
        panel(
            "Pending review",
            "Challans waiting for a reviewer (max of fleetsight_challans{state=\"pending_review\"}): no registered owner, a read below "
            "[challans] review_confidence, a split vote, or mandatory_review. Red: the review backlog grows: `fleetsight challans list "
            "--state pending_review`, review with POST /v1/challans/{no}/review; many without owner means the registry needs an import "
            "(`fleetsight registry import`).",
            "short",
            targets(('max(fleetsight_challans{state="pending_review"})', "pending review")),
            kind="stat",
            thresholds=steps(GREEN, (50, YELLOW), (200, RED)),
            w=6,
        ),
        panel(
            "Notified",
            "Challans whose owner was notified and that are not yet paid, contested or disposed (max of "
            "fleetsight_challans{state=\"notified\"}). It grows with enforcement; red only if it keeps growing without challans moving "
            "to paid or disposed (POST /v1/challans/{no}/status by an operator).",
            "short",
            targets(('max(fleetsight_challans{state="notified"})', "notified")),
            kind="stat",
            thresholds=steps(GREEN, (5000, YELLOW), (20000, RED)),
            w=6,
        ),
        panel(
            "Overdue notices",
            "Issued challans whose notice is past its deadline ([challans] notice_days after issue, default 15) "
            "(fleetsight_challan_notices_overdue). Any is red: notices are failing or the owner has no phone number: see Notices, the log "
            "line \"Notice failed; giving up.\", and the registry's phone numbers.",
            "short",
            targets(("max(fleetsight_challan_notices_overdue)", "overdue")),
            kind="stat",
            thresholds=steps(GREEN, (1, RED)),
            w=6,
        ),
        panel(
            "Notices",
            "Notices per second by channel (sms, whatsapp): accepted by the provider (fleetsight_notices_sent_total), retried "
            "(fleetsight_notices_retried_total) and given up (fleetsight_notices_failed_total); and the outbox depth "
            "(fleetsight_notice_outbox_depth, right axis). Red on failures: log lines \"Notice not sent; retrying.\" and \"Notice failed; "
            "giving up.\" give the provider's error: check [notify] account_sid, auth_token, from_sms/from_whatsapp and base_url.",
            "ops",
            targets(
                (f"sum by (channel) (rate(fleetsight_notices_sent_total{RATE}))", "sent {{channel}}"),
                (f"sum by (channel) (rate(fleetsight_notices_retried_total{RATE}))", "retried {{channel}}"),
                (f"sum by (channel) (rate(fleetsight_notices_failed_total{RATE}))", "failed {{channel}}"),
                ("max(fleetsight_notice_outbox_depth)", "outbox"),
            ),
            thresholds=steps(GREEN, (0.01, YELLOW), (0.1, RED)),
            w=24,
            overrides=[
                {"matcher": {"id": "byName", "options": "outbox"}, "properties": [{"id": "unit", "value": "short"}, {"id": "custom.axisPlacement", "value": "right"}]},
                {"matcher": {"id": "byRegexp", "options": "failed .*"}, "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}}]},
            ],
        ),
    ],
)

DASHBOARDS = {
    "fleet-overview.json": overview,
    "per-stream.json": per_stream,
    "models.json": models,
    "kafka-sinks.json": kafka_sinks,
    "challans.json": challans,
}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, d in DASHBOARDS.items():
        text = json.dumps(d, indent=2, ensure_ascii=False) + "\n"
        path = HERE / name
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print("dashboards differ from dashboards/gen.py: " + ", ".join(stale) + " (run python3 dashboards/gen.py)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
