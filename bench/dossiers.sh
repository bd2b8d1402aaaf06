#!/usr/bin/env bash
# The one-stop desk at province scale on PostgreSQL (issue 10's targets), in one run:
#  1. a province: 40 agencies × 30 procedures and N dossiers (default 5,000,000) over 2024–2026, generated with a
#     fixed seed and loaded by binary COPY;
#  2. the province's indicators for 2025 through Sipar's query, next to one hand-written SQL statement computing the
#     same numbers over the same indexes (the two must agree), p50/p95 of 20 runs each;
#  3. 1,000,000 rows of a province export imported through `sipar dossiers import` (COPY and one merge), then the
#     same file again (every row unchanged);
#  4. the public lookup (POST /tra-cuu with a code and its secret) under wrk, next to two bare Kestrel endpoints: one
#     doing the same lookup by hand and sending Sipar's page (the same query, the agency's contacts kept in memory as
#     Sipar keeps them, the same bytes), one sending a fragment from one query (the floor).
# Needs PostgreSQL (as scripts/test.sh sets up) and wrk. Usage: bench/dossiers.sh [dossiers] [seconds] [connections];
# PARTS="indicators import lookup" (the default) picks the parts after the load.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-5000000}"; seconds="${2:-10}"; connections="${3:-8}"
port=5199; bare=5200
db="sipar_dossiers_$$"
pg="Host=/var/run/postgresql;Username=$(id -un);Database=$db;Maximum Pool Size=50"
psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $db" >/dev/null
work=$(mktemp -d)
cleanup() { for p in ${app:-} ${bareapp:-}; do kill "$p" 2>/dev/null || true; done; psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
settings=(--Database:Provider=Postgres "--ConnectionStrings:Sipar=$pg")
bench() { dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll "$@"; }

dotnet build bench/Sipar.Benchmarks -c Release -nologo -v q >/dev/null
echo "== $count dossiers generated and loaded by COPY"
start=$(date +%s.%N)
read -r agency symbol code secret < <(bench seed-dossiers "$count" "${settings[@]}" | tail -n 1)
printf 'loaded in %.1f s; table %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(psql -h /var/run/postgresql -d "$db" -qtAc "SELECT pg_size_pretty(pg_total_relation_size('dossiers_dossiers'))")"

parts="${PARTS:-indicators import lookup}"
if [[ $parts == *indicators* ]]; then
echo "== indicators for the province, 2025"
bench dossier-indicators 20 2025 "${settings[@]}"
fi

if [[ $parts == *import* ]]; then
echo "== import of 1,000,000 exported rows (sipar dossiers import)"
bench dossier-export "$agency" "$work/export.csv" 1000000 "${settings[@]}"
sipar() { Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Sipar__DataDirectory="$work" Logging__LogLevel__Default=Warning dotnet src/Sipar/bin/Release/net10.0/sipar.dll "$@"; }
for pass in first again; do
  start=$(date +%s.%N)
  sipar dossiers import "$work/export.csv" --agency "$symbol" | tail -n 2 | head -n 1
  printf '%s import: %.1f s\n' "$pass" "$(echo "$(date +%s.%N) - $start" | bc)"
done
fi
[[ $parts == *lookup* ]] || exit 0

echo "== public lookup, wrk ${seconds}s × $connections connections"
ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Sipar__DataDirectory="$work" \
  RateLimits__AnonymousPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet src/Sipar/bin/Release/net10.0/sipar.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.2; done
jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/tra-cuu" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
cookie=$(awk '$6 ~ /Antiforgery/ {print $6"="$7}' "$jar")
body="Code=$code&Secret=$secret&__RequestVerificationToken=$token"
curl -fs -H "Cookie: $cookie" --data "$body" "http://127.0.0.1:$port/tra-cuu" > "$work/found.html" || true; grep -q "data-testid=\"found\"" "$work/found.html" || { echo "Sipar lookup did not find $code"; grep -o "alert[^<]*<[^<]*" "$work/found.html" | head -3; tail -5 "$work/app.log"; exit 1; }
# The bare counterpart writes Sipar's own answer around what it found, so both send the same bytes.
dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll bare-lookup "http://127.0.0.1:$bare" "$pg" "$work/found.html" >"$work/bare.log" 2>&1 &
bareapp=$!
until curl -s -o /dev/null "http://127.0.0.1:$bare/"; do sleep 0.2; done
printf 'response bytes: Sipar %s, bare page %s\n' "$(wc -c <"$work/found.html")" "$(curl -fs --data "$body" "http://127.0.0.1:$bare/tra-cuu-trang" | wc -c)"
curl -fs --data "$body" "http://127.0.0.1:$bare/tra-cuu" > "$work/bare.html" || true; grep -q 'Thủ tục' "$work/bare.html" || { echo "the bare lookup did not find $code"; cat "$work/bare.html" "$work/bare.log" | head; exit 1; }
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookie"
$(cat bench/p95.lua)
LUA
printf '%-30s %10s %10s %10s\n' "endpoint" "req/s" "p50 ms" "p99 ms"
for target in "Sipar /tra-cuu|$port|tra-cuu" "bare: same page + SQL|$bare|tra-cuu-trang" "bare: fragment + 1 query|$bare|tra-cuu"; do
  name=${target%%|*}; rest=${target#*|}; p=${rest%%|*}; path=${rest#*|}
  # The first seconds after start are reported on their own (cold: tier-0 code); a warm-up of ${WARM:-60} s lets tiered
  # compilation reach tier 1 on two cores under load; the measured run is the steady state.
  for run in cold warm measure; do
    if [[ $run == warm ]]; then wrk -t2 -c"$connections" -d"${WARM:-60}s" -s "$work/post.lua" "http://127.0.0.1:$p/$path" >/dev/null; continue; fi
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$p/$path")
    grep -q "errors 0" <<<"$out" || { echo "$name: $(grep errors <<<"$out")"; }
    label="$name"; [[ $run == cold ]] && label="$name (cold)"
    printf '%-30s %10s %10s %10s\n' "$label" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '/^p50/ {print $2}' <<<"$out")" "$(awk '/^p99/ {print $2}' <<<"$out")"
  done
done
