#!/usr/bin/env bash
# Times the reference PyTorch sequence VAE and latent4j's on Fashion-MNIST read as sequences (28 steps of 28
# pixels, one image row per step) in one run, same machine, same moment: a one-layer LSTM (or GRU) of 256 units
# over the rows, its last hidden state → μ, log σ² (latent 20); decoder h0 = tanh(Linear(z)), z at every step,
# one recurrent layer, Linear(256 → 28) logits per step; Bernoulli likelihood, Adam 1e-3, batch 128, seed 1.
# Prints each side's per-epoch lines, the test losses, and last the median epoch times and their ratio
# (latent4j / PyTorch).
#
# Usage: bench/seq_vae_vs_torch.sh [EPOCHS] [CELL] [LATENT4J_THREADS]   (defaults: 2, lstm, all cores)
# Needs Debian's python3-torch and dataset-fashion-mnist; the reference runs with 1 thread, its fastest
# setting here (see bench/vae_vs_torch.sh). It takes minutes per epoch on a 2-core machine.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epochs=${1:-2}
cell=${2:-lstm}
threads=${3:-$(nproc)}
case "$cell" in lstm|gru) ;; *) echo "seq_vae_vs_torch.sh: CELL must be lstm or gru, got '$cell'" >&2; exit 2 ;; esac
ref=${TORCH_BENCH_DIR:-$root/../shared/bench}
torch_out=$(mktemp)
l4j_out=$(mktemp)
trap 'rm -f "$torch_out" "$l4j_out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "== PyTorch reference: $ref/torch_seq_vae.py --cell $cell --epochs $epochs --threads 1"
OPENBLAS_NUM_THREADS=1 "$ref/run" torch_seq_vae.py --cell "$cell" --epochs "$epochs" --threads 1 | tee "$torch_out"
echo "== latent4j: ./latent4j bench vae --arch $cell --epochs $epochs --threads $threads"
"$root/latent4j" bench vae --arch "$cell" --epochs "$epochs" --threads "$threads" | tee "$l4j_out"

t=$(awk '$1=="epoch" {print $4}' "$torch_out" | median)
l=$(awk '$1=="epoch" && $3=="seconds" {print $4}' "$l4j_out" | median)
tl=$(awk '$1=="epoch" {v=$8} END {print v}' "$torch_out")
ll=$(awk '$1=="epoch" && $3=="seconds" {v=$8} END {print v}' "$l4j_out")
echo "== test loss after $epochs epochs ($cell): pytorch $tl, latent4j $ll"
echo "== median epoch seconds ($cell): pytorch $t, latent4j $l, ratio latent4j/pytorch $(awk -v a="$l" -v b="$t" 'BEGIN {printf "%.3f", a/b}')"
