//! Training the plate detector (feature `train`): synthetic scenes from [`crate::synth`], a
//! CenterNet loss, AdamW with warm-up and cosine decay, on one CPU thread so that a seed gives
//! the same weights on any machine. `fleetsight train detector` drives it.

mod data;
mod net;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use burn::grad_clipping::GradientClippingConfig;
use burn::optim::{AdamWConfig, GradientsParams};
use burn::prelude::*;
use burn::tensor::activation::{log_sigmoid, sigmoid};
use burn_store::{BurnpackStore, ModuleSnapshot};

pub use data::{Batch, make_batch};
pub use net::PlateNetTrain;

use crate::detect::plate_net::{INPUTS, PlateNetShape};
use crate::detect::validation::{ValidationReport, validate};
use crate::detect::{PlateDetector, PlateDetectorOptions};
use crate::error::{Error, ErrorKind, Result};
use crate::synth::{SceneOptions, SceneRenderer};

/// What to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Seeds the weight initialisation and the data.
    pub seed: u64,
    /// Optimiser steps.
    pub steps: usize,
    /// Scenes per step.
    pub batch: usize,
    /// Peak learning rate.
    pub lr: f64,
    /// Where the folded inference weights go (also written every `checkpoint_every` steps).
    pub out: PathBuf,
    /// Checkpoint interval in steps.
    pub checkpoint_every: usize,
    /// Validation frames with plates and without, after training.
    pub validation: (usize, usize),
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self { seed: 20261121, steps: 8000, batch: 12, lr: 2e-3, out: PathBuf::from("plate_net.bpk"), checkpoint_every: 500, validation: (300, 100) }
    }
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// The options.
    pub options: TrainOptions,
    /// Fonts the renderer drew with.
    pub fonts: Vec<String>,
    /// Mean loss over the last 100 steps.
    pub final_loss: f32,
    /// Wall time, seconds.
    pub seconds: f64,
    /// Plates seen in training.
    pub plates_seen: usize,
    /// Validation scores of the saved weights.
    pub validation: ValidationReport,
}

impl TrainReport {
    /// Markdown for PROVENANCE.
    pub fn render(&self) -> String {
        let o = &self.options;
        format!(
            "seed {}, {} steps of {} scenes ({} scenes, {} plates), peak learning rate {}, {:.0} s on one CPU thread, final loss {:.4}\n\nfonts: {}\n\nvalidation ({} frames with plates, {} without, seed {:#x}):\n\n{}",
            o.seed,
            o.steps,
            o.batch,
            o.steps * o.batch,
            self.plates_seen,
            o.lr,
            self.seconds,
            self.final_loss,
            self.fonts.join(", "),
            o.validation.0,
            o.validation.1,
            crate::detect::validation::VALIDATION_SEED,
            self.validation.render()
        )
    }
}

fn learning_rate(o: &TrainOptions, step: usize) -> f64 {
    let warmup = (o.steps / 20).max(1);
    if step < warmup {
        return o.lr * (step + 1) as f64 / warmup as f64;
    }
    let t = (step - warmup) as f64 / (o.steps - warmup).max(1) as f64;
    o.lr * (0.02 + 0.98 * 0.5 * (1.0 + (std::f64::consts::PI * t).cos()))
}

/// CenterNet's focal loss (alpha 2, beta 4) on heat logits, over the number of plates.
fn focal_loss(logits: Tensor<4>, target: Tensor<4>, plates: usize) -> Tensor<1> {
    let p = sigmoid(logits.clone());
    let pos = target.clone().greater_equal_elem(0.999).float();
    let neg = pos.clone().neg() + 1.0;
    let neg_weight = (target.neg() + 1.0).square().square();
    let pos_loss = log_sigmoid(logits.clone()) * (p.clone().neg() + 1.0).square() * pos;
    let neg_loss = log_sigmoid(logits.neg()) * p.square() * neg_weight * neg;
    (pos_loss.sum() + neg_loss.sum()).neg() / plates.max(1) as f64
}

/// L1 where `mask` is 1, over the masked cells.
fn masked_l1(pred: Tensor<4>, target: Tensor<4>, mask: Tensor<4>) -> Tensor<1> {
    let channels = pred.dims()[1] as f64;
    let count = mask.clone().sum().clamp_min(1.0) * channels;
    ((pred - target).abs() * mask).sum() / count
}

fn tensor(data: Vec<f32>, shape: [usize; 4], device: &Device) -> Tensor<4> {
    Tensor::<4>::from_data(TensorData::new(data, shape), device)
}

fn loss(net: &PlateNetTrain, b: Batch, device: &Device) -> Tensor<1> {
    let (w, h) = b.size;
    let (gw, gh) = (w / 8, h / 8);
    let out = net.forward(tensor(b.input, [b.n, INPUTS, h / 8, w / 8], device));
    let heat = out.clone().narrow(1, 0, 1);
    let offsets = sigmoid(out.clone().narrow(1, 1, 2)) * 2.0 - 0.5;
    let sizes = out.narrow(1, 3, 2);
    let reg = tensor(b.reg, [b.n, 4, gh, gw], device);
    let focal = focal_loss(heat, tensor(b.heat, [b.n, 1, gh, gw], device), b.plates);
    let off = masked_l1(offsets, reg.clone().narrow(1, 0, 2), tensor(b.offset_mask, [b.n, 1, gh, gw], device));
    let size = masked_l1(sizes, reg.narrow(1, 2, 2), tensor(b.size_mask, [b.n, 1, gh, gw], device));
    focal + off + size * 0.5
}

