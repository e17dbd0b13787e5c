"""Fills each page from the project's data, in the reader's language.

- `[[stat:ID]]` becomes the statistic, formatted for the page's language, with a note naming its
  source; the notes are listed at the end under "Where these numbers come from".
- `[[clinic:ID]]` becomes the clinic's name (and phone) in a branded build, the neutral words
  ("your imaging center") otherwise; a branded build also gets the clinic's box on every page.
- `<!-- pe:icon-array -->`, `<!-- pe:glossary -->`, `<!-- pe:sources -->`,
  `<!-- pe:translation-status -->` and `<!-- pe:embed-builder -->` become the generated blocks
  (Jinja macros in overrides/hooks/).
- Every approved term gets its glossary definition as a tooltip.
- The page learns which notices to show (not translated, outdated, not reviewed) and its review
  line; overrides/partials/pe-*.html render them.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Mapping
from typing import Any

from babel import Locale
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.checks.readability import Reading, project_readings
from mammogram_callbacks.checks.rendered_html import check_rendered_html
from mammogram_callbacks.data.clinic import CLINIC_MARKER, ClinicProfile
from mammogram_callbacks.markdown.page import CITE_MARKER, STAT_MARKER
from mammogram_callbacks.render.content import (
    UnknownClinicMarker,
    UnknownSource,
    UnknownStatistic,
    format_day,
    tooltip_glossary,
)
from mammogram_callbacks.render.embed import snippet_templates
from mammogram_callbacks.render.note_placement import notes_out_of_search, notes_touching_figures
from mammogram_callbacks.render.page_content import (
    EMBED_BUILDER,
    TRANSLATION_STATUS,
    MissingContact,
    data_blocks,
    fill_page,
)
from mammogram_callbacks.render.section_notices import mark_outdated_sections
from mammogram_callbacks.render.structured_data import PageFacts, json_ld, medical_web_page
from mammogram_callbacks.translation_state import segment_changes

# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    project = build_session.start_or_continue(config)
    # Glossary tooltips through Python-Markdown's abbr glossary, set (not appended) for the language
    # being built: static-i18n runs this once per language on the same config object.
    language = build_session.language(config)
    # The site's name in the header and tab title, in the language being built (data/ui site_name):
    # an English name in an Arabic header was cut from the wrong end, and was English on every page.
    # Not the clinic's name: Material prints site_name unescaped in places, and a profile's name is
    # shown as text, whatever it holds (build/clinic.py puts it in the logo's alternative text).
    config.site_name = _ui(language).get("site_name") or config.site_name
    if "abbr" in config.markdown_extensions:
        config.mdx_configs["abbr"] = {
            **config.mdx_configs.get("abbr", {}),
            "glossary": tooltip_glossary(project.data.entries(language)),
        }
    # The source notes' links back to the text, titled in the page's language (Python-Markdown's
    # default is English; the browser shows the title as a tooltip).
    if "footnotes" in config.markdown_extensions:
        title = _ui(language)["footnote_backlink_title"].replace("{number}", "%d")
        config.mdx_configs["footnotes"] = {**config.mdx_configs.get("footnotes", {}), "BACKLINK_TITLE": title}
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    project = build_session.project()
    data = project.data
    reader = build_session.language(config)
    content = getattr(page.file, "locale", None) or reader
    env = _macro_env(config)

    clinic = build_session.clinic()

    def macros(template: str) -> Any:
        return env.get_template(template).module

    blocks = {
        **data_blocks(data, content, macros, build_session.session().publish),
        # Only a MkDocs build knows every language's pages and addresses: these two are made here.
        TRANSLATION_STATUS: lambda: macros("hooks/translation-status.html").translation_status(
            _source_rows(project), _status_rows(project)
        ),
        EMBED_BUILDER: lambda: macros("hooks/embed-builder.html").embed_builder(
            _embed_builder(page, config, reader)
        ),
    }
    # The "Embed these pages" tool needs its script (overrides/main.html adds it).
    page.meta["pe_embed_builder"] = EMBED_BUILDER in markdown
    try:
        markdown = fill_page(markdown, data, content, clinic, blocks)
    except UnknownStatistic as error:
        raise PluginError(
            f"{_marker_location(page, STAT_MARKER, str(error.args[0]))}: unknown statistic "
            f"'{error.args[0]}': it is not in data/statistics.yml"
        ) from None
    except UnknownSource as error:
        raise PluginError(
            f"{_marker_location(page, CITE_MARKER, str(error.args[0]))}: unknown source "
            f"'{error.args[0]}': it is not in the sources: of data/statistics.yml"
        ) from None
    except UnknownClinicMarker as error:
        raise PluginError(
            f"{_marker_location(page, CLINIC_MARKER, str(error.args[0]))}: unknown clinic marker "
            f"[[clinic:{error.args[0]}]]"
        ) from None
    except MissingContact as error:
        raise PluginError(
            f"{page.file.src_uri}: the page shows the {error.args[0]}, and data/publish.yml has none "
            f"(expected {error.args[0]}: mailto:... or https://...)"
        ) from None

    page.meta["pe_notices"] = _notices(page, config, reader, content) + _overdue_notice(page.meta, reader)
    markdown = _mark_outdated_sections(markdown, page, reader, content)
    page.meta["pe_review_line"] = _review_line(page.meta, reader)
    page.meta["pe_clinical_review_line"] = _clinical_review_line(page, reader)
    page.meta["pe_clinic"] = _clinic_card(clinic, reader) if clinic else None
    page.meta["pe_more"] = _more_links(page, files, reader)
    page.meta["pe_language_help"] = _language_help(clinic)
    page.meta["pe_jsonld"] = json_ld(_structured_data(page, config, reader, content))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs) -> str:
    """Refuse a page whose HTML holds anything active (checks.rendered_html), and a page where a
    source note's number touches a figure ("10²" reads as a hundred)."""
    unsafe = check_rendered_html(html, page.file.content_string or "", f"docs/{page.file.src_uri}")
    if unsafe:
        raise PluginError(
            "The page renders to HTML that could run code or reach another site:\n"
            + "\n".join(str(finding) for finding in unsafe)
        )
    touching = notes_touching_figures(html)
    if touching:
        raise PluginError(
            f"{_text_location(page, touching[0])}: a source note's number touches a figure after "
            f"'{touching[0]}': put the note where it cannot be read as part of the number "
            f"(at the end of the sentence)" + (f", and {len(touching) - 1} more" if touching[1:] else "")
        )
    return notes_out_of_search(html)


