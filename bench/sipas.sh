#!/usr/bin/env bash
# SIPAS at scale (issue 11's targets), in one run:
#  1. file:    `sipar sipas compute-file` on a responses CSV of N rows (default 1,000,000) × the 16 items of the standard
#              service questionnaire (fixed seed, answers leaning to 4–5, 3% blank, 40 strata), then the same rows without
#              the stratum column, then a header alone (start-up): wall time and peak memory (GNU time);
#  2. indices: on PostgreSQL, a wave with N valid responses (binary COPY); its indices with intervals through Sipar next to
#              one hand-written SQL scan counting every item's answers (the two must agree), p50/p95 of 5 runs each;
#  3. page:    the public survey page under wrk: every request submits a whole questionnaire on its own single-use code
#              (20,000 drawn contacts), submissions/s from the responses saved, p50/p99, and the page's compressed size.
# Needs PostgreSQL (as scripts/test.sh sets up), wrk and GNU time. Usage: bench/sipas.sh [rows] [seconds] [connections];
# PARTS="file indices page" (the default) picks the parts.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"; seconds="${2:-10}"; connections="${3:-8}"
parts="${PARTS:-file indices page}"
port=5198
work=$(mktemp -d)
db="sipar_sipas_$$"
pg="Host=/var/run/postgresql;Username=$(id -un);Database=$db;Maximum Pool Size=50"
cleanup() { for pid in ${app:-} ${bareapp:-}; do kill "$pid" 2>/dev/null || true; done; psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build bench/Sipar.Benchmarks -c Release -nologo -v q >/dev/null
structure=src/Sipar/Modules/Sipas/Questionnaires/standard-service.json

if [[ $parts == *file* ]]; then
echo "== compute-file, $rows rows"
python3 - "$rows" "$work" <<'PY'
import random, sys
rows, work = int(sys.argv[1]), sys.argv[2]
codes = [f"{f}{i}" for f, n in (("TC", 3), ("TT", 4), ("CC", 3), ("KQ", 3), ("PA", 3)) for i in range(1, n + 1)]
rnd = random.Random(20261201)
levels = "1223344444455555555"
with open(f"{work}/header.csv", "w") as h:
    h.write(",".join(codes) + "\n")
with open(f"{work}/strata.csv", "w") as s, open(f"{work}/plain.csv", "w") as p:
    s.write(",".join(["stratum"] + codes) + "\n")
    p.write(",".join(codes) + "\n")
    for r in range(rows):
        line = ",".join("" if rnd.random() < 0.03 else rnd.choice(levels) for _ in codes)
        s.write(f"S{r % 40:02d},{line}\n")
        p.write(line + "\n")
PY
printf '%s rows, %s MB\n' "$rows" "$(du -m "$work/strata.csv" | cut -f1)"
for file in strata plain header; do
  /usr/bin/time -f "$file: %e s wall, %M KB peak RSS" env Sipar__DataDirectory="$work" dotnet src/Sipar/bin/Release/net10.0/sipar.dll sipas compute-file "$work/$file.csv" --structure "$structure" --json > "$work/$file.json" 2> "$work/$file.err" || true
  tail -n 1 "$work/$file.err"
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); o=d['overall']; print('overall', o['value'], [o['low'], o['high']], 'n', o['n'], 'strata', len(d.get('strata', [])))" "$work/strata.json"
fi

[[ $parts == *indices* || $parts == *page* ]] || exit 0
psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $db" >/dev/null
# PG_SYNC=off shows how much of the page's latency is the commit's flush (diagnosis only; production keeps it on).
[[ "${PG_SYNC:-on}" == off ]] && psql -h /var/run/postgresql -d postgres -qc "ALTER DATABASE $db SET synchronous_commit = off" >/dev/null
settings=(--Database:Provider=Postgres "--ConnectionStrings:Sipar=$pg")
bench() { dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll "$@"; }
echo "== $rows responses and 96,000 drawn contacts loaded by COPY"
start=$(date +%s.%N)
wave=$(bench sipas-seed "$rows" 96000 "$work/tokens.txt" "${settings[@]}" | tail -n 1)
# Each side gets codes of its own for each run, so that no measured request meets a used code: 8,000 for the cold run,
# 25,000 for the warm-up, 15,000 for the measured run.
sed -n '1,8000p' "$work/tokens.txt" > "$work/tokens-sipar-cold.txt"; sed -n '8001,33000p' "$work/tokens.txt" > "$work/tokens-sipar-warm.txt"
sed -n '33001,48000p' "$work/tokens.txt" > "$work/tokens-sipar.txt"
sed -n '48001,56000p' "$work/tokens.txt" > "$work/tokens-bare-cold.txt"; sed -n '56001,81000p' "$work/tokens.txt" > "$work/tokens-bare-warm.txt"
sed -n '81001,96000p' "$work/tokens.txt" > "$work/tokens-bare.txt"
printf 'loaded in %.1f s; responses table %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$(psql -h /var/run/postgresql -d "$db" -qtAc "SELECT pg_size_pretty(pg_total_relation_size('sipas_responses'))")"
if [[ $parts == *indices* ]]; then
  bench sipas-indices "$wave" 5 "${settings[@]}"
