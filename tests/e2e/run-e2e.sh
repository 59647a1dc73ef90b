#!/usr/bin/env bash
# E2E against the real release window: a fresh HOME (so a fresh demo store), a virtual screen
# (Xvfb), a private D-Bus session, tauri-driver + WebKitWebDriver, then tests/e2e/unlock.mjs and
# tests/e2e/journey.mjs (the whole PGA journey with axe on every screen).
# Needs target/release/casus-desktop (scripts/test.sh builds it) and tauri-driver in .tools/.
#   bash tests/e2e/run-e2e.sh                        # screenshots: target/e2e-screenshots/
#   bash tests/e2e/run-e2e.sh --update-screenshots   # refresh docs/screenshots/ (then look at them)
#   bash tests/e2e/run-e2e.sh --installed            # only: the installed package's window
#                                                    # (/usr/bin/casus-desktop) reaches the unlock screen
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../../scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"

if [ "${1:-}" != "--inside" ]; then
  export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$REPO_ROOT/target/e2e-screenshots}"
  export E2E_SUITE=journey
  if [ "${1:-}" = "--update-screenshots" ]; then
    SCREENSHOT_DIR="$REPO_ROOT/docs/screenshots"
  elif [ "${1:-}" = "--installed" ]; then
    E2E_SUITE=installed
    APP_BIN=/usr/bin/casus-desktop
  elif [ -n "${1:-}" ]; then
    die "unknown option: $1"
  fi
  export APP_BIN
  [ -x "$APP_BIN" ] || die "no window at $APP_BIN: run scripts/test.sh, scripts/run-demo.sh or install the package first"
  ensure_apt "${APT_HEADLESS[@]}"
  ensure_tauri_driver
  RUN_HOME="$(make_run_home)"
  trap 'rm -rf "$RUN_HOME"' EXIT
  export DEMO_USER DEMO_PASSPHRASE
  DEMO_USER="$(demo_user)"
  DEMO_PASSPHRASE="$(demo_passphrase)"
  # xvfb-run gives a screen; dbus-run-session a bus that dies with the run (no stray daemons).
  status=0
  with_run_home "$RUN_HOME" \
    xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside || status=$?
  echo "screenshots: $SCREENSHOT_DIR"
  exit "$status"
fi

# --- inside Xvfb and D-Bus ---
unset CASUS_STORE CASUS_DEMO
# The window inherits tauri-driver's environment: exports go to a temp folder the journey checks.
CASUS_EXPORT_DIR="$(mktemp -d "${TMPDIR:-/tmp}/casus-exports.XXXXXX")"
export CASUS_EXPORT_DIR
# A port pair nobody listens on (another run on this machine may hold 4444/4445).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${E2E_PORT:-4444}"
while ! port_free "$PORT" || ! port_free "$((PORT + 1))"; do
  PORT="$((PORT + 2))"
  [ "$PORT" -lt 4600 ] || die "no free port pair for tauri-driver between 4444 and 4600"
done
NATIVE_PORT="$((PORT + 1))"
DRIVER_LOG="$(mktemp "${TMPDIR:-/tmp}/tauri-driver.XXXXXX.log")"
"$TOOLS_DIR/bin/tauri-driver" --port "$PORT" --native-port "$NATIVE_PORT" >"$DRIVER_LOG" 2>&1 &
DRIVER_PID=$!
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  kill "$DRIVER_PID" 2>/dev/null || true
  wait "$DRIVER_PID" 2>/dev/null || true
  rm -f "$DRIVER_LOG"
  rm -rf "$CASUS_EXPORT_DIR"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$DRIVER_PID" 2>/dev/null || { cat "$DRIVER_LOG" >&2; die "tauri-driver exited"; }
  sleep 0.1
done

status=0
if [ "${E2E_SUITE:-journey}" = installed ]; then
  WEBDRIVER_URL="http://127.0.0.1:$PORT" APP_BIN=/usr/bin/casus-desktop node "$REPO_ROOT/tests/e2e/installed.mjs" || status=$?
  [ "$status" -eq 0 ] || { tail -n 50 "$DRIVER_LOG" >&2 || true; }
  exit "$status"
fi
WEBDRIVER_URL="http://127.0.0.1:$PORT" APP_BIN="$APP_BIN" node "$REPO_ROOT/tests/e2e/unlock.mjs" || status=$?
if [ "$status" -eq 0 ]; then
  # The journey starts on a fresh demo store and writes its exports to a temp folder.
  rm -rf "${XDG_DATA_HOME:?}/casusoverleg"
  WEBDRIVER_URL="http://127.0.0.1:$PORT" APP_BIN="$APP_BIN" node "$REPO_ROOT/tests/e2e/journey.mjs" || status=$?
  rm -rf "$CASUS_EXPORT_DIR"
fi
if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log ---" >&2
  tail -n 50 "$DRIVER_LOG" >&2 || true
fi
exit "$status"
