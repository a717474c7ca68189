//! The index model both stores share: an incident lives in the partition (H3 cell at
//! [`RESOLUTION`], UTC day); a query covers its circle with cells and its window with days, then
//! keeps what is within the radius by exact great-circle distance (Haversine).
//!
//! Input checks live here too, with messages that name the field: the HTTP API returns them as
//! 400s.

use geo::{Distance, Haversine, Point};
use h3o::{CellIndex, LatLng, Resolution};

use crate::error::{Error, ErrorKind, Result};

/// H3 resolution 7: hexagons of ~5.2 km² (edge ~1.4 km). A 1 km query reads ~10 cells and a
/// 5 km query ~50, and a cell-day in a dense metro stays a few thousand rows (a ScyllaDB
/// partition well under a megabyte). Resolution 8 (0.74 km²) would read about half the
/// candidates of a 1 km circle but 7x the partitions of a 5 km one (~12,000 at the 50 km cap);
/// resolution 6 (36 km²) would read ~10x more candidates than a 1 km circle holds.
pub const RESOLUTION: Resolution = Resolution::Seven;

/// Milliseconds in a (UTC) day: the time bucket of the index.
pub const DAY_MS: i64 = 86_400_000;

/// The largest query radius: ~1,600 cells at [`RESOLUTION`].
pub const MAX_RADIUS_M: f64 = 50_000.0;

/// The longest query window: 31 days, i.e. at most 32 day buckets.
pub const MAX_WINDOW_MS: i64 = 31 * DAY_MS;

/// Times are within ±2^52 ms of the epoch (±142,000 years), so day arithmetic never overflows
/// and every day fits a 32-bit column.
pub const MAX_ABS_MS: i64 = 1 << 52;

/// Slack on the cell bounds of [`covering_cells`]: absorbs floating-point error in the
/// point-to-cell assignment and the distances (both are far below a metre).
const SLACK_M: f64 = 1.0;

/// How far past the size-derived `k` the covering may grow before it gives up (it never needs
/// more than one or two rings: the local cells are at most ~2x smaller than the estimate).
const MAX_EXTRA_RINGS: u32 = 16;

fn invalid(msg: String) -> Error {
    Error::new(ErrorKind::InvalidArgument, msg)
}

/// Checks a WGS84 position: finite, `lat` in [-90, 90], `lon` in [-180, 180].
pub fn check_point(lat: f64, lon: f64) -> Result<()> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(invalid(format!("lat: must be a number in [-90, 90], got {lat}")));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(invalid(format!("lon: must be a number in [-180, 180], got {lon}")));
    }
    Ok(())
}

/// Checks a query radius: finite, > 0 and at most [`MAX_RADIUS_M`].
pub fn check_radius(radius_m: f64) -> Result<()> {
    if !(radius_m.is_finite() && radius_m > 0.0 && radius_m <= MAX_RADIUS_M) {
        return Err(invalid(format!("radius_m: must be > 0 and at most {MAX_RADIUS_M} m, got {radius_m}")));
    }
    Ok(())
}

fn h3_cell(lat: f64, lon: f64) -> Result<CellIndex> {
    check_point(lat, lon)?;
    let ll = LatLng::new(lat, lon).map_err(|e| invalid(format!("lat/lon: {e}")))?;
    Ok(ll.to_cell(RESOLUTION))
}

/// The index cell of a position.
pub fn cell_of(lat: f64, lon: f64) -> Result<u64> {
    h3_cell(lat, lon).map(u64::from)
}

/// Checks a time (Unix ms) against [`MAX_ABS_MS`]; `field` names it in the message.
pub fn check_time(field: &str, ms: i64) -> Result<()> {
    if ms.unsigned_abs() > MAX_ABS_MS as u64 {
        return Err(invalid(format!("{field}: {ms} ms is out of range (at most ±{MAX_ABS_MS} ms from the epoch)")));
    }
    Ok(())
}

/// The day bucket of a time: days since the Unix epoch, UTC.
pub fn day_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(DAY_MS)
}

