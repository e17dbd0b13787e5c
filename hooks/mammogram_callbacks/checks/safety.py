"""Check 5, safety: pages are Markdown, not a way to run code in a patient's browser.

No <script>, <iframe>, <object>, <style> or any tag outside a small allow-list, no event-handler
or style attributes, no javascript:, vbscript: or data: URLs. Fenced and inline code are exempt:
they are shown as text, never rendered.
"""

from __future__ import annotations

import re

from mammogram_callbacks.checks.rendered_html import safe_url
from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.page import ParsedPage

CHECK = "safety"

# Inline tags a writer may need that Markdown has no syntax for, with harmless attributes only.
ALLOWED_TAGS = frozenset({"abbr", "br", "kbd", "mark", "small", "sub", "sup", "bdi"})
ALLOWED_ATTRIBUTES = frozenset({"title", "lang", "dir"})
_ATTRIBUTE = re.compile(r"""(?P<name>[^\s=/>"']+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s>]+))?""")


def check_safety(page: ParsedPage) -> list[Finding]:
    findings = []
    for element in page.elements("html"):
        if element.value not in ALLOWED_TAGS:
            findings.append(
                Finding(
                    page.path,
                    element.line,
                    CHECK,
                    f"raw HTML <{element.value}> is not allowed; pages are plain Markdown "
                    f"(allowed tags: {', '.join(sorted(ALLOWED_TAGS))})",
                )
            )
            continue
        for match in _ATTRIBUTE.finditer(element.detail):
            name, value = match["name"].lower(), (match["value"] or "").strip("\"'")
            if name.startswith("on"):
                findings.append(
                    Finding(
                        page.path,
                        element.line,
                        CHECK,
                        f"event handler attribute {name}= on <{element.value}> is not allowed",
                    )
                )
            elif name not in ALLOWED_ATTRIBUTES:
                findings.append(
                    Finding(
                        page.path,
                        element.line,
                        CHECK,
                        f"attribute {name}= on <{element.value}> is not allowed "
                        f"(allowed: {', '.join(sorted(ALLOWED_ATTRIBUTES))})",
                    )
                )
            elif _unsafe_url(value):
                findings.append(Finding(page.path, element.line, CHECK, f"unsafe URL {value!r} in {name}="))
    for element in page.elements("link") + page.elements("image"):
        if _unsafe_url(element.value):
            findings.append(
                Finding(
                    page.path,
                    element.line,
                    CHECK,
                    f"unsafe URL {element.value!r}: javascript:, vbscript: and data: links are not allowed",
                )
            )
    return findings


def _unsafe_url(url: str) -> bool:
    # One URL rule for the source and the rendered HTML (checks/rendered_html.py).
    return not safe_url(url)
