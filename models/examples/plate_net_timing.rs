//! Times PlateNet shapes (random weights) on a 720p frame's half-resolution luma, one thread:
//! the measurement the detector's shape was chosen by. Run with
//! `RAYON_NUM_THREADS=1 cargo run -p models --example plate_net_timing`.

use std::time::Instant;

use burn::prelude::*;
use models::detect::plate_net::{INPUTS, PlateNet, PlateNetShape, space_to_depth8};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--layers") {
        layer_times();
        return;
    }
    let device = Device::flex();
    let (w, h) = (640usize, 368usize);
    let pixels: Vec<u8> = (0..w * h).map(|i| (i * 7 % 251) as u8).collect();
    let shapes = [
        PlateNetShape { stem: 32, body: 32, context: 48, body_kernel: 3 },
        PlateNetShape { stem: 32, body: 32, context: 48, body_kernel: 1 },
        PlateNetShape { stem: 24, body: 24, context: 48, body_kernel: 3 },
        PlateNetShape { stem: 32, body: 40, context: 48, body_kernel: 1 },
        PlateNetShape { stem: 48, body: 48, context: 64, body_kernel: 1 },
    ];
    println!("{:<28} {:>8} {:>10} {:>10}", "shape (stem/body/ctx/k2)", "MMAC", "net ms", "+prep ms");
    for s in shapes {
        let net = PlateNet::new(&device, s);
        let mut input = Vec::new();
        space_to_depth8(&pixels, w, h, &mut input);
        let net_ms = median_ms(15, || {
            let x = Tensor::<4>::from_data(TensorData::new(input.clone(), [1, INPUTS, h / 8, w / 8]), &device);
            let _ = net.forward(x).into_data();
        });
        let frame = models::LumaImage::new(1280, 720, (0..1280 * 720).map(|i| (i * 13 % 253) as u8).collect()).unwrap();
        let all_ms = median_ms(15, || {
            let half = frame.downscale(2);
            let mut padded = vec![128u8; w * h];
            padded[..half.data().len()].copy_from_slice(half.data());
            let mut input = Vec::new();
            space_to_depth8(&padded, w, h, &mut input);
            let x = Tensor::<4>::from_data(TensorData::new(input, [1, INPUTS, h / 8, w / 8]), &device);
            let _ = net.forward(x).into_data();
        });
        let mmac = s.macs_per_pixel() * (w * h) as f64 / 1e6;
        println!("{:<28} {:>8.1} {:>10.2} {:>10.2}", format!("{}/{}/{}/{}", s.stem, s.body, s.context, s.body_kernel), mmac, net_ms, all_ms);
    }
}

/// Per-layer times of the default shape, to see where the time goes.
#[allow(dead_code)]
pub fn layer_times() {
    use burn::nn::conv::Conv2dConfig;
    use burn::nn::PaddingConfig2d;
    let device = Device::flex();
    let cases: [(&str, usize, usize, usize, usize, usize, usize, usize); 14] = [
        ("3x3 32->32 @92x160", 32, 32, 3, 1, 1, 92, 160),
        ("3x3 64->64 @46x80", 64, 64, 3, 1, 1, 46, 80),
        ("3x3 64->32 @46x80", 64, 32, 3, 1, 1, 46, 80),
        ("1x1 64->64 @46x80", 64, 64, 1, 1, 1, 46, 80),
        ("3x3 48->48 @46x80", 48, 48, 3, 1, 1, 46, 80),
        ("3x3 16->32 s2 @92x160", 16, 32, 3, 2, 1, 92, 160),
        ("stem 16->24 s2 @92x160", 16, 24, 3, 2, 1, 92, 160),
        ("body1 24->32 @46x80", 24, 32, 3, 1, 1, 46, 80),
        ("body2 32->32 d2 @46x80", 32, 32, 3, 1, 2, 46, 80),
        ("body2' 32->32 d1 @46x80", 32, 32, 3, 1, 1, 46, 80),
        ("ctx1 32->32 s2 @46x80", 32, 32, 3, 2, 1, 46, 80),
        ("ctx2 32->32 @23x40", 32, 32, 3, 1, 1, 23, 40),
        ("1x1 32->32 @23x40", 32, 32, 1, 1, 1, 23, 40),
        ("1x1 32->5 @46x80", 32, 5, 1, 1, 1, 46, 80),
    ];
    for (name, ci, co, k, s, d, h, w) in cases {
        let p = d * (k / 2);
        let conv = Conv2dConfig::new([ci, co], [k, k]).with_stride([s, s]).with_dilation([d, d]).with_padding(PaddingConfig2d::Explicit(p, p, p, p)).init(&device);
        let x = Tensor::<4>::random([1, ci, h, w], burn::tensor::Distribution::Normal(0.0, 1.0), &device);
        let ms = median_ms(20, || {
            let _ = conv.forward(x.clone()).into_data();
        });
        println!("{name:<28} {ms:>8.2} ms");
    }
}