fi
[[ $parts == *page* ]] || exit 0

echo "== public survey page, wrk ${seconds}s × $connections connections"
ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Sipar__DataDirectory="$work" \
  RateLimits__AnonymousPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet src/Sipar/bin/Release/net10.0/sipar.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
# Started directly (not through the bench function) so that $! is the process itself and cleanup stops it.
dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll bare-submit "http://127.0.0.1:$((port + 1))" "$pg" >"$work/bare.log" 2>&1 &
bareapp=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.2; done
until curl -s -o /dev/null "http://127.0.0.1:$((port + 1))/"; do sleep 0.2; done
first=$(head -n 1 "$work/tokens.txt")
printf 'page: %s bytes, %s bytes gzip\n' "$(curl -fs "http://127.0.0.1:$port/khao-sat?ma=$first" | wc -c)" "$(curl -fs -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/khao-sat?ma=$first" | gzip -c | wc -c)"
jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/khao-sat?ma=$first" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
cookie=$(awk '$6 ~ /Antiforgery/ {print $6"="$7}' "$jar")
answers=""
for c in TC1 TC2 TC3 TT1 TT2 TT3 TT4 CC1 CC2 CC3 KQ1 KQ2 KQ3 PA1 PA2 PA3; do answers="$answers&Items%5B$c%5D=$(( (RANDOM % 3) + 3 ))"; done
for target in "sipar|$port|Sipar /khao-sat" "bare|$((port + 1))|bare Kestrel + SQL"; do
IFS='|' read -r who p name <<<"$target"
for run in cold warm measure; do
file="$work/tokens-$who.txt"; [[ $run != measure ]] && file="$work/tokens-$who-$run.txt"
cat >"$work/submit.lua" <<LUA
local tokens = {}
for line in io.lines("$file") do tokens[#tokens + 1] = line end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
local i = 0
function request()
  i = i + 1
  local code = tokens[((i * 2 + offset) % #tokens) + 1]
  return wrk.format("POST", "/khao-sat?handler=Submit", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "$cookie" },
    "Code=" .. code .. "$answers&Profile%5Bgioi_tinh%5D=N%E1%BB%AF&Expectations=1&__RequestVerificationToken=$token")
end
$(cat bench/p95.lua)
LUA
# The first seconds after start (cold: tier-0 code, empty pools and caches) are reported on their own; then a warm-up
# of ${WARM:-120} s lets tiered compilation finish (on two cores, under load, Sipar's 40,000-odd jitted methods take
# about that long to reach tier 1 through the PGO-instrumented tier), and the measured run is the steady state.
if [[ $run == warm ]]; then wrk -t2 -c"$connections" -d"${WARM:-120}s" -s "$work/submit.lua" "http://127.0.0.1:$p" >/dev/null; continue; fi
before=$(psql -h /var/run/postgresql -d "$db" -qtAc "SELECT count(*) FROM sipas_responses WHERE \"ContactId\" IS NOT NULL AND \"SubmittedAt\" IS NOT NULL")
out=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/submit.lua" "http://127.0.0.1:$p")
grep -q "errors 0" <<<"$out" || { echo "$name: $(grep errors <<<"$out")"; }
after=$(psql -h /var/run/postgresql -d "$db" -qtAc "SELECT count(*) FROM sipas_responses WHERE \"ContactId\" IS NOT NULL AND \"SubmittedAt\" IS NOT NULL")
label="$name"; [[ $run == cold ]] && label="$name (cold)"
printf '%-29s requests/s %8s · submissions saved %5s (%.0f/s) · p50 %6s ms · p99 %6s ms\n' "$label" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$((after - before))" "$(echo "($after - $before) / $seconds" | bc -l)" \
  "$(awk '/^p50/ {print $2}' <<<"$out")" "$(awk '/^p99/ {print $2}' <<<"$out")"
done
done