/// The day buckets that `[from_ms, to_ms)` touches, oldest first. The window must be non-empty
/// and at most [`MAX_WINDOW_MS`] long.
pub fn days(from_ms: i64, to_ms: i64) -> Result<Vec<i64>> {
    check_time("from", from_ms)?;
    check_time("to", to_ms)?;
    if from_ms >= to_ms {
        return Err(invalid(format!("to: must be after from (from = {from_ms}, to = {to_ms})")));
    }
    if to_ms - from_ms > MAX_WINDOW_MS {
        return Err(invalid(format!("to: the window from..to is at most 31 days, got {} ms", to_ms - from_ms)));
    }
    Ok((day_of(from_ms)..=day_of(to_ms - 1)).collect())
}

/// Great-circle distance in metres (Haversine, mean Earth radius).
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2))
}

/// A lower bound on the distance from (`lat`, `lon`) to any point of `cell`: the distance to its
/// centre less its circumradius (the farthest boundary vertex; a cell is the convex hull of its
/// vertices, distortion vertices included, so it lies within that cap).
fn lower_bound_m(lat: f64, lon: f64, cell: CellIndex) -> f64 {
    let c = LatLng::from(cell);
    let circumradius = cell.boundary().iter().map(|v| distance_m(c.lat(), c.lng(), v.lat(), v.lng())).fold(0.0, f64::max);
    distance_m(lat, lon, c.lat(), c.lng()) - circumradius
}

/// The grid-disk radius that covers `radius_m` around any point of `origin`, from the local cell
/// size: with edge `e`, ring `m`'s cells are at least `1.5·m·e - e` from the origin's centre, and
/// the query point is within `e` of it, so every point within `radius_m` lies in a ring
/// `m <= (radius_m + 2e) / 1.5e`. Distortion makes nearby cells up to ~2x smaller than `origin`,
/// which [`covering_cells`] checks and corrects for.
fn initial_k(origin: CellIndex, radius_m: f64) -> u32 {
    let e = origin.edges().map(|e| e.length_m()).fold(f64::INFINITY, f64::min);
    ((radius_m + 2.0 * e) / (1.5 * e)).ceil() as u32
}

/// The cells whose union covers every point within `radius_m` (great-circle) of (`lat`, `lon`).
///
/// A grid disk of `k` rings ([`initial_k`]) is taken, and it is checked: the cap of `radius_m` is
/// connected and contains the origin cell, so if no cell of ring `k + 1` (the disk's outer
/// neighbours) comes within `radius_m`, no point of the cap lies outside the disk. Otherwise `k`
/// grows. This holds wherever the grid is distorted: at pentagons, near the poles, across the
/// antimeridian (distances are on the sphere, not in degrees). Cells of the disk that cannot come
/// within `radius_m` (the disk's corners) are dropped.
pub fn covering_cells(lat: f64, lon: f64, radius_m: f64) -> Result<Vec<u64>> {
    check_radius(radius_m)?;
    let origin = h3_cell(lat, lon)?;
    let k0 = initial_k(origin, radius_m);
    for k in k0..k0 + MAX_EXTRA_RINGS {
        let disk: Vec<(CellIndex, u32, f64)> =
            origin.grid_disk_distances::<Vec<_>>(k + 1).into_iter().map(|(c, d)| (c, d, lower_bound_m(lat, lon, c))).collect();
        let reach = radius_m + SLACK_M;
        if disk.iter().all(|&(_, d, lb)| d <= k || lb > reach) {
            return Ok(disk.into_iter().filter(|&(_, _, lb)| lb <= reach).map(|(c, _, _)| u64::from(c)).collect());
        }
    }
    Err(Error::new(ErrorKind::Internal, format!("no grid disk up to k = {} covers {radius_m} m around ({lat}, {lon})", k0 + MAX_EXTRA_RINGS)))
}

#[cfg(test)]
mod tests {
    use geo::Destination;
    use proptest::prelude::*;

    use super::*;

    fn pentagon_centres() -> Vec<(f64, f64)> {
        CellIndex::base_cells()
            .filter(|c| c.is_pentagon())
            .filter_map(|c| c.center_child(RESOLUTION))
            .map(|c| {
                let ll = LatLng::from(c);
                (ll.lat(), ll.lng())
            })
            .collect()
    }

