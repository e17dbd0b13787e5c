"""Accessibility in the built site: every page says its language and direction and keeps the natural
tab order. The browser audits are in tests/browser/test_accessibility.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.support.project import LANGUAGES

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


class _Root(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html: dict = {}
        self.body: dict = {}
        self.positive_tabindex: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        elif tag == "body":
            self.body = attrs
        if re.fullmatch(r"[1-9]\d*", attrs.get("tabindex") or ""):
            self.positive_tabindex.append(tag)


def test_every_page_says_its_language_and_direction_and_keeps_the_natural_tab_order(real_site, site_pages):
    assert {page.language for page in site_pages} == set(LANGUAGES)
    for page in site_pages:
        parser = _Root()
        parser.feed(real_site.html(page.path))
        direction = "rtl" if page.language in RIGHT_TO_LEFT else "ltr"
        assert parser.html.get("lang") == page.language, page.path
        assert parser.html.get("dir") == direction, page.path
        # Material also writes dir on <body>; embed pages are not Material's and need it on <html> only.
        assert parser.body.get("dir") == (None if page.kind == "embed" else direction), page.path
        assert parser.positive_tabindex == [], f"{page.path}: a positive tabindex reorders the keyboard path"
