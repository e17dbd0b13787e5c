"""A language CLDR (Babel) and Material do not know builds from what it declares, or fails saying
what to add. `qaa` is in ISO 639's range for local use, so no library will ever know it."""

from __future__ import annotations

import json
import re
import shutil

import yaml
from mammogram_callbacks.checks.theme_words import SETTINGS, material_languages, read_theme_words
from mammogram_callbacks.cli import app
from typer.testing import CliRunner

from tests.support.builds import build_site

DECLARED = """
writing:
  cldr: none
  english_name: Test Language
  direction: ltr
  numbers:
    decimal: ","
    group: "."
    percent: "{number} pct"
  dates:
    format: "{day}. {month} {year}"
    months: [Unu, Du, Tri, Kvar, Kvin, Ses, Sep, Ok, Naŭ, Dek, Dekunu, Dekdu]
  theme_words: site
name_en: la angla
"""


def theme_words_file() -> str:
    """Material's English file with every word in the made-up language: Material's Spanish where it
    has one, else the English marked (so no key is left as Material's English)."""
    spanish = read_theme_words(material_languages() / "es.html")
    lines = []
    for line in (material_languages() / "en.html").read_text(encoding="utf-8").splitlines():
        match = re.match(r'^(\s*)"([^"]+)": "(.*)"(,?)$', line)
        if match and match[2] not in SETTINGS:
            text = spanish[match[2]][0] if match[2] in spanish else f"qaa {match[3]}"
            line = f'{match[1]}"{match[2]}": {json.dumps(text, ensure_ascii=False)}{match[4]}'
        lines.append(line.replace('"language": "en"', '"language": "qaa"'))
    return "\n".join(lines) + "\n"


def made_up_language(root, writing: str | None = DECLARED, theme_words: bool = True):
    """The fixture site with `qaa` added: the Spanish data files under the new code, the English
    pages copied and marked untranslated (`translations new`), and Material's Spanish words."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "        - locale: ar\n",
        "        - locale: qaa\n          name: Qaa\n          build: true\n        - locale: ar\n",
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    ui = (root / "data/ui/es.yml").read_text(encoding="utf-8")
    ui = re.sub(r"^number_locale:.*\n", "", ui, flags=re.M)
    (root / "data/ui/qaa.yml").write_text(ui + (writing or ""), encoding="utf-8")
    shutil.copy(root / "data/termbase/es.yml", root / "data/termbase/qaa.yml")
    if theme_words:
        target = root / "overrides/partials/languages/qaa.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(theme_words_file(), encoding="utf-8")
    result = CliRunner().invoke(app, ["new", "qaa", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


def test_a_language_unknown_to_cldr_and_material_builds_from_its_declared_formats(site_factory):
    root = made_up_language(site_factory())
    result = build_site(root)
    assert result.error is None, result.warnings
    assert result.warnings == []
    # The build says what it used, for every language.
    assert any(
        "Qaa (qaa): numbers and dates as declared in data/ui/qaa.yml (CLDR has no 'qaa'); "
        "interface words from overrides/partials/languages/qaa.html (Material has none)" in line
        for line in result.infos
    ), result.infos
    assert any(
        "Español (es): numbers and dates from CLDR's 'es'; interface words from Material" in line
        for line in result.infos
    )
    page = result.html("qaa/callback.html")
    assert '<html lang="qaa" dir="ltr"' in page
    # Numbers and dates as declared: "1.000" with the declared group mark, months by name.
    reviewed = yaml.safe_load((root / "docs/en/callback.md").read_text(encoding="utf-8").split("---")[1])[
        "review"
    ]
    last = reviewed["last_reviewed"]
    months = ["Unu", "Du", "Tri", "Kvar", "Kvin", "Ses", "Sep", "Ok", "Naŭ", "Dek", "Dekunu", "Dekdu"]
    assert f"{last.day}. {months[last.month - 1]} {last.year}" in page
    assert "Qué les pasa a 1.000 mujeres" in page  # the icon array's total
    # The theme's words come from the site's file, not Material's English.
    assert 'placeholder="Búsqueda"' in page and 'placeholder="Search"' not in page


def test_a_language_unknown_to_cldr_that_declares_nothing_fails_saying_what_to_add(site_factory):
    result = build_site(made_up_language(site_factory(), writing="name_en: la angla\n"))
    assert result.error is not None
    message = "\n".join(result.warnings)
    assert "data/ui/qaa.yml:1: CLDR (Babel) has no locale 'qaa'" in message
    assert (
        "add a 'writing:' block with cldr: none, english_name, direction, numbers (decimal, group, percent)"
        in message
    )


def test_a_declaration_with_a_gap_names_the_line_and_the_field(site_factory):
    writing = DECLARED.replace('    percent: "{number} pct"\n', "").replace("[Unu, Du, ", "[")
    root = made_up_language(site_factory(), writing=writing)
    lines = (root / "data/ui/qaa.yml").read_text(encoding="utf-8").splitlines()
    numbers_at = lines.index("  numbers:") + 1
    months_at = next(n for n, line in enumerate(lines, 1) if line.startswith("    months:"))
    result = build_site(root)
    assert result.error is not None
    message = "\n".join(result.warnings)
    assert (
        f"data/ui/qaa.yml:{numbers_at}: writing: numbers: percent: expected a pattern with {{number}}"
        in message
    )
    assert f"data/ui/qaa.yml:{months_at}: writing: dates: months: expected the twelve month names" in message


def test_a_language_whose_theme_words_are_missing_is_blocked_before_english_reaches_its_pages(site_factory):
    root = made_up_language(site_factory(), theme_words=False)
    result = build_site(root)
    assert result.error is not None
    assert any(
        "data/ui/qaa.yml:1: writing: theme_words: site, but there is no overrides/partials/languages/qaa.html"
        in w
        for w in result.warnings
    ), result.warnings
    # A file that lacks one of Material's keys is named with the key and the English it would print.
    words = (
        (material_languages() / "es.html")
        .read_text(encoding="utf-8")
        .replace('"language": "es"', '"language": "qaa"')
    )
    target = root / "overrides/partials/languages/qaa.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(re.sub(r'^\s*"search.placeholder":.*\n', "", words, flags=re.M), encoding="utf-8")
    result = build_site(root)
    assert result.error is not None
    assert any(
        "overrides/partials/languages/qaa.html:1: no 'search.placeholder': Material would print its English "
        "'Search' on every Test Language page" in w
        for w in result.warnings
    ), result.warnings
