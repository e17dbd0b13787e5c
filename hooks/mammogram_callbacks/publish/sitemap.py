"""The sitemaps: hreflang alternates for every language plus x-default, and one sitemap per language.

mkdocs-static-i18n writes the root sitemap.xml with every page of every language and each page's
alternates (absolute URLs from site_url). This adds `x-default` (the default language's page, for
readers whose language the site does not have) and splits out a sitemap per language, which
Material's language selector fetches beside each language's root.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

# ---- Functions ---------------------------------------------------------------------------------


def read_sitemap(path: Path) -> ET.ElementTree[ET.Element]:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    return ET.parse(path)


def add_x_default(tree: ET.ElementTree[ET.Element], default_language: str) -> None:
    """Give every URL an x-default alternate: its page in the default language."""
    for url in tree.getroot().iter(_URL):
        links = url.findall(_LINK)
        if any(link.get("hreflang") == "x-default" for link in links):
            continue
        href = next((link.get("href") for link in links if link.get("hreflang") == default_language), None)
        if href is not None:
            ET.SubElement(url, _LINK, {"rel": "alternate", "hreflang": "x-default", "href": href})


def split_by_language(
    tree: ET.ElementTree[ET.Element], site_url: str, languages: list[str]
) -> dict[str, ET.ElementTree[ET.Element]]:
    """One sitemap per language in `languages`: the URLs under site_url/<language>/."""
    trees: dict[str, ET.ElementTree[ET.Element]] = {}
    for code in languages:
        root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        prefix = f"{site_url.rstrip('/')}/{code}/"
        for url in tree.getroot().iter(_URL):
            loc = url.find(_LOC)
            if loc is not None and (loc.text or "").startswith(prefix):
                root.append(url)
        trees[code] = ET.ElementTree(root)
    return trees


def write_sitemap(tree: ET.ElementTree[ET.Element], path: Path, with_gzip: bool = False) -> None:
    """Write the sitemap, and its .gz twin when asked (MkDocs writes one beside the root sitemap)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    if with_gzip:
        # mtime 0: the same sitemap always gives the same bytes.
        with (
            path.with_name(path.name + ".gz").open("wb") as raw,
            gzip.GzipFile(fileobj=raw, filename=path.name, mode="wb", mtime=0) as compressed,
        ):
            compressed.write(path.read_bytes())


def sitemap_entries(text: str) -> dict[str, dict[str, str]]:
    """loc -> {hreflang: href} for every URL of a sitemap (raises ET.ParseError if it does not parse)."""
    root = ET.fromstring(text)
    return {
        url.findtext(_LOC, "").strip(): {
            link.get("hreflang", ""): link.get("href", "") for link in url.findall(_LINK)
        }
        for url in root.iter(_URL)
    }


# ---- Data --------------------------------------------------------------------------------------

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
_URL = f"{{{SITEMAP_NS}}}url"
_LOC = f"{{{SITEMAP_NS}}}loc"
_LINK = f"{{{XHTML_NS}}}link"
