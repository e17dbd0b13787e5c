"""Web origins (`https://host[:port]`), as the Content-Security-Policy's frame-ancestors needs them.

One rule for every file that names one (data/publish.yml, a clinic profile).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def parse_origin(text: str) -> str | None:
    """ "https://host[:port]" (one trailing slash allowed), normalised; None when it is not an origin.

    http:// only for this machine (localhost, 127.0.0.1, [::1]): a page framed over plain HTTP
    elsewhere could be changed on its way to the patient.
    """
    text = text.strip().removesuffix("/").lower()  # schemes and host names ignore case
    if not _ORIGIN.fullmatch(text):
        return None
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        return None
    local = parts.hostname in ("localhost", "127.0.0.1", "::1")
    if (parts.scheme == "http" and not local) or port == 0:
        return None
    return text


# scheme://host[:port]: no path, query, wildcard or user name.
_ORIGIN = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"|\[::1\])(?::\d{1,5})?"
)
