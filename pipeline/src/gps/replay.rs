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
/// sentences are skipped. Errors name the line. The input is untrusted (files from receivers and
/// dashcams): every field is checked for length, digits and range, and nothing here can panic.
pub fn parse_nmea(text: &str, device_id: &str) -> Result<Vec<GpsFix>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('$') || line.get(3..6) != Some("RMC") {
            continue;
        }
        let bad = |what: &str| format!("line {}: {what}: `{}`", n + 1, line.escape_debug());
        if !line.is_ascii() {
            return Err(bad("not ASCII"));
        }
        let Some(fix) = rmc_fix(line, device_id).map_err(bad)? else { continue };
        fix.validate().map_err(|e| bad(&e))?;
        out.push(fix);
    }
    Ok(out)
}

/// One ASCII RMC sentence (`$` included): its fix, `None` if the receiver had none, or what is
/// wrong with it.
fn rmc_fix(line: &str, device_id: &str) -> Result<Option<GpsFix>, &'static str> {
    let (body, sum) = line.get(1..).and_then(|l| l.split_once('*')).ok_or("no checksum")?;
    let want = u8::from_str_radix(sum.trim(), 16).map_err(|_| "bad checksum field")?;
    if body.bytes().fold(0u8, |a, b| a ^ b) != want {
        return Err("checksum mismatch");
    }
    let f: Vec<&str> = body.split(',').collect();
    if f.len() < 10 {
        return Err("too few fields");
    }
    if f[2] != "A" {
        return Ok(None); // "V": receiver has no valid fix
    }
    let knots = optional(f[7]).ok_or("speed")?;
    let course = optional(f[8]).ok_or("course")?;
    if course.is_some_and(|c| !(0.0..=360.0).contains(&c)) {
        return Err("course");
    }
    Ok(Some(GpsFix {
        device_id: device_id.to_string(),
        time_ms: rmc_time_ms(f[1], f[9])?,
        lat: coordinate(f[3], f[4], 2, "NS").ok_or("latitude")?,
        lon: coordinate(f[5], f[6], 3, "EW").ok_or("longitude")?,
        heading_deg: course,
        speed_kmh: knots.map(|k| k * 1.852),
    }))
}

/// An optional number: `Some(None)` when empty, `None` when not a finite number.
fn optional(v: &str) -> Option<Option<f64>> {
    if v.is_empty() {
        return Some(None);
    }
    v.parse::<f64>().ok().filter(|x| x.is_finite()).map(Some)
}

/// `hhmmss[.sss]` and `ddmmyy` (years 2000-2099) as Unix milliseconds.
fn rmc_time_ms(t: &str, d: &str) -> Result<i64, &'static str> {
    let two = |s: &str, i: usize, max: i64| -> Option<i64> {
        let v = s.get(i..i + 2).filter(|p| p.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
        (v <= max).then_some(v)
    };
    let (hh, mm) = (two(t, 0, 23).ok_or("time")?, two(t, 2, 59).ok_or("time")?);
    let secs: f64 = t.get(4..).filter(|s| s.bytes().next().is_some_and(|b| b.is_ascii_digit())).and_then(|s| s.parse().ok()).ok_or("time")?;
    if d.len() != 6 || !(0.0..61.0).contains(&secs) {
        return Err("time or date");
    }
    let (day, month, year) = (two(d, 0, 31).ok_or("date")?, two(d, 2, 12).ok_or("date")?, 2000 + two(d, 4, 99).ok_or("date")?);
    if day == 0 || month == 0 {
        return Err("date");
    }
    let days = days_from_civil(year, month, day);
    Ok((days * 86_400 + hh * 3600 + mm * 60) * 1000 + (secs * 1000.0).round() as i64)
}

/// `d..dmm.mmm` with `deg_digits` degree digits and a hemisphere from `hemis` (`"NS"`, `"EW"`).
fn coordinate(v: &str, hemi: &str, deg_digits: usize, hemis: &str) -> Option<f64> {
    let deg = v.get(..deg_digits).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let min = v.get(deg_digits..).filter(|m| m.bytes().next().is_some_and(|b| b.is_ascii_digit()))?;
    let (d, m): (f64, f64) = (deg.parse().ok()?, min.parse().ok()?);
    if !(0.0..60.0).contains(&m) || hemi.len() != 1 || !hemis.contains(hemi) {
        return None;
    }
    let x = d + m / 60.0;
    Some(if hemi == &hemis[1..] { -x } else { x })
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

    /// An RMC line with a correct checksum.
    fn rmc(body: &str) -> String {
        let sum = body.bytes().fold(0u8, |a, b| a ^ b);
        format!("${body}*{sum:02X}\n")
    }

    #[test]
    fn nmea_garbage_is_an_error_naming_the_line() {
        let good = "GPRMC,123456.50,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A";
        let cases = [
            ("GPRMC,1é3456,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A", "not ASCII"),
            ("GPRMC,123456,A,19é4.200,N,07252.800,E,10.0,45.0,050324,,,A", "not ASCII"),
            ("GPRMC,12,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A", "time"),
            ("GPRMC,123456,A,1,N,07252.800,E,10.0,45.0,050324,,,A", "latitude"),
            ("GPRMC,123456,A,1904.200,N,07,E,10.0,45.0,050324,,,A", "longitude"),
            ("GPRMC,123456,A,1904.200,X,07252.800,E,10.0,45.0,050324,,,A", "latitude"),
            ("GPRMC,123456,A,1904.200,N,07252.800,E,10.0,45.0,0503,,,A", "date"),
            ("GPRMC,99999999999999999999999,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A", "time"),
            ("GPRMC,123456.5e300,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A", "time"),
            ("GPRMC,123456,A,19999999999999999999999.9,N,07252.800,E,10.0,45.0,050324,,,A", "latitude"),
            ("GPRMC,123456,A,1904.200,N,07252.800,E,1e309,45.0,050324,,,A", "speed"),
            ("GPRMC,123456,A,1904.200,N,07252.800,E,10.0,NaN,050324,,,A", "course"),
            ("GPRMC,123456,A,1904.200,N,07252.800,E,99999999,45.0,050324,,,A", "speed_kmh"),
            ("GPRMC,123456,A,1904.200", "too few fields"),
        ];
        for (body, why) in cases {
            let text = format!("{}{}", rmc(good), rmc(body));
            let e = parse_nmea(&text, "bus-1").unwrap_err();
            assert!(e.starts_with("line 2: ") && e.contains(why), "{body}: {e}");
        }
        assert!(parse_nmea("$GPRMC,12é*00", "bus-1").unwrap_err().contains("line 1: not ASCII"));
    }

    #[test]
    fn nmea_never_panics_on_random_bytes() {
        // xorshift64: deterministic, no extra crate.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let alphabet: Vec<char> = "$GPRMC,.*0123456789ABCDEFNSEWV-+e é€\u{0}\n".chars().collect();
        let good = "GPRMC,123456.50,A,1904.200,N,07252.800,E,10.0,45.0,050324,,,A";
        for _ in 0..20_000 {
            // A valid sentence's start, or just the talker and type, then random characters.
            let mut line: String = if next() % 2 == 0 { String::from("GPRMC,") } else { good.chars().take((next() % 64) as usize).collect() };
            for _ in 0..next() % 80 {
                line.push(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let _ = parse_nmea(&format!("${line}"), "bus-1");
            let _ = parse_nmea(&rmc(&line), "bus-1");
            let bytes: Vec<u8> = (0..next() % 96).map(|_| next() as u8).collect();
            let _ = parse_nmea(&String::from_utf8_lossy(&bytes), "bus-1");
        }
    }
}
