#!/usr/bin/env bash
# "My tasks" under load on PostgreSQL: a unit officer of an agency with 40 units and a plan of 300 tasks with
# 4 periods of reports. Needs PostgreSQL (as scripts/test.sh sets up) and wrk (apt-get install wrk).
# Usage: bench/my-tasks.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"; connections="${2:-8}"
port=5198
db="sipar_bench_$$"
pg="Host=/var/run/postgresql;Username=$(id -un);Database=$db"
psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $db" >/dev/null
work=$(mktemp -d)
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build bench/Sipar.Benchmarks -c Release -nologo -v q >/dev/null
read -r email password _ < <(dotnet run -c Release --no-build --project bench/Sipar.Benchmarks -- seed --Database:Provider=Postgres "--ConnectionStrings:Sipar=$pg" | tail -n 1)

Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Database__MigrateOnStart=true Sipar__DataDirectory="$work" \
  Logging__LogLevel__Default=Warning dotnet src/Sipar/bin/Release/net10.0/sipar.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.2; done

jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=$email" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/account/login"
cookie=$(awk '$6 == "sipar.auth" {print $6"="$7}' "$jar")
tasks=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/my-tasks" | grep -c 'href="/tasks/' || true)
echo "my-tasks lists $tasks tasks for the unit officer"
wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" -s bench/p95.lua "http://127.0.0.1:$port/my-tasks"
