# Produces the expected values pasted into NormTorchReference.java, and torch-batchnorm2d.safetensors
# (the state of the BN2D case after its training steps, as PyTorch names and types it).
# Run with Debian's python3-torch (1.13): /usr/bin/python3 torch_norm_reference.py
# Inputs are small dyadic fractions (exact in float32), made by pattern() below, which
# NormalizationReferenceTest repeats; each loss is sum(y * pattern-weights), so its gradient is exact to
# the same inputs on both sides.
import json
import os
import struct

import numpy as np
import torch


def pattern(n, seed):
    # ((i*37 + seed*11) mod 29 - 14) / 8 for i = 0..n-1
    return [(((i * 37 + seed * 11) % 29) - 14) / 8.0 for i in range(n)]


def weights(n):
    # ((i*13 + 5) mod 17 - 8) / 4
    return [(((i * 13 + 5) % 17) - 8) / 4.0 for i in range(n)]


def t(values, shape, grad=False):
    x = torch.tensor(values, dtype=torch.float32).reshape(shape)
    return x.requires_grad_(grad)


def emit(name, tensor):
    v = tensor.detach().reshape(-1).numpy().astype(np.float32)
    print("    static final float[] %s = {%s};" % (name, ", ".join(repr(float(a)) + "f" for a in v)))


def numel(shape):
    return int(np.prod(shape))


def affine(layer, seed):
    with torch.no_grad():
        n = layer.weight.numel()
        layer.weight.copy_(t([1 + 0.25 * a for a in pattern(n, seed)], layer.weight.shape))
        layer.bias.copy_(t([0.5 * a for a in pattern(n, seed + 1)], layer.bias.shape))


def write_safetensors(path, state):
    # the safetensors layout as the reference implementation writes it (I64 tensors first, then F32, each
    # by name; compact JSON header padded with spaces to a multiple of 8), so the file is what
    # safetensors.torch.save_file would write; no metadata
    names = sorted(state, key=lambda n: (0 if state[n].dtype == torch.int64 else 1, n))
    header, blobs, offset = {}, [], 0
    for n in names:
        a = state[n].detach().numpy()
        data = a.astype("<i8" if a.dtype == np.int64 else "<f4").tobytes()
        header[n] = {"dtype": "I64" if a.dtype == np.int64 else "F32", "shape": list(a.shape),
                     "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dtype = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        out[name] = torch.from_numpy(np.frombuffer(raw[8 + n + b:8 + n + e], dtype=dtype).reshape(info["shape"]).copy())
    return out


def batch_norm_case(prefix, layer, shape, steps, file=None):
    # training steps 1..steps on pattern(seed=step) scaled by (1 + step/2); the first step's output and
    # gradients, the running statistics after all steps, then evaluation mode on the first input
    affine(layer, 7)
    layer.train()
    first = None
    for s in range(1, steps + 1):
        x = t([a * (1 + s / 2) + s / 4 for a in pattern(numel(shape), s)], shape, grad=True)
        y = layer(x)
        if s == 1:
            first = x.detach().clone()
            loss = (y * t(weights(numel(shape)), shape)).sum()
            loss.backward()
            emit(prefix + "_TRAIN_Y", y)
            emit(prefix + "_TRAIN_DX", x.grad)
            emit(prefix + "_TRAIN_DW", layer.weight.grad)
            emit(prefix + "_TRAIN_DB", layer.bias.grad)
    emit(prefix + "_RUNNING_MEAN", layer.running_mean)
    emit(prefix + "_RUNNING_VAR", layer.running_var)
    assert int(layer.num_batches_tracked) == steps
    if file is not None:
        # the trained state as a file for the Java side, checked to load strictly back into PyTorch
        write_safetensors(file, layer.state_dict())
        again = type(layer)(layer.num_features)
        again.load_state_dict(read_safetensors(file), strict=True)
        assert all(torch.equal(a, b) for a, b in zip(again.state_dict().values(), layer.state_dict().values()))
    layer.eval()
    layer.zero_grad()
    x = first.requires_grad_(True)
    y = layer(x)
    (y * t(weights(numel(shape)), shape)).sum().backward()
    emit(prefix + "_EVAL_Y", y)
    emit(prefix + "_EVAL_DX", x.grad)


def plain_case(prefix, layer, shape):
    affine(layer, 3)
    x = t(pattern(numel(shape), 5), shape, grad=True)
    y = layer(x)
    (y * t(weights(numel(shape)), shape)).sum().backward()
    emit(prefix + "_Y", y)
    emit(prefix + "_DX", x.grad)
    emit(prefix + "_DW", layer.weight.grad)
    emit(prefix + "_DB", layer.bias.grad)


print("    // torch " + torch.__version__)
here = os.path.dirname(os.path.abspath(__file__))
batch_norm_case("BN2D", torch.nn.BatchNorm2d(3), (4, 3, 2, 2), 3, os.path.join(here, "torch-batchnorm2d.safetensors"))
batch_norm_case("BN1D", torch.nn.BatchNorm1d(3), (5, 3), 2)
batch_norm_case("BN1D_SEQ", torch.nn.BatchNorm1d(2), (3, 2, 4), 2)
plain_case("GN", torch.nn.GroupNorm(2, 4), (2, 4, 3))
plain_case("LN", torch.nn.LayerNorm((2, 3)), (2, 2, 2, 3))
