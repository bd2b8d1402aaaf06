#!/usr/bin/env bash
# The heavy read paths on PostgreSQL — the leadership dashboard, the follow-up table and an agency's PAR INDEX results
# page (60 agencies × 120 criteria × 2 years) — for an agency with
# 40 units, a plan of 300 tasks, four periods of unit reports and a year of monthly progress notes (3,600 updates).
# For each page: database round trips per request (pg_stat_database's committed transactions: each statement EF sends
# outside a transaction is one) and latency under wrk (p50/p95). Needs PostgreSQL (as scripts/test.sh sets up) and
# wrk. Usage: bench/read-paths.sh [seconds] [connections]   (default 10 s, 4 connections); SIPAR_DLL=… runs another
# build of the app (an earlier commit's) on the same data, for a before/after.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; connections="${2:-4}"
port=5197
db="sipar_paths_$$"
pg="Host=/var/run/postgresql;Username=$(id -un);Database=$db"
psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $db" >/dev/null
work=$(mktemp -d)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build bench/Sipar.Benchmarks -c Release -nologo -v q >/dev/null
read -r _ _ email password plan agency < <(dotnet run -c Release --no-build --project bench/Sipar.Benchmarks -- seed --Database:Provider=Postgres "--ConnectionStrings:Sipar=$pg" | tail -n 1)

ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Database__MigrateOnStart=true Sipar__DataDirectory="$work" \
  RateLimits__AnonymousPerMinute=1000000 Logging__LogLevel__Default=Warning dotnet "${SIPAR_DLL:-src/Sipar/bin/Release/net10.0/sipar.dll}" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.2; done

jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=$email" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/login"
cookie=$(awk '$6 == "sipar.auth" {print $6"="$7}' "$jar")
commits() { sleep 1.5; psql -h /var/run/postgresql -d postgres -qtAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'"; }

printf '%-28s %10s %10s %10s %10s\n' "page" "trips/req" "req/s" "p50 ms" "p95 ms"
for path in "/plans/$plan/dashboard" "/plans/$plan/follow-up" "/par/results/2099/agencies/$agency"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  [ "$status" = 200 ] || { echo "$path answered $status"; exit 1; }
  before=$(commits)
  for _ in $(seq 1 20); do curl -fs -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port$path"; done
  after=$(commits)
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" -s bench/p95.lua "http://127.0.0.1:$port$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '/^p50/ {print $2}' <<<"$out"); p95=$(awk '/^p95/ {print $2}' <<<"$out")
  name=$(sed -E 's#/plans/[^/]+/##; s#/par/results/2099/agencies/.*#agency results#' <<<"$path")
  printf '%-28s %10s %10s %10s %10s\n' "$name" "$(( (after - before) / 20 ))" "$rps" "$p50" "$p95"
done
