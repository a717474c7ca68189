use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The `prev_hash` of the first record.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Domain separation for the record hash: a hash of anything else never equals one.
const HASH_DOMAIN: &[u8] = b"fleetsight-evidence-log/1";

/// What the caller appends: the stored package and its manifest's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// What the package is evidence for (a challan number).
    pub reference: String,
    /// The package's object-key prefix (`challans/MH0000000001`).
    pub prefix: String,
    /// SHA-256 of the manifest's bytes as stored, hex.
    pub manifest_sha256: String,
    /// When the package was stored, Unix ms.
    pub at_ms: i64,
}

/// One record of the append-only evidence log: an entry, its place in the chain, and the hash
/// that links the next record to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRecord {
    /// 1, 2, 3, ... with no gaps.
    pub seq: i64,
    /// What the package is evidence for (a challan number).
    pub reference: String,
    /// The package's object-key prefix.
    pub prefix: String,
    /// SHA-256 of the manifest's bytes as stored, hex.
    pub manifest_sha256: String,
    /// When it was appended, Unix ms.
    pub at_ms: i64,
    /// The previous record's `hash` ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// [`LogRecord::compute_hash`] of this record.
    pub hash: String,
}

impl LogRecord {
    /// The record that follows `prev` (`None`: the first) with `entry`'s content.
    pub fn next(prev: Option<(i64, &str)>, entry: LogEntry) -> Self {
        let (seq, prev_hash) = prev.map_or((1, GENESIS_HASH.to_string()), |(s, h)| (s + 1, h.to_string()));
        let mut r = LogRecord {
            seq,
            reference: entry.reference,
            prefix: entry.prefix,
            manifest_sha256: entry.manifest_sha256,
            at_ms: entry.at_ms,
            prev_hash,
            hash: String::new(),
        };
        r.hash = r.compute_hash();
        r
    }

    /// SHA-256 (hex) over the canonical encoding: the domain tag, then `seq` and `at_ms` as
    /// 8-byte big-endian, and each text field as its 8-byte big-endian length and bytes (so no
    /// two different records encode alike). `seq` is inside: a record moved to another place
    /// in the chain no longer matches its hash.
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(HASH_DOMAIN);
        h.update(self.seq.to_be_bytes());
        for s in [&self.reference, &self.prefix, &self.manifest_sha256] {
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
        h.update(self.at_ms.to_be_bytes());
        h.update((self.prev_hash.len() as u64).to_be_bytes());
        h.update(self.prev_hash.as_bytes());
        format!("{:x}", h.finalize())
    }
}

/// The append-only, hash-chained log of every evidence package stored, in the store beside the
/// challans. Each record's hash covers its content, its sequence number and the previous
/// record's hash, so a record altered, deleted or moved breaks the chain where it happened
/// ([`check_chain`]).
///
/// Concurrent writers (two sinks on one database) share ONE chain: an append reads the head
/// and writes `seq + 1` only if no record has that number yet (SQLite: inside an immediate
/// transaction, which holds the write lock across processes; ScyllaDB: a lightweight
/// transaction, `INSERT … IF NOT EXISTS` on the sequence number, retried from the new head when
/// another writer took it). A chain per writer was the alternative; it was not chosen because
/// deleting one writer's whole chain would then leave no trace, and a single total order is what
/// a court is shown.
pub trait EvidenceLog: Send + Sync {
    /// Appends `entry` after the current head; returns the record as written.
    fn append(&self, entry: LogEntry) -> BoxFuture<'_, Result<LogRecord>>;
    /// Up to `limit` records with `seq > after`, in sequence order (as stored: not checked).
    fn records(&self, after: i64, limit: usize) -> BoxFuture<'_, Result<Vec<LogRecord>>>;
}

/// Records per read when walking the whole log.
const PAGE: usize = 1000;

