"""Check 1, statistics: every figure comes from the data, and a translation states the same ones.

Within each pair of sections the translation must carry the same `[[stat:ID]]` markers and the
same literal numbers as its source, compared by value after reading each in its own locale.
"""

from __future__ import annotations

import difflib
from collections import Counter

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.numbers import NumberLocale, NumberToken, find_numbers
from mammogram_callbacks.markdown.page import ParsedPage
from mammogram_callbacks.markdown.sections import paired_sections, section_line

CHECK = "statistics"


def check_page_statistics(
    page: ParsedPage,
    locale: NumberLocale,
    known: set[str],
    known_sources: set[str] | frozenset[str] = frozenset(),
) -> list[Finding]:
    """Any page, source included: only known statistic and source ids, and no typed-in percentages."""
    findings = []
    for kind, ids, what, where in (
        ("stat", known, "statistic", "data/statistics.yml"),
        ("cite", known_sources, "source", "the sources: of data/statistics.yml"),
    ):
        for element in page.elements(kind):
            if element.value not in ids:
                close = difflib.get_close_matches(element.value, sorted(ids), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                findings.append(
                    Finding(
                        page.path,
                        element.line,
                        CHECK,
                        f"unknown {what} '{element.value}': it is not in {where}{hint}",
                    )
                )
    for line, text in page.prose():
        for token in find_numbers(text, locale):
            if token.kind == "percent":
                findings.append(
                    Finding(
                        page.path,
                        line,
                        CHECK,
                        f"the percentage {token.text} is typed in; a statistic must come from "
                        f"data/statistics.yml as [[stat:ID]] so that it carries its source",
                    )
                )
    return findings


def check_translation_statistics(
    source: ParsedPage,
    source_locale: NumberLocale,
    translation: ParsedPage,
    locale: NumberLocale,
    outdated: bool,
) -> list[Finding]:
    """The translation states exactly the source's statistics and numbers, section by section."""
    findings: list[Finding] = []
    for src, dst in paired_sections(source, translation):
        where = section_line(dst)
        # Statistic and source markers: the same ids, as many times.
        for kind, what in (("stat", "statistic"), ("cite", "source")):
            src_ids = Counter(e.value for e in src.elements if e.kind == kind)
            dst_ids = Counter(e.value for e in dst.elements if e.kind == kind)
            first_line = {e.value: e.line for e in src.elements if e.kind == kind}
            for element in (e for e in dst.elements if e.kind == kind):
                if dst_ids[element.value] > src_ids[element.value]:
                    dst_ids[element.value] -= 1
                    findings.append(
                        Finding(
                            translation.path,
                            element.line,
                            CHECK,
                            f"{what} [[{kind}:{element.value}]] is not in this section of the "
                            f"source ({source.path}:{section_line(src)})",
                        )
                    )
            for marker_id, count in (
                src_ids - Counter(e.value for e in dst.elements if e.kind == kind)
            ).items():
                findings.append(
                    Finding(
                        translation.path,
                        where,
                        CHECK,
                        f"{what} [[{kind}:{marker_id}]] is missing from this section "
                        f"({count}x in {source.path}:{first_line[marker_id]})",
                        blocking=not outdated,
                    )
                )

        # Literal numbers, by value.
        src_numbers = [(line, t) for line, text in src.prose for t in find_numbers(text, source_locale)]
        dst_numbers = [(line, t) for line, text in dst.prose for t in find_numbers(text, locale)]
        unmatched_src = _unmatched(src_numbers, dst_numbers)
        unmatched_dst = _unmatched(dst_numbers, src_numbers)
        for index, (line, token) in enumerate(unmatched_dst):
            if index < len(unmatched_src):
                src_line, src_token = unmatched_src[index]
                message = (
                    f"number {token.text} does not match the source "
                    f"({source.path}:{src_line} says {src_token.text})"
                )
            else:
                message = (
                    f"number {token.text} is not in the source "
                    f"(this section starts at {source.path}:{section_line(src)})"
                )
            findings.append(Finding(translation.path, line, CHECK, message))
        for src_line, src_token in unmatched_src[len(unmatched_dst) :]:
            findings.append(
                Finding(
                    translation.path,
                    where,
                    CHECK,
                    f"number {src_token.text} ({source.path}:{src_line}) is missing from this section",
                    blocking=not outdated,
                )
            )
    return findings


def _unmatched(ours: list[tuple[int, NumberToken]], theirs: list[tuple[int, NumberToken]]):
    """Our numbers that the other side does not have (as a multiset, in our order)."""
    available = Counter(t.key for _, t in theirs)
    left = []
    for line, token in ours:
        if available[token.key] > 0:
            available[token.key] -= 1
        else:
            left.append((line, token))
    return left
