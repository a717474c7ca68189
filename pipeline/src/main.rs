//! The `fleetsight` command line: a thin layer over the `pipeline` library.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use pipeline::Config;

#[derive(Parser)]
#[command(name = "fleetsight", version, about = "Live video analytics for vehicle fleets.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every stream in the config until Ctrl-C.
    Run {
        /// The TOML configuration file.
        #[arg(long)]
        config: PathBuf,
        /// Print the per-stream status table this often (seconds); 0 turns it off.
        #[arg(long, default_value_t = 5.0)]
        status_interval: f64,
        /// Stop after this many seconds (for demos and smoke tests); runs forever when unset.
        #[arg(long)]
        duration: Option<f64>,
        /// With `[sharding]`: this replica's shard index (else `$FLEETSIGHT_SHARD_INDEX`, else
        /// the trailing `-N` of the hostname, as StatefulSet pods are named).
        #[arg(long)]
        shard_index: Option<u32>,
    },
    /// Print which edge replica runs each stream (the `[sharding]` plan), to check a rollout.
    Shards {
        /// The TOML configuration file.
        #[arg(long)]
        config: PathBuf,
        /// Plan for this many replicas instead of `[sharding] replicas`.
        #[arg(long)]
        replicas: Option<u32>,
    },
    /// Consume plate reads from Kafka into the embedded store (the scaled-out shape).
    Sink {
        /// The TOML configuration file (its `[kafka]`, `[store]` and `[api]` sections).
        #[arg(long)]
        config: PathBuf,
    },
    /// Validate a configuration file and exit.
    CheckConfig {
        /// The TOML configuration file.
        #[arg(long)]
        config: PathBuf,
    },
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(Bench),
    /// The vehicle registry (plate → owner) that challans are addressed from.
    #[command(subcommand)]
    Registry(RegistryCmd),
    /// The hotlist: plates that raise an incident on sight.
    #[command(subcommand)]
    Hotlist(HotlistCmd),
    /// Challans: list, show, review, and move through their lifecycle.
    #[command(subcommand)]
    Challans(ChallanCmd),
    /// Evidence packages and the hash-chained evidence log.
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// Train the project's models (built with `--features train`).
    #[cfg(feature = "train")]
    #[command(subcommand)]
    Train(Train),
    /// Plate accuracy: per frame on a labelled clip set (`--clips`), per vehicle pass with the
    /// pass clips played as live cameras (`--passes`), or the plate detector alone on its
    /// synthetic validation split (`--detector-frames`).
    #[command(group(clap::ArgGroup::new("set").required(true).args(["clips", "passes", "detector_frames"])))]
    Eval {
        /// Directory of clips with sidecar JSON (`tests/clips/gen_clips.py DIR --set eval`).
        #[arg(long)]
        clips: Option<PathBuf>,
        /// Directory of pass clips (`tests/clips/gen_clips.py DIR --set passes`).
        #[arg(long)]
        passes: Option<PathBuf>,
        /// Validation frames with plates for the plate detector (and a third as many without).
        #[arg(long)]
        detector_frames: Option<usize>,
        /// With `--passes`: only these clips (file stems), e.g. `passes_short`.
        #[arg(long, num_args = 1..)]
        only: Vec<String>,
        /// With `--passes`: times each clip is played.
        #[arg(long, default_value_t = 1)]
        loops: u32,
        /// With `--clips`: analyse every Nth frame in which a plate is visible.
        #[arg(long, default_value_t = 4)]
        stride: usize,
        /// With `--clips`: list every plate not read exactly, and why.
        #[arg(long)]
        misses: bool,
        /// Text detector input width (multiple of 32); frames are scaled to fit, keeping aspect.
        #[arg(long, default_value_t = models::detect::DetectorOptions::default().input_width)]
        input_width: usize,
        /// Text detector input height (multiple of 32).
        #[arg(long, default_value_t = models::detect::DetectorOptions::default().input_height)]
        input_height: usize,
        #[command(flatten)]
        levers: Levers,
    },
}

