"""Write translated segments into a page's Markdown: in place, or over the English skeleton.

In place: only a segment whose text changed is rewritten, inside its own span of the file; every
other byte stays as the translator (or the last import) left it, so a file exported and imported
untouched is the same file, and a hand-edited page and an imported one are the same thing.

Over the English skeleton: when the translation lacks segments the English has (a new page, or
new English paragraphs), the page is the English file with each English segment's text replaced
by its translation, and the translation's own front matter (or a new one).
"""

from __future__ import annotations

import re

import yaml

from mammogram_callbacks.markdown.segments import Segment


def replace_segments(text: str, replacements: list[tuple[Segment, str]]) -> str:
    """`text` with each segment's span replaced by its new text (a value of the front matter is
    written as YAML). A segment over several lines becomes one line."""
    lines = text.split("\n")
    for segment, new in sorted(replacements, key=lambda r: r[0].spans[0][:2], reverse=True):
        if not segment.spans:
            raise ValueError(f"{segment.id}: its place in the file is not known (a value over several lines)")
        first, start, _ = segment.spans[0]
        last, _, end = segment.spans[-1]
        value = _yaml_scalar(new) if segment.kind in ("title", "description") else _one_line(new)
        lines[first - 1 : last] = [lines[first - 1][:start] + value + lines[last - 1][end:]]
    return "\n".join(lines)


def front_matter_and_body(text: str) -> tuple[str, str]:
    """The front matter block (with its --- lines) and the rest."""
    match = re.match(r"---\n.*?\n(?:---|\.\.\.)\n", text, re.S)
    return (match.group(0), text[match.end() :]) if match else ("", text)


def translation_front_matter(
    english_front: str, source_blob: str, translated_by: str = "", machine_assisted: bool = False
) -> str:
    """A new translation's front matter: the English one, with a `translation:` block."""
    block = f"translation:\n  translated_by: {_yaml_scalar(translated_by or 'not recorded')}\n"
    if machine_assisted:
        block += "  machine_assisted: true\n"
    block += "  medical_review: false\n"
    block += f"  source_blob: {source_blob}\n"
    if not english_front:
        return f"---\n{block}---\n"
    return english_front[: -len("---\n")] + block + "---\n"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).strip()


def _yaml_scalar(text: str) -> str:
    dumped = yaml.safe_dump({"v": _one_line(text)}, allow_unicode=True, width=1 << 20, default_style=None)
    return dumped.split(": ", 1)[1].rstrip("\n")
