"""One-page handouts: a PDF per page and language that a clinic prints and hands a patient.

Each page named in data/handouts.yml gets handouts/<lang>/<page>.pdf (and <page>.a4.pdf when A4 is
asked for), linked from the page. The sheet is cut from the page as rendered (render/handout.py),
laid out by overrides/handout.html and printed by WeasyPrint, a real layout engine with Pango's
shaping (Arabic joins and runs right to left; Chinese breaks lines by character). In a branded
build it carries the clinic's name, logo and phone; it always carries the review date and a QR
code of the full page in the same language.

The build stops, naming the page, when a sheet runs past one page, when a character has no font,
or when the fonts are missing. Printing is the slow part (about a second a sheet), so sheets are
printed in parallel after the last language is built, and kept in .cache/handouts/ by the hash of
what they print: a rebuild prints only what changed.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import os
import posixpath
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mammogram_callbacks.build import session as build_session
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.clinic import PAPER_SIZES
from mammogram_callbacks.data.handout_config import HandoutConfig, load_handout_config
from mammogram_callbacks.render.handout import HandoutError, handout_parts, qr_code_data_uri

# ---- Types -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoutJob:
    """One sheet to print: where it goes, what it prints, and the page it comes from."""

    source: str  # the page's file, as messages name it: docs/es/callback.md
    target: str  # relative to the site folder: handouts/es/callback.pdf
    html: str


# ---- Hooks -------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig, **kwargs) -> MkDocsConfig:
    project = build_session.start_or_continue(config)
    session = build_session.session()
    if session.handout_config is None:  # once per build: static-i18n calls this per language
        try:
            session.handout_config = load_handout_config(
                project.data_dir, project.root, project.source_pages()
            )
        except DataError as error:
            raise PluginError("Unusable handout data:\n" + str(error)) from None
        if session.handout_config.pages:
            check_fonts()
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs) -> Environment:
    build_session.session().handout_env = env
    return env


def on_page_context(context, *, page: Page, config: MkDocsConfig, **kwargs):
    # The page's content is rendered by now: cut the sheet's parts from it, and link the sheet
    # from the page ("Print a one-page sheet", overrides/partials/pe-handout.html).
    papers = _paper()
    if not _target(page, config, papers[0]):
        return context
    session = build_session.session()
    project = session.project
    reader = build_session.language(config)
    source = project.display(Path(config.docs_dir) / page.file.src_uri)
    try:
        sheet = _context(page, config)
    except HandoutError as error:
        where = session.need("handout_config").pages[build_session.source_page(page)]
        message = f"{source}: no one-page handout ({where} in data/handouts.yml): {error}"
        if reader == project.default.code:
            raise PluginError(message) from None
        # A translation that has not caught up with the English page yet (its notices say so).
        log.info("%s; the page links to none until it is translated", message)
        return context
    template = session.need("handout_env").get_template("handout.html")
    sheets = [
        template.render({**sheet, "paper": {"name": paper, "css": PAPER_SIZES[paper]}}) for paper in papers
    ]
    missing = uncovered_characters(sheets[0])  # the papers differ in their page size only
    if missing:
        raise PluginError(
            f"{source}: its handout has characters no handout font covers: {' '.join(missing[:10])}; "
            f"add a font for them to {__name__}.FONTS (and to scripts/ensure-fonts.sh)"
        )
    for paper, html in zip(papers, sheets, strict=True):
        session.handout_jobs.append(HandoutJob(source, _target(page, config, paper) or "", html))
    ui = project.data.ui_for(reader)
    page.meta["pe_handout"] = {
        "href": posixpath.relpath(_target(page, config, papers[0]) or "", posixpath.dirname(page.url) or "."),
        "text": ui["handout_link"],
        "hint": ui["handout_link_hint"],
    }
    return context


@event_priority(-200)  # after static-i18n (-100) has built every language
def on_post_build(*, config: MkDocsConfig, **kwargs) -> None:
    session = build_session.session()
    if build_session.i18n(config).building or not session.handout_jobs:
        return
    jobs, session.handout_jobs = session.handout_jobs, []
    printed, cached = print_handouts(jobs, Path(config.site_dir), _cache_dir(session.project.root))
    size = sum((Path(config.site_dir) / job.target).stat().st_size for job in jobs)
    log.info(
        "handouts: %d one-page PDFs (%s), %.1f MB in all, %d printed, %d from the cache",
        len(jobs),
        ", ".join(_paper()),
        size / 1e6,
        printed,
        cached,
    )


# ---- Functions ---------------------------------------------------------------------------------


def print_handouts(jobs: list[HandoutJob], site_dir: Path, cache_dir: Path) -> tuple[int, int]:
    """Print every job to its PDF (in parallel), taking unchanged ones from `cache_dir`.

    Returns (printed, taken from the cache). A sheet of more than one page stops the build.
    """
    keys = [hashlib.sha256((_ENGINE + job.html).encode()).hexdigest() for job in jobs]
    todo = [
        (job, key) for job, key in zip(jobs, keys, strict=True) if not (cache_dir / f"{key}.pdf").exists()
    ]
    if todo:
        cache_dir.mkdir(parents=True, exist_ok=True)
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        if workers == 1:
            results = [print_pdf(job.html) for job, _ in todo]
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(print_pdf, [job.html for job, _ in todo], chunksize=4))
        too_long = [
            f"{job.source} ({pages} pages)"
            for (job, _), (_, pages) in zip(todo, results, strict=True)
            if pages != 1
        ]
        if too_long:
            raise PluginError(
                "a one-page handout runs past one page: "
                + "; ".join(too_long)
                + ". Shorten its key points or its 'Call your doctor if' box (data/handouts.yml says which)"
            )
        for (_, key), (pdf, _) in zip(todo, results, strict=True):
            partial = cache_dir / f"{key}.pdf.{os.getpid()}"
            partial.write_bytes(pdf)
            partial.replace(cache_dir / f"{key}.pdf")
    for job, key in zip(jobs, keys, strict=True):
        target = site_dir / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_dir / f"{key}.pdf", target)
    return len(todo), len(jobs) - len(todo)


def print_pdf(html: str) -> tuple[bytes, int]:
    """The handout printed by WeasyPrint: the PDF (tagged, PDF/UA-1) and its number of pages.

    A sheet that runs past one page at the template's text size is printed again at each smaller
    size of FONT_SIZES (a long translation, often); the pages returned are those of the last try.
    Nothing is fetched: the only resources a handout has are data: URIs (the QR code, the logo).
    """
    import weasyprint  # imported here: only the workers that print need it

    # WeasyPrint's own fetcher, held to data: URIs; anything else stops the print instead of
    # leaving an empty box (or asking a third party for it).
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    document = None
    for size in FONT_SIZES:
        smaller = (
            [weasyprint.CSS(string=f"html {{ font-size: {size}pt !important; }}")]
            if size != FONT_SIZES[0]
            else []
        )
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(stylesheets=smaller)
        if len(document.pages) == 1:
            break
    assert document is not None
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


def check_fonts() -> None:
    """Stop the build when a handout font is missing (WeasyPrint would print empty boxes instead)."""
    missing = [family for family in _FONT_FAMILIES if not font_file(family)]
    if missing:
        raise PluginError(
            f"the one-page handouts need the fonts {', '.join(missing)}, which fontconfig does not "
            "find: run scripts/ensure-fonts.sh (Debian's fonts-noto-core and fonts-noto-cjk)"
        )


@cache
def font_file(family: str) -> tuple[str, int] | None:
    """The file fontconfig has for `family` (exactly that family, not a fallback) and the font's
    index in it (a .ttc collection holds several), or None."""
    if not shutil.which("fc-list"):
        return None
    found = subprocess.run(
        ["fc-list", "--format", "%{index}|%{file}\n", f":family={family}:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    entries = sorted((line.split("|", 1)[1], int(line.split("|", 1)[0])) for line in found if "|" in line)
    return entries[0] if entries else None


def uncovered_characters(html: str) -> list[str]:
    """The characters of `html`'s text that none of the handout fonts has (empty boxes on paper)."""
    from justhtml import JustHTML

    text = JustHTML(html).to_text(separator=" ", strip=False)
    covered = _covered()
    return sorted({char for char in text if not char.isspace() and ord(char) not in covered})


