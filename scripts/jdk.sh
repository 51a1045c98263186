# Sourced by ./latent4j, ./run-tests and .ci/run: points JAVA_HOME at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, else the newest JDK under the usual
# install folders, else `java` on the PATH. Says what to install when none fits.
latent4j_java_major() {  # $1 = a java executable; prints its feature version (17, 21, 25, ...)
  # A JDK's `release` file says it (JAVA_VERSION="25.0.3", "1.8.0_402" for Java 8) without starting a JVM,
  # which every launcher call would otherwise pay once or twice; when there is none, ask the JVM.
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$release" | head -n1)
    case "$v" in 1.*) v=${v#1.}; v=${v%%.*} ;; *) v=${v%%.*} ;; esac
    if [ -n "$v" ]; then echo "$v"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

# Where JDKs usually live: Debian/Ubuntu packages and Temurin's, tarballs under /opt, SDKMAN, IntelliJ,
# macOS installers and Homebrew (Apple silicon and Intel). Folders that do not exist are skipped.
latent4j_jdk_folders() {
  local d
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home \
           /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
           /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -x "$d/bin/javac" ] && echo "$d"
  done
  return 0
}

latent4j_find_jdk() {
  local min=21 best="" best_v=0 cand v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(latent4j_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in $(latent4j_jdk_folders); do
    [ -x "$cand/bin/javac" ] || continue
    v=$(latent4j_java_major "$cand/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(latent4j_java_major "$cand/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then echo "$cand"; return 0; fi
  fi
  return 1
}

if ! LATENT4J_JDK=$(latent4j_find_jdk); then
  echo "latent4j needs a JDK 21 or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm, /opt," \
    "~/.sdkman, /Library/Java, Homebrew's folders and on the PATH)." >&2
  for cand in $(latent4j_jdk_folders); do
    echo "  too old: $cand (Java $(latent4j_java_major "$cand/bin/java"))" >&2
  done
  echo "Install one and run again, or set JAVA_HOME to it:" >&2
  echo "  Ubuntu 22.04, 24.04: sudo apt-get install openjdk-21-jdk" >&2
  echo "  Debian 12 (no JDK 21 package; its openjdk-17 is too old): Eclipse Temurin 21 or 25 from Adoptium's apt" >&2
  echo "    repository (package temurin-21-jdk, see adoptium.net), or SDKMAN (sdk install java, a 21 or 25 build)" >&2
  echo "  macOS: brew install openjdk@21, or Temurin's installer from adoptium.net" >&2
  exit 1
fi
export JAVA_HOME=$LATENT4J_JDK
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries (Guice) still call sun.misc.Unsafe, which JDK 24+ warns about on every build;
# the warning concerns Maven, not latent4j, so the build keeps the JDK 23 behaviour (JEP 471) quietly.
if [ "$(latent4j_java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
