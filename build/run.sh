#!/usr/bin/env bash
# Runs Organising for Health (Release build) on http://127.0.0.1:5080.
#
#   ./build/run.sh                                  # http://127.0.0.1:5080
#   ./build/run.sh --urls http://127.0.0.1:8080     # any other address
#
# Arguments are passed to the app unchanged. Data lives in ./data at the
# repository root unless Organising__DataDirectory says otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_PWD="$PWD"

"$ROOT/build/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# `dotnet run` starts the app in the project folder, so "./data" would end up in
# Host/Organising.Host/data. Pin the data directory to an absolute path: the
# repository's ./data by default, or the caller's setting made absolute.
data_dir="$(cd "$CALLER_PWD" && realpath -m -- "${Organising__DataDirectory:-$ROOT/data}")"
export Organising__DataDirectory="$data_dir"
mkdir -p "$data_dir"

printf '[run] data directory: %s\n' "$data_dir"
printf '[run] building and starting (Release); stop with Ctrl+C\n'
cd "$ROOT"
exec dotnet run --project Host/Organising.Host -c Release --no-launch-profile -- "$@"
