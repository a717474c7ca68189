//! GPS replay files: CSV from our own tools and NMEA 0183 RMC sentences from GNSS receivers.

use sinks::event::GpsFix;

/// Parses `device_id,time_ms,lat,lon[,heading_deg,speed_kmh]` lines (a header line and blank
/// lines are skipped). Errors name the line.
pub fn parse_csv(text: &str) -> Result<Vec<GpsFix>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("device_id")) {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let bad = |what: &str| format!("line {}: {what}: `{line}`", n + 1);
        if f.len() < 4 {
            return Err(bad("want device_id,time_ms,lat,lon[,heading_deg,speed_kmh]"));
        }
        let opt = |i: usize| -> Result<Option<f64>, String> {
            match f.get(i) {
                None | Some(&"") => Ok(None),
                Some(v) => v.parse().map(Some).map_err(|_| bad("not a number")),
            }
        };
        let fix = GpsFix {
            device_id: f[0].to_string(),
            time_ms: f[1].parse().map_err(|_| bad("time_ms"))?,
            lat: f[2].parse().map_err(|_| bad("lat"))?,
            lon: f[3].parse().map_err(|_| bad("lon"))?,
            heading_deg: opt(4)?,
            speed_kmh: opt(5)?,
        };
        fix.validate().map_err(|e| bad(&e))?;
        out.push(fix);
    }
    Ok(out)
}

/// Parses NMEA RMC sentences (`$GPRMC`, `$GNRMC`, ...) with valid status and checksum; other
/// sentences are skipped. Errors name the line.
pub fn parse_nmea(text: &str, device_id: &str) -> Result<Vec<GpsFix>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('$') || line.get(3..6) != Some("RMC") {
            continue;
        }
        let bad = |what: &str| format!("line {}: {what}: `{line}`", n + 1);
        let (body, sum) = line[1..].split_once('*').ok_or_else(|| bad("no checksum"))?;
        let want = u8::from_str_radix(sum.trim(), 16).map_err(|_| bad("bad checksum field"))?;
        if body.bytes().fold(0u8, |a, b| a ^ b) != want {
            return Err(bad("checksum mismatch"));
        }
        let f: Vec<&str> = body.split(',').collect();
        if f.len() < 10 {
            return Err(bad("too few fields"));
        }
        if f[2] != "A" {
            continue; // "V": receiver has no valid fix
        }
        let coord = |v: &str, hemi: &str, deg_digits: usize| -> Result<f64, String> {
            if v.len() < deg_digits + 2 {
                return Err(bad("short coordinate"));
            }
            let d: f64 = v[..deg_digits].parse().map_err(|_| bad("coordinate"))?;
            let m: f64 = v[deg_digits..].parse().map_err(|_| bad("coordinate"))?;
            let x = d + m / 60.0;
            Ok(if hemi == "S" || hemi == "W" { -x } else { x })
        };
        let (t, d) = (f[1], f[9]);
        if t.len() < 6 || d.len() != 6 {
            return Err(bad("time or date"));
        }
        let num = |s: &str| s.parse::<i64>().map_err(|_| bad("time or date"));
        let (hh, mm) = (num(&t[0..2])?, num(&t[2..4])?);
        let secs: f64 = t[4..].parse().map_err(|_| bad("time"))?;
        let (day, month, year) = (num(&d[0..2])?, num(&d[2..4])?, 2000 + num(&d[4..6])?);
        let days = days_from_civil(year, month, day);
        let time_ms = (days * 86_400 + hh * 3600 + mm * 60) * 1000 + (secs * 1000.0).round() as i64;
        let knots: Option<f64> = f[7].parse().ok();
        let fix = GpsFix {
            device_id: device_id.to_string(),
            time_ms,
            lat: coord(f[3], f[4], 2)?,
            lon: coord(f[5], f[6], 3)?,
            heading_deg: f[8].parse().ok(),
            speed_kmh: knots.map(|k| k * 1.852),
        };
        fix.validate().map_err(|e| bad(&e))?;
        out.push(fix);
    }
    Ok(out)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trip_and_errors() {
        let fixes = parse_csv("device_id,time_ms,lat,lon,heading_deg,speed_kmh\nbus-1,1000,19.07,72.87,90,36\nbus-1,2000,19.08,72.88,,\n").unwrap();
        assert_eq!(fixes.len(), 2);
        assert_eq!(fixes[1].heading_deg, None);
        assert!(parse_csv("bus-1,1000,95.0,72.8\n").unwrap_err().contains("line 1: lat"));
        assert!(parse_csv("bus-1,abc,19,72\n").unwrap_err().contains("time_ms"));
    }

    #[test]
    fn nmea_rmc() {
        // 2024-03-05 12:34:56.5 UTC, 19 deg 4.2 min N, 72 deg 52.8 min E, 10 knots, course 45.
        let body = "GPRMC,123456.50,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A";
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        let text = format!("$GPGGA,ignored*00\n${body}*{sum:02X}\n");
        let f = parse_nmea(&text, "bus-1").unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].time_ms, 1_709_642_096_500);
        assert!((f[0].lat - 19.07).abs() < 1e-9 && (f[0].lon - 72.88).abs() < 1e-9);
        assert!((f[0].speed_kmh.unwrap() - 18.52).abs() < 1e-9);
        assert!(parse_nmea(&format!("${body}*00"), "bus-1").unwrap_err().contains("checksum"));
    }
}
