"""Each check catches its deliberate fault at the right file and line, and says what the source
has. The fixture sites are tests/sites/base (clean) with tests/sites/faults/<name>/ laid over it."""

from __future__ import annotations

import datetime

import pytest
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.project import Project

TODAY = datetime.date(2026, 11, 25)


def blocking(root) -> list[str]:
    return [str(f) for f in Project(root).check(today=TODAY).blocking]


def test_clean_fixture_has_no_findings_at_all(site_factory):
    report = Project(site_factory()).check(today=TODAY)
    assert report.findings == []
    assert {(s.language, s.page, s.state) for s in report.statuses} == {
        ("en", "callback.md", "source"),
        ("en", "index.md", "source"),
        ("en", "next-steps.md", "source"),
        ("es", "callback.md", "current"),
        ("es", "index.md", "current"),
        ("es", "next-steps.md", "current"),
        ("ar", "callback.md", "current"),
        ("ar", "index.md", "current"),
        ("ar", "next-steps.md", "current"),
    }


EXPECTED = {
    # 1. Statistics
    "wrong-number": [
        "docs/es/callback.md:18: number 100 does not match the source (docs/en/callback.md:14 says 1,000)",
    ],
    "wrong-decimal": [
        "docs/es/callback.md:30: number 15 does not match the source (docs/en/callback.md:26 says 1.5)",
    ],
    "arabic-wrong-digits": [
        "docs/ar/callback.md:18: number ٢٬٠٠٠ does not match the source (docs/en/callback.md:14 says 1,000)",
    ],
    "unknown-statistic": [
        "docs/es/index.md:12: statistic [[stat:callback_about_1_in_10]] is missing from this section "
        "(1x in docs/en/index.md:10)",
        "docs/es/index.md:14: statistic [[stat:callback_about_1_in_100]] is not in this section of the "
        "source (docs/en/index.md:8)",
        "docs/es/index.md:14: unknown statistic 'callback_about_1_in_100': it is not in data/statistics.yml; "
        "did you mean 'callback_about_1_in_10'?",
    ],
    "typed-percent": [
        "docs/es/index.md:14: number 12 % is not in the source (this section starts at docs/en/index.md:8)",
        "docs/es/index.md:14: the percentage 12 % is typed in; a statistic must come from "
        "data/statistics.yml as [[stat:ID]] so that it carries its source",
    ],
    "swapped-figures": [
        "docs/es/callback.md:19: this paragraph states its figures in another order than "
        "docs/en/callback.md:14: the English has [[stat:callbacks_per_1000_screens]], "
        "[[stat:cancers_per_1000_screens]], [[stat:callbacks_not_cancer_per_1000_screens]]; here "
        "[[stat:callbacks_per_1000_screens]], [[stat:callbacks_not_cancer_per_1000_screens]], "
        "[[stat:cancers_per_1000_screens]]. Swapping two figures swaps their meaning. If the grammar "
        "needs this order, list 'how-common/p1' under translation: reordered: in the front matter",
    ],
    "missing-statistic": [
        "docs/es/callback.md:16: statistic [[stat:cancers_per_1000_screens]] is missing from this section "
        "(1x in docs/en/callback.md:15)",
    ],
    # 2. Terminology
    "forbidden-term-source": [
        "docs/en/callback.md:10: 'positive mammogram' is a forbidden term for callback: Sounds like cancer "
        "was found. Use 'callback'.",
    ],
    "forbidden-term": [
        "docs/es/callback.md:16: the source (docs/en/callback.md:20) uses 'Calcifications' (calcification); "
        "this section has no approved Spanish term for it: use 'calcificaciones' (or 'calcificación')",
        "docs/es/callback.md:24: 'calcinosis' is a forbidden term for calcification: Es otra enfermedad. "
        "Use 'calcificaciones'.",
    ],
    "missing-term": [
        "docs/ar/callback.md:16: the source (docs/en/callback.md:20) uses 'Calcifications' (calcification); "
        "this section has no approved Arabic term for it: use 'التكلسات' (or 'تكلسات')",
    ],
    # 3. Structure
    "heading-level": [
        "docs/es/callback.md:26: a level-3 heading with id 'next-tests' does not match the source: "
        "docs/en/callback.md:22 has a level-2 heading with id 'next-tests' as 3rd of its headings",
    ],
    "admonition-type": [
        "docs/es/callback.md:23: a 'warning' admonition does not match the source: docs/en/callback.md:19 "
        "has a 'tip' admonition as 1st of its admonitions",
    ],
    "missing-table": [
        "docs/es/callback.md:12: has 0 tables; the source (docs/en/callback.md) has 1",
    ],
    "broken-anchor": [
        "docs/es/index.md:12: link to callback.md#how-common (docs/en/index.md:12) is missing",
        "docs/es/index.md:16: link to callback.md#como is not in the source (docs/en/index.md)",
        "docs/es/index.md:16: link to callback.md#como: docs/es/callback.md has no heading with id 'como' "
        "(ids: callback, how-common, next-tests)",
    ],
    # 5. Safety
    "script-tag": [
        "docs/es/index.md:16: raw HTML <script> is not allowed; pages are plain Markdown "
        "(allowed tags: abbr, bdi, br, kbd, mark, small, sub, sup)",
    ],
    "event-handler": [
        "docs/ar/index.md:14: event handler attribute onmouseover= on <mark> is not allowed",
    ],
    "javascript-link": [
        "docs/es/index.md:12: link to callback.md#how-common (docs/en/index.md:12) is missing",
        "docs/es/index.md:16: unsafe URL 'javascript:alert': javascript:, vbscript: and data: links are not "
        "allowed",
        "docs/es/index.md:16: link to javascript:alert is not in the source (docs/en/index.md)",
    ],
    # 6. Clinic markers (a branded build names the clinic there)
    "unknown-clinic-marker": [
        "docs/es/next-steps.md:12: clinic marker [[clinic:name]] is missing from this section "
        "(1x in docs/en/next-steps.md:10)",
        "docs/es/next-steps.md:14: clinic marker [[clinic:nombre]] is not in this section of the source "
        "(docs/en/next-steps.md:8)",
        "docs/es/next-steps.md:14: unknown clinic marker [[clinic:nombre]]; did you mean [[clinic:name]]?",
    ],
    "missing-clinic-marker": [
        "docs/ar/next-steps.md:16: clinic marker [[clinic:call]] is missing from this section "
        "(1x in docs/en/next-steps.md:14)",
    ],
}


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_fault_is_reported_at_its_file_and_line(site_factory, fault):
    assert blocking(site_factory(fault)) == EXPECTED[fault]


