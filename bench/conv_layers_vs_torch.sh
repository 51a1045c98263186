#!/usr/bin/env bash
# Times the conv VAE's four convolution layers (the shapes of torch_vae.py --arch conv: Conv 1→32 and
# 32→64, k4 s2 p1, 28→14→7; ConvTranspose 64→32 and 32→1, 7→14→28) in PyTorch and in latent4j, one
# after the other in one run: forward, input gradient and weight gradient (with bias) of each, batch 128.
# Prints each side's lines, then a table of milliseconds and the ratio latent4j / PyTorch per pass.
#
# Usage: bench/conv_layers_vs_torch.sh [LATENT4J_THREADS] [SECONDS]   (defaults: all cores, 1)
# PyTorch runs with 1 thread, its fastest setting here (as in vae_vs_torch.sh); it needs Debian's
# python3-torch (any python3 that imports torch).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${1:-$(nproc)}
seconds=${2:-1}
torch_out=$(mktemp)
l4j_out=$(mktemp)
trap 'rm -f "$torch_out" "$l4j_out"' EXIT

python=""
for py in python3 $(dpkg -L python3-minimal 2>/dev/null | grep -E '/bin/python3$' || true); do
  if "$py" -c 'import torch' 2>/dev/null; then python=$py; break; fi
done
if [ -z "$python" ]; then
  echo "no python with torch: apt-get install -y python3-torch" >&2
  exit 1
fi

echo "== PyTorch: conv_layers_torch.py --threads 1 --seconds $seconds"
OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/conv_layers_torch.py" --threads 1 --seconds "$seconds" | tee "$torch_out"
echo "== latent4j: ./latent4j bench conv --threads $threads --seconds $seconds"
"$root/latent4j" bench conv --threads "$threads" --seconds "$seconds" | tee "$l4j_out"

echo "== milliseconds per pass (batch 128) and ratio latent4j / PyTorch"
printf '%-6s %-12s %10s %10s %7s\n' layer pass pytorch latent4j ratio
total_t=0; total_l=0
while read -r _ layer pass ms _; do
  pass=${pass%:}
  t=$ms
  l=$(awk -v L="$layer" -v P="$pass:" '$1=="conv" && $2==L && $3==P {print $4}' "$l4j_out")
  printf '%-6s %-12s %10.3f %10.3f %7.3f\n' "$layer" "$pass" "$t" "$l" "$(awk -v a="$l" -v b="$t" 'BEGIN {print a/b}')"
done < <(awk '$1=="conv"' "$torch_out")
# A training step runs every pass but enc1's input gradient (the data needs none).
awk 'NR==FNR && $1=="conv" && !($2=="enc1" && $3=="input-grad:") {t+=$4; next}
     $1=="conv" && !($2=="enc1" && $3=="input-grad:") {l+=$4}
     END {printf "== one training step of the four layers (all passes but enc1 input-grad): pytorch %.2f ms, latent4j %.2f ms, ratio %.3f\n", t, l, l/t}' \
  "$torch_out" "$l4j_out"
