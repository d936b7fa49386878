#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions below run from traps
# Builds the solution once (Release) and runs every test project under tests/
# whose name ends in .Tests, one after another. The results are written as TRX
# files to artifacts/test-results/, and the last line printed is the total:
#
#   N passed, N failed[, N skipped]
#
# Exits non-zero when any test failed, a test project crashed, or no test ran.
# Environment:
#   TEST_FILTER          passed to `dotnet test --filter` (optional)
#   TEST_HANG_TIMEOUT    one test running longer than this is stopped (default 5m)
#   TEST_PROJECT_TIMEOUT one test project running longer than this is stopped (default 15m)
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

declare -A exit_codes=()
timings=()
for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    say "running $name"
    t0=$SECONDS
    env "$RUN_MARK" timeout --kill-after=30s "$PROJECT_TIMEOUT" \
        dotnet test "$proj" -c Release --no-build --nologo \
            --logger "trx;LogFileName=$name.trx" \
            --results-directory "$RESULTS" \
            --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
            "${filter_args[@]}" "${NO_BUILD_SERVERS[@]}" &
    current_group=$!
    if wait "$current_group"; then rc=0; else rc=$?; fi
    current_group=""
    exit_codes[$name]=$rc
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then say "$name: stopped after $PROJECT_TIMEOUT"; fi
    timings+=("$(printf '%-40s %5d s  exit %d' "$name" "$((SECONDS - t0))" "$rc")")
done

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
problems=()
for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
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
