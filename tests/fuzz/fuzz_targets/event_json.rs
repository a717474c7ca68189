//! Event JSON from Kafka: a `PlateRead` as the sink consumer takes it (parse, then validate), and
//! a `GpsFix` as the GPS consumer takes it. What is accepted must survive the store's round trip
//! (serialised on write, parsed on read).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinks::{GpsFix, PlateRead};

fuzz_target!(|data: &[u8]| {
    if let Ok(read) = PlateRead::from_wire(data) {
        let stored = serde_json::to_vec(&read).expect("a valid read serialises");
        assert_eq!(PlateRead::from_wire(&stored).as_ref(), Ok(&read), "a valid read survives the store");
    }
    if let Ok(fix) = serde_json::from_slice::<GpsFix>(data) {
        if fix.validate().is_ok() {
            let stored = serde_json::to_vec(&fix).expect("a valid fix serialises");
            assert_eq!(serde_json::from_slice::<GpsFix>(&stored).ok().as_ref(), Some(&fix), "a valid fix survives the round trip");
        }
    }
});
