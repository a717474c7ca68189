//! GPS replay files: CSV and NMEA 0183 RMC from receivers and dashcams. The parsers live in the
//! `pipeline` crate, which depends on the models (Burn); the file is compiled here as it is,
//! against `sinks`, so that fuzzing does not build Burn.
#![no_main]

#[path = "../../../pipeline/src/gps/replay.rs"]
mod replay;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for fixes in [replay::parse_csv(text), replay::parse_nmea(text, "fuzz")] {
        for fix in fixes.into_iter().flatten() {
            assert_eq!(fix.validate(), Ok(()), "every parsed fix is valid");
        }
    }
});
