#!/usr/bin/env bash
# Times the reference PyTorch VAE and latent4j's VAE on Fashion-MNIST in one run, same machine, same
# moment: 784-400-20, ReLU, Bernoulli likelihood, Adam 1e-3, batch 128, seed 1.
# Prints each side's per-epoch lines; then, for each side, the first epoch (JIT warm-up included), the
# median of the steady epochs (2 to E) and the median of all epochs, each with the ratio latent4j / PyTorch
# (the last line's ratio is the issue's figure).
#
# Usage: bench/vae_vs_torch.sh [EPOCHS] [LATENT4J_THREADS]   (defaults: 3, all cores)
# Needs Debian's python3-torch and dataset-fashion-mnist; the reference runs with 1 thread, its fastest
# setting here (2 intra-op threads on top of a 2-thread OpenBLAS oversubscribe 2 cores).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epochs=${1:-3}
threads=${2:-$(nproc)}
ref=${TORCH_BENCH_DIR:-$root/../shared/bench}
torch_out=$(mktemp)
l4j_out=$(mktemp)
trap 'rm -f "$torch_out" "$l4j_out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "== PyTorch reference: $ref/torch_vae.py --epochs $epochs --threads 1"
OPENBLAS_NUM_THREADS=1 "$ref/run" torch_vae.py --epochs "$epochs" --threads 1 | tee "$torch_out"
echo "== latent4j: ./latent4j bench vae --epochs $epochs --threads $threads"
"$root/latent4j" bench vae --epochs "$epochs" --threads "$threads" | tee "$l4j_out"

# Per side: the median epoch (the issue's figure), the first epoch (JIT warm-up included) and the median of
# the steady epochs (2 to E; with one epoch, the first).
first() { awk "$1"' {print $4; exit}' "$2"; }
steady() { awk "$1"' {n++; if (n > 1) print $4}' "$2" | median; }
tsel='$1=="epoch"'
lsel='$1=="epoch" && $3=="seconds"'
t=$(awk "$tsel"' {print $4}' "$torch_out" | median)
l=$(awk "$lsel"' {print $4}' "$l4j_out" | median)
t1=$(first "$tsel" "$torch_out"); l1=$(first "$lsel" "$l4j_out")
ts=$(steady "$tsel" "$torch_out"); ls=$(steady "$lsel" "$l4j_out")
[ -n "$ts" ] || ts=$t1
[ -n "$ls" ] || ls=$l1
tl=$(awk "$tsel"' {v=$8} END {print v}' "$torch_out")
ll=$(awk "$lsel"' {v=$8} END {print v}' "$l4j_out")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }
echo "== first epoch seconds: pytorch $t1, latent4j $l1, ratio $(ratio "$l1" "$t1")"
echo "== steady epoch seconds (median of epochs 2-$epochs): pytorch $ts, latent4j $ls, ratio $(ratio "$ls" "$ts")"
echo "== median epoch seconds: pytorch $t, latent4j $l, ratio latent4j/pytorch $(ratio "$l" "$t")"
echo "== test loss after $epochs epochs: pytorch $tl, latent4j $ll"
