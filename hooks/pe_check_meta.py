"""Front matter every page needs: a title, who reviewed it and when it is next due for review;
and, for a translation, who translated it and whether a medical translator has reviewed it."""

from __future__ import annotations

import datetime

from pe_findings import Finding
from pe_markdown import ParsedPage, front_matter_line

CHECK = "front-matter"


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
        need(isinstance(reviewer, str) and reviewer.strip() != "", front_matter_line(page, "review"),
             "review.reviewed_by must name who reviewed the page")
        last, due = review.get("last_reviewed"), review.get("next_review")
        for key, value in (("last_reviewed", last), ("next_review", due)):
            need(isinstance(value, datetime.date), front_matter_line(page, "review", key),
                 f"review.{key} is {value!r}; expected a date (YYYY-MM-DD)")
        if isinstance(last, datetime.date) and isinstance(due, datetime.date):
            need(due > last, front_matter_line(page, "review", "next_review"),
                 "review.next_review must come after review.last_reviewed")
            need(due >= today, front_matter_line(page, "review", "next_review"),
                 f"review overdue since {due.isoformat()}: review the page and update the dates", blocking=False)
    if is_translation:
        info = meta.get("translation")
        if not isinstance(info, dict):
            need(False, 1, "a translation needs 'translation:' with translated_by, medical_review and source_blob")
        else:
            by = info.get("translated_by")
            need(isinstance(by, str) and by.strip() != "", front_matter_line(page, "translation"),
                 "translation.translated_by must name who translated the page")
            review_info = info.get("medical_review")
            need(review_info is False or (isinstance(review_info, dict) and review_info.get("reviewed_by")
                                         and isinstance(review_info.get("date"), datetime.date)),
                 front_matter_line(page, "translation", "medical_review"),
                 "translation.medical_review is false, or {reviewed_by: NAME, date: YYYY-MM-DD} once a "
                 "qualified medical translator has reviewed it")
    return findings
