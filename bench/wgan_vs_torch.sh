#!/usr/bin/env bash
# Times a Wasserstein GAN's generator step in PyTorch (../shared/bench/torch_wgan_toy.py) and in latent4j
# (latent4j train wgan) with the same networks (generator 2→W→W→W→2, critic 2→W→W→W→1, ReLU), batch,
# Lipschitz constraint and critic steps, one after the other in one run, on ring8. Both sides exclude
# their evaluations from the time (torch_wgan_toy.py's "seconds", latent4j's metrics.jsonl "seconds").
# Prints each side's lines, the seconds per generator step of each, and ends with the ratio latent4j / PyTorch.
#
# Usage: bench/wgan_vs_torch.sh [STEPS] [MODE] [THREADS] [WIDTH] [BATCH] [CRITIC_STEPS]
#        (defaults: 100 gp 1 512 256 5; MODE is gp, sn or clip; THREADS is used by both sides)
# The reference script is found at $TORCH_WGAN (default: /work/shared/bench/torch_wgan_toy.py, or
# ../shared/bench next to the project) and run with a python that imports torch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
steps=${1:-100}
mode=${2:-gp}
threads=${3:-1}
width=${4:-512}
batch=${5:-256}
critic=${6:-5}
script=${TORCH_WGAN:-}
for candidate in /work/shared/bench/torch_wgan_toy.py "$root/../shared/bench/torch_wgan_toy.py"; do
  if [ -z "$script" ] && [ -f "$candidate" ]; then script=$candidate; fi
done
if [ -z "$script" ]; then
  echo "torch_wgan_toy.py not found: set TORCH_WGAN=/path/to/torch_wgan_toy.py" >&2
  exit 1
fi
python=""
for py in python3 $(dpkg -L python3-minimal 2>/dev/null | grep -E '/bin/python3$' || true); do
  if "$py" -c 'import torch, numpy' 2>/dev/null; then python=$py; break; fi
done
if [ -z "$python" ]; then
  echo "no python with torch: apt-get install -y python3-torch" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== PyTorch: torch_wgan_toy.py --data ring8 --mode $mode --steps $steps --critic-iters $critic --batch $batch --width $width --threads $threads"
OPENBLAS_NUM_THREADS=$threads "$python" "$script" --data ring8 --mode "$mode" --steps "$steps" --eval-every "$steps" \
  --critic-iters "$critic" --batch "$batch" --width "$width" --threads "$threads" | tee "$out/torch.txt"
torch_seconds=$(awk '/^step/ {for (i = 1; i < NF; i++) if ($i == "seconds") s = $(i + 1)} END {print s}' "$out/torch.txt")

echo "== latent4j: latent4j train wgan --data ring8 --lipschitz $mode --steps $steps --critic-steps $critic --batch $batch --width $width --threads $threads"
"$root/latent4j" --threads "$threads" train wgan --data ring8 --lipschitz "$mode" --steps "$steps" --log-every "$steps" \
  --critic-steps "$critic" --batch "$batch" --width "$width" --gp-weight 0.1 --out "$out/run" | tee "$out/l4j.txt"
l4j_seconds=$("$python" -c 'import json,sys; print(sum(json.loads(l)["seconds"] for l in open(sys.argv[1])))' "$out/run/metrics.jsonl")

awk -v t="$torch_seconds" -v l="$l4j_seconds" -v n="$steps" 'BEGIN {
  printf "seconds per generator step: PyTorch %.4f, latent4j %.4f\n", t / n, l / n
  printf "ratio latent4j / PyTorch: %.3f\n", l / t }'
