"""Front matter every page needs: a title, who reviewed it and when it is next due for review;
and, for a translation, who translated it and whether a medical translator has reviewed it."""

from __future__ import annotations

import datetime

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.page import ParsedPage, front_matter_line

CHECK = "front-matter"
OVERDUE = "review overdue"


def is_overdue_finding(finding: Finding) -> bool:
    return finding.check == CHECK and finding.message.startswith(OVERDUE)


def overdue_since(page: ParsedPage, today: datetime.date) -> datetime.date | None:
    """The page's next_review date when it has passed, else None."""
    review = page.meta.get("review")
    due = review.get("next_review") if isinstance(review, dict) else None
    return due if isinstance(due, datetime.date) and due < today else None


def check_meta(page: ParsedPage, is_translation: bool, today: datetime.date) -> list[Finding]:
    findings = list(page.meta_findings)
    if page.meta_findings:
        return findings
    meta = page.meta

    def need(condition: bool, line: int, message: str, blocking: bool = True) -> None:
        if not condition:
            findings.append(Finding(page.path, line, CHECK, message, blocking))

    title = meta.get("title")
    need(isinstance(title, str) and title.strip() != "", 1, "front matter needs a 'title:'")
    review = meta.get("review")
    if not isinstance(review, dict):
        need(False, 1, "front matter needs 'review:' with reviewed_by, last_reviewed and next_review")
    else:
        reviewer = review.get("reviewed_by")
        need(
            isinstance(reviewer, str) and reviewer.strip() != "",
            front_matter_line(page, "review"),
            "review.reviewed_by must name who reviewed the page",
        )
        last, due = review.get("last_reviewed"), review.get("next_review")
        for key, value in (("last_reviewed", last), ("next_review", due)):
            need(
                isinstance(value, datetime.date),
                front_matter_line(page, "review", key),
                f"review.{key} is {value!r}; expected a date (YYYY-MM-DD)",
            )
        if isinstance(last, datetime.date) and isinstance(due, datetime.date):
            need(
                due > last,
                front_matter_line(page, "review", "next_review"),
                "review.next_review must come after review.last_reviewed",
            )
            need(
                due >= today,
                front_matter_line(page, "review", "next_review"),
                f"{OVERDUE} since {due.isoformat()}: review the page and update the dates (readers see a "
                f"notice; `make publish` refuses it unless ALLOW_OVERDUE=1)",
                blocking=False,
            )
    if is_translation:
        info = meta.get("translation")
        if not isinstance(info, dict):
            need(
                False,
                1,
                "a translation needs 'translation:' with translated_by, medical_review and source_blob",
            )
        else:
            by = info.get("translated_by")
            need(
                isinstance(by, str) and by.strip() != "",
                front_matter_line(page, "translation"),
                "translation.translated_by must name who translated the page",
            )
            need(
                isinstance(info.get("machine_assisted", False), bool),
                front_matter_line(page, "translation", "machine_assisted"),
                "translation.machine_assisted is true (a machine-assisted draft: readers are told) or false",
            )
            # A page cannot declare itself reviewed: reviews live in data/reviews.yml (data.reviews),
            # signed by a listed reviewer for the exact text, and lapse when the text changes.
            need(
                info.get("medical_review") is False,
                front_matter_line(page, "translation", "medical_review"),
                "translation.medical_review must be false: a medical review is recorded in "
                "data/reviews.yml by a reviewer listed in data/reviewers.yml "
                "(TRANSLATING.md, Medical review)",
            )
    return findings
