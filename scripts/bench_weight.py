#!/usr/bin/env python3
"""Print what a reader's first visit costs (issue #6; a benchmark that prints figures, not a test).

1. Build time: the whole site, every language, strict (`mkdocs build --strict`).
2. Weight: each page loaded with an empty cache in Debian chromium from a local static host that
   compresses like a real one (tests/support/static_host.py: brotli, or gzip with --gzip); bytes
   transferred (compressed bodies plus headers, as Chromium counts them) and request count. On a
   content page the search is opened and a word typed, so its worker, language files and index are
   counted. Budgets: 100 KB for a content page with search, 25 KB for an embed page.
3. Lighthouse (npm, pinned in package-lock.json) with its default mobile preset against the same
   chromium, headless, on the home page, a content page and an embed page when the site has one:
   performance, accessibility, best practices, SEO (target 100 each). Nothing leaves 127.0.0.1.

Run it as a module from the repository's root (it uses the tests' static host and list of built
pages, tests/support/), or with `make bench-weight`:

    .venv/bin/python -m scripts.bench_weight                 # every page, Lighthouse on three
    .venv/bin/python -m scripts.bench_weight es/callback.html embed/callback.html   # these pages only
    .venv/bin/python -m scripts.bench_weight --gzip --no-lighthouse
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mammogram_callbacks.project import Project

from tests.support.site_pages import BuiltPage, built_pages, page_for_url
from tests.support.static_host import serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build(site_dir: Path, site_url: str) -> float:
    """Seconds for a strict build of every language, for the address it is served from.

    Not `--quiet`: in MkDocs 1.6 it raises the log level above WARNING, so strict mode counts no
    warning and a faulty site builds; the output is captured instead, and shown only when the build
    fails. SITE_URL is the local host's address, as a publication's is its own: the pages' language
    alternates are absolute, and Material requests a sitemap beside each of them, which for the
    default address would leave 127.0.0.1 (and, failing, go uncounted). MkDocs runs from this
    interpreter's environment (the project's .venv, or whichever one runs the script)."""
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": site_url},
    )
    if run.returncode:
        sys.stderr.write(run.stdout + run.stderr)
        raise SystemExit(f"the strict build failed (exit {run.returncode})")
    return time.perf_counter() - start


def search_word(page: BuiltPage) -> str:
    """A word of the page's language that its search index surely has: from the callback page's title."""
    project = Project(REPO)
    title = project.parse(project.page_file(page.language, "callback.md")).meta["title"]
    return title if page.language == "zh" else max(title.split(), key=len)


# Material shows its own "Type to start searching" once its worker has built the index.
_SEARCH_READY = """() => {
    const config = document.getElementById("__config");
    const meta = document.querySelector(".md-search-result__meta");
    return !!config && !!meta
        && meta.innerText.trim() === JSON.parse(config.textContent)\
.translations["search.result.placeholder"].trim();
}"""


def weigh(browser, base: str, page: BuiltPage) -> tuple[int, int, list[str]]:
    """(bytes transferred, requests, URLs) for a first visit; with the search used on content pages."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context()  # a new context: an empty cache
    tab = context.new_page()
    finished, failed = [], []
    context.on("requestfinished", lambda request: finished.append(request))
    context.on("requestfailed", lambda request: failed.append(request))
    tab.goto(base + page.path, wait_until="networkidle")
    if page.kind in ("content", "home") and tab.locator(".md-search__input").count():
        tab.locator(".md-search__input").focus()
        try:
            # As the tests do (tests/support/web.py): a query typed before Material's index is built is
            # dropped, and Material reads it on a key event, which Playwright does not send for a
            # letter the keyboard lacks (Arabic, Chinese): End after typing is one.
            tab.wait_for_function(_SEARCH_READY, timeout=30_000)
            tab.keyboard.type(search_word(page))
            tab.keyboard.press("End")
            tab.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        except PlaywrightTimeout:
            print(
                f"    {page.path}: the search showed no result within 30 s "
                "(its files are counted all the same)"
            )
        tab.wait_for_load_state("networkidle")
    total = 0
    for request in finished:
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    urls = [r.url.removeprefix(base) for r in finished]
    for request in failed:  # not counted: nothing was transferred, but a reader's browser tried
        print(f"    {page.path}: request failed: {request.url} ({request.failure})")
    context.close()
    return total, len(finished), urls


