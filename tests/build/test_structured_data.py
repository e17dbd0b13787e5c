"""Every page's schema.org JSON-LD is valid against the vocabulary and says what is true."""

from __future__ import annotations

import json
import re

from mammogram_callbacks.publish.csp_audit import blocked_inline_code

from tests.support import schema_org
from tests.support.project import LANGUAGES, lang_root

_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(html: str) -> dict:
    blocks = _JSON_LD.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_every_page_has_valid_json_ld_in_its_language(real_site):
    checked = 0
    for page in sorted(real_site.site_dir.rglob("*.html")):
        relative = page.relative_to(real_site.site_dir).as_posix()
        if relative.startswith("embed/") or relative.endswith("404.html"):
            continue
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # a moved page's stub
            continue
        data = structured_data(html)
        assert schema_org.problems(data) == [], relative
        assert data["@context"] == "https://schema.org"
        assert data["url"].endswith(relative)
        language = re.search(r'<html lang="([^"]+)"', html)[1]
        assert data["inLanguage"] == language or data["inLanguage"] == "en", relative  # en: a fallback
        # Nobody is named as a medical reviewer: data/reviews.yml has no signed review yet.
        assert "reviewedBy" not in data, relative
        # JSON-LD is data: the policy's audit does not take it for inline code.
        assert blocked_inline_code(html, relative) == [], relative
        checked += 1
    assert checked >= len(LANGUAGES) * 14


def test_a_page_and_its_translations_point_at_each_other(real_site):
    source = structured_data((real_site.site_dir / "callback.html").read_text(encoding="utf-8"))
    assert source["@type"] == "MedicalWebPage" and source["about"]["@type"] == "MedicalTest"
    assert source["lastReviewed"] == "2026-12-01"
    assert {t["inLanguage"] for t in source["workTranslation"]} == set(LANGUAGES) - {"en"}
    spanish = structured_data(
        (real_site.site_dir / f"{lang_root('es')}callback.html").read_text(encoding="utf-8")
    )
    assert spanish["translationOfWork"]["url"] == source["url"]
    assert spanish["about"]["name"] == "mamografía de detección"
    # Pages for clinics and translators are web pages, not medical ones.
    status = structured_data((real_site.site_dir / "translation-status.html").read_text(encoding="utf-8"))
    assert status["@type"] == "WebPage" and "about" not in status


def test_the_validator_refuses_what_schema_org_does_not_have():
    assert schema_org.problems({"@type": "MedicalWebPage", "lastReviewed": "soon"}) == [
        "$.lastReviewed: 'soon' is not an ISO date"
    ]
    assert schema_org.problems({"@type": "MedicalWebPage", "reviewedByDoctor": "x"}) == [
        "$.reviewedByDoctor: not a schema.org property"
    ]
    assert schema_org.problems({"@type": "WebSite", "lastReviewed": "2026-01-01"}) == [
        "$.lastReviewed: not a property of WebSite"
    ]
    assert schema_org.problems({"@type": "MedicalWebPage", "reviewedBy": {"@type": "MedicalTest"}})
    assert schema_org.problems({"@type": "HealthPage"}) == ["$: unknown type 'HealthPage'"]
