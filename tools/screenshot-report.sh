#!/usr/bin/env bash
# Render the HTML report of the bundled samples in headless Chromium and save a screenshot to look at.
# Usage: tools/screenshot-report.sh [OUT_DIR] [--lang en]   (needs /work/shared/tools/screenshot or chromium)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/screenshots}
shift || true
mkdir -p "$out"
PYTHONPATH="$root/src" python3 -m compliance check --format html --output "$out/report.html" "$@" \
  "$root"/samples/*.txt "$root"/samples/*.md || true   # exit 1: some samples fail on purpose
shot=${SCREENSHOT:-/work/shared/tools/screenshot}
if [ -x "$shot" ]; then
  "$shot" "$out/report.html" "$out/report.png" 1280x4000
else
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,4000 \
    --screenshot="$out/report.png" "file://$out/report.html" >/dev/null 2>&1
  echo "$out/report.png"
fi