def test_outdated_translation_is_a_notice_and_its_structure_drift_does_not_block(site_factory):
    report = Project(site_factory("source-changed")).check(today=TODAY)
    assert report.blocking == []
    notices = [str(f) for f in report.findings]
    assert any(
        n.startswith(
            "docs/es/callback.md:10: outdated: was made from an older docs/en/callback.md "
            "(see what changed: git diff "
        )
        for n in notices
    )
    assert "docs/es/callback.md:26: has 3 headings; the source (docs/en/callback.md) has 4" in notices
    states = {(s.language, s.page): s.state for s in report.statuses}
    assert states[("es", "callback.md")] == states[("ar", "callback.md")] == "outdated"
    assert states[("es", "index.md")] == "current"


def test_a_wrong_number_blocks_even_in_an_outdated_translation(site_factory, tmp_path):
    root = site_factory("source-changed")
    page = root / "docs/es/callback.md"
    page.write_text(page.read_text().replace("De 1.000 mujeres", "De 100 mujeres"))
    assert blocking(root) == [
        "docs/es/callback.md:18: number 100 does not match the source (docs/en/callback.md:14 says 1,000)",
    ]


def test_missing_page_is_a_notice_naming_the_fallback(site_factory):
    report = Project(site_factory("untranslated-page")).check(today=TODAY)
    assert report.blocking == []
    assert [str(f) for f in report.findings] == [
        "docs/ar/extra.md:1: missing: readers of Arabic get docs/en/extra.md with a notice; "
        "`translations new ar` creates it from the source",
        "docs/es/extra.md:1: missing: readers of Spanish get docs/en/extra.md with a notice; "
        "`translations new es` creates it from the source",
    ]


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            "unknown-source",
            "data/statistics.yml:14: statistic 'callback_about_1_in_10': source 'bcsc_2071' is not "
            "one of the sources above",
        ),
        (
            "broken-yaml",
            "data/termbase/es.yml:11: invalid YAML: while parsing a flow sequence did not find "
            "expected ',' or ']'",
        ),
    ],
)
def test_unusable_data_is_an_error_naming_file_and_line(site_factory, fault, message):
    with pytest.raises(DataError) as error:
        Project(site_factory(fault)).check(today=TODAY)
    assert [str(f) for f in error.value.findings] == [message]


def test_only_the_requested_language_is_checked(site_factory):
    root = site_factory("arabic-wrong-digits")
    assert Project(root).check(["es"], today=TODAY).blocking == []
    assert len(Project(root).check(["ar"], today=TODAY).blocking) == 1


def test_only_folders_shaped_like_a_language_code_are_unlisted_languages(site_factory):
    root = site_factory()
    for folder in ("my_images", "print_only", "pt-BR", "zh_Hant", "hmn"):
        (root / "docs" / folder).mkdir()
    found = sorted(
        f.message.split()[0] for f in Project(root).check(today=TODAY).findings if f.check == "structure"
    )
    assert found == ["docs/hmn/", "docs/pt-BR/", "docs/zh_Hant/"]
