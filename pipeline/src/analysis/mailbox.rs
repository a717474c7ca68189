//! The hand-off from decoders to analysis for live video: one slot per stream holding that
//! stream's newest frame. A newer frame replaces a waiting one (the replaced frame is counted as
//! dropped, `reason="analysis_behind"`), and batches take one frame per stream, oldest-waiting
//! stream first. Latency stays at about one batch however slow analysis is, and a busy stream
//! cannot starve a quiet one. A FIFO would instead hand analysis ever older frames.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::Mutex;

use ingest::DecodedFrame;
use tokio::sync::Notify;

#[derive(Default)]
struct Slots {
    order: VecDeque<Arc<str>>,
    frames: HashMap<Arc<str>, DecodedFrame>,
    closed: bool,
}

/// Newest-frame-per-stream slots.
#[derive(Default)]
pub struct Mailbox {
    slots: Mutex<Slots>,
    notify: Notify,
}

impl Mailbox {
    fn lock(&self) -> std::sync::MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Puts a frame in its stream's slot; returns true if it replaced a waiting frame.
    pub fn put(&self, frame: DecodedFrame) -> bool {
        let mut s = self.lock();
        let id = frame.identity.stream_id.clone();
        let replaced = s.frames.insert(id.clone(), frame).is_some();
        if !replaced {
            s.order.push_back(id);
        }
        drop(s);
        self.notify.notify_one();
        replaced
    }

    /// No more frames will come.
    pub fn close(&self) {
        self.lock().closed = true;
        self.notify.notify_one();
    }

    /// Waits for at least one frame, then takes up to `max`; empty once closed and drained.
    pub async fn take(&self, max: usize) -> Vec<DecodedFrame> {
        loop {
            let notified = self.notify.notified();
            {
                let mut s = self.lock();
                if !s.order.is_empty() {
                    let n = max.min(s.order.len());
                    let ids: Vec<Arc<str>> = s.order.drain(..n).collect();
                    return ids.into_iter().filter_map(|id| s.frames.remove(&id)).collect();
                }
                if s.closed {
                    return Vec::new();
                }
            }
            notified.await;
        }
    }
}
