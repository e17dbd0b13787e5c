"""Medical reviews: who may sign one, which page version each one covers, and whether it still holds.

Two kinds of review, both recorded in `data/reviews.yml` (never in a page's front matter, so that an
edit to a page cannot declare the page reviewed):

- **clinical**: an English page, by a breast-imaging doctor;
- **medical-translation**: a translated page, by a qualified medical translator of that language.

A review names a reviewer listed in `data/reviewers.yml` (name, qualification, kind, languages) and
the exact versions it covers: the English page's text (`source_version`) and, for a translation,
the translated text (`translation_version`). A version is the git blob id of the page's body (the
text after its front matter), so a new review date in the front matter does not undo a review, and
any change of wording does: the review **lapses** by itself and every page says so again. The
repository's CODEOWNERS file makes the reviewers' approval required for a change to reviews.yml.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from mammogram_callbacks.core.findings import DataError, Finding
from mammogram_callbacks.core.paths import display_path
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.core.yaml_lines import LineMap, load_yaml

CHECK = "review"
KINDS = ("clinical", "medical-translation")


@dataclass(frozen=True)
class Reviewer:
    id: str
    name: str
    qualification: str
    kind: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    reviewer: Reviewer
    date: datetime.date
    source_version: str
    translation_version: str | None
    line: int


@dataclass(frozen=True)
class ReviewState:
    """A page's review as readers and the status page see it."""

    state: str  # "none", "current", "lapsed"
    review: Review | None = None

    @property
    def current(self) -> bool:
        return self.state == "current"


@dataclass
class Reviews:
    reviewers: dict[str, Reviewer]
    clinical: dict[str, Review]  # English page -> review
    translation: dict[str, dict[str, Review]]  # language -> page -> review
    path: str = "data/reviews.yml"

    def clinical_state(self, page: str, source_text: str) -> ReviewState:
        return _state(self.clinical.get(page), body_version(source_text), None)

    def translation_state(
        self, language: str, page: str, source_text: str, translation_text: str
    ) -> ReviewState:
        review = self.translation.get(language, {}).get(page)
        return _state(review, body_version(source_text), body_version(translation_text))


