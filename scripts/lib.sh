# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Shared helpers for scripts/run-demo.sh, scripts/test.sh and tests/e2e/run-e2e.sh.
# Sourced, never run. Everything here is idempotent: it checks first and installs only what is
# missing (apt packages, npm packages, tauri-driver), so running a script twice is cheap.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

# Debian packages to build the Tauri window (webkit2gtk 4.1 + gtk 3).
APT_BUILD=(libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libxdo-dev build-essential pkg-config file curl ca-certificates)
# Debian packages to run the window without a screen and drive it over WebDriver.
APT_HEADLESS=(xvfb xauth dbus dbus-x11 at-spi2-core webkit2gtk-driver fonts-dejavu-core locales)
# Debian packages for the checks themselves.
APT_LINT=(shellcheck poppler-utils qpdf)
# Debian packages to build the .deb (scripts/package.sh): dpkg-dev for dpkg-shlibdeps, and the
# desktop entry's validator.
APT_PACKAGE=(dpkg-dev desktop-file-utils)

TAURI_DRIVER_VERSION="2.1.0"
TOOLS_DIR="$REPO_ROOT/.tools"
APP_BIN="$REPO_ROOT/target/release/casus-desktop"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die() {
  printf '\033[31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

# Runs "$@" as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install sudo or run this script as root)"
  fi
}

# Installs the given Debian packages that are not installed yet (one apt-get update at most).
ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "missing system packages (${missing[*]}) and no apt-get: install them by hand"
  log "apt: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

# Rust (with rustfmt and clippy) and Node >= 20.19 must be there: their installers download
# toolchains, which a locked-down machine cannot, so we only check and explain.
ensure_toolchains() {
  command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (rustup, stable >= 1.90) first"
  command -v node >/dev/null 2>&1 || die "node not found: install Node.js 20.19+ (22 LTS recommended) first"
  command -v npm >/dev/null 2>&1 || die "npm not found: install npm (comes with Node.js) first"
  local node_version major minor
  node_version="$(node -p 'process.versions.node')"
  major="${node_version%%.*}"
  minor="$(echo "$node_version" | cut -d. -f2)"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    die "Node.js $node_version is too old: Vite 8 needs 20.19 or newer"
  fi
}

ensure_rust_components() {
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}

# `npm ci` when node_modules does not match package-lock.json (a stamp remembers the last install).
ensure_npm() {
  local stamp="$REPO_ROOT/node_modules/.casus-lock.sha256" want
  want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  log "npm ci"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

# tauri-driver (the WebDriver bridge) in a repo-local folder, never in ~/.cargo/bin.
ensure_tauri_driver() {
  local bin="$TOOLS_DIR/bin/tauri-driver"
  if [ -x "$bin" ] && [ -f "$TOOLS_DIR/.tauri-driver-$TAURI_DRIVER_VERSION" ]; then
    return 0
  fi
  log "cargo install tauri-driver $TAURI_DRIVER_VERSION into .tools/"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" --root "$TOOLS_DIR" --quiet
  touch "$TOOLS_DIR/.tauri-driver-$TAURI_DRIVER_VERSION"
}

# The release window: ui/dist is embedded, so the UI is built first; `custom-protocol` makes
# the binary serve it instead of pointing at the Vite dev server.
# Whether ui/dist was built after every UI source changed. Vite writes new files on every build,
# and the release window embeds ui/dist, so rebuilding an unchanged UI would recompile the window.
ui_dist_is_fresh() {
  local stamp="$REPO_ROOT/ui/dist/index.html"
  [ -f "$stamp" ] || return 1
  [ -z "$(find "$REPO_ROOT/ui" "$REPO_ROOT/package.json" "$REPO_ROOT/package-lock.json" \
    \( -path "$REPO_ROOT/ui/dist" -o -path "$REPO_ROOT/ui/node_modules" \) -prune \
    -o -type f -newer "$stamp" -print -quit)" ]
}

build_release() {
  if ui_dist_is_fresh; then
    log "the UI (ui/dist) is up to date"
  else
    log "build the UI (ui/dist)"
    (cd "$REPO_ROOT" && npm run --silent build -w ui >/dev/null)
  fi
  log "build the release window (target/release/casus-desktop)"
  (cd "$REPO_ROOT" && cargo build --release --locked -p casus-desktop --features custom-protocol)
}

# A throwaway HOME and XDG folders for one app run, so a run never touches the real user's
# data or caches (WebKit writes there, and the demo store goes to $XDG_DATA_HOME). Prints the dir.
make_run_home() {
  local dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/casus-run.XXXXXX")"
  mkdir -p "$dir/home" "$dir/data" "$dir/config" "$dir/cache" "$dir/runtime"
  chmod 700 "$dir/runtime"
  echo "$dir"
}

# Runs "$@" with HOME and XDG_* pointing into a folder made by make_run_home.
with_run_home() {
  local dir="$1"
  shift
  env HOME="$dir/home" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" \
    XDG_CACHE_HOME="$dir/cache" XDG_RUNTIME_DIR="$dir/runtime" LANG="$(dutch_locale)" "$@"
}

# The window's date fields follow the process locale: use Dutch (dd-mm-jjjj) where it can be
# made (Debian's `locales` package has the data; localedef takes a second), else keep the current.
dutch_locale() {
  if ! locale -a 2>/dev/null | grep -qix 'nl_NL.utf8'; then
    if command -v localedef >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      localedef -i nl_NL -f UTF-8 nl_NL.UTF-8 >/dev/null 2>&1 || true
    fi
  fi
  if locale -a 2>/dev/null | grep -qix 'nl_NL.utf8'; then
    echo "nl_NL.UTF-8"
  else
    echo "${LANG:-C.UTF-8}"
  fi
}

# The demo passphrase, read from the one place it is defined (casus_dev::demo).
demo_passphrase() {
  if [ -n "${CASUS_DEMO_PASSPHRASE:-}" ]; then
    echo "$CASUS_DEMO_PASSPHRASE"
    return 0
  fi
  local value
  value="$(sed -n 's/^pub const DEMO_PASSPHRASE: &str = "\(.*\)";$/\1/p' "$REPO_ROOT/crates/casus-dev/src/demo.rs")"
  [ -n "$value" ] || die "cannot read DEMO_PASSPHRASE from crates/casus-dev/src/demo.rs (set CASUS_DEMO_PASSPHRASE)"
  echo "$value"
}

demo_user() {
  local value
  value="$(sed -n 's/^pub const DEMO_USER: &str = "\(.*\)";$/\1/p' "$REPO_ROOT/crates/casus-dev/src/demo.rs")"
  echo "${value:-coordinator}"
}
