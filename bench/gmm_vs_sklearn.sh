#!/usr/bin/env bash
# latent4j's Gaussian-mixture EM against scikit-learn's, in one run, on the same data from the same start.
#
#   bench/gmm_vs_sklearn.sh [WORKDIR] [ITERATIONS]
#   LATENT4J_THREADS=1 bench/gmm_vs_sklearn.sh ...   # latent4j's thread setting (default: all cores)
#
# Data: Fashion-MNIST training images on 50 principal components (60000 × 50), written once by the
# reference script (../shared/bench/sklearn_gmm.py --write-csv). Start: a k-means++ start (k = 10, full
# covariances) written by latent4j. Both then run ITERATIONS (default 20) EM iterations with tolerance 0,
# and the script prints both lines, the relative difference of the mean log-likelihoods and the ratio of
# the times per iteration.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-/tmp/latent4j-gmm-bench}
iters=${2:-20}
ref="$root/../shared/bench"
[ -d "$ref" ] || ref=/work/shared/bench
mkdir -p "$work"
csv="$work/fm50.csv"
init="$work/init-k10.json"
if [ ! -s "$csv" ]; then
  echo "writing $csv (scikit-learn reference script, default fit)..." >&2
  "$ref/run" sklearn_gmm.py --write-csv "$csv" --max-iter 1 >/dev/null 2>&1
fi
if [ ! -s "$init" ]; then
  "$root/latent4j" bench gmm --csv "$csv" --k 10 --iterations 1 --write-init "$init" >/dev/null
fi
sk=$("$ref/run" sklearn_gmm.py --csv "$csv" --init "$init" --max-iter "$iters" --tol 0 2>/dev/null | tail -1)
l4=$("$root/latent4j" bench gmm --csv "$csv" --init "$init" --iterations "$iters" --repeats 2 2>/dev/null | tail -1)
echo "scikit-learn: $sk"
echo "latent4j:     $l4"
python3 - "$sk" "$l4" <<'PY'
import sys
def fields(line):
    t = line.split()
    return {t[i]: t[i + 1] for i in range(0, len(t) - 1, 2)}
sk, l4 = fields(sys.argv[1]), fields(sys.argv[2])
a, b = float(sk['mean_loglik']), float(l4['mean_loglik'])
print(f"mean_loglik relative difference {abs(a - b) / abs(a):.2e} (scikit-learn prints 6 decimals)")
print(f"time per iteration: latent4j / scikit-learn = {float(l4['seconds_per_iter']) / float(sk['seconds_per_iter']):.3f}")
PY
