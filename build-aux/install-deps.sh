#!/bin/sh
# Installs what building (and, with "test", testing) Seismograph needs on
# Debian 12. Does nothing when everything is already there.
set -eu

build="meson ninja-build pkg-config gcc libc6-dev gettext python3 libglib2.0-dev libglib2.0-bin
       libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
       libxml2-dev desktop-file-utils appstream adwaita-icon-theme hicolor-icon-theme
       fonts-cantarell"
test_only="xvfb xauth dbus dbus-bin libcmark-dev"

wanted=$build
if [ "${1:-}" = "test" ]; then
    wanted="$build $test_only"
fi

missing=""
for package in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "install-deps: these packages are missing and there is no sudo:$missing" >&2
    exit 1
fi

echo "install-deps: installing$missing" >&2
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
