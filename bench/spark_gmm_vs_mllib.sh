#!/usr/bin/env bash
# latent4j's distributed GaussianMixture against Spark MLlib's on local[2], plus the scale and VAE figures.
#
#   bench/spark_gmm_vs_mllib.sh [WORKDIR] [ITERATIONS] [SCALE_ROWS] [VAE_EPOCHS]
#   PARTS="gmm scale vae" (default all) chooses the parts; BENCH_MASTER=local[2] the Spark master.
#
# gmm:   Fashion-MNIST on 50 principal components (60000 × 50, the CSV of bench/gmm_vs_sklearn.sh), k = 10,
#        full covariances, ITERATIONS (20) EM iterations with tolerance 0 for both; time per iteration and
#        the final mean log-likelihood (both scored by latent4j's E-step), each library's own start, then
#        the same given start (MLlib's old mllib API: setInitialModel).
# scale: a synthetic 5-component mixture of SCALE_ROWS (5,000,000) × 20 generated inside Spark; time per
#        iteration, peak heap, and the projection on 10 and 100 executors.
# vae:   VAE_EPOCHS (3) epochs of synchronous training on Fashion-MNIST against the single-machine trainer,
#        and the scoring throughput of VaeModel.transform.
# The last line ends with the time-per-iteration ratio latent4j / MLlib (own starts).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-/tmp/latent4j-gmm-bench}
iters=${2:-20}
rows=${3:-5000000}
epochs=${4:-3}
parts=${PARTS:-gmm scale vae}
ref="$root/../shared/bench"
[ -d "$ref" ] || ref=/work/shared/bench
mkdir -p "$work"
csv="$work/fm50.csv"
if [ ! -s "$csv" ]; then
  echo "writing $csv (scikit-learn reference script)..." >&2
  "$ref/run" sklearn_gmm.py --write-csv "$csv" --max-iter 1 >/dev/null 2>&1
fi
cd "$root"
source scripts/jdk.sh
./mvnw -B -q -ntp -o -pl spark -am test-compile -Dlatent4j.fuzz.skip=true >&2
./mvnw -B -q -ntp -o -pl spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2
cp="spark/target/test-classes:spark/target/classes:models/target/classes:core/target/classes:$(cat "$work/cp.txt")"
# The JVM flags of the module's tests: latent4j's (Vector API, native access) and Spark's --add-opens.
flags=$(sed -n 's:.*<latent4j.jvm.flags>\(.*\)</latent4j.jvm.flags>.*:\1:p' pom.xml)
sflags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' spark/pom.xml)
run() { OPENBLAS_NUM_THREADS=1 "$JAVA_HOME/bin/java" $flags $sflags -Xmx8g -Dbench.master="${BENCH_MASTER:-local[2]}" \
          -cp "$cp" org.latent4j.spark.bench.SparkBench "$@" 2>"$work/spark-$1.log"; }
last=""
for p in $parts; do
  case $p in
    scale) run scale "$rows" 20 5 ;;
    vae) run vae /usr/share/datasets/fashion-mnist "$epochs" ;;
    gmm) last=$(run gmm "$csv" "$iters" | tee /dev/stderr | tail -1) ;;
  esac
done
if [ -n "$last" ]; then echo "$last"; fi
