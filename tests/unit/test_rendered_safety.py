"""The rendered-HTML check (checks/rendered_html.py), through the site's real Markdown chain.

Every extension mkdocs.yml enables gets a vector that makes active content with it; each is caught
at the line of the source that holds it. The source check and the post-build CSP audit stay as
defence in depth: what they flag, this check flags too. A property test feeds generated Markdown
through the same chain.
"""

from __future__ import annotations

import functools

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.checks.rendered_html import check_rendered_html, safe_url
from mammogram_callbacks.checks.safety import check_safety
from mammogram_callbacks.markdown.page import parse_page
from mammogram_callbacks.project import Project
from mammogram_callbacks.publish.csp_audit import blocked_inline_code
from mammogram_callbacks.render.icon_array import icon_array_context
from mammogram_callbacks.render.page_content import template_macros
from mkdocs.config import load_config

from tests.support.paths import REPO, SITES


@functools.cache
def _extensions() -> tuple[list, dict]:
    config = load_config(str(REPO / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def render(source: str) -> str:
    extensions, configs = _extensions()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)


def findings(source: str) -> list[str]:
    return [f"{f.line}: {f.message}" for f in check_rendered_html(render(source), source, "p.md")]


PAGE_START = "---\ntitle: T\n---\n\n# T {#t}\n\n"  # lines 1-6: the vector is on line 7 and after

# extension -> (Markdown with active content, the line it is on, what the finding says)
VECTORS = {
    "attr_list on a paragraph": ('Text.\n{ onclick="alert(1)" }', 8, "event handler onclick= on <p>"),
    "attr_list on a heading": ('## Head { onmouseover="alert(1)" }', 7, "event handler onmouseover= on <h2>"),
    "attr_list on a link": ('[a](b.md){ onfocus="x" }', 7, "event handler onfocus= on <a>"),
    "attr_list style": ('Text.\n{ style="color:red" }', 8, "style= on <p>"),
    "attr_list href": ('[a](b.md){ href="javascript:alert(1)" }', 7, "href='javascript:alert(1)' on <a>"),
    "inline link": ("[a](javascript:alert(1))", 7, "href='javascript:alert(1)' on <a>"),
    "entity-encoded link": (
        "[a](&#106;avascript:alert(1))",
        7,
        "on <a> is a link of a kind that can run code",
    ),
    "tab in the scheme": ("[a](java\tscript:alert(1))", 7, "on <a> is a link of a kind that can run code"),
    "reference definition": (
        "See [a][r].\n\n[r]: javascript:alert(1)",
        9,
        "href='javascript:alert(1)' on <a>",
    ),
    "image from another site": ("![x](https://tracker.example/p.png)", 7, "is an image from another site"),
    "protocol-relative image": ("![x](//tracker.example/p.png)", 7, "is an image from another site"),
    "data: image": ("![x](data:image/svg+xml,<svg onload=alert(1)>)", 7, "is an image from another site"),
    "raw HTML block": ('<div onclick="alert(1)">x</div>', 7, "event handler onclick= on <div>"),
    "raw inline HTML": ("Text <img src=x onerror=alert(1)>.", 7, "event handler onerror= on <img>"),
    "script": ("<script>alert(1)</script>", 7, "<script> is not allowed"),
    "iframe": ('<iframe src="https://x.example"></iframe>', 7, "<iframe> is not allowed"),
    "svg script link": ('<svg><a xlink:href="javascript:1">x</a></svg>', 7, "<svg a> is not allowed"),
    "math": ("<math><mi>x</mi></math>", 7, "<math math> is not allowed"),
    "noscript": ('<noscript><img src=x onerror="alert(1)"></noscript>', 7, "event handler onerror= on <img>"),
    "admonition body": ('!!! note "N"\n    Body <b onclick="x">b</b>.', 8, "event handler onclick= on <b>"),
    "admonition title": ('!!! note "N <i onclick=x>i</i>"\n    Body.', 7, "event handler onclick= on <i>"),
    "def_list": ('Term\n:   Definition <span onclick="x">s</span>.', 8, "event handler onclick= on <span>"),
    "footnotes": ("Text.[^n]\n\n[^n]: A note [a](javascript:alert(1)).", 9, "on <a> is a link of a kind"),
    "tables": ("| a | b |\n|---|---|\n| <u onclick=x>u</u> | b |", 9, "event handler onclick= on <u>"),
    "toc heading": ("## Head <em onclick=x>e</em> {#h}", 7, "event handler onclick= on <em>"),
    "superfences in a list": ("- item\n\n    <form action=x></form>", 9, "<form> is not allowed"),
    "smartsymbols around HTML": ("(c) <object data=x></object>", 7, "<object> is not allowed"),
    "autolink form": ("<javascript:alert(1)>", 7, "is not allowed"),
}


@pytest.mark.parametrize("name", VECTORS)
def test_each_way_markdown_makes_active_content_is_caught_at_its_source_line(name):
    body, line, message = VECTORS[name]
    found = findings(PAGE_START + body)
    assert any(f.startswith(f"{line}: ") and message in f for f in found), found


def test_code_is_text_and_harmless_markup_passes():
    source = PAGE_START + (
        "Use `<script>` in code.\n\n```html\n<script>alert(1)</script>\n```\n\n"
        "A [link](callback.md#how-common), [a site](https://www.cancer.gov/), "
        "[mail](mailto:a@b.example), [call](tel:+18005551212), ![a picture](images/x.png).\n\n"
        'H~2~O <sup>2</sup> <abbr title="x">X</abbr> <bdi dir="rtl">x</bdi>.\n\n'
        '!!! warning "Call"\n    Text.[^n]\n\n[^n]: A note.\n\n'
        # abbr puts its definition in a title attribute, escaped: markup there stays text.
        'The HTML spec.\n\n*[HTML]: Hyper <b onclick="x">Text</b>\n'
    )
    assert findings(source) == []


def test_every_page_of_the_real_site_renders_clean():
    for page in sorted((REPO / "docs").rglob("*.md")):
        source = page.read_text(encoding="utf-8")
        assert check_rendered_html(render(source), source, str(page)) == [], page


@pytest.mark.parametrize("fault", ["event-handler", "script-tag", "javascript-link"])
def test_what_the_source_check_flags_the_rendered_check_flags_too(fault):
    for page in (SITES / "faults" / fault / "docs").rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        by_source = check_safety(parse_page(source, "p.md"))
        assert by_source, page
        by_render = check_rendered_html(render(source), source, "p.md")
        assert {f.line for f in by_source} <= {f.line for f in by_render}, (by_source, by_render)


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        "<style>p{}</style>",
        '<p style="color:red">x</p>',
        '<a href="#" onclick="x">a</a>',
        '<a href="javascript:alert(1)">a</a>',
    ],
)
def test_what_the_csp_audit_flags_the_rendered_check_flags_too(html):
    assert blocked_inline_code(html, "p.html", skip_plain_tags=False)
    assert check_rendered_html(html, "", "p.md")


