"""Check 6, clinic markers: pages name the clinic only through markers the build knows, and a
translation has the same markers as its source, section by section.

A branded build writes the clinic's name and phone where a page has `[[clinic:name]]` or
`[[clinic:call]]`; the neutral build writes "your imaging center". A marker a translation drops is
a sentence where the branded build cannot name the clinic.
"""

from __future__ import annotations

import difflib
from collections import Counter

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.data.clinic import CLINIC_MARKERS
from mammogram_callbacks.markdown.page import ParsedPage
from mammogram_callbacks.markdown.sections import paired_sections, section_line

CHECK = "clinic"


def check_page_clinic_markers(page: ParsedPage) -> list[Finding]:
    """Any page, source included: only known marker names."""
    findings = []
    for element in page.elements("clinic"):
        if element.value not in CLINIC_MARKERS:
            close = difflib.get_close_matches(element.value, list(CLINIC_MARKERS), n=1)
            hint = (
                f"did you mean [[clinic:{close[0]}]]?"
                if close
                else "the names are " + ", ".join(f"[[clinic:{name}]]" for name in CLINIC_MARKERS)
            )
            findings.append(
                Finding(
                    page.path,
                    element.line,
                    CHECK,
                    f"unknown clinic marker [[clinic:{element.value}]]; {hint}",
                )
            )
    return findings


def check_translation_clinic_markers(
    source: ParsedPage, translation: ParsedPage, outdated: bool
) -> list[Finding]:
    """The translation has the source's clinic markers, as many times, in the same sections."""
    findings = []
    for src, dst in paired_sections(source, translation):
        wanted = Counter(e.value for e in src.elements if e.kind == "clinic")
        have = Counter(e.value for e in dst.elements if e.kind == "clinic")
        first_line: dict[str, int] = {}
        for element in (e for e in src.elements if e.kind == "clinic"):
            first_line.setdefault(element.value, element.line)
        extra = have - wanted
        for element in (e for e in dst.elements if e.kind == "clinic"):
            if extra[element.value] > 0:
                extra[element.value] -= 1
                findings.append(
                    Finding(
                        translation.path,
                        element.line,
                        CHECK,
                        f"clinic marker [[clinic:{element.value}]] is not in this section of the "
                        f"source ({source.path}:{section_line(src)})",
                    )
                )
        for name, count in (wanted - have).items():
            findings.append(
                Finding(
                    translation.path,
                    section_line(dst),
                    CHECK,
                    f"clinic marker [[clinic:{name}]] is missing from this section "
                    f"({count}x in {source.path}:{first_line[name]})",
                    blocking=not outdated,
                )
            )
    return findings
