#!/usr/bin/env bash
# Feedback at scale (issue 12's targets), in one run on PostgreSQL:
#  1. indicators: N feedback items (default 1,000,000) of one agency generated on the server; the year's figures through
#                 Sipar (grouped counts + the working-day histogram) next to one hand-written scan with FILTER and
#                 percentile_disc (the two must agree), p50/p95 of 5 runs each;
#  2. intake:     the public form under wrk, every request from its own client address (X-Forwarded-For, trusted from
#                 loopback) with its own single-use challenge: accepted submissions/s (rows saved), p50/p99, next to a
#                 bare Kestrel endpoint inserting the same item and step by hand; then one client sending 20 in a row
#                 (the throttle must accept 5) and the form's compressed size.
# Needs PostgreSQL (as scripts/test.sh sets up) and wrk. Usage: bench/feedback.sh [items] [seconds] [connections]; PARTS="indicators intake".
set -euo pipefail
cd "$(dirname "$0")/.."
items="${1:-1000000}"; seconds="${2:-10}"; connections="${3:-8}"
parts="${PARTS:-indicators intake}"
port=5298
work=$(mktemp -d)
db="sipar_feedback_$$"
pg="Host=/var/run/postgresql;Username=$(id -un);Database=$db;Maximum Pool Size=50"
cleanup() { for pid in ${app:-} ${bareapp:-}; do kill "$pid" 2>/dev/null || true; done; psql -h /var/run/postgresql -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build src/Sipar -c Release -nologo -v q >/dev/null
dotnet build bench/Sipar.Benchmarks -c Release -nologo -v q >/dev/null
psql -h /var/run/postgresql -d postgres -qc "CREATE DATABASE $db" >/dev/null
settings=(--Database:Provider=Postgres "--ConnectionStrings:Sipar=$pg" "--Sipar:DataDirectory=$work")
bench() { dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll "$@"; }

start=$(date +%s.%N)
agency=$(bench feedback-seed "$items" "${settings[@]}" | tail -n 1)
printf '== %s items generated in %.1f s; table %s\n' "$items" "$(echo "$(date +%s.%N) - $start" | bc)" "$(psql -h /var/run/postgresql -d "$db" -qtAc "SELECT pg_size_pretty(pg_total_relation_size('feedback_items'))")"
if [[ $parts == *indicators* ]]; then
  bench feedback-indicators "$agency" 5 "${settings[@]}"
fi
[[ $parts == *intake* ]] || exit 0

echo "== public feedback form, wrk ${seconds}s × $connections connections, distinct clients"
bench feedback-challenges 200000 "$work/challenges.txt" "${settings[@]}" >/dev/null
ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Sipar="$pg" Sipar__DataDirectory="$work" \
  RateLimits__AnonymousPerMinute=100000000 Logging__LogLevel__Default=Warning dotnet src/Sipar/bin/Release/net10.0/sipar.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
# Started directly (not through the bench function) so that $! is the process itself and cleanup stops it.
dotnet bench/Sipar.Benchmarks/bin/Release/net10.0/Sipar.Benchmarks.dll bare-intake "http://127.0.0.1:$((port + 1))" "$pg" >"$work/bare.log" 2>&1 &
bareapp=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do sleep 0.2; done
until curl -s -o /dev/null "http://127.0.0.1:$((port + 1))/"; do sleep 0.2; done
printf 'form: %s bytes, %s bytes gzip\n' "$(curl -fs "http://127.0.0.1:$port/phan-anh?Agency=$agency" | wc -c)" "$(curl -fs "http://127.0.0.1:$port/phan-anh?Agency=$agency" | gzip -c | wc -c)"
jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/phan-anh?Agency=$agency" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
cookie=$(awk '$6 ~ /Antiforgery/ {print $6"="$7}' "$jar")
category=0195a000-0000-7000-8000-000000000003
body="Agency=$agency&CategoryId=$category&Description=Khu+v%E1%BB%B1c+ch%E1%BB%9D+thi%E1%BA%BFu+gh%E1%BA%BF+ng%E1%BB%93i+v%C3%A0o+gi%E1%BB%9D+cao+%C4%91i%E1%BB%83m.&Name=Nguy%E1%BB%85n+V%C4%83n+B&Phone=0912345678&ConsentToPublish=true&__RequestVerificationToken=$token"
count() { psql -h /var/run/postgresql -d "$db" -qtAc "SELECT count(*) FROM feedback_items WHERE \"Channel\" = 'Web'"; }
head -n 100000 "$work/challenges.txt" > "$work/ch-run.txt"
sed -n '100001,180000p' "$work/challenges.txt" > "$work/ch-warm.txt"
script() { # $1: the challenges file; writes the wrk script
cat >"$work/intake.lua" <<LUA
local challenges = {}
for line in io.lines("$1") do challenges[#challenges + 1] = line end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
local i = 0
function request()
  i = i + 1
  local n = i * 4 + offset
  local c = challenges[(n % #challenges) + 1]
  local token, answer = c:match("([^ ]+) ([^ ]+)")
  local client = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/phan-anh", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "$cookie", ["X-Forwarded-For"] = client },
    "$body&ChallengeToken=" .. token .. "&ChallengeAnswer=" .. answer)
end
$(cat bench/p95.lua)
LUA
}
for target in "sipar|$port|Sipar /phan-anh" "bare|$((port + 1))|bare Kestrel + SQL"; do
IFS='|' read -r who p name <<<"$target"
# A warm-up (JIT, pools, caches) on challenges of its own, then the measured run on fresh ones.
script "$work/ch-warm.txt"; wrk -t2 -c"$connections" -d3s -s "$work/intake.lua" "http://127.0.0.1:$p" >/dev/null
script "$work/ch-run.txt"
before=$(count)
out=$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/intake.lua" "http://127.0.0.1:$p")
grep -q "errors 0" <<<"$out" || { echo "$name: $(grep -i "errors\|non-2xx" <<<"$out")"; }
after=$(count)
printf '%-22s requests/s %8s · accepted %6s (%.0f/s) · p50 %6s ms · p99 %6s ms\n' "$name" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$((after - before))" "$(echo "($after - $before) / $seconds" | bc -l)" \
  "$(awk '/^p50/ {print $2}' <<<"$out")" "$(awk '/^p99/ {print $2}' <<<"$out")"
done

# One client, 20 submissions in a row with fresh challenges: the throttle accepts its hourly share (5) and refuses the rest politely.
before=$(count)
tail -n 20 "$work/challenges.txt" | while read -r t a; do
  curl -fs -o /dev/null -b "$cookie" -H "X-Forwarded-For: 192.0.2.77" -H "Content-Type: application/x-www-form-urlencoded" --data "$body&ChallengeToken=$t&ChallengeAnswer=$a" "http://127.0.0.1:$port/phan-anh"
done
echo "one client, 20 in a row: $(( $(count) - before )) accepted"
