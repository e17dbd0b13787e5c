"""MkDocs hook (registered in mkdocs.yml).

Embed pages: each page of each language, once more at embed/<lang>/<page>.html, for clinics.

The work is done in mammogram_callbacks.build.embed; this file only names its events.
"""

from mammogram_callbacks.build.embed import on_config, on_env, on_post_build, on_post_page

__all__ = ["on_config", "on_env", "on_post_build", "on_post_page"]
