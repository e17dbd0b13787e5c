"""What the hooks share during one `mkdocs build`: the project and the clinic profile (if the
build is branded), loaded once for all languages.

mkdocs-static-i18n runs the whole build once per language on the same config object, and
`mkdocs serve` keeps hook modules loaded across rebuilds, so the project is reloaded exactly when a
new top-level build starts (the i18n plugin is not in the middle of building other languages).

A branded build names its profile in `extra: clinic_profile:` (mkdocs.yml reads it from the
PE_CLINIC environment variable, which `make site CLINIC=...` sets): a path, absolute or relative
to the folder the build runs in.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from pe_clinic import ClinicProfile, load_profile
from pe_findings import DataError
from pe_project import Project

_state: dict = {}


def i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def start_or_continue(config: MkDocsConfig) -> Project:
    """Call from on_config: a fresh project at the start of a build, the same one after."""
    # A new top-level build: not one of static-i18n's per-language builds, and a config object we
    # have not seen (both hooks call this from their on_config; `mkdocs serve` reloads the config).
    if "project" not in _state or (not i18n(config).building and _state.get("config") is not config):
        root = Path(config.config_file_path).parent
        try:
            project = Project(root, Path(config.config_file_path).name)
            project.data  # noqa: B018 - load and validate now, so bad data stops the build at once
        except DataError as error:
            raise PluginError("Unusable project data:\n" + str(error)) from None
        clinic = _load_clinic(config, project, root)
        _state.clear()
        _state["project"] = project
        _state["config"] = config
        _state["clinic"] = clinic
    return _state["project"]


def clinic() -> ClinicProfile | None:
    """The clinic of a branded build; None in the neutral public build."""
    return _state.get("clinic")


def _load_clinic(config: MkDocsConfig, project: Project, root: Path) -> ClinicProfile | None:
    profile = str((config.extra or {}).get("clinic_profile") or "").strip()
    if not profile:
        return None
    try:
        return load_profile(Path(profile), [lang.code for lang in project.languages], project.default.code, root)
    except DataError as error:
        raise PluginError("Unusable clinic profile:\n" + str(error)) from None


def project() -> Project:
    return _state["project"]


def remember(key: str, value) -> None:
    _state[key] = value


def recall(key: str, default=None):
    return _state.get(key, default)
