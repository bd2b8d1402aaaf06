#!/usr/bin/env bash
# Cold start to first page, and memory after start, on SQLite. Run 1 starts on a new database (migrations and
# demo data); the others start the process cold on that database, as after a reboot.
# Usage: bench/startup.sh [runs]   (default 5). Prints one line per run and the median of runs 2..N.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
out=$(mktemp -d)
dotnet publish src/Sipar -c Release -o "$out/app" -nologo -v q >/dev/null
port=5199
times=(); rss=()
for i in $(seq 1 "$runs"); do
  data="$out/data"
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Development Sipar__DataDirectory="$data" \
    dotnet "$out/app/sipar.dll" --urls "http://127.0.0.1:$port" >"$out/log-$i.txt" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/account/login"; do sleep 0.05; done
  end=$(date +%s%N)
  sleep 2
  mem=$(ps -o rss= -p "$pid" | tr -d ' ')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms"); rss+=("$((mem / 1024))")
  echo "run $i: first page after ${ms} ms, RSS after start $((mem / 1024)) MB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "new database (run 1): first page ${times[0]} ms, RSS ${rss[0]} MB"
echo "existing database (median of runs 2..$runs): first page $(median "${times[@]:1}") ms, RSS $(median "${rss[@]:1}") MB"
rm -rf "$out"
