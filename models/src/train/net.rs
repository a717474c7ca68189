//! PlateNet's training twin: the same layers with batch norm, folded away for inference.

use burn::module::{Param, ParamId};
use burn::nn::conv::Conv2d;
use burn::nn::{BatchNorm, BatchNormConfig};
use burn::prelude::*;
use burn::tensor::activation::relu;
use burn::tensor::module::interpolate;
use burn::tensor::ops::{InterpolateMode, InterpolateOptions};

use crate::detect::plate_net::{PlateNet, PlateNetShape, conv, layers};

/// Convolution (no bias) and batch norm.
#[derive(Module, Debug)]
pub struct ConvBn {
    conv: Conv2d,
    bn: BatchNorm,
}

impl ConvBn {
    fn new(device: &Device, l: (usize, usize, usize, usize, usize)) -> Self {
        Self { conv: conv(device, l, false), bn: BatchNormConfig::new(l.1).init(device) }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        relu(self.bn.forward(self.conv.forward(x)))
    }

    /// The convolution with the (eval-mode) batch norm folded into its weights and bias.
    fn fold(&self, device: &Device, l: (usize, usize, usize, usize, usize)) -> Conv2d {
        let w = self.conv.weight.val();
        let co = l.1;
        let scale = self.bn.gamma.val() / (self.bn.running_var.value() + self.bn.epsilon).sqrt();
        let bias = self.bn.beta.val() - self.bn.running_mean.value() * scale.clone();
        let mut out = conv(device, l, true);
        out.weight = Param::initialized(ParamId::new(), w * scale.reshape([co, 1, 1, 1]));
        out.bias = Some(Param::initialized(ParamId::new(), bias));
        out
    }
}

/// The trainable network.
#[derive(Module, Debug)]
pub struct PlateNetTrain {
    blocks: Vec<ConvBn>,
    head: Conv2d,
}

impl PlateNetTrain {
    /// A randomly initialised network (draws from the device's seeded generator).
    pub fn new(device: &Device, s: PlateNetShape) -> Self {
        let l = layers(s);
        Self { blocks: l[..6].iter().map(|&x| ConvBn::new(device, x)).collect(), head: conv(device, l[6], true) }
    }

    /// The same computation as [`PlateNet::forward`].
    pub fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let b = &self.blocks;
        let x = b[1].forward(b[0].forward(x));
        let body = b[2].forward(x);
        let [_, _, h, w] = body.dims();
        let c = b[5].forward(b[4].forward(b[3].forward(body.clone())));
        let x = body + interpolate(c, InterpolateOptions::new(InterpolateMode::Nearest).with_output_size([h, w]));
        self.head.forward(x)
    }

    /// The inference network (batch norm folded). Call on the `valid()` copy.
    pub fn fold(&self, device: &Device, s: PlateNetShape) -> PlateNet {
        let l = layers(s);
        let head = {
            let mut c = conv(device, l[6], true);
            c.weight = Param::initialized(ParamId::new(), self.head.weight.val());
            c.bias = self.head.bias.as_ref().map(|b| Param::initialized(ParamId::new(), b.val()));
            c
        };
        let f = |i: usize| self.blocks[i].fold(device, l[i]);
        PlateNet::from_convs([f(0), f(1), f(2), f(3), f(4), f(5), head])
    }
}
