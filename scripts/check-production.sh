#!/usr/bin/env bash
# Proves that dist/ plus the production dependencies run Tutti (decision 014): copies dist/,
# bin/, package.json and package-lock.json (no src/, no scripts/) into an empty folder, runs
# `npm ci --omit=dev` there (no tsx, Vite, React, esbuild), starts `node dist/server/tutti.js serve`
# with NODE_ENV=production on a fresh DATA_DIR (embedded PostgreSQL, migrations from dist/), and
# checks /api/health, the web app, and `tutti hub create` / `hub list` through bin/tutti.mjs.
# Not part of `npm test` (it installs from the npm registry: ~1–2 minutes). Run from the project
# root: bash scripts/check-production.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
fail() { echo "production: FAIL: $*"; exit 1; }
node scripts/build.mjs
work=$(mktemp -d) && chmod 755 "$work"   # the embedded PostgreSQL runs as `postgres` under root
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM -- -"$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

app=$work/app
mkdir -p "$app"
cp -r dist bin package.json package-lock.json "$app/"
echo "production: npm ci --omit=dev in $app"
(cd "$app" && npm ci --omit=dev --no-audit --no-fund) >"$work/install.log" 2>&1 || { tail -20 "$work/install.log"; fail "npm ci --omit=dev failed"; }
if grep -q EBADENGINE "$work/install.log"; then grep EBADENGINE "$work/install.log"; fail "npm ci warned that a package refuses this Node"; fi
for dev in tsx vite react esbuild tailwindcss; do
  [ ! -e "$app/node_modules/$dev" ] || fail "$dev was installed although it is a devDependency"
done
echo "production: installed $(ls "$app/node_modules" | wc -l) top-level packages ($(du -sm "$app/node_modules" | cut -f1) MB)"

data=$work/data
export DATA_DIR=$data NODE_ENV=production PUBLIC_URL=http://127.0.0.1:$port
node "$app/bin/tutti.mjs" hub create --name "Production Check Hub" --slug production-check >/dev/null || fail "tutti hub create failed"
node "$app/bin/tutti.mjs" hub list | grep -q production-check || fail "tutti hub list does not list the hub"

echo "production: node dist/server/tutti.js serve on port $port"
(cd "$app" && exec setsid env PORT="$port" node dist/server/tutti.js serve >"$work/server.log" 2>&1) &
pid=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { tail -20 "$work/server.log"; fail "the server exited during start"; }
  sleep 0.5
done
code=$(curl -s -o "$work/health" -w '%{http_code}' "http://127.0.0.1:$port/api/health")
[ "$code" = 200 ] || fail "/api/health answered $code"
echo "production: /api/health 200 $(cat "$work/health")"
curl -fsS "http://127.0.0.1:$port/" | grep -q 'id="root"' || fail "the web app is not served at /"
echo "production: ok in $(($(date +%s) - started)) s"