def body_version(text: str) -> str:
    """The git blob id of a page's body: its text after the front matter."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                lines = lines[index + 1 :]
                break
    return blob_id("".join(lines).encode("utf-8"))


def load_reviews(data_dir: Path, display_root: Path) -> Reviews:
    """Read data/reviewers.yml and data/reviews.yml; raise DataError listing every problem.

    Both files are optional: without them, no page is reviewed.
    """
    problems: list[Finding] = []
    reviewers_path, reviews_path = data_dir / "reviewers.yml", data_dir / "reviews.yml"
    reviewers_name, reviews_name = (
        display_path(reviewers_path, display_root),
        display_path(reviews_path, display_root),
    )
    reviewers: dict[str, Reviewer] = {}
    raw = load_yaml(reviewers_path, reviewers_name) if reviewers_path.exists() else None
    for reviewer_id, entry in _items(raw, "reviewers", reviewers_name, problems):
        line = entry.line if isinstance(entry, LineMap) else 1
        if not isinstance(entry, LineMap):
            problems.append(
                Finding(
                    reviewers_name,
                    line,
                    "data",
                    f"reviewer '{reviewer_id}' must be a mapping with "
                    "name, qualification, kind and languages",
                )
            )
            continue
        missing = [key for key in ("name", "qualification", "kind", "languages") if not entry.get(key)]
        if missing:
            problems.append(
                Finding(
                    reviewers_name,
                    line,
                    "data",
                    f"reviewer '{reviewer_id}' needs {', '.join(missing)}: nobody is listed "
                    f"without their qualification",
                )
            )
            continue
        if entry["kind"] not in KINDS:
            problems.append(
                Finding(
                    reviewers_name,
                    entry.line_of("kind"),
                    "data",
                    f"reviewer '{reviewer_id}': kind is {entry['kind']!r}; expected one of "
                    f"{', '.join(KINDS)}",
                )
            )
            continue
        languages = entry["languages"]
        if not (isinstance(languages, list) and all(isinstance(code, str) for code in languages)):
            problems.append(
                Finding(
                    reviewers_name,
                    entry.line_of("languages"),
                    "data",
                    f"reviewer '{reviewer_id}': languages must be a list of language codes",
                )
            )
            continue
        reviewers[str(reviewer_id)] = Reviewer(
            str(reviewer_id), str(entry["name"]), str(entry["qualification"]), entry["kind"], tuple(languages)
        )

    raw = load_yaml(reviews_path, reviews_name) if reviews_path.exists() else None
    clinical: dict[str, Review] = {}
    for page, entry in _items(raw, "clinical", reviews_name, problems):
        review = _review(
            entry, str(page), "clinical", "en", reviewers, reviews_name, problems, translation=False
        )
        if review:
            clinical[str(page)] = review
    translation: dict[str, dict[str, Review]] = {}
    for language, pages in _items(raw, "medical_translation", reviews_name, problems):
        for page, entry in _items({"pages": pages}, "pages", reviews_name, problems):
            review = _review(
                entry,
                str(page),
                "medical-translation",
                str(language),
                reviewers,
                reviews_name,
                problems,
                translation=True,
            )
            if review:
                translation.setdefault(str(language), {})[str(page)] = review
    if problems:
        raise DataError(problems)
    return Reviews(reviewers, clinical, translation, reviews_name)


def review_findings(
    page_path: str, page: str, state: ReviewState, kind: str, reviews_path: str
) -> list[Finding]:
    """A lapsed review is a notice to the team (never blocking: the page then says it is not reviewed)."""
    if state.state != "lapsed" or state.review is None:
        return []
    who = state.review.reviewer.name
    return [
        Finding(
            page_path,
            1,
            CHECK,
            f"{kind} review lapsed: the page changed after {who} reviewed it on "
            f"{state.review.date.isoformat()} ({reviews_path}:{state.review.line} for {page}); readers are "
            f"told it is not reviewed until {who} reviews the change",
            blocking=False,
        )
    ]


def _state(review: Review | None, source_version: str, translation_version: str | None) -> ReviewState:
    if review is None:
        return ReviewState("none")
    holds = review.source_version == source_version and review.translation_version == translation_version
    return ReviewState("current" if holds else "lapsed", review)


def _review(
    entry,
    page: str,
    kind: str,
    language: str,
    reviewers: dict[str, Reviewer],
    name: str,
    problems: list[Finding],
    translation: bool,
) -> Review | None:
    line = entry.line if isinstance(entry, LineMap) else 1
    keys = ("reviewer", "date", "source_version") + (("translation_version",) if translation else ())
    if not isinstance(entry, LineMap) or any(not entry.get(key) for key in keys):
        problems.append(Finding(name, line, "data", f"review of {page} needs {', '.join(keys)}"))
        return None
    reviewer = reviewers.get(str(entry["reviewer"]))
    if reviewer is None:
        problems.append(
            Finding(
                name,
                entry.line_of("reviewer"),
                "data",
                f"review of {page}: reviewer '{entry['reviewer']}' is not listed in "
                f"data/reviewers.yml (with their qualification)",
            )
        )
        return None
    if reviewer.kind != kind or language not in reviewer.languages:
        problems.append(
            Finding(
                name,
                entry.line_of("reviewer"),
                "data",
                f"review of {page}: {reviewer.name} is listed for {reviewer.kind} reviews in "
                f"{', '.join(reviewer.languages)}, not for a {kind} review in {language}",
            )
        )
        return None
    if not isinstance(entry["date"], datetime.date):
        problems.append(
            Finding(
                name,
                entry.line_of("date"),
                "data",
                f"review of {page}: date is {entry['date']!r}; expected YYYY-MM-DD",
            )
        )
        return None
    return Review(
        reviewer,
        entry["date"],
        str(entry["source_version"]),
        str(entry["translation_version"]) if translation else None,
        line,
    )


def _items(raw, key: str, name: str, problems: list[Finding]) -> list[tuple[object, object]]:
    if raw is None:
        return []
    if not isinstance(raw, dict):
        problems.append(Finding(name, 1, "data", "expected a mapping"))
        return []
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, dict):
        line = raw.line_of(key) if isinstance(raw, LineMap) and key in raw else 1
        problems.append(Finding(name, line, "data", f"'{key}' must be a mapping"))
        return []
    return list(value.items())
