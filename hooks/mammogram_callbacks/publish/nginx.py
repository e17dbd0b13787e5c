"""The part of the nginx server block that depends on the build: written into the site as
`_nginx.conf`, which deploy/nginx.conf includes.

It holds what changes with the project's data: the origins that may frame the embed pages
(data/publish.yml), each language's not-found page (mkdocs.yml), and the moved pages
(data/redirects.yml). Everything else, the headers included, is in deploy/nginx.conf itself.

The rules address the site from its own root whatever its public address: deploy/nginx.conf serves
the published folder at the root of its server, and a site published under a path
(https://clinic.example/patient-education/) is served by that same block behind the clinic's own
server, which passes the path's requests on without the path (deploy/nginx-under-a-path.conf) and
puts the path back on redirects.
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
    """The rules; `url_prefix` is the site's public path, which the moves' addresses carry."""
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
        f"location /{code}/ {{ error_page 404 /{code}/404.html; }}"
        for code in languages
        if code != default_language
    ]
    if found:
        lines += ["", "# Pages that moved (data/redirects.yml)."]
        for move in found:
            target = _from_root(move.new_url, url_prefix)
            lines += [
                f"location = {_from_root(address, url_prefix)} {{ return 301 {target}; }}"
                for address in addresses(move)
            ]
    return "\n".join(lines) + "\n"


# ---- Helper functions --------------------------------------------------------------------------


def _from_root(address: str, url_prefix: str) -> str:
    # "/patient-education/es/x.html" -> "/es/x.html": as the server block behind the path sees it.
    return "/" + address.removeprefix(url_prefix).lstrip("/")


# ---- Data --------------------------------------------------------------------------------------

_PREAMBLE = """\
# Written by the site build (hooks/publish_hook.py, mammogram_callbacks.publish.nginx): do not edit.
# deploy/nginx.conf includes this file inside its server block; reload nginx after publishing."""
