#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs seismograph-cli parse over the shared feed corpus and compares the
output with the oracle's expected JSON (../shared/corpus/README.md).

    test-corpus.py PATH-TO-seismograph-cli

Every file must match, except those listed in EXPECTED_DIFFERENCES with the
reason we differ from the oracle on purpose. An unlisted failure fails the
test, and so does a listed file that now matches (the table must stay true).
"""

import concurrent.futures
import os
import subprocess
import sys
import tempfile

# feed file name -> why our output differs from feedparser's on purpose.
# Keep each reason specific enough that a reader can check it.
EXPECTED_DIFFERENCES = {
}

TIMEOUT_SECONDS = 60


def corpus_dir():
    shared = os.environ.get("SEISMO_SHARED_DIR")
    if shared:
        return os.path.join(shared, "corpus")
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(repo, "..", "shared", "corpus")


def run_cli(cli, feed, out_path):
    """Returns an error message, or None when the CLI wrote its JSON."""
    try:
        result = subprocess.run([cli, "parse", feed], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return "timed out after %d s" % TIMEOUT_SECONDS
    if result.returncode != 0:
        return "exit status %d: %s" % (result.returncode,
                                       result.stderr.decode("utf-8", "replace").strip())
    with open(out_path, "wb") as f:
        f.write(result.stdout)
    return None


def failing_files(compare_output):
    failed = set()
    for line in compare_output.splitlines():
        if line.startswith("FAIL "):
            name = line.split()[1]
            if name.endswith(".json"):
                name = name[:-len(".json")]
            failed.add(name)
    return failed


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    cli = argv[1]
    corpus = corpus_dir()
    feeds_dir = os.path.join(corpus, "feeds")
    if not os.path.isdir(feeds_dir):
        print("corpus not found at %s" % corpus)
        return 77  # skipped, in meson's terms

    feeds = sorted(os.listdir(feeds_dir))
    errors = []
    with tempfile.TemporaryDirectory(prefix="seismo-corpus-") as out_dir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            runs = {name: pool.submit(run_cli, cli, os.path.join(feeds_dir, name),
                                      os.path.join(out_dir, name + ".json"))
                    for name in feeds}
        for name in feeds:
            error = runs[name].result()
            if error is not None:
                errors.append("%s: %s" % (name, error))
        compare = subprocess.run([sys.executable, os.path.join(corpus, "compare.py"),
                                  "--max-lines", "50", out_dir,
                                  os.path.join(corpus, "expected")],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 timeout=TIMEOUT_SECONDS * 5)
    output = compare.stdout.decode("utf-8", "replace")
    print(output)

    failed = failing_files(output)
    unexpected = sorted(failed - set(EXPECTED_DIFFERENCES))
    stale = sorted(set(EXPECTED_DIFFERENCES) - failed)
    passed = len(feeds) - len(failed)
    print("%d of %d files equal to the oracle (%.1f%%), %d known differences"
          % (passed, len(feeds), 100.0 * passed / max(len(feeds), 1),
             len(failed & set(EXPECTED_DIFFERENCES))))
    for name in sorted(failed & set(EXPECTED_DIFFERENCES)):
        print("known difference %s: %s" % (name, EXPECTED_DIFFERENCES[name]))

    ok = True
    for error in errors:
        print("ERROR %s" % error)
        ok = False
    for name in unexpected:
        print("UNEXPECTED difference: %s (fix it, or list it with a reason)" % name)
        ok = False
    for name in stale:
        print("STALE entry: %s now matches the oracle; remove it from the table" % name)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
