#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback (the default listen_addresses, localhost), for tests and benchmarks that run the app on PostgreSQL.
#
#   ./build/postgres.sh start     installs Debian's postgresql if missing, (re)creates the cluster
#                                 "organising-test-<checkout>" on a free loopback port, and prints its
#                                 connection string (Npgsql form) on standard output
#   ./build/postgres.sh stop      stops and removes the cluster and its data
#
# Works as root (CI): Debian's pg_createcluster and pg_ctlcluster run the server as the postgres user.
# The data lives in a temporary folder and goes with `stop`; a second `start` starts afresh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/artifacts/postgres"
# One cluster per checkout, so that two worktrees testing at once do not stop each other's server.
CLUSTER="organising-test-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"

say() { printf '[postgres] %s\n' "$*" >&2; }
fail() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || fail "need root (or sudo) to run a PostgreSQL cluster"
    SUDO=(sudo)
fi

install_if_missing() {
    command -v pg_createcluster >/dev/null 2>&1 && return 0
    say "installing Debian's postgresql"
    local log
    log="$(mktemp)"
    if ! { DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get update -qq &&
           DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1; then
        cat "$log" >&2
        fail "apt-get could not install postgresql"
    fi
    rm -f "$log"
}

version() { find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -n | tail -n 1; }

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}

stop_cluster() {
    local v
    command -v pg_lsclusters >/dev/null 2>&1 || return 0
    v="$(version)"
    if pg_lsclusters -h 2>/dev/null | awk '{ print $2 }' | grep -qx "$CLUSTER"; then
        "${SUDO[@]}" pg_dropcluster --stop "$v" "$CLUSTER" >/dev/null 2>&1 || true
    fi
    [[ -f "$STATE/datadir" ]] && "${SUDO[@]}" rm -rf "$(cat "$STATE/datadir")"
    rm -rf "$STATE"
}

start_cluster() {
    install_if_missing
    stop_cluster
    local v port password datadir
    v="$(version)"
    port="$(free_port)" || fail "no free port found"
    password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
    datadir="$(mktemp -d "${TMPDIR:-/tmp}/organising-pg.XXXXXX")"
    mkdir -p "$STATE"
    echo "$datadir" >"$STATE/datadir" # so that stop removes it even when start fails below
    "${SUDO[@]}" chown postgres:postgres "$datadir"
    "${SUDO[@]}" pg_createcluster "$v" "$CLUSTER" -d "$datadir/data" -p "$port" \
        -o fsync=off -o synchronous_commit=off -o full_page_writes=off >/dev/null
    "${SUDO[@]}" pg_ctlcluster "$v" "$CLUSTER" start
    # pg_signal_backend: the tests drop each database WITH (FORCE), which must end every session on it, also one
    # the role did not start (a CI run once failed a fixture's teardown with 42501 there).
    "${SUDO[@]}" runuser -u postgres -- psql -q -p "$port" -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE organising LOGIN CREATEDB PASSWORD '$password'" \
        -c "GRANT pg_signal_backend TO organising" \
        -c "CREATE DATABASE organising OWNER organising" >/dev/null
    local connection="Host=127.0.0.1;Port=$port;Username=organising;Password=$password;Database=organising"
    echo "$connection" >"$STATE/connection-string"
    say "cluster $CLUSTER (PostgreSQL $v) on 127.0.0.1:$port"
    echo "$connection"
}

case "${1:-}" in
    start) start_cluster ;;
    stop) stop_cluster; say "cluster $CLUSTER removed" ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
