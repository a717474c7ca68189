//! The evidence log on ScyllaDB: two stores (two sinks) appending at once make one gapless,
//! intact chain (the lightweight transaction on the sequence number). Runs against
//! `FLEETSIGHT_SCYLLA_URI` (`host:port`); `#[ignore]`d otherwise (counted as ignored, not
//! passed), as in `scylla.rs`.

use std::sync::Arc;

use sinks::evidence::{EvidenceLog, LogEntry, all_records, check_chain};
use sinks::store::ScyllaStore;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs FLEETSIGHT_SCYLLA_URI (a ScyllaDB to test against)"]
async fn concurrent_sinks_append_one_chain() {
    let uri = std::env::var("FLEETSIGHT_SCYLLA_URI").expect("FLEETSIGHT_SCYLLA_URI must be set to run the ignored ScyllaDB tests");
    let a = Arc::new(ScyllaStore::connect(std::slice::from_ref(&uri), Some(1)).await.unwrap());
    let b = Arc::new(ScyllaStore::connect(&[uri], None).await.unwrap());
    let run = format!("t{}", std::process::id());
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (s, run) = (if i % 2 == 0 { a.clone() } else { b.clone() }, run.clone());
        let entry = LogEntry {
            reference: format!("{run}-{i}"),
            prefix: format!("challans/{run}-{i}"),
            manifest_sha256: format!("{i:064x}"),
            at_ms: 1_763_350_200_000 + i,
        };
        tasks.push(tokio::spawn(async move { s.append(entry).await.unwrap() }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        seqs.push(t.await.unwrap().seq);
    }
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), 20, "no number is taken twice");
    let all = all_records(a.as_ref()).await.unwrap();
    assert!(check_chain(&all).is_empty(), "{:?}", check_chain(&all));
    assert_eq!(all.iter().filter(|r| r.reference.starts_with(&format!("{run}-"))).count(), 20);
    assert_eq!(b.records(all.len() as i64 - 1, 10).await.unwrap().len(), 1, "paging by sequence number");
}
