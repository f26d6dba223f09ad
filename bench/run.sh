#!/usr/bin/env bash
# make bench [SIZE=N]: the API in Release over a generated dataset, loaded by wrk on loopback.
# Prints a table and writes bench/results/<timestamp>.json. Figures are from this machine only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZE="${1:-10000}"
PORT="${BENCH_PORT:-5080}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DB="careers_bench_${SIZE}"
BASE="http://127.0.0.1:${PORT}"
RESULTS="bench/results"
mkdir -p "$RESULTS"

command -v wrk >/dev/null || { echo "bench: installing wrk"; (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null; }
bash scripts/services.sh up >&2
eval "$(bash scripts/services.sh env)"
PG="host=127.0.0.1 port=5432 user=careers password=careers"

echo "bench: building the API (Release)" >&2
dotnet build api -c Release -v quiet -nologo >/dev/null
API="dotnet api/bin/Release/net10.0/Careers.Api.dll"

# Postings written by an earlier run's admin scenario (slugs bench-…) go, so the dataset is SIZE again.
PGPASSWORD=careers psql "$PG dbname=$DB" -qc "DELETE FROM postings WHERE id IN (SELECT posting_id FROM posting_translations WHERE slug LIKE 'bench-%')" >/dev/null 2>&1 || true
# A database left half-made by an interrupted run, or made by another version of the generator, is made again.
GENERATOR="generator $(sha256sum tests/Database/generate-postings.sql | cut -c1-16)"
if ! PGPASSWORD=careers psql "$PG dbname=$DB" -Atc "SELECT count(*) = $SIZE AND shobj_description((SELECT oid FROM pg_database WHERE datname = current_database()), 'pg_database') = '$GENERATOR' FROM postings" 2>/dev/null | grep -q t; then
  PGPASSWORD=careers psql "$PG dbname=postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  echo "bench: generating $SIZE postings into $DB" >&2
  PGPASSWORD=careers psql "$PG dbname=postgres" -qc "CREATE DATABASE $DB"
  ConnectionStrings__Postgres="Host=127.0.0.1;Username=careers;Password=careers;Database=$DB" $API migrate >/dev/null 2>&1
  sed -e "s/@Now/now()/g" -e "s/@N\b/$SIZE/g" tests/Database/generate-postings.sql | PGPASSWORD=careers psql "$PG dbname=$DB" -q -v ON_ERROR_STOP=1
  PGPASSWORD=careers psql "$PG dbname=$DB" -qc "VACUUM ANALYZE postings" -qc "VACUUM ANALYZE posting_translations" \
    -qc "COMMENT ON DATABASE $DB IS '$GENERATOR'"
fi

export ConnectionStrings__Postgres="Host=127.0.0.1;Username=careers;Password=careers;Database=$DB"
# The generator writes Markdown only: its HTML and text are rendered before the API serves (about
# 1 ms of CPU a version, on every core; nothing to do on a second run). The feeds are measured at
# 100k; past that the rendering would take longer than the benchmark, so it is left undone and the
# few details served as HTML render on the fly.
export Careers__Rendering__Backfill=false
if (( SIZE <= 100000 )); then
  RENDER_START=$(date +%s)
  $API render >/dev/null 2>&1
  echo "bench: rendering took $(( $(date +%s) - RENDER_START )) s" >&2
fi
# A Redis of the benchmark's own, so stopping it for the "Redis stopped" scenario disturbs nothing else.
REDIS_PORT="${BENCH_REDIS_PORT:-6390}"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/careers-bench-redis.log >/dev/null
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
# The website the feeds, JSON-LD and sitemaps point at.
export Careers__Site__PostingUrl='https://careers.example.com/{lang}/jobs/{slug}' Careers__Site__OrganizationName='Example Company' \
  Careers__Site__OrganizationUrl='https://www.example.com' Careers__Site__ApiBaseUrl="$BASE"
export Careers__Bench__Enabled=true Careers__Cache__KeyPrefix="bench:$SIZE:" Logging__LogLevel__Default=Warning
# The scenarios above the "limits on" rows measure the API without rate limits, as before issue 12
# (the default anonymous quota would refuse wrk at once); rows 16-20 measure them on.
export Careers__RateLimits__Enabled=false
# Webhooks (row 21): secrets sealed under a key of this run; the receiver is on loopback, over http.
export Careers__Webhooks__SecretKey="$(openssl rand -base64 32)" Careers__Webhooks__AllowInsecure=true Careers__Webhooks__AllowedTargets=127.0.0.1
START_NS=$(date +%s%N)
$API --urls "$BASE" >/tmp/careers-bench-api.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 500); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.01; done
READY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
# The generator writes 5% of postings already past their closesAt. In service the expiry job closes each
# one the moment it expires, so none pile up; here the job meets them all at start. Measure once it is
# done and the closed rows are vacuumed, as they would have been long ago in service.
for _ in $(seq 1 600); do
  [[ $(PGPASSWORD=careers psql "$PG dbname=$DB" -Atc "SELECT count(*) FROM postings WHERE status = 'published' AND closes_at <= now()") == 0 ]] && break
  sleep 1
