#!/usr/bin/env bash
# bench/release-ab.sh OLD_REV: the cached reads of this checkout against OLD_REV (git worktree, Release build), one instance at a time, alternating, twice. Needs careers_bench_100000 (make bench SIZE=100000) and a Release build of this checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OLD_REV=${1:?usage: bench/release-ab.sh OLD_REV}
OLD_DIR=$(mktemp -d)/old
git worktree add -q "$OLD_DIR" "$OLD_REV"
dotnet build "$OLD_DIR/api" -c Release -v quiet -nologo >/dev/null
eval "$(bash scripts/services.sh env)"
PORT=5190; REDIS_PORT=6395
redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/ab-redis.log >/dev/null
trap 'redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true; git worktree remove --force "$OLD_DIR"' EXIT
export ConnectionStrings__Postgres="Host=127.0.0.1;Username=careers;Password=careers;Database=careers_bench_100000" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
export Careers__RateLimits__Enabled=false Careers__Rendering__Backfill=false Careers__MigrateOnStartup=false Logging__LogLevel__Default=Warning Careers__Cache__KeyPrefix="abbench:" Careers__Changes__PollSeconds=60
unset Careers__Metrics__Port OTEL_EXPORTER_OTLP_ENDPOINT
run() {
  local label=$1 dir=$2
  (cd $dir/api && exec dotnet bin/Release/net10.0/Careers.Api.dll --urls "http://127.0.0.1:$PORT") >/tmp/ab-api.log 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.05; done
  for url in "/v1/countries?lang=en" "/v1/postings?lang=en" "/v1/facets?lang=en"; do
    wrk -t2 -c32 -d6s "http://127.0.0.1:$PORT$url" >/dev/null 2>&1
    out=$(wrk -t2 -c32 -d6s "http://127.0.0.1:$PORT$url")
    echo "$label $url $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  done
  kill $pid; wait $pid 2>/dev/null || true
}
for round in 1 2; do run new "$PWD"; run old "$OLD_DIR"; done
