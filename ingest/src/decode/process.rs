//! The parent's side of a decoder child process, and the decoder a stream's decode thread uses
//! (in-process or child, by [`super::Isolation`]).

use std::io::BufReader;
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use bytes::Bytes;

use super::child::TEST_FAULTS_FLAG;
use super::config::DecoderSetup;
use super::frame_decoder::FrameDecoder;
use super::protocol::{self, Reply};
use crate::error::Error;
use crate::frame::YuvPicture;

/// How long a fresh child may take to greet (exec and loading; normally a few milliseconds).
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);

/// A child past its decode timeout that is runnable but has not had the CPU to use it (an
/// overloaded box, not a hang) gets up to this many timeouts more before it counts as hung: a
/// false hang would restart it, and enough of them would quarantine a healthy stream.
const STARVED_TIMEOUTS: u32 = 10;

/// What one access unit gave.
#[derive(Debug)]
pub enum Output {
    /// No picture (parameter sets only, or the decoder buffered it).
    Nothing,
    /// A picture that was not kept (no copy was made).
    Decoded,
    /// The kept picture.
    Picture(YuvPicture),
}

/// Why decoding one access unit failed.
#[derive(Debug)]
pub enum Failure {
    /// The bitstream is bad: openh264 rejected the unit. The decoder itself is fine.
    Rejected(Error),
    /// The decoder process died, hung or broke the protocol (the text says which); it is gone
    /// and a new one is needed.
    Crashed(String),
}

/// A `fleetsight-decoder` child. Requests go through an I/O thread so that every wait is bounded:
/// the decode thread waits for the reply with a timeout and kills a child that misses it, which
/// also unblocks the I/O thread.
pub struct ProcessDecoder {
    child: Child,
    requests: Option<SyncSender<(Bytes, bool)>>,
    replies: Receiver<std::io::Result<Reply>>,
    io: Option<JoinHandle<()>>,
    timeout: Duration,
}

impl ProcessDecoder {
    /// Starts a child and waits for its greeting.
    pub fn spawn(exe: &Path, timeout: Duration, test_faults: bool) -> Result<Self, Failure> {
        let mut cmd = Command::new(exe);
        if test_faults {
            cmd.arg(TEST_FAULTS_FLAG);
        }
        // No environment: nothing of the parent's (credentials included) reaches decoder code.
        cmd.env_clear().stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::inherit());
        let mut child = cmd.spawn().map_err(|e| Failure::Crashed(format!("cannot start {}: {e}", exe.display())))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            unreachable!("both pipes were requested")
        };
        let (req_tx, req_rx) = sync_channel(1);
        let (rep_tx, rep_rx) = sync_channel(1);
        let io = std::thread::Builder::new().name("dec-io".into()).spawn(move || pump(stdin, stdout, req_rx, rep_tx));
        let io = match io {
            Ok(io) => io,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failure::Crashed(format!("cannot start the decoder's I/O thread: {e}")));
            }
        };
        let mut decoder = Self { child, requests: Some(req_tx), replies: rep_rx, io: Some(io), timeout };
        match decoder.replies.recv_timeout(HELLO_TIMEOUT) {
            Ok(Ok(Reply::Nothing)) => Ok(decoder),
            Ok(Ok(other)) => Err(decoder.fail(format!("unexpected greeting {other:?}"))),
            Ok(Err(e)) => Err(decoder.fail(format!("{} is not a compatible decoder ({e})", exe.display()))),
            Err(_) => Err(decoder.fail(format!("no greeting within {HELLO_TIMEOUT:?}"))),
        }
    }

    /// Decodes one access unit; `keep` asks for the picture back.
    pub fn decode(&mut self, au: &Bytes, keep: bool) -> Result<Output, Failure> {
        let Some(requests) = &self.requests else { return Err(Failure::Crashed("decoder already failed".into())) };
        if requests.send((au.clone(), keep)).is_err() {
            return Err(self.fail("the decoder's pipe closed".into()));
        }
        let cpu_before = cpu_and_state(self.child.id()).map_or(0.0, |(cpu, _)| cpu);
        let mut reply = self.replies.recv_timeout(self.timeout);
        for _ in 0..STARVED_TIMEOUTS {
            if !matches!(reply, Err(RecvTimeoutError::Timeout)) || !self.starved(cpu_before) {
                break;
            }
            reply = self.replies.recv_timeout(self.timeout);
        }
        match reply {
            Ok(Ok(Reply::Nothing)) => Ok(Output::Nothing),
            Ok(Ok(Reply::Decoded)) => Ok(Output::Decoded),
            Ok(Ok(Reply::Picture(p))) => Ok(Output::Picture(p)),
            Ok(Ok(Reply::Rejected(msg))) => Err(Failure::Rejected(Error::new(crate::ErrorKind::DataLoss, msg))),
            Ok(Err(e)) => Err(self.fail(format!("pipe: {e}"))),
            Err(RecvTimeoutError::Timeout) => Err(self.fail(format!("no answer within {:?} (hung)", self.timeout))),
            Err(RecvTimeoutError::Disconnected) => Err(self.fail("the decoder's I/O thread ended".into())),
        }
    }

    /// Past the timeout, is the child only waiting for a CPU? Runnable, and it has used less than
    /// half the timeout in CPU on this unit (a child spinning in openh264 uses about all of it;
    /// one sleeping or deadlocked is not runnable).
    fn starved(&self, cpu_before: f64) -> bool {
        cpu_and_state(self.child.id()).is_some_and(|(cpu, state)| state == 'R' && cpu - cpu_before < self.timeout.as_secs_f64() / 2.0)
    }

    /// Kills and reaps the child; the failure names how it ended (its own exit or signal when it
    /// died first).
    fn fail(&mut self, what: String) -> Failure {
        self.requests = None;
        let _ = self.child.kill();
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_else(|e| format!("unknown status ({e})"));
        Failure::Crashed(format!("decoder process failed: {what}; {status}"))
    }
}

