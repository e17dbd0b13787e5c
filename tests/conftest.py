"""Shared fixtures: fixture sites, builds through the MkDocs API, the real site, a local web
server and Debian's chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import logging
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The neutral build unless a test asks for a clinic's (a PE_CLINIC left in the shell would brand every build).
os.environ.pop("PE_CLINIC", None)


# ---- Kinds of test -------------------------------------------------------------------------------
# Every test is one kind (pyproject.toml lists them), from what it uses: `browser` (Debian's
# chromium), `nginx` (a real nginx), `build` (a real `mkdocs build`: the project's site, a fixture
# site, or a publication), or `unit` (plain Python, in a second). `make test-fast` runs the unit tests.

_BUILDS = {"real_site", "site_url", "site_pages", "publication"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        source = item.module.__file__ and Path(item.module.__file__).read_text(encoding="utf-8")
        name = getattr(item, "originalname", item.name)
        builders = _builders(source) if source else set()
        if "browser" in fixtures or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if "nginx" in fixtures:
            item.add_marker(pytest.mark.nginx)
        if fixtures & _BUILDS or name in builders:
            item.add_marker(pytest.mark.build)
        if not any(item.get_closest_marker(kind) for kind in ("browser", "nginx", "build")):
            item.add_marker(pytest.mark.unit)


@functools.cache
def _builders(source: str) -> frozenset[str]:
    """The module's functions that run a build, directly or through a helper of the module."""
    import ast

    calls = {
        node.name: {
            c.func.id for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef)
    }
    found = {"build_site", "run_publish", "build"}
    while True:
        more = {name for name, called in calls.items() if called & found} - found
        if not more:
            return frozenset(found)
        found |= more


# ---- Fixture sites ------------------------------------------------------------------------------


def make_site(tmp_path: Path, fault: str | None = None) -> Path:
    """The clean base site, with the files of `sites/faults/<fault>/` laid over it."""
    root = tmp_path / (fault or "clean")
    shutil.copytree(SITES / "base", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if fault:
        overlay = SITES / "faults" / fault
        assert overlay.is_dir(), f"no fixture {overlay}"
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    return root


@pytest.fixture
def site_factory(tmp_path):
    return functools.partial(make_site, tmp_path)


class BuildResult:
    def __init__(
        self,
        root: Path,
        site_dir: Path,
        records: list[logging.LogRecord],
        error: Exception | None,
        site_url: str = "",
    ):
        self.root, self.site_dir, self.records, self.error = root, site_dir, records, error
        self.site_url = site_url  # the address the site was built for

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    @property
    def infos(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno == logging.INFO]

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def build_site(root: Path, site_dir: Path | None = None, strict: bool = True, **overrides) -> BuildResult:
    """Build a site with the real mkdocs.yml machinery; never raises, returns logs and error."""
    site_dir = site_dir or root / "site"
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)  # as the mkdocs command line does
    cwd = Path.cwd()
    error = None
    site_url = ""
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **overrides)
        site_url = config.site_url or ""
        build(config)
    except (Abort, BuildError, SystemExit) as exc:
        error = exc
    finally:
        os.chdir(cwd)
        logger.removeHandler(handler)
        logger.setLevel(level)
    return BuildResult(root, site_dir, handler.records, error, site_url)


# ---- The real site ------------------------------------------------------------------------------


def free_port() -> int:
    with socketserver.TCPServer(("127.0.0.1", 0), None) as probe:
        return probe.server_address[1]


@pytest.fixture(scope="session")
def local_port() -> int:
    """The port the real site is served on, chosen before the build: the site is built for the
    address it is served from (SITE_URL), as a publication is. Its pages name their language
    alternates and sitemaps with absolute URLs."""
    return free_port()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, local_port) -> BuildResult:
    """The project's own site, built once per test session, strict."""
    site_dir = tmp_path_factory.mktemp("real-site")
    result = build_site(REPO, site_dir, site_url=f"http://127.0.0.1:{local_port}/")
    assert result.error is None, f"the real site does not build: {result.error}\n" + "\n".join(
        result.warnings
    )
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(directory: Path, port: int = 0):
    """Serve `directory` on 127.0.0.1 (on a free port by default); returns (server, base_url)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(real_site, local_port):
    server, url = serve(real_site.site_dir, local_port)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright; nothing downloads a browser."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/ensure-browser.sh"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


# ---- Browser audits -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_pages(real_site):
    """Every page of the built real site (audit.site_pages), embed pages included once they exist."""
    from mammogram_callbacks.audit.site_pages import built_pages
    from mammogram_callbacks.project import Project

    project = Project(REPO)
    return built_pages(real_site.site_dir, [lang.code for lang in project.languages], project.default.code)


@pytest.fixture(scope="session")
def axe_path() -> Path:
    from mammogram_callbacks.audit.axe import axe_script

    return axe_script(REPO)


# ---- Material's search ---------------------------------------------------------------------------

_SEARCH_READY = """() => {
    const config = document.getElementById("__config");
    const meta = document.querySelector(".md-search-result__meta");
    if (!config || !meta) return false;
    const ready = JSON.parse(config.textContent).translations["search.result.placeholder"];
    return meta.innerText.trim() === ready.trim();
}"""


def wait_for_search_index(page, timeout: float = 30_000) -> None:
    """Wait until Material's worker has built the search index: a query typed earlier is dropped.

    Material then shows its own "Type to start searching" (in the page's language)."""
    page.wait_for_function(_SEARCH_READY, timeout=timeout)
