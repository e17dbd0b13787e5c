"""Check 3, structure: the same headings, admonitions, images, tables and links as the source,
and internal links that resolve, anchors included, within the page's own language."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.page import Element, ParsedPage

CHECK = "structure"

_LABELS = {
    "heading": "headings",
    "admonition": "admonitions",
    "image": "images",
    "table": "tables",
    "marker": "generated blocks (<!-- pe:... -->)",
}


def check_translation_structure(source: ParsedPage, translation: ParsedPage, outdated: bool) -> list[Finding]:
    """Element by element, in order: the translation has what the source has."""
    findings = []
    for kind, label in _LABELS.items():
        src, dst = source.elements(kind), translation.elements(kind)
        for index, (a, b) in enumerate(zip(src, dst, strict=False)):
            if _signature(a) != _signature(b):
                findings.append(
                    Finding(
                        translation.path,
                        b.line,
                        CHECK,
                        f"{_describe(b)} does not match the source: {source.path}:{a.line} has "
                        f"{_describe(a)} as {_ordinal(index + 1)} of its {label}",
                        blocking=not outdated,
                    )
                )
                break
        if len(src) != len(dst):
            line = (
                dst[len(src)].line
                if len(dst) > len(src)
                else (dst[-1].line if dst else translation.body_line)
            )
            findings.append(
                Finding(
                    translation.path,
                    line,
                    CHECK,
                    f"has {len(dst)} {label}; the source ({source.path}) has {len(src)}",
                    blocking=not outdated,
                )
            )

    src_links = Counter(_link_target(e.value) for e in source.elements("link"))
    dst_links = Counter(_link_target(e.value) for e in translation.elements("link"))
    for element in translation.elements("link"):
        target = _link_target(element.value)
        if dst_links[target] > src_links[target]:
            dst_links[target] -= 1
            findings.append(
                Finding(
                    translation.path,
                    element.line,
                    CHECK,
                    f"link to {element.value} is not in the source ({source.path})",
                    blocking=not outdated,
                )
            )
    for target in (src_links - Counter(_link_target(e.value) for e in translation.elements("link"))).keys():
        line = next(e.line for e in source.elements("link") if _link_target(e.value) == target)
        findings.append(
            Finding(
                translation.path,
                translation.body_line,
                CHECK,
                f"link to {target} ({source.path}:{line}) is missing",
                blocking=not outdated,
            )
        )
    return findings


def check_internal_links(
    page: ParsedPage,
    language_dir: str,
    resolve: Callable[[str], ParsedPage | None],
    asset_exists: Callable[[str], bool],
) -> list[Finding]:
    """Relative links go to a page of the same language (or its fallback) and to an anchor it has."""
    findings = []
    page_dir = posixpath.dirname(page.path)
    for element in page.elements("link") + page.elements("image"):
        parts = urlsplit(element.value)
        if parts.scheme or parts.netloc or element.value.startswith("//"):
            continue
        if parts.path:
            target_path = posixpath.normpath(posixpath.join(page_dir, parts.path))
            if not target_path.startswith(language_dir + "/") and not target_path.endswith(".md"):
                if not asset_exists(target_path):
                    findings.append(
                        Finding(
                            page.path, element.line, CHECK, f"link to {element.value}: no file {target_path}"
                        )
                    )
                continue
            if not target_path.endswith(".md"):
                if not asset_exists(target_path):
                    findings.append(
                        Finding(
                            page.path, element.line, CHECK, f"link to {element.value}: no file {target_path}"
                        )
                    )
                continue
            target = resolve(target_path)
            if target is None:
                findings.append(
                    Finding(
                        page.path,
                        element.line,
                        CHECK,
                        f"link to {element.value}: no page {target_path} in this language "
                        f"or the source language",
                    )
                )
                continue
        else:
            target = page
        if parts.fragment and parts.fragment not in target.anchors():
            findings.append(
                Finding(
                    page.path,
                    element.line,
                    CHECK,
                    f"link to {element.value}: {target.path} has no heading with id "
                    f"'{parts.fragment}' (ids: {', '.join(sorted(target.anchors())) or 'none'})",
                )
            )
    return findings


def _signature(element: Element) -> tuple:
    if element.kind == "heading":
        return (element.value, element.detail)  # level and id
    if element.kind == "admonition":
        return (element.value,)  # type; the title is translated
    if element.kind == "image":
        return (element.value,)
    return (element.value,)


def _describe(element: Element) -> str:
    if element.kind == "heading":
        return f"a level-{element.value} heading with id '{element.detail}'"
    if element.kind == "admonition":
        return f"a '{element.value}' admonition"
    if element.kind == "table":
        return f"a table of {element.value} columns"
    if element.kind == "image":
        return f"an image of {element.value}"
    return f"'{element.value}'"


def _link_target(url: str) -> str:
    return url.strip()


def _ordinal(n: int) -> str:
    return f"{n}{'tsnrhtdd'[(n // 10 % 10 != 1) * (n % 10 < 4) * n % 10 :: 4]}"
