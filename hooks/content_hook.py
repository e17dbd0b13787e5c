"""MkDocs hook (registered in mkdocs.yml): fills each page from the project's data, in the reader's language.

The work is done in mammogram_callbacks.build.content; this file only names its events.
"""

from mammogram_callbacks.build.content import on_config, on_page_content, on_page_markdown

__all__ = ["on_config", "on_page_content", "on_page_markdown"]