/// Every record, in sequence order.
pub async fn all_records(log: &dyn EvidenceLog) -> Result<Vec<LogRecord>> {
    let mut all: Vec<LogRecord> = Vec::new();
    loop {
        let after = all.last().map_or(0, |r| r.seq);
        let page = log.records(after, PAGE).await?;
        let done = page.len() < PAGE;
        all.extend(page);
        if done {
            return Ok(all);
        }
    }
}

/// What is wrong with a chain, one message per problem, naming the record: gaps in the
/// sequence (deleted records), records whose content no longer matches their hash (altered or
/// moved) and links that do not match the record before (deleted, inserted or reordered
/// records). Empty when the chain is intact. `records` is in sequence order, as read.
pub fn check_chain(records: &[LogRecord]) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut prev_seq, mut prev_hash) = (0i64, GENESIS_HASH);
    for r in records {
        if r.seq != prev_seq + 1 {
            problems.push(if r.seq > prev_seq + 1 {
                format!("records {}..={} are missing: the sequence jumps from {prev_seq} to {} (deleted records)", prev_seq + 1, r.seq - 1, r.seq)
            } else {
                format!("record {} comes after record {prev_seq}: the sequence is out of order or repeated", r.seq)
            });
        }
        if r.hash != r.compute_hash() {
            problems.push(format!("record {} (`{}`): its content does not match its hash (the record was altered or moved)", r.seq, r.reference));
        }
        if r.prev_hash != prev_hash {
            problems.push(format!(
                "record {} (`{}`): its link does not match the hash of record {prev_seq} before it (a record was deleted, inserted or reordered here)",
                r.seq, r.reference
            ));
        }
        (prev_seq, prev_hash) = (r.seq, &r.hash);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<LogRecord> {
        let mut out: Vec<LogRecord> = Vec::new();
        for i in 1..=n {
            let entry =
                LogEntry { reference: format!("MH{i:010}"), prefix: format!("challans/MH{i:010}"), manifest_sha256: format!("{i:064x}"), at_ms: 1_000 * i };
            let prev = out.last().map(|r| (r.seq, r.hash.as_str()));
            let next = LogRecord::next(prev, entry);
            out.push(next);
        }
        out
    }

    #[test]
    fn an_intact_chain_has_no_problems() {
        let c = chain(4);
        assert_eq!(c[0].prev_hash, GENESIS_HASH);
        assert_eq!(c[3].seq, 4);
        assert!(check_chain(&c).is_empty());
        assert!(check_chain(&[]).is_empty());
    }

    #[test]
    fn an_altered_field_is_named() {
        let mut c = chain(3);
        c[1].manifest_sha256.replace_range(0..1, "f");
        let p = check_chain(&c);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("record 2 (`MH0000000002`): its content does not match"), "{p:?}");
    }

    #[test]
    fn a_deleted_record_is_a_gap_and_a_broken_link() {
        let mut c = chain(3);
        c.remove(1);
        let p = check_chain(&c);
        assert!(p[0].starts_with("records 2..=2 are missing"), "{p:?}");
        assert!(p[1].starts_with("record 3 (`MH0000000003`): its link does not match the hash of record 1"), "{p:?}");
    }

    #[test]
    fn swapped_contents_break_both_records() {
        let mut c = chain(3);
        let (a, b) = (c[1].clone(), c[2].clone());
        c[1] = LogRecord { seq: 2, ..b };
        c[2] = LogRecord { seq: 3, ..a };
        let p = check_chain(&c);
        assert!(p.iter().any(|m| m.starts_with("record 2 (`MH0000000003`): its content does not match")), "{p:?}");
        assert!(p.iter().any(|m| m.starts_with("record 3 (`MH0000000002`): its link does not match")), "{p:?}");
    }

    #[test]
    fn the_encoding_separates_fields() {
        let a = LogRecord::next(None, LogEntry { reference: "ab".into(), prefix: "c".into(), manifest_sha256: String::new(), at_ms: 0 });
        let b = LogRecord::next(None, LogEntry { reference: "a".into(), prefix: "bc".into(), manifest_sha256: String::new(), at_ms: 0 });
        assert_ne!(a.hash, b.hash);
    }
}
