//! PlateNet: the project's own plate detector, a small fully convolutional CenterNet-style
//! network on half-resolution luma. Shaped for Burn's flex CPU backend by measurement (models
//! note §5, `examples/plate_net_timing.rs`): a space-to-depth stem (8x8 patches to 64 channels,
//! then a 1x1 projection) instead of a wide first layer, dense 3x3 and 1x1 convolutions of 24-48
//! channels at stride 8 and 16 (flex runs 3x3 convolutions at 5-10 GMAC/s there, wider is more
//! efficient), no depthwise layers, one frame per call.
//!
//! Input: `[N, 64, H/8, W/8]`: a luma image (H, W multiples of 8), normalised and rearranged by
//! [`space_to_depth8`] on the CPU. Output: `[N, 5, H/8, W/8]`, per cell of 8x8 input pixels:
//! a plate-centre logit, the centre's offset from the cell's corner (x, y, in cells, as
//! `2 * sigmoid(v) - 0.5`: a neighbour of the centre cell can still place the centre), and the
//! box size as `ln(w / 8)`, `ln(h / 8)` in input pixels.

use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::PaddingConfig2d;
use burn::prelude::*;
use burn::tensor::activation::relu;
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions};

/// Output cells are this many input pixels apart.
pub const STRIDE: usize = 8;
/// Output channels: heat logit, offset x, offset y, log width, log height.
pub const OUTPUTS: usize = 5;

/// Input channels: one per pixel of an 8x8 patch.
pub const INPUTS: usize = STRIDE * STRIDE;

/// Layer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlateNetShape {
    /// Channels of the patch projection (stride 8).
    pub stem: usize,
    /// Channels of the stride-8 body.
    pub body: usize,
    /// Channels of the stride-16 context branch.
    pub context: usize,
    /// Kernel of the second body layer: 3 (dilated by 2) or 1.
    pub body_kernel: usize,
}

impl PlateNetShape {
    /// The shape the committed weights were trained with.
    pub const DEFAULT: Self = Self { stem: 32, body: 32, context: 48, body_kernel: 1 };

    /// Multiply-accumulates per input pixel (for sizing: times H*W of the half-res frame).
    pub fn macs_per_pixel(&self) -> f64 {
        // Layers 3-5 (the context branch) run at stride 16: a quarter of the cells.
        layers(*self).iter().enumerate().map(|(n, &(i, o, k, _, _))| (i * o * k * k) as f64 / if (3..6).contains(&n) { 4.0 } else { 1.0 }).sum::<f64>()
            / (STRIDE * STRIDE) as f64
    }
}

/// The layer plan shared by the network and its training twin (which adds batch norm, folded
/// into these convolutions' weights and biases at export): (input, output, kernel, stride,
/// dilation) per layer, in forward order.
pub fn layers(s: PlateNetShape) -> [(usize, usize, usize, usize, usize); 7] {
    [
        (INPUTS, s.stem, 1, 1, 1),   // stem: a projection of each 8x8 patch
        (s.stem, s.body, 3, 1, 1),   // body1
        (s.body, s.body, s.body_kernel, 1, 2), // body2: dilated, to span a plate's characters
        (s.body, s.context, 3, 2, 1), // context1: stride 16 (large plates, whole vehicles)
        (s.context, s.context, 3, 1, 1), // context2
        (s.context, s.body, 1, 1, 1), // merge: to body width at stride 16, where it is cheap
        (s.body, OUTPUTS, 1, 1, 1),  // head
    ]
}

/// A convolution configured from one [`layers`] entry.
pub fn conv(device: &Device, (cin, cout, k, stride, dilation): (usize, usize, usize, usize, usize), bias: bool) -> Conv2d {
    // A 1x1 convolution has nothing to dilate; dilation 1 keeps it on flex's 1x1 fast path.
    let dilation = if k == 1 { 1 } else { dilation };
    let pad = dilation * (k / 2);
    Conv2dConfig::new([cin, cout], [k, k])
        .with_stride([stride, stride])
        .with_dilation([dilation, dilation])
        .with_padding(PaddingConfig2d::Explicit(pad, pad, pad, pad))
        .with_bias(bias)
        .init(device)
}

