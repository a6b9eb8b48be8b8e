#!/usr/bin/env bash
# Makes the README's two phone screenshots (360 x 800 CSS px) from a built site: a theme page and
# the search page with a query. Uses Debian's Chromium (/usr/bin/chromium, installed by .ci/install)
# and Python's static server; nothing is fetched from the network.
#
#   dotnet run --project src/DhrPortal.Cli -- build -o /tmp/site
#   tools/screenshots.sh /tmp/site [theme-id] [query] [out-dir]
#
# Defaults: the theme with the most recommendations on the real site, "training", docs/screenshots.
set -euo pipefail
site=${1:?usage: tools/screenshots.sh SITE_DIR [THEME_ID] [QUERY] [OUT_DIR]}
theme=${2:-training-and-awareness}
query=${3:-training}
out=${4:-docs/screenshots}
chromium=${DHR_CHROMIUM:-/usr/bin/chromium}
port=${PORT:-8765}

[ -f "$site/themes/$theme/index.html" ] || { echo "screenshots: $site has no theme page for '$theme'" >&2; exit 1; }
mkdir -p "$out"
python3 -m http.server -b 127.0.0.1 -d "$site" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.2; done

shot() { # name path
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=360,800 --virtual-time-budget=8000 --screenshot="$out/$1.png" "http://127.0.0.1:$port$2" >/dev/null 2>&1
  echo "screenshots: $out/$1.png ($(stat -c %s "$out/$1.png") bytes) from $2"
}
shot theme-page "/themes/$theme/"
shot search "/search/?q=$query"
