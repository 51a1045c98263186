#!/usr/bin/env bash
# Checks the launcher's signal handling: a TERM sent to the `latent4j` launcher's process (not to the JVM)
# must stop the JVM it started too, with the launcher's message, instead of leaving it running unwatched.
# Uses a long 2-D WGAN run (no data files needed) in a temporary folder; run-tests calls it after the build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "check-launcher: $*" >&2; [ -f "$work/err.txt" ] && sed 's/^/  stderr: /' "$work/err.txt" >&2; exit 1; }

"$root/latent4j" --threads 1 train wgan --data ring8 --steps 1000000 --width 16 --out "$work/run" \
  >"$work/out.txt" 2>"$work/err.txt" &
launcher=$!
java=""
for _ in $(seq 1 600); do      # up to 60 s for a first build or the start-up cache's recording
  java=$(pgrep -P "$launcher" -f 'latent4j.launcher.pid' || true)
  if [ -n "$java" ] && [ -f "$work/run/run.json" ]; then break; fi
  kill -0 "$launcher" 2>/dev/null || fail "the launcher ended before training started"
  sleep 0.1
done
[ -n "$java" ] || fail "no JVM started by the launcher (process $launcher) within 60 s"
kill -TERM "$launcher"
for _ in $(seq 1 150); do      # the JVM polls its parent; allow 15 s
  kill -0 "$java" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$java" 2>/dev/null; then
  kill -KILL "$java"
  fail "the JVM (process $java) was still running 15 s after its launcher got TERM"
fi
grep -q "the launcher (process $launcher) was stopped" "$work/err.txt" || fail "the JVM stopped without saying why"
echo "check-launcher: TERM to the launcher stopped its JVM too"
