#!/usr/bin/env bash
# Records the ahead-of-time cache the launcher starts the JVM from (JDK 25+: JEP 483 class loading and
# linking, JEP 514 one-step recording with -XX:AOTCacheOutput, JEP 515 method profiles, so the JIT compiles
# the training loop's methods sooner). The recording is a short training run of the application itself:
# the reference VAE (784-400-20, Adam, batch 128) for 2 epochs on the subset of Fashion-MNIST shipped in
# the jar, with the launcher's JVM options (a cache only serves a JVM started with matching ones).
#
# Usage: scripts/aot-cache.sh [JAR] [CACHE]   (defaults: cli/target/latent4j.jar, cli/target/latent4j.aot)
# Does nothing (exit 0) on a JDK older than 25. The launcher runs it after it builds the jar, and when the
# cache is missing or older than the jar; LATENT4J_AOT=0 turns both the recording and the use off. A failed
# recording leaves CACHE.failed, so the launcher does not try again until the next build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/jdk.sh"
jar=${1:-$root/cli/target/latent4j.jar}
cache=${2:-$root/cli/target/latent4j.aot}
if [ "$(latent4j_java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Written beside the target and renamed over it: a reader never sees half a cache. The measured BLAS
# choice of the recording run goes to the scratch folder, not the user's cache (a busy recording JVM
# would time the backends badly).
OPENBLAS_NUM_THREADS=1 LATENT4J_CACHE="$work" "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/latent4j.aot" \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xss8m \
  -Xlog:aot=off -Xlog:cds=off -jar "$jar" --quiet bench vae --data fashion-mnist-small --epochs 2 \
  >"$work/log" 2>&1 || { echo "latent4j: recording the start-up cache failed (the JVM starts without it):" >&2; tail -5 "$work/log" >&2; touch "$cache.failed"; exit 0; }
[ -s "$work/latent4j.aot" ] || { echo "latent4j: the JVM wrote no start-up cache (it starts without it)" >&2; touch "$cache.failed"; exit 0; }
rm -f "$cache.failed"
mv -f "$work/latent4j.aot" "$cache.tmp.$$"
mv -f "$cache.tmp.$$" "$cache"
