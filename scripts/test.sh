#!/usr/bin/env bash
# `npm test`: the local services, a build, a type check and lint of everything, then both jest projects
# (unit and integration).
# Results: reports/jest.json. Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[test] %s\n' "$*" >&2; }

log "starting the local services (scripts/services.sh)"
bash scripts/services.sh start
log "installing the browser the browser tests drive, when missing (scripts/services.sh browser)"
bash scripts/services.sh browser
log "building (npm run build)"
npm run build
# The build leaves tests out; a test that does not type-check, or code the linter refuses, is red too.
log "type-checking and linting everything, tests included (npm run typecheck, npm run lint)"
npm run --silent typecheck
npm run --silent lint
mkdir -p reports

# --runInBand: the integration files share one Kafka, one database and one Redis, so they must run
# one at a time, and jest 30 has no per-project worker count. The unit tier is pure and fast; on
# the 2-core machines we run on, workers would save it little.
# --forceExit: suites run in this one process, and a client's reconnect timer (kafkajs retries a
# broker that a test pointed at a closed port for ~20 s) must not keep CI waiting once every test ended.
log "running jest"
exec npx --no-install jest --ci --runInBand --forceExit --json --outputFile=reports/jest.json "$@"
