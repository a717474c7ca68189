//! `fleetsight bench chaos --minutes M`: live cameras (one RTSP test server each) through an edge
//! (`fleetsight run`) publishing to a durable Kafka broker (Tansu, `sqlite://`) and a
//! `fleetsight sink` storing into the embedded store, while the sink, the broker and single
//! cameras are SIGKILLed at random moments and three cameras fall silent for 5 s, 60 s and
//! 10 min. Afterwards it proves, from the edge's audit log, an independent Kafka client (Python's
//! confluent-kafka) and the store, that every read made was stored exactly once, and prints
//! each fault's recovery and each outage's detection and return times.
//!
//! - [`plan`]: the seeded schedule. - [`procs`]: the processes. - [`watch`]: what is recorded.
//! - [`proof`]: the exactly-once check. - [`report`]: the figures and their table.

pub mod plan;
pub mod procs;
pub mod proof;
pub mod report;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::harness::net::{create_topics, free_port, http_get};
use crate::harness::rtsp::{RtspServer, ensure_pass_clips};
use plan::{Kill, Plan, Target};
use procs::{Proc, local, signal, wait_listening};
pub use report::{ChaosFigures, KillFigures, OutageFigures, render};
use watch::{TICK, Watch};

/// What to run.
#[derive(Debug, Clone)]
pub struct ChaosOptions {
    /// Length of the faulted part of the run.
    pub minutes: f64,
    /// Cameras (at least [`plan::MIN_CAMERAS`]).
    pub cameras: usize,
    /// Seed of the schedule.
    pub seed: u64,
    /// Where the pass clips are (generated there when missing).
    pub clips: PathBuf,
    /// Keep the run's directory (logs, databases, configs).
    pub keep: bool,
}

/// Pass clips the cameras play.
const CLIPS: usize = 8;
/// After the faulted part, how long the pipeline has to store what is pending.
const DRAIN: Duration = Duration::from_secs(120);

fn edge_config(dir: &Path, port: u16, broker: u16, cameras: &[String]) -> String {
    // Evidence goes to the default directory under the process's working directory (`dir`).
    let mut toml = format!(
        "[api]\nlisten = \"127.0.0.1:{port}\"\n[store]\npath = \"{}\"\n[kafka]\nbrokers = \"127.0.0.1:{broker}\"\nspool_dir = \"{}\"\n",
        dir.join("edge.db").display(),
        dir.join("spool").display()
    );
    for (i, url) in cameras.iter().enumerate() {
        toml += &format!("[[streams]]\nid = \"c{i:02}\"\ndevice_id = \"cam-{i:02}\"\nlocation = {{ lat = 18.52, lon = 73.85 }}\nrtsp = {{ url = \"{url}\" }}\n");
    }
    toml
}

fn sink_config(dir: &Path, port: u16, broker: u16) -> String {
    // A stable instance id: the restarted sink takes its partitions back at once (Tansu 0.6.0
    // never expires a SIGKILLed group member, so without it the group would stay stuck).
    format!(
        "[api]\nlisten = \"127.0.0.1:{port}\"\n[store]\npath = \"{}\"\n[kafka]\nbrokers = \"127.0.0.1:{broker}\"\ninstance_id = \"chaos-sink\"\n",
        dir.join("sink.db").display()
    )
}

/// Everything a run holds.
struct Rig {
    broker: Proc,
    broker_port: u16,
    sink: Proc,
    sink_port: u16,
    edge: Proc,
    edge_port: u16,
    cameras: Vec<RtspServer>,
}

impl Rig {
    fn kill(&mut self, t: Target) {
        match t {
            Target::Sink => self.sink.kill(),
            Target::Broker => self.broker.kill(),
            Target::Camera(i) => self.cameras[i].kill(),
        }
    }

    fn restart(&mut self, t: Target) -> anyhow::Result<()> {
        match t {
            Target::Sink => self.sink.start(),
            Target::Broker => self.broker.start(),
            Target::Camera(i) => self.cameras[i].restart(),
        }
    }

    /// Whether a restarted target serves again: the sink answers /readyz, the broker listens,
    /// the camera's stream decodes frames again (after `decoded_at_restart`).
    async fn back(&self, t: Target, watch: &Watch, decoded_at_restart: f64) -> bool {
        match t {
            Target::Sink => matches!(http_get(local(self.sink_port), "/readyz").await, Ok((200, _))),
            Target::Broker => tokio::net::TcpStream::connect(("127.0.0.1", self.broker_port)).await.is_ok(),
            Target::Camera(i) => watch.samples.last().is_some_and(|s| s.streams[i].decoded > decoded_at_restart),
        }
    }
}

/// A kill being carried out.
struct Live {
    kill: usize,
    restarted: Option<Duration>,
    decoded_at_restart: f64,
    pending: BTreeSet<String>,
    back: Option<Duration>,
    caught_up: Option<Duration>,
}

