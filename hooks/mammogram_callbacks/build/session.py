"""What the hooks share during one `mkdocs build`, as one typed `BuildSession`: the project, the
clinic profile (if the build is branded), the languages this build makes, and what each hook
produces for the others (the check report, the reading figures, the publishing data, ...).

mkdocs-static-i18n runs the whole build once per language on the same config object, and
`mkdocs serve` keeps hook modules loaded across rebuilds, so the project is reloaded exactly when a
new top-level build starts (the i18n plugin is not in the middle of building other languages).

A branded build names its profile in `extra: clinic_profile:` (mkdocs.yml reads it from the
PE_CLINIC environment variable, which `make site CLINIC=...` sets): a path, absolute or relative
to the folder the build runs in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from mammogram_callbacks.checks.readability import Reading
from mammogram_callbacks.core.findings import DataError
from mammogram_callbacks.data.clinic import ClinicProfile, load_profile
from mammogram_callbacks.data.handout_config import HandoutConfig
from mammogram_callbacks.data.publish_config import PublishConfig
from mammogram_callbacks.project import Project, Report


@dataclass
class BuildSession:
    """One top-level build. Each product is set by one hook and read by others; reading a product
    that no hook made fails loudly (`need`), naming the hook that should have made it."""

    project: Project
    config: MkDocsConfig
    clinic: ClinicProfile | None
    # The languages this build makes, read once from the i18n plugin (a branded build may leave
    # some out): every hook uses this list.
    languages: list[str] = field(default_factory=list)
    report: Report | None = None  # hooks/checks_hook.py, on_files: every check's findings
    readings: dict[tuple[str, str], Reading] | None = None  # content: reading figures of every page
    macro_env: Any = None  # content: the theme's Jinja environment for the generated blocks
    embed_env: Any = None  # hooks/embed_hook.py, on_env: the environment embed pages render with
    embeddable: set[str] | None = None  # embed: source pages that have an embed address
    publish: PublishConfig | None = None  # hooks/publish_hook.py, on_config: framing, redirects
    saved_alternates: tuple | None = None  # publish: Material's alternates, put aside per template
    not_found: dict[str, str] = field(default_factory=dict)  # publish: each language's 404 page
    handout_config: HandoutConfig | None = None  # hooks/handout_hook.py, on_config: data/handouts.yml
    handout_env: Any = None  # handouts, on_env: the environment the handouts render with
    handout_jobs: list[Any] = field(default_factory=list)  # handouts: the sheets still to print
    content_changes: dict[str, str] | None = None  # hooks/feed_hook.py: when each page last changed
    feed_items: dict[str, list[Any]] = field(default_factory=dict)  # feed: each language's pages

    _PRODUCERS: ClassVar[dict[str, str]] = {
        "report": "hooks/checks_hook.py (on_files)",
        "publish": "hooks/publish_hook.py (on_config)",
        "embed_env": "hooks/embed_hook.py (on_env)",
        "handout_config": "hooks/handout_hook.py (on_config)",
        "handout_env": "hooks/handout_hook.py (on_env)",
    }

    def need(self, name: str):
        """A product another hook must have made; a clear build error when it did not."""
        value = getattr(self, name)
        if value is None:
            raise PluginError(
                f"the build has no {name}: {self._PRODUCERS.get(name, 'its hook')} must be listed "
                f"under hooks: in mkdocs.yml, before the hooks that use it"
            )
        return value


_session: BuildSession | None = None


def i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def language(config: MkDocsConfig) -> str:
    """The language being built: static-i18n's current one, the default language before it starts."""
    return i18n(config).current_language or project().default.code


def start_or_continue(config: MkDocsConfig) -> Project:
    """Call from on_config: a fresh project at the start of a build, the same one after."""
    # A new top-level build: not one of static-i18n's per-language builds, and a config object we
    # have not seen (both hooks call this from their on_config; `mkdocs serve` reloads the config).
    global _session
    if _session is None or (not i18n(config).building and _session.config is not config):
        root = Path(config.config_file_path).parent
        try:
            project = Project(root, Path(config.config_file_path).name)
            project.data  # noqa: B018 -- loads and validates the data now, so a fault stops the build here
        except DataError as error:
            raise PluginError("Unusable project data:\n" + str(error)) from None
        clinic = _load_clinic(config, project, root)
        _session = BuildSession(project, config, clinic, languages=_built_languages(config, project, clinic))
    return _session.project


def session() -> BuildSession:
    """The current build's session; only after a hook's on_config has started it."""
    if _session is None:
        raise PluginError("no build session: a hook ran before any on_config started the build")
    return _session


def clinic() -> ClinicProfile | None:
    """The clinic of a branded build; None in the neutral public build."""
    return session().clinic


def _built_languages(config: MkDocsConfig, project: Project, clinic: ClinicProfile | None) -> list[str]:
    """The languages this build makes, in mkdocs.yml's order: those marked `build: true`, and of
    those only the clinic's in a branded build (hooks/clinic_hook.py then sets static-i18n's flags
    to the same list). Read once, here, so that no two hooks can disagree."""
    marked = set(i18n(config).build_languages)
    return [
        lang.code
        for lang in project.languages
        if lang.code in marked and (clinic is None or lang.code in clinic.languages)
    ]


def _load_clinic(config: MkDocsConfig, project: Project, root: Path) -> ClinicProfile | None:
    extra: Any = config.extra or {}  # MkDocs types `extra` loosely; it is a mapping
    profile = str(extra.get("clinic_profile") or "").strip()
    if not profile:
        return None
    try:
        return load_profile(
            Path(profile), [lang.code for lang in project.languages], project.default.code, root
        )
    except DataError as error:
        raise PluginError("Unusable clinic profile:\n" + str(error)) from None


def project() -> Project:
    return session().project


def source_page(page: Page) -> str:
    """The page's file within its language's folder: "callback.md" for static-i18n's
    "es/callback.md" (docs_structure: folder)."""
    uri = page.file.src_uri
    return uri.split("/", 1)[1] if "/" in uri else uri


def embeddable() -> set[str]:
    """The source pages that have an embed page (and a feed entry); read once per build."""
    current = session()
    if current.embeddable is None:
        current.embeddable = set(current.project.embeddable_pages())
    return current.embeddable
