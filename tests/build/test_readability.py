"""Reading level (issue #6): the figures on the translators' status page."""

from __future__ import annotations

from mammogram_callbacks.checks.readability import project_readings
from mammogram_callbacks.project import Project

from tests.support.paths import REPO


def test_status_page_shows_the_reading_figures_of_every_language(real_site):
    html = real_site.html("translation-status.html")
    for reading in project_readings(Project(REPO)):
        row = f"<code>docs/{reading.language}/{reading.page}</code>"
        assert row in html, row
        assert reading.summary() in html.split(row, 1)[1].split("</tr>", 1)[0], row
