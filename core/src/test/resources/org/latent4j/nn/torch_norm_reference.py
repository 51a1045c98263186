# Produces the expected values pasted into NormTorchReference.java.
# Run with Debian's python3-torch (1.13): /usr/bin/python3 torch_norm_reference.py
# Inputs are small dyadic fractions (exact in float32), made by pattern() below, which
# NormalizationReferenceTest repeats; each loss is sum(y * pattern-weights), so its gradient is exact to
# the same inputs on both sides.
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


def batch_norm_case(prefix, layer, shape, steps):
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
batch_norm_case("BN2D", torch.nn.BatchNorm2d(3), (4, 3, 2, 2), 3)
batch_norm_case("BN1D", torch.nn.BatchNorm1d(3), (5, 3), 2)
batch_norm_case("BN1D_SEQ", torch.nn.BatchNorm1d(2), (3, 2, 4), 2)
plain_case("GN", torch.nn.GroupNorm(2, 4), (2, 4, 3))
plain_case("LN", torch.nn.LayerNorm((2, 3)), (2, 2, 2, 3))
