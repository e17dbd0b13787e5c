"""MkDocs hook (registered in mkdocs.yml).

What the published site carries besides its pages (`make publish` deploys the build as is).

The work is done in mammogram_callbacks.build.publish; this file only names its events.
"""

from mammogram_callbacks.build.publish import (
    on_config,
    on_page_context,
    on_post_build,
    on_post_page,
    on_post_template,
    on_startup,
    on_template_context,
)

__all__ = [
    "on_config",
    "on_page_context",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_startup",
    "on_template_context",
]
