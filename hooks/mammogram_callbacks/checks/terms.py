"""Check 2, terminology: approved terms of each language, and no forbidden term anywhere.

Matching is whole-word and case-insensitive (for languages written without spaces between words,
such as Chinese, a term matches anywhere). At each position the longest form wins, so "diagnostic
mammogram" is not also counted as "mammogram".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.core.invisible_text import normalise
from mammogram_callbacks.data.project_data import TermEntry
from mammogram_callbacks.markdown.page import ParsedPage
from mammogram_callbacks.markdown.sections import paired_sections, section_line
from mammogram_callbacks.markdown.segments import Segment

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

    def __init__(self, entries: list[TermEntry], language: str, inflections: bool = False):
        """`inflections`: also find the approved terms' inflected forms by their stems (for a
        translation; the source's own terms are matched as listed, so that "radiology" is not
        taken for "radiologist"). Forbidden terms are always matched as listed, with invisible
        characters, case, Arabic vowel marks and Arabic proclitics set aside."""
        self.language = language
        self.entries = {e.concept: e for e in entries}
        self.spaced = language.split("-")[0] not in _NO_WORD_SPACES
        self._exact_key = _arabic_key if language.split("-")[0] == "ar" else _key
        stem = word_key_function(language) if inflections else None
        self._stem_key = stem if stem not in (None, _key, _arabic_key) else None
        exact: dict = {}  # key -> (concept, forbidden reason or None)
        stems: dict = {}  # stemmed key -> (concept, None), approved forms only
        for entry in entries:
            for form in entry.approved:
                exact[self._form_key(form, self._exact_key)] = (entry.concept, None)
                if self._stem_key:
                    stems.setdefault(self._form_key(form, self._stem_key), (entry.concept, None))
            for term, reason in entry.forbidden:
                exact[self._form_key(term, self._exact_key)] = (entry.concept, reason)
        self._cache: dict[str, list[tuple[str, tuple]]] = {}
        self._tables = [_FormTable(exact, self._exact_key)]
        if stems:
            self._tables.append(_FormTable(stems, self._stem_key))  # type: ignore[arg-type]
        # Stemming is the slow part (Snowball in pure Python): a word is only stemmed when its first
        # letters begin some approved form's word, for a stem begins as its word does.
        self._stem_starts = frozenset(
            _start(word.group(0))
            for entry in entries
            for form in entry.approved
            for word in _WORD.finditer(form)
        )

    def _form_key(self, form: str, word_key: Callable[[str], str]):
        if self.spaced:
            return tuple(word_key(m.group(0)) for m in _WORD.finditer(normalise(form)))
        return normalise(form).casefold()

    def hits(self, prose: list[tuple[int, str]]) -> list[TermHit]:
        found = []
        for line, text in prose:
            for written, (concept, reason) in self._text_hits(text):
                found.append(TermHit(concept, written, line, reason))
        return found

    def _text_hits(self, text: str) -> list[tuple[str, tuple]]:
        # Remembered per text: the page, section and segment checks read the same words, and the
        # source's matcher reads the English once for every language.
        if text not in self._cache:
            self._cache[text] = list(self._spaced_hits(text) if self.spaced else self._unspaced_hits(text))
        return self._cache[text]

    def _spaced_hits(self, text: str):
        original = normalise(text)
        words = list(_WORD.finditer(original))
        keyed = [
            [table.word_key(w.group(0)) for w in words]
            if table is self._tables[0]
            else _Lazy(table.word_key, words, self._stem_starts)
            for table in self._tables
        ]
        index = 0
        while index < len(words):
            for table, keys in zip(self._tables, keyed, strict=True):
                size = (
                    table.longest_at(keys, index, words, original)
                    if keys[index] in table.lengths_by_start
                    else 0
                )
                if size:
                    run = words[index : index + size]
                    yield (
                        original[run[0].start() : run[-1].end()],
                        table.forms[tuple(keys[index : index + size])],
                    )
                    index += size
                    break
            else:
                index += 1

    def _unspaced_hits(self, text: str):
        forms = self._tables[0].forms
        lengths_by_start = self._tables[0].lengths_by_start
        original = normalise(text)
        key = original.casefold()
        if len(key) != len(original):  # a rare letter whose case fold is longer (ß): keep positions
            key = "".join(ch if len(ch.casefold()) != 1 else ch.casefold() for ch in original)
        index = 0
        while index < len(key):
            for length in lengths_by_start.get(key[index], ()):
                hit = forms.get(key[index : index + length])
                if hit:
                    yield original[index : index + length], hit
                    index += length
                    break
            else:
                index += 1


class _Lazy:
    """Stemmed keys of a text's words, computed when first looked at; a word whose first letters
    begin no approved form's word gets a key no form has."""

    def __init__(self, word_key: Callable[[str], str], words: list, starts: frozenset[str]):
        self._word_key, self._words, self._starts = word_key, words, starts
        self._keys: dict[int, str] = {}

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._words)))]
        if index not in self._keys:
            word = self._words[index].group(0)
            self._keys[index] = self._word_key(word) if _start(word) in self._starts else "\0"
        return self._keys[index]


