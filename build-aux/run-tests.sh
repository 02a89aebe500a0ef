#!/bin/sh
# The test command of the README: installs what is missing, builds with
# -Werror, runs every test (UI tests under Xvfb with a private D-Bus
# session), then the core tests again under AddressSanitizer and UBSan.
# The last line is "N passed, M failed"; the exit status is non-zero on any
# failure.
set -u
cd "$(dirname "$0")/.."

build=${SEISMO_BUILD_DIR:-_build-test}
asan=${SEISMO_ASAN_DIR:-_build-asan}
logs=""

build-aux/install-deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

configure () {
    dir=$1; shift
    if [ -f "$dir/build.ninja" ]; then
        meson configure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@" >/dev/null
    fi
}

status=0
if configure "$build" -Dwerror=true -Dbuildtype=debugoptimized && ninja -C "$build"; then
    xvfb-run -a -s "-screen 0 1400x900x24 -nolisten tcp" \
        dbus-run-session -- meson test -C "$build" --no-rebuild --print-errorlogs \
        --num-processes 2 || status=1
    logs="$logs $build/meson-logs/testlog.json"
else
    echo "run-tests: the build failed" >&2
    status=1
    logs="$logs build-failed"
fi

if [ "${SEISMO_SKIP_ASAN:-0}" != "1" ]; then
    if configure "$asan" -Dwerror=true -Dbuildtype=debug -Db_sanitize=address,undefined \
           -Db_lundef=false -Dui=false && ninja -C "$asan"; then
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            meson test -C "$asan" --no-rebuild --print-errorlogs --suite core \
            --num-processes 2 || status=1
        logs="$logs $asan/meson-logs/testlog.json"
    else
        echo "run-tests: the sanitizer build failed" >&2
        status=1
        logs="$logs build-failed"
    fi
fi

# shellcheck disable=SC2086
python3 build-aux/summarize-tests.py $logs || status=1
exit $status
