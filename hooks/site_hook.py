"""MkDocs hook (registered in mkdocs.yml): per-language search and sitemaps on top of mkdocs-static-i18n.

The work is done in mammogram_callbacks.build.site; this file only names its events.
"""

from mammogram_callbacks.build.site import on_post_build, on_post_page, on_post_template

__all__ = ["on_post_build", "on_post_page", "on_post_template"]
