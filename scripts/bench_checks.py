#!/usr/bin/env python3
"""Print the translation checks' performance figures (a benchmark, not a test).

1. The standalone check of the whole site: in-process, and `translations check` wall time.
2. `mkdocs build` (a new process each time) with and without the project's hooks, in the same run.
3. The check on generated corpora of up to 1,000 pages in 3 languages: time per page stays flat.

Targets (issue #3, and #13 for the segment checks): check < 1 s; hooks add <= 10% to the build;
time grows linearly with pages (1,000 pages x 3 languages).
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
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mammogram_callbacks import translation_state
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.project import Project


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
    print(
        f"standalone check, in-process ({pages} pages): best {best * 1000:.0f} ms, "
        f"median {median * 1000:.0f} ms"
    )
    cli = REPO / ".venv" / "bin" / "translations"
    if cli.exists():
        best, median = best_of(
            5, lambda: subprocess.run([str(cli), "check"], cwd=REPO, capture_output=True, check=True)
        )
        print(
            f"`translations check` wall time incl. Python start-up: best {best * 1000:.0f} ms, "
            f"median {median * 1000:.0f} ms   (target < 1000 ms)"
        )


def bench_build_overhead(runs: int = 5) -> None:
    """`mkdocs build`, as a reader of the README runs it (a new process each time, so imports and
    dictionaries count), without hooks and with them, interleaved so all see the same machine.

    Configurations are small files that INHERIT mkdocs.yml and replace its `hooks:` list, written
    beside it for the run. Besides the three builds the target speaks of, "every hook but the
    template cache" shows what the hooks' own work costs: the template cache hook saves more than
    that by compiling Material's templates once instead of once per language.
    """
    registered = _registered_hooks()
    variants = {
        "none": [],
        "translation": [h for h in registered if Path(h).name in TRANSLATION_HOOKS],
        "all but the template cache": [h for h in registered if Path(h).name != TEMPLATE_CACHE_HOOK],
        "all": registered,
    }
    configs = {}
    try:
        for name, hooks in variants.items():
            config = REPO / f".bench-{name.replace(' ', '-')}.yml"
            config.write_text(
                "INHERIT: mkdocs.yml\nhooks:"
                + "".join(f"\n  - {h}" for h in hooks)
                + (" []" if not hooks else "")
                + "\n",
                encoding="utf-8",
            )
            configs[name] = config
        caches = REPO / ".cache"
        saved = {path: path.read_bytes() for path in caches.glob("*.json")}
        for path in saved:
            path.unlink()
        first = _timed_build(configs["all"])  # no cached results, as on a fresh clone
        print(f"mkdocs build, every hook, first build of a fresh clone (empty .cache/): {first:.2f} s")
        for path, content in saved.items():
            path.write_bytes(content)
        for config in configs.values():  # warm the disk caches (jieba, reading figures)
            _timed_build(config)
        times: dict[str, list[float]] = {name: [] for name in configs}
        for _ in range(runs):
            for name, config in configs.items():
                times[name].append(_timed_build(config))
    finally:
        for config in configs.values():
            config.unlink(missing_ok=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    none = medians["none"]
    print(f"mkdocs build (new process each), median of {runs}: without hooks {none:.2f} s")
    for name in ("translation", "all", "all but the template cache"):
        print(
            f"  with {name} hooks: {medians[name]:.2f} s, {100 * (medians[name] - none) / none:+.1f}%"
            + ("   (target <= +10%)" if name == "all" else "")
        )


def _timed_build(config: Path) -> float:
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    start = time.perf_counter()
    subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "mkdocs"),
            "build",
            "--config-file",
            str(config),
            "--site-dir",
            str(site),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(site)
    return elapsed


def _registered_hooks() -> list[str]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["hooks"]


# The hooks of the translation checks (issue #3): checks, statistics/glossary/notices, per-language
# search and sitemaps. The others build embed pages, clinic branding and the publishing files, and
# cache compiled templates.
TRANSLATION_HOOKS = {"checks_hook.py", "content_hook.py", "site_hook.py"}
TEMPLATE_CACHE_HOOK = "template_cache_hook.py"


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
        # Every page with per-segment records, as after `translations migrate-segments`.
        translation_state.migrate(Project(root))

        def check(root=root):
            report = Project(root).check(["es", "zh"])
            assert not report.blocking, report.blocking[:3]

        best, _ = best_of(3, check)
        print(
            f"corpus of {project_pages:>4} pages (en, es, zh): {best * 1000:6.0f} ms, "
            f"{best * 1e6 / project_pages:6.0f} µs per page"
        )
        shutil.rmtree(root)


def _set_blob(text: str, blob: str) -> str:
    import re

    return re.sub(r"^  source_blob: .*$", f"  source_blob: {blob}", text, count=1, flags=re.M)


if __name__ == "__main__":
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_standalone()
    bench_scaling()
    bench_build_overhead()
