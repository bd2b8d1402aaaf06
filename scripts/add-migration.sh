#!/usr/bin/env bash
# Adds a migration with the same name to both providers: scripts/add-migration.sh AddPlans
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Sipar -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/Sipar --context "${provider}SiparDbContext" \
    --output-dir "Infrastructure/Data/Migrations/$provider"
done
