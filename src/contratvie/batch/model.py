"""What a batch knows about each contract: one row of the synthesis."""

from __future__ import annotations

from dataclasses import dataclass, field

from contratvie.audit import Audit

AUDITED, FAILED, NOT_DONE = "audité", "échec", "non traité"


@dataclass
class CriterionInfo:
    id: str
    title: str
    weight: int = 1


@dataclass
class ContractRow:
    path: str  # as found (relative to where the batch was run when given so)
    name: str  # base name of its reports in OUTDIR/rapports/
    status: str = NOT_DONE
    title: str | None = None
    pages: int | None = None
    score: float | None = None
    levels: dict[str, int] = field(default_factory=dict)
    error: str = ""
    unreadable: list[int] = field(default_factory=list)
    cached: bool = False
    seconds: float = 0.0

    @property
    def report_html(self) -> str | None:
        return f"rapports/{self.name}.html" if self.status == AUDITED else None


def fill_row(row: ContractRow, audit: Audit) -> ContractRow:
    row.status = AUDITED
    row.title = audit.document.title
    row.pages = audit.document.pages
    row.score = audit.score
    row.levels = {c.id: c.level for c in audit.criteria}
    row.unreadable = list(audit.document.unreadable_pages)
    row.error = ""
    return row
