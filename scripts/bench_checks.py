#!/usr/bin/env python3
"""Print the translation checks' performance figures (a benchmark, not a test).

1. The standalone check of the whole site: in-process, and `translations check` wall time.
2. A full `mkdocs build` with and without the project's hooks, in the same run (hooks' overhead).
3. The check on generated corpora of up to 1,000 pages in 3 languages: time per page stays flat.

Targets (issue #3): check < 1 s; hooks add <= 10% to the build; time grows linearly with pages.
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
sys.path.insert(0, str(REPO / "hooks"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from pe_freshness import blob_id  # noqa: E402
from pe_project import Project  # noqa: E402


def best_of(runs: int, action) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def bench_standalone() -> None:
    pages = len(Project(REPO).source_pages()) * len(Project(REPO).languages)
    best, median = best_of(7, lambda: Project(REPO).check())
    print(f"standalone check, in-process ({pages} pages): best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")
    cli = REPO / ".venv" / "bin" / "translations"
    if cli.exists():
        best, median = best_of(5, lambda: subprocess.run([str(cli), "check"], cwd=REPO, capture_output=True,
                                                          check=True))
        print(f"`translations check` wall time incl. Python start-up: best {best * 1000:.0f} ms, "
              f"median {median * 1000:.0f} ms   (target < 1000 ms)")


def bench_build_overhead(runs: int = 3) -> None:
    """The same build without hooks, with the translation hooks only, and with every hook."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    all_hooks = [str(REPO / h) for h in _registered_hooks()]
    translation_hooks = [h for h in all_hooks if Path(h).name in TRANSLATION_HOOKS]

    def run(hooks: list[str] | None) -> float:
        site = Path(tempfile.mkdtemp(prefix="bench-site-"))
        overrides = {} if hooks is None else {"hooks": hooks}
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), **overrides)
        start = time.perf_counter()
        build(config)
        elapsed = time.perf_counter() - start
        shutil.rmtree(site)
        return elapsed

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    run(None)  # warm caches (jieba's dictionary, Babel's locale data, imports)
    times: dict[str, list[float]] = {"none": [], "translation": [], "all": []}
    for _ in range(runs):  # interleaved, so all see the same machine state
        times["none"].append(run([]))
        times["translation"].append(run(translation_hooks))
        times["all"].append(run(None))
    none, translation, every = (statistics.median(times[k]) for k in ("none", "translation", "all"))
    print(f"mkdocs build, median of {runs}: without hooks {none:.2f} s; with the translation hooks "
          f"({', '.join(sorted(TRANSLATION_HOOKS))}) {translation:.2f} s, {100 * (translation - none) / none:+.1f}% "
          f"(target <= +10%); with every hook (also embed pages, clinic, publishing files) {every:.2f} s, "
          f"{100 * (every - none) / none:+.1f}%")


def _registered_hooks() -> list[str]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["hooks"]  # noqa: S506


# The hooks of the translation checks (issue #3): checks, statistics/glossary/notices, per-language
# search and sitemaps. The others build embed pages, clinic branding and the publishing files.
TRANSLATION_HOOKS = {"checks_hook.py", "content_hook.py", "site_hook.py"}


def bench_scaling() -> None:
    source = REPO / "docs" / "en"
    pages = sorted(p for p in source.glob("*.md") if p.name != "translation-status.md")
    for total in (100, 300, 1000):
        root = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
        shutil.copytree(REPO / "data", root / "data")
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        for lang in ("en", "es", "zh"):  # the real pages, which the generated copies link to
            shutil.copytree(REPO / "docs" / lang, root / "docs" / lang)
        per_language = total // 3 - len(pages)
        for index in range(per_language):
            template = pages[index % len(pages)]
            name = f"p{index:04d}-{template.name}"
            en = root / "docs" / "en" / name
            en.parent.mkdir(parents=True, exist_ok=True)
            en.write_bytes(template.read_bytes())
            for lang in ("es", "zh"):
                translated = (REPO / "docs" / lang / template.name).read_text(encoding="utf-8")
                translated = _set_blob(translated, blob_id(en.read_bytes()))
                target = root / "docs" / lang / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(translated, encoding="utf-8")
        project_pages = (per_language + len(pages)) * 3

        def check(root=root):
            report = Project(root).check(["es", "zh"])
            assert not report.blocking, report.blocking[:3]

        best, _ = best_of(3, check)
        print(f"corpus of {project_pages:>4} pages (en, es, zh): {best * 1000:6.0f} ms, "
              f"{best * 1e6 / project_pages:6.0f} µs per page")
        shutil.rmtree(root)


def _set_blob(text: str, blob: str) -> str:
    import re

    return re.sub(r"^  source_blob: .*$", f"  source_blob: {blob}", text, count=1, flags=re.M)


if __name__ == "__main__":
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_standalone()
    bench_scaling()
    bench_build_overhead()
