//! An MP4 clip (an MDVR recording or an uploaded incident clip): the header, the sample tables
//! and every sample, as `load_clip` reads a `.mp4` file.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(units) = ingest::source::file::read_mp4(Cursor::new(data), data.len() as u64, "fuzz.mp4") {
        // Every sample lay inside the file, so the units together cannot be much larger than it
        // (each NAL gains at most a start code, each sync sample the parameter sets).
        for u in &units {
            assert!(u.data.starts_with(&[0, 0, 0, 1]) || u.data.is_empty());
        }
    }
});
