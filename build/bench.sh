#!/usr/bin/env bash
# shellcheck disable=SC2317 # functions below run from traps
# Load benchmark of the published app on this machine.
#
#   ./build/bench.sh
#   DURATION=30 CONNECTIONS=64 ./build/bench.sh
#   BENCH=reminders ./build/bench.sh
#
# Publishes the app (Release) to artifacts/bench/app, starts it on a free
# loopback port with an empty data directory, and measures:
#   - cold start: process launch to the first 200 from GET /setup
#   - RSS (VmRSS) when idle (fresh, and with the data set) and its peak under load; beside each, the
#     private part (RssAnon): SQLite reads the database through a memory map, whose pages count in
#     RSS but are the kernel's file cache, shared and dropped under memory pressure
#   - for /, /Admin/Users, /Admin/Audit and /Admin/Settings, signed in as the
#     administrator created through /setup: requests/s and latency p50/p95/p99,
#     next to a static file of the same bytes served by the same process, and
#     the ratio page req/s / static req/s.
# The report is written to artifacts/bench/report.md and printed.
#
# Environment (all optional):
#   DURATION     seconds of load per URL (default 10), after WARMUP seconds (default 20: under full
#                load the JIT's background tiering is starved; after 15 s the people list still got faster)
#   CONNECTIONS  concurrent connections (default 32); THREADS wrk threads (default 2)
#   ENGINE       sqlite (default) or postgres. With postgres, the install is set up and seeded on SQLite
#                as usual, copied with `copy-to-postgres` into a throwaway PostgreSQL cluster on loopback
#                (build/postgres.sh), and the app restarted on it; the pages are measured on PostgreSQL.
#   INSTANCES    app instances (default 1). With NGINX=1, or INSTANCES=2 (which needs ENGINE=postgres),
#                load goes through Debian's nginx on loopback, balancing over the instances.
#   KEEP         1 keeps the work folder (the seeded data directory and the signed-in cookie jar), to profile
#                a page by hand against the same data afterwards
#   PAGES        space-separated paths to measure instead of the default set; {team}, {network} and {campaign} stand
#                for the seeded busiest team's, first network's and first listening campaign's ids
#                ("/Teams/Details/{team} /Listening/Tallies/{campaign}")
#   STATIC       0 skips the static twins (and the ratio), to compare set-ups faster
#   BENCH        pages (default: all of the above) or reminders: the reminders engine alone, no web server
#                (`dotnet Organising.Benchmarks.dll reminders`): REMINDERS due reminders (default 10000) sent by
#                the real dispatcher to a local SMTP sink, against a bare MailKit loop to the same sink in the
#                same run (the ratio), and the cost of as many Schedule calls. ENGINE=postgres runs it on a
#                throwaway PostgreSQL cluster. Report: artifacts/bench/reminders.md
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

