//! The exactly-once proof: the event ids the edge made (its audit log), against the records on
//! the topic (read by an independent Kafka client) and the rows in the sink's store.

use std::collections::{BTreeMap, BTreeSet};

/// What was found. Lost or unexpected ids are listed, not only counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proof {
    /// Reads the edge made.
    pub made: usize,
    /// Records on the topic.
    pub topic_records: usize,
    /// Distinct event ids on the topic.
    pub on_topic: usize,
    /// Ids on the topic more than once, with their count (producer retries, spool re-sends).
    pub topic_duplicates: BTreeMap<String, usize>,
    /// Rows in the store.
    pub stored_rows: usize,
    /// Distinct event ids in the store.
    pub stored: usize,
    /// Made, but never on the topic.
    pub lost_before_topic: Vec<String>,
    /// Made, but never stored.
    pub lost: Vec<String>,
    /// Stored more than once.
    pub stored_twice: Vec<String>,
    /// On the topic or in the store but never made (a corrupted or foreign event).
    pub unexpected: Vec<String>,
}

impl Proof {
    /// Compares the three. `stored` is one entry per row.
    pub fn check(made: &BTreeSet<String>, topic: &BTreeMap<String, usize>, stored: &[String]) -> Self {
        let mut rows: BTreeMap<&str, usize> = BTreeMap::new();
        for id in stored {
            *rows.entry(id).or_default() += 1;
        }
        let unexpected: BTreeSet<String> = topic.keys().map(String::as_str).chain(rows.keys().copied()).filter(|id| !made.contains(*id)).map(String::from).collect();
        Self {
            made: made.len(),
            topic_records: topic.values().sum(),
            on_topic: topic.len(),
            topic_duplicates: topic.iter().filter(|(_, n)| **n > 1).map(|(id, n)| (id.clone(), *n)).collect(),
            stored_rows: stored.len(),
            stored: rows.len(),
            lost_before_topic: made.iter().filter(|id| !topic.contains_key(*id)).cloned().collect(),
            lost: made.iter().filter(|id| !rows.contains_key(id.as_str())).cloned().collect(),
            stored_twice: rows.iter().filter(|(_, n)| **n > 1).map(|(id, _)| id.to_string()).collect(),
            unexpected: unexpected.into_iter().collect(),
        }
    }

    /// Every id made was stored exactly once and nothing else was.
    pub fn holds(&self) -> bool {
        self.lost.is_empty() && self.lost_before_topic.is_empty() && self.stored_twice.is_empty() && self.unexpected.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn losses_duplicates_and_strangers_are_each_named() {
        let made = ids(&["a", "b", "c", "d"]);
        let topic: BTreeMap<String, usize> = [("a", 1), ("b", 2), ("c", 1), ("x", 1)].iter().map(|(k, n)| (k.to_string(), *n)).collect();
        let stored: Vec<String> = ["a", "b", "b", "x"].iter().map(|s| s.to_string()).collect();
        let p = Proof::check(&made, &topic, &stored);
        assert_eq!((p.made, p.topic_records, p.on_topic, p.stored_rows, p.stored), (4, 5, 4, 4, 3));
        assert_eq!(p.topic_duplicates.get("b"), Some(&2));
        assert_eq!(p.lost_before_topic, ["d"]);
        assert_eq!(p.lost, ["c", "d"]);
        assert_eq!(p.stored_twice, ["b"]);
        assert_eq!(p.unexpected, ["x"]);
        assert!(!p.holds());
        let all: Vec<String> = made.iter().cloned().collect();
        let topic: BTreeMap<String, usize> = made.iter().map(|id| (id.clone(), 1)).collect();
        assert!(Proof::check(&made, &topic, &all).holds());
    }
}
