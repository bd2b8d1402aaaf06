#!/usr/bin/env bash
# SIPAS compute-file at scale (issue 11): a responses CSV of N rows (default 1,000,000) × the 16 items of the standard
# service questionnaire, generated with a fixed seed (answers leaning to 4–5, some blanks, a stratum column), then
# `sipar sipas compute-file` on it: wall time and peak memory (GNU time), and the same command on an empty file of the
# same header to show the start-up share. Usage: bench/sipas.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build src/Sipar -c Release -nologo -v q >/dev/null

structure=src/Sipar/Modules/Sipas/Questionnaires/standard-service.json
python3 - "$rows" "$work/responses.csv" "$work/header.csv" <<'PY'
import random, sys
rows, path, header = int(sys.argv[1]), sys.argv[2], sys.argv[3]
codes = [f"{f}{i}" for f, n in (("TC", 3), ("TT", 4), ("CC", 3), ("KQ", 3), ("PA", 3)) for i in range(1, n + 1)]
rnd = random.Random(20261201)
levels = "1223344444455555555"
with open(header, "w") as h:
    h.write(",".join(["stratum"] + codes) + "\n")
with open(path, "w") as f:
    f.write(",".join(["stratum"] + codes) + "\n")
    for r in range(rows):
        f.write(f"S{r % 40:02d}," + ",".join("" if rnd.random() < 0.03 else rnd.choice(levels) for _ in codes) + "\n")
PY
printf '%s rows, %s MB\n' "$rows" "$(du -m "$work/responses.csv" | cut -f1)"
for file in header responses; do
  /usr/bin/time -f "$file: %e s wall, %M KB peak RSS" env Sipar__DataDirectory="$work" dotnet src/Sipar/bin/Release/net10.0/sipar.dll sipas compute-file "$work/$file.csv" --structure "$structure" --json > "$work/$file.json" 2> "$work/$file.err" || true
  tail -n 1 "$work/$file.err"
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); o=d['overall']; print('overall', o['value'], [o['low'], o['high']], 'n', o['n'], 'strata', len(d.get('strata', [])))" "$work/responses.json"
