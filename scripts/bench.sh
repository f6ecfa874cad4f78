#!/usr/bin/env bash
# npm run bench: builds, makes sure Kafka/PostgreSQL/Redis run, then runs each benchmark and
# prints one JSON line per figure (plus a human line). Figures go into README by hand, with the machine.
# BENCH_SOAK=1 adds the soak (10 minutes by default, BENCH_SOAK_SECONDS; writes docs/soak.csv and docs/soak.png).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh start
npm run build --silent
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), node $(node --version)"
benches="fold pipeline latency scale-out replay ingest insights train-model lead-list-sort"
if [ "${BENCH_SOAK:-0}" = 1 ]; then benches="$benches soak"; fi
for bench in $benches; do
  if [ -f "dist/bench/$bench.bench.js" ]; then node "dist/bench/$bench.bench.js"; fi
done