#[derive(Subcommand)]
enum RegistryCmd {
    /// Imports a CSV with the columns plate, owner_name, phone, email (all rows or none).
    Import {
        /// The TOML configuration file (its store).
        #[arg(long)]
        config: PathBuf,
        /// The CSV file.
        csv: PathBuf,
    },
}

#[derive(Subcommand)]
enum HotlistCmd {
    /// Imports a CSV with the columns plate, reason, note (all rows or none).
    Import {
        /// The TOML configuration file (its store).
        #[arg(long)]
        config: PathBuf,
        /// Who is listing these plates (recorded on each entry).
        #[arg(long, default_value = "cli")]
        by: String,
        /// The CSV file.
        csv: PathBuf,
    },
}

#[derive(Subcommand)]
enum ChallanCmd {
    /// Lists challans, newest first.
    List {
        /// The TOML configuration file (its store).
        #[arg(long)]
        config: PathBuf,
        /// Only in this state (pending_review, issued, notified, paid, contested, disposed, rejected).
        #[arg(long)]
        state: Option<sinks::challan::ChallanState>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Prints a challan and its history as JSON.
    Show {
        /// The TOML configuration file (its store).
        #[arg(long)]
        config: PathBuf,
        /// The challan number.
        number: String,
    },
    /// Moves a challan to another state (approve: issued; reject: rejected), recording who and why.
    Move {
        /// The TOML configuration file (its store).
        #[arg(long)]
        config: PathBuf,
        /// The challan number.
        number: String,
        /// The new state.
        #[arg(long)]
        to: sinks::challan::ChallanState,
        /// Who is making the change.
        #[arg(long)]
        by: String,
        /// Why.
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Subcommand)]
enum EvidenceCmd {
    /// Re-hashes a challan's evidence package (every file against its manifest, the manifest
    /// against the evidence log) and checks the log's hash chain; with `--chain`, the whole log
    /// and every package in it. Exits non-zero when anything does not match.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["reference", "chain"])))]
    Verify {
        /// The TOML configuration file (its store and evidence sections).
        #[arg(long)]
        config: PathBuf,
        /// A challan number, or a package prefix (`challans/MH0000000001`).
        reference: Option<String>,
        /// Verify the whole log and every package it records.
        #[arg(long)]
        chain: bool,
    },
}

/// The analysis levers, for benchmarks and evaluations (defaults as in `[analysis]`).
#[derive(clap::Args, Clone)]
struct Levers {
    /// Frame detector: `plate` or `text`.
    #[arg(long, default_value = "plate")]
    detector: models::DetectorKind,
    /// Reader: `per-track` or `every-frame`.
    #[arg(long, value_enum, default_value = "per-track")]
    ocr: pipeline::track::OcrMode,
    /// Whole-frame search every Nth frame while tracking (1: always whole frames).
    #[arg(long, default_value_t = 3)]
    full_every: u32,
    /// Seconds without a plate before a camera idles (0: never).
    #[arg(long, default_value_t = 10.0)]
    idle_after: f64,
    /// Plate-model workers (0: one per core).
    #[arg(long, default_value_t = 0)]
    workers: usize,
    /// Competing busy-looping processes (a loaded box).
    #[arg(long, default_value_t = 0)]
    busy: usize,
    /// Where streams decode: `process` (a fleetsight-decoder child each, the default) or `thread`.
    #[arg(long, default_value = "process")]
    decode: String,
}

impl Levers {
    fn analysis(&self) -> anyhow::Result<pipeline::analysis::AnalysisConfig> {
        let c = pipeline::analysis::AnalysisConfig {
            detector: self.detector,
            ocr: self.ocr,
            full_detection_every: self.full_every,
            idle_after_secs: self.idle_after,
            workers: self.workers,
            ..Default::default()
        };
        c.validate().map_err(anyhow::Error::msg)?;
        Ok(c)
    }

