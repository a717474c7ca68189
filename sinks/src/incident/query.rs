//! A [`NearQuery`] checked and planned once, the same for every store: the cells and days to
//! read, the filter every candidate row goes through, and the keyset paging.
//!
//! Stores read one day at a time, oldest first, and stop once a day leaves more than a page of
//! matches: later days only hold later incidents, so the first page of a 7-day query usually
//! reads one or two days.

use std::collections::HashSet;

use super::geo;
use super::model::NearQuery;
use crate::error::{Error, ErrorKind, Result};

/// The largest page.
pub const MAX_LIMIT: usize = 1000;

/// A candidate row from a partition: the indexed columns, and what the store needs to produce
/// the incident (the body, or where to find it).
pub(crate) struct Candidate<'a, T> {
    pub at_ms: i64,
    pub incident_id: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub kind: &'a str,
    pub device_id: &'a str,
    pub payload: T,
}

/// A match kept for the page.
pub(crate) struct Match<T> {
    pub at_ms: i64,
    pub incident_id: String,
    pub payload: T,
}

/// A planned query.
pub(crate) struct Plan {
    lat: f64,
    lon: f64,
    radius_m: f64,
    /// The covering cells.
    pub cells: Vec<u64>,
    /// The day buckets to read, oldest first (from the cursor's day on).
    pub days: Vec<i64>,
    from_ms: i64,
    to_ms: i64,
    /// The last item of the previous page.
    after: Option<(i64, String)>,
    kinds: Vec<&'static str>,
    devices: Option<HashSet<String>>,
    limit: usize,
}

fn bad_cursor() -> Error {
    Error::new(ErrorKind::InvalidArgument, "cursor: not a cursor returned by this query")
}

/// The opaque cursor after an item: `at_ms:incident_id`, hex-encoded.
fn encode_cursor(at_ms: i64, incident_id: &str) -> String {
    format!("{at_ms}:{incident_id}").bytes().map(|b| format!("{b:02x}")).collect()
}

fn decode_cursor(cursor: &str) -> Result<(i64, String)> {
    if !cursor.len().is_multiple_of(2) || !cursor.is_ascii() {
        return Err(bad_cursor());
    }
    let bytes = (0..cursor.len()).step_by(2).map(|i| u8::from_str_radix(&cursor[i..i + 2], 16)).collect::<Result<Vec<u8>, _>>().map_err(|_| bad_cursor())?;
    let text = String::from_utf8(bytes).map_err(|_| bad_cursor())?;
    let (at, id) = text.split_once(':').ok_or_else(bad_cursor)?;
    Ok((at.parse().map_err(|_| bad_cursor())?, id.to_string()))
}

impl Plan {
    /// Checks `q` (every message names the field) and plans it.
    pub fn new(q: &NearQuery) -> Result<Self> {
        if q.limit == 0 || q.limit > MAX_LIMIT {
            return Err(Error::new(ErrorKind::InvalidArgument, format!("limit: must be between 1 and {MAX_LIMIT}, got {}", q.limit)));
        }
        let mut days = geo::days(q.from_ms, q.to_ms)?;
        let cells = geo::covering_cells(q.lat, q.lon, q.radius_m)?;
        let after = q.cursor.as_deref().map(decode_cursor).transpose()?;
        if let Some((at, _)) = &after {
            days.retain(|&d| d >= geo::day_of(*at));
        }
        Ok(Self {
            lat: q.lat,
            lon: q.lon,
            radius_m: q.radius_m,
            cells,
            days,
            from_ms: q.from_ms,
            to_ms: q.to_ms,
            after,
            kinds: q.kinds.iter().map(|k| k.as_str()).collect(),
            devices: q.devices.as_ref().map(|d| d.iter().cloned().collect()),
            limit: q.limit,
        })
    }

    /// [`Plan::new`] on the blocking pool: the covering of a large radius takes milliseconds
    /// (~1,600 cells at 50 km), too long for an async worker.
    pub async fn new_blocking(q: NearQuery) -> Result<Self> {
        tokio::task::spawn_blocking(move || Self::new(&q)).await.map_err(|e| Error::new(ErrorKind::Internal, format!("query planning failed: {e}")))?
    }

