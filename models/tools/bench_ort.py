#!/usr/bin/env python3
"""ONNX Runtime baseline for `fleetsight bench models`: median latency of a model on a random
input of a given shape, with the same thread count as Burn's rayon pool. Prints one JSON line.

usage: bench_ort.py MODEL.onnx N C H W [--runs 10] [--threads 2]
Needs the `onnxruntime` and `numpy` PyPI packages (bench_ort.sh installs them in a venv).
"""
import argparse, json, statistics, time
import numpy as np
import onnxruntime as ort

ap = argparse.ArgumentParser()
ap.add_argument("model")
ap.add_argument("shape", nargs=4, type=int)
ap.add_argument("--runs", type=int, default=10)
ap.add_argument("--threads", type=int, default=2)
a = ap.parse_args()
opts = ort.SessionOptions()
opts.intra_op_num_threads = a.threads
opts.inter_op_num_threads = 1
sess = ort.InferenceSession(a.model, opts, providers=["CPUExecutionProvider"])
name = sess.get_inputs()[0].name
x = np.random.default_rng(0).standard_normal(a.shape, dtype=np.float32)
sess.run(None, {name: x})  # warm-up
times = []
for _ in range(a.runs):
    t = time.perf_counter()
    sess.run(None, {name: x})
    times.append((time.perf_counter() - t) * 1e3)
print(json.dumps({"median_ms": statistics.median(times), "runs": a.runs, "onnxruntime": ort.__version__}))
