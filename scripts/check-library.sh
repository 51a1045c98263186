#!/usr/bin/env bash
# Checks latent4j as a library, after `./mvnw install` (./run-tests runs it last): what is in the local
# Maven repository must be what a user's build needs, and examples/library-quickstart, a project of its
# own, must build against it and run.
#  1. the BOM lists every jar module, and the BOM and the example are at the project's version;
#  2. each installed module has its jar, -sources.jar and -javadoc.jar, the jar's Automatic-Module-Name
#     is org.latent4j.<module>, and the five jars together form a valid module path (no shared package);
#  3. the example compiles offline against the local repository and runs; it exits non-zero when a
#     model it loads back disagrees with the one it saved.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/jdk.sh"
cd "$root"

fail() { echo "check-library: $*" >&2; exit 1; }
# The project's own <version>: the first one after its <artifactId> (a parent's comes before it).
project_version() { sed -n "/<artifactId>$2<\/artifactId>/,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p" "$1" | head -n1; }

version=$(project_version pom.xml latent4j-parent)
[ -n "$version" ] || fail "no version found in pom.xml"
bom_version=$(project_version bom/pom.xml latent4j-bom)
[ "$bom_version" = "$version" ] || fail "bom/pom.xml is at version $bom_version, the project at $version: set both"
example_pom=examples/library-quickstart/pom.xml
example_version=$(sed -n 's/.*<latent4j.version>\(.*\)<\/latent4j.version>.*/\1/p' "$example_pom")
[ "$example_version" = "$version" ] \
  || fail "$example_pom uses latent4j $example_version, the project is at $version: update its latent4j.version"

# Maven's default local repository (set LATENT4J_M2_REPO if your settings.xml moves it).
repo=${LATENT4J_M2_REPO:-$HOME/.m2/repository}
modules=$(sed -n 's/^ *<module>\([^<]*\)<\/module>.*/\1/p' pom.xml | grep -vx bom)
module_path=""
for m in $modules; do
  grep -q "<artifactId>latent4j-$m</artifactId>" bom/pom.xml || fail "bom/pom.xml does not list latent4j-$m"
  dir="$repo/org/latent4j/latent4j-$m/$version"
  for kind in "" -sources -javadoc; do
    [ -s "$dir/latent4j-$m-$version$kind.jar" ] || fail "$dir/latent4j-$m-$version$kind.jar is missing (run ./mvnw install first)"
  done
  jar="$dir/latent4j-$m-$version.jar"
  name=$(jar --describe-module --file "$jar" 2>/dev/null | sed -n 's/^\([^ @]*\)@.* automatic$/\1/p')
  [ "$name" = "org.latent4j.$m" ] || fail "$jar: automatic module name '${name}', expected org.latent4j.$m"
  module_path="$module_path${module_path:+:}$jar"
done
java -p "$module_path" --validate-modules >/dev/null || { java -p "$module_path" --validate-modules >&2 || true; fail "the latent4j jars do not form a valid module path"; }
echo "check-library: latent4j $version installed: $(echo $modules | wc -w) modules with sources and javadoc, module names and BOM checked"

# The example's Maven plugins come from Maven Central the first time (a no-op once cached); its build
# then runs offline, so latent4j can only come from the local repository, as installed above.
cd examples/library-quickstart
"$root/mvnw" -B -q -ntp dependency:resolve-plugins >/dev/null
start=$SECONDS
"$root/mvnw" -B -q -ntp -o clean compile exec:exec
echo "check-library: examples/library-quickstart built and ran in $((SECONDS - start)) s"
