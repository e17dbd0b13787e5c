"""The part of the nginx server block that depends on the build: written into the site as
`_nginx.conf`, which deploy/nginx.conf includes.

It holds what changes with the project's data: the origins that may frame the embed pages
(data/publish.yml), each language's not-found page (mkdocs.yml), and the moved pages
(data/redirects.yml). Everything else, the headers included, is in deploy/nginx.conf itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from mammogram_callbacks.publish.redirects import Move, addresses

# ---- Functions ---------------------------------------------------------------------------------


def render_nginx_rules(
    embed_frame_ancestors: Iterable[str],
    languages: list[str],
    default_language: str,
    found: list[Move],
    url_prefix: str = "/",
) -> str:
    ancestors = " ".join(embed_frame_ancestors) or "'none'"
    lines = [
        _PREAMBLE,
        "",
        "# Who may show the pages under /embed/ in a frame (data/publish.yml).",
        f'set $pe_embed_frame_ancestors "{ancestors}";',
        "",
        "# Each language's own not-found page.",
    ]
    lines += [
        f"location {url_prefix}{code}/ {{ error_page 404 {url_prefix}{code}/404.html; }}"
        for code in languages
        if code != default_language
    ]
    if found:
        lines += ["", "# Pages that moved (data/redirects.yml)."]
        lines += [
            f"location = {address} {{ return 301 {move.new_url}; }}"
            for move in found
            for address in addresses(move)
        ]
    return "\n".join(lines) + "\n"


# ---- Data --------------------------------------------------------------------------------------

_PREAMBLE = """\
# Written by the site build (hooks/publish_hook.py, mammogram_callbacks.publish.nginx): do not edit.
# deploy/nginx.conf includes this file inside its server block; reload nginx after publishing."""
