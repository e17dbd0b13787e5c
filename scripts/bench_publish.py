#!/usr/bin/env python3
"""Print publishing figures (a benchmark, not a test): how long `make publish DEST=...` takes end
to end, how big the publication is, and what the build's inline-code audit costs.

    .venv/bin/python scripts/bench_publish.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mammogram_callbacks.publish.csp_audit import blocked_inline_code
from mammogram_callbacks.publish.headers import parse_headers_file

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as work:
        dest = Path(work) / "site"
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(REPO / "scripts" / "publish.py"), "--dest", str(dest)],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(result.stdout + result.stderr)
        files = [p for p in dest.rglob("*") if p.is_file()]
        pages = [p for p in files if p.suffix == ".html"]
        archive = dest.with_name("site.tar.gz")
        print(f"make publish DEST (checks, strict build, verify, folder + archive): {elapsed:.1f} s")
        print(
            f"published files: {len(files)} ({len(pages)} HTML), "
            f"{sum(p.stat().st_size for p in files) / 1e6:.2f} MB; "
            f"archive {archive.stat().st_size / 1e6:.2f} MB"
        )
        print(
            f"_headers rules: {len(parse_headers_file((dest / '_headers').read_text(encoding='utf-8')))} "
            f"(Cloudflare Pages reads at most 100)"
        )
        texts = [(p, p.read_text(encoding="utf-8")) for p in pages]
        start = time.perf_counter()
        findings = sum(len(blocked_inline_code(text, str(path))) for path, text in texts)
        audit = time.perf_counter() - start
        print(
            f"inline-code audit of {len(pages)} pages: {audit * 1000:.0f} ms "
            f"({audit * 1000 / len(pages):.1f} ms per page), {findings} finding(s)"
        )


if __name__ == "__main__":
    main()
