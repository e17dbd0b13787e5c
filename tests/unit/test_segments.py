"""The segment model: every translatable unit of a page, with a stable id and its line, and the
pairing of a translation's segments with its source's."""

from __future__ import annotations

from mammogram_callbacks.markdown.alignment import align
from mammogram_callbacks.markdown.page import parse_page
from mammogram_callbacks.markdown.segments import page_segments, text_version

PAGE = """---
title: A page
description: What it is about.
---
# A page {#top}

First paragraph,
on two lines.

<!-- pe:icon-array -->

- one item
- two item
  continued
1. an ordered item

| Test | What it shows |
|---|---|
| Biopsy | A sample. |
| MRI | A picture. |

!!! warning "Call your doctor if"
    - you find a lump,
    - fluid comes out.

    A change needs a visit.

![A woman at a machine](img/m.png)

Callback
:   A request to come back.

```
not a segment
```

*[BI-RADS]: Breast Imaging Reporting and Data System
"""


def segments_of(text: str, path: str = "docs/en/x.md"):
    return page_segments(parse_page(text, path), text)


def test_every_kind_of_segment_has_an_id_a_kind_and_its_line():
    found = [(s.id, s.kind, s.line, s.container) for s in segments_of(PAGE)]
    assert found == [
        ("title", "title", 2, ""),
        ("description", "description", 3, ""),
        ("top/h", "heading", 5, ""),
        ("top/p1", "paragraph", 7, ""),
        ("top/li1", "item", 12, ""),
        ("top/li2", "item", 13, ""),
        ("top/li3", "item", 15, ""),
        ("top/table1.r1.cell1", "cell", 17, "table"),
        ("top/table1.r1.cell2", "cell", 17, "table"),
        ("top/table1.r2.cell1", "cell", 19, "table"),
        ("top/table1.r2.cell2", "cell", 19, "table"),
        ("top/table1.r3.cell1", "cell", 20, "table"),
        ("top/table1.r3.cell2", "cell", 20, "table"),
        ("top/warning1.title1", "admonition-title", 22, "warning"),
        ("top/warning1.li1", "item", 23, "warning"),
        ("top/warning1.li2", "item", 24, "warning"),
        ("top/warning1.p1", "paragraph", 26, "warning"),
        ("top/p2", "paragraph", 28, ""),
        ("top/img1", "alt", 28, ""),
        ("top/dt1", "term", 30, ""),
        ("top/dd1", "definition", 31, ""),
    ]


def test_a_segment_keeps_its_text_markers_and_plain_text():
    text = PAGE.replace("First paragraph,", "About [[stat:callbacks]] of [[clinic:name]]'s patients,")
    first = next(s for s in segments_of(text) if s.id == "top/p1")
    assert first.text == "About [[stat:callbacks]] of [[clinic:name]]'s patients, on two lines."
    assert [(e.kind, e.value) for e in first.markers()] == [("stat", "callbacks"), ("clinic", "name")]
    assert "[[" not in first.prose
    assert first.version == text_version(
        "About [[stat:callbacks]]  of [[clinic:name]]'s patients,\non two lines."
    )


def test_inserting_a_paragraph_leaves_other_sections_ids_alone():
    page = "# A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n\nThree.\n"
    inserted = page.replace("One.\n", "Zero.\n\nOne.\n")
    before = {s.id: s.version for s in segments_of(page) if s.section == "b"}
    after = {s.id: s.version for s in segments_of(inserted) if s.section == "b"}
    assert before == after


def test_records_pair_by_content_so_an_inserted_english_paragraph_is_the_only_new_one():
    old_en = "# A {#a}\n\nOne.\n\nTwo.\n\nThree.\n"
    new_en = "# A {#a}\n\nOne.\n\nA new safety sentence.\n\nTwo.\n\nThree.\n"
    es = "# A {#a}\n\nUno.\n\nDos.\n\nTres.\n"
    old, new, translated = segments_of(old_en), segments_of(new_en), segments_of(es, "docs/es/x.md")
    # What the translation was made from: each Spanish segment's English, by position then.
    recorded = {t.id: s.version for s, t in zip(old, translated, strict=True)}
    alignment = align(new, translated, recorded)
    pairs = [
        (p.source.text if p.source else None, p.translation.text if p.translation else None)
        for p in alignment.pairs
    ]
    assert pairs == [
        ("A", "A"),
        ("One.", "Uno."),
        ("A new safety sentence.", None),
        ("Two.", "Dos."),
        ("Three.", "Tres."),
    ]
    # Without records, pairing by shape can only guess (and says where it stopped pairing).
    guessed = align(new, translated)
    assert [p.translation.text if p.translation else None for p in guessed.pairs][-1] is None


def test_a_section_the_source_does_not_have_is_where_alignment_breaks():
    en = "# A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    es = "# A {#a}\n\nUno.\n\n## C {#c}\n\nDos.\n"
    alignment = align(segments_of(en), segments_of(es, "docs/es/x.md"))
    assert alignment.breaks == [(5, "the section '#c' is not in the source")]
    assert alignment.aligned_share == 0.5
