#!/usr/bin/env bash
# How long a failed login takes for an unknown email, a known one with a wrong password, and a locked account, and
# how long a bare 200 from the same server takes (/health), so an attacker's view of "which accounts exist" is
# measured rather than asserted. Each attempt comes from its own address (X-Forwarded-For from loopback), so the
# per-address throttle does not step in. Usage: bench/login-timing.sh [attempts per kind]  (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-30}"
out=$(mktemp -d)
dotnet publish src/Sipar -c Release -o "$out/app" -nologo -v q >/dev/null
port=5198
ASPNETCORE_ENVIRONMENT=Development Sipar__DataDirectory="$out/data" RateLimits__LoginPerAccountPerMinute=100000 \
  dotnet "$out/app/sipar.dll" --urls "http://127.0.0.1:$port" >"$out/log.txt" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$out"' EXIT
base="http://127.0.0.1:$port"
until curl -fs -o /dev/null "$base/health"; do sleep 0.2; done
sleep 2
jar="$out/jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
attempt() { # email password address -> seconds
  curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" -H "X-Forwarded-For: $3" -X POST "$base/account/login" \
    --data-urlencode "Email=$1" --data-urlencode "Password=$2" --data-urlencode "__RequestVerificationToken=$token"
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.1f ms (p90 %.1f ms)", a[int((NR+1)/2)]*1000, a[int(NR*0.9)]*1000}'; }
# Warm up, then lock the leader's account by twenty failures from twenty addresses.
for i in $(seq 1 5); do attempt "warm-$i@x.invalid" x "10.9.0.$i" >/dev/null; done
for i in $(seq 1 20); do attempt lanhdao@sldtbxh.demo "Wrong-$i" "10.8.0.$i" >/dev/null; done
unknown=$(for i in $(seq 1 "$n"); do attempt "khong-co-$i@sldtbxh.demo" "Wrong-password-1" "10.1.$((i / 250)).$((i % 250 + 1))"; done | median)
known=$(for i in $(seq 1 "$n"); do attempt vanphong@sldtbxh.demo "Wrong-password-$i" "10.2.$((i / 250)).$((i % 250 + 1))"; done | median)
locked=$(for i in $(seq 1 "$n"); do attempt lanhdao@sldtbxh.demo "Wrong-password-$i" "10.3.$((i / 250)).$((i % 250 + 1))"; done | median)
bare=$(for i in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "$base/health"; done | median)
echo "failed login, unknown email:          $unknown"
echo "failed login, known email:            $known"
echo "failed login, locked account:         $locked"
echo "bare /health on the same server:      $bare"