# ---- Helper functions --------------------------------------------------------------------------


def _macro_env(config: MkDocsConfig):
    """The theme's Jinja environment for the generated blocks' macros, one per build.

    `theme.get_env()` makes a new environment on every call, and a new environment compiles every
    template again: once per page and language, that was most of this hook's time.
    """
    session = build_session.session()
    if session.macro_env is None:
        session.macro_env = config.theme.get_env()
    return session.macro_env


def _notices(page: Page, config: MkDocsConfig, reader: str, content: str) -> list[dict]:
    """The notices a reader of `reader` needs on this page, in their language."""
    project = build_session.project()
    if reader == project.default.code or page.meta.get("translate") is False:
        return []
    ui = project.data.ui_for(reader)
    names = {
        "language": _language_name(reader, reader),
        "source_language": _language_name(project.default.code, reader),
    }
    source_link = _source_url(page, project.default.code)
    link = {"link": source_link, "link_text": ui["read_source"].format(**names)}
    if content != reader:
        return [
            {
                "kind": "untranslated",
                "title": ui["notice_untranslated_title"],
                "text": ui["notice_untranslated"].format(**names),
            }
        ]
    notices = []
    fresh = project.freshness_of(reader, build_session.source_page(page))
    if fresh and fresh.state == "untranslated":
        notices.append(
            {
                "kind": "untranslated",
                "title": ui["notice_untranslated_title"],
                "text": ui["notice_untranslated"].format(**names),
                **link,
            }
        )
    elif fresh and fresh.state == "outdated":
        notices.append(
            {
                "kind": "outdated",
                "title": ui["notice_outdated_title"],
                # Where the segments say which sections changed, those carry their own notes.
                "text": ui["notice_outdated_parts" if fresh.outdated_sections else "notice_outdated"].format(
                    **names
                ),
                **link,
            }
        )
    if fresh and not fresh.reviewed and fresh.state != "untranslated":
        notices.append(
            {
                "kind": "not-reviewed",
                "title": ui["notice_not_reviewed_title"],
                # A machine-assisted draft says so (front matter translation: machine_assisted: true).
                "text": ui[
                    "notice_machine_assisted" if _machine_assisted(page) else "notice_not_reviewed"
                ].format(**names),
                **link,
            }
        )
    return notices


