#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions below run from traps
# Builds the solution once (Release) and runs every test project under tests/
# whose name ends in .Tests, one after another: first on SQLite, then (for the
# projects that test the database) again on PostgreSQL, in a throwaway cluster
# that build/postgres.sh starts on a loopback port and removes afterwards. A
# project says which engines it runs on with <TestEngines> in its .csproj
# ("sqlite", "postgres" or "sqlite postgres"); without it, a project that uses
# tests/Organising.Testing runs on both, any other on SQLite only. The results
# are written as TRX files to artifacts/test-results/, and the last line
# printed is the total:
#
#   N passed, N failed[, N skipped]
#
# Exits non-zero when any test failed, a test project crashed, or no test ran.
# Environment:
#   TEST_FILTER          passed to `dotnet test --filter` (optional)
#   TEST_HANG_TIMEOUT    one test running longer than this is stopped (default 5m)
#   TEST_PROJECT_TIMEOUT one test project running longer than this is stopped (default 15m)
#   TEST_ENGINES         the engines to run on (default "sqlite postgres")
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Leave no build servers or MSBuild worker nodes running after the script.
export MSBUILDDISABLENODEREUSE=1
NO_BUILD_SERVERS=(-p:UseSharedCompilation=false -p:UseRazorBuildServer=false)

RESULTS="artifacts/test-results"
HANG_TIMEOUT="${TEST_HANG_TIMEOUT:-5m}"
PROJECT_TIMEOUT="${TEST_PROJECT_TIMEOUT:-15m}"

say() { printf '[test] %s\n' "$*"; }

