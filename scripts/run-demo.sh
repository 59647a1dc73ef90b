#!/usr/bin/env bash
# README command 1: install what is missing, build the release window and start it on the demo
# store (fictional people only; created on first run in $XDG_DATA_HOME/casusoverleg/demo.casus).
#
#   scripts/run-demo.sh            # on a desktop (DISPLAY or WAYLAND_DISPLAY set)
#   scripts/run-demo.sh --xvfb     # no screen: run on a virtual one (Xvfb), with a throwaway HOME
#   scripts/run-demo.sh --build-only
#
# Safe to run again: installed packages, node_modules and the build are reused.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

mode=window
for arg in "$@"; do
  case "$arg" in
    --xvfb) mode=xvfb ;;
    --build-only) mode=build ;;
    -h | --help)
      sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown option: $arg (try --help)" ;;
  esac
done

ensure_toolchains
ensure_apt "${APT_BUILD[@]}"
[ "$mode" = xvfb ] && ensure_apt "${APT_HEADLESS[@]}"
ensure_npm
build_release

if [ "$mode" = build ]; then
  log "built: $APP_BIN"
  exit 0
fi

cat <<EOT

  Casusoverleg (demo store, fictional people only)
  Gebruikersnaam: $(demo_user)
  Wachtwoordzin:  $(demo_passphrase)

EOT

if [ "$mode" = xvfb ]; then
  RUN_HOME="$(make_run_home)"
  trap 'rm -rf "$RUN_HOME"' EXIT
  log "starting on a virtual screen (Xvfb); HOME is $RUN_HOME/home. Stop with Ctrl-C."
  status=0
  with_run_home "$RUN_HOME" env -u CASUS_STORE \
    xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    dbus-run-session -- "$APP_BIN" --demo || status=$?
  exit "$status"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<EOT
No screen found: neither DISPLAY nor WAYLAND_DISPLAY is set, so the window cannot open here.
  - On a desktop, run this script from a terminal inside your graphical session.
  - Over SSH, use 'ssh -X' or run it on the machine itself.
  - Without any screen, use:  scripts/run-demo.sh --xvfb   (virtual screen, nothing visible)
The app is built: $APP_BIN
EOT
  exit 2
fi

log "starting $APP_BIN --demo"
exec env -u CASUS_STORE "$APP_BIN" --demo
