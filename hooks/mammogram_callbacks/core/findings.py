"""What a check reports: one finding per problem, always with a file and a line."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A problem in one file, at one line, found by one check.

    `blocking` findings fail `mkdocs build --strict` and `translations check`; the others (an
    outdated translation, structure drift in a page already known to be outdated) only show in the
    translation status.
    """

    path: str
    line: int
    check: str
    message: str
    blocking: bool = True

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class DataError(Exception):
    """Unusable project data (broken YAML, an unknown statistic): the build cannot go on."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))
