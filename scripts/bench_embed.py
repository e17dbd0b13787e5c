#!/usr/bin/env python3
"""Print what the embed pages weigh and cost (a benchmark, not a test).

1. Bytes a reader's browser fetches for one embedded page (HTML + CSS + JavaScript), raw and
   gzip-compressed, against the same page on the full site with Material's CSS and JavaScript.
2. The clinic's script and the embedded page's script, raw and compressed.
3. The build time with and without the embed hook, in the same run.

Targets (issue #4): embed pages light, without Material's JavaScript bundle; the clinic's script a
few KB with no dependencies. tests/build/test_embed.py asserts the budgets; this prints the figures.
"""

from __future__ import annotations

import gzip
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("PE_CLINIC", None)

from mkdocs.commands.build import build
from mkdocs.config import load_config


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def build_once(site: Path, hooks: list[str] | None = None) -> float:
    overrides = {} if hooks is None else {"hooks": hooks}
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), **overrides)
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def fetched(site: Path, page: Path) -> list[Path]:
    """The page and the stylesheets and scripts it loads from the site."""
    html = page.read_text(encoding="utf-8")
    urls = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(
        r'<script src="([^"]+)"', html
    )
    files = [page]
    for url in urls:
        target = (page.parent / url.split("?")[0]).resolve()
        if target.is_file() and site.resolve() in target.parents:
            files.append(target)
    return files


def weight(files: list[Path]) -> tuple[int, int]:
    return sum(f.stat().st_size for f in files), sum(gz(f.read_bytes()) for f in files)


def main() -> None:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    site = Path(tempfile.mkdtemp(prefix="bench-embed-"))
    build_once(site)

    print("1. One page, what the browser fetches (raw / gzip):")
    rows = []
    for embed in sorted((site / "embed").rglob("*.html")):
        lang, name = embed.parent.name, embed.name
        full = site / ("" if lang == "en" else lang) / name
        rows.append((embed.relative_to(site), weight(fetched(site, embed)), weight(fetched(site, full))))
    for path, (e_raw, e_gz), (f_raw, f_gz) in rows:
        if path.name in ("callback.html", "glossary.html") and path.parent.name in ("en", "ar"):
            print(
                f"   {path!s:32} embed {e_raw / 1024:6.1f} KB / {e_gz / 1024:5.1f} KB   "
                f"full page {f_raw / 1024:6.1f} KB / {f_gz / 1024:5.1f} KB"
            )
    embeds = [e_gz for _p, (_r, e_gz), _f in rows]
    fulls = [f_gz for _p, _e, (_r, f_gz) in rows]
    print(
        f"   all {len(rows)} embed pages, gzip: median {statistics.median(embeds) / 1024:.1f} KB, "
        f"max {max(embeds) / 1024:.1f} KB (budget 12 KB); "
        f"full pages median {statistics.median(fulls) / 1024:.1f} KB"
    )

    print("2. Scripts (raw / gzip):")
    for name in ("embed.js", "embed-frame.js", "embed-builder.js"):
        data = (site / "assets/javascripts" / name).read_bytes()
        print(f"   {name:18} {len(data):5d} B / {gz(data):5d} B")
    css = (site / "assets/stylesheets/embed.css").read_bytes()
    print(f"   {'embed.css':18} {len(css):5d} B / {gz(css):5d} B")

    print("3. Build time, best of 3 (the whole site, 5 languages):")
    hooks = [h for h in load_config(str(REPO / "mkdocs.yml")).hooks if "embed_hook" not in h]
    with_embeds = min(build_once(Path(tempfile.mkdtemp(prefix="bench-embed-"))) for _ in range(3))
    without = min(build_once(Path(tempfile.mkdtemp(prefix="bench-embed-")), hooks) for _ in range(3))
    print(
        f"   with embed pages {with_embeds:.2f} s, without {without:.2f} s "
        f"(+{100 * (with_embeds - without) / without:.0f}%)"
    )


if __name__ == "__main__":
    main()
