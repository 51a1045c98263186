#!/usr/bin/env bash
# Times a Wasserstein GAN's generator step in PyTorch (../shared/bench/torch_wgan_toy.py) and in latent4j
# (latent4j train wgan) with the same networks (generator 2→W→W→W→2, critic 2→W→W→W→1, ReLU), batch,
# Lipschitz constraint and critic steps, one after the other in one run, on ring8. Both sides exclude
# their evaluations from the time (torch_wgan_toy.py's "seconds", latent4j's metrics.jsonl "seconds").
#
# Each side logs PERIODS times (every STEPS / PERIODS generator steps). The first period holds the warm-up
# (latent4j: the JIT compiling its Vector API kernels, and on a machine's first run the one-time timing of
# the product backends, kept in ~/.cache/latent4j; PyTorch: little), so the script prints per side the
# seconds per generator step of the first period, of the later periods (steady state) and of all steps,
# then the ratios latent4j / PyTorch of the steady state and of all steps. The last line ends with the
# all-steps ratio (warm-up included).
#
# Usage: bench/wgan_vs_torch.sh [STEPS] [MODE] [THREADS] [WIDTH] [BATCH] [CRITIC_STEPS]
#        (defaults: 200 gp 1 512 256 5; MODE is gp, sn or clip; THREADS is latent4j's thread count)
# Environment: TORCH_THREADS  PyTorch's threads (default THREADS; 1 is its fastest setting here:
#                             `bench/wgan_vs_torch.sh 200 gp 2` with TORCH_THREADS=1 compares latent4j on
#                             2 threads with PyTorch at its best)
#              PERIODS        logging periods per side (default 5; STEPS must be a multiple)
#              TORCH_WGAN     the reference script (default: /work/shared/bench/torch_wgan_toy.py, or
#                             ../shared/bench next to the project), run with a python that imports torch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
steps=${1:-200}
mode=${2:-gp}
threads=${3:-1}
width=${4:-512}
batch=${5:-256}
critic=${6:-5}
torch_threads=${TORCH_THREADS:-$threads}
periods=${PERIODS:-5}
if [ "$periods" -lt 2 ] || [ $((steps % periods)) -ne 0 ]; then
  echo "STEPS ($steps) must be a multiple of PERIODS ($periods), and PERIODS at least 2" >&2
  exit 1
fi
every=$((steps / periods))
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

echo "== PyTorch: torch_wgan_toy.py --data ring8 --mode $mode --steps $steps --eval-every $every --critic-iters $critic --batch $batch --width $width --threads $torch_threads"
OPENBLAS_NUM_THREADS=$torch_threads "$python" "$script" --data ring8 --mode "$mode" --steps "$steps" --eval-every "$every" \
  --critic-iters "$critic" --batch "$batch" --width "$width" --threads "$torch_threads" | tee "$out/torch.txt"
# torch_wgan_toy.py prints the seconds so far (its evaluations excluded) at every evaluation.
awk '/^step/ {for (i = 1; i < NF; i++) if ($i == "seconds") print $(i + 1)}' "$out/torch.txt" > "$out/torch.cumulative"

echo "== latent4j: latent4j --threads $threads train wgan --data ring8 --lipschitz $mode --steps $steps --log-every $every --critic-steps $critic --batch $batch --width $width"
"$root/latent4j" --threads "$threads" train wgan --data ring8 --lipschitz "$mode" --steps "$steps" --log-every "$every" \
  --critic-steps "$critic" --batch "$batch" --width "$width" --gp-weight 0.1 --out "$out/run" | tee "$out/l4j.txt"
# metrics.jsonl holds each period's own seconds; made cumulative as PyTorch's.
"$python" -c 'import json,sys
t = 0
for l in open(sys.argv[1]):
    t += json.loads(l)["seconds"]; print(t)' "$out/run/metrics.jsonl" > "$out/l4j.cumulative"

for side in torch l4j; do
  if [ "$(wc -l < "$out/$side.cumulative")" -ne "$periods" ]; then
    echo "expected $periods timed periods from $side, got $(wc -l < "$out/$side.cumulative")" >&2
    exit 1
  fi
done
awk -v every="$every" -v steps="$steps" -v tt="$torch_threads" -v lt="$threads" '
  FNR == 1 { side++ }
  { c[side, FNR] = $1; n[side] = FNR }
  END {
    for (s = 1; s <= 2; s++) {
      first[s] = c[s, 1] / every
      steady[s] = (c[s, n[s]] - c[s, 1]) / (steps - every)
      all[s] = c[s, n[s]] / steps
    }
    printf "seconds per generator step, PyTorch (%d threads): first %d steps %.4f, later %d %.4f, all %.4f\n", tt, every, first[1], steps - every, steady[1], all[1]
    printf "seconds per generator step, latent4j (%d threads): first %d steps %.4f, later %d %.4f, all %.4f\n", lt, every, first[2], steps - every, steady[2], all[2]
    printf "ratio latent4j / PyTorch after the first %d steps (steady state): %.3f\n", every, steady[2] / steady[1]
    printf "ratio latent4j / PyTorch, all %d steps (warm-up included): %.3f\n", steps, all[2] / all[1]
  }' "$out/torch.cumulative" "$out/l4j.cumulative"
