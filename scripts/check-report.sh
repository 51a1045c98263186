#!/usr/bin/env bash
# Opens a latent4j report in headless Chromium: checks that every image decodes and that the page
# needs no sideways scrolling, then screenshots the whole page 1280 pixels wide.
#   scripts/check-report.sh DIR_OR_HTML [OUT.png]
# DIR means DIR/report.html; OUT.png defaults to the page's name with .png (DIR/report.png).
# Exit status: 0 all good, 1 an image failed or the page is too wide, 2 bad arguments or no browser.
# Chromium: the Debian package 'chromium', or set LATENT4J_CHROMIUM to a Chromium/Chrome executable.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  sed -n '2,7s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
fi
source "$root/scripts/jdk.sh"
# The launcher (re)builds the application jar when it is missing or older than the sources.
"$root/latent4j" info >/dev/null
exec "$JAVA_HOME/bin/java" -cp "$root/cli/target/latent4j.jar" org.latent4j.report.BrowserCheck "$@"
