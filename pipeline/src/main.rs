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
    /// Plate detection and OCR accuracy on a labelled clip set.
    Eval {
        /// Directory of clips with sidecar JSON (`tests/clips/gen_clips.py DIR --set eval`).
        #[arg(long)]
        clips: PathBuf,
        /// Analyse every Nth frame in which a plate is visible.
        #[arg(long, default_value_t = 4)]
        stride: usize,
        /// Detector input width (multiple of 32); frames are scaled to fit, keeping aspect.
        #[arg(long, default_value_t = models::detect::DetectorOptions::default().input_width)]
        input_width: usize,
        /// Detector input height (multiple of 32).
        #[arg(long, default_value_t = models::detect::DetectorOptions::default().input_height)]
        input_height: usize,
    },
}

#[derive(Subcommand)]
enum Bench {
    /// openh264 decode frames per CPU-second vs libavcodec on the generated clips.
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
    /// Burn plate detector and reader latency vs ONNX Runtime on the same model and input.
    Models {
        /// Timed runs per figure; the median is reported.
        #[arg(long, default_value_t = 10)]
        runs: usize,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Run { config, status_interval, duration } => {
            let config = Config::load(&config)?;
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            rt.block_on(run(config, status_interval, duration))
        }
        Command::Sink { config } => {
            let config = Config::load_for_sink(&config)?;
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            rt.block_on(async {
                let stop = tokio_util::sync::CancellationToken::new();
                let s = stop.clone();
                tokio::spawn(async move {
                    let _ = tokio::signal::ctrl_c().await;
                    s.cancel();
                });
                pipeline::runtime::run_sink(config, stop).await
            })
        }
        Command::CheckConfig { config } => {
            let c = Config::load(&config)?;
            println!("{}: ok, {} streams", config.display(), c.streams.len());
            Ok(())
        }
        Command::Eval { clips, stride, input_width, input_height } => {
            let options = models::detect::DetectorOptions { input_width, input_height, ..Default::default() };
            let recognizer = models::PlateRecognizer::load(&models::weights::default_dir(), &models::Device::flex(), options)?;
            let report = pipeline::eval::run(&clips, &recognizer, stride)?;
            print!("{}", pipeline::eval::render(&report));
            Ok(())
        }
        Command::Bench(Bench::Events { count, brokers }) => {
            let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            let rows = rt.block_on(pipeline::bench::events(count, brokers))?;
            print!("{}", pipeline::bench::render_events(&rows));
            Ok(())
        }
        Command::Bench(Bench::Models { runs }) => {
            let rows = pipeline::bench::models(runs)?;
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

async fn run(config: Config, status_interval: f64, duration: Option<f64>) -> anyhow::Result<()> {
    let running = pipeline::runtime::start(config).await?;
    let stop = running.shutdown_token();
    if status_interval > 0.0 {
        let streams = running.streams().to_vec();
        tokio::spawn(pipeline::status::print_every(streams, Duration::from_secs_f64(status_interval), stop.clone()));
    }
    let deadline = async {
        match duration {
            Some(d) => tokio::time::sleep(Duration::from_secs_f64(d)).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.context("waiting for Ctrl-C")?,
        _ = deadline => {}
    }
    // A second Ctrl-C while shutting down exits at once.
    tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("Second interrupt: exiting now.");
            std::process::exit(130);
        }
    });
    running.shutdown().await;
    Ok(())
}
