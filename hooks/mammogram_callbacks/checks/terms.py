"""Check 2, terminology: approved terms of each language, and no forbidden term anywhere.

Matching is whole-word and case-insensitive (for languages written without spaces between words,
such as Chinese, a term matches anywhere). At each position the longest form wins, so "diagnostic
mammogram" is not also counted as "mammogram".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.data.project_data import TermEntry
from mammogram_callbacks.markdown.page import ParsedPage
from mammogram_callbacks.markdown.sections import paired_sections, section_line

CHECK = "terminology"


@dataclass(frozen=True)
class TermHit:
    concept: str
    form: str  # as written on the page
    line: int
    forbidden_reason: str | None = None


class TermMatcher:
    """Finds the concepts (and forbidden terms) of one language in prose.

    Words are looked up, not searched for: the text is cut into words once and runs of words are
    looked up in a dictionary of forms, longest run first. No regular expression of hundreds of
    alternatives is compiled or scanned (that dominated the build). Languages written without spaces
    are looked up character by character instead.
    """

    def __init__(self, entries: list[TermEntry], language: str):
        self.language = language
        self.entries = {e.concept: e for e in entries}
        self.spaced = language.split("-")[0] not in _NO_WORD_SPACES
        self._forms: dict = {}  # key -> (concept, forbidden reason or None)
        for entry in entries:
            for form in entry.approved:
                self._forms[self._form_key(form)] = (entry.concept, None)
            for term, reason in entry.forbidden:
                self._forms[self._form_key(term)] = (entry.concept, reason)
        # Lengths of the forms that begin with a given first word (or character), longest first:
        # most words begin no form, and are passed over with one dictionary look-up.
        self._lengths_by_start: dict[str, list[int]] = {}
        for key in self._forms:
            self._lengths_by_start.setdefault(key[0], []).append(len(key))
        for lengths in self._lengths_by_start.values():
            lengths.sort(reverse=True)

    def _form_key(self, form: str):
        if self.spaced:
            return tuple(_key(m.group(0)) for m in _WORD.finditer(unicodedata.normalize("NFC", form)))
        return form.casefold()

    def hits(self, prose: list[tuple[int, str]]) -> list[TermHit]:
        found = []
        for line, text in prose:
            matches = self._spaced_hits(text) if self.spaced else self._unspaced_hits(text)
            for written, (concept, reason) in matches:
                found.append(TermHit(concept, written, line, reason))
        return found

    def _spaced_hits(self, text: str):
        original = unicodedata.normalize("NFC", text)
        words = list(_WORD.finditer(original))
        keys = [_key(w.group(0)) for w in words]
        index = 0
        while index < len(words):
            for size in self._lengths_by_start.get(keys[index], ()):
                hit = self._forms.get(tuple(keys[index : index + size]))
                run = words[index : index + size]
                # Words of a term stand next to each other, separated by spaces only.
                if hit and not any(original[a.end() : b.start()].strip() for a, b in itertools.pairwise(run)):
                    yield original[run[0].start() : run[-1].end()], hit
                    index += size
                    break
            else:
                index += 1

    def _unspaced_hits(self, text: str):
        original = unicodedata.normalize("NFC", text)
        key = original.casefold()
        if len(key) != len(original):  # a rare letter whose case fold is longer (ß): keep positions
            key = "".join(ch if len(ch.casefold()) != 1 else ch.casefold() for ch in original)
        index = 0
        while index < len(key):
            for length in self._lengths_by_start.get(key[index], ()):
                hit = self._forms.get(key[index : index + length])
                if hit:
                    yield original[index : index + length], hit
                    index += length
                    break
            else:
                index += 1


def check_forbidden_terms(page: ParsedPage, matcher: TermMatcher) -> list[Finding]:
    """Any page, source included: report every forbidden term with its reason."""
    findings = []
    for hit in matcher.hits(page.prose()):
        if hit.forbidden_reason is not None:
            entry = matcher.entries[hit.concept]
            findings.append(
                Finding(
                    page.path,
                    hit.line,
                    CHECK,
                    f"'{hit.form}' is a forbidden term for {hit.concept}: {hit.forbidden_reason} "
                    f"Use '{entry.preferred}'.",
                )
            )
    return findings


def check_translation_terms(
    source: ParsedPage,
    source_matcher: TermMatcher,
    translation: ParsedPage,
    matcher: TermMatcher,
    language_name: str,
    outdated: bool,
) -> list[Finding]:
    """Where a source section uses a concept, the translated section uses an approved term for it."""
    findings = []
    for src, dst in paired_sections(source, translation):
        used: dict[str, TermHit] = {}
        for hit in source_matcher.hits(src.prose):
            if hit.forbidden_reason is None:
                used.setdefault(hit.concept, hit)
        present = {hit.concept for hit in matcher.hits(dst.prose) if hit.forbidden_reason is None}
        for concept, hit in used.items():
            if concept in present:
                continue
            entry = matcher.entries.get(concept)
            if entry is None:
                findings.append(
                    Finding(
                        translation.path,
                        section_line(dst),
                        CHECK,
                        f"the source ({source.path}:{hit.line}) uses '{hit.form}' ({concept}), which "
                        f"has no entry in data/termbase/{translation.path.split('/')[1]}.yml: add one",
                    )
                )
                continue
            others = ", ".join(f"'{v}'" for v in entry.variants)
            findings.append(
                Finding(
                    translation.path,
                    section_line(dst),
                    CHECK,
                    f"the source ({source.path}:{hit.line}) uses '{hit.form}' ({concept}); this "
                    f"section has no approved {language_name} term for it: use '{entry.preferred}'"
                    + (f" (or {others})" if others else ""),
                    blocking=not outdated,
                )
            )
    return findings


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """How a word is compared: NFC, case-folded, without Arabic vowel marks or tatweel."""
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", word)).casefold()


# Arabic short vowels, tanwin, shadda, sukun, superscript alef and tatweel are optional in writing.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


# A word: letters, digits and marks, with inner hyphens or apostrophes ("BI-RADS", "fine-needle").
_WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f]+(?:[-'\u2019][\w\u0300-\u036f]+)*")

# Languages written without spaces between words: a term may start or end anywhere.
_NO_WORD_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
