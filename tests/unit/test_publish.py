"""Publishing, the plain modules: the inline-code audit, the headers file, data/publish.yml and
data/redirects.yml, absolute language alternates and the sitemaps' x-default."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.publish_config import load_publish_config
from mammogram_callbacks.publish.alternates import absolute_alternates
from mammogram_callbacks.publish.csp_audit import audit_built_pages, blocked_inline_code
from mammogram_callbacks.publish.headers import (
    MAX_LINE,
    MAX_RULES,
    PERMISSIONS_POLICY,
    HeaderRule,
    OverlappingRules,
    header_rules,
    headers_for_file,
    headers_for_path,
    host_limit_problems,
    parse_headers_file,
    render_headers_file,
)
from mammogram_callbacks.publish.site_files import BuiltSite, security_txt
from mammogram_callbacks.publish.sitemap import add_x_default, read_sitemap, sitemap_entries, write_sitemap

# ---- Unit tests: the plain modules ----------------------------------------------------------------


def test_csp_audit_reports_each_kind_of_inline_code_with_its_line():
    html = (
        '<html><head>\n<script>alert(1)</script>\n<script id="c" type="application/json">{"a": 1}</script>\n'
        '<script src="x.js"></script>\n<style>p{}</style>\n</head>\n<body style="color:red">\n'
        '<a href="JavaScript:go()" onclick="go()">x</a>\n</body></html>'
    )
    assert blocked_inline_code(html, "p.html") == blocked_inline_code(html, "p.html", skip_plain_tags=False)
    assert [str(f) for f in blocked_inline_code(html, "p.html")] == [
        "p.html:2: an inline <script>: move it into a file under overrides/assets/javascripts/ "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:5: an inline <style> element: move it into overrides/assets/stylesheets/pe.css "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:7: a style= attribute on <body>: use a class styled in pe.css "
        "(the Content-Security-Policy blocks inline code)",
        "p.html:8: a javascript: URL in href= on <a> (the Content-Security-Policy blocks inline code)",
        "p.html:8: an event handler attribute onclick= on <a> "
        "(the Content-Security-Policy blocks inline code)",
    ]


def test_csp_audit_of_built_pages_remembers_clean_pages_and_reports_faulty_ones_every_time(tmp_path):
    site, cache = tmp_path / "site", tmp_path / ".cache" / "csp-audit.json"
    site.mkdir()
    (site / "clean.html").write_text('<p><script src="a.js"></script></p>', encoding="utf-8")
    (site / "faulty.html").write_text("<p>\n<script>alert(1)</script></p>", encoding="utf-8")
    pages = ["clean.html", "faulty.html"]
    expected = [
        f"{site / 'faulty.html'}:2: an inline <script>: move it into a file under "
        "overrides/assets/javascripts/ (the Content-Security-Policy blocks inline code)"
    ]
    assert [str(f) for f in audit_built_pages(site, pages, cache)] == expected
    assert len(json.loads(cache.read_text(encoding="utf-8"))) == 1  # the clean page only
    assert [str(f) for f in audit_built_pages(site, pages, cache)] == expected  # reported again

    # A page remembered as clean is not read again: its text is its key, so any change reads it.
    (site / "clean.html").write_text('<p><script src="a.js"></script><p style="x">', encoding="utf-8")
    assert len(audit_built_pages(site, pages, cache)) == 2
    assert len(audit_built_pages(site, pages, None)) == 2  # without a cache, the same findings


# Pieces of HTML that do and do not give findings, in any order: the audit's shortcut (tags whose
# text cannot hold inline code are not read) must find exactly what reading every tag finds.
_HTML_PIECES = [
    "<p>",
    "</p>",
    "<script>",
    "</script>",
    '<script src="a.js">',
    '<script type="module">',
    "<SCRIPT>",
    "<script/x>",
    "<style>",
    "</style>",
    "<styles>",
    '<a href="javascript:x()">',
    '<a href="&#106;avascript:x()">',
    '<a HREF="JavaScript:x">',
    '<p style="a">',
    "<p style>",
    "<p STYLE=a>",
    '<p class="onward">',
    '<p title="one" onclick="x()">',
    "<p/onload=x>",
    '<a title="x>"onclick=y>',
    "<!-- <script> -->",
    "<![CDATA[<style>]]>",
    "<?x <style> ?>",
    "text",
    "on",
    "style=",
    "\n",
    "&amp;",
    "<",
    ">",
    '"',
    "'",
    "<br/>",
    '<img src=x onerror="y">',
    '<svg><a xlink:href="javascript:z">',
    "<textarea><script></textarea>",
    "<title><b></title>",
]


@given(st.lists(st.sampled_from(_HTML_PIECES), max_size=30))
@settings(max_examples=400, deadline=None)
def test_csp_audit_shortcut_finds_what_reading_every_tag_finds(pieces):
    html = "".join(pieces)
    assert blocked_inline_code(html, "p.html") == blocked_inline_code(html, "p.html", skip_plain_tags=False)


FILES = [
    "index.html",
    "404.html",
    "callback/index.html",
    "es/index.html",
    "es/callback.html",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/pe-md-base.js",
    "assets/javascripts/lunr/min/lunr.es.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
    "assets/stylesheets/pe.css",
    "embed/callback.html",
    "embed/es/callback.html",
]


def test_header_rules_give_every_file_its_headers_with_no_header_set_twice():
    origins = ["https://clinic.example", "http://127.0.0.1:9000"]
    rules = header_rules(FILES, lambda path: headers_for_file(path, origins))
    for path in FILES:
        assert headers_for_path(rules, f"/{path}") == headers_for_file(path, origins), path
    assert headers_for_path(rules, "/") == headers_for_file("index.html", origins)
    # A folder whose files agree gets one rule; the file format reads back to the same rules.
    assert [r.pattern for r in rules if r.pattern.startswith("/embed/")] == ["/embed/*"]
    assert parse_headers_file(render_headers_file(rules)) == rules
    embed = headers_for_file("embed/es/callback.html", origins)
    assert embed["Content-Security-Policy"].endswith(
        "frame-ancestors https://clinic.example http://127.0.0.1:9000"
    )
    assert "X-Frame-Options" not in embed
    page = headers_for_file("es/callback.html", origins)
    assert (
        page["Content-Security-Policy"].endswith("frame-ancestors 'none'")
        and page["X-Frame-Options"] == "DENY"
    )
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert (
        headers_for_file("assets/javascripts/bundle.a5f9d56c.min.js")["Cache-Control"]
        == "public, max-age=31536000, immutable"
    )
    assert headers_for_file("assets/stylesheets/pe.css")["Cache-Control"] == "public, max-age=300"


def test_header_rules_under_a_path_prefix_and_overlap_detection():
    rules = header_rules(FILES, headers_for_file, url_prefix="/site/")
    assert rules[0].pattern == "/site/*"
    assert headers_for_path(rules, "/site/es/callback.html") == headers_for_file("es/callback.html")
    overlapping = [HeaderRule("/*", {"Cache-Control": "a"}), HeaderRule("/x.html", {"Cache-Control": "b"})]
    with pytest.raises(OverlappingRules, match=r"Cache-Control is set by both /\* and /x.html"):
        headers_for_path(overlapping, "/x.html")


def publish_data(tmp_path: Path, publish: str | None = None, redirects: str | None = None):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for name, text in (("publish.yml", publish), ("redirects.yml", redirects)):
        if text is not None:
            (data / name).write_text(text, encoding="utf-8")
    return load_publish_config(data, tmp_path, ["index.md", "callback.md"])


def test_publish_data_loads_and_its_absence_means_no_framing_and_no_redirects(tmp_path):
    assert publish_data(tmp_path).embed_frame_ancestors == ()
    loaded = publish_data(
        tmp_path,
        "embed_frame_ancestors:\n  - https://www.clinic.example\n",
        "redirects:\n  - from: old/\n    to: callback.md\n",
    )
    assert loaded.embed_frame_ancestors == ("https://www.clinic.example",)
    assert [(r.old, r.new) for r in loaded.redirects] == [("old/", "callback.md")]


def test_bad_publish_data_is_reported_with_file_line_and_expected_form(tmp_path):
    with pytest.raises(DataError) as error:
        publish_data(
            tmp_path,
            "embed_frame_ancestors:\n  - https://clinic.example/embed\n  - '*'\n",
            "redirects:\n  - from: callback.html\n    to: callback.md\n"
            "  - from: old.html\n    to: nowhere.md\n  - from: /abs/\n    to: index.md\n",
        )
    assert [str(f) for f in error.value.findings] == [
        "data/publish.yml:1: embed_frame_ancestors entry 1 is 'https://clinic.example/embed'; "
        "expected an origin: "
        "https://, a host name and an optional :port, no path "
        "(e.g. https://www.example-clinic.org; http:// only for localhost or 127.0.0.1)",
        "data/publish.yml:1: embed_frame_ancestors entry 2 is '*'; expected an origin: "
        "https://, a host name and an optional :port, no path "
        "(e.g. https://www.example-clinic.org; http:// only for localhost or 127.0.0.1)",
        "data/redirects.yml:2: redirect 1: 'from' 'callback.html' is the address of a page that exists; "
        "a redirect would hide it",
        "data/redirects.yml:5: redirect 2: 'to' is 'nowhere.md'; expected a page of the source language, "
        "one of callback.md, index.md",
        "data/redirects.yml:6: redirect 3: 'from' is '/abs/'; expected an old address relative to the "
        "language's root, ending in .html or / (e.g. callback/ or old-name.html)",
    ]


def test_absolute_alternates_and_x_default_in_the_head_only():
    html = (
        '<html><head>\n<link rel="alternate" href="../callback.html" hreflang="en">\n'
        '<link rel="alternate" href="callback.html" hreflang="es">\n</head>\n<body>'
        '<a href="../callback.html" hreflang="en" class="md-select__link">English</a></body></html>'
    )
    out = absolute_alternates(html, "https://site.example/es/callback.html", "en")
    assert re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">', out) == [
        ("https://site.example/callback.html", "en"),
        ("https://site.example/callback.html", "x-default"),
        ("https://site.example/es/callback.html", "es"),
    ]
    assert '<a href="../callback.html" hreflang="en" class="md-select__link">' in out


def test_sitemap_x_default_is_the_default_languages_page(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://s.example/es/a.html</loc>'
        '<xhtml:link rel="alternate" hreflang="en" href="https://s.example/a.html"/>'
        '<xhtml:link rel="alternate" hreflang="es" href="https://s.example/es/a.html"/></url></urlset>'
    )
    tree = read_sitemap(path)
    add_x_default(tree, "en")
    add_x_default(tree, "en")  # once only
    write_sitemap(tree, path, with_gzip=True)
    assert sitemap_entries(path.read_text()) == {
        "https://s.example/es/a.html": {
            "en": "https://s.example/a.html",
            "es": "https://s.example/es/a.html",
            "x-default": "https://s.example/a.html",
        }
    }
    import gzip

    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()) == path.read_bytes()


# ---- What a careful host sends, and the files it serves -----------------------------------------


def test_powerful_features_off_and_cross_origin_isolation_except_what_clinics_load():
    page = headers_for_file("es/callback.html")
    assert page["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "browsing-topics"):
        assert f"{feature}=()" in PERMISSIONS_POLICY
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"
    assert page["Cross-Origin-Resource-Policy"] == "same-origin"
    embed = headers_for_file("embed/es/callback.html", ("https://clinic.example",))
    assert "Cross-Origin-Opener-Policy" not in embed and "X-Frame-Options" not in embed
    assert embed["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert headers_for_file("assets/javascripts/embed.js")["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert (
        headers_for_file("assets/javascripts/pe-material.js")["Cross-Origin-Resource-Policy"] == "same-origin"
    )


def test_a_headers_file_a_host_would_cut_short_is_named_at_its_line():
    rules = "\n".join(f"/page-{n}.html\n  Cache-Control: public" for n in range(MAX_RULES + 1))
    assert host_limit_problems(rules) == [
        f"_headers:{2 * MAX_RULES + 1}: rule {MAX_RULES + 1} (/page-{MAX_RULES}.html); "
        f"Cloudflare Pages reads only the first {MAX_RULES} rules "
        "and would drop this one and every one after it"
    ]
    long_line = "/*\n  Content-Security-Policy: " + "x" * MAX_LINE
    assert host_limit_problems(long_line) == [
        f"_headers:2: a line of {MAX_LINE + 27} characters; "
        f"Cloudflare Pages drops lines longer than {MAX_LINE}"
    ]
    assert host_limit_problems("/*\n  Referrer-Policy: no-referrer\n") == []


def test_security_txt_follows_rfc_9116(tmp_path):
    site = BuiltSite(tmp_path, "https://example.org/sub/", "en", ["en", "es", "ar"])
    today = datetime.date(2026, 12, 2)
    text = security_txt("mailto:security@example.org", site, today)
    fields = dict(line.split(": ", 1) for line in text.splitlines())
    assert fields == {
        "Contact": "mailto:security@example.org",
        "Expires": "2027-06-02T00:00:00Z",
        "Preferred-Languages": "en, es, ar",
        "Canonical": "https://example.org/sub/.well-known/security.txt",
    }
    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00")).date()
    assert today < expires < today + datetime.timedelta(days=365)  # the RFC: less than a year
    assert text.endswith("\n")


def test_contacts_are_mailto_or_https_and_named_at_their_line(tmp_path):
    loaded = publish_data(
        tmp_path,
        "security_contact: mailto:sec@clinic.example\naccessibility_contact: https://clinic.example/a11y\n",
    )
    assert (loaded.security_contact, loaded.accessibility_contact) == (
        "mailto:sec@clinic.example",
        "https://clinic.example/a11y",
    )
    with pytest.raises(DataError) as error:
        publish_data(
            tmp_path, "security_contact: sec@clinic.example\naccessibility_contact: javascript:alert(1)\n"
        )
    assert [str(f) for f in error.value.findings] == [
        "data/publish.yml:1: 'security_contact' is 'sec@clinic.example'; expected a mailto: address "
        "(mailto:help@example.org) or an https:// page",
        "data/publish.yml:2: 'accessibility_contact' is 'javascript:alert(1)'; expected a mailto: address "
        "(mailto:help@example.org) or an https:// page",
    ]


def test_a_clinics_logo_opened_on_its_own_may_run_and_load_nothing():
    headers = headers_for_file("assets/images/clinic-logo.svg")
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox; frame-ancestors 'none'"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "sandbox" not in headers_for_file("assets/images/favicon.svg")["Content-Security-Policy"]


def test_the_build_says_in_words_who_may_frame_the_embed_pages():
    from mammogram_callbacks.publish.headers import embed_framers, who_may_frame

    assert who_may_frame(embed_framers(("*",), None)) == "framed by any site"
    assert who_may_frame(embed_framers(("*",), ())) == (
        "framed only by the site itself (no other site: frame_origins is empty)"
    )
    assert who_may_frame(embed_framers((), ("https://www.clinic.example",))) == (
        "framed by the site itself and 1 listed origin(s): https://www.clinic.example"
    )
