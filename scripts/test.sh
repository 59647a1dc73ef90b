#!/usr/bin/env bash
# README command 2: every check, from a fresh Debian 12 machine (as root) or a developer's.
# Installs what is missing, then: rustfmt, shellcheck, clippy (whole workspace incl. src-tauri), cargo test,
# UI typecheck + Vitest, the release window, the WebDriver E2E under Xvfb, and the .deb: built,
# installed on this machine, its window started to the unlock screen, and removed again.
# Ends with a summary; exits non-zero if any step failed. CI runs it through .ci/run.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$REPO_ROOT"

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CI="${CI:-}"

names=()
results=()
secs=()
failures=0
run_started=$SECONDS

# step NAME COMMAND...: runs one check, records pass/fail and its duration, never aborts the run.
step() {
  local name="$1"
  shift
  local t0=$SECONDS status
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  # Not `( ... ) || status=$?`: bash ignores `set -e` inside a tested subshell, which would let
  # a failing command in the middle of a step go unnoticed.
  set +e
  (
    set -e
    "$@"
  )
  status=$?
  set -e
  names+=("$name")
  secs+=("$((SECONDS - t0))")
  if [ "$status" -eq 0 ]; then
    results+=(passed)
  else
    results+=("FAILED ($status)")
    failures=$((failures + 1))
  fi
  return 0
}

skip() {
  names+=("$1")
  secs+=(0)
  results+=("skipped: $2")
}

last_ok() { [ "${results[${#results[@]} - 1]}" = passed ]; }

setup() {
  ensure_toolchains
  ensure_apt "${APT_BUILD[@]}" "${APT_HEADLESS[@]}" "${APT_LINT[@]}" "${APT_PACKAGE[@]}"
  ensure_rust_components
  ensure_npm
}

step "setup (apt, npm ci)" setup
if ! last_ok; then
  echo "setup failed; nothing else can run" >&2
  exit 1
fi
step "cargo fmt --check" cargo fmt --all -- --check
step "shellcheck" shellcheck -x scripts/*.sh tests/e2e/run-e2e.sh .ci/run
step "cargo clippy -D warnings" cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test" cargo test --workspace --locked
step "ui typecheck" npm run --silent typecheck -w ui
step "ui vitest" npm test --silent -w ui
step "release build" build_release
if last_ok; then
  step "tauri-driver" ensure_tauri_driver
  if last_ok; then
    step "e2e (WebDriver, Xvfb)" bash tests/e2e/run-e2e.sh
  else
    skip "e2e (WebDriver, Xvfb)" "no tauri-driver"
  fi
else
  skip "tauri-driver" "no release build"
  skip "e2e (WebDriver, Xvfb)" "no release build"
fi

# The package a municipality deploys: install it like IT would (apt resolves WebKitGTK and GTK),
# check both programs, open the installed window to its unlock screen, then remove it again.
installed_package_starts() {
  local deb version
  deb="$(bash scripts/package.sh --print)"
  version="$(dpkg-deb -f "$deb" Version)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" </dev/null
  local status=0
  {
    [ "$(/usr/bin/casus --version)" = "casus $version" ] &&
      [ -f /usr/share/applications/nl.casusoverleg.desktop.desktop ] &&
      bash tests/e2e/run-e2e.sh --installed
  } || status=$?
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq casusoverleg </dev/null
  return "$status"
}

if [ "${results[${#results[@]} - 1]}" != "skipped: no release build" ]; then
  step "package (.deb)" bash scripts/package.sh
  if last_ok; then
    step "package installs and starts" installed_package_starts
  else
    skip "package installs and starts" "no package"
  fi
else
  skip "package (.deb)" "no release build"
  skip "package installs and starts" "no package"
fi

total=$((SECONDS - run_started))
passed=0
skipped=0
echo
echo "================ scripts/test.sh summary ================"
for i in "${!names[@]}"; do
  printf '  %-26s %-14s %4ss\n' "${names[$i]}" "${results[$i]}" "${secs[$i]}"
  case "${results[$i]}" in
    passed) passed=$((passed + 1)) ;;
    skipped*) skipped=$((skipped + 1)) ;;
  esac
done
printf '  %-26s %-14s %4ss\n' "total" "" "$total"
echo "========================================================="
echo "steps: $passed passed, $failures failed, $skipped skipped"
[ "$failures" -eq 0 ]
