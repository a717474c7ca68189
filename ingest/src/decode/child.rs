//! The `fleetsight-decoder` process: one openh264 decoder speaking [`super::protocol`] on its
//! stdin and stdout. It holds nothing but the stream's video (its environment is cleared), so a
//! crafted bitstream that takes it over finds no credentials, and a crash costs one stream.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufReader};
use std::os::fd::AsFd;
use std::process::ExitCode;
use std::time::Duration;

use super::frame_decoder::{FrameDecoder, write_i420};
use super::protocol;

/// The flag that makes the child honour the fault-injection units below. Only tests pass it
/// ([`super::DecodeConfig::test_faults`] cannot come from a config file); without it these
/// units are ordinary bad data, which openh264 rejects.
pub const TEST_FAULTS_FLAG: &str = "--test-faults";
/// Fault injection: the child aborts (dies by SIGABRT), as openh264 would on heap corruption.
pub const FAULT_CRASH: &[u8] = b"fleetsight-test-fault:crash";
/// Fault injection: the child exits with status 3 mid-request (the parent sees end of file).
pub const FAULT_EXIT: &[u8] = b"fleetsight-test-fault:exit";
/// Fault injection: the child never answers, asleep (as a deadlock).
pub const FAULT_HANG: &[u8] = b"fleetsight-test-fault:hang";
/// Fault injection: the child never answers, spinning (as openh264 in an endless loop).
pub const FAULT_SPIN: &[u8] = b"fleetsight-test-fault:spin";

/// The child's `main`: decodes until its input ends. `args` exclude the program name.
pub fn run(args: impl Iterator<Item = OsString>) -> ExitCode {
    let mut test_faults = false;
    for arg in args {
        if arg == TEST_FAULTS_FLAG {
            test_faults = true;
        } else {
            eprintln!("{}: unknown argument {arg:?}; this program is started by fleetsight, one per stream", super::DECODER_EXE);
            return ExitCode::from(2);
        }
    }
    exit_with_parent();
    match serve(test_faults) {
        Ok(()) => ExitCode::SUCCESS,
        // The parent went away mid-request (it stopped, or gave up on this child): nothing to say.
        Err(e) if matches!(e.kind(), io::ErrorKind::BrokenPipe | io::ErrorKind::UnexpectedEof) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("{}: {e}", super::DECODER_EXE);
            ExitCode::FAILURE
        }
    }
}

fn serve(test_faults: bool) -> io::Result<()> {
    // Plain files over fds 0 and 1: std's stdout is line-buffered, which would split pictures.
    let mut input = BufReader::with_capacity(256 << 10, File::from(io::stdin().as_fd().try_clone_to_owned()?));
    let mut out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    io::Write::write_all(&mut out, &protocol::HELLO)?;
    let mut decoder = FrameDecoder::new().map_err(io::Error::other)?;
    let (mut au, mut planes) = (Vec::new(), Vec::new());
    while let Some(keep) = protocol::read_request(&mut input, &mut au)? {
        if test_faults {
            inject_fault(&au);
        }
        let kept = decoder.decode_with(&au, |yuv| keep.then(|| write_i420(yuv, &mut planes)));
        match kept {
            Ok(None) => protocol::write_nothing(&mut out)?,
            Ok(Some(None)) => protocol::write_decoded(&mut out)?,
            Ok(Some(Some((w, h)))) => protocol::write_picture(&mut out, w, h, &planes)?,
            Err(e) => protocol::write_rejected(&mut out, &e.to_string())?,
        }
    }
    Ok(())
}

fn inject_fault(au: &[u8]) {
    if au.starts_with(FAULT_CRASH) {
        std::process::abort();
    } else if au.starts_with(FAULT_EXIT) {
        std::process::exit(3);
    } else if au.starts_with(FAULT_HANG) {
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    } else if au.starts_with(FAULT_SPIN) {
        let mut n = 0u64;
        loop {
            n = std::hint::black_box(n.wrapping_add(1));
        }
    }
}

/// A child stuck in openh264 never reads the end of its input; this makes it exit when the
/// parent is gone (re-parented), so a killed fleetsight leaves no decoders behind.
fn exit_with_parent() {
    let parent = std::os::unix::process::parent_id();
    let _ = std::thread::Builder::new().name("parent-watch".into()).spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            if std::os::unix::process::parent_id() != parent {
                std::process::exit(1);
            }
        }
    });
}
