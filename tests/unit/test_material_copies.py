"""Each template copied from Material differs from the installed Material only by the change it
was copied for. Material is in maintenance mode; when it is upgraded and one of its templates
changes, this test names the file to copy again (UPGRADING.md says how).

The intended change of each copy is recorded as a unified diff in tests/material_copies/. After
re-copying and re-applying a change on purpose, record the diffs again with
`RECORD_MATERIAL_COPIES=1 .venv/bin/python -m pytest tests/unit/test_material_copies.py`.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import material
import pytest

from tests.support.paths import REPO, TESTS

MATERIAL = Path(material.__file__).parent / "templates"
RECORDED = TESTS / "material_copies"
COPIES = [
    "partials/header.html",
    "partials/search.html",
    "partials/logo.html",
    "partials/javascripts/base.html",
    "partials/javascripts/content.html",
    "partials/javascripts/palette.html",
]


def intended_change(relative: str) -> str:
    """The diff from Material's file to the copy, without the copy's own opening comment."""
    original = (MATERIAL / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    copy = (REPO / "overrides" / relative).read_text(encoding="utf-8")
    copy = re.sub(r"\A\{#-.*?-#\}\n", "", copy, flags=re.S).splitlines(keepends=True)
    return "".join(difflib.unified_diff(original, copy, f"material/{relative}", f"overrides/{relative}", n=1))


@pytest.mark.parametrize("relative", COPIES)
def test_a_copied_material_template_differs_only_by_its_intended_change(relative):
    recorded = RECORDED / (relative.replace("/", "__") + ".diff")
    found = intended_change(relative)
    if os.environ.get("RECORD_MATERIAL_COPIES"):
        recorded.write_text(found, encoding="utf-8")
    assert found == recorded.read_text(encoding="utf-8"), (
        f"overrides/{relative} no longer differs from Material's {relative} only by its recorded change: "
        f"Material changed the file (copy it again from {MATERIAL / relative} and re-apply the change its "
        f"opening comment describes), or the copy was edited; see UPGRADING.md"
    )


def test_every_copied_template_is_checked():
    copied = {
        p.relative_to(REPO / "overrides").as_posix()
        for p in (REPO / "overrides" / "partials").rglob("*.html")
        if (MATERIAL / p.relative_to(REPO / "overrides")).exists()
    }
    assert copied == set(COPIES)
