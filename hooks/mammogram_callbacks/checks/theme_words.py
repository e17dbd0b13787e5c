"""The theme's own words (Material's search box, "Skip to content", "Back to top") in every language.

Material looks a word up in `partials/languages/<lang>.html` and, when the key is missing there,
silently prints the English one. A language whose words Material ships (`writing: theme_words:
material`, the default) must be one Material has; a language Material lacks (Somali, Hmong) keeps
them in the site's `overrides/partials/languages/<lang>.html` (`theme_words: site`), which must have
every key of Material's English file. So no English theme word reaches such a page unnoticed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.data.language_formats import HOW_TO_DECLARE, LanguageFormats

# The check of a language with no theme words at all: its pages cannot be drawn (build.checks stops).
MISSING_FILE = "theme-words-file"

# Keys that are settings, not words: the same in every language is expected.
SETTINGS = frozenset(
    {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
)


def material_languages() -> Path:
    """The installed Material's translations (a dependency listed in UPGRADING.md)."""
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def read_theme_words(path: Path) -> dict[str, tuple[str, int]]:
    """Each key of a Material language partial, with its text and its line."""
    words = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if match := _ENTRY.match(line):
            words[match["key"]] = (json.loads(f'"{match["text"]}"'), number)
    return words


def check_theme_words(
    formats: LanguageFormats, data_file: str, overrides: Path | None, display, material: Path | None = None
) -> list[Finding]:
    """Findings for one language's theme words (`display` turns a path into the name messages use)."""
    material = material or material_languages()
    language = formats.language
    shipped = material / f"{language}.html"
    if formats.theme_words == "material":
        if shipped.exists():
            return []
        return [
            Finding(
                data_file,
                1,
                MISSING_FILE,
                f"Material for MkDocs has no interface words for '{language}' (no "
                f"partials/languages/{language}.html), so its search box and menus would be in "
                f"English: write them in overrides/partials/languages/{language}.html (a copy of "
                f"Material's en.html, translated) and declare writing: theme_words: site "
                f"({HOW_TO_DECLARE})",
            )
        ]
    own = overrides / "partials" / "languages" / f"{language}.html" if overrides else None
    if own is None or not own.exists():
        return [
            Finding(
                data_file,
                1,
                MISSING_FILE,
                f"writing: theme_words: site, but there is no overrides/partials/languages/{language}.html: "
                f"copy Material's partials/languages/en.html there and translate it",
            )
        ]
    english = read_theme_words(material / "en.html")
    words = read_theme_words(own)
    name = display(own)
    findings = []
    for key, (text, _) in english.items():
        # A missing setting takes Material's English value, which is right unless the language
        # runs right to left (checked below).
        if key not in words and key not in SETTINGS:
            findings.append(
                Finding(
                    name,
                    1,
                    "theme-words",
                    f"no '{key}': Material would print its English {text!r} on every "
                    f"{formats.english_name or language} page; add it, translated",
                )
            )
    if "language" in words and words["language"][0] != language:
        findings.append(
            Finding(
                name,
                words["language"][1],
                "theme-words",
                f'"language" is {words["language"][0]!r}; expected {language!r}',
            )
        )
    direction, at = words.get("direction", ("ltr", 1))
    if direction != formats.direction:
        findings.append(
            Finding(
                name,
                at,
                "theme-words",
                f'"direction" is {direction!r}, but the language runs {formats.direction!r}: '
                f'write "direction": "{formats.direction}"',
            )
        )
    for key, (text, line) in words.items():
        if key not in english:
            findings.append(
                Finding(name, line, "theme-words", f"'{key}' is not a key Material uses", blocking=False)
            )
        elif key not in SETTINGS and text == english[key][0] and re.search(r"[^\W\d_]", text):
            findings.append(
                Finding(
                    name,
                    line,
                    "theme-words",
                    f"'{key}' is the same as Material's English ({text!r}): translate it",
                    blocking=False,
                )
            )
    return findings


# ---- Data --------------------------------------------------------------------------------------

# One entry of the macro's dictionary: `  "search.placeholder": "Search",`
_ENTRY = re.compile(r'^\s*"(?P<key>[^"]+)":\s*"(?P<text>(?:[^"\\]|\\.)*)",?\s*$')