def lighthouse_median(url: str, runs: int) -> tuple[dict[str, int], list[dict[str, int]]]:
    """The median of `runs` Lighthouse runs per category, and every run's scores.

    Lighthouse's own advice: one run varies (its performance score most, from the main thread's
    timing on a busy machine), so report the median of several (as Lighthouse CI does).
    """
    every = [lighthouse(url) for _ in range(runs)]
    return {cat: int(statistics.median(run[cat] for run in every)) for cat in CATEGORIES}, every


def lighthouse(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            check=True,
            env={**os.environ, "CI": "1"},
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    failing = {
        cat: [
            a
            for a in result["categories"][cat]["auditRefs"]
            if a["weight"] and (result["audits"][a["id"]]["score"] or 0) < 1
        ]
        for cat in CATEGORIES
    }
    scores = {cat: round(100 * result["categories"][cat]["score"]) for cat in CATEGORIES}
    for cat, audits in failing.items():
        for audit in audits:
            print(
                f"      {cat}: {audit['id']} scored {result['audits'][audit['id']]['score']}"
                f" ({result['audits'][audit['id']].get('displayValue', '')})"
            )
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "pages", nargs="*", help="URL paths to weigh, e.g. es/callback.html (default: every page)"
    )
    parser.add_argument("--gzip", action="store_true", help="serve gzip instead of brotli")
    parser.add_argument("--no-lighthouse", action="store_true")
    # Five: on this 2-core machine one run's total blocking time varies from 30 to 130 ms, the
    # difference between performance 100 and 99 (Lighthouse's own advice is the median of five).
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        metavar="N",
        help="Lighthouse runs per page; the median is reported (default 5)",
    )
    parser.add_argument("--verbose", action="store_true", help="list each page's requests")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    project = Project(REPO)
    with tempfile.TemporaryDirectory(prefix="bench-weight-") as folder:
        site = Path(folder) / "site"
        # Served before it exists (files are read per request), so the build knows its address.
        server, base = serve(site, "gzip" if args.gzip else "br")
        seconds = build(site, base)
        print(f"machine: {os.cpu_count()} cores; full site build (every language, strict): {seconds:.1f} s")
        pages = built_pages(site, [lang.code for lang in project.languages], project.default.code)
        if args.pages:
            chosen = [page_for_url(pages, path) for path in args.pages]
            missing = [path for path, page in zip(args.pages, chosen, strict=True) if page is None]
            if missing:
                print(f"not in the built site: {', '.join(missing)}", file=sys.stderr)
                server.shutdown()
                return 2
            pages = chosen
        encoding = "gzip" if args.gzip else "brotli"
        over = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            print(f"\nfirst visit, empty cache, {encoding}; content pages with the search opened")
            print(f"{'page':<34} {'kind':<10} {'requests':>8} {'KB':>7}  budget")
            for page in pages:
                total, count, urls = weigh(browser, base, page)
                ok = total <= page.budget_bytes
                over += not ok and page.kind != "not-found"
                print(
                    f"{page.path:<34} {page.kind:<10} {count:>8} {total / 1024:>7.1f}  "
                    f"{page.budget_bytes // 1024} KB {'ok' if ok else 'OVER'}"
                )
                if args.verbose:
                    print("    " + "\n    ".join(urls))
            browser.close()
        if not args.no_lighthouse:
            targets = [
                next(p for p in pages if p.kind == "home"),
                next((p for p in pages if p.path.endswith("callback.html") and p.kind == "content"), None),
                next((p for p in pages if p.kind == "embed"), None),
            ]
            print(
                f"\nLighthouse {_lighthouse_version()}, mobile preset, {encoding} "
                f"(performance / accessibility / best practices / SEO; target 100 each)"
            )
            print(
                f"median of {args.lighthouse_runs} runs per page (each run's scores in brackets); "
                f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
            )
            for page in [p for p in targets if p is not None]:
                scores, every = lighthouse_median(base + page.path, args.lighthouse_runs)
                runs = "  ".join("/".join(str(run[c]) for c in CATEGORIES) for run in every)
                print(f"{page.path:<34} {' / '.join(str(scores[c]) for c in CATEGORIES)}   [{runs}]")
        server.shutdown()
    return 1 if over else 0


def _lighthouse_version() -> str:
    package = REPO / "node_modules" / "lighthouse" / "package.json"
    return (
        json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "(not installed)"
    )


if __name__ == "__main__":
    sys.exit(main())
