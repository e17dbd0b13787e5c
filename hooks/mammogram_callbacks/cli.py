"""`translations`: the translators' command line. The same checks as the site build, in a second.

translations check [LANG] [--json]   findings as file:line; exit 1 on any blocking finding
translations status [LANG] [--json]  per language and page: current, outdated, missing, segments
translations new LANG                start a language: copy the source pages, marked untranslated
translations diff FILE               each outdated segment: the English then and now, and the translation
translations mark-current FILE       record that FILE (or --segment ID) matches the English as it is
translations migrate-segments        once: per-segment records from each page's source_blob
translations export LANG [--format po|xliff] [--out DIR]   a PO/XLIFF file per page, and LANG.tmx
translations import FILE...          translated PO/XLIFF units back into the pages (all or nothing)
translations review-version FILE     the version ids a medical review of FILE records
translations readability [LANG]      reading level per page; exit 1 when a page is over budget
translations finish-site SITE        the post-build steps on a folder any engine built (ZENSICAL.md)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from mammogram_callbacks import translation_state
from mammogram_callbacks.checks.readability import project_readings
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.core.versions import blob_id
from mammogram_callbacks.data.clinic import load_profile
from mammogram_callbacks.data.publish_config import load_publish_config
from mammogram_callbacks.data.reviews import body_version
from mammogram_callbacks.exchange import exporter as exchange_export
from mammogram_callbacks.exchange import importer as exchange_import
from mammogram_callbacks.exchange import po as exchange_po
from mammogram_callbacks.exchange import xliff as exchange_xliff
from mammogram_callbacks.project import Project
from mammogram_callbacks.publish.site_files import BuiltSite, split_languages, write_host_files
from mammogram_callbacks.render.page_content import template_macros

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n\n")[0])

ROOT = typer.Option("--root", help="The site's folder (where mkdocs.yml is).", show_default=False)


def _require_language(project: Project, language: str | None) -> None:
    """Exit 2, naming the fix, when `language` is not one mkdocs.yml lists."""
    if language and language not in {lang.code for lang in project.languages}:
        folder = project.docs_dir / language
        has = f"{project.display(folder)}/ exists, but " if folder.is_dir() else ""
        typer.echo(
            f"unknown language '{language}': {has}mkdocs.yml lists only "
            f"{', '.join(lang.code for lang in project.languages)}. To add it, list it under "
            f"plugins: i18n: languages: in mkdocs.yml (- locale: {language}, name: ..., build: true; "
            f"TRANSLATING.md, 'Add a language')"
            + ("" if folder.is_dir() else f", after `translations new {language}`"),
            err=True,
        )
        raise typer.Exit(2)


def _translated_file(project: Project, file: Path) -> tuple[str, str, Path]:
    """(language, page, path) of a translated page given on the command line, or exit 2."""
    path = file if file.is_absolute() else Path.cwd() / file
    try:
        relative = path.resolve().relative_to(project.docs_dir)
    except ValueError:
        typer.echo(f"{file} is not inside {project.display(project.docs_dir)}", err=True)
        raise typer.Exit(2) from None
    language, page = relative.parts[0], Path(*relative.parts[1:]).as_posix()
    if language == project.default.code:
        typer.echo(f"{file} is a source page; only translations record a source version", err=True)
        raise typer.Exit(2)
    _require_language(project, language)
    source = project.page_file(project.default.code, page)
    if not path.exists() or not source.exists():
        typer.echo(
            f"{file}: {'no such file' if not path.exists() else 'no source page ' + project.display(source)}",
            err=True,
        )
        raise typer.Exit(2)
    return language, page, path.resolve()


def _project(root: Path | None) -> Project:
    try:
        return Project(root or _find_root())
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


@app.command()
def check(
    language: Annotated[str | None, typer.Argument(help="Only this language (and the source).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Findings as JSON, for machines.")] = False,
    fail_overdue: Annotated[
        bool,
        typer.Option("--fail-overdue", help="A page past its next_review date is blocking (publishing)."),
    ] = False,
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Run every check and print each finding as file:line: message."""
    project = _project(root)
    _require_language(project, language)
    try:
        report = project.check([language] if language else None, overdue_blocks=fail_overdue)
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps([f.as_dict() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            typer.echo(f"{finding}" + ("" if finding.blocking else "  [notice]"))
        typer.echo(
            f"{len(report.blocking)} blocking finding(s), "
            f"{len(report.findings) - len(report.blocking)} notice(s)",
            err=True,
        )
    raise typer.Exit(1 if report.blocking else 0)


@app.command()
def status(
    language: Annotated[str | None, typer.Argument(help="Only this language (and the source).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Status as JSON.")] = False,
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Per language and page: current, outdated, untranslated or missing, segments, medical review."""
    project = _project(root)
    _require_language(project, language)
    try:
        report = project.check([language] if language else None)
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    rows = [s for s in report.statuses if s.state != "source"]
    sources = [s for s in report.statuses if s.state == "source"]
    if as_json:
        typer.echo(json.dumps([s.__dict__ for s in rows + sources], indent=2))
        return
    clinical = {
        "none": "not yet reviewed by a breast-imaging doctor",
        "current": "reviewed by a breast-imaging doctor",
        "lapsed": "changed since its review by a breast-imaging doctor",
    }
    reviewed = sum(s.clinical == "current" for s in sources)
    typer.echo(
        f"{project.default.name} ({project.default.code}), the source: {reviewed}/{len(sources)} "
        f"reviewed by a breast-imaging doctor"
    )
    for s in sources:
        overdue = ", review overdue" if s.overdue else ""
        typer.echo(f"  {s.page:<28} {clinical[s.clinical]}{overdue}")
    for lang in project.languages[1:]:
        if language and lang.code != language:
            continue
        mine = [s for s in rows if s.language == lang.code]
        current = sum(s.state == "current" for s in mine)
        segments = sum(s.segments for s in mine)
        segments_current = sum(s.segments_current for s in mine)
        typer.echo(
            f"{lang.name} ({lang.code}): {current}/{len(mine)} pages current, "
            f"{segments_current}/{segments} segments current"
        )
        for s in mine:
            review = "reviewed" if s.reviewed else "not reviewed"
            problems = f", {s.findings} blocking finding(s)" if s.findings else ""
            overdue = ", review overdue" if s.overdue else ""
            counts = ""
            if s.segments:
                counts = f"{s.segments_current}/{s.segments} segments"
                if s.segments_outdated:
                    counts += f", {s.segments_outdated} outdated"
                if s.segments_untranslated:
                    counts += f", {s.segments_untranslated} not translated"
            reordered = f", figures reordered in {', '.join(s.reordered)}" if s.reordered else ""
            typer.echo(f"  {s.page:<28} {s.state:<13} {review:<13} {counts}{problems}{overdue}{reordered}")


@app.command()
def new(
    language: Annotated[str, typer.Argument(help="Language code, e.g. ar, zh, vi.")],
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Create docs/LANG/ from the source pages, each marked untranslated. Never overwrites a file."""
    project = _project(root)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)?", language):
        typer.echo(f"'{language}' is not a language code like 'ar' or 'pt-BR'", err=True)
        raise typer.Exit(2)
    created, kept = 0, 0
    for page in project.source_pages():
        source = project.page_file(project.default.code, page)
        if project.parse(source).meta.get("translate") is False:
            continue
        target = project.page_file(language, page)
        if target.exists():
            kept += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_untranslated_copy(source), encoding="utf-8")
        created += 1
        typer.echo(f"created {project.display(target)}")
    typer.echo(f"{created} page(s) created, {kept} existing page(s) left as they were.")
    if language not in {lang.code for lang in project.languages}:
        typer.echo(
            f"\nNext: add the language to mkdocs.yml under plugins: i18n: languages:\n"
            f"        - locale: {language}\n          name: <the language's own name>\n"
            f"          build: true\n"
            f"then copy data/ui/{project.default.code}.yml and data/termbase/{project.default.code}.yml to "
            f"data/ui/{language}.yml and data/termbase/{language}.yml and translate them, "
            f"and run `translations check {language}`."
        )


@app.command()
def readability(
    language: Annotated[str | None, typer.Argument(help="Only this language.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Figures as JSON.")] = False,
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Reading level of every page's running text, per language; exit 1 when a page is over budget."""
    project = _project(root)
    _require_language(project, language)
    readings = [r for r in project_readings(project) if language in (None, r.language)]
    over = [r for r in readings if not r.within_budget]
    if as_json:
        typer.echo(
            json.dumps(
                [{**r.__dict__, "within_budget": r.within_budget} for r in readings],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for r in readings:
            budget = f"  budget {r.budget}{'' if r.within_budget else ': OVER BUDGET'}" if r.budget else ""
            typer.echo(f"{r.language:<3} {r.page:<22} {r.summary()}{budget}")
        typer.echo(f"{len(readings)} page(s), {len(over)} over budget", err=True)
    raise typer.Exit(1 if over else 0)


@app.command("mark-current")
def mark_current(
    file: Annotated[Path, typer.Argument(help="A translated page, e.g. docs/es/callback.md")],
    segment: Annotated[
        str | None, typer.Option("--segment", help="Only this segment (an id `translations diff` shows).")
    ] = None,
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Record that FILE (or one segment of it) now matches the English as it is, once its checks pass."""
    project = _project(root)
    language, page, path = _translated_file(project, file)
    if project.parse(path).meta.get("translation") is None:
        typer.echo(
            f"{file}:1: no 'translation:' block in the front matter to record the source version in", err=True
        )
        raise typer.Exit(2)
    try:
        result = translation_state.mark_current(project, language, page, segment)
    except translation_state.MarkRefused as refused:
        typer.echo(str(refused), err=True)
        raise typer.Exit(1) from None
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    source = project.display(project.page_file(project.default.code, page))
    what = f"segment {segment}" if segment else f"{len(result.marked)} segment(s)"
    typer.echo(f"{project.display(path)}: {what} marked current with {source}")
    if result.page_current and segment:
        typer.echo("every segment of the page is current now: translation.source_blob updated")
    for english, translated in result.unchanged:
        typer.echo(
            f"{project.display(path)}:{translated.line}: marked current although this "
            f"{translated.describe} did not change while its English did ({source}:{english.line} now says: "
            f"'{english.text[:90]}'). Check that it still says the same, or translate it again",
            err=True,
        )


@app.command()
def diff(
    file: Annotated[Path, typer.Argument(help="A translated page, e.g. docs/es/callback.md")],
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """For each outdated segment of FILE: the English then and now, what changed, and the translation."""
    project = _project(root)
    language, page, path = _translated_file(project, file)
    try:
        changes = translation_state.segment_changes(project, language, page)
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    source = project.display(project.page_file(project.default.code, page))
    if not changes:
        typer.echo(f"{project.display(path)}: every segment is current with {source}")
        return
    for change in changes:
        english = change.source_now
        if change.translation is None:
            typer.echo(f"{source}:{english.line} [{english.id}] new in the English, not translated yet:")
            typer.echo(f"  now:  {english.text}")
        else:
            typer.echo(
                f"{project.display(path)}:{change.translation.line} [{change.translation.id}] "
                f"the English changed ({source}:{english.line}):"
            )
            if change.source_then is None:
                typer.echo("  then: (not recorded: the page was marked as a whole; see git log)")
            else:
                typer.echo(f"  then: {change.source_then}")
            typer.echo(f"  now:  {english.text}")
            if change.source_then is not None:
                typer.echo(f"  what changed: {translation_state.word_diff_text(change.marked_then_now())}")
            typer.echo(f"  translation: {change.translation.text}")
        typer.echo("")
    typer.echo(
        f"{len(changes)} segment(s) to update; then `translations mark-current {project.display(path)}` "
        f"(or --segment ID for one)"
    )


@app.command("export")
def export(
    language: Annotated[str, typer.Argument(help="The language to export, e.g. es.")],
    file_format: Annotated[
        str, typer.Option("--format", help="po (Poedit, Weblate) or xliff (XLIFF 1.2).")
    ] = "po",
    out: Annotated[Path, typer.Option("--out", help="Folder for LANG/<page>.po and LANG.tmx.")] = Path(
        "translations"
    ),
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """One PO (or XLIFF) file per page of LANG, a unit per segment, and LANG.tmx, its memory."""
    project = _project(root)
    _require_language(project, language)
    if language == project.default.code or file_format not in ("po", "xliff"):
        typer.echo(
            f"export a translation ({', '.join(lang.code for lang in project.languages[1:])}) as po or xliff",
            err=True,
        )
        raise typer.Exit(2)
    try:
        result = exchange_export.export_language(project, language, out, file_format)
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    states = ", ".join(f"{count} {state}" for state, count in sorted(result.states.items()))
    typer.echo(
        f"{len(result.files) - 1} page file(s) and the memory in {out / language}/ and {out / language}.tmx"
    )
    typer.echo(f"{result.units} unit(s): {states}")


@app.command("import")
def import_files(
    files: Annotated[list[Path], typer.Argument(help="PO or XLIFF files made by `translations export`.")],
    root: Annotated[Path | None, ROOT] = None,
    machine_assisted: Annotated[
        bool,
        typer.Option(
            "--machine-assisted",
            help="The translations were drafted with machine translation: a page this import creates "
            "says so to its readers (translation: machine_assisted: true).",
        ),
    ] = False,
) -> None:
    """Write translated units back into the pages and their records; nothing is written if a unit is
    broken. Then runs the checks of the languages imported."""
    project = _project(root)
    units = []
    try:
        for file in files:
            content = file.read_bytes()
            if file.suffix in (".xlf", ".xliff"):
                units += exchange_xliff.read_xliff(content, str(file))
            else:
                units += exchange_po.read_po(content, str(file))[2]
        result = exchange_import.import_units(project, units, machine_assisted)
    except exchange_import.ImportRefused as refused:
        typer.echo("nothing imported; fix these units first:", err=True)
        for problem in refused.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1) from None
    except (OSError, ValueError) as error:
        typer.echo(f"nothing imported: {error}", err=True)
        raise typer.Exit(2) from None
    translated = sum(p.translated for p in result.plans)
    fuzzy = sum(p.fuzzy for p in result.plans)
    typer.echo(
        f"{len(result.plans)} page(s), {translated} unit(s) current, {fuzzy} fuzzy (left outdated); "
        f"{len(result.changed)} file(s) changed"
    )
    for changed in result.changed:
        typer.echo(f"  wrote {changed}")
    languages = sorted({p.language for p in result.plans})
    report = _project(root).check(languages)
    for finding in report.findings:
        if any(finding.path.startswith(f"docs/{lang}/") for lang in languages):
            typer.echo(f"{finding}" + ("" if finding.blocking else "  [notice]"))
    blocking = [f for f in report.blocking if any(f.path.startswith(f"docs/{lang}/") for lang in languages)]
    typer.echo(f"{len(blocking)} blocking finding(s) in the imported language(s)", err=True)
    raise typer.Exit(1 if blocking else 0)


@app.command("migrate-segments")
def migrate_segments(root: Annotated[Path | None, ROOT] = None) -> None:
    """Once: give every translated page per-segment records from its page-level source_blob."""
    project = _project(root)
    for line in translation_state.migrate(project):
        typer.echo(line)


@app.command("review-version")
def review_version(
    file: Annotated[Path, typer.Argument(help="A page, e.g. docs/en/callback.md or docs/es/callback.md")],
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """Print the version ids a medical review of FILE records in data/reviews.yml."""
    project = _project(root)
    path = (file if file.is_absolute() else Path.cwd() / file).resolve()
    try:
        relative = path.relative_to(project.docs_dir)
    except ValueError:
        typer.echo(f"{file} is not inside {project.display(project.docs_dir)}", err=True)
        raise typer.Exit(2) from None
    language, page = relative.parts[0], Path(*relative.parts[1:]).as_posix()
    source = project.page_file(project.default.code, page)
    if not path.exists() or not source.exists():
        typer.echo(f"{file}: no such page, or no source page {project.display(source)}", err=True)
        raise typer.Exit(2)
    typer.echo(f"source_version: {body_version(source.read_text(encoding='utf-8'))}")
    if language != project.default.code:
        typer.echo(f"translation_version: {body_version(path.read_text(encoding='utf-8'))}")


def _untranslated_copy(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    block = (
        "translation:\n  untranslated: true\n  translated_by: nobody yet\n  medical_review: false\n"
        f"  source_blob: {blob_id(source.read_bytes())}\n"
    )
    if text.startswith("---\n"):
        return text.replace("---\n", "---\n" + block, 1)
    return f"---\n{block}---\n" + text


def _find_root() -> Path:
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "mkdocs.yml").exists():
            return folder
    typer.echo("no mkdocs.yml here or in any parent folder; use --root", err=True)
    raise typer.Exit(2)


@app.command("finish-site")
def finish_site(
    site: Annotated[Path, typer.Argument(help="The built folder.", show_default=False)],
    site_url: Annotated[
        str,
        typer.Option(
            "--site-url", envvar="SITE_URL", help="The address it is published at.", show_default=False
        ),
    ],
    clinic: Annotated[
        Path | None,
        typer.Option("--clinic", help="The clinic profile of a branded build.", show_default=False),
    ] = None,
    root: Annotated[Path | None, ROOT] = None,
) -> None:
    """The steps after the pages are built, for a build without this project's MkDocs hooks.

    Splits the search index and sitemap per language, writes the moved pages, robots.txt,
    _redirects, _nginx.conf and _headers, and audits every page against the Content-Security-
    Policy: exit 1 on any finding. `make site` does all of this itself.
    """
    project = _project(root)
    if not (site / "index.html").is_file():
        typer.echo(f"{site}: no index.html; expected a built site", err=True)
        raise typer.Exit(2)
    try:
        publish = load_publish_config(project.data_dir, project.root, project.source_pages())
        profile = (
            load_profile(
                clinic, [lang.code for lang in project.languages], project.default.code, project.root
            )
            if clinic
            else None
        )
        data = project.data
    except DataError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    # The languages this build has: the default, and each other one with a home page of its own.
    languages = [
        lang.code
        for lang in project.languages
        if (profile is None or lang.code in profile.languages)
        and (lang.default or (site / lang.code / "index.html").is_file())
    ]
    built = BuiltSite(site.resolve(), site_url.rstrip("/") + "/", project.default.code, languages, profile)
    split_languages(built)
    done = write_host_files(
        built, data, publish, template_macros(project.root / "overrides")("hooks/publish.html")
    )
    for finding in done.findings:
        typer.echo(str(finding))
    for problem in done.host_limits:
        typer.echo(f"{site}/{problem}")
    typer.echo(
        f"finish-site: {done.served} files, {done.header_rules} _headers rules, "
        f"{done.moved_pages} moved pages, {len(done.findings)} finding(s)",
        err=True,
    )
    raise typer.Exit(1 if done.findings or done.host_limits else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