DURATION="${DURATION:-10}" DURATION="${DURATION%s}"
WARMUP="${WARMUP:-20}" WARMUP="${WARMUP%s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
for v in DURATION WARMUP CONNECTIONS THREADS; do
    [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || { echo "[bench] $v must be a positive whole number" >&2; exit 2; }
done
ENGINE="${ENGINE:-sqlite}" INSTANCES="${INSTANCES:-1}" NGINX="${NGINX:-0}" STATIC="${STATIC:-1}"
BENCH="${BENCH:-pages}" REMINDERS="${REMINDERS:-10000}"
[[ "$BENCH" == pages || "$BENCH" == reminders ]] || { echo "[bench] BENCH must be pages or reminders" >&2; exit 2; }
[[ "$REMINDERS" =~ ^[0-9]+$ && "$REMINDERS" -gt 0 ]] || { echo "[bench] REMINDERS must be a positive whole number" >&2; exit 2; }
[[ "$ENGINE" == sqlite || "$ENGINE" == postgres ]] || { echo "[bench] ENGINE must be sqlite or postgres" >&2; exit 2; }
[[ "$INSTANCES" == 1 || "$INSTANCES" == 2 ]] || { echo "[bench] INSTANCES must be 1 or 2" >&2; exit 2; }
if [[ "$INSTANCES" == 2 ]]; then
    [[ "$ENGINE" == postgres ]] || { echo "[bench] INSTANCES=2 needs ENGINE=postgres: instances share the database" >&2; exit 2; }
    NGINX=1
fi
REQUESTED_PAGES="${PAGES:-}"
PAGES=(/ /Admin/Users /Admin/Audit /Admin/Settings)

OUT="$ROOT/artifacts/bench"
APP="$OUT/app"
LUA="$ROOT/build/bench/report.lua"
TARGETS="$ROOT/build/bench/static-files.targets"
REPORT="$OUT/report.md"
APP_LOG="$OUT/app.log"

say() { printf '[bench] %s\n' "$*"; }
fail() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/organising-bench.XXXXXX")"
DATA="$WORK/data"
JAR="$WORK/cookies.txt"
APP_PID="" APP2_PID="" NGINX_PID="" SAMPLER_PID="" POSTGRES_STARTED=""
DB_ENV=()

stop_pid() { # stop_pid PID: TERM, up to 10 s, then KILL
    [[ -n "$1" ]] || return 0
    kill -TERM "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
stop_app() {
    stop_pid "$NGINX_PID"
    stop_pid "$APP2_PID"
    stop_pid "$APP_PID"
    APP_PID="" APP2_PID="" NGINX_PID=""
}
stop_sampler() {
    [[ -n "$SAMPLER_PID" ]] || return 0
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
}
cleanup() {
    stop_sampler
    stop_app
    [[ -z "$POSTGRES_STARTED" ]] || "$ROOT/build/postgres.sh" stop >/dev/null 2>&1 || true
    if [[ "${KEEP:-0}" == 1 ]]; then
        say "kept $WORK: the seeded data directory in data/, the administrator's cookies in cookies.txt"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# --- BENCH=reminders: the reminders engine on its own --------------------------------
if [[ "$BENCH" == reminders ]]; then
    mkdir -p "$OUT"
    say "building tests/Organising.Benchmarks"
    dotnet build tests/Organising.Benchmarks/Organising.Benchmarks.csproj -c Release --nologo -v q -o "$OUT/generator" \
        -p:UseSharedCompilation=false >"$OUT/generator-build.log" 2>&1 || fail "building tests/Organising.Benchmarks failed; see $OUT/generator-build.log"
    PG_ARGS=()
    if [[ "$ENGINE" == postgres ]]; then
        say "starting a throwaway PostgreSQL cluster"
        PG="$("$ROOT/build/postgres.sh" start)" || fail "PostgreSQL could not be started"
        POSTGRES_STARTED=1
        PG_ARGS=(--postgres "$PG")
    fi
    if dotnet "$OUT/generator/Organising.Benchmarks.dll" reminders "$REMINDERS" "${PG_ARGS[@]}" | tee "$OUT/reminders.md"; then rc=0; else rc=$?; fi
    say "report written to artifacts/bench/reminders.md"
    exit "$rc"
fi

# --- prepare --------------------------------------------------------------------
"$ROOT/build/setup.sh"
for tool in wrk curl dotnet; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done
mkdir -p "$OUT"
: >"$APP_LOG"

publish() { # publish [extra msbuild args...]
    local log="$OUT/publish.log"
    rm -rf "$APP"
    if ! dotnet publish Host/Organising.Host/Organising.Host.csproj -c Release -o "$APP" \
            --no-restore --nologo -v q -clp:NoSummary "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "dotnet publish failed"
    fi
}
say "publishing Host/Organising.Host (Release) to artifacts/bench/app"
publish

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}
PORT="$(free_port)" || fail "no free port found"
BASE="http://127.0.0.1:$PORT"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0; }
anon_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

start_instance() { # start_instance URL DATA_DIR -> sets STARTED_PID
    # The published folder is the content root (appsettings.json, wwwroot).
    # SMTP settings are dropped so that no real e-mail leaves during a benchmark.
    (cd "$APP" && exec env -u Organising__Smtp__Host Organising__DataDirectory="$2" "${DB_ENV[@]}" \
        dotnet Organising.Host.dll --urls "$1") >>"$APP_LOG" 2>&1 &
    STARTED_PID=$!
}
start_app() {
    start_instance "$BASE" "$DATA"
    APP_PID=$STARTED_PID
}

http_code() { # http_code URL [curl args...]  -> status code, 000 when unreachable
    local url="$1"
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$url" || true
}

wait_for() { # wait_for PATH  -> waits up to 120 s for a 200
    local deadline=$((SECONDS + 120))
    until [[ "$(http_code "$BASE$1" --max-time 2)" == 200 ]]; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$APP_LOG" >&2; fail "the app exited; log: $APP_LOG"; }
        ((SECONDS < deadline)) || fail "no 200 from $1 within 120 s; log: $APP_LOG"
        sleep 0.02
    done
}

# --- cold start --------------------------------------------------------------------
mkdir -p "$DATA"
say "starting the app on $BASE (data: fresh temporary directory)"
t0="$(now_ms)"
start_app
wait_for /setup
COLD_MS=$(($(now_ms) - t0))
say "cold start: $COLD_MS ms to the first 200 from /setup"

# --- first-run setup: create the administrator -----------------------------------------
token_from() { # token_from FILE
    grep -o '<input[^>]*name="__RequestVerificationToken"[^>]*>' "$1" | head -n 1 |
        sed -n 's/.*value="\([^"]*\)".*/\1/p'
}
ADMIN_EMAIL="bench-admin@example.org"
ADMIN_PASSWORD="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)-Aa1"

curl -s --max-time 30 -c "$JAR" -b "$JAR" -o "$WORK/setup.html" "$BASE/setup"
token="$(token_from "$WORK/setup.html")"
[[ -n "$token" ]] || fail "no __RequestVerificationToken in the /setup form"
result="$(curl -s --max-time 30 -c "$JAR" -b "$JAR" -o "$WORK/setup-result.html" -w '%{http_code} %{redirect_url}' \
    --data-urlencode "Input.DisplayName=Bench Administrator" \
    --data-urlencode "Input.Email=$ADMIN_EMAIL" \
    --data-urlencode "Input.Password=$ADMIN_PASSWORD" \
    --data-urlencode "Input.ConfirmPassword=$ADMIN_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" \
    "$BASE/setup")"
if [[ "$result" != 302* && "$result" != 303* ]]; then
    cp "$WORK/setup-result.html" "$OUT/setup-result.html"
    fail "POST /setup answered '$result' instead of a redirect; page saved to artifacts/bench/setup-result.html"
fi
say "administrator created ($ADMIN_EMAIL)"

cookie_header() { # all cookies in the jar as one Cookie header value
    awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$JAR"
}
login() {
    local t r
    curl -s --max-time 30 -c "$JAR" -b "$JAR" -o "$WORK/login.html" "$BASE/Account/Login"
    t="$(token_from "$WORK/login.html")"
    [[ -n "$t" ]] || fail "no __RequestVerificationToken in the login form"
    r="$(curl -s --max-time 30 -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
        --data-urlencode "Input.Email=$ADMIN_EMAIL" \
        --data-urlencode "Input.Password=$ADMIN_PASSWORD" \
        --data-urlencode "__RequestVerificationToken=$t" \
        "$BASE/Account/Login")"
    [[ "$r" == 302 || "$r" == 303 ]] || fail "login answered $r instead of a redirect"
}
COOKIE="$(cookie_header)"
if [[ "$(http_code "$BASE/" -H "Cookie: $COOKIE")" != 200 ]]; then
    say "not signed in after /setup; signing in through /Account/Login"
    login
    COOKIE="$(cookie_header)"
    [[ "$(http_code "$BASE/" -H "Cookie: $COOKIE")" == 200 ]] || fail "GET / is not 200 even after signing in"
