#!/usr/bin/env bash
# bench/feeds.sh BASE_URL API_PID: each full feed at the dataset the API serves now, downloaded once
# uncompressed and once with Brotli: time to first and to last byte (curl), body size, and how much the
# API's resident memory grew while it streamed (VmRSS sampled every 20 ms; peak minus before).
# Standalone: start the API yourself (Careers__Site__* set, or indeed.xml answers 400), then e.g.
#   bash bench/feeds.sh http://127.0.0.1:5080 "$(pgrep -f 'Careers.Api.dll --urls')"
set -euo pipefail

BASE="${1:?usage: bench/feeds.sh BASE_URL API_PID}"
PID="${2:?usage: bench/feeds.sh BASE_URL API_PID}"
[[ -r "/proc/$PID/status" ]] || { echo "feeds: no process $PID" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$PID/status"; }

# feed NAME PATH ENCODING: one download; prints a row of the table.
feed() {
  local name=$1 path=$2 encoding=$3 samples peak before out status
  samples=$(mktemp)
  # A warm-up download: the first one pays for JIT compilation and the connection pool, not for streaming.
  curl -s -o /dev/null -H "Accept-Encoding: $encoding" "$BASE$path"
  before=$(rss_kb)
  ( while kill -0 "$PID" 2>/dev/null; do rss_kb >>"$samples"; sleep 0.02; done ) &
  local sampler=$!
  out=$(curl -s -o /dev/null -H "Accept-Encoding: $encoding" \
    -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' "$BASE$path")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$samples" | tail -1); rm -f "$samples"
  read -r status ttfb total size <<<"$out"
  [[ "$status" == 200 ]] || { printf '%-22s %-9s HTTP %s\n' "$name" "$encoding" "$status"; return; }
  printf '%-22s %-9s %9.0f %9.0f %10.1f %12.1f\n' "$name" "$encoding" \
    "$(echo "$ttfb * 1000" | bc)" "$(echo "$total * 1000" | bc)" "$(echo "$size / 1048576" | bc -l)" \
    "$(echo "(${peak:-$before} - $before) / 1024" | bc -l)"
}

COUNT=$(curl -s "$BASE/v1/languages" | grep -o '"count":[0-9]*' | cut -d: -f2 | paste -sd+ | bc 2>/dev/null || echo "?")
echo "feeds at $BASE (API pid $PID, $COUNT visible language versions)"
printf '%-22s %-9s %9s %9s %10s %12s\n' feed encoding "TTFB ms" "last ms" "body MB" "RSS +MB"
for encoding in identity br; do
  feed "postings.json" "/v1/feeds/postings.json" "$encoding"
  feed "postings.json?lang=en" "/v1/feeds/postings.json?lang=en" "$encoding"
  feed "indeed.xml" "/v1/feeds/indeed.xml" "$encoding"
done
