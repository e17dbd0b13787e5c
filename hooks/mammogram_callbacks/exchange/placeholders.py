"""What a translator must keep exactly as it is in a segment: markers, link targets, code, markup.

A CAT tool shows these as tags (Weblate, from the `placeholders:` flag each PO unit carries; an
XLIFF editor, from `<ph>` elements) and an import compares them: the translation must hold the same
placeholders as the English, as many times (their order may change with the grammar, except the
figures', which the segment check compares).
"""

from __future__ import annotations

import re
from collections import Counter

# One expression, in the order its alternatives are tried: markers, a link or image target (with
# the brackets that hold it), inline code, an attribute list, an HTML comment, a footnote's mark,
# and bold markup.
PLACEHOLDER = re.compile(
    r"\[\[(?:stat|cite|clinic):[^\]\s]*\]\]"
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
    r"|`+[^`]+`+"
    r"|\{[#.:][^}]*\}"
    r"|<!--.*?-->"
    r"|\[\^[^\]]+\]:?"
    r"|\*\*"
)

# The same expression as Weblate reads it from a unit's flags (a raw string in its flag syntax).
WEBLATE_FLAG = 'placeholders:r"' + PLACEHOLDER.pattern.replace('"', '\\"') + '"'


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def placeholder_problems(source: str, translation: str) -> list[str]:
    """What the translation broke: each placeholder missing, added, or altered, in words."""
    ours, theirs = Counter(placeholders(source)), Counter(placeholders(translation))
    problems = []
    for text, count in (ours - theirs).items():
        problems.append(f"'{text}' is missing" + (f" ({count} times)" if count > 1 else ""))
    for text, count in (theirs - ours).items():
        problems.append(f"'{text}' is not in the English" + (f" ({count} times)" if count > 1 else ""))
    return problems
