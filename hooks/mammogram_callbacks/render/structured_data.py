"""What search engines and assistive tools read about a page: schema.org `MedicalWebPage` JSON-LD.

Data, not script: it is written as `<script type="application/ld+json">`, which browsers never
run (the Content-Security-Policy audit treats it so, publish.csp_audit). `reviewedBy` names only
a current medical review signed in data/reviews.yml: the editorial review date is the page's
`lastReviewed`, but nobody is named as a medical reviewer who did not review.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from mammogram_callbacks.data.reviews import Reviewer

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageFacts:
    """What the JSON-LD says about one page."""

    url: str  # absolute
    name: str
    description: str
    language: str  # the page's content language (a BCP 47 tag)
    site_name: str
    site_url: str  # absolute, ending in /
    subject: str  # the test the page is about, in the page's language ("screening mammogram")
    last_reviewed: datetime.date | None = None
    medical_reviewer: Reviewer | None = None  # only a current, signed review
    source_url: str | None = None  # on a translation: the page it translates
    translations: Mapping[str, str] = field(default_factory=dict)  # language -> absolute URL


# ---- Functions ---------------------------------------------------------------------------------


def medical_web_page(facts: PageFacts) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": facts.name,
        "description": facts.description,
        "url": facts.url,
        "inLanguage": facts.language,
        "about": {"@type": "MedicalTest", "name": facts.subject},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "isPartOf": {"@type": "WebSite", "name": facts.site_name, "url": facts.site_url},
    }
    if facts.last_reviewed:
        data["lastReviewed"] = facts.last_reviewed.isoformat()
    if facts.medical_reviewer:
        data["reviewedBy"] = {
            "@type": "Person",
            "name": facts.medical_reviewer.name,
            "jobTitle": facts.medical_reviewer.qualification,
        }
    if facts.source_url:
        data["translationOfWork"] = {"@type": "MedicalWebPage", "url": facts.source_url}
    if facts.translations:
        data["workTranslation"] = [
            {"@type": "MedicalWebPage", "url": url, "inLanguage": code}
            for code, url in sorted(facts.translations.items())
        ]
    return data


def json_ld(data: dict) -> str:
    """The JSON for a <script type="application/ld+json"> element: nothing in it can end the
    element or start markup (`<` is written \\u003c, as `&` and `>` are)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
