"""The clinic profiles the clinic tests load and build with, and what a reader sees of a page."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.support.builds import build_site
from tests.support.paths import REPO

EXAMPLE = REPO / "clinics" / "example.yml"
LOGO = REPO / "clinics" / "example-logo.svg"
NAME, PHONE = "Harbor View Breast Imaging", "(503) 555-0142"

# A good profile for the fixture site (en, es, ar); line numbers in tests/unit/test_clinic.py
# refer to this text.
GOOD = """\
name: Harbor View Breast Imaging
phone: "(503) 555-0142"
booking_url: https://harborview-imaging.example/appointments
address: |
  1200 Harbor View Drive, Suite 300
  Portland, OR 97209
logo: logo.svg
accent_colour: "#1d5f8a"
languages: [en, es, ar]
frame_origins: [https://harborview-imaging.example]
"""


def write_profile(folder: Path, text: str = GOOD, logo: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.svg").write_bytes(LOGO.read_bytes() if logo is None else logo)
    path = folder / "clinic.yml"
    path.write_text(text, encoding="utf-8")
    return path


def text_of(page_html: str) -> str:
    """What a reader sees: the text without tags, entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


# ---- Branded fixture builds -----------------------------------------------------------------------


def branded_fixture(site_factory, monkeypatch, text: str = GOOD):
    root = site_factory()
    write_profile(root / "clinic", text)
    monkeypatch.setenv("PE_CLINIC", "clinic/clinic.yml")  # relative to where the build runs
    return build_site(root)


HOSTILE = GOOD.replace(
    "name: Harbor View Breast Imaging", "name: '<script>alert(\"name\")</script> & <b>Co</b>'"
).replace("  Portland, OR 97209", "  <img src=x onerror=alert(1)> Portland")
