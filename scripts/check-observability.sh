#!/usr/bin/env bash
# scripts/check-observability.sh: validates compose.yaml's observability profile without a Docker engine
# (there is none on CI): `docker-compose config` (Debian's docker-compose, installed when missing) resolves
# the file with the profile, every file the profile mounts exists, and the Grafana dashboard and the
# provisioning files parse. Nothing is started. What the dashboard queries is checked against the app's
# real /metrics by tests/Telemetry/MetricsPortTests.cs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "observability: $*"; }
die() { echo "observability: $*" >&2; exit 1; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if ! command -v docker-compose >/dev/null 2>&1; then
  log "installing docker-compose (apt)"
  out="$(mktemp)"
  export DEBIAN_FRONTEND=noninteractive
  { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends docker-compose; } >"$out" 2>&1 ||
    { cat "$out" >&2; rm -f "$out"; die "apt-get install docker-compose failed"; }
  rm -f "$out"
fi

# Debian's docker-compose 1.29 predates the top-level `name:` of the Compose Specification (compose v2 reads
# it; the project's volumes are named after it): it validates a copy without that line, under the same
# project name, resolving relative paths from the repository as compose v2 does.
copy="$(mktemp --suffix=.yaml)"
trap 'rm -f "$copy"' EXIT
grep -v '^name:' compose.yaml >"$copy"
name="$(sed -n 's/^name: *//p' compose.yaml)"
resolved="$(COMPOSE_PROJECT_NAME="${name:-careers}" docker-compose --project-directory . -f "$copy" \
  --profile app --profile scale --profile observability config)" || die "compose.yaml does not validate"
for service in prometheus grafana; do
  grep -q "^  $service:" <<<"$resolved" || die "the observability profile has no $service service"
done
log "docker-compose $(docker-compose version --short) validates compose.yaml with the observability profile"

for f in examples/observability/prometheus.yml \
         examples/observability/grafana/provisioning/datasources/prometheus.yml \
         examples/observability/grafana/provisioning/dashboards/careers.yml; do
  [[ -f $f ]] || die "$f is missing"
  # PyYAML comes with Debian's docker-compose (python3-yaml).
  python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f" || die "$f does not parse"
done
python3 - <<'PY' || die "examples/observability/grafana/dashboards/careers.json is not a dashboard"
import json
d = json.load(open("examples/observability/grafana/dashboards/careers.json"))
targets = [t for p in d["panels"] for t in p.get("targets", [])]
assert d["uid"] and d["title"] and targets, "no panel queries anything"
assert all(t["expr"].strip() and t["datasource"]["uid"] == "prometheus" for t in targets), "a query without expr or datasource"
print(f"observability: the dashboard parses: {len(d['panels'])} panels, {len(targets)} queries")
PY
