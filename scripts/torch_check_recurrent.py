#!/usr/bin/env python3
"""Loads latent4j LSTM or GRU weights into torch.nn.LSTM / torch.nn.GRU (batch_first=True) and checks that
both compute the same outputs, final states and gradients, with sequences of different lengths given to
PyTorch as a packed sequence.

Usage: python3 scripts/torch_check_recurrent.py lstm|gru INPUT HIDDEN LAYERS BIDIRECTIONAL(0|1) \
           WEIGHTS.safetensors CASES.safetensors [TOLERANCE]
  WEIGHTS.safetensors  the layer's state as latent4j writes it; the names are PyTorch's (weight_ih_l0,
                       weight_hh_l0_reverse, ...) and load with strict=True, no array transposed
  CASES.safetensors    float32 arrays written by latent4j: x [B, T, F], h0 and (LSTM) c0 [L*D, B, H], lengths [B],
                       the projection weights w_out, w_h, w_c, latent4j's results out, h_n, c_n, and its gradients
                       grad.x, grad.h0, grad.c0, grad.PARAMETER of loss = sum(w_out*out) + sum(w_h*h_n) + sum(w_c*c_n)
Prints the largest differences; exits 1 when one exceeds TOLERANCE * (1 + |PyTorch's value|) (default 1e-5).
"""
import json, struct, sys
import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

def read_safetensors(path):
    """The float32 arrays of a safetensors file (8-byte little-endian header length, JSON header, raw data)."""
    with open(path, 'rb') as f:
        data = f.read()
    n, = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, spec in header.items():
        if name == '__metadata__':
            continue
        if spec['dtype'] != 'F32':
            sys.exit(f'{path}: {name} is {spec["dtype"]}, expected F32')
        a, b = spec['data_offsets']
        out[name] = torch.from_numpy(np.frombuffer(data[8 + n + a:8 + n + b], dtype='<f4').copy()).reshape(spec['shape'])
    return out

def main():
    if len(sys.argv) not in (8, 9):
        sys.exit(__doc__)
    mode, inp, hidden, layers, bidir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == '1'
    tol = float(sys.argv[8]) if len(sys.argv) == 9 else 1e-5
    torch.set_num_threads(1)
    cls = {'lstm': nn.LSTM, 'gru': nn.GRU}[mode]
    rnn = cls(inp, hidden, layers, batch_first=True, bidirectional=bidir)
    rnn.load_state_dict(read_safetensors(sys.argv[6]), strict=True)
    c = read_safetensors(sys.argv[7])
    x = c['x'].clone().requires_grad_(True)
    h0 = c['h0'].clone().requires_grad_(True)
    steps = x.shape[1]
    lengths = c['lengths'].to(torch.int64)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    if mode == 'lstm':
        c0 = c['c0'].clone().requires_grad_(True)
        out, (h_n, c_n) = rnn(packed, (h0, c0))
    else:
        out, h_n = rnn(packed, h0)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)
    loss = (c['w_out'] * out).sum() + (c['w_h'] * h_n).sum()
    if mode == 'lstm':
        loss = loss + (c['w_c'] * c_n).sum()
    loss.backward()
    ref = {'out': out, 'h_n': h_n, 'grad.x': x.grad, 'grad.h0': h0.grad}
    if mode == 'lstm':
        ref['c_n'] = c_n
        ref['grad.c0'] = c0.grad
    for name, p in rnn.named_parameters():
        ref['grad.' + name] = p.grad
    worst = 0.0
    report = []
    for name, r in ref.items():
        if name not in c:
            sys.exit(f'{sys.argv[7]}: no array {name}')
        r = r.detach()
        if tuple(r.shape) != tuple(c[name].shape):
            sys.exit(f'{name}: PyTorch has shape {tuple(r.shape)}, latent4j {tuple(c[name].shape)}')
        diff = (r - c[name]).abs()
        score = (diff / (1 + r.abs())).max().item()
        worst = max(worst, score)
        report.append(f'{name} {diff.max().item():.3g}')
    print(f'{mode} L={layers} bidirectional={bidir} max_abs_diff: ' + ', '.join(report) + f'; worst relative {worst:.3g}')
    sys.exit(0 if worst <= tol else 1)

main()
