"""The project as the checks see it: languages from mkdocs.yml, pages per language, the data,
and one run of every check over every page, giving findings and a status per page."""

from __future__ import annotations

import datetime
import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import mergedeep
import yaml

from mammogram_callbacks.checks.clinic_markers import (
    check_page_clinic_markers,
    check_translation_clinic_markers,
)
from mammogram_callbacks.checks.freshness import Freshness, freshness, freshness_findings, with_segments
from mammogram_callbacks.checks.front_matter import check_meta, is_overdue_finding, overdue_since
from mammogram_callbacks.checks.invisible_characters import check_invisible_characters
from mammogram_callbacks.checks.safety import check_safety
from mammogram_callbacks.checks.segment_freshness import PageSegments, resolve_records
from mammogram_callbacks.checks.statistics import check_page_statistics, check_translation_statistics
from mammogram_callbacks.checks.structure import check_internal_links, check_translation_structure
from mammogram_callbacks.checks.terms import TermMatcher, check_forbidden_terms, check_translation_terms
from mammogram_callbacks.checks.theme_words import check_theme_words
from mammogram_callbacks.checks.translation_segments import (
    PAIR_CHECKS,
    SegmentReport,
    TranslatedPage,
    check_site_segments,
    check_translation_segments,
    pair_notice_cache,
    pair_segments,
    reordered_segments,
)
from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.result_cache import ResultCache
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.data.project_data import ProjectData, load_project_data
from mammogram_callbacks.data.reviews import Reviews, ReviewState, load_reviews, review_findings
from mammogram_callbacks.data.segment_records import SegmentRecord, load_records
from mammogram_callbacks.markdown.alignment import Alignment
from mammogram_callbacks.markdown.page import ParsedPage, parse_page
from mammogram_callbacks.markdown.segments import Segment, abbreviation_lines, page_segments

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    default: bool


@dataclass(frozen=True)
class PageStatus:
    language: str
    page: str  # path inside the language folder, e.g. "callback.md"
    state: str  # source, current, outdated, missing, untranslated
    reviewed: bool  # by a qualified medical translator (always True for the source)
    findings: int  # blocking findings on this page
    clinical: str = "none"  # the English page's review by a breast-imaging doctor: none, current, lapsed
    overdue: bool = False  # past its review.next_review date
    # Segments (markdown.segments): how many of the source's, and how many current / outdated / new.
    segments: int = 0
    segments_current: int = 0
    segments_outdated: int = 0
    segments_untranslated: int = 0  # English segments with no translation (new, or dropped)
    reordered: tuple[str, ...] = ()  # segments whose figures are in another order, as declared


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    statuses: list[PageStatus] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]


