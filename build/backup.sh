#!/usr/bin/env bash
# Backs up or restores the Organising for Health database.
#
#   ./build/backup.sh [DEST]          online backup; safe while the app is running
#   ./build/backup.sh --restore SRC   replace the database with SRC; stop the app first
#
# DEST may be a file or a directory; without it the backup goes to
# ./backups/organising-YYYYMMDD-HHMMSS.db. The data directory is ./data at the
# repository root, or Organising__DataDirectory when that is set (as for run.sh).
#
# Both call the app's own commands (`Organising.Host.dll backup|restore FILE`),
# which use SQLite's online backup, so a backup is consistent even while the app
# is writing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_PWD="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '[backup] %s\n' "$*"; }
fail() { printf '[backup] ERROR: %s\n' "$*" >&2; exit 1; }
usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}
abspath() { (cd "$CALLER_PWD" && realpath -m -- "$1"); }

mode=backup target=""
case "${1:-}" in
    -h | --help) usage 0 ;;
    --restore)
        mode=restore
        [[ $# -eq 2 ]] || usage 2
        target="$(abspath "$2")"
        ;;
    -*) usage 2 ;;
    "") ;;
    *)
        [[ $# -eq 1 ]] || usage 2
        target="$(abspath "$1")"
        ;;
esac

data_dir="$(abspath "${Organising__DataDirectory:-$ROOT/data}")"
db="$data_dir/organising.db"
stamp="$(date +%Y%m%d-%H%M%S)"

# Processes that look like the app on this data directory: they have a file in it
# open (the database, its WAL, the Hangfire file), or were started with
# Organising__DataDirectory set to it (build/run.sh does that). This script's own
# process group is left out.
app_pids() {
    local self_pgid dir pid kv
    self_pgid="$(awk '{ print $5 }' /proc/$$/stat 2>/dev/null || true)"
    {
        find /proc/[0-9]*/fd -maxdepth 1 -lname "$data_dir/*" 2>/dev/null | cut -d/ -f3
        for dir in /proc/[0-9]*; do
            pid="${dir#/proc/}"
            { while IFS= read -r -d '' kv; do
                if [[ "$kv" == "Organising__DataDirectory=$data_dir" ]]; then echo "$pid"; break; fi
            done <"$dir/environ"; } 2>/dev/null || true
        done
    } | sort -un | while read -r pid; do
        [[ "$(awk '{ print $5 }' "/proc/$pid/stat" 2>/dev/null || true)" == "$self_pgid" ]] || echo "$pid"
    done | tr '\n' ' '
}

if [[ "$mode" == backup ]]; then
    [[ -f "$db" ]] || fail "no database at $db (has the app been started? is Organising__DataDirectory right?)"
    if [[ -z "$target" ]]; then
        target="$ROOT/backups/organising-$stamp.db"
    elif [[ -d "$target" || "$target" == */ ]]; then
        target="${target%/}/organising-$stamp.db"
    fi
    [[ -e "$target" ]] && fail "$target already exists; choose another name"
    mkdir -p "$(dirname "$target")"
else
    [[ -f "$target" ]] || fail "no backup file at $target"
    users="$(app_pids)"
    [[ -z "$users" ]] || fail "the app seems to be running on $data_dir (process ${users% }); stop it, then restore"
fi

# --- build the app's command-line entry (only recompiles what changed) --------
# A separate output folder, so a running app's own files are never touched.
"$ROOT/build/setup.sh" >/dev/null
TOOL="$ROOT/artifacts/host-cli"
say "building the app (Release) into artifacts/host-cli"
if ! build_log="$(cd "$ROOT" && dotnet build Host/Organising.Host/Organising.Host.csproj -c Release \
        -o "$TOOL" --no-restore --nologo -v q -clp:NoSummary 2>&1)"; then
    printf '%s\n' "$build_log" >&2
    fail "build failed"
fi

host() { (cd "$TOOL" && Organising__DataDirectory="$data_dir" dotnet Organising.Host.dll "$@"); }

if [[ "$mode" == backup ]]; then
    say "backing up $db"
    host backup "$target"
    [[ -s "$target" ]] || fail "the app reported success but $target is missing or empty"
    if command -v sqlite3 >/dev/null 2>&1; then
        check="$(sqlite3 "$target" 'PRAGMA integrity_check;' 2>&1 | head -n 1)"
        [[ "$check" == ok ]] || fail "integrity check of $target failed: $check"
        say "integrity check: ok"
    fi
    say "backup written: $target ($(du -h "$target" | cut -f1))"
    say "to restore it: stop the app, then run"
    say "  ./build/backup.sh --restore $target"
    say "or, from a published app folder:"
    say "  Organising__DataDirectory=$data_dir dotnet Organising.Host.dll restore $target"
else
    if [[ -f "$db" ]]; then
        safety="$data_dir/organising-before-restore-$stamp.db"
        say "keeping the current database as $safety"
        host backup "$safety"
    fi
    say "restoring $target into $db"
    host restore "$target"
    say "restored; start the app again with ./build/run.sh"
fi
