#!/usr/bin/env python3
"""Print the translation exchange's figures (a benchmark, not a test): export of every language to
PO and XLIFF, and the import of every exported PO file back (untouched, so nothing is written),
in-process on a copy of the site, and the `translations` commands' wall time.

Target (issue #14): export and import of all languages under 2 s together.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

from mammogram_callbacks.exchange import exporter, importer, po
from mammogram_callbacks.project import Project


def copy_of_site() -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    for part in ("docs", "data"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def once(root: Path, out: Path) -> tuple[float, float, int]:
    languages = [lang.code for lang in Project(root).languages if not lang.default]
    start = time.perf_counter()
    project = Project(root)
    units = 0
    for language in languages:
        units += exporter.export_language(project, language, out, "po").units
    exported = time.perf_counter()
    read = []
    for path in sorted(out.glob("*/*.po")):
        read += po.read_po(path.read_bytes(), str(path))[2]
    result = importer.import_units(Project(root), read)
    imported = time.perf_counter()
    assert result.changed == [], result.changed
    return exported - start, imported - exported, units


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    root = copy_of_site()
    out = root / "exchange"
    runs = [once(root, out) for _ in range(5)]
    export_times, import_times = [r[0] for r in runs], [r[1] for r in runs]
    total = [a + b for a, b, _ in runs]
    print(
        f"export of every language to PO ({runs[0][2]} units): median "
        f"{statistics.median(export_times):.2f} s; "
        f"import of them all (untouched): median {statistics.median(import_times):.2f} s; "
        f"together: best {min(total):.2f} s, median {statistics.median(total):.2f} s   (target < 2 s)"
    )
    start = time.perf_counter()
    project = Project(root)
    for lang in project.languages[1:]:
        exporter.export_language(project, lang.code, root / "xliff", "xliff")
    print(f"export of every language to XLIFF 1.2: {time.perf_counter() - start:.2f} s")
    cli = REPO / ".venv" / "bin" / "translations"
    if cli.exists():
        start = time.perf_counter()
        subprocess.run(
            [str(cli), "export", "es", "--out", str(out), "--root", str(root)],
            check=True,
            capture_output=True,
        )
        middle = time.perf_counter()
        subprocess.run(
            [str(cli), "import", *map(str, sorted((out / "es").glob("*.po"))), "--root", str(root)],
            check=True,
            capture_output=True,
        )
        end = time.perf_counter()
        print(
            f"`translations export es`: {middle - start:.2f} s, `translations import` of its files "
            f"(with the checks it runs after): {end - middle:.2f} s, wall time incl. Python start-up"
        )
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