fi

# A fresh install, idle: what a new small team's server holds.
sleep 5
FRESH_KB="$(rss_kb)" FRESH_ANON_KB="$(anon_kb)"

# --- realistic volumes ---------------------------------------------------------------------
# 500 users and 20,000 audit entries, then 100,000 people, 2,000 institutions and 50 networks
# (the Networks issue's benchmark set), then 200 teams, 20,000 one-to-ones and 1,000 sessions (the Teams issue's), then 20 listening
# campaigns, 50,000 events, 250,000 issues raised and 30,000 stories (the Listening issue's). SEED=0 measures an empty install instead.
if [[ "${SEED:-1}" != 0 ]]; then
    say "building the data generator"
    dotnet build tests/Organising.Benchmarks/Organising.Benchmarks.csproj -c Release --nologo -v q -o "$OUT/generator" \
        -p:UseSharedCompilation=false >"$OUT/generator-build.log" 2>&1 || fail "building tests/Organising.Benchmarks failed; see $OUT/generator-build.log"
    t0="$(now_ms)"
    dotnet "$OUT/generator/Organising.Benchmarks.dll" seed "$DATA" 500 20000 | sed 's/^/[bench] /'
    dotnet "$OUT/generator/Organising.Benchmarks.dll" seed-networks "$DATA" 100000 2000 50 | sed 's/^/[bench] /'
    dotnet "$OUT/generator/Organising.Benchmarks.dll" seed-teams "$DATA" 200 20000 1000 | sed 's/^/[bench] /'
    dotnet "$OUT/generator/Organising.Benchmarks.dll" seed-listening "$DATA" 20 50000 250000 30000 | sed 's/^/[bench] /'
    say "seeded in $(($(now_ms) - t0)) ms"
    NETWORK_ID="$(sqlite3 "$DATA/organising.db" "SELECT id FROM networks_network ORDER BY name LIMIT 1")"
    PAGES+=(/Networks /Networks/People "/Networks/People?q=hodan" "/Networks/People?q=person4242" "/Networks/Details/$NETWORK_ID" /Networks/Institutions /Networks/Duplicates)
    # The team with the most one-to-ones: its page and pipeline board are the Teams issue's measured pages.
    TEAM_ID="$(sqlite3 "$DATA/organising.db" "SELECT team_id FROM teams_one_to_one GROUP BY team_id ORDER BY COUNT(*) DESC LIMIT 1")"
    # The Teams issue's document: a 200-row sign-in sheet, rendered by the app's own code (no web server involved).
    SIGN_IN_SHEET="$(dotnet "$OUT/generator/Organising.Benchmarks.dll" sign-in-sheet 200 50)"
    say "$SIGN_IN_SHEET"
    PAGES+=(/Teams "/Teams/Details/$TEAM_ID" "/Teams/Pipeline/$TEAM_ID" /Teams/OneToOnes /Teams/Training /Teams/Ladders)
    # Every seeded campaign is the same size (2,500 events, 12,500 issues raised): the first by name stands for them.
    CAMPAIGN_ID="$(sqlite3 "$DATA/organising.db" "SELECT id FROM listening_campaign ORDER BY name LIMIT 1")"
    PAGES+=(/Listening "/Listening/Campaigns/Details/$CAMPAIGN_ID" "/Listening/Tallies/$CAMPAIGN_ID" "/Listening/Events?campaign=$CAMPAIGN_ID"
        "/Listening/Heard?campaign=$CAMPAIGN_ID" "/Listening/Workbench/$CAMPAIGN_ID" /Listening/Agenda /Listening/Themes)
