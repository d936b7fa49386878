#!/usr/bin/env bash
# Installs what the app, its tests and its benchmarks need, then restores packages.
#
#   1. Debian packages (only those that are missing; apt-get update only if needed)
#   2. front-end packages from npm in Host/Organising.Host (Bootstrap)
#   3. NuGet packages for Organising.sln
#
# Safe to run again: each step does nothing when it is already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

step() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. Debian packages ------------------------------------------------------
# chromium           end-to-end tests (Playwright drives /usr/bin/chromium)
# fonts-dejavu-core  PDF documents (PDFsharp font resolver) and readable screenshots
# wrk                build/bench.sh load generator
# sqlite3            inspecting and checking the database by hand
# curl, procps       build/bench.sh and health checks
APT_PACKAGES=(chromium fonts-dejavu-core wrk sqlite3 curl procps)

is_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        step "system packages: all present (${APT_PACKAGES[*]})"
    else
        step "system packages: installing ${missing[*]}"
        SUDO=()
        if [[ $(id -u) -ne 0 ]]; then
            command -v sudo >/dev/null 2>&1 || fail "need root (or sudo) to install: ${missing[*]}"
            SUDO=(sudo)
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt_log="$(mktemp)"
        if ! { "${SUDO[@]}" apt-get update -qq &&
               "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
               >"$apt_log" 2>&1; then
            cat "$apt_log" >&2
            rm -f "$apt_log"
            fail "apt-get could not install: ${missing[*]}"
        fi
        rm -f "$apt_log"
        step "system packages: installed ${missing[*]}"
    fi
else
    step "system packages: dpkg not found (not Debian?); make sure these are installed: ${APT_PACKAGES[*]}"
fi

# --- 2. Front-end packages ----------------------------------------------------
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not on PATH"
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (install Node.js and npm)"

WEB="$ROOT/Host/Organising.Host"
if [[ -f "$WEB/package.json" ]]; then
    stamp="$WEB/node_modules/.organising-setup-stamp"
    if [[ -f "$WEB/package-lock.json" ]]; then
        want="$(cat "$WEB/package.json" "$WEB/package-lock.json" | cksum)"
        if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
            step "npm packages: up to date"
        else
            step "npm packages: npm ci in Host/Organising.Host"
            (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
            printf '%s' "$want" >"$stamp"
            step "npm packages: installed"
        fi
    else
        step "npm packages: no package-lock.json yet; npm install in Host/Organising.Host"
        (cd "$WEB" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
        cat "$WEB/package.json" "$WEB/package-lock.json" | cksum >"$stamp"
        step "npm packages: installed (package-lock.json written; commit it)"
    fi
else
    step "npm packages: no Host/Organising.Host/package.json, skipped"
fi

# --- 3. NuGet packages --------------------------------------------------------
step "nuget packages: dotnet restore Organising.sln"
mkdir -p "$ROOT/artifacts/logs"
restore_log="$ROOT/artifacts/logs/restore.log"
if ! dotnet restore Organising.sln --nologo --verbosity quiet >"$restore_log" 2>&1; then
    cat "$restore_log" >&2
    fail "dotnet restore failed"
fi
warnings="$(grep -c ': warning ' "$restore_log" || true)"
if [[ "$warnings" -gt 0 ]]; then
    step "nuget packages: restored ($warnings warnings, see artifacts/logs/restore.log)"
else
    step "nuget packages: restored"
fi
step "done"
