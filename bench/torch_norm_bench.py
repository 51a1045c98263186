# PyTorch's side of bench/norm_vs_torch.sh: the normalization layers' forward pass (no graph) and
# forward + backward (training mode) on the shapes of NormalizationBenchMain; the median and the
# fastest of 15 rounds of 10 passes. Usage: python3 torch_norm_bench.py [THREADS]
import sys
import time

import torch

ROUNDS, PASSES = 15, 10
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)


def run(name, layer, shape):
    x = torch.randn(*shape, requires_grad=True)
    w = torch.randn(*shape)
    forward, both = [], []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        with torch.no_grad():
            for _ in range(PASSES):
                layer(x)
        t1 = time.perf_counter()
        for _ in range(PASSES):
            x.grad = None
            layer.zero_grad()
            (layer(x) * w).sum().backward()
        t2 = time.perf_counter()
        forward.append((t1 - t0) * 1e3 / PASSES)
        both.append((t2 - t1) * 1e3 / PASSES)
    forward.sort()
    both.sort()
    print("pytorch  %-17s %-18s forward median %7.2f ms min %7.2f ms | forward+backward median %7.2f ms min %7.2f ms"
          % (name, str(list(shape)).replace(" ", ""), forward[ROUNDS // 2], forward[0], both[ROUNDS // 2], both[0]))


run("BatchNorm2d(32)", torch.nn.BatchNorm2d(32), (128, 32, 14, 14))
run("BatchNorm2d(64)", torch.nn.BatchNorm2d(64), (128, 64, 7, 7))
run("GroupNorm(8,32)", torch.nn.GroupNorm(8, 32), (128, 32, 14, 14))
run("LayerNorm(512)", torch.nn.LayerNorm(512), (128, 512))
run("BatchNorm1d(512)", torch.nn.BatchNorm1d(512), (128, 512))