# ---- Helper functions --------------------------------------------------------------------------


def _context(page: Page, config: MkDocsConfig) -> dict:
    session = build_session.session()
    project, clinic = session.project, session.clinic
    reader = build_session.language(config)
    ui = project.data.ui_for(reader)
    parts = handout_parts(
        page.content or "",
        project.data.sources,
        session.need("handout_config").pages[build_session.source_page(page)],
    )
    address = urljoin(config.site_url or "", page.url)
    if not address.startswith(("https://", "http://")):
        raise PluginError("the handouts' QR codes need the site's address: set site_url (or SITE_URL)")
    review = page.meta.get("review")
    if not isinstance(review, dict):
        review = {}
    logo = None
    if clinic:
        # The logo as the site serves it (an SVG rebuilt from the allow-list), inside the sheet.
        kind = mimetypes.guess_type(clinic.logo_name)[0]
        logo = f"data:{kind};base64," + base64.b64encode(clinic.served_logo.content).decode()
    return {
        "lang": reader,
        "dir": project.data.formats_for(reader).direction,
        "parts": parts,
        "brand": clinic.name if clinic else config.site_name,
        "logo": logo,
        "accent": clinic.accent_colour if clinic else "#3f51b5",
        "description": page.meta.get("description") or "",
        "reviewed": str(review.get("last_reviewed") or ""),
        "notices": [
            {
                "title": notice["title"],
                "text": notice["text"],
                "address": urljoin(address, notice["link"]) if notice.get("link") else None,
            }
            for notice in page.meta.get("pe_notices") or []
        ],
        "ask": (
            ui["handout_questions_clinic"].format(name=clinic.name, phone=clinic.phone)
            if clinic
            else ui["handout_questions"]
        ),
        "scan": ui["handout_scan"],
        "address": address,
        "qr_code": qr_code_data_uri(address),
        "review_line": page.meta.get("pe_review_line") or "",
        "clinical_review": page.meta.get("pe_clinical_review_line"),
        "sources_title": ui["handout_sources"],
        "taglines": page.meta.get("pe_language_help") or [],
        "fonts": FONTS["default"],
        "fonts_by_language": FONTS,
    }


