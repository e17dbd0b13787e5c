#!/usr/bin/env python3
"""Print what the one-page handouts weigh and cost (a benchmark, not a test).

1. The handouts' weight in the published site: in all, per language, and the lightest and heaviest
   sheet, with the part of each that is embedded fonts.
2. The build time with the handouts printed from nothing, from the cache, and without the handout
   hook, in the same run.

tests/build/test_handouts.py asserts what a sheet must be (one page, fonts, QR code); this prints
the figures.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("PE_CLINIC", None)

from mkdocs.commands.build import build
from mkdocs.config import load_config


def build_once(site: Path, cache: Path, hooks: list[str] | None = None) -> float:
    os.environ["PE_HANDOUT_CACHE"] = str(cache)
    overrides = {} if hooks is None else {"hooks": hooks}
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), **overrides)
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def font_bytes(pdf: Path) -> int:
    """About the bytes of the font programs embedded in `pdf`, compressed as stored."""
    from pypdf import PdfReader

    total, seen = 0, set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor is None:
                continue
            descriptor = descriptor.get_object()
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in descriptor and descriptor.raw_get(key).idnum not in seen:
                    seen.add(descriptor.raw_get(key).idnum)
                    # Recompressed as the PDF stores it (Flate): about its share of the file.
                    total += len(zlib.compress(descriptor[key].get_object().get_data(), 6))
    return total


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="bench-handouts-"))
    cache = work / "cache"
    cold = build_once(work / "site", cache)
    warm = build_once(work / "site", cache)
    hooks = [hook for hook in load_config(str(REPO / "mkdocs.yml")).hooks if "handout" not in hook]
    without = build_once(work / "site-without", work / "unused", hooks=[str(REPO / h) for h in hooks])

    sheets = sorted((work / "site" / "handouts").rglob("*.pdf"))
    sizes = {sheet: sheet.stat().st_size for sheet in sheets}
    print(
        f"1. Handouts in the published site: {len(sheets)} sheets, {sum(sizes.values()) / 1e6:.1f} MB in all"
    )
    for folder in sorted({sheet.parent for sheet in sheets}):
        in_language = [size for sheet, size in sizes.items() if sheet.parent == folder]
        print(
            f"   {folder.name:4} {len(in_language):2} sheets, {sum(in_language) / 1024:7.0f} KB, "
            f"median {statistics.median(in_language) / 1024:5.0f} KB"
        )
    for label, sheet in (("lightest", min(sizes, key=sizes.get)), ("heaviest", max(sizes, key=sizes.get))):
        share = font_bytes(sheet) / sizes[sheet]
        print(
            f"   {label}: {sheet.relative_to(work / 'site')} {sizes[sheet] / 1024:.0f} KB, "
            f"fonts {share:.0%} of it"
        )
    print("2. Build time (all languages, strict checks as in make site):")
    print(f"   handouts printed from nothing: {cold:5.1f} s")
    print(f"   handouts from the cache:       {warm:5.1f} s")
    print(f"   without the handout hook:      {without:5.1f} s")


if __name__ == "__main__":
    main()
