#!/usr/bin/env bash
# bench/limits-ab.sh [SIZE]: the cached reads of make bench on one instance with rate limits off, then on (a quota
# wrk never exhausts), twice, alternating: what the limiter costs, measured away from the other rows.
# Needs the database make bench SIZE=N made (careers_bench_N) and a Release build (make bench builds one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/services.sh env)"
DB=${DB:-careers_bench_${1:-100000}}
PORT=5180
REDIS_PORT=6393
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/limits-bench-redis.log >/dev/null
trap 'redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true' EXIT
export ConnectionStrings__Postgres="Host=127.0.0.1;Username=careers;Password=careers;Database=$DB" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Careers__Rendering__Backfill=false Careers__MigrateOnStartup=false Logging__LogLevel__Default=Warning Careers__Cache__KeyPrefix="limitsbench:"
export Careers__Changes__PollSeconds=60
run() {
  local label=$1; shift
  env "$@" dotnet api/bin/Release/net10.0/Careers.Api.dll --urls "http://127.0.0.1:$PORT" >/tmp/limits-bench-api.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.05; done
  wrk -t2 -c32 -d3s "http://127.0.0.1:$PORT/v1/postings?lang=en" >/dev/null 2>&1
  for url in "/v1/postings?lang=en" "/v1/postings?lang=en&country=DE,FR" "/v1/countries?lang=en" "/v1/facets?lang=en"; do
    wrk -t2 -c32 -d2s "http://127.0.0.1:$PORT$url" >/dev/null 2>&1
    out=$(wrk -t2 -c32 -d${DUR:-5s} "http://127.0.0.1:$PORT$url")
    echo "$label $url $(awk '/Requests\/sec/ {print $2}' <<<"$out") non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  done
  curl -s -D - -o /dev/null "http://127.0.0.1:$PORT/v1/countries?lang=en" | grep -i ratelimit || true
  kill $pid; wait $pid 2>/dev/null || true
}
for round in 1 2; do
  run off Careers__RateLimits__Enabled=false
  run on Careers__RateLimits__Enabled=true Careers__RateLimits__Anonymous__RequestsPerSecond=10000000 Careers__RateLimits__Anonymous__Burst=10000000
done
