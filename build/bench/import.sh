#!/usr/bin/env bash
# Times the Networks CSV import of people: preview (read, check every row, store) and confirm (check again, write,
# one transaction), each run twice on the same file (the second pass must add nobody). No web server: the
# benchmark console runs the real handlers against a fresh SQLite file.
#
#   ./build/bench/import.sh                 50,000 rows into an empty database
#   ROWS=20000 ./build/bench/import.sh
#   SEED_PEOPLE=100000 ./build/bench/import.sh   the same, into a database that already holds 100,000 people
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 MSBUILDDISABLENODEREUSE=1

ROWS="${ROWS:-50000}"
SEED_PEOPLE="${SEED_PEOPLE:-0}"
[[ "$ROWS" =~ ^[0-9]+$ && "$ROWS" -gt 0 ]] || { echo "[import-bench] ROWS must be a positive whole number" >&2; exit 2; }
[[ "$SEED_PEOPLE" =~ ^[0-9]+$ ]] || { echo "[import-bench] SEED_PEOPLE must be a whole number" >&2; exit 2; }

OUT="$ROOT/artifacts/bench/import"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/organising-import-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "[import-bench] building the benchmark console (Release)"
dotnet publish tests/Organising.Benchmarks -c Release -o "$OUT" --nologo -v quiet >/dev/null
BENCH=(dotnet "$OUT/Organising.Benchmarks.dll")

"${BENCH[@]}" people-csv "$WORK/people.csv" "$ROWS" | sed 's/^/[import-bench] /'
mkdir -p "$WORK/data"
if [[ "$SEED_PEOPLE" -gt 0 ]]; then
    "${BENCH[@]}" migrate "$WORK/data" | sed 's/^/[import-bench] /'
    "${BENCH[@]}" seed-networks "$WORK/data" "$SEED_PEOPLE" 2000 50 | sed 's/^/[import-bench] /'
fi
"${BENCH[@]}" import-people "$WORK/data" "$WORK/people.csv" | sed 's/^/[import-bench] /'