def _start(word: str) -> str:
    """A word's first three letters, case and accents set aside."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", word[:6].casefold()) if not unicodedata.combining(c)
    )
    return bare[:3]


class _FormTable:
    """Forms by key, and the lengths of the forms that begin with a given first word (or
    character), longest first: most words begin no form, and are passed over with one look-up."""

    def __init__(self, forms: dict, word_key: Callable[[str], str]):
        self.forms = forms
        self.word_key = word_key
        self.lengths_by_start: dict = {}
        for key in forms:
            self.lengths_by_start.setdefault(key[0], []).append(len(key))
        for lengths in self.lengths_by_start.values():
            lengths.sort(reverse=True)

    def longest_at(self, keys: list[str] | _Lazy, index: int, words: list, original: str) -> int:
        """The length (in words) of the longest form starting at `index`, or 0."""
        for size in self.lengths_by_start.get(keys[index], ()):
            if tuple(keys[index : index + size]) in self.forms:
                run = words[index : index + size]
                # Words of a term stand next to each other, separated by spaces only.
                if not any(original[a.end() : b.start()].strip() for a, b in itertools.pairwise(run)):
                    return size
        return 0


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


@cache
def word_key_function(language: str) -> Callable[[str], str]:
    """How a word of `language` is compared, so that a term's inflected forms match without being
    listed one by one: a Snowball stem where Snowball has the language ("mamografías" and
    "mamografía" are both "mamograf"), and for Arabic the light stemmer's proclitics removed
    (Larkey, Ballesteros and Connell's light10: و, and ال with ب ك ف ل before it, as in
    "فالتكلسات" for "التكلسات"; the Snowball Arabic stemmer gives different stems for those).
    Languages without inflection here (Chinese, Vietnamese) compare the word as written."""
    base = language.split("-")[0].lower()
    if base == "ar":
        return _arabic_key
    name = _SNOWBALL.get(base)
    if name is None:
        return _key
    stemmer = snowballstemmer.stemmer(name)

    @lru_cache(maxsize=1 << 16)
    def stemmed(word: str) -> str:
        return str(stemmer.stemWord(_key(word)))

    return stemmed


@lru_cache(maxsize=1 << 16)
def _arabic_key(word: str) -> str:
    word = _key(word)
    if len(word) > 3 and word.startswith("و"):
        word = word[1:]
    for article in ("وال", "بال", "كال", "فال", "لل", "ال"):
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


# Snowball's algorithm for each language code it covers (snowballstemmer.algorithms()).
_SNOWBALL = {
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "eo": "esperanto",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "nb": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}


# Arabic short vowels, tanwin, shadda, sukun, superscript alef and tatweel are optional in writing.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


# A word: letters, digits and marks, with inner hyphens or apostrophes ("BI-RADS", "fine-needle").
_WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f]+(?:[-'\u2019][\w\u0300-\u036f]+)*")

# Languages written without spaces between words: a term may start or end anywhere.
_NO_WORD_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def check_segment_terms(
    source_path: str,
    path: str,
    pairs: list[tuple[Segment, Segment]],
    source_matcher: TermMatcher,
    matcher: TermMatcher,
    language_name: str,
) -> list[Finding]:
    """Per segment, a notice: the English segment uses a concept, the translated one has no
    approved term for it, though its section does (a section without one is the blocking
    section finding above, `check_translation_terms`)."""
    in_section: dict[str, set[str]] = {}
    for _, translated in pairs:
        concepts = {
            h.concept
            for h in matcher.hits([(translated.line, translated.prose)])
            if h.forbidden_reason is None
        }
        in_section.setdefault(translated.section, set()).update(concepts)
    findings = []
    for english, translated in pairs:
        used = {
            h.concept: h
            for h in source_matcher.hits([(english.line, english.prose)])
            if h.forbidden_reason is None
        }
        present = {
            h.concept
            for h in matcher.hits([(translated.line, translated.prose)])
            if h.forbidden_reason is None
        }
        for concept, hit in used.items():
            entry = matcher.entries.get(concept)
            if (
                concept in present
                or entry is None
                or concept not in in_section.get(translated.section, set())
            ):
                continue
            findings.append(
                Finding(
                    path,
                    translated.line,
                    CHECK,
                    f"this {translated.describe} has no approved {language_name} term for {concept}, which "
                    f"the English segment uses ('{hit.form}', {source_path}:{english.line}): use "
                    f"'{entry.preferred}' here too, so that a reader of this part alone meets the same word",
                    blocking=False,
                )
            )
    return findings
