"""Check 3, per segment: nothing of the source goes missing, and nothing hides behind the page.

Every list item, table row, box and paragraph is a segment and is counted: a translation that
drops the item "fluid comes out of one nipple" from a warning box loses advice a patient needs,
so a missing segment is a blocking finding (a notice while the page is outdated), and one inside a
warning or danger box is always blocking. A translation may not define its own abbreviations
(`*[word]: ...`): the glossary's definitions are the reviewed ones, shown on every page.
"""

from __future__ import annotations

from mammogram_callbacks.core.findings import Finding
from mammogram_callbacks.markdown.alignment import Alignment
from mammogram_callbacks.markdown.segments import Segment

CHECK = "structure"

# Boxes whose every line is safety advice: dropping one is blocking even in an outdated page.
SAFETY_BOXES = frozenset({"warning", "danger"})


def check_missing_segments(
    source_path: str,
    path: str,
    alignment: Alignment,
    translated: list[Segment],
    outdated: bool,
    recorded: bool,
) -> list[Finding]:
    """English segments with no translated counterpart, and translated ones with no English one.

    With records (`data/segments/<lang>.yml`) the pairing is by content and the missing segment is
    named. Without, which of three like items was dropped cannot be known from another language's
    words, so the finding counts them, at the box or list, rather than guess.
    """
    # A whole section, box or table that is missing is the structure check's finding; here, what
    # goes missing from inside one the translation has. A table row is one finding, not one per cell.
    present = {_container(t.id) for t in translated} | {f"{t.section or '_'}/" for t in translated}
    source_containers = {_container(p.source.id) for p in alignment.pairs if p.source}
    findings = []
    reported: set[str] = set()
    for index, pair in enumerate(alignment.pairs):
        extra = pair.translation
        if pair.source is None and extra is not None and _container(extra.id) in source_containers:
            findings.append(
                Finding(
                    path,
                    extra.line,
                    CHECK,
                    f"this {extra.describe} has no counterpart in {source_path} (a split or an addition?): "
                    f"keep one {extra.kind} per English {extra.kind}, so that each can be checked against it",
                    blocking=False,
                )
            )
            continue
        if pair.translation is not None or pair.source is None:
            continue
        source = pair.source
        if source.kind in ("heading", "title", "description") or _container(source.id) not in present:
            continue
        safety = source.container in SAFETY_BOXES
        why = "; it is safety advice and must be translated" if safety else ""
        blocking = safety or not outdated
        if source.kind == "cell":
            row = source.id.rsplit(".", 1)[0]
            if row in reported:
                continue
            reported.add(row)
        elif not recorded:
            group = (_container(source.id), source.kind)
            if str(group) in reported:
                continue
            reported.add(str(group))
            ours = [t for t in translated if (_container(t.id), t.kind) == group]
            theirs = [
                p.source
                for p in alignment.pairs
                if p.source and (_container(p.source.id), p.source.kind) == group
            ]
            first = theirs[0]
            place = f"the '{source.container}' box" if source.container else "this section"
            findings.append(
                Finding(
                    path,
                    ours[0].line if ours else _nearest_line(alignment, index, translated),
                    CHECK,
                    f"{place} has {len(ours)} {_plural(source.describe.split(' of ')[0])}; the source's "
                    f"({source_path}:{first.line}) has {len(theirs)}: {len(theirs) - len(ours)} missing{why}",
                    blocking=blocking,
                )
            )
            continue
        what = "table row" if source.kind == "cell" else source.describe
        findings.append(
            Finding(
                path,
                _nearest_line(alignment, index, translated),
                CHECK,
                f"{_article(what)} {what} of the source is missing here ({source_path}:{source.line}: "
                f"'{_short(source.prose or source.text)}'){why}",
                blocking=blocking,
            )
        )
    return findings


def _plural(noun: str) -> str:
    return noun + ("es" if noun.endswith("s") else "s")


def check_alignment(source_path: str, path: str, alignment: Alignment, body_line: int) -> list[Finding]:
    """A page whose segments cannot be paired with the source's, at the first place it broke."""
    if not alignment.breaks or alignment.aligned_share >= 0.5:
        return []
    line, why = alignment.breaks[0]
    return [
        Finding(
            path,
            line or body_line,
            CHECK,
            f"cannot be aligned with {source_path}: only {alignment.aligned_share:.0%} of its segments "
            f"pair with the source's; it broke here: {why}. Rebuild the page from the source's "
            f"headings, boxes and lists",
            blocking=False,  # the structure check already blocks the page; this says where to start
        )
    ]


def check_own_abbreviations(path: str, abbreviations: list[tuple[int, str]]) -> list[Finding]:
    return [
        Finding(
            path,
            line,
            CHECK,
            f"defines its own abbreviation ({text.split(':', 1)[0]}:): a translation may not; the "
            f"terms' explanations come from data/termbase/ (the glossary), reviewed for every page",
        )
        for line, text in abbreviations
    ]


def _nearest_line(alignment: Alignment, index: int, translated: list[Segment]) -> int:
    """The line of the translated segment before the gap (where the missing text belongs)."""
    for pair in reversed(alignment.pairs[:index]):
        if pair.translation is not None:
            return pair.translation.line
    return translated[0].line if translated else 1


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeio" else "a"


def _container(segment_id: str) -> str:
    """'why/warning1.li2' -> 'why/warning1.'; 'why/table1.r2.cell1' -> 'why/table1.'; 'why/p1' -> 'why/'."""
    section, _, local = segment_id.partition("/")
    box = local.split(".", 1)[0] + "." if "." in local else ""
    return f"{section}/{box}"
