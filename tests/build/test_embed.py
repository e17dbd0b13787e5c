"""Embed pages as files: every embeddable page of every language has an embed page with the same
content (icon array, statistics with their sources, glossary terms) and none of the site's chrome or
Material's bundle; they are light."""

from __future__ import annotations

import gzip
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mammogram_callbacks.project import Project

from tests.support.builds import build_site
from tests.support.paths import REPO

PROJECT = Project(REPO)
LANGUAGES = [lang.code for lang in PROJECT.languages]
EMBEDDABLE = PROJECT.embeddable_pages()

# What an embed page may weigh, with its stylesheet and script, gzip-compressed (the full page with
# Material's CSS and JavaScript is about 70 KB); and the clinic's script ("a few KB": since it also
# adds the skip link, the fallback for a frame that never reports its height and the scrolling to a
# followed source note, 7.4 KB, 2.8 KB compressed, half of it comments).
EMBED_BUDGET_GZIP = 12 * 1024
HOST_SCRIPT_BUDGET = 8 * 1024
FRAME_SCRIPT_BUDGET = 3 * 1024


# ---- The real site's embed pages, as files --------------------------------------------------------


def embed_pages(site: Path):
    for lang in LANGUAGES:
        for page in EMBEDDABLE:
            yield lang, page, site / "embed" / lang / page.replace(".md", ".html")


def test_every_page_of_every_language_has_an_embed_page_without_the_sites_chrome(real_site):
    assert len(EMBEDDABLE) >= 8 and "embed.md" not in EMBEDDABLE and "translation-status.md" not in EMBEDDABLE
    for lang, page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in document, path
        for chrome in ("md-header", "md-nav", "md-search", "md-footer", "md-select", "md-sidebar", "md-tabs"):
            assert chrome not in document, (path, chrome)
        # Canonical, not noindex: search engines list the page it repeats (and may read it, robots.txt)
        assert 'name="robots"' not in document, path
        assert re.search(
            r'<link rel="canonical" href="http[^"]+/' + (page.replace(".md", ".html")) + '">', document
        ), path
        assert '<meta name="description" content="' in document, path  # the page's own (Lighthouse SEO)
    assert sorted(p.name for p in (real_site.site_dir / "embed").iterdir()) == sorted(LANGUAGES)
    assert not (real_site.site_dir / "embed/en/embed.html").exists()
    assert not (real_site.site_dir / "embed/es/translation-status.html").exists()


def test_embed_pages_have_the_pages_content_with_sources_icon_array_and_glossary(real_site):
    page = real_site.html("embed/es/callback.html")
    full = real_site.html("es/callback.html")
    assert '<svg viewBox="0 0 400 250" role="img"' in page  # the icon array
    assert "De 1,000 mujeres" in page  # numbers as US readers write them (es_US)
    assert "De dónde vienen estos números" in page and '<div class="footnote"' in page  # sources of numbers
    assert re.search(r'<abbr title="[^"]+" tabindex="0">radiólogo</abbr>', page)  # glossary tooltips
    # The same words as the full page: its <article> content, links aside.
    first_paragraph = re.search(r"<h2 id=\"how-common\">.*?</p>", full, re.S)[0]
    assert re.sub(r"<[^>]+>", "", first_paragraph) in re.sub(r"<[^>]+>", "", page)
    # The attribution line: the review date and a link to the full page, in a new tab.
    # The attribution line: the site's name and the review date in the reader's language, whether a
    # breast-imaging doctor reviewed the page, and a link to the full page, in a new tab.
    assert (
        "<p>Esta página es de Llamadas tras la mamografía. Última revisión: 1 de diciembre de 2026. "
        "Todavía no la revisó un médico especialista en imágenes del seno. "
        '<a href="../../es/callback.html" target="_blank" rel="noopener">Leer la página completa'
        '<span class="pe-visually-hidden"> (se abre en una pestaña nueva)</span></a></p>'
    ) in page
    # In Arabic: right to left, with Arabic-Indic digits in the date.
    assert "<p>هذه الصفحة من موقع استدعاءات الماموغرام. آخر مراجعة: ١ ديسمبر ٢٠٢٦." in real_site.html(
        "embed/ar/callback.html"
    )


