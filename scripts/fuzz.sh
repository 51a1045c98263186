#!/usr/bin/env bash
# Fuzzes one target for a while: scripts/fuzz.sh TARGET [MINUTES]   (docs/fuzzing.md)
# TARGET is a fuzz test class, e.g. IdxReaderFuzzTest (scripts/fuzz.sh --list names them all).
# Jazzer keeps the inputs it generates in MODULE/.cifuzz-corpus/ (so a second session starts where the
# first stopped) and writes a failing input into the target's seed directory under src/test/resources,
# where every later `./mvnw test` runs it again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
targets() { find . -path '*/src/test/java/*' -name '*FuzzTest.java' | sort; }
if [ "${1:-}" = "--list" ] || [ $# -lt 1 ]; then
  [ $# -lt 1 ] && echo "usage: scripts/fuzz.sh TARGET [MINUTES]   (default 10 minutes); targets:" >&2
  targets | sed 's|.*/||; s|\.java$||' >&2
  [ $# -lt 1 ] && exit 2 || exit 0
fi
target=$1
minutes=${2:-10}
case "$minutes" in ''|*[!0-9]*) echo "fuzz.sh: MINUTES must be a whole number, got '$minutes'" >&2; exit 2 ;; esac
file=$(targets | grep "/$target.java$" || true)
if [ -z "$file" ]; then
  echo "fuzz.sh: no fuzz target '$target'; targets:" >&2
  targets | sed 's|.*/||; s|\.java$||' >&2
  exit 2
fi
module=${file#./}
module=${module%%/*}
source "$root/scripts/jdk.sh"
echo "fuzz.sh: fuzzing $target (module $module) for $minutes min"
# -am builds the modules it needs; -Dtest keeps every other test (and target) out.
exec ./mvnw -B -ntp -o -pl "$module" -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlatent4j.fuzz.duration="${minutes}m"
