#!/usr/bin/env bash
# Sample quality of 'latent4j train wgan' at its defaults on ring8 and grid25 (modes captured, % high-quality
# samples, reverse KL, on 2,500 samples: PacGAN's measures), for gp, sn and clip, and of the PyTorch reference
# (../shared/bench/torch_wgan_toy.py, the papers' settings: Adam 1e-4 or RMSprop 5e-5 at a constant rate) at
# the same step count, network width, batch, critic steps and seed. One run after the other (no two at once).
# Prints one line per run and ends with a table: data, constraint, latent4j modes/high quality/reverse KL,
# reference modes/high quality/reverse KL.
#
# Usage: bench/wgan_quality.sh [STEPS] [WIDTH] [SEED] [THREADS] [MODES] [DATA] [REFERENCE]
#        (defaults: 1500 512 1 1 "gp sn clip" "ring8 grid25" yes; REFERENCE=no skips PyTorch)
# Every other setting is train wgan's default. The reference script is found at $TORCH_WGAN (default:
# /work/shared/bench/torch_wgan_toy.py, or ../shared/bench next to the project).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
steps=${1:-1500}
width=${2:-512}
seed=${3:-1}
threads=${4:-1}
modes=${5:-gp sn clip}
datas=${6:-ring8 grid25}
reference=${7:-yes}
script=${TORCH_WGAN:-}
for candidate in /work/shared/bench/torch_wgan_toy.py "$root/../shared/bench/torch_wgan_toy.py"; do
  if [ -z "$script" ] && [ -f "$candidate" ]; then script=$candidate; fi
done
python=""
for py in python3 $(dpkg -L python3-minimal 2>/dev/null | grep -E '/bin/python3$' || true); do
  if "$py" -c 'import torch, numpy' 2>/dev/null; then python=$py; break; fi
done
if [ "$reference" = yes ] && { [ -z "$script" ] || [ -z "$python" ]; }; then
  echo "the reference needs torch_wgan_toy.py (set TORCH_WGAN) and a python with torch (apt-get install -y python3-torch);" \
    "or pass REFERENCE=no" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
table=()
for data in $datas; do
  for mode in $modes; do
    echo "== latent4j train wgan --data $data --lipschitz $mode --steps $steps --width $width --seed $seed --threads $threads"
    "$root/latent4j" --threads "$threads" train wgan --data "$data" --lipschitz "$mode" --steps "$steps" \
      --width "$width" --seed "$seed" --out "$out/$data-$mode" >/dev/null
    ours=$(python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
r=rows[-1]; s=sum(x["seconds"] for x in rows)
print("%d %.1f %.3f %.0f" % (r["test_modes"], r["test_high_quality"], r["test_reverse_kl"], s))' "$out/$data-$mode/metrics.jsonl")
    read -r m hq kl sec <<<"$ours"
    echo "latent4j $data $mode: step $steps modes $m high_quality $hq reverse_kl $kl ($sec s of training)"
    ref="- - -"
    if [ "$reference" = yes ]; then
      echo "== torch_wgan_toy.py --data $data --mode $mode --steps $steps --width $width --seed $seed --threads $threads"
      OPENBLAS_NUM_THREADS=$threads "$python" "$script" --data "$data" --mode "$mode" --steps "$steps" \
        --eval-every "$steps" --width "$width" --seed "$seed" --threads "$threads" | tee "$out/torch.txt"
      ref=$(awk '/^step/ {for (i = 1; i < NF; i++) {if ($i == "modes") m = $(i + 1); if ($i == "high_quality") h = $(i + 1);
        if ($i == "reverse_kl") k = $(i + 1)}} END {print m, h, k}' "$out/torch.txt")
    fi
    table+=("$data $mode $m $hq $kl $ref")
  done
done
echo "data constraint | latent4j: modes high_quality% reverse_kl | reference: modes high_quality% reverse_kl  (step $steps, width $width, seed $seed)"
for row in "${table[@]}"; do
  echo "$row"
done
