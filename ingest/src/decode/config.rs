use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Result};

/// The decoder executable's file name, looked for beside the running executable.
pub const DECODER_EXE: &str = "fleetsight-decoder";

/// Where a stream's H.264 decoder runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Isolation {
    /// A `fleetsight-decoder` child process per stream, fed through pipes. openh264 is C++ with
    /// a history of heap overflows (CVE-2025-27091): a crash, abort or hang on crafted camera
    /// data then costs that stream a restart, not the process and every other camera.
    #[default]
    Process,
    /// A thread inside the fleetsight process: no pipe copies, but a decoder crash takes every
    /// stream down. For benchmarks and for builds without the decoder executable.
    Thread,
}

/// How streams decode, and how a crashing decoder is contained (`[supervisor.decode]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecodeConfig {
    /// `process` (default): a child process per stream; `thread`: in the fleetsight process.
    #[serde(default)]
    pub isolation: Isolation,
    /// The decoder executable for `process` isolation. Default: `fleetsight-decoder` beside the
    /// running executable, else one directory up (test binaries run from `target/<profile>/deps`).
    #[serde(default)]
    pub decoder_exe: Option<PathBuf>,
    /// A child that has not answered an access unit within this long is hung: it is killed and
    /// restarted (a normal 1080p decode takes about 10 ms).
    #[serde(default = "default_decode_timeout")]
    pub decode_timeout_secs: f64,
    /// This many decoder crashes (exits, signals, hangs) within `crash_window_secs` quarantine
    /// the stream: it is disconnected and not retried for `crash_window_secs`.
    #[serde(default = "default_crash_limit")]
    pub crash_limit: u32,
    /// The window crashes are counted in, and how long a quarantine lasts.
    #[serde(default = "default_crash_window")]
    pub crash_window_secs: f64,
    /// Tests only, never from a config file: lets the child honour the fault-injection units
    /// ([`super::child::FAULT_CRASH`] and friends). Without it they are ordinary (bad) data.
    #[doc(hidden)]
    #[serde(skip)]
    pub test_faults: bool,
}

const fn default_decode_timeout() -> f64 {
    1.0
}
const fn default_crash_limit() -> u32 {
    5
}
const fn default_crash_window() -> f64 {
    600.0
}

impl Default for DecodeConfig {
    fn default() -> Self {
        Self {
            isolation: Isolation::default(),
            decoder_exe: None,
            decode_timeout_secs: default_decode_timeout(),
            crash_limit: default_crash_limit(),
            crash_window_secs: default_crash_window(),
            test_faults: false,
        }
    }
}

/// A decode config with the executable found: what each stream's decode thread needs.
#[derive(Debug, Clone)]
pub struct DecoderSetup {
    /// The child executable; `None` decodes on the thread itself.
    pub exe: Option<PathBuf>,
    /// See [`DecodeConfig::decode_timeout_secs`].
    pub decode_timeout: Duration,
    /// See [`DecodeConfig::crash_limit`].
    pub crash_limit: u32,
    /// See [`DecodeConfig::crash_window_secs`].
    pub crash_window: Duration,
    /// See [`DecodeConfig::test_faults`].
    pub test_faults: bool,
}

impl DecodeConfig {
    /// Checks the values without I/O; the message names the offending field.
    pub fn validate(&self) -> Result<(), String> {
        if !self.decode_timeout_secs.is_finite() || self.decode_timeout_secs <= 0.0 || self.decode_timeout_secs > 60.0 {
            return Err(format!("decode_timeout_secs: must be in (0, 60], got {}", self.decode_timeout_secs));
        }
        if self.crash_limit == 0 || self.crash_limit > 1000 {
            return Err(format!("crash_limit: must be between 1 and 1000, got {}", self.crash_limit));
        }
        if !self.crash_window_secs.is_finite() || self.crash_window_secs <= 0.0 || self.crash_window_secs > 86_400.0 {
            return Err(format!("crash_window_secs: must be in (0, 86400], got {}", self.crash_window_secs));
        }
        Ok(())
    }

    /// Finds the decoder executable (process isolation); fails with what to do when it is missing.
    pub fn setup(&self) -> Result<DecoderSetup> {
        let exe = match self.isolation {
            Isolation::Thread => None,
            Isolation::Process => Some(match &self.decoder_exe {
                Some(p) if p.is_file() => p.clone(),
                Some(p) => {
                    return Err(Error::new(ErrorKind::InvalidArgument, format!("supervisor.decode.decoder_exe: {} is not a file", p.display())));
                }
                None => locate_beside(&std::env::current_exe().unwrap_or_default())?,
            }),
        };
        Ok(DecoderSetup {
            exe,
            decode_timeout: Duration::from_secs_f64(self.decode_timeout_secs),
            crash_limit: self.crash_limit,
            crash_window: Duration::from_secs_f64(self.crash_window_secs),
            test_faults: self.test_faults,
        })
    }
}

/// `fleetsight-decoder` in `current_exe`'s directory or its parent.
fn locate_beside(current_exe: &Path) -> Result<PathBuf> {
    let dir = current_exe.parent().unwrap_or(Path::new("."));
    let candidates = [Some(dir), dir.parent()];
    if let Some(found) = candidates.iter().flatten().map(|d| d.join(DECODER_EXE)).find(|p| p.is_file()) {
        return Ok(found);
    }
    Err(Error::new(
        ErrorKind::InvalidArgument,
        format!(
            "supervisor.decode: the decoder executable `{DECODER_EXE}` is neither in {} nor in its parent directory; \
             install it beside fleetsight (`cargo build --release -p ingest --bin {DECODER_EXE}` builds it), \
             set supervisor.decode.decoder_exe, or set supervisor.decode.isolation = \"thread\" (no crash isolation)",
            dir.display()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_isolate_in_a_process() {
        let c = DecodeConfig::default();
        c.validate().unwrap();
        assert_eq!(c.isolation, Isolation::Process);
    }

    #[test]
    fn a_missing_decoder_is_a_clear_startup_error() {
        let dir = std::env::temp_dir().join(format!("fleetsight-no-decoder-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("deps")).unwrap();
        let e = locate_beside(&dir.join("deps/some-test")).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.to_string().contains("fleetsight-decoder") && e.to_string().contains("isolation = \"thread\""), "{e}");
        std::fs::write(dir.join(DECODER_EXE), b"").unwrap();
        assert_eq!(locate_beside(&dir.join("deps/some-test")).unwrap(), dir.join(DECODER_EXE), "one directory up");
        std::fs::remove_dir_all(&dir).unwrap();

        let c = DecodeConfig { decoder_exe: Some("/nonexistent/fleetsight-decoder".into()), ..Default::default() };
        assert!(c.setup().unwrap_err().to_string().starts_with("supervisor.decode.decoder_exe"));
        let c = DecodeConfig { isolation: Isolation::Thread, decoder_exe: Some("/nonexistent".into()), ..Default::default() };
        assert!(c.setup().unwrap().exe.is_none(), "thread isolation needs no executable");
    }

    #[test]
    fn bad_values_name_the_field() {
        let c = DecodeConfig { crash_limit: 0, ..Default::default() };
        assert!(c.validate().unwrap_err().starts_with("crash_limit"));
        let c = DecodeConfig { decode_timeout_secs: f64::NAN, ..Default::default() };
        assert!(c.validate().unwrap_err().starts_with("decode_timeout_secs"));
    }

    #[test]
    fn test_faults_cannot_come_from_a_config_file() {
        let e = toml::from_str::<DecodeConfig>("test_faults = true").unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
    }
}
