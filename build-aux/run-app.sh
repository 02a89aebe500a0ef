#!/bin/sh
# The README's first command: installs what is missing, builds, and starts
# the app on its default database (created with the starter pack on the
# first run). Arguments go to the app, e.g. --db /tmp/x.db.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
build=${SEISMO_BUILD_DIR:-_build}
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" -Dbuildtype=release -Dtests=false
fi
ninja -C "$build"

# Run uninstalled: the schema compiled in the build folder.
export GSETTINGS_SCHEMA_DIR="$PWD/$build/data"
exec "$build/src/ui/seismograph" "$@"
