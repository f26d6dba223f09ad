#!/usr/bin/env bash
# bench/telemetry-ab.sh [SIZE]: the cached reads of make bench on one instance with telemetry off (no metrics port,
# no OTLP: no meter or tracer provider exists), then on (metrics on Careers__Metrics__Port, scraped every second
# while wrk runs, as a Prometheus would, far more often than its default 15 s), twice, alternating: what the
# metrics cost, measured away from the other rows. Traces are not in it: they need a collector to export to.
# Needs the database make bench SIZE=N made (careers_bench_N) and a Release build (make bench builds one).
# DUR=1s WARM=1s ROUNDS=1 for a smoke run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/services.sh env)"
DB=${DB:-careers_bench_${1:-100000}}
PORT=5181
METRICS_PORT=5182
REDIS_PORT=6394
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/telemetry-bench-redis.log >/dev/null
trap 'redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true' EXIT
export ConnectionStrings__Postgres="Host=127.0.0.1;Username=careers;Password=careers;Database=$DB" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
# Rate limits off, as in make bench's rows: the A/B measures the cached reads, not 429s.
export Careers__RateLimits__Enabled=false Careers__Rendering__Backfill=false Careers__MigrateOnStartup=false Logging__LogLevel__Default=Warning Careers__Cache__KeyPrefix="telemetrybench:"
unset OTEL_EXPORTER_OTLP_ENDPOINT Careers__Metrics__Port
run() {
  local label=$1; shift
  env "$@" dotnet api/bin/Release/net10.0/Careers.Api.dll --urls "http://127.0.0.1:$PORT" >/tmp/telemetry-bench-api.log 2>&1 &
  local pid=$! scraper=""
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.05; done
  if [[ $label == on ]]; then
    (while sleep 1; do curl -sf -o /dev/null "http://127.0.0.1:$METRICS_PORT/metrics" || true; done) &
    scraper=$!
  fi
  wrk -t2 -c32 -d${WARM:-6s} "http://127.0.0.1:$PORT/v1/postings?lang=en" >/dev/null 2>&1
  for url in "/v1/postings?lang=en" "/v1/postings?lang=en&country=DE,FR" "/v1/countries?lang=en" "/v1/facets?lang=en"; do
    wrk -t2 -c32 -d${WARM:-6s} "http://127.0.0.1:$PORT$url" >/dev/null 2>&1
    out=$(wrk -t2 -c32 -d${DUR:-5s} "http://127.0.0.1:$PORT$url")
    echo "$label $url $(awk '/Requests\/sec/ {print $2}' <<<"$out") non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  done
  if [[ -n $scraper ]]; then
    kill "$scraper"; wait "$scraper" 2>/dev/null || true
    echo "on: $(curl -s "http://127.0.0.1:$METRICS_PORT/metrics" | grep -c '^careers_cache_requests_total') cache series scraped"
  fi
  kill $pid; wait $pid 2>/dev/null || true
}
for round in $(seq 1 ${ROUNDS:-2}); do
  run off
  run on Careers__Metrics__Port=$METRICS_PORT
done