def test_embed_links_open_in_a_new_tab_and_lead_to_pages_that_exist(real_site):
    for _lang, _page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<a\s[^>]*>", document):
            href = html.unescape(re.search(r'href="([^"]*)"', tag)[1])
            if href.startswith("#") or href.startswith("tel:"):
                assert "target=" not in tag, (path, tag)
                continue
            assert 'target="_blank"' in tag and "noopener" in tag, (path, tag)
            if not urlsplit(href).scheme:
                target = posixpath.normpath(
                    posixpath.join(
                        path.parent.relative_to(real_site.site_dir).as_posix(), urlsplit(href).path
                    )
                )
                assert (real_site.site_dir / target).is_file(), (path, href)


def test_embed_pages_load_no_material_bundle_and_no_inline_script(real_site):
    for _lang, _page, path in embed_pages(real_site.site_dir):
        document = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", document, re.S)
        assert scripts == [""], path  # one script, from a file
        assert re.findall(r'<script src="([^"]+)"', document) == ["../../assets/javascripts/embed-frame.js"]
        assert "bundle." not in document and "main." not in document and "palette." not in document
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', document) == [
            "../../assets/stylesheets/embed.css"
        ]
        assert re.search(r" on[a-z]+=", document) is None, path
        assert 'http-equiv="Content-Security-Policy"' in document


def test_embed_pages_are_light(real_site):
    site = real_site.site_dir
    css = (site / "assets/stylesheets/embed.css").read_bytes()
    frame_script = (site / "assets/javascripts/embed-frame.js").read_bytes()
    weights = {
        path: len(gzip.compress(path.read_bytes(), 9))
        + len(gzip.compress(css, 9))
        + len(gzip.compress(frame_script, 9))
        for _l, _p, path in embed_pages(site)
    }
    heaviest = max(weights, key=weights.get)
    print(
        f"\nheaviest embed page: {heaviest.relative_to(site)}, {weights[heaviest]} bytes gzipped with its "
        f"CSS and script (budget {EMBED_BUDGET_GZIP})"
    )
    assert weights[heaviest] <= EMBED_BUDGET_GZIP
    assert len(frame_script) <= FRAME_SCRIPT_BUDGET
    host_script = (site / "assets/javascripts/embed.js").read_bytes()
    assert len(host_script) <= HOST_SCRIPT_BUDGET
    for script in (host_script, frame_script):
        code = re.sub(rb"/\*.*?\*/", b"", script, flags=re.S)  # comments show an example address
        assert not re.search(
            rb"https?://|import\b|require\(|fetch\(|XMLHttpRequest|cookie|localStorage", code
        )


def test_a_page_not_translated_yet_is_embedded_in_the_source_language_with_the_readers_notice(site_factory):
    result = build_site(site_factory("untranslated-page"))
    assert result.error is None, result.warnings
    page = result.html("embed/es/extra.html")
    assert '<html lang="es" dir="ltr">' in page
    assert "Esta página todavía no está disponible en español. Está leyendo la versión en inglés." in page
    assert '<a href="../../es/extra.html" target="_blank" rel="noopener">Leer la página completa' in page


def test_the_neutral_site_lets_any_site_frame_its_embeds_and_no_site_its_pages(real_site):
    from mammogram_callbacks.publish.headers import parse_headers_file

    rules = parse_headers_file(real_site.html("_headers"))
    policies = {rule.pattern: rule.headers.get("Content-Security-Policy", "") for rule in rules}
    embed = [p for pattern, p in policies.items() if "/embed/" in pattern]
    assert embed and all(p.endswith("; frame-ancestors *") for p in embed)
    pages = [p for pattern, p in policies.items() if "/embed/" not in pattern and p]
    assert pages and all(p.endswith("; frame-ancestors 'none'") for p in pages)
