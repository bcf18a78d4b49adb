#!/usr/bin/env bash
# On-demand load run against local mode (issue 7): wrk with N connections for D seconds on loopback, reading one
# participant and patching another, then a check that nothing answered 5xx and that the written data is whole.
#   functions/bench/load/run.sh [--connections 50] [--duration 60s] [--port 8091]
# Needs wrk (Debian: apt-get install wrk). Starts ./local --in-memory on the port and stops it afterwards.
set -euo pipefail

connections=50 duration=60s port=8091
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
here="$root/functions/bench/load"
out="$root/functions/bench/target/load"
mkdir -p "$out"
api="http://127.0.0.1:$port/v1/tenants/acme"

"$root/local" --in-memory --port "$port" > "$out/local.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  grep -q "listening on" "$out/local.log" 2>/dev/null && break
  sleep 1
done
grep -q "listening on" "$out/local.log" || { echo "local mode did not start; see $out/local.log" >&2; exit 1; }

token=$("$root/local" token --tenant acme --ttl 7200 2>/dev/null)
reader=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"displayName":"Ada Lovelace","agentIds":["agent-1"]}' "$api/participants" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
writer=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"displayName":"Grace Hopper"}' "$api/participants" | sed -E 's/^\{"id":"([^"]+)".*/\1/')

echo "Load: $connections connections for $duration on loopback; GET one participant, PATCH another (3:1)"
TOKEN="$token" READER="/v1/tenants/acme/participants/$reader" WRITER="/v1/tenants/acme/participants/$writer" \
  wrk --threads 2 --connections "$connections" --duration "$duration" --timeout 10s --latency \
      --script "$here/mix.lua" "http://127.0.0.1:$port" | tee "$out/wrk.txt"

echo "Writer after the run: $(curl -sfi -H "Authorization: Bearer $token" "$api/participants/$writer" \
  | grep -i '^etag' | tr -d '\r')"
grep -q "^5xx: 0$" "$out/wrk.txt" || { echo "FAILED: server errors during the run" >&2; exit 1; }
grep -q "^other 4xx: 0$" "$out/wrk.txt" || { echo "FAILED: unexpected refusals during the run" >&2; exit 1; }