fn decoded(watch: &Watch, camera: usize) -> f64 {
    watch.samples.last().map_or(0.0, |s| s.streams[camera].decoded)
}

/// Advances the kill in hand; returns its figures once it is over.
async fn step(rig: &mut Rig, plan: &Plan, live: &mut Live, watch: &mut Watch) -> anyhow::Result<Option<KillFigures>> {
    let k: &Kill = &plan.kills[live.kill];
    let now = watch.now();
    let Some(restarted) = live.restarted else {
        if now >= k.at + k.down {
            live.decoded_at_restart = if let Target::Camera(i) = k.target { decoded(watch, i) } else { 0.0 };
            rig.restart(k.target).with_context(|| format!("restarting the {}", k.target.name()))?;
            live.restarted = Some(watch.now());
            watch.caught_up().await;
            live.pending = watch.made.keys().filter(|id| !watch.stored.contains_key(*id)).cloned().collect();
        }
        return Ok(None);
    };
    if live.back.is_none() && rig.back(k.target, watch, live.decoded_at_restart).await {
        live.back = Some(now - restarted);
    }
    if live.caught_up.is_none() && !live.pending.is_empty() && live.pending.iter().all(|id| watch.stored.contains_key(id)) {
        live.caught_up = live.pending.iter().filter_map(|id| watch.stored.get(id)).max().map(|t| t.saturating_sub(restarted));
    }
    let done = live.back.is_some() && (live.pending.is_empty() || live.caught_up.is_some());
    if done || now >= restarted + plan::SETTLE {
        return Ok(Some(KillFigures { kill: k.clone(), back: live.back, pending: live.pending.len(), caught_up: live.caught_up }));
    }
    Ok(None)
}

/// Runs the faulted part: the schedule against the rig, recording as it goes.
async fn faulted(rig: &mut Rig, plan: &Plan, watch: &mut Watch, length: Duration) -> anyhow::Result<(Vec<KillFigures>, Vec<(usize, Duration, Duration)>)> {
    let mut kills = Vec::new();
    let mut live: Option<Live> = None;
    let mut next_kill = 0;
    // (camera, stopped at, resumed at) as carried out.
    let mut outages: Vec<(usize, Option<Duration>, Option<Duration>)> = plan.outages.iter().map(|o| (o.camera, None, None)).collect();
    while watch.now() < length || live.is_some() {
        let tick = Instant::now();
        watch.tick().await;
        if let Some(status) = rig.edge.exited() {
            bail!("the edge exited during the run ({status}); see {}", rig.edge.log().display());
        }
        let now = watch.now();
        for (o, done) in plan.outages.iter().zip(outages.iter_mut()) {
            if done.1.is_none() && now >= o.at {
                signal(rig.cameras[o.camera].pid(), libc::SIGSTOP);
                done.1 = Some(watch.now());
            } else if done.1.is_some() && done.2.is_none() && now >= o.at + o.length {
                signal(rig.cameras[o.camera].pid(), libc::SIGCONT);
                done.2 = Some(watch.now());
            }
        }
        if live.is_none() && next_kill < plan.kills.len() && now >= plan.kills[next_kill].at {
            let k = &plan.kills[next_kill];
            eprintln!("bench chaos: {:>4.0} s  SIGKILL {} for {:.1} s", now.as_secs_f64(), k.target.name(), k.down.as_secs_f64());
            rig.kill(k.target);
            live = Some(Live { kill: next_kill, restarted: None, decoded_at_restart: 0.0, pending: BTreeSet::new(), back: None, caught_up: None });
            next_kill += 1;
        }
        if let Some(l) = live.as_mut()
            && let Some(f) = step(rig, plan, l, watch).await?
        {
            kills.push(f);
            live = None;
        }
        tokio::time::sleep(TICK.saturating_sub(tick.elapsed())).await;
    }
    let outages = outages.into_iter().filter_map(|(c, a, b)| Some((c, a?, b?))).collect();
    Ok((kills, outages))
}

/// The topic as Python's confluent-kafka reads it: event id → records.
fn read_topic(bootstrap: &str, topic: &str) -> anyhow::Result<BTreeMap<String, usize>> {
    let python = procs::verify_python()?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/kafka/read_topic.py");
    let out = std::process::Command::new(python).args([script, bootstrap, topic, "--idle", "8", "--event-ids"]).output().context("running read_topic.py")?;
    anyhow::ensure!(out.status.success(), "read_topic.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("read_topic.py output")?;
    let ids = v["event_ids"].as_object().context("no event_ids in read_topic.py output")?;
    Ok(ids.iter().map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0) as usize)).collect())
}

