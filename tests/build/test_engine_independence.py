"""A build without this project's MkDocs hooks (another engine, or plain MkDocs) made safe around it.

The English pages are built with plain MkDocs, no hooks and no i18n plugin, as Zensical would build
them (ZENSICAL.md). With the page-filling extension the figures and notes are there, and
`translations finish-site` writes the host files and audits every page; without it, `make
publish` refuses the build at the first unfilled marker, by page and line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.paths import REPO

BIN = Path(sys.executable).parent


def _project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in ("docs", "data", "overrides", "clinics"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _without_hooks(root: Path, with_extension: bool) -> Path:
    """mkdocs.yml as an engine without hooks and i18n reads it: the English pages only."""
    # mkdocs.yml's list (INHERIT replaces lists whole), without toc's Python-tagged slugify.
    extensions: list = [
        "abbr",
        "mammogram_callbacks.markdown.term_tooltips",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "tables",
        {"toc": {"permalink": False}},
        "pymdownx.superfences",
        "pymdownx.smartsymbols",
    ]
    if with_extension:
        extensions.append({"mammogram_callbacks.markdown_extension": {"root": str(root), "language": "en"}})
    config = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": "docs/en",
        "hooks": [],
        "plugins": ["search"],
        "markdown_extensions": extensions,
    }
    path = root / ("plain-with-extension.yml" if with_extension else "plain.yml")
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _finish_site(root: Path, site: Path) -> subprocess.CompletedProcess:
    """`translations finish-site` on a built folder, as a maintainer runs it after another engine."""
    command = [str(BIN / "translations"), "finish-site", str(site), "--site-url", "https://example.org/"]
    return subprocess.run(
        [*command, "--root", str(root)], cwd=root, env=_env(), capture_output=True, text=True, check=False
    )


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PE_CLINIC": ""}


def test_the_extension_fills_pages_and_finish_site_makes_the_build_publishable(tmp_path):
    root = _project_copy(tmp_path)
    config = _without_hooks(root, with_extension=True)
    site = tmp_path / "site"
    built = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-f", str(config), "--site-dir", str(site)],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    # The two blocks only the MkDocs build can make are left out, and the build says so.
    assert "<!-- pe:translation-status --> is made by the MkDocs build only" in built.stderr
    callback = (site / "callback.html").read_text(encoding="utf-8")
    assert "[[stat:" not in callback and "[[cite:" not in callback and "[[clinic:" not in callback
    assert "1,000" in callback  # a natural frequency, formatted for English readers
    assert 'id="fn:src-' in callback  # the source notes
    assert "pe-icon-array" in callback  # the picture of 1,000 women

    finished = _finish_site(root, site)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "0 finding(s)" in finished.stderr
    for name in ("_headers", "_redirects", "_nginx.conf", "robots.txt", "sitemap.xml.gz"):
        assert (site / name).is_file(), name
    assert "Content-Security-Policy" in (site / "_headers").read_text(encoding="utf-8")


def test_finish_site_fails_on_a_page_with_inline_script(tmp_path):
    root = _project_copy(tmp_path)
    site = tmp_path / "site"
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "-f", str(_without_hooks(root, True)), "--site-dir", str(site)],
        cwd=root,
        env=_env(),
        capture_output=True,
        check=True,
    )
    page = site / "tests.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"))
    finished = _finish_site(root, site)
    assert finished.returncode == 1
    assert "tests.html:" in finished.stdout and "inline <script>" in finished.stdout


def _publish_with(root: Path, dest: Path, command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`scripts/publish.py --build-command` on the project copy, as `make publish BUILD=...` runs it."""
    publish = [sys.executable, str(REPO / "scripts" / "publish.py"), "--root", str(root), "--dest", str(dest)]
    return subprocess.run(
        [*publish, "--build-command", command], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def test_publish_refuses_a_build_whose_pages_were_not_filled(tmp_path):
    root = _project_copy(tmp_path)
    config = _without_hooks(root, with_extension=False)
    dest = tmp_path / "published"
    result = _publish_with(
        root,
        dest,
        f"{BIN / 'mkdocs'} build -f {config} --site-dir {{site}}",
        {**_env(), "SITE_URL": "https://example.org/"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "a marker was not filled in" in result.stderr
    # The first unfilled marker, by built page and line.
    first = next(line for line in result.stderr.splitlines() if "a marker was not filled in" in line)
    page, line, marker = first.removeprefix("publish: ").split(":", 2)
    assert (page.endswith(".html") and line.isdigit() and "[[" in marker) or "<!-- pe:" in marker
    assert not dest.exists()  # nothing published


def test_publish_without_site_url_refuses_another_engine(tmp_path):
    root = _project_copy(tmp_path)
    env = {k: v for k, v in _env().items() if k != "SITE_URL"}
    result = _publish_with(root, tmp_path / "out", "true {site}", env)
    assert result.returncode == 1
    assert "--build-command needs SITE_URL" in result.stderr
