"""Moved pages: the `_redirects` file (Netlify, Cloudflare Pages) and the addresses behind it.

Each entry of data/redirects.yml applies to every language: `callback/` -> `callback.md` sends
/callback/ to /callback.html and /es/callback/ to /es/callback.html. A folder-style address also
answers without its final slash. The build also leaves a small page at each old address (see
hooks/publish_hook.py), for hosts that read no redirect rules (GitHub Pages).
"""

from __future__ import annotations

from dataclasses import dataclass

from mammogram_callbacks.data.publish_config import Redirect, page_address

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    old_url: str  # the old address, from the host's root: /es/callback/
    new_url: str  # the page now: /es/callback.html
    language: str
    old_file: str  # the file left at the old address, relative to the site root: es/callback/index.html


# ---- Functions ---------------------------------------------------------------------------------


def moves(
    redirects: tuple[Redirect, ...] | list[Redirect],
    languages: list[str],
    default_language: str,
    url_prefix: str = "/",
) -> list[Move]:
    """Every old address in every language, with the page it goes to."""
    found = []
    for redirect in redirects:
        for language in languages:
            root = "" if language == default_language else f"{language}/"
            old_file = root + (redirect.old + "index.html" if redirect.old.endswith("/") else redirect.old)
            found.append(
                Move(
                    f"{url_prefix}{root}{redirect.old}",
                    f"{url_prefix}{root}{page_address(redirect.new)}",
                    language,
                    old_file,
                )
            )
    return found


def addresses(move: Move) -> list[str]:
    """The addresses one move answers: a folder-style one with and without its final slash."""
    if move.old_url.endswith("/"):
        return [move.old_url, move.old_url.rstrip("/")]
    return [move.old_url]


def render_redirects_file(found: list[Move]) -> str:
    lines = [_REDIRECTS_PREAMBLE]
    lines += [f"{address} {move.new_url} 301" for move in found for address in addresses(move)]
    return "\n".join(lines) + "\n"


# ---- Data --------------------------------------------------------------------------------------

_REDIRECTS_PREAMBLE = """\
# Written by the site build from data/redirects.yml (hooks/publish_hook.py): do not edit.
# Read by Netlify and Cloudflare Pages; deploy/nginx.conf includes the same rules from _nginx.conf."""
