"""A Python-Markdown extension that makes the glossary tooltips work for every reader.

The tooltips are `<abbr title>` elements made by Python-Markdown's abbr extension, with the
termbase as its glossary (hooks/content_hook.py), shown by the site's own script
(overrides/assets/javascripts/pe-tooltips.js; without scripts the browser shows the title).

- One tooltip per term and section: the first use of a term after each h1/h2 heading keeps its
  `<abbr>`, later uses in the section are plain text, as a term is explained once where a reader
  meets it. A dotted underline on every "callback" of a page is noise for a reader who struggles
  with reading, and each one adds to the page's size. A term inside a link gets none: the link already
  leads on, and a tap would follow it rather than show the definition.
- Keyboard and touch: the script shows a term's tooltip on hover *or* focus, but an `<abbr>`
  cannot take focus by itself. The first use of each term (each definition) gets tabindex="0";
  making every use focusable would add dozens of tab stops to a page, and later uses still show
  the tooltip on hover. A term inside a link stays unfocusable: a focus stop inside a link is an
  interactive element nested in another.
- Chinese (and other scripts written without spaces): abbr matches whole words with `\\b`, which
  never matches between two Chinese characters, so Chinese pages had no tooltips. A term that
  starts or ends with such a character needs no word boundary on that side (as in the checks'
  term matching).

Registered in mkdocs.yml right after `abbr` as `mammogram_callbacks.markdown.term_tooltips` (importable
through the project's install, like the `translations` command).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor

# ---- Classes -----------------------------------------------------------------------------------


class UnspacedScriptAbbrTreeprocessor(AbbrTreeprocessor):
    """abbr's treeprocessor, with word boundaries only where the script has them."""

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.RE = _terms_regex(frozenset(self.abbrs))
        self.iter_element(root)


class FirstUsePerSectionTreeprocessor(Treeprocessor):
    """Keeps the `<abbr title>` of a term's first use in each section (outside links); unwraps the rest."""

    def run(self, root: etree.Element) -> None:
        _keep_first_uses(root, _Section(), inside_link=False)


class FocusableTermsTreeprocessor(Treeprocessor):
    """Adds tabindex="0" to the first `<abbr title>` of each definition, in document order."""

    def run(self, root: etree.Element) -> None:
        _make_first_uses_focusable(root, set(), inside_link=False)


class TermTooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "abbr" not in md.treeprocessors:
            raise ValueError(
                "mammogram_callbacks.markdown.term_tooltips needs the abbr extension listed before it "
                "in markdown_extensions"
            )
        md.registerExtension(self)
        abbrs = md.treeprocessors["abbr"].abbrs  # type: ignore[attr-defined]  # the glossary abbr fills
        md.treeprocessors.register(UnspacedScriptAbbrTreeprocessor(md, abbrs), "abbr", _ABBR_PRIORITY)
        md.treeprocessors.register(
            FirstUsePerSectionTreeprocessor(md), "pe_first_use_terms", _ABBR_PRIORITY - 0.5
        )
        md.treeprocessors.register(FocusableTermsTreeprocessor(md), "pe_focusable_terms", _ABBR_PRIORITY - 1)


# ---- Functions ---------------------------------------------------------------------------------


def term_pattern(term: str) -> str:
    """The regex for one term: a word boundary on each side, unless that side is unspaced script."""
    start = "" if _UNSPACED.match(term[0]) else r"\b"
    end = "" if _UNSPACED.match(term[-1]) else r"\b"
    return f"{start}{re.escape(term)}{end}"


def makeExtension(**kwargs) -> TermTooltipsExtension:
    return TermTooltipsExtension(**kwargs)


# ---- Helper functions --------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _terms_regex(terms: frozenset[str]) -> re.Pattern:
    """One regex for a language's glossary, compiled once per build rather than once per page
    (a hundred alternatives with word boundaries take milliseconds to compile)."""
    return re.compile("|".join(term_pattern(term) for term in sorted(terms, key=lambda t: (-len(t), t))))


class _Section:
    """The definitions shown so far in the current section."""

    def __init__(self) -> None:
        self.shown: set[str] = set()


def _keep_first_uses(element: etree.Element, section: _Section, inside_link: bool) -> None:
    for child in list(element):  # a copy: unwrapping changes the children
        if child.tag in _SECTION_HEADINGS:
            section.shown = set()
        if child.tag == "abbr" and child.get("title"):
            definition = child.get("title", "")
            if inside_link or definition in section.shown:
                _unwrap(element, child)
                continue
            section.shown.add(definition)
        _keep_first_uses(child, section, inside_link or child.tag == "a")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace `child` by its text (an <abbr> holds text only), keeping the text around it."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(child)


def _make_first_uses_focusable(element: etree.Element, seen: set[str], inside_link: bool) -> None:
    for child in element:
        if child.tag == "abbr" and child.get("title") and not inside_link:
            # One stop per concept: its forms ("cyst", "Cysts") share the definition.
            definition = child.get("title", "")
            if definition not in seen:
                seen.add(definition)
                child.set("tabindex", "0")
        _make_first_uses_focusable(child, seen, inside_link or child.tag == "a")


# ---- Data --------------------------------------------------------------------------------------

_ABBR_PRIORITY = 7  # abbr's own
_SECTION_HEADINGS = frozenset({"h1", "h2"})
# Scripts written without spaces between words: Han, kana, Thai, Lao, Myanmar, Khmer.
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
