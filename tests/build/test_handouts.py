"""The one-page handouts of the real site, read back from the PDFs the build printed: one page each,
in every language, the QR code leading to the same page in the same language, the review date, the
fonts of each script; and the link to each sheet on its page."""

from __future__ import annotations

import pytest
from mammogram_callbacks.data.handout_config import load_handout_config
from mammogram_callbacks.project import Project

from tests.support.handouts import read_handout
from tests.support.paths import REPO

PROJECT = Project(REPO)
LANGUAGES = [language.code for language in PROJECT.languages]
HANDOUTS = load_handout_config(PROJECT.data_dir, PROJECT.root, PROJECT.source_pages())
LETTER = (612.0, 792.0)  # 8.5 x 11 inches, in points


def _page_url(site_url: str, lang: str, page: str) -> str:
    prefix = "" if lang == PROJECT.default.code else f"{lang}/"
    return f"{site_url}{prefix}{page.removesuffix('.md')}.html"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_handout_is_one_letter_page_whose_qr_code_opens_the_same_page_in_its_language(real_site, lang):
    assert len(HANDOUTS.pages) >= 10
    for page in HANDOUTS.pages:
        pdf = real_site.site_dir / "handouts" / lang / page.replace(".md", ".pdf")
        assert pdf.exists(), f"no handout {pdf.relative_to(real_site.site_dir)}"
        sheet = read_handout(pdf)
        where = f"{lang}/{page}"
        assert sheet.pages == 1, where
        assert sheet.paper_points == LETTER, where
        assert sheet.qr_codes == [_page_url(real_site.site_url, lang, page)], where
        # The page's address is printed too, for a phone without a camera.
        assert _page_url(real_site.site_url, lang, page).split("//", 1)[1] in sheet.text.replace("\n", ""), (
            where
        )


def test_each_sheet_carries_its_pages_title_key_points_warning_and_review_date(real_site):
    sheet = read_handout(real_site.site_dir / "handouts" / "en" / "biopsy.pdf")
    text = sheet.words
    assert "Biopsy" in text
    assert "Key points" in text and "Do not stop a blood thinner on your own." in text
    assert "Call your doctor if" in text and "fever" in text
    assert "Next review due June 1, 2027" in text
    assert "Questions? Call your imaging center." in text
    # Free language help, in each of the site's other languages.
    assert "Hay ayuda gratuita en español." in text
    next_steps = read_handout(real_site.site_dir / "handouts" / "en" / "next-steps.pdf").words
    assert "BI-RADS 5 means the area looks very much like cancer." in next_steps


def test_figures_on_a_sheet_name_their_sources(real_site):
    text = read_handout(real_site.site_dir / "handouts" / "en" / "index.pdf").words
    assert "about 116 were asked to come back" in text
    assert "Where the numbers come from" in text and "Breast Cancer Surveillance Consortium" in text


def test_arabic_and_chinese_sheets_are_set_in_fonts_that_have_their_letters(real_site):
    arabic = read_handout(real_site.site_dir / "handouts" / "ar" / "callback.pdf")
    assert any("Noto-Sans-Arabic" in font for font in arabic.fonts), arabic.fonts
    assert "خزعة" in arabic.text or "الأشعة" in arabic.text or "سرطان" in arabic.text
    chinese = read_handout(real_site.site_dir / "handouts" / "zh" / "callback.pdf")
    assert any("Noto-Sans-CJK" in font for font in chinese.fonts), chinese.fonts
    assert "乳房" in chinese.text or "乳腺" in chinese.text


def test_every_page_with_a_handout_links_to_it_in_its_language(real_site):
    for lang in LANGUAGES:
        ui = PROJECT.data.ui_for(lang)
        for page in HANDOUTS.pages:
            prefix = "" if lang == PROJECT.default.code else f"{lang}/"
            html = real_site.html(f"{prefix}{page.replace('.md', '.html')}")
            back = "" if lang == PROJECT.default.code else "../"
            link = f'<a href="{back}handouts/{lang}/{page.replace(".md", ".pdf")}" type="application/pdf">'
            assert link + ui["handout_link"] + "</a>" in html, f"{lang}/{page}"
    assert "pe-handout" not in real_site.html("sources.html")


def test_the_build_reports_the_handouts_weight(real_site):
    line = next(message for message in real_site.infos if message.startswith("handouts:"))
    assert f"{len(HANDOUTS.pages) * len(LANGUAGES)} one-page PDFs (letter)" in line
