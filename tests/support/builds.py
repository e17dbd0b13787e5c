"""Builds through the MkDocs API: the fixture sites (tests/sites) and the result of a build."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError

from tests.support.paths import REPO, SITES


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
