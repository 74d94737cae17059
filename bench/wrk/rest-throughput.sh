#!/usr/bin/env bash
# ModelServer throughput with wrk (docs/performance-rest.md): a generated market (SYN), a tiny model, `serve` on a
# throwaway VOLSURF_HOME, then for each endpoint a 32-connection and a one-connection run of DURATION seconds, the
# health endpoint first and each cached GET right after it (pairs back to back: the machine is shared and loaded).
#   bench/wrk/rest-throughput.sh [PORT] [DURATION]        (needs wrk: apt-get install wrk; the app built)
# BASE_JAR=/other/clone/backtest/target/quarkus-app/quarkus-run.jar also serves another build on PORT+1 (joining the
# same embedded database and model) and runs every pair on it right after this build's: old vs new in one command.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PORT=${1:-8093}
DURATION=${2:-10}
WORK=$(mktemp -d)
export VOLSURF_HOME="$WORK/home"
cd "$ROOT"
./volsurf generate --days 40 --out "$WORK/market" --seed 7 >/dev/null
./volsurf ingest "$WORK/market" >/dev/null
./volsurf train --ticker SYN --from 2025-01-02 --to 2025-02-14 --model-dir "$WORK/model" \
  --set epochs=1 --set d_model=8 --set heads=2 --set layers=1 --set n=3 >/dev/null
./volsurf serve --port "$PORT" --model-dir "$WORK/model" >"$WORK/serve.log" 2>&1 &
SERVERS=$!
URLS="http://127.0.0.1:$PORT"
if [ -n "${BASE_JAR:-}" ]; then
  sleep 20 # the first server owns the embedded database; the second joins it
  java -Xmx4g -XX:+UseParallelGC -Dai.djl.offline=true -jar "$BASE_JAR" serve --port $((PORT + 1)) \
    --model-dir "$WORK/model" >"$WORK/serve-base.log" 2>&1 &
  SERVERS="$! $SERVERS" # stopped first: the database's owner last
  URLS="$URLS http://127.0.0.1:$((PORT + 1))"
fi
# set +e: wait returns the killed server's status (143), which under set -e would end the trap early.
trap 'set +e; for p in $SERVERS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
for URL in $URLS; do
  for _ in $(seq 1 120); do
    curl -fs "$URL/q/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  # Warm: the forecast, its serialised surface, and the JIT on every path.
  for u in "$URL/q/health/live" "$URL/api/v1/surface/SYN/2025-02-14" \
      "$URL/api/v1/implied-vol/SYN/2025-02-14?maturity=0.25&strike=500"; do
    wrk -t1 -c4 -d3s "$u" >/dev/null
  done
done
run() { # label connections url [script]
  local out
  if [ -n "${4:-}" ]; then out=$(wrk -t1 -c"$2" -d"${DURATION}s" --latency -s "$4" "$3"); else
    out=$(wrk -t1 -c"$2" -d"${DURATION}s" --latency "$3"); fi
  printf '%-34s c=%-3s %10s req/s  p50 %8s  p99 %8s\n' "$1" "$2" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")"
}
for c in 32 1; do
  for URL in $URLS; do
    p=":${URL##*:}"
    run "health-live$p" "$c" "$URL/q/health/live"
    run "implied-vol-cached$p" "$c" "$URL/api/v1/implied-vol/SYN/2025-02-14?maturity=0.25&strike=500"
  done
  for URL in $URLS; do
    p=":${URL##*:}"
    run "health-live$p" "$c" "$URL/q/health/live"
    run "implied-vol-random-cached$p" "$c" "$URL" bench/wrk/iv.lua
  done
  for URL in $URLS; do
    p=":${URL##*:}"
    run "health-live$p" "$c" "$URL/q/health/live"
    run "surface-cached$p" "$c" "$URL/api/v1/surface/SYN/2025-02-14"
  done
done
