#!/usr/bin/env bash
# The README's picture of the example site (docs/images/website.png), over the demo data.
# Run `make run` and `make site` first (the API on :8080, the site on :3000), then:
#
#   bash scripts/screenshot-site.sh [PAGE]     # PAGE defaults to /en/jobs
#
# SITE (default http://localhost:3000) and API (default: the site's config.js) point elsewhere.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="${SITE:-http://localhost:3000}"
PAGE="${1:-/en/jobs}"
OUT="${OUT:-$ROOT/docs/images/website.png}"
BROWSER="${CAREERS_CHROMIUM:-/usr/bin/chromium}"

bash "$ROOT/scripts/browser.sh" >/dev/null
url="$SITE$PAGE"
if [[ -n "${API:-}" ]]; then url="$url$([[ "$PAGE" == *\?* ]] && echo '&' || echo '?')api=$API"; fi
curl -sf -o /dev/null "$SITE/" || { echo "screenshot: nothing answers at $SITE: run 'make site' (and 'make run')" >&2; exit 1; }

mkdir -p "$(dirname "$OUT")"
# Virtual time lets the page's requests finish before the picture is taken.
"$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,860 \
  --virtual-time-budget=8000 --screenshot="$OUT" "$url" 2>/dev/null
echo "screenshot: $url → ${OUT#"$ROOT"/}"