    /// The time range `[lo, hi)` to read in day bucket `day` (empty when `lo >= hi`).
    pub fn range(&self, day: i64) -> (i64, i64) {
        let after = self.after.as_ref().map_or(i64::MIN, |(at, _)| *at);
        let lo = self.from_ms.max(day * geo::DAY_MS).max(after);
        let hi = self.to_ms.min((day + 1) * geo::DAY_MS);
        (lo, hi)
    }

    /// Whether a candidate matches: within the radius, in the window, after the cursor, of a
    /// wanted kind and device.
    pub fn accepts<T>(&self, c: &Candidate<'_, T>) -> bool {
        c.at_ms >= self.from_ms
            && c.at_ms < self.to_ms
            && self.after.as_ref().is_none_or(|(at, id)| (c.at_ms, c.incident_id) > (*at, id.as_str()))
            && (self.kinds.is_empty() || self.kinds.contains(&c.kind))
            && self.devices.as_ref().is_none_or(|d| d.contains(c.device_id))
            && geo::distance_m(self.lat, self.lon, c.lat, c.lon) <= self.radius_m
    }

    /// Keeps a candidate when it matches.
    pub fn offer<T>(&self, c: Candidate<'_, T>, matches: &mut Vec<Match<T>>) {
        if self.accepts(&c) {
            matches.push(Match { at_ms: c.at_ms, incident_id: c.incident_id.to_string(), payload: c.payload });
        }
    }

    /// Whether the matches so far fill the page (and show there is a next one): the days not
    /// read yet only hold later incidents.
    pub fn is_full<T>(&self, matches: &[Match<T>]) -> bool {
        matches.len() > self.limit
    }

    /// The page: the first `limit` matches by (`at_ms`, id), and the cursor after the last one
    /// when more follow.
    pub fn page<T>(&self, mut matches: Vec<Match<T>>) -> (Vec<Match<T>>, Option<String>) {
        matches.sort_unstable_by(|a, b| (a.at_ms, &a.incident_id).cmp(&(b.at_ms, &b.incident_id)));
        if matches.len() <= self.limit {
            return (matches, None);
        }
        matches.truncate(self.limit);
        let last = &matches[self.limit - 1];
        let next = encode_cursor(last.at_ms, &last.incident_id);
        (matches, Some(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> NearQuery {
        NearQuery { lat: 12.97, lon: 77.59, radius_m: 1000.0, from_ms: 0, to_ms: geo::DAY_MS, kinds: vec![], devices: None, limit: 10, cursor: None }
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_a_400() {
        let c = encode_cursor(-5, "ab:c");
        assert_eq!(decode_cursor(&c).unwrap(), (-5, "ab:c".to_string()));
        for bad in ["zz", "abc", "é1", "3132", ""] {
            let e = decode_cursor(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
            assert!(e.to_string().starts_with("cursor:"));
        }
    }

    #[test]
    fn bad_queries_name_the_field() {
        let field = |q: NearQuery| {
            let e = Plan::new(&q).err().expect("rejected");
            assert_eq!(e.kind(), ErrorKind::InvalidArgument);
            e.to_string().split(':').next().unwrap().to_string()
        };
        assert_eq!(field(NearQuery { limit: 0, ..query() }), "limit");
        assert_eq!(field(NearQuery { limit: MAX_LIMIT + 1, ..query() }), "limit");
        assert_eq!(field(NearQuery { lat: -91.0, ..query() }), "lat");
        assert_eq!(field(NearQuery { lon: f64::NAN, ..query() }), "lon");
        assert_eq!(field(NearQuery { radius_m: -1.0, ..query() }), "radius_m");
        assert_eq!(field(NearQuery { radius_m: 60_000.0, ..query() }), "radius_m");
        assert_eq!(field(NearQuery { to_ms: 0, ..query() }), "to");
        assert_eq!(field(NearQuery { to_ms: 40 * geo::DAY_MS, ..query() }), "to");
        assert_eq!(field(NearQuery { cursor: Some("nope".into()), ..query() }), "cursor");
    }

    #[test]
    fn a_cursor_skips_the_days_before_it() {
        let q = NearQuery { to_ms: 3 * geo::DAY_MS, cursor: Some(encode_cursor(geo::DAY_MS + 5, "x")), ..query() };
        let plan = Plan::new(&q).unwrap();
        assert_eq!(plan.days, [1, 2]);
        assert_eq!(plan.range(1), (geo::DAY_MS + 5, 2 * geo::DAY_MS));
    }
}
