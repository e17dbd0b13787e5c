"""Fixture sites and the real site through real `mkdocs build --strict` runs."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import ClassVar

from mammogram_callbacks.project import Project

from tests.support.builds import build_site
from tests.support.paths import REPO


def test_clean_fixture_builds_strict_and_renders_each_language(site_factory):
    result = build_site(site_factory())
    assert result.error is None, result.warnings
    assert result.warnings == []
    en, es, ar = (result.html(p) for p in ("callback.html", "es/callback.html", "ar/callback.html"))
    # Statistics rendered in each language's number format, with a numbered source note at the end
    # of the sentence, never on the figure.
    assert re.search(r"about 116 are <abbr [^>]*>called back</abbr>\.<sup id=\"fnref:src-bcsc_2017\"", en)
    assert "1 de cada 10" in result.html("es/index.html")
    assert "١ من كل ١٠" in result.html("ar/index.html")
    assert '<html lang="ar" dir="rtl"' in ar and '<html lang="es" dir="ltr"' in es
    assert "Where these numbers come from" in en and "De dónde vienen estos números" in es
    # The source notes' links back to the text are titled in the page's language.
    assert 'title="Volver al texto (fuente 1)"' in es and "Jump back" not in es
    assert "Breast Cancer Surveillance Consortium. <em>National Performance Benchmarks" in en
    # The icon array, labelled in the reader's language, with grouped highlighted icons.
    assert '<svg viewBox="0 0 400 250" role="img"' in es
    assert "De 1.000 mujeres que se hacen una mamografía de detección, a unas 116" in es
    assert "من بين ١٬٠٠٠ امرأة" in ar
    # Glossary tooltips from the termbase.
    assert '<abbr tabindex="0" title="Tiny specks of calcium in the breast.">Calcifications</abbr>' in en
    # Translations not reviewed by a medical translator say so, linking the source page.
    assert "Todavía no la revisó un traductor médico" in es
    assert '<a href="../callback.html" hreflang="en">Leer la página en inglés</a>' in es
    assert "Not yet checked" not in en
    # The review line, with dates and the project's own team in the reader's language, and whether a
    # breast-imaging doctor has reviewed the page.
    assert (
        "Revisado por Equipo de prueba el 1 de enero de 2026. "
        "Próxima revisión prevista el 1 de enero de 2099." in es
    )
    assert "Todavía no la revisó un médico especialista en imágenes del seno." in es
    assert "Not yet reviewed by a breast-imaging doctor." in en
    # The site's name in the header, in the reader's language.
    assert "Sitio de prueba" in es and "موقع الاختبار" in ar


def test_wrong_number_fails_strict_build_with_the_translator_message(site_factory):
    result = build_site(site_factory("wrong-number"))
    assert result.error is not None
    assert result.warnings == [
        "docs/es/callback.md:18: number 100 does not match the source (docs/en/callback.md:14 says 1,000)"
    ]


def test_unsafe_page_fails_strict_build(site_factory):
    result = build_site(site_factory("script-tag"))
    assert result.error is not None
    assert any(w.startswith("docs/es/index.md:16: raw HTML <script> is not allowed") for w in result.warnings)


def test_outdated_translation_builds_with_a_banner_in_the_readers_language(site_factory):
    result = build_site(site_factory("source-changed"))
    assert result.error is None, result.warnings
    es = result.html("es/callback.html")
    assert "Esta traducción puede estar desactualizada" in es
    assert "pe-notice--outdated" not in result.html("es/index.html")


def test_missing_page_falls_back_with_a_notice_in_the_readers_language(site_factory):
    result = build_site(site_factory("untranslated-page"))
    assert result.error is None, result.warnings
    es = result.html("es/extra.html")
    assert "Esta página todavía no está disponible en español. Está leyendo la versión en inglés." in es
    assert '<html lang="es"' in es


def test_unknown_statistic_stops_the_build_with_file_and_line(site_factory):
    result = build_site(site_factory("unknown-statistic"), strict=False)
    assert result.error is not None
    assert any(
        "docs/es/index.md:14: unknown statistic 'callback_about_1_in_100'" in w
        for w in [*result.warnings, str(result.error)]
    )


def test_broken_data_stops_the_build(site_factory):
    result = build_site(site_factory("broken-yaml"), strict=False)
    assert result.error is not None
    assert "data/termbase/es.yml:11: invalid YAML" in str(result.error) + "\n".join(result.warnings)


# ---- The real site ------------------------------------------------------------------------------


def test_real_site_builds_strict_with_zero_findings(real_site):
    assert real_site.warnings == []
    assert "translation checks: 0 blocking finding(s), 0 notice(s)" in real_site.infos


def test_every_page_exists_in_every_language_with_its_lang(real_site):
    project = Project(REPO)
    for lang in project.languages:
        for page in project.source_pages():
            path = ("" if lang.default else f"{lang.code}/") + page.removesuffix(".md") + ".html"
            html = real_site.html(path)
            assert f'<html lang="{lang.code}"' in html, path


def test_a_machine_assisted_translation_says_so_in_its_language_with_a_link_to_the_english(real_site):
    project = Project(REPO)
    shown = 0
    for lang in project.languages:
        if lang.default:
            continue
        said = project.data.ui[lang.code]["notice_machine_assisted"].split("{")[0][:40]
        for page in project.source_pages():
            if not project.page_file(lang.code, page).exists():  # a page for translators only
                continue
            info = project.parse(project.page_file(lang.code, page)).meta.get("translation") or {}
            if lang.code in ("so", "hmn"):  # made this way, and no one has reviewed them
                assert info.get("machine_assisted") is True, (lang.code, page)
            if info.get("machine_assisted") is not True or info.get("untranslated"):
                continue
            html = real_site.html(f"{lang.code}/{page.removesuffix('.md')}.html")
            notice = html[html.index("pe-notice--not-reviewed") :][:3000]
            assert said in notice, (lang.code, page)
            english = re.escape(page.removesuffix(".md"))
            assert re.search(r'<a [^>]*href="\.\./' + english, notice), (lang.code, page)
            shown += 1
    assert shown >= 45


def test_every_page_ends_with_free_language_help_in_each_other_language_in_that_language(real_site):
    project = Project(REPO)
    others = [lang.code for lang in project.languages if not lang.default]
    expected = "".join(
        f'<p lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">'
        f"{html.escape(project.data.ui[code]['language_help'], quote=False)}</p>"
        for code in others
    )
    for lang in project.languages:
        for page in ("index.md", "callback.md", "next-steps.md"):
            document = real_site.html(
                f"{'' if lang.default else lang.code + '/'}{page.removesuffix('.md')}.html"
            )
            block = document[document.index('<div class="pe-language-help">') :].split("</div>", 1)[0]
            assert re.sub(r">\s+<", "><", block).strip().endswith(expected), (lang.code, page)
        embed = real_site.html(f"embed/{lang.code}/callback.html")
        assert project.data.ui["so"]["language_help"] in embed and 'lang="hmn"' in embed


class _ThirdParty(HTMLParser):
    """Collects every URL the browser would fetch on its own: src, stylesheets, preloads, icons."""

    FETCHING_RELS: ClassVar[set[str]] = {
        "stylesheet",
        "preload",
        "modulepreload",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "manifest",
        "prefetch",
        "preconnect",
        "dns-prefetch",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "srcset", "data", "poster", "background"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & self.FETCHING_RELS and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "style" or attrs.get("style"):
            self.urls += re.findall(r"url\(([^)]*)\)", attrs.get("style") or "")


def test_no_page_fetches_anything_from_a_third_party(real_site):
    pages = list(real_site.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = _ThirdParty()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        external = [u for u in parser.urls if re.match(r"(https?:)?//", u.strip())]
        assert external == [], f"{page}: {external}"
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    for css in real_site.site_dir.rglob("*.css"):
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def test_materials_bundle_is_deferred_on_every_page_and_runs_before_the_sites_corrections(real_site):
    """overrides/main.html adds `defer` to the first script of Material's block by text: when an
    upgrade of Material changes that block, this says so (and pe-material.js must still follow)."""
    pages = [
        p
        for p in real_site.site_dir.rglob("*.html")
        if "embed" not in p.relative_to(real_site.site_dir).parts
    ]
    checked = 0
    for page in pages:
        parser = _Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        names = [s["src"].rsplit("/", 1)[-1] for s in parser.scripts]
        bundles = [i for i, name in enumerate(names) if re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", name)]
        if not bundles and '<meta http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue  # a moved page's forwarding page
        assert len(bundles) == 1, (page, names)
        bundle = parser.scripts[bundles[0]]
        assert "defer" in bundle, (page, bundle)
        assert (
            names.index("pe-material.js") > bundles[0]
            and "defer" in parser.scripts[names.index("pe-material.js")]
        )
        checked += 1
    assert checked > 20


def test_each_language_has_its_own_search_index_and_sitemap(real_site):
    import json

    en = json.loads(real_site.html("search/search_index.json"))
    es = json.loads(real_site.html("es/search/search_index.json"))
    assert es["config"]["lang"] == ["es"] and en["config"]["lang"] == ["en"]
    assert any("ecografía" in d["text"].lower() for d in es["docs"])
    assert not any(d["location"].startswith("es/") for d in en["docs"])
    assert all(not d["location"].startswith("es/") for d in es["docs"])  # relative to /es/
    assert f"<loc>{real_site.site_url}es/callback.html</loc>" in real_site.html("es/sitemap.xml")
    # Spanish pages load the Spanish index: their search base is the Spanish root.
    assert '"base": "."' in real_site.html("es/callback.html")
    assert '"base": "."' in real_site.html("callback.html")


def test_glossary_lists_every_concept_with_an_anchor_in_every_language(real_site):
    project = Project(REPO)
    for lang in project.languages:
        html = real_site.html(("" if lang.default else f"{lang.code}/") + "glossary.html")
        for concept, entries in project.data.terms.items():
            assert f'<dt id="{concept}">' in html, (lang.code, concept)
            assert entries[lang.code].definition.split(".")[0] in html
        assert "{ #" not in html


def test_the_source_notes_stay_on_the_page_but_out_of_the_search_index(real_site):
    page = real_site.html("callback.html")
    assert '<div class="footnote" data-search-exclude>' in page  # the notes are on the page
    for index_file in sorted(real_site.site_dir.rglob("search_index.json")):
        docs = json.loads(index_file.read_text(encoding="utf-8"))["docs"]
        outside_sources = [d for d in docs if not d["location"].startswith("sources.html")]
        # A citation's URL is found on the sources page only, not in every page's notes.
        assert not any("pmc.ncbi.nlm.nih.gov" in d["text"] for d in outside_sources), index_file
        assert any("pmc.ncbi.nlm.nih.gov" in d["text"] for d in docs), index_file


def test_a_translation_with_one_changed_section_marks_that_section_not_the_whole_page(site_factory):
    from mammogram_callbacks.cli import app
    from typer.testing import CliRunner

    root = site_factory()
    assert CliRunner().invoke(app, ["migrate-segments", "--root", str(root)]).exit_code == 0
    english = root / "docs/en/callback.md"
    english.write_text(
        english.read_text().replace("A needle about 1.5 mm wide", "A thin needle about 1.5 mm wide")
    )
    result = build_site(root)
    assert result.error is None, result.warnings
    html = result.html("es/callback.html")
    # The page-top notice says sections are marked, and the note sits in the changed section only.
    assert "Algunas secciones de esta página cambiaron en inglés" in html
    assert html.count("pe-outdated-section") == 1
    after_heading = html.split('id="next-tests"', 1)[1]
    assert "Esta sección cambió en inglés" in after_heading.split("<table", 1)[0]
    assert 'href="../callback.html#next-tests"' in after_heading.split("<table", 1)[0]
    assert "Esta sección cambió en inglés" not in html.split('id="next-tests"', 1)[0]


def test_the_status_page_shows_the_matrix_and_each_changed_segment_side_by_side(site_factory):
    from mammogram_callbacks.cli import app
    from typer.testing import CliRunner

    root = site_factory()
    assert CliRunner().invoke(app, ["migrate-segments", "--root", str(root)]).exit_code == 0
    english = root / "docs/en/callback.md"
    english.write_text(english.read_text().replace("it is usually not cancer", "it is most often not cancer"))
    (root / "docs/en/translation-status.md").write_text(
        (REPO / "docs/en/translation-status.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = build_site(root)
    assert result.error is None, result.warnings
    html = result.html("translation-status.html")
    matrix = html.split('class="pe-status__matrix"', 1)[1].split("</table>", 1)[0]
    assert '<a href="#status-es-callback">⚠ outdated</a><br><small>12/13 segments</small>' in matrix
    assert '<a href="#status-es-index">✓ current</a>' in matrix
    change = html.split('id="changes-es-callback"', 1)[1]
    assert "<code>callback/p1</code>" in change
    assert "A callback is common, and it is usually not cancer." in change  # English then
    assert "it is <del>usually</del><ins>most often</ins> not cancer" in change  # now, marked
    assert "Una llamada para más pruebas es común, y casi nunca es cáncer." in change


def test_the_patients_menu_has_no_pages_for_clinics_or_translators_and_each_home_page_links_them(real_site):
    for language, prefix in (("en", ""), ("es", "es/"), ("ar", "ar/")):
        home = real_site.html(f"{prefix}index.html")
        menu = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        assert "embed.html" not in menu and "translation-status.html" not in menu, language
        more = home.split('class="pe-more"', 1)[1].split("</ul>", 1)[0]
        assert 'href="embed.html"' in more, language
        assert "translation-status.html" in more, language
        assert (real_site.site_dir / f"{prefix}embed.html").exists()
    spanish = real_site.html("es/index.html").split('class="pe-more"', 1)[1].split("</ul>", 1)[0]
    assert "Para clínicas y equipos web:" in spanish
    assert "Para traductores:" in spanish
    # Not on other pages.
    assert 'class="pe-more"' not in real_site.html("callback.html")
