#!/usr/bin/env python3
"""Counts test cases in meson test logs and prints "N passed, M failed".

Each argument is a meson-logs/testlog.json, or "build-failed" for a build
that never got to its tests (one failure). A GTest binary counts each of
its TAP cases; any other test counts once.
"""
import json
import re
import sys

OK = re.compile(r"^ok \d+", re.M)
NOT_OK = re.compile(r"^not ok \d+", re.M)
SKIP = re.compile(r"# SKIP", re.I)


def count(path):
    passed = failed = 0
    if path == "build-failed":
        return 0, 1
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as error:
        print(f"summarize-tests: {error}", file=sys.stderr)
        return 0, 1
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test.get("result")
        out = test.get("stdout") or ""
        ok = [m for m in OK.finditer(out) if not SKIP.search(out[m.start():out.find("\n", m.start())])]
        not_ok = NOT_OK.findall(out)
        good = result in ("OK", "EXPECTEDFAIL")
        if result == "SKIP":
            continue
        if ok or not_ok:
            passed += len(ok)
            failed += len(not_ok)
            if not good and not not_ok:
                failed += 1  # crashed or timed out between cases
        elif good:
            passed += 1
        else:
            failed += 1
        if not good:
            print(f"FAILED: {test.get('name')} ({result})", file=sys.stderr)
    return passed, failed


def main():
    passed = failed = 0
    for path in sys.argv[1:]:
        p, f = count(path)
        passed += p
        failed += f
    if passed + failed == 0:
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
