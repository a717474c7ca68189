//! The hand-off from decoders to the plate-model workers for live video: per stream, a slot for
//! its newest frames (two by default: room for one frame to wait while the stream's worker reads
//! a finished pass's crops). A frame arriving to a full slot pushes out the oldest waiting one
//! (counted as dropped, `reason="analysis_behind"`). Workers take the stream that has waited
//! longest, and a stream is handed to one worker at a time, so its frames are analysed in order
//! and its tracker needs no lock contention. A file read as fast as it decodes (a clip job) is
//! not live: its frames wait for room ([`Mailbox::room`]) instead of pushing older ones out. Latency stays at about one or two frames however
//! slow analysis is, and a busy stream cannot starve a quiet one. A FIFO would instead hand
//! analysis ever older frames. After [`Mailbox::close`], [`Mailbox::wait_quiet`] lets the
//! shutdown flush start only once no worker still holds a stream.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

use ingest::DecodedFrame;

/// What a worker is asked to do for a stream.
#[derive(Debug)]
pub enum Work {
    /// Analyse this frame.
    Frame(DecodedFrame),
    /// The stream has gone quiet: end its tracks by wall-clock time.
    Expire,
}

struct Slots {
    /// Streams with waiting work and no worker, longest-waiting first.
    order: VecDeque<usize>,
    waiting: Vec<VecDeque<Work>>,
    busy: Vec<bool>,
    closed: bool,
}

impl Slots {
    fn queued(&self, stream: usize) -> bool {
        self.order.contains(&stream)
    }
}

/// Newest-work-per-stream slots for `n` streams (by index).
pub struct Mailbox {
    slots: Mutex<Slots>,
    ready: Condvar,
    depth: usize,
    /// Signalled when a worker takes or finishes work (room, or quiet, may have come).
    freed: tokio::sync::Notify,
}