/// The network (inference form: batch norm folded into the convolutions).
#[derive(Module, Debug)]
pub struct PlateNet {
    stem: Conv2d,
    body1: Conv2d,
    body2: Conv2d,
    context1: Conv2d,
    context2: Conv2d,
    merge: Conv2d,
    head: Conv2d,
}

impl PlateNet {
    /// A randomly initialised network of the given shape.
    pub fn new(device: &Device, s: PlateNetShape) -> Self {
        let l = layers(s);
        Self {
            stem: conv(device, l[0], true),
            body1: conv(device, l[1], true),
            body2: conv(device, l[2], true),
            context1: conv(device, l[3], true),
            context2: conv(device, l[4], true),
            merge: conv(device, l[5], true),
            head: conv(device, l[6], true),
        }
    }

    /// Builds the network from its seven convolutions, in [`layers`] order.
    pub fn from_convs(convs: [Conv2d; 7]) -> Self {
        let [stem, body1, body2, context1, context2, merge, head] = convs;
        Self { stem, body1, body2, context1, context2, merge, head }
    }

    /// `[N, 64, H/8, W/8]` in, `[N, 5, H/8, W/8]` out (raw: logits and log sizes).
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let x = relu(self.stem.forward(x));
        let x = relu(self.body1.forward(x));
        let body = relu(self.body2.forward(x));
        let [_, _, h, w] = body.dims();
        let c = relu(self.context1.forward(body.clone()));
        let c = relu(self.context2.forward(c));
        let c = relu(self.merge.forward(c));
        let x = body + interpolate(c, InterpolateOptions::new(InterpolateMode::Nearest).with_output_size([h, w]));
        self.head.forward(x)
    }
}

/// The centre offset (in cells) an offset output encodes.
pub fn offset(v: f32) -> f32 {
    2.0 / (1.0 + (-v).exp()) - 0.5
}

/// Normalisation of luma values before the network: centred and scaled to about unit range.
pub fn normalise(v: u8) -> f32 {
    (v as f32 - 128.0) / 64.0
}

/// Space-to-depth by 8 of a luma image (`w`, `h` multiples of 8), normalised, appended to `out`
/// as `[64, h/8, w/8]`: channel `8 * dy + dx` holds pixel (8x + dx, 8y + dy).
pub fn space_to_depth8(pixels: &[u8], w: usize, h: usize, out: &mut Vec<f32>) {
    let (cw, ch) = (w / STRIDE, h / STRIDE);
    let plane = cw * ch;
    let lut: [f32; 256] = std::array::from_fn(|v| normalise(v as u8));
    let base = out.len();
    out.resize(base + INPUTS * plane, 0.0);
    let dst = &mut out[base..];
    for (y, row) in pixels.chunks_exact(w).take(ch * STRIDE).enumerate() {
        let (cy, dy) = (y / STRIDE, y % STRIDE);
        for (cx, patch) in row[..cw * STRIDE].chunks_exact(STRIDE).enumerate() {
            for (dx, &v) in patch.iter().enumerate() {
                dst[(dy * STRIDE + dx) * plane + cy * cw + cx] = lut[v as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_one_cell_per_8_pixels() {
        let device = Device::flex();
        let net = PlateNet::new(&device, PlateNetShape::DEFAULT);
        let (w, h) = (64usize, 40usize);
        let mut input = Vec::new();
        space_to_depth8(&vec![100u8; w * h], w, h, &mut input);
        let x = Tensor::<4>::from_data(TensorData::new(input, [1, INPUTS, h / 8, w / 8]), &device);
        assert_eq!(net.forward(x).dims(), [1, OUTPUTS, h / 8, w / 8]);
    }

    #[test]
    fn space_to_depth_places_pixels_by_phase() {
        let (w, h) = (16usize, 8usize);
        let pixels: Vec<u8> = (0..(w * h) as u8).collect();
        let mut out = Vec::new();
        space_to_depth8(&pixels, w, h, &mut out);
        // Pixel (13, 6) is cell (1, 0), phase (dx 5, dy 6): channel 53.
        let plane = 2;
        assert_eq!(out.len(), INPUTS * plane);
        assert_eq!(out[53 * plane + 1], normalise(pixels[6 * w + 13]));
    }
}
