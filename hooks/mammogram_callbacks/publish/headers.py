"""The HTTP headers the published site is served with, as a `_headers` file (Netlify, Cloudflare
Pages) and the nginx rules deploy/nginx.conf includes.

- Content-Security-Policy: everything from the site's own origin only, no inline script or style
  (publish.csp_audit keeps the pages that way); `frame-ancestors 'none'`, except for the pages under
  /embed/, which the origins in data/publish.yml may frame.
- Referrer-Policy: no-referrer (a visit to this site is health information); nosniff.
- Permissions-Policy: no page may use the camera, microphone, location, payment and the other
  powerful features, nor join an advertising topic (the pages need none of them).
- Cross-Origin-Opener-Policy: same-origin (another site's window cannot reach into ours), except
  the embed pages, whose frame belongs to a clinic's page. Cross-Origin-Resource-Policy:
  same-origin, except what clinics load from their own pages (the embed pages and embed.js).
- The feed (/feed/): readable by scripts on any site (Access-Control-Allow-Origin: *), for
  clinics' CMSs and portals; it holds nothing but the public pages.
- Cache-Control: a year for files whose name carries a content hash, five minutes for the rest.

Hosts disagree on a header that two matching `_headers` rules both set (Netlify keeps the later,
Cloudflare Pages joins both with a comma, and two joined policies would both apply). So every
header here is set by exactly one matching rule for any published file: headers that are the same
everywhere go in one `/*` rule, and the rest in rules that never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderRule:
    pattern: str  # an exact path, or a path ending in "*" that matches any rest
    headers: dict[str, str] = field(hash=False)

    def matches(self, path: str) -> bool:
        if self.pattern.endswith("*"):
            return path.startswith(self.pattern[:-1])
        return path == self.pattern


class OverlappingRules(ValueError):
    """Two matching rules set the same header: hosts would merge them differently."""


# ---- Functions ---------------------------------------------------------------------------------


def content_security_policy(frame_ancestors: Iterable[str] = ()) -> str:
    """The policy; `frame_ancestors` are the origins that may frame the page (none by default)."""
    ancestors = " ".join(frame_ancestors) or "'none'"
    return "; ".join([*PAGE_POLICY, f"frame-ancestors {ancestors}"])


def meta_content_security_policy() -> str:
    """The policy for a <meta http-equiv> tag, for hosts that cannot send headers (GitHub Pages).

    Browsers ignore frame-ancestors in a <meta> (and warn about it), so it is left out.
    """
    return "; ".join(PAGE_POLICY)


def who_may_frame(framers: tuple[str, ...]) -> str:
    """The frame-ancestors sources in words, for the build's log."""
    if framers == ("*",):
        return "framed by any site"
    others = [f for f in framers if f != "'self'"]
    if not others:
        return "framed only by the site itself (no other site: frame_origins is empty)"
    return f"framed by the site itself and {len(others)} listed origin(s): {', '.join(others)}"


def embed_framers(configured: tuple[str, ...], clinic_origins: tuple[str, ...] | None) -> tuple[str, ...]:
    """Who may frame the pages under /embed/: the frame-ancestors sources.

    A clinic's branded build: the clinic's origins (its profile). Otherwise data/publish.yml: "*"
    for any site, or a list of origins. The site itself always may: its "Embed these pages" page
    shows a live preview in a frame.
    """
    if clinic_origins is not None:
        return ("'self'", *clinic_origins)
    if configured == ("*",):
        return ("*",)
    return ("'self'", *configured)


