//! Access units before the decoder: an Annex-B stream (a `.264` clip, or what a camera sends)
//! split into access units, each checked for IDR and B-slices (the slice-header parser), then
//! decoded by openh264 as the decode thread does. Also AVCC (MP4 sample) to Annex-B.
#![no_main]

use ingest::decode::FrameDecoder;
use ingest::h264;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let units = h264::split_access_units(data);
    // Splitting keeps every NAL unit, in order, each behind a 4-byte start code.
    let nals: Vec<&[u8]> = h264::nal_units(data).collect();
    let regrouped: Vec<&[u8]> = units.iter().flat_map(|au| h264::nal_units(au)).collect();
    assert_eq!(nals, regrouped);
    let mut decoder = FrameDecoder::new().expect("openh264 decoder");
    for au in &units {
        assert!(au.starts_with(&[0, 0, 0, 1]));
        let _ = h264::is_idr(au);
        if h264::has_b_slice(au) {
            continue; // the decode thread stops decoding a stream with B-slices
        }
        if let Ok(Some(picture)) = decoder.decode(au) {
            assert!(picture.width() > 0 && picture.height() > 0);
        }
    }
    let mut annex_b = Vec::new();
    if h264::avcc_to_annex_b(data, &mut annex_b).is_some() {
        assert!(annex_b.len() == data.len());
    }
});