done
PGPASSWORD=careers psql "$PG dbname=$DB" -qc "VACUUM ANALYZE postings" -qc "VACUUM ANALYZE posting_translations" -qc "VACUUM ANALYZE change_log"

peak_rss() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$PID/status"; }

# run NAME URL [HEADER] [SCRIPT] [CONNECTIONS]: wrk at $CONNECTIONS connections unless given; adds "name rps p50 p99" in ms.
declare -a ROWS=()
run() {
  local name=$1 url=$2 header=${3:-} script=${4:-} connections=${5:-$CONNECTIONS}
  local args=(-t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" ${header:+-H "$header"} ${script:+-s "$script"})
  [[ -n "$script" ]] || wrk "${args[@]}" -d3s "$url" >/dev/null 2>&1   # warm-up (not for writes)
  local out; out=$(wrk "${args[@]}" -d"$DURATION" --latency "$url")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")
  ROWS+=("$name|$rps|$(to_ms "$p50")|$(to_ms "$p99")|${non2xx:-0}")
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.3f", v/1000; else if (v ~ /ms$/) printf "%.3f", v+0; else if (v ~ /s$/) printf "%.3f", v*1000; else print v }'; }

# Scenario inputs, read from the running API like a client would.
ETAG=$(curl -s -D - -o /dev/null "$BASE/v1/countries?lang=en" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
SLUG=$(curl -s "$BASE/v1/postings?lang=en&limit=1" | sed -E 's/.*"slug":"([^"]+)".*/\1/')
echo "bench: $(PGPASSWORD=careers psql "$PG dbname=$DB" -Atc "SELECT count(*) FROM postings") postings; facet en is $(curl -s "$BASE/v1/countries?lang=en" | wc -c) bytes; detail slug $SLUG" >&2
CURSOR="" PAGES=0
for _ in $(seq 1 500); do   # 500 pages in, or as deep as the data goes
  NEXT=$(curl -s "$BASE/v1/postings?lang=en&limit=20${CURSOR:+&cursor=$CURSOR}" | sed -E 's/.*"nextCursor":("([^"]*)"|null).*/\2/')
  [[ -n "$NEXT" ]] || break
  CURSOR=$NEXT PAGES=$((PAGES + 1))
done

run "ceiling: static bytes, same process" "$BASE/bench/static-facet"
# Scenarios 1-5, run here (cached) and again on the cache-off instance below: "name|path".
READS=(
  "1 list, first page, lang=en|/v1/postings?lang=en"
  "2 list lang=fr&country=DE|/v1/postings?lang=fr&country=DE"
  "3 list, full text q=postgresql|/v1/postings?lang=en&q=postgresql"
  "4 list, cursor $PAGES pages in|/v1/postings?lang=en&limit=20&cursor=$CURSOR"
  "5 detail by slug|/v1/postings/$SLUG?lang=en"
  # Issue 11's filters, with typical values: about a quarter of the generated postings have a EUR
  # range reaching 60,000 a year; DE and FR are two of the 40 countries; 4 in 10 stated seniorities
  # are senior or lead. (An API without these filters ignores payMin, currency and seniority, and
  # may refuse a list in country or workplace: the non-2xx column says so.)
  "12 list payMin=60000&currency=EUR|/v1/postings?lang=en&payMin=60000&currency=EUR"
  "13 list country=DE,FR|/v1/postings?lang=en&country=DE,FR"
  "14 list workplace=remote,hybrid|/v1/postings?lang=en&workplace=remote,hybrid"
  "15 list seniority=senior,lead|/v1/postings?lang=en&seniority=senior,lead"
)
for read in "${READS[@]}"; do run "${read%%|*}" "$BASE${read#*|}"; done
run "6 country facet, cached" "$BASE/v1/countries?lang=en"
run "8 conditional GET, 304" "$BASE/v1/countries?lang=en" "If-None-Match: $ETAG"
run "facets, cached (for 19)" "$BASE/v1/facets?lang=en"

# 16-20: the same cached reads from an instance with rate limits on (issue 12), sharing the Redis:
# quotas high enough that wrk is never refused, so every request takes the limiter's whole path
# (a lease from the Redis bucket per 0.1 s of quota, spent in process; the RateLimit fields).
LIMITED="http://127.0.0.1:$((PORT + 2))"
Careers__RateLimits__Enabled=true Careers__RateLimits__Anonymous__RequestsPerSecond=10000000 Careers__RateLimits__Anonymous__Burst=10000000 \
  Careers__RateLimits__Partner__RequestsPerSecond=10000000 Careers__RateLimits__Partner__Burst=10000000 \
  $API --urls "$LIMITED" >/tmp/careers-bench-api-limits.log 2>&1 &
PID3=$!
for _ in $(seq 1 100); do curl -sf "$LIMITED/health/ready" >/dev/null && break; sleep 0.1; done
PARTNER_KEY=$($API create-api-key --name "bench-partner-$(date +%s%N)" --scope public:read 2>/dev/null)
# A process that has just started is still compiling its hot paths (tiered JIT): 10 s of load on
# each read before its row, as the first instance had from the rows before it.
for url in "/v1/postings?lang=en" "/v1/countries?lang=en" "/v1/facets?lang=en"; do wrk -t2 -c"$CONNECTIONS" -d5s "$LIMITED$url" >/dev/null 2>&1; done
run "16 list, first page, lang=en, limits on" "$LIMITED/v1/postings?lang=en"
run "17 list country=DE,FR, limits on" "$LIMITED/v1/postings?lang=en&country=DE,FR"
run "18 country facet, cached, limits on" "$LIMITED/v1/countries?lang=en"
run "19 facets, cached, limits on" "$LIMITED/v1/facets?lang=en"
run "20 list lang=en, partner key, limits on" "$LIMITED/v1/postings?lang=en" "Authorization: Bearer $PARTNER_KEY"
kill $PID3

# 7: a second instance with caching off (the database every time).
Careers__Cache__Enabled=false $API --urls "http://127.0.0.1:$((PORT + 1))" >/tmp/careers-bench-api-nocache.log 2>&1 &
PID2=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$((PORT + 1))/health/ready" >/dev/null && break; sleep 0.1; done
OFF="http://127.0.0.1:$((PORT + 1))"
run "7 country facet, cache off" "$OFF/v1/countries?lang=en"
# The same one request at a time: what each query costs when it does not queue for the CPU.
run "7 country facet, cache off, 1 connection" "$OFF/v1/countries?lang=en" "" "" 1
# 1-5 again with every cache off: the database path, whose growth with SIZE the cache hides.
for read in "${READS[@]}"; do name=${read%%|*}; run "${name%% *} cache off: ${name#* }" "$OFF${read#*|}"; done
kill $PID2

# 9: admin create + publish (two requests per posting).
export BENCH_KEY BENCH_RUN
BENCH_KEY=$($API create-api-key --name "bench-$(date +%s%N)" --scope postings:write --scope postings:publish 2>/dev/null)
BENCH_RUN=$(date +%s)
run "9 admin create+publish (2 requests each)" "$BASE" "" bench/create-publish.lua

# 10: the change stream: a page from an empty cursor and mid-stream (p50/p99, every request a miss),
# and the empty poll at the head with If-None-Match (304s/s, against the ceiling below).
CHANGES=$(bash bench/changes.sh "$BASE")
POLL_RPS=$(awk -F'rps=' '/empty poll, If-None-Match/ {print $2+0}' <<<"$CHANGES")

# 11: the full-content feeds, streamed (time to first and last byte, the API's memory growth while streaming).
FEEDS=""
if (( SIZE <= 100000 )); then FEEDS=$(bash bench/feeds.sh "$BASE" "$PID"); fi

# 21: webhook delivery throughput: N changes in one write, to a receiver on loopback (before Redis stops: the write is announced on it).
WEBHOOKS=$(bash bench/webhooks.sh "$DB" "$REDIS_PORT" 2>/tmp/careers-bench-webhooks.log) || WEBHOOKS="webhook delivery: failed (see /tmp/careers-bench-webhooks.log)"
WEBHOOK_EPS=$(sed -nE 's/.* = ([0-9]+) events\/s, write.*/\1/p' <<<"$WEBHOOKS")

redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
sleep 1
run "6b country facet, Redis stopped" "$BASE/v1/countries?lang=en"
READY=$(curl -s "$BASE/health/ready")
RSS=$(peak_rss)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
{
  echo "{\"size\": $SIZE, \"connections\": $CONNECTIONS, \"duration\": \"$DURATION\", \"cores\": $(nproc), \"peakRssMb\": $RSS, \"startToReadyMs\": $READY_MS, \"webhookEventsPerSecond\": ${WEBHOOK_EPS:-null}, \"scenarios\": ["
  for i in "${!ROWS[@]}"; do
    IFS='|' read -r n r p5 p9 e <<<"${ROWS[$i]}"
    printf '  {"name": "%s", "requestsPerSecond": %s, "p50Ms": %s, "p99Ms": %s, "non2xx3xx": %s}%s\n' "$n" "$r" "$p5" "$p9" "$e" "$([[ $i -lt $((${#ROWS[@]}-1)) ]] && echo , )"
  done
  echo "]}"
} > "$RESULTS/$STAMP.json"

CEIL=$(IFS='|' read -r _ r _ <<<"${ROWS[0]}"; echo "$r")
printf '\nmake bench SIZE=%s — %s connections, %s per scenario, %s cores, wrk on the same machine\n\n' "$SIZE" "$CONNECTIONS" "$DURATION" "$(nproc)"
printf '| scenario | requests/s | vs ceiling | p50 ms | p99 ms | non-2xx/3xx |\n|---|---:|---:|---:|---:|---:|\n'
for row in "${ROWS[@]}"; do
  IFS='|' read -r n r p5 p9 e <<<"$row"
  printf '| %s | %.0f | %s | %s | %s | %s |\n' "$n" "$r" "$(awk -v a="$r" -v b="$CEIL" 'BEGIN{printf "%.0f%%", 100*a/b}')" "$p5" "$p9" "$e"
done
printf '\n%s\nchanges empty poll: %.0f 304s/s = %s of the ceiling\n' "$CHANGES" "$POLL_RPS" "$(awk -v a="$POLL_RPS" -v b="$CEIL" 'BEGIN{printf "%.0f%%", 100*a/b}')"
[[ -z "$FEEDS" ]] || printf '\n%s\n' "$FEEDS"
printf '\n%s\n' "$WEBHOOKS"
printf '\nAPI peak RSS: %s MB. Process start to /health/ready: %s ms. /health/ready with Redis stopped: %s\nJSON: %s\n' "$RSS" "$READY_MS" "$READY" "$RESULTS/$STAMP.json"
