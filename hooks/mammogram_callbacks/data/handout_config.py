"""Which pages have a one-page handout, where their key points are, and the paper (data/handouts.yml).

The file is optional: without it no page has a handout. Every problem names the file, the line
and the expected form, and all of them are reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml
from mammogram_callbacks.data.clinic import PAPER_SIZES

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutConfig:
    paper: tuple[str, ...] = ("letter",)  # the first is <page>.pdf, any other <page>.<size>.pdf
    pages: dict[str, str] = field(default_factory=dict)  # "callback.md" -> "box" or "section:<id>"


# ---- Functions ---------------------------------------------------------------------------------


def load_handout_config(data_dir: Path, display_root: Path, source_pages: list[str]) -> HandoutConfig:
    """Read and check data/handouts.yml; `source_pages` are the default language's pages (`x.md`)."""
    path = data_dir / "handouts.yml"
    if not path.exists():
        return HandoutConfig(pages={})
    name = display_path(path, display_root)
    document = load_yaml(path, name)
    problems: list[Finding] = []

    def problem(line: int, message: str) -> None:
        problems.append(Finding(name, line, CHECK, message))

    if not isinstance(document, LineMap):
        raise DataError([Finding(name, 1, CHECK, "expected a mapping with paper: and pages:")])
    for key in document:
        if key not in ("paper", "pages"):
            problem(document.line_of(key), f"{key}: unknown field; the fields are paper and pages")
    paper = document.get("paper", ["letter"])
    if (
        not isinstance(paper, list)
        or not paper
        or any(size not in PAPER_SIZES for size in paper)
        or len(set(paper)) != len(paper)
    ):
        problem(document.line_of("paper"), f"paper: {paper!r}; expected a list from {', '.join(PAPER_SIZES)}")
        paper = ["letter"]
    pages = document.get("pages") or LineMap()
    if not isinstance(pages, LineMap):
        problem(
            document.line_of("pages"), "pages: expected a mapping of page files to where their key points are"
        )
        pages = LineMap()
        pages.key_lines = {}
    chosen: dict[str, str] = {}
    for page, where in pages.items():
        line = pages.line_of(page)
        if page not in source_pages:
            problem(line, f"{page}: no such page in the source language's folder")
        elif not isinstance(where, str) or not (
            where == "box" or (where.startswith("section:") and len(where) > 8)
        ):
            problem(line, f"{page}: {where!r}; expected box or section:<heading id>")
        else:
            chosen[page] = where
    if problems:
        raise DataError(problems)
    return HandoutConfig(paper=tuple(paper), pages=chosen)


# ---- Data --------------------------------------------------------------------------------------

CHECK = "data"
