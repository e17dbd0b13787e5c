"""Embed pages and the script clinics paste, without a build: the embed addresses, the content made for
a frame, the embed pages' own policy, who may frame them and the snippets."""

from __future__ import annotations

from mammogram_callbacks.render.embed import (
    content_security_policy,
    embed_content,
    embed_url,
    relocate,
    snippet_templates,
)

# ---- Addresses and content ----------------------------------------------------------------------


def test_embed_addresses_are_stable_per_language_and_page():
    assert embed_url("callback.html", "en", "en") == "embed/en/callback.html"
    assert embed_url("index.html", "en", "en") == "embed/en/index.html"
    assert embed_url("es/callback.html", "es", "en") == "embed/es/callback.html"
    assert embed_url("ar/guides/x.html", "ar", "en") == "embed/ar/guides/x.html"


def test_relative_links_still_reach_the_full_site_from_the_embed_address():
    assert (
        relocate("tests.html#biopsy", "es/callback.html", "embed/es/callback.html")
        == "../../es/tests.html#biopsy"
    )
    assert relocate("../callback.html", "es/callback.html", "embed/es/callback.html") == "../../callback.html"
    assert relocate("tests.html", "callback.html", "embed/en/callback.html") == "../../tests.html"
    for unchanged in ("#fn:1", "https://example.org/a", "tel:+18002272345", "//cdn.example/x"):
        assert relocate(unchanged, "es/callback.html", "embed/es/callback.html") == unchanged


def test_embed_content_opens_other_pages_in_a_new_tab_and_makes_terms_focusable():
    content = (
        '<p><a href="tests.html#biopsy">biopsy</a> <a href="https://www.cancer.gov/">NCI</a> '
        '<a href="tel:+18004226237">1-800-422-6237</a> <sup id="fnref:a"><a class="footnote-ref" '
        'href="#fn:a">1</a></sup> <abbr title="A small sample.">biopsy</abbr> <abbr>US</abbr> '
        '<img alt="x" src="../assets/x.png" /></p>'
    )
    assert embed_content(content, "es/callback.html", "embed/es/callback.html") == (
        '<p><a href="../../es/tests.html#biopsy" target="_blank" rel="noopener">biopsy</a> '
        '<a href="https://www.cancer.gov/" target="_blank" rel="noopener noreferrer">NCI</a> '
        '<a href="tel:+18004226237">1-800-422-6237</a> <sup id="fnref:a"><a class="footnote-ref" '
        'href="#fn:a">1</a></sup> <abbr title="A small sample." tabindex="0">biopsy</abbr> <abbr>US</abbr> '
        '<img alt="x" src="../../assets/x.png" /></p>'
    )


def test_the_embed_pages_own_policy_allows_nothing_inline_or_foreign():
    assert content_security_policy() == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


def test_who_may_frame_the_embeds():
    from mammogram_callbacks.publish.headers import embed_framers

    assert embed_framers(("*",), None) == ("*",)  # the public site (data/publish.yml)
    assert embed_framers((), None) == ("'self'",)  # the live preview of "Embed these pages"
    assert embed_framers(("https://a.example",), None) == ("'self'", "https://a.example")
    # A clinic's branded build: its profile's origins, whatever data/publish.yml says.
    assert embed_framers(("*",), ("https://a.example", "http://127.0.0.1:9")) == (
        "'self'",
        "https://a.example",
        "http://127.0.0.1:9",
    )


def test_the_snippets_name_a_page_and_a_language_only():
    script, frame = snippet_templates("https://site.example", 'Callbacks "&" more')
    assert script == (
        '<script src="https://site.example/assets/javascripts/embed.js" data-page="{page}" '
        'data-lang="{lang}" async></script>'
    )
    assert frame == (
        '<iframe src="https://site.example/embed/{lang}/{page}.html" title="Callbacks &quot;&amp;&quot; '
        'more" width="100%" height="1200" frameborder="0" loading="lazy"></iframe>'
    )
