"""Finds what the site's Content-Security-Policy would block in a built page.

The policy (pe_headers) allows scripts and styles from the site's own files only. An inline
`<script>`, a `<style>` element, a `style=` attribute, an `on...=` handler or a `javascript:` URL
would be blocked in the reader's browser: the page would silently lose that behaviour. The build
reports each one as file:line instead, so a Material upgrade or a new template cannot break pages
unnoticed.
"""

from __future__ import annotations

from html.parser import HTMLParser

from pe_findings import Finding

# ---- Functions ---------------------------------------------------------------------------------


def blocked_inline_code(html: str, display_path: str) -> list[Finding]:
    """Every piece of inline code in `html` that the policy would block, with its line."""
    parser = _InlineCodeFinder(display_path)
    parser.feed(html)
    parser.close()
    return parser.findings


# ---- Helper classes ----------------------------------------------------------------------------


class _InlineCodeFinder(HTMLParser):
    def __init__(self, display_path: str):
        super().__init__(convert_charrefs=True)
        self.display_path = display_path
        self.findings: list[Finding] = []

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
        self.findings.append(Finding(self.display_path, line, "csp",
                                     f"{what} (the Content-Security-Policy blocks inline code)"))


# ---- Helper functions --------------------------------------------------------------------------


def _is_javascript(script_type: str) -> bool:
    """Whether a browser runs a <script> of this type (JSON data blocks are never run)."""
    kind = script_type.split(";")[0].strip().lower()
    return kind in _JAVASCRIPT_TYPES


# ---- Data --------------------------------------------------------------------------------------

# The types a browser executes (HTML's "JavaScript MIME type essence match", plus modules).
_JAVASCRIPT_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript",
})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
