#!/usr/bin/env bash
# Renders resources/icon.svg to resources/icon.png (512x512, transparent corners) with Chromium,
# whose SVG rendering matches the browsers'. Run again after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "render-icon: Chromium is needed (apt-get install -y chromium)" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --default-background-color=00000000 --window-size=512,512 \
  --screenshot="$PWD/icon.png" "file://$PWD/icon.svg" 2>/dev/null
echo "render-icon: wrote $PWD/icon.png"
