#!/usr/bin/env python3
"""Times PyTorch's four convolution layers of the conv VAE (bench/torch_vae.py --arch conv) on CPU:
forward, input gradient and weight gradient (with the bias gradient) of each, batch 128, float32.

Prints one line per layer and pass, in the format of `latent4j bench conv`:
  conv enc1 forward: 1.23 ms, 20.9 GFLOP/s
counting 2·N·O·Ho·Wo·C·kh·kw flops per pass (the same count for all three passes).
Usage: python3 conv_layers_torch.py [--batch 128] [--threads 1] [--seconds 1]
"""
import argparse, statistics, time
import torch
import torch.nn as nn

p = argparse.ArgumentParser()
p.add_argument('--batch', type=int, default=128)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--seconds', type=float, default=1.0)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)

# name, layer, input shape (C, H, W)
layers = [
    ('enc1', nn.Conv2d(1, 32, 4, 2, 1), (1, 28, 28)),
    ('enc2', nn.Conv2d(32, 64, 4, 2, 1), (32, 14, 14)),
    ('dec1', nn.ConvTranspose2d(64, 32, 4, 2, 1), (64, 7, 7)),
    ('dec2', nn.ConvTranspose2d(32, 1, 4, 2, 1), (32, 14, 14)),
]

def timed(fn, seconds):
    for _ in range(3):
        fn()
    t0 = time.perf_counter(); n = 0
    while time.perf_counter() - t0 < 1.0:
        fn(); n += 1
    reps = max(1, int(0.002 / ((time.perf_counter() - t0) / n)))
    samples = []
    start = time.perf_counter()
    while len(samples) < 5 or time.perf_counter() - start < seconds:
        s = time.perf_counter()
        for _ in range(reps):
            fn()
        samples.append((time.perf_counter() - s) / reps)
    return statistics.median(samples)

print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), batch {a.batch}")
for name, layer, shape in layers:
    x = torch.rand(a.batch, *shape, requires_grad=True)
    y = layer(x)
    w = layer.weight
    taps = (w.shape[1] if isinstance(layer, nn.Conv2d) else w.shape[0]) * w.shape[2] * w.shape[3]
    # multiply-adds: every (image-side pixel, tap) pair of the transposed layer is the conv of the other way
    if isinstance(layer, nn.Conv2d):
        macs = a.batch * y.shape[1] * y.shape[2] * y.shape[3] * w.shape[1] * w.shape[2] * w.shape[3]
    else:
        macs = a.batch * x.shape[1] * x.shape[2] * x.shape[3] * w.shape[1] * w.shape[2] * w.shape[3]
    flops = 2.0 * macs
    g = torch.rand_like(y)
    def forward():
        with torch.no_grad():
            layer(x)
    def input_grad():
        torch.autograd.grad(y, [x], g, retain_graph=True)
    def weight_grad():
        torch.autograd.grad(y, [layer.weight, layer.bias], g, retain_graph=True)
    for pas, fn in (('forward', forward), ('input-grad', input_grad), ('weight-grad', weight_grad)):
        t = timed(fn, a.seconds)
        print(f"conv {name} {pas}: {t * 1e3:.3f} ms, {flops / t / 1e9:.1f} GFLOP/s")
