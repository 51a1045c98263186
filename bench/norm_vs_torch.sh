#!/usr/bin/env bash
# Times latent4j's normalization layers and PyTorch's on the same shapes in one run, same machine,
# same moment (core's NormalizationBenchMain and bench/torch_norm_bench.py): forward without a graph,
# and forward + backward in training mode, median and fastest of 15 rounds of 10 passes.
#
# Usage: bench/norm_vs_torch.sh [LATENT4J_THREADS]   (default: all cores; PyTorch runs with 1 thread,
# its fastest setting here). Needs Debian's python3-torch.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
threads=${1:-$(nproc)}
cd "$root"
source scripts/jdk.sh
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -ntp -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
echo "== PyTorch, 1 thread"
for py in python3 /usr/bin/python3; do
  if "$py" -c 'import torch' 2>/dev/null; then OPENBLAS_NUM_THREADS=1 "$py" bench/torch_norm_bench.py 1; break; fi
done
echo "== latent4j, $threads threads"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "core/target/classes:core/target/test-classes:$(cat "$cp_file")" \
  org.latent4j.nn.NormalizationBenchMain "$threads" 2>&1 | grep -v 'incubator modules'
