"""The page filling as a Python-Markdown extension, for a build without this project's MkDocs hooks.

The MkDocs build fills pages in its hook (build/content.py), where it knows each page's file, the
language being built and every language's pages. An engine that runs no `hooks:` but runs
Python-Markdown extensions from mkdocs.yml (Zensical, or plain MkDocs with the hooks removed) gets
the same statistics, citations, clinic markers, source notes, picture, glossary and sources list
from this extension:

    markdown_extensions:
      - mammogram_callbacks.markdown_extension:
          root: .                   # the project folder (data/, overrides/)
          language: en              # the language of the pages being built
          clinic_profile: ""        # clinics/x.yml for a branded build

The translation-status and embed-builder blocks need the whole MkDocs build; here they are left
out, and the build says so. Such a build is not checked by itself: run `translations check` before
it and `translations finish-site` after it (ZENSICAL.md); `make publish` always does both.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from mammogram_callbacks.data.clinic import ClinicProfile, load_profile
from mammogram_callbacks.data.publish_config import PublishConfig, load_publish_config
from mammogram_callbacks.project import Project
from mammogram_callbacks.render.content import UnknownClinicMarker, UnknownSource, UnknownStatistic
from mammogram_callbacks.render.page_content import (
    EMBED_BUILDER,
    TRANSLATION_STATUS,
    MissingContact,
    data_blocks,
    fill_page,
    template_macros,
)

# ---- Classes -----------------------------------------------------------------------------------


class PageContentError(ValueError):
    """A page names a statistic, source or clinic marker the project's data does not have."""


class PageContentExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "root": [".", "the project folder, holding data/ and overrides/"],
            "language": ["", "the language of the pages (default: the project's default language)"],
            "clinic_profile": ["", "a clinic profile (clinics/x.yml) for a branded build"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before everything else (normalize_whitespace is 30): the blocks are raw HTML, which
        # Python-Markdown must see as such, and markers inside code stay as written.
        md.preprocessors.register(_FillPage(md, self), "mammogram_callbacks_page_content", 40)


class _FillPage(Preprocessor):
    def __init__(self, md: Markdown, extension: PageContentExtension) -> None:
        super().__init__(md)
        self.root = Path(extension.getConfig("root")).resolve()
        self.language = str(extension.getConfig("language"))
        self.clinic_profile = str(extension.getConfig("clinic_profile"))

    def run(self, lines: list[str]) -> list[str]:
        project = _project(self.root)
        language = self.language or project.default.code
        text = "\n".join(lines)
        blocks = dict(
            data_blocks(project.data, language, template_macros(self.root / "overrides"), _publish(self.root))
        )
        for marker in (TRANSLATION_STATUS, EMBED_BUILDER):
            if marker in text:
                log.warning("%s is made by the MkDocs build only (hooks/content_hook.py): left out", marker)
                blocks[marker] = str
        try:
            filled = fill_page(text, project.data, language, _clinic(self.root, self.clinic_profile), blocks)
        except UnknownStatistic as error:
            raise PageContentError(
                f"unknown statistic '{error.args[0]}': not in data/statistics.yml"
            ) from None
        except UnknownSource as error:
            raise PageContentError(f"unknown source '{error.args[0]}': not in data/statistics.yml") from None
        except UnknownClinicMarker as error:
            raise PageContentError(f"unknown clinic marker [[clinic:{error.args[0]}]]") from None
        except MissingContact as error:
            raise PageContentError(f"data/publish.yml has no {error.args[0]}") from None
        return filled.split("\n")


# ---- Functions ---------------------------------------------------------------------------------


def makeExtension(**kwargs) -> PageContentExtension:  # the name Python-Markdown looks for
    return PageContentExtension(**kwargs)


@cache
def _project(root: Path) -> Project:
    # Once per build process: Python-Markdown makes a new Markdown (and extension) for every page.
    return Project(root)


@cache
def _publish(root: Path) -> PublishConfig:
    project = _project(root)
    return load_publish_config(project.data_dir, project.root, project.source_pages())


@cache
def _clinic(root: Path, profile: str) -> ClinicProfile | None:
    if not profile:
        return None
    project = _project(root)
    return load_profile(
        (root / profile).resolve(), [lang.code for lang in project.languages], project.default.code, root
    )


log = logging.getLogger("mkdocs.mammogram_callbacks.page_content")