    /// Centres where the grid is at its worst: anywhere, at the 12 pentagons, near the poles,
    /// at the antimeridian.
    fn centre() -> impl Strategy<Value = (f64, f64)> {
        let pentagons = pentagon_centres();
        prop_oneof![
            (-89.9..89.9f64, -180.0..=180.0f64),
            (0..12usize, -0.02..0.02f64, -0.02..0.02f64).prop_map(move |(i, dlat, dlon)| (pentagons[i].0 + dlat, pentagons[i].1 + dlon)),
            (89.5..=90.0f64, -180.0..=180.0f64, any::<bool>()).prop_map(|(lat, lon, south)| (if south { -lat } else { lat }, lon)),
            (-60.0..60.0f64, 179.95..=180.0f64, any::<bool>()).prop_map(|(lat, lon, west)| (lat, if west { -lon } else { lon })),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Every point within the radius (the rim included) falls in a covered cell.
        #[test]
        fn covering_contains_every_point_within_the_radius(
            (lat, lon) in centre(),
            radius_m in prop_oneof![1.0..2_000.0f64, 2_000.0..=MAX_RADIUS_M],
            probes in proptest::collection::vec((0.0..360.0f64, 0.0..=1.0f64), 64),
        ) {
            let cells = covering_cells(lat, lon, radius_m).unwrap();
            for (bearing, frac) in probes {
                // Half the probes on the rim, where a missing cell would show first.
                let d = if frac > 0.5 { radius_m * (1.0 - 1e-9) } else { radius_m * frac * 2.0 };
                let p = Haversine.destination(Point::new(lon, lat), bearing, d);
                if distance_m(lat, lon, p.y(), p.x()) > radius_m {
                    continue; // `destination` overshot by a rounding error (metre radii at the poles)
                }
                let cell = cell_of(p.y(), p.x()).unwrap();
                prop_assert!(cells.contains(&cell), "({}, {}) at {d} m, bearing {bearing}: cell {cell:x} not covered", p.y(), p.x());
            }
        }
    }

    #[test]
    fn covering_stays_small() {
        // Bengaluru: a 1 km query reads a handful of cells, a 5 km one a few dozen.
        let small = covering_cells(12.9716, 77.5946, 1_000.0).unwrap();
        let large = covering_cells(12.9716, 77.5946, 5_000.0).unwrap();
        assert!((3..=19).contains(&small.len()), "{} cells for 1 km", small.len());
        assert!((19..=91).contains(&large.len()), "{} cells for 5 km", large.len());
        let mut dedup = large.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), large.len(), "no cell twice");
    }

    #[test]
    fn days_cover_the_window() {
        let d = 20_000 * DAY_MS;
        assert_eq!(days(d, d + 1).unwrap(), [20_000]);
        assert_eq!(days(d - 1, d + 1).unwrap(), [19_999, 20_000]);
        assert_eq!(days(d, d + DAY_MS).unwrap(), [20_000], "the end is exclusive");
        assert_eq!(days(-1, 1).unwrap(), [-1, 0], "before the epoch floors");
        assert_eq!(days(d, d + MAX_WINDOW_MS).unwrap().len(), 31);
    }

    fn message(e: Error) -> String {
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        e.to_string()
    }

    #[test]
    fn bad_input_names_the_field() {
        assert!(message(check_point(90.5, 0.0).unwrap_err()).starts_with("lat:"));
        assert!(message(check_point(f64::NAN, 0.0).unwrap_err()).starts_with("lat:"));
        assert!(message(check_point(0.0, -180.01).unwrap_err()).starts_with("lon:"));
        assert!(message(check_point(0.0, f64::INFINITY).unwrap_err()).starts_with("lon:"));
        assert!(check_point(-90.0, 180.0).is_ok());
        assert!(message(covering_cells(0.0, 0.0, 0.0).unwrap_err()).starts_with("radius_m:"));
        assert!(message(covering_cells(0.0, 0.0, MAX_RADIUS_M + 1.0).unwrap_err()).starts_with("radius_m:"));
        assert!(message(covering_cells(0.0, 0.0, f64::NAN).unwrap_err()).starts_with("radius_m:"));
        assert!(message(cell_of(0.0, 181.0).unwrap_err()).starts_with("lon:"));
        assert!(message(days(10, 10).unwrap_err()).starts_with("to:"));
        assert!(message(days(0, MAX_WINDOW_MS + 1).unwrap_err()).starts_with("to:"));
        assert!(message(days(i64::MIN, 0).unwrap_err()).starts_with("from:"));
        assert!(message(days(0, i64::MAX).unwrap_err()).starts_with("to:"));
        assert!(message(check_time("at_ms", -MAX_ABS_MS - 1).unwrap_err()).starts_with("at_ms:"));
        assert!(check_time("at_ms", MAX_ABS_MS).is_ok());
    }
}