class Project:
    """A site on disk: mkdocs.yml, docs/<language>/, data/."""

    def __init__(self, root: Path, config_file: str = "mkdocs.yml"):
        self.root = root.resolve()
        self.config_file = config_file
        config = _read_config(self.root / config_file, config_file)
        self.docs_dir = (self.root / config.get("docs_dir", "docs")).resolve()
        self.data_dir = self.root / "data"
        # The public site's address (mkdocs.yml's site_url, without SITE_URL).
        self.public_site_url = str(config.get("site_url") or "")
        theme = config.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        self.overrides_dir = (self.root / str(custom_dir)).resolve() if custom_dir else None
        self.languages = _languages(config, config_file)
        self.default = next(lang for lang in self.languages if lang.default)
        self._parsed: dict[Path, ParsedPage] = {}
        self._segments: dict[Path, list[Segment]] = {}
        self._displayed: dict[Path, str] = {}
        self._records: dict[str, dict[str, dict[str, SegmentRecord]]] = {}
        self._segment_reports: dict[tuple[str, str], SegmentReport] = {}
        self._matchers: dict[str, TermMatcher] = {}
        self._pairs: dict[tuple[str, str], tuple[Alignment, PageSegments]] = {}
        self._notice_cache: ResultCache | None = None
        self._data: ProjectData | None = None
        self._reviews: Reviews | None = None

    # -- Data and pages

    @property
    def data(self) -> ProjectData:
        if self._data is None:
            self._data = load_project_data(self.data_dir, [lang.code for lang in self.languages], self.root)
        return self._data

    @property
    def reviews(self) -> Reviews:
        """Medical reviews (data/reviewers.yml, data/reviews.yml); raises DataError when malformed."""
        if self._reviews is None:
            self._reviews = load_reviews(self.data_dir, self.root)
        return self._reviews

    def clinical_review(self, page: str) -> ReviewState:
        """The English page's review by a breast-imaging doctor, as it stands for the current text."""
        source = self.page_file(self.default.code, page)
        return self.reviews.clinical_state(page, source.read_text(encoding="utf-8"))

    def translation_review(self, language: str, page: str) -> ReviewState:
        source, translation = self.page_file(self.default.code, page), self.page_file(language, page)
        return self.reviews.translation_state(
            language, page, source.read_text(encoding="utf-8"), translation.read_text(encoding="utf-8")
        )

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def source_pages(self) -> list[str]:
        base = self.docs_dir / self.default.code
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))

    def embeddable_pages(self) -> list[str]:
        """Source pages with an embed address: all but those whose source says `embed: false`
        (the "Embed these pages" tool itself, the translators' status page)."""
        return [
            page
            for page in self.source_pages()
            if self.parse(self.page_file(self.default.code, page)).meta.get("embed") is not False
        ]

    def page_file(self, language: str, page: str) -> Path:
        return self.docs_dir / language / page

    def display(self, path: Path) -> str:
        # Remembered: resolving a path on every message and look-up was a tenth of an export.
        if path not in self._displayed:
            self._displayed[path] = display_path(path, self.root)
        return self._displayed[path]

    def parse(self, path: Path) -> ParsedPage:
        if path not in self._parsed:
            self._parsed[path] = parse_page(path.read_text(encoding="utf-8"), self.display(path))
        return self._parsed[path]

    def segments(self, path: Path) -> list[Segment]:
        if path not in self._segments:
            self._segments[path] = page_segments(self.parse(path), path.read_text(encoding="utf-8"))
        return self._segments[path]

    def segment_records(self, language: str) -> dict[str, dict[str, SegmentRecord]]:
        """data/segments/<lang>.yml: page -> segment id -> the English version it was made from."""
        if language not in self._records:
            self._records[language] = load_records(self.root, language)
        return self._records[language]

    def translated_page(self, language: str, page: str) -> TranslatedPage:
        """A translation and its source, cut into segments, with the translation's records."""
        source_path, path = self.page_file(self.default.code, page), self.page_file(language, page)
        parsed = self.parse(path)
        info = parsed.meta.get("translation")
        recorded_blob = info.get("source_blob") if isinstance(info, dict) else None
        return TranslatedPage(
            source=self.parse(source_path),
            source_segments=self.segments(source_path),
            source_locale=self.data.formats_for(self.default.code),
            translation=parsed,
            segments=self.segments(path),
            locale=self.data.formats_for(language),
            language=language,
            abbreviations=abbreviation_lines(parsed, path.read_text(encoding="utf-8")),
            records=(
                resolve_records(self.segments(path), recorded)
                if (recorded := self.segment_records(language).get(page))
                else None
            ),
            page_current=recorded_blob == blob_id(source_path.read_bytes()),
            source_matcher=self.term_matcher(self.default.code),
            matcher=self.term_matcher(language),
            language_name=self.english_name(language),
            not_numbers=self.data.not_numbers.get(language, ()),
        )

    def term_matcher(self, language: str) -> TermMatcher:
        """The language's term matcher, made once per project."""
        if language not in self._matchers:
            self._matchers[language] = self.matcher(language)
        return self._matchers[language]

    def segment_pairs(self, language: str, page: str) -> tuple[Alignment, PageSegments]:
        """How the translation's segments pair with the source's, and each one's state; the full
        report when the checks ran already, else the pairing alone (much cheaper)."""
        if (language, page) in self._segment_reports:
            report = self._segment_reports[(language, page)]
            return report.alignment, report.segments
        if (language, page) not in self._pairs:
            self._pairs[(language, page)] = pair_segments(self.translated_page(language, page))
        return self._pairs[(language, page)]

    def segment_report(self, language: str, page: str) -> SegmentReport:
        key = (language, page)
        if key not in self._segment_reports:
            if self._notice_cache is None:
                self._notice_cache = pair_notice_cache(self.root)
            self._segment_reports[key] = check_translation_segments(
                self.translated_page(language, page), PAIR_CHECKS, self._notice_cache
            )
        return self._segment_reports[key]

    def english_name(self, language: str) -> str:
        """A language's English name, for messages ("Spanish" for es): CLDR's, or as declared."""
        return self.data.formats_for(language).english_name or language

    def matcher(self, language: str) -> TermMatcher:
        """The language's terms; a translation's approved terms are also found inflected."""
        return TermMatcher(self.data.entries(language), language, inflections=language != self.default.code)

    def freshness_of(self, language: str, page: str) -> Freshness | None:
        path = self.page_file(language, page)
        if language == self.default.code or not path.exists():
            return None
        fresh = freshness(
            self.parse(path),
            self.page_file(self.default.code, page).read_bytes(),
            self.translation_review(language, page).current,
        )
        if fresh.state == "untranslated":
            return fresh
        return with_segments(fresh, self.segment_pairs(language, page)[1])

    # -- Checks

    def check(
        self,
        languages: list[str] | None = None,
        today: datetime.date | None = None,
        overdue_blocks: bool = False,
    ) -> Report:
        """Run every check; `languages` limits which translations are checked (the source always is).

        `overdue_blocks`: a page past its next_review date is a blocking finding (for publishing)
        instead of a notice.
        """
        today = today or datetime.date.today()
        data = self.data  # raises DataError on malformed data
        self.reviews  # noqa: B018 -- validates the review records (raises DataError)
        report = Report()
        wanted = {lang.code for lang in self.languages if languages is None or lang.code in languages}
        wanted.add(self.default.code)
        report.findings += [g for g in data.gaps if Path(g.path).stem in wanted]
        report.findings += self._unlisted_language_folders()
        known = set(data.statistics)
        source_matcher = self.term_matcher(self.default.code)
        for lang in self.languages:
            if lang.code not in wanted:
                continue
            matcher = self.term_matcher(lang.code)
            report.findings += check_theme_words(
                data.formats_for(lang.code),
                self.display(self.data_dir / "ui" / f"{lang.code}.yml"),
                self.overrides_dir,
                self.display,
            )
            for page in self.source_pages():
                report.findings += self._check_page(lang, page, matcher, source_matcher, known, today, report)
            report.findings += self._pages_without_source(lang)
            if not lang.default:
                reports = [
                    (self.display(self.page_file(lang.code, page)), self._segment_reports[(lang.code, page)])
                    for page in self.source_pages()
                    if (lang.code, page) in self._segment_reports
                ]
                report.findings += check_site_segments(
                    lang.code, reports, self.display(self.page_file(self.default.code, ""))
                )
        if overdue_blocks:
            report.findings = [
                replace(f, blocking=True) if is_overdue_finding(f) else f for f in report.findings
            ]
        report.findings.sort()
        if self._notice_cache is not None:
            self._notice_cache.save()
        return report

    def _check_page(
        self,
        lang: Language,
        page: str,
        matcher: TermMatcher,
        source_matcher: TermMatcher,
        known: set[str],
        today: datetime.date,
        report: Report,
    ) -> list[Finding]:
        path = self.page_file(lang.code, page)
        if (
            not lang.default
            and self.parse(self.page_file(self.default.code, page)).meta.get("translate") is False
        ):
            return []  # a page for translators (the status page), served in the source language only
        if not path.exists():
            report.statuses.append(PageStatus(lang.code, page, "missing", False, 0))
            return [
                Finding(
                    self.display(path),
                    1,
                    "freshness",
                    f"missing: readers of {self.english_name(lang.code)} get "
                    f"{self.display(self.page_file(self.default.code, page))} with a notice; "
                    f"`translations new {lang.code}` creates it from the source",
                    blocking=False,
                )
            ]
        parsed = self.parse(path)
        findings = check_meta(parsed, not lang.default, today)
        findings += check_safety(parsed)
        findings += check_invisible_characters(parsed.path, path.read_text(encoding="utf-8"))
        findings += check_page_statistics(
            parsed, self.data.formats_for(lang.code), known, set(self.data.sources)
        )
        findings += check_page_clinic_markers(parsed)
        findings += check_forbidden_terms(parsed, matcher)
        findings += check_internal_links(
            parsed, self.display(self.docs_dir / lang.code), self._resolver(lang.code), self._asset_exists
        )
        state, reviewed = "source", True
        segments: SegmentReport | None = None
        clinical = self.clinical_review(page)
        if lang.default:
            findings += review_findings(parsed.path, page, clinical, "clinical", self.reviews.path)
        else:
            source_path = self.page_file(self.default.code, page)
            source = self.parse(source_path)
            translation_review = self.translation_review(lang.code, page)
            findings += review_findings(
                parsed.path, page, translation_review, "medical-translation", self.reviews.path
            )
            fresh = freshness(parsed, source_path.read_bytes(), translation_review.current)
            if fresh.state != "untranslated":
                segments = self.segment_report(lang.code, page)
                fresh = with_segments(fresh, segments.segments)
            state, reviewed = fresh.state, fresh.reviewed
            findings += freshness_findings(parsed, source.path, fresh)
            if segments is not None:
                outdated = fresh.state == "outdated"
                findings += check_translation_statistics(
                    source,
                    self.data.formats_for(self.default.code),
                    parsed,
                    self.data.formats_for(lang.code),
                    outdated,
                )
                findings += check_translation_clinic_markers(source, parsed, outdated)
                findings += check_translation_terms(
                    source, source_matcher, parsed, matcher, self.english_name(lang.code), outdated
                )
                findings += check_translation_structure(source, parsed, outdated)
                findings += segments.findings
        counts = segments.segments if segments is not None else None
        report.statuses.append(
            PageStatus(
                lang.code,
                page,
                state,
                reviewed,
                sum(f.blocking for f in findings),
                clinical.state,
                overdue_since(parsed, today) is not None,
                segments=counts.total if counts else 0,
                segments_current=counts.count("current") if counts else 0,
                segments_outdated=counts.count("outdated") if counts else 0,
                segments_untranslated=counts.count("untranslated") + counts.count("missing") if counts else 0,
                reordered=tuple(sorted(reordered_segments(parsed))) if counts else (),
            )
        )
        return findings

    def _resolver(self, language: str):
        def resolve(display_path: str) -> ParsedPage | None:
            path = self.root / display_path
            if path.exists():
                return self.parse(path)
            relative = Path(display_path).relative_to(self.display(self.docs_dir / language))
            fallback = self.docs_dir / self.default.code / relative
            return self.parse(fallback) if fallback.exists() else None

        return resolve

    def _asset_exists(self, display_path: str) -> bool:
        return (self.root / display_path).exists()

    def _pages_without_source(self, lang: Language) -> list[Finding]:
        if lang.default:
            return []
        base = self.docs_dir / lang.code
        sources = set(self.source_pages())
        return [
            Finding(
                self.display(p),
                1,
                "structure",
                f"this page has no source page {self.display(self.docs_dir / self.default.code)}/"
                f"{p.relative_to(base).as_posix()}: rename it to match the source, or remove it",
            )
            for p in sorted(base.rglob("*.md"))
            if p.relative_to(base).as_posix() not in sources
        ]

    def _unlisted_language_folders(self) -> list[Finding]:
        listed = {lang.code for lang in self.languages}
        return [
            Finding(
                "mkdocs.yml",
                1,
                "structure",
                f"docs/{folder.name}/ is not listed under plugins: i18n: languages; add "
                f"'- locale: {folder.name}' with its name and 'build: true'",
            )
            for folder in sorted(self.docs_dir.iterdir())
            if folder.is_dir() and folder.name not in listed and _looks_like_locale(folder.name)
        ]