def _machine_assisted(page: Page) -> bool:
    info = page.meta.get("translation")
    return isinstance(info, dict) and info.get("machine_assisted") is True


def _mark_outdated_sections(markdown: str, page: Page, reader: str, content: str) -> str:
    """A note under the heading of each section whose English changed since it was translated."""
    project = build_session.project()
    if reader == project.default.code or content != reader or page.meta.get("translate") is False:
        return markdown
    fresh = project.freshness_of(reader, build_session.source_page(page))
    if not fresh or fresh.state != "outdated" or not fresh.outdated_sections:
        return markdown
    ui = project.data.ui_for(reader)
    names = {"source_language": _language_name(project.default.code, reader)}
    return mark_outdated_sections(
        markdown,
        set(fresh.outdated_sections),
        ui["notice_outdated_section_title"].format(**names),
        ui["notice_outdated_section"].format(**names),
        ui["read_source_section"].format(**names),
        _source_url(page, project.default.code),
        project.default.code,
    )


def _more_links(page: Page, files: Files, reader: str) -> list[dict]:
    """On each language's home page: the pages for clinics and for translators, which are kept
    out of the patients' menu."""
    project = build_session.project()
    home = {"index.md", f"{reader}/index.md"}
    if page.file.src_uri not in home:
        return []
    ui = _ui(reader)
    links = []
    pages = (("embed.md", ui["more_for_clinics"]), ("translation-status.md", ui["more_for_translators"]))
    for name, label in pages:
        target = files.get_file_from_path(f"{reader}/{name}") or files.get_file_from_path(
            f"{project.default.code}/{name}"
        )
        if target is None:
            continue
        language = reader if project.page_file(reader, name).exists() else project.default.code
        title = project.parse(project.page_file(language, name)).meta.get("title") or name
        links.append({"label": label, "title": str(title), "url": get_relative_url(target.url, page.url)})
    return links


def _language_name(code: str, reader: str) -> str:
    """A language's name as the reader says it mid-sentence ("inglés" for a Spanish reader).

    From CLDR, unless the reader's UI strings say otherwise (`name_<code>`): CLDR gives names in
    their stand-alone form, e.g. Vietnamese "Tiếng Anh" where a sentence needs "tiếng Anh".
    """
    data = build_session.project().data
    named = data.ui.get(reader, {}).get(f"name_{code}")
    if named or data.formats_for(reader).declared:
        return named or code  # a declared language names the source language (data loading checks it)
    return Locale.parse(code.replace("-", "_")).get_display_name(reader.replace("-", "_")) or code


def _source_url(page: Page, default: str) -> str | None:
    alternates = getattr(page.file, "alternates", None) or {}
    target = alternates.get(default)
    return get_relative_url(target.url, page.url) if target is not None else None


def _review_line(meta: Mapping[str, Any], reader: str) -> str | None:
    review = meta.get("review")
    if not isinstance(review, dict):
        return None
    project = build_session.project()
    ui = _ui(reader)
    last, due = review.get("last_reviewed"), review.get("next_review")
    if not (isinstance(last, datetime.date) and isinstance(due, datetime.date)):
        return None
    reviewer = str(review.get("reviewed_by", ""))
    # The project's own team is named in the reader's language (data/ui editorial_team).
    if reviewer == project.data.ui[project.default.code].get("editorial_team"):
        reviewer = ui.get("editorial_team", reviewer)
    return ui["review_line"].format(
        reviewer=reviewer,
        last_reviewed=format_day(last, project.data.formats_for(reader)),
        next_review=format_day(due, project.data.formats_for(reader)),
    )


def _clinical_review_line(page: Page, reader: str) -> str | None:
    """Whether a breast-imaging doctor reviewed the English text this page says (data/reviews.yml),
    on every page that reaches patients, in the reader's language."""
    project = build_session.project()
    source_page = build_session.source_page(page)
    if (
        page.meta.get("translate") is False
        or not project.page_file(project.default.code, source_page).exists()
    ):
        return None
    ui = _ui(reader)
    state = project.clinical_review(source_page)
    if state.review is None:
        return ui["clinical_review_none"]
    reviewer, date = state.review.reviewer, format_day(state.review.date, project.data.formats_for(reader))
    if state.current:
        return ui["clinical_review_done"].format(
            reviewer=reviewer.name, qualification=reviewer.qualification, date=date
        )
    return ui["clinical_review_lapsed"].format(reviewer=reviewer.name, date=date)


