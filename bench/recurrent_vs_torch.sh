#!/usr/bin/env bash
# Times latent4j's fused LSTM and GRU and PyTorch's on the sequence VAE's encoder shape in one run, same
# machine, same moment (core's RecurrentBenchMain and bench/torch_recurrent_bench.py): LSTM(28->256) and
# GRU(28->256) over B=128 sequences of T=28 steps, forward without a graph and forward + backward, median
# and fastest of 9 rounds of 3 passes, then the ratios latent4j / PyTorch of the forward + backward medians.
#
# Usage: bench/recurrent_vs_torch.sh [LATENT4J_THREADS] [--ground-truth]   (default: all cores; PyTorch
# runs with 1 thread, its fastest setting here; --ground-truth also times the layers written with
# differentiable ops). Needs Debian's python3-torch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${1:-$(nproc)}
cd "$root"
source scripts/jdk.sh
cp_file=$(mktemp)
out=$(mktemp)
trap 'rm -f "$cp_file" "$out"' EXIT
./mvnw -B -q -ntp -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
echo "== PyTorch, 1 thread"
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import torch' 2>/dev/null; then OPENBLAS_NUM_THREADS=1 "$py" bench/torch_recurrent_bench.py 1 | tee -a "$out"; break; fi
done
echo "== latent4j, $threads threads"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "core/target/classes:core/target/test-classes:$(cat "$cp_file")" \
  org.latent4j.nn.RecurrentBenchMain "$threads" "${@:2}" 2>&1 | grep -v 'incubator modules' | tee -a "$out"
echo "== forward+backward median, latent4j (fused) / PyTorch"
awk '{ for (i = 1; i <= NF; i++) if ($i == "forward+backward") m[$1 " " $2] = $(i + 2) }
     END { for (n in m) if (n ~ /^pytorch /) { k = n; sub(/^pytorch/, "latent4j", k);
           if (k in m) printf "%-13s %.2f ms / %.2f ms = %.2f\n", substr(n, 9), m[k], m[n], m[k] / m[n] } }' "$out"
