#!/bin/sh
# The window's benchmarks (issue "The window", item 10):
#  - time to the first frame (SEISMOGRAPH_PROFILE=1) with an empty database,
#    100,000 and 1,000,000 events, 5 runs each, median;
#  - peak RSS after scrolling the whole 100,000-event timeline, against the
#    same program on an empty database.
# Usage: bench/bench-ui.sh [BUILD_DIR]   (default _build-test; needs Xvfb)
set -eu
cd "$(dirname "$0")/.."
build=${1:-_build-test}
dbs=${SEISMO_BENCH_DIR:-/tmp/seismo-bench}
runs=${SEISMO_BENCH_RUNS:-5}
mkdir -p "$dbs"

ninja -C "$build" bench/gen-events bench/bench-scroll src/ui/seismograph >/dev/null

for n in 0 100000 1000000; do
    if [ ! -f "$dbs/events-$n.db" ]; then
        "$build/bench/gen-events" "$dbs/events-$n.db" "$n"
    fi
done

if [ -z "${DISPLAY:-}" ]; then
    Xvfb :91 -screen 0 1400x900x24 >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill $xvfb' EXIT
    export DISPLAY=:91
    sleep 1
fi
export GSK_RENDERER=cairo GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$PWD/$build/data"
export SEISMOGRAPH_NO_AUTOREFRESH=1 NO_AT_BRIDGE=1

median () {
    sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

first_frame () {
    log=$(mktemp)
    SEISMOGRAPH_PROFILE=1 "$build/src/ui/seismograph" --db "$1" >"$log" 2>&1 &
    pid=$!
    i=0
    while ! grep -q "first frame" "$log" && [ $i -lt 300 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' "$log"
    rm -f "$log"
}

for n in 0 100000 1000000; do
    times=""
    for r in $(seq "$runs"); do
        times="$times $(first_frame "$dbs/events-$n.db")"
    done
    echo "first frame, $n events: median $(echo $times | tr ' ' '\n' | median) ms (runs:$times)"
done

echo "--- empty database"
"$build/bench/bench-scroll" "$dbs/events-0.db"
echo "--- 100,000 events"
"$build/bench/bench-scroll" "$dbs/events-100000.db"