fi

# --- PostgreSQL: the same install, copied -------------------------------------------------
COPY_NOTE="" PG_COLD_MS=""
if [[ "$ENGINE" == postgres ]]; then
    stop_app
    say "starting a throwaway PostgreSQL cluster"
    PG="$("$ROOT/build/postgres.sh" start)" || fail "PostgreSQL could not be started"
    POSTGRES_STARTED=1
    t0="$(now_ms)"
    (cd "$APP" && dotnet Organising.Host.dll copy-to-postgres --from "$DATA/organising.db" --to "$PG") >"$OUT/copy.log" 2>&1 ||
        { cat "$OUT/copy.log" >&2; fail "copy-to-postgres failed"; }
    COPY_NOTE="copied from SQLite with copy-to-postgres in $(($(now_ms) - t0)) ms ($(tail -n 1 "$OUT/copy.log"))"
    say "$COPY_NOTE"
    DB_ENV=(Organising__Database__Provider=Postgres "Organising__Database__ConnectionString=$PG")
    t0="$(now_ms)"
    start_app
    wait_for /healthz
    PG_COLD_MS=$(($(now_ms) - t0))
    say "restarted on PostgreSQL: $PG_COLD_MS ms to the first 200 from /healthz"
fi

# --- several instances behind nginx ------------------------------------------------------
LOAD_BASE="$BASE"
if [[ "$NGINX" == 1 ]]; then
    command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || {
        say "installing Debian's nginx"
        SUDO=()
        [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
        DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 ||
            DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends nginx >/dev/null ||
            fail "apt-get could not install nginx"
    }
    NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
    UPSTREAMS="server 127.0.0.1:$PORT;"
    if [[ "$INSTANCES" == 2 ]]; then
        PORT2="$(free_port)" || fail "no free port found"
        mkdir -p "$WORK/data2"
        start_instance "http://127.0.0.1:$PORT2" "$WORK/data2"
        APP2_PID=$STARTED_PID
        deadline=$((SECONDS + 120))
        until [[ "$(http_code "http://127.0.0.1:$PORT2/healthz" --max-time 2)" == 200 ]]; do
            ((SECONDS < deadline)) || fail "the second instance gave no 200 from /healthz within 120 s; log: $APP_LOG"
            sleep 0.05
        done
        UPSTREAMS="$UPSTREAMS server 127.0.0.1:$PORT2;"
    fi
    NGINX_PORT="$(free_port)" || fail "no free port found"
    mkdir -p "$WORK/nginx"
    # The instances trust loopback's X-Forwarded-* headers (forwarded headers: loopback is a known proxy).
    cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    upstream organising { $UPSTREAMS keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://organising;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
NGINX
    "$NGINX_BIN" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >>"$APP_LOG" 2>&1 &
    NGINX_PID=$!
    LOAD_BASE="http://127.0.0.1:$NGINX_PORT"
    deadline=$((SECONDS + 30))
    until [[ "$(http_code "$LOAD_BASE/healthz" --max-time 2)" == 200 ]]; do
        ((SECONDS < deadline)) || fail "nginx gave no 200 from /healthz; see $WORK/nginx/error.log"
        sleep 0.05
    done
    say "nginx on $LOAD_BASE balancing over $INSTANCES instance(s)"
fi
if [[ -n "$REQUESTED_PAGES" ]]; then
    # {team}, {network} and {campaign} stand for the seeded ids the default set uses.
    REQUESTED_PAGES="${REQUESTED_PAGES//\{team\}/${TEAM_ID:-}}"
    REQUESTED_PAGES="${REQUESTED_PAGES//\{network\}/${NETWORK_ID:-}}"
    REQUESTED_PAGES="${REQUESTED_PAGES//\{campaign\}/${CAMPAIGN_ID:-}}"
    read -r -a PAGES <<<"$REQUESTED_PAGES"
fi

# --- pages and their same-sized static twins -------------------------------------------
mkdir -p "$WORK/static"
declare -a BYTES=() STATUS=()
for i in "${!PAGES[@]}"; do
    page="${PAGES[$i]}"
    r="$(curl -s --max-time 30 -H "Cookie: $COOKIE" -o "$WORK/page-$i.html" -w '%{http_code} %{size_download}' "$LOAD_BASE$page" || echo "000 0")"
    STATUS[i]="${r%% *}"
    BYTES[i]="${r##* }"
    # The static twin is the page's own HTML: the same bytes, so the same size.
    cp "$WORK/page-$i.html" "$WORK/static/static-$i.html"
    say "$page: HTTP ${STATUS[i]}, ${BYTES[i]} bytes"
done

static_ok() { # every static twin is served with the page's size
    local i r
    for i in "${!PAGES[@]}"; do
        r="$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' "$LOAD_BASE/bench/static-$i.html" || true)"
        [[ "$r" == "200 ${BYTES[i]}" ]] || return 1
    done
}
mkdir -p "$APP/wwwroot/bench"
cp "$WORK"/static/static-*.html "$APP/wwwroot/bench/"
STATIC_HOW="files copied into the published wwwroot/bench/"
if [[ "$STATIC" == 0 ]]; then
    STATIC_HOW="not measured (STATIC=0)"
elif ! static_ok; then
    # MapStaticAssets serves only what was known at publish time: publish again
    # with the twins as static web assets, then restart on the same data.
    say "static files added after publish are not served; publishing again with them"
    [[ "$ENGINE" == sqlite && "$NGINX" == 0 ]] || fail "static files added after publish are not served; run with STATIC=0"
    stop_app
    publish "-p:CustomAfterMicrosoftCommonTargets=$TARGETS" "-p:BenchStaticDir=$WORK/static"
    start_app
    wait_for /healthz
    static_ok || fail "the app does not serve the static files from wwwroot/bench/"
    STATIC_HOW="published as static web assets (wwwroot/bench/), app restarted on the same data"
    if [[ "$(http_code "$BASE/" -H "Cookie: $COOKIE")" != 200 ]]; then
        login
        COOKIE="$(cookie_header)"
    fi
fi

# --- load ---------------------------------------------------------------------------------
say "idle for 5 s"
sleep 5
IDLE_KB="$(rss_kb)" IDLE_ANON_KB="$(anon_kb)"

: >"$WORK/peak"
(
    peak=0 peak_anon=0
    while kill -0 "$APP_PID" 2>/dev/null; do
        r="$(rss_kb)" a="$(anon_kb)"
        if ((r > peak)); then peak=$r; echo "$peak" >"$WORK/peak"; fi
        if ((a > peak_anon)); then peak_anon=$a; echo "$peak_anon" >"$WORK/peak-anon"; fi
        sleep 0.2
    done
) &
SAMPLER_PID=$!

bench_url() { # bench_url URL -> BENCH line from report.lua
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -H "Cookie: $COOKIE" "$1" >/dev/null 2>&1 || true
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$LUA" -H "Cookie: $COOKIE" "$1" 2>&1 |
        grep '^BENCH ' | tail -n 1 || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "n/a" }'; }

rows=()
for i in "${!PAGES[@]}"; do
    page="${PAGES[$i]}"
    if [[ "${STATUS[i]}" != 200 ]]; then
        rows+=("| \`$page\` | - | HTTP ${STATUS[i]}: not measured | | | | | | | |")
        continue
    fi
    say "$page: ${WARMUP} s warm-up, ${DURATION} s load (${THREADS} threads, ${CONNECTIONS} connections)"
    p="$(bench_url "$LOAD_BASE$page")"
    s="BENCH rps=n/a p95_ms=n/a"
    if [[ "$STATIC" != 0 ]]; then
        say "$page: static twin"
        s="$(bench_url "$LOAD_BASE/bench/static-$i.html")"
    fi
    [[ -n "$p" && -n "$s" ]] || fail "wrk gave no result for $page"
    after="$(http_code "$LOAD_BASE$page" -H "Cookie: $COOKIE")"
    errors=$(($(field errors "$p") + $(field non2xx3xx "$p")))
    [[ "$after" == 200 ]] || errors="$errors (page answered $after after the run)"
    rows+=("| \`$page\` | ${BYTES[i]} | $(field rps "$p") | $(field p50_ms "$p") | $(field p95_ms "$p") | $(field p99_ms "$p") | $(field rps "$s") | $(field p95_ms "$s") | $(ratio "$(field rps "$p")" "$(field rps "$s")") | $errors |")
done
stop_sampler
# The Listening issue's other goal: one 30-row report-back form committed through the bulk-entry page.
BULK_ENTRY=""
if [[ -n "${CAMPAIGN_ID:-}" ]]; then
    say "bulk entry: 30-row report-back forms posted one at a time"
    BULK_ENTRY="$(dotnet "$OUT/generator/Organising.Benchmarks.dll" bulk-entry "$LOAD_BASE" "$COOKIE" "$CAMPAIGN_ID" 50 \
        "$([[ "$STATIC" != 0 ]] && echo /bench/static-0.html)")" || fail "the bulk-entry measurement failed"
    say "$BULK_ENTRY"
fi
PEAK_KB="$(cat "$WORK/peak" 2>/dev/null || echo 0)"
PEAK_ANON_KB="$(cat "$WORK/peak-anon" 2>/dev/null || echo 0)"
HWM_KB="$(hwm_kb)"

# --- report ---------------------------------------------------------------------------------
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"
mem_mib="$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1024 }' /proc/meminfo 2>/dev/null || echo '?')"
{
    echo "# Benchmark report"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $commit"
    echo "- Machine: $(nproc) CPUs (${cpu:-unknown CPU}), ${mem_mib} MiB RAM; .NET SDK $(dotnet --version)"
    if [[ "$ENGINE" == postgres ]]; then
        echo "- App: \`dotnet publish -c Release\`, Kestrel on $BASE; PostgreSQL $(psql --version | awk '{ print $3 }') on loopback (throwaway cluster, fsync off), $COPY_NOTE; restart on it: $PG_COLD_MS ms to /healthz"
    else
        echo "- App: \`dotnet publish -c Release\`, Kestrel on $BASE, fresh SQLite data directory"
    fi
    if [[ "$NGINX" == 1 ]]; then
        echo "- Load through Debian's nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*nginx\///') on $LOAD_BASE, balancing (round robin, keep-alive upstream) over $INSTANCES app instance(s) on one database; RSS figures are the first instance's"
    fi
    echo "- Load: wrk, $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up then ${DURATION} s per URL, on the same machine as the app"
    echo "- Signed in as the administrator created through /setup; static twin = the page's own HTML, $STATIC_HOW"
    echo
    echo "| measure | value |"
    echo "|---|---|"
    echo "| cold start (launch to first 200 from \`/setup\`) | $COLD_MS ms |"
    echo "| RSS idle, fresh install (after setup, 5 s idle) | $(mib "$FRESH_KB") MiB (private $(mib "$FRESH_ANON_KB") MiB) |"
    echo "| RSS idle with the data set loaded (each page opened once, 5 s idle) | $(mib "$IDLE_KB") MiB (private $(mib "$IDLE_ANON_KB") MiB) |"
    echo "| RSS peak under load (sampled every 0.2 s) | $(mib "$PEAK_KB") MiB (private peak $(mib "$PEAK_ANON_KB") MiB) |"
    echo "| RSS high-water mark of the process (VmHWM) | $(mib "$HWM_KB") MiB |"
    echo
    echo "| page | bytes | req/s | p50 ms | p95 ms | p99 ms | static req/s | static p95 ms | ratio | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "ratio = page req/s / static req/s (1.00 would mean the page costs no more than sending a file of the same size)."
    if [[ -n "${SIGN_IN_SHEET:-}" ]]; then
        echo
        echo "- $SIGN_IN_SHEET"
    fi
    if [[ -n "$BULK_ENTRY" ]]; then
        echo "- $BULK_ENTRY"
    fi
} >"$REPORT"

stop_app
echo
cat "$REPORT"
echo
say "report written to artifacts/bench/report.md"
