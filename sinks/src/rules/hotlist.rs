use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// A plate on the watchlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HotlistEntry {
    /// The normalized mark (`MH12AB1234`).
    pub plate: String,
    /// Why it is listed: `stolen`, `wanted`, `unpaid`, or another short word.
    pub reason: String,
    /// Free text for the officer who acts on a hit.
    #[serde(default)]
    pub note: String,
    /// Who listed it.
    #[serde(default)]
    pub added_by: String,
    /// When, Unix ms.
    #[serde(default)]
    pub added_ms: i64,
}

impl HotlistEntry {
    /// Checks the fields; the message names the field.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.plate.is_empty() || !self.plate.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) || self.plate.len() > 12 {
            return Err(format!("plate: `{}` is not a normalized mark", self.plate));
        }
        if self.reason.is_empty() || self.reason.len() > 32 || !self.reason.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("reason: `{}` must be a short lowercase word (stolen, wanted, unpaid)", self.reason));
        }
        if self.note.len() > 500 {
            return Err("note: longer than 500 bytes".into());
        }
        Ok(())
    }

    /// Parses a CSV with a header row naming `plate`, `reason` and optionally `note`. All or
    /// nothing: the first bad row fails the import with its line number.
    pub fn parse_csv(text: &str, added_by: &str, now_ms: i64) -> Result<Vec<HotlistEntry>> {
        #[derive(Deserialize)]
        struct Row {
            plate: String,
            reason: String,
            #[serde(default)]
            note: String,
        }
        let mut out = Vec::new();
        for (i, row) in csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes()).deserialize::<Row>().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("line {line}: {e}")))?;
            let e = HotlistEntry { plate: row.plate.to_ascii_uppercase().replace([' ', '-'], ""), reason: row.reason, note: row.note, added_by: added_by.into(), added_ms: now_ms };
            e.validate().map_err(|m| Error::new(ErrorKind::InvalidArgument, format!("line {line}: {m}")))?;
            out.push(e);
        }
        Ok(out)
    }
}

/// The hotlist, kept in the store so every sink instance and the API see one list.
pub trait HotlistStore: Send + Sync {
    /// Adds or replaces entries.
    fn hotlist_put(&self, entries: Vec<HotlistEntry>) -> BoxFuture<'_, Result<()>>;
    /// Removes a plate; whether it was listed.
    fn hotlist_delete(&self, plate: &str) -> BoxFuture<'_, Result<bool>>;
    /// The entry of a plate.
    fn hotlist_get(&self, plate: &str) -> BoxFuture<'_, Result<Option<HotlistEntry>>>;
    /// Entries by plate, after `after` (exclusive), at most `limit`.
    fn hotlist_list(&self, after: Option<String>, limit: usize) -> BoxFuture<'_, Result<Vec<HotlistEntry>>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_import_normalizes_plates_and_names_the_bad_line() {
        let ok = HotlistEntry::parse_csv("plate,reason,note\nMH 12 AB 1234,stolen,white swift\nKA05MN6789, wanted ,\n", "admin", 5).unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].plate, "MH12AB1234");
        assert_eq!(ok[1].reason, "wanted");
        let err = HotlistEntry::parse_csv("plate,reason\nMH12AB1234,stolen\nMH12AB1234,Stolen Car\n", "admin", 5).unwrap_err();
        assert!(err.to_string().starts_with("line 3: reason"), "{err}");
        let err = HotlistEntry::parse_csv("plate,why\nMH12AB1234,stolen\n", "admin", 5).unwrap_err();
        assert!(err.to_string().contains("reason"), "{err}");
    }
}
