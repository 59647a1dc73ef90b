#!/usr/bin/env bash
# Builds the Debian/Ubuntu package a municipal IT department deploys: dist/casusoverleg_<version>_<arch>.deb
# with the window (/usr/bin/casus-desktop), the command line (/usr/bin/casus), the desktop entry and
# the icon. Installs what the build needs first (as scripts/run-demo.sh does).
#
#   scripts/package.sh              # build dist/*.deb
#   scripts/package.sh --print      # only print the path the package would get
#
# Install it with `sudo apt install ./dist/casusoverleg_*.deb` (apt pulls in WebKitGTK and GTK).
# Why dpkg-deb and not the Tauri bundler: the Tauri CLI cannot find tauri.conf.json next to a
# workspace-only root Cargo.toml (see ARCHITECTURE.md, "Packaging"); dpkg-deb and dpkg-shlibdeps are
# Debian's own maintained tools and make the same package from the same release build.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
cd "$REPO_ROOT"

VERSION="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' tauri.conf.json)"
[ -n "$VERSION" ] || die "cannot read the version from tauri.conf.json"
ARCH="$(dpkg --print-architecture)"
DEB="$REPO_ROOT/dist/casusoverleg_${VERSION}_${ARCH}.deb"

if [ "${1:-}" = "--print" ]; then
  echo "$DEB"
  exit 0
elif [ -n "${1:-}" ]; then
  die "unknown option: $1 (try --help)"
fi

ensure_toolchains
ensure_apt "${APT_BUILD[@]}" "${APT_PACKAGE[@]}"
ensure_npm
build_release
log "build the command line (target/release/casus)"
cargo build --release --locked -p casus-cli

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/casus-package.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/root"
install -d -m 0755 "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
  "$ROOT/usr/share/icons/hicolor/256x256/apps" "$ROOT/usr/share/doc/casusoverleg"
install -m 0755 -s target/release/casus-desktop "$ROOT/usr/bin/casus-desktop"
install -m 0755 -s target/release/casus "$ROOT/usr/bin/casus"
install -m 0644 packaging/casusoverleg.desktop "$ROOT/usr/share/applications/nl.casusoverleg.desktop.desktop"
install -m 0644 src-tauri/icons/icon.png "$ROOT/usr/share/icons/hicolor/256x256/apps/casusoverleg.png"
install -m 0644 packaging/copyright "$ROOT/usr/share/doc/casusoverleg/copyright"
desktop-file-validate "$ROOT/usr/share/applications/nl.casusoverleg.desktop.desktop"

# The shared libraries the two programs link, as Debian package dependencies (dpkg-shlibdeps
# reads them from the binaries; it wants a debian/control to exist).
mkdir -p "$STAGE/debian"
printf 'Source: casusoverleg\n\nPackage: casusoverleg\nArchitecture: any\n' >"$STAGE/debian/control"
DEPENDS="$(cd "$STAGE" && dpkg-shlibdeps -O -e"$ROOT/usr/bin/casus-desktop" -e"$ROOT/usr/bin/casus" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')"
[ -n "$DEPENDS" ] || die "dpkg-shlibdeps found no dependencies"
SIZE_KB="$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)"
cat >"$ROOT/DEBIAN/control" <<EOT
Package: casusoverleg
Version: $VERSION
Architecture: $ARCH
Maintainer: Casusoverleg <beheer@casusoverleg.invalid>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Section: misc
Priority: optional
Homepage: https://casusoverleg.invalid/
Description: Casusoverleg: het casusoverleg van de persoonsgerichte aanpak
 A local-first desktop app for the municipal coordinators who run the
 multidisciplinary case meeting (casusoverleg) of the person-centred approach
 (PGA) against radicalisation. Every case file is encrypted at rest, every
 share is checked against the covenant, and every read is in a tamper-evident
 log. Includes the window (casus-desktop) and the command line (casus).
EOT

mkdir -p "$REPO_ROOT/dist"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >/dev/null
log "built $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb --info "$DEB" | sed -n 's/^ Depends: /  depends: /p'
