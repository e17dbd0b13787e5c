"""The one-page handout's parts, cut from a page's rendered HTML without a build, its QR code, and
its data file (data/handouts.yml). The printed PDFs are read back in tests/build/test_handouts.py."""

from __future__ import annotations

import datetime

import pytest
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.handout_config import load_handout_config
from mammogram_callbacks.data.project_data import Source
from mammogram_callbacks.render.handout import HandoutError, handout_parts, qr_code_data_uri

PAGE = (
    '<h1 id="biopsy">Biopsy <a class="headerlink" href="#biopsy">¶</a></h1>\n'
    '<p>A <abbr title="A small sample.">biopsy</abbr> takes a sample. About <bdi>75%</bdi> are not '
    'cancer.<sup id="fnref:src-b"><a class="footnote-ref" href="#fn:src-b">3</a></sup> See '
    '<a href="tests.html">tests</a>.</p>\n'
    '<div class="admonition abstract"><p class="admonition-title">Key points</p><ul>'
    '<li>Most are <strong>not</strong> cancer.<sup id="fnref2:src-b"><a class="footnote-ref" '
    'href="#fn:src-b">3</a></sup></li>'
    '<li>Call <a href="tel:+15035550142">(503) 555-0142</a>.<sup id="fnref:src-a"><a class="footnote-ref" '
    'href="#fn:src-a">1</a></sup></li></ul></div>\n'
    '<h2 id="after">Afterward</h2>\n<p>Not on the sheet.</p>\n'
    '<div class="admonition warning"><p class="admonition-title">Call your doctor if</p>'
    "<p>you have a fever.</p></div>\n"
    '<div class="footnote"><ol>'
    '<li id="fn:src-a"><p>Source A. 2020. <a class="pe-url" href="https://a.example/">https://a.example/</a> '
    '<a class="footnote-backref" href="#fnref:src-a">↩</a></p></li>'
    '<li id="fn:src-b"><p>Source B, <em>a study</em>. 2017. <a class="footnote-backref" '
    'href="#fnref:src-b">↩</a></p></li>'
    "</ol></div>"
)
SOURCES = {
    "a": Source("a", "Source A", "A report", "https://a.example/", 2020, datetime.date(2026, 12, 1)),
    "b": Source("b", "Source B", "A study", "https://b.example/", 2017, datetime.date(2026, 12, 1)),
}


def test_the_sheet_carries_the_title_lead_key_points_and_warnings_in_the_pages_own_words():
    parts = handout_parts(PAGE, SOURCES)
    assert parts.title == "Biopsy"
    assert parts.lead.startswith("A biopsy takes a sample.")
    assert parts.key_points_title == "Key points"
    assert [point.split("<sup")[0] for point in parts.key_points] == [
        "Most are <strong>not</strong> cancer.",
        "Call (503) 555-0142.",
    ]
    assert len(parts.warnings) == 1 and "you have a fever." in parts.warnings[0]
    assert "Not on the sheet" not in parts.lead + "".join(parts.key_points)


def test_on_paper_links_and_glossary_terms_become_their_text():
    parts = handout_parts(PAGE, SOURCES)
    shown = parts.lead + "".join(parts.key_points)
    assert "<a " not in shown and "<abbr" not in shown
    assert "See tests." in parts.lead


def test_note_numbers_restart_at_one_and_each_source_is_listed_once():
    parts = handout_parts(PAGE, SOURCES)
    # Source B is the page's note 3 but the sheet's first; it is cited twice and listed once.
    assert parts.lead.endswith('cancer.<sup class="pe-note">1</sup> See tests.')
    assert parts.key_points[0].endswith('<sup class="pe-note">1</sup>')
    assert parts.key_points[1].endswith('<sup class="pe-note">2</sup>')
    # The sources are the data's (data/statistics.yml), not the page's notes read back.
    assert parts.sources == [SOURCES["b"], SOURCES["a"]]


def test_key_points_can_be_a_sections_list():
    page = PAGE.replace(
        '<h2 id="after">Afterward</h2>\n<p>Not on the sheet.</p>',
        '<h2 id="first">First</h2><ul><li>One</li><li>Two</li></ul>',
    )
    parts = handout_parts(page, SOURCES, "section:first")
    assert parts.key_points_title == "First"
    assert parts.key_points == ["One", "Two"]


@pytest.mark.parametrize(
    ("page", "where", "message"),
    [
        ("<p>No title</p>", "box", "no title"),
        ("<h1>T</h1><div>x</div>", "box", "no paragraph after its title"),
        ("<h1>T</h1><p>Lead</p>", "box", 'no "Key points" box'),
        ('<h1>T</h1><p>Lead</p><div class="admonition abstract"><p>x</p></div>', "box", "has no list"),
        ("<h1>T</h1><p>Lead</p>", "section:first", "no heading with the id 'first'"),
        (
            '<h1>T</h1><p>Lead</p><h2 id="first">F</h2><p>x</p><h2 id="b">B</h2><ul><li>x</li></ul>',
            "section:first",
            "no list before the next heading",
        ),
        ("<h1>T</h1><p>Lead</p>", "the box", "expected 'box' or 'section:<heading id>'"),
        (
            '<h1>T</h1><p>Lead<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup></p>'
            '<div class="admonition abstract"><ul><li>x</li></ul></div>',
            "box",
            "note #fn:x stands for no source of data/statistics.yml",
        ),
    ],
)
def test_a_page_without_what_its_sheet_needs_is_refused_with_the_reason(page, where, message):
    with pytest.raises(HandoutError, match=message.replace("(", r"\(").replace(")", r"\)")):
        handout_parts(page, SOURCES, where)


def test_the_qr_code_is_an_svg_with_its_quiet_zone():
    from urllib.parse import unquote

    import segno

    address = "https://mammogram-callbacks.example.org/es/callback.html"
    svg = unquote(qr_code_data_uri(address).removeprefix("data:image/svg+xml;charset=utf-8,"))
    # The symbol plus a 4-module quiet zone on each side, at 4 units a module.
    modules = segno.make(address, error="m", micro=False).symbol_size(scale=1, border=0)[0]
    assert f"width='{(modules + 8) * 4}'" in svg and svg.startswith("<svg")


def test_the_data_file_names_its_line_for_each_fault(tmp_path):
    (tmp_path / "handouts.yml").write_text(
        "paper: [letter, legal]\npages:\n  callback.md: box\n  nowhere.md: box\n"
        "  tests.md: beside\nextra: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        load_handout_config(tmp_path, tmp_path, ["callback.md", "tests.md"])
    messages = [f"{finding.line}: {finding.message}" for finding in raised.value.findings]
    assert messages == [
        "6: extra: unknown field; the fields are paper and pages",
        "1: paper: ['letter', 'legal']; expected a list from letter, a4",
        "4: nowhere.md: no such page in the source language's folder",
        "5: tests.md: 'beside'; expected box or section:<heading id>",
    ]


def test_without_a_data_file_no_page_has_a_handout(tmp_path):
    config = load_handout_config(tmp_path, tmp_path, ["callback.md"])
    assert config.pages == {} and config.paper == ("letter",)