fn save(net: &PlateNetTrain, path: &Path) -> Result<()> {
    let folded = net.valid().fold(&Device::flex(), PlateNetShape::DEFAULT);
    let mut store = BurnpackStore::from_file(path).auto_extension(false).overwrite(true);
    folded.save_into(&mut store).map_err(|e| Error::new(ErrorKind::Internal, format!("cannot save {}: {e}", path.display())))
}

/// Trains, saves the weights to `options.out`, validates them. Progress goes to `log`.
pub fn train(options: &TrainOptions, log: impl Fn(&str) + Sync) -> Result<TrainReport> {
    let renderer = SceneRenderer::new()?;
    let fonts = renderer.font_names().to_vec();
    log(&format!("fonts: {}", fonts.join(", ")));
    // One thread for the network (flex's rayon work stays on it: deterministic, and the 2nd
    // thread gains little), one for rendering the next batches.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("cannot start the training thread pool: {e}")))?;
    let (tx, rx) = mpsc::sync_channel::<Batch>(3);
    let (seed, steps, n) = (options.seed, options.steps as u64, options.batch);
    let producer = std::thread::spawn(move || {
        let Ok(renderer) = SceneRenderer::new() else { return };
        for i in 0..steps {
            if tx.send(make_batch(&renderer, seed, i, n, &SceneOptions::TRAIN)).is_err() {
                return;
            }
        }
    });
    let started = Instant::now();
    let log = &log;
    let (net, final_loss, plates_seen) = pool.install(move || -> Result<(PlateNetTrain, f32, usize)> {
        let device = Device::flex().autodiff();
        device.seed(options.seed);
        let mut net = PlateNetTrain::new(&device, PlateNetShape::DEFAULT);
        let _ = net.valid(); // draws every initial weight now, in field order
        let mut optim = AdamWConfig::new().with_weight_decay(1e-4).with_grad_clipping(Some(GradientClippingConfig::Norm(10.0))).init();
        let mut recent = std::collections::VecDeque::new();
        let mut plates = 0;
        for step in 0..options.steps {
            let batch = rx.recv().map_err(|_| Error::new(ErrorKind::Internal, "the scene renderer stopped"))?;
            plates += batch.plates;
            let l = loss(&net, batch, &device);
            let value: f32 = l.clone().into_scalar();
            let grads = GradientsParams::from_grads(l.backward(), &net);
            net = optim.step(learning_rate(options, step), net, grads);
            recent.push_back(value);
            if recent.len() > 100 {
                recent.pop_front();
            }
            if (step + 1) % 50 == 0 {
                let mean = recent.iter().sum::<f32>() / recent.len() as f32;
                let per_step = started.elapsed().as_secs_f64() / (step + 1) as f64;
                log(&format!(
                    "step {}/{}: loss {mean:.4}, lr {:.5}, {per_step:.2} s/step, {:.0} s left",
                    step + 1,
                    options.steps,
                    learning_rate(options, step),
                    per_step * (options.steps - step - 1) as f64
                ));
            }
            if (step + 1) % options.checkpoint_every == 0 {
                save(&net, &options.out)?;
            }
        }
        let mean = recent.iter().sum::<f32>() / recent.len().max(1) as f32;
        Ok((net, mean, plates))
    })?;
    let _ = producer.join();
    let seconds = started.elapsed().as_secs_f64();
    save(&net, &options.out)?;
    log(&format!("saved {}; validating", options.out.display()));
    let detector = PlateDetector::load(&options.out, &Device::flex(), PlateDetectorOptions::default())?;
    let validation = pool.install(|| validate(&detector, &renderer, options.validation.0, options.validation.1))?;
    Ok(TrainReport { options: options.clone(), fonts, final_loss, seconds, plates_seen, validation })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_batch_norm_keeps_the_output() {
        let device = Device::flex().autodiff();
        device.seed(1);
        let net = PlateNetTrain::new(&device, PlateNetShape::DEFAULT);
        let plain = net.valid();
        let folded = plain.fold(&Device::flex(), PlateNetShape::DEFAULT);
        let x = Tensor::<4>::random([1, INPUTS, 16, 24], burn::tensor::Distribution::Normal(0.0, 1.0), &Device::flex());
        let a: Vec<f32> = plain.forward(x.clone()).into_data().try_to_vec().unwrap();
        let b: Vec<f32> = folded.forward(x).into_data().try_to_vec().unwrap();
        let worst = a.iter().zip(&b).map(|(p, q)| (p - q).abs()).fold(0.0, f32::max);
        assert!(worst < 1e-3, "{worst}");
    }
}