def headers_for_file(path: str, embed_frame_ancestors: Iterable[str] = ()) -> dict[str, str]:
    """Every header one published file is served with; `path` is relative to the site root."""
    embed = path.startswith(EMBED_FOLDER)
    # A clinic's logo opened on its own is a document: it may run nothing and load nothing.
    policy = (
        f"{LOGO_POLICY}; frame-ancestors 'none'"
        if path.startswith(CLINIC_LOGO)
        else content_security_policy(embed_frame_ancestors if embed else ())
    )
    headers = {
        "Content-Security-Policy": policy,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    if not embed:
        # For browsers that predate frame-ancestors; a page that may be framed must not send it.
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
    feed = path.startswith(FEED_FOLDER)
    headers["Cross-Origin-Resource-Policy"] = (
        "cross-origin" if embed or feed or path in CROSS_ORIGIN_FILES else "same-origin"
    )
    if feed:
        # A clinic's CMS or portal may read the feed from its own pages' scripts (no key, no cookie).
        headers["Access-Control-Allow-Origin"] = "*"
    headers["Cache-Control"] = LONG_CACHE if is_fingerprinted(path) else SHORT_CACHE
    return headers


def is_fingerprinted(path: str) -> bool:
    """Whether the file name carries a hash of its content (Material's bundle.1a2b3c4d.min.js)."""
    return bool(_FINGERPRINTED.search(PurePosixPath(path).name))


def header_rules(
    files: Iterable[str], headers_for: Callable[[str], dict[str, str]], url_prefix: str = "/"
) -> list[HeaderRule]:
    """Rules that give each file exactly its headers, no header set by two rules for one path.

    `files` are paths relative to the site root; `url_prefix` is the site's path on its host.
    A folder whose files all have the same headers gets one `folder/*` rule; a folder's index.html
    also answers at the folder's own address (`/es/`).
    """
    by_file = {path: headers_for(path) for path in sorted(files)}
    if not by_file:
        return []
    first = next(iter(by_file.values()))
    common = {
        name: value
        for name, value in first.items()
        if all(headers.get(name) == value for headers in by_file.values())
    }
    rules = [HeaderRule(f"{url_prefix}*", common)] if common else []
    rest = {path: {n: v for n, v in headers.items() if n not in common} for path, headers in by_file.items()}
    rules += _partition("", rest, url_prefix)
    return rules


def headers_for_path(rules: list[HeaderRule], path: str) -> dict[str, str]:
    """The headers a host serves `path` with, refusing rules that would merge differently per host."""
    found: dict[str, str] = {}
    origin: dict[str, str] = {}
    for rule in rules:
        if not rule.matches(path):
            continue
        for name, value in rule.headers.items():
            if name in found:
                raise OverlappingRules(f"{path}: {name} is set by both {origin[name]} and {rule.pattern}")
            found[name], origin[name] = value, rule.pattern
    return found


def render_headers_file(rules: list[HeaderRule]) -> str:
    lines = [_HEADERS_PREAMBLE]
    for rule in rules:
        lines.append(rule.pattern)
        lines += [f"  {name}: {value}" for name, value in rule.headers.items()]
        lines.append("")
    return "\n".join(lines)


def host_limit_problems(text: str) -> list[str]:
    """What a host would silently drop from this `_headers` file: `_headers:LINE: ...` each.

    Cloudflare Pages reads at most 100 rules and lines of at most 2,000 characters, and ignores the
    rest without a word; Netlify documents no limits.
    """
    problems = []
    rules = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#") and not line[0].isspace():
            rules += 1
            if rules == MAX_RULES + 1:
                problems.append(
                    f"_headers:{number}: rule {rules} ({line.strip()}); Cloudflare Pages reads only the "
                    f"first {MAX_RULES} rules and would drop this one and every one after it"
                )
        if len(line) > MAX_LINE:
            problems.append(
                f"_headers:{number}: a line of {len(line)} characters; Cloudflare Pages drops lines "
                f"longer than {MAX_LINE}"
            )
    return problems


def parse_headers_file(text: str) -> list[HeaderRule]:
    """Read a `_headers` file back (the tests compare nginx's answers with it)."""
    rules: list[HeaderRule] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append(HeaderRule(line.strip(), {}))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1].headers[name.strip()] = value.strip()
        else:
            raise ValueError(f"_headers:{number}: expected a path or an indented 'Name: value' line")
    return rules


# ---- Helper functions --------------------------------------------------------------------------


def _partition(folder: str, by_file: dict[str, dict[str, str]], url_prefix: str) -> list[HeaderRule]:
    """Rules for the files under `folder` ("" or "es/"): one splat if they agree, else per file."""
    values = list(by_file.values())
    if all(headers == values[0] for headers in values):
        return [HeaderRule(f"{url_prefix}{folder}*", values[0])] if values[0] else []
    rules: list[HeaderRule] = []
    subfolders: dict[str, dict[str, dict[str, str]]] = {}
    for path, headers in by_file.items():
        rest = path[len(folder) :]
        if "/" in rest:
            subfolders.setdefault(folder + rest.split("/", 1)[0] + "/", {})[path] = headers
        elif headers:
            rules.append(HeaderRule(f"{url_prefix}{path}", headers))
            if rest == "index.html":
                rules.append(HeaderRule(f"{url_prefix}{folder}", headers))
    for subfolder, files in sorted(subfolders.items()):
        rules += _partition(subfolder, files, url_prefix)
    return rules


# ---- Data --------------------------------------------------------------------------------------

# Everything from the site's own origin. data: images are Material's icons, inlined in its CSS.
# No 'unsafe-inline' for styles either: the built pages have no style attribute or <style> element
# (publish.csp_audit), and Material's script sets styles through element.style, which CSP allows.
PAGE_POLICY = (
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'self'",  # the live preview on the "Embed these pages" page
    "form-action 'self'",
    "base-uri 'none'",
)
EMBED_FOLDER = "embed/"
FEED_FOLDER = "feed/"
CLINIC_LOGO = "assets/images/clinic-logo."
LOGO_POLICY = "default-src 'none'; sandbox"
# Files a clinic's own page loads from this site (the embed snippet's script).
CROSS_ORIGIN_FILES = frozenset({"assets/javascripts/embed.js"})
# Every powerful feature off. Left out: "interest-cohort" (FLoC ended; "browsing-topics" is its
# successor) and "bluetooth": Chromium 156 reports both as unknown features in the console.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"
# Cloudflare Pages reads at most this many rules from a _headers file, and lines up to this long.
MAX_RULES = 100
MAX_LINE = 2000

_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
_HEADERS_PREAMBLE = """\
# Written by the site build (hooks/publish_hook.py, mammogram_callbacks.publish.headers): do not edit.
# Read by Netlify and Cloudflare Pages; deploy/nginx.conf sends the same headers.
# No header is set by two rules that match the same path: hosts merge such headers differently.
"""
