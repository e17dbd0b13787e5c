"""The project the tests check: its languages (codes, the default first) and its pages."""

from __future__ import annotations

from mammogram_callbacks.project import Project

from tests.support.paths import REPO

PROJECT = Project(REPO)
LANGUAGES = [lang.code for lang in PROJECT.languages]
DEFAULT = PROJECT.default.code
PAGES = PROJECT.source_pages()


def lang_root(code: str) -> str:
    return "" if code == DEFAULT else f"{code}/"
