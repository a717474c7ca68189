//! `fleetsight-decoder`: the per-stream H.264 decoder process fleetsight starts (see
//! `ingest::decode::child`). Not meant to be run by hand.

fn main() -> std::process::ExitCode {
    ingest::decode::child::run(std::env::args_os().skip(1))
}
