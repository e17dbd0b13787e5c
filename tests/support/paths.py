"""Where things are: the repository, this folder, and the fixture data beside the tests."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
SITES = TESTS / "sites"  # the fixture sites: sites/base, with sites/faults/<name>/ laid over it