async fn wait_streaming(watch: &mut Watch, within: Duration) -> anyhow::Result<()> {
    let start = Instant::now();
    while start.elapsed() < within {
        watch.tick().await;
        if watch.samples.last().is_some_and(|s| s.streams.iter().all(|x| x.decoded > 0.0)) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bail!("not every camera decoded a frame within {within:?}")
}

async fn drain(watch: &mut Watch, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if watch.caught_up().await {
            return true;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    false
}

async fn start_rig(opts: &ChaosOptions, dir: &Path) -> anyhow::Result<Rig> {
    let names: Vec<String> = (0..opts.cameras.min(CLIPS)).map(|i| format!("passes_{i:02}")).collect();
    ensure_pass_clips(&opts.clips, &names)?;
    let broker_port = free_port()?;
    let mut broker = procs::broker(&procs::broker_binary()?, broker_port, dir);
    broker.start()?;
    wait_listening(broker_port, Duration::from_secs(20)).await?;
    let bootstrap = format!("127.0.0.1:{broker_port}");
    create_topics(&bootstrap).await?;
    let mut cameras = Vec::new();
    for i in 0..opts.cameras {
        cameras.push(RtspServer::start(&[(format!("c{i:02}"), opts.clips.join(format!("{}.264", names[i % CLIPS])))])?);
    }
    let (edge_port, sink_port) = (free_port()?, free_port()?);
    let urls: Vec<String> = cameras.iter().enumerate().map(|(i, c)| c.url(&format!("c{i:02}"))).collect();
    std::fs::write(dir.join("edge.toml"), edge_config(dir, edge_port, broker_port, &urls))?;
    std::fs::write(dir.join("sink.toml"), sink_config(dir, sink_port, broker_port))?;
    let exe = std::env::current_exe()?;
    let sink_toml = dir.join("sink.toml").display().to_string();
    let edge_toml = dir.join("edge.toml").display().to_string();
    let mut sink = Proc::new("sink", &exe, &["sink", "--config", &sink_toml], dir).env("NO_COLOR", "1");
    let mut edge = Proc::new("edge", &exe, &["run", "--config", &edge_toml], dir).env("NO_COLOR", "1").env("RUST_LOG", "info,fleetsight::reads=debug");
    sink.start()?;
    edge.start()?;
    wait_listening(sink_port, Duration::from_secs(30)).await.context("the sink did not start")?;
    wait_listening(edge_port, Duration::from_secs(60)).await.context("the edge did not start")?;
    Ok(Rig { broker, broker_port, sink, sink_port, edge, edge_port, cameras })
}

/// Runs the whole thing and gathers the figures.
pub async fn run(opts: &ChaosOptions) -> anyhow::Result<ChaosFigures> {
    anyhow::ensure!(opts.cameras >= plan::MIN_CAMERAS, "--cameras: at least {}", plan::MIN_CAMERAS);
    let length = Duration::from_secs_f64(opts.minutes * 60.0);
    let plan = plan::plan(length, opts.cameras, opts.seed);
    let dir = std::env::temp_dir().join(format!("fleetsight-chaos-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    eprintln!("bench chaos: {} kills and {} outages over {:.0} min; logs in {}", plan.kills.len(), plan.outages.len(), opts.minutes, dir.display());
    let mut rig = start_rig(opts, &dir).await?;
    let mut watch = Watch::new(rig.edge_port, opts.cameras, rig.edge.log().to_path_buf(), dir.join("sink.db"));
    wait_streaming(&mut watch, Duration::from_secs(90)).await?;
    watch.restart_clock();
    let (kills, outages) = faulted(&mut rig, &plan, &mut watch, length).await?;
    let drained = drain(&mut watch, DRAIN).await;
    // Stopping the edge ends its tracks: their reads are made now and must be stored too.
    let edge_clean = rig.edge.stop(Duration::from_secs(30));
    let drained_after_stop = drain(&mut watch, Duration::from_secs(60)).await;
    let topic = read_topic(&format!("127.0.0.1:{}", rig.broker_port), sinks::event::TOPIC_PLATE_READS)?;
    let stored = watch.stored_rows().await?;
    let made: BTreeSet<String> = watch.made.keys().cloned().collect();
    let figures = ChaosFigures::new(&plan, kills, &outages, &watch, proof::Proof::check(&made, &topic, &stored), drained && drained_after_stop, edge_clean, opts);
    rig.sink.stop(Duration::from_secs(10));
    rig.broker.kill();
    drop(rig);
    if !opts.keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_edge_and_sink_configs_load() {
        let dir = Path::new("/tmp/chaos");
        let urls: Vec<String> = (0..5).map(|i| format!("rtsp://127.0.0.1:8554/c{i:02}")).collect();
        let edge = Config::from_toml_str(&edge_config(dir, 9900, 9092, &urls), Path::new("edge.toml")).unwrap();
        assert!(edge.validate().is_empty(), "{:?}", edge.validate());
        assert_eq!((edge.streams.len(), edge.kafka.as_ref().map(|k| k.brokers.as_str())), (5, Some("127.0.0.1:9092")));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("sink.toml"), sink_config(dir, 9901, 9092)).unwrap();
        Config::load_for_sink(&tmp.path().join("sink.toml")).unwrap();
    }
}
