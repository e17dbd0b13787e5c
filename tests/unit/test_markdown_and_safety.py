"""The raw-source parser (line numbers, fences, markers) and the safety check's variants."""

from __future__ import annotations

import pytest
from mammogram_callbacks.checks.safety import check_safety
from mammogram_callbacks.markdown.page import parse_page

PAGE = """---
title: T
review:
  reviewed_by: X
---
# Title {#top}

Text with [[stat:a]] and a [link](other.md#x).

```html
<script>not rendered</script> 50%
```

<!-- pe:icon-array -->
<!-- a
multi-line comment with 99 -->
## Section two

| a | b |
|---|---|
| 1 | 2 |
"""


def test_line_numbers_count_the_front_matter():
    page = parse_page(PAGE, "docs/en/t.md")
    assert page.body_line == 6
    assert [(e.line, e.kind, e.value) for e in page.elements() if e.kind != "comment"] == [
        (6, "heading", "1"),
        (8, "stat", "a"),
        (8, "link", "other.md#x"),
        (14, "marker", "pe:icon-array"),
        (17, "heading", "2"),
        (19, "table", "2"),
    ]
    assert page.anchors() == {"top", "section-two"}


def test_code_and_comments_are_not_prose():
    prose = " ".join(text for _, text in parse_page(PAGE, "p.md").prose())
    assert "50%" not in prose and "99" not in prose and "script" not in prose


def test_front_matter_key_lines_are_kept():
    page = parse_page(PAGE, "p.md")
    assert page.meta["review"].line_of("reviewed_by") == 4


def test_broken_front_matter_is_reported_with_its_line():
    page = parse_page("---\ntitle: [unclosed\n---\n# T\n", "docs/en/t.md")
    assert [str(f) for f in page.meta_findings] == [
        "docs/en/t.md:2: invalid YAML: while parsing a flow sequence did not find expected ',' or ']'"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('<iframe src="https://x.org"></iframe>', "raw HTML <iframe> is not allowed"),
        ("<object data=x></object>", "raw HTML <object> is not allowed"),
        ("<style>body{}</style>", "raw HTML <style> is not allowed"),
        ("<SCRIPT>x()</SCRIPT>", "raw HTML <script> is not allowed"),
        ('<sup onclick="x()">a</sup>', "event handler attribute onclick= on <sup> is not allowed"),
        ('<abbr style="color:red">a</abbr>', "attribute style= on <abbr> is not allowed"),
        ('<abbr title="javascript:alert()">a</abbr>', "unsafe URL 'javascript:alert()' in title="),
        ("[a](data:text/html;base64,PHNjcmlwdD4=)", "unsafe URL 'data:text/html;base64,PHNjcmlwdD4='"),
        ("[a](JavaScript:alert)", "unsafe URL 'JavaScript:alert'"),
        ("[a]( javascript:alert )", "unsafe URL 'javascript:alert'"),
        ("[a](<javascript:alert>)", "unsafe URL 'javascript:alert'"),
        ('[a](javascript:alert "title")', "unsafe URL 'javascript:alert'"),
        ("![x](vbscript:run)", "unsafe URL 'vbscript:run'"),
        ("<javascript:alert(1)>", "unsafe URL 'javascript:alert(1)'"),
    ],
)
def test_unsafe_markup_is_reported(line, message):
    findings = check_safety(parse_page(f"# T\n\n{line}\n", "docs/es/p.md"))
    assert findings, line
    assert str(findings[0]).startswith(f"docs/es/p.md:3: {message}")


@pytest.mark.parametrize(
    "line",
    [
        'Plain text with <abbr title="Breast Imaging Reporting and Data System">BI-RADS</abbr>.',
        'Line<br>break and H<sub>2</sub>O and <bdi dir="ltr">1-800</bdi>',
        "`<script>` in inline code is shown as text",
        "[a link](https://www.cancer.org/) and [tel](tel:+18002272345) and [mail](mailto:a@b.org)",
    ],
)
def test_safe_markup_passes(line):
    assert check_safety(parse_page(f"# T\n\n{line}\n", "p.md")) == []


def test_terms_match_whatever_unicode_form_the_writer_typed():
    import unicodedata

    from mammogram_callbacks.checks.terms import TermMatcher
    from mammogram_callbacks.data.project_data import TermEntry

    entry = TermEntry("calcification", "vi", "vôi hóa", (), (("khối u", "Nghe như ung thư."),), "x", 1)
    matcher = TermMatcher([entry], "vi")
    decomposed = unicodedata.normalize("NFD", "Có vôi hóa, không phải khối u.")
    page = parse_page(f"# T\n\n{decomposed}\n", "docs/vi/p.md")
    assert [(h.concept, h.forbidden_reason) for h in matcher.hits(page.prose())] == [
        ("calcification", None),
        ("calcification", "Nghe như ung thư."),
    ]


def test_arabic_terms_match_with_or_without_vowel_marks():
    from mammogram_callbacks.checks.terms import TermMatcher
    from mammogram_callbacks.data.project_data import TermEntry

    matcher = TermMatcher([TermEntry("biopsy", "ar", "الخزعة", ("كتلا",), (), "x", 1)], "ar")
    page = parse_page("# T\n\nتُجرى الخَزعة. وقد تخفي كتلًا صغيرة. الخزعات\n", "docs/ar/p.md")
    assert [h.form for h in matcher.hits(page.prose())] == ["الخَزعة", "كتلًا"]


def test_terms_of_several_words_must_stand_together():
    from mammogram_callbacks.checks.terms import TermMatcher
    from mammogram_callbacks.data.project_data import TermEntry

    matcher = TermMatcher([TermEntry("density", "en", "dense breasts", ("dense breast",), (), "x", 1)], "en")
    page = parse_page(
        "# T\n\nDense breasts are common. A dense, breast-like shape. Dense breast-feeding.\n", "p.md"
    )
    assert [h.form for h in matcher.hits(page.prose())] == ["Dense breasts"]