    fn isolation(&self) -> anyhow::Result<ingest::decode::Isolation> {
        match self.decode.as_str() {
            "process" => Ok(ingest::decode::Isolation::Process),
            "thread" => Ok(ingest::decode::Isolation::Thread),
            other => anyhow::bail!("--decode: `process` or `thread`, got `{other}`"),
        }
    }
}

#[cfg(feature = "train")]
#[derive(Subcommand)]
enum Train {
    /// The plate detector, on synthetic scenes; writes the weights and prints the validation
    /// scores (see models/tools/train_detector.sh for the committed run).
    Detector {
        /// Seeds weights and data: the same seed gives the same weights.
        #[arg(long, default_value_t = 20261121)]
        seed: u64,
        /// Optimiser steps.
        #[arg(long, default_value_t = 8000)]
        steps: usize,
        /// Scenes per step.
        #[arg(long, default_value_t = 12)]
        batch: usize,
        /// Peak learning rate.
        #[arg(long, default_value_t = 2e-3)]
        lr: f64,
        /// Where the weights go.
        #[arg(long, default_value = "plate_net.bpk")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Bench {
    /// Kills the sink, the broker and cameras (SIGKILL) at random moments and silences three
    /// cameras for 5 s, 60 s and 10 min while streams run; then proves every read was stored
    /// exactly once (edge audit log, an independent Kafka client, the store) and prints the
    /// recovery times. Exits non-zero when a check fails. Needs the durable broker
    /// (tests/kafka/install_durable_broker.sh: about 25 min once per machine).
    Chaos {
        /// Minutes of faults (the 10 min outage needs 13).
        #[arg(long, default_value_t = 15.0)]
        minutes: f64,
        /// Cameras (at least 5: a control, three outages, one more).
        #[arg(long, default_value_t = 5)]
        cameras: usize,
        /// Seed of the schedule.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where the pass clips are (generated there when missing).
        #[arg(long, default_value = "tests/clips/out")]
        clips: PathBuf,
        /// Keep the run's directory (logs, databases, configs).
        #[arg(long)]
        keep: bool,
    },
    /// openh264 decode frames per CPU-second vs libavcodec on the generated clips, and a stream's
    /// decoding in this process vs through a `fleetsight-decoder` child (the cost of isolation).
    Decode {
        /// Directory with the generated clips (`tests/clips/gen_clips.py DIR`).
        #[arg(long, default_value = "tests/clips/out")]
        clips: PathBuf,
        /// Runs per clip; the best is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Plate-read events per second: into the embedded store, and (with --brokers) through the
    /// Kafka producer and the sink.
    Events {
        /// Events to send.
        #[arg(long, default_value_t = 100_000)]
        count: u64,
        /// Kafka bootstrap servers; without it only the embedded store is measured.
        #[arg(long)]
        brokers: Option<String>,
    },
    /// N live cameras through the whole pipeline: analysed rates, drops, passes, latency, CPU.
    Streams {
        /// Cameras.
        #[arg(long, default_value_t = 16)]
        n: usize,
        /// Measured seconds (after a warm-up).
        #[arg(long, default_value_t = 60.0)]
        secs: f64,
        /// Find the largest N that holds 5 analysed frames/s per camera with analysis p99 < 1 s
        /// and no drops but planned ones.
        #[arg(long)]
        search: bool,
        /// H.264 profile of the cameras: `baseline` or `main`.
        #[arg(long, default_value = "baseline")]
        profile: String,
        /// Where the pass clips are (generated there when missing).
        #[arg(long, default_value = "tests/clips/out")]
        clips: PathBuf,
        /// Analysis rate per camera.
        #[arg(long, default_value_t = 5.0)]
        fps: f64,
        #[command(flatten)]
        levers: Levers,
    },
    /// Incidents near a place and time: loads N into the embedded store, then prints the load
    /// rate, the database size and query latency for 1 km over 24 h and 5 km over 7 days.
    Geo {
        /// Incidents to load.
        #[arg(long, default_value_t = 10_000_000)]
        incidents: u64,
        /// The database (kept; loading again is idempotent); default: a temporary one.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Queries per figure.
        #[arg(long, default_value_t = 200)]
        queries: usize,
    },
    /// The plate models' latency on one thread (Burn vs ONNX Runtime where both run them).
    Models {
        /// Timed runs per figure; the median is reported.
        #[arg(long, default_value_t = 10)]
        runs: usize,
        /// Threads for Burn and ONNX Runtime alike (1: what each plate-model worker has).
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
}

fn block_on<T>(f: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    tokio::runtime::Runtime::new().context("starting the async runtime")?.block_on(f)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Run { config, status_interval, duration, shard_index } => {
            let mut config = Config::load(&config)?;
            keep_shard(&mut config, shard_index)?;
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            rt.block_on(run(config, status_interval, duration))
        }
        Command::Sink { config } => {
            let config = Config::load_for_sink(&config)?;
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            rt.block_on(async {
                let stop = tokio_util::sync::CancellationToken::new();
                let s = stop.clone();
                let mut signals = StopSignals::install()?;
                tokio::spawn(async move {
                    signals.next().await;
                    s.cancel();
                });
                pipeline::runtime::run_sink(config, stop).await
            })
        }
        Command::Registry(RegistryCmd::Import { config, csv }) => {
            let n = block_on(pipeline::admin::import_registry(&Config::load_for_admin(&config)?, &csv))?;
            println!("{n} vehicles imported");
            Ok(())
        }
        Command::Hotlist(HotlistCmd::Import { config, by, csv }) => {
            let n = block_on(pipeline::admin::import_hotlist(&Config::load_for_admin(&config)?, &csv, &by))?;
            println!("{n} plates listed");
            Ok(())
        }
        Command::Challans(cmd) => {
            let out = match cmd {
                ChallanCmd::List { config, state, limit } => block_on(pipeline::admin::list_challans(&Config::load_for_admin(&config)?, state, limit)),
                ChallanCmd::Show { config, number } => block_on(pipeline::admin::show_challan(&Config::load_for_admin(&config)?, &number)),
                ChallanCmd::Move { config, number, to, by, reason } => block_on(pipeline::admin::move_challan(&Config::load_for_admin(&config)?, &number, to, &by, &reason)),
            }?;
            print!("{out}");
            Ok(())
        }
        Command::Evidence(EvidenceCmd::Verify { config, reference, chain: _ }) => {
            let (report, intact) = block_on(pipeline::admin::verify_evidence(&Config::load_for_admin(&config)?, reference.as_deref()))?;
            print!("{report}");
            anyhow::ensure!(intact, "evidence verification failed");
            Ok(())
        }
        Command::Shards { config, replicas } => {
            let c = Config::load(&config)?;
            let assign = c.sharding.as_ref().map(|s| s.assign.clone()).unwrap_or_default();
            let replicas = replicas.or(c.sharding.as_ref().map(|s| s.replicas)).context("--replicas: the config has no [sharding] section")?;
            let sharding = pipeline::config::ShardingConfig { replicas, assign };
            let ids: Vec<&str> = c.streams.iter().map(|s| s.id.as_str()).collect();
            let problems = sharding.validate(&ids);
            anyhow::ensure!(problems.is_empty(), "{}: sharding.{}", config.display(), problems.join("; sharding."));
            print!("{}", pipeline::config::render_plan(&sharding.plan(&c.streams), replicas));
            Ok(())
        }
        Command::CheckConfig { config } => {
            let c = Config::load(&config)?;
            // The secrets the file points at (environment variables, files) must be readable too.
            pipeline::api::Authenticator::from_config(&c.api).map_err(|p| anyhow::anyhow!("{}: {}", config.display(), p.join("; ")))?;
            for s in &c.streams {
                if let Some(pipeline::config::SourceConfig::Rtsp(r)) = s.source() {
                    r.resolve_password().map_err(|e| anyhow::anyhow!("{}: stream {}: rtsp.{e}", config.display(), s.id))?;
                }
            }
            if let Some(n) = &c.notify {
                n.resolve_auth_token().map_err(|e| anyhow::anyhow!("{}: notify.{e}", config.display()))?;
            }
            // And the decoder executable that process isolation starts per stream must be there.
            c.supervisor.decode.setup().map_err(|e| anyhow::anyhow!("{}: {e}", config.display()))?;
            println!("{}: ok, {} streams", config.display(), c.streams.len());
            Ok(())
        }
        Command::Eval { clips: Some(clips), stride, misses, input_width, input_height, levers, .. } => {
            let options = models::RecognizerOptions {
                detector: levers.detector,
                text: models::detect::DetectorOptions { input_width, input_height, ..Default::default() },
                ..Default::default()
            };
            let recognizer = models::PlateRecognizer::load(&models::weights::default_dir(), &models::Device::flex(), &options)?;
            let report = rayon::ThreadPoolBuilder::new().num_threads(1).build()?.install(|| pipeline::eval::run(&clips, &recognizer, stride))?;
            print!("{}", pipeline::eval::render(&report));
            if misses {
                report.misses.iter().for_each(|m| println!("{m}"));
            }
            Ok(())
        }
        Command::Eval { passes: Some(dir), only, loops, levers, .. } => {
            let mut opts = pipeline::eval::passes::PassEvalOptions::for_dir(&dir, &only)?;
            opts.analysis = levers.analysis()?;
            opts.loops = loops;
            opts.busy = levers.busy;
            opts.isolation = levers.isolation()?;
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let figures = rt.block_on(pipeline::eval::passes::run(&opts))?;
            print!("{}", pipeline::eval::passes::render(&figures));
            Ok(())
        }
        Command::Eval { detector_frames: Some(frames), .. } => {
            let path = models::weights::default_dir().join(models::weights::PLATE_DETECTOR_FILE);
            let detector = models::detect::PlateDetector::load(&path, &models::Device::flex(), Default::default())?;
            let renderer = models::synth::SceneRenderer::new()?;
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
            let report = pool.install(|| models::detect::validation::validate(&detector, &renderer, frames, frames.div_ceil(3)))?;
            print!("{}", report.render());
            Ok(())
        }
        Command::Eval { .. } => unreachable!("clap requires --clips, --passes or --detector-frames"),
        Command::Bench(Bench::Streams { n, secs, search, profile, clips, fps, levers }) => {
            let opts = pipeline::bench::streams::StreamsOptions {
                n,
                secs,
                search,
                main_profile: match profile.as_str() {
                    "baseline" => false,
                    "main" => true,
                    other => anyhow::bail!("--profile: `baseline` or `main`, got `{other}`"),
                },
                clips,
                analysis: levers.analysis()?,
                tracking: pipeline::track::TrackerConfig::default(),
                fps,
                busy: levers.busy,
                isolation: levers.isolation()?,
            };
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let trials = rt.block_on(pipeline::bench::streams::run(&opts))?;
            for t in &trials {
                println!("{}", pipeline::bench::streams::render(t));
            }
            println!("{}", pipeline::bench::streams::summary(&trials, search, fps));
            Ok(())
        }
        #[cfg(feature = "train")]
        Command::Train(Train::Detector { seed, steps, batch, lr, out }) => {
            let options = models::train::TrainOptions { seed, steps, batch, lr, out, ..Default::default() };
            let report = models::train::train(&options, |line| tracing::info!("{line}"))?;
            println!("{}", report.render());
            Ok(())
        }
        Command::Bench(Bench::Chaos { minutes, cameras, seed, clips, keep }) => {
            let opts = pipeline::bench::chaos::ChaosOptions { minutes, cameras, seed, clips, keep };
            let figures = block_on(pipeline::bench::chaos::run(&opts))?;
            print!("{}", pipeline::bench::chaos::render(&figures));
            let failures = figures.failures();
            anyhow::ensure!(failures.is_empty(), "bench chaos: {} check(s) failed", failures.len());
            Ok(())
        }
        Command::Bench(Bench::Events { count, brokers }) => {
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let rows = rt.block_on(pipeline::bench::events(count, brokers))?;
            print!("{}", pipeline::bench::render_events(&rows));
            Ok(())
        }
        Command::Bench(Bench::Geo { incidents, db, queries }) => {
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let figures = rt.block_on(pipeline::bench::geo::run(&pipeline::bench::geo::GeoOptions { incidents, db, queries }))?;
            print!("{}", pipeline::bench::geo::render(&figures));
            Ok(())
        }
        Command::Bench(Bench::Models { runs, threads }) => {
            let rows = pipeline::bench::models(runs, threads)?;
            print!("{}", pipeline::bench::render_models(&rows));
            Ok(())
        }
        Command::Bench(Bench::Decode { clips, runs }) => {
            let rows = pipeline::bench::decode(&clips, runs)?;
            print!("{}", pipeline::bench::render_decode(&rows));
            Ok(())
        }
    }
}

/// With `[sharding]`, keeps only this replica's streams and logs which (ids only).
fn keep_shard(config: &mut Config, flag: Option<u32>) -> anyhow::Result<()> {
    let env_name = pipeline::config::SHARD_INDEX_ENV;
    let env = std::env::var(env_name).ok().filter(|v| !v.trim().is_empty());
    let Some(sharding) = config.sharding.clone() else {
        anyhow::ensure!(flag.is_none(), "--shard-index: the config has no [sharding] section");
        // A replica told its index but given an unsharded config would run every stream, as would
        // every other replica: refused rather than reading each plate N times.
        anyhow::ensure!(env.is_none(), "{env_name} is set but the config has no [sharding] section: every replica would run every stream");
        return Ok(());
    };
    let hostname = std::env::var("HOSTNAME").ok().or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok());
    let (index, from) = pipeline::config::resolve_index(flag, env.as_deref(), hostname.as_deref()).map_err(anyhow::Error::msg)?;
    let skipped = sharding.retain(index, &mut config.streams).map_err(|e| anyhow::anyhow!("{from}: {e}"))?;
    let ids: Vec<&str> = config.streams.iter().map(|s| s.id.as_str()).collect();
    tracing::info!(shard = index, from, replicas = sharding.replicas, streams = %ids.join(","), skipped, "Running this shard's streams.");
    if ids.is_empty() {
        tracing::warn!(shard = index, "This shard has no streams: only the HTTP endpoints run.");
    }
    Ok(())
}

async fn run(config: Config, status_interval: f64, duration: Option<f64>) -> anyhow::Result<()> {
    let mut signals = StopSignals::install()?;
    let running = pipeline::runtime::start(config).await?;
    let stop = running.shutdown_token();
    if status_interval > 0.0 {
        let src = pipeline::status::StatusSource { streams: running.streams().to_vec(), modes: running.modes(), metrics: running.metrics().clone() };
        tokio::spawn(pipeline::status::print_every(src, Duration::from_secs_f64(status_interval), stop.clone()));
    }
    let deadline = async {
        match duration {
            Some(d) => tokio::time::sleep(Duration::from_secs_f64(d)).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = signals.next() => {}
        _ = deadline => {}
    }
    // A second interrupt while shutting down exits at once.
    tokio::spawn(async move {
        signals.next().await;
        eprintln!("Second interrupt: exiting now.");
        std::process::exit(130);
    });
    running.shutdown().await;
    Ok(())
}

/// Ctrl-C (SIGINT) and SIGTERM (what systemd, Docker and Kubernetes send to stop a service),
/// listened for from the start so an early signal is not the default "terminate at once".
struct StopSignals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> anyhow::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self { int: signal(SignalKind::interrupt()).context("listening for SIGINT")?, term: signal(SignalKind::terminate()).context("listening for SIGTERM")? })
    }

    /// The next SIGINT or SIGTERM.
    async fn next(&mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }
}
