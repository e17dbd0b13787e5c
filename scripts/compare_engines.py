"""Build the site with MkDocs and with ProperDocs (its maintained fork) and report what differs.

    python scripts/compare_engines.py [--properdocs PATH]   (make compare-engines)

Both builds are strict, from the same mkdocs.yml, with the same hooks and plugins, into temporary
folders. Prints every file that differs (or exists in one build only) with its first differing
lines; the generator <meta> tag, which names the engine, is expected to differ and is counted
apart. Exit 1 when either build fails, 0 otherwise: differences are a report for the maintainers
(ZENSICAL.md, "Continuity"), not a failure.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mkdocs", default=shutil.which("mkdocs") or "mkdocs", help="the mkdocs command")
    parser.add_argument(
        "--properdocs", default=shutil.which("properdocs") or "properdocs", help="the properdocs command"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="engines-") as work:
        sites = {}
        for name, command in (("mkdocs", args.mkdocs), ("properdocs", args.properdocs)):
            site = Path(work) / name
            started = time.perf_counter()
            result = subprocess.run(
                [command, "build", "--strict", "--site-dir", str(site)],
                cwd=REPO,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - started
            if result.returncode != 0:
                print(f"{name}: the strict build failed ({seconds:.1f} s):\n{result.stderr}", file=sys.stderr)
                return 1
            notes = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
            print(f"{name}: built in {seconds:.1f} s" + "".join(f"\n  {line}" for line in notes))
            sites[name] = site
        return report(sites["mkdocs"], sites["properdocs"])


def report(first: Path, second: Path) -> int:
    files = sorted(
        {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
        | {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    )
    generator_only = 0
    differing = []
    for name in files:
        a, b = first / name, second / name
        if not (a.is_file() and b.is_file()):
            differing.append(f"{name}: only in {'mkdocs' if a.is_file() else 'properdocs'}")
            continue
        left, right = a.read_bytes(), b.read_bytes()
        if left == right:
            continue
        if GENERATOR.sub(b"", left) == GENERATOR.sub(b"", right):
            generator_only += 1
            continue
        lines = difflib.unified_diff(
            left.decode("utf-8", "replace").splitlines(),
            right.decode("utf-8", "replace").splitlines(),
            "mkdocs/" + name,
            "properdocs/" + name,
            n=0,
            lineterm="",
        )
        differing.append(f"{name}:\n" + "\n".join(list(lines)[:12]))
    print(
        f"{len(files)} files; {generator_only} differ only in the generator tag; "
        f"{len(differing)} differ otherwise"
    )
    for entry in differing:
        print(entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
