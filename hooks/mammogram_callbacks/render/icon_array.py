"""The natural-frequency picture: 1,000 women screened, the ones called back, the ones with cancer,
and the one whose cancer the mammogram missed (no picture of screening may suggest it misses none).

Highlighted icons are grouped in reading order, not scattered: scattered icons are read as a
higher risk (Price et al. 2022). The counts come from the statistics data, so the picture changes
when the data does; the layout is plain geometry, rendered by overrides/hooks/icon-array.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from mammogram_callbacks.data.project_data import ProjectData
from mammogram_callbacks.render.content import format_number

TOTAL = 1000
COLUMNS = 40
CELL = 10  # SVG units per icon

# The statistics the picture is drawn from.
CALLED_BACK = "callbacks_per_1000_screens"
CANCER = "cancers_per_1000_screens"
NOT_CANCER = "callbacks_not_cancer_per_1000_screens"
MISSED = "missed_cancers_per_1000_screens"


@dataclass(frozen=True)
class Run:
    """Consecutive icons of one group in one row."""

    group: str
    x: int
    y: int
    width: int


def layout(counts: list[tuple[str, int]], columns: int = COLUMNS) -> list[Run]:
    """Place each group's icons one after another, row by row, as runs within rows."""
    runs, position = [], 0
    for group, count in counts:
        end = position + count
        while position < end:
            row, column = divmod(position, columns)
            length = min(columns - column, end - position)
            runs.append(Run(group, column * CELL, row * CELL, length * CELL))
            position += length
    return runs


def _whole(value: object) -> int:
    # The picture's groups are natural frequencies: whole numbers (a data rule, checked at load).
    assert isinstance(value, Decimal), value
    return int(value)


def icon_array_context(data: ProjectData, language: str) -> dict:
    """Everything the template needs, with labels and numbers in the reader's language."""
    stats = data.statistics
    cancer, not_cancer, called_back, missed = (
        _whole(stats[k].value) for k in (CANCER, NOT_CANCER, CALLED_BACK, MISSED)
    )
    # cancer + not_cancer == called_back is a data rule, checked with file:line when the data loads.
    not_called_back = TOTAL - called_back
    clear = not_called_back - missed
    ui = data.ui[language]

    def n(value: int) -> str:
        return format_number(value, data.formats_for(language))

    numbers = {
        "total": n(TOTAL),
        "called_back": n(called_back),
        "cancer": n(cancer),
        "not_cancer": n(not_cancer),
        "not_called_back": n(not_called_back),
        "clear": n(clear),
        "missed": n(missed),
    }
    source = stats[CALLED_BACK].source
    groups = [("cancer", cancer), ("not-cancer", not_cancer), ("clear", clear), ("missed", missed)]
    return {
        "title": ui["icon_array_title"].format(**numbers),
        "summary": ui["icon_array_summary"].format(**numbers),
        "source": ui["icon_array_source"].format(source=source.organisation, year=source.year),
        "legend": [
            ("cancer", ui["icon_array_cancer"], numbers["cancer"]),
            ("not-cancer", ui["icon_array_not_cancer"], numbers["not_cancer"]),
            ("clear", ui["icon_array_clear"], numbers["clear"]),
            ("missed", ui["icon_array_missed"], numbers["missed"]),
        ],
        "runs": layout(groups),
        "width": COLUMNS * CELL,
        "height": -(-TOTAL // COLUMNS) * CELL,
        "cell": CELL,
    }
