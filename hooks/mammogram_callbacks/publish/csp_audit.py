"""Finds what the site's Content-Security-Policy would block in a built page.

The policy (publish.headers) allows scripts and styles from the site's own files only. An inline
`<script>`, a `<style>` element, a `style=` attribute, an `on...=` handler or a `javascript:` URL
would be blocked in the reader's browser: the page would silently lose that behaviour. The build
reports each one as file:line instead, so a Material upgrade or a new template cannot break pages
unnoticed.
"""

from __future__ import annotations

import html.parser
import re
from html.parser import HTMLParser
from pathlib import Path

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.result_cache import ResultCache

# ---- Functions ---------------------------------------------------------------------------------


def audit_built_pages(site: Path, pages: list[str], cache: Path | None) -> list[Finding]:
    """The findings of every page (paths relative to `site`), in order.

    A page found clean is remembered by its exact text in `cache` (a JSON file, core.result_cache),
    so an unchanged page is not read again in the next build; a page with findings is read, and
    reported, in every build until it is fixed.
    """
    clean = ResultCache(cache, [Path(__file__), Path(html.parser.__file__)])
    findings = []
    for path in pages:
        text = (site / path).read_text(encoding="utf-8")
        if clean.get(text):
            continue
        found = blocked_inline_code(text, str(site / path))
        if not found:
            clean.put(text, value=True)
        findings += found
    clean.save()
    return findings


def blocked_inline_code(html: str, display_path: str, *, skip_plain_tags: bool = True) -> list[Finding]:
    """Every piece of inline code in `html` that the policy would block, with its line.

    `skip_plain_tags=False` reads every tag's attributes (slower, same findings; for the tests).
    """
    parser = _InlineCodeFinder(display_path, skip_plain_tags)
    parser.feed(html)
    parser.close()
    return parser.findings


# ---- Helper classes ----------------------------------------------------------------------------


class _InlineCodeFinder(HTMLParser):
    def __init__(self, display_path: str, skip_plain_tags: bool = True):
        super().__init__(convert_charrefs=True)
        self.display_path = display_path
        self.skip_plain_tags = skip_plain_tags
        self.findings: list[Finding] = []

    def parse_starttag(self, i: int) -> int:
        # Reading attributes is most of the audit's time (a build has ~30,000 tags), and almost
        # no tag can matter: skip those whose text cannot hold a finding. HTMLParser still finds
        # where every tag ends, so what follows is tokenised exactly as before.
        if self.skip_plain_tags:
            end = self.check_for_whole_start_tag(i)
            if (
                end >= 0
                and not _CODE_ELEMENT.match(self.rawdata, i)
                and not _MAY_HOLD_INLINE_CODE.search(self.rawdata, i, end)
            ):
                return end
        return super().parse_starttag(i)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and "src" not in values and _is_javascript(values.get("type", "")):
            self._report("an inline <script>: move it into a file under overrides/assets/javascripts/")
        if tag == "style":
            self._report("an inline <style> element: move it into overrides/assets/stylesheets/pe.css")
        for name, value in values.items():
            if name == "style":
                self._report(f"a style= attribute on <{tag}>: use a class styled in pe.css")
            elif name.startswith("on"):
                self._report(f"an event handler attribute {name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self._report(f"a javascript: URL in {name}= on <{tag}>")

    def _report(self, what: str) -> None:
        line, _ = self.getpos()
        self.findings.append(
            Finding(
                self.display_path, line, "csp", f"{what} (the Content-Security-Policy blocks inline code)"
            )
        )


# ---- Helper functions --------------------------------------------------------------------------


def _is_javascript(script_type: str) -> bool:
    """Whether a browser runs a <script> of this type (JSON data blocks are never run)."""
    kind = script_type.split(";")[0].strip().lower()
    return kind in _JAVASCRIPT_TYPES


# ---- Data --------------------------------------------------------------------------------------

# The types a browser executes (HTML's "JavaScript MIME type essence match", plus modules).
_JAVASCRIPT_TYPES = frozenset(
    {
        "",
        "module",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
# What a start tag's text must contain to give a finding: the name script or style; or an attribute
# name beginning "style" or "on" (HTMLParser starts an attribute name after whitespace, a quote or
# "/", and lower-cases it); or "javascript" in a value, or "&", which may encode it.
_CODE_ELEMENT = re.compile(r"<(?:script|style)(?![^\t\n\r\f />\x00])", re.I)
_MAY_HOLD_INLINE_CODE = re.compile(r"[\s\"'/](?:style|on)|javascript|&", re.I)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
