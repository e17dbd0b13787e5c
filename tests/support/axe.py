"""axe-core in a page driven by Playwright: WCAG 2.0, 2.1 and 2.2 A and AA rules, nothing else.

axe-core comes from the npm registry (package.json pins it; `make test` installs it with `npm ci`)
and is injected into each page from node_modules, so the audit makes no request of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# ---- Classes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]  # CSS selectors of the failing elements
    summary: str  # axe's explanation for the first failing element

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help}; {', '.join(self.targets[:5])}: {self.summary}"


# ---- Functions ---------------------------------------------------------------------------------


def axe_script(root: Path) -> Path:
    """node_modules/axe-core/axe.min.js under `root`, or a clear error saying how to install it."""
    script = root / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        raise FileNotFoundError(f"{script} is missing: run `npm ci` (or `make test`) in {root}")
    return script


def audit(page, script: Path) -> list[Violation]:
    """Run axe on the page as it is now (a Playwright Page, already loaded); its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    results = page.evaluate(_RUN, WCAG_TAGS)
    return [
        Violation(v["id"], v["impact"] or "", v["help"], tuple(v["targets"]), v["summary"]) for v in results
    ]


# ---- Data --------------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ")),
    summary: (v.nodes[0] && v.nodes[0].failureSummary || "").replace(/\\s+/g, " "),
  }));
}"""
