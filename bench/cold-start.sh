#!/usr/bin/env bash
# Cold start of `npm start` on a fresh and on an existing data dir, and RSS after start.
# Run from the project root: bash bench/cold-start.sh   (uses port 3995 and a temporary DATA_DIR)
cd "$(dirname "$0")/.."
port=3995
data=$(mktemp -d)
measure() {
  local label=$1
  local t0=$(date +%s.%N)
  (exec setsid env PORT=$port DATA_DIR=$data npm start >/tmp/cold-$label.log 2>&1) &
  local pid=$!
  until curl -fsS localhost:$port/api/health >/dev/null 2>&1; do sleep 0.1; done
  local t1=$(date +%s.%N)
  sleep 2
  local node=$(pgrep -f "^node bin/tutti.mjs serve" | head -1)
  local nrss=$(awk '/VmRSS/{print $2}' /proc/$node/status)
  local pm=$(head -1 $data/pg/postmaster.pid); local prss=$(ps -o rss= --pid $pm --ppid $pm | awk "{s+=\$1} END {print s}")
  echo "$label: up in $(python3 -c "print(round($t1-$t0,2))") s; node RSS $((nrss/1024)) MB; embedded postgres RSS (sum over its processes) $((prss/1024)) MB"
  kill -TERM -- -$pid; wait $pid 2>/dev/null; sleep 1
}
measure fresh
measure existing
rm -rf $data
