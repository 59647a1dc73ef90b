#!/usr/bin/env bash
# Development loop: the Vite dev server (hot reload for ui/) plus the debug window pointed at it
# (a debug build without `custom-protocol` loads devUrl http://localhost:5173), on the demo store.
# Rust changes need a restart of this script. For the UI alone in a browser (mock data, no Rust):
#   npm run dev:ui     and open http://localhost:5173
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$REPO_ROOT"

ensure_toolchains
ensure_apt "${APT_BUILD[@]}"
ensure_npm
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "no screen (DISPLAY/WAYLAND_DISPLAY unset): run this inside a desktop session"
fi

(cd ui && exec ../node_modules/.bin/vite --clearScreen false) &
VITE_PID=$!
trap 'kill "$VITE_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/5173) 2>/dev/null; then break; fi
  kill -0 "$VITE_PID" 2>/dev/null || die "the Vite dev server did not start"
  sleep 0.1
done

cargo run -p casus-desktop -- --demo