def _structured_data(page: Page, config: MkDocsConfig, reader: str, content: str) -> dict:
    """The page's schema.org JSON-LD (render.structured_data); MedicalWebPage for the pages about
    mammograms, WebPage for the others (the status page, the embed tool, the accessibility page)."""
    project = build_session.project()
    site = (config.site_url or "").rstrip("/") + "/"
    source_page = build_session.source_page(page)
    alternates = getattr(page.file, "alternates", None) or {}
    review = page.meta.get("review") if isinstance(page.meta.get("review"), dict) else {}
    last = review.get("last_reviewed") if review else None
    medical = source_page in build_session.embeddable()
    state = project.clinical_review(source_page) if medical else None
    subject = project.data.terms.get("screening_mammogram", {})
    facts = PageFacts(
        url=site + page.url,
        name=page.title or "",
        description=str(page.meta.get("description") or ""),
        language=content,
        site_name=config.site_name,
        site_url=site,
        subject=(subject.get(content) or subject[project.default.code]).preferred if subject else "",
        last_reviewed=last if isinstance(last, datetime.date) else None,
        medical_reviewer=state.review.reviewer if state and state.current and state.review else None,
        source_url=(
            site + alternates[project.default.code].url
            if content != project.default.code and project.default.code in alternates
            else None
        ),
        translations={
            code: site + file.url
            for code, file in alternates.items()
            if code != reader and code != project.default.code and content == project.default.code
        },
    )
    data = medical_web_page(facts)
    if not medical:
        data["@type"] = "WebPage"
        del data["about"], data["medicalAudience"]
    return data


def _overdue_notice(meta: Mapping[str, Any], reader: str) -> list[dict]:
    """A page past its review date says so to every reader (it is published only when asked for)."""
    review = meta.get("review")
    due = review.get("next_review") if isinstance(review, dict) else None
    if not isinstance(due, datetime.date) or due >= datetime.date.today():
        return []
    ui = _ui(reader)
    return [
        {
            "kind": "overdue",
            "title": ui["notice_overdue_title"],
            "text": ui["notice_overdue"].format(
                next_review=format_day(due, build_session.project().data.formats_for(reader))
            ),
        }
    ]


def _readings(project) -> dict[tuple[str, str], Reading]:
    """Reading figures of every page, computed once per build (all languages are on the page)."""
    session = build_session.session()
    if session.readings is None:
        session.readings = {(r.language, r.page): r for r in project_readings(project)}
    return session.readings


def _source_rows(project) -> dict:
    readings = _readings(project)
    code = project.default.code
    report = build_session.session().need("report")
    statuses = {s.page: s for s in report.statuses if s.language == code}
    pages = [readings[(code, page)] for page in project.source_pages() if (code, page) in readings]
    clinical = {"none": "not yet reviewed", "current": "reviewed", "lapsed": "changed since review"}
    return {
        "code": code,
        "name": project.default.name,
        "pages": pages,
        "clinical": {
            r.page: clinical[statuses[r.page].clinical] if r.page in statuses else "not checked"
            for r in pages
        },
        "overdue": {r.page: bool(statuses.get(r.page) and statuses[r.page].overdue) for r in pages},
        "clinically_reviewed": sum(s.clinical == "current" for s in statuses.values()),
        "total": len(statuses),
    }


def _status_rows(project) -> list[dict]:
    report = build_session.session().need("report")
    readings = _readings(project)
    rows = []
    for lang in project.languages:
        if lang.default:
            continue
        statuses = [s for s in report.statuses if s.language == lang.code and s.page not in _NOT_TRANSLATED]
        counts = {
            state: sum(s.state == state for s in statuses)
            for state in ("current", "outdated", "untranslated", "missing")
        }
        total = len(statuses) or 1
        rows.append(
            {
                "code": lang.code,
                "name": lang.name,
                "total": len(statuses),
                "counts": counts,
                "not_reviewed": sum(not s.reviewed and s.state in ("current", "outdated") for s in statuses),
                "overdue": sum(s.overdue for s in statuses),
                "percent_current": round(100 * counts["current"] / total),
                "pages": sorted(statuses, key=lambda s: s.page),
                "readings": {s.page: readings.get((lang.code, s.page)) for s in statuses},
                "segments": sum(s.segments for s in statuses),
                "segments_current": sum(s.segments_current for s in statuses),
                "changes": {
                    s.page: _changes(project, lang.code, s.page) for s in statuses if s.state == "outdated"
                },
            }
        )
    return rows


