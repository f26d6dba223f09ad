#!/usr/bin/env bash
# Start/stop the backing services of Careers API (PostgreSQL + Redis) on loopback.
#
#   scripts/services.sh up    # start (Docker compose if an engine answers, else native Debian packages)
#   scripts/services.sh down  # stop what `up` started
#   scripts/services.sh env   # print shell exports with the connection strings: eval "$(scripts/services.sh env)"
#
# Idempotent: safe to run repeatedly and when the services are already up.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
DB_USER=careers
DB_PASSWORD=careers
DB_NAME=careers
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-60}"

log() { echo "services: $*"; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

docker_available() {
  command -v docker >/dev/null 2>&1 &&
    docker info >/dev/null 2>&1 &&
    docker compose version >/dev/null 2>&1
}

pg_answers() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1; }
redis_answers() { [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

# wait_for NAME CHECK_FUNCTION
wait_for() {
  local name="$1" check="$2" i
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if "$check"; then return 0; fi
    sleep 0.5
  done
  return 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

SERVICES_LOG="${TMPDIR:-/tmp}/careers-services.log"

# Run a command that leaves a server behind, with none of our descriptors: no stdin, stdout
# and stderr appended to $SERVICES_LOG, every other descriptor closed. A server that inherits
# the write end of a pipe (the caller's stdout, `make test | tee`, a process substitution)
# keeps whoever reads that pipe waiting for the server to exit, which is never: CI timed out
# that way once, after every test had passed.
detached() {
  (
    local fd
    for fd in $(ls /proc/$BASHPID/fd 2>/dev/null); do
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    "$@" </dev/null >>"$SERVICES_LOG" 2>&1
  )
}

# Run a command as the postgres OS user (peer auth over the local socket).
as_postgres() {
  ( cd / &&
    if [[ $(id -un) == postgres ]]; then "$@"
    elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"
    else sudo -u postgres "$@"
    fi )
}

# ---------------------------------------------------------------- native (no Docker)

APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  local out
  out="$(mktemp)"
  if [[ $APT_UPDATED -eq 0 ]]; then
    log "apt-get update"
    as_root apt-get update -qq >"$out" 2>&1 || { cat "$out" >&2; rm -f "$out"; die "apt-get update failed"; }
    APT_UPDATED=1
  fi
  log "installing $*"
  # Package scripts may start the server they install: detached, so it holds no pipe of ours.
  : >"$out"
  SERVICES_LOG="$out" detached as_root apt-get install -y -qq --no-install-recommends "$@" ||
    { cat "$out" >&2; rm -f "$out"; die "apt-get install $* failed"; }
  rm -f "$out"
}

# Highest installed PostgreSQL major version (e.g. 15).
pg_version() {
  local v
  v="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)"
  [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/postgres" ]] || return 1
  echo "$v"
}

ensure_packages() {
  local missing=()
  if ! pg_version >/dev/null || ! command -v pg_ctlcluster >/dev/null || ! command -v pg_isready >/dev/null; then
    missing+=(postgresql postgresql-client)
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    missing+=(redis-server redis-tools)
  fi
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

start_postgres() {
  if pg_answers; then
    log "postgres already answering on $PG_HOST:$PG_PORT"
  else
    local v
    v="$(pg_version)" || die "no PostgreSQL server binaries found under /usr/lib/postgresql"
    if ! pg_lsclusters -h 2>/dev/null | awk -v v="$v" '$1 == v && $2 == "main"' | grep -q .; then
      log "creating PostgreSQL $v cluster 'main' (port $PG_PORT)"
      as_root pg_createcluster "$v" main --port "$PG_PORT" >/dev/null
    fi
    # Debian's default cluster already listens on localhost; make sure of the port.
    log "starting PostgreSQL $v cluster 'main'"
    # pg_ctlcluster switches to the cluster owner itself (postgres refuses to run as root).
    # Without systemd it prints a harmless warning about not running as a systemd service.
    detached as_root pg_ctlcluster "$v" main start ||
      pg_answers || die "pg_ctlcluster $v main start failed; see $SERVICES_LOG and /var/log/postgresql/postgresql-$v-main.log"
    wait_for postgres pg_answers ||
      die "PostgreSQL did not answer on $PG_HOST:$PG_PORT within ${WAIT_SECONDS}s; see /var/log/postgresql/postgresql-$v-main.log"
    log "postgres is up on $PG_HOST:$PG_PORT"
  fi
}

start_redis() {
  if redis_answers; then
    log "redis already answering on $REDIS_HOST:$REDIS_PORT"
  else
    log "starting redis-server on $REDIS_HOST:$REDIS_PORT"
    detached redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" \
      --save '' --appendonly no --logfile /tmp/careers-redis.log --dir /tmp
    wait_for redis redis_answers ||
      die "Redis did not answer on $REDIS_HOST:$REDIS_PORT within ${WAIT_SECONDS}s; see /tmp/careers-redis.log"
    log "redis is up on $REDIS_HOST:$REDIS_PORT"
  fi
}

ensure_role_and_db() {
  local psql=(psql -X -q -v ON_ERROR_STOP=1 -d postgres -tA)
  local has_role has_db
  has_role="$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")"
  if [[ "$has_role" != 1 ]]; then
    log "creating role $DB_USER"
    as_postgres "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
  else
    # Keep the attributes/password as documented even if someone changed them.
    as_postgres "${psql[@]}" -c "ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
  fi
  has_db="$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
  if [[ "$has_db" != 1 ]]; then
    log "creating database $DB_NAME owned by $DB_USER"
    as_postgres "${psql[@]}" -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
  fi
}

native_up() {
  ensure_packages
  start_postgres
  start_redis
  ensure_role_and_db
  log "ready (postgres $PG_HOST:$PG_PORT db=$DB_NAME user=$DB_USER, redis $REDIS_HOST:$REDIS_PORT)"
}

native_down() {
  local v
  if v="$(pg_version)" && command -v pg_ctlcluster >/dev/null &&
     pg_lsclusters -h 2>/dev/null | awk -v v="$v" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    log "stopping PostgreSQL $v cluster 'main'"
    detached as_root pg_ctlcluster "$v" main stop || true
  else
    log "postgres not running"
  fi
  if command -v redis-cli >/dev/null && redis_answers; then
    log "stopping redis-server"
    redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  else
    log "redis not running"
  fi
}

# ---------------------------------------------------------------- Docker compose

compose_up() {
  log "docker engine found: docker compose up -d --wait postgres redis"
  (cd "$ROOT" && docker compose up -d --wait postgres redis)
}

compose_down() {
  log "docker compose down"
  (cd "$ROOT" && docker compose down)
}

# ---------------------------------------------------------------- main

print_env() {
  cat <<EOF
export ConnectionStrings__Postgres='Host=$PG_HOST;Port=$PG_PORT;Username=$DB_USER;Password=$DB_PASSWORD;Database=$DB_NAME'
export ConnectionStrings__Redis='$REDIS_HOST:$REDIS_PORT'
export CAREERS_TEST_POSTGRES='Host=$PG_HOST;Port=$PG_PORT;Username=$DB_USER;Password=$DB_PASSWORD;Database=postgres'
export CAREERS_TEST_REDIS='$REDIS_HOST:$REDIS_PORT'
EOF
}

usage() { echo "usage: $0 up|down|env" >&2; exit 2; }

case "${1:-}" in
  up)
    if docker_available; then compose_up; else native_up; fi
    ;;
  down)
    if docker_available; then compose_down; else native_down; fi
    ;;
  env)
    print_env
    ;;
  *)
    usage
    ;;
esac