def test_urls_as_a_browser_reads_them():
    for safe in ("callback.md", "#top", "../es/", "https://x.example", "MAILTO:a@b.example", "tel:988"):
        assert safe_url(safe), safe
    for unsafe in (
        "javascript:x",
        " JavaScript:x",
        "java\nscript:x",
        "vbscript:x",
        "data:text/html,x",
        "file:///x",
    ):
        assert not safe_url(unsafe), unsafe
    assert safe_url("images/a.png", image=True)
    for remote in ("https://x.example/a.png", "//x.example/a.png", "\\\\x.example\\a.png"):
        assert not safe_url(remote, image=True), remote


# ---- Generated Markdown through the real chain ---------------------------------------------------

HARMLESS = st.sampled_from(
    [
        "A plain sentence.",
        "**Bold** and *soft* words.",
        "[A page](callback.md)",
        "[A site](https://www.cancer.gov/)",
        "![A picture](images/a.png)",
        "- one\n- two",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        '!!! note "A note"\n    Inside.',
        "Term\n:   Meaning.",
        "`<script>` in code",
        "```\n<script>alert(1)</script>\n```",
        "Text.\n{ .pe-url }",
        "## A heading {#a-heading}",
    ]
)
ACTIVE = st.sampled_from(
    [
        'Text.\n{ onclick="alert(1)" }',
        "[x](javascript:alert(1))",
        "See [r].\n\n[r]: javascript:alert(1)",
        "![x](https://tracker.example/p.png)",
        "<img src=x onerror=alert(1)>",
        '<div onmouseover="x">d</div>',
        "<script>alert(1)</script>",
        '- item <b onclick="x">b</b>',
        '!!! note "N"\n    <i onclick=x>i</i>',
        '[x](y.md){ onfocus="x" }',
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(HARMLESS, max_size=5), st.lists(ACTIVE, max_size=2), st.randoms(use_true_random=False))
def test_generated_pages_are_flagged_exactly_when_they_hold_active_content(harmless, active, random):
    blocks = harmless + active
    random.shuffle(blocks)
    source = PAGE_START + "\n\n".join(blocks) + "\n"
    found = check_rendered_html(render(source), source, "p.md")
    lines = source.count("\n") + 1
    assert all(1 <= f.line <= lines for f in found)
    if active:
        assert found, source
    else:
        assert found == [], (source, found)


def test_the_generated_blocks_escape_what_they_print():
    context = icon_array_context(Project(REPO).data, "en")
    context["title"] = "<script>alert(1)</script>"
    html = template_macros(REPO / "overrides")("hooks/icon-array.html").icon_array(context)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
