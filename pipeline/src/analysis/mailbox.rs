//! The hand-off from decoders to the plate-model workers for live video: one slot per stream
//! holding that stream's newest work. A newer frame replaces a waiting one (the replaced frame is
//! counted as dropped, `reason="analysis_behind"`), workers take the stream that has waited
//! longest, and a stream is handed to one worker at a time, so its frames are analysed in order
//! and its tracker needs no lock contention. After [`Mailbox::close`], [`Mailbox::wait_quiet`]
//! lets the shutdown flush start only once no worker still holds a stream. Latency stays at about one frame however slow
//! analysis is, and a busy stream cannot starve a quiet one. A FIFO would instead hand analysis
//! ever older frames.

use std::collections::{HashSet, VecDeque};
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
    /// Streams with waiting work, oldest first.
    order: VecDeque<usize>,
    waiting: Vec<Option<Work>>,
    busy: HashSet<usize>,
    closed: bool,
}

/// Newest-work-per-stream slots for `n` streams (by index).
pub struct Mailbox {
    slots: Mutex<Slots>,
    ready: Condvar,
}

impl Mailbox {
    /// Slots for `streams` streams.
    pub fn new(streams: usize) -> Self {
        let waiting = (0..streams).map(|_| None).collect();
        Self { slots: Mutex::new(Slots { order: VecDeque::new(), waiting, busy: HashSet::new(), closed: false }), ready: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Puts work in its stream's slot; true if a frame was lost doing so: it replaced a waiting
    /// frame, or the mailbox is closed. An expiry never replaces a frame (the frame expires
    /// tracks itself).
    pub fn put(&self, stream: usize, work: Work) -> bool {
        let mut s = self.lock();
        if s.closed || stream >= s.waiting.len() {
            return matches!(work, Work::Frame(_));
        }
        let replaced = match (&s.waiting[stream], &work) {
            (Some(Work::Frame(_)), Work::Expire) => return false,
            (Some(Work::Frame(_)), Work::Frame(_)) => true,
            (Some(Work::Expire), _) => false,
            (None, _) => {
                s.order.push_back(stream);
                false
            }
        };
        s.waiting[stream] = Some(work);
        drop(s);
        self.ready.notify_one();
        replaced
    }

    /// Whether `stream` has nothing waiting and nobody working on it.
    pub fn is_idle(&self, stream: usize) -> bool {
        let s = self.lock();
        s.waiting.get(stream).is_some_and(Option::is_none) && !s.busy.contains(&stream)
    }

    /// Blocks until work for a stream no other worker holds is waiting, and takes it; `None`
    /// once closed. Pair with [`Mailbox::done`].
    pub fn take(&self) -> Option<(usize, Work)> {
        let mut s = self.lock();
        loop {
            if s.closed {
                return None;
            }
            let pos = s.order.iter().position(|i| !s.busy.contains(i));
            if let Some(pos) = pos {
                let stream = s.order.remove(pos).expect("position is in range");
                let work = s.waiting[stream].take().expect("ordered streams have work");
                s.busy.insert(stream);
                return Some((stream, work));
            }
            s = self.ready.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// The worker is done with `stream`.
    pub fn done(&self, stream: usize) {
        self.lock().busy.remove(&stream);
        self.ready.notify_all();
    }

    /// No more work: waiting frames are dropped (shutdown does not analyse a backlog) and
    /// blocked workers return. Returns the streams whose waiting frame was dropped.
    pub fn close(&self) -> Vec<usize> {
        let mut s = self.lock();
        s.closed = true;
        s.order.clear();
        let dropped = s.waiting.iter_mut().enumerate().filter_map(|(i, w)| matches!(w.take(), Some(Work::Frame(_))).then_some(i)).collect();
        drop(s);
        self.ready.notify_all();
        dropped
    }

    /// Blocks until no worker holds a stream (after [`Mailbox::close`]: the shutdown flush must
    /// not race a frame still being analysed).
    pub fn wait_quiet(&self) {
        let mut s = self.lock();
        while !s.busy.is_empty() {
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
    fn newest_frame_wins_and_streams_take_turns() {
        let m = Mailbox::new(2);
        assert!(!m.put(0, Work::Frame(frame("a", 1))));
        assert!(m.put(0, Work::Frame(frame("a", 2))), "replaced");
        assert!(!m.put(1, Work::Frame(frame("b", 1))));
        let (s, w) = m.take().unwrap();
        assert_eq!((s, pts(w)), (0, 2));
        // Stream 0 is busy: its next frame waits even though it is queued first.
        m.put(0, Work::Frame(frame("a", 3)));
        let (s, _) = m.take().unwrap();
        assert_eq!(s, 1);
        m.done(0);
        let (s, w) = m.take().unwrap();
        assert_eq!((s, pts(w)), (0, 3));
    }

    #[test]
    fn expiry_never_displaces_a_frame_and_close_wakes_workers() {
        let m = Arc::new(Mailbox::new(1));
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
}
