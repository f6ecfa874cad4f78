#!/bin/sh
# Prints the node flags an app is started with, for `node $(sh scripts/node-args.sh APP) dist/apps/APP/src/main.js`:
# scripts/start-all.sh, the Docker image (docker/app.Dockerfile) and the latency/soak benches all start apps through it.
#   scoring: --max-old-space-size=$SCORING_HEAP_MB (default 512; 0: none, V8's own limit). Without a cap V8 lets
#            the old generation grow to several GB before collecting it in earnest, and RSS follows
#            (docs/soak.md); with it, the heap stays near what is live.
# POSIX sh: the image has no bash.
set -eu
app="${1:?usage: node-args.sh APP}"
case "$app" in
  scoring)
    mb="${SCORING_HEAP_MB:-512}"
    case "$mb" in
      '' | *[!0-9]*) echo "SCORING_HEAP_MB must be a number of MB (0: no cap), got '$mb'" >&2; exit 1 ;;
    esac
    if [ "$mb" -ne 0 ]; then echo "--max-old-space-size=$mb"; fi
    ;;
esac