def _target(page: Page, config: MkDocsConfig, paper: str) -> str | None:
    """Where the page's handout on `paper` goes, or None when the page has none."""
    session = build_session.session()
    handouts: HandoutConfig | None = session.handout_config
    if handouts is None or build_session.source_page(page) not in handouts.pages:
        return None
    reader = build_session.language(config)
    stem = posixpath.splitext(build_session.source_page(page))[0]
    suffix = "" if paper == _paper()[0] else f".{paper}"
    return f"handouts/{reader}/{stem}{suffix}.pdf"


def _cache_dir(root: Path) -> Path:
    # PE_HANDOUT_CACHE lets builds of copies of the site (the tests) share one cache.
    return Path(os.environ.get("PE_HANDOUT_CACHE") or root / ".cache" / "handouts")


def _paper() -> tuple[str, ...]:
    session = build_session.session()
    clinic = session.clinic
    if clinic and clinic.handout_paper:
        return clinic.handout_paper
    config = session.handout_config
    return config.paper if config else ("letter",)


@cache
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTCollection, TTFont

    covered: set[int] = set()
    for family in _FONT_FAMILIES:
        found = font_file(family)
        if not found:
            continue
        path, index = found
        font = TTCollection(path).fonts[index] if path.endswith(".ttc") else TTFont(path, lazy=True)
        covered.update(font.getBestCmap() or {})
    return frozenset(covered)


# ---- Data --------------------------------------------------------------------------------------

# The text sizes a sheet is tried at, largest first (the template's own first): 9 pt is still
# comfortable on paper held in the hand; a sheet that needs less is too long and stops the build.
FONT_SIZES = (10.0, 9.5, 9.0)

# The handout fonts, by the language of the text (CSS font-family lists). Noto covers every
# script the site has; a new script needs its Noto family here and in scripts/ensure-fonts.sh.
FONTS = {
    "default": '"Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif',
    "ar": '"Noto Sans Arabic", "Noto Sans", sans-serif',
    "zh": '"Noto Sans CJK SC", "Noto Sans", sans-serif',
}
_FONT_FAMILIES = ("Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC")


def _engine_version() -> str:
    try:
        from importlib.metadata import version

        return f"weasyprint {version('weasyprint')}, segno {version('segno')}\n"
    except Exception:
        return "unknown engine\n"


# Part of every cache key: a new engine prints again.
_ENGINE = _engine_version()

log = logging.getLogger("mkdocs.hooks.handouts")
