#!/usr/bin/env bash
# Runs every test: unit, integration (SQLite and PostgreSQL), architecture and browser (Chromium), then the published
# build once in Production on PostgreSQL (scripts/smoke-published.sh).
# Installs PostgreSQL and Chromium when missing (as root), starts PostgreSQL, and ends with the line
# "N passed, N failed". Usage: scripts/test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# LibreOffice renders every generated Word document once (DocumentRenderingTests), as a văn thư's office suite would.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}…"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL: start the machine's cluster and let the current OS user in through the local socket (peer auth).
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  as_root pg_createcluster "$version" main >/dev/null
  cluster="$version main"
fi
as_root pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h /var/run/postgresql && break; sleep 1; done
me=$(id -un)
as_root su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\" | grep -q 1 || psql -qc 'CREATE ROLE \"$me\" LOGIN CREATEDB'" >/dev/null
export SIPAR_TEST_POSTGRES="Host=/var/run/postgresql;Username=$me;Database=postgres"
export SIPAR_CHROMIUM=/usr/bin/chromium
export SIPAR_SOFFICE=$(command -v soffice)

dotnet tool restore >/dev/null
dotnet build Sipar.slnx -c Release -nologo -v q 2>&1 | grep -E "error|Warn|Error" ; build=${PIPESTATUS[0]}
if [ "$build" != 0 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi

# A model change without a migration fails here, for both providers.
pending=0
for ctx in SqliteSiparDbContext PostgresSiparDbContext; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --configuration Release --project src/Sipar --context "$ctx" >/dev/null 2>&1; then
    echo "Pending model changes for $ctx: run scripts/add-migration.sh <Name>"
    pending=1
  fi
done

log=$(mktemp)
dotnet test --solution Sipar.slnx -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -E '^\s*succeeded:' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed:' "$log" | awk '{s+=$2} END {print s+0}')
failed=$((failed + pending))

# The deployment as documented: the published build, started in Production on PostgreSQL, serves a page and its styles.
if scripts/smoke-published.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
