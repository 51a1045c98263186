#!/usr/bin/env python3
"""Loads a latent4j convolutional VAE into the PyTorch ConvVAE of bench/torch_vae.py --arch conv and checks
that both compute the same thing: the same z decodes to the same images, the same images encode to the same
mu and log sigma^2.

Usage: python3 scripts/torch_check_conv_vae.py MODEL_DIR CASES.safetensors [TOLERANCE]
  MODEL_DIR           a latent4j model directory (model.safetensors, config.json) of the reference
                      architecture: --arch conv --channels 32,64 --kernel 4 --stride 2 --padding 1 on 1x28x28
  CASES.safetensors   float32 arrays written by latent4j: z [n, latent], decoded [n, 784] (the decoder's mean,
                      sigmoid of the logits), x [m, 784], mu [m, latent], log_var [m, latent]
Prints the largest absolute differences; exits 1 when one exceeds TOLERANCE (default 1e-4).

latent4j's parameter names map onto the PyTorch module's as follows (shapes and layouts are PyTorch's, so
no array is transposed); the positions are those of latent4j's Sequential: 0 Unflatten, 1 Conv2d, 2 ReLU,
3 Conv2d, 4 ReLU, 5 Flatten in the encoder body; 0 Linear, 1 ReLU, 2 Unflatten, 3 ConvTranspose2d, 4 ReLU,
5 ConvTranspose2d, 6 Flatten in the decoder.
"""
import json, struct, sys
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

NAME_MAP = {
    'encoder.body.1': 'c1', 'encoder.body.3': 'c2', 'encoder.mu': 'mu', 'encoder.log_var': 'lv',
    'decoder.0': 'fc', 'decoder.3': 't1', 'decoder.5': 't2',
}

class ConvVAE(nn.Module):
    """The reference ConvVAE of bench/torch_vae.py (same layers, same attribute names)."""
    def __init__(s, d):
        super().__init__()
        s.c1 = nn.Conv2d(1, 32, 4, 2, 1); s.c2 = nn.Conv2d(32, 64, 4, 2, 1)
        s.mu = nn.Linear(64 * 7 * 7, d); s.lv = nn.Linear(64 * 7 * 7, d)
        s.fc = nn.Linear(d, 64 * 7 * 7)
        s.t1 = nn.ConvTranspose2d(64, 32, 4, 2, 1); s.t2 = nn.ConvTranspose2d(32, 1, 4, 2, 1)
    def encode(s, x):
        h = F.relu(s.c2(F.relu(s.c1(x.view(-1, 1, 28, 28))))).flatten(1)
        return s.mu(h), s.lv(h)
    def decode(s, z):
        g = F.relu(s.fc(z)).view(-1, 64, 7, 7)
        return torch.sigmoid(s.t2(F.relu(s.t1(g)))).view(-1, 784)

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
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    model_dir, cases_file = sys.argv[1], sys.argv[2]
    tol = float(sys.argv[3]) if len(sys.argv) == 4 else 1e-4
    config = json.load(open(model_dir + '/config.json'))
    conv = config.get('conv', {})
    expected = {'image_shape': [1, 28, 28], 'channels': [32, 64], 'kernel': 4, 'stride': 2, 'padding': 1,
                'normalization': 'none'}
    if config.get('architecture') != 'conv' or any(conv.get(k) != v for k, v in expected.items()) \
            or config.get('activation') != 'relu' or config.get('encoder_hidden') or config.get('decoder_hidden'):
        sys.exit(f'{model_dir}/config.json: not the reference ConvVAE architecture ({expected}, relu, no dense layers)')
    weights = read_safetensors(model_dir + '/model.safetensors')
    state = {}
    for name, t in weights.items():
        module, _, param = name.rpartition('.')
        if module not in NAME_MAP:
            sys.exit(f'{model_dir}/model.safetensors: unexpected weight {name}')
        state[NAME_MAP[module] + '.' + param] = t
    m = ConvVAE(config['latent_dim'])
    m.load_state_dict(state, strict=True)
    cases = read_safetensors(cases_file)
    with torch.no_grad():
        decoded = m.decode(cases['z'])
        mu, lv = m.encode(cases['x'])
    diffs = {'decoded': (decoded - cases['decoded']).abs().max().item(),
             'mu': (mu - cases['mu']).abs().max().item(),
             'log_var': (lv - cases['log_var']).abs().max().item()}
    print(' '.join(f'max_abs_diff_{k} {v:.3g}' for k, v in diffs.items()))
    sys.exit(0 if all(v <= tol for v in diffs.values()) else 1)

main()
