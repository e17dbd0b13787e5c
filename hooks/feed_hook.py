"""MkDocs hook (registered in mkdocs.yml).

The feed clinics build on: feed/<lang>/<page>.json, feed/<lang>/index.json and feed/<lang>/atom.xml.

The work is done in mammogram_callbacks.build.feed; this file only names its events.
"""

from mammogram_callbacks.build.feed import on_config, on_post_build, on_post_page

__all__ = ["on_config", "on_post_build", "on_post_page"]
