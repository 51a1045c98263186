# Produces the expected values pasted into OptimizerReferenceTest.java.
# Run with Debian's python3-torch (1.13): /usr/bin/python3 torch_optim_reference.py
# Two parameters p [2,2] and q [3]; the gradient at each step is a*x + b in float32 (the gradient of
# sum(a*x^2/2 + b*x)); q has no gradient at step 3 (its grad is None, so torch skips it).
import numpy as np
import torch

P0 = [0.5, -1.5, 2.0, 0.25]
Q0 = [1.0, -0.3, 0.7]
AP, BP = [1.0, 2.0, 0.5, 3.0], [0.1, -0.2, 0.3, 0.0]
AQ, BQ = [0.7, 1.3, 2.5], [-0.4, 0.05, 0.2]
STEPS = 5

CASES = [
    ("sgdPlain", lambda ps: torch.optim.SGD(ps, lr=0.1)),
    ("sgdMomentumDampening", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("sgdNesterov", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("adamDefault", lambda ps: torch.optim.Adam(ps, lr=0.1)),
    ("adamL2Amsgrad", lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.8, 0.95), weight_decay=0.1, amsgrad=True)),
    ("adamwDefault", lambda ps: torch.optim.AdamW(ps, lr=0.1)),
    ("adamwAmsgrad", lambda ps: torch.optim.AdamW(ps, lr=0.1, weight_decay=0.3, amsgrad=True)),
    ("rmspropDefault", lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
    ("rmspropCenteredMomentum", lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.1)),
    ("rmspropCentered", lambda ps: torch.optim.RMSprop(ps, lr=0.01, centered=True)),
    ("adagradDefault", lambda ps: torch.optim.Adagrad(ps, lr=0.1)),
    ("adagradDecay", lambda ps: torch.optim.Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.1, initial_accumulator_value=0.5)),
]


def f32(values):
    return ", ".join(repr(float(np.float32(v))) + "f" for v in values)


for name, make in CASES:
    p = torch.tensor(P0, dtype=torch.float32).reshape(2, 2).requires_grad_()
    q = torch.tensor(Q0, dtype=torch.float32).requires_grad_()
    opt = make([p, q])
    ap, bp = torch.tensor(AP).reshape(2, 2), torch.tensor(BP).reshape(2, 2)
    aq, bq = torch.tensor(AQ), torch.tensor(BQ)
    for step in range(1, STEPS + 1):
        with torch.no_grad():
            p.grad = ap * p + bp
            q.grad = None if step == 3 else aq * q + bq
        opt.step()
    print(f"    // {name}")
    print(f"    static final float[] {name.upper()}_P = {{{f32(p.detach().flatten().tolist())}}};")
    print(f"    static final float[] {name.upper()}_Q = {{{f32(q.detach().tolist())}}};")