impl Drop for ProcessDecoder {
    fn drop(&mut self) {
        // Closing the request queue ends the I/O thread, whose stdin closing ends the child; the
        // kill covers a child stuck in openh264. Bounded: a killed child's pipes close at once.
        self.requests = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(io) = self.io.take() {
            let _ = io.join();
        }
    }
}

/// CPU seconds used so far by process `pid`, and its scheduler state (`R` runnable, `S` sleeping,
/// ...), from `/proc/<pid>/stat`.
fn cpu_and_state(pid: u32) -> Option<(f64, char)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After the command name (which may hold spaces): state, ppid, ... utime (12th), stime (13th).
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on every Linux ABI that matters here.
    Some((ticks / 100.0, state))
}

/// The I/O thread: the greeting (as [`Reply::Nothing`]), then one reply per request.
fn pump(mut stdin: ChildStdin, stdout: ChildStdout, requests: Receiver<(Bytes, bool)>, replies: SyncSender<std::io::Result<Reply>>) {
    let mut stdout = BufReader::with_capacity(64 << 10, stdout);
    let mut hello = [0u8; protocol::HELLO.len()];
    let greeted = std::io::Read::read_exact(&mut stdout, &mut hello).and_then(|()| {
        if hello == protocol::HELLO { Ok(Reply::Nothing) } else { Err(std::io::Error::other(format!("greeting {hello:?}"))) }
    });
    let mut ok = greeted.is_ok();
    if replies.send(greeted).is_err() || !ok {
        return;
    }
    while let Ok((au, keep)) = requests.recv() {
        let reply = protocol::write_request(&mut stdin, &au, keep).and_then(|()| protocol::read_reply(&mut stdout));
        ok = reply.is_ok();
        if replies.send(reply).is_err() || !ok {
            return;
        }
    }
}

/// The decoder of one stream's decode thread.
pub(crate) enum Decoder {
    InProcess(FrameDecoder),
    Child(ProcessDecoder),
}

impl Decoder {
    /// A fresh decoder as `setup` says.
    pub(crate) fn start(setup: &DecoderSetup) -> Result<Self, Failure> {
        match &setup.exe {
            None => FrameDecoder::new().map(Decoder::InProcess).map_err(|e| Failure::Crashed(e.to_string())),
            Some(exe) => ProcessDecoder::spawn(exe, setup.decode_timeout, setup.test_faults).map(Decoder::Child),
        }
    }

    pub(crate) fn decode(&mut self, au: &Bytes, keep: bool) -> Result<Output, Failure> {
        match self {
            Decoder::Child(d) => d.decode(au, keep),
            Decoder::InProcess(d) if keep => match d.decode(au) {
                Ok(Some(p)) => Ok(Output::Picture(p)),
                Ok(None) => Ok(Output::Nothing),
                Err(e) => Err(Failure::Rejected(e)),
            },
            Decoder::InProcess(d) => match d.decode_discard(au) {
                Ok(true) => Ok(Output::Decoded),
                Ok(false) => Ok(Output::Nothing),
                Err(e) => Err(Failure::Rejected(e)),
            },
        }
    }
}
