"""Embed pages: every page of every language at a stable address a clinic can show in an iframe.

`es/callback.html` is embedded from `embed/es/callback.html` (the default language too has its
folder: `embed/en/callback.html`). An embed page holds the page's rendered content without the
site's chrome; this module works out its address, moves the content's relative links so they still
reach the full site from there (opening in a new tab, out of the clinic's frame), and writes the
Content-Security-Policy that says who may frame it.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

# ---- Functions ---------------------------------------------------------------------------------


def embed_url(page_url: str, language: str, default_language: str) -> str:
    """The embed address of a page, relative to the site root.

    `es/callback.html` -> `embed/es/callback.html`.
    """
    path = page_url if language == default_language else page_url.removeprefix(f"{language}/")
    return f"embed/{language}/{path or 'index.html'}"


def relocate(url: str, from_url: str, to_url: str) -> str:
    """A relative link written on the page at `from_url`, rewritten for the page at `to_url`.

    Absolute links (with a scheme or host) and in-page anchors are returned unchanged.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_url), parts.path))
    moved = posixpath.relpath(target, posixpath.dirname(to_url) or ".")
    return (
        moved + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    )


def embed_content(html: str, page_url: str, embed_page_url: str) -> str:
    """The page's rendered content, made ready for its embed address.

    - relative links and images still reach the full site (resolved from the embed address);
    - links to other pages, of this site or another, open in a new tab: a reader stays in the
      clinic's page, and the full site never opens inside the clinic's frame;
    - anchors within the page, tel: and mailto: links are left as they are;
    - glossary terms (<abbr title>) can be focused, so a tap or the keyboard shows the definition.
    """

    def rewrite(match: re.Match) -> str:
        tag, attributes = match["tag"].lower(), dict(_ATTRIBUTE.findall(match["attrs"] or ""))
        if tag == "abbr":
            if "title" in attributes and "tabindex" not in attributes:
                attributes["tabindex"] = "0"
        elif tag == "img" and "src" in attributes:
            attributes["src"] = relocate(attributes["src"], page_url, embed_page_url)
        elif tag == "a" and "href" in attributes:
            href = attributes["href"]
            scheme = urlsplit(href).scheme.lower()
            if href.startswith("#") or scheme in ("tel", "mailto", "sms"):
                pass
            elif scheme or href.startswith("//"):
                attributes.update(target="_blank", rel="noopener noreferrer")
            else:
                attributes.update(
                    href=relocate(href, page_url, embed_page_url), target="_blank", rel="noopener"
                )
        rendered = "".join(f' {name}="{value}"' for name, value in attributes.items())
        return f"<{match['tag']}{rendered}{match['end']}>"

    return _TAG.sub(rewrite, html)


def snippet_templates(site_url: str, site_name: str) -> tuple[str, str]:
    """The code a clinic pastes, with `{page}` and `{lang}` to fill in: the script, and a plain frame.

    The plain frame is for a clinic whose website allows no scripts: it has a fixed height and the
    reader scrolls inside it, which is still readable.
    """
    site = site_url.rstrip("/") + "/"
    script = (
        f'<script src="{site}assets/javascripts/embed.js" data-page="{{page}}" data-lang="{{lang}}" async>'
        "</script>"
    )
    frame = (
        f'<iframe src="{site}embed/{{lang}}/{{page}}.html" title="{html.escape(site_name)}" width="100%" '
        f'height="{PLAIN_FRAME_HEIGHT}" frameborder="0" loading="lazy"></iframe>'
    )
    return script, frame


def content_security_policy() -> str:
    """The embed pages' own policy (a <meta> tag): scripts, styles and images from the site only,
    nothing inline. Who may frame them is an HTTP header only (hooks/publish_hook.py, `_headers`).

    connect-src 'self', as in the site's header policy: the pages fetch nothing themselves, but
    tools reading them from inside do (Lighthouse reads robots.txt that way).
    """
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


# ---- Data --------------------------------------------------------------------------------------

# The plain <iframe>'s height in pixels: most pages fit on a desktop screen without scrolling inside.
PLAIN_FRAME_HEIGHT = 1200

# Start tags of the elements whose attributes matter. Python-Markdown and the project's macros
# write every attribute value in double quotes and escape `>` inside values, so a tag ends at `>`.
_TAG = re.compile(r"<(?P<tag>a|img|abbr)(?P<attrs>\s[^>]*?)?(?P<end>\s*/?)>", re.I)
_ATTRIBUTE = re.compile(r'([^\s=/>"]+)="([^"]*)"')
