"""Shared fixtures: fixture sites, builds through the MkDocs API, the real site, a local web
server, a publication served by nginx, and Debian's chromium driven by Playwright. What they are
made of is in tests/support/."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import pytest
from mammogram_callbacks.publish.headers import EMBED_FOLDER

from tests.support.builds import BuildResult, build_site, make_site
from tests.support.paths import REPO, TESTS
from tests.support.publishing import (
    NGINX,
    ClinicUnderAPath,
    Publication,
    copy_project,
    front_server_config,
    nginx_config,
    run_publish,
    start_nginx,
)
from tests.support.web import free_port, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The neutral build unless a test asks for a clinic's (a PE_CLINIC left in the shell would brand every build).
os.environ.pop("PE_CLINIC", None)


# ---- Kinds of test -------------------------------------------------------------------------------
# Every test is one kind (pyproject.toml lists them), and lives in the folder of its kind:
# tests/unit/ (plain Python, in a second; `make test-fast`), tests/build/ (a real `mkdocs build`: the
# project's site, a fixture site or a publication), tests/nginx/ (a real nginx) and tests/browser/
# (Debian's chromium). The folder gives the test its marker. A test in nginx/ or browser/ that also
# builds, or drives nginx, carries those markers too, so `-m build` selects every test that builds
# and `-m "not nginx"` every test that needs no nginx.

KINDS = ("unit", "build", "nginx", "browser")  # lightest first: the order the suite runs in

# The fixtures that make a test of a kind other than unit: what it builds, serves or drives.
USES = {
    "build": {"real_site", "site_url", "site_pages", "publication", "clinic_under_a_path"},
    "nginx": {"nginx", "clinic_under_a_path"},
    "browser": {"browser"},
}


def pytest_collection_modifyitems(config, items):
    misplaced = []
    for item in items:
        folder = Path(item.path).relative_to(TESTS).parts[0]
        fixtures = set(getattr(item, "fixturenames", ()))
        if folder not in KINDS:
            misplaced.append(f"{item.nodeid}: a test lives in one of tests/{{{','.join(KINDS)}}}/")
            continue
        heavier = [kind for kind in KINDS[KINDS.index(folder) + 1 :] if fixtures & USES[kind]]
        if heavier:
            used = ", ".join(sorted(fixtures & set().union(*(USES[kind] for kind in heavier))))
            misplaced.append(f"{item.nodeid} uses {used}: it belongs in tests/{heavier[-1]}/")
        marked = [m.name for m in item.iter_markers() if m.name in KINDS]
        if marked:
            misplaced.append(f"{item.nodeid} is marked {', '.join(marked)} by hand: its folder is its kind")
        item.add_marker(folder)
        if folder in ("nginx", "browser"):
            for kind in KINDS[1 : KINDS.index(folder)]:
                # A fixture site in an nginx or browser test is there to be built (build_site).
                if fixtures & USES[kind] or (kind == "build" and "site_factory" in fixtures):
                    item.add_marker(kind)
    if misplaced:
        raise pytest.UsageError("tests in the wrong folder:\n  " + "\n  ".join(misplaced))
    # Quick tests first; and the publication's own tests (build/) before nginx serves it, as nginx
    # adds a page to the published folder. sort() keeps the order of the tests within a kind.
    items.sort(key=lambda item: KINDS.index(Path(item.path).relative_to(TESTS).parts[0]))


# ---- Fixture sites ------------------------------------------------------------------------------


@pytest.fixture
def site_factory(tmp_path):
    return functools.partial(make_site, tmp_path)


# ---- The real site ------------------------------------------------------------------------------


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
    """Every page of the built real site (tests/support/site_pages.py), embed pages included."""
    from mammogram_callbacks.project import Project

    from tests.support.site_pages import built_pages

    project = Project(REPO)
    return built_pages(real_site.site_dir, [lang.code for lang in project.languages], project.default.code)


@pytest.fixture(scope="session")
def axe_path() -> Path:
    from tests.support.axe import axe_script

    return axe_script(REPO)


# ---- A publication (make publish), and nginx serving it ---------------------------------------------


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> Publication:
    """The project published twice, to a bare git repository and to a folder, as a clinic's copy
    whose data/publish.yml lets one local origin frame the embed pages."""
    work = tmp_path_factory.mktemp("publish")
    host_dirs = (work / "host-allowed", work / "host-other")
    servers = []
    for folder in host_dirs:
        folder.mkdir()
        servers.append(serve(folder))
    embed_host, other_host = (url.rstrip("/") for _, url in servers)
    nginx_port = free_port()
    site_url = f"http://127.0.0.1:{nginx_port}/"
    project = copy_project(work / "project")
    (project / "data" / "publish.yml").write_text(
        f"embed_frame_ancestors:\n  - {embed_host}\n"
        "security_contact: mailto:security@clinic.example\n"
        "accessibility_contact: https://clinic.example/accessibility\n",
        encoding="utf-8",
    )
    remote = work / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    dest = work / "www" / "site"
    for args in (("--remote", str(remote), "--branch", "gh-pages"), ("--dest", str(dest))):
        result = run_publish(project, *args, site_url=site_url)
        assert result.returncode == 0, result.stdout + result.stderr
    yield Publication(project, remote, dest, site_url, nginx_port, embed_host, other_host, host_dirs)
    for server, _ in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def nginx(publication, tmp_path_factory):
    """nginx serving the published folder, plus a stand-in embed page (the embed pages are built
    elsewhere; this one proves the /embed/ rules)."""
    assert Path(NGINX).exists(), f"{NGINX} is missing: run scripts/ensure-nginx.sh"
    embed = publication.dest / EMBED_FOLDER / "callback.html"
    embed.parent.mkdir(exist_ok=True)
    embed.write_text(
        '<!doctype html><html lang="en"><title>Embedded</title>'
        '<p id="pe-embedded">An embedded page</p></html>',
        encoding="utf-8",
    )
    work = tmp_path_factory.mktemp("nginx")
    config = nginx_config(work, publication.dest, publication.nginx_port)
    process = start_nginx(work, config, publication.nginx_port)
    yield publication.site_url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def clinic_under_a_path(tmp_path_factory) -> ClinicUnderAPath:
    """A clinic's branded copy of two languages, published into a folder for
    http://127.0.0.1:<port>/patient-education/, served as deploy/README.md says: the shipped server
    block on a port of its own, behind the clinic's server with deploy/nginx-under-a-path.conf."""
    import re

    assert Path(NGINX).exists(), f"{NGINX} is missing: run scripts/ensure-nginx.sh"
    work = tmp_path_factory.mktemp("under-a-path")
    front_port, site_port = free_port(), free_port()
    path = "/patient-education/"
    site_url = f"http://127.0.0.1:{front_port}{path}"
    project = copy_project(work / "project")
    profile = project / "clinics" / "example.yml"
    profile.write_text(
        re.sub(r"^languages: .*$", "languages: [en, es]", profile.read_text(encoding="utf-8"), flags=re.M)
        + f"site_url: {site_url}\n",
        encoding="utf-8",
    )
    dest = work / "www" / "site"
    result = run_publish(project, "--clinic", str(profile), "--dest", str(dest), site_url=None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (work / "site-server").mkdir()
    (work / "front-server").mkdir()
    site_server = start_nginx(
        work / "site-server", nginx_config(work / "site-server", dest, site_port), site_port
    )
    front = start_nginx(
        work / "front-server",
        front_server_config(work / "front-server", front_port, path, site_port),
        front_port,
    )
    yield ClinicUnderAPath(dest, site_url, path)
    for process in (front, site_server):
        process.terminate()
        process.wait(timeout=10)
