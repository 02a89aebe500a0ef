#!/usr/bin/env python3
# bench-refresh.py — cold and warm `seismograph-cli refresh` of N feeds x M items
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates the feeds (bench/gen-feeds), serves them on 127.0.0.1
# (bench/bench-server: from memory, ETag + Last-Modified, 304s), makes a
# database holding the starter pack and the N sources (the starter pack's own
# sources disabled: they are on the internet), then, RUNS times on a fresh
# copy of it: a cold refresh (everything new) and a warm one (everything 304).
# Prints wall time, items/s and peak RSS of each, and the medians; then runs
# bench-stall on one more fresh copy for the longest main-loop stall.
# With --app, the window itself (SEISMOGRAPH_PROFILE=refresh, on $DISPLAY)
# refreshes further fresh copies and reports its own longest stall.
#
#   bench/bench-refresh.py [--build build-fetch] [--feeds 1000] [--items 100]
#                          [--runs 3] [--hosts 1] [--work /tmp/seismo-bench-refresh]
#                          [--no-stall] [--app RUNS]
#
# Peak RSS comes from wait4()'s rusage of the CLI process (ru_maxrss), the
# same number /usr/bin/time -v prints as "Maximum resident set size".

import argparse
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_measured(argv, env=None):
    """Runs argv, returns (wall s, peak RSS MB, stdout, stderr, CPU s)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = b"", b""
    # communicate() would reap the child without its rusage: read, then wait4.
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, rusage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()}")
    return (wall, rusage.ru_maxrss / 1024.0, out.decode(), err.decode(),
            rusage.ru_utime + rusage.ru_stime)


def make_template(cli, db, feeds_dir, port, hosts):
    if os.path.exists(db):
        os.remove(db)
    subprocess.run([cli, "--db", db, "init"], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(feeds_dir, "feeds.txt")) as listing:
        feeds = [line.split() for line in listing if line.strip()]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE sources SET enabled = 0")
        now = int(time.time())
        for i, (name, kind) in enumerate(feeds):
            url = f"http://127.0.0.{1 + i % hosts}:{port}/{name}"
            conn.execute("INSERT INTO sources (url, kind, title, created) VALUES (?, ?, ?, ?)",
                         (url, kind, None, now))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(feeds)


def fresh_copy(template, db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    shutil.copyfile(template, db)


APP_STALL = re.compile(r"refresh took ([\d.]+) s, longest main-loop stall ([\d.]+) ms (\(.*\))")
SUMMARY = re.compile(r"fetched (\d+) sources?: (\d+) new items, (\d+) new events, (\d+) errors")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", default=os.path.join(ROOT, "build-fetch"))
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hosts", type=int, default=1)
    parser.add_argument("--work", default="/tmp/seismo-bench-refresh")
    parser.add_argument("--no-stall", action="store_true")
    parser.add_argument("--app", type=int, default=0, metavar="RUNS",
                        help="also time RUNS refreshes in the window (needs DISPLAY)")
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    subprocess.run(["ninja", "-C", build, "bench/gen-feeds", "bench/bench-server",
                    "bench/bench-stall", "src/cli/seismograph-cli"] +
                   (["src/ui/seismograph"] if args.app else []),
                   check=True, stdout=subprocess.DEVNULL)
    cli = os.path.join(build, "src/cli/seismograph-cli")
    os.makedirs(args.work, exist_ok=True)
    feeds_dir = os.path.join(args.work, f"feeds-{args.feeds}x{args.items}")
    if not os.path.exists(os.path.join(feeds_dir, "feeds.txt")):
        subprocess.run([os.path.join(build, "bench/gen-feeds"), "--feeds", str(args.feeds),
                        "--items", str(args.items), "--out", feeds_dir], check=True)

    server = subprocess.Popen([os.path.join(build, "bench/bench-server"), "--dir", feeds_dir,
                               "--hosts", str(args.hosts)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        template = os.path.join(args.work, "template.db")
        n = make_template(cli, template, feeds_dir, port, args.hosts)
        db = os.path.join(args.work, "run.db")
        env = dict(os.environ, G_MESSAGES_DEBUG="")
        cold, warm = [], []
        print(f"{n} feeds x {args.items} items on {args.hosts} host(s), port {port}; "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} (others' work slows the "
              f"wall times: CPU times say what the refresh itself costs)", flush=True)
        for run in range(args.runs):
            fresh_copy(template, db)
            c = run_measured([cli, "--db", db, "refresh"], env)
            w = run_measured([cli, "--db", db, "refresh"], env)
            cs, ws = SUMMARY.search(c[2]), SUMMARY.search(w[2])
            if cs is None or ws is None:
                sys.exit(f"unexpected output: {c[2]!r} {w[2]!r}")
            items = int(cs.group(2))
            cold.append((c[0], c[1], items, cs.group(0), c[4]))
            warm.append((w[0], w[1], int(ws.group(2)), ws.group(0), w[4]))
            print(f"run {run + 1}: cold {c[0]:.2f} s (CPU {c[4]:.2f} s), {items / c[0]:,.0f} items/s, "
                  f"peak {c[1]:.0f} MB [{cs.group(0)}]; "
                  f"warm {w[0]:.2f} s (CPU {w[4]:.2f} s), peak {w[1]:.0f} MB [{ws.group(0)}]; "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)

        cold_s = statistics.median(x[0] for x in cold)
        warm_s = statistics.median(x[0] for x in warm)
        rate = statistics.median(x[2] / x[0] for x in cold)
        rss = statistics.median(max(c[1], w[1]) for c, w in zip(cold, warm))
        cold_cpu = statistics.median(x[4] for x in cold)
        warm_cpu = statistics.median(x[4] for x in warm)
        print(f"median of {args.runs}: cold {cold_s:.2f} s (CPU {cold_cpu:.2f} s), "
              f"warm {warm_s:.2f} s (CPU {warm_cpu:.2f} s), "
              f"{rate:,.0f} items/s, peak RSS {rss:.0f} MB")

        if not args.no_stall:
            fresh_copy(template, db)
            out = subprocess.run([os.path.join(build, "bench/bench-stall"), "--db", db],
                                 check=True, capture_output=True, text=True, env=env).stdout
            print(out.strip())

        app_stalls = []
        for run in range(args.app):
            fresh_copy(template, db)
            # cairo, as bench-ui.sh: Xvfb's GL is Mesa's software renderer,
            # whose frames cost the CPU the refresh needs (GSK_RENDERER=gl to see)
            app_env = dict(env, SEISMOGRAPH_PROFILE="refresh", GSETTINGS_BACKEND="memory",
                           GSK_RENDERER=os.environ.get("GSK_RENDERER", "cairo"),
                           GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"), NO_AT_BRIDGE="1")
            err = subprocess.run([os.path.join(build, "src/ui/seismograph"), "--db", db],
                                 check=True, capture_output=True, text=True, env=app_env,
                                 timeout=600).stderr
            found = APP_STALL.search(err)
            if found is None:
                sys.exit(f"the app printed no stall: {err!r}")
            app_stalls.append(float(found.group(2)))
            print(f"app run {run + 1}: refresh {found.group(1)} s, "
                  f"longest main-loop stall {found.group(2)} ms {found.group(3)}", flush=True)
        if app_stalls:
            print(f"app: median longest stall {statistics.median(app_stalls):.1f} ms "
                  f"of {len(app_stalls)} runs")
    finally:
        server.stdin.close()
        print(server.stdout.read().strip())
        server.wait()


if __name__ == "__main__":
    main()
