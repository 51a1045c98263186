#!/usr/bin/env bash
# Times the reference PyTorch convolutional VAE and latent4j's on Fashion-MNIST in one run, same machine,
# same moment: Conv(1→32, k4 s2 p1) → Conv(32→64, k4 s2 p1) → μ, log σ² (latent 20); Linear → ConvTranspose
# (64→32) → ConvTranspose(32→1); ReLU, Bernoulli likelihood, Adam 1e-3, batch 128, seed 1.
# Prints each side's per-epoch lines, the median epoch times and their ratio (latent4j / PyTorch).
#
# Usage: bench/conv_vae_vs_torch.sh [EPOCHS] [LATENT4J_THREADS]   (defaults: 3, all cores)
# Needs Debian's python3-torch and dataset-fashion-mnist; the reference runs with 1 thread, its fastest
# setting here (see bench/vae_vs_torch.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epochs=${1:-3}
threads=${2:-$(nproc)}
ref=${TORCH_BENCH_DIR:-$root/../shared/bench}
torch_out=$(mktemp)
l4j_out=$(mktemp)
trap 'rm -f "$torch_out" "$l4j_out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "== PyTorch reference: $ref/torch_vae.py --arch conv --epochs $epochs --threads 1"
OPENBLAS_NUM_THREADS=1 "$ref/run" torch_vae.py --arch conv --epochs "$epochs" --threads 1 | tee "$torch_out"
echo "== latent4j: ./latent4j bench vae --arch conv --epochs $epochs --threads $threads"
"$root/latent4j" bench vae --arch conv --epochs "$epochs" --threads "$threads" | tee "$l4j_out"

t=$(awk '$1=="epoch" {print $4}' "$torch_out" | median)
l=$(awk '$1=="epoch" && $3=="seconds" {print $4}' "$l4j_out" | median)
tl=$(awk '$1=="epoch" {v=$8} END {print v}' "$torch_out")
ll=$(awk '$1=="epoch" && $3=="seconds" {v=$8} END {print v}' "$l4j_out")
echo "== median epoch seconds: pytorch $t, latent4j $l, ratio latent4j/pytorch $(awk -v a="$l" -v b="$t" 'BEGIN {printf "%.3f", a/b}')"
echo "== test loss after $epochs epochs: pytorch $tl, latent4j $ll"
