# Sourced by ./latent4j, ./run-tests and .ci/run: points JAVA_HOME at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, else the newest JDK under the usual
# install folders, else `java` on the PATH. Says what to install when none fits.
latent4j_java_major() {  # $1 = a java executable; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

latent4j_find_jdk() {
  local min=21 best="" best_v=0 cand v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(latent4j_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
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
  echo "latent4j needs a JDK 21 or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm, /opt and on the PATH)." >&2
  echo "Install one, e.g.:  sudo apt-get install openjdk-21-jdk   (or Temurin 21/25), or set JAVA_HOME to it." >&2
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
