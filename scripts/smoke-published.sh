#!/usr/bin/env bash
# Publishes Sipar, starts the published build once in Production on PostgreSQL (as a deployment would), and checks
# that the login page, its stylesheet and the readiness check answer, and that every staff page it finds stays within
# the page-weight budget (scripts/page-weight.py). Needs a PostgreSQL server reachable through
# SIPAR_TEST_POSTGRES (scripts/test.sh starts one). Prints "smoke: passed" or "smoke: failed: <why>".
set -uo pipefail
cd "$(dirname "$0")/.."
server="${SIPAR_TEST_POSTGRES:?set SIPAR_TEST_POSTGRES (scripts/test.sh does)}"
work=$(mktemp -d)
db="sipar_smoke_$(date +%s)_$$"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  psql "$(conn postgres)" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
# The server's connection string with another database (the libpq form psql takes).
conn() {
  local host user
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")
  echo "host=$host user=$user dbname=$1"
}
fail() { echo "smoke: failed: $*"; tail -n 20 "$work/log.txt" 2>/dev/null; cleanup; exit 1; }
trap cleanup EXIT

dotnet publish src/Sipar -c Release -o "$work/publish" -nologo -v q >"$work/publish.log" 2>&1 || fail "dotnet publish ($(tail -n 3 "$work/publish.log"))"
psql "$(conn postgres)" -qc "CREATE DATABASE \"$db\"" >/dev/null || fail "cannot create database $db"

export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=Postgres
export ConnectionStrings__Sipar="${server/Database=postgres/Database=$db}"
export Sipar__DataDirectory="$work/data"
# The demo province gives the page-weight check pages with content to weigh.
export Sipar__Demo=true
(cd "$work/publish" && dotnet sipar.dll migrate >"$work/migrate.log" 2>&1) || fail "sipar migrate ($(tail -n 3 "$work/migrate.log"))"

port=$((20000 + RANDOM % 20000))
(cd "$work/publish" && exec dotnet sipar.dll --urls "http://127.0.0.1:$port" >"$work/log.txt" 2>&1) &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health/ready")" = 200 ] || fail "/health/ready did not answer 200"

page=$(curl -s -D "$work/headers.txt" "$base/account/login")
grep -q "Đăng nhập" <<<"$page" || fail "the login page has no 'Đăng nhập'"
grep -qi "^content-security-policy: default-src 'self'" "$work/headers.txt" || fail "the login page has no Content-Security-Policy"
css=$(grep -o 'href="/lib/bootstrap/css/[^"]*\.css"' <<<"$page" | head -n 1 | sed 's/href="//; s/"$//')
[ -n "$css" ] || fail "the login page links no Bootstrap stylesheet"
read -r code size type < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{content_type}' "$base$css")
[ "$code" = 200 ] && [ "$size" -gt 100000 ] && [[ "$type" == text/css* ]] || fail "$css answered $code, $size bytes, $type"
site=$(grep -o 'href="/css/site[^"]*\.css"' <<<"$page" | head -n 1 | sed 's/href="//; s/"$//')
[ "$(curl -s -o /dev/null -w '%{size_download}' "$base$site")" -gt 1000 ] || fail "$site is empty"
password=$(sed -n '1s/.*: \([^)]*\))$/\1/p' "$work/data/demo-logins.txt" 2>/dev/null)
[ -n "$password" ] || fail "no demo logins were written"
scripts/page-weight.py "$base" vanphong@sldtbxh.demo "$password" >"$work/weight.txt" 2>&1 || { cat "$work/weight.txt"; fail "page weight over budget"; }
grep -E '^  [0-9]+ pages' "$work/weight.txt"
echo "smoke: passed (published build, Production, PostgreSQL: login page, $css $size bytes, $site; $(tail -n 1 "$work/weight.txt"))"
