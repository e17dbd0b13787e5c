"""Check 2, terminology: approved terms of each language, and no forbidden term anywhere.

Matching is whole-word and case-insensitive (for languages written without spaces between words,
such as Chinese, a term matches anywhere). At each position the longest form wins, so "diagnostic
mammogram" is not also counted as "mammogram".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from pe_data import TermEntry
from pe_findings import Finding
from pe_markdown import ParsedPage
from pe_trie import trie_pattern
from pe_sections import paired_sections, section_line

CHECK = "terminology"


@dataclass(frozen=True)
class TermHit:
    concept: str
    form: str  # as written on the page
    line: int
    forbidden_reason: str | None = None


class TermMatcher:
    """Finds the concepts (and forbidden terms) of one language in prose."""

    def __init__(self, entries: list[TermEntry], language: str):
        self.language = language
        self.entries = {e.concept: e for e in entries}
        self._approved = {_key(form): e.concept for e in entries for form in e.approved}
        self._forbidden = {_key(term): (e.concept, reason) for e in entries for term, reason in e.forbidden}

    @cached_property
    def _pattern(self) -> re.Pattern | None:
        forms = sorted({*self._approved, *self._forbidden})
        if not forms:
            return None
        body = trie_pattern(forms)
        if self.language.split("-")[0] in _NO_WORD_SPACES:
            return re.compile(f"(?:{body})", re.IGNORECASE)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    def hits(self, prose: list[tuple[int, str]]) -> list[TermHit]:
        if self._pattern is None:
            return []
        found = []
        for line, text in prose:
            for match in self._pattern.finditer(text):
                key = _key(match.group(0))
                if key in self._forbidden:
                    concept, reason = self._forbidden[key]
                    found.append(TermHit(concept, match.group(0), line, reason))
                else:
                    found.append(TermHit(self._approved[key], match.group(0), line))
        return found


def check_forbidden_terms(page: ParsedPage, matcher: TermMatcher) -> list[Finding]:
    """Any page, source included: report every forbidden term with its reason."""
    findings = []
    for hit in matcher.hits(page.prose()):
        if hit.forbidden_reason is not None:
            entry = matcher.entries[hit.concept]
            findings.append(Finding(page.path, hit.line, CHECK,
                                    f"'{hit.form}' is a forbidden term for {hit.concept}: {hit.forbidden_reason} "
                                    f"Use '{entry.preferred}'."))
    return findings


def check_translation_terms(source: ParsedPage, source_matcher: TermMatcher, translation: ParsedPage,
                            matcher: TermMatcher, language_name: str, outdated: bool) -> list[Finding]:
    """Where a source section uses a concept, the translated section uses an approved term for it."""
    findings = []
    for src, dst in paired_sections(source, translation):
        used = {}
        for hit in source_matcher.hits(src.prose):
            if hit.forbidden_reason is None:
                used.setdefault(hit.concept, hit)
        present = {hit.concept for hit in matcher.hits(dst.prose) if hit.forbidden_reason is None}
        for concept, hit in used.items():
            if concept in present:
                continue
            entry = matcher.entries.get(concept)
            if entry is None:
                findings.append(Finding(translation.path, section_line(dst), CHECK,
                                        f"the source ({source.path}:{hit.line}) uses '{hit.form}' ({concept}), which "
                                        f"has no entry in data/termbase/{translation.path.split('/')[1]}.yml: add one"))
                continue
            others = ", ".join(f"'{v}'" for v in entry.variants)
            findings.append(Finding(translation.path, section_line(dst), CHECK,
                                    f"the source ({source.path}:{hit.line}) uses '{hit.form}' ({concept}); this "
                                    f"section has no approved {language_name} term for it: use '{entry.preferred}'"
                                    + (f" (or {others})" if others else ""),
                                    blocking=not outdated))
    return findings


def _key(term: str) -> str:
    return unicodedata.normalize("NFC", term).casefold()


# Languages written without spaces between words: a term may start or end anywhere.
_NO_WORD_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