impl Mailbox {
    /// Slots for `streams` streams, each holding up to `depth` frames.
    pub fn new(streams: usize, depth: usize) -> Self {
        let waiting = (0..streams).map(|_| VecDeque::new()).collect();
        let slots = Slots { order: VecDeque::new(), waiting, busy: vec![false; streams], closed: false };
        Self { slots: Mutex::new(slots), ready: Condvar::new(), depth: depth.max(1), freed: tokio::sync::Notify::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Puts work in its stream's slot; true if a frame was lost doing so: the oldest waiting
    /// frame was pushed out, or the mailbox is closed. An expiry is only queued when nothing
    /// waits (a frame expires tracks itself).
    pub fn put(&self, stream: usize, work: Work) -> bool {
        let mut s = self.lock();
        if s.closed || stream >= s.waiting.len() {
            return matches!(work, Work::Frame(_));
        }
        let q = &mut s.waiting[stream];
        let lost = match work {
            Work::Expire if !q.is_empty() => return false,
            Work::Expire => {
                q.push_back(work);
                false
            }
            Work::Frame(_) => {
                if matches!(q.front(), Some(Work::Expire)) {
                    q.pop_front();
                }
                let lost = q.len() >= self.depth;
                if lost {
                    q.pop_front();
                }
                q.push_back(work);
                lost
            }
        };
        if !s.busy[stream] && !s.queued(stream) {
            s.order.push_back(stream);
        }
        drop(s);
        self.ready.notify_one();
        lost
    }

    /// Waits until a frame put for `stream` would push nothing out (or the mailbox is closed:
    /// the put then reports the frame lost). One waiter at a time (the stage's fill task).
    pub async fn room(&self, stream: usize) {
        loop {
            let freed = self.freed.notified();
            {
                let s = self.lock();
                if s.closed || s.waiting.get(stream).is_none_or(|q| q.len() < self.depth) {
                    return;
                }
            }
            freed.await;
        }
    }

    /// Waits until no work waits and no worker holds a stream: everything put was analysed.
    pub async fn drained(&self) {
        loop {
            let freed = self.freed.notified();
            {
                let s = self.lock();
                if s.closed || (s.order.is_empty() && s.waiting.iter().all(VecDeque::is_empty) && !s.busy.iter().any(|b| *b)) {
                    return;
                }
            }
            freed.await;
        }
    }

    /// Whether `stream` has nothing waiting and nobody working on it.
    pub fn is_idle(&self, stream: usize) -> bool {
        let s = self.lock();
        s.waiting.get(stream).is_some_and(VecDeque::is_empty) && !s.busy.get(stream).copied().unwrap_or(false)
    }

    /// Blocks until work for a stream no other worker holds is waiting, and takes its oldest
    /// item; `None` once closed. Pair with [`Mailbox::done`].
    pub fn take(&self) -> Option<(usize, Work)> {
        let mut s = self.lock();
        loop {
            if s.closed {
                return None;
            }
            if let Some(stream) = s.order.pop_front() {
                let work = s.waiting[stream].pop_front().expect("queued streams have work");
                s.busy[stream] = true;
                self.freed.notify_one();
                return Some((stream, work));
            }
            s = self.ready.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// The worker is done with `stream`; its next waiting item becomes takeable.
    pub fn done(&self, stream: usize) {
        let mut s = self.lock();
        s.busy[stream] = false;
        if !s.waiting[stream].is_empty() && !s.queued(stream) {
            s.order.push_back(stream);
        }
        drop(s);
        self.ready.notify_all();
        self.freed.notify_one();
    }

    /// No more work: waiting frames are dropped (shutdown does not analyse a backlog) and
    /// blocked workers return. Returns the stream of every frame dropped.
    pub fn close(&self) -> Vec<usize> {
        let mut s = self.lock();
        s.closed = true;
        s.order.clear();
        let mut dropped = Vec::new();
        for (i, q) in s.waiting.iter_mut().enumerate() {
            dropped.extend(q.drain(..).filter(|w| matches!(w, Work::Frame(_))).map(|_| i));
        }
        drop(s);
        self.ready.notify_all();
        self.freed.notify_one();
        dropped
    }

    /// Blocks until no worker holds a stream (after [`Mailbox::close`]: the shutdown flush must
    /// not race a frame still being analysed).
    pub fn wait_quiet(&self) {
        let mut s = self.lock();
        while s.busy.iter().any(|b| *b) {
            s = self.ready.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::SystemTime;

    fn frame(stream: &str, pts: i64) -> DecodedFrame {
        DecodedFrame {
            identity: ingest::StreamIdentity { stream_id: stream.into(), device_id: "d".into(), channel: 0 },
            pts_90k: pts,
            capture_time: SystemTime::now(),
            clock: ingest::ClockSource::ReceiveTime,
            keyframe: false,
            picture: Arc::new(ingest::YuvPicture::from_i420(2, 2, vec![0; 6]).unwrap()),
        }
    }

    fn pts(w: Work) -> i64 {
        match w {
            Work::Frame(f) => f.pts_90k,
            Work::Expire => -1,
        }
    }

    #[test]
    fn newest_frames_win_and_streams_take_turns() {
        let m = Mailbox::new(2, 2);
        assert!(!m.put(0, Work::Frame(frame("a", 1))));
        assert!(!m.put(0, Work::Frame(frame("a", 2))));
        assert!(m.put(0, Work::Frame(frame("a", 3))), "the oldest is pushed out");
        assert!(!m.put(1, Work::Frame(frame("b", 1))));
        let (s, w) = m.take().unwrap();
        assert_eq!((s, pts(w)), (0, 2));
        // Stream 0 is busy: its next frame waits; stream 1 goes first.
        let (s, _) = m.take().unwrap();
        assert_eq!(s, 1);
        m.done(0);
        let (s, w) = m.take().unwrap();
        assert_eq!((s, pts(w)), (0, 3));
    }

    #[test]
    fn expiry_never_displaces_a_frame_and_close_wakes_workers() {
        let m = Arc::new(Mailbox::new(1, 2));
        m.put(0, Work::Frame(frame("a", 1)));
        assert!(!m.put(0, Work::Expire));
        assert!(matches!(m.take(), Some((0, Work::Frame(_)))));
        m.done(0);
        let waiter = {
            let m = m.clone();
            std::thread::spawn(move || m.take().is_none())
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(m.close().is_empty());
        assert!(waiter.join().unwrap());
        assert!(m.put(0, Work::Frame(frame("a", 2))), "a frame put after close is lost, and says so");
    }

    /// A clip's frames wait for room and are all analysed: `room` returns only once a worker has
    /// taken one, and `drained` only once the last is done.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_waiting_feed_loses_nothing() {
        let m = Arc::new(Mailbox::new(1, 2));
        let worker = {
            let m = m.clone();
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                while let Some((s, w)) = m.take() {
                    seen.push(pts(w));
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    m.done(s);
                }
                seen
            })
        };
        for p in 0..50 {
            m.room(0).await;
            assert!(!m.put(0, Work::Frame(frame("a", p))), "frame {p} pushed another out");
        }
        m.drained().await;
        assert!(m.is_idle(0));
        assert!(m.close().is_empty());
        assert_eq!(worker.join().unwrap(), (0..50).collect::<Vec<_>>());
    }
}
