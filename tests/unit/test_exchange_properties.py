"""Property tests: for generated pages of every construct the exchange meets (headings with ids,
paragraphs over lines, lists, tables, boxes with titles, items and paragraphs, definition lists,
footnotes, every marker kind, links, code and bold markup), an untouched export and import
changes no byte, and an import of new translations writes exactly them, segment by segment."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.exchange import importer, po
from mammogram_callbacks.exchange.units import page_units
from mammogram_callbacks.markdown.front_matter_edit import set_source_blob
from mammogram_callbacks.markdown.page import parse_page
from mammogram_callbacks.markdown.segments import page_segments
from mammogram_callbacks.project import Project

from tests.support.paths import SITES

WORDS = st.sampled_from(
    ["callback", "tissue", "común", "radiólogo", "pruebas", "dense", "cyst", "señal", "ثدي", "乳房"]
)
INLINE = st.sampled_from(
    [
        "[[stat:callbacks_per_1000_screens]]",
        "[[stat:cancers_per_1000_screens]]",
        "[[clinic:name]]",
        "[[cite:bcsc]]",
        "[the start](index.md)",
        "**bold words**",
        "`code`",
        "[^1]",
    ]
)


@st.composite
def sentence(draw) -> str:
    parts = draw(st.lists(st.one_of(WORDS, INLINE), min_size=1, max_size=7))
    return " ".join(parts) + "."


@st.composite
def block(draw, number: int) -> str:
    kind = draw(st.sampled_from(["paragraph", "list", "table", "box", "definition", "footnote"]))
    if kind == "paragraph":
        lines = draw(st.lists(sentence(), min_size=1, max_size=3))
        return "\n".join(lines)
    if kind == "list":
        return "\n".join(f"- {s}" for s in draw(st.lists(sentence(), min_size=1, max_size=4)))
    if kind == "table":
        columns = draw(st.integers(1, 3))
        rows = draw(st.lists(st.lists(WORDS, min_size=columns, max_size=columns), min_size=1, max_size=3))
        header = "| " + " | ".join(f"H{c}" for c in range(columns)) + " |"
        return "\n".join([header, "|" + "---|" * columns, *("| " + " | ".join(r) + " |" for r in rows)])
    if kind == "box":
        kind_name = draw(st.sampled_from(["tip", "warning", "note"]))
        items = draw(st.lists(sentence(), min_size=1, max_size=3))
        body = "\n".join(f"    - {s}" for s in items) + "\n\n    " + draw(sentence())
        return f'!!! {kind_name} "{draw(WORDS)} {number}"\n{body}'
    if kind == "definition":
        return f"{draw(WORDS)} {number}\n:   {draw(sentence())}"
    return f"[^1]: {draw(sentence())}"


@st.composite
def page(draw) -> str:
    sections = []
    for number in range(draw(st.integers(1, 3))):
        blocks = [draw(block(number * 10 + i)) for i in range(draw(st.integers(1, 4)))]
        sections.append(f"## {draw(WORDS)} {number} {{#part-{number}}}\n\n" + "\n\n".join(blocks))
    return (
        "---\ntitle: Generated\ndescription: A generated page.\nreview:\n  reviewed_by: Fixture team\n"
        "  last_reviewed: 2026-01-01\n  next_review: 2099-01-01\n---\n# Generated {#generated}\n\n"
        + "\n\n".join(sections)
        + "\n"
    )


def translate_words(text: str, tag: str) -> str:
    """A stand-in translation that keeps every placeholder: each plain word gets a tag."""
    out = []
    for word in text.split(" "):
        plain = word.isalpha() and word not in ("bold", "words", "code", "the", "start")
        out.append(f"{tag}{word}" if plain else word)
    return " ".join(out)


def site_with(tmp_path_factory, english: str):
    root = tmp_path_factory.mktemp("exchange")
    shutil.rmtree(root)
    shutil.copytree(SITES / "base", root)
    (root / "docs/en/gen.md").write_text(english, encoding="utf-8")
    project = Project(root)
    source = project.segments(root / "docs/en/gen.md")
    # The Spanish page: the English one with every segment translated in place.
    lines_text = english
    replacements = [(s, translate_words(s.text, "es-")) for s in source if s.kind != "alt"]
    from mammogram_callbacks.exchange.page_writer import (
        front_matter_and_body,
        replace_segments,
        translation_front_matter,
    )

    translated = replace_segments(lines_text, replacements)
    front, body = front_matter_and_body(translated)
    spanish = translation_front_matter(front, blob_id(english.encode("utf-8"))) + body
    (root / "docs/es/gen.md").write_text(
        set_source_blob(spanish, blob_id(english.encode("utf-8"))), encoding="utf-8"
    )
    (root / "docs/ar/gen.md").unlink(missing_ok=True)
    return root


def exported_units(root):
    project = Project(root)
    units = page_units(project, "es", "gen.md")
    content = po.units_to_po(units, "gen.md", "es", "Spanish")
    return po.read_po(content, "gen.po")[2]


def translated_units(root):
    """Every exported unit of the site at `root`, translated word by word ("fr-" before each)."""
    return [
        po.ImportedUnit(
            u.page, u.language, u.segment_id, u.source, translate_words(u.source, "fr-"), False, u.where
        )
        for u in exported_units(root)
    ]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(english=page())
def test_an_untouched_round_trip_changes_no_byte(tmp_path_factory, english):
    root = site_with(tmp_path_factory, english)
    before = (root / "docs/es/gen.md").read_bytes()
    result = importer.import_units(Project(root), exported_units(root))
    assert result.changed == []
    assert (root / "docs/es/gen.md").read_bytes() == before


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(english=page())
def test_imported_translations_are_written_exactly_segment_by_segment(tmp_path_factory, english):
    root = site_with(tmp_path_factory, english)
    units = translated_units(root)
    importer.import_units(Project(root), units)
    text = (root / "docs/es/gen.md").read_text(encoding="utf-8")
    written = {
        s.id: s.text for s in page_segments(parse_page(text, "docs/es/gen.md"), text) if s.kind != "alt"
    }
    english_segments = [s for s in Project(root).segments(root / "docs/en/gen.md") if s.kind != "alt"]
    assert [written.get(s.id) for s in english_segments] == [
        translate_words(s.text, "fr-") for s in english_segments
    ]
    status = Project(root).segment_pairs("es", "gen.md")[1]
    assert {s.state for s in status.states} == {"current"}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(english=page())
def test_a_page_started_from_units_alone_is_the_english_skeleton_with_the_translations(
    tmp_path_factory, english
):
    root = site_with(tmp_path_factory, english)
    (root / "docs/es/gen.md").unlink()
    units = translated_units(root)
    importer.import_units(Project(root), units)
    text = (root / "docs/es/gen.md").read_text(encoding="utf-8")
    english_body = english.split("\n---\n", 1)[1]
    segments = page_segments(parse_page(text, "docs/es/gen.md"), text)
    english_segments = [s for s in Project(root).segments(root / "docs/en/gen.md") if s.kind != "alt"]
    assert [s.text for s in segments if s.kind != "alt"] == [
        translate_words(s.text, "fr-") for s in english_segments
    ]
    assert english_body.count("\n\n") == text.split("\n---\n", 1)[1].count("\n\n")
    assert {s.state for s in Project(root).segment_pairs("es", "gen.md")[1].states} == {"current"}
