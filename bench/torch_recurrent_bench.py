# PyTorch's side of bench/recurrent_vs_torch.sh: one forward (no graph) and one forward + backward of
# LSTM(28->256) and GRU(28->256), batch_first, B=128 sequences of T=28 steps, the loss sum(w * output);
# median and fastest of 9 rounds of 3 passes. Usage: python3 torch_recurrent_bench.py [THREADS]
import sys
import time

import torch

ROUNDS, PASSES = 9, 3
torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(1)


def run(name, layer):
    x = torch.randn(128, 28, 28, requires_grad=True)
    w = torch.randn(128, 28, 256)
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
            (layer(x)[0] * w).sum().backward()
        t2 = time.perf_counter()
        forward.append((t1 - t0) * 1e3 / PASSES)
        both.append((t2 - t1) * 1e3 / PASSES)
    forward.sort()
    both.sort()
    print("pytorch %-13s B=128 T=28 forward median %8.2f ms min %8.2f ms | forward+backward median %8.2f ms min %8.2f ms"
          % (name, forward[ROUNDS // 2], forward[0], both[ROUNDS // 2], both[0]))


run("LSTM(28,256)", torch.nn.LSTM(28, 256, batch_first=True))
run("GRU(28,256)", torch.nn.GRU(28, 256, batch_first=True))
