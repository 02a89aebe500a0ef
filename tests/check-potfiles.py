#!/usr/bin/env python3
"""Every file with a translatable string is in po/POTFILES.in, and every
file listed there exists. With --fix, rewrites the list."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
fix = "--fix" in sys.argv[2:]
listed = {
    line.strip()
    for line in (root / "po" / "POTFILES.in").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}

marks = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext)\s*\(|translatable="yes"')
needed = set()
for path in list(root.glob("src/**/*.c")) + list(root.glob("src/**/*.ui")):
    if marks.search(path.read_text(encoding="utf-8")):
        needed.add(str(path.relative_to(root)))

if fix:
    data = sorted(p for p in listed if p.startswith("data/"))
    (root / "po" / "POTFILES.in").write_text(
        "# Files with translatable strings; tests/check-potfiles.py --fix rewrites this list.\n"
        + "".join(p + "\n" for p in data + sorted(needed)))
    sys.exit(0)

missing = sorted(needed - listed)
gone = sorted(p for p in listed if not (root / p).exists())
for path in missing:
    print(f"not in po/POTFILES.in: {path}")
for path in gone:
    print(f"listed in po/POTFILES.in but missing: {path}")
sys.exit(1 if missing or gone else 0)