def _changes(project, language: str, page: str) -> list[dict]:
    """For the status page: each outdated segment's English then and now, with what changed marked
    as runs the template shows as <del> and <ins>, and the translation as it stands."""
    return [
        {
            "id": change.source_now.id,
            "line": change.translation.line if change.translation else None,
            "source_line": change.source_now.line,
            "then": change.source_then,
            "now": change.source_now.text,
            "runs": change.marked_then_now() if change.source_then is not None else [],
            "translation": change.translation.text if change.translation else None,
        }
        for change in segment_changes(project, language, page)
    ]


def _language_help(clinic: ClinicProfile | None) -> list[dict]:
    """Each other language's tagline (Section 1557 style), in that language: that free help in it is
    available, and how to ask for it (the clinic's name and phone in a branded build). Only the
    languages this build has."""
    project = build_session.project()
    taglines = []
    for code in build_session.session().languages:
        if code == project.default.code:
            continue
        ui = _ui(code)
        text = (
            ui["language_help_clinic"].format(name=clinic.name, phone=clinic.phone)
            if clinic
            else ui["language_help"]
        )
        taglines.append({"lang": code, "dir": project.data.formats_for(code).direction, "text": text})
    return taglines


def _clinic_card(clinic: ClinicProfile, reader: str) -> dict:
    """The clinic's box (overrides/partials/pe-clinic.html), labelled in the reader's language."""
    ui = _ui(reader)
    return {
        "title": ui["clinic_card_title"],
        "name": clinic.name,
        "phone": clinic.phone,
        "phone_href": clinic.phone_href,
        "phone_label": ui["clinic_card_phone"],
        "address": clinic.address,
        "booking_url": clinic.booking_url,
        "booking_text": ui["clinic_card_book"],
    }


def _embed_builder(page: Page, config: MkDocsConfig, reader: str) -> dict:
    """What the "Embed these pages" tool offers: every embeddable page, titled in the reader's
    language, every language this build has, and the code for each (filled in by its script)."""
    project = build_session.project()
    pages = []
    for source in project.embeddable_pages():
        translated = project.page_file(reader, source)
        meta = project.parse(
            translated if translated.exists() else project.page_file(project.default.code, source)
        ).meta
        pages.append({"slug": source.removesuffix(".md"), "title": str(meta.get("title") or source)})
    built = build_session.session().languages
    languages = [{"code": lang.code, "name": lang.name} for lang in project.languages if lang.code in built]
    script, frame = snippet_templates(config.site_url or "", config.site_name)
    first = "index" if any(p["slug"] == "index" for p in pages) else pages[0]["slug"]

    def fill(template: str) -> str:
        return template.replace("{page}", first).replace("{lang}", reader)

    return {
        "pages": pages,
        "languages": languages,
        "page": first,
        "language": reader,
        "ui": _ui(reader),
        "script_template": script,
        "iframe_template": frame,
        "script_snippet": fill(script),
        "iframe_snippet": fill(frame),
        "preview_script": get_relative_url("assets/javascripts/embed.js", page.url),
    }


def _ui(reader: str) -> dict[str, str]:
    return build_session.project().data.ui_for(reader)


def _text_location(page: Page, text: str) -> str:
    """file:line of the raw source line that holds the last words of `text` (as read on the page)."""
    words = re.findall(r"\w+", text)[-3:]
    for number, line in enumerate((page.file.content_string or "").splitlines(), start=1):
        if words and re.search(r"\W+".join(map(re.escape, words)), line):
            return f"docs/{page.file.src_uri}:{number}"
    return f"docs/{page.file.src_uri}"


def _marker_location(page: Page, pattern, marker_id: str) -> str:
    """file:line of a marker, counted in the raw source (front matter included)."""
    for number, line in enumerate((page.file.content_string or "").splitlines(), start=1):
        for match in pattern.finditer(line):
            if match["id"] == marker_id:
                return f"docs/{page.file.src_uri}:{number}"
    return f"docs/{page.file.src_uri}"


# ---- Data --------------------------------------------------------------------------------------

# Pages for translators, not for patients: never translated, never counted in the status.
_NOT_TRANSLATED = frozenset({"translation-status.md"})


log = logging.getLogger("mkdocs.hooks.content")
