#!/usr/bin/env bash
# bench/webhooks.sh DATABASE REDIS_PORT: webhook delivery throughput of a running API (bench/run.sh
# starts one with Careers__Webhooks__SecretKey, AllowInsecure and AllowedTargets=127.0.0.1 set).
# A receiver (bench/WebhookReceiver, verifying every signature) listens on loopback; one subscription
# to it; one statement logs N changes (N published postings logged again: N posting.updated events,
# more when postings have several public languages), announced as a write is; then the time until
# every delivery is delivered. Prints one line: events, seconds, events/s, and what the receiver saw.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DB="${1:?usage: bench/webhooks.sh DATABASE REDIS_PORT}"
REDIS_PORT="${2:?usage: bench/webhooks.sh DATABASE REDIS_PORT}"
N="${BENCH_WEBHOOK_POSTINGS:-1000}"
PORT="${BENCH_WEBHOOK_PORT:-5098}"
PREFIX="${Careers__Cache__KeyPrefix:-}"
PG="host=127.0.0.1 port=5432 user=careers password=careers dbname=$DB"
sql() { PGPASSWORD=careers psql "$PG" -Atqc "$1"; }

dotnet build bench/WebhookReceiver -c Release -v quiet -nologo >/dev/null
RECEIVER="dotnet bench/WebhookReceiver/bin/Release/net10.0/WebhookReceiver.dll"
SUB=$(cat /proc/sys/kernel/random/uuid)
SECRET="whsec_$(openssl rand -base64 24)"
SEALED=$($RECEIVER seal "$SUB" "$SECRET")
WEBHOOK_SECRET="$SECRET" $RECEIVER serve "$PORT" >/tmp/careers-bench-receiver.log 2>&1 &
RECEIVER_PID=$!
trap 'kill $RECEIVER_PID 2>/dev/null || true; sql "DELETE FROM webhook_subscriptions WHERE id = '"'"'$SUB'"'"'" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/count" >/dev/null && break; sleep 0.05; done

sql "INSERT INTO webhook_subscriptions (id, url, events, secret, created_by, created_at, updated_at)
     VALUES ('$SUB', 'http://127.0.0.1:$PORT/hooks', ARRAY['posting.updated'], '\\x$SEALED', 'bench', now(), now())" >/dev/null
START_NS=$(date +%s%N)
sql "SELECT log_public_changes(ARRAY(SELECT id FROM postings WHERE status = 'published' ORDER BY id LIMIT $N), now())" >/dev/null
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" PUBLISH "${PREFIX}changes" "" >/dev/null
TOTAL=$(sql "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '$SUB'")
DONE=0
for _ in $(seq 1 1200); do   # two minutes at most
  DONE=$(sql "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '$SUB' AND status <> 'pending'")
  (( DONE >= TOTAL )) && break
  sleep 0.1
done
END_NS=$(date +%s%N)
# The worker's own span, from the database: first attempt to last completion (the write and the poll above left out).
SPAN=$(sql "SELECT extract(epoch FROM max(completed_at) - min(first_attempt_at)) FROM webhook_deliveries WHERE subscription_id = '$SUB'")
FAILED=$(sql "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = '$SUB' AND status <> 'delivered'")
read -r REQUESTS DISTINCT BAD <<<"$(curl -sf "http://127.0.0.1:$PORT/count")"
# The events go too: nothing of the run stays in the benchmark's database.
sql "DELETE FROM webhook_subscriptions WHERE id = '$SUB'; DELETE FROM webhook_events e WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)" >/dev/null
awk -v n="$TOTAL" -v done="$DONE" -v ns="$(( END_NS - START_NS ))" -v req="$REQUESTS" -v dist="$DISTINCT" -v bad="$BAD" -v failed="$FAILED" -v span="$SPAN" 'BEGIN {
  s = ns / 1e9
  printf "webhook delivery: %d events (%d done) in %.2f s = %.0f events/s, write to last delivered (%.0f events/s first attempt to last); receiver got %d requests, %d distinct ids, %d bad signatures; %d not delivered\n", n, done, s, (s > 0 ? n / s : 0), (span > 0 ? n / span : 0), req, dist, bad, failed
}'
