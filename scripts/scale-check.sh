#!/usr/bin/env bash
# Two API instances behind nginx, natively (what compose's "scale" profile runs in containers):
# a posting published through the proxy must show at once on each instance, every read through
# the proxy must answer 200 while both instances share PostgreSQL and Redis, and restarting the
# instances one at a time (SIGTERM, then start again) under load must lose no request.
#   bash scripts/scale-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v nginx >/dev/null || { echo "scale-check: installing nginx"; (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) >/dev/null; }
command -v envsubst >/dev/null || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext-base >/dev/null)
bash scripts/services.sh up >&2
eval "$(bash scripts/services.sh env)"
dotnet build api -c Release -v quiet -nologo >/dev/null
API="dotnet api/bin/Release/net10.0/Careers.Api.dll"
WORK=$(mktemp -d)
export API_1=127.0.0.1:5101 API_2=127.0.0.1:5102 PROXY_PORT=5100 Logging__LogLevel__Default=Warning

$API --urls "http://$API_1" >"$WORK/api-1.log" 2>&1 & P1=$!
$API --urls "http://$API_2" >"$WORK/api-2.log" 2>&1 & P2=$!
{ echo "pid $WORK/nginx.pid; error_log $WORK/error.log; events {} http { access_log off;"
  envsubst '${API_1} ${API_2} ${PROXY_PORT}' < scripts/proxy/nginx.conf.template
  echo "}"; } > "$WORK/nginx.conf"
nginx -t -c "$WORK/nginx.conf" -p "$WORK" 2>&1 | tail -1
nginx -c "$WORK/nginx.conf" -p "$WORK"
trap 'kill $P1 $P2 2>/dev/null; nginx -s quit -c "$WORK/nginx.conf" -p "$WORK" 2>/dev/null || true' EXIT
for port in 5101 5102 5100; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
done

KEY=$($API create-api-key --name "scale-check-$(date +%s%N)" --scope postings:write --scope postings:publish 2>/dev/null)
SLUG="scale-check-$(date +%s)"
ID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' http://127.0.0.1:5100/v1/admin/postings -d '{
  "department":"Engineering","workplaceType":"remote","employmentType":"full_time","countries":["IS"],"language":"en",
  "translation":{"slug":"'"$SLUG"'","title":"Scale Check Engineer","summary":"Checks two instances.","sections":[]}}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
# Both instances cache the list (and the facet) before the change ...
for port in 5101 5102; do curl -sf "http://127.0.0.1:$port/v1/postings?lang=en&limit=100" >/dev/null; curl -sf "http://127.0.0.1:$port/v1/countries?lang=en" >/dev/null; done
curl -sf -X POST -H "Authorization: Bearer $KEY" "http://127.0.0.1:5100/v1/admin/postings/$ID/publish" >/dev/null
sleep 0.2   # pub/sub between instances takes milliseconds
fail=0
for port in 5101 5102; do
  if curl -sf "http://127.0.0.1:$port/v1/postings?lang=en&limit=100" | grep -q "\"$SLUG\"" &&
     curl -sf "http://127.0.0.1:$port/v1/countries?lang=en" | grep -q '"IS"'; then
    echo "scale-check: instance :$port shows the posting published through the proxy"
  else
    echo "scale-check: FAILED: instance :$port does not show $SLUG"; fail=1
  fi
done
codes=$(for _ in $(seq 1 50); do curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:5100/v1/postings/$SLUG?lang=en"; done | sort | uniq -c | tr -s ' ')
echo "scale-check: 50 reads through the proxy:$codes"
[[ "$codes" == " 50 200" ]] || fail=1

# Rolling restart under load: four clients read through the proxy while each instance in turn
# gets SIGTERM (it stops taking connections, finishes what it has in flight, exits 0) and is
# started again; nginx sends the reads to the other one meanwhile. The next instance goes only
# once nginx takes the first back (its fail_timeout, 5 s, has passed since it last failed).
load() { while [[ ! -e "$WORK/stop-load" ]]; do
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "http://127.0.0.1:5100/v1/postings?lang=en&limit=5"; done; }
LOADS=()
for i in 1 2 3 4; do load >"$WORK/load-$i.txt" & LOADS+=($!); done
restart() { # restart N: SIGTERM instance N, check it exits 0, start it again, wait until ready
  local n=$1 pid_var="P$1" addr_var="API_$1" rc=0
  sleep 2
  kill -TERM "${!pid_var}"
  wait "${!pid_var}" || rc=$?
  echo "scale-check: instance $n exited with $rc after SIGTERM"
  [[ $rc -eq 0 ]] || fail=1
  $API --urls "http://${!addr_var}" >>"$WORK/api-$n.log" 2>&1 &
  printf -v "$pid_var" '%s' "$!"
  for _ in $(seq 1 300); do curl -sf "http://${!addr_var}/health/ready" >/dev/null && break; sleep 0.1; done
  curl -sf "http://${!addr_var}/health/ready" >/dev/null || { echo "scale-check: instance $n is not ready 30 s after its start"; fail=1; }
  sleep 6
}
restart 1
restart 2
touch "$WORK/stop-load"
wait "${LOADS[@]}"
codes=$(cat "$WORK"/load-*.txt | sort | uniq -c | tr -s ' ')
echo "scale-check: reads through the proxy during the rolling restart:$codes"
[[ "$(cat "$WORK"/load-*.txt | grep -vc '^200$')" == 0 ]] || fail=1

curl -sf -X DELETE -H "Authorization: Bearer $KEY" "http://127.0.0.1:5100/v1/admin/postings/$ID" >/dev/null || true
[[ $fail -eq 0 ]] && echo "scale-check: ok" || { echo "scale-check: FAILED (logs in $WORK)"; exit 1; }
