#!/usr/bin/env bash
# The whole system on this machine, in one command:
#   start (default)  node deps if missing, Kafka/PostgreSQL/Redis (scripts/services.sh), a build,
#                    then the apps in the background (logs and pids in .cache/run/)
#   stop [--all]     stops the apps; with --all, Kafka too (scripts/services.sh stop)
#   status           one line per app and per service
# Environment: the apps' own variables (see README "Configuration"); dev defaults below when unset.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.cache/run"
READY_TIMEOUT_S=60
STOP_TIMEOUT_S=20

# Development defaults only: real deployments set their own keys.
export INGEST_WRITE_KEYS="${INGEST_WRITE_KEYS:-dev-write-key}"
export ADMIN_TOKEN="${ADMIN_TOKEN:-dev-admin-token}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/leadscore}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
INGEST_PORT="${INGEST_PORT:-3000}"
ADMIN_PORT="${ADMIN_PORT:-3001}"
SCORING_HTTP_PORT="${SCORING_HTTP_PORT:-3002}"
HANDOFF_HTTP_PORT="${HANDOFF_HTTP_PORT:-3003}"

# name:port of its /health/ready (empty: no HTTP port to wait on). Scoring first: every app
# migrates the schema and creates the topics at start-up, so they start one after the other.
APPS=("scoring:$SCORING_HTTP_PORT" "ingest:$INGEST_PORT" "admin:$ADMIN_PORT" "handoff:$HANDOFF_HTTP_PORT")

log() { printf '[start-all] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

app_entry() { echo "$ROOT/dist/apps/$1/src/main.js"; }

# Prints the app's pid when its pid file names a live process; removes a stale pid file.
app_pid() {
  local pid_file="$RUN_DIR/$1.pid" pid
  [[ -f $pid_file ]] || return 1
  pid="$(cat "$pid_file")"
  if [[ $pid =~ ^[0-9]+$ ]] && grep -qs "dist/apps/$1/src/main.js" "/proc/$pid/cmdline"; then
    echo "$pid"
    return 0
  fi
  rm -f "$pid_file"
  return 1
}

ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/health/ready"; }

wait_ready() {
  local name="$1" port="$2" pid="$3" deadline=$((SECONDS + READY_TIMEOUT_S))
  until ready "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$RUN_DIR/$name.log" >&2
      die "$name exited during start-up (log above, .cache/run/$name.log)"
    fi
    ((SECONDS < deadline)) || die "$name not ready on :$port within ${READY_TIMEOUT_S}s; see .cache/run/$name.log"
    sleep 0.5
  done
}

install_dependencies() {
  [[ -d $ROOT/node_modules ]] && return 0
  log "installing node dependencies (npm ci)"
  # See .ci/run: a lock written on these machines can lack other platforms' optional binaries,
  # which npm ci refuses; npm install --no-save then installs the same locked tree.
  npm ci --no-audit --no-fund || {
    log "npm ci refused; installing the locked versions with npm install --no-save"
    npm install --no-save --no-audit --no-fund
  }
}

start_app() {
  local name="${1%%:*}" port="${1#*:}" pid entry
  entry="$(app_entry "$name")"
  if [[ ! -f $entry ]]; then
    die "$entry is missing after the build"
  fi
  if pid="$(app_pid "$name")"; then
    log "$name: already running (pid $pid); '$0 stop' first to run the new build"
    return 0
  fi
  # The app's node flags (scoring: its heap cap, SCORING_HEAP_MB) come from scripts/node-args.sh, as in the image.
  local node_args
  node_args="$(sh "$ROOT/scripts/node-args.sh" "$name")" || die "$name: bad node flags (scripts/node-args.sh)"
  log "$name: starting${node_args:+ (node $node_args)}, log in .cache/run/$name.log"
  # Two glibc malloc arenas instead of one per thread: the worker's RSS stayed flat ~130 MB lower in the soak (docs/soak.md).
  # shellcheck disable=SC2086 # the flags are words
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" nohup node $node_args "$entry" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$RUN_DIR/$name.pid"
  if [[ -n $port ]]; then
    wait_ready "$name" "$port" "$pid"
    log "$name: ready on http://127.0.0.1:$port"
  fi
}

stop_app() {
  local name="$1" pid
  pid="$(app_pid "$name")" || return 0
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: still running after ${STOP_TIMEOUT_S}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN_DIR/$name.pid"
}

print_welcome() {
  cat <<EOF

Leadscore is running.
  ingest   http://127.0.0.1:$INGEST_PORT   (write key: $INGEST_WRITE_KEYS)
  admin    http://127.0.0.1:$ADMIN_PORT   (ops API; token: $ADMIN_TOKEN)
  dashboard: http://127.0.0.1:$ADMIN_PORT/   (sign in with the token above)
  scoring  http://127.0.0.1:$SCORING_HTTP_PORT/metrics
  handoff  http://127.0.0.1:$HANDOFF_HTTP_PORT/metrics
  logs     .cache/run/*.log      stop: bash scripts/start-all.sh stop [--all]

Send an event:
  curl -X POST http://127.0.0.1:$INGEST_PORT/v1/events -H 'Authorization: Bearer $INGEST_WRITE_KEYS' -H 'Content-Type: application/json' -d '{"leadId":"lead-1","type":"whitepaper_download"}'
See the lead:
  curl -H 'Authorization: Bearer $ADMIN_TOKEN' http://127.0.0.1:$ADMIN_PORT/v1/leads/lead-1
EOF
}

start() {
  cd "$ROOT"
  mkdir -p "$RUN_DIR"
  install_dependencies
  bash scripts/services.sh start
  log "building (npm run build)"
  npm run build >&2
  local app
  for app in "${APPS[@]}"; do start_app "$app"; done
  print_welcome
}

stop() {
  local index
  for ((index = ${#APPS[@]} - 1; index >= 0; index--)); do stop_app "${APPS[index]%%:*}"; done
  log "apps stopped"
  if [[ ${1:-} == --all ]]; then bash "$ROOT/scripts/services.sh" stop; fi
}

status() {
  local app name port pid
  for app in "${APPS[@]}"; do
    name="${app%%:*}" port="${app#*:}"
    if [[ ! -f $(app_entry "$name") ]]; then echo "$name: not built"
    elif ! pid="$(app_pid "$name")"; then echo "$name: down"
    elif [[ -z $port ]]; then echo "$name: up (pid $pid)"
    elif ready "$port" 2>/dev/null; then echo "$name: up (pid $pid, http://127.0.0.1:$port)"
    else echo "$name: not ready (pid $pid, see .cache/run/$name.log)"
    fi
  done
  bash "$ROOT/scripts/services.sh" status
}

case "${1:-start}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  status) status ;;
  *) echo "usage: $0 [start | stop [--all] | status]" >&2; exit 2 ;;
esac
