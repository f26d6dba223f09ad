#!/usr/bin/env bash
# bench/changes.sh BASE_URL: the change stream against a running API (as bench/run.sh starts one).
# Prints p50/p99 of a first page from an empty cursor and of a page mid-stream (each URL asked
# once per request: no cache hit is counted), and the empty poll at the stream's head with
# If-None-Match: requests/s and the share answered 304 (the ceiling is what a cache hit costs).
set -euo pipefail
BASE="${1:?usage: bench/changes.sh BASE_URL}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
LIMIT="${BENCH_CHANGES_LIMIT:-100}"
command -v wrk >/dev/null || { echo "changes: wrk is not installed" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cursor() { sed -E 's/.*"nextCursor":"([^"]+)".*/\1/' "$1"; }

# Distinct URLs per request (a throwaway parameter the API ignores would still be a distinct cache
# key, so it is a miss): the latency of computing a page, not of a kept answer.
cat > "$TMP/miss.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", wrk.path .. "&_n=" .. n .. "-" .. math.random(1e9))
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f rps=%.0f non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status))
end
LUA
cat > "$TMP/hit.lua" <<'LUA'
local etag = os.getenv("ETAG")
request = function() return wrk.format("GET", nil, { ["If-None-Match"] = etag }) end
local not_modified = 0
response = function(status) if status == 304 then not_modified = not_modified + 1 end end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
LUA

# Mid-stream: the cursor after half of the first 2,000 changes.
curl -sf "$BASE/v1/changes?limit=1000" -o "$TMP/p1.json"
MID="$(cursor "$TMP/p1.json")"
# The head: follow the stream until a page comes back empty.
HEAD_CURSOR="$MID"
while :; do
  curl -sf "$BASE/v1/changes?limit=1000&cursor=$HEAD_CURSOR" -o "$TMP/page.json"
  grep -q '"items":\[\]' "$TMP/page.json" && break
  HEAD_CURSOR="$(cursor "$TMP/page.json")"
done
HEAD_URL="$BASE/v1/changes?limit=$LIMIT&cursor=$HEAD_CURSOR"
ETAG="$(curl -sfD - -o /dev/null "$HEAD_URL" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')"

echo "changes first page (limit=$LIMIT, empty cursor): $(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$TMP/miss.lua" "$BASE/v1/changes?limit=$LIMIT" | tail -1)"
echo "changes mid-stream page (limit=$LIMIT):        $(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$TMP/miss.lua" "$BASE/v1/changes?limit=$LIMIT&cursor=$MID" | tail -1)"
echo "changes empty poll, If-None-Match:            $(ETAG="$ETAG" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$TMP/hit.lua" "$HEAD_URL" | tail -1)"
# The 304 share: of 200 polls at the head with the ETag, how many were 304.
SHARE=0
for _ in $(seq 200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$HEAD_URL")" = 304 ] && SHARE=$((SHARE + 1))
done
echo "changes empty poll 304 share: $((SHARE * 100 / 200))%"
