#!/usr/bin/env bash
# Cold start, side by side: the TypeScript run through tsx (how Tutti ran before decision 014:
# "old") against the build in dist/ (what `npm start` and production run: "new").
#   `tutti hub list`          on an existing data dir (the command starts and stops the embedded
#                             PostgreSQL itself, as it does whenever the app is not running)
#   `npm start` to health     on a fresh data dir (initdb, migrations, demo hub) and an existing one
# Each figure is the median of RUNS runs (default 3), old and new taking turns; the node RSS is
# read 2 s after health. Run from the project root: bash bench/cold-start.sh
# (port 3995, temporary DATA_DIRs; builds dist/ first when stale).
# BASE=<git ref> makes "old" that commit as it was (its own checkout, its own `npm start`, its web
# app built first), e.g. BASE=eb16fa6, the last commit before the build: the figures the issue's
# "at least 40% faster than today" is measured against.
set -uo pipefail
cd "$(dirname "$0")/.."
port=3995
runs=${RUNS:-3}
node scripts/build.mjs >/dev/null || exit 1
old_cli=(node --import tsx src/server/cli/tutti.ts)
new_cli=(node dist/server/tutti.js)
# the old `npm start` as it was: npm, a nested `npm run` for the web build check, then tsx
old_start="exec npm exec -c 'npm run build --silent >/dev/null && exec node --import tsx src/server/cli/tutti.ts serve --demo'"
new_start="exec npm start"
tmp=$(mktemp -d) && chmod 755 "$tmp"   # the embedded PostgreSQL runs as `postgres` under root
trap 'rm -rf "$tmp"' EXIT
if [ -n "${BASE:-}" ]; then
  git worktree add -q --detach "$tmp/base" "$BASE" || exit 1
  trap 'git worktree remove --force "$tmp/base"; rm -rf "$tmp"' EXIT
  cp -al node_modules "$tmp/base/node_modules"
  (cd "$tmp/base" && npm run build:web --silent >/dev/null) || { echo "could not build $BASE's web app"; exit 1; }
  old_cli=(node "$tmp/base/bin/tutti.mjs")
  old_start="cd '$tmp/base' && exec npm start"
fi
now() { date +%s.%N; }
median() { python3 -c "import sys,statistics;v=[float(x) for x in sys.argv[1:]];print(f'{statistics.median(v):.2f}')" "$@"; }
faster() { python3 -c "import sys;o,n=float(sys.argv[1]),float(sys.argv[2]);print(f'{(o-n)/o*100:.0f}% faster')" "$1" "$2"; }
declare -A times rss

# `tutti hub list`
for label in old new; do
  if [ $label = old ]; then cmd=("${old_cli[@]}"); else cmd=("${new_cli[@]}"); fi
  DATA_DIR=$tmp/cli-$label "${cmd[@]}" hub create --name "Bench Hub" --slug bench-hub >/dev/null || exit 1
done
for _ in $(seq 1 "$runs"); do
  for label in old new; do
    if [ $label = old ]; then cmd=("${old_cli[@]}"); else cmd=("${new_cli[@]}"); fi
    data=$tmp/cli-$label
    t0=$(now)
    out=$(/usr/bin/time -f "%M" -o "$tmp/time" env DATA_DIR=$data "${cmd[@]}" hub list) || { echo "hub list ($label) failed"; exit 1; }
    t1=$(now)
    grep -q bench-hub <<<"$out" || { echo "hub list ($label) did not list the hub"; exit 1; }
    times[cli-$label]+="$(python3 -c "print($t1-$t0)") "
    rss[cli-$label]+="$(($(tail -1 "$tmp/time") / 1024)) "
  done
done

# `npm start` to /api/health
start() {
  local label=$1 kind=$2 data=$3 cmd
  if [ "$label" = old ]; then cmd=$old_start; else cmd=$new_start; fi
  local t0; t0=$(now)
  (exec setsid env PORT=$port DATA_DIR="$data" sh -c "$cmd" >"$tmp/start-$label.log" 2>&1) &
  local pid=$!
  until curl -fsS localhost:$port/api/health >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { echo "npm start ($label) exited:"; tail -5 "$tmp/start-$label.log"; exit 1; }
    sleep 0.05
  done
  local t1; t1=$(now)
  times[$kind-$label]+="$(python3 -c "print($t1-$t0)") "
  sleep 2
  local node; node=$(pgrep -f "^node .*(tutti\.(m?js|ts) serve|scripts/start\.mjs)" | head -1)
  rss[$kind-$label]+="$(($(awk '/VmRSS/{print $2}' /proc/$node/status) / 1024)) "
  kill -TERM -- -$pid; wait $pid 2>/dev/null
  while curl -fsS localhost:$port/api/health >/dev/null 2>&1; do sleep 0.1; done
}
for i in $(seq 1 "$runs"); do
  for label in old new; do
    start $label fresh "$tmp/fresh-$label-$i"
    start $label existing "$tmp/fresh-$label-$i"
  done
done

echo "cold start, median of $runs runs each ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), Node $(node -v)):"
row() {
  local key=$1 what=$2
  # shellcheck disable=SC2086
  local o; o=$(median ${times[$key-old]}); local n; n=$(median ${times[$key-new]})
  # shellcheck disable=SC2086
  printf '  %-34s old (tsx) %5s s, RSS %3s MB   new (dist) %5s s, RSS %3s MB   %s\n' "$what" "$o" \
    "$(median ${rss[$key-old]} | cut -d. -f1)" "$n" "$(median ${rss[$key-new]} | cut -d. -f1)" "$(faster "$o" "$n")"
  # every run, in the order they ran (old and new took turns)
  # shellcheck disable=SC2086
  printf '  %-34s runs: old %s / new %s\n' "" "$(printf '%.2f ' ${times[$key-old]})" "$(printf '%.2f ' ${times[$key-new]})"
}
row cli "tutti hub list"
row fresh "npm start to health, fresh data"
row existing "npm start to health, existing data"