# ---- Helper functions --------------------------------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV or !!python tags (we need only a few keys)."""


# `!ENV [NAME, default]` reads as its default: what mkdocs.yml says without the environment.
_ConfigLoader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None,
)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _read_config(path: Path, name: str) -> dict:
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except FileNotFoundError:
        raise DataError([Finding(name, 1, "config", "file not found")]) from None
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise DataError([Finding(name, line, "config", f"invalid YAML: {error.problem}")]) from None
    config = config or {}
    if isinstance(config, dict) and config.get("INHERIT"):
        # As MkDocs does: the parent file, relative to this one, deep-merged under this one's keys.
        parent_name = str(config.pop("INHERIT"))
        parent = _read_config(path.parent / parent_name, posixpath.join(posixpath.dirname(name), parent_name))
        config = mergedeep.merge(parent, config)
    return config


def _languages(config: dict, name: str) -> list[Language]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            entries = (plugin["i18n"] or {}).get("languages") or []
            languages = [
                Language(str(e["locale"]), str(e.get("name", e["locale"])), bool(e.get("default")))
                for e in entries
                if isinstance(e, dict) and "locale" in e and e.get("build", True)
            ]
            defaults = [lang for lang in languages if lang.default]
            if len(defaults) != 1:
                raise DataError(
                    [Finding(name, 1, "config", "exactly one i18n language must have 'default: true'")]
                )
            return sorted(languages, key=lambda lang: not lang.default)
    raise DataError([Finding(name, 1, "config", "no 'i18n' plugin with 'languages:' found")])


def _looks_like_locale(name: str) -> bool:
    """A folder name shaped like a language code: `fr`, `hmn`, `pt-BR`, `zh_Hant`, `es-419`
    (a folder such as `my_images` is not one)."""
    return _LOCALE_LIKE.fullmatch(name) is not None


_LOCALE_LIKE = re.compile(r"[a-z]{2,3}(?:[-_](?:[A-Za-z]{2}|[A-Z][a-z]{3}|\d{3}))?")