# --- cleanup: stop anything this script started --------------------------------
# Each `dotnet test` runs under `timeout`, which leads a new process group (test
# host, Kestrel, Playwright driver). Every process it starts also carries
# RUN_MARK in its environment, which finds the ones that left the group
# (Playwright starts Chromium in a session of its own).
RUN_MARK="ORGANISING_TEST_RUN=$$-$RANDOM-$(date +%s)"
current_group=""
marked_pids() {
    local dir pid kv
    for dir in /proc/[0-9]*; do
        pid="${dir#/proc/}"
        [[ "$pid" == "$$" ]] && continue
        { while IFS= read -r -d '' kv; do
            if [[ "$kv" == "$RUN_MARK" ]]; then echo "$pid"; break; fi
        done <"$dir/environ"; } 2>/dev/null || true
    done
}
postgres_started=""
cleanup() {
    local pids
    if [[ -n "$current_group" ]]; then
        kill -TERM -- "-$current_group" 2>/dev/null || true
    fi
    pids="$(marked_pids)"
    if [[ -n "$pids" ]]; then
        # shellcheck disable=SC2086 # one PID per word
        kill -TERM $pids 2>/dev/null || true
        sleep 2
        pids="$(marked_pids)"
        # shellcheck disable=SC2086
        [[ -z "$pids" ]] || kill -KILL $pids 2>/dev/null || true
    fi
    if [[ -n "$current_group" ]]; then
        kill -KILL -- "-$current_group" 2>/dev/null || true
        wait "$current_group" 2>/dev/null || true
    fi
    if [[ -n "$postgres_started" ]]; then
        "$ROOT/build/postgres.sh" stop >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

START=$SECONDS

# --- setup and build ---------------------------------------------------------------
"$ROOT/build/setup.sh"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

say "building Organising.sln (Release)"
build_start=$SECONDS
if ! dotnet build Organising.sln -c Release --no-restore --nologo -v q -clp:NoSummary \
        "${NO_BUILD_SERVERS[@]}" >"$RESULTS/build.log" 2>&1; then
    if ! grep -E ': error [A-Z]+[0-9]+' "$RESULTS/build.log" | sort -u | head -50; then
        tail -n 30 "$RESULTS/build.log"
    fi
    say "build FAILED; full log: $RESULTS/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi
say "build ok ($((SECONDS - build_start)) s)"

# --- run the test projects --------------------------------------------------------
# End-to-end tests last: they are the slowest.
mapfile -t projects < <(
    find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' -print | sort |
        awk '/EndToEnd/ { last[++n] = $0; next } { print } END { for (i = 1; i <= n; i++) print last[i] }'
)
if ((${#projects[@]} == 0)); then
    say "no test projects found under tests/"
    echo "0 passed, 0 failed"
    exit 1
fi

filter_args=()
[[ -n "${TEST_FILTER:-}" ]] && filter_args=(--filter "$TEST_FILTER")
WANTED_ENGINES=" ${TEST_ENGINES:-sqlite postgres} "

engines_of() { # engines_of PROJECT.csproj
    local declared
    declared="$(sed -n 's:.*<TestEngines>\(.*\)</TestEngines>.*:\1:p' "$1" | head -n 1)"
    if [[ -n "$declared" ]]; then echo "$declared"
    elif grep -q 'Organising.Testing.csproj' "$1"; then echo "sqlite postgres"
    else echo "sqlite"; fi
}

# Each run is "project engine"; every SQLite run first, then every PostgreSQL run.
runs=()
for engine in sqlite postgres; do
    [[ "$WANTED_ENGINES" == *" $engine "* ]] || continue
    for proj in "${projects[@]}"; do
        [[ " $(engines_of "$proj") " == *" $engine "* ]] && runs+=("$proj $engine")
    done
done

postgres_connection=""
start_postgres() {
    say "starting a throwaway PostgreSQL cluster"
    if postgres_connection="$("$ROOT/build/postgres.sh" start)"; then
        postgres_started=1
        return 0
    fi
    return 1
}

declare -A exit_codes=()
timings=()
problems=()
for run in "${runs[@]}"; do
    proj="${run% *}" engine="${run#* }"
    name="$(basename "$proj" .csproj)"
    label="$name" engine_env=()
    if [[ "$engine" == postgres ]]; then
        label="$name.Postgres"
        if [[ -z "$postgres_started" ]] && ! start_postgres; then
            exit_codes[$label]=1
            problems+=("$label: PostgreSQL could not be started (see the messages above)")
            continue
        fi
        engine_env=("ORGANISING_TEST_POSTGRES=$postgres_connection")
    fi
    say "running $name on $engine"
    t0=$SECONDS
    env "$RUN_MARK" "${engine_env[@]}" timeout --kill-after=30s "$PROJECT_TIMEOUT" \
        dotnet test "$proj" -c Release --no-build --nologo \
            --logger "trx;LogFileName=$label.trx" \
            --results-directory "$RESULTS" \
            --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
            "${filter_args[@]}" "${NO_BUILD_SERVERS[@]}" &
    current_group=$!
    if wait "$current_group"; then rc=0; else rc=$?; fi
    current_group=""
    exit_codes[$label]=$rc
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then say "$label: stopped after $PROJECT_TIMEOUT"; fi
    timings+=("$(printf '%-48s %5d s  exit %d' "$label" "$((SECONDS - t0))" "$rc")")
done
if [[ -n "$postgres_started" ]]; then
    "$ROOT/build/postgres.sh" stop >/dev/null 2>&1 || true
    postgres_started=""
fi

# --- sum the TRX counters -----------------------------------------------------------
# Plain grep/sed so the parse needs nothing beyond coreutils.
counter() { # counter ATTRIBUTE < counters-element
    local v
    v="$(grep -o "[[:space:]]$1=\"[0-9]*\"" | head -n 1 | grep -o '[0-9][0-9]*' || true)"
    echo "${v:-0}"
}
xml_unescape() {
    sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}

passed=0 failed=0 skipped=0
failed_names=()
for run in "${runs[@]}"; do
    proj="${run% *}" engine="${run#* }"
    name="$(basename "$proj" .csproj)"
    [[ "$engine" == postgres ]] && name="$name.Postgres"
    [[ -n "${exit_codes[$name]+set}" ]] || continue
    rc="${exit_codes[$name]}"
    trx="$RESULTS/$name.trx"
    if [[ ! -s "$trx" ]]; then
        if [[ $rc -ne 0 ]]; then
            failed=$((failed + 1))
            problems+=("$name: dotnet test exited $rc and wrote no TRX file (counted as 1 failed)")
        else
            problems+=("$name: no TRX file (no tests?)")
        fi
        continue
    fi
    counters="$(tr '\n' ' ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
    p=$(counter passed <<<"$counters")
    f=$(($(counter failed <<<"$counters") + $(counter error <<<"$counters") \
        + $(counter timeout <<<"$counters") + $(counter aborted <<<"$counters")))
    # Skipped: everything that neither passed nor failed. VSTest leaves NUnit's
    # ignored tests out of notExecuted and only lowers executed below total.
    s=$(($(counter total <<<"$counters") - p - f))
    ((s >= 0)) || s=0
    if [[ $rc -ne 0 && $f -eq 0 ]]; then
        f=1
        problems+=("$name: dotnet test exited $rc but its TRX reports no failure (counted as 1 failed)")
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    while IFS= read -r tn; do
        if [[ -n "$tn" ]]; then failed_names+=("$name: $tn"); fi
    done < <(grep -o '<UnitTestResult [^>]*>' "$trx" | grep 'outcome="\(Failed\|Error\|Timeout\|Aborted\)"' |
        sed -n 's/.* testName="\([^"]*\)".*/\1/p' | xml_unescape || true)
done

echo
say "time per project:"
printf '  %s\n' "${timings[@]}"
say "total time: $((SECONDS - START)) s; TRX files in $RESULTS/"
if ((${#problems[@]} > 0)); then
    say "problems:"
    printf '  %s\n' "${problems[@]}"
fi
if ((${#failed_names[@]} > 0)); then
    say "failed tests:"
    printf '  %s\n' "${failed_names[@]}"
fi
if ((passed + failed == 0)); then
    say "no test ran"
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then summary+=", $skipped skipped"; fi
echo "$summary"

if ((failed == 0 && passed > 0)); then exit 0; else exit 1; fi
