//! GPS fixes from `POST /v1/gps`, Kafka and replay files, as the buffer keeps them and joins them
//! to frames (interpolated or nearest). Like `gps_replay`, the file is compiled here as it is.
#![no_main]

#[allow(dead_code)]
#[path = "../../../pipeline/src/gps/buffer.rs"]
mod buffer;

use buffer::{GpsBuffer, GpsConfig};
use libfuzzer_sys::fuzz_target;
use sinks::GpsFix;

type Fix = (u8, i64, f64, f64, Option<f64>, Option<f64>);

fuzz_target!(|input: (Vec<Fix>, Vec<(u8, i64)>)| {
    let (fixes, queries) = input;
    let buffer = GpsBuffer::new(GpsConfig { keep_per_device: 8, max_devices: 4, ..GpsConfig::default() });
    for (device, time_ms, lat, lon, heading_deg, speed_kmh) in fixes {
        let fix = GpsFix { device_id: format!("d{}", device % 8), time_ms, lat, lon, heading_deg, speed_kmh };
        // Every way in validates first.
        if fix.validate().is_ok() {
            let _ = buffer.insert(fix);
        }
    }
    for (device, t_ms) in queries {
        if let (Some(loc), _) = buffer.locate(&format!("d{}", device % 8), t_ms) {
            assert!((-90.0..=90.0).contains(&loc.lat) && (-180.0..=180.0).contains(&loc.lon), "{loc:?}");
            assert!(loc.fix_age_ms >= 0, "{loc:?}");
        }
    }
});
