//! The CSV bodies of `POST /v1/hotlist/import` and `POST /v1/registry/import` (the `csv` string
//! of their JSON body), parsed as the handlers do: all rows valid, or an error naming the line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sinks::challan::Vehicle;
use sinks::rules::HotlistEntry;

fuzz_target!(|text: &str| {
    if let Ok(rows) = HotlistEntry::parse_csv(text, "fuzz", 0) {
        for r in rows {
            assert_eq!(r.validate(), Ok(()));
        }
    }
    if let Ok(rows) = Vehicle::parse_csv(text) {
        for v in rows {
            assert_eq!(v.validate(), Ok(()));
        }
    }
});
