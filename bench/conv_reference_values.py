#!/usr/bin/env python3
# Prints, computed by PyTorch, the expected arrays hard-coded in
# core/src/test/java/org/latent4j/tensor/ConvolutionReferenceTest.java.
# Run with a python that has torch: python3 bench/conv_reference_values.py
# The inputs are closed-form so the Java test rebuilds them exactly:
# value i = ((i*mul) % mod - off) / div, computed in float64 and rounded to float32.
import torch, torch.nn.functional as F
torch.set_printoptions(precision=8)
def vals(n, mul, mod, off, div):
    return torch.tensor([((i*mul) % mod - off)/div for i in range(n)], dtype=torch.float64).float()
def show(name, t):
    print(name, "=", "{" + ", ".join(repr(float(v)) + "f" for v in t.flatten().tolist()) + "};")
x = vals(50, 37, 17, 8, 8.0).reshape(1,2,5,5)
w = vals(54, 13, 11, 5, 10.0).reshape(3,2,3,3)
b = vals(3, 7, 5, 2, 4.0)
show("CONV_S2_P1", F.conv2d(x, w, b, stride=2, padding=1))
show("CONV_S1_P2_D2", F.conv2d(x, w, None, stride=1, padding=2, dilation=2))
xt = vals(8, 37, 17, 8, 8.0).reshape(1,2,2,2)
wt = vals(18, 13, 11, 5, 10.0).reshape(2,1,3,3)
bt = vals(1, 7, 5, 2, 4.0)
show("CONVT_S2_P1_OP1", F.conv_transpose2d(xt, wt, bt, stride=2, padding=1, output_padding=1))
show("CONVT_S3_P0_D2", F.conv_transpose2d(xt, wt, None, stride=3, padding=0, output_padding=1, dilation=2))
print(F.conv_transpose2d(xt, wt, None, stride=3, padding=0, output_padding=1, dilation=2).shape)
# pooling and upsampling
xp = vals(2*5*5, 37, 17, 8, 8.0).reshape(1,2,5,5)
show("MAXPOOL_K3_S2_P1", F.max_pool2d(xp, 3, 2, 1))
show("AVGPOOL_K3_S2_P1", F.avg_pool2d(xp, 3, 2, 1))
show("AVGPOOL_K3_S2_P1_EXCL", F.avg_pool2d(xp, 3, 2, 1, count_include_pad=False))
xu = vals(2*2*3, 37, 17, 8, 8.0).reshape(1,2,2,3)
show("NEAREST_2", F.interpolate(xu, scale_factor=2, mode='nearest'))
show("BILINEAR_2", F.interpolate(xu, scale_factor=2, mode='bilinear', align_corners=False))
show("BILINEAR_3", F.interpolate(xu, scale_factor=3, mode='bilinear', align_corners=False))
# init: fan-in used by PyTorch
c = torch.nn.ConvTranspose2d(64, 32, 4, 2, 1)
fi, fo = torch.nn.init._calculate_fan_in_and_fan_out(c.weight)
print("convT weight", tuple(c.weight.shape), "fan_in", fi, "max|w|", c.weight.abs().max().item(), "bound", 1/fi**0.5, "max|b|", c.bias.abs().max().item())
c = torch.nn.Conv2d(32, 64, 4, 2, 1)
fi, fo = torch.nn.init._calculate_fan_in_and_fan_out(c.weight)
print("conv weight", tuple(c.weight.shape), "fan_in", fi, "max|w|", c.weight.abs().max().item(), "bound", 1/fi**0.5, "max|b|", c.bias.abs().max().item())
